"""Hand corrections of events (:class:`~eventledger.models.Edit`), applied on top of linking.

Linking recomputes events from reports; an analyst's corrections are kept apart and applied
again after every linking run, in two passes so that a later re-link cannot reorder them:

1. the edits that change which reports make an event — ``merge``, ``split``, ``dismiss`` —
   in the order they were made;
2. then every ``set`` of a field, in the order they were made (a field set by hand is not
   undone by a merge that recomputes the event).

An edit finds its event by id (stable across re-links; an id retired by a merge leads to the
event that took its reports) and, for a merge, the other event by the reports it held. An edit
whose event no longer exists is kept, with a status that says so (``not applied: ...``).

:class:`Corrector` reads events through a small interface (:class:`EventSource`), so that the
pipeline can hand it the store and the tests a dict.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from eventledger.errors import CorrectionError
from eventledger.link.independence import ArticleInfo
from eventledger.link.merge import event_summary, merge_reports
from eventledger.link.rules import Rules, load_rules
from eventledger.models import EDIT_ACTIONS, KINDS, Edit, Event, Report

STRUCTURAL = ("merge", "split", "dismiss")
APPLIED = "applied"
NOT_APPLIED = "not applied: "

_TEXT_FIELDS = ("event_type", "sub_event_type", "country", "admin1", "admin2", "place", "weapon", "target", "summary")
_NUMBER_FIELDS = ("killed", "wounded")
_COORDINATES = {"latitude": 90.0, "longitude": 180.0}
# the fields a correction may set, in the order help texts list them
SETTABLE = ("kind", *_TEXT_FIELDS, "date", *_NUMBER_FIELDS, *_COORDINATES, "actors")


class EventSource(Protocol):
    """What :class:`Corrector` reads: events by id, the event holding a report, reports by id."""

    def event(self, event_id: str) -> Event | None: ...

    def holder(self, report_id: str) -> str | None: ...

    def reports(self, report_ids: Sequence[str]) -> list[Report]: ...

    def resolve(self, event_id: str) -> str | None: ...


def split_event_id(report_id: str) -> str:
    """The id of the event a report split off by hand forms: the same on every re-application."""
    return "ev_" + hashlib.sha1(f"split:{report_id}".encode()).hexdigest()[:12]


# -- values -------------------------------------------------------------------------------------


def _date(value: Any) -> tuple[str | None, str]:
    if value is None or value == "":
        return None, "unknown"
    text = str(value).strip()
    for length, precision, pattern in ((10, "day", "%Y-%m-%d"), (7, "month", "%Y-%m"), (4, "year", "%Y")):
        if len(text) == length:
            try:
                dt.datetime.strptime(text, pattern)
            except ValueError:
                break
            return text, precision
    raise CorrectionError(f"date {value!r} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY")


def _number(name: str, value: Any) -> int | None:
    if value is None or value == "" or value == "unknown":
        return None
    try:
        number = int(str(value).strip()) if not isinstance(value, bool) else -1
    except ValueError:
        number = -1
    if number < 0:
        raise CorrectionError(f"{name} {value!r} is not a count; give a whole number >= 0, or 'unknown'")
    return number


def _coordinate(name: str, value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value) if not isinstance(value, bool) else math.nan
    except (TypeError, ValueError):
        number = math.nan
    limit = _COORDINATES[name]
    if not -limit <= number <= limit:
        raise CorrectionError(f"{name} {value!r} is not a number between {-limit:g} and {limit:g}")
    return number


def _actors(value: Any) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not all(isinstance(i, str) for i in items):
        raise CorrectionError("actors must be a list of actor ids (on the command line: separated by commas)")
    return tuple(dict.fromkeys(i.strip() for i in items if i.strip()))


def check_value(field: str, value: Any) -> Any:
    """The value a ``set`` of ``field`` stores (JSON-ready), or :class:`CorrectionError` saying
    what is wrong. Strings from the command line and JSON values from the API both work."""
    if field not in SETTABLE:
        raise CorrectionError(f"field {field!r} cannot be set; choose one of: {', '.join(SETTABLE)}")
    if field == "kind":
        if value not in KINDS:
            raise CorrectionError(f"kind {value!r} is not a kind; choose one of: {', '.join(KINDS)}")
        return value
    if field in _TEXT_FIELDS:
        if value is not None and not isinstance(value, str):
            raise CorrectionError(f"{field} must be text")
        text = (value or "").strip()
        if len(text) > 500:
            raise CorrectionError(f"{field} is longer than 500 characters")
        return text or None
    if field == "date":
        return _date(value)[0]
    if field in _NUMBER_FIELDS:
        return _number(field, value)
    if field in _COORDINATES:
        return _coordinate(field, value)
    return list(_actors(value))


def with_field(event: Event, field: str, value: Any) -> Event:
    """``event`` with ``field`` set to ``value`` (as :func:`check_value` gives it); the summary follows."""
    changes: dict[str, Any]
    if field == "date":
        date, precision = _date(value)
        changes = {"date": date, "date_precision": precision}
    elif field in _NUMBER_FIELDS:
        changes = {f"{field}_{end}": value for end in ("low", "best", "high")}
    elif field == "actors":
        changes = {"actors": tuple(value or ())}
    else:
        changes = {field: value}
    corrected = dataclasses.replace(event, **changes)
    if field == "summary":
        return corrected
    return dataclasses.replace(corrected, summary=event_summary(corrected))


def check_edit(edit: Edit) -> Edit:
    """``edit`` with its value checked (:func:`check_value`), or :class:`CorrectionError`."""
    if edit.action not in EDIT_ACTIONS:
        raise CorrectionError(f"action {edit.action!r} is not one of: {', '.join(EDIT_ACTIONS)}")
    if not edit.reason.strip():
        raise CorrectionError("say why: a correction needs a reason")
    if edit.action == "set":
        if edit.field is None:
            raise CorrectionError("a set needs a field")
        return dataclasses.replace(edit, value=check_value(edit.field, edit.value))
    if edit.action in ("merge", "split") and not edit.other_id:
        what = "the event to merge in" if edit.action == "merge" else "the report to split off"
        raise CorrectionError(f"a {edit.action} needs {what}")
    return edit


# -- application --------------------------------------------------------------------------------


class Corrector:
    """Applies edits over events read from ``source``; collects what changed.

    After :meth:`apply`: :attr:`changed` (events to write), :attr:`removed` (ids to delete),
    :attr:`retired` (ids merged away -> the id that holds them), and the returned statuses.
    """

    def __init__(
        self, source: EventSource, articles: Mapping[str, ArticleInfo] | Callable[[], Mapping[str, ArticleInfo]],
        rules: Rules | None = None,
    ) -> None:
        self._source = source
        self._articles_of = articles
        self._articles: Mapping[str, ArticleInfo] | None = None
        self._rules = rules
        self._events: dict[str, Event | None] = {}  # loaded or changed; None: removed
        self._owner: dict[str, str | None] = {}  # report id -> event id, for reports of changed events
        self.changed: dict[str, Event] = {}
        self.removed: set[str] = set()
        self.retired: dict[str, str] = {}

    # -- reading through the changes made so far -----------------------------------------------

    def _event(self, event_id: str | None) -> Event | None:
        if event_id is None:
            return None
        if event_id not in self._events:
            self._events[event_id] = self._source.event(event_id)
        return self._events[event_id]

    def _resolve(self, event_id: str) -> Event | None:
        seen: set[str] = set()
        current: str | None = event_id
        while current is not None and current not in seen:
            seen.add(current)
            event = self._event(current)
            if event is not None:
                return event
            current = self.retired.get(current) or (None if current in self.removed else self._source.resolve(current))
        return None

    def _holder(self, report_id: str) -> Event | None:
        if report_id in self._owner:
            return self._event(self._owner[report_id])
        return self._event(self._source.holder(report_id))

    def _put(self, event: Event) -> None:
        self._events[event.id] = event
        self.changed[event.id] = event
        self.removed.discard(event.id)
        self.retired.pop(event.id, None)
        for report_id in event.report_ids:
            self._owner[report_id] = event.id

    def _drop(self, event: Event, into: str | None = None) -> None:
        self._events[event.id] = None
        self.changed.pop(event.id, None)
        self.removed.add(event.id)
        for report_id in event.report_ids:
            if self._owner.get(report_id, event.id) == event.id:
                self._owner[report_id] = None
        if into is not None:
            self.retired[event.id] = into
            for old, current in list(self.retired.items()):
                if current == event.id:
                    self.retired[old] = into

    def _merged(self, report_ids: Sequence[str], like: Event, new_id: str) -> Event:
        if self._articles is None:
            self._articles = self._articles_of() if callable(self._articles_of) else self._articles_of
        reports = self._source.reports(list(report_ids))
        event = merge_reports(reports, self._articles, self._rules or load_rules()) if reports else like
        return dataclasses.replace(event, id=new_id, story_id=like.story_id)

    # -- the edits -----------------------------------------------------------------------------

    def apply(self, edits: Sequence[Edit]) -> dict[int, str]:
        """Apply ``edits`` (structural ones first, then field sets; each group in order);
        returns each edit's status by id."""
        statuses: dict[int, str] = {}
        ordered = [e for e in edits if e.action in STRUCTURAL] + [e for e in edits if e.action not in STRUCTURAL]
        for edit in ordered:
            handler = getattr(self, f"_{edit.action}", None)
            status = handler(edit) if handler is not None else f"{NOT_APPLIED}unknown action {edit.action!r}"
            if edit.id is not None:
                statuses[edit.id] = status
        return statuses

    def _missing(self, event_id: str) -> str:
        return f"{NOT_APPLIED}event {event_id} no longer exists"

    def _set(self, edit: Edit) -> str:
        event = self._resolve(edit.event_id)
        if event is None:
            return self._missing(edit.event_id)
        try:
            value = check_value(edit.field or "", edit.value)
        except CorrectionError as exc:
            return f"{NOT_APPLIED}{exc}"
        self._put(with_field(event, edit.field or "", value))
        return APPLIED

    def _dismiss(self, edit: Edit) -> str:
        event = self._resolve(edit.event_id)
        if event is None:
            return self._missing(edit.event_id)
        self._drop(event)
        return APPLIED

    def _merge(self, edit: Edit) -> str:
        # the edit's reports are every report of the merged event when it was made: whichever
        # events hold them now (a re-link may have split them up again) become one
        target = self._resolve(edit.event_id)
        if target is None:
            return self._missing(edit.event_id)
        others: dict[str, Event] = {}
        for other in [self._resolve(edit.other_id or ""), *(self._holder(r) for r in edit.reports)]:
            if other is not None and other.id != target.id:
                others[other.id] = other
        if not others:
            if self._resolve(edit.other_id or "") is None and not any(self._holder(r) for r in edit.reports):
                return self._missing(edit.other_id or "")
            return APPLIED  # already one event
        report_ids = list(dict.fromkeys([*target.report_ids, *(r for o in others.values() for r in o.report_ids)]))
        for other in others.values():
            self._drop(other, into=target.id)
        self._put(self._merged(report_ids, target, target.id))
        return APPLIED

    def _split(self, edit: Edit) -> str:
        report_id = edit.other_id or ""
        event = self._holder(report_id)
        if event is None:
            return f"{NOT_APPLIED}report {report_id} is in no event (event {edit.event_id} no longer holds it)"
        if event.report_ids == (report_id,):
            return APPLIED  # already an event of its own
        rest = [r for r in event.report_ids if r != report_id]
        self._put(self._merged(rest, event, event.id))
        self._put(self._merged([report_id], event, split_event_id(report_id)))
        return APPLIED
