"""Stable event ids and hand corrections in the store (migration 0005).

- ``report_event_ids``: the event id each report was last written in; linking reads it
  (:meth:`EditTable.known_event_ids`) to give recomputed events the ids they had.
- ``event_aliases``: ids retired by merges, each pointing at the event that holds its reports
  now; :meth:`EditTable.resolve_event_id` follows them (pages and the API redirect).
- ``edits``: hand corrections (:class:`~eventledger.models.Edit`), re-applied after every
  linking run by ``eventledger.pipeline``; each keeps what its last application did.

Both id tables are written with the events, in the same transaction (:func:`write_identities`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from eventledger.models import Edit, Event, Report
from eventledger.store import schema

CHUNK = 500  # ids per IN (...) list


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _upsert(dialect: str, table: sa.Table, key: str, rows: list[dict[str, Any]]) -> Any:
    insert = schema.upsert_insert(dialect, table)
    columns = {name: insert.excluded[name] for name in rows[0] if name != key}
    return insert.on_conflict_do_update(index_elements=[key], set_=columns)


def write_identities(conn: Connection, events: Sequence[Event], retired: Mapping[str, str]) -> None:
    """Remember the ids of written events by report, record retired ids (and re-point aliases
    that pointed at a now retired id), and un-retire ids that hold an event again."""
    dialect = conn.dialect.name
    memory = [{"report_id": r, "event_id": e.id} for e in events for r in e.report_ids]
    for start in range(0, len(memory), CHUNK * 10):
        chunk = memory[start : start + CHUNK * 10]
        conn.execute(_upsert(dialect, schema.report_event_ids, "report_id", chunk), chunk)
    aliases = schema.event_aliases
    if retired:
        now = _now()
        for old, new in retired.items():
            conn.execute(aliases.update().where(aliases.c.current_id == old).values(current_id=new))
        rows = [{"id": old, "current_id": new, "retired_at": now} for old, new in retired.items()]
        conn.execute(_upsert(dialect, aliases, "id", rows), rows)
    live = [e.id for e in events]
    for start in range(0, len(live), CHUNK):
        conn.execute(aliases.delete().where(aliases.c.id.in_(live[start : start + CHUNK])))


def _edit_row(edit: Edit) -> dict[str, Any]:
    return {
        "action": edit.action,
        "event_id": edit.event_id,
        "field": edit.field,
        "value": None if edit.value is None else json.dumps(edit.value, ensure_ascii=False),
        "other_id": edit.other_id,
        "reports": json.dumps(list(edit.reports)),
        "author": edit.author,
        "reason": edit.reason,
        "created_at": edit.created_at or _now(),
        "status": edit.status,
        "applied_at": edit.applied_at,
    }


def _edit(row: Any) -> Edit:
    value = json.loads(row.value) if row.value is not None else None
    return Edit(
        id=row.id,
        action=row.action,
        event_id=row.event_id,
        field=row.field,
        value=tuple(value) if isinstance(value, list) else value,
        other_id=row.other_id,
        reports=tuple(json.loads(row.reports or "[]")),
        author=row.author,
        reason=row.reason,
        created_at=row.created_at,
        status=row.status,
        applied_at=row.applied_at,
    )


class EditTable:
    """Reads and writes of the id tables and the edits (mixed into :class:`~eventledger.store.core.Store`)."""

    engine: Engine

    # -- stable ids -------------------------------------------------------------------------------

    def known_event_ids(self) -> dict[str, str]:
        """Report id -> the id of the event it was last written in."""
        t = schema.report_event_ids
        with self.engine.connect() as conn:
            return {row.report_id: row.event_id for row in conn.execute(sa.select(t.c.report_id, t.c.event_id))}

    def resolve_event_id(self, event_id: str) -> str | None:
        """``event_id`` if an event holds it, else the id it was retired into (if that event
        exists), else None."""
        e, a = schema.events, schema.event_aliases
        with self.engine.connect() as conn:
            if conn.execute(sa.select(e.c.id).where(e.c.id == event_id)).first() is not None:
                return event_id
            current = conn.execute(sa.select(a.c.current_id).where(a.c.id == event_id)).scalar()
            if current is None:
                return None
            return current if conn.execute(sa.select(e.c.id).where(e.c.id == current)).first() else None

    def event_aliases(self, event_id: str | None = None) -> dict[str, str]:
        """Retired id -> current id (only those retired into ``event_id`` when given)."""
        a = schema.event_aliases
        query = sa.select(a.c.id, a.c.current_id).order_by(a.c.id)
        if event_id is not None:
            query = query.where(a.c.current_id == event_id)
        with self.engine.connect() as conn:
            return {row.id: row.current_id for row in conn.execute(query)}

    # -- edits ------------------------------------------------------------------------------------

    def add_edit(self, edit: Edit) -> Edit:
        """Store a new edit; returns it with its id and time."""
        row = _edit_row(edit)
        with self.engine.begin() as conn:
            new_id = conn.execute(schema.edits.insert().values(**row).returning(schema.edits.c.id)).scalar_one()
        return _edit(_Row({**row, "id": new_id}))

    def list_edits(self, *, status: str | None = None) -> list[Edit]:
        """Every edit in the order they were made (``status``: only those whose status starts so)."""
        t = schema.edits
        query = sa.select(t).order_by(t.c.id)
        if status:
            query = query.where(t.c.status.startswith(status, autoescape=True))
        with self.engine.connect() as conn:
            return [_edit(row) for row in conn.execute(query)]

    def event_history(self, event_id: str, report_ids: Sequence[str] = ()) -> list[Edit]:
        """The edits that concern an event, oldest first: made on it or on an id retired into it,
        merging it, or splitting one of its reports (``report_ids``) off."""
        names = [event_id, *self.event_aliases(event_id)]
        t = schema.edits
        related = sa.or_(t.c.event_id.in_(names), t.c.other_id.in_(names + list(report_ids)[:CHUNK]))
        with self.engine.connect() as conn:
            return [_edit(row) for row in conn.execute(sa.select(t).where(related).order_by(t.c.id))]

    def events_source(self) -> StoreEvents:
        """The events as corrections read them (``eventledger.link.corrections.EventSource``)."""
        return StoreEvents(self)


def write_statuses(conn: Connection, statuses: Mapping[int, str]) -> None:
    """Record what the last application of each edit did."""
    t = schema.edits
    now = _now()
    for edit_id, status in statuses.items():
        conn.execute(t.update().where(t.c.id == edit_id).values(status=status, applied_at=now))


class StoreEvents:
    """Events, report holders, reports and retired ids, read from a store one at a time."""

    def __init__(self, store: Any) -> None:
        self._store = store

    def event(self, event_id: str) -> Event | None:
        data = None
        if event_id:
            with self._store.engine.connect() as conn:
                data = conn.execute(sa.select(schema.events.c.data).where(schema.events.c.id == event_id)).scalar()
        return Event.from_dict(json.loads(data)) if data is not None else None

    def holder(self, report_id: str) -> str | None:
        held: str | None = self._store.event_of_report(report_id)
        return held

    def reports(self, report_ids: Sequence[str]) -> list[Report]:
        found: list[Report] = self._store.list_reports(ids=list(report_ids))
        return found

    def resolve(self, event_id: str) -> str | None:
        return self._store.resolve_event_id(event_id) if event_id else None


class _Row:
    """A dict read as a row (attribute access), for :func:`_edit` on a row just written."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)
