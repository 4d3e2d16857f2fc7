"""Strip page furniture (share widgets, teasers, comment forms, captions) from an article's text.

The rules are the tables in :mod:`eventledger.ingest.furniture_rules`; this module applies them,
line by line, to text from any reader (HTML extracts and plain-text dumps alike), and adds rules
of shape: a line repeated at once goes (an image's alt text and caption; above the article a
headline shown twice is left to the header reader), a run of headline-shaped
lines that ends the text goes (other stories' headlines), and inside a teaser block a headline in
title case or a summary cut with "…" does not count as the article resuming.
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
        "caption": re.compile(r"(?:" + "|".join(rules.CAPTION_LINES) + r")"),
        "credit_prefix": re.compile("|".join(f"(?:{p})" for p in rules.CREDIT_PREFIX)),
        "credit_suffix": re.compile("(?:" + "|".join(f"(?:{p})" for p in rules.CREDIT_SUFFIX) + r")$"),
        "short_credit_suffix": re.compile("(?:" + "|".join(f"(?:{p})" for p in rules.SHORT_CAPTION_CREDIT_SUFFIX) + r")$"),
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
    """True when the whole line is furniture wherever it stands (a share widget, a font control,
    a photo credit)."""
    text = _norm(line)
    patterns = _compiled()
    return bool(text) and bool(patterns["drop"].fullmatch(text) or patterns["caption"].fullmatch(text))


def looks_like_headline(line: str) -> bool:
    """True for a line written like a headline: most of its longer words capitalised, no full stop."""
    stripped = line.strip()
    words = [w.strip("‘’'\"“”:;,()[]") for w in stripped.split()]
    long_words = [w for w in words if len(w) >= 4 and w[:1].isalpha()]
    if stripped.endswith(".") or len(words) > rules.HEADLINE_MAX_WORDS + 5 or len(long_words) < 3:
        return False
    return sum(w[:1].isupper() for w in long_words) >= 0.75 * len(long_words)


_WORD = re.compile(r"\S*[^\W\d_]\S*")  # a word with at least one letter


def headline_shaped(line: str) -> bool:
    """True for a line shaped like a story's headline: a few words, no sentence end, no list
    marker, no quotes, dates, table cells or " – " log separators (a bulleted list, an incident
    log, a table and a reference list stay)."""
    stripped = _norm(line)
    if len(stripped) >= rules.PROSE_MIN_CHARS:
        return False
    words = _WORD.findall(stripped)
    if not rules.HEADLINE_MIN_WORDS <= len(words) <= rules.HEADLINE_MAX_WORDS or is_prose(stripped):
        return False
    if stripped[:1] in rules.LIST_MARKERS:  # an item of the article's own list ("• Rebels seized ...")
        return False
    if stripped[-1:] in ".!?:;\"”’'…)" or re.search(r"[“”\"|]|\d+/\d+|\s[–—-]\s", stripped):
        return False
    return True


def _ends_block(line: str) -> bool:
    # Inside a teaser block only a paragraph that reads as the article ends it: a title-case
    # headline or a teaser's summary cut with "…" is more of the block.
    return is_prose(line) and not looks_like_headline(line) and not line.rstrip().endswith(rules.TEASER_CUT)


def strip_furniture(text: str) -> str:
    """Return ``text`` without its page furniture; paragraphs and their order are kept.

    Lines are dropped, never rewritten, except for the inline rules, so what remains is a subset
    of the input and evidence offsets computed later refer to real article sentences.
    """
    patterns = _compiled()
    kept: list[str] = []
    started = False  # has a paragraph of prose been kept yet?
    skip_next = False
    in_block = False
    previous = ""  # the last non-blank line kept
    for raw in text.split("\n"):
        line = _norm(raw)
        if not line:
            kept.append("")
            continue
        if skip_next:
            skip_next = False
            if not is_prose(line):
                continue
        if in_block:
            if not _ends_block(line):
                continue
            in_block = False
        if started and patterns["tail"].fullmatch(line):
            break
        if patterns["with_next"].fullmatch(line):
            skip_next = True
            continue
        if patterns["block"].fullmatch(line):
            # Above the article a heading like "Top News" is the site's navigation: the lines
            # under it are the page's own headline and date, so only the heading goes.
            in_block = started
            continue
        if patterns["drop"].fullmatch(line) or patterns["caption"].fullmatch(line):
            continue
        if line == previous and (started or not headline_shaped(line)):
            continue  # a picture's alt text and caption (a headline shown twice is the header's)
        cleaned = _cut_inline(raw.strip(), patterns)
        if not cleaned:
            continue
        kept.append(cleaned)
        previous = line
        started = started or is_prose(cleaned)
    if started:
        kept = _without_tail_headlines(_without_stray_teasers(kept))
    return _tidy("\n".join(kept))


def _content_words(text: str) -> set[str]:
    # Five-letter stems, so that "protest" and "protesters", "killed" and "killing" meet.
    words = re.findall(r"[a-z][a-z'’-]{3,}", text.casefold())
    return {word[:5] for word in words if word not in rules.COMMON_WORDS}


def _without_stray_teasers(lines: list[str]) -> list[str]:
    """``lines`` without another story's headline pasted inside the article (a headline-shaped
    line after the first paragraph that shares no content word with the rest of the text) and
    its summary under it."""
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    first_prose = next((position for position, i in enumerate(nonblank) if is_prose(lines[i])), len(nonblank))
    dropped: set[int] = set()
    for position in range(first_prose + 1, len(nonblank) - 1):
        index = nonblank[position]
        line = lines[index]
        words = _content_words(line)
        if len(words) < rules.STRAY_HEADLINE_MIN_WORDS or not headline_shaped(line):
            continue
        following = nonblank[position + 1]
        rest = _content_words(" ".join(lines[i] for i in nonblank if i not in (index, following)))
        if words & rest or len(rest) < rules.STRAY_MIN_TEXT_WORDS:
            continue
        dropped.add(index)
        summary = _content_words(lines[following])
        if is_prose(lines[following]) and len(summary & rest) < rules.STRAY_SUMMARY_MAX_SHARED * len(summary):
            dropped.add(following)
    return [line for i, line in enumerate(lines) if i not in dropped]


def _without_tail_headlines(lines: list[str]) -> list[str]:
    """``lines`` without the run of headline-shaped lines that ends them, when the run is long
    enough to be a list of other stories (one short last line is the article's own)."""
    end = len(lines)
    run: list[int] = []
    for index in range(end - 1, -1, -1):
        line = lines[index]
        if not line.strip():
            continue
        if not headline_shaped(line):
            break
        run.append(index)
    if len(run) < rules.TAIL_HEADLINES_MIN_RUN:
        return lines
    return lines[: min(run)]


def _cut_inline(line: str, patterns: dict[str, re.Pattern[str]]) -> str:
    for prefix_name, suffix_name in (("prefix", "suffix"), ("credit_prefix", "credit_suffix")):
        prefix = patterns[prefix_name].match(line)
        if prefix:
            line = line[prefix.end():]
        tail_start = max(0, len(line) - SUFFIX_WINDOW)
        suffix = patterns[suffix_name].search(line, tail_start)
        if suffix:
            line = line[: suffix.start()]
    suffix = patterns["short_credit_suffix"].search(line)
    if suffix and not is_prose(line[: suffix.start()]):  # a caption's sentence, not a paragraph's
        line = line[: suffix.start()]
    return line.strip()


# Inline furniture at the end of a line is looked for in its last this many characters.
SUFFIX_WINDOW = 120


def _tidy(text: str) -> str:
    # Collapse the blank runs that dropped lines leave behind; keep single blank lines (paragraphs).
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()
