"""A cheap test before a costly regex search: the literal words every match must contain.

Cue patterns are long alternations whose branches start with ``\\b`` or a lookbehind, so Python's
``re`` finds no literal prefix to jump to and tries every branch at every position of the text;
most sentences hold none of a pattern's words, and for them that whole search is wasted (the
political kinds' triggers were a tenth of the time of extracting a news article). Every branch
of such a pattern nevertheless contains a literal run (``met``, ``talks``, ``condemn``...):
when the lower-cased sentence contains none of these runs, the pattern cannot match, and
``search`` answers None without running it. When it contains one, the search runs as before, so
the answer is always the pattern's own.

The runs are read from the pattern's parse tree (``re._parser``): a run of literal characters the
pattern must consume (not inside an optional part, a lookaround or a condition), and for an
alternation the union of a run of each branch. A pattern with a branch that has no such run is
never screened.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

# Characters other than ASCII letters that ignore-case matching takes for one (İ and ı for i, ſ for
# s, the Kelvin sign for k): in a text holding one, a lower-cased literal may match where
# ``str.lower`` would not show it, so such a text is never screened (tests check the list against
# every code point).
CASE_TWINS = frozenset("\u0130\u0131\u017f\u212a")

_NEEDLES: dict[re.Pattern[str], tuple[str, ...] | None] = {}
_UNREAD: tuple[str, ...] = ("(not read yet)",)  # a pattern whose literals are not in _NEEDLES yet


def screened_text(text: str) -> str | None:
    """``text`` lower-cased for :func:`search`, or None when it must not be screened."""
    if not text.isascii() and not CASE_TWINS.isdisjoint(text):
        return None
    return text.lower()


def search(pattern: re.Pattern[str], text: str, lowered: str | None) -> re.Match[str] | None:
    """``pattern.search(text)``, skipped when ``lowered`` (``screened_text(text)``) holds none of
    the pattern's required literals."""
    if lowered is not None and not may_match(pattern, lowered):
        return None
    return pattern.search(text)


def may_match(pattern: re.Pattern[str], lowered: str) -> bool:
    """False only when ``pattern`` cannot match the text ``lowered`` was made from."""
    needles = _NEEDLES.get(pattern, _UNREAD)
    if needles is _UNREAD:
        needles = _NEEDLES[pattern] = required_literals(pattern)
    if needles is None:
        return True
    # a plain loop: called tens of thousands of times an article batch, where any() over a
    # generator cost half as much again (the typing rules screen ~315 patterns a report)
    for needle in needles:
        if needle in lowered:
            return True
    return False


def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-case ASCII strings one of which every match of ``pattern`` contains, or None."""
    try:
        from re import _constants, _parser  # type: ignore[attr-defined]  # the standard library's own parser

        tree = _parser.parse(pattern.pattern, pattern.flags)
        found = _best(_requirements(list(tree), _constants))
    except Exception:  # a parse tree this reader does not know: never screened
        return None
    return tuple(sorted(found)) if found else None


def _requirements(items: Iterable[tuple[Any, Any]], c: Any) -> list[frozenset[str]]:
    """For a sequence of parsed items: sets of strings, one of each set in every match."""
    found: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            found.append(frozenset(["".join(run)]))
            run.clear()

    for op, argument in items:
        if op is c.LITERAL and argument < 128:
            run.append(chr(argument).lower())
            continue
        flush()
        if op is c.SUBPATTERN:  # (group, add flags, del flags, pattern): a group is consumed whole
            found.extend(_requirements(list(argument[-1]), c))
        elif op is c.BRANCH:  # (None, [branches]): each branch must give one
            branches = [_best(_requirements(list(branch), c)) for branch in argument[1]]
            if all(branches):
                found.append(frozenset().union(*branches))  # type: ignore[arg-type]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and argument[0] >= 1:  # (min, max, pattern)
            found.extend(_requirements(list(argument[2]), c))
    flush()
    return found


def _best(options: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective of several requirements: the one whose shortest string is longest."""
    return max(options, key=lambda strings: min(map(len, strings)), default=None)
