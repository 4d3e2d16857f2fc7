"""Near-duplicate detection: wire copies with rewritten headers are found; other stories are not."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from eventledger.ingest import NearDuplicateIndex, Placement, precedence
from eventledger.ingest.neardup import shingles
from eventledger.models import Article

from .corpus import CONVOY_BODY, MARKET_BODY, ROCKET_BODY, paragraphs

ORIGINAL = paragraphs(ROCKET_BODY)

COPIES = [
    ("new dateline", "RAMADI (Tigris Wire) — " + ORIGINAL),
    ("outlet prefix and signature", "Desert Post / " + ORIGINAL + "\n\nDesert Post"),
    ("extra header lines", "Rockets strike airbase\nSaturday, October 3, 2020\nA- A A +\n\n" + ORIGINAL),
    ("punctuation and case", ORIGINAL.upper().replace(",", "").replace("'", "’")),
    ("last paragraph dropped", paragraphs(ROCKET_BODY[:-1])),
    (
        "one sentence reworded",
        ORIGINAL.replace("two security officials said", "according to a pair of security sources"),
    ),
]


@pytest.fixture
def index() -> NearDuplicateIndex:
    built = NearDuplicateIndex(threshold=0.8, num_perm=128)
    built.add("rocket", ORIGINAL)
    built.add("convoy", paragraphs(CONVOY_BODY))
    return built


@pytest.mark.parametrize(("name", "copy"), COPIES, ids=[c[0] for c in COPIES])
def test_rewritten_copy_is_found(index: NearDuplicateIndex, name: str, copy: str) -> None:
    assert index.find(copy) == "rocket"


@pytest.mark.parametrize(
    "text",
    [paragraphs(MARKET_BODY), paragraphs(ROCKET_BODY[:2] + CONVOY_BODY), ROCKET_BODY[0], "", "Rockets."],
    ids=["unrelated", "half shared", "one sentence", "empty", "one word"],
)
def test_unrelated_or_partial_text_is_not_a_duplicate(index: NearDuplicateIndex, text: str) -> None:
    assert index.find(text) is None


def test_first_copy_is_named_even_after_later_copies_are_added() -> None:
    built = NearDuplicateIndex()
    built.add("first", ORIGINAL)
    built.add("second", "RAMADI (Tigris Wire) — " + ORIGINAL)
    assert built.find("Desert Post / " + ORIGINAL) == "first"


def test_index_rebuilt_from_stored_articles_answers_the_same() -> None:
    stored = [Article.create(ORIGINAL, title="Rockets"), Article.create(paragraphs(CONVOY_BODY), title="Convoy")]
    live = NearDuplicateIndex()
    by_id = {a.id: a for a in stored}
    for article in stored:
        live.place(article, by_id.__getitem__)
    rebuilt = NearDuplicateIndex()
    for article in stored:
        rebuilt.add(article.id, article.text)
    for _, copy in COPIES:
        assert live.find(copy) == rebuilt.find(copy) == stored[0].id


def test_place_sets_duplicate_of_and_leaves_exact_reingest_alone() -> None:
    built = NearDuplicateIndex()
    first = Article.create(ORIGINAL, title="Rockets")
    copy = Article.create("Desert Post / " + ORIGINAL, title="Rocket attack on airbase")
    stored = {first.id: first}.__getitem__
    assert built.place(first, stored) == Placement(first)
    assert built.place(first, stored) == Placement(first)  # same id again: not its own duplicate
    placed = built.place(copy, stored)
    assert placed.article.duplicate_of == first.id and placed.article.id == copy.id and placed.demoted is None
    assert copy.id not in built and len(built) == 1


@pytest.mark.parametrize(
    ("first_published", "second_published", "original"),
    [
        (dt.date(2021, 2, 16), dt.date(2021, 2, 17), "first"),  # the earlier published copy stays the original
        (dt.date(2021, 2, 17), dt.date(2021, 2, 16), "second"),  # ... even when it arrives second
        (None, dt.date(2021, 2, 16), "second"),  # a dated copy precedes an undated one
    ],
)
def test_place_keeps_the_earlier_published_copy_as_the_original(first_published, second_published, original) -> None:
    built = NearDuplicateIndex()
    first = Article.create(ORIGINAL, title="Rockets", published=first_published)
    second = Article.create("Desert Post / " + ORIGINAL, title="Rockets again", published=second_published)
    stored = {first.id: first}.__getitem__
    built.place(first, stored)
    placed = built.place(second, stored)
    if original == "first":
        assert placed == Placement(dataclasses.replace(second, duplicate_of=first.id))
        assert first.id in built and second.id not in built
    else:
        assert placed == Placement(second, demoted=first.id)
        assert second.id in built and first.id not in built
        assert built.find(ORIGINAL) == second.id


def test_precedence_orders_by_date_then_id() -> None:
    early = Article.create("a b c", published=dt.date(2020, 1, 1))
    late = Article.create("d e f", published=dt.date(2020, 1, 2))
    undated = Article.create("g h i")
    assert precedence(early) < precedence(late) < precedence(undated)


def test_similarity_estimate_tracks_overlap(index: NearDuplicateIndex) -> None:
    assert index.similarity(ORIGINAL, "rocket") == 1.0
    assert index.similarity(paragraphs(MARKET_BODY), "rocket") < 0.1
    assert index.similarity(ORIGINAL, "missing") == 0.0


TEMPLATE = (
    "On {day} May 2020, police fired tear gas at a crowd of traders who were protesting against new market fees "
    "outside the municipal building in {town}, and arrested three of them. The traders said the fees had doubled "
    "since March and that many stall holders could no longer pay rent for their pitches. The mayor said a committee "
    "would review the charges within a month."
)
NOTES = [TEMPLATE.format(day=d, town=t) for d, t in [(1, "Ramadi"), (2, "Ramadi"), (1, "Falluja"), (9, "Kut")]]


def test_templated_short_notes_about_different_events_are_not_duplicates() -> None:
    built = NearDuplicateIndex()
    for number, note in enumerate(NOTES):
        assert built.find(note) is None
        built.add(str(number), note)
    assert len(built) == 0  # too short to index


def test_without_the_length_floor_templated_notes_would_collide() -> None:
    # Why the floor exists: the same notes, indexed regardless of length, look like copies.
    built = NearDuplicateIndex(min_words=0)
    built.add("first", NOTES[0])
    assert [built.find(note) for note in NOTES[1:3]] == ["first", "first"]


def test_shingles_are_five_word_windows() -> None:
    assert shingles("One two three four five six") == {b"one two three four five", b"two three four five six"}
    assert shingles("Too short here") == {b"too short here"}
    assert shingles("  ") == set()


@pytest.mark.parametrize("threshold", [0.0, 1.5, -0.2])
def test_invalid_threshold_is_refused(threshold: float) -> None:
    with pytest.raises(ValueError):
        NearDuplicateIndex(threshold=threshold)


def test_find_then_add_of_one_text_hashes_it_once(monkeypatch) -> None:
    # ingest asks find(text) and then add(id, text) for every new article
    built = NearDuplicateIndex(threshold=0.8, num_perm=64)
    calls = []
    compute = built._compute
    monkeypatch.setattr(built, "_compute", lambda text: calls.append(text) or compute(text))
    text = paragraphs(CONVOY_BODY)
    assert built.find(text) is None
    built.add("convoy", text)
    assert len(calls) == 1 and "convoy" in built
    assert built.find(paragraphs(MARKET_BODY)) is None  # another text is hashed anew
    assert len(calls) == 2
    assert built.find(ORIGINAL.upper()) is None and built.find(text) == "convoy"
