"""Read an article (plain text, Markdown or HTML, from a file or fetched bytes) into its text and metadata.

The text a `SourceFile` carries is the text claims point into: for `.txt` it is
the file decoded as UTF-8 minus a BOM and nothing else (not even CRLF); for
Markdown it is the rendered plain text (`markdown.py`); for HTML it is the
article's body as trafilatura finds it, one paragraph per block, paragraphs
separated by blank lines (`html.py`, metadata in `meta.py`). A URL is fetched by
`fetch.py`. Every problem with the input is an `InputError` whose one-line
message names it. The libraries are imported inside the function that uses them.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from claimcheck.errors import InputError, InputTooLarge
from claimcheck.sources.document import DEFAULT_MAX_BYTES, SourceFile, lang_code, too_large

__all__ = ["DEFAULT_MAX_BYTES", "SourceFile", "lang_code", "load_document", "parse_text", "too_large"]

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


def load_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceFile:
    """Read `path` as an article; the format follows the extension (unknown ones are plain text)."""
    path = Path(path)
    text = _decode(path, _read_bytes(path, max_bytes))
    suffix = path.suffix.lower()
    fmt = "html" if suffix in HTML_SUFFIXES else "md" if suffix in MARKDOWN_SUFFIXES else "txt"
    return parse_text(text, fmt, str(path))


def parse_text(text: str, fmt: str, name: str, url: str | None = None) -> SourceFile:
    """Decoded `text` in format `fmt` ("txt", "md", "html") as an article; `name` names it in errors."""
    if fmt == "html":
        from claimcheck.sources.html import from_html

        doc = from_html(text, url=url)
    elif fmt == "md":
        from claimcheck.sources.markdown import from_markdown

        doc = from_markdown(text)
    else:
        doc = SourceFile(text=text, format="txt")
    if not doc.text.strip():
        raise InputError(f"{name}: no article text found" if fmt != "txt" else f"{name} is empty")
    if url and not doc.url:
        doc = replace(doc, url=url)
    return doc


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path} is a directory, not an article file")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputTooLarge(too_large(str(path), size, max_bytes))
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
