"""Markdown and static-site pages: front matter is metadata, never text; Markdown reads as text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventledger.ingest import read_source
from eventledger.ingest.frontmatter import markdown_to_text, split_front_matter
from eventledger.models import Article

from .corpus import CONVOY_BODY, ROCKET_BODY, paragraphs

D = dt.date
TITLE = "Roadside bomb hits supply convoy"

YAML_PAGE = f"""---
layout: post
title: "{TITLE}"
date: 2020-10-22 09:15:00 +0300
lastmod: 2020-10-24
author: Sam Example
tags: [security, highways]
canonical_url: https://desert.example/news/convoy
---

# {TITLE}

{paragraphs(CONVOY_BODY)}
"""

TOML_PAGE = f"""+++
title = "{TITLE}"
date = 2020-10-21T18:00:00Z
authors = ["Sam Example", "Jo Writer"]
categories = ["security"]
+++

{paragraphs(CONVOY_BODY)}
"""


@pytest.mark.parametrize(
    ("page", "published", "url"),
    [(YAML_PAGE, D(2020, 10, 22), "https://desert.example/news/convoy"), (TOML_PAGE, D(2020, 10, 21), None)],
    ids=["yaml", "toml"],
)
def test_front_matter_is_metadata_and_never_text(tmp_path: Path, page: str, published: dt.date, url: str | None) -> None:
    path = tmp_path / "2020-10-22-convoy.md"
    path.write_text(page, encoding="utf-8")
    [article] = list(read_source(str(path), fetcher=None))
    assert isinstance(article, Article)
    assert (article.title, article.published, article.url) == (TITLE, published, url)
    assert article.text.startswith(CONVOY_BODY[0])
    for furniture in ("---", "+++", "layout", "title", "Sam Example", "security", "date =", "lastmod"):
        assert furniture not in article.text


def test_front_matter_parts() -> None:
    front, body = split_front_matter(YAML_PAGE)
    assert front is not None
    assert front.authors == ("Sam Example",) and front.tags == ("security", "highways")
    assert [(clue.date, clue.updated) for clue in front.dates] == [(D(2020, 10, 22), False), (D(2020, 10, 24), True)]
    assert body.lstrip().startswith(f"# {TITLE}")


@pytest.mark.parametrize(
    "text",
    [
        f"---\n{ROCKET_BODY[0]}\n---\n{ROCKET_BODY[1]}",  # a text that opens with a rule, not front matter
        f"---\ntitle: [unclosed\n---\n{ROCKET_BODY[1]}",  # broken YAML
        f"+++\ntitle = \n+++\n{ROCKET_BODY[1]}",  # broken TOML
        f"{ROCKET_BODY[0]}\n---\ntitle: late\n---\n",  # not at the top
        "---\n- a list\n- not a mapping\n---\ntext",
    ],
)
def test_what_is_not_front_matter_stays_text(text: str) -> None:
    assert split_front_matter(text) == (None, text)


def test_front_matter_above_html_reads_the_html(tmp_path: Path) -> None:
    html = "".join(f"<p>{p}</p>" for p in ROCKET_BODY)
    path = tmp_path / "page.html"
    path.write_text(f"---\ntitle: Rockets near the airbase\ndate: 2021-03-04\n---\n<div class='post'><div>{html}</div></div>",
                    encoding="utf-8")
    [article] = list(read_source(str(path), fetcher=None))
    assert (article.title, article.published, article.format) == ("Rockets near the airbase", D(2021, 3, 4), "html")
    assert "title:" not in article.text and ROCKET_BODY[0] in article.text


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("## Curfew declared ##", "Curfew declared"),
        ("Police said **six** people were _detained_.", "Police said six people were detained."),
        ("Read the [ministry statement](https://desert.example/s \"title\") here.", "Read the ministry statement here."),
        ("See [the map][1] above.\n[1]: https://desert.example/map", "See the map above.\n"),
        ("![Burnt car](/img/car.jpg)\nThe car burned.", "\nThe car burned."),
        ("{{< tweet 1234 >}}\n{% include teaser.html %}\nThe road reopened.", "\n\nThe road reopened."),
        ("> A resident said the night was loud.", "A resident said the night was loud."),
        ("- one checkpoint\n* two checkpoints", "one checkpoint\ntwo checkpoints"),
        ("Prices rose 5*3 times and file_name stays.", "Prices rose 5*3 times and file_name stays."),
    ],
)
def test_markdown_to_text_keeps_the_words(markdown: str, text: str) -> None:
    assert markdown_to_text(markdown) == text


def test_markdown_file_without_front_matter_takes_its_heading_as_title(tmp_path: Path) -> None:
    path = tmp_path / "notes.markdown"
    path.write_text(f"# {TITLE}\n\n{paragraphs(CONVOY_BODY)}\n", encoding="utf-8")
    [article] = list(read_source(str(path), fetcher=None))
    assert article.title == TITLE and "#" not in article.text


def test_a_jekyll_post_without_a_date_is_dated_by_its_file_name(tmp_path: Path) -> None:
    path = tmp_path / "2020-10-19-convoy.md"
    path.write_text(f"---\ntitle: {TITLE}\n---\n{paragraphs(CONVOY_BODY)}\n", encoding="utf-8")
    [article] = list(read_source(str(path), fetcher=None))
    assert article.published == D(2020, 10, 19)
    path.write_text(f"---\ntitle: {TITLE}\ndate: 2020-10-22\n---\n{paragraphs(CONVOY_BODY)}\n", encoding="utf-8")
    [article] = list(read_source(str(path), fetcher=None))
    assert article.published == D(2020, 10, 22)  # the front matter's date comes first


def test_a_plain_text_file_name_is_not_a_date(tmp_path: Path) -> None:
    path = tmp_path / "2020-10-19-convoy.txt"
    path.write_text(f"{TITLE}\n\n{paragraphs(CONVOY_BODY)}\n", encoding="utf-8")
    [article] = list(read_source(str(path), fetcher=None))
    assert article.published is None
