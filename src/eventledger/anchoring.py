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
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from unidecode import unidecode

from eventledger.models import Article, ArticleExtraction, Failure

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


def dated_works(extractions: Iterable[ArticleExtraction], articles: Iterable[dict]) -> list[DatedWork]:  # type: ignore[type-arg]
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


def anchor_undated(store, settings) -> int:  # type: ignore[no-untyped-def]
    """Give undated articles the date of the dated work they republish and extract them again.

    Returns how many articles were re-extracted. An article whose stored anchor is already the
    best one is left alone, so a run with nothing new does no extraction.
    """
    rows = store.article_metadata(title=True)
    undated = [r["id"] for r in rows if r["published"] is None and not r["duplicate_of"]]
    if not undated:
        return 0
    extractions = {x.article_id: x for x in store.iter_extractions()}
    works = dated_works(extractions.values(), rows)
    if not works:
        return 0
    index = WorkIndex(works)
    titles = {r["id"]: r["title"] for r in rows}
    todo: list[tuple[Article, Anchor]] = []
    for article_id in undated:
        extraction = extractions.get(article_id)
        if extraction is None:  # not extracted yet (or failed): the next extraction will see it
            continue
        article = None if titles.get(article_id) else store.get_article(article_id)  # text only for a first line
        headline = titles.get(article_id) or (_headline(article) if article is not None else None)
        cited = {c.outlet_id for c in extraction.citations if c.outlet_id}
        anchor = best_anchor(headline, cited, index, exclude=f"{article_id}:")
        if anchor is None:
            if extraction.anchor_date is not None and not (extraction.anchor_source or "").startswith(EVENT_ANCHOR):
                anchor = Anchor(dt.date.min, "", 0.0)  # its dated work is gone: back to undated (no source)
            else:
                continue
        elif (extraction.anchor_date, extraction.anchor_source) == (anchor.date, anchor.source):
            continue
        todo.append((article or store.get_article(article_id), anchor))
    done = _extract_again(store, settings, [(a, x.date, x.source) if x.source else (a, None, None) for a, x in todo])
    if done and store.count_events():
        # the re-extracted reports keep their ids but not their dates: the next link recomputes
        # every event (rare: only when an undated article's anchor changes)
        store.save_events([], replace_all=True)
    return done


def _extract_again(
    store, settings, todo: Sequence[tuple[Article, dt.date | None, str | None]], *, month_only: bool = False  # type: ignore[no-untyped-def]
) -> int:
    """Extract articles again against their anchor (None: undated again) and save the result.

    ``month_only``: the anchor is a lower bound, so relative dates keep only their month.
    Returns how many were extracted; failures are recorded, as any extraction's are.
    """
    from eventledger.engine import run_extraction

    if not todo:
        return 0
    anchors = {article.id: (day, source) for article, day, source in todo}
    articles = [dataclasses.replace(article, published=day) if day else article for article, day, _ in todo]
    done: list[ArticleExtraction] = []
    failures: list[Failure] = []
    for item in run_extraction(articles, settings, count=len(articles)):
        if isinstance(item, Failure):
            failures.append(item)
            continue
        day, source = anchors[item.article_id]
        if day is not None:
            item = dataclasses.replace(item, anchor_date=day, anchor_source=source)
            item = _month_only(item) if month_only else item
        done.append(item)
    store.save_extractions(done)
    store.add_failures(failures)
    return len(done)


# --- dating by the events an article reports -------------------------------------------------

EVENT_ANCHOR = "event "  # anchor_source prefix of an anchor found from linked events
_EXPLICIT_DAY = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I
)


def event_anchor(
    article_id: str, events: Iterable, reports: dict, dated_articles: set[str]  # type: ignore[type-arg]
) -> tuple[dt.date, str] | None:
    """The day of the latest current event an undated article shares with dated articles.

    ``events``: the events holding the article's reports (others are skipped). Only other dated
    articles' day-precision reports date an event here (the article's own reports are what is
    being dated); the article appeared on or after the latest such day.
    """
    best: tuple[dt.date, str] | None = None
    for event in events:
        own = [reports[r] for r in event.report_ids if r in reports and reports[r].article_id == article_id]
        if not own or all(r.historical for r in own):
            continue
        days = sorted(
            reports[r].date
            for r in event.report_ids
            if r in reports
            and reports[r].article_id != article_id
            and reports[r].article_id in dated_articles
            and reports[r].date_precision == "day"
            and reports[r].date
        )
        if not days:
            continue
        day = dt.date.fromisoformat(days[0])
        source = f"{EVENT_ANCHOR}{event.id}: reports the event of {day.isoformat()} that dated articles tell"
        if best is None or (day, source) > best:
            best = (day, source)
    return best


def _month_only(extraction: ArticleExtraction) -> ArticleExtraction:
    """Reports dated against an event anchor keep a day only where the text names it ("11 October").

    The anchor is a lower bound on when the article appeared, so "on Wednesday" or "last week"
    can only say which month: their day would be a guess.
    """
    reports = []
    for report in extraction.reports:
        evidence = " ".join(s.text for s in report.evidence.get("date", ())) if report.evidence else ""
        if report.date and report.date_precision in ("day", "week") and not _EXPLICIT_DAY.search(evidence):
            report = dataclasses.replace(report, date=report.date[:7], date_precision="month")
        reports.append(report)
    return dataclasses.replace(extraction, reports=tuple(reports))


def anchor_by_events(store, settings) -> int:  # type: ignore[no-untyped-def]
    """Date undated articles that no dated work dates by the dated events they report; re-extract them.

    Run after linking: an article whose reports joined events that dated articles tell
    appeared on or after the latest of those days. Its relative dates are resolved against
    that day and kept to the month (see :func:`_month_only`). Returns how many articles were
    extracted again (0 when every anchor is already in place).
    """
    rows = store.article_metadata(title=True)
    undated = {r["id"] for r in rows if r["published"] is None and not r["duplicate_of"]}
    if not undated:
        return 0
    extractions = {x.article_id: x for x in store.iter_extractions() if x.article_id in undated}
    # articles whose date is known: published, or anchored on a dated work
    dated_articles = {r["id"] for r in rows if r["published"] is not None} | {
        a for a, x in extractions.items() if x.anchor_date is not None and not (x.anchor_source or "").startswith(EVENT_ANCHOR)
    }
    candidates = [a for a, x in extractions.items() if a not in dated_articles]
    if not candidates:
        return 0
    reports = {r.id: r for r in store.list_reports()}
    wanted = set(candidates)
    events_of: dict[str, list] = defaultdict(list)  # type: ignore[type-arg]
    for event in store.list_events(limit=None):
        for article_id in {reports[r].article_id for r in event.report_ids if r in reports} & wanted:
            events_of[article_id].append(event)
    todo: list[tuple[Article, dt.date | None, str | None]] = []
    for article_id in sorted(candidates):
        found = event_anchor(article_id, events_of.get(article_id, ()), reports, dated_articles)
        extraction = extractions[article_id]
        if found is None or (extraction.anchor_date, extraction.anchor_source) == found:
            continue
        todo.append((store.get_article(article_id), *found))
    return _extract_again(store, settings, todo, month_only=True)
