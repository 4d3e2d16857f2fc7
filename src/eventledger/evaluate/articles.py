"""Scoring a store against article gold (``eventledger-gold/1``).

Every figure is computed from what the store holds after a run: the reports extracted from each
gold document, the merged events, and the KB's resolution of the gold's actor aliases. The
functions here are pure over gold records and models; :func:`score_article_gold` only gathers
them from the store.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eventledger.evaluate.adapters import Adapters, tally_cells
from eventledger.evaluate.dates import date_exact, dates_compatible
from eventledger.evaluate.docmap import map_documents
from eventledger.evaluate.gold import ArticleGold, GoldActor, GoldEvent
from eventledger.evaluate.metrics import (
    FORBIDDEN,
    bcubed,
    match_one_to_one,
    mean,
    pairwise_prf,
    prf,
    set_f1,
)
from eventledger.evaluate.normalize import PlaceMatcher, event_family, fold, same_admin1, same_place, same_text_value
from eventledger.models import ActorRole, Event, Report

FIELDS = ("sub_event_type", "weapon", "admin1", "place", "date", "killed", "wounded", "claimed_by", "denied_by", "actors")
_TALLY_NAME = re.compile(r"^(?P<what>[a-z]+?)s?_by_(?P<by>[a-z0-9_]+)$")


@dataclass(frozen=True)
class Match:
    """A system report matched to the gold event it reports, in one document."""

    document: str
    report: Report
    gold: GoldEvent


# -- actors -------------------------------------------------------------------------------------


class ActorTranslation:
    """Turns system actor ids into gold actor ids.

    A system id stands for the gold actor whose aliases the system's resolver maps to it (when
    aliases of several gold actors resolve to one id, it stands for each of them); a gold id used
    verbatim stands for itself; and a report's actor whose name is one of a gold actor's aliases
    stands for that actor.
    """

    def __init__(self, actors: Sequence[GoldActor], resolve: Callable[[str], str | None] | None) -> None:
        self.by_system_id: dict[str, set[str]] = {}
        self.by_name: dict[str, set[str]] = {}
        for actor in actors:
            self.by_system_id.setdefault(actor.id, set()).add(actor.id)
            for alias in actor.aliases:
                self.by_name.setdefault(fold(alias), set()).add(actor.id)
                resolved = resolve(alias) if resolve is not None else None
                if resolved:
                    self.by_system_id.setdefault(resolved, set()).add(actor.id)

    def candidates(self, system_id: str, name: str | None = None) -> set[str]:
        found = set(self.by_system_id.get(system_id, ()))
        if not found and name:
            found = set(self.by_name.get(fold(name), ()))
        return found

    def translate(self, system: Iterable[tuple[str, str | None]], gold: set[str]) -> set[str]:
        """Gold ids for (system id, name) pairs; an ambiguous id takes the reading the gold uses."""
        result = set()
        for system_id, name in system:
            options = self.candidates(system_id, name)
            if not options:
                result.add(f"system:{system_id}")
            elif options & gold:
                result |= options & gold
            else:
                result.add(sorted(options)[0])
        return result


def alias_clustering(actors: Sequence[GoldActor], resolve: Callable[[str], str | None]) -> dict[str, float]:
    """Pairwise P/R/F1 of the resolver's grouping of gold aliases against the gold actors.

    Each (actor, alias) is an item; its gold cluster is the actor, its system cluster the id the
    resolver gives the alias (an alias it cannot resolve is a cluster of its own).
    """
    gold: dict[tuple[str, str], str] = {}
    system: dict[tuple[str, str], str] = {}
    for actor in actors:
        for alias in dict.fromkeys(actor.aliases):
            item = (actor.id, alias)
            gold[item] = actor.id
            system[item] = resolve(alias) or f"unresolved:{actor.id}:{alias}"
    return pairwise_prf(gold, system)


# -- matching -----------------------------------------------------------------------------------


def compatible(report: Report, gold: GoldEvent) -> bool:
    """Whether a report may be a report of a gold event (see FORMAT.md, event detection)."""
    if report.kind != gold.kind:
        return False
    if gold.kind == "attack":
        system_family = event_family(report.event_type, report.sub_event_type)
        if system_family and gold.family and fold(system_family) != fold(gold.family):
            return False
    if report.admin1 and gold.admin1 and not same_admin1(gold.admin1, report.admin1):
        return False
    return dates_compatible(gold.date, gold.date_precision, report.date, report.date_precision)


def match_score(report: Report, gold: GoldEvent, match_place: PlaceMatcher | None = None) -> float:
    """How well a compatible report agrees with a gold event; breaks ties between candidate pairs."""
    if not compatible(report, gold):
        return FORBIDDEN
    score = 1.0
    if gold.sub_event_type and same_text_value(gold.sub_event_type, report.sub_event_type):
        score += 0.5
    if gold.admin1 and same_admin1(gold.admin1, report.admin1):
        score += 0.5
    if gold.date and date_exact(gold.date, gold.date_precision, report.date, report.date_precision):
        score += 0.5
    if gold.place and same_place(gold.place, report.place, match_place):
        score += 0.25
    if gold.weapon and same_text_value(gold.weapon, report.weapon):
        score += 0.25
    if gold.killed is not None and report.killed == gold.killed:
        score += 0.25
    if gold.wounded is not None and report.wounded == gold.wounded:
        score += 0.25
    if report.historical:
        score -= 0.1  # a background mention is the weaker reading of the same text
    return score


def match_document(document: str, reports: Sequence[Report], events: Sequence[GoldEvent], match_place: PlaceMatcher | None = None) -> list[Match]:
    """One-to-one matching of a document's reports with the gold events it mentions."""
    scores = [[match_score(r, g, match_place) for g in events] for r in reports]
    return [Match(document, reports[i], events[j]) for i, j in match_one_to_one(scores)]


def detection_scores(matches: Sequence[Match], reports: Sequence[Report], mentions: Sequence[tuple[str, GoldEvent]]) -> dict[str, dict[str, float]]:
    """P/R/F1 of event detection for all kinds, attacks, riots and protests, and political kinds
(FORMAT.md: ACLED's Riots and Protests families are kinds of their own, not political ones).

    ``reports`` are every system report of the gold documents, ``mentions`` every (document,
    gold event) pair; a match counts for the group of its (agreeing) kind.
    """
    groups: dict[str, Callable[[str], bool]] = {
        "all": lambda kind: True,
        "attack": lambda kind: kind == "attack",
        "riot_protest": lambda kind: kind in ("riot", "protest"),
        # FORMAT.md's political kinds: orders, ceasefires, meetings, statements, arrests, ...
        "political": lambda kind: kind not in ("attack", "riot", "protest"),
        # every kind but attacks (what "political" meant before riots had a kind of their own)
        "not_attack": lambda kind: kind != "attack",
    }
    result = {}
    for name, member in groups.items():
        tp = sum(1 for m in matches if member(m.gold.kind))
        system = sum(1 for r in reports if member(r.kind))
        gold = sum(1 for _, g in mentions if member(g.kind))
        result[name] = prf(tp, system - tp, gold - tp)
    return result


# -- fields -------------------------------------------------------------------------------------


def _count_right(gold: int, low: int | None, high: int | None) -> bool:
    if low is None:
        return False
    return low == gold or (high is not None and low <= gold <= high)


def field_scores(matches: Sequence[Match], translation: ActorTranslation, match_place: PlaceMatcher | None = None) -> dict[str, float]:
    """Accuracy of each field over matched pairs where the gold has a value (``actors``: mean set F1)."""
    marks = field_marks(matches, translation, match_place)
    return {name: value for name, values in marks.items() if (value := mean(values)) is not None}


def field_end_to_end(
    matches: Sequence[Match], mentions: Sequence[tuple[str, GoldEvent]], translation: ActorTranslation,
    match_place: PlaceMatcher | None = None,
) -> dict[str, float]:
    """Each field's score summed over matched pairs, divided by every gold mention with a value for
    it (a mention no report matched counts as wrong). Unlike ``field_scores`` this cannot fall
    when detection finds more events, so it is what an evaluation gate can hold to a floor."""
    marks = field_marks(matches, translation, match_place)
    result = {}
    for name in FIELDS:
        attribute = "actors" if name == "actors" else name
        total = sum(1 for _, g in mentions if _has_value(getattr(g, attribute, None)))
        if total:
            result[name] = sum(marks[name]) / total
    return result


def _has_value(value: Any) -> bool:
    return value is not None and value != "" and value != () and value != []


def field_marks(matches: Sequence[Match], translation: ActorTranslation, match_place: PlaceMatcher | None = None) -> dict[str, list[float]]:
    """Per field, one mark per matched pair where the gold has a value."""
    marks: dict[str, list[float]] = {name: [] for name in FIELDS}
    for m in matches:
        g, r = m.gold, m.report
        names = {a.actor_id: a.name for a in r.actors}
        if g.sub_event_type:
            marks["sub_event_type"].append(float(same_text_value(g.sub_event_type, r.sub_event_type)))
        if g.weapon:
            marks["weapon"].append(float(same_text_value(g.weapon, r.weapon)))
        if g.admin1:
            marks["admin1"].append(float(same_admin1(g.admin1, r.admin1)))
        if g.place:
            marks["place"].append(float(same_place(g.place, r.place, match_place)))
        if g.date:
            marks["date"].append(float(date_exact(g.date, g.date_precision, r.date, r.date_precision)))
        if g.killed is not None:
            marks["killed"].append(float(_count_right(g.killed, r.killed, r.killed_high)))
        if g.wounded is not None:
            marks["wounded"].append(float(_count_right(g.wounded, r.wounded, r.wounded_high)))
        for name, role in (("claimed_by", "claimed_by"), ("denied_by", "denied_by")):
            wanted = set(getattr(g, name))
            if wanted:
                ids = dict.fromkeys([*getattr(r, name), *r.actor_ids(role)])
                found = translation.translate(((i, names.get(i)) for i in ids), wanted)
                marks[name].append(float(found == wanted))
        if g.actors:
            wanted = set(g.actors)
            ids = dict.fromkeys(a.actor_id for a in r.actors if a.role != "speaker")
            found = translation.translate(((i, names.get(i)) for i in ids), wanted)
            marks["actors"].append(set_f1(wanted, found))
    return marks


# -- linking, tallies, boilerplate ---------------------------------------------------------------


def linking_scores(matches: Sequence[Match], event_of_report: Mapping[str, str]) -> dict[str, Any]:
    """Pairwise P/R/F1 and B-cubed F1 of the system's merge over matched report mentions.

    Items are the matched (document, report) mentions; the gold cluster is the gold event, the
    system cluster the merged event holding the report (a report in no event is alone).
    """
    gold = {(m.document, m.report.id): m.gold.id for m in matches}
    system = {(m.document, m.report.id): event_of_report.get(m.report.id, f"alone:{m.report.id}") for m in matches}
    return {"pairwise": pairwise_prf(gold, system), "bcubed_f1": bcubed(gold, system)["f1"]}


def tally_scores(gold_tallies: Mapping[str, Mapping[str, int]], events: Sequence[Event], tally: Any) -> tuple[dict[str, Any], list[str]]:
    """Each gold tally cell against the system's tally of its own events; names it cannot read are noted."""
    result: dict[str, Any] = {}
    notes = []
    for name, cells in gold_tallies.items():
        parsed = _TALLY_NAME.match(name)
        if not parsed:
            notes.append(f"tally {name!r} not scored: name it like attacks_by_month")
            continue
        kind = None if parsed["what"] == "event" else parsed["what"]
        system = tally_cells(tally, events, parsed["by"], kind)
        result[name] = {cell: {"gold": value, "system": system.get(cell, 0)} for cell, value in cells.items()}
    return result, notes


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def boilerplate_leaks(traps: Mapping[str, Sequence[str]], texts: Iterable[str]) -> int:
    """How many trap strings occur (case and spacing aside) in any of the texts."""
    wanted = {_squash(t) for strings in traps.values() for t in strings if t.strip()}
    leaked: set[str] = set()
    for text in texts:
        squashed = _squash(text or "")
        leaked |= {t for t in wanted - leaked if t in squashed}
        if leaked == wanted:
            break
    return len(leaked)


# -- the whole gold -----------------------------------------------------------------------------


def _short(value: Any) -> Any:
    return value[:160] if isinstance(value, str) else value


def misses(
    matches: Sequence[Match], reports: Sequence[tuple[str, Report]], mentions: Sequence[tuple[str, GoldEvent]],
    match_place: PlaceMatcher | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """What the figures do not show: gold mentions no report matched, reports that matched
    nothing, and per matched pair the fields the report got wrong (for whoever improves the system)."""
    matched_reports = {(m.document, m.report.id) for m in matches}
    matched_mentions = {(m.document, m.gold.id) for m in matches}
    missed = [{"document": d, "gold": g.id, "kind": g.kind, "date": g.date, "admin1": g.admin1}
              for d, g in mentions if (d, g.id) not in matched_mentions]
    spurious = [{"document": d, "report": r.id, "kind": r.kind, "sub_event_type": r.sub_event_type, "date": r.date,
                 "admin1": r.admin1, "text": _short(r.text)} for d, r in reports if (d, r.id) not in matched_reports]
    wrong = []
    for m in matches:
        g, r = m.gold, m.report
        checks = {
            "sub_event_type": (g.sub_event_type, r.sub_event_type, same_text_value(g.sub_event_type, r.sub_event_type)),
            "weapon": (g.weapon, r.weapon, same_text_value(g.weapon, r.weapon)),
            "admin1": (g.admin1, r.admin1, same_admin1(g.admin1, r.admin1)),
            "place": (g.place, r.place, same_place(g.place, r.place, match_place)),
            "date": (g.date, r.date, date_exact(g.date, g.date_precision, r.date, r.date_precision)),
            "killed": (g.killed, r.killed, g.killed is not None and _count_right(g.killed, r.killed, r.killed_high)),
            "wounded": (g.wounded, r.wounded, g.wounded is not None and _count_right(g.wounded, r.wounded, r.wounded_high)),
        }
        for name, (want, got, right) in checks.items():
            if want is not None and want != "" and not right:
                wrong.append({"document": m.document, "gold": g.id, "report": r.id, "field": name,
                              "gold_value": want, "system_value": got})
    return {"missed": missed, "spurious": spurious, "wrong_fields": wrong}


def event_view(report: Report, event: Event | None, reports_by_id: Mapping[str, Report]) -> Report:
    """The system's answer for one matched mention: the merged event's values in a report's shape.

    The gold codes each field once per real-world event (its date, who claimed it), and a
    single article may not say it ("the rocket attack" with no day, no claim). What the system
    answers about the event an article mentions is the merged event that report joined; a
    report in no event answers alone.
    """
    if event is None:
        return report
    members = [reports_by_id[i] for i in event.report_ids if i in reports_by_id] or [report]
    actors: dict[tuple[str, str], ActorRole] = {}
    for member in members:
        for role in member.actors:
            actors.setdefault((role.actor_id, role.role), role)
    return dataclasses.replace(
        report,
        sub_event_type=event.sub_event_type,
        weapon=event.weapon,
        admin1=event.admin1,
        place=event.place,
        date=event.date,
        date_precision=event.date_precision,
        killed=event.killed_low,
        killed_high=event.killed_high,
        wounded=event.wounded_low,
        wounded_high=event.wounded_high,
        claimed_by=tuple(dict.fromkeys(c.actor_id for c in event.claims if c.stance == "claimed")),
        denied_by=tuple(dict.fromkeys(c.actor_id for c in event.claims if c.stance == "denied")),
        actors=tuple(actors.values()),
    )


def score_article_gold(gold: ArticleGold, store: Any, adapters: Adapters, *, details: bool = False) -> dict[str, Any]:
    """Every figure of FORMAT.md for an article gold, from what ``store`` holds.

    ``details`` adds a ``details`` key listing missed gold mentions, spurious reports and wrong
    fields (see :func:`misses`).
    """
    articles = list(store.iter_articles())
    by_id = {a.id: a for a in articles}
    mapping = map_documents(gold, articles)
    notes: list[str] = []
    missing_docs = [d.id for d in gold.documents if d.id not in mapping]
    if missing_docs:
        notes.append(f"{len(missing_docs)} gold document(s) not found in the store: {', '.join(missing_docs)}")

    all_reports: list[Report] = []
    located: list[tuple[str, Report]] = []
    matches: list[Match] = []
    mentions: list[tuple[str, GoldEvent]] = []
    for document in gold.documents:
        events = [e for e in gold.events if document.id in e.mentioned_in]
        mentions.extend((document.id, e) for e in events)
        article_id = mapping.get(document.id)
        if article_id is None:
            continue
        article = by_id[article_id]
        reports = store.list_reports(article_id=article.duplicate_of or article.id)
        all_reports.extend(reports)
        located.extend((document.id, r) for r in reports)
        matches.extend(match_document(document.id, reports, events, adapters.match_place))

    system_events = store.list_events(limit=None)
    event_of_report = {rid: e.id for e in system_events for rid in e.report_ids}
    translation = ActorTranslation(gold.actors, adapters.actor_id)

    event_by_id = {e.id: e for e in system_events}
    reports_by_id = {r.id: r for r in store.list_reports()}
    as_events = [
        dataclasses.replace(m, report=event_view(m.report, event_by_id.get(event_of_report.get(m.report.id, "")), reports_by_id))
        for m in matches
    ]
    result: dict[str, Any] = {
        "gold": str(gold.path),
        "documents": len(gold.documents),
        "events": detection_scores(matches, all_reports, mentions),
        # fields: what the system answers for each mention (its merged event); by report: what
        # the one article's report says alone
        "fields": field_scores(as_events, translation, adapters.match_place),
        "fields_by_report": field_scores(matches, translation, adapters.match_place),
        "fields_end_to_end": field_end_to_end(matches, mentions, translation, adapters.match_place),
        "linking": linking_scores(matches, event_of_report),
    }
    if gold.actors and adapters.actor_id is not None:
        result["actors"] = {"pairwise": alias_clustering(gold.actors, adapters.actor_id)}
    if gold.tallies:
        result["tallies"], tally_notes = tally_scores(gold.tallies, system_events, adapters.tally)
        notes.extend(tally_notes)
    if gold.boilerplate_traps:
        texts = [a.text for a in articles] + [a.title or "" for a in articles]
        texts += [r.text for r in store.list_reports()] + [e.summary for e in system_events]
        result["boilerplate_leaks"] = boilerplate_leaks(gold.boilerplate_traps, texts)
    result["counts"] = {
        "documents_found": len(mapping),
        "system_reports": len(all_reports),
        "gold_mentions": len(mentions),
        "matched": len(matches),
        "system_events": len(system_events),
        "failures": store.count_failures(),
    }
    if details:
        result["details"] = misses(matches, located, mentions, adapters.match_place)
    if notes:
        result["notes"] = notes
    return result
