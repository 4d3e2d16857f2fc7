"""Actors: who took part in an event, and in which role.

Per sentence, :func:`read_actors` resolves the KB actors a sentence names,
:func:`inherited_actors` carries the actors of the sentence before into one that opens with a
pronoun ("He said"), and :class:`Referents` resolves a definite description ("the governor",
"the council") to the actor last named with that title or head noun. Per report,
:func:`set_attack_actors` gives an attack its claimants, deniers, perpetrators and targets, and
:func:`set_political_actors` a political event its participants; ``claimed_by``/``denied_by``
are filled with the claims and denials.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from eventledger.datafiles import load_yaml
from eventledger.extract.entities import Entity, get_kb
from eventledger.extract.fields.draft import Fields, span_of
from eventledger.extract.fields.place import country_of_adjective, is_demonym
from eventledger.extract.lexicon import Hit, compile_patterns
from eventledger.kb.actors import NATIONAL_MILITARY
from eventledger.models import ActorRole, Span

if TYPE_CHECKING:
    from eventledger.extract.analysis import SentenceInfo
    from eventledger.extract.clusters import Cluster
    from eventledger.extract.segment import Sentence


@dataclass(frozen=True)
class ActorMention:
    actor_id: str
    name: str
    start: int  # absolute offsets in the article text
    end: int
    text: str


@dataclass(frozen=True)
class _ActorData:
    not_names: frozenset[str]
    perpetrator_reach: int
    target_reach: int
    patterns: dict[str, re.Pattern[str]]
    attacker_adjectives: dict[str, str]
    attacker_adjective: re.Pattern[str]
    referring_heads: frozenset[str]
    title_before: re.Pattern[str]  # an office title right before a name: "Governor" of "Governor Babajide Sanwo-Olu"
    definite: re.Pattern[str]  # "the governor", "the council", not "the Governor of Lagos" nor "the governor Babajide"
    irregular_adjectives: dict[str, str]  # "Turkish" -> "Turkey"


@cache
def _data() -> _ActorData:
    data = load_yaml("eventledger.extract.fields", "actors.yaml")
    return _ActorData(
        not_names=frozenset(data["not_names"]),
        perpetrator_reach=int(data["perpetrator_reach"]),
        target_reach=int(data["target_reach"]),
        patterns=compile_patterns(data["patterns"]),
        attacker_adjectives=dict(data["attacker_adjectives"]),
        # the adjective, then at most two words, then the end (the trigger follows)
        attacker_adjective=re.compile(
            r"(?<![\w.-])(" + "|".join(sorted(map(re.escape, data["attacker_adjectives"]), key=len, reverse=True))
            + r")(?:\s+[\w-]+){0,2}?\s+(?:attacks?|(?:air|drone)?\s*strikes?|airstrikes?|raids?|bombardments?|shelling|bombing)\b"
        ),
        referring_heads=frozenset(data["referring_heads"]),
        irregular_adjectives=dict(data["irregular_adjectives"]),
        title_before=re.compile(r"\b(" + _alternatives(data["referring_titles"]) + r")\s+$"),
        definite=re.compile(
            r"\b[Tt]he\s+(?:(?:former|deposed|outgoing|ousted|ruling)\s+)?(?P<word>"
            + _alternatives([*data["referring_titles"], *data["referring_heads"]]) + r")\b(?!\s+(?:of\s+)?[A-Z])"
        ),
    )


def _alternatives(words: list[str]) -> str:
    """One regular expression group of the phrases, longest first, in any case, their spaces any
    white space."""
    ordered = sorted(words, key=len, reverse=True)
    return "(?i:" + "|".join(r"\s+".join(map(re.escape, w.split(" "))) for w in ordered) + ")"


def _pattern(name: str) -> re.Pattern[str]:
    return _data().patterns[name]


_THE = re.compile(r"^the\s+", re.IGNORECASE)


# --- the knowledge base ---------------------------------------------------------------------


def actor_id(entity: Entity) -> str:
    """The KB id of an actor mention, or a stable id for an unknown name."""
    return _actor(entity.text, entity.kb_id)


@lru_cache(maxsize=65536)
def _actor(text: str, kb_id: str | None) -> str:
    kb = get_kb()
    if kb_id and kb_id in kb.actors:
        return kb_id
    return kb.actor_id(text)


def actor_name(actor: str, fallback: str) -> str:
    """The canonical name of an actor id (the surface form when it is not in the KB)."""
    known = get_kb().actors.get(actor)
    return known.name if known is not None else fallback


def _is_civilian(actor: str) -> bool:
    """Civilians (ACLED inter code 7) are never who attacked: ACLED codes them only as victims."""
    known = get_kb().actors.get(actor)
    return known is not None and known.inter_code == 7


def _is_outlet(actor: str) -> bool:
    known = get_kb().actors.get(actor)
    return known is not None and known.kind == "outlet"


# --- one sentence ---------------------------------------------------------------------------


def read_actors(entities: list[Entity], text: str | None = None) -> list[ActorMention]:
    """The actors a sentence names, from its entities (a name the KB does not know that is no
    actor, :func:`not_an_actor`, or that ``text``, the article, calls a settlement or an outlet
    that carried the story, left out; soldiers of whom ``text`` says :func:`whose_soldiers`)."""
    return [
        ActorMention(ident, actor_name(ident, entity.text), entity.start, entity.end, entity.text)
        for entity in entities
        if entity.label == "ACTOR"
        for ident in [whose_soldiers(text, entity, actor_id(entity))]
        if ident is not None
        if (not (text is not None and _wire_acronym(text, entity)) if ident in get_kb().actors
            else not (not_an_actor(entity.text) or (text is not None and (_settlement(text, entity) or _carrier(text, entity)))))
    ]


_CAPITALISED_BEFORE = re.compile(r"((?:[A-Z][\w.'’-]*\s+){1,3})$")


def whose_soldiers(text: str | None, entity: Entity, ident: str) -> str | None:
    """The actor soldiers named without a KB name are: their country's military where a country
    or its adjective stands right before them ("Burkina Faso soldiers", "Israeli troops": None
    when the KB knows no military of that country), nobody's the report can name where the word
    before says they are not the country's own ("foreign troops", "rebel soldiers": None), and
    otherwise the event's country's own (``NATIONAL_MILITARY``, named in the report). Any other
    actor id is returned as it is."""
    if ident != NATIONAL_MILITARY or text is None:
        return ident
    before = text[max(0, entity.start - 60):entity.start]
    if _pattern("not_own_forces_before").search(before):
        return None
    named = _CAPITALISED_BEFORE.search(before)
    if named is None:
        return ident
    words = named.group(1).split()
    kb = get_kb()
    for n in range(len(words), 0, -1):
        name = " ".join(words[-n:]).rstrip(".")
        country = _data().irregular_adjectives.get(name) or (country_of_adjective(name) if is_demonym(name) else name)
        code = kb.country_code(country) if country else None
        if code is not None:
            return kb.registry.national_military(code)
    preceding = before[:named.start()].rstrip()
    if (not preceding or preceding[-1] in ".!?\n\"“") and len(words) == 1:
        return ident  # the sentence's first word ("Two soldiers were killed"), no one's name
    # whose they are a name says that no country is ("Peshmerga soldiers", "Wagner soldiers"):
    # the name is the actor, or one the report cannot tell
    return None


def _wire_acronym(text: str, entity: Entity) -> bool:
    """Whether a known actor's acronym names the wire that carried the story: "told PTI", "PTI
    reported" are the Press Trust of India, not Pakistan's Tehreek-e-Insaf. (An acronym in
    brackets is most often a name's short form, "Tehreek-e-Taliban Pakistan (TTP)".)"""
    return bool(_pattern("acronym").fullmatch(entity.text)) and (
        _carrier(text, entity) or bool(_pattern("reported_after").match(text, entity.end))
    )


def _carrier(text: str, entity: Entity) -> bool:
    """Whether the text names ``entity`` as who was told the story or carried it ("told IANS",
    "(ANI/Xinhua)"): an outlet, not a party to the event."""
    return bool(_pattern("addressee_before").search(text, max(0, entity.start - 8), entity.start) or _pattern("credit_after").match(text, entity.end))


def _settlement(text: str, entity: Entity) -> bool:
    """Whether the text names ``entity`` as a village, a town or a district ("X and Y villages",
    "the village of X", "Zurmi Local Government Area", "the Khud area of Kulgam")."""
    return bool(_pattern("settlement_after").match(text, entity.end) or _pattern("settlement_before").search(text, max(0, entity.start - 80), entity.start))


def not_an_actor(name: str) -> bool:
    """Whether a name the KB does not know is certainly no actor: "Twitter" ("said on Twitter"),
    "Sec", "State", a headline's "Rockets Fired", a country's adjective alone ("Sri Lankan", "the
    Ugandan": whose protesters or which man, the words after it say)."""
    name = " ".join(name.split())
    return bool(_pattern("not_an_actor").search(name)) or is_demonym(_THE.sub("", name))


def inherited_actors(sentence: str, previous: SentenceInfo | None) -> list[ActorMention]:
    """The actors of the sentence before, when ``sentence`` opens with a pronoun or a bare title."""
    if previous is None or not _pattern("refers_back").match(sentence):
        return []
    return list(previous.actors or previous.inherited)


class Referents:
    """Whom a definite description refers back to: "the governor" is the actor last named with
    that title ("Lagos State Governor Babajide Sanwo-Olu"), "the council" the organisation last
    named with that head noun ("the Transitional Military Council"). Fed the article's sentences
    in order (:meth:`refer`, then :meth:`learn`)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.named: dict[str, ActorMention] = {}

    def learn(self, actors: list[ActorMention]) -> None:
        """Remember the title each of a sentence's actors is named with, and its head noun."""
        data = _data()
        for actor in actors:
            title = data.title_before.search(self.text, max(0, actor.start - 40), actor.start)
            if title is not None:
                self.named[" ".join(title.group(1).lower().split())] = actor
            words = actor.text.split()
            if words and words[-1].lower() in data.referring_heads:
                self.named[words[-1].lower()] = actor

    def refer(self, sentence: Sentence, actors: list[ActorMention]) -> list[ActorMention]:
        """The actors a sentence's definite descriptions refer back to, where it names no one
        there; "the army", "the military" are the country's own (``NATIONAL_MILITARY``)."""
        found: list[ActorMention] = []
        for match in _pattern("own_forces").finditer(sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if not any(a.start < end and start < a.end for a in actors):
                found.append(ActorMention(NATIONAL_MILITARY, actor_name(NATIONAL_MILITARY, ""), start, end, self.text[start:end]))
        if not self.named:
            return found  # (no one named with a title yet: most sentences of most articles)
        for match in _data().definite.finditer(sentence.text):
            actor = self.named.get(" ".join(match.group("word").lower().split()))
            start, end = sentence.start + match.start("word"), sentence.start + match.end("word")
            if actor is None or any(a.start < end and start < a.end for a in actors):
                continue
            found.append(ActorMention(actor.actor_id, actor.name, start, end, self.text[start:end]))
        return found


# --- attacks --------------------------------------------------------------------------------


def _unknown_name(text: str, start: int, end: int, last: bool) -> ActorMention | None:
    found = [
        m for m in _pattern("name").finditer(text, start, end)
        if m.group().split()[0] not in _data().not_names and not not_an_actor(m.group())
    ]
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
    return info.inherited[0] if info.inherited and not actors else None


# how far (characters) the action a participle tells may stand from the subject of the clause
# before it ("X attacked the village of Y near the border on Wednesday night, killing seven")
SUBJECT_REACH = 250

# the KB's actor for a side news leaves unnamed ("gunmen", "militants"): ACLED's Unidentified Armed Group
UNNAMED = "unidentified_armed_group"


def _claims_other_attacks(text: str, start: int, end: int, sentence_start: int) -> bool:
    """Whether a claim ``text[start:end]`` is of other attacks than the one told: "a series of
    attacks this month claimed by the Taliban", "claimed responsibility for most of the attacks"."""
    before = text[max(sentence_start, start - 80):start]
    return bool(_pattern("claimed_attacks_before").search(before) or _pattern("claimed_attacks_after").match(text, end))


class _AttackCast:
    """The actors of an attack report as they are found: claimants, deniers, then the others."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.roles: list[ActorRole] = []
        self.claimed: list[str] = []
        self.denied: list[str] = []
        self.claim_spans: list[Span] = []
        self.deny_spans: list[Span] = []

    def add_claims(self, info: SentenceInfo, hits: tuple[Hit, ...]) -> None:
        for hit in hits:
            start, end = info.absolute(hit)
            if _claims_other_attacks(self.text, start, end, info.sentence.start):
                continue
            actor = _claim_actor(info, start if hit.value == "subject" else end, hit.value == "by", self.text)
            if actor and actor.actor_id not in self.claimed:
                self.claimed.append(actor.actor_id)
                self.claim_spans += [span_of(self.text, actor.start, actor.end), span_of(self.text, start, end)]
                self.roles.append(ActorRole(actor.actor_id, actor.name, "claimed_by", span_of(self.text, actor.start, actor.end)))

    def add_denials(self, info: SentenceInfo, hits: tuple[Hit, ...]) -> None:
        for hit in hits:
            start, end = info.absolute(hit)
            actor = _claim_actor(info, start, False, self.text)
            if actor and actor.actor_id not in self.denied:
                self.denied.append(actor.actor_id)
                self.deny_spans += [span_of(self.text, actor.start, actor.end), span_of(self.text, start, end)]
                self.roles.append(ActorRole(actor.actor_id, actor.name, "denied_by", span_of(self.text, actor.start, actor.end)))

    def _role(self, actor: ActorMention, action: int, action_end: int) -> str | None:
        """Only the actor right before the action did it, only one right after it suffered it."""
        text, data = self.text, _data()
        between = text[actor.end:action]
        if actor.start <= action < actor.end <= action_end:
            # "Islamic State fighters attacked": the name runs into the trigger, or the trigger
            # opens with it ("Jihadists killed", "Gunmen stormed"); "Afghan soldiers were
            # killed", "Afghan Soldiers Killed in Taliban Attack" (passive) tell whom it struck
            passive = _pattern("passive_between").match(text, actor.end, action_end) or _pattern("headline_passive_after").match(text, action_end)
            return "target" if passive else "perpetrator"
        if (actor.end <= action and "," not in between and action - actor.end <= data.perpetrator_reach
                and not _pattern("opens_clause").search(between)
                and (not _pattern("speech_between").search(between) or _pattern("says_itself_before").search(between))):
            # "Afghan soldiers were killed": the subject of a passive action suffered it, and so
            # does one a casualty verb follows though the trigger is further on ("Two Peshmerga
            # soldiers were killed in an Islamic State attack")
            suffered = _pattern("passive_between").fullmatch(between) or _pattern("suffered_after").match(text, actor.end)
            return "target" if suffered else "perpetrator"
        if actor.end <= action and action - actor.end <= SUBJECT_REACH and _pattern("subject_of_attack").match(text, actor.end):
            told = text[actor.end:action]
            if ";" not in told and not _pattern("speech_between").search(told):
                return "perpetrator"  # "the CPC assaulted the town before dawn, killing five"
        after = text[action_end:actor.start]
        if actor.start >= action_end and actor.start - action_end <= data.perpetrator_reach and "," not in after and _pattern("agent_before").search(after):
            return "perpetrator"  # "soldiers were killed by the Taliban", "hit by airstrikes from the Saudi coalition"
        if actor.start >= action_end and actor.start - action_end <= data.target_reach and "," not in after:
            if _pattern("attack_noun_after").match(text, actor.end):
                return "perpetrator"  # "killed in a Taliban attack"
            if _pattern("opens_clause").search(after):
                # "killed after Taliban militants stormed a checkpoint": the subject of the clause
                # that tells the attack did it; any other subject there is no one the action struck
                return "perpetrator" if _pattern("attack_verb_after").match(text, actor.end) else None
            return "target"
        return None

    def add_sides(self, info: SentenceInfo, action_hit: Hit) -> None:
        action, action_end = info.absolute(action_hit)
        for actor in info.actors:
            if _is_outlet(actor.actor_id) or actor.actor_id in self.claimed or actor.actor_id in self.denied:
                continue
            role = self._role(actor, action, action_end)
            if role == "perpetrator" and _is_civilian(actor.actor_id):
                role = "target"  # "eleven civilians were killed in an air strike": the victims
            if role is not None and not any(r.actor_id == actor.actor_id for r in self.roles):
                self.roles.append(ActorRole(actor.actor_id, actor.name, role, span_of(self.text, actor.start, actor.end)))

    def add_clause_roles(self, info: SentenceInfo) -> None:
        """The roles clauses other than the trigger's tell, for actors the trigger gave none: whom
        a casualty clause counts ("insurgents ambushed a patrol, killing four soldiers", "six
        soldiers died") suffered the attack; whom an attack noun brings in with "by" ("Airstrikes
        by Burma's military on two villages") did it."""
        for actor in info.actors:
            if _is_outlet(actor.actor_id) or any(r.actor_id == actor.actor_id for r in self.roles):
                continue
            before = self.text[max(info.sentence.start, actor.start - 60):actor.start]
            if _pattern("victim_before").search(before) or _pattern("victim_after").match(self.text, actor.end):
                role = "target"
            elif _pattern("attack_by_before").search(before) and not _is_civilian(actor.actor_id):
                role = "perpetrator"
            else:
                continue
            self.roles.append(ActorRole(actor.actor_id, actor.name, role, span_of(self.text, actor.start, actor.end)))

    def add_adjective_attacker(self, info: SentenceInfo) -> None:
        """"An Iranian ballistic missile attack", "US air strikes": the country's forces did it
        (one such phrase in the sentence; two would leave which one is this attack open)."""
        data = _data()
        sentence = info.sentence
        phrases = list(data.attacker_adjective.finditer(self.text, sentence.start, sentence.end))
        if len(phrases) != 1:
            return
        found = phrases[0]
        actor = data.attacker_adjectives[found.group(1)]
        if actor in get_kb().actors and not any(r.actor_id == actor for r in self.roles):
            span = span_of(self.text, found.start(1), found.end(1))
            self.roles.append(ActorRole(actor, actor_name(actor, found.group(1)), "perpetrator", span))


def set_attack_actors(fields: Fields, cluster: Cluster, text: str) -> None:
    """An attack's actors: who claimed and who denied it, who did it and whom it struck."""
    cast = _AttackCast(text)
    for info in cluster.infos:
        cue = info.attack
        if cue is None:
            continue
        cast.add_claims(info, cue.claims)
        cast.add_denials(info, cue.denials)
        if not cue.supporting and cue.action is not None:
            cast.add_sides(info, cue.action)
        if not cue.supporting:
            cast.add_clause_roles(info)
    if not any(r.role == "perpetrator" for r in cast.roles):
        for info in cluster.infos:
            if info.attack is not None and not info.attack.supporting:
                cast.add_adjective_attacker(info)
                break
    named = {r.actor_id for r in cast.roles if r.role in ("perpetrator", "claimed_by")} - {UNNAMED}
    if named:
        # "militants stormed the post ... Boko Haram claimed it": the unnamed side is the named one
        cast.roles = [r for r in cast.roles if not (r.actor_id == UNNAMED and r.role == "perpetrator")]
    fields.set("claimed_by", tuple(cast.claimed), cast.claim_spans)
    fields.set("denied_by", tuple(cast.denied), cast.deny_spans)
    fields.set("actors", tuple(cast.roles), [r.span for r in cast.roles if r.span])


# --- political events -----------------------------------------------------------------------


def _clause_actors(info: SentenceInfo, start: int, end: int) -> list[ActorMention]:
    """Actors of the clause a trigger sits in; the clause before it too when the subject is there.

    "Qaani was dispatched to Baghdad as Tehran fears Trump would wage war": Qaani met, Trump did not.
    """
    sentence = info.sentence
    cuts = [sentence.start] + [sentence.start + m.start() for m in _pattern("clause").finditer(sentence.text)] + [sentence.end]
    index = max(k for k, cut in enumerate(cuts[:-1]) if cut <= start)
    clause_end = next((cut for cut in cuts[index + 1:] if cut >= end), sentence.end)
    own = [a for a in info.actors if cuts[index] <= a.start < clause_end]
    if not any(a.start < start for a in own) and index > 0:
        own += [a for a in info.actors if cuts[index - 1] <= a.start < cuts[index]]
    return own or info.inherited


def _refers_back(sentence: str, trigger: Hit) -> bool:
    """"The visit, which ...": the trigger is a meeting noun after a definite determiner."""
    noun = sentence[trigger.start:trigger.end]
    return bool(_pattern("meeting_noun").fullmatch(noun) and _pattern("refers_back_trigger").search(sentence[:trigger.start]))


def set_political_actors(fields: Fields, cluster: Cluster, text: str) -> None:
    """A political event's participants: the actors of its triggers' clauses, not who reports it."""
    roles: list[ActorRole] = []
    for info in cluster.infos:
        triggers = [c.trigger for c in info.political if c.kind == cluster.kind]
        if cluster.kind == "meeting" and roles and triggers and _refers_back(info.sentence.text, triggers[0]):
            continue
        actors = [a for t in triggers for a in _clause_actors(info, info.sentence.start + t.start, info.sentence.start + t.end)]
        # "a Hashd commander told MEE": the group of who reports the event is no participant;
        # of a statement, who speaks is who makes it ("the prime minister said he would go")
        told = [] if cluster.kind == "statement" else [(info.sentence.start + sp.start, info.sentence.start + sp.end) for sp in info.speakers]
        for actor in actors:
            if _is_outlet(actor.actor_id) or any(r.actor_id == actor.actor_id for r in roles):
                continue
            if any(s <= actor.start < e for s, e in told):
                continue
            roles.append(ActorRole(actor.actor_id, actor.name, "participant", span_of(text, actor.start, actor.end)))
    fields.set("actors", tuple(roles), [r.span for r in roles if r.span])
