"""What `doctor` finds: a Finding per problem, the Report, and the reading every check shares."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from claimcheck.errors import ClaimcheckError
from claimcheck.store.layout import backup_path
from claimcheck.store.storage import parse_json
from claimcheck.store.whole import problem as whole_problem

ERROR = "error"
WARNING = "warning"
REINDEX = "; `claimcheck doctor --reindex` rebuilds it"


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
        return {
            "registry": str(self.root),
            "ok": self.ok,
            "files": self.files,
            "articles": self.articles,
            "claims": self.claims,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "findings": [f.as_dict() for f in self.findings],
        }


class Checks:
    """The state of one check of a registry folder, and how a finding or a file read is recorded."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.report = Report(root=root)
        self.pending: set[str] = set()
        self.unreadable_shards: set[str] = set()
        self.unreadable_keys: set[str] = set()
        self.schema: int | None = None
        # The keys entry each valid claim should have, computed from the claim as stored, as the store does.
        self.expected_keys: dict[str, dict[str, Any] | None] = {}
        self.misfits: dict[Path, str] = {}

    def add(self, code: str, severity: str, path: Path | str, message: str, claim_id: str | None = None) -> None:
        file = rel(self.root, path) if isinstance(path, Path) else path
        self.report.findings.append(Finding(code, severity, file, claim_id, message))

    def read(self, path: Path) -> Any | None:
        self.report.files += 1
        try:
            data = load(path)
        except ClaimcheckError as exc:
            self.add("invalid_json", ERROR, path, exc.message + restore_hint(path))
            return None
        except OSError as exc:
            self.add("unreadable", ERROR, path, f"{path}: cannot read it ({exc.strerror or exc})")
            return None
        problem = whole_problem(path, data)
        if problem is not None:
            self.misfits[path] = problem
        return data

    def add_misfits(self) -> None:
        """A file a write would refuse (whole.py) is an error, even where no finer check named it."""
        flagged = {f.file for f in self.report.findings if f.severity == ERROR}
        for path, problem in self.misfits.items():
            if rel(self.root, path) not in flagged:
                hint = restore_hint(path) or ("" if path.parent.name == "articles" else REINDEX)
                self.add("misfit_file", ERROR, path, f"commands refuse to change it: {problem}{hint}")


def rel(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def load(path: Path) -> Any:
    """The parsed file; RegistryCorrupt (naming the file, line and column) when it does not parse."""
    return parse_json(path.read_bytes(), path)


def table_in(data: Any, name: str) -> dict[str, Any] | None:
    if not isinstance(data, dict):
        return None
    table = data.get(name, {})
    return table if isinstance(table, dict) else None


def short(text: str, width: int = 40) -> str:
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def restore_hint(path: Path) -> str:
    if path.parent.name in ("index", "keys") or path.name == "registry.json":
        return REINDEX  # derived from the article files: rebuilt, never a write behind them
    return "; `claimcheck doctor --restore` can bring back its last good copy" if backup_path(path).exists() else ""
