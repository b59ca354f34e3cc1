"""The fallback HTML extractor: a tree walk that keeps one paragraph per block element.

Used when trafilatura finds no body (very short pages, odd markup). It takes the
longest <article>, else <main>, else <body>, and drops page furniture by tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

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


def fallback_text(source: str) -> str:
    """The readable text of an HTML page by the tree walk, paragraphs separated by blank lines."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(source)
    root = _main_element(tree)
    return "\n\n".join(_html_paragraphs(root)) if root is not None else ""
