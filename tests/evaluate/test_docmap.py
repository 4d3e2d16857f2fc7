"""Finding the stored article of each gold document, including entries of feed and JSONL files."""

from __future__ import annotations

import json
import textwrap

import pytest

from eventledger.evaluate.docmap import entry_of, file_entries, map_documents
from eventledger.evaluate.gold import GoldDocument, load_article_gold
from eventledger.models import Article

FEED = """\
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test Wire</title>
<item><title>Rockets land near an airbase</title><link>https://example.test/a/rockets</link>
<guid>wire-001</guid><description>Three rockets landed near an airbase in the west on Sunday without casualties.</description></item>
<item><title>Governor opens a new bridge</title><link>https://example.test/a/bridge</link>
<guid>wire-002</guid><description>The provincial governor cut the ribbon on a bridge over the river on Monday.</description></item>
</channel></rss>
"""

RECORDS = [
    {"id": "rec-x", "title": "Farmers protest water cuts", "text": "Hundreds of farmers blocked a road to protest cuts to irrigation water."},
    {"id": "rec-y", "title": "Patrol ambushed at night", "text": "Gunmen ambushed an army patrol on a desert road, wounding two soldiers."},
]

GOLD = """\
format: eventledger-gold/1
documents:
  - {id: plain, file: plain.txt}
  - {id: "feed#2", file: feed.xml}
  - {id: "feed#1", file: feed.xml}
  - {id: "records#rec-y", file: records.jsonl}
  - {id: "records#rec-x", file: records.jsonl}
events: []
"""


@pytest.fixture()
def corpus(tmp_path):
    (tmp_path / "plain.txt").write_text("A market reopened after repairs in the old quarter.", encoding="utf-8")
    (tmp_path / "feed.xml").write_text(FEED, encoding="utf-8")
    (tmp_path / "records.jsonl").write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    (tmp_path / "gold.yaml").write_text(textwrap.dedent(GOLD), encoding="utf-8")
    return tmp_path


def stored_articles(folder, *, feed_source="link"):
    """Articles as the ingest stage would store them (feed entries sourced by their links)."""
    articles = [Article.create("A market reopened after repairs in the old quarter.", source=str(folder / "plain.txt"))]
    feed_items = [
        ("Rockets land near an airbase", "https://example.test/a/rockets",
         "Three rockets landed near an airbase in the west on Sunday without casualties."),
        ("Governor opens a new bridge", "https://example.test/a/bridge",
         "The provincial governor cut the ribbon on a bridge over the river on Monday."),
    ]
    for n, (title, link, text) in enumerate(feed_items, start=1):
        source = link if feed_source == "link" else f"{folder / 'feed.xml'}#{n}"
        title_kept = title if feed_source == "link" else None
        articles.append(Article.create(text, title=title_kept, url=link if feed_source == "link" else None, source=source))
    for record in RECORDS:
        articles.append(Article.create(record["text"], title=record["title"], source=str(folder / "records.jsonl")))
    return articles


def expected(articles):
    plain, rockets, bridge, protest, ambush = articles
    return {"plain": plain.id, "feed#1": rockets.id, "feed#2": bridge.id,
            "records#rec-x": protest.id, "records#rec-y": ambush.id}


@pytest.mark.parametrize("feed_source", ["link", "file#n"])
def test_every_document_finds_its_article(corpus, feed_source):
    articles = stored_articles(corpus, feed_source=feed_source)
    gold = load_article_gold(corpus / "gold.yaml")
    assert map_documents(gold, articles) == expected(articles)


def test_store_order_does_not_matter(corpus):
    articles = stored_articles(corpus)
    gold = load_article_gold(corpus / "gold.yaml")
    assert map_documents(gold, list(reversed(articles))) == expected(articles)


def test_a_missing_article_leaves_its_document_unmapped(corpus):
    articles = stored_articles(corpus)
    kept = [a for a in articles if "bridge" not in a.text]
    mapping = map_documents(load_article_gold(corpus / "gold.yaml"), kept)
    assert "feed#2" not in mapping
    assert mapping["feed#1"] == articles[1].id


def test_file_entries_of_each_kind(corpus):
    feed = file_entries(corpus / "feed.xml")
    assert [e["id"] for e in feed] == ["wire-001", "wire-002"]
    assert feed[0]["link"] == "https://example.test/a/rockets"
    records = file_entries(corpus / "records.jsonl")
    assert [e["title"] for e in records] == ["Farmers protest water cuts", "Patrol ambushed at night"]
    plain = file_entries(corpus / "plain.txt")
    assert len(plain) == 1 and "market" in plain[0]["text"]
    assert file_entries(corpus / "absent.txt") == []


@pytest.mark.parametrize(
    ("document_id", "position", "wanted"),
    [("f#wire-002", 0, "wire-002"), ("f#1", 1, "wire-001"), ("f#2", 0, "wire-002"), ("f#9", 0, "wire-001"), ("f", 1, "wire-002")],
)
def test_entry_of(corpus, document_id, position, wanted):
    entries = file_entries(corpus / "feed.xml")
    entry = entry_of(GoldDocument(id=document_id, file=corpus / "feed.xml"), entries, position)
    assert entry is not None and entry["id"] == wanted


def test_an_exact_copy_shares_the_article_stored_once(corpus):
    (corpus / "copy.txt").write_text("A market reopened after repairs in the old quarter.", encoding="utf-8")
    gold_text = (corpus / "gold.yaml").read_text("utf-8").replace("events: []", "  - {id: copy, file: copy.txt}\nevents: []")
    (corpus / "gold.yaml").write_text(gold_text, encoding="utf-8")
    articles = stored_articles(corpus)
    mapping = map_documents(load_article_gold(corpus / "gold.yaml"), articles)
    assert mapping["copy"] == mapping["plain"] == articles[0].id


def test_an_unrelated_article_is_not_taken_for_a_missing_document(corpus):
    stray = Article.create("Football results from the weekend league games.", source="https://example.test/sport")
    articles = [a for a in stored_articles(corpus) if "market" not in a.text] + [stray]
    mapping = map_documents(load_article_gold(corpus / "gold.yaml"), articles)
    assert "plain" not in mapping
