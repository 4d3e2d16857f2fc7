"""The plain-text reader: title, outlet and date from the header, furniture gone, nothing invented."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from eventledger.ingest import MockFetcher, read_source
from eventledger.ingest.furniture import strip_furniture
from eventledger.ingest.textmeta import dateline_outlet, split_header
from eventledger.models import Article, Failure

from .corpus import CONVOY_BODY, MARKET_BODY, ROCKET_BODY, paragraphs

TITLE = "Rockets land near airbase west of the capital"

# (name, text, title, outlet, published, first words of the body)
SHAPES = [
    (
        "repeated title and outlet dash",
        f"{TITLE}\n\n{TITLE}\nSpread the love\n\nTigris Wire- {ROCKET_BODY[0]}\n\n{paragraphs(ROCKET_BODY[1:])}\n\nTigris Wire",
        TITLE, "Tigris Wire", None, "Tigris Wire- Four rockets",
    ),
    (
        "dateline with outlet in parentheses",
        f"{TITLE}\n\nRAMADI (ESTA) — {ROCKET_BODY[0]}\n\n{paragraphs(ROCKET_BODY[1:])}\n\nPrevious Article\n\nA headline of another story\n\nRelated Posts\nTotal\n0\nShare",
        TITLE, "ESTA", None, "RAMADI (ESTA) — Four rockets",
    ),
    (
        "iso date line, kicker and slash outlet",
        f"{TITLE}\n\n\n\nSecurity\n\n2020-10-22 18:09\n\nA- A A +\n\nShafaq News / {ROCKET_BODY[0]}\n\n{paragraphs(ROCKET_BODY[1:])}\n\nLeave a Reply\n\nYou are commenting using your account. (Sign out)",
        TITLE, "Shafaq News", dt.date(2020, 10, 22), "Shafaq News / Four rockets",
    ),
    (
        "blog with weekday date first",
        f"Saturday, December 26, 2020\n\n{TITLE}\n\n{paragraphs(ROCKET_BODY)}\n\nRockets – Anbar airbase\n\nOctober Totals – 1",
        TITLE, None, dt.date(2020, 12, 26), "Four rockets",
    ),
    (
        "blog name header",
        f"Musings on Iraq\n\nOct 22, 2020\n\n{TITLE}\n\n{paragraphs(ROCKET_BODY)}",
        TITLE, "Musings on Iraq", dt.date(2020, 10, 22), "Four rockets",
    ),
    (
        "day-first numeric date and byline",
        f"{TITLE}\nBy Jane Example\n22/10/2020\n\n{paragraphs(CONVOY_BODY)}",
        TITLE, None, dt.date(2020, 10, 22), "A roadside bomb",
    ),
    (
        "wire dateline with date inside",
        f"{TITLE}\n\nBASRA, Oct 22 (Reuters) - {CONVOY_BODY[0]}\n\n{paragraphs(CONVOY_BODY[1:])}",
        TITLE, "Reuters", None, "BASRA, Oct 22 (Reuters)",
    ),
    (
        "no header at all",
        paragraphs(MARKET_BODY),
        None, None, None, "Traders in the old market",
    ),
    (
        "a log without prose keeps its short lines",
        f"{TITLE}\n\nOct 5, 2020\n\nRockets – Anbar airbase\nRoadside bomb – Basra highway\nMortar – Kirkuk outskirts",
        TITLE, None, dt.date(2020, 10, 5), "Rockets – Anbar airbase\nRoadside bomb",
    ),
    (
        "byline, date and outlet on one line",
        f"{TITLE}\nBy Jane Example | October 22, 2020 | Rudaw\n\n{paragraphs(CONVOY_BODY)}",
        TITLE, "Rudaw", dt.date(2020, 10, 22), "A roadside bomb",
    ),
    (
        "source link in the header",
        f"Source: https://tigris.example/news/123\n{TITLE}\n22 October 2020\n\n{paragraphs(CONVOY_BODY)}",
        TITLE, None, dt.date(2020, 10, 22), "A roadside bomb",
    ),
    (
        "one line only",
        ROCKET_BODY[0],
        None, None, None, "Four rockets",
    ),
    (
        "a kicker label before prose is dropped",
        f"{TITLE}\nSecurity\n{paragraphs(ROCKET_BODY)}",
        TITLE, None, None, "Four rockets",
    ),
    (
        "all-caps city dash is not an outlet",
        f"{TITLE}\n\nMOSUL - {MARKET_BODY[0]}\n\n{paragraphs(MARKET_BODY[1:])}",
        TITLE, None, None, "MOSUL - Traders",
    ),
    (
        "sentence dash is not an outlet",
        f"{TITLE}\n\nBaghdad - {MARKET_BODY[0]}\n\n{paragraphs(MARKET_BODY[1:])}",
        TITLE, None, None, "Baghdad - Traders",
    ),
]


@pytest.mark.parametrize(("name", "text", "title", "outlet", "published", "start"), SHAPES, ids=[s[0] for s in SHAPES])
def test_split_header_reads_what_the_text_states(name, text, title, outlet, published, start) -> None:
    parts = split_header(strip_furniture(text))
    assert parts.title == title
    assert parts.outlet == outlet
    assert parts.published == published
    assert parts.body.startswith(start)


@pytest.mark.parametrize(("name", "text", "title", "outlet", "published", "start"), SHAPES, ids=[s[0] for s in SHAPES])
def test_text_file_becomes_one_article_without_furniture(tmp_path: Path, name, text, title, outlet, published, start) -> None:
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    [article] = list(read_source(str(path), fetcher=None))
    assert isinstance(article, Article)
    assert (article.title, article.outlet, article.published, article.format) == (title, outlet, published, "text")
    assert article.source == str(path)
    for furniture in ("Spread the love", "A- A A +", "Leave a Reply", "You are commenting", "Previous Article",
                      "A headline of another story", "Related Posts"):
        assert furniture not in article.text
    assert not {"Total", "0", "Share"} & {line.strip() for line in article.text.splitlines()}
    if title:
        assert title not in article.text  # the headline has its own field
    if outlet and name.startswith("repeated"):
        assert not article.text.rstrip().endswith(outlet)  # the signature line is gone


def test_body_keeps_log_lines_and_references(tmp_path: Path) -> None:
    text = f"Saturday, December 26, 2020\n\n{TITLE}\n\n{paragraphs(ROCKET_BODY)}\n\nRockets – Anbar airbase\n\nOctober Totals – 1\n\nSome Outlet, “A headline we cite,” 12/24/20"
    path = tmp_path / "blog.txt"
    path.write_text(text, encoding="utf-8")
    [article] = list(read_source(str(path), fetcher=None))
    assert "October Totals – 1" in article.text
    assert "“A headline we cite,” 12/24/20" in article.text
    assert article.published == dt.date(2020, 12, 26)  # not the 12/24/20 of a reference


def test_same_text_gives_same_id_and_different_text_a_different_one(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"
    a.write_text(paragraphs(ROCKET_BODY), encoding="utf-8")
    b.write_text(paragraphs(ROCKET_BODY) + "\n\n\n", encoding="utf-8")
    c.write_text(paragraphs(CONVOY_BODY), encoding="utf-8")
    ids = [next(read_source(str(p), fetcher=None)).id for p in (a, b, c)]
    assert ids[0] == ids[1] != ids[2]


@pytest.mark.parametrize(
    ("paragraph", "signature", "expected"),
    [
        ("KIRKUK (Rudaw) — The governor said ...", None, "Rudaw"),
        ("ERBIL, Iraq (AP) — Rockets struck ...", None, "Associated Press"),
        ("BASRA, Oct 22 (Reuters) - A pipeline ...", None, "Reuters"),
        ("Shafaq News / Security forces said ...", None, "Shafaq News"),
        ("Islam News- An outlet reported ...", None, "Islam News"),
        ("Tigris Wire- Officials said ...", "Tigris Wire", "Tigris Wire"),
        ("Tigris Wire- Officials said ...", None, None),
        ("Iraq- the government said ...", None, None),
        ("Officials said on Monday that the road would reopen.", None, None),
    ],
)
def test_dateline_outlet(paragraph: str, signature: str | None, expected: str | None) -> None:
    assert dateline_outlet(paragraph, signature) == expected


def test_max_text_chars_truncates_at_a_boundary(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(paragraphs(ROCKET_BODY * 20), encoding="utf-8")
    [article] = list(read_source(str(path), fetcher=None, max_text_chars=1000))
    assert 500 < len(article.text) <= 1000
    assert article.text.endswith(".")


SHARED = Path(__file__).resolve().parents[3] / "shared"
GOLD = SHARED / "eval" / "seeds" / "gold.yaml"


@pytest.mark.skipif(not GOLD.is_file(), reason="needs ../shared (seed corpus and gold)")
def test_seed_articles_match_gold_documents_and_leak_no_boilerplate() -> None:
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    traps = gold.get("boilerplate_traps") or {}
    for document in gold["documents"]:
        path = (GOLD.parent / document["file"]).resolve()
        results = list(read_source(str(path), fetcher=MockFetcher()))
        assert not [r for r in results if isinstance(r, Failure)]
        [article] = results
        published = document["published"]
        expected = dt.date.fromisoformat(str(published)) if published else None
        assert article.published == expected, document["id"]
        if document["id"] != "003_53a8c30c9416c541":  # that text never names its blog
            assert article.outlet == document["outlet"], document["id"]
        for trap in [t for traps_ in traps.values() for t in traps_]:
            assert trap not in article.text, (document["id"], trap)
            assert trap not in (article.title or ""), (document["id"], trap)


@pytest.mark.parametrize(
    ("title", "expected"),
    [("Tigris Wire - Security", "Tigris Wire"), ("Desert Post » World", "Desert Post"), ("Market Daily", "Market Daily"),
     ("AP | Top news", "Associated Press"), ("", None), (None, None)],
)
def test_feed_outlet(title: str | None, expected: str | None) -> None:
    from eventledger.ingest.textmeta import feed_outlet

    assert feed_outlet(title) == expected


def test_header_link_becomes_the_article_url(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text(f"https://tigris.example/news/123\n{TITLE}\n\n{paragraphs(CONVOY_BODY)}", encoding="utf-8")
    [article] = list(read_source(str(path), fetcher=None))
    assert article.url == "https://tigris.example/news/123" and article.title == TITLE
    assert "https://" not in article.text


# (name, text, title, published, a string that must not be in the body)
DATED = [
    ("labelled date prefix on the first line",
     f" date 2021-05-20 {TITLE}\n\n{paragraphs(ROCKET_BODY)}", TITLE, dt.date(2021, 5, 20), "date 2021"),
    ("labelled date prefix on the first paragraph",
     f"date 2021-05-20 {ROCKET_BODY[0]}\n\n{paragraphs(ROCKET_BODY[1:])}", None, dt.date(2021, 5, 20), "date 2021"),
    ("labelled date opening a file picture's caption",
     f" date 2021-08-08 Guards stand at the gate of the base. (File)\n{paragraphs(ROCKET_BODY)}", None, dt.date(2021, 8, 8),
     "(File)"),
    ("a month without a day gives no date",
     f"date 2023-08 {TITLE}\n\n{paragraphs(ROCKET_BODY)}", TITLE, None, "2023-08"),
    ("labelled date beats the original outlet's date line",
     f"date 2022-02-15 {TITLE}\n\n13 February 2022\nTigris Wire (Baghdad)\n\n{paragraphs(ROCKET_BODY)}",
     TITLE, dt.date(2022, 2, 15), "13 February 2022"),
    ("publication date before an update",
     f"{TITLE}\n{ROCKET_BODY[0]}\nSaturday, 12th June 2021, 6:12 pm\nUpdated\nMonday, 14th June 2021, 9:40 am\n\n{paragraphs(ROCKET_BODY[1:])}",
     TITLE, dt.date(2021, 6, 12), "Updated"),
    ("bullet metadata block",
     f"• publish: 4 January 2016\n  • time: 11:36 am\n{TITLE}\n\n{paragraphs(ROCKET_BODY)}", TITLE, dt.date(2016, 1, 4), "publish"),
    ("byline glued to a date",
     f"{TITLE}\nSam Example3 June 2019\n\n{paragraphs(ROCKET_BODY)}", TITLE, dt.date(2019, 6, 3), "Sam Example"),
    ("bracketed date and byline",
     f"{TITLE}\n\n[September 27, 2022]  By Sam Example\n\n{paragraphs(ROCKET_BODY)}", TITLE, dt.date(2022, 9, 27), "September"),
    ("dateline with a full date",
     f"{TITLE}\n\nAugust 10, 2018 - {ROCKET_BODY[0]}\n\n{paragraphs(ROCKET_BODY[1:])}", TITLE, dt.date(2018, 8, 10), "Tigris"),
    ("a timeline's dated entries are not the publication date",
     f"{TITLE}\n\nMarch 3, 2017 - Gunmen attacked a checkpoint on the canal road.\n"
     f"June 9, 2019 - A car bomb exploded outside the provincial council.\n\n{paragraphs(ROCKET_BODY)}", TITLE, None, "Tigris"),
    ("dateline without a year gives no date",
     f"{TITLE}\n\nRAMADI, June 25 - {ROCKET_BODY[0]}\n\n{paragraphs(ROCKET_BODY[1:])}", TITLE, None, "Tigris"),
    ("caption date is not the publication date",
     f"{TITLE}\n\nGuards stand beside a burnt truck outside the base on Monday, June 1, 2020, near the canal road\n\n"
     f"{paragraphs(ROCKET_BODY)}", TITLE, None, "Tigris"),
    ("tweet embed date is not the publication date",
     f"{TITLE}\n\n{ROCKET_BODY[0]}\n\nSmoke rising over the base right now\n\n— Sam Example (@sam_reports) May 17, 2015\n\n"
     f"{paragraphs(ROCKET_BODY[1:])}", TITLE, None, "Tigris"),
    ("a date in a body sentence is the event's",
     f"{TITLE}\n\n{ROCKET_BODY[0]}\n\nThe same base was hit on 3 March 2020, officials recalled, when two guards were hurt by shrapnel.\n\n"
     f"{paragraphs(ROCKET_BODY[1:])}", TITLE, None, "Tigris"),
    ("another language's date line",
     f"tirsdag 3. mars 2020\n{TITLE}\n\n{paragraphs(ROCKET_BODY)}", TITLE, dt.date(2020, 3, 3), "tirsdag"),
    ("section label above the headline",
     f"Hot Topics\n{TITLE}\n\n{paragraphs(ROCKET_BODY)}", TITLE, None, "Hot Topics"),
    ("navigation above a headline shown twice",
     f"News\nThe Region From A to Z\nMain News\n{TITLE}\n\nDesk2020-11-03\n{TITLE}\n\n{paragraphs(ROCKET_BODY)}",
     TITLE, dt.date(2020, 11, 3), "A to Z"),
    ("a clause about the page labels its date",
     f"This Story is From Feb 3, 2016\n\n{TITLE}\n\n{paragraphs(ROCKET_BODY)}", TITLE, dt.date(2016, 2, 3), "This Story"),
    ("labelled dates glued to the end of the standfirst",
     f"{TITLE}\n{ROCKET_BODY[0]} PTW | Basra | Updated: 05-08-2022 17:20 IST | Created: 04-08-2022 21:05 IST\n\n"
     f"{paragraphs(ROCKET_BODY[1:])}", TITLE, dt.date(2022, 8, 4), "Created"),
    ("headline repeated after the standfirst",
     f"{TITLE}\n{ROCKET_BODY[0]}\n{TITLE}\n{paragraphs(ROCKET_BODY[1:])}", TITLE, None, TITLE),
]


@pytest.mark.parametrize(("name", "text", "title", "published", "gone"), DATED, ids=[d[0] for d in DATED])
def test_text_header_dates_and_titles(tmp_path: Path, name: str, text: str, title: str | None, published: dt.date | None,
                                      gone: str) -> None:
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    [article] = list(read_source(str(path), fetcher=None))
    assert isinstance(article, Article)
    assert (article.title, article.published) == (title, published)
    assert gone not in article.text
    assert ROCKET_BODY[1] in article.text


def test_a_fetched_text_page_is_dated_by_its_address_when_the_text_is_not() -> None:
    from eventledger.ingest import read_bytes

    data = f"{TITLE}\n\n{paragraphs(ROCKET_BODY)}".encode()
    [article] = list(read_bytes(data, source="x", fetcher=None, max_bytes=100_000, max_text_chars=100_000,
                                url="https://desert.example/2020/11/03/rockets"))
    assert article.published == dt.date(2020, 11, 3)


@pytest.mark.parametrize(
    ("header", "title"),
    [
        ("World › africa", "Rebels seize two towns in the north"),
        ("Wire Link • CONFLICT: The Sahel Desk", "Rebels seize two towns in the north"),
    ],
)
def test_a_breadcrumb_trail_is_never_the_title(header: str, title: str) -> None:
    text = (f"{header}\n\n{title}\n\nRebels seized the towns of Anefis and Tessalit on Friday after two days "
            "of fighting with the army, a military source said on Saturday.")
    parts = split_header(text)
    assert parts.title == title
    assert header not in parts.body


BODY_NO_HEADLINE = ("Two soldiers were killed on Friday when rebels attacked an army post near the border town of "
                    "Kidira, officials said on Saturday, adding that troops had pushed the attackers back.")


@pytest.mark.parametrize(
    "header",
    [
        "AFRICA",  # a one-word section label over a page whose headline was not saved
        "Connect with us\n\nHi, what are you looking for?",
        "Newsdaily wants to start sending you push notifications. Click allow to subscribe",
        "From the news desk",
    ],
)
def test_site_chrome_above_a_story_is_never_its_title(header: str) -> None:
    parts = split_header(strip_furniture(f"{header}\n{BODY_NO_HEADLINE}"))
    assert parts.title is None
    assert parts.body.startswith("Two soldiers were killed")
