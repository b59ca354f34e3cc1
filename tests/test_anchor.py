"""Re-anchoring a span in a new version of a text: each outcome, and never the wrong words."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.anchor import Reanchorer, reanchor, same_words
from claimcheck.models import Span
from claimcheck.text import context
from tests.conftest import SEED

TEXT = SEED.read_text(encoding="utf-8")


def span_of(text: str, quote: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    prefix, suffix = context(text, start, start + len(quote))
    return Span(start=start, end=start + len(quote), quote=quote, prefix=prefix, suffix=suffix)


def test_same_text_is_unchanged():
    found = reanchor(TEXT, span_of(TEXT, "plus de 1 000 soldats"), TEXT)
    assert found.outcome == "unchanged"
    assert found.span == span_of(TEXT, "plus de 1 000 soldats")


def test_an_edit_after_the_claim_leaves_it_unchanged():
    new = TEXT.replace("Alliance des États du Sahel", "Alliance des États du Sahel (AES)")
    found = reanchor(TEXT, span_of(TEXT, "750 km"), new)
    assert found.outcome == "unchanged"
    assert found.span.start == TEXT.index("750 km")


def test_text_inserted_above_moves_the_claim():
    new = "Mise à jour : ajout d'une précision.\n\n" + TEXT
    found = reanchor(TEXT, span_of(TEXT, "750 km"), new)
    assert found.outcome == "moved"
    assert new[found.span.start : found.span.end] == "750 km"
    assert found.span.start == TEXT.index("750 km") + len("Mise à jour : ajout d'une précision.\n\n")


def test_a_corrected_figure_is_changed_and_points_at_the_new_words():
    new = TEXT.replace("plus de 1 000 soldats", "plus de 1 100 soldats")
    found = reanchor(TEXT, span_of(TEXT, "plus de 1 000 soldats"), new)
    assert found.outcome == "changed"
    assert found.span.quote == "plus de 1 100 soldats"
    assert new[found.span.start : found.span.end] == found.span.quote


def test_a_short_figure_corrected_in_place_is_changed():
    new = TEXT.replace("750 km (460 miles)", "750 km (466 miles)")
    found = reanchor(TEXT, span_of(TEXT, "460 miles"), new)
    assert (found.outcome, found.span.quote) == ("changed", "466 miles")


def test_a_typo_fixed_inside_a_quote_is_changed():
    quote = "parvenus à un accord de désengagement pour effectuer le retrait des forces américaines"
    old = TEXT.replace("désengagement", "désengagemnt")
    found = reanchor(old, span_of(old, quote.replace("désengagement", "désengagemnt")), TEXT)
    assert found.outcome == "changed"
    assert found.span.quote == quote


def test_a_removed_sentence_orphans_its_claims():
    sentence = (
        'Le colonel Abdramane a condamné les États-Unis pour leur "attitude condescendante" '
        'et leurs "menaces de représailles".\n\n'
    )
    new = TEXT.replace(sentence, "")
    for quote in ("attitude condescendante", "menaces de représailles"):
        found = reanchor(TEXT, span_of(TEXT, quote), new)
        assert (found.outcome, found.span) == ("orphaned", None)


def test_the_same_words_elsewhere_are_not_taken_for_a_removed_claim():
    old = "Le port a reçu 100 navires en mars.\n\nLa flotte de pêche compte 100 navires selon le ministère."
    new = "La flotte de pêche compte 100 navires selon le ministère."
    found = reanchor(old, span_of(old, "100 navires"), new)
    assert found.outcome == "orphaned"
    # The claim that is still there is found.
    assert reanchor(old, span_of(old, "100 navires", 1), new).outcome == "moved"


def test_a_claim_repeated_word_for_word_stays_with_the_copy_where_it_was():
    paragraph = "Selon le dernier bilan officiel, on compte 12 morts et des dizaines de blessés dans la région."
    old = f"Intro.\n\n{paragraph}\n\nFin."
    new = f"Intro.\n\n{paragraph}\n\nFin.\n\nRappel : {paragraph}"
    found = reanchor(old, span_of(old, "12 morts"), new)
    assert (found.outcome, found.span.start) == ("unchanged", old.index("12 morts"))


def test_typographic_changes_are_not_a_change_of_words():
    old = "Il a été élu l’année dernière à la présidence."
    new = "Il a été élu l'année dernière à la présidence."
    found = reanchor(old, span_of(old, "l’année dernière"), new)
    assert found.outcome == "unchanged"
    assert found.span.quote == "l'année dernière"
    assert same_words("1\u202f000 soldats", "1 000  soldats")


def test_a_rewritten_claim_with_its_context_gone_is_orphaned():
    old = "Selon la police, 3 000 manifestants ont défilé dimanche à Paris."
    new = "La préfecture n'a donné aucun chiffre sur le cortège parisien."
    assert reanchor(old, span_of(old, "3 000 manifestants"), new).outcome == "orphaned"


def test_many_spans_share_one_alignment():
    new = "Chapeau ajouté.\n\n" + TEXT.replace("plus de 1 000 soldats", "plus de 1 100 soldats")
    anchorer = Reanchorer(TEXT, new)
    outcomes = [
        anchorer.locate(span_of(TEXT, q)).outcome
        for q in ("le 15 septembre", "deux bases militaires", "plus de 1 000 soldats")
    ]
    assert outcomes == ["moved", "moved", "changed"]


# -- property: random edits never attach a claim to other words ---------------------

# Each sentence draws its words from its own letters and holds its claim phrase
# well inside (at least 32 characters of its own words either side), so a copy
# of the phrase in another sentence has other words all around it. The phrases
# are shared: the same figure appears in several sentences, and in inserted ones.
_LETTERS = ["abc", "def", "ghi", "jkl", "mno", "pqr", "stu", "vwy"]
_PHRASES = ["1000 soldats", "750 km", "12 morts", "deux bases"]


def _words(letters: str):
    return st.lists(st.text(alphabet=letters, min_size=4, max_size=8), min_size=7, max_size=10)


@st.composite
def _sentence(draw, ident: int, letters: str) -> tuple[int, list[str], list[str], str]:
    return ident, draw(_words(letters)), draw(_words(letters)), draw(st.sampled_from(_PHRASES))


def _render(items, joins: list[str]) -> tuple[str, dict[int, tuple[int, int]]]:
    """The text of the sentences (id, words before, words after, phrase) and where each phrase landed."""
    out, where = "", {}
    for n, (ident, before, after, phrase) in enumerate(items):
        if n:
            out += joins[n % len(joins)]
        out += " ".join(before) + " "
        where[ident] = (len(out), len(out) + len(phrase))
        out += phrase + " " + " ".join(after) + "."
    return out, where


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_edits_never_attach_a_claim_to_other_words(data):
    count = data.draw(st.integers(2, len(_LETTERS)))
    items = [data.draw(_sentence(i, _LETTERS[i])) for i in range(count)]
    joins = data.draw(st.lists(st.sampled_from([" ", "\n\n", "\n"]), min_size=1, max_size=3))
    old, where = _render(items, joins)
    target = data.draw(st.integers(0, count - 1))
    start, end = where[target]
    prefix, suffix = context(old, start, end)
    span = Span(start=start, end=end, quote=old[start:end], prefix=prefix, suffix=suffix)

    edited = list(items)
    for step in range(data.draw(st.integers(1, 4))):
        action = data.draw(st.sampled_from(["insert", "delete", "reword", "refigure"]))
        pos = data.draw(st.integers(0, len(edited) - 1))
        ident, before, after, phrase = edited[pos]
        if action == "insert":
            edited.insert(pos, data.draw(_sentence(100 + step, "xz")))
        elif action == "delete" and len(edited) > 1:
            del edited[pos]
        elif action == "reword":
            # One word replaced, anywhere in the sentence (in the context window or not).
            side = data.draw(st.sampled_from(["before", "after"]))
            words = list(before if side == "before" else after)
            words[data.draw(st.integers(0, len(words) - 1))] = "xzzx"
            edited[pos] = (ident, words, after, phrase) if side == "before" else (ident, before, words, phrase)
        elif action == "refigure":
            edited[pos] = (
                ident,
                before,
                after,
                phrase.replace("1000", "1400").replace("750", "780").replace("deux", "trois").replace("12", "19"),
            )
    new, new_where = _render(edited, joins)

    found = reanchor(old, span, new)
    truth = new_where.get(target)
    if found.span is not None:
        assert new[found.span.start : found.span.end] == found.span.quote
        assert truth is not None, "attached to other words although the claim was removed"
        assert found.span.start < truth[1] and truth[0] < found.span.end, "attached to other words"
    if truth is not None and context(new, *truth) == (prefix, suffix) and new[truth[0] : truth[1]] == span.quote:
        assert found.span is not None and (found.span.start, found.span.end) == truth


def test_long_texts_are_aligned_line_by_line_with_the_same_outcomes(monkeypatch):
    import claimcheck.anchor as anchor

    new = "Chapeau ajouté.\n\n" + TEXT.replace("plus de 1 000 soldats", "plus de 1 100 soldats")
    quotes = ("le 15 septembre", "750 km", "plus de 1 000 soldats")
    expected = [reanchor(TEXT, span_of(TEXT, q), new) for q in quotes]
    monkeypatch.setattr(anchor, "ALIGN_LIMIT", 10_000)  # the seed is 3,111 characters: too long now
    assert [reanchor(TEXT, span_of(TEXT, q), new) for q in quotes] == expected
    assert [a.outcome for a in expected] == ["moved", "moved", "changed"]
