"""An HTML page's own date declarations: <meta>, JSON-LD, <time>; and the date the reader keeps."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eventledger.ingest import read_bytes
from eventledger.ingest.htmlmeta import page_date_clues
from eventledger.ingest.pubdate import choose_published
from eventledger.models import Article

from .corpus import ROCKET_BODY

D = dt.date
BODY = "".join(f"<p>{paragraph}</p>" for paragraph in ROCKET_BODY)


def page(head: str = "", before_body: str = "", article_extra: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><title>Rockets near the airbase</title>{head}</head><body>"
            f"<header><nav><a href='/'>Home</a></nav>{before_body}</header>"
            f"<main><article><h1>Rockets near the airbase</h1>{article_extra}{BODY}</article></main></body></html>")


def jsonld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


CASES = [
    ("article:published_time", page('<meta property="article:published_time" content="2021-05-20T09:30:00+03:00">'), D(2021, 5, 20)),
    ("Dublin Core issued", page('<meta name="DC.date.issued" content="2018-07-09">'), D(2018, 7, 9)),
    ("dcterms created", page('<meta name="dcterms.created" content="2018-07-10">'), D(2018, 7, 10)),
    ("itemprop meta in the body", page(article_extra='<meta itemprop="datePublished" content="2017-02-03">'), D(2017, 2, 3)),
    ("JSON-LD object", page(jsonld({"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2019-03-04T08:00:00Z"})),
     D(2019, 3, 4)),
    ("JSON-LD list", page(jsonld([{"@type": "Organization", "name": "Desert Post"}, {"@type": "Article", "datePublished": "2019-03-05"}])),
     D(2019, 3, 5)),
    ("JSON-LD graph", page(jsonld({"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "datePublished": "2019-01-01", "dateModified": "2021-06-01"},
        {"@type": ["NewsArticle"], "datePublished": "2021-05-20", "dateModified": "2021-05-22"}]})), D(2021, 5, 20)),
    ("JSON-LD list of other stories is not the page's", page(jsonld({"@type": "ItemList", "itemListElement": [
        {"@type": "ListItem", "item": {"@type": "NewsArticle", "datePublished": "2015-01-01"}}]})), None),
    ("time pubdate beats an update time", page(article_extra='<p class="updated">Updated <time datetime="2016-05-09">9 May</time></p>'
                                                '<time pubdate datetime="2016-05-06">6 May</time>'), D(2016, 5, 6)),
    ("time in the article", page(article_extra='<div class="byline">By Sam <time datetime="2016-05-07T08:00">7 May</time></div>'),
     D(2016, 5, 7)),
    ("element named like a date", page(article_extra='<div class="entry-meta"><span class="post-date">May 3, 2020</span></div>'),
     D(2020, 5, 3)),
    ("today's date widget", page(before_body='<span class="current-date">Thursday, December 5, 2024</span>'), None),
    ("published over modified", page('<meta property="article:modified_time" content="2015-01-09">'
                                     '<meta property="article:published_time" content="2015-01-02">'), D(2015, 1, 2)),
    ("only a modified date", page('<meta property="og:updated_time" content="2015-01-09">'), D(2015, 1, 9)),
    ("nothing declared", page(), None),
]


@pytest.mark.parametrize(("name", "html", "expected"), CASES, ids=[case[0] for case in CASES])
def test_page_date_clues_read_the_page_declarations(name: str, html: str, expected: dt.date | None) -> None:
    assert choose_published(page_date_clues(html)) == expected


def read_page(html: str, url: str | None = None) -> Article:
    [article] = list(read_bytes(html.encode(), source="page.html", fetcher=None, max_bytes=1_000_000,
                                max_text_chars=100_000, name="page.html", url=url))
    assert isinstance(article, Article)
    return article


def test_page_metadata_beats_the_address_and_the_address_beats_nothing() -> None:
    declared = page('<meta property="article:published_time" content="2021-05-22">')
    assert read_page(declared, "https://desert.example/2021/05/20/rockets").published == D(2021, 5, 22)
    assert read_page(page(), "https://desert.example/2021/05/20/rockets").published == D(2021, 5, 20)


def test_a_caption_date_in_the_body_is_not_the_publication_date() -> None:
    caption = "<figure><img src='a.jpg'><figcaption>Smoke over the depot, Jan. 27, 2021.</figcaption></figure>"
    assert read_page(page(article_extra=caption)).published is None


def test_a_date_line_at_the_top_of_the_text_dates_the_page_and_leaves_it() -> None:
    article = read_page(page(article_extra="<p>Published: 3 November 2020</p>"))
    assert article.published == D(2020, 11, 3)
    assert "Published" not in article.text and article.text.startswith(ROCKET_BODY[0])


def test_todays_date_in_the_site_header_is_not_the_article_date() -> None:
    widget = '<div class="site-clock"><time datetime="2024-12-05">Thursday, 5 December 2024</time></div>'
    html = page(before_body=widget).replace("<header>", "<div class='top'>").replace("</header>", "</div>")
    assert read_page(html).published is None


@pytest.mark.parametrize("broken", ["<html><head><script type='application/ld+json'>{not json</script></head></html>", "", "<<<"])
def test_broken_markup_gives_no_clues_and_no_error(broken: str) -> None:
    assert page_date_clues(broken) == []


def test_html_reader_source_file(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_text(page(jsonld({"@type": "BlogPosting", "datePublished": "2020-10-22"})), encoding="utf-8")
    from eventledger.ingest import read_source

    [article] = list(read_source(str(path), fetcher=None))
    assert isinstance(article, Article) and article.published == D(2020, 10, 22)
