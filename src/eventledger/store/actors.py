"""The store's actors table: written from the knowledge base and the names reports give, read for names.

The store cannot read the knowledge base (they are independent stages), so the rows come from
above: ``eventledger.analyze.actors.sync_actors`` builds them and calls :meth:`ActorTable.save_actors`
after each linking run. The views of migration 0003 join this table to events; eventledger's
interfaces read names through :meth:`ActorTable.stored_actor_names`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from eventledger.models import Report
from eventledger.store import schema

CHUNK = 500  # ids per IN (...) list


def _chunks(ids: Sequence[str]) -> Iterator[list[str]]:
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), CHUNK):
        yield unique[start : start + CHUNK]


class ActorTable:
    """The actors table's reads and writes (mixed into :class:`~eventledger.store.core.Store`)."""

    engine: Engine
    dialect: str

    def save_actors(self, rows: Sequence[dict[str, Any]], *, drop_unused_origin: str | None = None) -> None:
        """Insert or update actor rows (the columns of ``schema.actors``) in one transaction; then,
        with ``drop_unused_origin``, delete the rows of that origin that no event names any more."""
        t = schema.actors
        with self.engine.begin() as conn:
            if rows:
                insert = schema.upsert_insert(self.dialect, t)
                columns = {c.name: insert.excluded[c.name] for c in t.columns if c.name != "id"}
                conn.execute(insert.on_conflict_do_update(index_elements=[t.c.id], set_=columns), list(rows))
            if drop_unused_origin is not None:
                named = sa.select(schema.event_actors.c.actor_id)
                conn.execute(t.delete().where(t.c.origin == drop_unused_origin, t.c.id.not_in(named)))

    def actor_ids_without_row(self) -> list[str]:
        """The actor ids events name that the actors table has no row for, sorted."""
        ea, a = schema.event_actors, schema.actors
        query = (
            sa.select(ea.c.actor_id)
            .outerjoin(a, a.c.id == ea.c.actor_id)
            .where(a.c.id.is_(None))
            .distinct()
            .order_by(ea.c.actor_id)
        )
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def names_in_reports(self, actor_ids: Sequence[str], reports_per_actor: int = 12) -> list[tuple[str, str]]:
        """``(actor id, name)`` for each name a report gives one of ``actor_ids``, read from at most
        ``reports_per_actor`` reports of the events that name it (one query per 500 ids)."""
        ea, er, r = schema.event_actors, schema.event_reports, schema.reports
        found: list[tuple[str, str]] = []
        with self.engine.connect() as conn:
            for chunk in _chunks(actor_ids):
                number = sa.func.row_number().over(partition_by=ea.c.actor_id, order_by=r.c.id).label("n")
                inner = (
                    sa.select(ea.c.actor_id, r.c.data, number)
                    .select_from(ea.join(er, er.c.event_id == ea.c.event_id).join(r, r.c.id == er.c.report_id))
                    .where(ea.c.actor_id.in_(chunk))
                    .subquery()
                )
                query = sa.select(inner.c.actor_id, inner.c.data).where(inner.c.n <= reports_per_actor)
                for actor_id, data in conn.execute(query):
                    report = Report.from_dict(json.loads(data))
                    found.extend((actor_id, role.name) for role in report.actors if role.actor_id == actor_id and role.name)
        return found

    def stored_actor_names(self, actor_ids: Sequence[str]) -> dict[str, str]:
        """The actors table's name of each id it has a row for."""
        a = schema.actors
        names: dict[str, str] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(actor_ids):
                names.update({i: n for i, n in conn.execute(sa.select(a.c.id, a.c.name).where(a.c.id.in_(chunk)))})
        return names

    def count_actor_rows(self, origin: str | None = None) -> int:
        """Rows of the actors table (of one origin: kb or reports)."""
        a = schema.actors
        query = sa.select(sa.func.count()).select_from(a)
        if origin is not None:
            query = query.where(a.c.origin == origin)
        with self.engine.connect() as conn:
            count: int = conn.execute(query).scalar_one()
        return count

    def find_actors(self, text: str, limit: int = 10, *, candidates: int = 200) -> list[dict[str, Any]]:
        """Actors of the actors table whose name or an alias contains ``text`` (any case), with the
        number of events naming each: most events first, then by name. At most ``candidates``
        matching rows are counted, so a one-letter prefix stays cheap on a large table."""
        a, tallies = schema.actors, schema.actor_tallies
        needle = text.strip().lower()
        if not needle:
            return []
        escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        matches = (
            sa.select(a.c.id, a.c.name, a.c.kind, a.c.aliases)
            .where(sa.or_(sa.func.lower(a.c.name).like(pattern, escape="\\"), sa.func.lower(a.c.aliases).like(pattern, escape="\\")))
            .order_by(a.c.name, a.c.id)
            .limit(candidates)
        )
        with self.engine.connect() as conn:
            rows = [
                {"id": i, "name": n, "kind": k, "aliases": json.loads(al) if al else []}
                for i, n, k, al in conn.execute(matches)
            ]
            counts: dict[str, int] = {}
            for chunk in _chunks([r["id"] for r in rows]):  # events per actor: the summary table's
                query = sa.select(tallies.c.actor_id, tallies.c.events).where(tallies.c.actor_id.in_(chunk))
                counts.update({actor_id: n for actor_id, n in conn.execute(query)})
        for row in rows:
            row["events"] = counts.get(row["id"], 0)
        rows.sort(key=lambda r: (-r["events"], not r["name"].lower().startswith(needle), r["name"].lower(), r["id"]))
        return rows[:limit]
