"""Claims seen before: the same figure or quotation found in another article of the registry, and linked.

Whether two claims state the same thing is `similar.same_thing`'s call. Links
are stored both ways in `Claim.seen_before`. A person can then reuse an
earlier verdict with `mark NEW STATUS --same-as OLD`, which copies its evidence.

A registry can hold 100,000 claims: candidates are picked from the index
summaries (kind, label, quote), by the value that opens the label or with
rapidfuzz on the wording, and only they are loaded whole. For the kinds linked
at ingest (figures and quotations) the store also files every claim under its
similarity key (store/keys.py: the value opening the label, or the speaker),
with the label, quote, context and value that `same_thing` reads: an ingest
reads those few entries, not the whole index, and loads only the articles of
claims that are indeed the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from claimcheck.enums import VERDICTS, Kind, Status
from claimcheck.errors import TransitionRefused
from claimcheck.similar import WORDING_MIN, normalized, same_thing, wording
from claimcheck.store import ClaimSummary
from claimcheck.store.base import RegistryBackend
from claimcheck.store.keys import KEYED_KINDS, similarity_key
from claimcheck.text import label_value

if TYPE_CHECKING:
    # Only annotations: `show` lists a claim's links (seen_in) without loading pydantic.
    from claimcheck.documents import Doc
    from claimcheck.models import Claim

# rapidfuzz scores (0..100) on folded, case-folded text.
PREFILTER = 70  # a quotation or statement this similar (ratio): worth loading the whole claim
MAX_CANDIDATES = 100  # per claim, the closest wordings


class _Index:
    """The index summaries of one kind, prepared once, and the article files read so far.

    A claim of a value kind (quantity, money, percent, date) can only state the
    same thing as claims whose canonical label starts with the same value
    (`1,000+`, `$100M`, `~11.6%`, `2023`: docs/architecture.md §3.2), found by a dictionary
    lookup; quotations and statements are prefiltered on their wording.

    `keyed`: the summaries are keys entries (`Registry.similar_candidates`),
    which also hold the value and the context, so `same_thing` is decided
    before any article file is read. `articles` may be shared between indexes.
    """

    def __init__(
        self,
        registry: RegistryBackend,
        kind: str,
        summaries: list[Any] | None = None,
        *,
        keyed: bool = False,
        articles: dict[str, list[Claim]] | None = None,
    ) -> None:
        self.registry = registry
        self.kind = kind
        self.keyed = keyed
        self.summaries: list[Any] = registry.claim_summaries(kind=kind) if summaries is None else summaries
        self.by_value: dict[str, list[int]] = {}
        self.quotes: list[str] = []
        if kind in _VALUE_KINDS:
            for i, summary in enumerate(self.summaries):
                self.by_value.setdefault(_label_value(summary["text"]), []).append(i)
        else:
            self.quotes = [normalized(s["quote"]) for s in self.summaries]
        self._articles: dict[str, list[Claim]] = {} if articles is None else articles

    def candidates(self, claim: Claim) -> list[ClaimSummary]:
        """Summaries of other articles that may state the same thing, the closest wording first."""
        from rapidfuzz import fuzz, process

        if self.kind in _VALUE_KINDS:
            pool = self.by_value.get(_label_value(claim.text), [])
            choices = {i: normalized(self.summaries[i]["quote"]) for i in pool}
        else:
            choices = dict(enumerate(self.quotes))
        found = process.extract(
            normalized(claim.span.quote),
            choices,
            scorer=fuzz.ratio,
            score_cutoff=0 if self.kind in _VALUE_KINDS else PREFILTER,
            limit=None,
        )
        # The wording test of `same_thing` needs only the label and the quote, which
        # the summaries hold: apply it before reading any article file.
        close = []
        for _, _, i in found:
            s = self.summaries[i]
            if (
                s["article_id"] != claim.article_id
                and wording(claim.span.quote, claim.text, s["quote"], s["text"]) >= WORDING_MIN
            ):
                close.append(s)
                if len(close) == MAX_CANDIDATES:
                    break  # the closest ones are found: the rest of a big pool need not be compared
        return close

    def claims_of(self, article_id: str) -> list[Claim]:
        if article_id not in self._articles:
            self._articles[article_id] = self.registry.claims_of(article_id)
        return self._articles[article_id]


_VALUE_KINDS = frozenset({Kind.quantity.value, Kind.money.value, Kind.percent.value, Kind.date.value})
_label_value = label_value  # the store files figures under it


class _Entry:
    """A keys entry seen as a claim by `same_thing`: kind, value, label, and the span with its context."""

    def __init__(self, entry: dict[str, Any]) -> None:
        self.kind = Kind(entry["kind"])
        self.value = entry["value"]
        self.text = entry["text"]
        self.span = SimpleNamespace(quote=entry["quote"], prefix=entry["prefix"], suffix=entry["suffix"])


def _keyed_index(registry: RegistryBackend, claim: Claim) -> _Index | None:
    """For a kind linked at ingest, an index of the claims filed under the same key; else None."""
    key = similarity_key(claim.kind.value, claim.text, claim.value)
    if key is None:
        return None
    return _Index(registry, claim.kind.value, registry.similar_candidates([key]).get(key, []), keyed=True)


def find_similar(registry: RegistryBackend, claim: Claim, *, index: _Index | None = None) -> list[Claim]:
    """Claims of other articles stating the same thing as `claim`, verdicts first.

    Without `index`, figures and quotations are looked up by their key, other
    kinds in the whole index.
    """
    index = index or _keyed_index(registry, claim) or _Index(registry, claim.kind.value)
    wanted = index.candidates(claim)
    if index.keyed:
        # The entries hold all `same_thing` reads: only the articles of real matches are loaded.
        wanted = [s for s in wanted if same_thing(claim, _Entry(s))]  # type: ignore[arg-type]
    found: list[Claim] = []
    for article_id in sorted({s["article_id"] for s in wanted}):
        ids = {s["id"] for s in wanted if s["article_id"] == article_id}
        found.extend(c for c in index.claims_of(article_id) if c.id in ids and same_thing(claim, c))
    found.sort(key=lambda c: (c.status not in VERDICTS, c.created_at, c.id))
    return found


# Linked at ingest: figures and quotations. Statements are whole sentences, and fuzzy-matching each
# against every statement of the registry was most of ingest's cost at 100k claims; a bare date
# (`2023`) repeats in thousands of articles without saying the same thing. `claimcheck similar`
# still compares every kind. The store files these kinds under their similarity key.
AT_INGEST = KEYED_KINDS


def link_new_claims(registry: RegistryBackend, claims: list[Claim]) -> list[Claim]:
    """Fill `seen_before` on new claims and on the earlier claims they repeat; returns the new claims.

    Call it before saving the new claims, and save the claims it returns: it
    reads the registry (so a broken index stops an ingest before anything is
    written) and saves only the earlier claims, which get the new ids.
    """
    if not claims:
        return claims
    linked: list[Claim] = []
    earlier: dict[str, Claim] = {}
    with registry.transaction():
        # The claims filed under the new claims' keys: a few small files, whatever the size of the registry.
        keys = {claim.id: similarity_key(claim.kind.value, claim.text, claim.value) for claim in claims}
        pools = registry.similar_candidates({key for key in keys.values() if key is not None})
        articles: dict[str, list[Claim]] = {}
        indexes: dict[str, _Index] = {}
        for claim in claims:
            key = keys[claim.id]
            if key is None:
                linked.append(claim)
                continue
            if key not in indexes:
                indexes[key] = _Index(registry, claim.kind.value, pools.get(key, []), keyed=True, articles=articles)
            matches = find_similar(registry, claim, index=indexes[key])
            if not matches:
                linked.append(claim)
                continue
            linked.append(claim.model_copy(update={"seen_before": _merge(claim.seen_before, [m.id for m in matches])}))
            for match in matches:
                old = earlier.get(match.id, match)
                earlier[match.id] = old.model_copy(update={"seen_before": _merge(old.seen_before, [claim.id])})
        registry.save_claims(list(earlier.values()))
    return linked


def _merge(ids: list[str], more: list[str]) -> list[str]:
    return ids + [i for i in more if i not in ids]


def reuse_verdict(
    registry: RegistryBackend, new_ref: str, old_ref: str, *, status: Status | None, note: str | None, by: str
) -> Doc:
    """Give a claim the verdict and evidence of an earlier claim stating the same thing.

    The old claim's evidence is copied first (so a verdict is never without it),
    then a `same_as` event names the old claim, then the status changes: to
    `status` if given, else to the old claim's verdict. Both claims are linked.
    Works on stored documents, as `mark` does.
    """
    from claimcheck.actions import add_evidence, record, set_status
    from claimcheck.documents import stamp

    with registry.transaction():
        old = registry.claim_document(old_ref)
        new = registry.claim_document(new_ref)
        if old["id"] == new["id"]:
            raise TransitionRefused(f"{new['id']} cannot reuse its own verdict")
        if old["status"] not in VERDICTS:
            raise TransitionRefused(
                f"{old['id']} has no verdict to reuse (it is {old['status']}); "
                "verify or mark it first, or mark this claim with its own evidence"
            )
        target = status or Status(old["status"])
        for item in old["evidence"]:
            if not any(e["url"] == item["url"] for e in new["evidence"]):
                new = add_evidence(new, {**item, "added_by": by, "added_at": stamp()}, by=by)
        new = record(
            new,
            by,
            "same_as",
            claim=old["id"],
            article=old["article_id"],
            status=old["status"],
            evidence=len(old["evidence"]),
        )
        new = {**new, "seen_before": _merge(new["seen_before"], [old["id"]])}
        if target != new["status"] or note:
            new = set_status(new, target, by=by, note=note)
        changed = [new]
        if new["id"] not in old["seen_before"]:
            changed.append({**old, "seen_before": _merge(old["seen_before"], [new["id"]])})
        registry.save_claim_documents(changed)
    return new


@dataclass(frozen=True)
class SeenIn:
    """Where a linked claim lives, for `show` and `ingest` to say `seen in …, verified`."""

    claim_id: str
    article_id: str
    article_title: str | None
    status: str
    text: str

    def describe(self) -> str:
        title = f" ({self.article_title})" if self.article_title else ""
        return f"seen in {self.article_id}{title} as {self.claim_id}, {self.status}"


def seen_in(registry: RegistryBackend, seen_before: list[str]) -> list[SeenIn]:
    """The linked claims (a claim's `seen_before`) that still exist, with their article and status."""
    from claimcheck.errors import NotFound

    out = []
    for claim_id in seen_before:
        try:
            other = registry.claim_document(claim_id)
        except NotFound:
            continue
        summary = registry.find_article_by_id(other["article_id"]) or {}
        out.append(
            SeenIn(
                other["id"],
                other["article_id"],
                summary.get("title") or summary.get("source"),
                other["status"],
                other["text"],
            )
        )
    return out
