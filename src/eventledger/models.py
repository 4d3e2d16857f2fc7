"""The typed records that cross stage boundaries.

Every stage (ingest, nlp, extract, link, store, analyze, web) exchanges only these frozen
dataclasses. Each has ``as_dict()`` (plain JSON-ready values) and ``from_dict()``; the CLI's
``--json`` output and the REST API use exactly these shapes.

Character offsets (``Span.start``/``Span.end``) always index ``Article.text`` of the article
the record came from.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

T = TypeVar("T", bound="Record")

DATE_PRECISIONS = ("day", "week", "month", "year", "unknown")

# Report/Event kinds. Violent kinds carry ACLED's event_type/sub_event_type.
VIOLENT_KINDS = ("attack", "riot")  # ACLED: Battles, Explosions, Violence against civilians; Riots
POLITICAL_KINDS = (
    "order",  # an order or instruction ("Khamenei ordered the factions to stop")
    "ceasefire",  # a truce declared, extended or ended
    "meeting",  # a meeting or visit
    "threat",  # a threat or warning
    "statement",  # a statement or accusation
    "claim",  # a claim of responsibility that is not tied to an extracted attack
    "denial",  # a denial that is not tied to an extracted attack
    "arrest",
    "protest",
    "agreement",
)
KINDS = VIOLENT_KINDS + POLITICAL_KINDS

ACTOR_ROLES = ("perpetrator", "target", "claimed_by", "denied_by", "participant", "speaker")


# the JSON scalars most field values are, tested first by exact type (``Record.as_dict`` runs
# for every field of every stored report, mention and span)
_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


def _to_plain(value: Any) -> Any:
    if type(value) in _PLAIN_TYPES:
        return value
    if isinstance(value, Record):
        return value.as_dict()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _to_plain(v) for k, v in value.items()}
    if isinstance(value, EventFields):
        return value.as_dict()
    return value


_FIELD_NAMES: dict[type, dict[str, None]] = {}


def _field_names(cls: type) -> dict[str, None]:
    """A model's field names, in order, as dict keys for O(1) lookups (``dataclasses.fields``
    rebuilds its tuple on every call: a third of the time of reading 7,000 stored reports)."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = dict.fromkeys(f.name for f in dataclasses.fields(cls))
    return names


class Record:
    """Base of every model: dict round-trip and a stable JSON form.

    Models keep their fields in slots, not a per-instance dict: a Report or an Event has more
    fields than Python's shared-key dicts hold (30), so each would carry a dict of its own
    (about 1 KB), the larger part of a million linked reports' memory.
    """

    __slots__ = ()

    # field name -> model class for nested records (a single record or a tuple of them); mappings
    # of name -> records (Report.evidence, Event.fields) are read by those classes' from_dict
    _nested: ClassVar[dict[str, type]] = {}
    _dates: ClassVar[tuple[str, ...]] = ()

    def as_dict(self) -> dict[str, Any]:
        plain = _PLAIN_TYPES
        return {
            name: value if type(value) in plain else _to_plain(value)
            for name in _field_names(type(self))
            for value in (getattr(self, name),)
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        names = _field_names(cls)
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            if key not in names:
                continue
            nested = cls._nested.get(key)
            if nested is not None and value is not None:
                if isinstance(value, dict):
                    value = nested.from_dict(value)  # type: ignore[attr-defined]
                elif isinstance(value, list):
                    value = tuple(nested.from_dict(v) for v in value)  # type: ignore[attr-defined]
            elif key in cls._dates and isinstance(value, str):
                value = dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
            elif isinstance(value, list):
                value = tuple(tuple(v) if isinstance(v, list) else v for v in value)
            kwargs[key] = value
        return cls(**kwargs)


def content_hash(text: str) -> str:
    """The id of an article: sha256 of its whitespace-normalised text, 16 hex digits."""
    normalised = " ".join(text.split()).casefold()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Span(Record):
    """Evidence: characters ``text[start:end]`` of the article."""

    start: int
    end: int
    text: str = ""


@dataclass(frozen=True, slots=True)
class Article(Record):
    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    lang: str = "en"
    source: str | None = None  # file path or URL it was read from
    format: str | None = None  # reader that produced it: text, html, json, csv, warc, feed, url
    duplicate_of: str | None = None  # id of the first copy when this is a near-duplicate
    fetched_at: dt.datetime | None = None

    _dates: ClassVar[tuple[str, ...]] = ("published", "fetched_at")

    @property
    def content_hash(self) -> str:
        return self.id

    @classmethod
    def create(cls, text: str, **fields: Any) -> Article:
        """Build an article whose id is the content hash of its text (and title)."""
        basis = (fields.get("title") or "") + "\n" + text
        return cls(id=content_hash(basis), text=text, **fields)


@dataclass(frozen=True, slots=True)
class Mention(Record):
    """A surface form in the text resolved (or not) to a knowledge-base entry."""

    text: str
    span: Span
    kind: str  # actor | place | weapon | outlet | person
    entity_id: str | None = None  # canonical id in the KB, or a stable "unk:..." id
    label: str | None = None  # spaCy/ruler label

    _nested: ClassVar[dict[str, type]] = {"span": Span}


@dataclass(frozen=True, slots=True)
class ActorRole(Record):
    actor_id: str
    name: str
    role: str  # one of ACTOR_ROLES
    span: Span | None = None

    _nested: ClassVar[dict[str, type]] = {"span": Span}


@dataclass(frozen=True, slots=True)
class Citation(Record):
    """An outlet or person an article reports from ("AP reported", "told MEE")."""

    outlet: str | None  # canonical outlet name, when it names one
    span: Span
    speaker: str | None = None  # "a senior commander", "Iraqi officials"
    quote: str | None = None  # the quoted words, when there are any
    outlet_id: str | None = None
    title: str | None = None  # a reference-list entry: the cited work's title ...
    published: dt.date | None = None  # ... and the date the entry gives for it

    _nested: ClassVar[dict[str, type]] = {"span": Span}
    _dates: ClassVar[tuple[str, ...]] = ("published",)


@dataclass(frozen=True, slots=True)
class LogTotal(Record):
    """A figure an article states to check against ("December Totals - 8"), not an event."""

    period: str  # YYYY-MM or YYYY
    count: int
    span: Span
    what: str = "attack"

    _nested: ClassVar[dict[str, type]] = {"span": Span}


@dataclass(frozen=True, slots=True)
class Report(Record):
    """One article's account of one real-world event, every field with its evidence."""

    id: str
    article_id: str
    kind: str
    index: int = 0  # order within the article
    event_type: str | None = None
    sub_event_type: str | None = None
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    date_precision: str = "unknown"
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    place: str | None = None  # location name (city or named site)
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None  # ACLED: 1 exact town/site, 2 near/district, 3 province
    actors: tuple[ActorRole, ...] = ()
    killed: int | None = None  # conservative count ("at least seven" -> 7)
    killed_high: int | None = None  # upper bound when the text gives a range
    wounded: int | None = None
    wounded_high: int | None = None
    weapon: str | None = None  # rocket, mortar, ied, drone, small_arms, airstrike, ...
    target: str | None = None
    claimed_by: tuple[str, ...] = ()  # actor ids
    denied_by: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()  # outlets this report rests on
    speakers: tuple[str, ...] = ()
    historical: bool = False  # a mention of a past event as background
    segment: str | None = None  # e.g. "log:3" for one line of an incident log
    text: str = ""  # the sentence(s) the report comes from
    span: Span | None = None  # where that text is
    evidence: dict[str, tuple[Span, ...]] = field(default_factory=dict)  # field name -> spans
    confidence: float = 1.0

    _nested: ClassVar[dict[str, type]] = {"actors": ActorRole, "span": Span}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """The report of a stored JSON document, with its equal strings held once: the few values
        thousands of reports share (kinds, types, places, dates, actors, outlets) interned, and the
        span of its text (and a date evidence that is the whole sentence) holding the text
        itself. Decoded JSON holds each apart: 3.5 KB a report, most of the memory of linking
        every stored report at once."""
        data = dict(data)
        evidence = data.pop("evidence", None) or {}
        intern = sys.intern
        _intern_values(data, _SHARED_VALUES, _SHARED_LISTS)
        if data.get("actors"):
            data["actors"] = [_shared_actor(a) for a in data["actors"]]
        text = data.get("text")
        span = data.get("span")
        if text and isinstance(span, dict) and span.get("text") == text:
            data["span"] = dict(span, text=text)
        report = super(Report, cls).from_dict(data)  # (slots: the zero-argument form names the pre-slots class)
        spans = {
            intern(k): tuple(Span.from_dict(dict(s, text=text) if text and s.get("text") == text else s) for s in v)
            for k, v in evidence.items()
        }
        return dataclasses.replace(report, evidence=spans)

    def actor_ids(self, role: str | None = None) -> tuple[str, ...]:
        return tuple(a.actor_id for a in self.actors if role is None or a.role == role)


# Report fields whose values few distinct strings make up, held once each when decoded
_SHARED_VALUES = (
    "article_id", "kind", "event_type", "sub_event_type", "date", "date_precision", "country", "admin1", "admin2",
    "place", "weapon", "target", "segment",
)
_SHARED_LISTS = ("claimed_by", "denied_by", "cites", "speakers")


def _intern_values(data: dict[str, Any], keys: Sequence[str], lists: Sequence[str]) -> None:
    """Intern the strings of ``data[key]`` for ``keys`` and the strings in ``data[key]`` for ``lists``."""
    intern = sys.intern
    for key in keys:
        value = data.get(key)
        if type(value) is str:
            data[key] = intern(value)
    for key in lists:
        value = data.get(key)
        if value:
            data[key] = [intern(v) if type(v) is str else v for v in value]


def _shared_actor(actor: Any) -> Any:
    if not isinstance(actor, dict):
        return actor
    shared = {k: sys.intern(v) if type(v) is str else v for k, v in actor.items()}
    span = shared.get("span")
    if isinstance(span, dict) and type(span.get("text")) is str:
        shared["span"] = dict(span, text=sys.intern(span["text"]))
    return shared


@dataclass(frozen=True, slots=True)
class ArticleExtraction(Record):
    """Everything extraction takes from one article."""

    article_id: str
    reports: tuple[Report, ...] = ()
    mentions: tuple[Mention, ...] = ()
    citations: tuple[Citation, ...] = ()
    totals: tuple[LogTotal, ...] = ()
    # An undated article's reference date, inferred from a dated work it republishes
    # (see eventledger.link.anchoring); relative dates in its reports resolve against it.
    anchor_date: dt.date | None = None
    anchor_source: str | None = None  # how it was found: "<article id>: <citation>"

    _dates: ClassVar[tuple[str, ...]] = ("anchor_date",)
    _nested: ClassVar[dict[str, type]] = {
        "reports": Report,
        "mentions": Mention,
        "citations": Citation,
        "totals": LogTotal,
    }


@dataclass(frozen=True, slots=True)
class FieldValue(Record):
    """One report's value for one field of a merged event."""

    report_id: str
    value: Any
    agrees: bool = True


# (field name, the positions in the event's report ids of the reports giving it) for each field
Layout = tuple[tuple[str, tuple[int, ...]], ...]
# Equal layouts, one object each: most events of one kind give the same fields from the same
# reports. Bounded; a layout given again after a clear is simply kept anew.
_LAYOUTS: dict[Layout, Layout] = {}


class EventFields(Mapping[str, tuple[FieldValue, ...]]):
    """``Event.fields`` held compactly: a read-only mapping of field name -> every report's
    ``FieldValue``, which keeps one flat tuple of the values, the positions of their reports in the
    event's ``report_ids`` (a layout shared by the events that have the same one) and the
    disagreeing values as the bits of one integer. A million linked reports' events held a
    FieldValue, a tuple slot and a dict entry per report and field: 1.5 KB an event, the larger part
    of their memory. Reading a field makes its FieldValues anew, equal to the ones given.
    """

    __slots__ = ("_disagree", "_layout", "_report_ids", "_values")

    def __init__(self, report_ids: tuple[str, ...], layout: Layout, values: tuple[Any, ...], disagree: int = 0) -> None:
        self._report_ids = report_ids
        found = _LAYOUTS.get(layout)
        if found is None:
            if len(_LAYOUTS) >= 1 << 16:
                _LAYOUTS.clear()
            found = _LAYOUTS[layout] = layout
        self._layout = found
        self._values = values
        self._disagree = disagree

    @classmethod
    def build(cls, report_ids: tuple[str, ...], fields: Iterable[tuple[str, Sequence[tuple[str, Any, bool]]]]) -> EventFields:
        """From (field name, its (report id, value, agrees) triples) pairs; every report id is one
        of ``report_ids``."""
        position = {report_id: i for i, report_id in enumerate(report_ids)}
        layout: list[tuple[str, tuple[int, ...]]] = []
        values: list[Any] = []
        disagree = 0
        for name, triples in fields:
            for _, value, agrees in triples:
                if not agrees:
                    disagree |= 1 << len(values)
                values.append(value)
            layout.append((name, tuple([position[t[0]] for t in triples])))
        return cls(report_ids, tuple(layout), tuple(values), disagree)

    @classmethod
    def of(cls, fields: Mapping[str, tuple[FieldValue, ...]], report_ids: tuple[str, ...]) -> Mapping[str, tuple[FieldValue, ...]]:
        """``fields`` held compactly, or as given when they can't be (a value of a report the
        event does not hold, an ``agrees`` that is not a bool): either way equal to ``fields``."""
        if isinstance(fields, EventFields):
            return fields
        held = set(report_ids)
        if not all(
            type(v) is FieldValue and v.report_id in held and type(v.agrees) is bool for values in fields.values() for v in values
        ):
            return fields
        return cls.build(report_ids, [(name, [(v.report_id, v.value, v.agrees) for v in values]) for name, values in fields.items()])

    def __getitem__(self, name: str) -> tuple[FieldValue, ...]:
        offset = 0
        for field_name, positions in self._layout:
            if field_name == name:
                report_ids, values, disagree = self._report_ids, self._values, self._disagree
                return tuple(
                    FieldValue(report_ids[p], values[offset + k], not disagree >> (offset + k) & 1)
                    for k, p in enumerate(positions)
                )
            offset += len(positions)
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return (name for name, _ in self._layout)

    def __len__(self) -> int:
        return len(self._layout)

    def __contains__(self, name: object) -> bool:
        return any(field_name == name for field_name, _ in self._layout)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, EventFields) and self._report_ids == other._report_ids and self._layout == other._layout:
            return self._values == other._values and self._disagree == other._disagree
        if isinstance(other, Mapping):
            return dict(self.items()) == dict(other.items())
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # (as a dict's)

    def __repr__(self) -> str:
        return repr(dict(self.items()))

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return (EventFields, (self._report_ids, self._layout, self._values, self._disagree))

    def as_dict(self) -> dict[str, list[dict[str, Any]]]:
        return {name: [_to_plain(v) for v in values] for name, values in self.items()}


@dataclass(frozen=True, slots=True)
class Claim(Record):
    actor_id: str
    stance: str  # claimed | denied
    report_id: str
    outlet: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Event(Record):
    """One real-world event: the merge of every report of it."""

    id: str
    kind: str
    report_ids: tuple[str, ...]
    event_type: str | None = None
    sub_event_type: str | None = None
    date: str | None = None
    date_precision: str = "unknown"
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    place: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    actors: tuple[str, ...] = ()
    weapon: str | None = None
    target: str | None = None
    killed_low: int | None = None
    killed_best: int | None = None
    killed_high: int | None = None
    wounded_low: int | None = None
    wounded_best: int | None = None
    wounded_high: int | None = None
    claims: tuple[Claim, ...] = ()
    independent_sources: int = 1
    outlets: tuple[str, ...] = ()
    # per-field report values; held as ``EventFields`` (given as a plain mapping, compacted)
    fields: Mapping[str, tuple[FieldValue, ...]] = field(default_factory=dict)
    conflicts: tuple[str, ...] = ()  # names of fields where reports disagree
    story_id: str | None = None
    summary: str = ""

    _nested: ClassVar[dict[str, type]] = {"claims": Claim}

    def __post_init__(self) -> None:
        if self.fields and not isinstance(self.fields, EventFields):
            object.__setattr__(self, "fields", EventFields.of(self.fields, self.report_ids))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        data = dict(data)
        # the values many events share held once each, as in Report.from_dict
        _intern_values(data, _SHARED_VALUES, ("actors", "outlets", "conflicts"))
        # decoded here, and given to the constructor (a mapping passes Record.from_dict unchanged)
        data["fields"] = {
            sys.intern(k): tuple(FieldValue.from_dict(_interned_value(v)) for v in vs) for k, vs in (data.get("fields") or {}).items()
        }
        return super(Event, cls).from_dict(data)


def _interned_value(value: Any) -> Any:
    """A stored FieldValue with its string value interned (place names, dates, weapons)."""
    if isinstance(value, dict) and type(value.get("value")) is str:
        return dict(value, value=sys.intern(value["value"]))
    return value


@dataclass(frozen=True, slots=True)
class Actor(Record):
    id: str
    name: str
    kind: str  # person | armed_group | state_force | party | outlet | organization | government
    inter_code: int | None = None  # ACLED inter code (1 state forces, 2 rebels, 3 militias, ...)
    aliases: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()  # ids of parent/umbrella actors
    wikidata: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Place(Record):
    id: str
    name: str
    kind: str  # country | admin1 | admin2 | city | site
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Story(Record):
    id: str
    label: str
    article_ids: tuple[str, ...] = ()
    event_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Failure(Record):
    """An input that could not be ingested or processed, with a one-line reason."""

    source: str
    reason: str
    stage: str = "ingest"
    at: dt.datetime | None = None

    _dates: ClassVar[tuple[str, ...]] = ("at",)


EDIT_ACTIONS = ("set", "merge", "split", "dismiss")


@dataclass(frozen=True, slots=True)
class Edit(Record):
    """A hand correction of an event, kept and re-applied after every linking run.

    ``action``: ``set`` (``field`` := ``value``), ``merge`` (the event ``other_id`` into
    ``event_id``), ``split`` (report ``other_id`` off its event ``event_id``) or ``dismiss`` (not an
    event). ``reports``: the report ids the edit concerned when it was made (a merge: the other
    event's), so that it finds them when ids have moved. ``status``: what its last application did.
    """

    id: int | None
    action: str
    event_id: str
    field: str | None = None
    value: Any = None
    other_id: str | None = None
    reports: tuple[str, ...] = ()
    author: str = ""
    reason: str = ""
    created_at: dt.datetime | None = None
    status: str | None = None
    applied_at: dt.datetime | None = None

    _dates: ClassVar[tuple[str, ...]] = ("created_at", "applied_at")
