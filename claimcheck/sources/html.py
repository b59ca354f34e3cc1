"""An HTML page → the article's body as paragraphs, and its metadata.

trafilatura finds the body (it beats our own tree walk on real news pages:
several <main>, teaser <article>s, pages without landmarks, share bars and
related links inside the article). Its text output joins paragraphs, so we read
its XML tree instead and write one paragraph per block (paragraph, heading, list
item, quotation, table row), separated by blank lines; a <br> stays a line break.
When trafilatura finds nothing, the tree walk of `walker.py` is the fallback.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from claimcheck.sources.document import SourceFile

# The blocks of trafilatura's XML that are paragraphs of their own.
_BLOCKS = frozenset({"p", "head", "item", "quote", "code", "row", "list", "table", "div", "body"})
_SPACES = re.compile(r"[ \t\r\n\f]+")


def from_html(source: str, url: str | None = None) -> SourceFile:
    """The article in an HTML page: body text (trafilatura, else the tree walk) and metadata."""
    import trafilatura
    from trafilatura.utils import load_html

    from claimcheck.sources.meta import page_metadata
    from claimcheck.sources.prune import drop_bylines, drop_link_lists, standfirst, unwrap_layout
    from claimcheck.sources.spaces import protect, restore
    from claimcheck.sources.walker import fallback_text

    _quiet()
    tree = load_html(protect(source))
    if tree is None:  # not something lxml reads as a page (a bare fragment): the tree walk reads it
        return SourceFile(text=fallback_text(source), format="html")
    meta = page_metadata(tree, url)
    unwrap_layout(tree)
    drop_link_lists(tree)
    drop_bylines(tree)
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
        with_metadata=False,  # meta.py reads the metadata (else htmldate runs twice: seconds on a large page)
        favor_precision=True,
    )
    body = getattr(doc, "body", None)
    named, site = split_page_title(meta.page_title)
    title = meta.title or named
    found = [restore(p) or "" for p in paragraphs(body)] if body is not None else []
    if found and _is_headline(found[0], title, meta.page_title):
        # The headline is the title, kept as such: not a paragraph of the body.
        title = meta.title or found[0]
        found = found[1:]
    lead = restore(standfirst(tree, protect(found[0]))) if found else None
    if lead and not any(_same(lead, p) for p in found):
        found.insert(0, lead)
    text = "\n\n".join(found) or fallback_text(source)
    return SourceFile(
        text=text,
        format="html",
        title=title,
        url=meta.url,
        outlet=meta.outlet or site,
        published=meta.published,
        published_from=meta.published_from,
        lang=meta.lang,
        author=meta.author,
    )


_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·)\s+")


def split_page_title(page_title: str | None) -> tuple[str | None, str | None]:
    """`Headline | Outlet` → (headline, outlet): the longest part is the headline, the last other one the outlet."""
    if not page_title:
        return None, None
    parts = [p for p in _TITLE_SEPARATORS.split(page_title) if p.strip()]
    if len(parts) < 2:
        return page_title, None
    headline = max(parts, key=len)
    others = [p for p in parts if p is not headline]
    return headline, others[-1]


def _is_headline(paragraph: str, title: str | None, page_title: str | None) -> bool:
    """True when `paragraph` is the title, or the page's <title> starts with it (`Headline | Outlet`)."""
    if title and _same(paragraph, title):
        return True
    head = _SPACES.sub(" ", paragraph).strip().casefold()
    return bool(page_title and len(head) >= 15 and page_title.casefold().startswith(head))


def _same(paragraph: str, title: str) -> bool:
    return _SPACES.sub(" ", paragraph).strip().casefold() == _SPACES.sub(" ", title).strip().casefold()


def paragraphs(body: Any) -> list[str]:
    """One paragraph per block of trafilatura's XML tree, in document order; empty ones left out.

    Two line breaks in a row (`text<br><br>text`, the paragraphs of many older sites) end a paragraph.
    """
    found = []
    for elem in body.iter():
        if elem.tag in _BLOCKS:
            found.extend(_block_paragraphs(elem))
    return found


def _block_paragraphs(elem: Any) -> list[str]:
    """The text of one block, without the blocks nested in it (they are paragraphs of their own)."""
    parts: list[str] = [_flat(elem.text)]
    stack = [(child, False) for child in reversed(list(elem))]
    while stack:
        node, done = stack.pop()
        if done or node.tag in _BLOCKS:
            parts.append(_flat(node.tail))
            continue
        if node.tag == "lb":
            parts.extend(["\n", _flat(node.tail)])
            continue
        if node.tag == "cell" and node.getprevious() is not None:
            parts.append(" | ")
        parts.append(_flat(node.text))
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node)))
    found, lines = [], []
    for line in [*(line.strip() for line in "".join(parts).split("\n")), ""]:
        if line:
            lines.append(line)
        elif lines:
            found.append("\n".join(lines))
            lines = []
    return found


def _flat(text: str | None) -> str:
    return _SPACES.sub(" ", text) if text else ""


def _quiet() -> None:
    """trafilatura and htmldate log what they discard; with no handler set, Python would print it on stderr."""
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
        logger.propagate = False
