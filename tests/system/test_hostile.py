"""Hostile input: nothing in an article, a note or an evidence link may crash a command or reach a terminal raw.

Every outcome is exit 0 (and then every span is exact against the stored text)
or exit 1 with exactly one line on stderr; never a traceback. Text shown in a
terminal carries no escape sequence and no bidi control from the input.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from claimcheck.store import Registry

SLOW = pytest.mark.skipif(not os.environ.get("CLAIMCHECK_SLOW"), reason="slow: set CLAIMCHECK_SLOW=1")
_FIXTURE_CHECKS = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


def fixture_settings(max_examples: int) -> settings:
    """Examples share the test's registry: that is the point (many articles, versions of one)."""
    return settings(max_examples=max_examples, deadline=None, suppress_health_check=_FIXTURE_CHECKS)


# What must never reach a terminal: C0 controls but tab and newline, DEL, C1 controls, bidi controls.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

HOSTILE = [
    "\x00",
    "\x1b[2J",
    "\x1b]0;owned\x07",
    "\x1b[31m",
    "\x9b31m",
    "\x07",
    "\x08",
    "\x7f",
    "\u202e",
    "\u202d",
    "\u2066",
    "\u2067",
    "\u2069",
    "\u200f",
    "\u061c",
    "e\u0301",
    "\u0301",
    "\u0327\u0327\u0327",
    "\ufeff",
    "\u2028",
    "\u2029",
    "\x85",
    "\r\n",
    "\r",
    "\n\n",
    "\t",
    "\u00a0",
    "\u202f",
    "<script>alert(1)</script>",
    "<iframe src='javascript:alert(1)'></iframe>",
    "<img src=x onerror=alert(1)>",
    "plus de 1 000 soldats",
    "1\u202f000",
    "$100 million",
    "100 millions de dollars",
    "4,2 %",
    "15 %",
    "le 15 septembre",
    "in May",
    "l'année dernière",
    "« au plus tard »",
    '"We will leave," he said.',
    "M. Dupont a déclaré",
    "entre 3 et 5 km",
    "between 3 and 5 km",
    "9" * 40,
    "١٢٣",
    "１２３",
    "\U0001f600",
]
texts = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12)), min_size=1, max_size=40).map("".join)


def _one_line_error(result, *, json: bool = False) -> None:
    """Exit 1 and one line: on stderr, or under --json as {"error": {...}} on stdout."""
    assert result.exit_code == 1, (result.exit_code, result.stdout[-500:], result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    if json:
        assert result.stderr == ""
        error = result.json()["error"]
        assert error["code"] and len(error["message"].splitlines()) == 1
        return
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith("claimcheck: error: ")


def _safe_output(result) -> None:
    for stream in (result.stdout, result.stderr):
        assert not UNSAFE.search(stream), repr(UNSAFE.search(stream).group())


def _assert_spans_exact(root: Path, article_id: str) -> int:
    """Every claim of the article against the text of its version; returns how many."""
    reg = Registry.open(root)
    article = reg.article(article_id)
    texts = {v.version: v.text for v in article.versions if v.text is not None}
    texts[article.version] = article.text
    claims = reg.claims_of(article_id)
    for claim in claims:
        text = texts[claim.version]
        assert text[claim.span.start : claim.span.end] == claim.span.quote
        assert 0 <= claim.span.start < claim.span.end <= len(text)
    return len(claims)


# -- extraction itself -------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(text=texts, lang=st.sampled_from(["fr", "en"]))
def test_extraction_never_raises_and_keeps_spans_inside_the_text(text, lang):
    from claimcheck.extract.pipeline import extract

    for draft in extract(text, lang, date(2024, 5, 20)):
        assert 0 <= draft.start < draft.end <= len(text)
        assert text[draft.start : draft.end].strip()


# -- ingest of hostile files ---------------------------------------------------------------------

payloads = st.one_of(
    texts.map(lambda t: t.encode("utf-8")),
    texts.map(lambda t: t.replace("\n", "\r\n").encode("utf-8")),
    texts.map(lambda t: t.replace("\n", "\r").encode("utf-8")),
    texts.map(lambda t: t.encode("utf-16")),
    st.binary(max_size=300),
)


@fixture_settings(50)
@given(
    raw=payloads,
    ext=st.sampled_from([".txt", ".md", ".html"]),
    lang=st.sampled_from(["fr", "en", None]),
    reuse=st.booleans(),
)
def test_any_file_is_ingested_with_exact_spans_or_refused_in_one_line(cli, registry, tmp_path, raw, ext, lang, reuse):
    if not registry.exists():
        assert cli("init").exit_code == 0
    counter = _counter(tmp_path)
    # The same name again makes the text a new version of that article: re-anchoring gets fuzzed too.
    name = f"same{ext}" if reuse else f"h{next(counter)}{ext}"
    path = tmp_path / name
    path.write_bytes(raw)
    args = ["ingest", path, "--published", "2024-05-20", "--json"] + (["--lang", lang] if lang else [])
    result = cli(*args)
    event(f"exit {result.exit_code}")
    if result.exit_code != 0:
        _one_line_error(result, json=True)
        _safe_output(result)
        return
    assert "Traceback" not in result.stderr
    (ingested,) = result.json()
    event(f"outcome {ingested['outcome']}")
    article_id = ingested["article"]["id"]
    _assert_spans_exact(registry, article_id)
    if ext == ".txt" and ingested["outcome"] == "new":
        stored = Registry.open(registry).article(article_id).text
        # The stored text is the file decoded, minus a BOM: CR, CRLF, NUL-free controls all kept.
        assert stored == raw.decode("utf-8").removeprefix("\ufeff")
    listed = cli("list", "--article", article_id)
    assert listed.exit_code == 0
    _safe_output(listed)
    if ingested["claims"]:
        shown = cli("show", ingested["claims"][0]["id"])
        assert shown.exit_code == 0, shown.stderr
        _safe_output(shown)


_COUNTERS: dict[Path, itertools.count] = {}


def _counter(tmp_path: Path) -> itertools.count:
    return _COUNTERS.setdefault(tmp_path, itertools.count())


def test_nul_bytes_and_binary_files_are_refused_in_one_line(cli, registry, tmp_path):
    assert cli("init").exit_code == 0
    for name, raw in [
        ("nul.txt", b"Plus de 1 000 soldats\x00 sont partis."),
        ("png.txt", bytes(range(256)) * 4),
        ("latin1.txt", "Déjà 15 %".encode("latin-1")),
        ("utf16.txt", "15 %".encode("utf-16")),
        ("empty.txt", b""),
        ("blank.md", b"  \r\n\t\r\n"),
        ("script.html", b"<script>1</script>"),
    ]:
        path = tmp_path / name
        path.write_bytes(raw)
        result = cli("ingest", path, "--published", "2024-05-20")
        _one_line_error(result)
        assert name in result.stderr
    assert cli("list", "--json").json() == []


def test_crlf_and_lone_cr_keep_the_text_and_exact_spans(cli, registry, tmp_path):
    assert cli("init").exit_code == 0
    for i, eol in enumerate(["\r\n", "\r"]):
        text = (
            eol.join(
                [
                    "Plus de 1 000 soldats ont quitté le pays.",
                    "",
                    "Le coût atteint 100 millions de dollars, soit 4,2 % du budget.",
                ]
            )
            + eol
        )
        path = tmp_path / f"eol{i}.txt"
        path.write_bytes(text.encode("utf-8"))
        result = cli("ingest", path, "--published", "2024-05-20", "--lang", "fr", "--json")
        assert result.exit_code == 0, result.stderr
        article_id = result.json()[0]["article"]["id"]
        assert Registry.open(registry).article(article_id).text == text
        assert _assert_spans_exact(registry, article_id) >= 2


def test_html_scripts_and_iframes_are_not_article_text(cli, registry, tmp_path):
    assert cli("init").exit_code == 0
    page = tmp_path / "page.html"
    page.write_text(
        "<html lang='en'><head><title>Port \u202eevil</title><script>var secret = 'alert(1)';</script>"
        "</head><body><article>"
        "<p>The port handled 2.1 million containers last year, up 15 %.</p>"
        "<iframe src='https://evil.example/'>iframe text 999 km</iframe>"
        "<script>document.write('99 % injected')</script><noscript>noscript 77 %</noscript>"
        "<p onclick='alert(1)'>It cost $100 million.<img src=x onerror=alert(1)></p>"
        "<svg><script>alert(2)</script></svg><style>p{}</style></article></body></html>",
        encoding="utf-8",
    )
    result = cli("ingest", page, "--published", "2024-05-20", "--json")
    assert result.exit_code == 0, result.stderr
    article_id = result.json()[0]["article"]["id"]
    article = Registry.open(registry).article(article_id)
    for bad in ("alert", "script", "iframe", "999 km", "injected", "noscript", "onerror", "<", ">"):
        assert bad not in article.text
    assert _assert_spans_exact(registry, article_id) >= 2
    shown = cli("articles")
    _safe_output(shown)


def test_a_page_whose_metadata_url_is_javascript_is_ingested_without_it(cli, registry, tmp_path):
    assert cli("init").exit_code == 0
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><meta property='og:url' content='javascript:alert(1)'></head><body>"
        "<p>The port handled 2.1 million containers last year.</p></body></html>",
        encoding="utf-8",
    )
    result = cli("ingest", page, "--published", "2024-05-20", "--lang", "en", "--json")
    assert result.exit_code == 0, result.stdout
    assert result.json()[0]["article"]["url"] is None


# -- the size limit ------------------------------------------------------------------------------


def _single_line(n: int) -> str:
    seed = Path(__file__).resolve().parents[2].joinpath("examples", "niger-us-withdrawal.fr.txt")
    line = seed.read_text(encoding="utf-8").replace("\n", " ")
    return (line * (n // len(line) + 1))[:n]


@pytest.fixture(scope="module")
def ten_mb(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("big") / "ten-mb.txt"
    path.write_text(_single_line(10_000_000), encoding="utf-8")
    return path


def test_a_file_over_the_limit_is_refused_naming_the_limit_and_how_to_raise_it(cli, registry, ten_mb, monkeypatch):
    assert cli("init").exit_code == 0
    result = cli("ingest", ten_mb, "--lang", "fr")
    _one_line_error(result)
    assert "5,000,000" in result.stderr and "--max-size" in result.stderr
    assert "CLAIMCHECK_MAX_SIZE" in result.stderr
    monkeypatch.setenv("CLAIMCHECK_MAX_SIZE", "1000")
    small = ten_mb.parent / "small.txt"
    small.write_text("Plus de 1 000 soldats sont partis. " * 40, encoding="utf-8")
    refused = cli("ingest", small, "--lang", "fr")
    _one_line_error(refused)
    assert "1,000-byte limit" in refused.stderr
    assert cli("ingest", small, "--lang", "fr", "--max-size", "100000").exit_code == 0
    monkeypatch.setenv("CLAIMCHECK_MAX_SIZE", "lots")
    _one_line_error(cli("ingest", small, "--lang", "fr"))
    assert cli("list", "--json").exit_code == 0


def test_a_one_megabyte_single_line_is_extracted_with_exact_spans(cli, registry, tmp_path):
    assert cli("init").exit_code == 0
    path = tmp_path / "one-mb.txt"
    path.write_text(_single_line(1_000_000), encoding="utf-8")
    result = cli("ingest", path, "--lang", "fr", "--published", "2024-05-20", "--json")
    assert result.exit_code == 0, result.stderr
    assert _assert_spans_exact(registry, result.json()[0]["article"]["id"]) > 1000


@pytest.mark.slow
@SLOW
def test_a_ten_megabyte_single_line_is_extracted_when_the_limit_is_raised(cli, registry, ten_mb, capsys):
    assert cli("init").exit_code == 0
    began = time.perf_counter()
    result = cli("ingest", ten_mb, "--lang", "fr", "--published", "2024-05-20", "--max-size", "20000000", "--json")
    seconds = time.perf_counter() - began
    assert result.exit_code == 0, result.stderr
    count = _assert_spans_exact(registry, result.json()[0]["article"]["id"])
    with capsys.disabled():
        print(f"\n10 MB single line: {count} claims, all spans exact; ingest took {seconds:.1f} s")


# -- evidence and notes ----------------------------------------------------------------------------

BAD_EVIDENCE = [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    " javascript:alert(1)",
    "jav\tascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "file:relative",
    "vbscript:msgbox",
    "ftp://example.org/x",
    "http://",
    "https:///nohost",
    "//example.org/x",
    "example.org/x",
    "",
    "https://example.org/\x1b[2J",
    "https://exa mple.org/",
    "https://example.org/" + "a" * 3000,
    "mailto:someone@example.org",
    # A URL holds no invisible or bidi characters (they are percent-encoded when real): in a report the
    # link text would read `…/exe.pdf` for `…/\u202efdp.exe`.
    *(
        url
        for url in (
            "https://example.org/\u202efdp.exe",
            "https://exa\u200bmple.org/",
            "https://example.org/\x9b2Jx",
            "https://example.org/\u2066x",
        )
    ),
]


@pytest.mark.parametrize("url", BAD_EVIDENCE)
def test_only_http_urls_or_local_files_are_evidence(cli, seeded, registry, url):
    claim = seeded[0]["id"]
    before = {p: p.read_bytes() for p in registry.rglob("*.json")}
    for args in (
        ["evidence", "add", claim, url],
        ["verify", claim, "--evidence", url],
        ["mark", claim, "false", "--evidence", url],
    ):
        result = cli(*args)
        _one_line_error(result)
        _safe_output(result)
    assert {p: p.read_bytes() for p in registry.rglob("*.json")} == before


def test_a_local_file_is_evidence_with_its_digest_and_size(cli, seeded, tmp_path):
    document = tmp_path / "dod-release.pdf"
    document.write_bytes(b"%PDF-1.4 not really\x00\x01")
    claim = seeded[0]["id"]
    result = cli("evidence", "add", claim, document, "--json")
    assert result.exit_code == 0, result.stderr
    (item,) = result.json()["evidence"]
    assert item["url"] == document.resolve().as_uri()
    assert item["sha256"] == hashlib.sha256(document.read_bytes()).hexdigest()
    assert item["size"] == document.stat().st_size
    folder = cli("evidence", "add", claim, tmp_path)
    _one_line_error(folder)


def test_notes_and_urls_have_length_limits(cli, seeded):
    claim = seeded[0]["id"]
    _one_line_error(cli("mark", claim, "in-review", "--note", "n" * 4001))
    _one_line_error(cli("evidence", "add", claim, "https://example.org/x", "--note", "n" * 4001))
    _one_line_error(cli("evidence", "add", claim, "https://example.org/" + "a" * 2049))
    assert cli("mark", claim, "in-review", "--note", "n" * 4000).exit_code == 0
    assert cli("evidence", "add", claim, "https://example.org/" + "a" * 2000).exit_code == 0


ESCAPES = [
    "\x1b[2J\x1b[H",
    "\x1b]0;pwned\x07",
    "\x1b[31mred",
    "ok\u202egnp.exe",
    "\u2066hidden\u2069",
    "\x9b2J",
    "a\rb",
    "bell\x07",
    "del\x7f",
    "\u200fmark",
]


def test_notes_names_and_titles_reach_the_terminal_without_escapes(cli, registry, tmp_path):
    assert cli("init").exit_code == 0
    nasty = "".join(ESCAPES)
    article = tmp_path / "evil\x1b[2J\u202e.txt"
    article.write_text(
        f"Le colonel a dit {nasty}. Plus de 1 000 soldats {nasty} sont partis le 15 septembre.", encoding="utf-8"
    )
    ingested = cli(
        "ingest",
        article,
        "--lang",
        "fr",
        "--published",
        "2024-05-20",
        "--title",
        f"T{nasty}",
        "--outlet",
        nasty,
        "--by",
        f"eve{nasty}",
        "--json",
    )
    assert ingested.exit_code == 0, ingested.stderr
    claim = ingested.json()[0]["claims"][0]["id"]
    for esc in ESCAPES:
        assert cli("mark", claim, "in-review", "--note", f"note {esc} end", "--by", f"by{esc}").exit_code == 0
        assert (
            cli(
                "evidence",
                "add",
                claim,
                f"https://example.org/{len(esc)}{hash(esc) % 1000}",
                "--note",
                esc,
                "--by",
                esc,
            ).exit_code
            == 0
        )
    for args in (
        ["list"],
        ["articles"],
        ["show", claim],
        ["history", claim],
        ["doctor"],
        ["mark", claim, f"bogus{nasty}"],
        ["show", f"c-{nasty}"],
        ["ingest", tmp_path / f"no{nasty}.txt"],
        ["evidence", "remove", claim, f"https://x{nasty}"],
    ):
        result = cli(*args)
        assert "Traceback" not in result.stderr
        assert result.exit_code in (0, 1), (args, result.stderr)
        _safe_output(result)
    # JSON escapes C0 controls; what a script reads back is what was written.
    shown = cli("show", claim, "--json")
    assert "\x1b" not in shown.stdout
    assert any(e["note"] == "\x1b[2J\x1b[H" for e in shown.json()["evidence"])


@fixture_settings(40)
@given(
    note=st.text(max_size=300) | st.lists(st.sampled_from(HOSTILE + ESCAPES), max_size=10).map("".join),
    by=st.text(max_size=20),
)
def test_any_note_is_recorded_or_refused_and_shown_safely(cli, seeded, note, by):
    claim = seeded[0]["id"]
    result = cli("mark", claim, "in-review", "--note", note, "--by", by)
    if result.exit_code != 0:
        _one_line_error(result)
    _safe_output(result)
    for args in (["show", claim], ["history", claim]):
        shown = cli(*args)
        assert shown.exit_code == 0, shown.stderr
        _safe_output(shown)


def test_the_arabic_letter_mark_is_stripped_too(cli, seeded):
    claim = seeded[0]["id"]
    assert cli("mark", claim, "in-review", "--note", "x\u061cy").exit_code == 0
    assert "\u061c" not in cli("show", claim).stdout


def test_json_output_escapes_c1_and_bidi_controls(cli, seeded):
    claim = seeded[0]["id"]
    assert cli("mark", claim, "in-review", "--note", "a\x9b2Jb\u202ec").exit_code == 0
    shown = cli("show", claim, "--json")
    assert not UNSAFE.search(shown.stdout)
    assert shown.json()["history"][-1]["detail"]["note"] == "a\x9b2Jb\u202ec"
