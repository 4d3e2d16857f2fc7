"""Cutting an article into paragraphs, lines and sentences with exact character offsets.

spaCy's sentencizer splits on punctuation only; articles also carry structure in their line
breaks (headlines, datelines, incident logs, bibliographies), so sentences never cross a line,
except one that a page wrapped by hand in mid-sentence (:func:`_wrapped`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from eventledger.datafiles import load_yaml


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int  # paragraphs are separated by blank lines
    line: int  # index of the text line the sentence sits on


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(load_yaml("eventledger.extract", "segment.yaml")["abbreviations"])


@cache
def _boundary() -> re.Pattern[str]:
    return re.compile(load_yaml("eventledger.extract", "segment.yaml")["boundary"])


# a line wrapped by hand is a long one: a short line ending on "the" is a title or a label
WRAPPED_LINE = 20
LONG_WRAPPED_LINE = 30


@cache
def _wrap_words() -> frozenset[str]:
    return frozenset(load_yaml("eventledger.extract", "segment.yaml")["wrap_words"])


def _wrapped(line: str, following: str) -> bool:
    """Whether ``line`` was cut in mid-sentence and goes on in ``following`` (the next line, no
    blank between): it ends on a word that cannot end a sentence ("the troops ambushed on" /
    "Monday near the border"), or with a comma, a number or a lower-case word, and the next line
    opens in lower case ("in the restive" / "north of the country"). A headline, a dateline, a list item
    or a log line ends otherwise or is followed by a capital, a dash or a bullet."""
    end = line.rstrip()
    nxt = following.lstrip()
    if not end or not nxt or not (nxt[0].isalnum() or nxt[0] in "\"“‘'"):
        return False
    words = end.split()
    last = words[-1].lower()
    if last in _wrap_words() and len(end) >= WRAPPED_LINE:
        return True
    bare = end.rstrip("\"”’')") or end
    cut = bare[-1] in ",;" or bare[-1].islower() or bare[-1].isdigit()
    return cut and nxt[0].islower() and len(end) >= LONG_WRAPPED_LINE and not nxt.split()[0].count("-")


def _split_line(line: str) -> list[tuple[int, int]]:
    """Sentence spans within one line."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _boundary().finditer(line):
        before = line[start:match.start()].split()
        # the word's last part after a slash or bracket: "(AP Photo/J. Scott Applewhite)" has an initial
        word = re.split(r"[/(\[]", before[-1].lower().rstrip("."))[-1] if before else ""
        if match.group().startswith(".") and (word in _abbreviations() or (len(word) == 1 and word.isalpha())):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(line)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while s < e and line[s].isspace():
            s += 1
        while e > s and line[e - 1].isspace():
            e -= 1
        if e > s and out and line[s] == "(" and line[e - 1] == ")" and "(" not in line[s + 1:e - 1]:
            out[-1] = (out[-1][0], e)  # a bracket alone after a sentence closes it: "... in Kabul. (AP Photo/J. Doe)"
        elif e > s:
            out.append((s, e))
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of ``text`` in order, each with its offsets, paragraph and line."""
    sentences: list[Sentence] = []
    paragraph = 0
    offset = 0
    blank = False
    lines = text.split("\n")
    line_index = 0
    while line_index < len(lines):
        line = lines[line_index]
        if not line.strip():
            blank = True
            offset += len(line) + 1
            line_index += 1
            continue
        if blank and sentences:
            paragraph += 1
        blank = False
        first = line_index
        while line_index + 1 < len(lines) and _wrapped(lines[line_index], lines[line_index + 1]):
            line_index += 1
            line += "\n" + lines[line_index]
        for s, e in _split_line(line):
            sentences.append(Sentence(len(sentences), offset + s, offset + e, line[s:e], paragraph, first))
        offset += len(line) + 1
        line_index += 1
    return sentences
