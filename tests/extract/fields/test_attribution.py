"""Citations of outlets and speakers: "AP reported", "told MEE", "the British website"."""

from __future__ import annotations

import pytest

from eventledger.extract.entities import find_entities, get_kb
from eventledger.extract.fields.attribution import find_citations, find_speakers
from eventledger.extract.segment import split_sentences


def _cite(text: str, own: str | None = None) -> list[tuple[str | None, str]]:
    citations = find_citations(text, split_sentences(text), find_entities(text), get_kb(), own)
    for citation in citations:
        assert text[citation.span.start:citation.span.end] == citation.span.text
    return [(c.outlet, c.span.text) for c in citations]


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("AP reported that two rockets hit the base.", "Associated Press"),
        ("Two rockets hit the base, according to Reuters.", "Reuters"),
        ("A militia commander told Middle East Eye that the truce would hold.", "Middle East Eye"),
        ("The minister's remarks were quoted by Al Arabiya on Monday.", "Al Arabiya"),
        ("Reuters said the convoy was carrying fuel.", "Reuters"),
        ("Officials confirmed to AP that the envoy had arrived.", "Associated Press"),
    ],
)
def test_outlet_citations(text: str, outlet: str) -> None:
    assert [o for o, _ in _cite(text)] == [outlet]


@pytest.mark.parametrize(
    "text",
    [
        "Reuters is one of the oldest news agencies in the world.",
        "The weather in Baghdad was hot and dry all week.",
        "Rockets hit the base on Monday night.",
    ],
)
def test_no_citation(text: str) -> None:
    assert _cite(text) == []


def test_reference_back_to_the_outlet_cited_last() -> None:
    text = "Middle East Eye revealed the order on Thursday. A faction leader said to the British website that the decision was final."
    assert [o for o, _ in _cite(text)] == ["Middle East Eye", "Middle East Eye"]


def test_article_does_not_cite_itself() -> None:
    text = "Shafaq News reported that a drone hit a truck. The strike was confirmed to Reuters by a local official."
    assert [o for o, _ in _cite(text, own="Shafaq News")] == ["Reuters"]


def test_speaker_and_quote_are_kept() -> None:
    text = "“We will not retaliate now,” a senior commander of an armed faction told Middle East Eye."
    citations = find_citations(text, split_sentences(text), find_entities(text), get_kb(), None)
    assert citations[0].speaker == "a senior commander of an armed faction"
    assert citations[0].quote == "We will not retaliate now"


@pytest.mark.parametrize(
    ("sentence", "speakers"),
    [
        ("Two security sources said the blast was heard across the city.", ["Two security sources"]),
        ("The base was hit twice, said Iraqi officials.", ["Iraqi officials"]),
        ("A police spokesman told reporters that nobody was hurt.", ["A police spokesman"]),
        ("The rockets landed in an empty field.", []),
    ],
)
def test_speakers(sentence: str, speakers: list[str]) -> None:
    assert [s.name for s in find_speakers(sentence)] == speakers


REFERENCES = """The factions have kept the truce only in name.

Sources

Rudaw, “Rockets hit near US embassy as truce frays,” 11/19/20

- “Militias deny role in Green Zone barrage” 11/20/20

Hamdi, Layla, “Tehran reins in Iraqi factions ahead of US transition,” Al-Monitor, 11/24/20

Reuters, “Convoy struck in southern Iraq,” December 3, 2020
"""


def test_reference_entries_give_outlet_title_and_date() -> None:
    import datetime as dt

    from eventledger.extract.fields.attribution import find_references

    found = [(c.outlet, c.title, c.published) for c in find_references(REFERENCES, get_kb())]
    assert found == [
        ("Rudaw", "Rockets hit near US embassy as truce frays", dt.date(2020, 11, 19)),
        ("Rudaw", "Militias deny role in Green Zone barrage", dt.date(2020, 11, 20)),  # continues the entry above
        ("Al-Monitor", "Tehran reins in Iraqi factions ahead of US transition", dt.date(2020, 11, 24)),
        ("Reuters", "Convoy struck in southern Iraq", dt.date(2020, 12, 3)),
    ]


def test_reference_entries_are_citations_once() -> None:
    citations = find_citations(REFERENCES, split_sentences(REFERENCES), find_entities(REFERENCES), get_kb())
    dated = [(c.outlet, c.published.isoformat()) for c in citations if c.published]
    assert dated == [("Rudaw", "2020-11-19"), ("Rudaw", "2020-11-20"), ("Al-Monitor", "2020-11-24"), ("Reuters", "2020-12-03")]
    # the outlet named on an entry's line is not cited twice
    assert len([c for c in citations if c.outlet == "Rudaw" and c.span.text == "Rudaw"]) == 1


@pytest.mark.parametrize(
    ("value", "day_first", "expected"),
    [
        ("11/24/20", False, "2020-11-24"),
        ("24/11/20", False, "2020-11-24"),  # 24 cannot be a month
        ("3/4/2021", True, "2021-04-03"),
        ("3/4/2021", False, "2021-03-04"),
        ("2020-11-24", False, "2020-11-24"),
        ("24 November 2020", False, "2020-11-24"),
        ("Nov. 24, 2020", False, "2020-11-24"),
        ("2/30/20", False, None),
    ],
)
def test_reference_dates(value: str, day_first: bool, expected: str | None) -> None:
    from eventledger.extract.fields.attribution import reference_date

    result = reference_date(value, day_first)
    assert (result.isoformat() if result else None) == expected


def test_prose_with_quotes_and_dates_is_not_a_reference() -> None:
    from eventledger.extract.fields.attribution import find_references

    text = 'The militia said "we have nothing to do with the rockets" on Tuesday, 11/24/20 officials said.'
    assert find_references(text, get_kb()) == []


# --- one report ------------------------------------------------------------------------------


def test_a_report_cites_the_outlet_beside_it_and_names_its_speaker(reports) -> None:
    (report,) = reports("A roadside bomb hit a convoy in Basra on Monday, a senior commander told Reuters.")
    assert report.cites == ("Reuters",)
    assert report.speakers == ("a senior commander",)
    assert [s.text for s in report.evidence["speakers"]] == ["a senior commander"]
