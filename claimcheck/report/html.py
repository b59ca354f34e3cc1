"""The HTML report: one self-contained page, the article highlighted by status, safe with any text.

Nothing is fetched: the CSS, the script and the SVG charts are inline, fonts
are the reader's own. Everything that comes from an article, a person or a URL
goes through jinja2's autoescaping (set explicitly: `select_autoescape()` does
not escape a `*.html.j2` template); the claims reach the script as JSON via
`|tojson`, which escapes `<`, `>`, `&` and `'`; only http(s) URLs become links.
A Content-Security-Policy allows exactly our script and our style (by their
SHA-256 hashes), no other script, no network.

Claims whose span no longer matches the text (orphaned after an edit) appear
in the table and the data but have no highlight, so the page holds one
`[data-claim]` element per highlighted claim (see highlight.py).
"""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime
from functools import cache
from importlib.resources import files
from typing import Any
from urllib.parse import unquote, urlsplit

from claimcheck import __version__
from claimcheck.enums import STATUS_ICON
from claimcheck.models import Article, Claim, Event, Evidence, Status
from claimcheck.report import highlight
from claimcheck.report.common import (
    KIND_LABEL,
    KIND_ORDER,
    STATUS_LABEL,
    STATUS_ORDER,
    Advance,
    Item,
    each,
    history_detail,
    link_url,
    notes,
    one_line,
    predates,
    reading_order,
    shorten,
    stale_of,
    summary,
    value_items,
)

LANGUAGE_NAME = {"fr": "French", "en": "English"}


@cache
def _asset(name: str) -> str:
    return (files("claimcheck.report") / "templates" / name).read_text(encoding="utf-8")


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(script: str, style: str) -> str:
    """Our one script and one style sheet, by hash; nothing else runs, loads or submits."""
    return (
        f"default-src 'none'; script-src {_csp_hash(script)}; style-src {_csp_hash(style)}; "
        "base-uri 'none'; form-action 'none'"
    )


@cache
def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    # autoescape=True, explicitly: every {{ }} is escaped unless it is our own Markup.
    return Environment(
        loader=PackageLoader("claimcheck.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _link_label(url: str) -> str:
    """A readable form of a link: host and path, shortened; the full URL stays in the href."""
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    rest = unquote(parts.path.rstrip("/"))
    return shorten(host + rest, 60)


def _evidence(item: Evidence, stale: dict[str, int] | None = None) -> dict[str, Any]:
    href = link_url(item.url)
    if href:
        label = _link_label(href)
    elif item.url.startswith("file:"):
        # A local file is evidence for the desk, not a link for readers: its name and digest.
        label = "local file " + unquote(urlsplit(item.url).path).rsplit("/", 1)[-1]
        if item.sha256:
            label += f" (sha256 {item.sha256[:12]}…)"
    else:
        label = item.url
    if stale and item.url in stale:
        label += f" ({predates(stale[item.url])})"
    return {
        "url": item.url,
        "href": href,
        "label": label,
        "stance": item.stance.value,
        "note": item.note,
        "added_at": item.added_at.date().isoformat(),
        "added_by": item.added_by,
    }


def _label(status: str) -> str:
    try:
        return STATUS_LABEL[Status(status)]
    except ValueError:
        return status


_DESK = {
    "assigned": lambda d: f"Assigned to {d.pop('to', '?')}" + (f" (was {d.pop('from')})" if "from" in d else ""),
    "unassigned": lambda d: f"Unassigned from {d.pop('from', '?')}",
    "tagged": lambda d: "Tagged " + ", ".join(map(str, d.pop("tags", []))),
    "untagged": lambda d: "Untagged " + ", ".join(map(str, d.pop("tags", []))),
    "commented": lambda d: f"Comment: {d.pop('text', '')}",
    "priority": lambda d: f"Priority: {d.pop('to', '?')}" + (f" (was {d.pop('from')})" if "from" in d else ""),
    "undone": lambda d: _undone(d),
}


def _undone(d: dict[str, Any]) -> str:
    d.pop("events", None)  # places in the history: the reader sees which change by the event above
    return f"Undone: {str(d.pop('action', 'change')).replace('_', ' ')}"


def _event(event: Event) -> dict[str, str]:
    """A history event as a person reads it: what happened, then its details."""
    d = dict(event.detail)
    note = d.pop("note", None)
    if event.action == "created":
        source = d.pop("source", None)
        what = {"extracted": "Found by extraction", "added": "Added by hand"}.get(str(source), "Created")
    elif event.action == "status":
        d.pop("evidence", None)  # the URLs that came with it, each shown by its own event
        what = f"Status: {_label(str(d.pop('from', '?')))} → {_label(str(d.pop('to', '?')))}"
    elif event.action == "evidence_added":
        what = f"Evidence added ({d.pop('stance', 'supports')}): {d.pop('url', '')}"
    elif event.action == "evidence_removed":
        d.pop("evidence", None)  # the item itself, kept for undo
        what = f"Evidence removed: {d.pop('url', '')}"
    elif event.action == "note":
        what = "Note"
    elif event.action in _DESK:
        what = _DESK[event.action](d)
    else:
        what = event.action.replace("_", " ").capitalize()
    rest = history_detail(d)
    return {
        "at": event.at.strftime("%Y-%m-%d %H:%M"),
        "by": event.by,
        "what": what + (f" ({rest})" if rest else ""),
        "note": str(note) if note else "",
    }


def _claim_data(claim: Claim, highlighted: bool) -> dict[str, Any]:
    """What the page's script shows for a claim; every string is escaped by `|tojson` on the way in."""
    return {
        "id": claim.id,
        "article_id": claim.article_id,
        "kind": claim.kind.value,
        "kind_label": KIND_LABEL[claim.kind],
        "text": claim.text,
        "quote": claim.span.quote,
        "start": claim.span.start,
        "end": claim.span.end,
        "status": claim.status.value,
        "value": value_items(claim.value),
        "evidence": [_evidence(e, stale_of(claim)) for e in claim.evidence],
        "notes": notes(claim),
        "history": [_event(e) for e in claim.history],
        "highlighted": highlighted,
        "orphaned": claim.orphaned,
        "updated_at": claim.updated_at.isoformat(),
    }


def _segments(counts: dict[str, int], total: int) -> list[dict[str, Any]]:
    """Stacked-bar segments by status, as percentages of the width."""
    out, x = [], 0.0
    for status in STATUS_ORDER:
        n = counts[status.value]
        if not n:
            continue
        width = 100.0 * n / total
        out.append(
            {
                "status": status.value,
                "x": round(x, 3),
                "width": round(width, 3),
                "count": n,
                "label": STATUS_LABEL[status],
            }
        )
        x += width
    return out


def _article_view(article: Article, claims: list[Claim]) -> dict[str, Any]:
    ordered = reading_order(claims)
    tree = highlight.build(article, ordered)
    highlighted = _main_ids(tree)
    s = summary(ordered)
    total = s["total"]
    most = max(s["by_kind"].values(), default=0) or 1
    return {
        "id": article.id,
        "title": one_line(article.title or article.source or article.id),
        "outlet": article.outlet,
        "href": link_url(article.url),
        "url": article.url,
        "published": article.published.isoformat(),
        "language": article.language,
        "language_name": LANGUAGE_NAME.get(article.language, article.language),
        "version": article.version,
        "source": article.source,
        "paragraphs": tree,
        "summary": s,
        "percent": round(100 * s["reviewed"] / total) if total else 0,
        "to_review": total - s["reviewed"],
        "last_change": max((c.updated_at for c in ordered), default=None),
        "segments": _segments(s["by_status"], total) if total else [],
        "kinds": [
            {
                "kind": k.value,
                "label": KIND_LABEL[k],
                "count": s["by_kind"][k.value],
                "width": round(100 * s["by_kind"][k.value] / most, 3),
            }
            for k in KIND_ORDER
            if s["by_kind"][k.value]
        ],
        "claims": [_row(c, c.id in highlighted) for c in ordered],
        "highlighted": len(highlighted),
        "data": {c.id: _claim_data(c, c.id in highlighted) for c in ordered},
    }


def _main_ids(tree: list[highlight.Paragraph]) -> set[str]:
    found: set[str] = set()

    def walk(children: list[Any]) -> None:
        for node in children:
            if isinstance(node, highlight.Mark):
                if node.main:
                    found.add(node.claim.id)
                walk(node.children)

    for para in tree:
        walk(para.children)
    return found


def _row(claim: Claim, highlighted: bool) -> dict[str, Any]:
    return {
        "id": claim.id,
        "text": claim.text,
        "quote": claim.span.quote,
        "kind": claim.kind.value,
        "kind_label": KIND_LABEL[claim.kind],
        "status": claim.status.value,
        "evidence": [_evidence(e, stale_of(claim)) for e in claim.evidence],
        "notes": notes(claim),
        "highlighted": highlighted,
        "orphaned": claim.orphaned,
    }


def render(items: list[Item], *, generated_at: datetime | None = None, advance: Advance | None = None, **_: Any) -> str:
    script, style = _asset("report.js"), _asset("report.css")
    from markupsafe import Markup

    articles = [_article_view(article, claims) for article, claims in each(items, advance)]
    data = {
        "claims": {cid: claim for a in articles for cid, claim in a.pop("data").items()},
        "statuses": {s.value: {"label": STATUS_LABEL[s], "icon": STATUS_ICON[s]} for s in Status},
    }
    title = articles[0]["title"] if len(articles) == 1 else f"{len(articles)} articles"
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            title=title,
            articles=articles,
            data=data,
            statuses=[{"value": s.value, "label": STATUS_LABEL[s], "icon": STATUS_ICON[s]} for s in STATUS_ORDER],
            status_label={s.value: STATUS_LABEL[s] for s in Status},
            status_icon={s.value: STATUS_ICON[s] for s in Status},
            generated_at=generated_at.strftime("%Y-%m-%d %H:%M UTC") if generated_at else None,
            version=__version__,
            csp=content_security_policy(script, style),
            # Our own files, hashed into the CSP above: the only unescaped text on the page.
            script=Markup(script),
            style=Markup(style),
        )
    )
