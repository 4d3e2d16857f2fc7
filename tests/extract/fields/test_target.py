"""Target: what an attack sentence says was struck, and the target a report gets."""

from __future__ import annotations

import pytest

from eventledger.extract.detection.attacks import detect_attack
from eventledger.extract.fields.target import find_target


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("Rockets were fired at the US embassy in the Green Zone.", "US embassy"),
        ("An IED struck a logistics convoy south of the city.", "convoy"),
        ("Two rockets hit the airport perimeter.", "airport"),
        ("Gunmen attacked an army checkpoint at dawn.", "checkpoint"),
        ("Security forces fired live rounds at protesters in the square.", "protesters"),
        ("A drone hit a military base in the west.", "base"),
    ],
)
def test_target_after_the_action(sentence: str, target: str) -> None:
    cue = detect_attack(sentence)
    assert cue is not None and cue.target is not None and cue.target.value == target


def test_find_target_prefers_what_follows_a_position() -> None:
    sentence = "Soldiers watched as gunmen attacked a checkpoint."
    assert find_target(sentence).value == "security forces"
    assert find_target(sentence, after=sentence.index("attacked")).value == "checkpoint"


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        # those who tell of the attack are not its target
        ("Police said gunmen attacked a checkpoint.", "checkpoint"),
        ("A bomb went off near the vegetable market in the town, police said.", "civilians"),
        ("Two rockets struck an outpost overnight, according to police.", "base"),
        ("A roadside bomb hit a column of trucks near Basra, police sources told reporters.", "convoy"),
        ("The blast wounded a driver, police said.", None),
        # police who are attacked are
        ("Gunmen opened fire on police at a checkpoint, a local official said.", "security forces"),
    ],
)
def test_a_speaker_is_not_the_target(sentence: str, target: str | None) -> None:
    hit = find_target(sentence)
    assert (hit.value if hit else None) == target


def test_a_report_takes_the_first_target_its_sentences_name(reports) -> None:
    (report,) = reports("A roadside bomb hit a supply convoy near Basra on Monday. The blast also damaged a nearby house.")
    assert report.target == "convoy"
    assert report.evidence["target"][0].text == "supply convoy"


def test_a_log_line_names_its_target(reports) -> None:
    text = "March 2021\nMar 2 – IED vs convoy – Diwaniya\nMar 5 – Rockets vs base – Balad"
    assert [r.target for r in reports(text)] == ["convoy", "base"]
