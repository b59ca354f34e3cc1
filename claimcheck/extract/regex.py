"""Regular expressions built from word lists, shared by the extractors."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """A regex matching any of `words`, written as a trie: `sept(?:embre)?`, `j(?:anv|uil)`.

    The longest word wins (`septembre` over `sept`), as in a longest-first
    alternation, but Python's `re` tries one branch per letter instead of every
    word at every position, which makes a scan of a whole article with the
    twenty-odd month names about twice as fast.
    """
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)
