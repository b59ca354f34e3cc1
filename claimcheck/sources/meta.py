"""What an HTML page says about itself: title, publication date, canonical URL, outlet, author, language tag.

The publication date decides every relative date of the article ("lundi", "last
year"), so a wrong one is worse than none: placeholders of structured data
(0001-01-01, 1970-01-01) and impossible dates (before 1990, after tomorrow) are
rejected, and `published_from` says where the date came from. Structured data
first (JSON-LD, Open Graph and article: properties, itemprop, Dublin Core, <time>),
then a date in the URL, then htmldate's search of the page.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urljoin

from claimcheck.sources.document import lang_code

_EARLIEST = date(1990, 1, 1)
_DATE_PROPERTIES = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datePublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "DC.date",
    "DC.date.issued",
    "dcterms.issued",
    "dcterms.created",
)


@dataclass(frozen=True)
class PageMeta:
    title: str | None = None
    page_title: str | None = None  # <title>, else the first <h1>: the last resort
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    published_from: str | None = None
    lang: str | None = None
    author: str | None = None


def page_metadata(tree: Any, url: str | None = None) -> PageMeta:
    """The metadata of an lxml HTML tree; `url` is where it was fetched from, if it was."""
    ld = _json_ld(tree)
    canonical = _meta(tree, "og:url") or _first(tree, '//link[@rel="canonical"]/@href')
    if canonical and url:
        canonical = urljoin(url, canonical)
    published, where = _published(tree, ld, [canonical, url])
    html = tree.getroottree().getroot()
    return PageMeta(
        title=_clean(_meta(tree, "og:title") or _ld_first(ld, "headline")),
        page_title=_clean(_first(tree, "//title//text()") or _first(tree, "//h1//text()")),
        url=canonical,
        outlet=_clean(_meta(tree, "og:site_name") or _ld_publisher(ld)),
        published=published,
        published_from=where,
        lang=lang_code(
            html.get("lang") or html.get("xml:lang") or html.get("{http://www.w3.org/XML/1998/namespace}lang")
        ),
        author=_clean(_meta(tree, "author") or _meta(tree, "article:author") or _ld_author(ld)),
    )


def valid_day(value: str | None) -> date | None:
    """The calendar day an ISO-ish timestamp names (no time-zone shift), None for placeholders and impossible days."""
    if not value:
        return None
    m = re.match(r"\s*(\d{4})-?(\d{2})-?(\d{2})", value)
    try:
        day = date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else datetime.fromisoformat(value).date()
    except ValueError:
        return None
    return day if _EARLIEST <= day <= date.today() + timedelta(days=1) else None


def url_date(url: str | None) -> date | None:
    """The date in a news URL: /2024/05/20/, /2024-05-20-, /20240520/."""
    if not url:
        return None
    m = re.search(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/_-]|$)", url) or re.search(
        r"[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)", url
    )
    return valid_day(f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}") if m else None


def _published(tree: Any, ld: list[dict[str, Any]], urls: list[str | None]) -> tuple[date | None, str | None]:
    candidates = [_ld_first(ld, "datePublished"), *(_meta(tree, p) for p in _DATE_PROPERTIES)]
    # itemprop can be on several elements (a teaser's date first): each one counts, in order.
    for node in tree.xpath('//*[@itemprop="datePublished"]'):
        candidates.extend([node.get("content"), node.get("datetime"), node.text_content()])
    candidates.extend(tree.xpath("//time[@pubdate]/@datetime"))
    candidates.extend(tree.xpath("//article//time/@datetime | //main//time/@datetime")[:1])
    for value in candidates:
        day = valid_day(value)
        if day:
            return day, "metadata"
    for url in urls:
        day = url_date(url)
        if day:
            return day, "url"
    day = _htmldate(tree)
    return day, "page" if day else None


def _htmldate(tree: Any) -> date | None:
    from htmldate import find_date

    try:
        # Not its extensive search of the text: it picks dates the story mentions ("the 2022 fires").
        found = find_date(tree, original_date=True, extensive_search=False, min_date=_EARLIEST.isoformat())
    except (ValueError, TypeError):
        return None
    return valid_day(found)


def _json_ld(tree: Any) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, nested ones (@graph) included; broken blocks are skipped."""
    found: list[dict[str, Any]] = []
    for block in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            stack = [json.loads(block)]
        except ValueError:
            continue  # broken JSON-LD is common; the other sources still count
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                found.append(item)
                stack.extend(v for v in item.values() if isinstance(v, dict | list))
            elif isinstance(item, list):
                stack.extend(item)
    return found


def _ld_first(ld: list[dict[str, Any]], key: str) -> str | None:
    for item in ld:
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _ld_named(value: Any) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_ld_named(v) for v in value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        value = value.get("name")
    return value if isinstance(value, str) and value.strip() else None


def _ld_publisher(ld: list[dict[str, Any]]) -> str | None:
    return next((n for n in (_ld_named(i.get("publisher")) for i in ld) if n), None)


def _ld_author(ld: list[dict[str, Any]]) -> str | None:
    return next((n for n in (_ld_named(i.get("author")) for i in ld) if n), None)


def _meta(tree: Any, prop: str) -> str | None:
    for attr in ("property", "name", "itemprop"):
        values = tree.xpath(f'//meta[@{attr}="{prop}"]/@content')
        for value in values:
            if value.strip():
                return str(value).strip()
    return None


def _first(tree: Any, xpath: str) -> str | None:
    values = [str(v).strip() for v in tree.xpath(xpath)]
    return next((v for v in values if v), None)


def _clean(value: str | None) -> str | None:
    """Metadata text on one line, with the spaces the extractor protected given back."""
    if not value:
        return None
    from claimcheck.sources.spaces import restore

    return re.sub(r"[ \t\r\n\f]+", " ", restore(value) or "").strip() or None
