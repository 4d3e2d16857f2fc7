"""ACLED's column layout: one row per event, as ACLED's export tool writes it.

The conventions (docs/export.md tells them to users):

* ``event_date`` is ``05 January 2020`` (``%d %B %Y``); ``time_precision`` is 1 for a day, 2 for a
  week and 3 for a month. An event dated only to the month is placed on the 15th (as ACLED does).
  An event with no date, or only a year, cannot be coded: it is left out and counted (the CLI
  prints how many; the csv, json and geojson formats keep it with an empty date).
* ``actor1`` is the perpetrator or initiator, ``actor2`` the target or other side
  (:mod:`eventledger.analyze.sides` decides them from the reports' actor roles); the rest of each
  side goes to ``assoc_actor_1``/``assoc_actor_2``. An attack or riot with no known perpetrator has
  ACLED's "Unidentified Armed Group (<country>)". Names are the knowledge base's canonical names;
  a person stands for their group. ``inter1``/``inter2`` are ACLED inter codes, from the KB or the
  actor's kind (0 when not known); ``interaction`` is the two as one number, lower first.
* ``source`` is never empty: the outlets that published the reports; else the outlets the reports
  cite; else the outlets their articles cite anywhere (a blog's reference list); else the web site
  the articles came from; else "unknown outlet". ``source_scale`` joins the outlets' scales.
* ``fatalities`` is 0 when the reports give no number (ACLED's convention); the csv and json
  formats leave an unknown count empty, so that "none" and "not known" stay apart.

A knowledge base that cannot be loaded stops the export with a ``KnowledgeBaseError`` before
anything is written, rather than writing codes of 0.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any
from urllib.parse import urlsplit

import pycountry

from eventledger import taxonomy
from eventledger.analyze.actors import ActorInfo, ActorLookup, lookup_of
from eventledger.analyze.sides import event_sides
from eventledger.datafiles import load_yaml
from eventledger.kb import ActorRegistry
from eventledger.kb.actors import named_in_country as kb_named_in_country
from eventledger.models import VIOLENT_KINDS, Event, Report
from eventledger.store import Store

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
)

# ACLED's regions for the countries this project covers and their neighbours (a Python table
# rather than a data file: it is ACLED's fixed list, not a tunable).
ACLED_REGIONS = {
    "Iraq": "Middle East",
    "Iran": "Middle East",
    "Syria": "Middle East",
    "Turkey": "Middle East",
    "Saudi Arabia": "Middle East",
    "Jordan": "Middle East",
    "Kuwait": "Middle East",
    "Lebanon": "Middle East",
    "Israel": "Middle East",
    "Palestine": "Middle East",
    "Yemen": "Middle East",
    "Bahrain": "Middle East",
    "Qatar": "Middle East",
    "United Arab Emirates": "Middle East",
    "Oman": "Middle East",
    "Afghanistan": "Caucasus and Central Asia",
    "United States": "North America",
}

TIME_PRECISION = {"day": 1, "week": 2, "month": 3}
UNIDENTIFIED_INTER = 3  # an unidentified armed group is coded as a political militia
UNKNOWN_OUTLET = "unknown outlet"


def acled_date(date: str | None, precision: str) -> tuple[dt.date, int] | None:
    """The day ACLED records and its time_precision, or None when the date cannot be coded."""
    if not date or len(date) < 7:
        return None
    try:
        if len(date) >= 10:
            day = dt.date.fromisoformat(date[:10])
        else:
            day = dt.date.fromisoformat(date[:7] + "-15")
    except ValueError:
        return None
    if len(date) < 10:
        return day, 3
    return day, TIME_PRECISION.get(precision, 1)


def acled_event_id(event: Event) -> str:
    """ISO alpha-3 of the country followed by a number that is stable for the event id."""
    iso3 = "XXX"
    if event.country:
        try:
            iso3 = pycountry.countries.lookup(event.country).alpha_3
        except LookupError:
            pass
    return f"{iso3}{zlib.crc32(event.id.encode('utf-8')):010d}"


def actor_info_of(actors: ActorRegistry) -> ActorLookup:
    """Name, inter code, kind and group of an actor id from the KB's actor registry."""
    return lookup_of(actors)


def outlet_id_of(actors: ActorRegistry) -> Callable[[str], str | None]:
    """An outlet name's knowledge-base id (aliases and spellings folded), or None."""

    @lru_cache(maxsize=4096)
    def outlet_id(name: str) -> str | None:
        found = actors.outlet(name)
        return found.id if found is not None else None

    return outlet_id


def actor_id_of(actors: ActorRegistry) -> Callable[[str], str | None]:
    """A name's knowledge-base actor id, or None (reads an event's target text)."""

    @lru_cache(maxsize=4096)
    def actor_id(name: str) -> str | None:
        found = actors.match_actor(name)
        return found.id if found is not None else None

    return actor_id


def acled_types(event: Event) -> tuple[str, str]:
    """ACLED's event type and sub-event type: the event's own, or its political kind's."""
    if event.event_type and event.sub_event_type:
        return event.event_type, event.sub_event_type
    return taxonomy.acled_types_of_kind(event.kind)


# -- source -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleSources:
    """What the articles behind some events tell of their sources, by article id."""

    cited: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # outlets the article cites anywhere
    hosts: Mapping[str, str] = field(default_factory=dict)  # web host of the article's URL

    @classmethod
    def read(cls, store: Store, article_ids: Sequence[str]) -> ArticleSources:
        """Read them from the store in two queries."""
        if not article_ids:
            return cls()
        hosts = {}
        for article_id, row in store.articles_by_id(list(article_ids)).items():
            host = urlsplit(row.get("url") or "").hostname if "://" in (row.get("url") or "") else None
            if host:
                hosts[article_id] = host.removeprefix("www.")
        return cls(store.cited_outlets(article_ids), hosts)


def source_outlets(event: Event, reports: Sequence[Report], articles: ArticleSources | None = None) -> list[str]:
    """The event's sources, in order of trust: the outlets that published its reports; else the
    outlets the reports cite; else those their articles cite anywhere; else the articles' web sites.
    Empty only when none of these is known."""
    articles = articles or ArticleSources()
    article_ids = list(dict.fromkeys(r.article_id for r in reports))
    for names in (
        event.outlets,
        [c for r in reports for c in r.cites],
        [c for a in article_ids for c in articles.cited.get(a, ())],
        [articles.hosts.get(a, "") for a in article_ids],
    ):
        found = list(dict.fromkeys(n for n in names if n))
        if found:
            return found
    return []


def acled_sources(event: Event, reports: Sequence[Report], articles: ArticleSources | None = None) -> str:
    """ACLED's ``source``: :func:`source_outlets` joined with ``; `` ("unknown outlet" when none is known)."""
    return "; ".join(source_outlets(event, reports, articles)) or UNKNOWN_OUTLET


@cache
def _scales() -> tuple[dict[str, str], tuple[str, ...]]:
    data = load_yaml("eventledger.analyze", "source_scale.yaml")
    return dict(data["scales"]), tuple(data["order"])


def acled_source_scale(outlets: Iterable[str], outlet_id: Callable[[str], str | None]) -> str:
    """ACLED's `source_scale` of an event: its outlets' scales, in ACLED's order, joined by "-".

    ``outlet_id`` resolves an outlet name to its knowledge-base id; an outlet it does not know
    counts as Other. No outlet at all: empty.
    """
    scales, order = _scales()
    found = {scales.get(outlet_id(name) or "", "Other") for name in outlets if name}
    return "-".join(s for s in order if s in found)


# -- the row ------------------------------------------------------------------------------------


def _notes(event: Event) -> str:
    """ACLED's ``notes``: the event's summary, or a description built from its fields."""
    if event.summary:
        return event.summary
    what = event.sub_event_type or event.kind
    where = ", ".join(x for x in (event.place, event.admin1, event.country) if x)
    return f"{what}{' in ' + where if where else ''} ({event.date or 'date unknown'})"


def _interaction(inter1: int, inter2: int) -> int:
    low, high = sorted((inter1, inter2))
    return low * 10 + high if low else high * 10


def named_in_country(name: str, info: ActorInfo, country: str | None) -> str:
    """An actor's name as ACLED writes it for an event in ``country``: a generic actor is named
    after the country of each event ("Protesters (Nigeria)", "Civilians (Mali)"), the KB names it
    after its own ("Protesters (Iraq)"); other names are left as they are."""
    return kb_named_in_country(name, info.country, country)


def acled_row(
    event: Event,
    reports: Sequence[Report],
    actor_info: ActorLookup,
    outlet_id: Callable[[str], str | None] = lambda _name: None,
    *,
    match_actor: Callable[[str], str | None] | None = None,
    articles: ArticleSources | None = None,
) -> dict[str, Any] | None:
    """One event in ACLED's layout, or None when its date cannot be coded.

    ``actor_info`` tells an actor id's name, kind and inter code; ``outlet_id`` an outlet's KB id
    (for ``source_scale``); ``match_actor`` reads the event's target text as an actor;
    ``articles`` the sources the articles behind the reports tell (for ``source``).
    """
    when = acled_date(event.date, event.date_precision)
    if when is None:
        return None
    day, precision = when
    sides = event_sides(event, reports, actor_info, match_actor)

    def name(actor_id: str) -> str:
        return named_in_country(sides.name(actor_id, actor_info), actor_info(actor_id), event.country)

    actor1 = name(sides.side1[0]) if sides.side1 else ""
    inter1 = actor_info(sides.side1[0]).inter_code if sides.side1 else 0
    if not actor1 and event.kind in VIOLENT_KINDS:
        actor1, inter1 = f"Unidentified Armed Group ({event.country or 'International'})", UNIDENTIFIED_INTER
    actor2 = name(sides.side2[0]) if sides.side2 else ""
    inter2 = actor_info(sides.side2[0]).inter_code if sides.side2 else 0
    event_type, sub_event_type = acled_types(event)
    outlets = source_outlets(event, reports, articles)
    return {
        "event_id_cnty": acled_event_id(event),
        "event_date": f"{day:%d %B %Y}",
        "year": day.year,
        "time_precision": precision,
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": actor1,
        "assoc_actor_1": "; ".join(name(a) for a in sides.side1[1:]),
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": "; ".join(name(a) for a in sides.side2[1:]),
        "inter2": inter2,
        "interaction": _interaction(inter1, inter2),
        "region": ACLED_REGIONS.get(event.country or "", ""),
        "country": event.country or "",
        "admin1": event.admin1 or "",
        "admin2": event.admin2 or "",
        "admin3": "",
        "location": event.place or event.admin2 or event.admin1 or event.country or "",
        "latitude": "" if event.latitude is None else f"{event.latitude:.4f}",
        "longitude": "" if event.longitude is None else f"{event.longitude:.4f}",
        "geo_precision": event.geo_precision or 3,
        "source": "; ".join(outlets) or UNKNOWN_OUTLET,
        "source_scale": acled_source_scale(outlets, outlet_id),
        "notes": _notes(event),
        "fatalities": event.killed_best or 0,
    }


__all__ = [
    "ACLED_COLUMNS",
    "ActorInfo",
    "ArticleSources",
    "acled_date",
    "acled_event_id",
    "acled_row",
    "acled_source_scale",
    "acled_sources",
    "actor_id_of",
    "actor_info_of",
    "outlet_id_of",
    "source_outlets",
]
