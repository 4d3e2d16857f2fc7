"""A tiny hand-made article gold and a store holding a hand-made system run over it.

Nothing here comes from extraction: the reports and events are built by hand so that every
figure the scorer prints can be worked out on paper (see test_articles.py).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from eventledger.models import ActorRole, Article, ArticleExtraction, Claim, Event, Report

GOLD = """\
format: eventledger-gold/1
documents:
  - {id: alpha, file: alpha.txt, published: 2021-03-02}
  - {id: beta, file: beta.txt, published: 2021-03-03}
boilerplate_traps:
  alpha: ["Subscribe to our newsletter"]
  beta: ["Comments are closed"]
actors:
  - {id: militia_a, kind: armed_group, aliases: ["Militia A", "A Brigades"]}
  - {id: minister_b, kind: person, aliases: ["Minister B", "B"]}
events:
  - {id: ied-1, kind: attack, sub_event_type: Remote explosive/landmine/IED, weapon: ied,
     date: 2021-03-01, date_precision: day, admin1: Dhi Qar, place: Old Bridge, killed: 2, wounded: 3,
     claimed_by: [militia_a], mentioned_in: [alpha, beta]}
  - {id: ied-2, kind: attack, sub_event_type: Remote explosive/landmine/IED, date: 2021-03,
     date_precision: month, admin1: Dhi Qar, mentioned_in: [alpha]}
  - {id: talks, kind: meeting, date: 2021-03, date_precision: month, actors: [militia_a, minister_b],
     mentioned_in: [alpha]}
tallies:
  attacks_by_month: {"2021-03": 2, "2021-02": 0}
"""

ALPHA = (
    "A roadside bomb hit a police pickup near the Old Bridge in Dhi Qar on Monday, killing two officers "
    "and hurting four, the provincial police said. Militia A said it planted the device. Later in the month "
    "shells fell on a depot in the same province. Minister B met envoys of the A Brigades to calm things. "
    "Subscribe  to our Newsletter"
)
BETA = "Two policemen died when a bomb went off beside their vehicle in Thi Qar on Monday."

# The system's run: reports per article, and how it merged them (its resolver, mapping the
# aliases to sys_a / sys_b, is in test_articles.py).

def alpha_reports(article_id: str) -> tuple[Report, ...]:
    return (
        Report(id="r1", article_id=article_id, kind="attack", index=0,
               sub_event_type="Remote explosive/landmine/IED", date="2021-03-01", date_precision="day",
               admin1="Dhi Qar", place="the Old Bridge", killed=2, wounded=4, weapon="ied",
               claimed_by=("sys_a",), text="A roadside bomb hit a police pickup near the Old Bridge."),
        Report(id="r2", article_id=article_id, kind="attack", index=1,
               sub_event_type="Shelling/artillery/missile attack", date="2021-03-15", date_precision="day",
               admin1="Dhi Qar", text="Shells fell on a depot."),
        Report(id="r3", article_id=article_id, kind="meeting", index=2, date="2021-03-10", date_precision="day",
               actors=(ActorRole("sys_a", "A Brigades", "participant"), ActorRole("sys_b", "Minister B", "participant"))),
        Report(id="r4", article_id=article_id, kind="statement", index=3, date="2021-03-02", date_precision="day"),
    )


def beta_reports(article_id: str) -> tuple[Report, ...]:
    return (
        Report(id="b1", article_id=article_id, kind="attack", sub_event_type="Remote explosive/landmine/IED",
               date="2021-03-01", date_precision="day", admin1="Thi Qar", killed=2,
               text="Two policemen died when a bomb went off."),
    )


def system_events(over_merge: bool = False) -> list[Event]:
    first = ("r1", "b1", "r2") if over_merge else ("r1", "b1")
    events = [
        # the merge of r1 and b1: r1's place, weapon, wounded and claim stand for the event
        Event(id="E1", kind="attack", report_ids=first, date="2021-03-01", date_precision="day",
              sub_event_type="Remote explosive/landmine/IED", admin1="Dhi Qar", place="the Old Bridge",
              weapon="ied", killed_low=2, killed_best=2, killed_high=2, wounded_low=4, wounded_best=4,
              wounded_high=4, claims=(Claim("sys_a", "claimed", "r1"),)),
        Event(id="E3", kind="meeting", report_ids=("r3",), date="2021-03-10", date_precision="day"),
        Event(id="E4", kind="statement", report_ids=("r4",), date="2021-03-02", date_precision="day"),
    ]
    if not over_merge:
        events.append(Event(id="E2", kind="attack", report_ids=("r2",), date="2021-03-15", date_precision="day",
                            sub_event_type="Shelling/artillery/missile attack", admin1="Dhi Qar"))
    return events


def build_run(folder: Path, *, over_merge: bool = False) -> tuple[Path, str]:
    """Write the gold and its two texts into ``folder`` and a store beside them; returns (gold, db)."""
    from eventledger.store import open_store

    gold = folder / "gold.yaml"
    gold.write_text(textwrap.dedent(GOLD), encoding="utf-8")
    (folder / "alpha.txt").write_text(ALPHA, encoding="utf-8")
    (folder / "beta.txt").write_text(BETA, encoding="utf-8")
    alpha = Article.create(ALPHA, source=str(folder / "alpha.txt"), format="text")
    beta = Article.create(BETA, source=str(folder / "beta.txt"), format="text")
    db = str(folder / "run.db")
    with open_store(db) as store:
        store.add_articles([alpha, beta])
        store.save_extractions([
            ArticleExtraction(article_id=alpha.id, reports=alpha_reports(alpha.id)),
            ArticleExtraction(article_id=beta.id, reports=beta_reports(beta.id)),
        ])
        store.save_events(system_events(over_merge), replace_all=True)
    return gold, db


@pytest.fixture(scope="module")
def hand_run(tmp_path_factory):
    return build_run(tmp_path_factory.mktemp("hand_run"))


@pytest.fixture(scope="module")
def over_merged_run(tmp_path_factory):
    return build_run(tmp_path_factory.mktemp("over_merged"), over_merge=True)
