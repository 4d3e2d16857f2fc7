"""The sentence event detector: loading the packaged model and what it says of sentences written here."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from eventledger.errors import ExtractError
from eventledger.extract.detection import sentences as detector
from eventledger.extract.detection.sentences import LABELS, NONE, Detector, default_detector, kind_of


@pytest.fixture(scope="module")
def model() -> Detector:
    return default_detector()


def test_default_detector_loads_once() -> None:
    assert default_detector() is default_detector()


def test_model_knows_every_label(model: Detector) -> None:
    assert set(model.model.labels) == set(LABELS)
    assert 0.0 < model.threshold < 1.0


def test_predict_returns_one_detection_per_sentence_in_order(model: Detector) -> None:
    sentences = ["Gunmen shot dead four farmers in their fields on Sunday.", "The weather was mild.", ""]
    detections = model.predict(sentences)
    assert len(detections) == 3
    assert detections[0].is_event and not detections[1].is_event
    assert model.predict([]) == []


def test_distribution_is_a_probability_over_the_labels(model: Detector) -> None:
    (detection,) = model.predict(["Troops and rebels exchanged fire near the river crossing."])
    assert set(detection.distribution) == set(LABELS)
    assert sum(detection.distribution.values()) == pytest.approx(1.0, abs=1e-4)
    assert detection.probability == pytest.approx(1.0 - detection.distribution[NONE], abs=1e-6)


def test_batch_and_single_predictions_agree(model: Detector) -> None:
    sentences = [
        "Riot police fired tear gas at nurses marching on the health ministry.",
        "The striker scored twice as the visitors won 3-1.",
        "The minister blamed the opposition for the unrest.",
    ]
    together = model.predict(sentences)
    alone = [model.predict([s])[0] for s in sentences]
    assert [d.label for d in together] == [d.label for d in alone]
    assert np.allclose([d.probability for d in together], [d.probability for d in alone], atol=1e-5)


@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen on motorbikes killed nine traders at a cattle market on Friday, police said.",
        "A car bomb went off outside a hotel in the capital on Tuesday, killing six people.",
        "Soldiers and militants fought for hours near the village, leaving eleven dead.",
        "Hundreds of youths torched a police station and blocked the highway with burning tyres.",
        "Police used tear gas to disperse doctors demonstrating outside parliament.",
        "The interior minister accused opposition leaders of inciting the riots.",
        "Authorities imposed a curfew on the town after two nights of unrest.",
        "Police detained the leader of the opposition party at his home before dawn.",
    ],
)
def test_sentences_that_report_an_event(model: Detector, sentence: str) -> None:
    (detection,) = model.predict([sentence])
    assert detection.is_event, detection


@pytest.mark.parametrize(
    "sentence",
    [
        "The visitors were beaten 3-1 after conceding twice in stoppage time.",  # sport
        "The champion knocked out his challenger in the fourth round.",  # sport
        "Shares in the mining group were hammered as metal prices slumped.",  # markets
        "The reform team clashed with entrenched interests in the ministry.",  # figurative
        "The senator launched a scathing attack on the budget proposal.",  # figurative
        "The storm flattened thousands of homes along the coast and killed 14 people.",  # disaster
        "A jury convicted the man of a murder committed in 1983.",  # old crime
        "The insurgency, which began in 2012, has killed more than 20,000 people.",  # background
        "Unions say they will strike next month if the talks collapse.",  # future, conditional
        "Sign up for our morning briefing",  # page furniture
        "The former footballer suffered a heart attack at his home.",  # health
    ],
)
def test_sentences_that_report_no_event(model: Detector, sentence: str) -> None:
    (detection,) = model.predict([sentence])
    assert not detection.is_event, detection
    assert detection.kind is None and detection.sub_event_type is None


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Demonstrators hurled petrol bombs at the police and set the town hall on fire.", "riot"),
        ("A crowd beat a suspected thief to death in the market.", "riot"),
        ("Thousands of pensioners marched peacefully to the finance ministry.", "protest"),
        ("Police fired rubber bullets to break up a sit-in by unemployed graduates.", "protest"),
        ("Troops opened fire on unarmed protesters, killing at least seven.", "protest"),
        ("The government spokesman condemned the attack on the convoy as cowardly.", "statement"),
        ("The two armies agreed to a truce that takes effect at dawn.", "ceasefire"),
        ("The rebels claimed responsibility for the ambush in a statement.", "claim"),
        ("The army denied that its troops had shelled the camp.", "denial"),
        ("The armed group threatened to kill the hostages if the army advanced.", "threat"),
        ("The two foreign ministers held talks in Cairo on the crisis.", "meeting"),
        ("Police arrested twelve suspected members of the cell in a night raid.", "arrest"),
    ],
)
def test_kind_of_event(model: Detector, sentence: str, kind: str) -> None:
    (detection,) = model.predict([sentence])
    assert detection.kind == kind, detection


def test_riot_and_protest_carry_their_acled_types(model: Detector) -> None:
    riot, protest = model.predict(
        [
            "Protesters stormed the governor's office and set it alight.",
            "Teachers held a peaceful march through the city to demand back pay.",
        ]
    )
    assert (riot.event_type, riot.sub_event_type) == ("Riots", "Violent demonstration")
    assert (protest.event_type, protest.sub_event_type) == ("Protests", "Peaceful protest")


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("none", None),
        ("Air/drone strike", "attack"),
        ("Attack", "attack"),
        ("Mob violence", "riot"),
        ("Excessive force against protesters", "protest"),
        ("Arrests", "arrest"),
        ("Agreement", "agreement"),
        ("Looting/property destruction", "Looting/property destruction"),
        ("statement", "statement"),
    ],
)
def test_kind_of_label(label: str, kind: str | None) -> None:
    assert kind_of(label) == kind


def test_kind_of_unknown_label_is_an_error() -> None:
    with pytest.raises(ExtractError):
        kind_of("Skirmish")


def test_normalise_keeps_years_and_scorelines_apart() -> None:
    assert detector.tokens("Since 2014, they won 2-1 with 300 fans.") == [
        "since",
        "yyyy",
        "they",
        "won",
        "scoreline",
        "with",
        "0",
        "fans",
    ]


def test_model_of_another_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "model.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        json.dump({"format": 99}, out)
    with pytest.raises(ExtractError, match="retrain"):
        detector.load_model_file(path)


def test_unreadable_model_is_an_extract_error(tmp_path: Path) -> None:
    path = tmp_path / "model.json.gz"
    path.write_bytes(b"not gzip")
    with pytest.raises(ExtractError, match="cannot read"):
        detector.load_model_file(path)


def test_saved_model_round_trips(tmp_path: Path, model: Detector) -> None:
    path = tmp_path / "model.json.gz"
    detector.save_model(model.model, path)
    again = Detector.from_file(path)
    sentence = ["Rebels shelled the outskirts of the city overnight."]
    assert again.predict(sentence)[0].label == model.predict(sentence)[0].label


def test_written_sentences_are_well_formed() -> None:
    rows = detector.read_sentences()
    labels = {label for _, label in rows}
    assert labels <= set(LABELS)
    assert len({text for text, _ in rows}) == len(rows), "duplicate sentences"
    for label in ("none", "Violent demonstration", "Peaceful protest", "statement", "order", "Arrests"):
        assert sum(1 for _, lab in rows if lab == label) >= 20, label
