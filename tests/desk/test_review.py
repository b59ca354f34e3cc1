"""`claimcheck review`, driven headless by Textual's Pilot at pinned sizes: keys pressed, then the registry checked."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

pytest.importorskip("textual")

from claimcheck.store import open_registry  # noqa: E402
from claimcheck.workflows.review import UNREVIEWED, queue  # noqa: E402

URL = "https://example.org/dod"


def _session(registry_path, keys: list[str], *, size=(80, 24), user="ana", opened: list[str] | None = None) -> Any:
    """Run the review app, press `keys` (a string is typed letter by letter), return what the screen showed."""
    from claimcheck.cli.tui.screen import ReviewApp

    shown: dict[str, Any] = {}

    async def run() -> None:
        with open_registry(registry_path) as registry:
            ids = queue(registry, assignee=None)
            sink = opened if opened is not None else []
            app = ReviewApp(registry, ids, user=user, statuses=UNREVIEWED, opener=sink.append)
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                shown["first"] = app.current
                for key in keys:
                    if len(key) > 1 and key not in ("enter", "escape", "right", "left"):
                        await pilot.press(*key)
                    else:
                        await pilot.press(key)
                    await pilot.pause()
                shown["screen"] = screen_text(app)
                shown["message"] = str(app.query_one("#message").render())
                shown["current"] = app.current

    asyncio.run(run())
    return shown


def screen_text(app) -> str:
    """The screen as plain text, from Textual's own screenshot (an SVG: one <text> per run of a style)."""
    import html
    import re

    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r">([^<]*)</text>", svg))).replace("\xa0", " ")


def _doc(cli, claim: str) -> dict:
    return cli("show", claim, "--json").json()


def test_a_scripted_session_marks_comments_assigns_undoes_and_the_registry_holds_those_events(cli, seeded, registry):
    with open_registry(registry) as reg:
        first, second = queue(reg)[:2]
    shown = _session(
        registry,
        ["c", "worth a call", "enter", "a", "bo", "enter", "t", "sahel", "enter", "f", URL + " DoD page", "enter"],
    )
    assert shown["first"] == first
    doc = _doc(cli, first)
    assert doc["status"] == "false" and doc["assignee"] == "bo" and doc["tags"] == ["sahel"]
    assert [c["text"] for c in doc["comments"]] == ["worth a call"]
    assert [e["url"] for e in doc["evidence"]] == [URL]
    assert doc["evidence"][0]["stance"] == "refutes"  # the stance follows the verdict
    actions = [e["action"] for e in doc["history"]]
    assert actions == ["created", "commented", "assigned", "tagged", "evidence_added", "status"]
    assert all(e["by"] == "ana" for e in doc["history"][1:])
    assert shown["current"] == second  # on to the next claim in priority order
    # Back to it, and undo: the verdict and the evidence it came with go, as one more event.
    undone = _undo_first(registry, first)
    assert undone["status"] == "unverified" and undone["evidence"] == []
    assert undone["history"][-1]["action"] == "undone"
    assert cli("doctor").exit_code == 0


def _undo_first(registry, claim: str) -> dict:
    from claimcheck.cli.tui.screen import ReviewApp

    async def run() -> dict:
        with open_registry(registry) as reg:
            app = ReviewApp(reg, [claim], user="ana", statuses=("false",), opener=lambda url: None)
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.press("z")
                await pilot.pause()
            return reg.claim_document(claim)

    return asyncio.run(run())


def test_a_verdict_without_evidence_asks_for_it_and_escape_changes_nothing(cli, seeded, registry):
    with open_registry(registry) as reg:
        first = queue(reg)[0]
    shown = _session(registry, ["v", "escape"])
    assert _doc(cli, first)["status"] == "unverified"
    assert shown["current"] == first


def test_a_refusal_is_shown_on_the_message_line(cli, seeded, registry):
    with open_registry(registry) as reg:
        first = queue(reg)[0]
    assert cli("assign", first, "bo").exit_code == 0
    shown = _session(registry, ["a", "bo", "enter"])
    assert "already assigned" in shown["message"]


def test_a_colleagues_change_is_seen_not_overwritten(cli, seeded, registry):
    """The screen reads the claim again before each action: a comment made meanwhile stays."""
    from claimcheck.cli.tui.screen import ReviewApp

    async def run() -> None:
        with open_registry(registry) as reg:
            ids = queue(reg)
            app = ReviewApp(reg, ids, user="ana", statuses=UNREVIEWED, opener=lambda url: None)
            async with app.run_test(size=(120, 40)) as pilot:
                assert cli("comment", ids[0], "from a colleague", "--by", "bo").exit_code == 0
                await pilot.press("c", *"mine", "enter")
                await pilot.pause()
                assert "from a colleague" in screen_text(app)

    asyncio.run(run())
    with open_registry(registry) as reg:
        first = queue(reg)[0]
    assert [c["text"] for c in _doc(cli, first)["comments"]] == ["from a colleague", "mine"]


@pytest.mark.parametrize("size", [(80, 30), (120, 40)])
def test_the_screen_shows_the_claim_in_its_paragraph_at_80_and_120_columns(cli, seeded, registry, size):
    with open_registry(registry) as reg:
        first = queue(reg)[0]
        claim, article = reg.claim_in_context(first)
    screen = _session(registry, [], size=size)["screen"]
    for word in (first, "status", "priority", "high", "verified", "comment"):
        assert word in screen
    assert claim["span"]["quote"].split()[0] in screen


def test_o_opens_the_html_report_at_the_claim(cli, seeded, registry):
    opened: list[str] = []
    shown = _session(registry, ["o"], opened=opened)
    assert len(opened) == 1 and opened[0].startswith("file://") and opened[0].endswith(f"#hl-{shown['first']}")


def test_review_with_nothing_to_review_says_so(cli, seeded):
    result = cli("review", "--mine", "--by", "nobody")
    assert result.exit_code == 0 and "Nothing to review" in result.stderr
    bad = cli("review", "a-nope")
    assert bad.exit_code == 1 and "no article" in bad.stderr.lower()


def test_a_second_person_approves_in_review_and_the_author_cannot(cli, seeded, registry):
    from claimcheck.cli.tui.screen import ReviewApp

    assert cli("config", "approval", "on").exit_code == 0
    with open_registry(registry) as reg:
        first = queue(reg)[0]
    assert cli("mark", first, "verified", "-e", URL, "--by", "ana").exit_code == 0

    async def run(user: str) -> str:
        with open_registry(registry) as reg:
            app = ReviewApp(reg, [first], user=user, statuses=("verified",), opener=lambda url: None)
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                await pilot.press("y")
                await pilot.pause()
                return str(app.query_one("#message").render())

    assert "another person" in asyncio.run(run("ana"))
    asyncio.run(run("bo"))
    doc = _doc(cli, first)
    assert doc["history"][-1]["action"] == "approved" and doc["history"][-1]["by"] == "bo"
    assert cli("list", "--pending", "--json").json() == []
