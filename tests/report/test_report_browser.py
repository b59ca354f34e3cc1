"""The HTML report in a real browser (headless Chromium): highlights, details, keyboard, hostile text.

Without Chromium these tests are skipped with the reason, unless
CLAIMCHECK_REQUIRE_BROWSER is set (CI sets it): then a missing browser fails.
Screenshots are kept in tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from claimcheck.report import render
from claimcheck.report.common import is_anchored
from tests.report.browser import Browser, find_chromium
from tests.report.factory import hostile_item, seed_item

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture(scope="module")
def browser():
    executable = find_chromium()
    if executable is None:
        reason = (
            "Chromium not found (install Debian's `chromium` package, or set CLAIMCHECK_CHROMIUM to a "
            "Chrome/Chromium binary)"
        )
        if os.environ.get("CLAIMCHECK_REQUIRE_BROWSER"):
            pytest.fail(f"{reason}; CLAIMCHECK_REQUIRE_BROWSER is set, so the browser tests cannot be skipped")
        pytest.skip(reason)
    with Browser(executable, width=1280, height=900) as b:
        yield b


@pytest.fixture(scope="module")
def seed():
    return seed_item()


@pytest.fixture(scope="module")
def seed_page(seed, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "seed.html"
    path.write_text(render("html", [seed]), encoding="utf-8")
    return path


@pytest.fixture
def opened(browser, seed_page):
    browser.set_viewport(1280, 900)
    browser.open(seed_page)
    return browser


def _errors(browser) -> list[str]:
    """Console errors and exceptions, CSP violations among them."""
    found = []
    for event in browser.events:
        params = event["params"]
        if event["method"] == "Runtime.exceptionThrown":
            found.append(json.dumps(params))
        elif event["method"] == "Log.entryAdded" and params["entry"]["level"] == "error":
            found.append(params["entry"]["text"])
        elif event["method"] == "Runtime.consoleAPICalled" and params["type"] == "error":
            found.append(json.dumps(params["args"]))
    return found


def test_one_highlight_per_anchored_claim_in_its_status_colour(opened, seed):
    art, claims = seed
    anchored = sorted(c.id for c in claims if is_anchored(art, c))
    ids = opened.evaluate("[...document.querySelectorAll('[data-claim]')].map(e => e.dataset.claim).sort()")
    assert ids == anchored
    colours = opened.evaluate("""Object.fromEntries([...document.querySelectorAll('[data-claim]')].map(e => [
        e.dataset.status, [getComputedStyle(e).borderBottomColor, getComputedStyle(e, '::after').content]]))""")
    assert colours["verified"][0] == "rgb(26, 127, 55)"  # green
    assert colours["false"][0] == "rgb(207, 34, 46)"  # red
    assert colours["misleading"][0] == "rgb(194, 78, 0)"  # orange
    assert colours["in-review"][0] == "rgb(9, 105, 218)"  # blue
    assert colours["unverifiable"][0] == "rgb(130, 80, 223)"  # purple
    assert colours["unverified"][0] == "rgb(110, 119, 129)"  # grey
    # Colour is never the only signal: each status has its symbol beside the words.
    assert colours["verified"][1] == '"✓"' and colours["false"][1] == '"✗"' and colours["misleading"][1] == '"!"'
    dismissed = opened.evaluate(
        "getComputedStyle(document.querySelector('[data-status=dismissed]')).textDecorationLine"
    )
    assert dismissed == "line-through"
    assert _errors(opened) == []


def test_clicking_a_highlight_shows_its_details(opened):
    assert opened.evaluate("document.querySelector('.detail-body').hidden") is True
    opened.click('[data-claim="c-00000d"]')
    detail = opened.evaluate("document.querySelector('.detail-body').innerText")
    assert opened.evaluate("document.querySelector('.detail-body').hidden") is False
    for expected in (
        "1,000+ soldats",
        "plus de 1 000 soldats",
        "Verified",
        "SUPPORTS",
        "About 1,100 US troops",
        "The Pentagon gives about 1,100.",
        "Status: Unverified → Verified",
        "amount",
        "1,000",
    ):
        assert expected in detail, expected
    link = opened.evaluate("document.querySelector('.detail-body a').href")
    assert link == "https://www.defense.gov/News/Releases/Release/Article/3781213/"
    assert opened.evaluate("document.querySelector('[data-claim=\"c-00000d\"]').classList.contains('is-active')")
    # A claim nested in the statement sentence: the inner one is shown, not the sentence.
    opened.click('[data-claim="c-00000b"]')
    assert "750 km" in opened.evaluate("document.querySelector('.detail-body h3').textContent")
    opened.screenshot(ARTIFACTS / "report-seed-detail.png")


def test_highlights_are_reachable_with_tab_and_enter_opens_the_panel(opened):
    opened.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")
    for _ in range(12):
        opened.press("Tab")
        if opened.evaluate("document.activeElement.dataset.claim || ''"):
            break
    focused = opened.evaluate("document.activeElement.dataset.claim")
    assert focused, "Tab never reached a highlight"
    # Focus alone shows the claim; Enter moves into the panel, Escape comes back.
    shown = opened.evaluate("document.querySelector('.detail').dataset.showing")
    assert shown == focused
    opened.press("Enter")
    assert opened.evaluate("document.activeElement.classList.contains('detail')")
    opened.press("Escape")
    assert opened.evaluate("document.activeElement.dataset.claim") == focused


def test_the_table_filters_by_status(opened, seed):
    _, claims = seed
    opened.click('button.filter[data-filter="false"]')
    visible = opened.evaluate(
        "[...document.querySelectorAll('tbody tr')].filter(r => !r.hidden).map(r => r.dataset.status)"
    )
    assert visible == ["false"]
    assert (
        opened.evaluate("document.querySelector('button.filter[data-filter=\"false\"]').getAttribute('aria-pressed')")
        == "true"
    )
    opened.click('button.filter[data-filter="all"]')
    assert opened.evaluate("[...document.querySelectorAll('tbody tr')].filter(r => !r.hidden).length") == len(claims)


def test_readable_on_a_phone(browser, seed_page):
    browser.set_viewport(390, 844, mobile=True)
    browser.open(seed_page)
    assert browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert browser.evaluate("getComputedStyle(document.querySelector('.detail')).display") == "none"
    browser.click('[data-claim="c-00000b"]')
    panel = browser.evaluate(
        "(() => { const d = document.querySelector('.detail'); const s = getComputedStyle(d);"
        " return [s.display, s.position]; })()"
    )
    assert panel == ["block", "fixed"]
    # The words stay visible above the sheet.
    top = browser.evaluate("document.getElementById('hl-c-00000b').getBoundingClientRect().bottom")
    sheet = browser.evaluate("document.querySelector('.detail').getBoundingClientRect().top")
    assert top <= sheet
    browser.screenshot(ARTIFACTS / "report-seed-phone.png")
    browser.set_viewport(1280, 900)


def test_print_layout_hides_the_panel_and_shows_every_row(opened, seed):
    _, claims = seed
    opened.click('button.filter[data-filter="verified"]')
    opened.command("Emulation.setEmulatedMedia", media="print")
    try:
        assert opened.evaluate("getComputedStyle(document.querySelector('.detail')).display") == "none"
        shown = opened.evaluate(
            "[...document.querySelectorAll('tbody tr')].filter(r => getComputedStyle(r).display !== 'none').length"
        )
        assert shown == len(claims)
    finally:
        opened.command("Emulation.setEmulatedMedia", media="")


def test_hostile_article_runs_nothing(browser, tmp_path):
    art, claims = hostile_item()
    page = tmp_path / "hostile.html"
    page.write_text(render("html", [(art, claims)]), encoding="utf-8")
    browser.set_viewport(1280, 900)
    browser.open(page)
    assert browser.evaluate("typeof window.__pwned") == "undefined"
    assert browser.evaluate("document.querySelectorAll('[data-claim]').length") == len(claims)
    assert browser.evaluate("document.scripts.length") == 2
    assert browser.evaluate("document.images.length") == 0
    assert browser.evaluate("[...document.links].filter(a => !/^https?:|^file:.*#/.test(a.href)).length") == 0
    text = browser.evaluate("document.querySelector('.article-text').innerText")
    assert "<script>window.__pwned = 'script'" in text and "<img src=x onerror=" in text
    # Our own script still works under the policy: details open, hostile values shown as text.
    browser.click('[data-claim="c-bad004"]')
    detail = browser.evaluate("document.querySelector('.detail-body').innerText")
    assert "javascript:window.__pwned='evidence'" in detail
    assert "</script><script>window.__pwned='note'</script>" in detail
    assert browser.evaluate("[...document.querySelectorAll('.detail-body a')].map(a => a.protocol)") == ["https:"]
    browser.click('[data-claim="c-bad002"]')
    browser.click('[data-claim="c-bad003"]')
    assert browser.evaluate("typeof window.__pwned") == "undefined"
    assert browser.dialogs() == []
    assert _errors(browser) == []
    browser.screenshot(ARTIFACTS / "report-hostile.png")


def test_seed_article_end_to_end_in_the_browser(browser, cli, seeded, tmp_path):
    """The real pipeline: ingest the seed article, review some claims, open the report."""
    by_kind = {c["kind"]: c for c in reversed(seeded)}
    steps = [
        ("verify", by_kind["quantity"]["id"], "--evidence", "https://example.org/dod"),
        ("mark", by_kind["money"]["id"], "misleading", "--evidence", "https://example.org/cost"),
        ("mark", by_kind["date"]["id"], "false", "--evidence", "https://example.org/calendar"),
        ("mark", by_kind["quote"]["id"], "in-review"),
    ]
    for step in steps:
        assert cli(*step).exit_code == 0
    page = tmp_path / "seed.html"
    assert cli("report", "--output", page).exit_code == 0
    browser.set_viewport(1280, 900)
    browser.open(page)
    statuses = browser.evaluate("[...document.querySelectorAll('[data-claim]')].map(e => e.dataset.status)")
    assert len(statuses) == len(seeded)
    assert {"verified", "misleading", "false", "in-review", "unverified"} <= set(statuses)
    browser.click(f'[data-claim="{by_kind["money"]["id"]}"]')
    assert "Misleading" in browser.evaluate("document.querySelector('.detail-body').innerText")
    assert _errors(browser) == []
    browser.screenshot(ARTIFACTS / "report-seed-ingested.png")


def test_the_readme_screenshot_script_still_works(browser, tmp_path):
    from tests.report import make_screenshot

    html, png = make_screenshot.build(tmp_path)
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    page = html.read_text(encoding="utf-8")
    for status in ("verified", "false", "misleading", "in-review", "unverifiable", "dismissed"):
        assert f'data-status="{status}"' in page, status
