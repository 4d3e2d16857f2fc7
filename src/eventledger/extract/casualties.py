"""Casualty counts in a sentence: who was killed and wounded, and how many.

Counts follow ACLED's conservative coding: "at least seven" is 7, "dozens" is 12, a range
"between 5 and 7" is 5 with 7 as its upper bound, "a child" is 1, "no casualties" is 0.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from eventledger.datafiles import load_yaml
from eventledger.extract.lexicon import word_regex

FIELDS = ("killed", "wounded")

_TOKEN = re.compile(r"\d+(?:[,.]\d+)*|[A-Za-z]+(?:['’.-][A-Za-z]+)*|[^\w\s]")
# Cues that can take their count after them ("killed two soldiers", "killing one").
_ACTIVE = {"killed", "killing", "kills", "kill", "wounded", "wounding", "injured", "injuring", "injures", "murdered", "executed", "beheaded"}
# Nouns whose count may follow "of" ("the deaths of four").
_OF_NOUNS = {"death", "deaths", "bodies", "fatalities", "casualties"}
_LEFT_WINDOW = 13
# participles that, after a singular "was", count one person
_PASSIVE = {"killed", "wounded", "injured", "hurt", "murdered", "executed", "beheaded", "slain"}


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


def _by_first_word(items: list, first) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for item in items:
        grouped.setdefault(first(item), []).append(item)
    return grouped


@cache
def _lexicon() -> dict:
    numbers = load_yaml("eventledger.extract", "numbers.yaml")
    cues = load_yaml("eventledger.extract", "casualties.yaml")
    cue_words: dict[str, str] = {}
    for field in FIELDS:
        for cue in cues[field]:
            cue_words[cue] = field
    vague = sorted(((v.split(), n) for v, n in numbers["vague"].items()), key=lambda x: -len(x[0]))
    qualifiers = sorted((q.split() for q in numbers["qualifiers"]), key=len, reverse=True)
    return {
        "units": numbers["units"],
        "tens": numbers["tens"],
        "hundred": numbers["hundred"],
        "qualifiers": qualifiers,
        # vague counts and qualifiers by first word (each list in the order above): only those
        # can match at a token
        "vague_by_first": _by_first_word(vague, lambda item: item[0][0]),
        "qualifiers_by_first": _by_first_word(qualifiers, lambda words: words[0]),
        "cue_words": cue_words,
        "cue_regex": word_regex(list(cue_words)),
        "none": [(re.compile(r"(?<!\w)" + p["pattern"] + r"(?!\w)", re.I), tuple(p["fields"])) for p in cues["none"]],
        "tolls": [(re.compile(r"(?<!\w)" + p["pattern"] + r"(?!\w)", re.I), p["field"]) for p in cues["tolls"]],
        "not_people": set(cues["not_people"]),
        "zero_hint": re.compile(r"\b(?:no|nobody|without|zero|toll)\b", re.I),
        "people": set(cues["people"]),
    }


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group(), m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _words_at(tokens: list[_Token], i: int, words: list[str]) -> bool:
    return i + len(words) <= len(tokens) and all(tokens[i + k].lower == w for k, w in enumerate(words))


def _skip_qualifiers(tokens: list[_Token], i: int) -> int:
    lex = _lexicon()
    moved = True
    while moved and i < len(tokens):
        moved = False
        for words in lex["qualifiers_by_first"].get(tokens[i].lower, ()):
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
        if head in lex["tens"] and tail in lex["units"] and 0 < lex["units"][tail] < 10:
            return lex["tens"][head] + lex["units"][tail], i + 1
        return None
    if word in lex["tens"]:
        value = lex["tens"][word]
        if i + 1 < len(tokens) and tokens[i + 1].lower in lex["units"] and 0 < lex["units"][tokens[i + 1].lower] < 10:
            return value + lex["units"][tokens[i + 1].lower], i + 2
        return value, i + 1
    if word in ("hundred",) or (word in ("a", "one") and i + 1 < len(tokens) and tokens[i + 1].lower == "hundred"):
        return lex["hundred"], i + (1 if word == "hundred" else 2)
    if word in lex["units"] and word not in ("a", "an", "no", "none", "both", "single", "lone"):
        return lex["units"][word], i + 1
    return None


def _person_follows(tokens: list[_Token], i: int, limit: int = 3) -> bool:
    lex = _lexicon()
    for k in range(i, min(i + limit, len(tokens))):
        if tokens[k].lower in lex["people"]:
            return True
        if tokens[k].lower in lex["not_people"] or not tokens[k].text[0].isalpha():
            return False
    return False


def _count_at(tokens: list[_Token], i: int) -> tuple[int, int | None, int] | None:
    """A count of people starting at token i: (low, high, index after the count)."""
    lex = _lexicon()
    for words, value in lex["vague_by_first"].get(tokens[i].lower, ()) if i < len(tokens) else ():
        if _words_at(tokens, i, words):
            after = i + len(words)
            if after < len(tokens) and tokens[after].lower in lex["not_people"]:
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
    if i > 0 and tokens[i - 1].lower.rstrip(".") in _months():
        return False  # "September 9": a day of the month
    if (i > 0 and tokens[i - 1].lower in ("/", ":")) or (after < len(tokens) and tokens[after].lower in ("/", ":")):
        return False  # part of a date or a time: "06/12/2013", "10:30"
    if word.isdigit() and len(word) == 4 and 1900 <= int(word) <= 2100 and not _person_follows(tokens, after, 2):
        return False
    for k in range(after, min(after + 3, len(tokens))):
        lower = tokens[k].lower
        if lower in lex["people"] or lower in lex["cue_words"]:
            return True
        if lower in lex["not_people"]:
            return False
        if not tokens[k].text[0].isalnum():
            return True
    return True


@cache
def _months() -> frozenset[str]:
    names = load_yaml("eventledger.extract", "dates.yaml")["months"]
    return frozenset(names)


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


def find_casualties(text: str) -> list[CasualtyFigure]:
    """Every casualty count stated in ``text`` (a sentence or a log line), in text order.

    >>> [(f.field, f.low) for f in find_casualties("Two soldiers were killed and three wounded.")]
    [('killed', 2), ('wounded', 3)]
    """
    lex = _lexicon()
    cues = list(lex["cue_regex"].finditer(text))
    if not cues and not lex["zero_hint"].search(text):
        return []  # most sentences name no casualty at all: skip tokenising them
    tokens = _tokens(text)
    starts, ends = [t.start for t in tokens], [t.end for t in tokens]  # both increasing
    figures: list[CasualtyFigure] = []
    cue_positions: list[tuple[int, int, str]] = []  # (first token, last token, field)
    for match in cues:
        field = lex["cue_words"][match.group("w").lower()]
        first = bisect.bisect_left(starts, match.start())  # the first token starting in the cue
        last = bisect.bisect_right(ends, match.end()) - 1  # the last token ending in it
        if first == len(tokens) or last < 0:
            continue
        cue_positions.append((first, last, field))
    for pattern, fields in lex["none"]:
        for match in pattern.finditer(text):
            for field in fields:
                figures.append(CasualtyFigure(field, 0, None, match.start(), match.end()))
    covered = [(f.start, f.end) for f in figures]
    for pattern, field in lex["tolls"]:
        for match in pattern.finditer(text):
            k = _skip_qualifiers(tokens, bisect.bisect_left(starts, match.end()))
            count = _count_at(tokens, k)
            if count:
                low, high, after = count
                figures.append(CasualtyFigure(field, low, high, match.start(), tokens[after - 1].end))
    for n, (first, last, field) in enumerate(cue_positions):
        cue_start, cue_end = tokens[first].start, tokens[last].end
        if any(s <= cue_start < e for s, e in covered):
            continue
        found = None
        word = tokens[first].lower
        if tokens[last].lower in _ACTIVE:  # "shot and killed a soldier"
            word = tokens[last].lower
        if word in _ACTIVE or word in _OF_NOUNS:
            k = last + 1
            if word in _OF_NOUNS and k < len(tokens) and tokens[k].lower == "of":
                k += 1
            k = _skip_qualifiers(tokens, k)
            if k + 1 < len(tokens) and tokens[k].lower == "the" and _plain_number(tokens, k + 1):
                k += 1  # "killing the six"
            count = _count_at(tokens, k)
            if count is None and word in _ACTIVE and word.startswith("kill"):
                count = _named_person(tokens, k)
            if count and _plausible(tokens, k, count[2]):
                end = count[2]
                while end < min(count[2] + 3, len(tokens)) and tokens[end].text[0].isalpha() and tokens[end].lower not in lex["cue_words"] and tokens[end].lower != "and":
                    end += 1
                    if tokens[end - 1].lower in lex["people"]:
                        break
                else:
                    end = count[2]
                found = (count[0], count[1], cue_start, tokens[end - 1].end)
        if found is None:
            stop = cue_positions[n - 1][1] + 1 if n > 0 else 0
            aside = _asides(tokens, max(stop, first - _LEFT_WINDOW), first)
            for k in range(first - 1, max(stop, first - _LEFT_WINDOW) - 1, -1):
                if tokens[k].lower in (";",) or (tokens[k].lower == "." and k < first - 1):
                    break
                if k in aside:
                    continue
                if k > 0 and tokens[k - 1].lower == "of" and k - 1 > stop:
                    continue  # "six members of one family": the count is the one before "of"
                if k > 0 and tokens[k - 1].lower in ("including", "among") and k - 1 > stop:
                    continue  # "12 militants including 2 commanders": the part, not the whole
                count = _count_at(tokens, k)
                if count and count[2] <= first and _plausible(tokens, k, count[2]):
                    for back in (2, 3):  # the end of a range: "between 5 and 7", "5 to 7"
                        wider = _count_at(tokens, k - back) if k - back >= 0 else None
                        if wider and wider[1] is not None and wider[2] == count[2]:
                            count, k = wider, k - back
                            break
                    # "two soldiers and four gunmen were killed": both counts add up
                    if k >= 3 and tokens[k - 1].lower == "and":
                        for j in range(k - 2, max(stop, k - 5) - 1, -1):
                            other = _count_at(tokens, j)
                            if other and other[2] < k and _plausible(tokens, j, other[2]) and _person_follows(tokens, other[2], 3):
                                count = (other[0] + count[0], None, count[2])
                                k = j
                                break
                    start = k
                    while start > 0 and any(_words_at(tokens, start - len(q), q) for q in lex["qualifiers"]):
                        start -= next(len(q) for q in lex["qualifiers"] if _words_at(tokens, start - len(q), q))
                    found = (count[0], count[1], tokens[start].start, cue_end)
                    break
        verb = first - 1
        if verb >= 1 and tokens[verb].lower.endswith("ly") and tokens[verb - 1].lower == "was":
            verb -= 1  # "was seriously injured"
        if found is None and verb >= 0 and tokens[verb].lower == "was" and word in _PASSIVE:
            # "The official was injured": one person, counted by the singular verb
            subject = verb
            while subject > max(stop, first - 6) and tokens[subject - 1].text[0].isalpha():
                subject -= 1
            words = [t.lower for t in tokens[subject:first]]
            if any(w in lex["people"] for w in words) or not any(w in lex["not_people"] for w in words):
                found = (1, None, tokens[subject].start, cue_end)
        if found is None and first >= 2 and tokens[first - 1].lower in ("were", "died") and tokens[first - 2].lower == "both":
            found = (2, None, tokens[first - 2].start, cue_end)
        if found is None and word == "died" and first >= 1 and tokens[first - 1].lower == "both":
            found = (2, None, tokens[first - 1].start, cue_end)
        if found:
            figures.append(CasualtyFigure(field, found[0], found[1], found[2], found[3]))
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


_BOMBERS = re.compile(r"\b(?:(?P<n>a|an|one|two|three|four|five|\d+)\s+)?suicide (?:bombers?|attackers?)\b(?P<rest>[^.]{0,80})", re.I)
_FAILED = re.compile(r"\b(?:attempted|tried|failed|before (?:he|she|they) could|was shot|were shot|was killed before|arrested|captured|defused)\b", re.I)
_COUNTED = re.compile(r"\b(?:including|among them|among the dead)\b[^.]{0,40}\b(?:bombers?|assailants?|attackers?)\b", re.I)
_ADDED = re.compile(r"\b(?:in addition to|besides|apart from|not counting|excluding|other than|as well as)\s+(?:the\s+)?(?:\w+\s+)?(?:bombers?|assailants?|attackers?)\b", re.I)
_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def suicide_bombers_dead(text: str) -> int:
    """Suicide bombers who died in the blast and are not already in the stated toll.

    ACLED counts every death of an event, the attackers' included; news tolls usually leave the
    bomber out ("In addition to the bomber, four people were killed"). Zero when the bomber was
    stopped, or when the toll says it includes the bomber.
    """
    match = _BOMBERS.search(text)
    if match is None or _FAILED.search(text) or _COUNTED.search(text):
        return 0
    number = match.group("n")
    if number is None:
        return 1
    return int(number) if number.isdigit() else _WORDS.get(number.lower(), 1)
