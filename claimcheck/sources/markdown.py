"""A Markdown article → its plain text and metadata, read by a CommonMark parser (markdown-it-py).

The stored text is what a reader sees, not the markup: `**Niger**` is `Niger`,
`[the report](https://…)` is `the report`, a heading, a list item, a quoted
paragraph and a table row are each a paragraph of their own (blank lines between
them), a hard line break stays a line break, a soft one becomes a space. Images
and raw HTML are left out. A front-matter block is metadata, never prose (claims
should not be found in `date: 2024-05-20`); the title is its `title`, else the
first heading's text.
"""

from __future__ import annotations

import re
from typing import Any

from claimcheck.sources.document import SourceFile, lang_code

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_SPACES = re.compile(r"[ \t\r\n\f]+")  # not U+00A0: in French it is part of `1 000`


def from_markdown(source: str) -> SourceFile:
    """The article in a Markdown source: rendered plain text, front matter and first heading as metadata."""
    from claimcheck.sources.meta import valid_day

    meta: dict[str, str] = {}
    body = source
    m = _FRONT_MATTER.match(source)
    if m:
        meta = front_matter_fields(m.group(1))
        body = source[m.end() :]
    blocks, heading = plain_blocks(body)
    title = meta.get("title") or heading
    published = valid_day(meta.get("published") or meta.get("date") or meta.get("pubdate"))
    return SourceFile(
        text="\n\n".join(blocks),
        format="md",
        title=_SPACES.sub(" ", title).strip() or None if title else None,
        url=meta.get("url") or meta.get("canonical_url") or meta.get("canonical"),
        outlet=meta.get("outlet") or meta.get("site") or meta.get("source") or meta.get("publisher"),
        published=published,
        published_from="metadata" if published else None,
        lang=lang_code(meta.get("lang") or meta.get("language")),
        author=meta.get("author") or meta.get("authors"),
    )


def front_matter_fields(block: str) -> dict[str, str]:
    """`key: value` lines of a YAML front matter (top-level scalars; lists and nesting are skipped)."""
    fields: dict[str, str] = {}
    for line in block.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "-")):
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return {k: v for k, v in fields.items() if v}


def plain_blocks(source: str) -> tuple[list[str], str | None]:
    """The paragraphs of the rendered text, and the first heading's text (None without one)."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    blocks: list[str] = []
    heading: str | None = None
    row: list[str] | None = None
    in_heading = False
    for token in tokens:
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            blocks.append(" | ".join(row))
            row = None
        elif token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline":
            text = inline_text(token.children or [])
            if row is not None:
                row.append(text)
            elif text:
                blocks.append(text)
                if in_heading and heading is None:
                    heading = text
        elif token.type in ("fence", "code_block") and token.content.strip():
            blocks.append(token.content.strip("\n"))
    return [b for b in blocks if b.strip()], heading


def inline_text(children: list[Any]) -> str:
    """What a reader sees of an inline run: text and code, links as their words, no images or raw HTML."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)
