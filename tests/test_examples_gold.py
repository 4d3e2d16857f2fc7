"""The bundled example articles (examples/) and their gold annotation (examples/gold.yaml).

These checks need neither network nor ../shared: they read only the files in examples/. They keep
the gold honest about its own texts: every document it names exists, every trap and every
"must not extract" sentence really stands in the file it is attributed to, dates are consistent
with their precision and with the publication dates, and the tallies are what the events add up to.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import xml.etree.ElementTree as ElementTree
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from eventledger.models import DATE_PRECISIONS, KINDS

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
GOLD_PATH = EXAMPLES / "gold.yaml"
NOTES_PATH = EXAMPLES / "gold_notes.yaml"

# Iraq's 18 governorates, as ACLED spells them (its admin1 values).
IRAQ_GOVERNORATES = frozenset(
    {
        "Al-Anbar",
        "Al-Qadisiyah",
        "Babil",
        "Baghdad",
        "Basra",
        "Dhi Qar",
        "Diyala",
        "Duhok",
        "Erbil",
        "Kerbala",
        "Kirkuk",
        "Maysan",
        "Muthanna",
        "Najaf",
        "Ninewa",
        "Sala al-Din",
        "Sulaymaniyah",
        "Wasit",
    }
)

# ACLED event types and the sub-event types the gold format allows under each.
ACLED_SUB_EVENT_TYPES = {
    "Explosions/Remote violence": {
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Air/drone strike",
        "Suicide bomb",
        "Grenade",
    },
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Violence against civilians": {"Attack", "Abduction/forced disappearance", "Sexual violence"},
}

DATE_PATTERNS = {
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "week": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "year": re.compile(r"^\d{4}$"),
}

CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}encoded"

# Texts written for the project are short articles; the brief for the corpus is 150-450 words.
MIN_WORDS, MAX_WORDS = 150, 450


@cache
def load_gold() -> dict[str, Any]:
    with GOLD_PATH.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@cache
def load_notes() -> dict[str, Any]:
    with NOTES_PATH.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def documents() -> list[dict[str, Any]]:
    return load_gold()["documents"]


def events() -> list[dict[str, Any]]:
    return load_gold()["events"]


def document_ids() -> set[str]:
    return {doc["id"] for doc in documents()}


def as_date_text(value: Any) -> str:
    """YAML reads an unquoted 2020-12-20 as a date and 2020-12 as a string: compare as text."""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


@cache
def feed_entries() -> list[dict[str, str]]:
    """The RSS items of examples/feed.xml in document order: title, pubDate and the full text."""
    root = ElementTree.parse(EXAMPLES / "feed.xml").getroot()
    entries = []
    for item in root.iter("item"):
        body = item.findtext(CONTENT_NS) or item.findtext("description") or ""
        entries.append(
            {
                "title": item.findtext("title") or "",
                "pubDate": item.findtext("pubDate") or "",
                "text": html.unescape(re.sub(r"<[^>]+>", " ", body)),
                "raw": body,
            }
        )
    return entries


@cache
def jsonl_records() -> dict[str, dict[str, Any]]:
    records = {}
    for line in (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            records[record["id"]] = record
    return records


def raw_text(doc_id: str) -> str:
    """What the file holds for one document, as stored (markup included)."""
    if doc_id.startswith("feed#"):
        entry = feed_entries()[int(doc_id.removeprefix("feed#")) - 1]
        return entry["title"] + "\n" + entry["raw"]
    if doc_id.startswith("articles#"):
        record = jsonl_records()[doc_id.removeprefix("articles#")]
        return record["title"] + "\n" + record["text"]
    doc = next(d for d in documents() if d["id"] == doc_id)
    return (EXAMPLES / doc["file"]).read_text(encoding="utf-8")


def readable_text(doc_id: str) -> str:
    """The document with tags removed, entities decoded and whitespace collapsed."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", raw_text(doc_id)))
    return " ".join(text.split())


def body_text(doc_id: str) -> str:
    """The article alone: for HTML pages the entry-content block, otherwise the whole document."""
    raw = raw_text(doc_id)
    match = re.search(r'<div class="entry-content">(.*?)</div>', raw, flags=re.DOTALL)
    if match:
        raw = match.group(1)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())


def gold_tally_by_month() -> dict[str, int]:
    return {str(k): v for k, v in load_gold()["tallies"]["attacks_by_month"].items()}


# --- documents ---------------------------------------------------------------------------------


def test_gold_declares_its_format() -> None:
    assert load_gold()["format"] == "eventledger-gold/1"
    assert load_notes()["format"] == "eventledger-gold-notes/1"


def test_document_ids_are_unique() -> None:
    ids = [doc["id"] for doc in documents()]
    assert len(ids) == len(set(ids))


def test_every_example_file_is_annotated() -> None:
    """No article file in examples/ is left out of the gold, and the gold names no other file."""
    article_files = {p.name for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".html", ".xml", ".jsonl"}}
    assert article_files == {doc["file"] for doc in documents()}


@pytest.mark.parametrize("doc", documents(), ids=lambda d: d["id"])
def test_document_file_exists_and_id_follows_naming_rule(doc: dict[str, Any]) -> None:
    path = EXAMPLES / doc["file"]
    assert path.is_file(), f"{doc['file']} is missing"
    if doc["id"].startswith("feed#"):
        position = int(doc["id"].removeprefix("feed#"))
        assert path.suffix == ".xml"
        assert 1 <= position <= len(feed_entries())
    elif doc["id"].startswith("articles#"):
        assert path.suffix == ".jsonl"
        assert doc["id"].removeprefix("articles#") in jsonl_records()
    else:
        assert doc["id"] == path.stem


@pytest.mark.parametrize("doc", documents(), ids=lambda d: d["id"])
def test_document_metadata_is_well_formed(doc: dict[str, Any]) -> None:
    assert isinstance(doc["outlet"], str) and doc["outlet"].strip()
    assert doc["published"] is None or isinstance(doc["published"], dt.date)
    assert isinstance(doc["cites"], list)
    assert all(isinstance(outlet, str) and outlet for outlet in doc["cites"])
    assert doc["outlet"] not in doc["cites"], "an outlet does not cite itself"


def date_spellings(day: dt.date) -> set[str]:
    """The ways the example texts write a publication date."""
    month, short_month, weekday = day.strftime("%B"), day.strftime("%b"), day.strftime("%a")
    return {
        day.isoformat(),
        f"{month} {day.day}, {day.year}",
        f"{day.day} {month} {day.year}",
        f"{day.day} {short_month} {day.year}",
        day.strftime("%d/%m/%Y"),
        f"{weekday}, {day.day:02d} {short_month} {day.year}",
    }


@pytest.mark.parametrize("doc", documents(), ids=lambda d: d["id"])
def test_published_date_is_stated_by_the_document(doc: dict[str, Any]) -> None:
    """The gold's publication date is one the document itself gives (no invented dates)."""
    if doc["published"] is None:
        pytest.skip("no publication date")
    if doc["id"].startswith("articles#"):
        stated = jsonl_records()[doc["id"].removeprefix("articles#")]["published"]
        assert stated == doc["published"].isoformat()
        return
    if doc["id"].startswith("feed#"):
        text = feed_entries()[int(doc["id"].removeprefix("feed#")) - 1]["pubDate"]
    else:
        text = raw_text(doc["id"])
    assert any(spelling in text for spelling in date_spellings(doc["published"])), (
        f"{doc['id']}: {doc['published']} is not written in the document"
    )


@pytest.mark.parametrize("doc", documents(), ids=lambda d: d["id"])
def test_article_length_is_within_the_corpus_brief(doc: dict[str, Any]) -> None:
    words = len(body_text(doc["id"]).split())
    assert MIN_WORDS <= words <= MAX_WORDS, f"{doc['id']}: {words} words"


@pytest.mark.parametrize("doc", documents(), ids=lambda d: d["id"])
def test_every_document_reports_at_least_one_event(doc: dict[str, Any]) -> None:
    assert any(doc["id"] in event["mentioned_in"] for event in events())


@pytest.mark.parametrize("doc", documents(), ids=lambda d: d["id"])
def test_cited_outlets_are_named_in_the_text(doc: dict[str, Any]) -> None:
    text = readable_text(doc["id"])
    short_names = {"Associated Press": ("AP", "Associated Press")}
    for outlet in doc["cites"]:
        assert any(name in text for name in short_names.get(outlet, (outlet,))), outlet


JSONL_FIELDS = {"id", "url", "outlet", "title", "published", "text"}


def test_jsonl_records_have_the_documented_fields() -> None:
    records = jsonl_records()
    assert len(records) == 2
    for record in records.values():
        assert set(record) == JSONL_FIELDS
        dt.date.fromisoformat(record["published"])


def test_feed_entries_carry_the_whole_article() -> None:
    """The links point nowhere, so each entry's own text must be the full article."""
    entries = feed_entries()
    assert len(entries) == 2
    for entry in entries:
        assert entry["title"] and entry["pubDate"]
        assert len(entry["text"].split()) >= MIN_WORDS
        assert entry["raw"].count("<p>") >= 4, "several paragraphs, not a one-line teaser"


# --- boilerplate traps -------------------------------------------------------------------------


def trap_cases() -> list[tuple[str, str]]:
    return [(doc_id, trap) for doc_id, traps in load_gold()["boilerplate_traps"].items() for trap in traps]


@pytest.mark.parametrize(("doc_id", "trap"), trap_cases())
def test_boilerplate_trap_occurs_in_its_raw_file(doc_id: str, trap: str) -> None:
    assert doc_id in document_ids()
    assert trap in raw_text(doc_id)


@pytest.mark.parametrize(("doc_id", "trap"), trap_cases())
def test_boilerplate_trap_is_outside_the_article_body(doc_id: str, trap: str) -> None:
    """A trap that also stood in the article itself would make a correct extractor fail."""
    assert trap not in body_text(doc_id)


def test_every_html_page_has_traps() -> None:
    html_docs = {doc["id"] for doc in documents() if doc["file"].endswith(".html")}
    assert html_docs == set(load_gold()["boilerplate_traps"])


# --- actors ------------------------------------------------------------------------------------


def test_actor_ids_are_unique() -> None:
    ids = [actor["id"] for actor in load_gold()["actors"]]
    assert len(ids) == len(set(ids))


def test_an_alias_belongs_to_one_actor() -> None:
    owners: dict[str, set[str]] = {}
    for actor in load_gold()["actors"]:
        for alias in actor["aliases"]:
            owners.setdefault(alias.casefold(), set()).add(actor["id"])
    shared = {alias: ids for alias, ids in owners.items() if len(ids) > 1}
    assert not shared


@pytest.mark.parametrize("actor", load_gold()["actors"], ids=lambda a: a["id"])
def test_every_alias_is_a_surface_form_of_the_texts(actor: dict[str, Any]) -> None:
    corpus = "\n".join(readable_text(doc_id) for doc_id in sorted(document_ids()))
    missing = [alias for alias in actor["aliases"] if not re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", corpus)]
    assert not missing


# --- events ------------------------------------------------------------------------------------


def test_event_ids_are_unique() -> None:
    ids = [event["id"] for event in events()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("event", events(), ids=lambda e: e["id"])
def test_event_mentions_known_documents(event: dict[str, Any]) -> None:
    mentioned = event["mentioned_in"]
    assert mentioned, "an event with no report"
    assert len(mentioned) == len(set(mentioned))
    assert set(mentioned) <= document_ids()


@pytest.mark.parametrize("event", events(), ids=lambda e: e["id"])
def test_event_actor_ids_exist(event: dict[str, Any]) -> None:
    known = {actor["id"] for actor in load_gold()["actors"]}
    for field in ("actors", "claimed_by", "denied_by"):
        assert set(event.get(field) or []) <= known, field


@pytest.mark.parametrize("event", events(), ids=lambda e: e["id"])
def test_event_kind_and_acled_types(event: dict[str, Any]) -> None:
    assert event["kind"] in KINDS
    if event["kind"] == "attack":
        assert event["sub_event_type"] in ACLED_SUB_EVENT_TYPES[event["event_type"]]
        assert event.get("weapon"), "every attack in the examples names its weapon"
    else:
        assert "sub_event_type" not in event and "event_type" not in event


@pytest.mark.parametrize("event", events(), ids=lambda e: e["id"])
def test_event_date_matches_its_precision(event: dict[str, Any]) -> None:
    precision = event["date_precision"]
    assert precision in DATE_PRECISIONS and precision != "unknown"
    text = as_date_text(event["date"])
    assert DATE_PATTERNS[precision].match(text), f"{text} is not a {precision}"
    if precision in ("day", "week"):
        day = dt.date.fromisoformat(text)
        if precision == "week":
            assert day.weekday() == 0, "a week is written as its Monday"
    elif precision == "month":
        assert 1 <= int(text[5:7]) <= 12


@pytest.mark.parametrize("event", events(), ids=lambda e: e["id"])
def test_event_is_not_reported_before_it_happened(event: dict[str, Any]) -> None:
    text = as_date_text(event["date"])
    published = {doc["id"]: doc["published"] for doc in documents()}
    for doc_id in event["mentioned_in"]:
        if published[doc_id] is not None:
            assert text <= published[doc_id].isoformat()[: len(text)], doc_id


@pytest.mark.parametrize("event", events(), ids=lambda e: e["id"])
def test_event_place_fields(event: dict[str, Any]) -> None:
    if event.get("country") == "Iraq" and "admin1" in event:
        assert event["admin1"] in IRAQ_GOVERNORATES
    if event["kind"] == "attack":
        assert event.get("country"), "every attack in the examples has a country"


@pytest.mark.parametrize("event", events(), ids=lambda e: e["id"])
def test_casualties_are_counts(event: dict[str, Any]) -> None:
    for field in ("killed", "wounded"):
        if field in event:
            assert isinstance(event[field], int) and not isinstance(event[field], bool)
            assert event[field] >= 0


@pytest.mark.parametrize("event", [e for e in events() if e.get("place")], ids=lambda e: e["id"])
def test_event_place_is_named_in_a_report(event: dict[str, Any]) -> None:
    """The place is written in at least one of the documents that report the event."""
    # "Baghdad International Airport" is "Baghdad airport" in running text
    spellings = {event["place"], event["place"].replace(" International Airport", " airport")}
    assert any(s in readable_text(doc_id) for s in spellings for doc_id in event["mentioned_in"])


def aliases_of(actor_id: str) -> list[str]:
    return next(a["aliases"] for a in load_gold()["actors"] if a["id"] == actor_id)


# Wording that carries a claim of responsibility or a denial in the example texts.
CLAIM_WORDS = ("claimed", "said it carried out", "neutralised")
DENIAL_WORDS = ("denied", "nothing to do with", "no connection")


@pytest.mark.parametrize(
    ("event_id", "field", "actor_id"),
    [
        (e["id"], field, actor_id)
        for e in events()
        for field in ("claimed_by", "denied_by")
        for actor_id in e.get(field) or []
    ],
)
def test_claim_or_denial_is_written_in_a_report(event_id: str, field: str, actor_id: str) -> None:
    """Some report of the event names the actor in a sentence that claims or denies."""
    event = next(e for e in events() if e["id"] == event_id)
    words = CLAIM_WORDS if field == "claimed_by" else DENIAL_WORDS
    # a sentence listed as a non-event (gold_notes.yaml) is no evidence for any event
    non_events = {(n["document"], n["text"]) for n in load_notes()["non_events"]}
    sentences = [
        sentence
        for doc_id in event["mentioned_in"]
        for sentence in re.split(r"(?<=[.!?])\s+", body_text(doc_id))
        if not any(doc == doc_id and text in sentence for doc, text in non_events)
    ]
    # the claimant may be named in the sentence before ("Kataib Hezbollah ... said ... it had nothing to do")
    windows = [" ".join(sentences[i : i + 2]) for i in range(len(sentences))]
    assert any(
        any(alias in window for alias in aliases_of(actor_id)) and any(w in window for w in words) for window in windows
    )


NUMBER_WORDS = {
    1: ("one", "a", "an"),
    2: ("two",),
    3: ("three",),
    5: ("five",),
    7: ("seven",),
    9: ("nine",),
    10: ("ten",),
    11: ("eleven",),
}


@pytest.mark.parametrize(
    ("event_id", "field", "count"),
    [(e["id"], f, e[f]) for e in events() for f in ("killed", "wounded") if e.get(f)],
)
def test_casualty_figure_is_written_in_a_report(event_id: str, field: str, count: int) -> None:
    """A non-zero casualty figure of the gold is a number some report of the event gives."""
    event = next(e for e in events() if e["id"] == event_id)
    spellings = [str(count), *NUMBER_WORDS.get(count, ())]
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, spellings)) + r")(?!\w)", re.IGNORECASE)
    assert any(pattern.search(body_text(doc_id)) for doc_id in event["mentioned_in"])


def test_claimed_and_denied_are_disjoint() -> None:
    for event in events():
        assert not set(event.get("claimed_by") or []) & set(event.get("denied_by") or []), event["id"]


# --- tallies -----------------------------------------------------------------------------------


def test_tally_equals_attack_events_per_month() -> None:
    counted = Counter(as_date_text(e["date"])[:7] for e in events() if e["kind"] == "attack")
    assert gold_tally_by_month() == dict(counted)


# --- gold_notes.yaml ---------------------------------------------------------------------------


@pytest.mark.parametrize("note", load_notes()["non_events"], ids=lambda n: f"{n['document']}:{n['text'][:30]}")
def test_non_event_sentence_stands_in_its_document(note: dict[str, Any]) -> None:
    assert note["document"] in document_ids()
    assert note["no_event"] in ("any", "attack")
    assert note["text"] in readable_text(note["document"])


# A republication keeps nearly all of the wire story: at least this share of its paragraphs verbatim.
MIN_REPEATED_PARAGRAPHS = 0.75


@pytest.mark.parametrize("pair", load_notes()["republications"], ids=lambda p: p["document"])
def test_republication_repeats_the_original_body(pair: dict[str, str]) -> None:
    """Nearly every paragraph of the wire story is in the copy, which is not an exact copy and has its own headline."""
    original = [p.strip() for p in raw_text(pair["original"]).split("\n\n") if p.strip()]
    copy = raw_text(pair["document"])
    body = original[2:]  # past the headline and the date line
    repeated = [paragraph for paragraph in body if paragraph in copy]
    assert body and len(repeated) >= MIN_REPEATED_PARAGRAPHS * len(body)
    assert len(repeated) < len(body), "a near-duplicate, not a byte-identical body"
    assert original[0] not in copy
