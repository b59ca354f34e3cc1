"""The CSV report: one row per claim, value fields flattened, for a spreadsheet.

UTF-8 always. With `excel=True` the text starts with a byte-order mark (Excel
otherwise reads UTF-8 as the local code page) and any cell that a spreadsheet
would take for a formula (`=`, `+`, `-`, `@`, tab, carriage return first) gets
a leading apostrophe: article text and notes are not ours to execute.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from claimcheck.report.common import Advance, Item, each, format_number, reading_order

# Columns of the value, flattened: CSV column name → key in `Claim.value`.
VALUE_COLUMNS = {
    "amount": "amount",
    "amount_max": "amount_max",
    "unit": "unit",
    "currency": "currency",
    "bound": "bound",
    "start_date": "start",
    "end_date": "end",
    "granularity": "granularity",
    "speaker": "speaker",
    "checkworthiness": "checkworthiness",
}
COLUMNS = (
    "id",
    "article",
    "kind",
    "text",
    "quote",
    "start",
    "end",
    *VALUE_COLUMNS,
    "status",
    "evidence_urls",
    "updated_at",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return format_number(value)


def _guard(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def rows(items: list[Item], advance: Advance | None = None) -> list[list[str]]:
    """The header and one row per claim, articles in the given order, claims in article order."""
    out = [list(COLUMNS)]
    for article, claims in each(items, advance):
        for claim in reading_order(claims):
            out.append(
                [
                    claim.id,
                    article.id,
                    claim.kind.value,
                    claim.text,
                    claim.span.quote,
                    str(claim.span.start),
                    str(claim.span.end),
                    *(_cell(claim.value.get(key)) for key in VALUE_COLUMNS.values()),
                    claim.status.value,
                    # URLs never hold spaces (they are refused at input), so a space separates them safely.
                    " ".join(e.url for e in claim.evidence),
                    claim.updated_at.isoformat(),
                ]
            )
    return out


def render(items: list[Item], *, excel: bool = False, advance: Advance | None = None, **_: Any) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for n, row in enumerate(rows(items, advance)):
        # The header is ours; every other cell may come from an article or a person.
        writer.writerow([_guard(cell) for cell in row] if excel and n else row)
    return (BOM if excel else "") + buffer.getvalue()
