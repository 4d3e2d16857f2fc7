"""Strip page furniture (share widgets, teasers, comment forms) from an article's text.

The rules are the tables in :mod:`eventledger.ingest.furniture_rules`; this module only applies
them, line by line, to text from any reader (HTML extracts and plain-text dumps alike).
"""

from __future__ import annotations

import re
from functools import lru_cache

from eventledger.ingest import furniture_rules as rules


@lru_cache(maxsize=1)
def _compiled() -> dict[str, re.Pattern[str]]:
    def whole(patterns: tuple[str, ...]) -> re.Pattern[str]:
        return re.compile(r"(?:" + "|".join(patterns) + r")", re.I)

    return {
        "drop": whole(rules.DROP_LINES),
        "with_next": whole(rules.DROP_WITH_NEXT),
        "block": whole(rules.DROP_BLOCK),
        "tail": whole(rules.CUT_TAIL),
        "prefix": re.compile("|".join(f"(?:{p})" for p in rules.INLINE_PREFIX), re.I),
        # Anchored at the end and applied to a line's tail only: a leading \s* anchored with $
        # would otherwise be retried at every space of a long paragraph.
        "suffix": re.compile("(?:" + "|".join(f"(?:{p})" for p in rules.INLINE_SUFFIX) + r")$", re.I),
    }


def is_prose(line: str) -> bool:
    """True for a line that reads as a paragraph of the article rather than a label or headline."""
    stripped = line.strip()
    if len(stripped) >= rules.PROSE_MIN_CHARS:
        return True
    return len(stripped.split()) >= rules.PROSE_MIN_WORDS and stripped[-1:] in ".!?”\"'’:)"


def _norm(line: str) -> str:
    return " ".join(line.split())


def is_furniture_line(line: str) -> bool:
    """True when the whole line is furniture wherever it stands (a share widget, a font control)."""
    text = _norm(line)
    return bool(text) and bool(_compiled()["drop"].fullmatch(text))


def strip_furniture(text: str) -> str:
    """Return ``text`` without its page furniture; paragraphs and their order are kept.

    Lines are dropped, never rewritten, except for the inline rules, so what remains is a subset
    of the input and evidence offsets computed later refer to real article sentences.
    """
    patterns = _compiled()
    lines = text.split("\n")
    kept: list[str] = []
    started = False  # has a paragraph of prose been kept yet?
    skip_next = False
    in_block = False
    for raw in lines:
        line = _norm(raw)
        if not line:
            kept.append("")
            continue
        if skip_next:
            skip_next = False
            if not is_prose(line):
                continue
        if in_block:
            if not is_prose(line):
                continue
            in_block = False
        if started and patterns["tail"].fullmatch(line):
            break
        if patterns["with_next"].fullmatch(line):
            skip_next = True
            continue
        if patterns["block"].fullmatch(line):
            in_block = True
            continue
        if patterns["drop"].fullmatch(line):
            continue
        cleaned = _cut_inline(raw.strip(), patterns)
        if not cleaned:
            continue
        kept.append(cleaned)
        started = started or is_prose(cleaned)
    return _tidy("\n".join(kept))


def _cut_inline(line: str, patterns: dict[str, re.Pattern[str]]) -> str:
    prefix = patterns["prefix"].match(line)
    if prefix:
        line = line[prefix.end():]
    tail_start = max(0, len(line) - SUFFIX_WINDOW)
    suffix = patterns["suffix"].search(line, tail_start)
    if suffix:
        line = line[: suffix.start()]
    return line.strip()


# Inline furniture at the end of a line is looked for in its last this many characters.
SUFFIX_WINDOW = 120


def _tidy(text: str) -> str:
    # Collapse the blank runs that dropped lines leave behind; keep single blank lines (paragraphs).
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()
