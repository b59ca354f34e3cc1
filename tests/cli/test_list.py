"""`list`'s read path: the page of the table, index entries checked as far as they are read, the table drawn.

`list` reads every index shard (33 MB at 100k claims), so it takes shortcuts:
it sorts only the articles the shown rows come from, checks an entry's keys
only as far as the filters read them, and gives rich the widths of the columns
that never wrap. These tests pin that none of it changes a row, an order, a
message or a character on screen.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from claimcheck.cli import claims as claims_cli
from claimcheck.cli import output
from claimcheck.store import Registry
from claimcheck.store.index import first_in_order, in_article_order, list_order
from tests.conftest import EXAMPLES

SECOND = EXAMPLES / "port-expansion.en.txt"


def _shard(registry: Path, claim_id: str) -> Path:
    return registry / "index" / f"{claim_id[2:4]}.json"


def _edit_shard(registry: Path, claim_id: str, change) -> Path:
    path = _shard(registry, claim_id)
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data, next(k for k, d in data["claims"].items() if d["id"] == claim_id))
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def two_articles(cli, seeded, tmp_path):
    """The seed article and a second one, a few claims moved along, as `list --json` gives them."""
    article = tmp_path / SECOND.name
    shutil.copy(SECOND, article)
    assert cli("ingest", article, "--published", "2024-05-01").exit_code == 0
    listed = cli("list", "--json").json()
    assert cli("mark", listed[1]["id"], "dismissed").exit_code == 0
    assert cli("mark", listed[-1]["id"], "in-review").exit_code == 0
    return cli("list", "--json").json()


# -- the page ----------------------------------------------------------------------------------------


_ARTICLES = ["a-000001", "a-000002", "a-000003", "a-0000f1", "a-0000f2"]  # the last two not in registry.json


@given(
    rows=st.lists(st.tuples(st.sampled_from(_ARTICLES), st.integers(0, 4)), max_size=60),
    known=st.permutations(_ARTICLES[:3]),
    limit=st.integers(1, 70),
)
def test_a_page_is_the_start_of_the_whole_sorted_list(rows, known, limit):
    order = {article_id: rank for rank, article_id in enumerate(known)}
    # Positions tie often and ids are not in insertion order, so every part of the sort key matters.
    found = [{"article_id": a, "start": start, "id": f"c-{(i * 7919) % 1000:03x}"} for i, (a, start) in enumerate(rows)]
    whole = sorted(found, key=list_order(order))
    assert first_in_order(found, order, limit) == whole[:limit]
    # `claims()` (list --json) loads the articles in the order their claims have in the whole list.
    assert [*dict.fromkeys(d["article_id"] for d in in_article_order(found, order))] == [
        *dict.fromkeys(d["article_id"] for d in whole)
    ]


def test_claim_page_is_claim_summaries_cut_at_the_limit(two_articles, registry):
    reg = Registry.open(registry)
    assert len(two_articles) > 10
    for filters in ({}, {"status": "unverified"}, {"kind": "date"}, {"search": "port"}, {"status": "verified"}):
        everything = reg.claim_summaries(**filters)
        for limit in (1, 2, 7, len(everything), len(everything) + 3, 0, -2):
            assert reg.claim_page(limit, **filters) == (everything[:limit] if limit else everything, len(everything)), (
                filters,
                limit,
            )


def test_the_table_shows_the_first_rows_of_the_json_order(cli, two_articles):
    table = cli("list", "--limit", "5")
    assert table.exit_code == 0
    ids = [line.split()[0] for line in table.stdout.splitlines() if line.startswith("c-")]
    # The table leaves dismissed claims out (--json has them all).
    shown = [c for c in two_articles if c["status"] != "dismissed"]
    assert ids == [c["id"] for c in shown[:5]]
    assert f"Showing 5 of {len(shown)} claims" in table.stderr


# -- broken index entries --------------------------------------------------------------------------------


BROKEN_ENTRIES = {
    "lacks status": (lambda data, key: data["claims"][key].pop("status"), "lacks status"),
    "lacks text": (lambda data, key: data["claims"][key].pop("text"), "lacks text"),
    "lacks start": (lambda data, key: data["claims"][key].pop("start"), "lacks start"),
    "lacks quote": (lambda data, key: data["claims"][key].pop("quote"), "lacks quote"),
    "not a document": (lambda data, key: data["claims"].__setitem__(key, "c-000000"), "not a set of documents"),
    "table is a list": (lambda data, key: data.update(claims=list(data["claims"].values())), "not a set of documents"),
}


@pytest.mark.parametrize("broken", sorted(BROKEN_ENTRIES))
@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--json"],
        ["list", "--status", "{status}"],
        ["list", "--kind", "{kind}", "--search", "{word}"],
    ],
)
def test_a_broken_index_entry_that_list_reads_is_one_clear_line(cli, seeded, registry, broken, args):
    claim = seeded[0]
    change, message = BROKEN_ENTRIES[broken]
    path = _edit_shard(registry, claim["id"], change)
    args = [a.format(status=claim["status"], kind=claim["kind"], word=claim["text"].split()[0]) for a in args]
    result = cli(*args)
    assert result.exit_code == 1, (args, result.stdout[-300:])
    shown = result.json()["error"]["message"] if "--json" in args else result.stderr
    assert len(shown.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert str(path) in shown and message in shown, shown


def test_an_entry_the_filters_leave_out_is_read_no_further(cli, seeded, registry):
    # Only the fields a filter reads are checked, so a hand-broken entry that is not shown does not stop the
    # listing; listing it (or everything) still names the file.
    claim = seeded[0]
    path = _edit_shard(registry, claim["id"], lambda data, key: data["claims"][key].pop("text"))
    others = [c for c in seeded if c["status"] == claim["status"] and c["kind"] != claim["kind"]]
    assert others
    listed = cli("list", "--kind", others[0]["kind"], "--json")
    assert listed.exit_code == 0 and claim["id"] not in {c["id"] for c in listed.json()}
    everything = cli("list")
    assert everything.exit_code == 1 and str(path) in everything.stderr and "lacks text" in everything.stderr


@pytest.mark.parametrize("content", [b"", b"  \n\n"])
def test_an_empty_index_shard_is_named(cli, seeded, registry, content):
    path = _shard(registry, seeded[0]["id"])
    path.write_bytes(content)
    result = cli("list", "--status", "unverified")
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1
    assert str(path) in result.stderr and "is empty" in result.stderr
    assert path.read_bytes() == content


# -- the table ---------------------------------------------------------------------------------------------


def _draw(cli, monkeypatch, args: list[str], width: int, *, measured_by_rich: bool) -> tuple[str, str]:
    screen = io.StringIO()
    with monkeypatch.context() as patch:
        # A colour terminal of the given width, so that styles and wrapping are both compared.
        patch.setattr(
            output,
            "console",
            Console(
                file=screen,
                width=width,
                force_terminal=True,
                color_system="truecolor",
                highlight=False,
                markup=False,
                emoji=False,
                soft_wrap=True,
            ),
        )
        if measured_by_rich:
            patch.setattr(claims_cli, "_fitted_width", lambda *a: None)
        result = cli(*args)
    return screen.getvalue(), result.stderr


@pytest.mark.parametrize("width", [20, 48, 80, 200])
def test_the_table_is_what_rich_draws_when_it_measures_every_cell(cli, two_articles, registry, monkeypatch, width):
    # Hand edits put wide characters, an emoji and a tab (which rich measures itself) in no-wrap columns.
    _edit_shard(registry, two_articles[0]["id"], lambda d, k: d["claims"][k].update(kind="金額の主張💶"))
    _edit_shard(registry, two_articles[2]["id"], lambda d, k: d["claims"][k].update(article_id="a-\t1"))
    _edit_shard(registry, two_articles[3]["id"], lambda d, k: d["claims"][k].update(status="vérifié", text=""))
    article = two_articles[-1]["article_id"]
    for args in (
        ["list", "--limit", "0"],
        ["list", "--status", "in-review"],
        ["list", "--article", article],
        ["list", "--search", "zzz-nothing"],
    ):
        fitted = _draw(cli, monkeypatch, args, width, measured_by_rich=False)
        assert fitted == _draw(cli, monkeypatch, args, width, measured_by_rich=True), args
        assert fitted[0] or "No claims match" in fitted[1]
