"""What is done to a page's tree before trafilatura looks for the body, and the standfirst it leaves out.

Each rule answers a shape of real news pages that trafilatura reads wrong on its own.
"""

from __future__ import annotations

import re
from typing import Any

# Blocks made of links (teaser cards, "related" lists, menus) are dropped before trafilatura looks for the
# body: on news pages the longest <article> is often a teaser card. One with some prose of its own is kept.
_LINK_SHARE = 0.6
_PROSE = 200
_LISTS = ("article", "section", "aside", "ul", "ol", "div", "nav", "table", "p")  # p: "Lire aussi : <a>…</a>"


def drop_link_lists(tree: Any) -> None:
    """Remove the blocks of `tree` whose text is mostly link text and that hold no prose outside links."""
    root = tree.getroottree().getroot()
    for elem in list(tree.iter(*_LISTS)):
        if elem.getroottree().getroot() is not root:
            continue  # inside a block already dropped
        total = len(elem.text_content())
        if not total:
            continue
        linked = sum(len(a.text_content()) for a in elem.iter("a"))
        if linked >= _LINK_SHARE * total and total - linked < _PROSE:
            elem.drop_tree()


_CELLS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th")
_LAYOUT_CELL = 250  # characters: a data table's cell is a figure or a few words, a layout cell is a page


def unwrap_layout(tree: Any) -> None:
    """Make plain blocks of a table used for layout (old sites: menus left, story in the middle).

    trafilatura would read it as a data table, every column a cell of one row.
    """
    for table in list(tree.iter("table")):
        cells = list(table.iter("td", "th"))
        if any(len(c.text_content()) > _LAYOUT_CELL or c.find(".//p") is not None for c in cells):
            for elem in [table, *table.iter(*_CELLS)]:
                elem.tag = "div"


# A byline or credit is a line of its own in the article, not prose: "Par Marc Lefèvre", "By Tom Reeve".
_BYLINE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:byline|signature|auteur|author|authors|credit|credits|dateline)(?:[\s_-]|$)", re.I
)
_BYLINE = 150


def drop_bylines(tree: Any) -> None:
    """Remove the short elements a page marks as its byline or credits."""
    for elem in list(tree.iter("p", "div", "span", "address")):
        short = len(elem.text_content().strip()) <= _BYLINE
        if short and elem.getparent() is not None and _BYLINE_CLASS.search(elem.get("class") or ""):
            elem.drop_tree()


# The standfirst (chapô) sits in the article's header, which trafilatura leaves out with the headline and
# the byline; it states the story's main figures, so it is kept when it is in the body's own article.
_LEAD_WORDS = frozenset(
    "chapo chapeau standfirst lede lead intro dek deck summary subtitle subheadline excerpt".split()
)
_SPACES = re.compile(r"[ \t\r\n\f]+")


def standfirst(tree: Any, first: str) -> str | None:
    """The standfirst of the article whose body starts with the paragraph `first`, if the page marks one."""
    probe = _SPACES.sub(" ", first[:60]).strip()
    for elem in tree.iter("p", "div", "h2", "span"):
        if not _is_lead(elem.get("class") or ""):
            continue
        text = _SPACES.sub(" ", elem.text_content()).strip()
        if not 40 <= len(text) <= 600 or probe in text:
            continue
        container = next((a for a in elem.iterancestors("article", "main")), None)
        if container is not None and probe in _SPACES.sub(" ", container.text_content()):
            return text
    return None


def _is_lead(classes: str) -> bool:
    """`chapo`, `article__chapo`, `c-standfirst`: a class whose last word names a standfirst (not `lead-image`)."""
    return any(re.split(r"[_-]+", name.lower())[-1] in _LEAD_WORDS for name in classes.split())
