"""Date expressions: finding them in a sentence and resolving them against the publication date.

``resolve_date("on Tuesday", date(2020, 11, 19))`` gives ``ResolvedDate("2020-11-17", "day")``.
Relative expressions ("on Tuesday", "last week", "in October") need a reference date: the
publication date, or a date already established in the context (an *anchor*: "the next day").
Without either they resolve to ``ResolvedDate(None, "unknown")`` — never to today's date.
Absolute dates ("11 October 2020", "12/24/20") resolve on their own.

Week precision is written as a day inside that week (the same weekday, ``offset`` weeks away),
so that it stays a plain ISO date that compares within a few days of the true one.

The grammar of the expressions is below; the names and phrases it is built from (months,
weekdays, "the next day", "last week", seasons, number words) are in ``data/date.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from eventledger.datafiles import load_yaml
from eventledger.extract.lexicon import compile_patterns, phrase_pattern


@dataclass(frozen=True)
class ResolvedDate:
    value: str | None  # YYYY-MM-DD, YYYY-MM or YYYY
    precision: str  # day | week | month | year | unknown

    @property
    def known(self) -> bool:
        return self.value is not None

    def as_date(self) -> dt.date | None:
        """The first day the value can mean (for comparisons and anchoring)."""
        if self.value is None:
            return None
        parts = [int(p) for p in self.value.split("-")] + [1, 1]
        return dt.date(parts[0], parts[1], parts[2])


UNKNOWN = ResolvedDate(None, "unknown")


@dataclass(frozen=True)
class DateMention:
    """A date expression in a text: ``text[start:end]``."""

    start: int
    end: int
    expression: str


@dataclass(frozen=True)
class _DateData:
    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, dict[str, Any]]  # phrase -> {unit, offset}
    anchored: dict[str, Any]  # phrase -> days, {unit, offset} or None
    seasons: dict[str, list[int]]  # season -> [first month, last month]
    number_words: dict[str, int]
    ago_nudge_days: dict[str, int]
    regexes: dict[str, re.Pattern[str]]
    hint: re.Pattern[str]  # a text without it holds no date
    future: re.Pattern[str]


def _raw() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml("eventledger.extract.fields", "date.yaml")
    return data


def _grammar(data: dict[str, Any]) -> dict[str, str]:
    months = data["months"]
    month_alt = "|".join(sorted(months, key=len, reverse=True))
    weekday_alt = "|".join(data["weekdays"])
    day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
    day2 = r"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<y>(?:19|20)\d\d)"
    year2 = r"(?P<y2>(?:19|20)\d\d)"
    month = rf"(?P<m>(?:{month_alt}))\.?"
    month2 = rf"(?P<m2>(?:{month_alt}))\.?"
    return {
        # "Saturday, December 26, 2020", "December 26, 2020", "Dec 26"
        "month_day": rf"(?:(?:{weekday_alt}),?\s+)?{month}\s+{day}(?:,?\s+{year})?(?![\d:])",
        # "26 December 2020", "11 October", "on the 11th of October"
        "day_month": rf"(?:(?:{weekday_alt}),?\s+)?(?:the\s+)?{day2}(?:\s+of)?\s+{month2}(?:,?\s+{year2})?",
        "iso": r"(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)",
        # US numeric dates, as in the bibliographies of English-language blogs: 12/24/20
        "numeric": r"(?P<nm>[01]?\d)/(?P<nd>[0-3]?\d)/(?P<ny>(?:19|20)?\d\d)(?!\d)",
        "month_year": rf"(?P<my_m>(?:{month_alt}))\.?,?\s+(?P<my_y>(?:19|20)\d\d)",
        "weekday": rf"(?P<wd>{weekday_alt})",
        # "in January of last year", "March this year": a month of a year told from publication
        "month_of_year": rf"(?P<ry_m>(?:{month_alt}))\.?,?\s+(?:of\s+)?(?P<ry>last|this|next)\s+year",
        "ago": r"(?:(?P<aq>nearly|almost|just under|less than|about|around|roughly|some|more than|over|just over)\s+)?"
        r"(?P<an>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<au>day|week|fortnight|month|year)s?\s+ago",
        "anchored": rf"(?P<anch>{phrase_pattern(list(data['anchored']))})",
        "relative": rf"(?P<rel>{phrase_pattern(list(data['relative']))})",
        "season": rf"(?P<sq>last|this|past)\s+(?P<sn>{'|'.join(data['seasons'])})",
        # a month name alone needs a preposition in front: "May" and "March" are also words
        "month": rf"(?:(?<=in )|(?<=since )|(?<=during )|(?<=early )|(?<=late )|(?<=mid-)|(?<=mid )|(?<=of )|(?<=until )|(?<=by )|(?<=last )|(?<=this )|(?<=the )|(?<=In ))(?P<mo>(?:{month_alt}))(?![\w-])",
        "year": r"(?:(?<=in )|(?<=In )|(?<=since )|(?<=during )|(?<=of ))(?P<yr>(?:19|20)\d\d)(?!\d)",
    }


def _capitalised(pattern: str, month_alt: str, weekdays: list[str]) -> str:
    """Accept month names capitalised or upper-case only; weekdays likewise."""
    names = month_alt.split("|")
    capital = "|".join(sorted({n.capitalize() for n in names} | {n.upper() for n in names}, key=len, reverse=True))
    pattern = pattern.replace(month_alt, capital)
    return pattern.replace("|".join(weekdays), "|".join(w.capitalize() for w in weekdays))


def _hint(data: dict[str, Any]) -> re.Pattern[str]:
    phrases = list(data["relative"]) + list(data["anchored"])
    words = set(data["months"]) | set(data["weekdays"]) | {w for phrase in phrases for w in phrase.split()}
    words |= set(data["seasons"])
    words -= {"the", "a", "this", "last", "next", "one", "earlier", "day", "week", "month", "year", "before", "after", "later"}
    alternation = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(r"\d|\b(?:" + alternation + r"|ago|later|earlier|previous|following|next|last|this)\b", re.I)


@cache
def _data() -> _DateData:
    data = _raw()
    month_alt = "|".join(sorted(data["months"], key=len, reverse=True))
    compiled = {}
    for name, pattern in _grammar(data).items():
        flags = re.IGNORECASE
        if name in ("month", "month_day", "day_month", "month_year", "month_of_year"):
            flags = re.NOFLAG  # month names must be capitalised ("may" is a verb)
            pattern = _capitalised(pattern, month_alt, list(data["weekdays"]))
        compiled[name] = re.compile(r"(?<![\w/-])(?:" + pattern + r")(?![\w/])", flags)
    return _DateData(
        months=dict(data["months"]),
        weekdays=dict(data["weekdays"]),
        relative=dict(data["relative"]),
        anchored=dict(data["anchored"]),
        seasons=dict(data["seasons"]),
        number_words=dict(data["number_words"]),
        ago_nudge_days=dict(data["ago_nudge_days"]),
        regexes=compiled,
        hint=_hint(data),
        future=re.compile(r"\b(?:" + phrase_pattern(data["future_markers"]) + r")\b", re.I),
    )


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    return compile_patterns(_raw()["patterns"])


def context_pattern(name: str) -> re.Pattern[str]:
    """A context pattern of ``data/date.yaml`` ("full_year", "compared", ...), compiled."""
    return _patterns()[name]


def month_names() -> tuple[str, ...]:
    """Every month name and abbreviation, lower-cased ("january", "jan", ...), in the data's order."""
    return tuple(_data().months)


def month_number(name: str) -> int:
    """The number of a month name or abbreviation, any case ("Oct" -> 10)."""
    return _data().months[name.lower()]


_TITLE_WEEKDAY = re.compile(r"\bThe\s$")
_CAPITALISED = re.compile(r"\s[A-Z][a-z]")

_ORDER = ("month_day", "day_month", "iso", "numeric", "month_year", "month_of_year", "ago", "anchored", "season", "relative", "weekday", "month", "year")


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in ``text``, longest first where they overlap, in text order."""
    data = _data()
    if not data.hint.search(text):
        return []  # no digit, month, weekday or relative word: no date to look for
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for name in _ORDER:
        for match in data.regexes[name].finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            if name == "numeric" and "/" in text[max(0, start - 1):start]:
                continue
            if name == "weekday" and _TITLE_WEEKDAY.search(text[max(0, start - 4):start]) and _CAPITALISED.match(text[end:]):
                continue  # "told The Sunday Express": a newspaper's name, not a day
            if text[end - 1] == "." and len(re.findall(r"[A-Za-z]+", text[start:end])[-1]) > 4:
                end -= 1  # a full stop after a full month name ends the sentence
            taken.append((start, end))
            found.append(DateMention(start, end, text[start:end]))
    found.sort(key=lambda m: m.start)
    return found


def period_clause(text: str, mention: DateMention) -> tuple[int, int] | None:
    """The clause that makes a date of ``text`` the start or end of a period, if one does.

    In "the deadliest attack since a coup in 2021" the date is the coup's and the period's
    start, not the attack's: only an event told inside the clause ("since Khan's detention on
    Tuesday") may take it. Offsets are within ``text``; the clause runs to the next comma.
    """
    opener = next(reversed(list(context_pattern("period_start").finditer(text[:mention.start]))), None)
    if opener is None or context_pattern("clause_break").search(text[opener.end():mention.start]):
        return None
    closing = re.search(r"[,;:]", text[mention.end:])
    return opener.start(), mention.end + closing.start() if closing else len(text)


def restated(text: str, mention: DateMention, following: DateMention) -> bool:
    """Whether ``following`` restates ``mention`` in a bracket right after it ("this morning (April 11)")."""
    return bool(re.fullmatch(r"\s*\(\s*", text[mention.end:following.start]))


def converts_clock(text: str, mention: DateMention) -> bool:
    """Whether a date stands in a bracket that gives another clock's time ("(2300 GMT on Thursday)")."""
    opened = text.rfind("(", 0, mention.start)
    if opened < 0 or ")" in text[opened:mention.start]:
        return False
    closed = text.find(")", mention.end)
    inside = text[opened:closed if closed >= 0 else len(text)]
    return bool(context_pattern("clock_conversion").search(inside))


def comparison_scope(text: str, mention: DateMention) -> bool:
    """Whether "this year" (month, week) is the scope of a superlative ("the largest march in the
    country this year", "the deadliest attack so far this month"), not when the event happened."""
    if not context_pattern("scoped_periods").match(mention.expression.strip()):
        return False
    return bool(context_pattern("superlative_scope").search(text[max(0, mention.start - 120):mention.start]))


def is_caption(sentence: str, *, alone: bool = True) -> bool:
    """Whether a sentence is a picture's caption: a credit closes it, it presents a file picture,
    or (standing alone on its line, ``alone``) it tells a scene in the present tense with a date."""
    if context_pattern("caption_credit").search(sentence) or context_pattern("caption_file").search(sentence):
        return True
    return alone and bool(context_pattern("caption_scene").search(sentence)) and bool(find_dates(sentence))


def counts_back(text: str, mention: DateMention) -> bool:
    """Whether an interval told from an anchor ("two days after", "a day before") compares the
    event told before it with another after it ("The raid came two days after gunmen burned the
    trucks"), so that it counts from the event told to the other one, the other way round."""
    expression = mention.expression.lower().split()
    if not expression or expression[-1] not in ("after", "before") or mention.expression.lower().strip() not in _data().anchored:
        return False
    if context_pattern("compared_verb").search(text[:mention.start]):
        return True
    # "students mourned on Wednesday, a day after the government ordered ...": the sentence has
    # told its own day before the interval, which then names the other event's distance from it
    # ("A day after the march, rebels attacked" opens its sentence and dates what follows)
    told_before = any(bare_weekday(m.expression) is not None or _data().regexes["month_day"].search(m.expression)
                      or _data().regexes["day_month"].search(m.expression) for m in find_dates(text[:mention.start]))
    return told_before and bool(re.match(r"\s+[\w“\"]", text[mention.end:]))


def days_before(prefix: str) -> int | None:
    """Days between an event named right after ``prefix`` and the day its sentence tells.

    ``prefix`` is the text before the event's trigger: "Arriving 24 hours after a " gives 1,
    "two days after the " gives 2, "hours after the " gives 0; anything else None.
    """
    match = context_pattern("interval_before").search(prefix)
    if match is None:
        return None
    amount = (match.group("n") or "").lower()
    count = int(amount) if amount.isdigit() else _data().number_words.get(amount)
    if match.group("unit").lower().startswith("hour"):
        return round(count / 24) if count else 0
    return count


def bare_weekday(expression: str) -> int | None:
    """The weekday (Monday 0) a mention names when it names nothing more ("on Tuesday", "Wednesday evening")."""
    data = _data()
    text = expression.strip()
    for name in _ORDER:
        if data.regexes[name].search(text):
            if name != "weekday":
                return None
            match = data.regexes["weekday"].search(text)
            return data.weekdays[match.group("wd").lower()] if match else None
    return None


def named_day(expression: str) -> str | None:
    """What names the one day an expression tells, whether or not it can be resolved: its weekday
    ("on Saturday evening": ``weekday:5``) or its month and day ("October 12": ``day:10-12``).
    None for anything else (a week, a month, a relative day)."""
    data = _data()
    text = expression.strip()
    for name in ("month_day", "day_month"):
        match = data.regexes[name].search(text)
        if match is not None:
            month, day = (match.group("m"), match.group("d")) if name == "month_day" else (match.group("m2"), match.group("d2"))
            return f"day:{data.months[month.lower().rstrip('.')]}-{int(day)}"
    weekday = bare_weekday(text)
    return None if weekday is None else f"weekday:{weekday}"


def day_in_week(week: dt.date, weekday: int) -> ResolvedDate:
    """The given weekday of the week that ``week`` falls in (weeks start on Monday)."""
    return _day(week - dt.timedelta(days=week.weekday()) + dt.timedelta(days=weekday))


# A quoted passage: what a speaker said in their own words ("“We will not stop”").
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def unquoted(sentence: str) -> str:
    """The sentence with its quoted passages blanked out (offsets kept)."""
    return _QUOTED.sub(lambda m: " " * len(m.group()), sentence)


def is_future(sentence: str) -> bool:
    """Whether a sentence speaks of what is to come ("will meet on Tuesday").

    A speaker's own words in quotes do not make the narration around them future: "On Tuesday,
    students marched, chanting “we will not give up”" tells a past Tuesday.
    """
    return bool(_data().future.search(unquoted(sentence)))


def intended(sentence: str, mention: DateMention) -> bool:
    """Whether a date is told as when an intended act is to happen ("agreed to resign on
    Wednesday"): the day of that act, not of the agreement or the promise."""
    return bool(context_pattern("intended_act").search(unquoted(sentence)[:mention.start]))


def is_future_date(sentence: str, mention: DateMention) -> bool:
    """Whether a date of a sentence points forward: a future marker (outside quotes) before it
    ("will meet on Tuesday"), or after it in the same clause ("On Tuesday the envoy will
    arrive"). A marker inside a reported clause after the date is what was said, not when:
    "lashed out Wednesday at the drills and warned that the US will face a threat" tells a past
    Wednesday. A date told as when something is intended to happen ("agreed to resign on
    Wednesday", "plans to visit on Friday") points forward too.
    """
    text = unquoted(sentence)
    if intended(sentence, mention):
        return True
    for marker in _data().future.finditer(text):
        if marker.start() < mention.start:
            return True
        if not context_pattern("reported_clause").search(text[mention.end:marker.start()]):
            return True
    return False


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def _year_for(month: int, day: int, reference: dt.date, future: bool) -> int:
    """The year of a day-month with no year: the latest one not after the reference."""
    year = reference.year
    try:
        candidate = dt.date(year, month, min(day, 28) if month == 2 and day > 28 else day)
    except ValueError:
        return year
    if future:
        return year if candidate >= reference else year + 1
    return year if candidate <= reference else year - 1


def _day(value: dt.date) -> ResolvedDate:
    return ResolvedDate(value.isoformat(), "day")


def _valid_day(year: int, month: int, day: int) -> ResolvedDate:
    try:
        return _day(dt.date(year, month, day))
    except ValueError:
        return UNKNOWN


@dataclass(frozen=True)
class _Context:
    """What a relative expression is resolved against."""

    published: dt.date | None
    anchor: dt.date | None
    future: bool
    year_hint: int | None
    latest: dt.date | None = None  # the latest full date an undated article tells

    @property
    def reference(self) -> dt.date | None:
        return self.published or self.anchor

    def hinted_year(self, month: int, day: int) -> int | None:
        """The year of a day or month an undated article names without one: the year its full
        dates give, unless that puts the day half a year after the latest of them ("December 25"
        in a text whose latest full date is "January 18, 2019" is in 2018)."""
        year = self.year_hint
        if year is None or self.latest is None:
            return year
        try:
            candidate = dt.date(year, month, min(day, 28))
        except ValueError:
            return year
        return year - 1 if (candidate - self.latest).days > _HALF_YEAR_DAYS else year


Groups = dict[str, Any]
_HALF_YEAR_DAYS = 183


def _day_month(groups: Groups, context: _Context) -> ResolvedDate:
    month = _data().months[(groups.get("m") or groups.get("m2") or "").lower()]
    day = int(groups.get("d") or groups.get("d2") or 0)
    year_text = groups.get("y") or groups.get("y2")
    if year_text:
        return _valid_day(int(year_text), month, day)
    if context.reference is None:
        year = context.hinted_year(month, day)
        return _valid_day(year, month, day) if year else UNKNOWN
    return _valid_day(_year_for(month, day, context.reference, context.future), month, day)


def _iso(groups: Groups, context: _Context) -> ResolvedDate:
    return _valid_day(int(groups["iy"]), int(groups["im"]), int(groups["id"]))


def _numeric(groups: Groups, context: _Context) -> ResolvedDate:
    year = int(groups["ny"])
    year = year + 2000 if year < 100 else year
    return _valid_day(year, int(groups["nm"]), int(groups["nd"]))


def _month_year(groups: Groups, context: _Context) -> ResolvedDate:
    return ResolvedDate(f"{int(groups['my_y']):04d}-{_data().months[groups['my_m'].lower()]:02d}", "month")


def _month_of_year(groups: Groups, context: _Context) -> ResolvedDate:
    """"January of last year": the year counts from publication, unknown without it (an
    undated article's own full dates only bound when it appeared)."""
    if context.published is None:
        return UNKNOWN
    year = context.published.year + {"last": -1, "this": 0, "next": 1}[groups["ry"].lower()]
    return ResolvedDate(f"{year:04d}-{_data().months[groups['ry_m'].lower()]:02d}", "month")


def _year(groups: Groups, context: _Context) -> ResolvedDate:
    return ResolvedDate(groups["yr"], "year")


def _ago(groups: Groups, context: _Context) -> ResolvedDate:
    published = context.published
    if published is None:
        return UNKNOWN
    data = _data()
    amount = int(groups["an"]) if groups["an"].isdigit() else data.number_words[groups["an"].lower()]
    if groups["au"].lower() == "year":
        # "nearly a year ago", written on 24 December 2020, is early 2020, not 2019: the
        # year is the one the estimated day falls in, nudged by the qualifier
        qualifier = " ".join((groups.get("aq") or "").lower().split())
        nudge = data.ago_nudge_days.get(qualifier, 0)
        return ResolvedDate(f"{(published - dt.timedelta(days=round(365.25 * amount) - nudge)).year:04d}", "year")
    if groups["au"].lower() == "fortnight":
        return _offset(published, "week", -2 * amount)
    return _offset(published, groups["au"].lower(), -amount)


def _anchored(groups: Groups, context: _Context) -> ResolvedDate:
    shift = _data().anchored.get(" ".join(groups["anch"].lower().split()))
    if context.anchor is None or shift is None:
        return UNKNOWN
    if isinstance(shift, dict):  # "the next month": a month after the anchor's month
        return _offset(context.anchor, shift["unit"], shift["offset"])
    return _day(context.anchor + dt.timedelta(days=shift))


def _season(groups: Groups, context: _Context) -> ResolvedDate:
    published = context.published
    if published is None:
        return UNKNOWN
    _, last_month = _data().seasons[groups["sn"].lower()]
    if groups["sq"].lower() == "this":
        return ResolvedDate(f"{published.year:04d}", "year")
    year = published.year if published.month > last_month else published.year - 1
    return ResolvedDate(f"{year:04d}", "year")


def _relative(groups: Groups, context: _Context) -> ResolvedDate:
    rule = _data().relative[" ".join(groups["rel"].lower().split())]
    if context.published is None:
        return UNKNOWN
    return _offset(context.published, rule["unit"], rule["offset"])


def _weekday(groups: Groups, context: _Context) -> ResolvedDate:
    base = context.reference
    if base is None:
        return UNKNOWN
    weekday = _data().weekdays[groups["wd"].lower()]
    if context.future:
        delta = (weekday - base.weekday()) % 7 or 7
        return _day(base + dt.timedelta(days=delta))
    return _day(base - dt.timedelta(days=(base.weekday() - weekday) % 7))


def _month(groups: Groups, context: _Context) -> ResolvedDate:
    month = _data().months[groups["mo"].lower()]
    reference = context.reference
    if reference is None:
        year = context.hinted_year(month, 15)
        return ResolvedDate(f"{year:04d}-{month:02d}", "month") if year else UNKNOWN
    year = reference.year
    if context.future and month < reference.month:
        year += 1
    elif not context.future and month > reference.month:
        year -= 1
    return ResolvedDate(f"{year:04d}-{month:02d}", "month")


_RESOLVERS: dict[str, Callable[[Groups, _Context], ResolvedDate]] = {
    "month_day": _day_month,
    "day_month": _day_month,
    "iso": _iso,
    "numeric": _numeric,
    "month_year": _month_year,
    "month_of_year": _month_of_year,
    "ago": _ago,
    "anchored": _anchored,
    "season": _season,
    "relative": _relative,
    "weekday": _weekday,
    "month": _month,
    "year": _year,
}


def resolve_date(
    expression: str,
    published: dt.date | None,
    *,
    anchor: dt.date | None = None,
    future: bool = False,
    year_hint: int | None = None,
    latest: dt.date | None = None,
) -> ResolvedDate:
    """Resolve one date expression.

    ``published`` is the article's publication date (``None`` when unknown); ``anchor`` a date
    already resolved in the context ("a day after" counts from it; a weekday falls on or before
    it when there is no publication date); ``future`` resolves weekdays and months forward.
    ``year_hint``: the year the article's own full dates ("30 September 2020") give, used for a
    day or month without a year ("on 11 October") when there is neither publication date nor anchor;
    ``latest``: the latest full date such an article tells (see :meth:`_Context.hinted_year`).
    """
    data = _data()
    text = expression.strip().rstrip(".,")
    if text.lower() in data.months and text[:1].isupper():
        text = "in " + text  # a month found after its preposition ("In October") comes bare
    elif re.fullmatch(r"(?:19|20)\d\d", text):
        return ResolvedDate(text, "year")
    context = _Context(published, anchor, future, year_hint, latest)
    for name in _ORDER:
        match = data.regexes[name].search(text)
        if match is not None:
            return _RESOLVERS[name](match.groupdict(), context)
    return _dateparser_fallback(text, published)


def latest_full_date(expressions: list[str]) -> dt.date | None:
    """The latest day an undated article's own full dates name ("30 September 2020"), if any."""
    days = [day for e in expressions if (r := resolve_date(e, None)).precision == "day" and (day := r.as_date()) is not None]
    return max(days, default=None)


def year_hint(expressions: list[str]) -> int | None:
    """The year an undated article's own full dates give: the most frequent, the latest on a tie.

    Only expressions that carry their year ("30 September 2020", "2020-10-11") count, so the
    hint is read from the text, never invented.
    """
    years = [int(r.value[:4]) for e in expressions if (r := resolve_date(e, None)).value and r.precision in ("day", "month")]
    if not years:
        return None
    return max(set(years), key=lambda y: (years.count(y), y))


def _offset(published: dt.date, unit: str, offset: int) -> ResolvedDate:
    if unit == "day":
        return _day(published + dt.timedelta(days=offset))
    if unit == "week":
        return ResolvedDate((published + dt.timedelta(weeks=offset)).isoformat(), "week")
    if unit == "month":
        year, month = _shift_month(published.year, published.month, offset)
        return ResolvedDate(f"{year:04d}-{month:02d}", "month")
    return ResolvedDate(f"{published.year + offset:04d}", "year")


def _dateparser_fallback(text: str, published: dt.date | None) -> ResolvedDate:
    """Last resort for absolute forms the rules above do not know ("2020.10.11")."""
    if not re.search(r"\d", text):
        return UNKNOWN  # a relative phrase our rules do not know: do not let a parser guess
    import dateparser  # imported lazily: it is slow to load and rarely needed

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": True}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time())
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        return UNKNOWN
    return _day(parsed.date())


def precision_rank(precision: str) -> int:
    """Smaller is finer: day 0, week 1, month 2, year 3, unknown 4."""
    return ("day", "week", "month", "year", "unknown").index(precision)


def coarsen(resolved: ResolvedDate, precision: str) -> ResolvedDate:
    """The same date at a coarser precision (a background mention keeps only month or year)."""
    if resolved.value is None or precision_rank(precision) <= precision_rank(resolved.precision):
        return resolved
    if precision == "month":
        return ResolvedDate(resolved.value[:7], "month")
    if precision == "year":
        return ResolvedDate(resolved.value[:4], "year")
    return resolved
