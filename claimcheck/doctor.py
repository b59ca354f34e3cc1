"""Check a registry folder file by file, and bring back a file's last good copy: `claimcheck doctor`.

`check(root)` reads every data file without opening the registry the normal
way (which would repair, migrate or stop at the first broken file) and returns
findings: a stable code, a severity, the file, the claim id when there is one,
and a message. Errors are what makes the registry wrong (a file that does not
parse, a span that no longer matches its article text, a verdict without
evidence, an index that disagrees with the article files); warnings are what
the next command repairs by itself (an interrupted write, a stray temporary
file) or what is merely odd.

`plan_restore()` says what bringing back each file's `.bak` would change,
`restore()` does it, keeping the replaced file as `NAME.broken-<time>`, then
`reindex()` rebuilds the index and summaries from the article files, which are
the source of truth. Nothing here prints.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from claimcheck.errors import (
    ClaimcheckError,
    InputError,
    InvalidUrl,
    RegistryBusy,
    RegistryNotFound,
    RegistryTooNew,
)
from claimcheck.models import VERDICTS, Article, Claim, Status
from claimcheck.store.keys import entry_problem, key_entry, key_shard
from claimcheck.store.registry import (
    LOCK_FILE,
    LOCK_TIMEOUT,
    MIGRATIONS,
    PENDING_FILE,
    REGISTRY_FILE,
    SCHEMA_VERSION,
    summarize,
)
from claimcheck.store.storage import BACKUP_SUFFIX, TMP_SUFFIX, fsync_dir, parse_json

ERROR = "error"
WARNING = "warning"
BROKEN_INFIX = ".broken-"
_CONTEXT = 32  # the prefix/suffix length of a span (actions.context)


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str  # "error" | "warning"
    file: str  # relative to the registry folder
    claim_id: str | None
    message: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Report:
    root: Path
    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    articles: int = 0
    claims: int = 0

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        return {"registry": str(self.root), "ok": self.ok, "files": self.files, "articles": self.articles,
                "claims": self.claims, "errors": len(self.errors), "warnings": len(self.warnings),
                "findings": [f.as_dict() for f in self.findings]}


# -- locking -----------------------------------------------------------------------------------


@contextmanager
def locked(root: Path, *, for_writing: bool) -> Iterator[None]:
    """The registry's lock, without the repairs `Registry.transaction()` makes on entry.

    Doctor looks at the registry as it is: a check under the lock sees no
    half-finished command of another process, and a restore is not raced. A
    check of a folder this user cannot write to (a read-only checkout) goes on
    without the lock: nobody can be writing there through claimcheck either.
    """
    from filelock import FileLock, Timeout

    lock = FileLock(str(root / LOCK_FILE), timeout=LOCK_TIMEOUT)
    try:
        lock.acquire()
    except Timeout:
        raise RegistryBusy(f"{root} is locked by another claimcheck command (waited {LOCK_TIMEOUT:.0f} s)") from None
    except OSError as exc:
        if for_writing:
            raise InputError(f"{root}: cannot take the registry lock ({exc.strerror or exc})") from None
        yield
        return
    try:
        yield
    finally:
        lock.release()


# -- reading files ------------------------------------------------------------------------------


def _rel(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _load(path: Path) -> Any:
    """The parsed file; RegistryCorrupt (naming the file, line and column) when it does not parse."""
    return parse_json(path.read_bytes(), path)


def _table(data: Any, name: str) -> dict[str, Any] | None:
    if not isinstance(data, dict):
        return None
    table = data.get(name, {})
    return table if isinstance(table, dict) else None


def _doc_key(ident: str) -> str:
    # Mirrors the store's key rule (registry._doc_id): the id's hex digits, behind a leading 1.
    hexpart = ident.split("-", 1)[1] if "-" in ident else ident
    return str(int("1" + hexpart, 16))


def _validation(exc: Any) -> str:
    """A pydantic ValidationError on one line: `status: Input should be … (got 'bogus')`."""
    parts = []
    for err in exc.errors()[:3]:
        where = ".".join(str(p) for p in err.get("loc", ())) or "document"
        got = repr(err.get("input"))
        parts.append(f"{where}: {err.get('msg')}" + (f" (got {got[:40]})" if "input" in err and
                                                     not isinstance(err.get("input"), dict) else ""))
    more = len(exc.errors()) - 3
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


# -- the checks ---------------------------------------------------------------------------------


class _Checker:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.report = Report(root=root)
        self.pending: set[str] = set()
        self.unreadable_shards: set[str] = set()
        self.unreadable_keys: set[str] = set()
        self.schema: int | None = None
        # The keys entry each valid claim should have, computed from the claim as stored, as the store does.
        self.expected_keys: dict[str, dict[str, Any] | None] = {}

    def add(self, code: str, severity: str, path: Path | str, message: str, claim_id: str | None = None) -> None:
        file = _rel(self.root, path) if isinstance(path, Path) else path
        self.report.findings.append(Finding(code, severity, file, claim_id, message))

    def read(self, path: Path) -> Any | None:
        self.report.files += 1
        try:
            return _load(path)
        except ClaimcheckError as exc:
            self.add("invalid_json", ERROR, path, exc.message + _restore_hint(path))
        except OSError as exc:
            self.add("unreadable", ERROR, path, f"{path}: cannot read it ({exc.strerror or exc})")
        return None

    def run(self) -> Report:
        registry = self.check_registry_file()
        if registry is None:
            return self.report
        self.check_leftovers()
        summaries = _table(registry, "articles")
        if summaries is None:
            self.add("bad_shape", ERROR, self.root / REGISTRY_FILE, "its `articles` table is not an object")
            summaries = {}
        index = self.read_index()
        articles: dict[str, tuple[Article, list[Claim]]] = {}
        for path in sorted((self.root / "articles").glob("*.json")):
            found = self.check_article_file(path)
            if found is not None:
                articles[found[0].id] = found
        self.report.articles = len(articles)
        self.compare_index(index, articles)
        if self.schema == SCHEMA_VERSION:  # an older registry gets its keys when it is migrated
            self.compare_keys(self.read_keys(), articles)
        self.compare_summaries(summaries, articles)
        return self.report

    # registry.json and its schema
    def check_registry_file(self) -> Any | None:
        path = self.root / REGISTRY_FILE
        if not path.exists():
            hint = "; `claimcheck doctor --restore` can bring back its backup" if _backup(path).exists() else ""
            self.add("missing_file", ERROR, path, f"{path} is missing{hint}")
            return None
        data = self.read(path)
        if data is None:
            return None
        meta = _table(data, "meta") or {}
        schema = meta.get("1", {}).get("schema") if isinstance(meta.get("1"), dict) else None
        if not isinstance(schema, int) or isinstance(schema, bool):
            self.add("schema_missing", ERROR, path, f"{path} has no schema version (meta.1.schema)")
        elif schema > SCHEMA_VERSION:
            self.add("schema_too_new", ERROR, path, f"written by a newer claimcheck (schema {schema}, this one "
                     f"knows {SCHEMA_VERSION}); upgrade claimcheck before anything else")
            return None  # a newer layout: checking it with this version's rules would mislead
        elif schema < SCHEMA_VERSION:
            missing = [n for n in range(schema, SCHEMA_VERSION) if n not in MIGRATIONS]
            if missing:
                self.add("schema_unsupported", ERROR, path, f"schema {schema} is older than this claimcheck "
                         f"can migrate (no step from schema {missing[0]}); use the version that wrote it")
                return None
            self.add("schema_old", WARNING, path, f"schema {schema}: the next command migrates it to "
                     f"{SCHEMA_VERSION}, keeping a copy of the folder")
        self.schema = schema
        return data

    def check_leftovers(self) -> None:
        pending = self.root / PENDING_FILE
        if pending.exists():
            try:
                ids = _load(pending).get("articles", [])
                self.pending = {str(i) for i in ids} if isinstance(ids, list) else set()
            except (ClaimcheckError, AttributeError, OSError):
                self.pending = set()
            self.add("interrupted_write", WARNING, pending, "a write was interrupted; the next command finishes "
                     "it (its index entries are rebuilt from the article files)")
        for folder in (self.root, self.root / "articles", self.root / "index", self.root / "index" / "keys"):
            for stray in sorted(folder.glob(f".*{TMP_SUFFIX}")):
                self.add("temp_file", WARNING, stray, "a temporary file left by a killed command; the next "
                         "change removes it")
        for bak in sorted(self.root.glob(f"**/*.json{BACKUP_SUFFIX}")):
            try:
                _load(bak)
            except (ClaimcheckError, OSError):
                self.add("backup_unreadable", WARNING, bak, "this backup does not parse; it cannot be restored")

    # index shards
    def read_index(self) -> dict[str, tuple[Path, dict[str, Any]]]:
        entries: dict[str, tuple[Path, dict[str, Any]]] = {}
        for shard in sorted((self.root / "index").glob("*.json")):
            data = self.read(shard)
            table = _table(data, "claims") if data is not None else None
            if table is None:
                if data is not None:
                    self.add("bad_shape", ERROR, shard, "its `claims` table is not an object")
                # Already reported: its claims are not also each `index_missing`.
                self.unreadable_shards.add(shard.stem)
                continue
            for key, doc in table.items():
                cid = doc.get("id") if isinstance(doc, dict) else None
                if not isinstance(cid, str) or not cid.startswith("c-"):
                    self.add("bad_index_entry", ERROR, shard, f"entry {key} has no claim id")
                    continue
                if shard.stem != cid[2:4]:
                    self.add("index_wrong_shard", ERROR, shard, f"{cid} belongs in index/{cid[2:4]}.json"
                             + _REINDEX, cid)
                entries[cid] = (shard, doc)
        return entries

    # keys files (store/keys.py): every figure and quotation filed under what `similar` compares
    def read_keys(self) -> dict[str, tuple[Path, dict[str, Any]]]:
        entries: dict[str, tuple[Path, dict[str, Any]]] = {}
        for path in sorted((self.root / "index" / "keys").glob("*.json")):
            data = self.read(path)
            table = _table(data, "keys") if data is not None else None
            if table is None:
                if data is not None:
                    self.add("bad_shape", ERROR, path, "its `keys` table is not an object" + _REINDEX)
                self.unreadable_keys.add(path.stem)
                continue
            for name, doc in table.items():
                cid = doc.get("id") if isinstance(doc, dict) else None
                key = doc.get("key") if isinstance(doc, dict) else None
                if not isinstance(cid, str) or not cid.startswith("c-") or not isinstance(key, str):
                    self.add("bad_keys_entry", ERROR, path, f"entry {name} has no claim id or key" + _REINDEX)
                    continue
                problem = entry_problem(doc)
                if problem:
                    self.add("bad_keys_entry", ERROR, path, f"the entry of {cid} does not fit ({problem})" + _REINDEX,
                             cid)
                    continue
                if path.stem != key_shard(key):
                    self.add("keys_wrong_file", ERROR, path, f"{cid} is filed under {key!r}, which belongs in "
                             f"index/keys/{key_shard(key)}.json" + _REINDEX, cid)
                if cid in entries:
                    self.add("keys_duplicate", ERROR, path, f"{cid} is also filed in "
                             f"{_rel(self.root, entries[cid][0])}" + _REINDEX, cid)
                entries[cid] = (path, doc)
        return entries

    # one article file and its claims
    def check_article_file(self, path: Path) -> tuple[Article, list[Claim]] | None:
        data = self.read(path)
        if data is None:
            return None
        docs, claims_docs = _table(data, "article"), _table(data, "claims")
        if not docs and not claims_docs and claims_docs is not None:
            self.add("empty_article_file", WARNING, path, "an article file with nothing in it, left by an ingest "
                     "that was killed; ingesting that text again replaces it")
            return None
        if not docs or "1" not in docs or claims_docs is None:
            self.add("bad_shape", ERROR, path, "it holds no article (table `article`, document 1) or no "
                     "`claims` table")
            return None
        from pydantic import ValidationError

        try:
            article = Article.model_validate(docs["1"])
        except ValidationError as exc:
            self.add("invalid_article", ERROR, path, f"the article does not validate: {_validation(exc)}")
            return None
        if article.id != path.stem:
            self.add("wrong_article", ERROR, path, f"the file holds article {article.id}, not {path.stem}")
        texts = {v.version: v.text for v in article.versions if v.text is not None}
        texts[article.version] = article.text
        claims = []
        for key, doc in claims_docs.items():
            raw_id = doc.get("id") if isinstance(doc, dict) else None
            claim_id = raw_id if isinstance(raw_id, str) else None
            try:
                claim = Claim.model_validate(doc)
            except ValidationError as exc:
                self.add("invalid_claim", ERROR, path, f"claim does not validate: {_validation(exc)}", claim_id)
                continue
            self.report.claims += 1
            claims.append(claim)
            self.expected_keys[claim.id] = key_entry(doc)
            if key != _doc_key(claim.id):
                self.add("bad_key", ERROR, path, f"stored under key {key}, not {_doc_key(claim.id)}; it "
                         "cannot be found by id", claim.id)
            if claim.article_id != article.id:
                self.add("wrong_article", ERROR, path, f"its article_id is {claim.article_id}, but it is "
                         f"stored in {article.id}'s file", claim.id)
            self.check_span(path, claim, texts)
            self.check_evidence(path, claim)
            self.check_history(path, claim)
        return article, claims

    def check_span(self, path: Path, claim: Claim, texts: dict[int, str]) -> None:
        text = texts.get(claim.version)
        span = claim.span
        if text is None:
            self.add("version_missing", ERROR, path, f"its span points into version {claim.version}, whose text "
                     "is not stored", claim.id)
            return
        where = f"version {claim.version}" + (" (orphaned)" if claim.orphaned else "")
        if not 0 <= span.start <= span.end <= len(text):
            self.add("span_out_of_range", ERROR, path, f"span {span.start}–{span.end} lies outside the "
                     f"{len(text)}-character text of {where}", claim.id)
            return
        actual = text[span.start:span.end]
        if actual != span.quote:
            self.add("span_mismatch", ERROR, path, f"span {span.start}–{span.end} of {where} reads "
                     f"{_short(actual)}, but the stored quote is {_short(span.quote)}", claim.id)
            return
        before, after = text[max(0, span.start - _CONTEXT):span.start], text[span.end:span.end + _CONTEXT]
        if not before.endswith(span.prefix) or not after.startswith(span.suffix):
            self.add("context_mismatch", WARNING, path, "the span's prefix/suffix differ from the text around "
                     "it; re-anchoring after an edit may miss it", claim.id)

    def check_evidence(self, path: Path, claim: Claim) -> None:
        from claimcheck.actions import MAX_NOTE_LENGTH, check_url

        urls = Counter(e.url for e in claim.evidence)
        for url, n in urls.items():
            if n > 1:
                self.add("duplicate_evidence", WARNING, path, f"evidence {_short(url)} is listed {n} times",
                         claim.id)
        for item in claim.evidence:
            if item.url.startswith("file://"):
                if not (isinstance(item.sha256, str) and len(item.sha256) == 64
                        and all(c in "0123456789abcdef" for c in item.sha256)) or item.size is None or item.size < 0:
                    self.add("invalid_evidence", ERROR, path, f"local-file evidence {_short(item.url)} has no "
                             "valid sha256 and size", claim.id)
            else:
                try:
                    if check_url(item.url) != item.url:
                        raise InvalidUrl("it has spaces around it")
                except InvalidUrl as exc:
                    self.add("invalid_evidence", ERROR, path, f"evidence {_short(item.url)}: {exc.message}",
                             claim.id)
            if item.note and len(item.note) > MAX_NOTE_LENGTH:
                self.add("long_note", WARNING, path, f"an evidence note is {len(item.note)} characters (limit "
                         f"{MAX_NOTE_LENGTH})", claim.id)

    def check_history(self, path: Path, claim: Claim) -> None:
        history = claim.history
        if not history or history[0].action != "created":
            self.add("history_incomplete", ERROR, path, "its history does not start with a `created` event",
                     claim.id)
        moves = [e for e in history if e.action == "status"]
        last = moves[-1].detail.get("to") if moves else Status.unverified.value
        if last != claim.status.value:
            self.add("history_mismatch", ERROR, path, f"its history ends at status {last!r} but the claim is "
                     f"{claim.status.value!r}", claim.id)
        if claim.status in VERDICTS and not claim.evidence:
            self.add("verdict_without_evidence", ERROR, path, f"it is {claim.status.value} without any evidence",
                     claim.id)
        state: Any = Status.unverified.value
        for event in moves:
            if event.detail.get("from") != state:
                self.add("history_chain", WARNING, path, f"a status event goes from {event.detail.get('from')!r}"
                         f" but the claim was {state!r} then", claim.id)
                break
            state = event.detail.get("to")
        urls: list[Any] = []
        for event in history:
            if event.action == "evidence_added":
                urls.append(event.detail.get("url"))
            elif event.action == "evidence_removed":
                urls = [u for u in urls if u != event.detail.get("url")]
        if Counter(urls) != Counter(e.url for e in claim.evidence):
            self.add("history_evidence", WARNING, path, "its evidence list and its evidence events disagree",
                     claim.id)
        times = [e.at for e in history]
        if times != sorted(times):
            self.add("history_order", WARNING, path, "its history is not in time order", claim.id)

    # the index and registry.json against the article files
    def compare_index(self, index: dict[str, tuple[Path, dict[str, Any]]],
                      articles: dict[str, tuple[Article, list[Claim]]]) -> None:
        readable = {p.stem for p in (self.root / "articles").glob("*.json")}
        seen = set()
        for article, claims in articles.values():
            for claim in claims:
                seen.add(claim.id)
                severity = WARNING if article.id in self.pending else ERROR
                shard = self.root / "index" / f"{claim.id[2:4]}.json"
                if claim.id not in index:
                    if claim.id[2:4] in self.unreadable_shards:
                        continue
                    self.add("index_missing", severity, shard, f"{claim.id} of {article.id} is not in the index, "
                             "so `list` does not show it" + _REINDEX, claim.id)
                    continue
                entry = index[claim.id][1]
                expected = dict(summarize(claim.model_dump(mode="json")))
                stale = sorted(k for k, v in expected.items() if entry.get(k) != v)
                if stale:
                    self.add("index_stale", severity, index[claim.id][0], f"its index entry disagrees with "
                             f"{article.id}'s file on {', '.join(stale)}" + _REINDEX, claim.id)
        for cid, (shard, entry) in index.items():
            if cid in seen:
                continue
            owner = entry.get("article_id")
            if owner in articles or owner not in readable:
                # An article file that did not parse is already reported; its entries are not orphans.
                self.add("index_orphan", ERROR, shard, f"{cid} is in the index but not in "
                         f"articles/{owner}.json" + _REINDEX, cid)

    def compare_keys(self, keys: dict[str, tuple[Path, dict[str, Any]]],
                     articles: dict[str, tuple[Article, list[Claim]]]) -> None:
        """Every figure and quotation filed under its key, as the store would file it; nothing else."""
        readable = {p.stem for p in (self.root / "articles").glob("*.json")}
        seen = set()
        for article, claims in articles.values():
            severity = WARNING if article.id in self.pending else ERROR
            for claim in claims:
                expected = self.expected_keys[claim.id]
                found = keys.get(claim.id)
                if expected is None:
                    continue
                seen.add(claim.id)
                path = self.root / "index" / "keys" / f"{key_shard(expected['key'])}.json"
                if found is None:
                    if path.stem not in self.unreadable_keys:
                        self.add("keys_missing", severity, path, f"{claim.id} of {article.id} is not filed under "
                                 f"{expected['key']!r}, so an ingest cannot link it as seen before" + _REINDEX,
                                 claim.id)
                    continue
                stale = sorted(k for k, v in expected.items() if found[1].get(k) != v)
                if stale:
                    self.add("keys_stale", severity, found[0], f"its keys entry disagrees with {article.id}'s "
                             f"file on {', '.join(stale)}" + _REINDEX, claim.id)
        for cid, (path, entry) in keys.items():
            owner = entry.get("article_id")
            if cid not in seen and (owner in articles or owner not in readable):
                # A claim of an article file that did not parse is already reported; its entry is not an orphan.
                self.add("keys_orphan", ERROR, path, f"{cid} is filed under {entry.get('key')!r} but "
                         f"articles/{owner}.json holds no such figure or quotation" + _REINDEX, cid)

    def compare_summaries(self, summaries: dict[str, Any],
                          articles: dict[str, tuple[Article, list[Claim]]]) -> None:
        path = self.root / REGISTRY_FILE
        by_id = {s.get("id"): s for s in summaries.values() if isinstance(s, dict)}
        on_disk = {p.stem for p in (self.root / "articles").glob("*.json")}
        for article_id, (article, claims) in articles.items():
            summary = by_id.get(article_id)
            severity = WARNING if article_id in self.pending else ERROR
            if summary is None:
                self.add("summary_missing", severity, path, f"article {article_id} is not listed, so `articles` "
                         "and ingest cannot see it" + _REINDEX)
                continue
            expected = {"sha256": article.sha256, "claims": len(claims), "versions": article.version,
                        "hashes": [v.sha256 for v in article.versions] or [article.sha256]}
            stale = sorted(k for k, v in expected.items() if summary.get(k) != v)
            if stale:
                self.add("summary_stale", severity, path, f"the summary of {article_id} disagrees with its file "
                         f"on {', '.join(stale)}" + _REINDEX)
        for listed in by_id:
            if listed not in on_disk:
                self.add("summary_orphan", ERROR, path, f"article {listed} is listed but "
                         f"articles/{listed}.json does not exist" + _REINDEX)


_REINDEX = "; `claimcheck doctor --reindex` rebuilds it"


def _restore_hint(path: Path) -> str:
    return "; `claimcheck doctor --restore` can bring back its last good copy" if _backup(path).exists() else ""


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


def _short(text: str, width: int = 40) -> str:
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def _backup(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def check(root: Path) -> Report:
    """Every finding about the registry at `root`, under its lock; nothing is written."""
    root = Path(root)
    if not root.is_dir():
        raise RegistryNotFound(f"no claimcheck registry at {root}; run `claimcheck init` to create one")
    with locked(root, for_writing=False):
        return _Checker(root).run()


# -- restore --------------------------------------------------------------------------------------


@dataclass
class RestorePlan:
    """What bringing back one file's backup would do; `problem` set when it cannot be done."""

    file: Path
    backup: Path
    current_readable: bool
    changes: list[str] = field(default_factory=list)
    problem: str | None = None

    def as_dict(self, root: Path) -> dict[str, Any]:
        return {"file": _rel(root, self.file), "backup": _rel(root, self.backup),
                "current_readable": self.current_readable, "changes": self.changes, "problem": self.problem}


def _data_files(root: Path) -> list[Path]:
    return [root / REGISTRY_FILE, *sorted((root / "articles").glob("*.json")),
            *sorted((root / "index").glob("*.json")), *sorted((root / "index" / "keys").glob("*.json"))]


def _unreadable(path: Path) -> bool:
    try:
        data = _load(path)
    except (ClaimcheckError, OSError):
        return True
    return not isinstance(data, dict)


def restore_candidates(root: Path) -> list[Path]:
    """Data files that do not parse, or are missing while their backup is there."""
    found = [p for p in _data_files(root) if _unreadable(p)]
    for bak in sorted(root.glob(f"**/*.json{BACKUP_SUFFIX}")):
        target = bak.with_name(bak.name.removesuffix(BACKUP_SUFFIX))
        if not target.exists() and target not in found:
            found.append(target)
    return found


def _resolve_file(root: Path, name: str | Path) -> Path:
    """A file named relative to the registry folder (`articles/a-91bc02.json`), or by its full path."""
    path = Path(name).expanduser()
    path = (path if path.is_absolute() else root / path).resolve()
    if path.name.endswith(BACKUP_SUFFIX):
        path = path.with_name(path.name.removesuffix(BACKUP_SUFFIX))
    if root.resolve() not in path.parents or path.suffix != ".json" or path.name.startswith("."):
        raise InputError(f"{name} is not a data file of the registry at {root}")
    return path


def refuse_newer(root: Path) -> None:
    """A registry written by a newer claimcheck is not this version's to repair."""
    try:
        data = _load(root / REGISTRY_FILE)
    except (ClaimcheckError, OSError):
        return  # unreadable: restoring registry.json is exactly what may be wanted
    meta = _table(data, "meta") or {}
    schema = meta.get("1", {}).get("schema") if isinstance(meta.get("1"), dict) else None
    if isinstance(schema, int) and schema > SCHEMA_VERSION:
        raise RegistryTooNew(f"{root} was written by a newer claimcheck (schema {schema}, this one knows "
                             f"{SCHEMA_VERSION}); upgrade claimcheck, nothing was changed")


def plan_restore(root: Path, files: list[str] | None = None) -> list[RestorePlan]:
    """For each file named (else each unreadable one), what its `.bak` would change."""
    root = Path(root)
    refuse_newer(root)
    targets = [_resolve_file(root, f) for f in files] if files else restore_candidates(root)
    return [_plan_one(root, path) for path in targets]


def _plan_one(root: Path, path: Path) -> RestorePlan:
    backup = _backup(path)
    current_readable = path.exists() and not _unreadable(path)
    plan = RestorePlan(file=path, backup=backup, current_readable=current_readable)
    if not backup.exists():
        plan.problem = f"{_rel(root, path)} has no backup ({backup.name}); nothing to restore"
        return plan
    try:
        old = _load(backup)
    except (ClaimcheckError, OSError) as exc:
        plan.problem = f"its backup does not parse either ({getattr(exc, 'message', exc)})"
        return plan
    stamp = datetime.fromtimestamp(backup.stat().st_mtime, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    if not current_readable:
        state = "missing" if not path.exists() else "unreadable"
        plan.changes.append(f"file {state} → restore the last good copy (written {stamp})")
        plan.changes += _compare_with_index(root, path, old)
    else:
        plan.changes.append(f"replace the current file with the copy written {stamp}")
        plan.changes += _diff(_load(path), old)
    return plan


def _docs(data: Any) -> dict[str, dict[str, Any]]:
    """Every document of a registry file by id: claims, articles (summaries or the article itself), keys entries."""
    out: dict[str, dict[str, Any]] = {}
    for name in ("claims", "articles", "article", "keys"):
        table = _table(data, name) or {}
        for doc in table.values():
            if isinstance(doc, dict) and isinstance(doc.get("id"), str):
                out[doc["id"]] = doc
    return out


def _describe(old: dict[str, Any], new: dict[str, Any]) -> str:
    keys = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
    parts = []
    for key in keys:
        a, b = old.get(key), new.get(key)
        if isinstance(a, list) and isinstance(b, list):
            parts.append(f"{key} {len(a)} → {len(b)}")
        elif isinstance(a, str | int | float | type(None)) and isinstance(b, str | int | float | type(None)):
            parts.append(f"{key} {_short(str(a), 24)} → {_short(str(b), 24)}")
        else:
            parts.append(key)
    return ", ".join(parts)


def _diff(current: Any, backup: Any) -> list[str]:
    now, then = _docs(current), _docs(backup)
    out = []
    added = sorted(set(then) - set(now))
    removed = sorted(set(now) - set(then))
    if added:
        out.append(f"adds back {len(added)}: {', '.join(added[:10])}" + (" …" if len(added) > 10 else ""))
    if removed:
        out.append(f"removes {len(removed)}: {', '.join(removed[:10])}" + (" …" if len(removed) > 10 else ""))
    for ident in sorted(set(now) & set(then)):
        if now[ident] != then[ident]:
            out.append(f"changes {ident}: {_describe(now[ident], then[ident])}")
    if not out:
        out.append("no difference in claims or articles")
    return out


def _compare_with_index(root: Path, path: Path, backup: Any) -> list[str]:
    """For an unreadable article file: which claims the index knows in a newer state than the backup."""
    if path.parent.name != "articles":
        return [f"holds {_plural(len(_docs(backup)), 'document')}"]
    article_id = path.stem
    then = {cid: d for cid, d in _docs(backup).items() if cid.startswith("c-")}
    latest: dict[str, dict[str, Any]] = {}
    for shard in sorted((root / "index").glob("*.json")):
        try:
            table = _table(_load(shard), "claims") or {}
        except (ClaimcheckError, OSError):
            continue
        latest.update({d["id"]: d for d in table.values() if isinstance(d, dict) and d.get("article_id") == article_id})
    out = [f"holds {_plural(len(then), 'claim')} of {article_id}"]
    gone = sorted(set(latest) - set(then))
    if gone:
        more = " …" if len(gone) > 10 else ""
        out.append(f"loses {_plural(len(gone), 'claim')} the index knows: {', '.join(gone[:10])}{more}")
    for cid in sorted(set(latest) & set(then)):
        entry, doc = latest[cid], then[cid]
        if entry.get("status") != doc.get("status") or not _same_time(entry.get("updated_at"), doc.get("updated_at")):
            out.append(f"changes {cid}: status {entry.get('status')} → {doc.get('status')} "
                       f"(last change {entry.get('updated_at')} → {doc.get('updated_at')})")
    return out


def _same_time(a: Any, b: Any) -> bool:
    """The index writes `+00:00` where article files write `Z`: compare the instants, not the strings."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(a) == datetime.fromisoformat(b)
    except (TypeError, ValueError):
        return a == b


def _copy_atomic(source: Path, target: Path) -> None:
    data = source.read_bytes()
    tmp = target.with_name(f".{target.name}.{os.getpid()}.restore{TMP_SUFFIX}")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    fsync_dir(target.parent)


def _keep_aside(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}{BROKEN_INFIX}{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}{BROKEN_INFIX}{stamp}-{n}")
    return aside


def restore(root: Path, plans: list[RestorePlan]) -> list[tuple[Path, Path | None]]:
    """Bring back each plan's backup, keeping the replaced file aside; call `reindex()` next.

    Returns (restored file, where the replaced file was kept or None if there was none).
    """
    root = Path(root)
    done: list[tuple[Path, Path | None]] = []
    with locked(root, for_writing=True):
        refuse_newer(root)
        for plan in plans:
            if plan.problem:
                continue
            aside = None
            if plan.file.exists():
                aside = _keep_aside(plan.file)
                # A hard link keeps the broken file under its new name before the old name is replaced.
                os.link(plan.file, aside)
            _copy_atomic(plan.backup, plan.file)
            done.append((plan.file, aside))
    return done


def reindex(root: Path) -> tuple[int, int]:
    """Rebuild registry.json's summaries and the index from the article files: (articles, claims)."""
    from claimcheck.store import Registry

    registry = Registry.open(Path(root))
    registry.reindex()
    summaries = registry.article_summaries()
    return len(summaries), sum(int(s.get("claims", 0)) for s in summaries)
