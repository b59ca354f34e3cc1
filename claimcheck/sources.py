"""Read an article file (plain text, Markdown or HTML) into its text and metadata.

The text a `SourceFile` carries is the text claims point into: for `.txt` it is
the file decoded as UTF-8 minus a BOM and nothing else (not even CRLF); for
Markdown it is the source as written, minus a leading front-matter block; for
HTML it is the article's readable text, one paragraph per block element,
paragraphs separated by blank lines. Every problem with the file is an
`InputError` whose one-line message names it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from claimcheck.errors import InputError, InputTooLarge

DEFAULT_MAX_BYTES = 5_000_000

_MARKDOWN = {".md", ".markdown", ".mdown", ".mkd"}
_HTML = {".html", ".htm", ".xhtml"}


@dataclass(frozen=True)
class SourceFile:
    """An article as read from a file: the text spans refer to, and what the file says about it."""

    text: str
    format: str  # "txt" | "md" | "html"
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    lang: str | None = None


def load_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceFile:
    """Read `path` as an article; the format follows the extension (unknown ones are plain text)."""
    path = Path(path)
    raw = _read_bytes(path, max_bytes)
    text = _decode(path, raw)
    suffix = path.suffix.lower()
    if suffix in _HTML:
        doc = _from_html(text)
    elif suffix in _MARKDOWN:
        doc = _from_markdown(text)
    else:
        doc = SourceFile(text=text, format="txt")
    if not doc.text.strip():
        raise InputError(f"{path}: no article text found" if doc.format == "html" else f"{path} is empty")
    return doc


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path} is a directory, not an article file")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputTooLarge(
                f"{path} is {size:,} bytes, over the {max_bytes:,}-byte limit; "
                "raise it with --max-size or CLAIMCHECK_MAX_SIZE"
            )
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror or exc})") from None


def _decode(path: Path, raw: bytes) -> str:
    if b"\x00" in raw:
        # UTF-16 text is full of NUL bytes too, so say what to do about it.
        raise InputError(f"{path} looks binary (it contains NUL bytes); save articles as UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path} is not UTF-8 text (byte 0x{raw[exc.start]:02x} at position {exc.start}); "
            "convert it, e.g. with iconv -f latin1 -t utf-8"
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(f"{path} is empty")
    return text


# ---- Markdown ---------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_H1 = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.M)


def _from_markdown(source: str) -> SourceFile:
    meta: dict[str, str] = {}
    text = source
    m = _FRONT_MATTER.match(source)
    if m:
        # Front matter is metadata, not prose: claims should not be found in `date: 2024-05-20`.
        meta = _front_matter_fields(m.group(1))
        text = source[m.end() :]
    h1 = _H1.search(text)
    title = meta.get("title") or (h1.group(1).strip() if h1 else None)
    published = _parse_date(meta.get("published") or meta.get("date") or "")
    return SourceFile(
        text=text,
        format="md",
        title=title,
        url=meta.get("url") or meta.get("canonical_url"),
        outlet=meta.get("outlet") or meta.get("site") or meta.get("source"),
        published=published,
        lang=_lang_code(meta.get("lang") or meta.get("language")),
    )


def _front_matter_fields(block: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in block.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "-")):
            fields[key.strip().lower()] = value.strip().strip("\"'") or ""
    return {k: v for k, v in fields.items() if v}


# ---- HTML -------------------------------------------------------------------------------

# Never article text: page furniture, code, widgets.
_SKIP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "aside",
        "form",
        "iframe",
        "svg",
        "button",
        "select",
        "textarea",
        "object",
        "embed",
        "canvas",
        "dialog",
        "footer",
        "head",
    ]
)
# Elements that start and end a paragraph of their own.
_BLOCK = frozenset(
    [
        "address",
        "article",
        "blockquote",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "ul",
        "body",
        "html",
    ]
)
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_COLLAPSE = re.compile(r"[ \t\r\n\f]+")  # not U+00A0: in French it is part of `1 000`


def _from_html(source: str) -> SourceFile:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(source)
    root = _main_element(tree)
    text = "\n\n".join(_html_paragraphs(root)) if root is not None else ""
    html = tree.css_first("html")
    return SourceFile(
        text=text,
        format="html",
        title=_meta(tree, "og:title") or _node_text(tree, "title") or _node_text(tree, "h1"),
        url=_meta(tree, "og:url") or _attr(tree, 'link[rel="canonical"]', "href"),
        outlet=_meta(tree, "og:site_name"),
        published=_html_published(tree),
        lang=_lang_code(html.attributes.get("lang") if html is not None else None),
    )


def _main_element(tree: Any) -> Any:
    """The element holding the article: the longest <article>, else <main>, else <body>."""
    articles = tree.css("article")
    if articles:
        return max(articles, key=lambda n: len(n.text(deep=True)))
    return tree.css_first("main") or tree.css_first('[role="main"]') or tree.body or tree.root


def _html_paragraphs(root: Any) -> Iterator[str]:
    """Walk the tree without recursion (pages nest deeply) and yield each block's text."""
    buf: list[str] = []
    # A header inside the article keeps only its headings; the site's header is left out.
    keep_header_headings = root.tag in ("article", "main")
    stack: list[tuple[Any, bool, bool]] = [(root, False, False)]
    while stack:
        node, leaving, in_header = stack.pop()
        tag = node.tag
        if leaving:
            if tag in _BLOCK:
                yield from _flush(buf)
            continue
        if tag == "-text":
            if not in_header:
                buf.append(_COLLAPSE.sub(" ", node.text(deep=False) or ""))
            continue
        if tag in _SKIP or tag.startswith("-") or node.attributes.get("aria-hidden") == "true":
            continue
        if "hidden" in node.attributes:
            continue
        if tag == "br":
            buf.append("\n")
            continue
        if tag == "header" and node is not root:
            if not keep_header_headings:
                continue
            in_header = True
        if tag in _HEADINGS:
            in_header = False
        if tag in _BLOCK:
            yield from _flush(buf)
        stack.append((node, True, in_header))
        children = list(node.iter(include_text=True))
        stack.extend((child, False, in_header) for child in reversed(children))
    yield from _flush(buf)


def _flush(buf: list[str]) -> Iterator[str]:
    if not buf:
        return
    lines = (line.strip(" ") for line in "".join(buf).split("\n"))
    para = "\n".join(line for line in lines if line.strip())
    buf.clear()
    if para.strip():
        yield para.strip()


def _meta(tree: Any, prop: str) -> str | None:
    for selector in (f'meta[property="{prop}"]', f'meta[name="{prop}"]'):
        value = _attr(tree, selector, "content")
        if value:
            return value
    return None


def _attr(tree: Any, selector: str, name: str) -> str | None:
    node = tree.css_first(selector)
    value = (node.attributes.get(name) or "").strip() if node is not None else ""
    return value or None


def _node_text(tree: Any, selector: str) -> str | None:
    node = tree.css_first(selector)
    value = _COLLAPSE.sub(" ", node.text(deep=True)).strip() if node is not None else ""
    return value or None


def _html_published(tree: Any) -> date | None:
    candidates = [
        _meta(tree, "article:published_time"),
        *_json_ld_dates(tree),
        _attr(tree, '[itemprop="datePublished"]', "content"),
        _attr(tree, '[itemprop="datePublished"]', "datetime"),
        _meta(tree, "date"),
        _meta(tree, "DC.date"),
        _meta(tree, "DC.date.issued"),
        _meta(tree, "dcterms.created"),
        _attr(tree, "time[pubdate]", "datetime"),
        _attr(tree, "time[datetime]", "datetime"),
    ]
    for value in candidates:
        parsed = _parse_date(value or "")
        if parsed:
            return parsed
    return None


def _json_ld_dates(tree: Any) -> list[str]:
    found: list[str] = []
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text(deep=True) or "")
        except ValueError:
            continue  # broken JSON-LD is common; the other sources still count
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                if isinstance(item.get("datePublished"), str):
                    found.append(item["datePublished"])
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
    return found


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _parse_date(value: str) -> date | None:
    """The calendar day an ISO-ish timestamp names, as the publisher wrote it (no time-zone shift)."""
    m = _ISO_DAY.match(value.strip())
    if not m:
        try:
            return datetime.fromisoformat(value.strip()).date()
        except ValueError:
            return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _lang_code(value: str | None) -> str | None:
    """`fr-FR` → `fr`; None when absent or not a language tag."""
    if not value:
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if code.isalpha() and 2 <= len(code) <= 3 else None
