"""Compiling extraction's word lists into regular expressions.

Every list the extractors use lives in a data file beside its module (read through
:func:`eventledger.datafiles.load_yaml`) so that it can be read, reviewed and grown without
touching control flow; this module turns lists of phrases into fast whole-word patterns.
"""

from __future__ import annotations

import re


def _trie(phrases: list[str]) -> str:
    """One regex for literal phrases, shared prefixes factored out: it matches what the plain
    alternation of them, longest first, matches (two different phrases that both match at one
    place differ in length, and the greedy optional tails try the longer first), several times
    faster, because the regex engine no longer tries every phrase at every position."""
    root: dict[str, dict] = {}
    for phrase in phrases:
        node = root
        for char in " ".join(phrase.split()):
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + build(child) for char, child in sorted(node.items()) if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


def phrase_pattern(phrases: list[str] | tuple[str, ...], *, trie: bool = False, ignore_case: bool = False) -> str:
    """A regex alternation of literal phrases, longest first, whitespace-tolerant.

    Phrases may contain regex on purpose when wrapped in ``re:``; plain phrases are escaped and
    their spaces match any run of whitespace (articles wrap lines anywhere). ``trie``: each run of
    plain phrases between two ``re:`` entries becomes one trie (same matches, much faster);
    ``ignore_case`` lower-cases them for it, as a case-insensitive regex needs.
    """
    parts: list[str] = []
    literals: list[str] = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        if phrase.startswith("re:"):
            if literals:
                parts.append(_trie(literals))
                literals = []
            parts.append(phrase[3:])
        elif trie:
            literals.append(phrase.lower() if ignore_case else phrase)
        else:
            parts.append(r"\s+".join(re.escape(word) for word in phrase.split()))
    if literals:
        parts.append(_trie(literals))
    return "|".join(parts)


def word_regex(phrases: list[str] | tuple[str, ...], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Compile phrases into one whole-word regex (named group ``w``)."""
    pattern = phrase_pattern(phrases, trie=True, ignore_case=bool(flags & re.IGNORECASE))
    return re.compile(r"(?<![\w-])(?P<w>" + pattern + r")(?![\w-])", flags)
