"""Casualty counts: ACLED's conservative figures from the many ways news states them."""

from __future__ import annotations

import pytest

from eventledger.extract.fields.casualties import event_casualties, find_casualties


def _counts(sentence: str) -> dict[str, tuple[int, int | None]]:
    return {field: (f.low, f.high) for field, f in event_casualties(find_casualties(sentence)).items()}


def _killed(sentences: list[str]) -> int:
    """The dead one event's sentences count, read together."""
    return event_casualties([f for sentence in sentences for f in find_casualties(sentence)])["killed"].low


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Two policemen were killed and three wounded when the bomb went off.", {"killed": (2, None), "wounded": (3, None)}),
        ("The blast killed a shepherd and injured his two sons.", {"killed": (1, None), "wounded": (2, None)}),
        ("Gunmen opened fire on the checkpoint, killing one and wounding five.", {"killed": (1, None), "wounded": (5, None)}),
        ("Mortar rounds fell on the camp – 2 killed, 7 wounded", {"killed": (2, None), "wounded": (7, None)}),
        ("At least seven people died in the explosion.", {"killed": (7, None)}),
        ("The drone strike killed at least 12 fighters.", {"killed": (12, None)}),
        ("Dozens of worshippers were wounded.", {"wounded": (12, None)}),  # no upper bound: "dozens" states none
        ("Scores of people were injured in the stampede that followed.", {"wounded": (20, None)}),
        ("Between 5 and 9 soldiers were killed in the ambush.", {"killed": (5, 9)}),
        ("Officials said 4 to 6 civilians died.", {"killed": (4, 6)}),
        ("An Iraqi soldier was wounded by shrapnel.", {"wounded": (1, None)}),
        ("A child died of her injuries in hospital.", {"killed": (1, None)}),
        ("The rocket attack caused no casualties.", {"killed": (0, None), "wounded": (0, None)}),
        ("There were no injuries, police said.", {"wounded": (0, None)}),
        ("No one was hurt in the blast.", {"killed": (0, None), "wounded": (0, None)}),
        ("The death toll rose to 31 on Sunday.", {"killed": (31, None)}),
        ("Twenty-three people were killed and forty-one were injured.", {"killed": (23, None), "wounded": (41, None)}),
        ("Six members of one family were killed.", {"killed": (6, None)}),
        ("Eleven more were injured when the roof collapsed.", {"wounded": (11, None)}),
        ("The bombing left 9 dead and 30 wounded.", {"killed": (9, None), "wounded": (30, None)}),
        ("Several guards were wounded in the exchange of fire.", {"wounded": (3, None)}),
        ("Hundreds of protesters were injured over the week.", {"wounded": (100, None)}),
        ("One person was killed in the blast and 14 others were injured.", {"killed": (1, None), "wounded": (14, None)}),
        ("Three people were shot dead in the market.", {"killed": (3, None)}),
        ("Police say a shopkeeper and two of his sons have been shot to death.", {"killed": (3, None)}),
        ("Raiders hacked to death four herders near the well.", {"killed": (4, None)}),
        ("A teacher was stabbed to death outside the school.", {"killed": (1, None)}),
        ("Officials say a judge and three aides have been shot to death.", {"killed": (4, None)}),
        ("The attack wounded a further four civilians.", {"wounded": (4, None)}),
    ],
)
def test_casualty_counts(sentence: str, expected: dict[str, tuple[int, int | None]]) -> None:
    assert _counts(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "At least seven rockets struck the base on Sunday.",  # rockets are not people
        "Militants killed in 2014 were buried nearby.",  # a year is not a count
        "Two drones were shot down over the airport.",
        "Police found three cars loaded with explosives.",
        "The convoy travelled 40 km before the blast.",
    ],
)
def test_sentences_with_no_casualty_count(sentence: str) -> None:
    assert _counts(sentence) == {}


def test_evidence_span_covers_the_count() -> None:
    sentence = "Four soldiers were killed near the border."
    figure = find_casualties(sentence)[0]
    assert sentence[figure.start:figure.end] == "Four soldiers were killed"


def test_largest_stated_figure_wins() -> None:
    sentence = "Two people were killed at first; later the death toll rose to five."
    assert _counts(sentence)["killed"] == (5, None)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Two guards and three passers-by were killed when the car exploded.", {"killed": (5, None)}),
        ("Nine people, including four police officers, were killed.", {"killed": (9, None)}),
        ("The mayor was seriously injured in the explosion.", {"wounded": (1, None)}),
        ("Both brothers died before reaching hospital.", {"killed": (2, None)}),
        ("Gunmen shot and killed Karim Abdul Hadi, a council member, outside his home.", {"killed": (1, None)}),
        ("The bomb went off at 10:30 on 04/05/2014, killing a teacher.", {"killed": (1, None)}),
        ("A sniper killed a soldier on September 9, 2013.", {"killed": (1, None)}),
    ],
)
def test_harder_counts(sentence: str, expected: dict[str, tuple[int, int | None]]) -> None:
    assert _counts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Nine members of one family were killed.", {"killed": (9, None)}),  # "family" is no adverb of the verb
        ("Two guards were reportedly killed.", {"killed": (2, None)}),
        ("Four officers were killed, along with the bomber.", {"killed": (5, None)}),  # the attackers' dead stated
        ("The mortar fire killed two, and later the toll rose to six.", {"killed": (6, None)}),
    ],
)
def test_counts_of_one_report(sentence: str, expected: dict[str, tuple[int, int | None]]) -> None:
    assert _counts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Mourners gathered for Aye Min Thu, a 19-year-old student who died on Friday.", {"killed": (1, None)}),
        ("Soldiers shot dead a 17-year-old at the gate.", {"killed": (1, None)}),
        ("A 45-year-old man was killed and two 12-year-old boys were wounded.", {"killed": (1, None), "wounded": (2, None)}),
        ("Two girls, aged 11 and 13, were wounded by the shell.", {"wounded": (2, None)}),  # 13 is an age
        ("Children aged between 8 and 12 were wounded.", {}),
        ("A man in his 50s was shot dead outside the mosque.", {"killed": (1, None)}),
        ("Two women in their 30s were wounded by the blast.", {"wounded": (2, None)}),
    ],
)
def test_ages_describe_people_and_count_nobody(sentence: str, expected: dict[str, tuple[int, int | None]]) -> None:
    assert _counts(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The bombing came two days after 16 people were killed in a raid on a hotel.",
        "The ambush comes a week after at least nine soldiers died at the same pass.",
        "Twelve people, including a teacher, were wounded in another grenade attack in the north on May 3.",
        "Four guards were killed in a separate assault on the depot.",
    ],
)
def test_a_toll_of_another_event_is_not_this_events(sentence: str) -> None:
    figures = find_casualties(sentence)
    assert figures and all(f.other for f in figures)
    assert event_casualties(figures) == {}


def test_a_vague_figure_gives_no_upper_bound() -> None:
    """"dozens" is coded 12 and states no range: the event's high stays unknown."""
    count = event_casualties(find_casualties("Dozens of people were injured."))["wounded"]
    assert (count.low, count.high) == (12, None)


def test_an_exact_figure_replaces_a_vague_one() -> None:
    figures = find_casualties("Dozens were killed in the strike.") + find_casualties("At least 41 pupils were killed.")
    assert event_casualties(figures)["killed"].low == 41


# --- one report ------------------------------------------------------------------------------


def test_a_later_larger_figure_is_the_count_never_a_sum() -> None:
    figures = find_casualties("A bomb wounded two people on Monday.") + find_casualties("Officials later said the blast had wounded nine.")
    assert event_casualties(figures)["wounded"].low == 9


def test_a_part_told_later_is_not_the_count(reports) -> None:
    """A later, smaller figure that restates some of the same victims is never added nor preferred."""
    (report,) = reports("A bomb wounded five people in Basra on Monday. Two of the wounded were children, police said.")
    assert (report.killed, report.wounded) == (None, 5)
    assert report.evidence["wounded"][0].text == "wounded five people"


def test_a_range_gives_its_upper_bound(reports) -> None:
    (report,) = reports("A car bomb killed between five and seven people in Basra on Monday.")
    assert (report.killed, report.killed_high) == (5, 7)


def test_a_suicide_bombers_death_is_counted_when_stated(reports) -> None:
    (report,) = reports("A suicide bomber blew himself up at a checkpoint in Kirkuk on Monday, killing four soldiers.")
    assert (report.weapon, report.killed) == ("suicide", 4)
    (report,) = reports("A suicide bomber blew himself up at a checkpoint in Kirkuk on Monday, killing four soldiers as well as himself.")
    assert report.killed == 5


def test_a_log_line_gives_its_toll(reports) -> None:
    text = "March 2021\nMar 2 – IED vs convoy – Diwaniya – 2 killed\nMar 5 – Rockets vs base – Balad – 3 wounded"
    assert [(r.killed, r.wounded) for r in reports(text)] == [(2, None), (None, 3)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Rebels killed 30 soldiers near the border with Burkina Faso.", {"killed": (30, None)}),
        ("Two guards were wounded at the junction with Station Road.", {"wounded": (2, None)}),
        ("The commander was killed in the strike with two of his guards.", {"killed": (3, None)}),
    ],
)
def test_with_after_a_border_names_a_place_not_more_dead(sentence: str, expected: dict[str, tuple[int, int | None]]) -> None:
    assert _counts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Market bombing: 40 killed, 75 injured in the capital", {"killed": (40, None), "wounded": (75, None)}),
        ("Checkpoint attack: five soldiers killed", {"killed": (5, None)}),
        ("At 10:30 two people were killed by a roadside bomb.", {"killed": (2, None)}),
    ],
)
def test_a_headline_colon_is_not_a_clock(sentence: str, expected: dict[str, tuple[int, int | None]]) -> None:
    assert _counts(sentence) == expected


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        (["A truck bomb killed six people at the gate, witnesses said.",
          "The insurgents said on their radio that they had killed 20 officers, a figure that could not be independently verified."], 6),
        (["The rebels claimed to have killed 35 soldiers in the raid.", "The army said three of its men died."], 3),
        (["An air strike on the village killed dozens of people.",
          "Around 80 were killed, according to residents, but this could not be verified."], 80),
        (["The militants said they killed 14 guards, although no independent source confirmed it."], 14),
        # a group that claims an attack and gives its own toll
        (["A suicide car bomber struck a hotel gate in the capital on Wednesday, killing 15 people, police said.",
          "The militants quickly claimed responsibility for the attack and said they had killed 30 people inside."], 15),
    ],
)
def test_an_unconfirmed_figure_gives_way_to_a_confirmed_exact_toll(sentences: list[str], expected: int) -> None:
    assert _killed(sentences) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The health ministry put the death toll at eleven.", {"killed": (11, None)}),
        ("Medics at the clinic put the toll at 14 on Sunday evening.", {"killed": (14, None)}),
        ("Six bodies reached the morgue, but the doctors' union puts the death toll at eight.", {"killed": (8, None)}),
    ],
)
def test_putting_the_toll_at_a_figure_counts_the_dead(sentence: str, expected: dict[str, tuple[int, int | None]]) -> None:
    assert _counts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Five people were seriously injured when the roof gave way.", {"wounded": (5, None)}),
        ("12 critically injured and taken to the district clinic.", {"wounded": (12, None)}),
        ("The blast killed two and left 9 badly wounded.", {"killed": (2, None), "wounded": (9, None)}),
        ("Nurses said more than 40 injured people had arrived by noon.", {"wounded": (40, None)}),
        ("Volunteers carried three wounded soldiers to the trucks.", {"wounded": (3, None)}),
        ("Two dead fighters lay by the road.", {"killed": (2, None)}),
    ],
)
def test_a_count_before_an_adverb_or_an_injured_noun_counts_the_wounded(sentence: str, expected: dict[str, tuple[int, int | None]]) -> None:
    assert _counts(sentence) == expected


@pytest.mark.parametrize("sentence", ["An injured man was carried away.", "The slain commander was buried at dawn."])
def test_an_injured_person_with_no_count_is_no_figure(sentence: str) -> None:
    assert _counts(sentence) == {}


# --- tolls of other events and of whole periods (checked on unseen real news, issue #12) --------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a figure in the clause of what came before ("a day after ..."), not the event's own
        ("Two farmers died in a raid on Friday, a day after militiamen killed 40 herders in the valley.", {"killed": (2, None)}),
        ("The convoy was ambushed in reprisal for a drone strike in the hills that killed 15 fighters.", {}),
        # a period's toll over several countries
        ("Some 3,000 people were killed in the four countries during the drought.", {}),
        # a toll told for a count of events
        ("The agency recorded three separate raids killing 19 people in the district.", {}),
        # "how many": a question, no count
        ("Officers could not say how many gunmen were injured.", {}),
        # a place name after "in" is where the people were, not one more person
        ("Four traders in Port Harcourt and two drivers in Ikeja died in the clashes.", {"killed": (2, None)}),
        # the toll of what came weeks before, told at the end of a long clause
        ("A grenade hit a crowded bus stand in Quetta on Friday, killing seven people, barely three weeks "
         "after a huge truck bomb in the same city left 95 people dead.", {"killed": (7, None)}),
        ("A bomb hit a bus stand in Quetta on Friday, killing seven people, barely three weeks "
         "after a huge truck bomb near the bus terminal of the city left 95 people dead.", {"killed": (7, None)}),
        ("The governor was among nine people who were killed on Monday when a bomb went off near his convoy, "
         "less than a fortnight after a suicide attack killed more than 60 people in the town.", {"killed": (9, None)}),
    ],
)
def test_other_events_and_questions_give_no_count(sentence: str, expected: dict[str, tuple[int, int | None]]) -> None:
    assert _counts(sentence) == expected


def test_a_toll_that_dwarfs_the_event_is_background() -> None:
    text = (
        "A bomb hidden in a cart killed six people at the bus stand on Monday. "
        "Nearly 9,000 people have lost their lives to such bombings across the region."
    )
    assert _counts(text)["killed"] == (6, None)


def test_a_large_toll_alone_is_kept() -> None:
    assert _counts("Officials said 1,300 people were killed when the dam burst on Monday.")["killed"] == (1300, None)


def test_a_total_restated_by_side_is_not_added_again() -> None:
    text = ("Clashes between troops and rebels have killed at least 20 people, army sources said. "
            "The fighting killed 15 rebels and five soldiers near the river. "
            "A spokesman said earlier that 12 rebel fighters had been killed.")
    assert _counts(text)["killed"][0] == 20


def test_one_figure_read_as_both_sides_counts_once(reports) -> None:
    (report,) = reports('Troops killed nine rebels near the border on Monday. "The toll is nine dead on the rebel side," the army said.')
    assert report.killed == 9


def test_a_toll_told_of_another_week_is_not_the_events(reports) -> None:
    text = ("At least three soldiers were killed on Tuesday in an attack on an army post in the north, officials said. "
            "Last month at least 20 villagers were killed in the same district.")
    killed = [r.killed for r in reports(text) if r.kind == "attack" and not r.historical]
    assert killed[0] == 3


def test_a_captive_killed_days_later_is_the_events_toll(reports) -> None:
    import datetime as dt

    text = "Gunmen kidnapped a district official from his home in Kirkuk on May 4, 2014. The official was killed on May 12, 2014."
    attacks = [r for r in reports(text, published=dt.date(2014, 5, 4)) if r.kind == "attack" and not r.historical]
    assert attacks[0].killed == 1


@pytest.mark.parametrize(
    "text",
    [
        ("Eight soldiers were killed when insurgents stormed their post in Zabul province on Monday night. "
         "The ministry said 14 Taliban were killed in the fighting."),
        ("Eight soldiers were killed when insurgents stormed their post in Zabul province on Monday night. "
         "The ministry said 14 dead bodies of Taliban were found at the post."),
    ],
)
def test_the_attackers_dead_named_by_their_group_are_added(reports, text: str) -> None:
    (report,) = [r for r in reports(text) if r.kind == "attack"]
    assert report.killed == 22


# --- unseen real news from outside Iraq (issue #12, stop 23) ----------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an age in brackets after a name is no count of the dead
        ("Witnesses said Amina Yusuf (34) died after a bullet hit her near the market.", {}),
        ("The teacher, Paul Ochieng (47), was shot dead outside the school.", {"killed": (1, None)}),
        ("Two students, Nuru Said (20) and Joseph Kamau (22), were wounded by rubber bullets.", {}),
    ],
)
def test_an_age_in_brackets_after_a_name_counts_nobody(sentence: str, expected: dict[str, tuple[int, int | None]]) -> None:
    assert _counts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Two officers died and nine were left injured on Tuesday when the mine went off.", {"killed": (2, None), "wounded": (9, None)}),
        ("Eleven pupils were left wounded after the grenade blast in the yard.", {"wounded": (11, None)}),
    ],
)
def test_were_left_injured_counts_the_wounded(sentence: str, expected: dict[str, tuple[int, int | None]]) -> None:
    assert _counts(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Last month 31 villagers were killed in separate attacks on three farming settlements.",
        "Troops said they had killed 17 insurgents in two operations along the river.",
    ],
)
def test_separate_attacks_and_several_operations_are_no_one_events_toll(sentence: str) -> None:
    figures = find_casualties(sentence)
    assert figures and all(f.aggregate for f in figures)
    assert event_casualties(figures) == {}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a short form in brackets inside a list of the dead does not cut the list
        ("Three soldiers and five Abu Sayyaf Group (ASG) gunmen were killed in the clash.", {"killed": (8, None)}),
        ("Two Islamic State (IS) militants and a policeman died in the gunfight.", {"killed": (3, None)}),
    ],
)
def test_a_bracketed_short_form_stays_in_its_item(sentence: str, expected: dict[str, tuple[int, int | None]]) -> None:
    assert _counts(sentence) == expected


@pytest.mark.parametrize("sentence", ['Soldiers killed 14 "terrorists" in the counter-attack, the ministry said.', "Troops shot dead nine “militants” near the camp."])
def test_scare_quotes_keep_the_attackers_side(sentence: str) -> None:
    (figure,) = find_casualties(sentence)
    assert figure.side == "attackers"


def test_sustained_various_degrees_of_injuries_counts_the_wounded() -> None:
    sentence = "Police said seven traders who sustained various degrees of injuries were taken to the general hospital."
    assert _counts(sentence) == {"wounded": (7, None)}


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        # the lead's toll, then a toll dated to an earlier time as background
        (["Gunmen killed nine farmers in the village on Sunday.",
          "The district had seen more than 150 people killed in a raid in June."], 9),
        (["A roadside bomb killed two police officers on the highway.",
          "A similar blast near the same bridge killed 11 soldiers last month."], 2),
        (["Insurgents struck the same outpost where 14 troops were killed earlier this month, this time killing three."], 3),
        (["A car bomb killed one guard at the gate.", "Two years ago an attack on the compound killed 40 people."], 1),
        # alone, a dated toll still stands (an article may tell a past attack only)
        (["Twenty villagers were killed in an attack in March, a report said."], 20),
    ],
)
def test_a_toll_dated_to_an_earlier_time_gives_way_to_the_events_own(sentences: list[str], expected: int) -> None:
    assert _killed(sentences) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The ministry said 31 officers were killed or wounded in the fighting.", {}),
        ("At least eight civilians were killed and a total of 30 people were killed or injured.", {"killed": (8, None)}),
        ("The shelling killed or wounded 17 people, the mayor said.", {}),
        # "nobody was killed or wounded" is still a zero of both
        ("Nobody was killed or wounded in the blast.", {"killed": (0, None), "wounded": (0, None)}),
    ],
)
def test_a_count_of_killed_or_wounded_is_neither_toll(sentence: str, expected: dict[str, tuple[int, int | None]]) -> None:
    assert _counts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "in the war-torn region" describes where, it tells no toll of a war
        ("Troops repelled an assault in the war-torn region of Kivu on Friday, killing nine rebels.", {"killed": (9, None)}),
        ("A bomb went off at a market in the conflict-hit north on Monday, wounding 14 shoppers.", {"wounded": (14, None)}),
        # the toll of the war itself still is no event's
        ("More than 6,000 people have been killed in the conflict.", {}),
    ],
)
def test_a_place_called_war_torn_is_no_toll_of_the_war(sentence: str, expected: dict[str, tuple[int, int | None]]) -> None:
    assert _counts(sentence) == expected


def test_a_zero_the_events_own_toll_contradicts_is_another_events(reports) -> None:
    # "no one was killed or wounded" cannot be said of an attack that killed seven: it tells of the
    # blast told beside it, and says nothing of this attack's wounded either
    text = ("Armed separatists attacked a village in western Cameroon on Sunday, killing at least seven people, a governor "
            "said. The attackers raided a security post in the village of Galim, residents said. In addition, a homemade "
            "bomb planted in the northwestern town of Bamenda by suspected separatists went off on Sunday as a ceremony "
            "was under way. No one was killed or wounded although the explosion caused panic.")
    report = next(r for r in reports(text) if r.kind == "attack" and r.killed == 7)
    assert report.wounded is None



@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        # a running total of many events, told beside the event's own toll
        (["Soldiers shot dead three marchers in the square on Tuesday.",
          "The crackdown has now seen at least 61 people killed, a doctors' group said."], 3),
        (["Soldiers shot dead three marchers in the square on Tuesday.",
          "The latest deaths bring to at least 14 the number of people killed by the police during the protests."], 3),
        (["A roadside bomb killed four soldiers near the bridge on Monday, officials said, bringing the death toll this year to 120."], 4),
        (["A bomb killed four soldiers at the checkpoint on Monday.", "Attacks in the region have claimed 230 lives so far."], 4),
        (["Police fired on marchers in the square on Monday, killing two.", "The two-week wave of demonstrations has cost 23 lives."], 2),
        # a time put first in its clause dates the toll after it
        (["A bomb killed four soldiers at the checkpoint.", "Last year, a similar blast in the town killed 31 people."], 4),
        (["Gunmen killed five villagers on Sunday.", "In October 2019, at least 300 people were killed in a lorry bombing."], 5),
    ],
)
def test_a_running_total_or_an_earlier_events_toll_is_not_the_events(sentences: list[str], expected: int) -> None:
    assert _killed(sentences) == expected


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        # the same event's toll, risen: it replaces the first figure
        (["A bomb killed four soldiers at the checkpoint on Monday.", "The toll from the blast has risen to 9, a police official said."], 9),
        (["Militants stormed a school on Monday, killing 12 pupils.", "The number of dead rose to 15 on Tuesday."], 15),
        (["A bomb killed four soldiers at the checkpoint on Monday.", "Two more died in hospital, bringing the death toll to six."], 6),
    ],
)
def test_a_risen_toll_of_the_same_event_is_its_count(sentences: list[str], expected: int) -> None:
    assert _killed(sentences) == expected


def test_a_report_dated_by_a_background_sentence_keeps_that_sentences_toll(reports) -> None:
    # the report's date is last month's: the toll told with that date is its own, not set aside
    text = ("At least 10 soldiers were killed in an attack by militants on a hill town, officials said. The militants overran "
            "the town briefly but were driven out. Last month, the militants attacked a peacekeepers' base in the next "
            "province, killing more than 50 soldiers.")
    (report,) = reports(text)
    assert (report.date, report.killed) == ("2021-02", 50)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Two constables embraced martyrdom when a bomb hit their patrol near the canal.", {"killed": (2, None)}),
        ("Three guards were martyred and four others hurt when the gate was stormed.", {"killed": (3, None), "wounded": (4, None)}),
        ("A border policeman was martyred in the exchange of fire.", {"killed": (1, None)}),
        ("Five volunteers laid down their lives holding the bridge.", {"killed": (5, None)}),
        ("One of the porters succumbed in hospital on Friday.", {"killed": (1, None)}),
        # the adjective names a person already dead, it counts no one
        ("Crowds carried the martyred officer's coffin through the market.", {}),
    ],
)
def test_the_dead_told_as_martyrs_are_killed(sentence: str, expected: dict[str, tuple[int, int | None]]) -> None:
    assert _counts(sentence) == expected


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        (["Nine villagers were killed in the raid.", "Officials later revised the death toll down to six."], 6),
        (["Nine villagers were killed in the raid.", "The toll was since lowered to seven after a recount."], 7),
        (["Nine villagers were killed in the raid.", "The district office revised the number of dead to twelve."], 12),
        # the correction is the last word: a figure told after it is the earlier count again
        (["The police revised the toll down to three.", "Eight traders were killed at the depot, a witness said."], 3),
        # a toll risen in a raid told at length is still that raid's
        (["Thirty were killed.", "The toll in Sunday's raid by bandits on four hamlets near the river has risen to 52."], 52),
        # a war's toll risen is no raid's
        (["Thirty were killed.", "The toll of the fighting in the hills has risen to 900."], 30),
        # "since" as an adverb before the toll's verb is this event's later figure, not a tally
        (["Six were killed at the market.", "The death toll has since risen to 15."], 15),
        (["Six were killed at the market.", "The gang has since killed 30 more people in the district."], 6),
    ],
)
def test_a_revised_toll_is_the_events_count_either_way(sentences: list[str], expected: int) -> None:
    assert _killed(sentences) == expected
