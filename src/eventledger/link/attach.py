"""A month-dated report left alone after clustering joins the event it clearly matches best.

A report dated only to its month fits every event of that month and place, so the prior of a
pair it makes is that of the month's crowd (``features.measure_crowds``): in a busy month no
single day-dated partner then passes the threshold, however well it agrees, and the report
stays alone although its event is plain to see. Whether one event of the month matches it is a
question of how its partners compare with each other: the report joins the event of its
best-matching day-dated (or week-dated) report when

- that report would pass the threshold by its own day's crowd (the evidence is as strong as a
  day-dated pair needs there),
- its evidence beats the best report of every other event by ``coarse_best_margin`` (a look-alike
  that matches about as well leaves the report alone: which of the two it tells is a guess), and
- the report is compatible with every member of that event (``compare.compatible``).

Only reports still alone are attached, one at a time in index order (the result does not
depend on the order reports were given in).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from eventledger.link.bulk import CoarsePairs
from eventledger.link.compare import compatible
from eventledger.link.features import Profile
from eventledger.link.rules import Rules


def attach_coarse(
    parts: Sequence[CoarsePairs],
    profiles: Sequence[Profile],
    rules: Rules,
    find: Callable[[int], int],
    members: Callable[[int], list[int]],
    union: Callable[[int, int], None],
) -> int:
    """Attach the month-dated reports of ``parts`` that are alone to their clear best event
    (``find``, ``members`` and ``union`` are the clusters'); returns how many joined one."""
    if not parts:
        return 0
    month = np.concatenate([p[0] for p in parts])
    if not len(month):
        return 0
    other = np.concatenate([p[1] for p in parts])
    evidence = np.concatenate([p[2] for p in parts])
    passes = np.concatenate([p[3] for p in parts])
    # a pair found in several blocking lists comes more than once: the order below keeps each
    # month-dated report's partners together, best first (ties by partner, for determinism)
    order = np.lexsort((other, -evidence, month))
    month, other, evidence, passes = month[order], other[order], evidence[order], passes[order]
    starts = np.flatnonzero(np.concatenate(([True], month[1:] != month[:-1])))
    ends = np.append(starts[1:], len(month))
    margin = rules.coarse_best_margin_units
    joined = 0
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        report = int(month[start])
        if find(report) != report or len(members(report)) > 1:
            continue  # it joined an event on its own evidence
        best_root = find(int(other[start]))
        if not passes[start]:
            continue
        # the best partner of any other event (partners come best first)
        rival = next((int(evidence[i]) for i in range(start + 1, end) if find(int(other[i])) != best_root), None)
        if rival is not None and int(evidence[start]) - rival < margin:
            continue
        profile = profiles[report]
        if all(compatible(profile, profiles[m], rules) for m in members(best_root)):
            union(report, best_root)
            joined += 1
    return joined
