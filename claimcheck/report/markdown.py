"""The Markdown report, for an editor: metadata, counts, then every claim in its sentence.

Claims that still need work come first (unverified, in review), then the
reviewed ones, each group in article order. Text from the article, a note or a
URL is escaped so that a Markdown renderer shows it as text: an article
holding `<script>` or `[a](javascript:…)` renders as those characters.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from urllib.parse import quote

from claimcheck.enums import STATUS_ICON
from claimcheck.models import Article, Claim
from claimcheck.report.common import (
    KIND_LABEL,
    STATUS_LABEL,
    STATUS_ORDER,
    Advance,
    Item,
    each,
    editor_order,
    is_anchored,
    is_unreviewed,
    link_url,
    notes,
    one_line,
    predates,
    sentence_around,
    stale_of,
    summary,
    value_items,
)

# Markdown punctuation that could start emphasis, a link, code, a table cell or raw HTML.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_SPACES = re.compile(r"\s+")
_LINE_START = re.compile(r"^(\s*)([-+=>#]|\d+(?=[.)]))")


def escape(text: object, *, line_start: bool = False, strip: bool = True) -> str:
    """Text shown literally by any Markdown renderer, on one line (`line_start`: it begins a line)."""
    flat = one_line(str(text)) if strip else _SPACES.sub(" ", str(text))
    out = _MD_SPECIAL.sub(r"\\\1", flat).replace("&", "&amp;")
    if not line_start:
        return out
    # `- x` or `1. x` at the start of a line would become a list: escape the marker (`1\.`, `\-`).
    return _LINE_START.sub(
        lambda m: m.group(1) + (m.group(2) + "\\" if m.group(2)[0].isdigit() else "\\" + m.group(2)), out
    )


def _link(url: str) -> str:
    safe = link_url(url)
    if safe is None:
        # Not http(s): shown, never linked. A code span cannot hold HTML or a link.
        fence = "`" * (max((len(m) for m in re.findall(r"`+", url)), default=0) + 1)
        return f"{fence} {one_line(url)} {fence}"
    # Angle-bracket autolink; characters that would end it are percent-encoded.
    return "<" + quote(safe, safe=":/?#[]@!$&'()*+,;=%~-._") + ">"


def _metadata(article: Article) -> list[str]:
    rows = [
        ("Outlet", article.outlet),
        ("Published", article.published.isoformat()),
        ("Language", article.language),
        ("Article", f"{article.id} (version {article.version})"),
    ]
    lines = []
    if article.url:
        lines.append(f"- **URL:** {_link(article.url)}")
    lines += [f"- **{name}:** {escape(value)}" for name, value in rows if value]
    return lines


def _counts(claims: list[Claim]) -> list[str]:
    s = summary(claims)
    total = s["total"]
    pct = round(100 * s["reviewed"] / total) if total else 0
    lines = [
        f"**Progress:** {s['reviewed']} of {total} claims reviewed ({pct}%)",
        "",
        "| Status | Claims |",
        "|---|---:|",
    ]
    for status in STATUS_ORDER:
        n = s["by_status"][status.value]
        if n:
            lines.append(f"| {STATUS_ICON[status]} {STATUS_LABEL[status]} | {n} |")
    kinds = ", ".join(f"{n} {k}" for k, n in s["by_kind"].items() if n)
    lines += ["", f"**By kind:** {kinds or 'none'}"]
    return lines


def _claim(article: Article, claim: Claim) -> list[str]:
    status = claim.status
    # A `#` ending a heading would be taken for its closing sequence.
    lines = [
        f"#### {STATUS_ICON[status]} {escape(claim.text).replace('#', chr(92) + '#')}",
        "",
        f"- **Status:** {STATUS_LABEL[status]} · **Kind:** {KIND_LABEL[claim.kind]} · **Id:** `{claim.id}`",
    ]
    values = value_items(claim.value)
    if values:
        lines.append("- **Value:** " + ", ".join(f"{k} {escape(v)}" for k, v in values))
    if is_anchored(article, claim):
        before, words, after = sentence_around(article.text, claim.span.start, claim.span.end)
        # The spaces around the quote are kept: `**` must sit right against the words it makes bold.
        context = escape(before, line_start=True, strip=False) + f"**{escape(words)}**" + escape(after, strip=False)
        lines += ["", f"> {context}", ""]
    else:
        lines += [
            "",
            f"> **{escape(claim.span.quote)}**",
            "",
            "*Not found in the current text of the article (orphaned): not highlighted.*",
            "",
        ]
    if claim.evidence:
        lines.append("- **Evidence:**")
        stale = stale_of(claim)
        for item in claim.evidence:
            note = f" — {escape(item.note)}" if item.note else ""
            old = f" *({predates(stale[item.url])})*" if item.url in stale else ""
            lines.append(f"  - *{item.stance.value}* {_link(item.url)}{note}{old}")
    else:
        lines.append("- **Evidence:** none yet")
    for left in notes(claim):
        lines.append(f"- **Note** ({left['at'][:10]}, {escape(left['by'])}): {escape(left['note'])}")
    return [*lines, ""]


def _article(article: Article, claims: list[Claim]) -> list[str]:
    title = escape(article.title or article.source or article.id).replace("#", "\\#")
    lines = [f"## {title}", "", *_metadata(article), "", *_counts(claims), ""]
    ordered = editor_order(claims)
    todo = [c for c in ordered if is_unreviewed(c)]
    done = [c for c in ordered if not is_unreviewed(c)]
    for heading, group in ((f"To review ({len(todo)})", todo), (f"Reviewed ({len(done)})", done)):
        if not group:
            continue
        lines += [f"### {heading}", ""]
        for claim in group:
            lines += _claim(article, claim)
    if not claims:
        lines += ["*No claims in this article.*", ""]
    return lines


def render(items: list[Item], *, generated_at: datetime | None = None, advance: Advance | None = None, **_: Any) -> str:
    lines = ["# Claim review", ""]
    if generated_at is not None:
        lines += [f"*Generated by claimcheck on {generated_at:%Y-%m-%d %H:%M} UTC.*", ""]
    for article, claims in each(items, advance):
        lines += _article(article, claims)
    return "\n".join(lines).rstrip("\n") + "\n"
