"""Event typing: which ACLED event type and sub-event type a sentence describes.

Two parts, combined in :func:`type_event`:

1. **Rules** (``data/typing_rules.yaml``): ACLED's codebook definitions written as cue patterns
   over general news language — the weapon (warplanes vs mortars vs roadside bombs), the actors
   (state forces regaining ground vs armed groups overrunning it), the outcome (arrests,
   agreements, abductions) and, for protests, what the police did. Each rule has a priority (the
   codebook's precedence) and a confidence.
2. **A linear classifier** (:mod:`eventledger.extract.detection.classifier`) trained on ACLED coders'
   notes and written news-style example sentences, used when no rule is confident. Rule hits
   are features of the classifier too, so it learns how far to trust each weaker rule.

A confident rule decides alone; otherwise the classifier's probabilities, nudged towards the
labels of weaker rules, decide. Without any rule and with an unsure classifier, the sentence is
not an event (``kind is None``), although ``case_label`` still carries the best guess.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from eventledger import taxonomy
from eventledger.datafiles import load_yaml
from eventledger.extract import screening
from eventledger.extract.detection import classifier
from eventledger.extract.detection.classifier import LinearModel

RULES_FILE = "typing_rules.yaml"

# The 30 labels of CASE 2021 task 2: 25 ACLED sub-event codes + 5 non-ACLED event types.
ACLED_SUB_EVENT_TYPES: tuple[str, ...] = taxonomy.sub_event_types()
NON_ACLED_LABELS: tuple[str, ...] = taxonomy.case_labels_outside_acled()
ACLED_ONLY = "acled"  # kind_hint: choose among ACLED's sub-event types only (coding ACLED records)
ACLED_NOT_RECORDED: tuple[str, ...] = ("NATURAL_DISASTER", "DIPLO", "ATTRIB")
NON_EVENT = "NON_EVENT"  # a rule label only: sport, opinion, figurative "attacks"
SIDE_OUTCOME_CUE = 0.35  # an event cue at least this trusted (generic ones included) demotes a later outcome
MIN_KNOWN_WORDS = 3  # a rule-less text needs this many words the classifier knows to be an event  # rules below this confidence are generic cues ("killed", "explosion")


@dataclass(frozen=True)
class EventTyping:
    """The typing of one candidate event sentence.

    ``kind`` is a models.KINDS value or None (not an event); ``event_type``/``sub_event_type`` are
    ACLED names (None for non-ACLED labels and non-events); ``case_label`` is always one of
    :data:`CASE_LABELS`; ``rule`` names the rule that decided, None when the classifier did.
    """

    kind: str | None
    event_type: str | None
    sub_event_type: str | None
    case_label: str
    confidence: float
    rule: str | None


@dataclass(frozen=True)
class RuleHit:
    """One rule that fired on a text: its label, precedence, trust and where its cue starts."""

    name: str
    label: str
    priority: float
    confidence: float
    start: int
    main_only: bool = False


@dataclass(frozen=True)
class _Rule:
    name: str
    label: str
    priority: float
    confidence: float
    any: tuple[re.Pattern[str], ...]
    all: tuple[tuple[re.Pattern[str], ...], ...]
    none: tuple[re.Pattern[str], ...]
    main_only: bool = False  # an outcome (arrests, looting) that only counts when it leads the text
    mask: tuple[re.Pattern[str], ...] = ()  # passages where an `any` cue does not count (a grievance)


@dataclass(frozen=True)
class RuleBook:
    """The typing rules compiled, with the thresholds that weigh them against the classifier."""

    rules: tuple[_Rule, ...]
    kind_hints: dict[str, frozenset[str]]
    state_words: tuple[re.Pattern[str], ...]
    territory: dict[str, re.Pattern[str]]
    classifier_wins_at: float
    rule_beats_classifier_at: float
    rule_implausible_below: float
    classifier_veto_at: float
    classifier_beats_definition_at: float
    classifier_beats_non_acled_at: float
    veto_min_training_share: float
    rule_weight: float
    rule_weight_familiar: float
    familiar_coverage: float
    familiar_min_pairs: int
    familiar_classifier_beats_rules_at: float
    event_threshold: float
    prior_power: float


def _expand(pattern: str, lexicons: dict[str, str]) -> str:
    """Replace ``{name}`` by the lexicon's alternation; other braces (``{0,40}``) stay."""
    return re.sub(r"\{([a-z_]+)\}", lambda m: lexicons.get(m.group(1), m.group(0)), pattern)


@functools.cache
def _compile_one(pattern: str) -> re.Pattern[str]:
    # Texts are lower-cased once and patterns compiled case-sensitively: Python's re is about
    # twice as fast without IGNORECASE on these alternations. So patterns must be lower case.
    if re.search(r"(?<!\\)[A-Z]", pattern):
        raise ValueError(f"typing rule pattern must be lower case: {pattern[:80]!r}")
    return re.compile(pattern)


def _compile(patterns: list[str], lexicons: dict[str, str]) -> tuple[re.Pattern[str], ...]:
    # Identical patterns (a lexicon used by several rules) share one compiled object, so one
    # call of match_rules searches each only once.
    return tuple(_compile_one(_expand(p, lexicons)) for p in patterns)


def _read_rules_data() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml("eventledger.extract.detection", RULES_FILE)
    return data


@functools.lru_cache(maxsize=1)
def rulebook() -> RuleBook:
    """The rules of ``data/typing_rules.yaml``, loaded and compiled once per process."""
    data = _read_rules_data()
    lexicons = {name: "(?:" + "|".join(words) + ")" for name, words in data["lexicons"].items()}
    rules = tuple(
        _Rule(
            name=r["name"],
            label=r["label"],
            priority=float(r["priority"]),
            confidence=float(r["confidence"]),
            any=_compile(r.get("any", []), lexicons),
            all=tuple(_compile(group, lexicons) for group in r.get("all", [])),
            none=_compile(r.get("none", []), lexicons),
            main_only=bool(r.get("main_only", False)),
            mask=_compile(r.get("mask", []), lexicons),
        )
        for r in data["rules"]
    )
    settings = data["settings"]
    return RuleBook(
        rules=rules,
        kind_hints={k: frozenset(v) for k, v in data["kind_hints"].items()},
        state_words=_compile(data["state_actor_words"], {}),
        territory={k: _compile_one(v) for k, v in data["territory"].items()},
        classifier_wins_at=float(settings["classifier_wins_at"]),
        rule_beats_classifier_at=float(settings["rule_beats_classifier_at"]),
        rule_implausible_below=float(settings["rule_implausible_below"]),
        classifier_veto_at=float(settings["classifier_veto_at"]),
        classifier_beats_definition_at=float(settings["classifier_beats_definition_at"]),
        classifier_beats_non_acled_at=float(settings["classifier_beats_non_acled_at"]),
        veto_min_training_share=float(settings["veto_min_training_share"]),
        rule_weight=float(settings["rule_weight"]),
        rule_weight_familiar=float(settings["rule_weight_familiar"]),
        familiar_coverage=float(settings["familiar_coverage"]),
        familiar_min_pairs=int(settings["familiar_min_pairs"]),
        familiar_classifier_beats_rules_at=float(settings["familiar_classifier_beats_rules_at"]),
        event_threshold=float(settings["event_threshold"]),
        prior_power=float(settings.get("classifier_prior_power", 0.0)),
    )


CASE_LABELS: tuple[str, ...] = taxonomy.case_labels()


def case_label_of(sub_event_type: str) -> str:
    """The CASE 2021 code of an ACLED sub-event type ("Air/drone strike" -> "AIR_STRIKE")."""
    return taxonomy.case_label_of(sub_event_type)


def sub_event_type_of(case_label: str) -> str | None:
    """The ACLED sub-event type of a CASE code, None for the five non-ACLED labels."""
    return taxonomy.sub_event_type_of_case(case_label)


def match_rules(text: str, only: frozenset[str] | None = None) -> tuple[RuleHit, ...]:
    """Every rule that fires on ``text``, highest priority first (ties: earliest cue first);
    with ``only``, just the rules of those names are tried."""
    lowered = text.lower()
    screened = screening.screened_text(lowered)
    seen: dict[re.Pattern[str], re.Match[str] | None] = {}

    def search(pattern: re.Pattern[str]) -> re.Match[str] | None:
        # most patterns' literal words are not in the text: the screen answers None without a search
        if pattern not in seen:
            seen[pattern] = screening.search(pattern, lowered, screened)
        return seen[pattern]

    hits: list[RuleHit] = []
    for rule in rulebook().rules:
        if only is not None and rule.name not in only:
            continue
        start = -1
        for pattern in rule.any:
            found = search(pattern)
            if found and (start < 0 or found.start() < start):
                start = found.start()
        if start >= 0 and rule.mask:
            start = _first_unmasked(rule, lowered)
        if start < 0:
            continue
        if not all(any(search(p) for p in group) for group in rule.all):
            continue
        if any(search(p) for p in rule.none):
            continue
        hits.append(RuleHit(rule.name, rule.label, rule.priority, rule.confidence, start, rule.main_only))
    hits.sort(key=lambda h: (-h.priority, h.start))
    return _demote_side_outcomes(hits)


def _first_unmasked(rule: _Rule, lowered: str) -> int:
    """Where the first of ``rule``'s ``any`` cues starts outside the passages its ``mask`` covers
    (-1 when every cue stands inside one): "protesters marched against the arrests made during last
    week's riots" tells a grievance about a riot, not a riot."""
    masked = [m.span() for pattern in rule.mask for m in pattern.finditer(lowered)]
    starts = [
        found.start()
        for pattern in rule.any
        for found in pattern.finditer(lowered)
        if not any(begin <= found.start() < end for begin, end in masked)
    ]
    return min(starts, default=-1)


def _demote_side_outcomes(hits: list[RuleHit]) -> tuple[RuleHit, ...]:
    """Put a ``main_only`` hit behind the event hits whose cue comes before it.

    ACLED codes arrests or looting as their own event only when they are the event; "two men
    died in the clash and two were arrested" is a clash. News leads with the main event, so an
    outcome mentioned after another event's cue is taken as a detail of that event.
    """
    # Generic cues count too ("a man was shot dead; police later arrested two suspects" is the
    # killing): accidents, where a bare "killed" is no attack, are typed by their own rules,
    # which are not outcomes and rank above every outcome.
    events = [
        h
        for h in hits
        if not h.main_only
        and h.label != NON_EVENT
        and h.label not in NON_ACLED_LABELS
        and h.confidence >= SIDE_OUTCOME_CUE
    ]
    leading = [h for h in hits if not h.main_only or all(h.start <= e.start for e in events)]
    following = [h for h in hits if h not in leading]
    return tuple(leading + following)


_ARREST = "ARREST"


def _side_outcome_to_event(hits: list[RuleHit], probabilities: dict[str, float]) -> dict[str, float]:
    """An arrest told after the event it belongs to is that event, for the classifier too.

    "Two men were shot dead, and police arrested a suspect" is the shooting: the rules put the
    arrest behind the shooting's cue (:func:`_demote_side_outcomes`). The classifier reads words,
    not their order, and "police arrested a suspect" pulls it towards the arrest; when an arrests
    hit stands behind the leading event rule, the probability the classifier gives ARREST goes to
    that event's label. Only arrests: extending it to looting cost two CASE snippets
    (docs/classifier.md).
    """
    if not hits or hits[0].main_only or hits[0].label in (NON_EVENT, _ARREST, *NON_ACLED_LABELS):
        return probabilities
    event = hits[0].label
    if event not in probabilities or _ARREST not in probabilities:
        return probabilities
    if not any(h.main_only and h.label == _ARREST for h in hits[1:]):
        return probabilities
    moved = dict(probabilities)
    moved[event] += moved[_ARREST]
    moved[_ARREST] = 0.0
    return moved


def _is_state_actor(name: str) -> bool:
    return any(p.search(name.lower()) for p in rulebook().state_words)


_GOV, _NON_STATE = "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER"
_CLASH, _ATTACK = "ARMED_CLASH", "ATTACK"


def _last_actor(window: str) -> str | None:
    """ "state" or "nonstate": whichever kind of actor is mentioned last in ``window`` (of two
    names ending together, the longer: "pro-government militias" are state forces)."""
    patterns = rulebook().territory
    last = {
        side: max(((m.end(), -m.start()) for m in patterns[side].finditer(window)), default=(-1, 0))
        for side in ("state", "nonstate")
    }
    if last["state"][0] < 0 and last["nonstate"][0] < 0:
        return None
    return "state" if last["state"] > last["nonstate"] else "nonstate"


def _first_actor(window: str) -> str | None:
    patterns = rulebook().territory
    starts = {
        side: min((m.start() for m in patterns[side].finditer(window)), default=10**9) for side in ("state", "nonstate")
    }
    if min(starts.values()) == 10**9:
        return None
    return "state" if starts["state"] < starts["nonstate"] else "nonstate"


def _subject_actor(window: str) -> str | None:
    """ "state" or "nonstate" when ``window`` ends with an actor (the subject of what follows)."""
    patterns = rulebook().territory
    end = len(window.rstrip())
    for side in ("state", "nonstate"):
        if any(m.end() >= end for m in patterns[side].finditer(window)):
            return side
    return None


_PASSIVE = re.compile(r"\b(?:(?:had|has|have)\s+)?(?:was|were|been|being|is|are)\s+(?:\w+\s+)?$")
# who helped the subject is not who took the ground ("troops, backed by allied militias, retook")
_SUPPORTERS = re.compile(
    r"\b(?:(?:backed|supported|aided|assisted|helped|accompanied|joined|reinforced) by|with the (?:help|support|backing) of"
    r"|alongside|together with)\b[^,;]*(?:,|$)"
)
_RELATIVE_CLAUSE = re.compile(r"\b(?:who|which|that)\s+(?:had\s+|have\s+|has\s+)?(?:\w+\s+)?$")


def territory_taker(text: str) -> str | None:
    """Which sub-type a change of control in ``text`` is, by who took the ground; None if no verb.

    Looks at the first change-of-control verb of a main clause (one in a relative clause, "militants
    who had seized the town were driven out", tells the past): the winner after "fell to" or a
    passive "by", the loser after "from", else the closest agent before the verb (the loser when
    it is the subject of a passive, "militants were driven out", or of "lost control" and "forced
    to withdraw"); with no actor at all, verbs of taking back ("retook", "liberated") mean the
    state, other verbs an armed group.
    """
    patterns = rulebook().territory
    text = text.lower()
    verbs = list(patterns["verb"].finditer(text))
    main = [v for v in verbs if not _RELATIVE_CLAUSE.search(text[max(0, v.start() - 40) : v.start()])]
    if not verbs:
        return None
    verb = (main or verbs)[0]
    after = text[verb.end() : verb.end() + 120]
    side: str | None = None
    losing = verb.group(0).startswith(("lost", "forced to"))
    if verb.group(0).lower().startswith("fell") or verb.group(0).lower().startswith("fallen"):
        side = _first_actor(after)
    passive = None if losing else _PASSIVE.search(text[max(0, verb.start() - 25) : verb.start()])
    if side is None:
        agent = re.search(r"\bby\b", after[:50])
        # a participle followed by its agent is passive without an auxiliary too ("the town,
        # captured by government troops on Sunday")
        participle = re.match(r"\s*(?:(?:on|last|early|late|in|at)\s+\w+\s+)?by\b", after) and not losing
        if agent and (passive or participle):
            side = _first_actor(after[agent.end() :])
    if side is None:
        source = re.search(r"\bfrom\b", after[:80])
        if source:
            loser = _first_actor(after[source.end() :])
            side = {"state": "nonstate", "nonstate": "state"}.get(loser or "")
    if side is None:
        side = _last_actor(_SUPPORTERS.sub(" ", text[max(0, verb.start() - 150) : verb.start()]))
        if passive is not None:
            # "the militants were driven out of the town": the subject of a passive lost the ground
            auxiliary = max(0, verb.start() - 25) + passive.start()
            loser = _subject_actor(text[max(0, auxiliary - 60) : auxiliary])
            if loser is not None:
                side = "nonstate" if loser == "state" else "state"
            else:  # "the town, held by militants, was recaptured": the verb alone tells who took it
                side = None
    if side is None:
        side = "state" if patterns["regain_verb"].search(verb.group(0)) else "nonstate"
    elif losing:  # "troops lost control of the town", "were forced to withdraw": the other side took it
        side = "nonstate" if side == "state" else "state"
    return _GOV if side == "state" else _NON_STATE


def _territory_by_actor(hits: list[RuleHit], actors: tuple[str, ...], text: str) -> list[RuleHit]:
    """Who took the ground decides between the two territory sub-types (codebook definition)."""
    if not hits or hits[0].label not in (_GOV, _NON_STATE):
        return hits
    top = hits[0]
    if actors:
        wanted: str | None = _GOV if _is_state_actor(actors[0]) else _NON_STATE
        name = top.name + "+actor"
    else:
        wanted, name = territory_taker(text), top.name
    if wanted is None or wanted == top.label:
        return hits
    return [RuleHit(name, wanted, top.priority, top.confidence, top.start), *hits[1:]]


def _weapon_hit(weapon: str | None) -> RuleHit | None:
    if not weapon:
        return None
    name = taxonomy.weapon_name(weapon)
    sub = taxonomy.weapon_sub_event_type(name) if name is not None else None
    if sub is None:
        return None
    label = taxonomy.case_label_of(sub)
    # Just above the explosion rules: a named weapon settles which kind of explosion it was,
    # but not whether the event was, say, a protest dispersed with grenades.
    return RuleHit("weapon:" + weapon, label, 69.0, 0.9, 0)


def _typing_for(label: str, confidence: float, rule: str | None, *, is_event: bool = True) -> EventTyping:
    if label == NON_EVENT:
        return EventTyping(None, None, None, "OTHER", confidence, rule)
    kind = taxonomy.kind_of_case_label(label)
    sub = taxonomy.sub_event_type_of_case(label)
    if sub is None:  # one of the five non-ACLED labels
        return EventTyping(kind if is_event else None, None, None, label, confidence, rule)
    event_type = taxonomy.event_type_of(sub)
    if not is_event:
        return EventTyping(None, None, None, label, confidence, rule)
    return EventTyping(kind, event_type, sub, label, confidence, rule)


def type_event(
    text: str,
    *,
    weapon: str | None = None,
    kind_hint: str | None = None,
    actors: tuple[str, ...] = (),
) -> EventTyping:
    """Type one candidate event sentence (or short passage) by ACLED's codebook.

    ``weapon`` is the weapon the extractor found (models.Report.weapon vocabulary), ``kind_hint``
    a kind the caller already knows (restricts the labels considered), ``actors`` the actors in
    order of mention (the first one's state-ness decides between the territory sub-types).
    """
    return type_event_with_model(text, None, weapon=weapon, kind_hint=kind_hint, actors=actors)


def _rule_hits(
    text: str, weapon: str | None, kind_hint: str | None, actors: tuple[str, ...]
) -> tuple[list[RuleHit], Collection[str] | None, EventTyping | None]:
    """The rules that fired, narrowed to the labels a kind hint allows, and those labels; or a
    typing already decided (a text ACLED does not record)."""
    book = rulebook()
    hits = list(match_rules(text))
    extra = _weapon_hit(weapon)
    if extra is not None and (not hits or hits[0].priority < extra.priority):
        hits.insert(0, extra)
    allowed: Collection[str] | None = book.kind_hints.get(kind_hint or "")
    if kind_hint == ACLED_ONLY:
        # coding for ACLED: its 25 sub-event types (and "not an event") are the choices. ACLED
        # records no disaster, diplomacy or attribution: a text that is surely one of those is no
        # ACLED event. Crime and accidents may still be violence ACLED codes (a gang's shootout,
        # a blast): the classifier chooses among ACLED's labels.
        if hits and hits[0].label in ACLED_NOT_RECORDED:
            return hits, allowed, _typing_for(NON_EVENT, hits[0].confidence, hits[0].name)
        allowed = [taxonomy.case_label_of(sub) for sub in ACLED_SUB_EVENT_TYPES]
    if allowed is not None:
        narrowed = [h for h in hits if h.label in allowed]
        hits = narrowed or [h for h in hits if h.label == NON_EVENT]
    return _territory_by_actor(hits, actors, text), allowed, None


def _probabilities(
    raw: dict[str, float],
    hits: list[RuleHit],
    allowed: Collection[str] | None,
    actors: tuple[str, ...],
    model: LinearModel | None,
    text: str,
) -> dict[str, float]:
    """The classifier's probabilities (``raw``) with the training prior divided out, narrowed to
    the allowed labels, and moved where the rules say the words mislead it."""
    probabilities = classifier.shift_probabilities(raw, model, rulebook().prior_power)
    if allowed is not None:
        probabilities = {label: p for label, p in probabilities.items() if label in allowed} or probabilities
    taker = _territory_taken_by(hits, actors, text, model)
    if taker is not None and _GOV in probabilities and _NON_STATE in probabilities:
        # Who took the ground is a fact (codebook: state forces regain, others overtake), not
        # something the words tell: "the rebels have taken the town" reads like a government
        # victory to a bag of words. The classifier still weighs "a change of control" against
        # other types, as one label.
        other = _NON_STATE if taker == _GOV else _GOV
        probabilities = dict(probabilities)
        probabilities[taker] = probabilities[taker] + probabilities.pop(other)
    return _side_outcome_to_event(hits, probabilities)


def _territory_taken_by(
    hits: list[RuleHit], actors: tuple[str, ...], text: str, model: LinearModel | None
) -> str | None:
    """Which territory sub-type who took the ground makes it: the caller's actors when a territory
    rule leads, else, on text unlike the coders' notes, the text's change-of-control verb
    (:func:`territory_taker`); None if neither tells. On a familiar passage the classifier has
    learnt the notes' actors (ACLED codes "pro-Hadi forces" and the Houthis' troops as state
    forces in Yemen), which the verb's actor words do not know."""
    if actors and hits and hits[0].label in (_GOV, _NON_STATE):
        return hits[0].label
    return None if _familiar(text, model) else territory_taker(text)


def _implausible(hits: list[RuleHit], probabilities: dict[str, float], sure: float, model: LinearModel | None) -> bool:
    """The classifier all but rules out the rule's label while it is fairly sure of another: the
    cue fired on words that mean something else here (an arrest after a killing, a riot that
    was a lynching). Only a label the classifier has seen often can be ruled out this way: a
    low probability of a rare label (or of a non-ACLED one it does not know) says nothing."""
    book = rulebook()
    top_label = hits[0].label if hits else None
    return (
        top_label in probabilities
        and probabilities[top_label] < book.rule_implausible_below
        and sure >= book.classifier_veto_at
        and classifier.training_share(top_label, model) >= book.veto_min_training_share
    )


def _familiar(text: str, model: LinearModel | None) -> bool:
    """How far the classifier is trusted depends on how familiar the text is to it: on a passage
    whose word pairs it mostly saw in training (coders' notes) its probabilities are reliable;
    on other text (news written in other words) the rules are. A short sentence shares a few
    common pairs ("of the") with anything, so it never counts as familiar."""
    book = rulebook()
    known, pairs = classifier.known_word_pairs(text, model)
    return pairs >= book.familiar_min_pairs and known >= book.familiar_coverage * pairs


def _rule_decides(hits: list[RuleHit], sure: float, familiar: bool) -> EventTyping | None:
    """Definitional rules (a named weapon, "suicide bomber", "sarin") and the labels the
    classifier cannot know (disasters, crime, diplomacy) decide alone, unless the classifier is
    very sure of a label of its own (less sure on familiar text)."""
    if not hits:
        return None
    book, top = rulebook(), hits[0]
    beats_non_acled = book.familiar_classifier_beats_rules_at if familiar else book.classifier_beats_non_acled_at
    beats_definition = book.familiar_classifier_beats_rules_at if familiar else book.classifier_beats_definition_at
    if top.label in NON_ACLED_LABELS:
        return _typing_for(top.label, top.confidence, top.name) if sure < beats_non_acled else None
    # the extractor's weapon is a fact read from the text, not a cue: it always decides
    if top.name.startswith("weapon:") or (top.confidence >= book.rule_beats_classifier_at and sure < beats_definition):
        return _typing_for(top.label, top.confidence, top.name)
    return None


def _short(text: str, model: LinearModel | None) -> bool:
    """A passage too short to be familiar (fewer word pairs than ``familiar_min_pairs``): a lone
    news sentence, whose few words may mislead the classifier however sure it is."""
    return classifier.known_word_pairs(text, model)[1] < rulebook().familiar_min_pairs


def _rule_against(hits: list[RuleHit], best: str) -> bool:
    """Whether a clash rule leads against the classifier's Attack. The codebook tells the two apart
    by who was hit: armed people who can fight back (a battle) or not (an attack on civilians).
    The clash rules read that from the target's words ("a checkpoint", "soldiers", "a patrol"); a
    bag of words over a short sentence reads it from the verb ("attacked", "killed"). A specific
    Attack rule that fired too ("gunmen attacked civilians in an ethnic clash") backs the
    classifier, and then it is not overruled."""
    sure = rulebook().classifier_wins_at
    if not hits or hits[0].label != _CLASH or best != _ATTACK or hits[0].confidence < sure:
        return False
    # a specific rule of its own ("militia attacked civilians") backs the classifier's Attack
    return not any(h.label == _ATTACK and h.confidence >= sure for h in hits)


def _vote(
    text: str, hits: list[RuleHit], probabilities: dict[str, float], raw: dict[str, float], familiar: bool, model: LinearModel | None
) -> EventTyping:
    """Rules and classifier vote, log-linearly: each rule adds its trust (the first rule fully,
    later ones by 1/rank^2: precedence still counts) to the classifier's log-probability of its
    label; rules weigh less on familiar text."""
    book = rulebook()
    weight = book.rule_weight_familiar if familiar else book.rule_weight
    scores = {label: math.log(max(p, 1e-6)) for label, p in probabilities.items()}
    seen: set[str] = set()
    for rank, hit in enumerate(hits):
        if hit.label in scores and hit.label not in seen:
            scores[hit.label] += weight * hit.confidence / (1 + rank) ** 2
            seen.add(hit.label)
    label = max(scores, key=lambda k: scores[k])
    confidence = min(1.0, probabilities.get(label, 0.0))
    decided_by = next((h.name for h in hits if h.label == label), None)
    # Without a rule, only a sure classifier on real content makes an event: on empty or
    # foreign text its probabilities are just the class priors.
    # Whether it is an event at all is read from the unshifted probabilities: the prior shift
    # spreads a sure classifier's mass over rare labels without making it less sure of violence.
    is_event = bool(hits) or (
        max(raw.values()) >= book.event_threshold and classifier.known_words(text, model) >= MIN_KNOWN_WORDS
    )
    if decided_by is not None:
        # The leading rule that wins keeps its own trust; a later one is taken a little less surely.
        factor = 1.0 if decided_by == hits[0].name else 0.9
        confidence = max(confidence, hits[[h.name for h in hits].index(decided_by)].confidence * factor)
    return _typing_for(label, round(confidence, 3), decided_by, is_event=is_event)


def type_event_with_model(
    text: str,
    model: LinearModel | None,
    *,
    weapon: str | None = None,
    kind_hint: str | None = None,
    actors: tuple[str, ...] = (),
) -> EventTyping:
    """:func:`type_event` with a given classifier (None: the committed one); for benchmarks."""
    hits, allowed, decided = _rule_hits(text, weapon, kind_hint, actors)
    if decided is not None:
        return decided
    if hits and hits[0].label == NON_EVENT:
        return _typing_for(NON_EVENT, hits[0].confidence, hits[0].name)
    raw = classifier.predict_proba(text, tuple(h.name for h in hits), model)
    probabilities = _probabilities(raw, hits, allowed, actors, model, text)
    best = max(probabilities, key=lambda k: probabilities[k])
    sure = probabilities[best]
    implausible = _implausible(hits, probabilities, sure, model)
    familiar = _familiar(text, model)
    rule = _rule_decides(hits, sure, familiar)
    if rule is not None:
        return rule
    if implausible or (sure >= rulebook().classifier_wins_at and not (_short(text, model) and _rule_against(hits, best))):
        # Text that reads like the coders' notes the model learnt from: trust it over the rules,
        # which were written for news language in general. On a short text a specific rule that
        # reads another label is heard in the vote: there the classifier's certainty rests on a
        # few words ("militants attacked a checkpoint" is a fight, whatever "attacked" says).
        agreeing = next((h for h in hits if h.label == best), None)
        # A rule that agrees with the classifier is at least as sure as it is alone.
        confidence = max(sure, agreeing.confidence if agreeing else 0.0)
        return _typing_for(best, round(confidence, 3), agreeing.name if agreeing else None)
    return _vote(text, hits, probabilities, raw, familiar, model)
