"""A finding of `claimcheck lint`: its code, severity, message and the claims it is about."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    claim_ids: list[str] = field(default_factory=list)
    article_id: str = ""
