"""How many people some words count: numbers, vague quantities, ranges and lists of people.

A sentence is read as tokens; a count starts at a token. "at least seven" is 7, "two dozen" 24,
"dozens" 12 to 99 (ACLED codes 12, the word means fewer than a hundred), "between 5 and 7" 5
to 7, "a child" 1, "the governor and three of his guards" 4. A number that is an age ("an
18-year-old", "aged 40"), an ordinal ("the 39th anniversary"), a day of a month or a time
counts nobody. :mod:`eventledger.extract.fields.casualties` says which counts are of the dead
and wounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from eventledger.datafiles import load_yaml
from eventledger.extract.fields.date_expressions import month_names


@dataclass(frozen=True)
class Token:
    text: str
    lower: str
    start: int
    end: int


@dataclass(frozen=True)
class Count:
    """People counted by ``tokens[start:end]``: ``low`` (to ``high`` for a range or a vague word)."""

    low: int
    high: int | None
    start: int
    end: int
    vague: bool = False
    numbered: bool = True  # False: one person named or described ("Ali Hassan", "the driver")
    side: str = "victims"  # victims | attackers | all (a list of both)


@dataclass(frozen=True)
class _Words:
    units: dict[str, int]
    tens: dict[str, int]
    multipliers: dict[str, int]
    vague_by_first: dict[str, list[tuple[list[str], int, int | None]]]  # longest first
    qualifiers_by_first: dict[str, list[list[str]]]  # longest first
    ordinals: frozenset[str]
    people: frozenset[str]
    attackers: frozenset[str]
    plural: frozenset[str]
    not_people: frozenset[str]
    determiners: frozenset[str]
    pronouns: frozenset[str]
    particles: frozenset[str]
    after_name: frozenset[str]
    boundaries: frozenset[str]
    aside_openers: frozenset[str]
    verb_group: frozenset[str]
    age_before: frozenset[str]
    age_comparatives: frozenset[str]
    months: frozenset[str]
    token: re.Pattern[str]


@cache
def _words() -> _Words:
    numbers = load_yaml("eventledger.extract.fields", "numbers.yaml")
    counts = load_yaml("eventledger.extract.fields", "counts.yaml")
    vague: dict[str, list[tuple[list[str], int, int | None]]] = {}
    for phrase, (low, high) in sorted(numbers["vague"].items(), key=lambda item: -len(item[0].split())):
        vague.setdefault(phrase.split()[0], []).append((phrase.split(), low, None if high == low else high))
    qualifiers: dict[str, list[list[str]]] = {}
    for phrase in sorted(numbers["qualifiers"], key=lambda q: -len(q.split())):
        qualifiers.setdefault(phrase.split()[0], []).append(phrase.split())
    words = {name: frozenset(counts[name]) for name in ("people", "attackers", "not_people", "object_pronouns", "name_particles")}
    return _Words(
        units=numbers["units"],
        tens=numbers["tens"],
        multipliers=numbers["multipliers"],
        vague_by_first=vague,
        qualifiers_by_first=qualifiers,
        ordinals=frozenset(numbers["ordinal_suffixes"]),
        people=words["people"],
        attackers=words["attackers"],
        plural=frozenset(counts["plural_people"]),
        not_people=words["not_people"],
        determiners=frozenset(counts["singular_determiners"]),
        pronouns=words["object_pronouns"],
        particles=words["name_particles"],
        after_name=frozenset(counts["after_name"]),
        boundaries=frozenset(counts["list_boundaries"]),
        aside_openers=frozenset(counts["aside_openers"]),
        verb_group=frozenset(counts["verb_group"]),
        age_before=frozenset(counts["age_before"]),
        age_comparatives=frozenset(counts["age_comparatives"]),
        months=frozenset(month_names()),
        token=re.compile(counts["token"]),
    )


def tokens(text: str) -> list[Token]:
    """``text`` as words, numbers and punctuation marks."""
    return [Token(m.group(), m.group().lower(), m.start(), m.end()) for m in _words().token.finditer(text)]


def words_at(toks: list[Token], i: int, words: list[str]) -> bool:
    # a plain loop, not all() over a generator: called for every phrase at every token (tens of
    # thousands of times an article), and most calls fail on the first word
    if i < 0 or i + len(words) > len(toks):
        return False
    for k, word in enumerate(words):
        if toks[i + k].lower != word:
            return False
    return True


def skip_qualifiers(toks: list[Token], i: int) -> int:
    """The index after the qualifiers at ``i`` ("at least", "some", "his")."""
    moved = True
    while moved and i < len(toks):
        moved = False
        for words in _words().qualifiers_by_first.get(toks[i].lower, ()):
            if words_at(toks, i, words):
                i += len(words)
                moved = True
                break
    return i


def qualifiers_before(toks: list[Token], i: int) -> int:
    """The first of the qualifiers that end right before ``i`` ("at least" in "at least seven")."""
    moved = True
    while moved and i > 0:
        moved = False
        for phrases in _words().qualifiers_by_first.values():
            for words in phrases:
                if words_at(toks, i - len(words), words):
                    i -= len(words)
                    moved = True
                    break
            if moved:
                break
    return i


def is_person_word(word: str) -> bool:
    """A noun for people ("soldiers", "co-pilot" as a kind of pilot)."""
    people = _words().people
    return word in people or ("-" in word and word.rsplit("-", 1)[1] in people)


def attacker_words() -> frozenset[str]:
    """Nouns for people on the attackers' side ("gunmen", "bombers")."""
    return _words().attackers


def is_boundary(word: str) -> bool:
    """A word a list of people does not reach across ("said", "in", "when"), or a verb's helper ("were")."""
    return word in _words().boundaries or word in _words().verb_group


def is_thing_word(word: str) -> bool:
    """A noun for things or times: a number before it counts no people ("seven rockets")."""
    return word in _words().not_people


def side_of(toks: list[Token], start: int, end: int) -> str:
    """Whose people ``toks[start:end]`` counts: the attackers' or the victims' (the attackers' too
    when the word after it says whose they were: "12 dead bodies of Taliban")."""
    attackers = _words().attackers
    if any(t.lower in attackers for t in toks[start:end]):
        return "attackers"
    after = [t.lower for t in toks[end:end + 4]]
    return "attackers" if any(a == "of" and b in attackers for a, b in zip(after, after[1:], strict=False)) else "victims"


def _small_number(toks: list[Token], i: int) -> tuple[int, int] | None:
    """A number word below a hundred ("seven", "twenty-five", "forty one"), or "a" before a multiplier."""
    lex = _words()
    word = toks[i].lower
    if word in ("a", "an"):
        return (1, i + 1) if i + 1 < len(toks) and toks[i + 1].lower in lex.multipliers else None
    if "-" in word:  # "twenty-five"
        head, _, tail = word.partition("-")
        if head in lex.tens and 0 < lex.units.get(tail, 0) < 10:
            return lex.tens[head] + lex.units[tail], i + 1
        return None
    if word in lex.tens:
        if i + 1 < len(toks) and 0 < lex.units.get(toks[i + 1].lower, 0) < 10:
            return lex.tens[word] + lex.units[toks[i + 1].lower], i + 2
        return lex.tens[word], i + 1
    if word in lex.units:
        return lex.units[word], i + 1
    if word in lex.multipliers:  # "hundred" alone, "dozen"
        return 1, i
    return None


def number_at(toks: list[Token], i: int) -> tuple[int, int] | None:
    """A number in digits or words starting at token i: (value, index after it).

    Multipliers scale what comes before them: "two dozen" 24, "three hundred" 300, "1.5 million".
    """
    lex = _words()
    if i >= len(toks):
        return None
    word = toks[i].lower
    if word == "half" and words_at(toks, i + 1, ["a", "dozen"]):
        return 6, i + 3
    if word[0].isdigit():
        digits = word.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", word) else word
        if not re.fullmatch(r"\d+(?:\.\d+)?", digits):
            return None
        after = i + 1
        if "." in digits and not (after < len(toks) and lex.multipliers.get(toks[after].lower, 0) >= 1000):
            return None
        value: float = float(digits)
    else:
        small = _small_number(toks, i)
        if small is None:
            return None
        value, after = small
    while after < len(toks) and toks[after].lower in lex.multipliers:
        value *= lex.multipliers[toks[after].lower]
        after += 1
        if toks[after - 1].lower == "hundred" and after < len(toks):  # "two hundred and fifty"
            k = after + 1 if toks[after].lower == "and" else after
            rest = _small_number(toks, k) if k < len(toks) and toks[k].lower not in lex.multipliers else None
            if rest and rest[1] > k:
                value, after = value + rest[0], rest[1]
    return (int(value), after) if after > i else None


def person_follows(toks: list[Token], i: int, limit: int = 3) -> int | None:
    """The index after the noun for people within ``limit`` words of ``i``, if one is there."""
    lex = _words()
    k, end = i, min(i + limit, len(toks))
    while k < end:
        if _age_at(toks, k):  # "a 20-year-old woman": the age describes the person
            k, end = k + 3, min(end + 3, len(toks))
            if k >= len(toks) or not toks[k].text[0].isalpha() or is_boundary(toks[k].lower):
                return k  # "killed an 18-year-old.": the age names the person
            continue
        if is_person_word(toks[k].lower):
            return k + 1
        word = toks[k].lower
        close = _bracket_end(toks, k)
        if close is not None:  # "four New People's Army (NPA) fighters": a short form in brackets
            k, end = close + 1, min(end + close + 1 - k, len(toks))
            continue
        if word in _QUOTES and k + 1 < len(toks) and toks[k + 1].text[0].isalpha():
            k, end = k + 1, min(end + 1, len(toks))  # 'killed 58 "terrorists"': scare quotes around the noun
            continue
        if not toks[k].text[0].isalpha() or word in lex.units or word in lex.tens or (word in lex.not_people and not _compound(toks, k)):
            return None
        k += 1
    return None


_QUOTES = frozenset({'"', "“", "”", "'", "‘", "’"})


def _bracket_end(toks: list[Token], k: int) -> int | None:
    """The index of the ")" closing a bracket of one to three words that opens at ``k`` ("(NPA)")."""
    if toks[k].lower != "(":
        return None
    close = next((j for j in range(k + 2, min(k + 5, len(toks))) if toks[j].lower == ")"), None)
    if close is None or not all(t.text[0].isalnum() for t in toks[k + 1:close]):
        return None
    return close


def _bracket_closed_at(toks: list[Token], k: int) -> bool:
    """Whether ``k`` is inside or at either end of a short bracket ("(NPA)"), no boundary of a list."""
    for j in range(max(0, k - 4), k + 1):
        close = _bracket_end(toks, j)
        if close is not None and k <= close:
            return True
    return False


def _age_at(toks: list[Token], k: int) -> bool:
    """"20-year-old" (three tokens) at ``k``."""
    return toks[k].lower.isdigit() and words_at(toks, k + 1, ["-"]) and k + 2 < len(toks) and toks[k + 2].lower.startswith("year")


def _compound(toks: list[Token], k: int) -> bool:
    """"truck drivers", "car dealers": a noun for things that names the people after it."""
    return k + 1 < len(toks) and is_person_word(toks[k + 1].lower)


def count_at(toks: list[Token], i: int) -> Count | None:
    """A count of people starting at token i (no qualifiers: see :func:`skip_qualifiers`)."""
    lex = _words()
    if i >= len(toks):
        return None
    if i > 0 and toks[i - 1].lower == "how":
        return None  # "how many were wounded": a question, not a count
    for words, low, high in lex.vague_by_first.get(toks[i].lower, ()):
        if words_at(toks, i, words):
            after = i + len(words)
            if after < len(toks) and toks[after].lower in lex.not_people:
                return None
            return Count(low, high, i, after, vague=True)
    if toks[i].lower == "between":
        first = number_at(toks, i + 1)
        if first and words_at(toks, first[1], ["and"]) and (second := number_at(toks, first[1] + 1)):
            return Count(first[0], second[0], i, second[1])
        return None
    number = number_at(toks, i)
    if number is not None:
        value, after = number
        if after + 1 < len(toks) and toks[after].lower in ("to", "or", "-"):
            second = number_at(toks, after + 1)
            if second and second[0] > value:
                return Count(value, second[0], i, second[1])
        return Count(value, None, i, after)
    if toks[i].lower in ("a", "an", "one", "single", "lone") and person_follows(toks, i + 1):
        return Count(1, None, i, i + 1, numbered=toks[i].lower == "one")  # "a child": one person described
    if toks[i].lower == "both" and person_follows(toks, i + 1):
        return Count(2, None, i, i + 1)
    return None


def _is_age(toks: list[Token], i: int, after: int) -> bool:
    """"an 18-year-old", "aged 40", "younger than 15", "Asmat, 40, a teacher", "a man in his
    50s" (a number with an "s" joined to it is an age bracket or a decade, "the 1990s")."""
    lex = _words()
    nxt = [t.lower for t in toks[after:after + 2]]
    if nxt[:1] == ["s"] and toks[after].start == toks[after - 1].end:
        return True
    if nxt[:1] in (["-"], ["year-old"], ["years-old"]) and any(w.startswith("year") for w in nxt):
        return True
    if nxt[:2] in (["years", "old"], ["year", "old"]):
        return True
    before = toks[i - 1].lower if i > 0 else ""
    if before in lex.age_before or (before == "than" and i > 1 and toks[i - 2].lower in lex.age_comparatives):
        return True
    if before == "of" and i > 1 and toks[i - 2].lower == "age":
        return True
    if _after_ages(toks, i):
        return True
    if before == "(" and nxt[:1] == [")"] and i > 1 and toks[i - 2].text[0].isupper():
        return True  # "Feisal Abdelrahman (51) died": an age in brackets after a name
    return before == "," and nxt[:1] == [","] and i > 1 and toks[i - 2].text[0].isupper()


def _after_ages(toks: list[Token], i: int) -> bool:
    """"aged 15 and 16", "aged between 9 and 14": a number later in a list of ages."""
    k = i - 1
    while k >= max(0, i - 6) and (toks[k].lower in ("and", "to", "or", ",", "-", "between") or toks[k].lower.isdigit()):
        k -= 1
    return k >= 0 and k < i - 1 and toks[k].lower in _words().age_before


def plausible(toks: list[Token], i: int, after: int) -> bool:
    """Whether the count ``toks[i:after]`` may count people: not a date, time, age, ordinal or thing."""
    lex = _words()
    word = toks[i].lower
    if i > 0 and toks[i - 1].lower.rstrip(".") in lex.months:
        return False  # "September 9": a day of the month
    if (i > 0 and toks[i - 1].lower in ("/", ":") and toks[i - 1].end == toks[i].start) or (
        after < len(toks) and toks[after].lower in ("/", ":") and toks[after].start == toks[after - 1].end
    ):
        return False  # part of a date or a time: "06/12/2013", "10:30" (not a headline's "Bombing: 72 killed")
    if after < len(toks) and toks[after].lower in lex.ordinals and toks[after].start == toks[after - 1].end:
        return False  # "39th"
    if word.isdigit() and len(word) == 4 and 1900 <= int(word) <= 2100 and not person_follows(toks, after, 2):
        return False
    if _is_age(toks, i, after):
        return False
    for k in range(after, min(after + 3, len(toks))):
        lower = toks[k].lower
        if is_person_word(lower):
            return True
        if lower in lex.not_people and not _compound(toks, k):
            return False
        if not toks[k].text[0].isalnum():
            return True
    return True


def _of_tail(toks: list[Token], k: int) -> int:
    """The index after "of his family", "of the council" following a noun for people at ``k``."""
    if k >= len(toks) or toks[k].lower != "of" or (k + 1 < len(toks) and toks[k + 1].lower in ("those", "them", "whom")):
        return k
    lex = _words()
    j = k + 1
    while j < len(toks) and j - k <= 4 and toks[j].text[0].isalnum():
        word = toks[j].lower
        if word in ("and", "who") or word in lex.boundaries or word in lex.verb_group or (word.endswith("ed") and word.islower()):
            break
        j += 1
    return j if j > k + 1 else k


def _name_end(toks: list[Token], i: int) -> int:
    """The index after the run of capitalised words (a person's name) starting at ``i``."""
    lex = _words()
    j = i
    while j < len(toks) and j - i < 6:
        text = toks[j].text
        name = text[0].isupper() and text.replace("-", "").replace("'", "").replace("’", "").isalpha()
        prefixed = "-" in text and text.split("-", 1)[0].lower() in lex.particles and text.split("-", 1)[1][:1].isupper()
        inside = j > i and toks[j].lower in lex.particles and j + 1 < len(toks) and toks[j + 1].text[0].isupper()
        if not (name or prefixed or inside):
            break
        j += 1
    return j


_LOCATIVES = frozenset({"in", "at", "near", "from", "outside", "inside"})


def _named(toks: list[Token], i: int) -> Count | None:
    """"Ali Hassan", "Captain al-Bayati": one person named by two or more capitalised words."""
    lex = _words()
    if i >= len(toks) or not toks[i].text[0].isupper():
        return None
    if i > 0 and toks[i - 1].lower in _LOCATIVES:
        return None  # "three civilians in Burkina Faso died": a place the people are in, not a person
    j = _name_end(toks, i)
    if j - i < 2 or any(t.lower in lex.people or t.lower in lex.not_people for t in toks[i:j][-1:]):
        return None
    if j < len(toks) and toks[j].lower not in lex.after_name:
        return None  # "Islamic State fighters": a name used as an adjective
    return Count(1, None, i, j, numbered=False)


def _described(toks: list[Token], i: int, object_position: bool) -> Count | None:
    """"the driver", "a police inspector", "his son", "him": one person described, not numbered."""
    lex = _words()
    word = toks[i].lower
    alone = i + 1 >= len(toks) or not toks[i + 1].text[0].isalnum()
    if object_position and (word in lex.pronouns or (word == "another" and alone)):
        return Count(1, None, i, i + 1, numbered=False)  # "killing him", "and injured another"
    if word not in lex.determiners:
        return None
    end = person_follows(toks, i + 1, 4)
    if end is None or toks[end - 1].lower in lex.plural or toks[end - 1].lower.endswith("s"):
        return None
    return Count(1, None, i, _of_tail(toks, end), numbered=False, side=side_of(toks, i, end))


def item_at(toks: list[Token], i: int, object_position: bool = False) -> Count | None:
    """One person or group of people starting at token ``i``: a count with the people it counts
    ("three of his bodyguards", "seven children"), a person described ("the driver") or named."""
    lex = _words()
    k = skip_qualifiers(toks, i)
    if k < len(toks) and toks[k].lower == "the" and number_at(toks, k + 1):
        k += 1  # "the seven civilians"
    count = count_at(toks, k) if k < len(toks) else None
    if count is not None and plausible(toks, k, count.end):
        end = count.end
        noun = person_follows(toks, end, 4) if not (end < len(toks) and toks[end].lower == "of") else None
        if noun is not None and not any(
            toks[x].lower in lex.boundaries and toks[x].lower not in _QUOTES and not _bracket_closed_at(toks, x) for x in range(end, noun)
        ):
            end = _more_people(toks, noun)
        end = _of_tail(toks, end)
        if object_position and words_at(toks, end, ["of", "them"]):
            end += 2  # "killing eight of them"
        return Count(count.low, count.high, i, end, vague=count.vague, numbered=count.numbered, side=side_of(toks, k, end))
    for at in dict.fromkeys((k, i)):  # "another man": "another" qualifies a count, or describes one person
        if at < len(toks) and (found := _described(toks, at, object_position) or _named(toks, at)):
            return found
    return None


def _more_people(toks: list[Token], end: int) -> int:
    """The end of "volunteer fighters and soldiers": more nouns for the people counted."""
    while end < len(toks):
        if is_person_word(toks[end].lower):
            end += 1
        elif toks[end].lower == "and" and end + 1 < len(toks) and is_person_word(toks[end + 1].lower) and toks[end + 1].lower.endswith("s"):
            end += 2
        else:
            break
    return end


def plural_people_at(toks: list[Token], i: int) -> Count | None:
    """"civilians", "Shia travellers": people in the plural with no number, at least two of them."""
    end = person_follows(toks, i, 3) if i < len(toks) and not is_boundary(toks[i].lower) else None
    if end is None or not (toks[end - 1].lower in _words().plural or toks[end - 1].lower.endswith("s")):
        return None
    if any(t.lower in _words().determiners or not t.text[0].isalpha() for t in toks[i:end]):
        return None  # "the victims": people counted elsewhere, if at all
    return Count(2, None, i, _more_people(toks, end), vague=True, side=side_of(toks, i, end))


def _apposition(previous: Count, item: Count, total: int) -> bool:
    """", a council member," after a name, ", two candidates," after two names: the same people."""
    if not item.numbered:
        return not previous.numbered
    return not previous.numbered and item.low == total > 1


def _past_including(toks: list[Token], end: int) -> int:
    """After ", including the colonel," when "and" follows: "six people, including a colonel,
    and 12 attackers" lists two groups; the aside names a part of the first."""
    if not words_at(toks, end, [",", "including"]):
        return end
    j = end + 2
    while j < len(toks) and toks[j].lower not in (",", ";", "."):
        j += 1
    return j if words_at(toks, j, [",", "and"]) else end


def _bare_person(toks: list[Token], k: int, previous: Count) -> Count | None:
    """"the pilot and co-pilot": a noun for one person after "and" shares the determiner before."""
    if previous.numbered or k >= len(toks) or not is_person_word(toks[k].lower) or toks[k].lower.endswith("s"):
        return None
    return Count(1, None, k, k + 1, numbered=False, side=side_of(toks, k, k + 1))


def list_at(toks: list[Token], i: int, object_position: bool = False, commas: bool = True) -> Count | None:
    """People listed from token ``i``: "two soldiers and a civilian" (3), "Risha, a council
    leader, and four guards" (5). Items are joined by "and" or by commas before a last "and"; an
    item right after a comma that restates the one before ("Ali Hassan, a judge,") is not counted
    again, and a part of those just counted ("seven of them") ends the list. ``commas=False``:
    a list joined by "and" only ("In addition to the bomber and his driver, ...")."""
    first = item_at(toks, i, object_position)
    if first is None or (first.end < len(toks) and toks[first.end].lower == "of"):
        return None
    items, end, previous = [first], first.end, first
    kept = 1  # items up to the last one joined by "and" (or the only one)
    while end < len(toks) and toks[end].lower in ((",", "and") if commas else ("and",)):
        end = _past_including(toks, end)
        comma = toks[end].lower == ","
        k = end + 1 + (comma and end + 1 < len(toks) and toks[end + 1].lower == "and")
        item = item_at(toks, k, object_position) if k < len(toks) and toks[k].lower not in ("including", "among") else None
        item = item or (_bare_person(toks, k, previous) if k > end + 1 or not comma else None)
        if item is None or (item.end < len(toks) and toks[item.end].lower == "of"):
            break
        if comma and k == end + 1 and _apposition(previous, item, sum(x.low for x in items)):
            items[-1] = replace(items[-1], end=item.end)
        else:
            items.append(item)
        if not comma or k > end + 1:
            kept = len(items)
        end, previous = item.end, item
    items = items[:kept]
    if len(items) > 1 and items[0].numbered and toks[items[0].end].lower == "," and sum(x.low for x in items[1:]) == items[0].low:
        items = [replace(items[0], end=items[-1].end)]  # "six people, two guards and four officers,": one group told twice
    low = sum(x.low for x in items)
    high = sum(x.high or x.low for x in items) if any(x.high is not None for x in items) else None
    sides = {x.side for x in items}
    side = sides.pop() if len(sides) == 1 else "all"
    return Count(low, high, first.start, items[-1].end, vague=any(x.vague for x in items), numbered=first.numbered or low > 1, side=side)


def _reaches(toks: list[Token], end: int, verb: int) -> bool:
    """Whether a list ending at ``end`` is the subject of the verb at ``verb``: nothing between
    them but an aside (", including four children,")."""
    if end > verb or end >= len(toks):
        return False  # the list runs on past the verb
    if end == verb or (end == verb - 1 and toks[end].lower == ","):
        return True  # the comma closing "Six people, two guards and four officers,"
    opener = toks[end + 1].lower if end + 1 < verb else ""
    return toks[end].lower in (",", "—", "(") and toks[verb - 1].lower in (",", "—", ")") and opener in _words().aside_openers


def verb_start(toks: list[Token], first: int, stop: int) -> int:
    """The first token of the verb group ending before ``first`` ("have also been" killed)."""
    lex = _words()
    k = first
    while k - 1 >= stop and (toks[k - 1].lower in lex.verb_group or _adverb(toks, k - 1) or left_passive(toks, k - 1)):
        k -= 1
    return k


def left_passive(toks: list[Token], k: int) -> bool:
    """"were left (injured)": "left" at ``k`` after a passive auxiliary, part of the verb group."""
    return toks[k].lower == "left" and k > 0 and toks[k - 1].lower in ("was", "were", "been", "being")


def _adverb(toks: list[Token], k: int) -> bool:
    """"reportedly", "critically": a lower-case word in -ly with no determiner or number before
    it (not "one family", "the rally")."""
    word = toks[k].text
    if not (word.endswith("ly") and word.isalpha() and word.islower()) or is_person_word(word) or is_thing_word(word):
        return False
    before = toks[k - 1].lower if k > 0 else ""
    return before not in _words().determiners and number_at(toks, k - 1) is None if k > 0 else True


def subject_before(toks: list[Token], verb: int, stop: int, window: int = 30) -> Count | None:
    """The people listed right before the verb at ``verb``, as far back as the clause goes."""
    lex = _words()
    lowest = max(stop, verb - window)
    b = verb - 1
    if b >= lowest and toks[b].lower == ",":  # skip an aside before the verb
        b -= 1
        while b >= lowest and toks[b].lower != ",":
            b -= 1
        b -= 1
    while b >= lowest and (toks[b].lower not in lex.boundaries or _bracket_closed_at(toks, b)):
        b -= 1
    for s in range(max(b + 1, lowest), verb):
        found = list_at(toks, s)
        if found is not None and _reaches(toks, found.end, verb):
            return _widened(toks, found, max(stop, verb - window))
    return None


def _widened(toks: list[Token], found: Count, lowest: int) -> Count:
    """A count with the start of the range it ends ("4 to 6 civilians": 4 to 6, not 6)."""
    for back in (2, 3, 4):
        k = found.start - back
        wider = count_at(toks, k) if k >= lowest else None
        if wider is not None and wider.high is not None and wider.low < found.low:
            return replace(found, low=wider.low, high=found.low if found.high is None else found.high, start=k)
    return found


__all__ = [
    "Count",
    "Token",
    "attacker_words",
    "count_at",
    "is_person_word",
    "is_thing_word",
    "is_boundary",
    "item_at",
    "list_at",
    "number_at",
    "person_follows",
    "plural_people_at",
    "plausible",
    "qualifiers_before",
    "side_of",
    "skip_qualifiers",
    "subject_before",
    "tokens",
    "verb_start",
    "words_at",
]
