"""The HTML reader: trafilatura's main text and metadata, page furniture and comments removed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventledger.ingest import read_source
from eventledger.ingest.html_reader import looks_truncated, nesting_depth
from eventledger.ingest.sources import Source
from eventledger.models import Article, Failure

from .corpus import CONVOY_BODY, MARKET_BODY, ROCKET_BODY, html_page

SHARE = '<div class="share"><span>Total</span><span>0</span><span>Share</span><a>Share on Facebook</a><a>Share on Twitter</a></div>'
FONT = '<div class="font-size">A- A A +</div>'
TEASERS = ('<div class="post-nav"><div>Previous Article</div><a href="/p">Flood waters recede in the marshes</a>'
           '<div>Next Article</div><a href="/n">Ministry announces exam dates</a></div>')
RELATED = ('<section class="related"><h3>Related Posts</h3><ul><li><a href="/r1">Dates harvest breaks a record</a></li>'
           '<li><a href="/r2">New bridge opens over the river</a></li></ul></section>')
COMMENTS = ('<div id="comments" class="comments-area"><h3>Leave a Reply</h3><form><p>You are commenting using your WordPress.com account.'
            ' (Sign out)</p><p>Notify me of new posts via email.</p></form>'
            '<ol class="comment-list"><li class="comment"><p>What a dreadful week for the whole province, my cousin heard the blasts from the farm.</p></li></ol></div>')

FURNITURE = [
    ("share widget inside article", {"extra_article_html": SHARE}, ["Share on Facebook", "Share on Twitter"]),
    ("font controls", {"extra_article_html": FONT}, ["A- A A +"]),
    ("previous and next teasers", {"extra_article_html": TEASERS}, ["Previous Article", "Flood waters recede", "Ministry announces exam"]),
    ("related posts", {"extra_article_html": RELATED}, ["Related Posts", "Dates harvest", "New bridge opens"]),
    ("comment section", {"after_article_html": COMMENTS}, ["Leave a Reply", "You are commenting", "Notify me", "my cousin heard"]),
    ("everything at once", {"extra_article_html": SHARE + FONT + TEASERS + RELATED, "after_article_html": COMMENTS},
     ["Share on", "A- A A +", "Previous Article", "Dates harvest", "Leave a Reply", "my cousin heard"]),
]


@pytest.mark.parametrize(("name", "extra", "gone"), FURNITURE, ids=[f[0] for f in FURNITURE])
def test_html_furniture_never_reaches_text(tmp_path: Path, name: str, extra: dict, gone: list[str]) -> None:
    path = tmp_path / "page.html"
    path.write_text(html_page("Rockets near the airbase", ROCKET_BODY, **extra), encoding="utf-8")
    [article] = list(read_source(str(path), fetcher=None))
    assert isinstance(article, Article)
    for fragment in gone:
        assert fragment not in article.text, fragment
    for paragraph in ROCKET_BODY:
        assert paragraph in article.text
    assert not {"Total", "0", "Share"} & {line.strip() for line in article.text.splitlines()}


def test_html_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(html_page("Convoy struck on highway", CONVOY_BODY, site="Desert Post", published="2020-10-22"))
    [article] = list(read_source(str(path), fetcher=None))
    assert (article.title, article.outlet, article.published, article.format) == (
        "Convoy struck on highway", "Desert Post", dt.date(2020, 10, 22), "html")
    assert not article.text.startswith("Convoy struck on highway")  # the <h1> is the title, not text
    assert "Copyright" not in article.text and "Home" not in article.text.split("\n")[0]


def test_no_date_is_invented_from_the_text(tmp_path: Path) -> None:
    body = [CONVOY_BODY[0], "The previous attack on the same road happened on 14 March 2019, police records show.", *CONVOY_BODY[1:]]
    path = tmp_path / "page.html"
    path.write_text(html_page("Convoy struck", body, site=None, published=None))
    [article] = list(read_source(str(path), fetcher=None))
    assert article.published is None


def test_dateline_gives_the_outlet_when_the_page_names_no_site(tmp_path: Path) -> None:
    body = ["KIRKUK (Tigris Wire) — " + MARKET_BODY[0], *MARKET_BODY[1:]]
    path = tmp_path / "page.html"
    path.write_text(html_page("Market reopens", body, site=None))
    [article] = list(read_source(str(path), fetcher=None))
    assert article.outlet == "Tigris Wire"


def test_html_in_a_legacy_charset(tmp_path: Path) -> None:
    arabic = "سقطت ثلاثة صواريخ قرب القاعدة الجوية مساء الاثنين ولم تسجل اي اصابات بين الجنود او السكان في القرى المجاورة."
    page = html_page("صواريخ قرب القاعدة", [arabic, arabic.replace("ثلاثة", "اربعة")]).replace('charset="utf-8"', 'charset="windows-1256"')
    path = tmp_path / "ar.html"
    path.write_bytes(page.encode("cp1256"))
    [article] = list(read_source(str(path), fetcher=None))
    assert arabic in article.text


def test_truncated_page_keeps_the_text_it_has(tmp_path: Path) -> None:
    page = html_page("Rockets near the airbase", ROCKET_BODY)
    cut = page[: page.index(ROCKET_BODY[3]) + 40]  # stops in the middle of the fourth paragraph
    path = tmp_path / "cut.html"
    path.write_text(cut, encoding="utf-8")
    [article] = list(read_source(str(path), fetcher=None))
    assert isinstance(article, Article) and ROCKET_BODY[2] in article.text


@pytest.mark.parametrize(
    ("html", "depth"),
    [("<div><div><p>x</p></div></div>", 3), ("<p>a<br>b<img src=x></p>", 1), ("<div>" * 500, 500), ("plain", 0)],
)
def test_nesting_depth(html: str, depth: int) -> None:
    assert nesting_depth(html) == depth


@pytest.mark.parametrize(
    ("html", "truncated"),
    [("<html><body><p>x</p></body></html>", False), ("<html><body><p>x</p>", True), ("<html><head><tit", True),
     ("<p>fragment</p>", False)],
)
def test_looks_truncated(html: str, truncated: bool) -> None:
    assert looks_truncated(html) is truncated


def test_sniffed_html_in_a_txt_file_and_text_in_an_html_file(tmp_path: Path) -> None:
    disguised = tmp_path / "page.txt"
    disguised.write_text(html_page("Market reopens", MARKET_BODY))
    plain = tmp_path / "notes.html"
    plain.write_text("Market reopens\n\n" + "\n\n".join(MARKET_BODY))
    first, second = (next(read_source(str(p), fetcher=None)) for p in (disguised, plain))
    assert first.format == "html" and "<p>" not in first.text
    assert second.format == "text" and second.title == "Market reopens"


def test_script_only_page_fails(tmp_path: Path) -> None:
    data = b"<html><head><script>var a = 1;</script></head><body><script>render()</script></body></html>"
    [failure] = list(read_source(Source(location="app.html", kind="bytes", data=data), fetcher=None))
    assert isinstance(failure, Failure) and "no article text" in failure.reason


def test_table_rows_of_an_incident_log_are_kept(tmp_path: Path) -> None:
    table = ("<table><tr><th>Date</th><th>Incident</th></tr><tr><td>3 Oct</td><td>Rocket fired at an airbase near Ramadi</td></tr>"
             "<tr><td>5 Oct</td><td>Roadside bomb under a fuel tanker near Basra</td></tr></table>")
    path = tmp_path / "log.html"
    path.write_text(html_page("October incidents", ROCKET_BODY[:3], extra_article_html=table))
    [article] = list(read_source(str(path), fetcher=None))
    assert "Roadside bomb under a fuel tanker near Basra" in article.text


FURNITURE_LINES = [
    "We apologise, but this video has failed to load.",
    "Read more: Ten tips for cheaper groceries this winter",
    "Get the region's top stories – Sign up to our free morning newsletter",
    "Be the first to comment on this story",
    "This content must not be reproduced or passed on without the agency's consent.",
]


def _page_in(fmt: str) -> str:
    paragraphs = [ROCKET_BODY[0], FURNITURE_LINES[0], ROCKET_BODY[1], FURNITURE_LINES[1], ROCKET_BODY[2],
                  FURNITURE_LINES[2], ROCKET_BODY[3], FURNITURE_LINES[3], FURNITURE_LINES[4]]
    if fmt == "html":
        return html_page("Rockets near the airbase", paragraphs)
    if fmt == "json":
        import json

        return json.dumps({"title": "Rockets near the airbase", "text": "\n\n".join(paragraphs)})
    if fmt == "md":
        return "---\ntitle: Rockets near the airbase\ndate: 2020-11-03\n---\n\n" + "\n\n".join(paragraphs)
    return "Rockets near the airbase\n\n" + "\n\n".join(paragraphs)


@pytest.mark.parametrize("fmt", ["txt", "html", "json", "md"])
def test_furniture_goes_in_every_format(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"story.{fmt}"
    path.write_text(_page_in(fmt), encoding="utf-8")
    [article] = list(read_source(str(path), fetcher=None))
    assert isinstance(article, Article), article
    for line in FURNITURE_LINES:
        assert line not in article.text, (fmt, line)
    for paragraph in ROCKET_BODY[:4]:
        assert paragraph in article.text, (fmt, paragraph)
