"""What a protest turned into, told after it: "Workers marched on the town hall. Police
dispersed them and arrested ten." or "... The crowd then set the tax office on fire."

ACLED codes a protest that state forces physically broke up, dispersed or arrested people at as a
Protest with intervention, one where they used lethal or serious force as Excessive force against
protesters, and one whose demonstrators turned violent (burning, stoning, storming) as a Riot
(Violent demonstration). News and coders' notes alike tell the march first and what happened at it
in the next sentences; the protest's report is typed from its own sentences, which do not say it.
:func:`conduct_told_after` types the lead sentence together with the sentences that follow it in
its paragraph (until one starts another event) with the codebook's typing rules, and keeps what a
rule names: the crowd's violence, the state's force, or its intervention.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventledger.extract.detection.agency import told_elsewhere
from eventledger.extract.detection.event_typing import type_event

if TYPE_CHECKING:
    from eventledger.extract.analysis import SentenceInfo

PEACEFUL = "Peaceful protest"
INTERVENTION = "Protest with intervention"
FORCE = "Excessive force against protesters"
VIOLENT = "Violent demonstration"
FOLLOWING = 2  # sentences after the lead that may tell what was done to the crowd or by it
# what the sentences after a protest's lead may turn it into: the kind and sub-event type of the
# report, by the codebook's precedence (a crowd's violence makes a riot whatever the police did)
_TURNS = {VIOLENT: "riot", FORCE: "protest", INTERVENTION: "protest"}
# the sub-types a peaceful protest may become when a later sentence tells more. Only a protest
# whose lead tells no one's violence: when the lead tells what the police did ("police fired tear
# gas at the marchers"), the sentences after it are, in news, as often the background of the day
# ("the past nights have seen clashes") as more of the event, and the lead's own reading stands
_CAN_BECOME = {PEACEFUL: (VIOLENT, FORCE, INTERVENTION)}


def following(members: list[SentenceInfo], infos: list[SentenceInfo]) -> list[str]:
    """The sentences right after the lead (the first of ``members``) in its paragraph, until one
    starts another event."""
    lead = members[0]
    at = next((k for k, info in enumerate(infos) if info is lead), None)
    if at is None:
        return []
    after: list[str] = []
    for info in infos[at + 1 : at + 1 + FOLLOWING]:
        if info.sentence.paragraph != lead.sentence.paragraph or info.in_log:
            break
        if info.attack is not None and not info.attack.supporting and not any(info is m for m in members):
            break  # another event starts here
        if lead.places and told_elsewhere(info.sentence.text):
            continue  # a tally of violence across the country: not what was done at a protest told at its place
        after.append(info.sentence.text)
    return after


def conduct_told_after(members: list[SentenceInfo], infos: list[SentenceInfo], sub_event_type: str) -> tuple[str, str] | None:
    """(kind, sub_event_type) a protest of ``sub_event_type`` becomes by what the sentences right
    after its lead sentence (the first of its ``members``; same paragraph, no other event started)
    tell was done at it, None when they tell nothing that changes it."""
    wanted = _CAN_BECOME.get(sub_event_type)
    if wanted is None:
        return None
    after = following(members, infos)
    if not after:
        return None
    typing = type_event(" ".join([members[0].sentence.text, *after]), kind_hint="protest")
    if typing.rule is None or typing.sub_event_type not in wanted:
        return None
    return _TURNS[typing.sub_event_type], typing.sub_event_type


def intervention_told_after(members: list[SentenceInfo], infos: list[SentenceInfo]) -> bool:
    """Whether the sentences right after a peaceful protest's lead sentence tell an intervention
    that makes it a Protest with intervention."""
    return conduct_told_after(members, infos, PEACEFUL) == ("protest", INTERVENTION)
