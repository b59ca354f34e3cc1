"""The stored-document fast path (documents.py) must agree with the models it stands in for.

`show` and `mark` use a stored claim as it is when `is_claim` accepts it, and
go through pydantic otherwise. So: everything the models write must be
accepted (else the fast path is never taken), and everything accepted must
validate as the model and dump back to the very same document (else `mark`
would write something the models would not).
"""

from __future__ import annotations

import copy
import json
import re
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck import actions
from claimcheck.documents import event, evidence, is_article, is_claim, stamp
from claimcheck.models import Article, Claim, Event, Evidence, Stance, Status, utcnow
from claimcheck.store import Registry


def _stored(registry_root) -> tuple[list[dict], list[dict]]:
    """Every claim and article document of a registry, as read from its files."""
    claims, articles = [], []
    for path in sorted((registry_root / "articles").glob("a-*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        claims.extend(data["claims"].values())
        articles.extend(data["article"].values())
    return claims, articles


def test_everything_the_models_write_takes_the_fast_path(seeded, registry, cli):
    claim = next(c for c in seeded if c["kind"] == "quantity")
    assert cli("verify", claim["id"], "--evidence", "https://example.org/proof", "--note", "checked").exit_code == 0
    claims, articles = _stored(registry)
    assert claims and articles
    assert all(is_claim(doc) for doc in claims)
    assert all(is_article(doc) for doc in articles)


def test_accepted_documents_round_trip_through_the_models(seeded, registry, cli):
    claim = next(c for c in seeded if c["kind"] == "money")
    cli("mark", claim["id"], "false", "--evidence", "https://example.org/refutes", "--note", "no")
    claims, articles = _stored(registry)
    for doc in claims:
        assert Claim.model_validate(doc).model_dump(mode="json") == doc
    for doc in articles:
        assert Article.model_validate(doc).model_dump(mode="json") == doc


def test_new_events_and_evidence_are_what_the_models_would_write():
    item = evidence("https://example.org/a", stance=Stance.refutes, note=None, by="ana", sha256="ab", size=3)
    assert Evidence.model_validate(item).model_dump(mode="json") == item
    made = event("ana", "status", **{"from": "unverified", "to": "verified", "note": None})
    assert made["detail"] == {"from": "unverified", "to": "verified"}
    assert Event.model_validate(made).model_dump(mode="json") == made
    # The same text for the same instant as pydantic writes a models.utcnow() time.
    now = utcnow()
    assert Event(at=now, action="x").model_dump(mode="json")["at"] == now.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stamp())


def _a_claim() -> dict:
    at = datetime(2024, 5, 20, 10, 0, tzinfo=UTC)
    claim = Claim(
        id="c-00aa11",
        article_id="a-0000bb",
        kind="quantity",
        text="1,000+ soldats",
        span={"start": 3, "end": 24, "quote": "plus de 1 000 soldats", "prefix": "x", "suffix": "y"},
        value={"amount": 1000, "unit": "soldats", "bound": "more_than"},
        created_at=at,
        updated_at=at,
        evidence=[Evidence(url="https://example.org/e", added_at=at)],
        history=[Event(at=at, action="created", detail={"source": "extracted"})],
    )
    return claim.model_dump(mode="json")


# Breakages a hand edit could make, at every depth of the document.
_PATHS = [
    ("id",),
    ("kind",),
    ("status",),
    ("text",),
    ("span",),
    ("span", "start"),
    ("span", "quote"),
    ("value",),
    ("evidence",),
    ("evidence", 0),
    ("evidence", 0, "url"),
    ("evidence", 0, "stance"),
    ("evidence", 0, "added_at"),
    ("history",),
    ("history", 0, "at"),
    ("history", 0, "detail"),
    ("created_at",),
    ("updated_at",),
    ("version",),
    ("orphaned",),
    ("seen_before",),
    ("seen_before", 0),
]
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.just("2024-05-20T10:00:00+00:00"),
    st.just("2024-02-30T10:00:00Z"),
    st.just("verified"),
    st.just("2024-05-20"),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(), st.none()),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(_PATHS), value=_VALUES, drop=st.booleans())
def test_the_fast_check_never_accepts_what_the_models_would_not_write(path, value, drop):
    doc = _a_claim()
    doc["seen_before"] = ["c-00cc22"]
    assert is_claim(doc)
    broken = copy.deepcopy(doc)
    holder = broken
    for key in path[:-1]:
        holder = holder[key]
    if drop and isinstance(holder, dict):
        del holder[path[-1]]
    else:
        holder[path[-1]] = value
    if is_claim(broken):
        assert Claim.model_validate(broken).model_dump(mode="json") == broken


def test_a_broken_document_gets_the_models_clean_error(seeded, registry, cli):
    """A hand edit the fast check refuses goes through the models: one line naming the file, exit 1."""
    claim = next(c for c in seeded if c["kind"] == "money")
    path = registry / "articles" / f"{claim['article_id']}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    doc = next(d for d in data["claims"].values() if d["id"] == claim["id"])
    doc["status"] = "checked"
    path.write_text(json.dumps(data), encoding="utf-8")
    for args in (["show", claim["id"]], ["mark", claim["id"], "in-review"], ["history", claim["id"]]):
        result = cli(*args)
        assert result.exit_code == 1, args
        assert result.stderr.count("\n") == 1 and str(path) in result.stderr and "status" in result.stderr
    assert json.loads(path.read_text(encoding="utf-8")) == data  # refused, never rewritten


def test_a_document_the_models_can_normalise_still_works(seeded, registry, cli):
    """A time written another way (an older writer, a hand edit) is normalised by the models, not refused."""
    claim = next(c for c in seeded if c["kind"] == "money")
    path = registry / "articles" / f"{claim['article_id']}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    doc = next(d for d in data["claims"].values() if d["id"] == claim["id"])
    doc["updated_at"] = doc["updated_at"].replace("Z", "+00:00")
    path.write_text(json.dumps(data), encoding="utf-8")
    assert not is_claim(doc)
    assert cli("show", claim["id"]).exit_code == 0
    marked = cli("mark", claim["id"], "in-review", "--json")
    assert marked.exit_code == 0, marked.stderr
    assert is_claim(marked.json()) and marked.json()["status"] == "in-review"


@pytest.mark.parametrize("status", [Status.verified, Status.false])
def test_actions_refuse_a_verdict_without_evidence(status):
    doc = _a_claim()
    doc["evidence"] = []
    with pytest.raises(Exception, match="needs evidence"):
        actions.set_status(doc, status, by="ana")


def test_marking_keeps_the_index_entry_in_step(seeded, registry, cli):
    claim = next(c for c in seeded if c["kind"] == "date")
    assert cli("mark", claim["id"], "in-review").exit_code == 0
    reg = Registry.open(registry)
    entry = next(s for s in reg.claim_summaries() if s["id"] == claim["id"])
    stored = reg.claim_document(claim["id"])
    assert entry["status"] == stored["status"] == "in-review"
    assert datetime.fromisoformat(entry["updated_at"]) == datetime.fromisoformat(stored["updated_at"])
