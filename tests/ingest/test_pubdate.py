"""Which publication date a page's clues give, and the dates page addresses hold."""

from __future__ import annotations

import datetime as dt

import pytest

from eventledger.ingest.pubdate import TRUST, DateClue, choose_published, url_date, url_month

D = dt.date


@pytest.mark.parametrize(
    ("clues", "expected"),
    [
        ([], None),
        ([DateClue(D(2021, 5, 21), "text_line"), DateClue(D(2021, 5, 20), "url")], D(2021, 5, 20)),
        ([DateClue(D(2021, 5, 20), "url"), DateClue(D(2021, 5, 22), "metadata")], D(2021, 5, 22)),
        ([DateClue(D(2020, 1, 2), "front_matter"), DateClue(D(2020, 1, 1), "metadata")], D(2020, 1, 2)),
        ([DateClue(D(2022, 2, 13), "text_line"), DateClue(D(2022, 2, 15), "text_label")], D(2022, 2, 15)),
        # the earliest publication date of one place; a revision only when nothing else is known
        ([DateClue(D(2021, 6, 14), "metadata"), DateClue(D(2021, 6, 12), "metadata")], D(2021, 6, 12)),
        ([DateClue(D(2021, 6, 10), "metadata", updated=True), DateClue(D(2021, 6, 12), "text_line")], D(2021, 6, 12)),
        ([DateClue(D(2021, 6, 14), "metadata", updated=True), DateClue(D(2021, 6, 13), "text_line", updated=True)],
         D(2021, 6, 14)),
    ],
)
def test_choose_published_follows_the_order_of_trust(clues: list[DateClue], expected: dt.date | None) -> None:
    assert choose_published(clues) == expected


def test_every_place_has_a_rank() -> None:
    assert len(set(TRUST)) == len(TRUST) == 6


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://desert.example/2021/05/20/rockets-hit-base/", D(2021, 5, 20)),
        ("https://desert.example/news/2021/5/20", D(2021, 5, 20)),
        ("https://desert.example/world/2019/oct/26/grenade-attack-market.html", D(2019, 10, 26)),
        ("https://desert.example/en/20190121-car-bomb-police-academy", D(2019, 1, 21)),
        ("https://desert.example/la-fg-yemen-bus-20180809-story.html", D(2018, 8, 9)),
        ("https://desert.example/story/2019-11-13/drills-warning", D(2019, 11, 13)),
        ("https://desert.example/stories/202005200885.html", D(2020, 5, 20)),  # a day's running number
        ("https://desert.example/article/truce-agreed-1621543364-124419", D(2021, 5, 20)),  # a Unix time
        ("https://desert.example/read?date=2020-05-01&id=9", D(2020, 5, 1)),
        ("https://desert.example/14-Feb-2019/militants-storm-post", D(2019, 2, 14)),  # day, month name, year
        ("https://desert.example/news/curfew-lifted-3-june-2020", D(2020, 6, 3)),
        ("https://desert.example/archive/desert-xpm-2004-jan-20-fg-ambush-story.html", D(2004, 1, 20)),
        ("https://desert.example/news/convoy-ambushed-near-pass-sept-7-2012", D(2012, 9, 7)),  # American order
        ("https://desert.example/news/2015_March_9_curfew", D(2015, 3, 9)),
        ("https://desert.example/news/31-feb-2020-story", None),
        ("https://desert.example/news/2020-feb-31-story", None),
        ("https://desert.example/2019/10/protests-continue/", None),  # a month only
        ("https://cricket2012.example/2016/09/5-match-series-report.html", None),  # "5-match" is a slug
        ("https://desert.example/news/40034538/arrests", None),
        ("https://desert.example/2021/02/29/", None),
        ("https://news20200101.example/story", None),  # the host name is not searched
        ("", None),
        (None, None),
    ],
)
def test_url_date(url: str | None, expected: dt.date | None) -> None:
    assert url_date(url) == expected


def test_url_date_refuses_the_future() -> None:
    tomorrow_year = dt.date.today().year + 2
    assert url_date(f"https://desert.example/{tomorrow_year}/01/05/story") is None


def test_an_unlabelled_date_line_after_the_texts_revision_is_a_widget() -> None:
    clues = [DateClue(D(2019, 8, 2), "text_line"), DateClue(D(2014, 5, 6), "text_label", updated=True)]
    assert choose_published(clues) == D(2014, 5, 6)


def test_an_unlabelled_date_line_before_the_revision_is_the_publication() -> None:
    clues = [DateClue(D(2014, 5, 1), "text_line"), DateClue(D(2014, 5, 6), "text_label", updated=True)]
    assert choose_published(clues) == D(2014, 5, 1)


def test_url_date_reads_a_year_month_folder_then_the_day() -> None:
    assert url_date("https://news.example.cn/world/2014-05/06/content_1234567.htm") == D(2014, 5, 6)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example-blog.net/2011/12/gunmen-raid-a-village.html", (2011, 12)),
        ("https://example-blog.net/2016/oct/curfew-lifted", (2016, 10)),
        ("https://example.org/news/2019/05/20/curfew-lifted/", None),  # a full date: url_date's
        ("https://example.org/news/2019/curfew-lifted/", None),  # a year alone
        ("https://example.org/item/123456", None),
        (None, None),
    ],
)
def test_url_month_reads_a_year_and_month_folder(url: str | None, expected: tuple[int, int] | None) -> None:
    assert url_month(url) == expected
