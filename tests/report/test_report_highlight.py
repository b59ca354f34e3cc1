"""Highlight trees: one main element per anchored claim, whatever the nesting or overlap."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.models import Kind
from claimcheck.report.highlight import Mark, Text, build, paragraphs
from tests.report.factory import article, claim


def _marks(nodes):
    for node in nodes:
        if isinstance(node, Mark):
            yield node
            yield from _marks(node.children)


def _all_marks(tree):
    return [m for p in tree for m in _marks(p.children)]


def _text_of(node) -> str:
    if isinstance(node, Text):
        return node.text
    return "".join(_text_of(child) for child in node.children)


def test_paragraphs_split_on_blank_lines_and_keep_original_offsets():
    text = "One.\n\n  \nTwo\nlines.\n\nThree."
    spans = paragraphs(text)
    assert [text[s:e] for s, e in spans] == ["One.", "Two\nlines.", "Three."]


def test_a_number_inside_a_quote_is_nested_once():
    art = article("He said « we sent 1 000 soldiers there » yesterday.")
    quote = claim(art, "we sent 1 000 soldiers there", Kind.quote, n=1)
    number = claim(art, "1 000 soldiers", Kind.quantity, n=2)
    tree = build(art, [number, quote])
    marks = _all_marks(tree)
    assert [(m.claim.id, m.main) for m in marks] == [("c-000001", True), ("c-000002", True)]
    outer = marks[0]
    assert _text_of(outer) == "we sent 1 000 soldiers there"
    assert any(isinstance(child, Mark) and child.claim.id == "c-000002" for child in outer.children)


def test_a_partial_overlap_is_split_into_a_main_piece_and_a_part():
    art = article("alpha beta gamma delta")
    first = claim(art, "alpha beta gamma", Kind.statement, n=1)
    second = claim(art, "gamma delta", Kind.statement, n=2)
    marks = _all_marks(build(art, [first, second]))
    mains = [m for m in marks if m.main]
    parts = [m for m in marks if not m.main]
    assert sorted(m.claim.id for m in mains) == ["c-000001", "c-000002"]
    assert [(m.claim.id, _text_of(m)) for m in parts] == [("c-000002", " delta")]
    # The claim's words are all covered, in order, by its pieces.
    assert "".join(_text_of(m) for m in marks if m.claim.id == "c-000002") == "gamma delta"
    assert [m.last for m in marks if m.claim.id == "c-000002"] == [False, True]


def test_a_span_across_a_paragraph_break_continues_as_a_part():
    art = article("First paragraph ends here.\n\nSecond starts here.")
    spanning = claim(art, "ends here.\n\nSecond", Kind.statement, n=1)
    tree = build(art, [spanning])
    assert len(tree) == 2
    pieces = _all_marks(tree)
    assert [(m.main, _text_of(m)) for m in pieces] == [(True, "ends here."), (False, "Second")]


def test_identical_spans_each_get_their_own_element():
    art = article("Prices rose 4.2% in May.")
    a = claim(art, "4.2%", Kind.percent, n=1)
    b = claim(art, "4.2%", Kind.statement, n=2)
    marks = _all_marks(build(art, [a, b]))
    assert sorted(m.claim.id for m in marks if m.main) == ["c-000001", "c-000002"]


def test_orphaned_or_stale_claims_are_not_highlighted():
    art = article("The base cost 100 million dollars.")
    kept = claim(art, "100 million dollars", Kind.money, n=1)
    orphan = kept.model_copy(update={"id": "c-000002", "orphaned": True})
    stale = kept.model_copy(update={"id": "c-000003", "span": kept.span.model_copy(update={"quote": "other"})})
    assert [m.claim.id for m in _all_marks(build(art, [kept, orphan, stale]))] == ["c-000001"]


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet="ab \n", min_size=1, max_size=60),
    st.lists(st.tuples(st.integers(0, 59), st.integers(1, 30)), max_size=8),
)
def test_every_anchored_claim_has_exactly_one_main_element_and_the_text_survives(text, spans):
    art = article(text)
    claims = []
    for n, (start, length) in enumerate(spans):
        start = min(start, len(text) - 1)
        end = min(len(text), start + length)
        quote = text[start:end]
        c = claim(art, quote, Kind.statement, n=n) if quote else None
        if c is not None:
            # Place it exactly at (start, end), not at the first occurrence `claim` finds.
            claims.append(c.model_copy(update={"span": c.span.model_copy(update={"start": start, "end": end})}))
    tree = build(art, claims)
    rendered = "".join(_text_of(child) for p in tree for child in p.children)
    assert rendered == "".join(text[s:e] for s, e in paragraphs(text))
    mains = [m.claim.id for m in _all_marks(tree) if m.main]
    assert len(mains) == len(set(mains))
    for c in claims:
        inside = any(c.span.start < e and c.span.end > s for s, e in paragraphs(text))
        assert (c.id in mains) == inside
