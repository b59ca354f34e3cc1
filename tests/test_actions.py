"""The rules a person's changes to a claim follow, applied to claim documents directly."""

from __future__ import annotations

import hashlib

import pytest

from claimcheck import actions
from claimcheck.documents import is_claim
from claimcheck.enums import Stance, Status
from claimcheck.errors import EvidenceRequired, InputError, InvalidUrl, InvalidValue, TransitionRefused

URL = "https://example.org/source"
OTHER = "https://example.org/other"


def _claim(status: str = "unverified", evidence: tuple[str, ...] = ()) -> dict:
    at = "2024-05-20T10:00:00Z"
    return {
        "id": "c-00aa11",
        "article_id": "a-0000bb",
        "kind": "quantity",
        "text": "1,000+ soldats",
        "span": {"start": 3, "end": 24, "quote": "plus de 1 000 soldats", "prefix": "", "suffix": ""},
        "value": {"amount": 1000, "unit": "soldats", "bound": "more_than"},
        "status": status,
        "evidence": [_evidence(url) for url in evidence],
        "history": [{"at": at, "by": "extractor", "action": "created", "detail": {"source": "extracted"}}],
        "created_at": at,
        "updated_at": at,
        "version": 1,
        "orphaned": False,
        "seen_before": [],
        "assignee": None,
        "tags": [],
        "comments": [],
        "priority": None,
    }


def _evidence(url: str = URL, stance: Stance = Stance.supports, note: str | None = None) -> dict:
    return actions.make_evidence(url, stance=stance, note=note, by="ana")


def _actions(claim: dict) -> list[str]:
    return [event["action"] for event in claim["history"]]


# -- verdicts need evidence -----------------------------------------------------------------------------


@pytest.mark.parametrize("status", [Status.verified, Status.false, Status.misleading])
def test_a_verdict_without_any_evidence_is_refused(status):
    claim = _claim()
    with pytest.raises(EvidenceRequired, match="needs evidence"):
        actions.set_status(claim, status, by="ana")
    assert claim == _claim()  # nothing changed


@pytest.mark.parametrize("status", [Status.in_review, Status.unverifiable, Status.dismissed])
def test_a_status_that_is_not_a_verdict_needs_no_evidence(status):
    marked = actions.set_status(_claim(), status, by="ana")
    assert marked["status"] == status.value and marked["evidence"] == []
    assert marked["history"][-1]["detail"] == {"from": "unverified", "to": status.value}  # no note, no key


def test_a_verdict_given_with_its_evidence_adds_the_evidence_first():
    marked = actions.set_status(_claim(), Status.verified, by="ana", evidence=[_evidence()], note=" DoD ")
    assert marked["status"] == "verified" and [e["url"] for e in marked["evidence"]] == [URL]
    assert _actions(marked) == ["created", "evidence_added", "status"]
    assert marked["history"][-1]["by"] == "ana" and marked["history"][-1]["detail"]["note"] == "DoD"
    assert marked["updated_at"] == marked["history"][-1]["at"]
    assert is_claim(marked)


def test_a_verdict_on_a_claim_that_already_has_evidence_is_accepted():
    marked = actions.set_status(_claim(evidence=(URL,)), Status.false, by="ana")
    assert marked["status"] == "false" and _actions(marked) == ["created", "status"]


# -- nothing-changes and notes ---------------------------------------------------------------------------


def test_the_same_status_without_evidence_or_note_is_refused():
    with pytest.raises(TransitionRefused, match="already in-review"):
        actions.set_status(_claim("in-review"), Status.in_review, by="ana")


def test_the_same_status_with_a_note_records_only_the_note():
    noted = actions.set_status(_claim("in-review"), Status.in_review, by="ana", note="asked the ministry")
    assert noted["status"] == "in-review" and _actions(noted) == ["created", "note"]
    assert noted["history"][-1]["detail"] == {"note": "asked the ministry"}


@pytest.mark.parametrize(("note", "kept"), [(None, None), ("   ", None), ("  ok  ", "ok")])
def test_a_note_is_stripped_and_an_empty_one_is_none(note, kept):
    assert actions.check_note(note) == kept


def test_a_note_over_the_limit_is_refused():
    with pytest.raises(InputError, match="limit is 4000"):
        actions.check_note("x" * (actions.MAX_NOTE_LENGTH + 1))


# -- evidence: add, remove, stance ------------------------------------------------------------------------


@pytest.mark.parametrize("stance", list(Stance))
def test_evidence_keeps_its_stance_in_the_item_and_the_event(stance):
    added = actions.add_evidence(_claim(), _evidence(stance=stance, note="why"), by="ana")
    assert added["evidence"][0]["stance"] == stance.value
    assert added["history"][-1]["detail"] == {"url": URL, "stance": stance.value, "note": "why"}


def test_a_refuting_source_can_back_a_false_verdict():
    marked = actions.set_status(_claim(), Status.false, by="ana", evidence=[_evidence(stance=Stance.refutes)])
    assert marked["status"] == "false" and marked["evidence"][0]["stance"] == "refutes"


@pytest.mark.parametrize(
    ("raw", "stance"), [("supports", Stance.supports), (" Refutes ", Stance.refutes), ("CONTEXT", Stance.context)]
)
def test_a_stance_is_read_in_any_case(raw, stance):
    assert actions.parse_stance(raw) is stance


def test_an_unknown_stance_lists_the_choices():
    with pytest.raises(InvalidValue, match="unknown stance 'agrees'; choose one of: supports, refutes, context"):
        actions.parse_stance("agrees")


def test_the_same_evidence_twice_is_refused():
    with pytest.raises(TransitionRefused, match="already has evidence"):
        actions.add_evidence(_claim(evidence=(URL,)), _evidence(), by="ana")


def test_removing_evidence_records_it():
    before = _claim(evidence=(URL, OTHER))
    removed = actions.remove_evidence(before, f" {URL} ", by="ana")
    assert [e["url"] for e in removed["evidence"]] == [OTHER]
    assert removed["history"][-1]["action"] == "evidence_removed"
    # The whole item is kept in the event, for `undo` to put it back.
    assert removed["history"][-1]["detail"] == {"url": URL, "evidence": before["evidence"][0]}


def test_removing_evidence_the_claim_does_not_have_is_refused():
    with pytest.raises(TransitionRefused, match="has no evidence"):
        actions.remove_evidence(_claim(evidence=(URL,)), OTHER, by="ana")


@pytest.mark.parametrize("status", ["verified", "false", "misleading"])
def test_a_verdict_cannot_lose_its_only_evidence(status):
    with pytest.raises(EvidenceRequired, match="only evidence"):
        actions.remove_evidence(_claim(status, evidence=(URL,)), URL, by="ana")


def test_a_verdict_can_lose_evidence_it_has_more_of():
    removed = actions.remove_evidence(_claim("verified", evidence=(URL, OTHER)), URL, by="ana")
    assert removed["status"] == "verified" and len(removed["evidence"]) == 1


def test_without_a_verdict_the_last_evidence_can_go():
    assert actions.remove_evidence(_claim("in-review", evidence=(URL,)), URL, by="ana")["evidence"] == []


# -- what can be evidence -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("", "cannot be empty"),
        ("javascript:alert(1)", "http(s) URL"),
        ("file:///etc/passwd", "http(s) URL"),
        ("ftp://example.org/x", "http(s) URL"),
        ("https://", "http(s) URL"),
        ("https://example.org/a b", "spaces, control or invisible"),
        ("https://example.org/\u202eevil", "spaces, control or invisible"),
        ("https://example.org/" + "a" * 2048, "the limit is 2048"),
    ],
)
def test_an_evidence_url_must_be_a_plain_http_link(url, message):
    with pytest.raises(InvalidUrl, match=message.replace("(", r"\(").replace(")", r"\)")):
        actions.check_url(url)


def test_an_evidence_url_is_stripped():
    assert actions.check_url("  https://example.org/x \n") == "https://example.org/x"


def test_a_local_file_is_evidence_with_its_digest_and_size(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4 minutes")
    item = actions.make_evidence(str(path), stance=Stance.context, note=None, by="ana")
    assert item["url"] == path.resolve().as_uri()
    assert item["sha256"] == hashlib.sha256(b"%PDF-1.4 minutes").hexdigest() and item["size"] == 16
    assert item["stance"] == "context" and item["added_by"] == "ana"


def test_a_local_folder_is_not_evidence(tmp_path):
    with pytest.raises(InputError, match="is not a file"):
        actions.make_evidence(str(tmp_path), stance=Stance.supports, note=None, by="ana")


def test_a_missing_local_path_is_read_as_a_url_and_refused(tmp_path):
    with pytest.raises(InvalidUrl):
        actions.make_evidence(str(tmp_path / "missing.pdf"), stance=Stance.supports, note=None, by="ana")
