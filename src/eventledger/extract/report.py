"""Turning clusters and log lines into :class:`~eventledger.models.Report` records.

Every field a report fills comes with the spans that support it (``Report.evidence``): the
trigger and weapon words, the date expression, the place name, the casualty phrase, the claim.
When a field is filled from the article rather than from a sentence (the publication month of
an undated event, the country the article is about) its evidence is the report's own sentence.
Each field is decided by its module in :mod:`eventledger.extract.fields`; this module says which
fields a kind of report has and assembles them.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any

from eventledger import taxonomy
from eventledger.extract.analysis import SentenceInfo
from eventledger.extract.clusters import Cluster
from eventledger.extract.detection.acled import fight_told_after, set_attack_types, set_log_types
from eventledger.extract.detection.intervention import conduct_told_after
from eventledger.extract.detection.strategic import STRATEGIC, strategic_type
from eventledger.extract.entities import get_kb
from eventledger.extract.fields import actors, attribution, casualties, date, place, target, weapon
from eventledger.extract.fields.draft import Fields, sentence_span, span_of
from eventledger.extract.logs import LogLine
from eventledger.kb.actors import NATIONAL_MILITARY, generic_base, named_in_country
from eventledger.models import ActorRole, Article, Citation, Report, Span


def report_id(article_id: str, kind: str, index: int, start: int) -> str:
    """A stable id: same article, same place in it, same kind -> same id."""
    digest = hashlib.sha256(f"{article_id}:{kind}:{start}".encode()).hexdigest()[:10]
    return f"{article_id}-{index:03d}-{digest}"


def attack_fields(cluster: Cluster, infos: list[SentenceInfo], article: Article, citations: list[Citation]) -> Fields:
    """Fields of an attack (or stand-alone claim/denial) cluster."""
    text = article.text
    fields = Fields()
    happened = [i for i in cluster.infos if i.attack and not i.attack.supporting] or cluster.infos
    kind_spans = [span_of(text, *i.absolute(i.attack.triggers[0])) for i in happened if i.attack and i.attack.triggers]
    fields.set("kind", cluster.kind, kind_spans or [sentence_span(cluster.first)])
    chosen = weapon.set_attack_weapon(fields, happened, text)
    target.set_attack_target(fields, happened, text)
    if cluster.kind == "attack":
        set_attack_types(fields, happened, chosen, kind_spans)
        turned = conduct_told_after(cluster.infos, infos, fields.values.get("sub_event_type") or "")
        if turned is not None:  # what the next sentences tell was done at the protest, or by its crowd
            _retype(fields, turned[1], kind_spans, kind=turned[0])
        fought = fight_told_after(cluster.infos, infos, fields.values.get("sub_event_type") or "")
        if fought is not None:  # the next sentences tell the attacked side fighting back
            _retype(fields, fought[1], kind_spans)
    place.set_attack_place(fields, cluster, happened, infos, text)
    if cluster.scene is not None:
        _set_scene(fields, cluster.scene, cluster.named_in or cluster.first, text)
    date.set_event_date(fields, cluster, article, text, cluster.historical, infos)
    if cluster.named_in is None:
        # the toll of a sentence naming several scenes stays with the first scene's report, as
        # the whole: split among the others it would be counted twice (see clusters.scene_splits);
        # read after the date, as a toll told in the sentence that dates the event is its own
        casualties.set_attack_casualties(fields, cluster, infos, text)
    actors.set_attack_actors(fields, cluster, text)
    attribution.set_attribution(fields, cluster, infos, citations)
    date.set_historical(fields, cluster, text)
    return fields


_PLACE_FIELDS = ("country", "admin1", "admin2", "place", "latitude", "longitude", "geo_precision")


def _set_scene(fields: Fields, scene: place.PlaceMention, info: SentenceInfo, text: str) -> None:
    """The place fields of a report whose one scene is already known (a split of a list of scenes)."""
    country = fields.values.get("country"), fields.evidence.get("country", [])
    for name in _PLACE_FIELDS:
        fields.values.pop(name, None)
        fields.evidence.pop(name, None)
    place.set_place(fields, [(info, scene)], text, country_only=False)
    if "country" not in fields.values and country[0] is not None:
        fields.set("country", country[0], country[1])
    if scene.place.kind == "city" and "place" not in fields.values:
        fields.set("place", scene.place.name, [span_of(text, scene.start, scene.end)])


def political_fields(
    cluster: Cluster, infos: list[SentenceInfo], article: Article, citations: list[Citation], country: tuple[str, Span] | None
) -> Fields:
    """Fields of a political cluster."""
    text = article.text
    fields = Fields()
    triggers = [span_of(text, *i.absolute(c.trigger)) for i in cluster.infos for c in i.political if c.kind == cluster.kind]
    fields.set("kind", cluster.kind, triggers or [sentence_span(cluster.first)])
    sub_type = strategic_type(cluster.kind, [c for i in cluster.infos for c in i.political])
    if sub_type is not None:  # ACLED codes it as a Strategic development
        fields.set("event_type", STRATEGIC, triggers or [sentence_span(cluster.first)])
        fields.set("sub_event_type", sub_type, triggers or [sentence_span(cluster.first)])
    place.set_political_place(fields, cluster, text, country, infos)
    date.set_political_date(fields, cluster, article, text, infos)
    actors.set_political_actors(fields, cluster, text)
    attribution.set_attribution(fields, cluster, infos, citations)
    return fields


def log_fields(line: LogLine, line_infos: list[SentenceInfo], article: Article) -> Fields:
    """Fields of one incident-log line."""
    text = article.text
    fields = Fields()
    line_span = Span(line.start, line.end, line.text)
    fields.set("kind", "attack", [line_span])
    weapon_name = weapon.set_log_weapon(fields, line, text)
    target.set_log_target(fields, line, text)
    set_log_types(fields, line.text, weapon_name, fields.evidence.get("weapon") or [line_span])
    place.set_log_place(fields, line, line_infos, text)
    date.set_log_date(fields, line)
    casualties.set_log_casualties(fields, line, text)
    fields.set("segment", f"log:{line.number}", [line_span])
    return fields


def _retype(fields: Fields, sub_event_type: str, kind_spans: list[Span], kind: str | None = None) -> None:
    """Set a report's ACLED types (and kind) to what the sentences after its lead tell, on the
    evidence of the types they replace."""
    evidence = fields.evidence.get("sub_event_type") or kind_spans
    if kind is not None:
        fields.set("kind", kind, evidence)
    fields.set("event_type", taxonomy.event_type_of(sub_event_type), evidence)
    fields.set("sub_event_type", sub_event_type, evidence)


def _confidence(values: dict[str, Any]) -> float:
    """How fully a report is supported: a stated event with its place, weapon and toll is surer
    than one pieced together from a claim or a casualty figure alone."""
    score = 0.4
    if values.get("segment") or values.get("event_type") or values.get("kind") != "attack":
        score += 0.2
    score += 0.1 * bool(values.get("admin1") or values.get("country"))
    score += 0.1 * bool(values.get("weapon") or values.get("actors"))
    score += 0.1 * (values.get("date") is not None)
    score += 0.1 * (values.get("killed") is not None or values.get("wounded") is not None)
    return round(min(score, 1.0), 2)


def _named_in_country(roles: tuple[ActorRole, ...], country: str | None) -> tuple[ActorRole, ...]:
    """The roles with each generic actor named after the report's country: the gunmen of a
    Nigerian village raid are "Unidentified Armed Group (Nigeria)", not the KB's "(Iraq)"; in a
    report of no known country, bare ("Unidentified Armed Group"). Soldiers named without their
    country are the KB's military of the report's country where it knows one ("Military Forces
    of Mali")."""
    kb = get_kb()
    known = kb.actors
    forces = None
    if country and any(role.actor_id == NATIONAL_MILITARY for role in roles):
        forces = kb.registry.national_military(kb.country_code(country))
    renamed = []
    for role in roles:
        if role.actor_id == NATIONAL_MILITARY and forces is not None:
            role = replace(role, actor_id=forces, name=known[forces].name)
        actor = known.get(role.actor_id)
        home = actor.country if actor else None
        name = named_in_country(role.name, home, country) if country else generic_base(role.name, home) or role.name
        renamed.append(role if name == role.name else replace(role, name=name))
    return tuple(renamed)


def make_report(
    article: Article, fields: Fields, index: int, text_spans: list[Span], article_country: str | None = None
) -> Report:
    """A report from its fields; ``text_spans`` are the sentences it was read from.
    ``article_country``: the country the article speaks of most, after which the generic actors
    of a report that places itself in no country are named ("in the troubled northwest province"
    of a Cameroon story: "Civilians (Cameroon)", not the KB's "(Iraq)")."""
    values = dict(fields.values)
    values["confidence"] = _confidence(values)
    kind = values.pop("kind")
    if values.get("actors"):
        values["actors"] = _named_in_country(values["actors"], values.get("country") or article_country)
    start = min(s.start for s in text_spans)
    end = max(s.end for s in text_spans)
    evidence = {name: tuple(spans) for name, spans in fields.evidence.items() if name in fields.values}
    return Report(
        id=report_id(article.id, kind, index, start),
        article_id=article.id,
        kind=kind,
        index=index,
        text=" ".join(s.text for s in text_spans),
        span=Span(start, end, article.text[start:end] if end - start <= 2000 else ""),
        evidence=evidence,
        **values,
    )


__all__ = ["Fields", "attack_fields", "log_fields", "make_report", "political_fields", "report_id"]

