"""One article file as `doctor` checks it: the article, and each claim's span, evidence and history."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from claimcheck.errors import InvalidUrl
from claimcheck.models import VERDICTS, Article, Claim, Status
from claimcheck.store.doctor.findings import ERROR, WARNING, Checks, restore_hint, short, table_in
from claimcheck.store.keys import key_entry
from claimcheck.store.layout import doc_id
from claimcheck.store.tables import describe_errors
from claimcheck.store.whole import valid_id
from claimcheck.text import CONTEXT


class ArticleChecks(Checks):
    """The checks of one article file and its claims."""

    # one article file and its claims
    def check_article_file(self, path: Path) -> tuple[Article, list[Claim]] | None:
        data = self.read(path)
        if data is None:
            return None
        docs, claims_docs = table_in(data, "article"), table_in(data, "claims")
        if not docs and not claims_docs and claims_docs is not None:
            # Not a killed ingest (one atomic write holds the article and its claims): a hand edit or a merge.
            hint = restore_hint(path) or "; remove it to drop the article"
            self.add("empty_article_file", ERROR, path, "an article file with nothing in it" + hint)
            return None
        if not docs or "1" not in docs or claims_docs is None:
            self.add("bad_shape", ERROR, path, "it holds no article (table `article`, document 1) or no `claims` table")
            return None
        from pydantic import ValidationError

        try:
            article = Article.model_validate(docs["1"])
        except ValidationError as exc:
            self.add("invalid_article", ERROR, path, f"the article does not validate: {describe_errors(exc, limit=3)}")
            return None
        if article.id != path.stem:
            self.add("wrong_article", ERROR, path, f"the file holds article {short(article.id)}, not {path.stem}")
        texts = article.version_texts()
        claims = []
        for key, doc in claims_docs.items():
            claim = self.check_claim(path, article, key, doc, texts)
            if claim is not None:
                claims.append(claim)
        return article, claims

    def check_claim(self, path: Path, article: Article, key: str, doc: Any, texts: dict[int, str]) -> Claim | None:
        """One claim of an article file: it validates, its id and key, its span, evidence and history."""
        from pydantic import ValidationError

        raw_id = doc.get("id") if isinstance(doc, dict) else None
        claim_id = raw_id if isinstance(raw_id, str) else None
        try:
            claim = Claim.model_validate(doc)
        except ValidationError as exc:
            self.add(
                "invalid_claim", ERROR, path, f"claim does not validate: {describe_errors(exc, limit=3)}", claim_id
            )
            return None
        if not valid_id(claim.id, "c"):
            self.add("bad_id", ERROR, path, f"claim id {short(claim.id)} is not a claim id (c-7f3a9e)", claim_id)
            return None
        self.report.claims += 1
        self.expected_keys[claim.id] = key_entry(doc)
        if key != str(doc_id(claim.id)):
            self.add(
                "bad_key",
                ERROR,
                path,
                f"stored under key {key}, not {doc_id(claim.id)}; it cannot be found by id",
                claim.id,
            )
        if claim.article_id != article.id:
            self.add(
                "wrong_article",
                ERROR,
                path,
                f"its article_id is {short(claim.article_id)}, but it is stored in {article.id}'s file",
                claim.id,
            )
        self.check_span(path, claim, texts)
        self.check_evidence(path, claim)
        self.check_history(path, claim)
        return claim

    def check_span(self, path: Path, claim: Claim, texts: dict[int, str]) -> None:
        text = texts.get(claim.version)
        span = claim.span
        if text is None:
            self.add(
                "version_missing",
                ERROR,
                path,
                f"its span points into version {claim.version}, whose text is not stored",
                claim.id,
            )
            return
        where = f"version {claim.version}" + (" (orphaned)" if claim.orphaned else "")
        if not 0 <= span.start <= span.end <= len(text):
            self.add(
                "span_out_of_range",
                ERROR,
                path,
                f"span {span.start}–{span.end} lies outside the {len(text)}-character text of {where}",
                claim.id,
            )
            return
        actual = text[span.start : span.end]
        if actual != span.quote:
            self.add(
                "span_mismatch",
                ERROR,
                path,
                f"span {span.start}–{span.end} of {where} reads "
                f"{short(actual)}, but the stored quote is {short(span.quote)}",
                claim.id,
            )
            return
        before, after = text[max(0, span.start - CONTEXT) : span.start], text[span.end : span.end + CONTEXT]
        if not before.endswith(span.prefix) or not after.startswith(span.suffix):
            self.add(
                "context_mismatch",
                WARNING,
                path,
                "the span's prefix/suffix differ from the text around it; re-anchoring after an edit may miss it",
                claim.id,
            )

    def check_evidence(self, path: Path, claim: Claim) -> None:
        from claimcheck.actions import MAX_NOTE_LENGTH, check_url

        urls = Counter(e.url for e in claim.evidence)
        for url, n in urls.items():
            if n > 1:
                self.add("duplicate_evidence", WARNING, path, f"evidence {short(url)} is listed {n} times", claim.id)
        for item in claim.evidence:
            if item.url.startswith("file://"):
                if (
                    not (
                        isinstance(item.sha256, str)
                        and len(item.sha256) == 64
                        and all(c in "0123456789abcdef" for c in item.sha256)
                    )
                    or item.size is None
                    or item.size < 0
                ):
                    self.add(
                        "invalid_evidence",
                        ERROR,
                        path,
                        f"local-file evidence {short(item.url)} has no valid sha256 and size",
                        claim.id,
                    )
            else:
                try:
                    if check_url(item.url) != item.url:
                        raise InvalidUrl("it has spaces around it")
                except InvalidUrl as exc:
                    self.add("invalid_evidence", ERROR, path, f"evidence {short(item.url)}: {exc.message}", claim.id)
            if item.note and len(item.note) > MAX_NOTE_LENGTH:
                self.add(
                    "long_note",
                    WARNING,
                    path,
                    f"an evidence note is {len(item.note)} characters (limit {MAX_NOTE_LENGTH})",
                    claim.id,
                )

    def check_history(self, path: Path, claim: Claim) -> None:
        # Events reverted by `undo` (and the `undone` events themselves) replay to nothing: leave them out.
        gone = {i for e in claim.history if e.action == "undone" for i in e.detail.get("events", [])}
        history = [e for i, e in enumerate(claim.history) if i not in gone and e.action != "undone"]
        if not history or history[0].action != "created":
            self.add("history_incomplete", ERROR, path, "its history does not start with a `created` event", claim.id)
        moves = [e for e in history if e.action in ("status", "rejected")]  # a rejection sends it back to review
        last = moves[-1].detail.get("to") if moves else Status.unverified.value
        if last != claim.status.value:
            self.add(
                "history_mismatch",
                ERROR,
                path,
                f"its history ends at status {last!r} but the claim is {claim.status.value!r}",
                claim.id,
            )
        if claim.status in VERDICTS and not claim.evidence:
            self.add(
                "verdict_without_evidence", ERROR, path, f"it is {claim.status.value} without any evidence", claim.id
            )
        # Two clones merged (store/merge.py) interleave two chains: an event may go from any status held before it.
        held: set[Any] = {Status.unverified.value}
        for event in moves:
            if event.detail.get("from") not in held:
                self.add(
                    "history_chain",
                    WARNING,
                    path,
                    f"a status event goes from {event.detail.get('from')!r}, which the claim never was before it",
                    claim.id,
                )
                break
            held.add(event.detail.get("to"))
        urls: list[Any] = []
        for event in history:
            if event.action == "evidence_added":
                urls.append(event.detail.get("url"))
            elif event.action == "evidence_removed":
                urls = [u for u in urls if u != event.detail.get("url")]
        if Counter(urls) != Counter(e.url for e in claim.evidence):
            self.add("history_evidence", WARNING, path, "its evidence list and its evidence events disagree", claim.id)
        times = [e.at for e in history]
        if times != sorted(times):
            self.add("history_order", WARNING, path, "its history is not in time order", claim.id)
