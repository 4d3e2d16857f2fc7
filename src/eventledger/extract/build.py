"""Turning clusters and log lines into :class:`~eventledger.models.Report` records.

Every field a report fills comes with the spans that support it (``Report.evidence``): the
trigger and weapon words, the date expression, the place name, the casualty phrase, the claim.
When a field is filled from the article rather than from a sentence (the publication month of
an undated event, the country the article is about) its evidence is the report's own sentence.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from eventledger import taxonomy
from eventledger.extract.analysis import (
    ActorMention,
    DatedMention,
    PlaceMention,
    SentenceInfo,
    attack_date,
    counted_back,
    date_near,
)
from eventledger.extract.attribution import reference_lines
from eventledger.extract.casualties import find_casualties, suicide_bombers_dead, total_casualties
from eventledger.extract.clusters import Cluster
from eventledger.extract.dates import ResolvedDate, coarsen, precision_rank
from eventledger.extract.detection.acled import attack_type, violence_kind
from eventledger.extract.detection.attacks import WEAPON_PRIORITY, Hit, find_target, find_weapon
from eventledger.extract.entities import get_kb, specificity
from eventledger.extract.logs import LogLine, split_fields
from eventledger.models import ActorRole, Article, Citation, Report, Span

_APPOSITION = re.compile(r"^(?:\s*(?:city|town|village|district|area|neighbou?rhood|sub-district|subdistrict|region|province|governorate|in|of|the|near|outside))*\s*,?\s*(?:in\s+)?(?:the\s+)?$", re.I)


@dataclass
class Fields:
    """A report under construction: values and their evidence."""

    values: dict = field(default_factory=dict)
    evidence: dict[str, list[Span]] = field(default_factory=dict)

    def set(self, name: str, value, spans: list[Span]) -> None:
        if value is None or value == () or value == "":
            return
        self.values[name] = value
        self.evidence.setdefault(name, [])
        for span in spans:
            if span not in self.evidence[name]:
                self.evidence[name].append(span)


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _sentence_span(info: SentenceInfo) -> Span:
    return Span(info.sentence.start, info.sentence.end, info.sentence.text)


def report_id(article_id: str, kind: str, index: int, start: int) -> str:
    """A stable id: same article, same place in it, same kind -> same id."""
    digest = hashlib.sha256(f"{article_id}:{kind}:{start}".encode()).hexdigest()[:10]
    return f"{article_id}-{index:03d}-{digest}"


# --- places ---------------------------------------------------------------------------------

def _explicit_admin1(info: SentenceInfo, chosen: PlaceMention, text: str) -> PlaceMention | None:
    """The province named right after a city ("Baiji city, Saladin governorate")."""
    for other in info.places:
        if other.place.kind != "admin1" or other.start <= chosen.end:
            continue
        if other.start - chosen.end <= 40 and _APPOSITION.match(text[chosen.end:other.start]):
            return other
    return None


def _set_place(fields: Fields, mentions: list[tuple[SentenceInfo, PlaceMention]], text: str, country_only: bool) -> None:
    if not mentions:
        return
    # a province named in the same sentences says which of several towns is meant
    stated = {p.place.admin1 for i, _ in mentions for p in i.places if p.place.kind == "admin1"}
    consistent = [m for m in mentions if m[1].place.admin1 in stated]
    if stated and consistent:
        mentions = consistent
    info, best = min(mentions, key=lambda m: (specificity(m[1].place), mentions.index(m)))
    place = best.place
    span = _span(text, best.start, best.end)
    fields.set("country", place.country, [span])
    if country_only:
        return
    admin1_mention = _explicit_admin1(info, best, text) if place.kind in ("city", "site", "admin2") else None
    if admin1_mention is not None and admin1_mention.place.admin1 != place.admin1:
        fields.set("admin1", admin1_mention.place.admin1, [_span(text, admin1_mention.start, admin1_mention.end)])
        fields.set("place", place.name, [span])
        fields.set("geo_precision", 2, [span])
        return
    fields.set("admin1", place.admin1, [span])
    fields.set("admin2", place.admin2, [span])
    if place.kind in ("city", "site", "admin2"):
        fields.set("place", place.name, [span])
    fields.set("latitude", place.latitude, [span])
    fields.set("longitude", place.longitude, [span])
    fields.set("geo_precision", place.geo_precision, [span])


def _context_places(cluster: Cluster, infos: list[SentenceInfo]) -> list[tuple[SentenceInfo, PlaceMention]]:
    """Places of the sentences just before the cluster's first one (same paragraph), nearest first."""
    first = cluster.first.sentence
    found = []
    for info in reversed(infos[max(0, first.index - 2):first.index]):
        if info.sentence.paragraph == first.paragraph and info.places:
            found.append((info, info.best_place()))
            break
    if not found and infos and infos[0].places and infos[0].sentence.paragraph <= 1:
        dateline = infos[0]  # "SULAIMANI (ESTA) — ...": where the article was written
        head = dateline.sentence.text[:40]
        if re.search(r"[—–-]|\(", head):
            found.append((dateline, dateline.best_place()))
    return [(i, p) for i, p in found if p is not None]


# "the base", "the airport": a site the article named before, referred back to
_SITE_BACK = re.compile(r"\b(?:the|this|that)\s+((?:air\s+)?base|airbase|airport|embassy|camp|compound|consulate)\b", re.I)
_SITE_BACK_LOOKBACK = 1  # sentences before the event's own that may hold the reference


def _site_referred_back(cluster: Cluster, infos: list[SentenceInfo]) -> list[tuple[SentenceInfo, PlaceMention]]:
    """The site "the base" or "it ... the base" refers to: the latest site of that kind the
    article named before the event's sentence ("slammed into the Ain al-Asad air base ... The
    base hosts coalition troops. It was the target of a missile attack in January 2020")."""
    first = cluster.first.sentence
    nouns = []
    for info in [cluster.first, *reversed(infos[max(0, first.index - _SITE_BACK_LOOKBACK):first.index])]:
        if info.sentence.paragraph != first.paragraph:
            break
        nouns += [m.group(1).casefold().replace("air ", "").replace("airbase", "base") for m in _SITE_BACK.finditer(info.sentence.text)]
    for noun in nouns:
        for info in reversed(infos[: first.index]):
            for mention in reversed(info.places):
                if mention.place.kind == "site" and noun in mention.place.name.casefold():
                    return [(info, mention)]
    return []


def dominant_country(infos: list[SentenceInfo]) -> tuple[str, Span] | None:
    """The country an article speaks of most, with its first mention."""
    counts: Counter[str] = Counter()
    first: dict[str, Span] = {}
    for info in infos:
        for mention in info.places:
            if mention.place.country:
                counts[mention.place.country] += 1
                first.setdefault(mention.place.country, Span(mention.start, mention.end, mention.text))
    if not counts:
        return None
    country = counts.most_common(1)[0][0]
    return country, first[country]


# --- dates ----------------------------------------------------------------------------------

_FULL_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


# "<the event told> came six days after <another event>": the comparison that introduces one
_COMPARED = re.compile(r"\b(?:came|happened|occurred|followed|was)\s+(?:(?:\w+|\d+)\s+){0,3}?(?:after|before)\s", re.I)


def _compared_event_start(info: SentenceInfo) -> int | None:
    """Where the other event of "X came N days after Y" begins (X names an event, Y another)."""
    cue = info.attack
    if cue is None or not cue.triggers:
        return None
    match = _COMPARED.search(info.sentence.text)
    if match is None or cue.triggers[0].start > match.start():
        return None
    if not any(t.start >= match.end() for t in cue.triggers):
        return None
    return info.sentence.start + match.end()


# how far (characters) a date may stand from a political trigger to be that event's own date
_POLITICAL_DATE_REACH = 40


def _set_political_date(fields: Fields, cluster: Cluster, article: Article, text: str, infos: list[SentenceInfo]) -> None:
    """A political event's date: the finest date told right beside one of its triggers, then the first.

    A meeting cluster may gather "Iran sent him to Baghdad last week" and "he met the faction
    leaders on Wednesday": the day beats the week. A ceasefire cluster may gather "with orders
    that the factions cease their attacks" and "a ceasefire, declared on 11 October": the date
    that stands with its trigger is the ceasefire's. A reference entry's date is the cited
    work's, not the event's. Without such a date, the date is found as for any event.
    """
    references = reference_lines(text)
    best: tuple[tuple[int, int], DatedMention] | None = None
    for info in cluster.infos:
        for cue in info.political:
            if cue.kind != cluster.kind:
                continue
            t_start, t_end = info.sentence.start + cue.trigger.start, info.sentence.start + cue.trigger.end
            for dated in info.dates:
                if not dated.date.known or any(s <= dated.start < e for s, e in references):
                    continue
                if max(dated.start - t_end, t_start - dated.end, 0) > _POLITICAL_DATE_REACH:
                    continue
                key = (precision_rank(dated.date.precision), dated.start)
                if best is None or key < best[0]:
                    best = (key, dated)
    if best is None:
        _set_date(fields, cluster, article, text, historical=False, infos=infos)
        return
    dated = best[1]
    fields.set("date", dated.date.value, [_span(text, dated.start, dated.end)])
    fields.values["date_precision"] = dated.date.precision


_ORDINALS = {"first": 1, "1st": 1, "one-year": 1, "second": 2, "2nd": 2, "two-year": 2, "third": 3, "3rd": 3,
             "fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "tenth": 10, "10th": 10}
_ANNIVERSARY = re.compile(r"\b(?P<n>[\w-]+)\s+anniversary\s+of\b", re.I)


def _anniversary_of(info: SentenceInfo, near: DatedMention, published: dt.date | None) -> ResolvedDate:
    """"Mark on 3 January the first anniversary of the drone strike": the strike is N years before.

    An anniversary told without its year falls on the nearest such day to the article's date
    (one being prepared for may be days ahead); the event is dated to that month, N years back.
    """
    resolved = coarsen(near.date, "month")
    match = _ANNIVERSARY.search(info.sentence.text)
    day = near.date.as_date()
    if match is None or day is None or near.date.precision not in ("day", "month"):
        return resolved
    if near.start >= info.sentence.start + match.end():
        return resolved  # "the anniversary of the January 2020 drone strike": the strike's own date
    years = _ORDINALS.get(match.group("n").lower(), 1 if match.group("n").lower() in ("the", "its") else None)
    if years is None:
        return resolved
    if published is not None and not _FULL_YEAR.search(near.text):
        candidates = [day.replace(year=day.year + k) for k in (-1, 0, 1) if not (day.month == 2 and day.day == 29)]
        day = min(candidates or [day], key=lambda d: abs((d - published).days))
    return ResolvedDate(f"{day.year - years:04d}-{day.month:02d}", "month")


def _set_date(fields: Fields, cluster: Cluster, article: Article, text: str, historical: bool, infos: list[SentenceInfo] | None = None) -> None:
    first = cluster.first.sentence
    # the sentences just before the event's first one, same paragraph: "On Monday, gunmen
    # entered the house. They opened fire ..." dates the shooting
    before = [i for i in (infos or [])[max(0, first.index - 2):first.index] if i.sentence.paragraph == first.paragraph]
    for info in list(cluster.infos) + list(reversed(before)):
        cue_start = info.sentence.start
        if historical and info.attack and info.attack.historical:
            # "two weeks before the anniversary of the January 2020 drone strike": the
            # background event's date is the one told with its marker, not the sentence's first
            cue_start += info.attack.historical.end
        elif info.attack and info.attack.triggers:
            cue_start += info.attack.triggers[0].start
        elif info.political:
            cue_start += info.political[0].trigger.start
        near = date_near(info, cue_start)
        if not historical and info.attack and info.attack.triggers:
            near = attack_date(info)
        later = _compared_event_start(info) if info is cluster.first and not historical else None
        if later is not None:
            # "The ambush came two days after twin bombings hit the market on Thursday": the new
            # event is the one after "after", dated by what is said of it there
            told = [d for d in info.dates if d.date.known and d.start >= later]
            near = min(told, key=lambda d: d.start) if told else near
        if near is not None:
            # background is dated to the month, unless the text gives the full date with its year
            explicit = near.date.precision == "day" and _FULL_YEAR.search(text[near.start:near.end])
            resolved = coarsen(near.date, "month") if historical and not explicit else near.date
            if historical and info.attack and info.attack.historical:
                resolved = _anniversary_of(info, near, article.published)
            if not historical and later is None and info.attack and info.attack.triggers:
                resolved = counted_back(info, near)
            fields.set("date", resolved.value, [_span(text, near.start, near.end)])
            fields.values["date_precision"] = resolved.precision
            return
    if article.published is not None and not historical:
        # an undated event in the news is an event of the month the article appeared in
        fields.set("date", article.published.strftime("%Y-%m"), [_sentence_span(cluster.first)])
        fields.values["date_precision"] = "month"


# --- actors ---------------------------------------------------------------------------------

def _is_outlet(actor_id: str) -> bool:
    actor = get_kb().actors.get(actor_id)
    return actor is not None and actor.kind == "outlet"


# A group the KB does not know, named in capitals: "Saraya Qasim al-Jabbarin", "Ashab al-Kahf"
_NAME = re.compile(r"(?:[A-Z][\w'’-]+)(?:\s+(?:al-|el-|of\s+the\s+|of\s+)?[A-Z][\w'’-]+){1,5}")
_NOT_NAMES = {"The", "A", "An", "In", "On", "Iraqi", "Iranian", "US", "U.S.", "American"}


def _unknown_name(text: str, start: int, end: int, last: bool) -> ActorMention | None:
    found = [m for m in _NAME.finditer(text, start, end) if m.group().split()[0] not in _NOT_NAMES]
    if not found:
        return None
    match = found[-1] if last else found[0]
    ident = get_kb().actor_id(match.group())
    return ActorMention(ident, match.group(), match.start(), match.end(), match.group())


def _claim_actor(info: SentenceInfo, position: int, by: bool, text: str) -> ActorMention | None:
    """The actor who claims (named before the cue, or after "claimed by")."""
    actors = [a for a in info.actors if not _is_outlet(a.actor_id)]
    if by:
        after = [a for a in actors if a.start >= position]
        return after[0] if after else _unknown_name(text, position, info.sentence.end, last=False)
    clause_start = max(info.sentence.start, text.rfind(";", info.sentence.start, position) + 1)
    before = [a for a in actors if clause_start <= a.start < position]
    if before:
        return before[0]
    named = _unknown_name(text, clause_start, position, last=True)
    if named is not None:
        return named
    return (info.inherited or [None])[0] if not actors else None


# "Qaani took over the Quds Force after his predecessor was killed by a drone": an actor of the
# main clause did not do what a subordinate clause after it tells
_OPENS_CLAUSE = re.compile(r"\b(?:after|before|since|when|while|until|because|although|though|whereas)\b", re.I)


def _attack_actors(fields: Fields, cluster: Cluster, text: str) -> None:
    roles: list[ActorRole] = []
    claimed: list[str] = []
    denied: list[str] = []
    claim_spans: list[Span] = []
    deny_spans: list[Span] = []
    for info in cluster.infos:
        cue = info.attack
        if cue is None:
            continue
        for hit in cue.claims:
            start, end = info.absolute(hit)
            actor = _claim_actor(info, start if hit.value == "subject" else end, hit.value == "by", text)
            if actor and actor.actor_id not in claimed:
                claimed.append(actor.actor_id)
                claim_spans += [_span(text, actor.start, actor.end), _span(text, start, end)]
                roles.append(ActorRole(actor.actor_id, actor.name, "claimed_by", _span(text, actor.start, actor.end)))
        for hit in cue.denials:
            start, end = info.absolute(hit)
            actor = _claim_actor(info, start, False, text)
            if actor and actor.actor_id not in denied:
                denied.append(actor.actor_id)
                deny_spans += [_span(text, actor.start, actor.end), _span(text, start, end)]
                roles.append(ActorRole(actor.actor_id, actor.name, "denied_by", _span(text, actor.start, actor.end)))
        if cue.supporting or cue.action is None:
            continue
        action = info.sentence.start + cue.action.start
        action_end = info.sentence.start + cue.action.end
        for actor in info.actors:
            if _is_outlet(actor.actor_id) or actor.actor_id in claimed or actor.actor_id in denied:
                continue
            # only the actor right before the action did it, only one right after it suffered it
            between = text[actor.end:action]
            if actor.start < action < actor.end <= action_end:
                role = "perpetrator"  # "Islamic State fighters attacked": the name runs into the trigger
            elif actor.end <= action and "," not in between and action - actor.end <= 60 and not _OPENS_CLAUSE.search(between):
                role = "perpetrator"
            elif actor.start >= action_end and actor.start - action_end <= 40 and "," not in text[action_end:actor.start]:
                role = "target"
            else:
                continue
            if not any(r.actor_id == actor.actor_id for r in roles):
                roles.append(ActorRole(actor.actor_id, actor.name, role, _span(text, actor.start, actor.end)))
    fields.set("claimed_by", tuple(claimed), claim_spans)
    fields.set("denied_by", tuple(denied), deny_spans)
    fields.set("actors", tuple(roles), [r.span for r in roles if r.span])


# Clause boundaries: punctuation, quotes and the words that open a subordinate clause
_CLAUSE = re.compile(r"[;:“”\"()—]|\b(?:until|before|(?<!such )as|because|while|since|although|though|unless|if|whereas|fearing|fears)\b", re.I)


def _clause_actors(info: SentenceInfo, start: int, end: int) -> list[ActorMention]:
    """Actors of the clause a trigger sits in; the clause before it too when the subject is there.

    "Qaani was dispatched to Baghdad as Tehran fears Trump would wage war": Qaani met, Trump did not.
    """
    sentence = info.sentence
    cuts = [sentence.start] + [sentence.start + m.start() for m in _CLAUSE.finditer(sentence.text)] + [sentence.end]
    index = max(k for k, cut in enumerate(cuts[:-1]) if cut <= start)
    clause_end = next((cut for cut in cuts[index + 1:] if cut >= end), sentence.end)
    own = [a for a in info.actors if cuts[index] <= a.start < clause_end]
    if not any(a.start < start for a in own) and index > 0:
        own += [a for a in info.actors if cuts[index - 1] <= a.start < cuts[index]]
    return own or info.inherited


# "The visit, which ..., came after rockets hit the embassy": a trigger that refers back to an
# event already told adds no participants; the names around it are about something else
_REFERS_BACK_TRIGGER = re.compile(r"\b(?:the|this|his|her|their|its)\s+(?:\w+\s+)?$", re.I)
_MEETING_NOUN = re.compile(r"visits?|meetings?|talks|trip", re.I)


def _refers_back(sentence: str, trigger: Hit) -> bool:
    """"The visit, which ...": the trigger is a meeting noun after a definite determiner."""
    return bool(_MEETING_NOUN.fullmatch(sentence[trigger.start:trigger.end]) and _REFERS_BACK_TRIGGER.search(sentence[:trigger.start]))


def _political_actors(fields: Fields, cluster: Cluster, text: str) -> None:
    roles: list[ActorRole] = []
    for info in cluster.infos:
        triggers = [c.trigger for c in info.political if c.kind == cluster.kind]
        if cluster.kind == "meeting" and roles and triggers and _refers_back(info.sentence.text, triggers[0]):
            continue
        actors = (
            [a for t in triggers for a in _clause_actors(info, info.sentence.start + t.start, info.sentence.start + t.end)]
            if triggers
            else []
        )
        # "a Hashd commander told MEE": the group of who reports the event is no participant
        told = [(info.sentence.start + sp.start, info.sentence.start + sp.end) for sp in info.speakers]
        for actor in actors:
            if _is_outlet(actor.actor_id) or any(r.actor_id == actor.actor_id for r in roles):
                continue
            if any(s <= actor.start < e for s, e in told):
                continue
            roles.append(ActorRole(actor.actor_id, actor.name, "participant", _span(text, actor.start, actor.end)))
    fields.set("actors", tuple(roles), [r.span for r in roles if r.span])


# --- attribution ----------------------------------------------------------------------------

def _set_attribution(fields: Fields, cluster: Cluster, infos: list[SentenceInfo], citations: list[Citation]) -> None:
    indexes = {info.sentence.index for info in cluster.infos}
    near = {i + d for i in indexes for d in (-1, 0, 1)}
    ranges = [(infos[i].sentence.start, infos[i].sentence.end) for i in near if 0 <= i < len(infos)]
    local = [c for c in citations if any(s <= c.span.start < e for s, e in ranges)]
    chosen = local or citations
    outlets = tuple(dict.fromkeys(c.outlet for c in chosen if c.outlet))
    fields.set("cites", outlets, [c.span for c in chosen if c.outlet])
    speakers: list[str] = []
    spans: list[Span] = []
    for info in cluster.infos:
        for speaker in info.speakers:
            if speaker.name not in speakers:
                speakers.append(speaker.name)
                spans.append(Span(info.sentence.start + speaker.start, info.sentence.start + speaker.end, speaker.name))
    fields.set("speakers", tuple(speakers), spans)


# --- reports --------------------------------------------------------------------------------

# a fight between armed sides, as the lead sentence of an attack tells it
_BATTLE = re.compile(r"\b(?:ambush(?:ed|es)?|clash(?:ed|es)?|firefights?|gun ?battles?|exchanges? of fire|fought|fighting)\b", re.I)
_ARMED_CLASH = taxonomy.acled_types("Armed clash")


def attack_fields(cluster: Cluster, infos: list[SentenceInfo], article: Article, citations: list[Citation]) -> Fields:
    """Fields of an attack (or stand-alone claim/denial) cluster."""
    text = article.text
    fields = Fields()
    happened = [i for i in cluster.infos if i.attack and not i.attack.supporting] or cluster.infos
    kind_spans = []
    weapons = []
    for info in happened:
        cue = info.attack
        if cue and cue.triggers:
            kind_spans.append(_span(text, *info.absolute(cue.triggers[0])))
        if cue and cue.weapon:
            weapons.append((WEAPON_PRIORITY.index(cue.weapon.value), info, cue.weapon))
    fields.set("kind", cluster.kind, kind_spans or [_sentence_span(cluster.first)])
    weapon = min(weapons, key=lambda w: w[0]) if weapons else None
    if weapon:
        fields.set("weapon", weapon[2].value, [_span(text, *weapon[1].absolute(weapon[2]))])
    for info in happened:
        if info.attack and info.attack.target:
            fields.set("target", info.attack.target.value, [_span(text, *info.absolute(info.attack.target))])
            break
    if cluster.kind == "attack":
        hint = next((i.attack.hint for i in happened if i.attack and i.attack.hint), None)
        joined = " ".join(i.sentence.text for i in happened)
        weapon_name = weapon[2].value if weapon else None
        riot = violence_kind(joined, weapon_name)
        if riot is not None:  # a riot or force against protesters: ACLED's Riots and Protests
            fields.values["kind"], event_type, sub_type = riot
        elif weapon is not None and weapon[1] is not happened[0] and _BATTLE.search(happened[0].sentence.text):
            # "militants killed ten fighters in an ambush ... two vehicles were destroyed by
            # roadside bombs": the bombs were part of a fight the lead sentence tells; ACLED codes
            # the fight (an explosive used in the course of a clash is an armed clash)
            event_type, sub_type = _ARMED_CLASH
        else:
            event_type, sub_type = attack_type(joined, weapon_name, hint, fields.values.get("target"))
        evidence = fields.evidence.get("weapon") or kind_spans
        fields.set("event_type", event_type, evidence)
        fields.set("sub_event_type", sub_type, evidence)
    figures = []
    for info in cluster.infos:
        if info.attack:
            figures += [(info, f) for f in info.attack.casualties]
    totals = total_casualties([f for _, f in figures])
    for name, figure in totals.items():
        info = next(i for i, f in figures if f is figure)
        span = _span(text, info.sentence.start + figure.start, info.sentence.start + figure.end)
        low, high = figure.low, figure.high
        if name == "killed" and weapon is not None and weapon[2].value == "suicide":
            bombers = suicide_bombers_dead(" ".join(i.sentence.text for i in cluster.infos))
            if bombers:  # ACLED counts the attackers' deaths too
                low, high = low + bombers, (high + bombers if high is not None else None)
                span_bomber = _span(text, *weapon[1].absolute(weapon[2]))
                fields.set("killed", low, [span, span_bomber])
                fields.set("killed_high", high, [span])
                continue
        fields.set(name, low, [span])
        fields.set(f"{name}_high", high, [span])
    places = [(i, i.best_place(i.sentence.start + (i.attack.triggers[0].start if i.attack and i.attack.triggers else 0))) for i in happened]
    places = [(i, p) for i, p in places if p is not None] or [(i, i.best_place()) for i in cluster.infos if i.places]
    places = places or _context_places(cluster, infos) or _site_referred_back(cluster, infos)
    _set_place(fields, places, text, country_only=False)
    _set_date(fields, cluster, article, text, cluster.historical, infos)
    _attack_actors(fields, cluster, text)
    _set_attribution(fields, cluster, infos, citations)
    if cluster.historical:
        marker = next((i for i in cluster.infos if i.attack and i.attack.historical), None)
        spans = [_span(text, *marker.absolute(marker.attack.historical))] if marker and marker.attack and marker.attack.historical else fields.evidence.get("date", [_sentence_span(cluster.first)])
        fields.set("historical", True, spans)
    return fields


_COUNTRY_ONLY = ("ceasefire", "threat", "statement", "agreement", "order", "claim", "denial")


def political_fields(cluster: Cluster, infos: list[SentenceInfo], article: Article, citations: list[Citation], country: tuple[str, Span] | None) -> Fields:
    """Fields of a political cluster."""
    text = article.text
    fields = Fields()
    triggers = [_span(text, i.sentence.start + c.trigger.start, i.sentence.start + c.trigger.end) for i in cluster.infos for c in i.political if c.kind == cluster.kind]
    fields.set("kind", cluster.kind, triggers or [_sentence_span(cluster.first)])
    country_only = cluster.kind in _COUNTRY_ONLY
    places = [(i, i.best_place(destination=cluster.kind == "meeting" or country_only)) for i in cluster.infos if i.places]
    places = [(i, p) for i, p in places if p is not None]
    if not places and country_only:
        places = [(i, p) for i in cluster.infos for p in [i.best_place()] if p is not None]
    if country_only and country is not None and any(p.place.country == country[0] for _, p in places):
        # a ceasefire or a statement is about the country the article is about, when it names it
        places = [(i, p) for i, p in places if p.place.country == country[0]]
    _set_place(fields, places, text, country_only=country_only)
    if "country" not in fields.values and country is not None:
        fields.set("country", country[0], [country[1]])
    _set_political_date(fields, cluster, article, text, infos)
    _political_actors(fields, cluster, text)
    _set_attribution(fields, cluster, infos, citations)
    return fields


def log_fields(line: LogLine, line_infos: list[SentenceInfo], article: Article) -> Fields:
    """Fields of one incident-log line."""
    text = article.text
    fields = Fields()
    line_span = Span(line.start, line.end, line.text)
    weapon = find_weapon(line.text)
    fields.set("kind", "attack", [line_span])
    if weapon:
        fields.set("weapon", weapon.value, [_span(text, line.start + weapon.start, line.start + weapon.end)])
    target = find_target(line.text)
    if target:
        fields.set("target", target.value, [_span(text, line.start + target.start, line.start + target.end)])
    event_type, sub_type = attack_type(line.text, weapon.value if weapon else None)
    evidence = fields.evidence.get("weapon") or [line_span]
    fields.set("event_type", event_type, evidence)
    fields.set("sub_event_type", sub_type, evidence)
    parts = split_fields(line.text)
    place_from = line.start + (parts[1][0] if len(parts) > 1 else 0)  # places after the first dash
    mentions = [(i, p) for i in line_infos for p in i.places if p.start >= place_from]
    mentions = mentions or [(i, p) for i in line_infos for p in i.places]
    _set_place(fields, mentions, text, country_only=False)
    if line.date.known:
        fields.set("date", line.date.value, [line.date_span or line_span])
        fields.values["date_precision"] = line.date.precision
    totals = total_casualties(find_casualties(line.text))
    for name, figure in totals.items():
        span = _span(text, line.start + figure.start, line.start + figure.end)
        fields.set(name, figure.low, [span])
        fields.set(f"{name}_high", figure.high, [span])
    fields.set("segment", f"log:{line.number}", [line_span])
    return fields


def _confidence(values: dict) -> float:
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


def make_report(article: Article, fields: Fields, index: int, text_spans: list[Span]) -> Report:
    """A report from its fields; ``text_spans`` are the sentences it was read from."""
    values = dict(fields.values)
    values["confidence"] = _confidence(values)
    kind = values.pop("kind")
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


__all__ = ["Fields", "attack_fields", "dominant_country", "log_fields", "make_report", "political_fields", "report_id"]

