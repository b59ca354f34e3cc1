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
    from claimcheck.sources.spaces import protect, restore
    from claimcheck.sources.walker import fallback_text

    _quiet()
    tree = load_html(protect(source))
    if tree is None:
        return SourceFile(text="", format="html")
    meta = page_metadata(tree, url)
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
        with_metadata=True,
        favor_precision=True,
    )
    body = getattr(doc, "body", None)
    text = "\n\n".join(paragraphs(body)) if body is not None else ""
    if not text.strip():
        text = fallback_text(source)
    title = meta.title or _one_line(restore(getattr(doc, "title", None))) or meta.page_title
    return SourceFile(
        text=restore(text) or "",
        format="html",
        title=title,
        url=meta.url,
        outlet=meta.outlet or restore(getattr(doc, "sitename", None)),
        published=meta.published,
        published_from=meta.published_from,
        lang=meta.lang,
        author=meta.author or restore(getattr(doc, "author", None)),
    )


def paragraphs(body: Any) -> list[str]:
    """One paragraph per block of trafilatura's XML tree, in document order; empty ones left out."""
    found = []
    for elem in body.iter():
        if elem.tag in _BLOCKS:
            para = _block_text(elem)
            if para:
                found.append(para)
    return found


def _block_text(elem: Any) -> str:
    """The text of one block, without the blocks nested in it (they are paragraphs of their own)."""
    parts: list[str] = [elem.text or ""]
    stack = [(child, False) for child in reversed(list(elem))]
    while stack:
        node, done = stack.pop()
        if done:
            parts.append(node.tail or "")
            continue
        if node.tag in _BLOCKS:
            parts.append(node.tail or "")
            continue
        if node.tag == "lb":
            parts.append("\n")
            parts.append(node.tail or "")
            continue
        if node.tag == "cell" and node.getprevious() is not None:
            parts.append(" | ")
        parts.append(node.text or "")
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node)))
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _one_line(text: str | None) -> str | None:
    return _SPACES.sub(" ", text).strip() or None if text else None


def _quiet() -> None:
    """trafilatura and htmldate log what they discard; with no handler set, Python would print it on stderr."""
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
        logger.propagate = False
