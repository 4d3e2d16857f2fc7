"""Server-rendered pages: overview, events, event, story, actor, article, failures.

Handlers gather records and hand them to templates as plain values; the only pre-built HTML
comes from :mod:`eventledger.web.render`, which escapes every article-supplied string itself.
"""

from __future__ import annotations

import math
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from eventledger.analyze import queries
from eventledger.analyze.compare import COMPARABLE_KINDS, compare_event
from eventledger.errors import NotFoundError, SettingsError
from eventledger.kb import load_actors
from eventledger.models import KINDS, Article, ArticleExtraction, Event, Report
from eventledger.store import EventFilter, Store
from eventledger.web import render
from eventledger.web.knowledge import actor_profile, names_of
from eventledger.web.params import Sort, event_filter, filter_params, store_of
from eventledger.web.render import Highlight
from eventledger.web.templating import render_page
from eventledger.web.views import resolve_actor, timeline_data

router = APIRouter(include_in_schema=False)
StoreDep = Annotated[Store, Depends(store_of)]
FilterDep = Annotated[EventFilter, Depends(event_filter)]
PAGE_SIZE = 50
COUNT_CAP = 10_000  # the events list counts its matches up to this ("10,000+" beyond)
# ACLED's event types: a fixed list, like the kinds (no index to read the choices from)
EVENT_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)
PageNumber = Annotated[int, Query(ge=1, le=200_000)]

# The fields of an event shown on its page, with how to read the merged value.
EVENT_FIELDS = (
    ("kind", "Kind"),
    ("event_type", "Event type"),
    ("sub_event_type", "Sub-event type"),
    ("date", "Date"),
    ("place", "Place"),
    ("admin2", "District"),
    ("admin1", "Governorate"),
    ("country", "Country"),
    ("killed", "Killed"),
    ("wounded", "Wounded"),
    ("weapon", "Weapon"),
    ("target", "Target"),
    ("actors", "Actors"),
)


def _range(low: int | None, best: int | None, high: int | None) -> str | None:
    if best is None and low is None and high is None:
        return None
    text = str(best if best is not None else low)
    if low is not None and high is not None and (low, high) != (best, best) and high != low:
        text += f" ({low}–{high})"
    return text


def event_value(event: Event, name: str, names: dict[str, str]) -> str | None:
    """The merged value of one field of an event, as display text."""
    if name == "killed":
        return _range(event.killed_low, event.killed_best, event.killed_high)
    if name == "wounded":
        return _range(event.wounded_low, event.wounded_best, event.wounded_high)
    if name == "date":
        return f"{event.date} ({event.date_precision})" if event.date else None
    if name == "actors":
        return ", ".join(render.actor_label(a, names, event.country) for a in event.actors) or None
    value = getattr(event, name)  # a field of Event named in EVENT_FIELDS
    return None if value in (None, "") else str(value)


def report_highlights(report: Report) -> list[Highlight]:
    """One highlight per evidence span of a report, labelled with its field."""
    return [
        Highlight(span.start, span.end, field, f"{field}: {span.text}" if span.text else field)
        for field, spans in report.evidence.items()
        for span in spans
    ]


def report_excerpt(report: Report, article: Article | None) -> Any:
    """The sentences a report comes from with its evidence marked (from the article when stored)."""
    marks = report_highlights(report)
    if article is None:
        return render.highlight(report.text, [])
    starts = [h.start for h in marks] + ([report.span.start] if report.span else [])
    ends = [h.end for h in marks] + ([report.span.end] if report.span else [])
    if not starts:
        return render.highlight(report.text or "", [])
    lo, hi = render.window(article.text, min(starts), max(ends), pad=80)
    return render.excerpt(article.text, marks, lo, hi)


# Evidence keys that support each event field (actors are evidenced by their roles).
EVIDENCE_KEYS = {
    "actors": ("actors", "perpetrator", "target", "claimed_by", "denied_by", "participant"),
    "place": ("place", "location"),
    "admin1": ("admin1",),
}


def field_evidence(reports: list[Report], name: str, outlet_of: dict[str, str]) -> list[dict[str, Any]]:
    """Per report, the words of its text that support field ``name`` (for the event page's fields table)."""
    keys = EVIDENCE_KEYS.get(name, (name,))
    found = []
    for report in reports:
        quotes = [span.text for key in keys for span in report.evidence.get(key, ()) if span.text]
        if quotes:
            found.append({"report_id": report.id, "outlet": outlet_of.get(report.id, ""), "quotes": list(dict.fromkeys(quotes))})
    return found


def article_highlights(extraction: ArticleExtraction | None) -> list[Highlight]:
    """Everything extraction marked in an article: mentions, report evidence, citations, totals."""
    if extraction is None:
        return []
    marks = [Highlight(m.span.start, m.span.end, m.kind, f"{m.kind}: {m.entity_id or m.text}") for m in extraction.mentions]
    for report in extraction.reports:
        marks += report_highlights(report)
    marks += [Highlight(c.span.start, c.span.end, "citation", f"cites {c.outlet or c.speaker or ''}") for c in extraction.citations]
    marks += [Highlight(t.span.start, t.span.end, "total", f"total {t.period}: {t.count}") for t in extraction.totals]
    return marks


def _pages(total: int, page: int, size: int = PAGE_SIZE, *, exact: bool = True) -> dict[str, Any]:
    """The pager of a list. A total that is not ``exact`` is a lower bound ("10,000+"): the pager
    says so and keeps a next page."""
    pages = max(1, math.ceil(total / size))
    return {"page": page, "pages": pages if exact else max(pages, page), "total": total, "size": size, "more": not exact}


def _names_for(store: Store, events: list[Event]) -> dict[str, str]:
    return names_of(store, [a for e in events for a in e.actors][:200])



@router.get("/", response_class=HTMLResponse)
def overview(request: Request, store: StoreDep) -> HTMLResponse:
    attacks = queries.overview(store, EventFilter(kind="attack"))
    actors = store.top_actors(None, limit=10)
    names = names_of(store, [a["actor_id"] for a in actors])
    latest = store.list_events_indexed(None, sort="-date", limit=10, field_values=False)
    names.update(_names_for(store, latest))
    bars = [(render.actor_label(a["actor_id"], names), "/actors/" + quote(a["actor_id"], safe=""), a["events"]) for a in actors]
    return render_page(
        request,
        "overview.html",
        stats=store.stats(),
        totals=attacks["totals"],
        chart=render.stacked_bars(attacks["monthly"], title="Attacks per month by sub-event type"),
        actors_chart=render.hbars(bars),
        latest=latest,
        names=names,
        tile_url=request.app.state.tile_url or "",
    )


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, store: StoreDep, filters: FilterDep, sort: Sort = "-date", page: PageNumber = 1) -> HTMLResponse:
    filters = resolve_actor(store, filters)  # the actor field takes a name
    total, exact = store.count_events_capped(filters, COUNT_CAP)
    rows = store.list_events_indexed(
        filters, sort=sort, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, field_values=False
    )  # the list shows no per-report evidence
    params = filter_params(filters)
    actors = store.top_actors(None, limit=100)  # suggestions for the actor field
    names = names_of(store, [a["actor_id"] for a in actors] + [a for e in rows for a in e.actors][:200] + ([filters.actor] if filters.actor else []))
    return render_page(
        request,
        "events.html",
        events=rows,
        names=names,
        filters=filters,
        params=params,
        sort=sort,
        pager=_pages(total, page, exact=exact),
        choices={
            "kind": list(KINDS),  # a fixed list: "kind" has no index of its own to read choices from
            "event_type": sorted(EVENT_TYPES),
            "actors": actors,
            "sub_event_type": store.distinct_values("sub_event_type"),
            "admin1": store.distinct_values("admin1"),
        },
        sorts=["-date", "date", "-killed", "killed", "-n_reports", "n_reports", "admin1", "-admin1"],
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, store: StoreDep, event_id: str) -> Response:
    current = store.resolve_event_id(event_id)
    if current is not None and current != event_id:  # an id retired by a merge: its event now
        return RedirectResponse(f"/events/{quote(current, safe='')}", status_code=301)
    if current is None and (history := store.event_history(event_id)):
        dismissed = any(e.action == "dismiss" and e.status == "applied" for e in history)
        return render_page(request, "event_gone.html", status_code=410, event_id=event_id, history=history,
                           dismissed=dismissed)
    event = store.get_event(event_id)
    reports = store.list_reports(ids=list(event.report_ids))
    infos = store.articles_by_id([r.article_id for r in reports])
    articles: dict[str, Article] = {}
    for article_id in infos:
        articles[article_id] = store.get_article(article_id)
    names = names_of(store, list(event.actors))
    for report in reports:
        for role in report.actors:
            names.setdefault(role.actor_id, role.name)
    cards = [
        {
            "report": r,
            "article": infos.get(r.article_id),
            "excerpt": report_excerpt(r, articles.get(r.article_id)),
            "event_of": None,
        }
        for r in reports
    ]
    # an article with no outlet is a source of its own: never one "unknown outlet" for all of them
    outlet_of = {
        r.id: (infos.get(r.article_id) or {}).get("outlet") or f"no outlet · {r.article_id[:8]}" for r in reports
    }
    fields = []
    for name, label in EVENT_FIELDS:
        values = event.fields.get(name) or event.fields.get(f"{name}_best") or ()
        fields.append(
            {
                "name": name,
                "label": label,
                "value": event_value(event, name, names),
                "values": values,
                "conflict": name in event.conflicts,
                "evidence": field_evidence(reports, name, outlet_of),
            }
        )
    graph = render.citation_graph(
        event.place or event.admin1 or event.id,
        [(outlet_of[r.id], f"/articles/{r.article_id}", r.cites) for r in reports],
    )
    return render_page(
        request,
        "event.html",
        event=event,
        fields=fields,
        cards=cards,
        names=names,
        outlet_of=outlet_of,
        graph=graph,
        history=store.event_history(event.id, event.report_ids),
        comparable=event.kind in COMPARABLE_KINDS,
    )


@router.get("/events/{event_id}/compare", response_class=HTMLResponse)
def event_compare(request: Request, store: StoreDep, event_id: str) -> Response:
    """The attacks by month around an order, ceasefire, agreement or meeting: a page of its own,
    counted when asked for (it reads every attack of seven months, which the event page would pay
    on every view)."""
    current = store.resolve_event_id(event_id)
    if current is not None and current != event_id:
        return RedirectResponse(f"/events/{quote(current, safe='')}/compare", status_code=301)
    event = store.get_event(event_id)
    if event.kind not in COMPARABLE_KINDS:
        raise NotFoundError(f"event {event_id!r} is a {event.kind}: only orders, ceasefires, agreements and meetings "
                            "have attacks before and after")
    return render_page(request, "compare.html", event=event, compared=_compared(store, event))


def _compared(store: Store, event: Event) -> dict[str, Any] | None:
    """The attacks by month around an order, ceasefire, agreement or meeting (None for other
    kinds and for an event not dated to the month)."""
    if event.kind not in COMPARABLE_KINDS:
        return None
    try:
        return compare_event(store, event.id, load_actors())
    except SettingsError:
        return None


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, store: StoreDep, page: PageNumber = 1) -> HTMLResponse:
    everything = store.list_stories()
    rows = everything[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    return render_page(request, "stories.html", stories=rows, pager=_pages(len(everything), page), params={})


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, store: StoreDep, story_id: str) -> HTMLResponse:
    story = store.get_story(story_id)
    rows = store.list_events(EventFilter(story_id=story_id), sort="date", limit=500)
    known = {e.id for e in rows}
    rows += [store.get_event(i) for i in story.event_ids if i not in known][:100]
    articles = store.articles_by_id(list(story.article_ids))
    return render_page(
        request,
        "story.html",
        story=story,
        events=rows,
        names=_names_for(store, rows),
        articles=[articles[a] for a in story.article_ids if a in articles],
        timeline=timeline_data(store, EventFilter(story_id=story_id)),
    )


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, store: StoreDep, page: PageNumber = 1) -> HTMLResponse:
    rows = store.top_actors(None, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    names = names_of(store, [r["actor_id"] for r in rows])
    return render_page(
        request, "actors.html", actors=rows, names=names, pager=_pages(store.count_actors(), page), params={}
    )


@router.get("/actors/{actor_id:path}", response_class=HTMLResponse)
def actor_page(request: Request, store: StoreDep, actor_id: str, page: PageNumber = 1) -> HTMLResponse:
    filters = EventFilter(actor=actor_id)
    total = store.count_events_indexed(filters)
    profile = actor_profile(actor_id)
    if not total and profile is None:
        raise NotFoundError(f"no actor with id {actor_id!r} in any event or in the knowledge base")
    rows = store.list_events_indexed(
        filters, sort="-date", limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, field_values=False
    )
    partners = store.co_actors(actor_id)
    names = names_of(store, [actor_id] + [p["actor_id"] for p in partners] + list((profile or {}).get("affiliations", ())))
    names.update(_names_for(store, rows))
    return render_page(
        request,
        "actor.html",
        actor_id=actor_id,
        name=render.actor_label(actor_id, names) if actor_id in names or not profile else profile.get("name", actor_id),
        profile=profile,
        events=rows,
        names=names,
        partners=partners,
        pager=_pages(total, page),
        params={},
    )


@router.get("/articles", response_class=HTMLResponse)
def articles(
    request: Request,
    store: StoreDep,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    text: Annotated[str | None, Query(max_length=200)] = None,
    page: PageNumber = 1,
) -> HTMLResponse:
    outlet, text = (outlet or "").strip() or None, (text or "").strip() or None
    rows = store.list_articles(outlet=outlet, text=text, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    total = store.count_articles(outlet=outlet, text=text)
    return render_page(
        request,
        "articles.html",
        articles=rows,
        pager=_pages(total, page),
        params={"outlet": outlet, "text": text},
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, store: StoreDep, article_id: str) -> HTMLResponse:
    article = store.get_article(article_id)
    extraction = store.get_extraction(article_id)
    marks = article_highlights(extraction)
    events_by_report = {r.id: store.event_of_report(r.id) for r in (extraction.reports if extraction else ())}
    return render_page(
        request,
        "article.html",
        article=article,
        body=render.highlight(article.text, marks),
        extraction=extraction,
        labels=sorted({m.label for m in marks}),
        events_by_report=events_by_report,
        duplicates_of=article.duplicate_of,
    )


@router.get("/failures", response_class=HTMLResponse)
def failures(request: Request, store: StoreDep, page: PageNumber = 1) -> HTMLResponse:
    rows = store.list_failures(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return render_page(
        request, "failures.html", failures=rows, pager=_pages(store.count_failures(), page), params={}
    )


@router.get("/feeds", response_class=HTMLResponse)
def feeds(request: Request, store: StoreDep) -> HTMLResponse:
    """The feeds ``eventledger watch`` polls: how each last poll went, when the next one is due."""
    return render_page(request, "feeds.html", feeds=list(store.feed_states().values()))
