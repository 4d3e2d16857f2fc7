"""Compiling extraction's word lists into regular expressions.

Every list the extractors use lives in a data file beside its module (read through
:func:`eventledger.datafiles.load_yaml`) so that it can be read, reviewed and grown without
touching control flow; this module turns lists of phrases into fast whole-word patterns.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Hit:
    """A matched cue: ``value`` found at ``text[start:end]`` of the text searched."""

    value: str
    start: int
    end: int


def compile_patterns(patterns: Mapping[str, str]) -> dict[str, re.Pattern[str]]:
    """Named regular expressions of a data file, compiled (a pattern says ``(?i)`` to ignore case)."""
    return {name: re.compile(pattern) for name, pattern in patterns.items()}


def _trie(phrases: list[str]) -> str:
    """One regex for literal phrases, shared prefixes factored out: it matches what the plain
    alternation of them, longest first, matches (two different phrases that both match at one
    place differ in length, and the greedy optional tails try the longer first), several times
    faster, because the regex engine no longer tries every phrase at every position."""
    root: dict[str, Any] = {}
    for phrase in phrases:
        node = root
        for char in " ".join(phrase.split()):
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
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


class Vocabulary:
    """Surface forms standing for normal values ("katyushas" -> rocket), found in one pass.

    One regex over every surface form (longest first) instead of one search per value;
    ``re:`` forms are regular expressions, checked on what the regex matched.
    """

    def __init__(self, groups: Mapping[str, Sequence[str]]) -> None:
        self.surfaces: dict[str, str] = {}
        self.patterns: list[tuple[re.Pattern[str], str]] = []
        for value, terms in groups.items():
            for term in terms:
                if term.startswith("re:"):
                    self.patterns.append((re.compile(term[3:] + "$", re.I), value))
                self.surfaces.setdefault(" ".join(term.lower().split()), value)
        self.regex = word_regex(list(self.surfaces))

    def hits(self, text: str) -> list[Hit]:
        """Every surface form in ``text`` as a hit whose value is the normal value."""
        hits = []
        for match in self.regex.finditer(text):
            surface = " ".join(match.group().lower().split())
            value = self.surfaces.get(surface)
            if value is None:
                value = next((v for p, v in self.patterns if p.match(surface)), None)
            if value is not None:
                hits.append(Hit(value, match.start(), match.end()))
        return hits
