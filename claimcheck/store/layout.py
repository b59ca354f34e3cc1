"""Where everything lives in a registry folder: file names, paths, document keys, ids.

Nothing here reads or writes a file, and nothing heavy is imported: `config`
and `doctor` use these names without loading the store.

    registry.json          schema version and one summary per article
    articles/a-XXXXXX.json the article (every version of its text) and its claims
    index/XX.json          one summary per claim, sharded by the first two hex
                           digits of the claim id
    index/keys/XXX.json    every figure and quotation filed under its similarity key
    index/.articles-seen   when claimcheck last wrote an article file (store/sync.py)
    .lock                  the inter-process lock, a file of its own

The index is derived and git-ignored; registry.json and the article files are
what a desk commits, and git merges them with store/merge.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

REGISTRY_FILE = "registry.json"
LOCK_FILE = ".lock"
PENDING_FILE = ".pending.json"
# Present while a command holds the lock to write: left behind, it says a writer was killed and its
# temporary files may lie in any folder. A `.tmp` name: git ignores it and the stray sweep removes it.
WRITING_FILE = ".writing.tmp"
BACKUP_SUFFIX = ".bak"
TMP_SUFFIX = ".tmp"

# The index is rebuilt from the article files (store/sync.py): kept out of git, it never conflicts.
GITIGNORE = (
    "# claimcheck's lock, temporary files, backups, journals and index\n.lock\n.pending.json\n*.tmp\n*.bak\n"
    "*.journal\nindex/\n# an index rebuild in progress (doctor --reindex)\n.rebuild-*/\n"
)


def hex_part(ident: str) -> str:
    """The hex digits of an id: `7f3a9e` of `c-7f3a9e`."""
    return ident.split("-", 1)[1] if "-" in ident else ident


def doc_id(ident: str) -> int:
    """Documents are keyed by the id's hex digits, so a key lookup finds a claim or an article.

    A leading 1 keeps leading zeros apart: c-0abc123 and c-abc123 get different keys.
    """
    return int("1" + hex_part(ident), 16)


def new_id(prefix: str, seed: str, taken: Callable[[str], bool], *, near: str | None = None) -> str:
    """A short id from a hash of `seed`, longer only when the short one is taken.

    With `near` (an article id), the id opens with the same two hex digits as
    that article's: all the claims of one article then share one index shard,
    and ingesting it rewrites that shard alone, not thirty of them.
    """
    import hashlib  # here: loading OpenSSL is 3 ms of every command, and only writers make ids

    digest = hashlib.sha256(seed.encode("utf-8")).hexdigest()
    lead = hex_part(near)[:2] if near else ""
    for length in range(6, len(digest) + 1):
        candidate = f"{prefix}-{lead}{digest[: length - len(lead)]}"
        if not taken(candidate):
            return candidate
    raise RuntimeError("sha256 ran out of digits")  # unreachable in practice


def article_path(root: Path, article_id: str) -> Path:
    return root / "articles" / f"{article_id}.json"


def index_dir(root: Path) -> Path:
    return root / "index"


def shard_path(root: Path, claim_id: str) -> Path:
    """The index shard of a claim: its id's first two hex digits."""
    return root / "index" / f"{hex_part(claim_id)[:2]}.json"


def keys_dir(root: Path) -> Path:
    return root / "index" / "keys"


def keys_path(root: Path, shard: str) -> Path:
    return keys_dir(root) / f"{shard}.json"


def folders(root: Path) -> tuple[Path, Path, Path, Path]:
    """The four folders of a registry, where a killed writer's temporary files may lie."""
    return root, root / "articles", root / "index", keys_dir(root)


def data_files(root: Path) -> list[Path]:
    """Every data file of the registry (not locks, temporaries or backups)."""
    return [
        root / REGISTRY_FILE,
        *sorted((root / "articles").glob("*.json")),
        *sorted((root / "index").glob("*.json")),
        *sorted(keys_dir(root).glob("*.json")),
    ]


def backup_path(path: Path) -> Path:
    """Where a data file's last good copy is kept: `NAME.bak`."""
    return path.with_name(path.name + BACKUP_SUFFIX)


def resolve_ref(ref: str, ids: list[str], prefix: str, noun: str, error: type[Exception]) -> str:
    """The one id of `ids` that `ref` names (whole, or a unique prefix, with or without `prefix-`)."""
    if not ref.startswith(f"{prefix}-"):
        ref = f"{prefix}-{ref}"
    if ref in ids:
        return ref
    matches = sorted(i for i in ids if i.startswith(ref))
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise error(f"no {noun} {ref!r} in this registry")
    from claimcheck.errors import AmbiguousId

    shown = ", ".join(matches[:8]) + (" …" if len(matches) > 8 else "")
    raise AmbiguousId(f"{ref!r} matches {len(matches)} {noun}s: {shown}; type more of the id")
