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
`reindex()` (restore.py) rebuilds the index and summaries from the article files, which are
the source of truth. Nothing here prints.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path
from typing import Any

from claimcheck.errors import ClaimcheckError, RegistryNotFound
from claimcheck.models import Article, Claim
from claimcheck.store.doctor.articles import ArticleChecks
from claimcheck.store.doctor.findings import ERROR, WARNING, Finding, Report, load, table_in
from claimcheck.store.doctor.indexes import IndexChecks
from claimcheck.store.layout import BACKUP_SUFFIX, PENDING_FILE, REGISTRY_FILE, TMP_SUFFIX, backup_path, folders
from claimcheck.store.lock import locked
from claimcheck.store.schema import SCHEMA_VERSION, missing_steps, stored_schema

__all__ = ["ERROR", "WARNING", "Finding", "Report", "check"]


class _Checker(ArticleChecks, IndexChecks):
    """Every check of one registry folder, in the order `run` makes them."""

    def run(self) -> Report:
        registry = self.check_registry_file()
        if registry is None:
            return self.report
        self.check_leftovers()
        summaries = table_in(registry, "articles")
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
        self.check_links(articles)
        self.check_merges(articles)
        self.add_misfits()
        return self.report

    def check_links(self, articles: dict[str, tuple[Article, list[Claim]]]) -> None:
        """ "Seen before" links to claims that do not exist (a write cut short between the two claims it links)."""
        known = {claim.id for _, claims in articles.values() for claim in claims}
        for article, claims in articles.values():
            for claim in claims:
                dangling = [i for i in claim.seen_before if i not in known]
                if dangling:
                    self.add(
                        "dangling_link",
                        WARNING,
                        self.root / "articles" / f"{article.id}.json",
                        f"it is linked as seen before to {', '.join(dangling[:5])}, which do not exist; "
                        "`claimcheck doctor --reindex` removes the links",
                        claim.id,
                    )

    # what a git merge left (store/merge.py, store/sync.py)
    def check_merges(self, articles: dict[str, tuple[Article, list[Claim]]]) -> None:
        from claimcheck.store.merge import open_conflicts
        from claimcheck.store.sync import stale

        if stale(self.root):
            self.add(
                "articles_changed",
                WARNING,
                self.root / "articles",
                "article files changed outside claimcheck (a git merge, pull or checkout); "
                "the next command re-indexes them, or run `claimcheck git sync`",
            )
        for article, claims in articles.values():
            for claim in claims:
                if not any(e.action == "conflict" for e in claim.history):
                    continue
                for event in open_conflicts(claim.model_dump(mode="json")):
                    detail = event["detail"]
                    self.add(
                        "merge_conflict",
                        WARNING,
                        self.root / "articles" / f"{article.id}.json",
                        f"{detail.get('field')} was changed two ways ({(detail.get('ours') or {}).get('value')!r} "
                        f"and {(detail.get('theirs') or {}).get('value')!r}); "
                        f"`claimcheck resolve {claim.id} --take ours|theirs` settles it",
                        claim.id,
                    )

    # registry.json and its schema
    def check_registry_file(self) -> Any | None:
        path = self.root / REGISTRY_FILE
        if not path.exists():
            hint = "; `claimcheck doctor --restore` can bring back its backup" if backup_path(path).exists() else ""
            self.add("missing_file", ERROR, path, f"{path} is missing{hint}")
            return None
        data = self.read(path)
        if data is None:
            return None
        schema = stored_schema(data)
        if schema is None:
            self.add("schema_missing", ERROR, path, f"{path} has no schema version (meta.1.schema)")
        elif schema > SCHEMA_VERSION:
            self.add(
                "schema_too_new",
                ERROR,
                path,
                f"written by a newer claimcheck (schema {schema}, this one "
                f"knows {SCHEMA_VERSION}); upgrade claimcheck before anything else",
            )
            return None  # a newer layout: checking it with this version's rules would mislead
        elif schema < SCHEMA_VERSION:
            missing = missing_steps(schema)
            if missing:
                self.add(
                    "schema_unsupported",
                    ERROR,
                    path,
                    f"schema {schema} is older than this claimcheck "
                    f"can migrate (no step from schema {missing[0]}); use the version that wrote it",
                )
                return None
            self.add(
                "schema_old",
                WARNING,
                path,
                f"schema {schema}: the next command migrates it to {SCHEMA_VERSION}, keeping a copy of the folder",
            )
        self.schema = schema
        return data

    def check_leftovers(self) -> None:
        pending = self.root / PENDING_FILE
        if pending.exists():
            try:
                ids = load(pending).get("articles", [])
                self.pending = {str(i) for i in ids} if isinstance(ids, list) else set()
            except (ClaimcheckError, AttributeError, OSError):
                self.pending = set()
            self.add(
                "interrupted_write",
                WARNING,
                pending,
                "a write was interrupted; the next command finishes "
                "it (its index entries are rebuilt from the article files)",
            )
        for folder in folders(self.root):
            for stray in sorted(folder.glob(f".*{TMP_SUFFIX}")):
                self.add(
                    "temp_file", WARNING, stray, "a temporary file left by a killed command; the next change removes it"
                )
        from claimcheck.store.rebuild import leftovers

        for folder in leftovers(self.root):
            self.add(
                "interrupted_rebuild", WARNING, folder, "an index rebuild was interrupted; the next command finishes it"
            )
        for bak in sorted(self.root.glob(f"**/*.json{BACKUP_SUFFIX}")):
            try:
                load(bak)
            except (ClaimcheckError, OSError):
                self.add("backup_unreadable", WARNING, bak, "this backup does not parse; it cannot be restored")


def check(root: Path) -> Report:
    """Every finding about the registry at `root`, under its lock; nothing is written."""
    root = Path(root)
    if not root.is_dir():
        raise RegistryNotFound(f"no claimcheck registry at {root}; run `claimcheck init` to create one")
    with locked(root, for_writing=False):
        _finish_rebuild(root)
        return _Checker(root).run()


def _finish_rebuild(root: Path) -> None:
    """A rebuild a kill cut short is undone or finished first, as any command would (renames only)."""
    from claimcheck.store import rebuild

    if rebuild.due(root):
        with suppress(OSError):
            rebuild.finish(root)
