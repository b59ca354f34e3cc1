"""`claimcheck doctor` in its SQL form: what the constraints cannot say, checked over every row.

The database keeps ids unique, claims attached to articles and the events
table append-only by itself; what is left to look at is what the JSON folder's
doctor also checks: every span against the text of its version
(`text[start:end] == quote`), every claim's history against the events table,
every article's claim count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from claimcheck.documents import version_text
from claimcheck.store.postgres.registry import PostgresRegistry

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    where: str  # the article or claim id
    claim_id: str | None
    message: str


@dataclass
class DatabaseReport:
    location: str
    findings: list[Finding] = field(default_factory=list)
    articles: int = 0
    claims: int = 0
    events: int = 0

    @property
    def ok(self) -> bool:
        return not any(f.severity == ERROR for f in self.findings)

    def as_dict(self) -> dict[str, Any]:
        errors = sum(f.severity == ERROR for f in self.findings)
        return {
            "registry": self.location,
            "ok": self.ok,
            "articles": self.articles,
            "claims": self.claims,
            "events": self.events,
            "errors": errors,
            "warnings": len(self.findings) - errors,
            "findings": [
                {"code": f.code, "severity": f.severity, "where": f.where, "claim_id": f.claim_id, "message": f.message}
                for f in self.findings
            ],
        }


def check(registry: Any) -> DatabaseReport:
    """Every article and claim of a PostgreSQL registry checked; the report lists what does not hold."""
    assert isinstance(registry, PostgresRegistry)
    report = DatabaseReport(registry.location)
    counts = registry.event_counts()
    report.events = sum(counts.values())
    for summary in registry.article_summaries():
        report.articles += 1
        article = registry.article(summary["id"]).model_dump(mode="json")
        docs = [c.model_dump(mode="json") for c in registry.claims_of(article["id"])]
        report.claims += len(docs)
        if summary.get("claims") != len(docs):
            report.findings.append(
                Finding(
                    "claim_count",
                    WARNING,
                    article["id"],
                    None,
                    f"its summary says {summary.get('claims')} claims, it has {len(docs)}",
                )
            )
        for doc in docs:
            report.findings += _claim_findings(doc, article, counts.get(doc["id"], 0))
    return report


def _claim_findings(doc: dict[str, Any], article: dict[str, Any], events: int) -> list[Finding]:
    found = []
    span = doc["span"]
    text = version_text(article, doc["version"])
    if text[span["start"] : span["end"]] != span["quote"]:
        found.append(
            Finding(
                "span_mismatch",
                ERROR,
                doc["id"],
                doc["id"],
                f"text[{span['start']}:{span['end']}] of version {doc['version']} is not its quote {span['quote']!r}",
            )
        )
    if events != len(doc["history"]):
        found.append(
            Finding(
                "history_mismatch",
                ERROR,
                doc["id"],
                doc["id"],
                f"its history has {len(doc['history'])} events, the events table {events}",
            )
        )
    return found
