"""detect_attack on single sentences: what is an event, what is not, and what it names."""

from __future__ import annotations

import pytest

from eventledger.extract.detection.attacks import detect_attack, read_violence


@pytest.mark.parametrize(
    ("sentence", "weapon"),
    [
        ("Three Katyusha rockets landed near the airport late on Sunday.", "rocket"),
        ("A BM-21 launcher fired two rockets at the base.", "rocket"),
        ("Mortar shells fell inside the camp on Friday morning.", "mortar"),
        ("A roadside bomb exploded as a supply convoy passed.", "ied"),
        ("An explosive device planted on a motorcycle detonated in the market.", "ied"),
        ("A car bomb went off outside the ministry.", "vehicle_bomb"),
        ("A suicide bomber blew himself up at the checkpoint, killing four.", "suicide"),
        ("An armed drone struck a vehicle on the airport road.", "drone"),
        ("Turkish warplanes pounded hideouts in the mountains.", "airstrike"),
        ("Gunmen opened fire on a police patrol in the town.", "small_arms"),
        ("Assailants threw a hand grenade into the shop, wounding two.", "grenade"),
        ("Artillery shelling hit villages along the border overnight.", "artillery"),
        ("A ballistic missile struck the base before dawn.", "missile"),
        ("Clashes broke out between two tribal militias near the border crossing.", None),
        ("Two coalition air raids were reported on the mountain district overnight.", "airstrike"),
        ("The air force targeted rebel positions outside the town.", "airstrike"),
        ("Militants killed four farmers in their fields on Tuesday.", None),
        ("A stray bullet hit and injured a boy on his roof.", "small_arms"),
        ("Army units bombarded a compound in the valley.", "artillery"),
        ("A man was stabbed to death near the football pitch.", "melee"),
        # a day owning the attack tells of one that happened
        ("The talks followed last Friday's mortar barrage on the base near Taji.", "mortar"),
        ("Tuesday night's rocket attack on the airport was the third in a month.", "rocket"),
        # a modal in a later, separate clause does not undo what the first clause reports
        ("Rockets hit the base on Monday, and the minister warned that the culprits would be punished.", "rocket"),
    ],
)
def test_events_that_happened(sentence: str, weapon: str | None) -> None:
    cue = detect_attack(sentence)
    assert cue is not None and not cue.supporting and cue.blocked_by is None
    assert (cue.weapon.value if cue.weapon else None) == weapon


@pytest.mark.parametrize(
    "sentence",
    [
        "No rockets hit the base on Sunday, the coalition said.",  # denial that it happened
        "The militia threatened to attack the embassy if the troops stay.",  # a threat
        "Officials fear the group could launch rocket attacks in the coming weeks.",  # a possibility
        "If the talks fail, the factions may resume their strikes.",  # hypothetical
        "The factions agreed to stop all rocket attacks on foreign forces.",  # a truce
        "Armed groups have for years fired rockets at the airport.",  # a habit, not an event
        "There were nine attacks on convoys in the province in March.",  # a tally
        "Liverpool's attack was relentless and the striker scored twice.",  # sports
        "The senator attacked the government's policy in a speech.",  # figurative
        "The patient suffered a heart attack on the ward.",  # medical
        "The ministry published a report on security in the north.",  # nothing violent at all
        "Washington blamed the militias for regular rocket attacks on its bases.",  # generic blame
        "The group is accused of carrying out most of the attacks on the airport.",  # no single event
        # a denial of reports that something happened
        "Police denied rumours online that a mortar shell had struck the market on Monday.",
        "The army dismissed media reports that a drone had hit the base near Tikrit.",
        "Officials rejected claims circulating on Telegram that an IED had exploded under a convoy.",
        # a modal inside the same clause still blocks, even after a reporting verb
        "It was reported the talks were about fears that the militia would launch rockets at the base.",
        "The minister's rocket remark drew laughter in parliament.",
        # a habit: "every week"
        "Supply trucks have been hit by roadside bombs on the southern highway almost every week since last spring.",
        "Mortar rounds land near the camp every few days, residents say.",
    ],
)
def test_sentences_that_are_not_events(sentence: str) -> None:
    cue = detect_attack(sentence)
    assert cue is None or cue.supporting


@pytest.mark.parametrize(
    "sentence",
    [
        # the accused is the one the violence befell
        "A man suspected of stealing a motorbike was beaten to death by residents in Kisii on Sunday.",
        # a habit or an attempt told in a clause of circumstance after the act is its setting
        "Gunmen shot dead a trader in Mandera on Monday amid frequent raids on the town's market.",
        "Four militants were killed as they tried to raid a police post in Lamu on Sunday.",
    ],
)
def test_a_charge_or_a_circumstance_after_the_act_does_not_veto_it(sentence: str) -> None:
    cue = detect_attack(sentence)
    assert cue is not None and not cue.supporting and cue.blocked_by is None


@pytest.mark.parametrize(
    "sentence",
    [
        # the passive act is the charge's, told in a relative clause
        "Police arrested two men accused of killing a trader who was shot dead in Kisii last week.",
        # the attempt comes first: no act of violence happened before it
        "Militants tried to raid a police post in Lamu on Sunday.",
    ],
)
def test_a_charge_or_an_attempt_still_vetoes_its_violence(sentence: str) -> None:
    cue = detect_attack(sentence)
    assert cue is None or cue.supporting


@pytest.mark.parametrize(
    "sentence",
    [
        "The attack killed a child and wounded two women.",
        "A little-known group claimed responsibility for the attack.",
        "The militia denied any involvement in the bombing.",
    ],
)
def test_sentences_that_only_add_to_an_event(sentence: str) -> None:
    cue = detect_attack(sentence)
    assert cue is not None
    assert cue.casualties or cue.claims or cue.denials


def test_claim_and_denial_cues() -> None:
    claim = detect_attack("Saraya Example claimed responsibility for the rocket attack on the base.")
    assert claim is not None and claim.claims
    denial = detect_attack("The brigade denied it had carried out the shelling.")
    assert denial is not None and denial.denials
    nobody = detect_attack("No group has claimed responsibility for the bombing.")
    assert nobody is not None and nobody.no_claim


def test_historical_marker() -> None:
    cue = detect_attack("Crowds marked the anniversary of the drone strike that killed the commander.")
    assert cue is not None and cue.historical is not None


@pytest.mark.parametrize(
    ("sentence", "claims", "denials"),
    [
        ("Responsibility was claimed late on Sunday by a group calling itself Liwa Example.", 1, 0),
        ("Responsibility was claimed via Telegram by Saraya Example.", 1, 0),
        ("The Turkish defence ministry said its jets had struck three PKK positions in the mountains.", 1, 0),
        ("The army said its artillery had shelled the hideouts overnight.", 1, 0),
        ("Asaib Example said in a statement that it had nothing to do with the blast at the market.", 0, 1),
        ("The brigade insisted it has no connection to the rocket fire on the airport.", 0, 1),
        ("'We have no hand in what happened in Basra,' a spokesman for the faction said.", 0, 1),
        # neither a claim nor a denial
        ("The rockets were fired by unknown men from a farm outside the city.", 0, 0),
        ("The ministry said its investigation into the bombing would take a week.", 0, 0),
    ],
)
def test_claims_and_denials_in_other_words(sentence: str, claims: int, denials: int) -> None:
    cue = detect_attack(sentence)
    assert cue is not None
    assert (len(cue.claims), len(cue.denials)) == (claims, denials)


@pytest.mark.parametrize(
    "sentence",
    [
        "Flood victims blocked the road to the district offices on Monday to demand relief supplies.",
        "Hundreds protested outside the court in Kisumu after the verdict acquitting a police officer.",
    ],
)
def test_a_crowd_is_not_blocked_by_the_words_of_what_it_protests_about(sentence: str) -> None:
    # the disaster and court vetoes say that nature's violence and a trial's crime are no political
    # violence; a crowd gathering over them still protests
    assert read_violence(sentence, kind="protest") is not None
    assert read_violence(sentence, kind="attack") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Protesters clashed with riot police in Barcelona on Friday night.",
        "Gunmen opened fire on a coach carrying pilgrims near Anantnag, killing seven.",
    ],
)
def test_a_city_or_a_bus_is_no_sports_word(sentence: str) -> None:
    cue = detect_attack(sentence)
    assert cue is not None and cue.blocked_by is None and not cue.supporting


@pytest.mark.parametrize(
    "sentence",
    [
        "The league leaders attacked from the first whistle and won 3-0.",
        "Real Madrid's attack was blunted by a disciplined defence on Saturday.",
    ],
)
def test_the_game_still_blocks_violence_words(sentence: str) -> None:
    cue = detect_attack(sentence)
    assert cue is None or cue.supporting or cue.blocked_by == "sports"


def test_suspected_members_of_a_group_are_who_was_hit_not_a_charge() -> None:
    cue = detect_attack("Three suspected members of the gang were shot dead by police in Mombasa on Friday.")
    assert cue is not None and cue.blocked_by is None and not cue.supporting
    charged = detect_attack("A man suspected of kidnapping a child appeared in court in Homa Bay.")
    assert charged is None or charged.blocked_by is not None or charged.supporting
