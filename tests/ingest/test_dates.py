"""Publication dates are read as written and never guessed."""

from __future__ import annotations

import datetime as dt

import pytest

from eventledger.ingest.dates import (
    date_line,
    find_dates,
    label_only,
    parse_date,
    read_date_line,
    read_date_prefix,
    read_date_run,
    read_dateline_date,
)

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Saturday, December 26, 2020", D(2020, 12, 26)),
        ("Tuesday, 3 November 2020", D(2020, 11, 3)),
        ("2020-10-22 18:09", D(2020, 10, 22)),
        ("2020-10-22T18:09:00Z", D(2020, 10, 22)),
        ("2020-10-22T18:09:00+03:00", D(2020, 10, 22)),
        ("2020/10/22", D(2020, 10, 22)),
        ("22/10/2020", D(2020, 10, 22)),
        ("10/22/2020", D(2020, 10, 22)),  # only month-first is a valid date
        ("03/11/2020", D(2020, 11, 3)),  # ambiguous: day first
        ("22.10.2020", D(2020, 10, 22)),
        ("Oct 22, 2020", D(2020, 10, 22)),
        ("Oct. 22, 2020", D(2020, 10, 22)),
        ("October 22nd, 2020 at 5:40 pm", D(2020, 10, 22)),
        ("22 October 2020", D(2020, 10, 22)),
        ("22nd of October, 2020", D(2020, 10, 22)),
        ("9-May-20", D(2020, 5, 9)),
        ("01 March 2020", D(2020, 3, 1)),
        ("01-01-07", D(2007, 1, 1)),
        ("Thu, 22 Oct 2020 18:09:00 +0000", D(2020, 10, 22)),
        ("Sept 5, 2019", D(2019, 9, 5)),
    ],
)
def test_parse_date_reads_common_formats(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [None, "", "Iraqi factions", "October 2020", "2020", "last Tuesday", "31/02/2020", "2020-13-01",
     "December Totals - 8", "Rockets hit the base on 22/10/2020", "15:30", "1/2/3/4"],
)
def test_parse_date_refuses_what_is_not_exactly_a_full_date(text: str | None) -> None:
    assert parse_date(text) is None


def test_month_first_order_when_asked() -> None:
    assert parse_date("03/11/2020", day_first=False) == D(2020, 3, 11)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published: 3 Nov 2020", D(2020, 11, 3)),
        ("Posted on October 5, 2020", D(2020, 10, 5)),
        ("Updated 2020-10-06 07:15", D(2020, 10, 6)),
        ("  Saturday, December 26, 2020  ", D(2020, 12, 26)),
        ("The vote was set for 22/10/2020, officials said, after weeks of delays.", None),
        ("Rockets – Baghdad International Airport", None),
    ],
)
def test_date_line_accepts_only_lines_that_are_a_date(line: str, expected: dt.date | None) -> None:
    assert date_line(line) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Reporter Sam Example3 March 2021", [D(2021, 3, 3)]),
        ("Posted 4 May 2020, updated 2020-05-06", [D(2020, 5, 4), D(2020, 5, 6)]),
        ("The Mayor 12 said on 1,234 May 2020", []),  # "Mayor" is no month, 1,234 no day
        ("Wed Jun 28 2023", [D(2023, 6, 28)]),
        ("Newsroom2019-11-14", [D(2019, 11, 14)]),
        ("the 22nd of October, 2020 at noon", [D(2020, 10, 22)]),
        ("April 11 without a year", []),
        ("prices rose 15/20 2020", []),
        ("Created: 07-03-2019 09:15", [D(2019, 3, 7)]),  # day first, dashes
        ("the 3-1 win on 2020", []),
    ],
)
def test_find_dates_finds_full_dates_inside_a_string(text: str, expected: list[dt.date]) -> None:
    assert [found.date for found in find_dates(text)] == expected


@pytest.mark.parametrize(
    ("line", "expected", "updated", "labelled"),
    [
        ("• published: 4 January 2016", D(2016, 1, 4), False, True),
        ("Posted on October 5, 2020", D(2020, 10, 5), False, True),
        ("Last Updated: May 17, 2020, 7:48 PM IST", D(2020, 5, 17), True, True),
        ("Published: 3 May 2020 | Updated: 4 May 2020", D(2020, 5, 3), False, True),
        ("Updated 4 May 2020 · Published 3 May 2020", D(2020, 5, 3), False, True),
        ("Saturday, 12th June 2021, 6:12 pm", D(2021, 6, 12), False, False),
        ("Sam Example3 June 2019", D(2019, 6, 3), False, False),
        ("[September 27, 2022]  By Sam Example", D(2022, 9, 27), False, False),
        ("Source: Tigris Wire June 25, 2024 20:11 UTC", D(2024, 6, 25), False, False),
        ("By JANE EXAMPLE and SAM O’WRITER | May 3, 2020", D(2020, 5, 3), False, False),
        ("Desk2019-11-14", D(2019, 11, 14), False, False),
        ("tirsdag 3. mars 2020", D(2020, 3, 3), False, False),  # another language's month name
        ("March 12, 2021 at 10:30 am", D(2021, 3, 12), False, False),
        ("2021-03-12T10:30:00+00:00", D(2021, 3, 12), False, False),
        ("Thursday, 4 March 2021, 14:20 (GMT+3)", D(2021, 3, 4), False, False),
        ("Updated on March 12, 2021 at 10:30 a.m. ET", D(2021, 3, 12), True, True),
        ("Posted: Mar 12, 2021 / 10:30 AM EST / Updated: Mar 13, 2021 / 11:00 AM EST", D(2021, 3, 12), False, True),
        # a label that is a clause about the page, and a time between a label and its date
        ("This Story is From Feb 3, 2016", D(2016, 2, 3), False, True),
        ("This report was first published on 9 October 2017", D(2017, 10, 9), False, True),
        ("Page last updated at 08:40 GMT, Monday, 2 March 2009", D(2009, 3, 2), True, True),
        ("Item posted at 6:15 pm on 14/11/2018", D(2018, 11, 14), False, True),
        ("Updated: 05-08-2022 17:20 IST", D(2022, 8, 5), True, True),
        ("Date of publication: 11 July 2016", D(2016, 7, 11), False, True),
    ],
)
def test_read_date_line_reads_header_date_lines(line: str, expected: dt.date, updated: bool, labelled: bool) -> None:
    read = read_date_line(line)
    assert read is not None
    assert (read.date, read.updated, read.labelled) == (expected, updated, labelled)


@pytest.mark.parametrize(
    "line",
    [
        "— Sam Example (@sam_reports) May 17, 2015",  # a tweet embed's signature
        "Smoke over the depot, seen on April 30, 2019",  # a caption
        "FILE - In this Jan. 27, 2021, photo, guards stand at the gate",
        "Guards stand at the gate of the ministry on Monday, June 1, 2020, as protesters gather in the square",
        "NAIROBI, June 25",  # a dateline without a year
        "Saturday",
        "The vote was set for 22/10/2020, officials said, after weeks of delays.",
        "3,400 views",
        "Score 227/8 (50.0 ov)",
        "From Feb 3, 2016 the road stayed closed",  # "from" labels a date only after a subject
        "Posted 3 hours ago",
    ],
)
def test_read_date_line_refuses_captions_embeds_and_sentences(line: str) -> None:
    assert read_date_line(line) is None


@pytest.mark.parametrize(
    ("line", "expected", "rest"),
    [
        (" date 2020-05-20 Rockets hit the airbase", D(2020, 5, 20), "Rockets hit the airbase"),
        ("Published: 3 May 2020 The ministry said on Sunday", D(2020, 5, 3), "The ministry said on Sunday"),
        ("date 2023-08 The convoy was ambushed", None, "The convoy was ambushed"),  # a month: no date, label gone
    ],
)
def test_read_date_prefix_takes_a_labelled_date_off_a_line(line: str, expected: dt.date | None, rest: str) -> None:
    read = read_date_prefix(line)
    assert read is not None
    opened, after = read
    assert (opened.date if opened else None, after) == (expected, rest)


@pytest.mark.parametrize("line", ["Dated guidance was issued to schools", "Rockets hit the airbase on 2020-05-20"])
def test_read_date_prefix_needs_a_label_and_a_date_first(line: str) -> None:
    assert read_date_prefix(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("August 10, 2018 - Dozens of pupils were hurt when a bus overturned", D(2018, 8, 10)),
        ("BASRA, Oct. 22, 2020 (Reuters) — A pipeline caught fire", D(2020, 10, 22)),
        ("MOSUL, Iraq, May 17, 2015 — Guards fired warning shots", D(2015, 5, 17)),
        ("NAIROBI, June 25 - Police fired tear gas", None),
        ("May 3, 2020, was the day the bridge reopened", None),
    ],
)
def test_read_dateline_date_needs_a_year(line: str, expected: dt.date | None) -> None:
    assert read_dateline_date(line) == expected


@pytest.mark.parametrize(("line", "expected"), [("Updated", True), ("Last updated:", True), ("Published", False),
                                                 ("[Posted on]", False), ("Update the page", None), ("Posted guards", None)])
def test_label_only(line: str, expected: bool | None) -> None:
    assert label_only(line) is expected


def test_a_section_name_before_a_revision_label_keeps_the_line_a_date_line() -> None:
    read = read_date_line("asia Updated: Jun 4, 2014 09:12 IST")
    assert read is not None and (read.date, read.updated) == (dt.date(2014, 6, 4), True)
    assert read_date_line("troops fired on the crowd on Jun 4, 2014") is None


@pytest.mark.parametrize(
    ("line", "dates", "rest"),
    [
        ("Two guards were hurt at the gate, officials said. PTW | Basra | Updated: 05-08-2022 17:20 IST | "
         "Created: 04-08-2022 21:05 IST",
         [(D(2022, 8, 5), True), (D(2022, 8, 4), False)], "Two guards were hurt at the gate, officials said. PTW"),
        ("Published: 4 March 2019 | Desk Team | A convoy was stopped on the canal road on Sunday.",
         [(D(2019, 3, 4), False)], "A convoy was stopped on the canal road on Sunday."),
    ],
)
def test_read_date_run_takes_labelled_dates_off_a_line_of_text(line: str, dates: list[tuple[dt.date, bool]], rest: str) -> None:
    read = read_date_run(line)
    assert read is not None
    assert sorted((found.date, found.updated) for found in read[0]) == sorted(dates)
    assert read[1] == rest


@pytest.mark.parametrize(
    "line",
    [
        "Talks resumed | The talks of 4 March 2019 had failed, the minister said",  # a sentence's date
        "Basra | 4 March 2019 | Gunmen fired on a checkpoint",  # no label: a date may be anybody's
        "Gunmen fired on a checkpoint on 4 March 2019, police said.",
    ],
)
def test_read_date_run_needs_a_labelled_date_set_apart(line: str) -> None:
    assert read_date_run(line) is None
