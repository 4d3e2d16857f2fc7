"""Hand-made reports and articles for linking tests (all text here is written for the tests)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eventledger.link import ArticleInfo
from eventledger.models import ActorRole, Report, Span

SHELLING = "Shelling/artillery/missile attack"
IED = "Remote explosive/landmine/IED"
REMOTE = "Explosions/Remote violence"


def report(report_id: str, article_id: str, kind: str = "attack", **fields: Any) -> Report:
    """A report with sensible attack defaults; ``actors`` may be given as (id, role) pairs."""
    actors = tuple(
        a if isinstance(a, ActorRole) else ActorRole(actor_id=a[0], name=a[0].replace("_", " ").title(), role=a[1])
        for a in fields.pop("actors", ())
    )
    if kind == "attack":
        fields.setdefault("event_type", REMOTE)
        fields.setdefault("sub_event_type", SHELLING)
    fields.setdefault("country", "Iraq")
    if "killed_text" in fields:
        text = fields.pop("killed_text")
        fields["evidence"] = {"killed": (Span(0, len(text), text),)}
    return Report(id=report_id, article_id=article_id, kind=kind, actors=actors, **fields)


def info(article_id: str, outlet: str | None = None, published: str | None = None, **fields: Any) -> ArticleInfo:
    day = dt.date.fromisoformat(published) if published else None
    return ArticleInfo(id=article_id, outlet=outlet, published=day, **fields)


def seed_like() -> tuple[list[Report], dict[str, ArticleInfo]]:
    """Four made-up articles shaped like the seed corpus: one attack told three times, a truce,
    a visit, and an incident log of one month per line (all wording invented here)."""
    articles = {
        "a0": info("a0", "Gulf Wire Digest", None, cites=("Middle East Eye",)),
        "a1": info("a1", "Tigris Monitor", None, cites=("Associated Press",)),
        "a2": info("a2", "Euphrates Daily", "2020-10-22", cites=("Middle East Eye",)),
        "a3": info("a3", "Ledger of Mesopotamia", "2020-12-26", cites=("Al Arabiya", "Middle East Eye")),
    }
    claimed = [("ashab_al_kahf", "claimed_by"), ("kataib_hezbollah", "denied_by")]
    reports = [
        # The rocket strike on the fortified district: undated in a0 and a1, month-dated in a3's log.
        report(
            "a0-r1",
            "a0",
            date=None,
            date_precision="unknown",
            admin1="Baghdad",
            place="Green Zone",
            weapon="BM-21 rockets",
            target="US embassy",
            killed=1,
            wounded=5,
            actors=claimed,
            claimed_by=("ashab_al_kahf",),
            denied_by=("kataib_hezbollah",),
            text="Several launch tubes fired on the embassy district, one guard died and five were hurt.",
        ),
        report(
            "a1-r1",
            "a1",
            date=None,
            date_precision="unknown",
            admin1="Baghdad",
            place="Green Zone",
            weapon="Katyusha rockets",
            target="US embassy",
            killed=1,
            wounded=5,
            actors=claimed[:1],
            claimed_by=("ashab_al_kahf",),
            text="Katyushas slammed into the embassy compound area leaving one dead and five injured.",
        ),
        report(
            "a3-log11",
            "a3",
            date="2020-11",
            date_precision="month",
            admin1="Baghdad",
            place="Green Zone",
            weapon="Rockets",
            target="US embassy",
            killed=1,
            wounded=5,
            segment="log:8",
            text="Rockets hit near the embassy inside the protected zone, one dead five hurt.",
        ),
        # The December strike on the same district: a different event.
        report(
            "a3-log12c",
            "a3",
            date="2020-12",
            date_precision="month",
            admin1="Baghdad",
            place="Green Zone",
            weapon="rockets",
            target="US embassy",
            wounded=1,
            segment="log:11",
            text="Another salvo at the embassy zone, one person hurt.",
        ),
        # Two convoy bombs in one province and month: two lines of one log, two events.
        report(
            "a3-log12d",
            "a3",
            date="2020-12",
            date_precision="month",
            admin1="Dhi Qar",
            sub_event_type=IED,
            weapon="IED",
            target="convoy",
            wounded=1,
            segment="log:12",
            text="Roadside bomb on a supply convoy.",
        ),
        report(
            "a3-log12g",
            "a3",
            date="2020-12",
            date_precision="month",
            admin1="Dhi Qar",
            sub_event_type=IED,
            weapon="IED",
            target="convoy",
            segment="log:15",
            text="Roadside bomb on a supply convoy.",
        ),
        # The October truce, told four ways.
        report(
            "a0-r2",
            "a0",
            kind="ceasefire",
            date="2020-10-11",
            date_precision="day",
            actors=[("khamenei", "participant"), ("kataib_hezbollah", "participant")],
            text="The factions announced a pause in attacks on the eleventh of October.",
        ),
        report(
            "a1-r2",
            "a1",
            kind="ceasefire",
            date="2020-10",
            date_precision="month",
            actors=[("kataib_hezbollah", "participant")],
            text="The militias halted strikes in October.",
        ),
        report(
            "a2-r1",
            "a2",
            kind="ceasefire",
            date="2020-10-15",
            date_precision="week",
            actors=[("kataib_hezbollah", "participant"), ("nujaba", "participant")],
            text="Last week armed groups agreed to hold fire against foreign forces.",
        ),
        report(
            "a3-r1",
            "a3",
            kind="ceasefire",
            date="2020-10",
            date_precision="month",
            actors=[("kataib_hezbollah", "participant"), ("khamenei", "participant")],
            text="A truce was called by the groups in October.",
        ),
        # The commander's Baghdad visit (undated in a0 and a1, November in a3) and a later one.
        report(
            "a0-r3",
            "a0",
            kind="meeting",
            date=None,
            date_precision="unknown",
            admin1="Baghdad",
            place="Baghdad",
            actors=[
                ("qaani", "participant"),
                ("kataib_hezbollah", "participant"),
                ("badr", "participant"),
                ("kadhimi", "participant"),
            ],
            text="The general flew into Baghdad and met faction leaders and the premier.",
        ),
        report(
            "a1-r3",
            "a1",
            kind="meeting",
            date=None,
            date_precision="unknown",
            admin1="Baghdad",
            place="Baghdad",
            actors=[
                ("qaani", "participant"),
                ("kataib_hezbollah", "participant"),
                ("kadhimi", "participant"),
                ("badr", "participant"),
            ],
            text="The Iranian commander visited Baghdad for talks with militia chiefs.",
        ),
        report(
            "a3-r2",
            "a3",
            kind="meeting",
            date="2020-11",
            date_precision="month",
            admin1="Baghdad",
            place="Baghdad",
            actors=[
                ("qaani", "participant"),
                ("kataib_hezbollah", "participant"),
                ("badr", "participant"),
                ("kadhimi", "participant"),
            ],
            text="In November the commander came to Baghdad to meet the groups.",
        ),
        report(
            "a3-r3",
            "a3",
            kind="meeting",
            date="2020-12",
            date_precision="month",
            admin1="Baghdad",
            place="Baghdad",
            actors=[("qaani", "participant"), ("pmf", "participant")],
            text="He returned in December to see the Hashd leadership.",
        ),
    ]
    return reports, articles
