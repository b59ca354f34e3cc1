"""A registry kept in git: the merge driver's files, hooks and config, the driver itself, the open conflicts.

`setup(root, command)` makes a registry folder inside a git work tree merge
cleanly: `.gitattributes` sends its article files and registry.json to the
`claimcheck` merge driver (merge.py), `.gitignore` keeps the index out of git
(it is rebuilt from the article files: sync.py), the repository's config
names the driver, and post-merge, post-checkout and post-rewrite hooks
re-index the registry as soon as git has changed its files. `merge_driver` is
what git runs for each such file; `conflicts` lists the disagreements a
merge recorded and nobody has resolved yet.
"""

from __future__ import annotations

import shlex
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimcheck.errors import InputError
from claimcheck.store.layout import GITIGNORE, REGISTRY_FILE
from claimcheck.store.merge import ArticleTextConflict, merge_file, open_conflicts
from claimcheck.store.storage import parse_json, read_json, write_json_atomic

ATTRIBUTES = "articles/*.json merge=claimcheck\nregistry.json merge=claimcheck\n"
HOOKS = ("post-merge", "post-checkout", "post-rewrite")
_HOOK_MARK = "# claimcheck: re-index the registry after git changed its files"


@dataclass
class Setup:
    """What `setup` did, for the command to say."""

    repository: Path
    written: list[str] = field(default_factory=list)
    hooks: list[str] = field(default_factory=list)
    untracked_index: bool = False


def _git(cwd: Path, *args: str, check: bool = True) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise InputError(f"could not run git: {exc}") from None
    if check and done.returncode != 0:
        raise InputError(f"git {' '.join(args)} failed: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout.strip()


def setup(root: Path, command: list[str]) -> Setup:
    """Configure the git repository holding `root` for it; `command` runs claimcheck (the driver, the hooks)."""
    root = Path(root).resolve()
    if not (root / REGISTRY_FILE).is_file():
        raise InputError(f"no claimcheck registry at {root}; run `claimcheck init --git` to create one")
    top = _git(root, "rev-parse", "--show-toplevel", check=False)
    if not top:
        raise InputError(f"{root} is not inside a git repository; run `git init`, then `claimcheck git setup`")
    done = Setup(repository=Path(top))
    for name, wanted in ((".gitattributes", ATTRIBUTES), (".gitignore", GITIGNORE)):
        if _add_lines(root / name, wanted):
            done.written.append(name)
    # An index committed by an older claimcheck would conflict on every merge: git forgets it, the folder stays.
    tracked = _git(root, "ls-files", "--", "index")
    if tracked:
        _git(root, "rm", "-r", "-q", "--cached", "--", "index")
        done.untracked_index = True
    runner = " ".join(shlex.quote(part) for part in command)
    _git(root, "config", "merge.claimcheck.name", "claimcheck registry (field by field)")
    _git(root, "config", "merge.claimcheck.driver", f"{runner} git merge-driver %O %A %B %P")
    hooks = Path(_git(root, "rev-parse", "--git-path", "hooks"))
    hooks = hooks if hooks.is_absolute() else root / hooks
    line = f"{runner} --registry {shlex.quote(str(root))} git sync --quiet || true"
    for hook in HOOKS:
        if _install_hook(hooks / hook, line):
            done.hooks.append(hook)
    return done


def _add_lines(path: Path, wanted: str) -> bool:
    """Append the lines of `wanted` that `path` lacks; True when it changed."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    have = set(text.splitlines())
    # A comment of ours is only worth writing in a new file.
    missing = [line for line in wanted.splitlines() if line and line not in have and not (text and line[0] == "#")]
    if not missing:
        return False
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + "\n".join(missing) + "\n", encoding="utf-8")
    return True


def _install_hook(path: Path, line: str) -> bool:
    """Add our line to a hook (a new one, or the end of one already there); True when it changed."""
    text = path.read_text(encoding="utf-8") if path.exists() else "#!/bin/sh\n"
    if _HOOK_MARK in text:
        lines = text.splitlines()
        at = lines.index(_HOOK_MARK)
        if at + 1 < len(lines) and lines[at + 1] == line:
            return False
        text = "\n".join(lines[:at] + lines[at + 2 :]) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.rstrip("\n") + f"\n{_HOOK_MARK}\n{line}\n", encoding="utf-8")
    path.chmod(0o755)
    return True


# -- the merge driver ----------------------------------------------------------------------------


@dataclass
class DriverResult:
    """What the driver did with one file: 0 merged (conflicts recorded in it), 1 left for a person."""

    exit_code: int
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    message: str = ""


def merge_driver(base: Path, ours: Path, theirs: Path, name: str) -> DriverResult:
    """git's `%O %A %B %P`: merge into `ours` (the file git keeps); never writes conflict markers.

    Any file it cannot merge is left as ours and reported unmerged (exit 1), for
    `git checkout --theirs` or a person to decide.
    """
    try:
        sides = [_read(path) for path in (base, ours, theirs)]
        if not isinstance(sides[1], dict) or not isinstance(sides[2], dict):
            raise InputError("not a registry file")
        merged, conflicts = merge_file(sides[0], sides[1], sides[2], name)
    except ArticleTextConflict as exc:
        return DriverResult(1, message=f"{name}: {exc}; kept ours, the path stays unmerged")
    except (InputError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return DriverResult(1, message=f"{name}: cannot merge it field by field ({exc}); kept ours, unmerged")
    write_json_atomic(ours, merged, backup=False)
    return DriverResult(0, conflicts=conflicts)


def _read(path: Path) -> Any:
    raw = path.read_bytes()
    return parse_json(raw, path) if raw.strip() else {}


# -- conflicts -------------------------------------------------------------------------------------


def conflicts(root: Path) -> list[dict[str, Any]]:
    """Every disagreement a merge recorded and no `resolve` has settled, article by article.

    Only the files that hold a conflict event are parsed: at 100k claims the
    rest are read as bytes and skipped.
    """
    found: list[dict[str, Any]] = []
    for path in sorted((root / "articles").glob("a-*.json")):
        if b'"conflict"' not in path.read_bytes():
            continue
        data = read_json(path) or {}
        for claim in sorted(data.get("claims", {}).values(), key=lambda c: c.get("id", "")):
            for event in open_conflicts(claim):
                detail = event.get("detail", {})
                found.append(
                    {
                        "claim": claim.get("id"),
                        "article": claim.get("article_id"),
                        "field": detail.get("field"),
                        "current": claim.get(detail.get("field")),
                        "base": detail.get("base"),
                        "ours": detail.get("ours"),
                        "theirs": detail.get("theirs"),
                        "merged_at": event.get("at"),
                    }
                )
    return found
