"""Casualties: who was killed and wounded, and how many.

Per sentence, :func:`find_casualties` reads every count a sentence states (how a count is read:
:mod:`eventledger.extract.fields.counts`), and says of each what kind of figure it is: whose dead
it counts (the victims', the attackers', or both), whether it is a part of a toll given elsewhere
("four of those killed were children"), a toll of several events ("across both attacks", "since
2011") or an update ("the death toll rose to 12"). Counts follow ACLED's conservative coding:
"at least seven" is 7, "dozens" 12 (up to 99), "between 5 and 7" 5 with 7 as its upper bound,
"no casualties" 0.

Per report, :func:`event_casualties` keeps one count per side and field: the largest exact
figure, or a vague one until an exact figure in its range is given; the victims' and
the attackers' dead are added (ACLED counts every death of an event); tolls of several events and
parts of a toll are never an event's count; a figure the text says nobody confirmed (a group's
claim) gives way to a confirmed exact one.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from eventledger.datafiles import load_yaml
from eventledger.extract.fields import counts
from eventledger.extract.fields.counts import Count, Token
from eventledger.extract.fields.date_expressions import ResolvedDate
from eventledger.extract.fields.draft import Fields, span_of
from eventledger.extract.lexicon import word_regex
from eventledger.models import Span

if TYPE_CHECKING:
    from eventledger.extract.analysis import SentenceInfo
    from eventledger.extract.clusters import Cluster
    from eventledger.extract.logs import LogLine

FIELDS = ("killed", "wounded")


@dataclass(frozen=True)
class CasualtyFigure:
    """One count found in a sentence; ``start``/``end`` index the text that was searched."""

    field: str  # killed | wounded (| abducted, read only by find_abducted)
    low: int
    high: int | None
    start: int
    end: int
    side: str = "victims"  # victims | attackers | all: whose dead (or wounded) it counts
    vague: bool = False  # "dozens", "several": a later exact figure in its range replaces it
    part: bool = False  # a part of a toll given as a whole elsewhere ("four of those killed")
    aggregate: bool = False  # a toll of several events ("across both attacks", "since 2011")
    other: bool = False  # a toll of another event told beside this one ("days after 14 were killed")
    update: bool = False  # a toll that replaces earlier figures ("the death toll rose to 12")
    revised: bool = False  # a toll corrected either way ("revised the toll down to five"): the latest stands
    unverified: bool = False  # a figure the text says is unconfirmed ("a claim that could not be verified")
    dated_before: bool = False  # dated to an earlier time ("killed earlier this month"): background beside a lead's toll


@dataclass(frozen=True)
class EventCount:
    """One field of one event: ``low`` (to ``high``) and the figures it was made of."""

    low: int
    high: int | None
    figures: tuple[CasualtyFigure, ...]


@dataclass(frozen=True)
class _Lexicon:
    cue_words: dict[str, str]  # cue -> field
    cue_regex: re.Pattern[str]
    abducted_regex: re.Pattern[str]
    none: list[tuple[re.Pattern[str], tuple[str, ...]]]
    tolls: list[tuple[re.Pattern[str], str, bool, bool]]  # pattern, field, update, revised
    active: frozenset[str]
    after_only: frozenset[str]
    nouns: frozenset[str]
    of_nouns: frozenset[str]
    to_nouns: frozenset[str]
    injury_verbs: frozenset[str]
    attributive: frozenset[str]
    passive: frozenset[str]
    left_window: int
    clause_boundary: re.Pattern[str]
    aggregate: list[re.Pattern[str]]
    other_before: re.Pattern[str]
    other_clause_before: re.Pattern[str]
    other_after: re.Pattern[str]
    superlative_since: re.Pattern[str]
    update: list[re.Pattern[str]]
    unverified: list[re.Pattern[str]]
    part_before_cue: list[list[str]]
    part_after_count: list[list[str]]
    additions_after: list[list[str]]
    additions_before: list[list[str]]
    additions_reach: int
    dwarfing_least: int
    dwarfing_ratio: int
    with_after_place: frozenset[str]
    captives_killed: re.Pattern[str]
    zero_hint: re.Pattern[str]
    either_field: re.Pattern[str]
    dated_before: re.Pattern[str]


def _phrases(data: dict[str, list[str]], name: str) -> frozenset[str]:
    return frozenset(data[name])


@cache
def _lexicon() -> _Lexicon:
    cues = load_yaml("eventledger.extract.fields", "casualties.yaml")
    cue_words = {cue: field for field in FIELDS for cue in cues[field]}
    ignore_case = re.IGNORECASE
    return _Lexicon(
        cue_words=cue_words | {cue: "abducted" for cue in cues["abducted"]},
        cue_regex=word_regex(list(cue_words)),
        abducted_regex=word_regex(cues["abducted"]),
        none=[(re.compile(r"(?<!\w)" + p["pattern"] + r"(?!\w)", ignore_case), tuple(p["fields"])) for p in cues["none"]],
        tolls=[(re.compile(r"(?<!\w)" + p["pattern"] + r"(?!\w)", ignore_case), p["field"], bool(p["update"]), bool(p.get("revised")))
               for p in cues["tolls"]],
        active=_phrases(cues, "active_cues"),
        after_only=_phrases(cues, "after_only_cues"),
        nouns=_phrases(cues, "noun_cues"),
        of_nouns=_phrases(cues, "of_nouns"),
        to_nouns=_phrases(cues, "to_nouns"),
        injury_verbs=_phrases(cues, "injury_verbs"),
        attributive=_phrases(cues, "attributive_cues"),
        passive=_phrases(cues, "passive_cues"),
        left_window=int(cues["left_window"]),
        clause_boundary=re.compile(cues["clause_boundary"], ignore_case),
        aggregate=[re.compile(p, ignore_case) for p in cues["aggregate"]],
        other_before=re.compile(cues["other_event_before"], ignore_case),
        other_clause_before=re.compile(cues["other_event_clause_before"], ignore_case),
        other_after=re.compile(cues["other_event_after"], ignore_case),
        superlative_since=re.compile(cues["superlative_since"], ignore_case),
        update=[re.compile(p, ignore_case) for p in cues["update"]],
        unverified=[re.compile(p, ignore_case) for p in cues["unverified"]],
        part_before_cue=cues["part_before_cue"],
        part_after_count=cues["part_after_count"],
        additions_after=cues["additions_after"],
        additions_before=cues["additions_before"],
        additions_reach=int(cues["additions_reach"]),
        dwarfing_least=int(cues["dwarfing_toll"]["least"]),
        dwarfing_ratio=int(cues["dwarfing_toll"]["ratio"]),
        with_after_place=_phrases(cues, "with_after_place"),
        captives_killed=re.compile(cues["captives_killed"]),
        zero_hint=re.compile(cues["patterns"]["zero_hint"]),
        either_field=re.compile(cues["either_field"], ignore_case),
        dated_before=re.compile(cues["dated_before"], ignore_case),
    )


def cue_words() -> list[str]:
    """The words that announce deaths and injuries ("killed", "wounded", ...)."""
    cues = load_yaml("eventledger.extract.fields", "casualties.yaml")
    return [*cues["killed"], *cues["wounded"]]


def _clause(text: str, start: int, end: int) -> str:
    """The clause of ``text`` around ``text[start:end]``."""
    lex = _lexicon()
    left = max((m.end() for m in lex.clause_boundary.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in lex.clause_boundary.finditer(text, end)), len(text))
    return text[left:right]


def _other_event(text: str, start: int, end: int) -> bool:
    """Whether the figure ``text[start:end]`` is a toll of another event: "three days after 14
    people were killed", "a day after rebels killed 92 soldiers", "in retaliation for a raid that
    killed 80", "were injured in another attack"."""
    lex = _lexicon()
    if lex.other_before.search(text, max(0, start - 60), start):
        return True
    if lex.other_clause_before.search(text, max(0, start - 120), start):
        return True
    right = next((m.start() for m in lex.clause_boundary.finditer(text, end)), len(text))
    return lex.other_after.search(text, end, right) is not None


# how long a time put first in a clause may be ("In the first week of March last year,")
FRONTED_TIME_CHARS = 40


def _dated_before(text: str, start: int, end: int) -> bool:
    """Whether the figure ``text[start:end]`` is dated to an earlier time in the stretch of its
    clause between commas: "where 12 soldiers were killed earlier this month, this time leaving
    one soldier dead" dates the 12, not the one. A time put first, before the clause's first
    comma, dates the whole clause: "In October 2017, at least 300 people were killed"."""
    lex = _lexicon()
    left = max((m.end() for m in lex.clause_boundary.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in lex.clause_boundary.finditer(text, end)), len(text))
    lead = text.find(",", left, start)
    if 0 <= lead - left <= FRONTED_TIME_CHARS and lex.dated_before.search(text, left, lead):
        return True
    left = max(left, text.rfind(",", left, start) + 1)
    comma = text.find(",", end, right)
    right = comma if comma >= 0 else right
    return lex.dated_before.search(text, left, right) is not None


def _either_field(text: str, figure: CasualtyFigure) -> bool:
    """Whether a figure counts the dead and the wounded together ("26 were killed or injured")."""
    return any(figure.start <= m.end() and m.start() <= figure.end for m in _lexicon().either_field.finditer(text))


def _aggregate(clause: str) -> bool:
    """Whether a clause tells a toll of several events."""
    lex = _lexicon()
    clause = lex.superlative_since.sub(" ", clause)
    return any(pattern.search(clause) for pattern in lex.aggregate)


@dataclass(frozen=True)
class _Found:
    """A count read for a cue, with the character span of its evidence."""

    count: Count
    start: int
    end: int
    part: bool = False


class _Sentence:
    """One text read as tokens, with the positions of its cues: (first token, last token, field, cue)."""

    def __init__(self, text: str, cues: list[re.Match[str]]) -> None:
        lex = _lexicon()
        self.text = text
        self.tokens = counts.tokens(text)
        self.starts = [t.start for t in self.tokens]  # increasing
        ends = [t.end for t in self.tokens]  # increasing
        self.cues: list[tuple[int, int, str, str]] = []
        for match in cues:
            phrase = " ".join(match.group("w").lower().split())
            first = bisect.bisect_left(self.starts, match.start())  # the first token starting in the cue
            last = bisect.bisect_right(ends, match.end()) - 1  # the last token ending in it
            if first < len(self.tokens) and last >= 0:
                self.cues.append((first, last, lex.cue_words[phrase], phrase))
        self.consumed = 0  # tokens before this index were counted for an earlier cue

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
        for pattern, field, update, revised in _lexicon().tolls:
            for match in pattern.finditer(self.text):
                k = counts.skip_qualifiers(self.tokens, bisect.bisect_left(self.starts, match.end()))
                count = counts.count_at(self.tokens, k)
                if count and counts.plausible(self.tokens, k, count.end):
                    end = self.tokens[count.end - 1].end
                    figures.append(CasualtyFigure(field, count.low, count.high, match.start(), end, vague=count.vague, update=update,
                                                  revised=revised))
        return figures

    def _object(self, k: int, cue: str) -> Count | None:
        """The people an active cue or a noun takes after it, from token ``k``."""
        lex, toks = _lexicon(), self.tokens
        if cue in lex.nouns:
            if k < len(toks) and ((cue in lex.of_nouns and toks[k].lower == "of") or (cue in lex.to_nouns and toks[k].lower == "to")):
                return counts.list_at(toks, k + 1, object_position=True)
            return None
        count = counts.list_at(toks, k, object_position=True)
        if count is None and cue in lex.active:
            return counts.plural_people_at(toks, k)
        return count if count is not None and (count.numbered or cue in lex.active) else None

    def count_after(self, n: int) -> _Found | None:
        """"killed two soldiers", "the deaths of four", "killing and injuring dozens"."""
        toks = self.tokens
        first, last, _, cue = self.cues[n]
        if first > 0 and (toks[first - 1].lower in ("was", "were", "been", "being") or counts.left_passive(toks, first - 1)):
            return None  # a passive verb ("were (left) injured"): its count stands before it
        k = last + 1
        if k < len(toks) and toks[k].lower == "and" and n + 1 < len(self.cues) and self.cues[n + 1][0] == k + 1:
            k = self.cues[n + 1][1] + 1  # "killing and injuring dozens": both take the count
        count = self._object(k, cue)
        if count is None:
            return None
        self.consumed = max(self.consumed, count.end)
        return _Found(count, toks[first].start, toks[count.end - 1].end)

    def _part_before(self, first: int) -> tuple[int, bool]:
        """The cue's first token once "among the", "of those" before it are put aside, and whether they were."""
        for words in _lexicon().part_before_cue:
            if counts.words_at(self.tokens, first - len(words), words):
                return first - len(words), True
        return first, False

    def _noun_count(self, first: int, stop: int) -> Count | None:
        """"29 bodies", "two more deaths": the count right before a noun."""
        toks = self.tokens
        for k in range(first - 1, max(stop, first - 4) - 1, -1):
            count = counts.count_at(toks, k)
            if count is not None and count.end <= first and counts.plausible(toks, k, count.end):
                between = toks[count.end:first]
                if all(t.text[0].isalpha() and t.lower not in _lexicon().cue_words for t in between):
                    return count
        return None

    def count_before(self, n: int, stop: int) -> _Found | None:
        """"two soldiers were killed", "the governor and three guards died": the people before the cue."""
        lex, toks = _lexicon(), self.tokens
        first, last, _, cue = self.cues[n]
        verb, part = self._part_before(first)
        if cue in lex.nouns:
            verbs = [k for k in range(max(stop, first - 4), first) if toks[k].lower in lex.injury_verbs]
            if not verbs:
                count = self._noun_count(first, stop)
                return _Found(count, toks[count.start].start, toks[last].end) if count else None
            verb = verbs[0]
        verb = counts.verb_start(toks, verb, stop)
        stop = self._after_addition(stop, verb)
        count = counts.subject_before(toks, verb, stop)
        if count is None and not self._has_object(n):
            count = self._nearest_before(verb, stop)
        if count is None:
            return self._one_by_verb(first, last, stop, cue)
        start = counts.qualifiers_before(toks, count.start)
        part = part or any(counts.words_at(toks, count.end, words) for words in lex.part_after_count)
        return _Found(count, toks[start].start, toks[last].end, part)

    def _described(self, n: int) -> CasualtyFigure | None:
        """"more than 30 injured people", "two dead soldiers": a count right before an attributive
        cue and the people it describes counts them (with no count, "an injured man" is no figure)."""
        toks = self.tokens
        first, last, field, _ = self.cues[n]
        for k in range(first - 1, max(-1, first - 4), -1):
            count = counts.count_at(toks, k)
            if count is not None and count.numbered and count.end == first and counts.plausible(toks, k, count.end):
                start = counts.qualifiers_before(toks, k)
                clause = _clause(self.text, toks[start].start, toks[last + 1].end)
                return CasualtyFigure(
                    field, count.low, count.high, toks[start].start, toks[last + 1].end,
                    side=counts.side_of(toks, k, last + 2), vague=count.vague,
                    aggregate=_aggregate(clause), other=_other_event(self.text, toks[start].start, toks[last + 1].end),
                    unverified=any(p.search(self.text) for p in _lexicon().unverified),
                    dated_before=_dated_before(self.text, toks[start].start, toks[last + 1].end),
                )
        return None

    def _adverb_after_count(self, first: int) -> bool:
        """"12 critically injured": a count, an adverb in -ly, then the participle (no active verb)."""
        toks = self.tokens
        if first < 2:
            return False
        word = toks[first - 1].text
        return (
            word.endswith("ly") and word.isalpha() and word.islower()
            and not counts.is_person_word(word.lower()) and not counts.is_thing_word(word.lower())
            and counts.number_at(toks, first - 2) is not None
        )

    def _has_object(self, n: int) -> bool:
        """"assailants ... executed Shia travellers": an active verb with an object, whose subject
        (the killers) is no count of the dead."""
        toks = self.tokens
        first, last, _, cue = self.cues[n]
        passive = (
            first > 0 and (toks[first - 1].lower in ("was", "were", "been", "being") or counts.left_passive(toks, first - 1))
        ) or self._adverb_after_count(first)
        following = toks[last + 1] if last + 1 < len(toks) else None
        return (
            cue in _lexicon().active and not passive and following is not None
            and following.text[0].isalpha() and not counts.is_boundary(following.lower)
        )

    def _after_addition(self, stop: int, verb: int) -> int:
        """Where the people before a verb may start: after "In addition to the bomber," if it is there."""
        toks = self.tokens
        for k in range(stop, verb):
            if counts.item_at(toks, k) is not None:
                return stop  # "Four people, besides the assailant, were killed": the addition is an aside
            words = next((w for w in _lexicon().additions_before if counts.words_at(toks, k, w)), None)
            extra = self._others(k + len(words), commas=False) if words else None
            if extra is not None:
                return extra.end + (extra.end < len(toks) and toks[extra.end].lower == ",")
        return stop

    def _nearest_before(self, first: int, stop: int) -> Count | None:
        """The nearest count before ``first`` that is not a part ("six members of one family")."""
        lex, toks = _lexicon(), self.tokens
        low = max(stop, first - lex.left_window)
        aside = _asides(toks, low, first)
        for k in range(first - 1, low - 1, -1):
            if toks[k].lower == ";" or (toks[k].lower == "." and k < first - 1):
                break
            # "two of 12", "including five": a part; "was among 12 people who were killed" names the whole
            if k in aside or (k > low and toks[k - 1].lower in ("of", "including")):
                continue
            count = counts.count_at(toks, k)
            if count and count.end <= first and counts.plausible(toks, k, count.end):
                for back in (2, 3):  # the start of a range ending here: "between 5 and 7", "5 to 7"
                    wider = counts.count_at(toks, k - back) if k - back >= low else None
                    if wider and wider.high is not None and wider.end == count.end:
                        return replace(wider, side=counts.side_of(toks, wider.start, first))
                return replace(count, side=counts.side_of(toks, k, first))
        return None

    def _one_by_verb(self, first: int, last: int, stop: int, cue: str) -> _Found | None:
        """"The official was injured": one person, counted by the singular verb."""
        lex, toks = _lexicon(), self.tokens
        verb = first - 1
        if verb >= 1 and toks[verb].lower.endswith("ly") and toks[verb - 1].lower == "was":
            verb -= 1  # "was seriously injured"
        if verb < 0 or toks[verb].lower != "was" or cue not in lex.passive:
            return None
        subject = verb
        while subject > max(stop, first - 6) and toks[subject - 1].text[0].isalpha():
            subject -= 1
        words = toks[subject:first]
        if any(counts.is_person_word(t.lower) for t in words) or not any(counts.is_thing_word(t.lower) for t in words):
            side = counts.side_of(toks, subject, first)
            return _Found(Count(1, None, subject, verb, numbered=False, side=side), toks[subject].start, toks[last].end)
        return None

    def _addition(self, found: _Found, n: int, stop: int) -> Count | None:
        """Others who died with those counted: "along with two of his guards", "In addition to the bomber"."""
        lex, toks = _lexicon(), self.tokens
        first, last = self.cues[n][0], self.cues[n][1]
        after_end = min(len(toks), last + 1 + lex.additions_reach)
        next_cue = self.cues[n + 1][0] if n + 1 < len(self.cues) else len(toks)
        spans = [(max(found.count.end, last + 1), min(after_end, next_cue), lex.additions_after, True)]
        spans.append((stop, found.count.start, lex.additions_before, False))
        spans.append((found.count.end, first, lex.additions_before, False))
        for low, high, phrases, commas in spans:
            for k in range(low, high):
                if toks[k].lower in (";", ".") and k > low:
                    break
                words = next((w for w in phrases if counts.words_at(toks, k, w)), None)
                if words == ["with"] and toks[k - 1].lower in lex.with_after_place:
                    continue  # "near the border with Chad": the place's, not the dead's company
                extra = self._others(k + len(words), commas) if words else None
                if extra is not None and not (found.count.start <= k < found.count.end) and not self._cue_at(extra.end):
                    return extra  # not "with more than 100 others injured": those have a cue of their own
        return None

    def _others(self, k: int, commas: bool = True) -> Count | None:
        """Who an addition names: a list ("his brother and two others"), or "the bombers" (two at least)."""
        toks = self.tokens
        found = counts.list_at(toks, k, object_position=True, commas=commas)
        if found is None and k + 1 < len(toks) and toks[k].lower in ("the", "these", "both") and toks[k + 1].lower in counts.attacker_words():
            found = Count(2, None, k, k + 2, side="attackers") if toks[k + 1].lower.endswith("s") or toks[k + 1].lower.endswith("men") else None
        return found

    def _side_after(self, last: int) -> str | None:
        """"five dead on the attackers' side": whose dead a phrase after the cue says they are."""
        toks = self.tokens
        for k in range(last + 1, min(last + 8, len(toks))):
            if toks[k].lower in (",", ";", ".", "and") or self._cue_at(k):
                return None
            if toks[k].lower == "side" and toks[last + 1].lower == "on":
                return counts.side_of(toks, last + 1, k)
        return None

    def _cue_at(self, k: int) -> bool:
        return any(first == k for first, _, _, _ in self.cues)

    def figure(self, n: int) -> CasualtyFigure | None:
        """The count the ``n``-th cue states, if any."""
        lex, toks = _lexicon(), self.tokens
        first, last, field, cue = self.cues[n]
        if cue in lex.attributive and last + 1 < len(toks) and toks[last + 1].lower not in ("more", "others") and counts.is_person_word(toks[last + 1].lower):
            return self._described(n)  # "30 injured people" counts them; "the slain commander" no one
        stop = max(self.cues[n - 1][1] + 1 if n > 0 else 0, self.consumed)
        found = self.count_after(n) if cue in lex.active or cue in lex.nouns else None
        if found is None and cue not in lex.after_only:
            found = self.count_before(n, stop)
        if found is None:
            return None
        count = found.count
        extra = self._addition(found, n, stop)
        if extra is not None:
            side = count.side if count.side == extra.side else "all"
            high = None if count.high is None and extra.high is None else (count.high or count.low) + (extra.high or extra.low)
            count = replace(count, low=count.low + extra.low, high=high, side=side)
        clause = _clause(self.text, found.start, found.end)
        side = self._side_after(last) or count.side
        return CasualtyFigure(
            field, count.low, count.high, found.start, found.end, side=side, vague=count.vague, part=found.part,
            aggregate=_aggregate(clause), update=any(p.search(clause) for p in lex.update),
            other=_other_event(self.text, found.start, found.end),
            unverified=any(p.search(self.text) for p in lex.unverified),
            dated_before=_dated_before(self.text, found.start, found.end),
        )


def _asides(toks: list[Token], start: int, end: int) -> set[int]:
    """Token positions inside ", including ... ," asides, whose counts are parts of the whole."""
    inside: set[int] = set()
    k = start
    while k < end:
        if toks[k].lower == "," and k + 1 < end and toks[k + 1].lower in ("including", "among", "mostly", "most"):
            j = k + 1
            while j < end and toks[j].lower != ",":
                inside.add(j)
                j += 1
            k = j
        k += 1
    return inside


def _read(text: str, cues: list[re.Match[str]]) -> list[CasualtyFigure]:
    sentence = _Sentence(text, cues)
    figures = sentence.zeros()
    covered = [(f.start, f.end) for f in figures]
    figures += [replace(f, aggregate=_aggregate(_clause(text, f.start, f.end))) for f in sentence.tolls()]
    for n, (first, _, _, _) in enumerate(sentence.cues):
        if any(s <= sentence.tokens[first].start < e for s, e in covered):
            continue
        figure = sentence.figure(n)
        if figure is not None:
            figures.append(figure)
    figures = [f for f in figures if f.low == 0 or not _either_field(text, f)]
    figures.sort(key=lambda f: (f.start, f.field))
    return figures


def find_casualties(text: str) -> list[CasualtyFigure]:
    """Every casualty count stated in ``text`` (a sentence or a log line), in text order.

    >>> [(f.field, f.low) for f in find_casualties("Two soldiers were killed and three wounded.")]
    [('killed', 2), ('wounded', 3)]
    """
    lex = _lexicon()
    cues = list(lex.cue_regex.finditer(text))
    if not cues and not lex.zero_hint.search(text):
        return []  # most sentences name no casualty at all: skip tokenising them
    return _read(text, cues)


def find_abducted(text: str) -> list[CasualtyFigure]:
    """The people ``text`` says were kidnapped or abducted ("gunmen seized four workers": 4)."""
    cues = list(_lexicon().abducted_regex.finditer(text))
    return [f for f in _read(text, cues) if f.field == "abducted"] if cues else []


# --- one report -----------------------------------------------------------------------------


def _pick(figures: list[CasualtyFigure]) -> CasualtyFigure:
    """One side's count from figures of the same victims: the largest exact figure (tolls rise as
    news comes in, and a smaller figure told later is mostly a part: "two of them were children"),
    or a vague one ("dozens") until an exact figure is given; never their sum. A toll said to be
    revised ("lowered to four") stands, smaller or not, until another revision."""
    chosen = figures[0]
    for figure in figures[1:]:
        if figure.revised:
            chosen = figure
        elif chosen.revised:
            continue
        elif figure.update and figure.low > chosen.low:
            chosen = figure
        elif chosen.vague and not figure.vague and chosen.low <= figure.low <= (chosen.high or figure.low):
            chosen = figure
        elif not figure.vague and figure.low > chosen.low:
            chosen = figure
    return chosen


def _without_dwarfing(figures: list[CasualtyFigure]) -> list[CasualtyFigure]:
    """The figures less a toll that dwarfs the event's other exact figures ("killing ten people
    ... More than 4,000 people have died in such attacks"): a count in the thousands beside one
    fifty times smaller is the toll of a war, a year or a disaster told as background, whatever
    words introduce it; one event's own figures rise as news comes in, not by that much."""
    lex = _lexicon()
    exact = [f for f in figures if f.low > 0 and not f.vague and not f.part]
    if len(exact) < 2:
        return figures
    least = min(f.low for f in exact)
    return [f for f in figures if not (f.low >= lex.dwarfing_least and f.low >= lex.dwarfing_ratio * least)]


def _field_count(figures: list[CasualtyFigure]) -> EventCount | None:
    """One field's count for one event from its figures in text order."""
    usable = _without_dwarfing([f for f in figures if not f.aggregate and not f.other])
    confirmed = [f for f in usable if not f.unverified]
    if any(f.low > 0 and not f.vague for f in confirmed):
        usable = confirmed  # an unconfirmed figure gives way to a confirmed exact toll, not to "dozens"
    current = [f for f in usable if not f.dated_before]
    if any(f.low > 0 and not f.vague for f in current):
        usable = current  # a toll dated to an earlier time gives way to the event's own exact toll
    positive = [f for f in usable if f.low > 0]
    if not positive:
        return EventCount(0, None, (usable[0],)) if usable else None
    wholes = [f for f in positive if not f.part] or [max(positive, key=lambda f: f.low)]
    chosen = {side: _pick([f for f in wholes if f.side == side]) for side in ("victims", "attackers", "all") if any(f.side == side for f in wholes)}
    both = [chosen[side] for side in ("victims", "attackers") if side in chosen]
    low = sum(f.low for f in both)
    # "clashes killed at least 18 people" then "fighting killed 14 rebels and four soldiers": the
    # people's toll that equals both sides' dead is that total again, not one side's to add
    restated = "all" in chosen and any(f.low == chosen["all"].low for f in both)
    if "all" in chosen and (chosen["all"].low >= low or restated):
        both = [chosen["all"]]
        low = chosen["all"].low
    # an upper bound only from a stated range ("between 5 and 7"): a vague word's ("dozens") is no figure
    high = sum(f.high or f.low for f in both) if any(f.high is not None for f in both) and not any(f.vague for f in both) else None
    return EventCount(low, high, tuple(both))


def event_casualties(figures: Sequence[CasualtyFigure]) -> dict[str, EventCount]:
    """Killed and wounded of one event from the figures its sentences state, in text order.

    A zero ("no casualties") only stands when no positive count is given for the field.

    >>> event_casualties(find_casualties("Two soldiers were killed; later the death toll rose to five."))["killed"].low
    5
    """
    out = {}
    for field in FIELDS:
        count = _field_count([f for f in figures if f.field == field])
        if count is not None:
            out[field] = count
    return out


def _captives_killed(cluster: Cluster, infos: list[SentenceInfo], text: str) -> tuple[int, list[Span]] | None:
    """"Gunmen kidnapped four men. Their bodies were found": the captives told dead are the toll."""
    pattern = _lexicon().captives_killed
    for n, info in enumerate(infos):
        if not any(info is member for member in cluster.infos):
            continue
        taken = [f for f in find_abducted(info.sentence.text) if f.low > 0]
        if not taken:
            continue
        for later in infos[n:n + 3]:
            match = pattern.search(later.sentence.text)
            if match is not None and not any(f.field == "killed" and f.low > 0 for f in find_casualties(later.sentence.text)):
                base = info.sentence.start
                spans = [span_of(text, base + taken[0].start, base + taken[0].end)]
                spans.append(span_of(text, later.sentence.start + match.start(), later.sentence.start + match.end()))
                return taken[0].low, spans
    return None


# a sentence dated to a day this many days or more from the event's tells another event's toll
OTHER_DAY = 3


def _holds(date: ResolvedDate, day: dt.date) -> bool:
    """Whether a date told (a day, a week, a month, a year) may be the day of an event, or a day
    after it (a captive "was killed on September 8", the wounded who died later: still its toll)."""
    first = date.as_date()
    if first is None or first >= day:
        return True
    if date.precision == "day":
        return (day - first).days < OTHER_DAY
    if date.precision == "week":
        return day <= first + dt.timedelta(days=6)
    if date.precision == "month":
        return (first.year, first.month) == (day.year, day.month)
    if date.precision == "year":
        return first.year == day.year
    return True


def _told_of_another_time(info: SentenceInfo, day: str | None) -> bool:
    """Whether one of an event's sentences is dated only to a time before the event's day ("At
    least four soldiers were killed Tuesday ..." then "Last week at least 13 civilians were
    killed"; "Eight police officers were killed last month"): its tolls are another event's,
    told as background, though the sentence was grouped with the event."""
    if day is None:
        return False
    event = dt.date.fromisoformat(day)
    dates = [d for d in info.dates if d.usable and not d.caption]
    return bool(dates) and not any(_holds(d.date, event) for d in dates)


def _one_reading_per_span(figures: Sequence[CasualtyFigure]) -> list[CasualtyFigure]:
    """The figures with one reading of each span: "16 dead on the rebel side", read as both the
    victims' and the attackers' dead, is counted once, as the side it names (not the victims')."""
    kept: list[CasualtyFigure] = []
    for figure in figures:
        same = next((k for k in kept if k.field == figure.field and k.start < figure.end and figure.start < k.end and k.low == figure.low), None)
        if same is None:
            kept.append(figure)
        elif same.side == "victims" and figure.side != "victims":
            kept[kept.index(same)] = figure
    return kept


def _without_contradicted_zeros(figures: list[tuple[SentenceInfo, CasualtyFigure]]) -> list[tuple[SentenceInfo, CasualtyFigure]]:
    """The figures less the zeros of a phrase another figure of the event contradicts: "seven
    people were killed" then "no one was killed or wounded" tells another event's (a blast
    elsewhere that day), so it says nothing of this one's wounded either."""
    counted = {f.field for _, f in figures if f.low > 0 and not f.aggregate and not f.other}
    contradicted = {(id(info), f.start, f.end) for info, f in figures if f.low == 0 and f.field in counted}
    return [(info, f) for info, f in figures if not (f.low == 0 and (id(info), f.start, f.end) in contradicted)]


def _tells(info: SentenceInfo, positions: list[int]) -> bool:
    """Whether one of the text positions (of the event's date evidence) is in the sentence."""
    start = info.sentence.start
    return any(start <= p < start + len(info.sentence.text) for p in positions)


def _own_time(figure: CasualtyFigure) -> CasualtyFigure:
    """A figure dated to an earlier time in the sentence that tells the event, or in a background
    event's ("Last month, rebels attacked a base, killing 50"): that time is the event's own."""
    return replace(figure, dated_before=False) if figure.dated_before else figure


def set_attack_casualties(fields: Fields, cluster: Cluster, infos: list[SentenceInfo], text: str) -> None:
    """An attack's killed and wounded, with the phrases that state them as evidence. The dead
    are those a text states: a suicide bomber is counted when a figure names the attackers'
    dead ("along with the bomber"), not added to a toll that leaves him out (as the realnews golds code)."""
    day = cluster.dated()
    dating = [s.start for s in fields.evidence.get("date", [])]
    figures = [
        (info, _own_time(f) if cluster.historical or info is cluster.first or _tells(info, dating) else f)
        for info in cluster.infos if info.attack and not _told_of_another_time(info, day)
        for f in _one_reading_per_span(info.attack.casualties)
    ]
    figures = _without_contradicted_zeros(figures)
    where = {id(f): info for info, f in figures}
    for name, count in event_casualties([f for _, f in figures]).items():
        spans = [span_of(text, where[id(f)].sentence.start + f.start, where[id(f)].sentence.start + f.end) for f in count.figures]
        fields.set(name, count.low, spans)
        fields.set(f"{name}_high", count.high, spans)
    if "killed" not in fields.values:
        captives = _captives_killed(cluster, infos, text)
        if captives is not None:
            fields.set("killed", captives[0], captives[1])
            fields.set("killed_high", None, captives[1][:1])


def set_log_casualties(fields: Fields, line: LogLine, text: str) -> None:
    """A log line's killed and wounded ("Rockets – Green Zone – 1 killed")."""
    for name, count in event_casualties(find_casualties(line.text)).items():
        spans = [span_of(text, line.start + f.start, line.start + f.end) for f in count.figures]
        fields.set(name, count.low, spans)
        fields.set(f"{name}_high", count.high, spans)
