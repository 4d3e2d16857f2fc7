"""RSS and Atom feeds: each entry's page is fetched and read; the summary is the fallback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventledger.ingest import MockFetcher, read_inputs, read_source
from eventledger.ingest.feed_reader import looks_like_feed
from eventledger.models import Article, Failure

from .corpus import CONVOY_BODY, MARKET_BODY, ROCKET_BODY, html_page


def rss(items: list[tuple[str, str, str, str]], title: str = "Tigris Wire - Security") -> str:
    """An RSS 2.0 document from (title, link, pubDate, description) items."""
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>{date}</pubDate><description><![CDATA[{d}]]></description></item>"
        for t, link, date, d in items
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{title}</title><link>https://tigris.example/</link>{body}</channel></rss>'


def atom(entries: list[tuple[str, str, str, str]]) -> str:
    """An Atom document from (title, link, updated, summary) entries."""
    body = "".join(
        f'<entry><title>{t}</title><link href="{link}"/><id>{link}</id><updated>{u}</updated><summary type="html">{s}</summary></entry>'
        for t, link, u, s in entries
    )
    return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Desert Post</title><id>urn:dp</id><updated>2020-10-23T00:00:00Z</updated>{body}</feed>'


RSS091_DOCTYPE = (
    '<?xml version="1.0" encoding="ISO-8859-1"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"\n'
    ' "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
)

ITEMS = [
    ("Rockets near the airbase", "https://tigris.example/rockets", "Tue, 03 Nov 2020 09:00:00 +0000", " ".join(ROCKET_BODY[:2])),
    ("Convoy struck", "https://tigris.example/convoy", "Wed, 04 Nov 2020 10:00:00 +0000", " ".join(CONVOY_BODY[:2])),
    ("Market reopens", "https://tigris.example/market", "Thu, 05 Nov 2020 11:00:00 +0000", " ".join(MARKET_BODY[:2])),
]


def test_rss_entries_are_fetched_and_read_as_html(tmp_path: Path) -> None:
    fetcher = MockFetcher({
        ITEMS[0][1]: html_page(ITEMS[0][0], ROCKET_BODY, site=None, published=None),
        ITEMS[1][1]: html_page(ITEMS[1][0], CONVOY_BODY, site="Convoy Site", published="2020-11-02"),
    })
    path = tmp_path / "security.rss"
    path.write_text(rss(ITEMS), encoding="utf-8")
    results = list(read_source(str(path), fetcher=fetcher))
    articles = [r for r in results if isinstance(r, Article)]
    failures = [r for r in results if isinstance(r, Failure)]
    assert fetcher.requested == [item[1] for item in ITEMS]
    assert [a.url for a in articles] == [item[1] for item in ITEMS]
    assert all(a.format == "feed" for a in articles)
    # The page's text, not the two-sentence summary, and the feed fills what the page lacks.
    assert articles[0].text.endswith(ROCKET_BODY[-1])
    assert articles[0].outlet == "Tigris Wire" and articles[0].published == dt.date(2020, 11, 3)
    # The page's own metadata wins over the feed's.
    assert articles[1].outlet == "Convoy Site" and articles[1].published == dt.date(2020, 11, 2)
    # The third page could not be fetched: its summary is used and the fetch failure recorded.
    assert articles[2].text == " ".join(MARKET_BODY[:2]) and articles[2].title == "Market reopens"
    assert len(failures) == 1 and failures[0].source == ITEMS[2][1] and "used the feed's summary" in failures[0].reason


def test_atom_feed_over_http(server) -> None:
    links = [server.route(f"/a/{n}", html_page(t, body)) for n, (t, body) in enumerate([("Rockets", ROCKET_BODY), ("Convoy", CONVOY_BODY)])]
    feed_url = server.route("/feed.atom", atom([("Rockets", links[0], "2020-10-22T08:00:00Z", "short one"),
                                                ("Convoy", links[1], "2020-10-23T08:00:00Z", "short two")]),
                            content_type="application/atom+xml")
    from eventledger.ingest import HttpxFetcher

    with HttpxFetcher(timeout=2.0, allow_private_addresses=True) as fetcher:
        results = list(read_inputs([feed_url], fetcher))
    assert [r.url for r in results] == links
    assert [r.title for r in results] == ["Rockets", "Convoy"]


def test_feed_without_fetcher_uses_entry_content(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(rss(ITEMS), encoding="utf-8")
    results = list(read_source(str(path), fetcher=None))
    assert [r.text for r in results] == [item[3] for item in ITEMS]
    assert [r.published for r in results] == [dt.date(2020, 11, 3), dt.date(2020, 11, 4), dt.date(2020, 11, 5)]


def test_entry_with_html_summary_is_cleaned(tmp_path: Path) -> None:
    summary = f"<p>{ROCKET_BODY[0]}</p><p>{ROCKET_BODY[1]}</p><p>The post Rockets appeared first on Tigris Wire.</p>"
    path = tmp_path / "feed.rss"
    path.write_text(rss([("Rockets", "https://tigris.example/r", "Tue, 03 Nov 2020 09:00:00 +0000", summary)]), encoding="utf-8")
    [article] = list(read_source(str(path), fetcher=None))
    assert "<p>" not in article.text and article.text.startswith("Four rockets")


def test_entry_with_neither_page_nor_summary_fails(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(rss([("Empty", "https://tigris.example/e", "Tue, 03 Nov 2020 09:00:00 +0000", "")]), encoding="utf-8")
    results = list(read_source(str(path), fetcher=MockFetcher()))
    assert [type(r).__name__ for r in results] == ["Failure", "Failure"]
    assert "cannot connect" in results[0].reason and "feed entry" in results[1].reason


def test_feed_links_with_bad_schemes_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(rss([("Trap", "file:///etc/passwd", "Tue, 03 Nov 2020 09:00:00 +0000", " ".join(ROCKET_BODY[:2]))]), encoding="utf-8")
    fetcher = MockFetcher()
    results = list(read_source(str(path), fetcher=fetcher))
    assert isinstance(results[0], Failure) and "scheme 'file' refused" in results[0].reason
    assert isinstance(results[1], Article) and results[1].text.startswith("Four rockets")


@pytest.mark.parametrize(
    ("text", "expected"),
    [('<?xml version="1.0"?>\n<rss version="2.0">', True), ("<feed xmlns='http://www.w3.org/2005/Atom'>", True),
     ("\ufeff<?xml version='1.0'?><!-- generator --><rdf:RDF>", True), ("<html><body>rss</body></html>", False),
     ("The feed was late today.", False), (RSS091_DOCTYPE + "<rss version='0.91'>", True),
     ('<!DOCTYPE rss [<!ENTITY a "x">]>\n<rss version="2.0">', True), ("<!DOCTYPE html><html><body>", False)],
)
def test_looks_like_feed(text: str, expected: bool) -> None:
    assert looks_like_feed(text) is expected


def test_a_feed_with_the_rss_091_doctype_is_read_as_a_feed(tmp_path: Path) -> None:
    items = "".join(f"<item><title>{t}</title><link>{link}</link><description>{d}</description></item>" for t, link, _, d in ITEMS)
    path = tmp_path / "netscape.xml"
    path.write_bytes((RSS091_DOCTYPE + f'<rss version="0.91"><channel><title>Tigris Wire</title>{items}</channel></rss>').encode("latin-1"))
    articles = [r for r in read_source(str(path), fetcher=None) if isinstance(r, Article)]
    assert [a.url for a in articles] == [item[1] for item in ITEMS]
    assert all(a.format == "feed" and "<" not in a.text for a in articles)


def test_empty_feed_fails(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(rss([]), encoding="utf-8")
    [failure] = list(read_source(str(path), fetcher=MockFetcher()))
    assert "no entries" in failure.reason


def test_known_urls_are_not_fetched_again(tmp_path: Path) -> None:
    fetcher = MockFetcher({item[1]: html_page(item[0], ROCKET_BODY) for item in ITEMS})
    path = tmp_path / "security.rss"
    path.write_text(rss(ITEMS), encoding="utf-8")
    results = list(read_inputs([str(path)], fetcher, skip_urls={ITEMS[0][1], ITEMS[2][1]}))
    assert fetcher.requested == [ITEMS[1][1]]
    assert [r.url for r in results] == [ITEMS[1][1]]


def test_known_urls_in_a_url_list_are_skipped(tmp_path: Path) -> None:
    fetcher = MockFetcher({item[1]: html_page(item[0], ROCKET_BODY) for item in ITEMS})
    listing = tmp_path / "links.txt"
    listing.write_text("\n".join(item[1] for item in ITEMS))
    results = list(read_inputs([str(listing)], fetcher, skip_urls={ITEMS[1][1]}))
    assert fetcher.requested == [ITEMS[0][1], ITEMS[2][1]] and len(results) == 2


def test_full_text_entries_are_used_without_fetching_their_page(tmp_path: Path) -> None:
    long_body = " ".join(ROCKET_BODY * 8)
    assert len(long_body.split()) >= 150
    items = [
        ("Rockets near the airbase", "https://tigris.example/full", "Tue, 03 Nov 2020 09:00:00 +0000", long_body),
        ("Convoy struck", "https://tigris.example/short", "Wed, 04 Nov 2020 10:00:00 +0000", " ".join(CONVOY_BODY[:2])),
    ]
    fetcher = MockFetcher({items[1][1]: html_page(items[1][0], CONVOY_BODY, site=None, published=None)})
    path = tmp_path / "full.rss"
    path.write_text(rss(items), encoding="utf-8")
    articles = [r for r in read_source(str(path), fetcher=fetcher) if isinstance(r, Article)]
    assert fetcher.requested == [items[1][1]]  # only the summary-only entry is fetched
    assert articles[0].text.startswith(ROCKET_BODY[0]) and len(articles[0].text.split()) >= 150
