"""A small hand-made dataset, and a synthetic generator, for tests, screenshots and benchmarks.

The sample articles are written for this project (they describe invented incidents in real
places); their evidence spans are computed by searching the text, so offsets are always right.
One article is hostile: its title, outlet, URL and text carry markup, script, a ``javascript:``
link and template syntax, to prove that every page shows such input as inert text.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from eventledger.models import (
    ActorRole,
    Article,
    ArticleExtraction,
    Citation,
    Claim,
    Event,
    Failure,
    FieldValue,
    Mention,
    Report,
    Span,
    Story,
)
from eventledger.store import Store

HOSTILE = '<script>window.__pwned=1;alert(1)</script><img src=x onerror="window.__pwned=2;alert(2)">{{ 7*7 }}'
HOSTILE_URL = "javascript:window.__pwned=3;alert(3)"


def span(text: str, phrase: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``phrase`` in ``text`` (fails loudly when absent)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span(start, start + len(phrase), phrase)


@dataclass
class Sample:
    articles: list[Article] = field(default_factory=list)
    extractions: list[ArticleExtraction] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    def save(self, store: Store) -> None:
        """Write everything into ``store`` through its public API."""
        store.add_articles(self.articles)
        store.save_extractions(self.extractions)
        store.save_events(self.events)
        store.save_stories(self.stories)
        store.add_failures(self.failures)


ROCKET_A = (
    "Three rockets struck near the Baghdad airport late on Tuesday, wounding two contractors, "
    "according to the Iraqi security media cell. No group claimed the strike. "
    "Kataib Hezbollah denied any role in a statement posted on Wednesday."
)
ROCKET_B = (
    "Reuters reported that rockets hit a logistics area beside Baghdad airport on Tuesday night. "
    "Officials said four people were wounded. Kataib Hezbollah said it had nothing to do with the attack."
)
IED_A = (
    "A roadside bomb hit a supply convoy on the highway south of Nasiriyah on 3 March, "
    "killing one driver, police sources said. Ashab al-Kahf claimed the bombing on its channel."
)
IED_B = (
    "An explosive device detonated as a convoy passed near Nasiriyah on Tuesday, killing two people, "
    "AP reported. A group calling itself Ashab al-Kahf said it carried out the attack."
)
PROTEST = (
    "Hundreds of demonstrators gathered in Tahrir Square in Baghdad on Friday to demand early elections. "
    "Security forces fired tear gas and several protesters were hurt."
)
HOSTILE_TEXT = (
    "A drone attack on a base near Erbil was reported on Sunday. " + HOSTILE + " "
    "The local outlet added a link: <a href=\"" + HOSTILE_URL + "\">details</a>. "
    "Two guards were killed, a spokesman told reporters."
)


def _article(text: str, title: str, outlet: str, published: dt.date, url: str) -> Article:
    return Article.create(text, title=title, outlet=outlet, published=published, url=url, format="text", source=url)


def _report(article: Article, index: int, **fields: object) -> Report:
    return Report(id=f"{article.id}:{index}", article_id=article.id, index=index, **fields)  # type: ignore[arg-type]


def sample() -> Sample:
    """The hand-made dataset: 5 articles (one a hostile one), 5 reports, 4 events, 2 stories."""
    s = Sample()
    rocket_a = _article(ROCKET_A, "Rockets strike near Baghdad airport", "Rudaw", dt.date(2020, 3, 11), "https://rudaw.example/rockets")
    rocket_b = _article(ROCKET_B, "Rocket fire reported at Baghdad airport", "The National", dt.date(2020, 3, 11), "https://national.example/airport")
    ied_a = _article(IED_A, "Convoy hit by roadside bomb near Nasiriyah", "Shafaq News", dt.date(2021, 3, 4), "https://shafaq.example/convoy")
    ied_b = _article(IED_B, "Bomb strikes convoy in southern Iraq", "Al-Monitor", dt.date(2021, 3, 4), "https://monitor.example/convoy")
    protest = _article(PROTEST, "Protesters rally in Tahrir Square", "Rudaw", dt.date(2019, 11, 15), "https://rudaw.example/tahrir")
    hostile = _article(HOSTILE_TEXT, "Drone attack " + HOSTILE, "Outlet " + HOSTILE, dt.date(2021, 4, 18), HOSTILE_URL)
    s.articles = [rocket_a, rocket_b, ied_a, ied_b, protest, hostile]

    kh = "actor:kataib_hezbollah"
    kahf = "actor:ashab_al_kahf"
    us = "actor:us_forces"
    r1 = _report(
        rocket_a, 0, kind="attack", event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
        date="2020-03-10", date_precision="day", country="Iraq", admin1="Baghdad", place="Baghdad International Airport",
        latitude=33.2625, longitude=44.2346, geo_precision=1, wounded=2, weapon="rocket",
        actors=(ActorRole(kh, "Kataib Hezbollah", "denied_by", span(ROCKET_A, "Kataib Hezbollah")), ActorRole(us, "US-led coalition", "target")),
        denied_by=(kh,), cites=("Security Media Cell",), text=ROCKET_A[:ROCKET_A.index("No group")].strip(),
        span=Span(0, ROCKET_A.index("No group") - 1),
        evidence={"date": (span(ROCKET_A, "late on Tuesday"),), "place": (span(ROCKET_A, "Baghdad airport"),),
                  "wounded": (span(ROCKET_A, "wounding two contractors"),), "weapon": (span(ROCKET_A, "Three rockets"),),
                  "denied_by": (span(ROCKET_A, "denied any role"),)},
    )
    r2 = _report(
        rocket_b, 0, kind="attack", event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
        date="2020-03-10", date_precision="day", country="Iraq", admin1="Baghdad", place="Baghdad International Airport",
        latitude=33.2625, longitude=44.2346, geo_precision=1, wounded=4, weapon="rocket",
        actors=(ActorRole(kh, "Kataib Hezbollah", "denied_by", span(ROCKET_B, "Kataib Hezbollah")),),
        denied_by=(kh,), cites=("Reuters",), text=ROCKET_B, span=Span(0, len(ROCKET_B)),
        evidence={"date": (span(ROCKET_B, "Tuesday night"),), "place": (span(ROCKET_B, "Baghdad airport"),),
                  "wounded": (span(ROCKET_B, "four people were wounded"),), "weapon": (span(ROCKET_B, "rockets"),)},
    )
    r3 = _report(
        ied_a, 0, kind="attack", event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
        date="2021-03-03", date_precision="day", country="Iraq", admin1="Dhi Qar", place="Nasiriyah",
        latitude=31.0439, longitude=46.2575, geo_precision=2, killed=1, weapon="ied",
        actors=(ActorRole(kahf, "Ashab al-Kahf", "claimed_by", span(IED_A, "Ashab al-Kahf")), ActorRole(us, "supply convoy", "target")),
        claimed_by=(kahf,), cites=("police sources",), text=IED_A, span=Span(0, len(IED_A)),
        evidence={"date": (span(IED_A, "3 March"),), "place": (span(IED_A, "south of Nasiriyah"),),
                  "killed": (span(IED_A, "killing one driver"),), "weapon": (span(IED_A, "roadside bomb"),),
                  "claimed_by": (span(IED_A, "claimed the bombing"),)},
    )
    r4 = _report(
        ied_b, 0, kind="attack", event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
        date="2021-03-02", date_precision="day", country="Iraq", admin1="Dhi Qar", place="Nasiriyah",
        latitude=31.0439, longitude=46.2575, geo_precision=2, killed=2, weapon="ied",
        actors=(ActorRole(kahf, "Ashab al-Kahf", "claimed_by", span(IED_B, "Ashab al-Kahf")),),
        claimed_by=(kahf,), cites=("AP",), text=IED_B, span=Span(0, len(IED_B)),
        evidence={"date": (span(IED_B, "on Tuesday"),), "place": (span(IED_B, "near Nasiriyah"),),
                  "killed": (span(IED_B, "killing two people"),), "weapon": (span(IED_B, "explosive device"),)},
    )
    r5 = _report(
        protest, 0, kind="protest", event_type="Protests", sub_event_type="Protest with intervention",
        date="2019-11-15", date_precision="day", country="Iraq", admin1="Baghdad", place="Tahrir Square",
        latitude=33.3386, longitude=44.3938, geo_precision=1, text=PROTEST, span=Span(0, len(PROTEST)),
        evidence={"place": (span(PROTEST, "Tahrir Square"),), "date": (span(PROTEST, "on Friday"),)},
    )
    r6 = _report(
        hostile, 0, kind="attack", event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
        date="2021-04-18", date_precision="day", country="Iraq", admin1="Erbil", place="Erbil " + HOSTILE,
        latitude=36.19, longitude=44.01, geo_precision=2, killed=2, weapon="drone",
        actors=(ActorRole("unk:" + HOSTILE, HOSTILE, "perpetrator", span(HOSTILE_TEXT, HOSTILE)),),
        cites=(HOSTILE,), speakers=(HOSTILE,), text=HOSTILE_TEXT, span=Span(0, len(HOSTILE_TEXT)),
        evidence={"place": (span(HOSTILE_TEXT, "near Erbil"),), "killed": (span(HOSTILE_TEXT, "Two guards were killed"),),
                  "actors": (span(HOSTILE_TEXT, HOSTILE),)},
    )
    reports = {a.id: r for a, r in zip(s.articles, (r1, r2, r3, r4, r5, r6), strict=True)}
    for article in s.articles:
        report = reports[article.id]
        mentions = tuple(
            Mention(role.name, role.span, "actor", role.actor_id) for role in report.actors if role.span is not None
        )
        citations = ()
        if report.cites and report.cites[0] in article.text:
            citations = (Citation(report.cites[0], span(article.text, report.cites[0])),)
        s.extractions.append(ArticleExtraction(article.id, (report,), mentions, citations))

    s.events = [
        Event(
            id="ev-rocket-bgw", kind="attack", report_ids=(r1.id, r2.id), event_type=r1.event_type,
            sub_event_type=r1.sub_event_type, date="2020-03-10", date_precision="day", country="Iraq", admin1="Baghdad",
            place="Baghdad International Airport", latitude=33.2625, longitude=44.2346, geo_precision=1, actors=(kh, us),
            weapon="rocket", wounded_low=2, wounded_best=3, wounded_high=4,
            claims=(Claim(kh, "denied", r1.id, "Rudaw", "2020-03-11"), Claim(kh, "denied", r2.id, "The National", "2020-03-11")),
            independent_sources=2, outlets=("Rudaw", "The National"),
            fields={"wounded": (FieldValue(r1.id, 2, False), FieldValue(r2.id, 4, False)),
                    "date": (FieldValue(r1.id, "2020-03-10"), FieldValue(r2.id, "2020-03-10")),
                    "place": (FieldValue(r1.id, "Baghdad International Airport"), FieldValue(r2.id, "Baghdad International Airport"))},
            conflicts=("wounded",), story_id="story-airport", summary="Rockets hit near Baghdad airport; contractors wounded.",
        ),
        Event(
            id="ev-ied-nasiriyah", kind="attack", report_ids=(r3.id, r4.id), event_type=r3.event_type,
            sub_event_type=r3.sub_event_type, date="2021-03-03", date_precision="day", country="Iraq", admin1="Dhi Qar",
            place="Nasiriyah", latitude=31.0439, longitude=46.2575, geo_precision=2, actors=(kahf, us), weapon="ied",
            killed_low=1, killed_best=1, killed_high=2, claims=(Claim(kahf, "claimed", r3.id, "Shafaq News", "2021-03-04"),),
            independent_sources=2, outlets=("Shafaq News", "Al-Monitor"),
            fields={"killed": (FieldValue(r3.id, 1, False), FieldValue(r4.id, 2, False)),
                    "date": (FieldValue(r3.id, "2021-03-03", True), FieldValue(r4.id, "2021-03-02", False))},
            conflicts=("killed", "date"), story_id="story-convoys", summary="Roadside bomb hits a supply convoy south of Nasiriyah.",
        ),
        Event(
            id="ev-protest-tahrir", kind="protest", report_ids=(r5.id,), event_type="Protests",
            sub_event_type="Protest with intervention", date="2019-11-15", date_precision="day", country="Iraq",
            admin1="Baghdad", place="Tahrir Square", latitude=33.3386, longitude=44.3938, geo_precision=1,
            outlets=("Rudaw",), summary="Demonstrators in Tahrir Square demand early elections.",
        ),
        Event(
            id="ev-hostile", kind="attack", report_ids=(r6.id,), event_type=r6.event_type, sub_event_type=r6.sub_event_type,
            date="2021-04", date_precision="month", country="Iraq", admin1="Erbil", place=r6.place, latitude=36.19,
            longitude=44.01, geo_precision=2, actors=("unk:" + HOSTILE,), weapon="drone", killed_low=2, killed_best=2,
            killed_high=2, outlets=("Outlet " + HOSTILE,), claims=(Claim("unk:" + HOSTILE, "claimed", r6.id, HOSTILE),),
            fields={"place": (FieldValue(r6.id, r6.place),)}, conflicts=(), story_id="story-hostile",
            summary="Drone attack " + HOSTILE,
        ),
    ]
    s.stories = [
        Story("story-airport", "Rocket fire at Baghdad airport", (rocket_a.id, rocket_b.id), ("ev-rocket-bgw",)),
        Story("story-convoys", "Attacks on supply convoys", (ied_a.id, ied_b.id), ("ev-ied-nasiriyah",)),
        Story("story-hostile", "Story " + HOSTILE, (hostile.id,), ("ev-hostile",)),
    ]
    s.failures = [
        Failure("feeds/broken.xml", "not a feed: no <rss> or <feed> element", "ingest", dt.datetime(2021, 5, 1, 8, 30)),
        Failure("uploads/" + HOSTILE, "binary input " + HOSTILE, "ingest", dt.datetime(2021, 5, 2, 9, 0)),
    ]
    return s


# -- synthetic events for benchmarks ----------------------------------------------------------

ADMIN1 = {
    "Baghdad": (33.31, 44.36), "Anbar": (33.42, 43.3), "Basra": (30.5, 47.8), "Nineveh": (36.34, 43.13),
    "Salah al-Din": (34.6, 43.68), "Diyala": (33.75, 44.6), "Kirkuk": (35.47, 44.39), "Dhi Qar": (31.04, 46.26),
    "Babil": (32.48, 44.43), "Erbil": (36.19, 44.01), "Karbala": (32.6, 44.02), "Najaf": (32.0, 44.33),
}
SUB_TYPES = (
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
)
ACTORS = tuple(f"actor:group_{i}" for i in range(40))


def synthetic_events(n: int, seed: int = 7) -> Iterator[Event]:
    """``n`` plausible random events over 2019-2021 (no reports behind them): for load tests only."""
    rng = random.Random(seed)
    names = list(ADMIN1)
    start = dt.date(2019, 1, 1)
    for i in range(n):
        admin1 = rng.choice(names)
        lat, lon = ADMIN1[admin1]
        event_type, sub_type = rng.choice(SUB_TYPES)
        kind = "protest" if event_type == "Protests" else "attack"
        day = start + dt.timedelta(days=rng.randrange(3 * 365))
        killed = rng.choice((0, 0, 0, 1, 1, 2, 3, 5, 8)) if kind == "attack" else 0
        actors = tuple(rng.sample(ACTORS, rng.randint(1, 3)))
        # Places come from a gazetteer in real data, so events share their town's coordinates:
        # 30 places per governorate, each at fixed coordinates near its centre.
        site = rng.randint(1, 30)
        place_rng = random.Random(f"{admin1}:{site}")
        latitude = round(lat + place_rng.uniform(-0.4, 0.4), 3)
        longitude = round(lon + place_rng.uniform(-0.4, 0.4), 3)
        yield Event(
            id=f"syn-{i:07d}", kind=kind, report_ids=(f"syn-report-{i}",), event_type=event_type, sub_event_type=sub_type,
            date=day.isoformat(), date_precision="day", country="Iraq", admin1=admin1,
            place=f"{admin1} site {site}", latitude=latitude, longitude=longitude, geo_precision=2, actors=actors,
            killed_low=killed, killed_best=killed, killed_high=killed, wounded_best=rng.randint(0, 6),
            outlets=("Synthetic Wire",), summary=f"Synthetic {sub_type.lower()} number {i} in {admin1}.",
        )
