"""Reading gold files: article gold (``eventledger-gold/1`` YAML) and record gold (CSV/TSV).

Record gold comes in three layouts, told apart by their columns:

- **ACLED** (``notes``, ``event_date``): the text is ``notes``; gold ``sub_event_type``,
  ``admin1``, ``fatalities`` (killed) and the date at ``time_precision``.
- **GTD** (``summary``, ``state``): the text is ``summary``; gold ``state`` mapped onto ACLED's
  admin1 spelling, ``killed``, ``wounded`` and ``date``.
- **CASE** 2021 task 2 (``EventSnippet``, ``SubType``): the text is the snippet, the gold is only
  its label; no date, and place names are invented on purpose, so no fields are scored.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from eventledger.errors import GoldError
from eventledger.evaluate.dates import ACLED_PRECISION, parse_acled_date, parse_gtd_date
from eventledger.evaluate.normalize import PlaceMatcher, canonical_admin1, event_family

ARTICLE_GOLD_FORMAT = "eventledger-gold/1"


@dataclass(frozen=True)
class GoldDocument:
    id: str
    file: Path | None  # absolute path of the file holding it
    outlet: str | None = None
    published: dt.date | None = None
    cites: tuple[str, ...] = ()
    title: str | None = None  # optional: helps find one entry of a feed or JSONL file

    @property
    def entry(self) -> str | None:
        """What follows ``#`` in ids like ``feed#1`` or ``articles#a17``: the entry in a multi-article file."""
        return self.id.split("#", 1)[1] if "#" in self.id else None


@dataclass(frozen=True)
class GoldActor:
    id: str
    kind: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class GoldEvent:
    id: str
    kind: str
    mentioned_in: tuple[str, ...]
    event_type: str | None = None
    sub_event_type: str | None = None
    weapon: str | None = None
    target: str | None = None
    date: str | None = None
    date_precision: str | None = None
    country: str | None = None
    admin1: str | None = None
    place: str | None = None
    killed: int | None = None
    wounded: int | None = None
    claimed_by: tuple[str, ...] = ()
    denied_by: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()

    @property
    def family(self) -> str | None:
        return event_family(self.event_type, self.sub_event_type)


@dataclass(frozen=True)
class ArticleGold:
    path: Path
    documents: tuple[GoldDocument, ...]
    actors: tuple[GoldActor, ...] = ()
    events: tuple[GoldEvent, ...] = ()
    boilerplate_traps: dict[str, tuple[str, ...]] = field(default_factory=dict)
    tallies: dict[str, dict[str, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class GoldRow:
    """One row of a record gold: its text, when it was published, and what it should yield."""

    id: str
    text: str
    published: dt.date | None = None
    label: str | None = None  # ACLED sub-event type or CASE label
    date: str | None = None
    date_precision: str | None = None
    admin1: str | None = None
    killed: int | None = None
    wounded: int | None = None


@dataclass(frozen=True)
class RecordGold:
    path: Path
    layout: str  # acled | gtd | case
    rows: tuple[GoldRow, ...]


def load_gold(path: str | Path, *, limit: int | None = None, match_place: PlaceMatcher | None = None) -> ArticleGold | RecordGold:
    """Read a gold file of any supported kind (YAML article gold, or CSV/TSV record gold).

    ``limit`` keeps the first N rows of a record gold, or the first N documents of an article
    gold (see :func:`first_documents`).
    """
    path = Path(path)
    if not path.is_file():
        raise GoldError(f"gold file {path} does not exist")
    if path.suffix.lower() in (".yaml", ".yml"):
        gold = load_article_gold(path)
        return gold if limit is None else first_documents(gold, limit)
    if path.suffix.lower() in (".csv", ".tsv", ".tab", ".txt"):
        return load_record_gold(path, limit=limit, match_place=match_place)
    raise GoldError(f"{path}: unknown gold format; give a .yaml article gold or a .csv/.tsv record gold")


# -- article gold -------------------------------------------------------------------------------


def _date_text(value: Any) -> str | None:
    # YAML reads 2020-11-17 as a date and 2020-10 as a string; gold dates are strings either way
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    return str(value).strip() or None


def _int_or_none(value: Any, where: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(float(value))
    except (TypeError, ValueError) as exc:
        raise GoldError(f"{where}: {value!r} is not a number") from exc


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    return (str(value),)


def load_article_gold(path: str | Path) -> ArticleGold:
    """Read an ``eventledger-gold/1`` file; document files are resolved against its folder."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except yaml.YAMLError as exc:
        raise GoldError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise GoldError(f"{path}: expected a mapping with documents/events, found {type(data).__name__}")
    if data.get("format") not in (None, ARTICLE_GOLD_FORMAT):
        raise GoldError(f"{path}: format {data.get('format')!r} is not {ARTICLE_GOLD_FORMAT}")
    documents = []
    for i, raw in enumerate(data.get("documents") or []):
        if not isinstance(raw, dict) or not raw.get("id"):
            raise GoldError(f"{path}: document {i + 1} has no id")
        file = (path.parent / str(raw["file"])).resolve() if raw.get("file") else None
        published = raw.get("published")
        if isinstance(published, str):
            try:
                published = dt.date.fromisoformat(published[:10])
            except ValueError as exc:
                raise GoldError(f"{path}: document {raw['id']}: published {published!r} is not a date") from exc
        documents.append(
            GoldDocument(
                id=str(raw["id"]),
                file=file,
                outlet=raw.get("outlet"),
                published=published if isinstance(published, dt.date) else None,
                cites=_strings(raw.get("cites")),
                title=raw.get("title"),
            )
        )
    known = {d.id for d in documents}
    actors = tuple(
        GoldActor(id=str(a["id"]), kind=a.get("kind"), aliases=_strings(a.get("aliases")))
        for a in data.get("actors") or []
    )
    events = []
    for i, raw in enumerate(data.get("events") or []):
        where = f"{path}: event {raw.get('id') or i + 1}"
        if not raw.get("kind"):
            raise GoldError(f"{where} has no kind")
        mentioned = _strings(raw.get("mentioned_in"))
        unknown = [d for d in mentioned if d not in known]
        if unknown:
            raise GoldError(f"{where} is mentioned in unknown document(s) {', '.join(unknown)}")
        events.append(
            GoldEvent(
                id=str(raw.get("id") or f"event-{i + 1}"),
                kind=str(raw["kind"]),
                mentioned_in=mentioned,
                event_type=raw.get("event_type"),
                sub_event_type=raw.get("sub_event_type"),
                weapon=raw.get("weapon"),
                target=raw.get("target"),
                date=_date_text(raw.get("date")),
                date_precision=raw.get("date_precision"),
                country=raw.get("country"),
                admin1=raw.get("admin1"),
                place=raw.get("place"),
                killed=_int_or_none(raw.get("killed"), where),
                wounded=_int_or_none(raw.get("wounded"), where),
                claimed_by=_strings(raw.get("claimed_by")),
                denied_by=_strings(raw.get("denied_by")),
                actors=_strings(raw.get("actors")),
            )
        )
    traps = {str(k): _strings(v) for k, v in (data.get("boilerplate_traps") or {}).items()}
    tallies = {
        str(name): {str(cell): int(value) for cell, value in (cells or {}).items()}
        for name, cells in (data.get("tallies") or {}).items()
    }
    return ArticleGold(path=path, documents=tuple(documents), actors=actors, events=tuple(events),
                       boilerplate_traps=traps, tallies=tallies)


def first_documents(gold: ArticleGold, limit: int) -> ArticleGold:
    """The gold cut down to its first ``limit`` documents, for quick runs.

    Events keep only their mentions in the kept documents (events left with none are dropped),
    traps only those of kept documents; tallies are dropped, since they count over every document.
    """
    documents = gold.documents[: max(limit, 0)]
    kept = {d.id for d in documents}
    events = []
    for event in gold.events:
        mentions = tuple(d for d in event.mentioned_in if d in kept)
        if mentions:
            events.append(replace(event, mentioned_in=mentions))
    traps = {d: t for d, t in gold.boilerplate_traps.items() if d in kept}
    return replace(gold, documents=documents, events=tuple(events), boilerplate_traps=traps, tallies={})


# -- record gold --------------------------------------------------------------------------------


def detect_layout(columns: list[str]) -> str:
    """``acled``, ``gtd`` or ``case`` from a header row; GoldError for anything else."""
    names = {c.strip() for c in columns}
    if {"notes", "event_date"} <= names:
        return "acled"
    if {"summary", "state"} <= names:
        return "gtd"
    if {"EventSnippet", "SubType"} <= names:
        return "case"
    raise GoldError(
        "record gold needs ACLED columns (notes, event_date), GTD columns (summary, state) or "
        f"CASE columns (EventSnippet, SubType); found {', '.join(sorted(names))}"
    )


def _acled_row(number: int, raw: dict[str, str], _match_place: PlaceMatcher | None) -> GoldRow:
    date = parse_acled_date(raw["event_date"])
    precision = ACLED_PRECISION.get(_int_or_none(raw.get("time_precision"), "time_precision") or 1, "day")
    return GoldRow(
        id=raw.get("event_id_cnty") or raw.get("data_id") or str(number),
        text=raw.get("notes") or "",
        published=date,
        label=(raw.get("sub_event_type") or "").strip() or None,
        date=date.isoformat(),
        date_precision=precision,
        admin1=(raw.get("admin1") or "").strip() or None,
        killed=_int_or_none(raw.get("fatalities"), f"row {number}: fatalities"),
    )


def _gtd_row(number: int, raw: dict[str, str], match_place: PlaceMatcher | None) -> GoldRow:
    date = parse_gtd_date(raw.get("date"), raw.get("summary"))
    return GoldRow(
        id=raw.get("eventid") or str(number),
        text=raw.get("summary") or "",
        published=date,
        date=date.isoformat() if date else None,
        date_precision="day" if date else None,
        admin1=canonical_admin1(raw.get("state"), match_place),
        killed=_int_or_none(raw.get("killed"), f"row {number}: killed"),
        wounded=_int_or_none(raw.get("wounded"), f"row {number}: wounded"),
    )


def _case_row(number: int, raw: dict[str, str], _match_place: PlaceMatcher | None) -> GoldRow:
    return GoldRow(
        id=raw.get("id") or str(number),
        text=raw.get("EventSnippet") or "",
        label=(raw.get("SubType") or "").strip() or None,
    )


_ROW_READERS = {"acled": _acled_row, "gtd": _gtd_row, "case": _case_row}


def load_record_gold(path: str | Path, *, limit: int | None = None, match_place: PlaceMatcher | None = None) -> RecordGold:
    """Read the first ``limit`` rows (all when None) of an ACLED, GTD or CASE gold file.

    Rows with empty text are skipped (there is nothing to extract from); a malformed date or
    number is a :class:`GoldError` naming the row.
    """
    path = Path(path)
    delimiter = "\t" if path.suffix.lower() in (".tsv", ".tab") else ","
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    rows: list[GoldRow] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL)
        layout = detect_layout(list(reader.fieldnames or []))
        read = _ROW_READERS[layout]
        for number, raw in enumerate(reader, start=1):
            if limit is not None and len(rows) >= limit:
                break
            try:
                row = read(number, raw, match_place)
            except GoldError as exc:
                raise GoldError(f"{path}: row {number}: {exc}") from exc
            if row.text.strip():
                rows.append(row)
    return RecordGold(path=path, layout=layout, rows=tuple(rows))
