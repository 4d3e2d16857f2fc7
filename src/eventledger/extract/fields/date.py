"""Date: when an event happened, with its precision.

Per sentence, a :class:`DateReader` resolves the date expressions of each sentence in article
order (:mod:`.date_expressions` reads one expression): later relative dates count from the latest
date told ("the next day"), and once an article sets its story in a past week, a bare weekday is
a day of that week. :func:`date_near` and :func:`attack_date` say which of a sentence's dates
belongs to its event. Per report, :func:`set_event_date`, :func:`set_political_date` and
:func:`set_log_date` fill ``date`` and ``date_precision``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from eventledger.datafiles import load_yaml
from eventledger.extract.fields.attribution import reference_lines
from eventledger.extract.fields.date_expressions import (
    ResolvedDate,
    bare_weekday,
    coarsen,
    comparison_scope,
    context_pattern,
    converts_clock,
    counts_back,
    day_in_week,
    days_before,
    find_dates,
    intended,
    is_caption,
    is_future,
    is_future_date,
    latest_full_date,
    period_clause,
    precision_rank,
    resolve_date,
    restated,
    unquoted,
    year_hint,
)
from eventledger.extract.fields.draft import Fields, sentence_span, span_of
from eventledger.extract.segment import Sentence
from eventledger.models import Article, Span

if TYPE_CHECKING:
    from eventledger.extract.analysis import SentenceInfo
    from eventledger.extract.clusters import Cluster
    from eventledger.extract.logs import LogLine


@dataclass(frozen=True)
class DatedMention:
    date: ResolvedDate
    start: int  # absolute offsets in the article text
    end: int
    text: str
    # "(2300 GMT on Thursday)", "this morning (April 11)": another clock's name for a time told
    # beside it, or a date restated in the bracket after it; never an event's date of its own
    own: bool = True
    caption: bool = False  # told by a picture's caption: it dates the picture's scene only
    # "since a coup in 2021": the clause (absolute offsets) that makes the date a period's start;
    # only an event told inside it takes the date
    clause: tuple[int, int] | None = None

    @property
    def usable(self) -> bool:
        """Whether the mention may date an event of its sentence."""
        return self.date.known and self.own

    @property
    def year_only(self) -> bool:
        """Whether the mention names a year and nothing finer ("in 2016"; not "last autumn")."""
        return self.date.precision == "year" and bool(context_pattern("full_year").search(self.text))

    def dates_event_at(self, position: int) -> bool:
        """Whether the mention may date the event whose trigger is at ``position``."""
        return self.usable and (self.clause is None or self.clause[0] <= position < self.clause[1])


@cache
def _settings() -> dict[str, Any]:
    data = load_yaml("eventledger.extract.fields", "date.yaml")
    return {
        "ordinals": dict(data["anniversary_ordinals"]),
        "political_reach": int(data["political_date_reach"]),
        "history_days": int(data["history_days"]),
        "agreed_kinds": frozenset(data["agreed_kinds"]),
        "edition_days": int(data["edition_days"]),
        "saying_lag_days": int(data["saying_lag_days"]),
        "dateline_day": re.compile(data["dateline_day"]),
    }


def edition_date(sentences: list[Sentence], published: dt.date | None) -> dt.date | None:
    """The day of the edition a page's text is: ``published``, or a later day its own pictures or
    its dateline show.

    A story updated after it first appeared often keeps its first day in its address or
    metadata while its text moves on ("the truce began on Friday") and its new pictures are
    dated ("... in the city on May 21, 2021"). A picture cannot be older than the page, so a
    caption's full date a few days after ``published`` is the day the text's "Friday" counts
    from. Captions of earlier days (file pictures) and body sentences (events to come) never move it.
    """
    if published is None:
        return None
    shared_lines = {line for line, n in Counter(s.line for s in sentences).items() if n > 1}
    latest = published
    limit = published + dt.timedelta(days=_settings()["edition_days"])
    for sentence in sentences:
        if not is_caption(sentence.text, alone=sentence.line not in shared_lines):
            continue
        for mention in find_dates(sentence.text):
            if not context_pattern("full_year").search(mention.expression):
                continue
            resolved = resolve_date(mention.expression, published)
            day = resolved.as_date() if resolved.precision == "day" else None
            if day is not None and latest < day <= limit:
                latest = day
    filed = _dateline_day(sentences[:2], published)
    return filed if filed is not None and latest < filed <= limit else latest


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _dateline_day(sentences: list[Sentence], published: dt.date) -> dt.date | None:
    """The day a dateline says the story was filed ("MANILA, Jan 18 (PNA) -"), in the year it
    gives or else the year that puts it nearest ``published``: "yesterday" in its story counts
    from that day."""
    for sentence in sentences:
        found = _settings()["dateline_day"].match(sentence.text)
        if found is None:
            continue
        month = _MONTHS.index(found.group("month").lower()[:3]) + 1
        candidates = []
        given = found.group("year")
        for year in (int(given),) if given else (published.year - 1, published.year, published.year + 1):
            try:
                candidates.append(dt.date(year, month, int(found.group("day"))))
            except ValueError:
                continue
        return min(candidates, key=lambda d: abs((d - published).days)) if candidates else None
    return None


def _shared_lines(sentences: list[Sentence]) -> set[int]:
    """The lines that hold more than one sentence, less those whose sentences end in a picture's
    credit ("Tribesmen inspect the wreckage in Marib, May 3, 2018. Picture taken with a fisheye
    lens. REUTERS/Name"): a caption line, however many sentences it has."""
    credited = {s.line for s in sentences if context_pattern("caption_credit").search(s.text)}
    return {line for line, n in Counter(s.line for s in sentences).items() if n > 1 and line not in credited}


# --- one sentence ---------------------------------------------------------------------------


class DateReader:
    """Resolves the dates of an article's sentences, one sentence after the other, in order.

    Without a publication date, "on 11 October" takes its year from the month the page's address
    gives (``month``), else from the article's own full dates.
    """

    def __init__(self, sentences: list[Sentence], published: dt.date | None, month: tuple[int, int] | None = None) -> None:
        self.published = published
        self.anchor: dt.date | None = None  # later relative dates count from the latest one told
        self.anchor_is_day = False
        self.shared_lines = _shared_lines(sentences)
        self.week: dt.date | None = None  # the past week the article's story is set in, once it says so
        self.weekdays: dict[int, ResolvedDate] = {}  # bare weekdays told before any past week, as resolved
        # (a period's start, "the first talks since November 2022", is told for its distance
        # from the news: it does not say which year the article's own dates are in)
        # (nor does a picture's caption: "fragments of a missile ... in Marib, February 23, 2018" is
        # a file picture's day, not the week of the story's "on Tuesday")
        expressions = [] if published is not None else [
            m.expression for s in sentences for m in find_dates(s.text)
            if period_clause(s.text, m) is None and not is_caption(s.text, alone=s.line not in self.shared_lines)
        ]
        self.hint = year_hint(expressions) if expressions else None
        self.latest = latest_full_date(expressions) if expressions else None
        if published is None and month is not None:
            # the month the page was published in: its "Dec. 13" is the last one by the month's end
            year, number = month
            self.hint, self.latest = year, dt.date(year, number, calendar.monthrange(year, number)[1])

    def read(self, sentence: Sentence) -> list[DatedMention]:
        """The dates of the next sentence."""
        caption = is_caption(sentence.text, alone=sentence.line not in self.shared_lines)
        mentions = find_dates(sentence.text)
        # "MANILA, Jan 18 (PNA) -": the day the story was filed, not an event's (edition_date)
        dateline = _settings()["dateline_day"].match(sentence.text) if sentence.index < 2 else None
        filed_until = dateline.end() if dateline is not None else 0
        dates = []
        for k, mention in enumerate(mentions):
            future = is_future_date(sentence.text, mention)
            weekday = bare_weekday(mention.expression)
            # a weekday counts back from a day told before, not from the first of a month
            anchor = self.anchor if weekday is None or self.anchor_is_day else None
            resolved = resolve_date(
                mention.expression, self.published, anchor=anchor, future=future, year_hint=self.hint, latest=self.latest
            )
            told = resolved.as_date() if resolved.precision == "day" else None
            if told is not None and anchor is not None and counts_back(sentence.text, mention):
                # "the ambush has come two days after gunmen killed ...": the other event is
                # two days before the one told, not two days after it
                resolved = ResolvedDate((anchor - (told - anchor)).isoformat(), "day")
            if self.week is not None and weekday is not None and not future:
                # "Iran sent him last week ... He met them on Wednesday": once an article sets
                # its story in a past week, a bare weekday is a day of that week, unless the
                # article named that weekday before ("officials said Thursday ... Last week ...
                # Also Thursday, gunmen killed a mayor"): one name, one day
                resolved = self.weekdays.get(weekday) or day_in_week(self.week, weekday)
            elif weekday is not None and not future and resolved.precision == "day" and not caption:
                self.weekdays.setdefault(weekday, resolved)
            start = sentence.start + mention.start
            following = mentions[k + 1] if k + 1 < len(mentions) else None
            own = not converts_clock(sentence.text, mention) and not (following and restated(sentence.text, mention, following))
            own = own and not comparison_scope(sentence.text, mention) and not intended(sentence.text, mention)
            own = own and mention.start >= filed_until
            period = period_clause(sentence.text, mention)
            clause = (sentence.start + period[0], sentence.start + period[1]) if period else None
            dates.append(DatedMention(resolved, start, start + len(mention.expression), mention.expression, own, caption, clause))
            if not future and own and not caption and clause is None:
                self._remember(resolved)
        return dates

    def _remember(self, resolved: ResolvedDate) -> None:
        if resolved.precision in ("day", "month") and resolved.value:
            self.anchor = resolved.as_date()
            self.anchor_is_day = resolved.precision == "day"
        published = self.published
        if resolved.precision == "week" and resolved.value and published is not None:
            told = resolved.as_date()
            # a week before the one the article appeared in; "this week" ends the flashback
            self.week = told if told is not None and told < published - dt.timedelta(days=published.weekday()) else None


def date_near(info: SentenceInfo, position: int, *, exclusive: bool = True, coarsest: str = "year") -> DatedMention | None:
    """The usable date of a sentence nearest to ``position`` (a trigger), if any.

    A date told after another event's trigger that follows ``position`` is that event's: in
    "the group denied the barrage and said the truce begun in October still held", October
    dates the truce, not the barrage (``exclusive=False``: any date of the sentence). Dates
    coarser than ``coarsest`` are passed over ("month": a year alone never dates news).
    """
    known = [d for d in info.dates if d.dates_event_at(position) and precision_rank(d.date.precision) <= precision_rank(coarsest)]
    if not known:
        return None
    if exclusive and info.political:
        # a date told after another event's trigger that itself follows this one belongs to that
        # event; a date before the trigger (the arrest "on Thursday" of a cell that had fired
        # rockets) or with no other trigger between is left to the nearest-date rule
        others = [info.sentence.start + c.trigger.start for c in info.political]
        known = [d for d in known if not any(position < o <= d.start for o in others)]
        if not known:
            return None
    return min(known, key=lambda d: abs(d.start - position))


def date_in_clause_after(info: SentenceInfo, position: int, coarsest: str = "year") -> DatedMention | None:
    """The first known date after ``position`` (a trigger) with no clause break between.

    "Officials gave figures on Monday for the barrage that struck the district the night
    before": the date told after the attack, in its own clause, is the attack's.
    """
    text = info.sentence.text
    offset = info.sentence.start
    for dated in sorted(info.dates, key=lambda d: d.start):
        if dated.start <= position or not dated.dates_event_at(position) or precision_rank(dated.date.precision) > precision_rank(coarsest):
            continue
        if context_pattern("clause_break").search(text[position - offset:dated.start - offset]):
            return None
        if any(position < offset + c.trigger.start <= dated.start for c in info.political):
            return None  # another event's trigger between: the date is that event's
        return dated
    return None


def attack_date(info: SentenceInfo, coarsest: str = "year") -> DatedMention | None:
    """The date a sentence gives its attack.

    The nearest date to the trigger, unless the attack's own clause tells one after it ("gave
    figures on Monday for the barrage that struck ... the night before"); when the attack is
    what an interval counts from ("arriving a day after a barrage ..., on Thursday"), the date
    of the sentence, whichever event's it is (see :func:`counted_back`).
    """
    cue = info.attack
    if cue is None or not cue.triggers:
        return date_near(info, info.sentence.start, exclusive=False, coarsest=coarsest)
    at = cue.triggers[0].start
    trigger = info.sentence.start + at
    if days_before(info.sentence.text[max(0, at - 60):at]) is not None:
        return date_near(info, trigger, exclusive=False, coarsest=coarsest)
    near = date_near(info, trigger, coarsest=coarsest)
    if near is not None and near.start > trigger and _in_relative_clause(info, trigger, near):
        # "killed the mayor of a town where three men went missing in January": the clause's own event
        others = [d for d in info.dates if d.dates_event_at(trigger) and not (d.start > trigger and _in_relative_clause(info, trigger, d))]
        near = min(others, key=lambda d: abs(d.start - trigger), default=None)
    if near is not None and near.start < trigger:
        return date_in_clause_after(info, trigger, coarsest) or near
    return near


def _in_relative_clause(info: SentenceInfo, trigger: int, dated: DatedMention) -> bool:
    """Whether a date told after the trigger stands in a clause about someone or somewhere else
    ("..., where three men went missing in late January", "a man who was abducted in May")."""
    between = info.sentence.text[trigger - info.sentence.start:dated.start - info.sentence.start]
    opened = list(context_pattern("relative_clause").finditer(between))
    # a comma or "said" after it closes the clause: "..., where X happened, police said Tuesday"
    return bool(opened) and not context_pattern("clause_break").search(between[opened[-1].end():])


def counted_back(info: SentenceInfo, dated: DatedMention) -> ResolvedDate:
    """The attack's day when its trigger follows "N hours/days after" and the day is told later,
    in another clause: "arriving 24 hours after a barrage ..., he met them on Wednesday" is
    Tuesday; "came three days after rockets landed on Sunday" keeps Sunday (the rockets' own)."""
    resolved, cue = dated.date, info.attack
    if resolved.precision != "day" or cue is None or not cue.triggers:
        return resolved
    text, at = info.sentence.text, cue.triggers[0].start
    told = dated.start - info.sentence.start
    if told < at or not context_pattern("later_clause").search(text[at:told]):
        return resolved
    days = days_before(text[max(0, at - 60):at])
    day = resolved.as_date()
    if days is None or day is None:
        return resolved
    return ResolvedDate((day - dt.timedelta(days=days)).isoformat(), "day")


def reference_day(infos: list[SentenceInfo], published: dt.date | None) -> tuple[dt.date | None, bool]:
    """What tells whether a date is background, and whether it is the publication date.

    An undated article appeared on or after the latest full date it tells ("January 18, 2019"),
    so that date is a lower bound: it shows a month told far before it to be background, but
    not a day, which may be the news the article brings.
    """
    if published is not None:
        return published, True
    told = [
        day
        for info in infos
        for d in info.dates
        if d.usable and d.date.precision == "day" and context_pattern("full_year").search(d.text) and (day := d.date.as_date())
    ]
    return max(told, default=None), False


def is_background(dated: DatedMention, reference: tuple[dt.date | None, bool]) -> bool:
    """Whether a date lies more than the history window before the reference (see
    :func:`reference_day`; a week told is news: "last week" is never background). Without any
    reference a year alone ("in 2017 when a truck bomb exploded") is still background: news
    tells what is new by the day or the month, and names no year for it ("In October 2017, a
    truck bomb ..." tells an old event; "in October" may be the news)."""
    day, published = reference
    value = dated.date.as_date()
    if value is None or dated.date.precision == "week":
        return False
    if day is None:
        return dated.year_only or (dated.date.precision == "month" and bool(context_pattern("full_year").search(dated.text)))
    if not published and dated.date.precision == "day":
        return False
    return (day - value).days > int(_settings()["history_days"])


# --- one report -----------------------------------------------------------------------------


def _set(fields: Fields, resolved: ResolvedDate, spans: list[Span]) -> None:
    fields.set("date", resolved.value, spans)
    fields.values["date_precision"] = resolved.precision


def _compared_event_start(info: SentenceInfo) -> int | None:
    """Where the other event of "X came N days after Y" begins (X names an event, Y another)."""
    cue = info.attack
    if cue is None or not cue.triggers:
        return None
    match = context_pattern("compared").search(info.sentence.text)
    if match is None or cue.triggers[0].start > match.start():
        return None
    if not any(t.start >= match.end() for t in cue.triggers):
        return None
    return info.sentence.start + match.end()


def _anniversary_of(info: SentenceInfo, near: DatedMention, published: dt.date | None) -> ResolvedDate:
    """"Mark on 3 January the first anniversary of the drone strike": the strike is N years before.

    An anniversary told without its year falls on the nearest such day to the article's date
    (one being prepared for may be days ahead); the event is dated to that month, N years back.
    """
    resolved = coarsen(near.date, "month")
    match = context_pattern("anniversary").search(info.sentence.text)
    day = near.date.as_date()
    if match is None or day is None or near.date.precision not in ("day", "month"):
        return resolved
    if near.start >= info.sentence.start + match.end():
        return resolved  # "the anniversary of the January 2020 drone strike": the strike's own date
    ordinal = match.group("n").lower()
    years = _settings()["ordinals"].get(ordinal, 1 if ordinal in ("the", "its") else None)
    if years is None:
        return resolved
    if published is not None and not context_pattern("full_year").search(near.text):
        candidates = [day.replace(year=day.year + k) for k in (-1, 0, 1) if not (day.month == 2 and day.day == 29)]
        day = min(candidates or [day], key=lambda d: abs((d - published).days))
    return ResolvedDate(f"{day.year - years:04d}-{day.month:02d}", "month")


def _cue_start(info: SentenceInfo, historical: bool) -> int:
    """Where a sentence tells its event: the background marker, the trigger or the political cue."""
    start = info.sentence.start
    if historical and info.attack and info.attack.historical:
        # "two weeks before the anniversary of the January 2020 drone strike": the
        # background event's date is the one told with its marker, not the sentence's first
        return start + info.attack.historical.end
    if info.attack and info.attack.triggers:
        return start + info.attack.triggers[0].start
    if info.political:
        return start + info.political[0].trigger.start
    return start


def _told_date(
    info: SentenceInfo, first: bool, historical: bool, reference: tuple[dt.date | None, bool] = (None, False)
) -> tuple[DatedMention | None, int | None]:
    """The date a sentence tells for the event, and where a compared later event starts (if any).

    News tells its current events by the day, the weekday or at most the month; a year alone
    ("the 2016 peace deal") is background and never dates one, nor does a date long before the
    article (``reference``): "the attack was a setback to talks stalled in August 2018".
    """
    coarsest = "year" if historical else "month"
    near = date_near(info, _cue_start(info, historical), coarsest=coarsest)
    if not historical and info.attack and info.attack.triggers:
        near = attack_date(info, coarsest)
    if not historical and near is not None and is_background(near, reference):
        near = None
    later = _compared_event_start(info) if first and not historical else None
    if later is not None:
        # "The ambush came two days after twin bombings hit the market on Thursday": the new
        # event is the one after "after", dated by what is said of it there
        told = [d for d in info.dates if d.usable and d.start >= later]
        near = min(told, key=lambda d: d.start) if told else near
    return near, later


def _resolved(info: SentenceInfo, near: DatedMention, historical: bool, compared: bool, text: str, published: dt.date | None) -> ResolvedDate:
    # background is dated to the month, unless the text gives the full date with its year
    explicit = near.date.precision == "day" and context_pattern("full_year").search(text[near.start:near.end])
    resolved = coarsen(near.date, "month") if historical and not explicit else near.date
    if historical and info.attack and info.attack.historical:
        resolved = _anniversary_of(info, near, published)
    if not historical and not compared and info.attack and info.attack.triggers:
        resolved = counted_back(info, near)
    return resolved


def is_caption_info(info: SentenceInfo) -> bool:
    """Whether a sentence is a picture's caption (known by the dates it tells)."""
    return any(d.caption for d in info.dates)


def _day_told(info: SentenceInfo) -> DatedMention | None:
    """The first usable day (or week) a sentence tells, unless it is a caption or looks ahead."""
    if is_caption_info(info):
        return None
    return next((d for d in info.dates if d.usable and d.date.precision in ("day", "week")), None)


def _told_elsewhere(cluster: Cluster, infos: list[SentenceInfo]) -> DatedMention | None:
    """The day an undated current event is given outside its own sentences.

    The article's lead when the event is the first it tells ("A suicide bomber hit a checkpoint
    on Monday." before sentences that tell the attack again without a date), else a sentence
    that recounts when "the incident" took place ("The incident occurred at 8 a.m. on Thursday").
    """
    first = cluster.first.sentence.index
    told_before = [i for i in infos[:first] if i.attack is not None and not i.attack.supporting and not i.in_log]
    if not told_before:
        for info in infos[:first]:
            if (day := _day_told(info)) is not None and not is_future(info.sentence.text):
                return day
    return _recounted_day(cluster, infos)


def _recounted_day(cluster: Cluster, infos: list[SentenceInfo], members_too: bool = False) -> DatedMention | None:
    """The day a later sentence that tells no other event recounts for "the attack" ("The attack
    happened on Sunday"); ``members_too``: the event's own sentences may be that sentence."""
    members = {i.sentence.index for i in cluster.infos}
    for info in infos[cluster.first.sentence.index + 1:]:
        cue = info.attack
        own = info.sentence.index in members
        recounts = context_pattern("recounted").search(info.sentence.text) is not None
        # "the fighting, which broke out on Wednesday, lasted an hour": telling "the fighting"
        # again with no toll of its own is no other event
        another = cue is not None and not cue.supporting and not cue.anaphoric and not (recounts and not cue.casualties)
        if (own and not members_too) or (not own and another):
            continue
        if recounts and (day := _day_told(info)) is not None:
            return day
    return None


def _reported_on(info: SentenceInfo, dated: DatedMention) -> bool:
    """Whether a date is told as the day the news was given ("police said late Monday")."""
    return bool(context_pattern("reported_on").search(info.sentence.text[:dated.start - info.sentence.start]))


def _story_day(cluster: Cluster, infos: list[SentenceInfo], reference: tuple[dt.date | None, bool]) -> DatedMention | None:
    """The day a dated article's story is set on, for an event it tells without a day.

    News tells the events of one story around one day: "Police fired tear gas on Monday. [...]
    Shops were looted and a police post burned." The undated event takes the latest current day
    the article told before it, else the first it tells after in a sentence that tells no other
    event: "On Thursday, trains were halted after an air strike on a bridge" after the
    undated lead is the day of that other strike, told as background. A caption's date, a date
    ahead, a period's start or a background date never sets the story's day, nor does a sentence
    told in the past perfect ("the rebels said troops had bombed a camp on 25 December"): it
    looks back from the story. Of the days a sentence tells, the latest is where the story is.
    """
    first = cluster.first.sentence.index
    members = {i.sentence.index for i in cluster.infos}

    def current(info: SentenceInfo) -> DatedMention | None:
        if is_future(info.sentence.text) or is_caption_info(info) or context_pattern("pluperfect").search(unquoted(info.sentence.text)):
            return None
        days = [d for d in info.dates if d.usable and d.date.precision == "day" and not is_background(d, reference)]
        # "was behind a bombing Thursday, the government said Friday": the story has reached the later day
        return max(days, key=lambda d: (d.date.value or "", d.start), default=None)

    def tells_another_event(info: SentenceInfo) -> bool:
        cue = info.attack
        if info.sentence.index in members:
            return False
        return bool(info.political) or (cue is not None and not cue.supporting and not cue.anaphoric)

    # the story has reached the latest day told before it: "students mourned on Wednesday [...] Six
    # were killed Tuesday [...] Police dispersed a march" is Wednesday's march, the Tuesday a look back
    told = [day for info in infos[:first] if (day := current(info)) is not None]
    if told:
        return max(told, key=lambda d: (d.date.value or "", d.start))
    return next((day for info in infos[first + 1:] if not tells_another_event(info) and (day := current(info)) is not None), None)


def _day_in_week_told(
    rest: list[tuple[SentenceInfo, tuple[dt.date | None, bool]]], week: ResolvedDate, historical: bool, published: dt.date | None
) -> DatedMention | None:
    """A day of the week the article appeared in, told by the event's later sentences ("condemn
    this week's clashes. Six people were killed on Tuesday in clashes ..."): the day says more
    than the week. A past week ("last week's rocket attack") is left alone: a later day may be
    another event's."""
    around = week.as_date()
    if around is None or published is None or around.isocalendar()[:2] != published.isocalendar()[:2]:
        return None
    for info, against in rest:
        near, _ = _told_date(info, False, historical, against)
        day = near.date.as_date() if near is not None and near.date.precision == "day" else None
        if near is not None and day is not None and day.isocalendar()[:2] == around.isocalendar()[:2] and day <= published:
            return near
    return None


def _date_told(
    fields: Fields, cluster: Cluster, told: list[tuple[SentenceInfo, tuple[dt.date | None, bool]]], own: int,
    infos: list[SentenceInfo], historical: bool, text: str, published: dt.date | None,
) -> bool:
    """Set the first date ``told`` (the event's ``own`` sentences, then those just before) gives
    the event; False when none does.

    The day the news was given ("twelve people died, police said late Monday") dates the event
    only when nothing else does: a sentence recounting when "the attack happened", or the
    sentence just before that set the story's day. A later sentence of the event is not asked
    then: it may tell another event merged with it ("last week, in late March")."""
    reported: tuple[SentenceInfo, DatedMention, int | None] | None = None
    for k, (info, against) in enumerate(told):
        if reported is not None and k < own:
            earlier = _day_before_saying(info, against, reported, historical, text, published)
            if earlier is not None:
                _set(fields, earlier[1], [span_of(text, earlier[0].start, earlier[0].end)])
                return True
            continue
        near, later = _told_date(info, info is cluster.first, historical, against)
        if near is None:
            continue
        if not historical and reported is None and _reported_on(info, near):
            reported = (info, near, later)
            if (recounted := _recounted_day(cluster, infos, members_too=True)) is not None:
                _set(fields, recounted.date, [span_of(text, recounted.start, recounted.end)])
                return True
            continue
        resolved = _resolved(info, near, historical, later is not None, text, published)
        finer = _day_in_week_told(told[k + 1:], resolved, historical, published) if resolved.precision == "week" else None
        if finer is not None:
            near, resolved = finer, finer.date
        _set(fields, resolved, [span_of(text, near.start, near.end)])
        return True
    if reported is None:
        return False
    info, near, later = reported
    _set(fields, _resolved(info, near, historical, later is not None, text, published), [span_of(text, near.start, near.end)])
    return True


def _day_before_saying(
    info: SentenceInfo, against: tuple[dt.date | None, bool], reported: tuple[SentenceInfo, DatedMention, int | None],
    historical: bool, text: str, published: dt.date | None,
) -> tuple[DatedMention, ResolvedDate] | None:
    """The day a later sentence of the event tells for it, when the lead gave only the day the
    news was given ("twelve soldiers were killed, the government said Monday" then "they were
    ambushed on Sunday"): a day of the week up to that saying, itself not a saying's day nor
    told inside a quotation."""
    near, later = _told_date(info, False, historical, against)
    if near is None or near.date.precision != "day" or _reported_on(info, near) or later is not None:
        return None
    offset = near.start - info.sentence.start
    if not unquoted(info.sentence.text)[offset:offset + len(near.text)].strip():
        return None  # a speaker's "yesterday" counts from when they spoke, which the text does not say
    said_info, said, said_later = reported
    said_day = _resolved(said_info, said, historical, said_later is not None, text, published).as_date()
    day = _resolved(info, near, historical, False, text, published)
    told_day = day.as_date() if day.precision == "day" else None  # a quote's "yesterday" is only its month
    if said_day is None or told_day is None or not dt.timedelta(0) <= said_day - told_day <= dt.timedelta(days=_settings()["saying_lag_days"]):
        return None
    return near, day


def set_event_date(
    fields: Fields, cluster: Cluster, article: Article, text: str, historical: bool, infos: list[SentenceInfo] | None = None
) -> None:
    """An event's date: the first its sentences tell (then the sentences just before it, same
    paragraph: "On Monday, gunmen entered the house. They opened fire ..."), else the day the
    article's lead or a recounting sentence gives it, else the month the article appeared in;
    background events are dated to the month unless told in full. A caption dates only itself."""
    first = cluster.first.sentence
    infos = infos or []
    before = [
        i for i in infos[max(0, first.index - 2):first.index]
        if i.sentence.paragraph == first.paragraph and not context_pattern("pluperfect").search(unquoted(i.sentence.text))
    ]
    reference = reference_day(infos, article.published)
    own = [i for i in cluster.infos if not is_caption_info(i)]
    # a sentence just before may tell a background event the event's sentence points back to
    # ("The airport was last hit on 30 September 2020. The region blamed that attack on ...")
    told = [(i, reference) for i in own] + [(i, (None, False)) for i in reversed(before) if not is_caption_info(i)]
    if _date_told(fields, cluster, told, len(own), infos, historical, text, article.published):
        return
    if historical or cluster.told_as_earlier:
        return  # an event the story is set against ("came a month after ...") is not of the story's day
    # nothing the event's sentences tell: the lead or a recounting sentence, else what the
    # event's own caption shows ("Soldiers inspect the site of the attack on Sunday")
    captions = [d for i in cluster.infos if is_caption_info(i) for d in i.dates if d.usable and d.date.precision != "year"]
    elsewhere = _told_elsewhere(cluster, infos) or next(iter(captions), None)
    if elsewhere is None and article.published is not None:
        elsewhere = _story_day(cluster, infos, reference)
    if elsewhere is not None:
        _set(fields, elsewhere.date, [span_of(text, elsewhere.start, elsewhere.end)])
    elif article.published is not None:
        # an undated event in the news is an event of the month the article appeared in
        fields.set("date", article.published.isoformat(), [sentence_span(cluster.first)])
        fields.values["date_precision"] = "day"
    elif (weekday := _unresolved_weekday(own)) is not None:
        # an undated article's "on Monday" names no day, but it is the event's: kept as the date's
        # evidence with no value, it still tells the event apart from one of a Sunday
        fields.values["date"] = None
        fields.evidence["date"] = [span_of(text, weekday.start, weekday.end)]


def _unresolved_weekday(infos: list[SentenceInfo]) -> DatedMention | None:
    """The weekday an undated article tells for an event, which no date resolves: the one weekday
    its sentences name, the day it was reported on ("media said on Wednesday") left out; none
    when they name several."""
    named: list[DatedMention] = []
    for info in infos:
        if is_future(info.sentence.text):
            continue
        for d in info.dates:
            if d.date.known or not d.own or d.clause is not None or bare_weekday(d.text) is None:
                continue
            if context_pattern("reported_on").search(info.sentence.text[:d.start - info.sentence.start]):
                continue
            named.append(d)
    return named[0] if len({bare_weekday(d.text) for d in named}) == 1 else None


def set_political_date(fields: Fields, cluster: Cluster, article: Article, text: str, infos: list[SentenceInfo]) -> None:
    """A political event's date: the finest date told right beside one of its triggers, then the first.

    A meeting cluster may gather "Iran sent him to Baghdad last week" and "he met the faction
    leaders on Wednesday": the day beats the week. A ceasefire cluster may gather "with orders
    that the factions cease their attacks" and "a ceasefire, declared on 11 October": the date
    that stands with its trigger is the ceasefire's. A reference entry's date is the cited
    work's, not the event's. A ceasefire or agreement told with what is to come ("will cease fire
    as of 2 a.m. on Friday") is dated when it was agreed, not by the day it takes effect: the
    article's own day when the sentence gives no other. Without such a date, the date is found as
    for any event.
    """
    references = reference_lines(text)
    reach = _settings()["political_reach"]
    best: tuple[tuple[int, int], DatedMention] | None = None
    ahead = False  # a date the settlement takes effect on was passed over
    standing: bool | None = None  # every trigger names a settlement the sentence stands on ("under a deal agreed by")
    for info in cluster.infos:
        for cue in info.political:
            if cue.kind != cluster.kind:
                continue
            standing = standing is not False and cue.kind in _settings()["agreed_kinds"] and bool(
                context_pattern("standing_settlement").search(info.sentence.text[max(0, cue.trigger.start - 60):cue.trigger.start])
            )
            if cue.kind in _settings()["agreed_kinds"] and is_future(info.sentence.text):
                ahead = ahead or bool(info.dates)
                continue
            t_start, t_end = info.sentence.start + cue.trigger.start, info.sentence.start + cue.trigger.end
            for dated in info.dates:
                if not dated.dates_event_at(t_start) or dated.year_only or any(s <= dated.start < e for s, e in references):
                    continue
                if cue.kind in _settings()["agreed_kinds"] and _in_force(info, dated):
                    ahead = True  # "agreed a truce as of 2 a.m. on Friday": when it takes effect
                    continue
                if max(dated.start - t_end, t_start - dated.end, 0) > reach:
                    continue
                key = (precision_rank(dated.date.precision), dated.start)
                if best is None or key < best[0]:
                    best = (key, dated)
    if best is None and ahead and article.published is not None:
        fields.set("date", article.published.isoformat(), [sentence_span(cluster.first)])
        fields.values["date_precision"] = "day"
        return
    if best is None:
        if not standing:
            set_event_date(fields, cluster, article, text, historical=False, infos=infos)
        return
    dated = best[1]
    _set(fields, dated.date, [span_of(text, dated.start, dated.end)])


def _in_force(info: SentenceInfo, dated: DatedMention) -> bool:
    """Whether a date is told as the day a settlement takes effect ("agreed a truce as of 2 a.m. on
    Friday", "the deal comes into force on 1 March"), which is not the day it was agreed."""
    before = info.sentence.text[:dated.start - info.sentence.start]
    return bool(context_pattern("in_force").search(before[-80:]))


def set_log_date(fields: Fields, line: LogLine) -> None:
    """A log line's date: its own, or its month's (the heading above it or its totals line)."""
    if line.date.known:
        _set(fields, line.date, [line.date_span or Span(line.start, line.end, line.text)])


def set_historical(fields: Fields, cluster: Cluster, text: str) -> None:
    """Mark a background event (told as history: "the 2020 drone strike"), with its marker as evidence."""
    if not cluster.historical:
        return
    marker = next((i for i in cluster.infos if i.attack and i.attack.historical), None)
    if marker is not None and marker.attack is not None and marker.attack.historical is not None:
        spans = [span_of(text, *marker.absolute(marker.attack.historical))]
    else:
        spans = fields.evidence.get("date", [sentence_span(cluster.first)])
    fields.set("historical", True, spans)
