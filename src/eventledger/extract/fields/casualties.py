"""Casualties: who was killed and wounded, and how many.

Per sentence, :func:`find_casualties` reads every count a sentence states. Counts follow ACLED's
conservative coding: "at least seven" is 7, "dozens" is 12, a range "between 5 and 7" is 5 with
7 as its upper bound, "a child" is 1, "no casualties" is 0. Per report,
:func:`set_attack_casualties` and :func:`set_log_casualties` keep the largest count per field.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, TypeVar

from eventledger.datafiles import load_yaml
from eventledger.extract.fields.date_expressions import month_names
from eventledger.extract.fields.draft import Fields, span_of
from eventledger.extract.lexicon import Hit, compile_patterns, word_regex

if TYPE_CHECKING:
    from eventledger.extract.analysis import SentenceInfo
    from eventledger.extract.clusters import Cluster
    from eventledger.extract.logs import LogLine

FIELDS = ("killed", "wounded")


@dataclass(frozen=True)
class CasualtyFigure:
    """One count found in a sentence; ``start``/``end`` index the text that was searched."""

    field: str  # killed | wounded
    low: int
    high: int | None
    start: int
    end: int


@dataclass(frozen=True)
class _Token:
    text: str
    lower: str
    start: int
    end: int


Count = tuple[int, int | None, int]  # (low, high, index of the token after the count)
T = TypeVar("T")


def _by_first_word(items: list[T], first: Callable[[T], str]) -> dict[str, list[T]]:
    grouped: dict[str, list[T]] = {}
    for item in items:
        grouped.setdefault(first(item), []).append(item)
    return grouped


@dataclass(frozen=True)
class _Lexicon:
    units: dict[str, int]
    tens: dict[str, int]
    hundred: int
    qualifiers: list[list[str]]
    vague_by_first: dict[str, list[tuple[list[str], int]]]  # by first word, longest first
    qualifiers_by_first: dict[str, list[list[str]]]
    cue_words: dict[str, str]  # cue -> field
    cue_regex: re.Pattern[str]
    none: list[tuple[re.Pattern[str], tuple[str, ...]]]
    tolls: list[tuple[re.Pattern[str], str]]
    not_people: frozenset[str]
    people: frozenset[str]
    active: frozenset[str]
    of_nouns: frozenset[str]
    passive: frozenset[str]
    left_window: int
    bomber_numbers: dict[str, int]
    patterns: dict[str, re.Pattern[str]]


@cache
def _lexicon() -> _Lexicon:
    numbers = load_yaml("eventledger.extract.fields", "numbers.yaml")
    cues = load_yaml("eventledger.extract.fields", "casualties.yaml")
    cue_words: dict[str, str] = {}
    for field in FIELDS:
        for cue in cues[field]:
            cue_words[cue] = field
    vague = sorted(((v.split(), n) for v, n in numbers["vague"].items()), key=lambda x: -len(x[0]))
    qualifiers = sorted((q.split() for q in numbers["qualifiers"]), key=len, reverse=True)
    return _Lexicon(
        units=numbers["units"],
        tens=numbers["tens"],
        hundred=numbers["hundred"],
        qualifiers=qualifiers,
        # vague counts and qualifiers by first word (each list in the order above): only those
        # can match at a token
        vague_by_first=_by_first_word(vague, lambda item: item[0][0]),
        qualifiers_by_first=_by_first_word(qualifiers, lambda words: words[0]),
        cue_words=cue_words,
        cue_regex=word_regex(list(cue_words)),
        none=[(re.compile(r"(?<!\w)" + p["pattern"] + r"(?!\w)", re.I), tuple(p["fields"])) for p in cues["none"]],
        tolls=[(re.compile(r"(?<!\w)" + p["pattern"] + r"(?!\w)", re.I), p["field"]) for p in cues["tolls"]],
        not_people=frozenset(cues["not_people"]),
        people=frozenset(cues["people"]),
        active=frozenset(cues["active_cues"]),
        of_nouns=frozenset(cues["of_nouns"]),
        passive=frozenset(cues["passive_cues"]),
        left_window=int(cues["left_window"]),
        bomber_numbers=dict(cues["bomber_numbers"]),
        patterns=compile_patterns(cues["patterns"]),
    )


@cache
def _month_names() -> frozenset[str]:
    return frozenset(month_names())


def cue_words() -> list[str]:
    """The words that announce deaths and injuries ("killed", "wounded", ...)."""
    cues = load_yaml("eventledger.extract.fields", "casualties.yaml")
    return [*cues["killed"], *cues["wounded"]]


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group(), m.group().lower(), m.start(), m.end()) for m in _lexicon().patterns["token"].finditer(text)]


def _words_at(tokens: list[_Token], i: int, words: list[str]) -> bool:
    return i + len(words) <= len(tokens) and all(tokens[i + k].lower == w for k, w in enumerate(words))


def _skip_qualifiers(tokens: list[_Token], i: int) -> int:
    lex = _lexicon()
    moved = True
    while moved and i < len(tokens):
        moved = False
        for words in lex.qualifiers_by_first.get(tokens[i].lower, ()):
            if _words_at(tokens, i, words):
                i += len(words)
                moved = True
                break
    return i


def _plain_number(tokens: list[_Token], i: int) -> tuple[int, int] | None:
    """A number written in digits or words starting at token i: (value, index after it)."""
    lex = _lexicon()
    if i >= len(tokens):
        return None
    word = tokens[i].lower
    if word[0].isdigit():
        digits = word.replace(",", "")
        if not digits.isdigit():
            return None
        return int(digits), i + 1
    if "-" in word:  # "twenty-five"
        head, _, tail = word.partition("-")
        if head in lex.tens and tail in lex.units and 0 < lex.units[tail] < 10:
            return lex.tens[head] + lex.units[tail], i + 1
        return None
    if word in lex.tens:
        value = lex.tens[word]
        if i + 1 < len(tokens) and tokens[i + 1].lower in lex.units and 0 < lex.units[tokens[i + 1].lower] < 10:
            return value + lex.units[tokens[i + 1].lower], i + 2
        return value, i + 1
    if word in ("hundred",) or (word in ("a", "one") and i + 1 < len(tokens) and tokens[i + 1].lower == "hundred"):
        return lex.hundred, i + (1 if word == "hundred" else 2)
    if word in lex.units and word not in ("a", "an", "no", "none", "both", "single", "lone"):
        return lex.units[word], i + 1
    return None


def _person_follows(tokens: list[_Token], i: int, limit: int = 3) -> bool:
    lex = _lexicon()
    for k in range(i, min(i + limit, len(tokens))):
        if tokens[k].lower in lex.people:
            return True
        if tokens[k].lower in lex.not_people or not tokens[k].text[0].isalpha():
            return False
    return False


def _count_at(tokens: list[_Token], i: int) -> tuple[int, int | None, int] | None:
    """A count of people starting at token i: (low, high, index after the count)."""
    lex = _lexicon()
    for words, value in lex.vague_by_first.get(tokens[i].lower, ()) if i < len(tokens) else ():
        if _words_at(tokens, i, words):
            after = i + len(words)
            if after < len(tokens) and tokens[after].lower in lex.not_people:
                return None
            return value, None, after
    if i < len(tokens) and tokens[i].lower in ("a", "an", "one", "single", "lone") and _person_follows(tokens, i + 1):
        return 1, None, i + 1
    if i < len(tokens) and tokens[i].lower == "both" and _person_follows(tokens, i + 1):
        return 2, None, i + 1
    if i < len(tokens) and tokens[i].lower == "between":
        first = _plain_number(tokens, i + 1)
        if first and first[1] < len(tokens) and tokens[first[1]].lower == "and":
            second = _plain_number(tokens, first[1] + 1)
            if second:
                return first[0], second[0], second[1]
        return None
    if i < len(tokens) and re.fullmatch(r"\d+-\d+", tokens[i].lower):
        low, high = (int(x) for x in tokens[i].lower.split("-"))
        return low, high, i + 1
    number = _plain_number(tokens, i)
    if number is None:
        return None
    value, after = number
    if after < len(tokens) and tokens[after].lower in ("to", "or", "-") and after + 1 < len(tokens):
        second = _plain_number(tokens, after + 1)
        if second and second[0] > value:
            return value, second[0], second[1]
    return value, None, after


def _plausible(tokens: list[_Token], i: int, after: int) -> bool:
    """Reject counts of things (rockets, days) and years or times."""
    lex = _lexicon()
    word = tokens[i].lower
    if i > 0 and tokens[i - 1].lower.rstrip(".") in _month_names():
        return False  # "September 9": a day of the month
    if (i > 0 and tokens[i - 1].lower in ("/", ":")) or (after < len(tokens) and tokens[after].lower in ("/", ":")):
        return False  # part of a date or a time: "06/12/2013", "10:30"
    if word.isdigit() and len(word) == 4 and 1900 <= int(word) <= 2100 and not _person_follows(tokens, after, 2):
        return False
    for k in range(after, min(after + 3, len(tokens))):
        lower = tokens[k].lower
        if lower in lex.people or lower in lex.cue_words:
            return True
        if lower in lex.not_people:
            return False
        if not tokens[k].text[0].isalnum():
            return True
    return True


def _named_person(tokens: list[_Token], i: int) -> tuple[int, None, int] | None:
    """"killed Ali Hassan, a judge": a person named right after the verb is one victim."""
    j = i
    while j < len(tokens) and j - i < 4 and tokens[j].text[0].isupper() and tokens[j].text.isalpha():
        j += 1
    if j == i or j - i < 2:  # one capitalised word may be a group ("killed Daesh ...")
        return None
    if j < len(tokens) and tokens[j].lower not in (",", ".", "and", "in", "on", "near", "at", "outside", "while"):
        return None
    return 1, None, j


def _asides(tokens: list[_Token], start: int, end: int) -> set[int]:
    """Token positions inside ", including ... ," asides, whose counts are parts of the whole."""
    inside: set[int] = set()
    k = start
    while k < end:
        if tokens[k].lower == "," and k + 1 < end and tokens[k + 1].lower in ("including", "among", "mostly", "most"):
            j = k + 1
            while j < end and tokens[j].lower != ",":
                inside.add(j)
                j += 1
            k = j
        k += 1
    return inside


class _Sentence:
    """One text read as tokens, with the positions of its casualty cues."""

    def __init__(self, text: str, cues: list[re.Match[str]]) -> None:
        lex = _lexicon()
        self.text = text
        self.tokens = _tokens(text)
        self.starts = [t.start for t in self.tokens]  # increasing
        ends = [t.end for t in self.tokens]  # increasing
        self.cues: list[tuple[int, int, str]] = []  # (first token, last token, field)
        for match in cues:
            field = lex.cue_words[match.group("w").lower()]
            first = bisect.bisect_left(self.starts, match.start())  # the first token starting in the cue
            last = bisect.bisect_right(ends, match.end()) - 1  # the last token ending in it
            if first == len(self.tokens) or last < 0:
                continue
            self.cues.append((first, last, field))

    def zeros(self) -> list[CasualtyFigure]:
        """"No casualties", "nobody was hurt": zero for the fields the phrase names."""
        return [
            CasualtyFigure(field, 0, None, match.start(), match.end())
            for pattern, fields in _lexicon().none
            for match in pattern.finditer(self.text)
            for field in fields
        ]

    def tolls(self) -> list[CasualtyFigure]:
        """"The death toll rose to 12": the count after a toll phrase."""
        figures = []
        for pattern, field in _lexicon().tolls:
            for match in pattern.finditer(self.text):
                k = _skip_qualifiers(self.tokens, bisect.bisect_left(self.starts, match.end()))
                count = _count_at(self.tokens, k)
                if count:
                    low, high, after = count
                    figures.append(CasualtyFigure(field, low, high, match.start(), self.tokens[after - 1].end))
        return figures

    def count_after(self, last: int, word: str, cue_start: int) -> tuple[int, int | None, int, int] | None:
        """"killed two soldiers", "the deaths of four": the count after an active cue or a noun."""
        lex, tokens = _lexicon(), self.tokens
        k = last + 1
        if word in lex.of_nouns and k < len(tokens) and tokens[k].lower == "of":
            k += 1
        k = _skip_qualifiers(tokens, k)
        if k + 1 < len(tokens) and tokens[k].lower == "the" and _plain_number(tokens, k + 1):
            k += 1  # "killing the six"
        count = _count_at(tokens, k)
        if count is None and word in lex.active and word.startswith("kill"):
            count = _named_person(tokens, k)
        if not count or not _plausible(tokens, k, count[2]):
            return None
        end = count[2]
        # the figure runs to the people counted when they follow within three words ("two of its soldiers")
        while end < min(count[2] + 3, len(tokens)) and tokens[end].text[0].isalpha() and tokens[end].lower not in lex.cue_words and tokens[end].lower != "and":
            end += 1
            if tokens[end - 1].lower in lex.people:
                break
        else:
            end = count[2]
        return count[0], count[1], cue_start, tokens[end - 1].end

    def _widened(self, count: Count, k: int, stop: int) -> tuple[Count, int]:
        """The count at ``k`` with what extends it to the left: the start of a range ("between 5
        and 7", "5 to 7"), another count added to it ("two soldiers and four gunmen")."""
        tokens = self.tokens
        for back in (2, 3):
            wider = _count_at(tokens, k - back) if k - back >= 0 else None
            if wider and wider[1] is not None and wider[2] == count[2]:
                count, k = wider, k - back
                break
        if k >= 3 and tokens[k - 1].lower == "and":
            for j in range(k - 2, max(stop, k - 5) - 1, -1):
                other = _count_at(tokens, j)
                if other and other[2] < k and _plausible(tokens, j, other[2]) and _person_follows(tokens, other[2], 3):
                    return (other[0] + count[0], None, count[2]), j
        return count, k

    def _skipped(self, k: int, stop: int, aside: set[int]) -> bool:
        """Whether the count at ``k`` is a part, not the whole: in an aside, after "of" or "including"."""
        tokens = self.tokens
        if k in aside:
            return True
        if k > 0 and tokens[k - 1].lower == "of" and k - 1 > stop:
            return True  # "six members of one family": the count is the one before "of"
        return k > 0 and tokens[k - 1].lower in ("including", "among") and k - 1 > stop  # "12 militants including 2 commanders"

    def count_before(self, first: int, stop: int, cue_end: int) -> tuple[int, int | None, int, int] | None:
        """"two soldiers were killed": the count before the cue, back to the previous cue at most."""
        lex, tokens = _lexicon(), self.tokens
        aside = _asides(tokens, max(stop, first - lex.left_window), first)
        for k in range(first - 1, max(stop, first - lex.left_window) - 1, -1):
            if tokens[k].lower in (";",) or (tokens[k].lower == "." and k < first - 1):
                break
            if self._skipped(k, stop, aside):
                continue
            count = _count_at(tokens, k)
            if count and count[2] <= first and _plausible(tokens, k, count[2]):
                count, k = self._widened(count, k, stop)
                start = k
                while start > 0 and any(_words_at(tokens, start - len(q), q) for q in lex.qualifiers):
                    start -= next(len(q) for q in lex.qualifiers if _words_at(tokens, start - len(q), q))
                return count[0], count[1], tokens[start].start, cue_end
        return None

    def one_by_verb(self, first: int, stop: int, word: str, cue_end: int) -> tuple[int, None, int, int] | None:
        """"The official was injured": one person, counted by the singular verb; "both were killed": two."""
        lex, tokens = _lexicon(), self.tokens
        verb = first - 1
        if verb >= 1 and tokens[verb].lower.endswith("ly") and tokens[verb - 1].lower == "was":
            verb -= 1  # "was seriously injured"
        if verb >= 0 and tokens[verb].lower == "was" and word in lex.passive:
            subject = verb
            while subject > max(stop, first - 6) and tokens[subject - 1].text[0].isalpha():
                subject -= 1
            words = [t.lower for t in tokens[subject:first]]
            if any(w in lex.people for w in words) or not any(w in lex.not_people for w in words):
                return 1, None, tokens[subject].start, cue_end
        if first >= 2 and tokens[first - 1].lower in ("were", "died") and tokens[first - 2].lower == "both":
            return 2, None, tokens[first - 2].start, cue_end
        if word == "died" and first >= 1 and tokens[first - 1].lower == "both":
            return 2, None, tokens[first - 1].start, cue_end
        return None

    def figure(self, n: int) -> CasualtyFigure | None:
        """The count the ``n``-th cue states, if any."""
        lex, tokens = _lexicon(), self.tokens
        first, last, field = self.cues[n]
        cue_start, cue_end = tokens[first].start, tokens[last].end
        word = tokens[first].lower
        if tokens[last].lower in lex.active:  # "shot and killed a soldier"
            word = tokens[last].lower
        found = None
        if word in lex.active or word in lex.of_nouns:
            found = self.count_after(last, word, cue_start)
        if found is None:
            stop = self.cues[n - 1][1] + 1 if n > 0 else 0
            found = self.count_before(first, stop, cue_end) or self.one_by_verb(first, stop, word, cue_end)
        return CasualtyFigure(field, *found) if found else None


def find_casualties(text: str) -> list[CasualtyFigure]:
    """Every casualty count stated in ``text`` (a sentence or a log line), in text order.

    >>> [(f.field, f.low) for f in find_casualties("Two soldiers were killed and three wounded.")]
    [('killed', 2), ('wounded', 3)]
    """
    lex = _lexicon()
    cues = list(lex.cue_regex.finditer(text))
    if not cues and not lex.patterns["zero_hint"].search(text):
        return []  # most sentences name no casualty at all: skip tokenising them
    sentence = _Sentence(text, cues)
    figures = sentence.zeros()
    covered = [(f.start, f.end) for f in figures]
    figures += sentence.tolls()
    for n, (first, _, _) in enumerate(sentence.cues):
        if any(s <= sentence.tokens[first].start < e for s, e in covered):
            continue
        figure = sentence.figure(n)
        if figure is not None:
            figures.append(figure)
    figures.sort(key=lambda f: (f.start, f.field))
    return figures


def total_casualties(figures: list[CasualtyFigure]) -> dict[str, CasualtyFigure]:
    """One figure per field for one event: the largest stated count (tolls rise as news comes in).

    A zero ("no casualties") only stands when no positive count is given for the field.
    """
    best: dict[str, CasualtyFigure] = {}
    for figure in figures:
        current = best.get(figure.field)
        if current is None or figure.low > current.low:
            best[figure.field] = figure
    return best


def suicide_bombers_dead(text: str) -> int:
    """Suicide bombers who died in the blast and are not already in the stated toll.

    ACLED counts every death of an event, the attackers' included; news tolls usually leave the
    bomber out ("In addition to the bomber, four people were killed"). Zero when the bomber was
    stopped, or when the toll says it includes the bomber.
    """
    lex = _lexicon()
    match = lex.patterns["bombers"].search(text)
    if match is None or lex.patterns["failed"].search(text) or lex.patterns["counted"].search(text):
        return 0
    number = match.group("n")
    if number is None:
        return 1
    return int(number) if number.isdigit() else lex.bomber_numbers.get(number.lower(), 1)


# --- one report -----------------------------------------------------------------------------


def set_attack_casualties(fields: Fields, cluster: Cluster, text: str, weapon: tuple[SentenceInfo, Hit] | None) -> None:
    """An attack's killed and wounded: the largest count its sentences state, as a range when
    they give one; a suicide bombing's dead include the bombers (ACLED counts the attackers' deaths)."""
    figures = [(info, f) for info in cluster.infos if info.attack for f in info.attack.casualties]
    for name, figure in total_casualties([f for _, f in figures]).items():
        info = next(i for i, f in figures if f is figure)
        span = span_of(text, info.sentence.start + figure.start, info.sentence.start + figure.end)
        low, high = figure.low, figure.high
        if name == "killed" and weapon is not None and weapon[1].value == "suicide":
            bombers = suicide_bombers_dead(" ".join(i.sentence.text for i in cluster.infos))
            if bombers:
                low, high = low + bombers, (high + bombers if high is not None else None)
                fields.set("killed", low, [span, span_of(text, *weapon[0].absolute(weapon[1]))])
                fields.set("killed_high", high, [span])
                continue
        fields.set(name, low, [span])
        fields.set(f"{name}_high", high, [span])


def set_log_casualties(fields: Fields, line: LogLine, text: str) -> None:
    """A log line's killed and wounded ("Rockets – Green Zone – 1 killed")."""
    for name, figure in total_casualties(find_casualties(line.text)).items():
        span = span_of(text, line.start + figure.start, line.start + figure.end)
        fields.set(name, figure.low, [span])
        fields.set(f"{name}_high", figure.high, [span])
