"""A protest whose intervention is told after it: "Workers marched on the town hall. Police
dispersed them and arrested ten."

ACLED codes a protest that state forces physically broke up, dispersed or arrested people at as a
Protest with intervention. News and coders' notes alike tell the march first and what the police did
in the next sentence; the protest's report is typed from its own sentences, which do not say it.
:func:`intervention_told_after` types the lead sentence together with the sentences that follow it
in its paragraph (until one starts another event) with the codebook's typing rules, and keeps the
intervention only when a rule names it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventledger.extract.detection.event_typing import type_event

if TYPE_CHECKING:
    from eventledger.extract.analysis import SentenceInfo

PEACEFUL = "Peaceful protest"
INTERVENTION = "Protest with intervention"
FOLLOWING = 2  # sentences after the lead that may tell what was done to the crowd


def intervention_told_after(members: list[SentenceInfo], infos: list[SentenceInfo]) -> bool:
    """Whether the sentences right after a peaceful protest's lead sentence (the first of its
    ``members``; same paragraph, no other event started) tell an intervention that makes it a
    Protest with intervention."""
    lead = members[0]
    at = next((k for k, info in enumerate(infos) if info is lead), None)
    if at is None:
        return False
    after: list[str] = []
    for info in infos[at + 1 : at + 1 + FOLLOWING]:
        if info.sentence.paragraph != lead.sentence.paragraph or info.in_log:
            break
        if info.attack is not None and not info.attack.supporting and not any(info is m for m in members):
            break  # another event starts here
        after.append(info.sentence.text)
    if not after:
        return False
    typing = type_event(" ".join([lead.sentence.text, *after]), kind_hint="protest")
    return typing.rule is not None and typing.sub_event_type == INTERVENTION
