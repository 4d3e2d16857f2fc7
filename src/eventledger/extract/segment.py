"""Cutting an article into paragraphs, lines and sentences with exact character offsets.

spaCy's sentencizer splits on punctuation only; articles also carry structure in their line
breaks (headlines, datelines, incident logs, bibliographies), so sentences never cross a line.
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


def _split_line(line: str) -> list[tuple[int, int]]:
    """Sentence spans within one line."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _boundary().finditer(line):
        before = line[start:match.start()].split()
        word = before[-1].lower().rstrip(".") if before else ""
        if match.group().startswith(".") and (word in _abbreviations() or (len(word) == 1 and word.isalpha())):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(line)))
    out = []
    for s, e in spans:
        while s < e and line[s].isspace():
            s += 1
        while e > s and line[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of ``text`` in order, each with its offsets, paragraph and line."""
    sentences: list[Sentence] = []
    paragraph = 0
    offset = 0
    blank = False
    for line_index, line in enumerate(text.split("\n")):
        if not line.strip():
            blank = True
            offset += len(line) + 1
            continue
        if blank and sentences:
            paragraph += 1
        blank = False
        for s, e in _split_line(line):
            sentences.append(Sentence(len(sentences), offset + s, offset + e, line[s:e], paragraph, line_index))
        offset += len(line) + 1
    return sentences
