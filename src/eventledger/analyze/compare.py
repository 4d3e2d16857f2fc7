"""Before and after: the attacks around an order, a ceasefire or an agreement, per week or month.

``compare_event(store, event_id)`` takes a political event (an order, a ceasefire, an agreement,
a meeting, ...) and counts the attacks of the weeks or months around it, each attack with the
events listed, in three columns:

- **by them**: attacks whose perpetrator (:mod:`eventledger.analyze.sides`) is one of the actors
  the event concerns: its own actors (outlets aside), and the armed groups affiliated to an armed
  group among them in the knowledge base (an umbrella's member factions); when the event names
  armed groups only they count (not the mediator, the government or the president it also names);
- **by others**: attacks with a known perpetrator who is not one of them;
- **unattributed**: attacks with no known perpetrator (most attacks on supply convoys).

Periods are calendar months, or ISO weeks (Monday to Sunday); the event's own period is period 0,
with ``before`` periods ahead of it and ``after`` periods behind. An attack dated only to the month
cannot be placed in a week: with weeks it is listed apart as ``unplaced``. An attack with no date
at all is never counted (it is neither before nor after). Within the event's own period each attack
says whether it came before, on the day or after the event, when both dates are precise enough.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from eventledger.analyze.actors import ActorLookup, descendants, display_names, lookup_of, unidentified
from eventledger.analyze.sides import event_sides
from eventledger.errors import SettingsError
from eventledger.kb import ActorRegistry
from eventledger.models import Event, Report
from eventledger.store import EventFilter, Store

PERIODS = ("week", "month")
# the kinds of event whose before and after the event page shows
COMPARABLE_KINDS = ("order", "ceasefire", "agreement", "meeting")
COLUMNS = ("by_them", "by_others", "unattributed")


@dataclass(frozen=True)
class Period:
    label: str  # "2020-10" or "2020-W41"
    start: dt.date
    end: dt.date  # inclusive
    offset: int  # 0: the event's own period

    def holds(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def periods_around(day: dt.date, by: str, before: int, after: int) -> list[Period]:
    """The periods from ``before`` ahead of ``day``'s to ``after`` behind it."""
    found = []
    for offset in range(-before, after + 1):
        if by == "month":
            year, month = _add_months(day.year, day.month, offset)
            start = dt.date(year, month, 1)
            end = dt.date(year, month, calendar.monthrange(year, month)[1])
            label = f"{year:04d}-{month:02d}"
        else:
            start = day - dt.timedelta(days=day.weekday()) + dt.timedelta(weeks=offset)
            end = start + dt.timedelta(days=6)
            iso = start.isocalendar()
            label = f"{iso.year:04d}-W{iso.week:02d}"
        found.append(Period(label, start, end, offset))
    return found


def _day(event: Event) -> dt.date | None:
    """The event's day, when it is dated to a day or a week."""
    if event.date_precision in ("day", "week") and event.date and len(event.date) >= 10:
        try:
            return dt.date.fromisoformat(event.date[:10])
        except ValueError:
            return None
    return None


def _month(event: Event) -> tuple[int, int] | None:
    """The event's (year, month), when it is dated to a month or more precisely."""
    if event.date_precision in ("day", "week", "month") and event.date and len(event.date) >= 7:
        try:
            return int(event.date[:4]), int(event.date[5:7])
        except ValueError:
            return None
    return None


def _anchor(event: Event, by: str) -> dt.date:
    """The day whose period is period 0; a SettingsError when the event is not dated finely enough."""
    day = _day(event)
    if day is not None:
        return day
    month = _month(event)
    if month is not None and by == "month":
        return dt.date(month[0], month[1], 1)
    told = f"only to the {event.date_precision} ({event.date})" if event.date else "not at all"
    finer = "; compare it --by month" if month is not None else ""
    raise SettingsError(f"event {event.id} is dated {told}: it cannot be placed in a {by}{finer}")


def _relation(attack: Event, event: Event) -> str:
    """Whether an attack came before, on the day or after the event, as far as the dates tell."""
    a, e = _day(attack), _day(event)
    if a is not None and e is not None and attack.date_precision == event.date_precision == "day":
        return "before" if a < e else "after" if a > e else "same day"
    am, em = _month(attack), _month(event)
    if am is not None and em is not None and am != em:
        return "before" if am < em else "after"
    return "unknown"


def concerned_actors(event: Event, registry: ActorRegistry) -> list[str]:
    """The armed groups among the event's actors and the armed groups affiliated to one of them;
    when it names no armed group, all its actors but outlets (a ceasefire's mediator, a president
    who threatens, are not whose attacks it is about when it names armed groups)."""
    def kind(actor_id: str) -> str | None:
        return getattr(registry.actors.get(actor_id), "kind", None)

    own = [a for a in dict.fromkeys(event.actors) if kind(a) != "outlet"]
    groups = [a for a in own if kind(a) == "armed_group"]
    if not groups:
        return own
    extra = sorted(descendants(groups, registry) - set(groups))
    return groups + [a for a in extra if kind(a) == "armed_group"]


def _attribution(perpetrators: Sequence[str], concerned: set[str]) -> str:
    if not perpetrators:
        return "unattributed"
    return "by_them" if any(p in concerned for p in perpetrators) else "by_others"


def _window_filter(periods: Sequence[Period], kind: str) -> EventFilter:
    # month-dated attacks ("2020-10") sort before their days: compare on months at the edges
    return EventFilter(kind=kind, since=f"{periods[0].start:%Y-%m}", until=f"{periods[-1].end:%Y-%m}")


def _place(attack: Event, periods: Sequence[Period], by: str) -> Period | str | None:
    """The attack's period; "unplaced" when its date is too coarse for the periods; None outside."""
    day = _day(attack)
    if day is not None:
        return next((p for p in periods if p.holds(day)), None)
    month = _month(attack)
    if month is None:
        return None
    first = dt.date(month[0], month[1], 1)
    if by == "month":
        return next((p for p in periods if p.start == first), None)
    last = dt.date(month[0], month[1], calendar.monthrange(*month)[1])
    return "unplaced" if first <= periods[-1].end and last >= periods[0].start else None


def _totals(rows: Iterable[dict[str, Any]]) -> dict[str, int]:
    rows = list(rows)
    return {"count": sum(r["count"] for r in rows), **{c: sum(r[c] for r in rows) for c in COLUMNS}}


def compare_event(
    store: Store,
    event_id: str,
    registry: ActorRegistry,
    *,
    by: str = "month",
    before: int = 3,
    after: int = 3,
    kind: str = "attack",
    actors: Sequence[str] | None = None,
) -> dict[str, Any]:
    """The ``kind`` events (attacks) by period around ``event_id`` (see the module's doc).

    ``actors`` replaces the actor ids the event concerns. Returns a JSON-ready document: the
    event, the actors it concerns (ids and names), one row per period with its counts and
    events, totals ``before``, ``during`` and ``after``, and the ``unplaced`` events.
    """
    if by not in PERIODS:
        raise SettingsError(f"--by {by!r}: compare by {' or '.join(PERIODS)}")
    event = store.get_event(event_id)
    periods = periods_around(_anchor(event, by), by, before, after)
    concerned = list(dict.fromkeys(actors)) if actors is not None else concerned_actors(event, registry)
    # the attacks' dates, places and tolls, and their reports' actor roles: neither the reports'
    # evidence spans nor the events' per-report values (most of the decoding) are read
    window = store.list_events(_window_filter(periods, kind), sort="date", limit=None, field_values=False)
    candidates = [e for e in window if e.id != event.id]
    ids = [i for e in candidates for i in e.report_ids]
    reports = {r.id: r for r in store.list_reports(ids=ids, evidence=False)} if candidates else {}
    lookup = lookup_of(registry)
    rows: list[dict[str, Any]] = [{"period": p.label, "start": p.start.isoformat(), "end": p.end.isoformat(), "offset": p.offset,
             "count": 0, **dict.fromkeys(COLUMNS, 0), "events": []} for p in periods]
    unplaced: list[dict[str, Any]] = []
    names: dict[str, str] = display_names(concerned, registry)
    for attack in candidates:
        where = _place(attack, periods, by)
        if where is None:
            continue
        its_reports = [reports[i] for i in attack.report_ids if i in reports]
        entry = _entry(attack, its_reports, event, set(concerned), lookup, registry, names)
        if where == "unplaced":
            unplaced.append(entry)
            continue
        assert isinstance(where, Period)
        row = rows[where.offset + before]
        row["count"] += 1
        row[entry["attribution"]] += 1
        row["events"].append(entry)
    return {
        "event": {k: getattr(event, k) for k in ("id", "kind", "date", "date_precision", "country", "admin1", "place", "summary")},
        "concerns": [{"id": a, "name": names[a]} for a in concerned],
        "kind": kind,
        "by": by,
        "periods": rows,
        "before": _totals(r for r in rows if r["offset"] < 0),
        "during": _totals(r for r in rows if r["offset"] == 0),
        "after": _totals(r for r in rows if r["offset"] > 0),
        "unplaced": unplaced,
    }


def _entry(
    attack: Event,
    reports: Sequence[Report],
    event: Event,
    concerned: set[str],
    lookup: ActorLookup,
    registry: ActorRegistry,
    names: dict[str, str],
) -> dict[str, Any]:
    sides = event_sides(attack, reports, lookup)
    perpetrators = [p for p in sides.side1 if p not in unidentified()]
    for actor_id in perpetrators:
        names.setdefault(actor_id, sides.name(actor_id, lookup))
    return {
        "id": attack.id,
        "date": attack.date,
        "date_precision": attack.date_precision,
        "sub_event_type": attack.sub_event_type,
        "place": attack.place,
        "admin1": attack.admin1,
        "killed": attack.killed_best,
        "wounded": attack.wounded_best,
        "perpetrators": [{"id": p, "name": names[p]} for p in perpetrators],
        "attribution": _attribution(perpetrators, concerned),
        "relation": _relation(attack, event),
    }
