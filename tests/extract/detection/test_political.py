"""detect_political on single sentences: kinds, and sentences that are no political event."""

from __future__ import annotations

import pytest

from eventledger.extract.detection.political import detect_political


@pytest.mark.parametrize(
    ("sentence", "has_actor", "kind"),
    [
        ("The factions declared a ceasefire on Sunday.", False, "ceasefire"),
        ("Trump warned Tehran on Twitter that he would hold Iran responsible if one American was killed.", True, "threat"),
        ("It followed a warning from Trump that Iran would be held responsible for any American death.", True, "threat"),
        ("The militias agreed to a truce with the government.", False, "ceasefire"),
        ("He ordered the groups to stop their attacks on American forces.", True, "ceasefire"),
        ("All attacks on foreign troops must stop at once, the cleric said.", True, "ceasefire"),
        ("The envoy met the prime minister in Baghdad.", True, "meeting"),
        ("The general arrived in Erbil on a surprise visit.", True, "meeting"),
        ("Faction leaders were summoned to Tehran for talks.", True, "meeting"),
        ("The minister threatened to expel the ambassador.", True, "threat"),
        ("The president warned that Washington would retaliate against any attack.", True, "threat"),
        ("The embassy tweeted a photo of the damage.", True, "statement"),
        ("The ministry condemned the bombing in a statement.", True, "statement"),
        ("Twelve suspects were arrested after the raid.", False, "arrest"),
        ("Thousands of protesters gathered in Tahrir Square.", False, "protest"),
        ("The two parties signed an agreement on border security.", True, "agreement"),
        # what the narrowed triggers still catch
        ("The army blamed on Monday the rebels for the ambush.", True, "statement"),
        ("The foreign minister visited Cairo on Friday.", True, "meeting"),
        ("The judge summoned the minister to a hearing in the capital.", True, "meeting"),
        ("The militia threatens the government with revenge.", True, "threat"),
        ("Both sides agreed to a ceasefire on Thursday.", True, "ceasefire"),
        ("The two parties agreed to share power.", True, "agreement"),
    ],
)
def test_kind(sentence: str, has_actor: bool, kind: str) -> None:
    assert kind in [c.kind for c in detect_political(sentence, has_actor=has_actor)]


@pytest.mark.parametrize(
    ("sentence", "has_actor"),
    [
        ("Somebody somewhere met somebody else.", False),  # a meeting needs a named actor
        ("He warned that the economy could shrink next year.", True),  # a warning, not a threat of force
        ("He warned that shoppers would face higher prices and pay more for fuel.", True),
        ("The coach threatened to drop the striker before the match.", True),  # sports
        ("The group is accused of carrying out the bombing.", True),  # passive accusation
        # a passive blame names who is suspected, not who blamed
        ("Two soldiers were killed in an attack blamed on jihadists.", True),
        # a visit to the scene or the wounded meets nobody
        ("The president visited the scene of the bombing on Friday.", True),
        ("The governor visited the wounded in hospital.", True),
        # a court's summons to appear is no meeting
        ("The court summoned the ministry officials to appear before it.", True),
        # an event that puts talks at risk makes no threat
        ("The bombing threatens the fragile peace process in the north.", True),
        # "the accused", an adjective or a noun; a published report
        ("Officials did not say whether the accused smuggler was still held.", True),
        ("The rights group's latest report accused the militia of abuses.", True),
        ("The weather was mild and the markets were busy.", True),
        ("Police called on residents to report suspicious cars.", False),
        # "in a statement" attributes a toll or a claim; it is not an event of its own
        ("The PMF said in a statement that reinforcements had been sent to the area.", True),
        ("A little-known group claimed the attack in a statement posted on Telegram.", True),
        ("The ministry issued a statement giving the number of wounded as four.", True),
        # attackers arriving at their raid, troops sent to a scene, an award received: nobody met
        ("The gunmen arrived in the hamlet on six motorbikes and opened fire, a resident said.", True),
        ("Militiamen fought back against soldiers dispatched to retake the post, the army said.", True),
        ("One of the dead policemen had received a medal for courage in fighting the rebels.", True),
        # what fighting threatens to bring about is no one's threat
        ("Renewed clashes in the east threatened to undo months of progress, analysts said.", True),
        # a warning to a party is a threat when the party is named; advice to the public is none
        ("The mayor warned residents not to travel after dark this week.", True),
        # an arrest named by whom it took: a name or a number of people, not "the arrest of the suspects"
        ("Relatives demanded the arrest of the killers at a vigil.", True),
        # being "in" a state is no visit (only "was in" a capitalised place is)
        ("Two soldiers were wounded; one of them was in serious condition on Tuesday.", True),
    ],
)
def test_not_a_political_event(sentence: str, has_actor: bool) -> None:
    assert detect_political(sentence, has_actor=has_actor) == []


def test_agreeing_to_a_ceasefire_is_the_ceasefire_not_another_agreement() -> None:
    kinds = [c.kind for c in detect_political("Officials said the rebels agreed to a truce on Sunday.", has_actor=True)]
    assert kinds == ["ceasefire"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The provincial governor imposed a 24-hour curfew on the port city.",
        "A state of emergency was declared in the capital shortly after midnight.",
        "The president extended the state of emergency to three more regions.",
        "Officials ordered the closure of all state colleges until further notice.",
        "The interior ministry ordered schools in the district to close on Monday.",
        "Police in the capital banned all public gatherings for a week.",
        "City authorities imposed an emergency order banning protests near the palace.",
        "The government shut down the mobile internet in the eastern provinces.",
    ],
)
def test_an_authoritys_measure_is_an_order(sentence: str) -> None:
    # ACLED's strategic developments: curfews, emergencies, bans and closures ordered by an authority
    assert "order" in [c.kind for c in detect_political(sentence, has_actor=False)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Hundreds of students defied the curfew on Tuesday night.",
        "The minister said the state of emergency was hurting small shops.",
        "Critics argue that curfews rarely calm a city.",
    ],
)
def test_a_measure_only_talked_about_is_no_order(sentence: str) -> None:
    assert "order" not in [c.kind for c in detect_political(sentence, has_actor=True)]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Messages of condolence poured in, among them a tweet from the prime minister.", None),
        ("The president congratulated the athletes in a tweet on Sunday.", None),
        ("The president condemned the bombing and offered condolences to the families.", "statement"),
    ],
)
def test_condolences_are_no_statement_unless_they_condemn(sentence: str, kind: str | None) -> None:
    kinds = [c.kind for c in detect_political(sentence, has_actor=True)]
    assert kinds == ([kind] if kind else [])


@pytest.mark.parametrize(
    "sentence",
    [
        # headlines tell statements in the present tense
        "Rights group condemns crackdown on students",
        "The opposition leader denounces the new tax as theft.",
        # what a leader wants done, said to the press
        "The opposition leader called for the budget to be withdrawn at once.",
        "The students' union calls for the vice-chancellor to resign.",
    ],
)
def test_headline_and_demand_statements(sentence: str) -> None:
    assert "statement" in [c.kind for c in detect_political(sentence, has_actor=True)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Rights groups are expected to condemn the verdict.",  # not said yet
        "Many will condemn the decision, analysts say.",
        # a formulaic appeal after violence is a reaction, not a position taken
        "Village elders called for calm after the shooting.",
        "The governor called for an independent investigation into the deaths.",
    ],
)
def test_a_condemnation_to_come_is_no_statement(sentence: str) -> None:
    assert "statement" not in [c.kind for c in detect_political(sentence, has_actor=True)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The governor ordered the temporary closure of all markets in the city.",
        "The president ordered the dispatch of two mediation teams to the border.",
        "The attorney general issued arrest warrants for six opposition leaders.",
        "The president said he was reinstating arrest warrants for the rebel negotiators.",
        "He reacted by ordering that arrest warrants for the commanders be reinstated.",
        "Arrest warrants for four militia commanders were issued on Monday.",
        "The mayor imposed a 9 p.m. curfew on the old town.",
    ],
)
def test_closures_dispatches_and_warrants_an_official_orders_are_orders(sentence: str) -> None:
    assert "order" in [c.kind for c in detect_political(sentence, has_actor=False)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Lawyers for the general challenged the arrest warrant in court.",
        "The opposition leader said he feared an arrest warrant.",
        "The closure of the border has hurt traders for months.",
    ],
)
def test_a_warrant_or_closure_only_talked_about_is_no_order(sentence: str) -> None:
    assert "order" not in [c.kind for c in detect_political(sentence, has_actor=True)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Egypt and Jordan agreed in March to reopen the crossing.",
        "The zone is covered by a deal agreed by Ghana, Togo and Benin last year.",
        "It was the first accord signed between the two neighbours since the war.",
    ],
)
def test_states_named_as_countries_are_parties_to_an_agreement(sentence: str) -> None:
    # the knowledge base lists countries as places; a country the sentence names is a party
    assert "agreement" in [c.kind for c in detect_political(sentence, has_actor=False, has_state=True)]
    assert "agreement" not in [c.kind for c in detect_political(sentence, has_actor=False, has_state=False)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Iran warned that Israel would pay a heavy price for the strike on its consulate.",
        'North Korea warned on Friday that Seoul will face "grave consequences".',
        "Both Israel and Lebanon said they stood ready to retaliate for any violation.",
        "Venezuela threatened to expel the ambassador of Guyana.",
    ],
)
def test_a_state_named_as_a_country_can_threaten(sentence: str) -> None:
    assert "threat" in [c.kind for c in detect_political(sentence, has_actor=False, has_state=True)]
    assert "threat" not in [c.kind for c in detect_political(sentence, has_actor=False, has_state=False)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials from Ghana met in Accra and condemned the attack.",
        "The drought threatens millions of herders in Somalia.",
        "Forecasters warned that Mozambique will face heavy rain this week.",
        "The central bank warned that Kenya could face higher inflation next year.",
    ],
)
def test_a_country_alone_makes_no_meeting_statement_or_other_threat(sentence: str) -> None:
    assert detect_political(sentence, has_actor=False, has_state=True) == []


# --- statements that take a position (docs/political.md), other speakers, denials, vetoes -----


@pytest.mark.parametrize(
    ("sentence", "has_actor", "kind"),
    [
        # a demand addressed to a party, an intention declared, a leader who says he will go
        ("The opposition leader urged the interior minister to resign over the shootings.", True, "statement"),
        ("The bishops called on the army to return to its barracks.", True, "statement"),
        ("The president vowed to punish those behind the violence.", True, "statement"),
        ("The prime minister said he would step down once a new cabinet is sworn in.", True, "statement"),
        ("A rebel commander called the shelling of the camp a massacre.", True, "statement"),
        # a party's name is no sports word
        ("The Democratic League for Reform condemned the killings.", True, "statement"),
        # denials of what others say happened
        ("The governor denied losing control of the provincial capital.", True, "denial"),
        ("The council denied using force against the sit-in.", False, "denial"),
        # phone calls and summits between leaders, meetings called
        ("The two presidents spoke by phone on Tuesday about the border crisis.", True, "meeting"),
        ("The premier held a summit with his northern neighbour in the lakeside town.", True, "meeting"),
        ("The premier called an emergency session of the cabinet.", True, "meeting"),
        # a warning addressed to a named party
        ("The army chief warned Ruritania not to test the country's resolve.", True, "threat"),
        # arrests of someone named or told by a pronoun
        ("Soldiers apprehended him at a checkpoint on Monday.", False, "arrest"),
        ("The raid ended with the arrest of Anton Varga, a local commander.", False, "arrest"),
        ("The unrest led to the arrest of 14 activists in the port city.", False, "arrest"),
        # closures and curfews told in the passive
        ("The capital's main university has been indefinitely closed.", False, "order"),
        ("Residents defied the curfew earlier imposed by the governor.", False, "order"),
    ],
)
def test_position_statements_denials_calls_and_measures(sentence: str, has_actor: bool, kind: str) -> None:
    assert kind in [c.kind for c in detect_political(sentence, has_actor=has_actor)]


@pytest.mark.parametrize(
    "sentence",
    [
        # reactions that take no position
        "The foreign minister welcomed the talks and thanked the mediators.",
        "The envoy urged all sides to show restraint.",
        "The mayor called on residents to stay indoors after dark.",
        # a passive "met with" meets nobody; a court appearance; speaking to the press
        "Marchers were met with tear gas near the bridge.",
        "The opposition leader arrived at a court in the capital on Friday.",
        "The ambassador spoke to reporters after the vote.",
        "A witness described the blast in a phone call with Reuters.",
        # a denial of an attack goes on the attack
        "The defence ministry denied the strike on the market.",
        # a process of years is no meeting
        "The bombing is a blow to three years of peace talks with the rebels.",
        # totals over days, protesters arrested (the protest's)
        "More than 900 people have been arrested since the unrest began.",
        "Police detained two protesters outside the ministry.",
    ],
)
def test_reactions_passives_and_totals_are_no_event(sentence: str) -> None:
    assert detect_political(sentence, has_actor=True) == []


def test_a_truce_told_by_its_breach_is_no_truce() -> None:
    assert detect_political("The army has repeatedly broken the terms of the truce.", has_actor=True) == []


def test_keeping_a_truce_is_part_of_the_truce_not_a_statement() -> None:
    kinds = [c.kind for c in detect_political("The militia pledged to respect the truce.", has_actor=True)]
    assert kinds == ["ceasefire"]


@pytest.mark.parametrize(
    ("sentence", "statements"),
    [
        # one statement per speaker
        ("The ministers condemned the shelling and the UN envoy denounced it as a crime.", 2),
        ("The president agreed to resign and the Prime Minister said she would also quit.", 2),
        # one speaker who condemns and demands
        ("The minister condemned the shelling and called for sanctions on the regime.", 1),
    ],
)
def test_one_statement_per_speaker_in_a_sentence(sentence: str, statements: int) -> None:
    cues = detect_political(sentence, has_actor=True)
    assert [c.kind for c in cues].count("statement") == statements


def test_a_call_to_both_of_two_leaders_is_two_calls() -> None:
    sentence = "The king spoke by phone to both the French president and the UN secretary-general on Monday."
    cues = [c for c in detect_political(sentence, has_actor=True) if c.kind == "meeting"]
    assert len(cues) == 2
    assert [c.kind for c in detect_political("The king met both the envoy and the minister.", has_actor=True)] == ["meeting"]


@pytest.mark.parametrize(
    "sentence",
    [
        "A truce was not part of the deal the two sides reached in Doha last week.",
        "The ceasefire has never been agreed by the northern commanders.",
        "Talks resumed on Monday without a ceasefire, and shelling went on in the east.",
    ],
)
def test_a_truce_said_to_be_absent_is_no_truce(sentence: str) -> None:
    assert "ceasefire" not in [c.kind for c in detect_political(sentence, has_actor=True)]


def test_a_truce_violation_told_with_no_is_still_read() -> None:
    # "no ceasefire violations" names a truce in force: the veto is not for it
    kinds = [c.kind for c in detect_political("The rebels and the army signed a ceasefire; there were no ceasefire violations on Sunday.", has_actor=True)]
    assert "ceasefire" in kinds


@pytest.mark.parametrize(
    "sentence",
    [
        "The port has long been held by the militia, which in 2016 was blamed for a wave of kidnappings.",
        "The movement is accused by rights groups and the government of recruiting children.",
    ],
)
def test_a_passive_charge_is_no_statement(sentence: str) -> None:
    assert "statement" not in [c.kind for c in detect_political(sentence, has_actor=True)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The trapped patrol called for backup as the gunmen surrounded the station.",
        "Villagers called for help on local radio while the attackers looted the market.",
        "The rally was aimed at denouncing the killings of three students.",
    ],
)
def test_calls_for_help_and_a_protests_purpose_are_no_statement(sentence: str) -> None:
    assert "statement" not in [c.kind for c in detect_political(sentence, has_actor=True)]


@pytest.mark.parametrize(
    "sentence",
    [
        # a demand or a condition "met" meets nobody
        "With none of the demands of the Awami League being met, party leaders called a general strike in Dhaka on Sunday.",
        "The union said the strike by the teachers would go on as long as its demands are not met.",
    ],
)
def test_a_demand_being_met_is_no_meeting(sentence: str) -> None:
    assert "meeting" not in [c.kind for c in detect_political(sentence, has_actor=True)]


@pytest.mark.parametrize(
    "sentence",
    [
        # the police warning a crowd or drivers is policing, part of a protest's intervention
        "Riot police threatened to arrest the students if they did not leave the square.",
        "Traffic officers threatened to tow the cars of the striking drivers blocking the bridge.",
    ],
)
def test_the_polices_warning_to_a_crowd_is_no_political_threat(sentence: str) -> None:
    assert "threat" not in [c.kind for c in detect_political(sentence, has_actor=True)]


def test_a_government_threatening_arrests_still_threatens() -> None:
    assert "threat" in [c.kind for c in detect_political("The junta threatened to arrest opposition leaders who join the strike.", has_actor=True)]


@pytest.mark.parametrize(
    "sentence",
    [
        # stopping others' attacks is security work, not a side's truce
        "The police commissioner vowed to end the incessant attacks on farming villages in the state.",
        "Residents who report strangers can easily stop the attacks, the governor said.",
        "Hundreds marched against the government's failure to stop attacks on the highway.",
    ],
)
def test_stopping_others_attacks_is_no_ceasefire(sentence: str) -> None:
    assert "ceasefire" not in [c.kind for c in detect_political(sentence, has_actor=True)]


def test_a_side_halting_its_own_attacks_is_a_ceasefire() -> None:
    assert "ceasefire" in [c.kind for c in detect_political("The rebels agreed to halt attacks on army positions from midnight.", has_actor=True)]
