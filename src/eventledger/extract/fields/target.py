"""Target: what an attack struck (a convoy, a base, civilians, ...).

Per sentence, :func:`find_target` reads the target an attack sentence names, preferring one after
the action. Per report, :func:`set_attack_target` keeps the first target of the sentences that
tell the attack happened, :func:`set_log_target` a log line's.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from eventledger.datafiles import load_yaml
from eventledger.extract.fields.draft import Fields, span_of
from eventledger.extract.lexicon import Hit, Vocabulary, compile_patterns

if TYPE_CHECKING:
    from eventledger.extract.analysis import SentenceInfo
    from eventledger.extract.logs import LogLine


@cache
def _vocabulary() -> Vocabulary:
    return Vocabulary(load_yaml("eventledger.extract.fields", "target.yaml")["targets"])


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    return compile_patterns(load_yaml("eventledger.extract.fields", "target.yaml")["patterns"])


def find_target(text: str, after: int = 0) -> Hit | None:
    """The target an attack sentence names, preferring one after the action; a body that only
    speaks of the attack ("police said") is no target."""
    patterns = _patterns()
    found = [
        h
        for h in _vocabulary().hits(text)
        if not patterns["speaker_after"].match(text, h.end) and not patterns["speaker_before"].search(text, 0, h.start)
    ]
    if not found:
        return None
    later = [h for h in found if h.start >= after]
    return min(later or found, key=lambda h: h.start)


def set_attack_target(fields: Fields, happened: list[SentenceInfo], text: str) -> None:
    """An attack's target: the first one its sentences name."""
    for info in happened:
        if info.attack and info.attack.target:
            fields.set("target", info.attack.target.value, [span_of(text, *info.absolute(info.attack.target))])
            return


def set_log_target(fields: Fields, line: LogLine, text: str) -> None:
    """A log line's target ("IED vs convoy")."""
    target = find_target(line.text)
    if target is not None:
        fields.set("target", target.value, [span_of(text, line.start + target.start, line.start + target.end)])
