"""Dating undated articles from the dated works they republish.

An article with no publication date cannot resolve "on Tuesday" or "last week", and its reports
stay undated. Often the collection says when it was written, though: the article republishes a
story that another stored article lists in its references with a date ("Middle East Eye,
11/24/20"), or that is itself stored with a date. When an undated article's headline matches such a
dated work closely, and the article cites that work's outlet (or the headlines are near
identical), the work's date becomes the article's *anchor*: its reports are extracted again with
relative dates resolved against it, and the extraction records where the anchor came from.

An anchor is evidence, not a guess: an article with no matching dated work stays undated. The
anchor is recomputed from everything stored on every run, so the result does not depend on the
order in which articles arrive.

This module only decides (pure functions over the stored models): which articles to extract
again against which date. The pipeline carries the orders out and stores the results.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from unidecode import unidecode

from eventledger.models import Article, ArticleExtraction, Event, Report

# Words that carry no topic: a headline match must rest on the others.
_STOP = frozenset(
    """a an the and or but of in on at to for from by with as is are was were be been it its this that
    these those no not after before over into until than then so if says said say tells told report
    reports reported exclusive new news update live analysis opinion""".split()
)
MIN_SHARED = 6  # content words two headlines must share
MIN_CONTAINMENT = 0.7  # ... as a share of the shorter headline, when the article cites the outlet
MIN_CONTAINMENT_UNCITED = 0.85  # ... when it does not


@dataclass(frozen=True)
class DatedWork:
    """A work the collection dates: a reference entry in some article, or a stored dated article."""

    title: str
    published: dt.date
    outlet_id: str | None
    source: str  # "<article id>: <outlet>, “<title>”" — shown as the anchor's provenance


@dataclass(frozen=True)
class Anchor:
    date: dt.date
    source: str
    score: float


@lru_cache(maxsize=65536)
def headline_words(title: str) -> frozenset[str]:
    """Content words of a headline, folded: accents, case, a plural or adjectival -s/-i ending."""
    words = re.findall(r"[a-z0-9]+", unidecode(title).lower())
    out = set()
    for word in words:
        if word in _STOP or len(word) < 2:
            continue
        if len(word) > 4 and word.endswith(("s", "i")):  # factions/faction, Iraqi/Iraq
            word = word[:-1]
        out.add(word)
    return frozenset(out)


def match_score(title: str, work: str) -> float:
    """Shared content words over the shorter headline's (0 when fewer than MIN_SHARED are shared)."""
    a, b = headline_words(title), headline_words(work)
    shared = len(a & b)
    if shared < MIN_SHARED:
        return 0.0
    return shared / min(len(a), len(b))


class WorkIndex:
    """Dated works indexed by their headlines' content words, so that a headline is compared only
    with the works that share enough words with it (not with every dated work stored)."""

    def __init__(self, works: Sequence[DatedWork]) -> None:
        self.works = list(works)
        self.postings: dict[str, list[int]] = defaultdict(list)
        for i, work in enumerate(self.works):
            for word in headline_words(work.title):
                self.postings[word].append(i)

    def candidates(self, title: str) -> list[DatedWork]:
        counts: Counter[int] = Counter()
        for word in headline_words(title):
            counts.update(self.postings.get(word, ()))
        return [self.works[i] for i, n in sorted(counts.items()) if n >= MIN_SHARED]


def best_anchor(
    title: str | None, cited_outlets: Iterable[str], works: Sequence[DatedWork] | WorkIndex, exclude: str | None = None
) -> Anchor | None:
    """The dated work an undated article with this headline republishes, if one matches well enough.

    ``exclude``: a source prefix whose works do not count (the article's own reference list).
    Ties go to the earliest date, then the source text, so the choice is deterministic.
    """
    if not title:
        return None
    index = works if isinstance(works, WorkIndex) else WorkIndex(works)
    cited = set(cited_outlets)
    best: Anchor | None = None
    for work in index.candidates(title):
        if exclude is not None and work.source.startswith(exclude):
            continue
        score = match_score(title, work.title)
        needed = MIN_CONTAINMENT if work.outlet_id and work.outlet_id in cited else MIN_CONTAINMENT_UNCITED
        if score < needed:
            continue
        candidate = Anchor(work.published, work.source, score)
        if best is None or (-candidate.score, candidate.date, candidate.source) < (-best.score, best.date, best.source):
            best = candidate
    return best


def dated_works(extractions: Iterable[ArticleExtraction], articles: Iterable[Mapping[str, Any]]) -> list[DatedWork]:
    """Every dated work the store knows: reference entries with a title and date, dated stored articles."""
    works = []
    for extraction in extractions:
        for c in extraction.citations:
            if c.title and c.published:
                works.append(DatedWork(c.title, c.published, c.outlet_id, f"{extraction.article_id}: {c.outlet or '?'}, “{c.title}”"))
    for row in articles:
        if row["title"] and row["published"] and not row["duplicate_of"]:
            works.append(DatedWork(row["title"], row["published"], None, f"{row['id']}: “{row['title']}”"))
    return works


def _headline(article: Article) -> str | None:
    """The article's title, or its first non-empty line when the reader found none."""
    if article.title:
        return article.title
    for line in article.text.splitlines():
        if line.strip():
            return line.strip()[:300]
    return None


@dataclass(frozen=True)
class Redating:
    """An order to extract one article again against a date (None: undated again).

    ``month_only``: the date is a lower bound on when the article appeared (an event anchor), so
    its relative dates keep only their month (:func:`month_only`).
    """

    article_id: str
    date: dt.date | None
    source: str | None
    month_only: bool = False


def undated_ids(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """Ids of stored originals with no publication date (``rows``: the store's article metadata)."""
    return [r["id"] for r in rows if r["published"] is None and not r["duplicate_of"]]


def work_redatings(
    rows: Sequence[Mapping[str, Any]],
    extractions: Mapping[str, ArticleExtraction],
    article: Callable[[str], Article],
) -> list[Redating]:
    """Undated articles whose best dated work changed since their last extraction.

    ``rows``: the store's article metadata with titles; ``extractions``: every stored extraction
    by article id; ``article``: reads one stored article (only for a headline when it has no
    title). An article whose stored anchor is already the best one is left out, so a run with
    nothing new re-extracts nothing; one whose dated work is gone goes back to undated.
    """
    undated = undated_ids(rows)
    if not undated:
        return []
    works = dated_works(extractions.values(), rows)
    if not works:
        return []
    index = WorkIndex(works)
    titles = {r["id"]: r["title"] for r in rows}
    todo: list[Redating] = []
    for article_id in undated:
        extraction = extractions.get(article_id)
        if extraction is None:  # not extracted yet (or failed): the next extraction will see it
            continue
        headline = titles.get(article_id) or _headline(article(article_id))
        cited = {c.outlet_id for c in extraction.citations if c.outlet_id}
        anchor = best_anchor(headline, cited, index, exclude=f"{article_id}:")
        if anchor is None:
            if extraction.anchor_date is not None and not (extraction.anchor_source or "").startswith(EVENT_ANCHOR):
                todo.append(Redating(article_id, None, None))  # its dated work is gone: back to undated
            continue
        if (extraction.anchor_date, extraction.anchor_source) != (anchor.date, anchor.source):
            todo.append(Redating(article_id, anchor.date, anchor.source))
    return todo


def redated(extraction: ArticleExtraction, order: Redating) -> ArticleExtraction:
    """An extraction made against ``order.date`` with the anchor recorded (and kept to the month
    when the order says so); an undated order leaves the extraction as it is."""
    if order.date is None:
        return extraction
    extraction = dataclasses.replace(extraction, anchor_date=order.date, anchor_source=order.source)
    return month_only(extraction, order.date) if order.month_only else extraction


# --- dating by the events an article reports -------------------------------------------------

EVENT_ANCHOR = "event "  # anchor_source prefix of an anchor found from linked events
_EXPLICIT_DAY = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I
)


def event_anchor(
    article_id: str, events: Iterable[Event], reports: Mapping[str, Report], dated_articles: set[str]
) -> tuple[dt.date, str] | None:
    """The day of the latest current event an undated article shares with dated articles.

    ``events``: the events holding the article's reports (others are skipped). Only other dated
    articles' day-precision reports date an event here (the article's own reports are what is
    being dated); the article appeared on or after the latest such day.
    """
    best: tuple[dt.date, str] | None = None
    # the days of its violence: a political report tells of days to come as well ("agreed to
    # resign on Wednesday" beside a riot of Saturday says nothing of the riot's day)
    current = [r for r in reports.values() if r.article_id == article_id and not r.historical and r.kind in _VIOLENT]
    for event in events:
        own = [reports[r] for r in event.report_ids if r in reports and reports[r].article_id == article_id]
        if not own or all(r.historical for r in own):
            continue
        days = sorted(
            told
            for r in event.report_ids
            if r in reports
            and reports[r].article_id != article_id
            and reports[r].article_id in dated_articles
            and reports[r].date_precision == "day"
            and (told := reports[r].date)
        )
        if not days:
            continue
        day = dt.date.fromisoformat(days[0])
        if not _weekday_agrees(current, day):
            continue
        source = f"{EVENT_ANCHOR}{event.id}: reports the event of {day.isoformat()} that dated articles tell"
        if best is None or (day, source) > best:
            best = (day, source)
    return best


_VIOLENT = ("attack", "riot", "protest")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.I)


def _weekday_agrees(own: Sequence[Report], day: dt.date) -> bool:
    """Whether what an article tells of its current events allows the day dated articles give one.

    "A car bomb killed two officers on Monday" cannot be the event of a Wednesday: when the
    article's current reports name weekdays and none is the day's, the event it joined is another
    one (a like attack in the same city, years apart) and does not date the article.
    """
    named = {_WEEKDAYS.index(m.lower()) for r in own for m in _WEEKDAY.findall(r.text)}
    return not named or day.weekday() in named


# How many days before an event anchor a bare weekday keeps its day: an article that tells the
# anchor's event as news appeared within a couple of days of it, and a weekday counted back this
# far from the anchor is the same day counted back from any of those (a weekday further back may
# be the day after the anchor, the article's own: "on Monday" in a paper of the Monday after)
WEEKDAY_REACH_DAYS = 4
_TOLD_WEEKDAY = re.compile(
    r"(?:on\s+)?(?:" + "|".join(_WEEKDAYS) + r")(?:\s+(?:morning|afternoon|evening|night))?", re.I
)


def month_only(extraction: ArticleExtraction, anchor: dt.date | None = None) -> ArticleExtraction:
    """Reports dated against an event anchor keep a day only where the text names it ("11 October"),
    where it is the anchor's own day, or where a bare weekday tells it in the days before the anchor.

    The anchor is a lower bound on when the article appeared, so "last week" can only say which
    month: its day would be a guess. A day told that falls on the anchor itself ("on Monday", the
    anchor being the Monday dated articles give the shared event) is what the dated articles say
    of it, not a guess; nor is "on Saturday" told beside the Sunday's news: the article appeared
    within days of the anchor, and its weekdays of the week before name one day
    (``WEEKDAY_REACH_DAYS``). A weekday further back, or after the anchor, keeps its month.
    """
    reports = []
    for report in extraction.reports:
        evidence = " ".join(s.text for s in report.evidence.get("date", ())) if report.evidence else ""
        if anchor is not None and report.date_precision == "day" and report.date == anchor.isoformat():
            reports.append(report)
            continue
        if anchor is not None and report.date and report.date_precision == "day" and _TOLD_WEEKDAY.fullmatch(evidence.strip()):
            if 0 <= (anchor - dt.date.fromisoformat(report.date[:10])).days <= WEEKDAY_REACH_DAYS:
                reports.append(report)
                continue
        if report.date and report.date_precision in ("day", "week") and not _EXPLICIT_DAY.search(evidence):
            report = dataclasses.replace(report, date=report.date[:7], date_precision="month")
        reports.append(report)
    return dataclasses.replace(extraction, reports=tuple(reports))


def event_redatings(
    rows: Sequence[Mapping[str, Any]],
    extractions: Mapping[str, ArticleExtraction],
    reports: Callable[[], Sequence[Report]],
    events: Callable[[], Sequence[Event]],
) -> list[Redating]:
    """Undated articles that no dated work dates, dated by the dated events they report.

    Run after linking: an article whose reports joined events that dated articles tell appeared
    on or after the latest of those days; its relative dates are resolved against that day and
    kept to the month (:func:`month_only`). ``reports`` and ``events`` read the store's (called
    only when some article needs them). Articles whose anchor is already in place are left out.
    """
    undated = set(undated_ids(rows))
    if not undated:
        return []
    mine = {a: x for a, x in extractions.items() if a in undated}
    # articles whose date is known: published, or anchored on a dated work
    dated_articles = {r["id"] for r in rows if r["published"] is not None} | {
        a for a, x in mine.items() if x.anchor_date is not None and not (x.anchor_source or "").startswith(EVENT_ANCHOR)
    }
    candidates = [a for a in mine if a not in dated_articles]
    if not candidates:
        return []
    by_id = {r.id: r for r in reports()}
    wanted = set(candidates)
    events_of: dict[str, list[Event]] = defaultdict(list)
    for event in events():
        for article_id in {by_id[r].article_id for r in event.report_ids if r in by_id} & wanted:
            events_of[article_id].append(event)
    todo: list[Redating] = []
    for article_id in sorted(candidates):
        found = event_anchor(article_id, events_of.get(article_id, ()), by_id, dated_articles)
        extraction = mine[article_id]
        if found is None or (extraction.anchor_date, extraction.anchor_source) == found:
            continue
        todo.append(Redating(article_id, found[0], found[1], month_only=True))
    return todo
