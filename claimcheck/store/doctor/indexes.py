"""The index, the keys files and registry.json's summaries as `doctor` checks them against the article files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from claimcheck.models import Article, Claim
from claimcheck.store.doctor.findings import ERROR, REINDEX, WARNING, Checks, rel, table_in
from claimcheck.store.index import summarize
from claimcheck.store.keys import entry_problem, key_shard
from claimcheck.store.layout import REGISTRY_FILE


class IndexChecks(Checks):
    """The checks of what is rebuilt from the article files: index shards, keys files, article summaries."""

    # index shards
    def read_index(self) -> dict[str, tuple[Path, dict[str, Any]]]:
        entries: dict[str, tuple[Path, dict[str, Any]]] = {}
        for shard in sorted((self.root / "index").glob("*.json")):
            data = self.read(shard)
            table = table_in(data, "claims") if data is not None else None
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
                    self.add(
                        "index_wrong_shard", ERROR, shard, f"{cid} belongs in index/{cid[2:4]}.json" + REINDEX, cid
                    )
                entries[cid] = (shard, doc)
        return entries

    # keys files (store/keys.py): every figure and quotation filed under what `similar` compares
    def read_keys(self) -> dict[str, tuple[Path, dict[str, Any]]]:
        entries: dict[str, tuple[Path, dict[str, Any]]] = {}
        for path in sorted((self.root / "index" / "keys").glob("*.json")):
            data = self.read(path)
            table = table_in(data, "keys") if data is not None else None
            if table is None:
                if data is not None:
                    self.add("bad_shape", ERROR, path, "its `keys` table is not an object" + REINDEX)
                self.unreadable_keys.add(path.stem)
                continue
            for name, doc in table.items():
                cid = doc.get("id") if isinstance(doc, dict) else None
                key = doc.get("key") if isinstance(doc, dict) else None
                if not isinstance(cid, str) or not cid.startswith("c-") or not isinstance(key, str):
                    self.add("bad_keys_entry", ERROR, path, f"entry {name} has no claim id or key" + REINDEX)
                    continue
                problem = entry_problem(doc)
                if problem:
                    self.add(
                        "bad_keys_entry", ERROR, path, f"the entry of {cid} does not fit ({problem})" + REINDEX, cid
                    )
                    continue
                if path.stem != key_shard(key):
                    self.add(
                        "keys_wrong_file",
                        ERROR,
                        path,
                        f"{cid} is filed under {key!r}, which belongs in index/keys/{key_shard(key)}.json" + REINDEX,
                        cid,
                    )
                if cid in entries:
                    self.add(
                        "keys_duplicate",
                        ERROR,
                        path,
                        f"{cid} is also filed in {rel(self.root, entries[cid][0])}" + REINDEX,
                        cid,
                    )
                entries[cid] = (path, doc)
        return entries

    # the index and registry.json against the article files
    def compare_index(
        self, index: dict[str, tuple[Path, dict[str, Any]]], articles: dict[str, tuple[Article, list[Claim]]]
    ) -> None:
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
                    self.add(
                        "index_missing",
                        severity,
                        shard,
                        f"{claim.id} of {article.id} is not in the index, so `list` does not show it" + REINDEX,
                        claim.id,
                    )
                    continue
                entry = index[claim.id][1]
                expected = dict(summarize(claim.model_dump(mode="json")))
                stale = sorted(k for k, v in expected.items() if entry.get(k) != v)
                if stale:
                    self.add(
                        "index_stale",
                        severity,
                        index[claim.id][0],
                        f"its index entry disagrees with {article.id}'s file on {', '.join(stale)}" + REINDEX,
                        claim.id,
                    )
        for cid, (shard, entry) in index.items():
            if cid in seen:
                continue
            owner = entry.get("article_id")
            if owner in articles or owner not in readable:
                # An article file that did not parse is already reported; its entries are not orphans.
                self.add(
                    "index_orphan",
                    ERROR,
                    shard,
                    f"{cid} is in the index but not in articles/{owner}.json" + REINDEX,
                    cid,
                )

    def compare_keys(
        self, keys: dict[str, tuple[Path, dict[str, Any]]], articles: dict[str, tuple[Article, list[Claim]]]
    ) -> None:
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
                        self.add(
                            "keys_missing",
                            severity,
                            path,
                            f"{claim.id} of {article.id} is not filed under "
                            f"{expected['key']!r}, so an ingest cannot link it as seen before" + REINDEX,
                            claim.id,
                        )
                    continue
                stale = sorted(k for k, v in expected.items() if found[1].get(k) != v)
                if stale:
                    self.add(
                        "keys_stale",
                        severity,
                        found[0],
                        f"its keys entry disagrees with {article.id}'s file on {', '.join(stale)}" + REINDEX,
                        claim.id,
                    )
        for cid, (path, entry) in keys.items():
            owner = entry.get("article_id")
            if cid not in seen and (owner in articles or owner not in readable):
                # A claim of an article file that did not parse is already reported; its entry is not an orphan.
                self.add(
                    "keys_orphan",
                    ERROR,
                    path,
                    f"{cid} is filed under {entry.get('key')!r} but "
                    f"articles/{owner}.json holds no such figure or quotation" + REINDEX,
                    cid,
                )

    def compare_summaries(self, summaries: dict[str, Any], articles: dict[str, tuple[Article, list[Claim]]]) -> None:
        path = self.root / REGISTRY_FILE
        by_id = {s.get("id"): s for s in summaries.values() if isinstance(s, dict)}
        on_disk = {p.stem for p in (self.root / "articles").glob("*.json")}
        for article_id, (article, claims) in articles.items():
            summary = by_id.get(article_id)
            severity = WARNING if article_id in self.pending else ERROR
            if summary is None:
                self.add(
                    "summary_missing",
                    severity,
                    path,
                    f"article {article_id} is not listed, so `articles` and ingest cannot see it" + REINDEX,
                )
                continue
            expected = {
                "sha256": article.sha256,
                "claims": len(claims),
                "versions": article.version,
                "hashes": [v.sha256 for v in article.versions] or [article.sha256],
            }
            stale = sorted(k for k, v in expected.items() if summary.get(k) != v)
            if stale:
                self.add(
                    "summary_stale",
                    severity,
                    path,
                    f"the summary of {article_id} disagrees with its file on {', '.join(stale)}" + REINDEX,
                )
        for listed in by_id:
            if listed not in on_disk:
                self.add(
                    "summary_orphan",
                    ERROR,
                    path,
                    f"article {listed} is listed but articles/{listed}.json does not exist" + REINDEX,
                )
