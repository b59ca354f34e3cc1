"""Bring back a data file's last good copy (its `.bak`), keeping the broken one aside, then reindex."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from claimcheck.errors import ClaimcheckError, InputError
from claimcheck.store import journal
from claimcheck.store.doctor.findings import load, rel, short, table_in
from claimcheck.store.layout import BACKUP_SUFFIX, PENDING_FILE, REGISTRY_FILE, backup_path, data_files
from claimcheck.store.lock import locked
from claimcheck.store.schema import refuse_newer, stored_schema
from claimcheck.store.storage import write_bytes_atomic, write_json_atomic
from claimcheck.store.whole import kind_of
from claimcheck.store.whole import problem as whole_problem
from claimcheck.text import plural

BROKEN_INFIX = ".broken-"


@dataclass
class RestorePlan:
    """What bringing back one file's backup would do; `problem` set when it cannot be done."""

    file: Path
    backup: Path
    current_readable: bool
    changes: list[str] = field(default_factory=list)
    problem: str | None = None
    rebuilt: bool = False  # a derived file (registry.json, the index): rebuilt from the article files, not copied
    replayed: dict[str, Any] | None = field(default=None, repr=False)  # the backup with the journal on top

    def as_dict(self, root: Path) -> dict[str, Any]:
        return {
            "file": rel(root, self.file),
            "backup": rel(root, self.backup),
            "current_readable": self.current_readable,
            "changes": self.changes,
            "problem": self.problem,
            "rebuilt": self.rebuilt,
        }


def _unreadable(path: Path) -> bool:
    try:
        data = load(path)
    except (ClaimcheckError, OSError):
        return True
    return not isinstance(data, dict)


def restore_candidates(root: Path) -> list[Path]:
    """Every data file doctor reports an error in, and every article file missing while its backup is there."""
    from claimcheck.store.doctor import check

    found = [p for p in data_files(root) if _unreadable(p)]
    for finding in check(root).errors:
        path = root / finding.file
        if path.suffix == ".json" and not path.name.startswith(".") and path not in found:
            found.append(path)
    for bak in sorted((root / "articles").glob(f"*.json{BACKUP_SUFFIX}")):
        target = bak.with_name(bak.name.removesuffix(BACKUP_SUFFIX))
        if not target.exists() and target not in found:
            found.append(target)
    return sorted(found, key=lambda p: (kind_of(p) != "article", str(p)))


def _resolve_file(root: Path, name: str | Path) -> Path:
    """A file named relative to the registry folder (`articles/a-91bc02.json`), or by its full path."""
    path = Path(name).expanduser()
    path = (path if path.is_absolute() else root / path).resolve()
    if path.name.endswith(BACKUP_SUFFIX):
        path = path.with_name(path.name.removesuffix(BACKUP_SUFFIX))
    if root.resolve() not in path.parents or path.suffix != ".json" or path.name.startswith("."):
        raise InputError(f"{name} is not a data file of the registry at {root}")
    return path


def _refuse_newer(root: Path) -> None:
    """A registry written by a newer claimcheck is not this version's to repair."""
    try:
        data = load(root / REGISTRY_FILE)
    except (ClaimcheckError, OSError):
        return  # unreadable: restoring registry.json is exactly what may be wanted
    schema = stored_schema(data)
    if schema is not None:
        refuse_newer(root, schema)


def plan_restore(root: Path, files: list[str] | None = None) -> list[RestorePlan]:
    """For each file named (else each unreadable one), what its `.bak` would change."""
    root = Path(root)
    _refuse_newer(root)
    targets = [_resolve_file(root, f) for f in files] if files else restore_candidates(root)
    return [_plan_one(root, path) for path in targets]


def _plan_one(root: Path, path: Path) -> RestorePlan:
    backup = backup_path(path)
    current_readable = path.exists() and not _unreadable(path)
    plan = RestorePlan(file=path, backup=backup, current_readable=current_readable)
    if kind_of(path) != "article":
        # Derived from the article files: its backup may be a write behind them, the rebuild never is.
        plan.rebuilt = True
        state = "missing" if not path.exists() else "replaced"
        kept = " (the old one kept aside)" if path.name == REGISTRY_FILE and path.exists() else ""
        plan.changes.append(f"file {state} → rebuilt from the article files{kept}")
        return plan
    old: Any = {}
    if backup.exists():
        try:
            old = load(backup)
        except (ClaimcheckError, OSError) as exc:
            plan.problem = f"its backup does not parse either ({getattr(exc, 'message', exc)})"
            return plan
        misfit = whole_problem(path, old)
        if misfit is not None:
            plan.problem = f"its backup does not fit either ({misfit})"
            return plan
    # A file doctor flags comes back as it was last written (backup + journal); a good file named with --file
    # comes back as its backup: the copy before its last write.
    good_now = current_readable and whole_problem(path, load(path)) is None
    replayed, lines = journal.replay(path, old) if not good_now else (old, 0)
    if lines and whole_problem(path, replayed) is None:
        # The backup is the file before its last write; the journal holds that write, and every other one.
        plan.replayed, old = replayed, replayed
    elif not backup.exists():
        plan.problem = f"{rel(root, path)} has no backup ({backup.name}) and no journal; nothing to restore"
        return plan
    when = (backup if backup.exists() else journal.journal_path(path)).stat().st_mtime
    stamp = datetime.fromtimestamp(when, UTC).strftime("%Y-%m-%d %H:%M:%S UTC") + (
        f", with the {plural(lines, 'change')} of its journal" if plan.replayed is not None else ""
    )
    if not current_readable:
        state = "missing" if not path.exists() else "unreadable"
        plan.changes.append(f"file {state} → restore the last good copy (written {stamp})")
        plan.changes += _compare_with_index(root, path, old)
    else:
        plan.changes.append(f"replace the current file with the copy written {stamp}")
        plan.changes += _diff(load(path), old)
    return plan


def _docs(data: Any) -> dict[str, dict[str, Any]]:
    """Every document of a registry file by id: claims, articles (summaries or the article itself), keys entries."""
    out: dict[str, dict[str, Any]] = {}
    for name in ("claims", "articles", "article", "keys"):
        table = table_in(data, name) or {}
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
            parts.append(f"{key} {short(str(a), 24)} → {short(str(b), 24)}")
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
        return [f"holds {plural(len(_docs(backup)), 'document')}"]
    article_id = path.stem
    then = {cid: d for cid, d in _docs(backup).items() if cid.startswith("c-")}
    latest: dict[str, dict[str, Any]] = {}
    for shard in sorted((root / "index").glob("*.json")):
        try:
            table = table_in(load(shard), "claims") or {}
        except (ClaimcheckError, OSError):
            continue
        latest.update({d["id"]: d for d in table.values() if isinstance(d, dict) and d.get("article_id") == article_id})
    out = [f"holds {plural(len(then), 'claim')} of {article_id}"]
    gone = sorted(set(latest) - set(then))
    if gone:
        more = " …" if len(gone) > 10 else ""
        out.append(f"loses {plural(len(gone), 'claim')} the index knows: {', '.join(gone[:10])}{more}")
    for cid in sorted(set(latest) & set(then)):
        entry, doc = latest[cid], then[cid]
        if entry.get("status") != doc.get("status") or not _same_time(entry.get("updated_at"), doc.get("updated_at")):
            out.append(
                f"changes {cid}: status {entry.get('status')} → {doc.get('status')} "
                f"(last change {entry.get('updated_at')} → {doc.get('updated_at')})"
            )
    return out


def _same_time(a: Any, b: Any) -> bool:
    """The index writes `+00:00` where article files write `Z`: compare the instants, not the strings."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(a) == datetime.fromisoformat(b)
    except (TypeError, ValueError):
        return a == b


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
        _refuse_newer(root)
        _mark_pending(root, [p.file for p in plans if not p.problem])
        for plan in plans:
            if plan.problem:
                continue
            aside = None
            # An index file is not kept: the rebuild replaces the whole folder, and the article files hold it all.
            if plan.file.exists() and (not plan.rebuilt or plan.file.name == REGISTRY_FILE):
                aside = _keep_aside(plan.file)
                # A hard link keeps the broken file under its new name before the old name is replaced.
                os.link(plan.file, aside)
            if plan.replayed is not None:
                write_json_atomic(plan.file, plan.replayed, backup=False)
            elif not plan.rebuilt:
                write_bytes_atomic(plan.file, plan.backup.read_bytes(), backup=False)
            done.append((plan.file, aside))
    return done


def _mark_pending(root: Path, files: list[Path]) -> None:
    """Name the articles a restore touches in `.pending.json` first: killed before `reindex()`, the next command
    rebuilds their index entries from the restored files (as after any write cut short)."""
    if not files:
        return
    articles = root / "articles"
    if all(f.parent == articles for f in files):
        ids = {f.stem for f in files}
    else:  # registry.json or an index file: every article's entries and summary are redone
        ids = {p.stem for p in articles.glob("a-*.json")}
    try:
        earlier = load(root / PENDING_FILE)
        ids |= {str(i) for i in earlier.get("articles", [])}
    except (ClaimcheckError, OSError, AttributeError, TypeError):
        pass
    write_json_atomic(root / PENDING_FILE, {"articles": sorted(ids)}, backup=False)


def reindex(root: Path) -> tuple[int, int]:
    """Rebuild registry.json's summaries and the index from the article files: (articles, claims)."""
    from claimcheck.store.reindex import reindex as rebuild

    return rebuild(Path(root))
