"""What a person does to a claim, as pure functions: document in, new document out.

Status changes, evidence and history live here so that every command (and
every test) applies the same rules: a verdict needs evidence, every change
appends one history event saying who did what, and nothing is changed when a
rule refuses. They work on stored claim documents (see documents.py), not on
models: `mark` and `verify` then never import pydantic.
"""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

from claimcheck.documents import Doc
from claimcheck.documents import comment as _new_comment
from claimcheck.documents import event as _new_event
from claimcheck.documents import evidence as _new_evidence
from claimcheck.enums import VERDICTS, Priority, Stance, Status, parse_stance, parse_status  # noqa: F401  (re-exported)
from claimcheck.errors import EvidenceRequired, InputError, InvalidUrl, TransitionRefused

MAX_URL_LENGTH = 2048
MAX_NOTE_LENGTH = 4000


def check_url(url: str) -> str:
    """Only http and https become evidence links: `javascript:` and `file:` would run or leak in a report."""
    url = url.strip()
    if not url:
        raise InvalidUrl("an evidence URL cannot be empty")
    if len(url) > MAX_URL_LENGTH:
        raise InvalidUrl(f"evidence URL is {len(url)} characters long; the limit is {MAX_URL_LENGTH}")
    # Controls, invisible format characters (bidi overrides, zero-width) and line separators are
    # percent-encoded in a real URL; raw, they make a link read as something it is not.
    if any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in url):
        raise InvalidUrl("an evidence URL cannot contain spaces, control or invisible characters")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        shown = url if len(url) <= 60 else url[:57] + "..."
        raise InvalidUrl(f"evidence must be an http(s) URL or an existing local file, not {shown!r}")
    return url


def check_note(note: str | None) -> str | None:
    if note is None:
        return None
    if len(note) > MAX_NOTE_LENGTH:
        raise InputError(f"the note is {len(note)} characters long; the limit is {MAX_NOTE_LENGTH}")
    return note.strip() or None


def make_evidence(source: str, *, stance: Stance, note: str | None, by: str) -> Doc:
    """Evidence from a URL, or from a local file kept as a file:// reference with its digest and size.

    The one read in this module: a local file is read here to hash it.
    """
    note = check_note(note)
    if "://" not in source and not source.lower().startswith(("javascript:", "data:", "file:")):
        path = Path(source).expanduser()
        if path.is_file():
            data = path.read_bytes()
            return _new_evidence(
                path.resolve().as_uri(),
                stance=stance,
                note=note,
                by=by,
                sha256=hashlib.sha256(data).hexdigest(),
                size=len(data),
            )
        if path.exists():
            raise InputError(f"{source} is not a file; evidence is an http(s) URL or a local file")
    return _new_evidence(check_url(source), stance=stance, note=note, by=by)


def record(claim: Doc, by: str, action: str, /, **detail: object) -> Doc:
    """The claim with one more history event, and its last change now."""
    item = _new_event(by, action, **detail)
    return {**claim, "history": [*claim["history"], item], "updated_at": item["at"]}


def set_status(
    claim: Doc,
    status: Status,
    *,
    by: str,
    evidence: list[Doc] = (),  # type: ignore[assignment]
    note: str | None = None,
) -> Doc:
    """Move a claim to `status`, adding evidence first; a verdict without any evidence is refused."""
    note = check_note(note)
    if status in VERDICTS and not (_fresh_evidence(claim) or evidence):
        if claim["evidence"]:
            version = max(stale_evidence(claim["history"]).values())
            raise EvidenceRequired(
                f"{claim['id']}: its evidence predates the change of its value in version {version}; "
                f"marking it {status.value} needs new evidence (--evidence URL)"
            )
        raise EvidenceRequired(
            f"{claim['id']}: marking it {status.value} needs evidence; add --evidence URL "
            f"(or `claimcheck evidence add {claim['id']} URL` first)"
        )
    if status == claim["status"] and not evidence and not note:
        raise TransitionRefused(f"{claim['id']} is already {status.value}")
    for item in evidence:
        claim = add_evidence(claim, item, by=by)
    if status != claim["status"]:
        # The evidence added with a status is named in its event: `undo` takes it out with the status.
        added = [item["url"] for item in evidence] or None
        claim = record(
            claim, by, "status", **{"from": claim["status"], "to": status.value, "note": note, "evidence": added}
        )
        claim = {**claim, "status": status.value}
    elif note:
        claim = record(claim, by, "note", note=note)
    return claim


def stale_evidence(history: list[Doc]) -> dict[str, int]:
    """{url: version} of the evidence gathered before `update` changed the claim's value (in that version).

    Read from the history, in order; what `undo` reverted is skipped. Evidence added again afterwards is fresh.
    """
    gone = {i for e in history if e["action"] == "undone" for i in e["detail"].get("events", [])}
    live: set[str] = set()
    stale: dict[str, int] = {}
    for place, event in enumerate(history):
        action, detail = event["action"], event["detail"]
        if place in gone or action == "undone":
            continue
        if action == "evidence_added":
            live.add(detail.get("url"))
            stale.pop(detail.get("url"), None)
        elif action == "evidence_removed":
            live.discard(detail.get("url"))
            stale.pop(detail.get("url"), None)
        elif action == "changed" and (
            detail.get("old_value") != detail.get("new_value") or detail.get("old_text") != detail.get("new_text")
        ):
            stale.update(dict.fromkeys(live - stale.keys(), detail.get("version", 0)))
    return stale


def _fresh_evidence(claim: Doc) -> list[Doc]:
    stale = stale_evidence(claim["history"])
    return [e for e in claim["evidence"] if e["url"] not in stale]


def add_evidence(claim: Doc, evidence: Doc, *, by: str) -> Doc:
    if any(e["url"] == evidence["url"] for e in claim["evidence"]):
        if evidence["url"] in stale_evidence(claim["history"]):
            # Evidence that predates a change of value, checked again: the old item gives way to the new.
            claim = remove_evidence(claim, evidence["url"], by=by, checked=False)
        else:
            raise TransitionRefused(f"{claim['id']} already has evidence {evidence['url']}")
    claim = record(claim, by, "evidence_added", url=evidence["url"], stance=evidence["stance"], note=evidence["note"])
    return {**claim, "evidence": [*claim["evidence"], evidence]}


def remove_evidence(claim: Doc, url: str, *, by: str, checked: bool = True) -> Doc:
    remaining = [e for e in claim["evidence"] if e["url"] != url.strip()]
    if len(remaining) == len(claim["evidence"]):
        raise TransitionRefused(f"{claim['id']} has no evidence {url.strip()!r}")
    if checked and claim["status"] in VERDICTS and not remaining:
        raise EvidenceRequired(
            f"{claim['id']} is {claim['status']} and this is its only evidence; "
            "add other evidence or change its status first"
        )
    gone = next(e for e in claim["evidence"] if e["url"] == url.strip())
    # The whole item is kept in the event, so that `undo` can put it back as it was.
    claim = record(claim, by, "evidence_removed", url=url.strip(), evidence=gone)
    return {**claim, "evidence": remaining}


# -- the desk's fields: assignee, tags, comments, priority ----------------------------------------------

MAX_NAME_LENGTH = 100
MAX_TAG_LENGTH = 40
# Checkworthiness at or above this makes a statement high priority by default; below LOW_BELOW, low.
HIGH_FROM, LOW_BELOW = 0.7, 0.4


def check_person(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise InputError("a person's name cannot be empty")
    if len(name) > MAX_NAME_LENGTH:
        raise InputError(f"the name is {len(name)} characters long; the limit is {MAX_NAME_LENGTH}")
    return name


def check_tag(tag: str) -> str:
    """A tag as stored: trimmed, lower case, one word (`#` and commas dropped at the ends)."""
    tag = tag.strip().strip("#,").strip().lower()
    if not tag or any(ch.isspace() for ch in tag) or "," in tag:
        raise InputError(f"a tag is one word without spaces or commas, not {tag!r}")
    if len(tag) > MAX_TAG_LENGTH:
        raise InputError(f"the tag is {len(tag)} characters long; the limit is {MAX_TAG_LENGTH}")
    return tag


def assign(claim: Doc, person: str, *, by: str) -> Doc:
    person = check_person(person)
    if claim["assignee"] == person:
        raise TransitionRefused(f"{claim['id']} is already assigned to {person}")
    claim = record(claim, by, "assigned", **{"from": claim["assignee"], "to": person})
    return {**claim, "assignee": person}


def unassign(claim: Doc, *, by: str) -> Doc:
    if claim["assignee"] is None:
        raise TransitionRefused(f"{claim['id']} is not assigned to anyone")
    claim = record(claim, by, "unassigned", **{"from": claim["assignee"]})
    return {**claim, "assignee": None}


def tag(claim: Doc, tags: list[str], *, by: str) -> Doc:
    new = [t for t in dict.fromkeys(map(check_tag, tags)) if t not in claim["tags"]]
    if not new:
        raise TransitionRefused(f"{claim['id']} already has {'these tags' if len(tags) > 1 else 'this tag'}")
    claim = record(claim, by, "tagged", tags=new)
    return {**claim, "tags": [*claim["tags"], *new]}


def untag(claim: Doc, tags: list[str], *, by: str) -> Doc:
    gone = [t for t in dict.fromkeys(map(check_tag, tags)) if t in claim["tags"]]
    if not gone:
        raise TransitionRefused(f"{claim['id']} has no tag {', '.join(map(check_tag, tags))}")
    claim = record(claim, by, "untagged", tags=gone)
    return {**claim, "tags": [t for t in claim["tags"] if t not in gone]}


def comment(claim: Doc, text: str, *, by: str) -> Doc:
    """One more message in the claim's thread; the history records it too."""
    note = check_note(text)
    if not note:
        raise InputError("a comment cannot be empty")
    item = _new_comment(by, note)
    claim = record(claim, by, "commented", text=note)
    return {**claim, "comments": [*claim["comments"], item]}


def set_priority(claim: Doc, priority: Priority, *, by: str) -> Doc:
    if claim["priority"] == priority.value:
        raise TransitionRefused(f"{claim['id']} is already {priority.value} priority")
    claim = record(claim, by, "priority", **{"from": claim["priority"], "to": priority.value})
    return {**claim, "priority": priority.value}


def checkworthiness(claim: Doc) -> float | None:
    value = claim["value"].get("checkworthiness") if isinstance(claim.get("value"), dict) else None
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def priority_of(claim: Doc) -> str:
    """The priority set by hand, else one from checkworthiness (a figure with none is normal)."""
    if claim.get("priority"):
        return str(claim["priority"])
    worth = checkworthiness(claim)
    if worth is None:
        return Priority.normal.value
    return Priority.high.value if worth >= HIGH_FROM else Priority.low.value if worth < LOW_BELOW else "normal"
