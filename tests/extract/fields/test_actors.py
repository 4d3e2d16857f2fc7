"""Actors: whom a sentence names, and who did, suffered, claimed or denied a report's event."""

from __future__ import annotations

import pytest

from eventledger.extract.fields.actors import inherited_actors, not_an_actor


def _roles(report) -> list[tuple[str, str]]:
    return [(a.actor_id, a.role) for a in report.actors]


def test_read_actors_resolves_names_to_the_kb(analyse) -> None:
    (info,) = analyse("Islamic State fighters attacked Iraqi soldiers in Kirkuk on Monday.")
    assert [(a.actor_id, a.text) for a in info.actors] == [
        ("islamic_state", "Islamic State fighters"),
        ("iraqi_army", "Iraqi soldiers"),
    ]


@pytest.mark.parametrize(
    ("second", "inherits"),
    [("He said the talks would go on.", True), ("The talks would go on, officials said.", False)],
)
def test_a_pronoun_inherits_the_actors_of_the_sentence_before(analyse, second: str, inherits: bool) -> None:
    first, info = analyse(f"Hadi al-Amiri met envoys in Baghdad. {second}")
    assert [a.actor_id for a in info.inherited] == (["amiri"] if inherits else [])
    assert inherited_actors(second, first) == info.inherited


def test_who_acts_and_who_suffers(reports) -> None:
    (report,) = reports("Islamic State fighters attacked Iraqi soldiers in Kirkuk on Monday.")
    assert _roles(report) == [("islamic_state", "perpetrator"), ("iraqi_army", "target")]


def test_a_claim_names_the_claimant(reports) -> None:
    (report,) = reports("Rockets hit Baghdad airport, killing two contractors. Kataib Hezbollah claimed responsibility for the attack.")
    assert report.claimed_by == ("kataib_hezbollah",)
    assert _roles(report) == [("kataib_hezbollah", "claimed_by")]


def test_a_denial_names_who_denies(reports) -> None:
    (report,) = reports("Kataib Hezbollah denied any role in the rocket attack on the airport in Baghdad on Monday.")
    assert report.denied_by == ("kataib_hezbollah",)
    assert report.claimed_by == ()


def test_an_actor_of_another_clause_is_no_participant(reports) -> None:
    (report,) = reports("Qaani met Hadi al-Amiri in Baghdad on Tuesday as Tehran fears Trump would wage war.")
    assert _roles(report) == [("qaani", "participant"), ("amiri", "participant")]


@pytest.mark.parametrize(
    ("name", "junk"),
    [
        ("Twitter", True), ("Sec", True), ("Sec.", True), ("State", True), ("the State", True),
        ("Rockets Fired", True), ("Drone Strike", True), ("Mortar Shells", True),
        ("Islamic State", False), ("State of Law", False), ("Saraya Qasim al-Jabbarin", False),
        ("Wayne Marotto", False), ("Government of Iraq", False), ("Ashab al-Kahf", False),
        # a country's adjective alone says whose, not who
        ("Sri Lankan", True), ("the Ugandan", True), ("Nigerian", True), ("Sri Lankan Army", False),
    ],
)
def test_names_that_are_no_actor(name: str, junk: bool) -> None:
    from eventledger.extract.fields.actors import not_an_actor

    assert not_an_actor(name) is junk


def test_a_platform_a_title_or_a_headline_is_not_made_an_actor() -> None:
    from eventledger.extract.entities import Entity
    from eventledger.extract.fields.actors import read_actors

    text = "Rockets Fired: Sec. Abu Ali Basri said on Twitter that the State and Kataib Hezbollah agreed."
    names = ["Rockets Fired", "Sec", "Abu Ali Basri", "Twitter", "State", "Kataib Hezbollah"]
    entities = [Entity("ACTOR", text.index(n), text.index(n) + len(n), n, None) for n in names]
    assert [a.name for a in read_actors(entities)] == ["Abu Ali Basri", "Kataib Hezbollah"]


def test_an_unknown_claimant_is_never_a_headline(reports) -> None:
    (report,) = reports("Rockets hit Balad air base on Monday. Rockets Fired claimed responsibility for the attack.")
    assert all("rockets" not in a.actor_id for a in report.actors)


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        ("A Turkish drone strike hit a vehicle near Sinjar on Tuesday, killing two fighters.", "turkish_armed_forces"),
        ("US air strikes destroyed a weapons depot near Al-Qaim on Friday, officials said.", "us_forces"),
        ("An Iranian missile attack struck a camp of Kurdish dissidents near Koya on Sunday.", "iran_military"),
        ("Suspected Russian air strikes hit a market in a town near Idlib on Monday, killing nine people.", "russia_military"),
        ("Ukrainian drone strikes hit an oil refinery near Belgorod on Tuesday, officials said.", "ukraine_military"),
        # "-backed", "-led": an adjective that is not who attacked
        ("Iranian-backed militias fired rockets at the airport in Baghdad on Monday.", None),
        ("A rocket attack hit the US-led coalition's base at Taji on Monday.", None),
    ],
)
def test_a_country_adjective_before_the_attack_names_its_forces(reports, text: str, perpetrator: str | None) -> None:
    (report,) = reports(text)
    found = [actor for actor, role in _roles(report) if role == "perpetrator"]
    if perpetrator is None:
        assert not set(found) & {"us_forces", "iran_military"}
    else:
        assert perpetrator in found


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        ("A minibus full of pilgrims was hit by air strikes from the Saudi-led coalition near Saada on Thursday.", "saudi_military"),
        ("Three fishermen were killed in shelling by Russian forces near Kherson on Monday.", "russia_military"),
        ("An air raid launched by the Saudi Arabian-led military coalition hit a wedding hall in Hajjah on Sunday.", "saudi_military"),
    ],
)
def test_an_agent_brought_in_by_an_attack_after_the_action_did_it(reports, text: str, perpetrator: str) -> None:
    roles = [r for report in reports(text) for r in _roles(report)]
    assert (perpetrator, "perpetrator") in roles, roles


def test_a_source_who_says_what_happened_is_not_who_did_it(reports) -> None:
    (report,) = reports("Police spokesman Ghalib al-Atiyah said on Monday that rockets struck the airport in Baghdad.")
    assert "perpetrator" not in [role for _, role in _roles(report)]


@pytest.mark.parametrize(
    "text",
    [
        "At least twelve civilians were killed in an air strike on a village near Idlib on Monday.",
        "Nine residents died when shells hit the market in Aleppo on Friday.",
    ],
)
def test_civilians_are_never_who_attacked(reports, text: str) -> None:
    roles = [r for report in reports(text) for r in _roles(report)]
    assert ("civilians", "perpetrator") not in roles


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("Taliban fighters attacked Afghan army posts in Kunduz on Sunday.",
         [("taliban", "perpetrator"), ("afghan_forces", "target")]),
        ("Suspected Boko Haram militants attacked a Nigerian army base in Borno on Friday.",
         [("boko_haram", "perpetrator"), ("nigeria_military", "target")]),
    ],
)
def test_the_armed_groups_and_forces_of_other_conflicts_are_known(reports, text: str, roles: list[tuple[str, str]]) -> None:
    (report,) = reports(text)
    assert _roles(report) == roles


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Jets bombed Thayet Kone and Ywar Thit villages on Tuesday.", "Thayet Kone"),
        ("Jets bombed Thayet Kone and Ywar Thit villages on Tuesday.", "Ywar Thit"),
        ("Gunmen raided the village of Dar Salam and the town of Umm Sayala.", "Dar Salam"),
        ("Gunmen raided the village of Dar Salam and the town of Umm Sayala.", "Umm Sayala"),
        # a district, a neighbourhood
        ("Troops cordoned off the Tral Payeen area of Pulwama on Monday.", "Tral Payeen"),
        ("The rockets hit the Bab Sharqi neighbourhood at dawn.", "Bab Sharqi"),
        ("Gunmen attacked the district of Shah Wali Kot overnight.", "Shah Wali Kot"),
        # the outlet told the story
        ("A police officer told KNT that militants fired at the troops.", "KNT"),
    ],
)
def test_a_settlement_the_model_takes_for_an_actor_is_no_actor(text: str, name: str) -> None:
    from eventledger.extract.entities import Entity
    from eventledger.extract.fields.actors import read_actors

    start = text.index(name)
    entity = Entity("ACTOR", start, start + len(name), name, None)
    assert read_actors([entity], text) == []
    assert [a.text for a in read_actors([entity])] == [name]  # without the text, the name stays


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Bandits killed four farmers in Gidan Dawa Local Government Area on Friday.", "Gidan Dawa Local Government Area"),
        ("Lagos, May 2 (XNA/Wire): Gunmen attacked a bus.", "XNA/"),
        ("The state-run Upper Nile News Agency said rebels shelled the town.", "Upper Nile News Agency"),
    ],
)
def test_a_district_or_an_outlet_by_its_own_name_is_no_actor(text: str, name: str) -> None:
    from eventledger.extract.entities import Entity
    from eventledger.extract.fields.actors import read_actors

    start = text.index(name)
    assert read_actors([Entity("ACTOR", start, start + len(name), name, None)], text) == []


def test_an_unknown_group_is_still_an_actor_beside_a_village() -> None:
    from eventledger.extract.entities import Entity
    from eventledger.extract.fields.actors import read_actors

    text = "The Thayet Kone Defence Force attacked the village of Ywar Thit."
    entity = Entity("ACTOR", 4, 28, "Thayet Kone Defence Force", None)
    assert [a.text for a in read_actors([entity], text)] == ["Thayet Kone Defence Force"]


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        # the subject of a passive action suffered it; the attack it was killed in names who did it
        ("Six Afghan soldiers were killed in a Taliban attack in Ghazni province on Sunday.",
         [("afghan_forces", "target"), ("taliban", "perpetrator")]),
        ("Four policemen were killed by Taliban fighters in Kunduz province on Friday.",
         [("taliban", "perpetrator")]),
        # the subject of the clause after "after" that tells the attack did it
        ("Nine Afghan soldiers were killed after Taliban militants stormed a checkpoint in Farah province on Monday.",
         [("afghan_forces", "target"), ("taliban", "perpetrator")]),
        # a headline leaves the auxiliary out
        ("Nine Afghan Soldiers Killed in Taliban Attack on Army Post in Farah",
         [("afghan_forces", "target"), ("taliban", "perpetrator")]),
        # still: an actor right after an active attack verb is whom it struck
        ("Taliban fighters attacked Afghan soldiers in Helmand province on Monday, killing three.",
         [("taliban", "perpetrator"), ("afghan_forces", "target")]),
    ],
)
def test_a_passive_action_names_its_victims_before_and_its_attacker_after(reports, text: str, roles: list[tuple[str, str]]) -> None:
    (report,) = reports(text)
    assert sorted(_roles(report)) == sorted(roles)


@pytest.mark.parametrize(
    ("text", "party"),
    [
        # the Press Trust of India carried the story: no party of Pakistan's took part
        ("A curfew was imposed in parts of Guwahati on Monday after two groups clashed, PTI reported.", False),
        ("The district magistrate told PTI that a curfew had been ordered in the town on Monday.", False),
        # the party by its acronym
        ("Police arrested a senior PTI leader at his home in Lahore on Monday.", True),
    ],
)
def test_a_wire_by_its_acronym_is_no_party(reports, text: str, party: bool) -> None:
    ids = {a.actor_id for r in reports(text) for a in r.actors}
    assert ("pti" in ids) == party


# --- unseen real news from outside Iraq (issue #12, stop 23) ----------------------------------


@pytest.mark.parametrize(
    ("name", "actor"),
    [
        ("Sitio Malagos", False),  # a Philippine sub-village
        ("Barangay Cabantian", False),
        ("Gimbi Woreda's", False),  # an Ethiopian district, possessive
        ("Soum Province", False),
        ("Riot", False),  # what is left of "Riot police"
        ("Liberation Front", True),
        ("Red Cross", True),
    ],
)
def test_a_division_or_a_cut_off_word_is_no_actor(name: str, actor: bool) -> None:
    assert not_an_actor(name) is not actor


@pytest.mark.parametrize(
    "text",
    [
        "A similar clash took place on Monday in Masbate Norte province, south of the capital.",
        "Herders attacked farmers in Gimbi Dale county on Sunday.",
    ],
)
def test_a_name_told_as_a_province_or_county_is_no_actor(text: str) -> None:
    from eventledger.extract.entities import Entity
    from eventledger.extract.fields.actors import read_actors

    name = "Masbate Norte" if "Masbate" in text else "Gimbi Dale"
    start = text.index(name)
    assert read_actors([Entity("ACTOR", start, start + len(name), name, None)], text) == []


@pytest.mark.parametrize(
    ("text", "actor_id", "name"),
    [
        ("Gunmen killed eleven villagers in a raid on a hamlet in northern Cameroon on Tuesday.",
         "unidentified_armed_group", "Unidentified Armed Group (Cameroon)"),
        ("Separatists ambushed a police patrol outside the town of Kumba in Cameroon on Sunday, killing two officers.",
         "separatist_militia", "Separatist Militia (Cameroon)"),
        ("Separatists killed two soldiers in a raid on an army post near Bamenda in Cameroon on Friday.",
         "separatist_militia", "Separatist Militia (Cameroon)"),
    ],
)
def test_a_side_named_by_what_it_fights_for_did_the_attack(reports, text: str, actor_id: str, name: str) -> None:
    # the trigger may open with the side's own word ("Gunmen killed"): the side still did it
    (report,) = [r for r in reports(text) if r.kind == "attack"]
    assert (actor_id, "perpetrator") in _roles(report)
    assert {a.actor_id: a.name for a in report.actors}[actor_id] == name


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("Fighters of the anti-Balaka militia raided a camp for displaced people near Bangassou on Monday, killing four.", "anti_balaka"),
        ("The 3R rebel group ambushed a convoy of peacekeepers in the Central African Republic on Thursday.", "three_r"),
        ("The CPC rebel coalition attacked the town of Bossangoa in the Central African Republic on Saturday.", "cpc"),
        ("Amba Boys kidnapped a teacher in Bamenda, in Cameroon's North-West region, on Wednesday.", "ambazonian_separatists"),
        ("Dozo hunters attacked a Fulani village in central Mali on Monday, killing twelve people.", "dozo_militia"),
        ("Suspected ADF rebels killed nine farmers near Oicha in North Kivu on Sunday.", "adf"),
    ],
)
def test_armed_groups_beyond_iraq_are_named_as_perpetrators(reports, text: str, actor_id: str) -> None:
    (report,) = [r for r in reports(text) if r.kind == "attack"]
    assert (actor_id, "perpetrator") in _roles(report)


def test_a_claim_by_an_islamic_state_province_names_the_province(reports) -> None:
    text = "Two soldiers were killed at a checkpoint near Arish on Monday. The attack was claimed by Ansar Bayt al-Maqdis, the local Islamic State affiliate."
    (report,) = [r for r in reports(text) if r.kind == "attack"]
    assert report.claimed_by == ("islamic_state_sinai",)


def test_a_sinai_province_is_a_place_not_the_islamic_state_affiliate(reports) -> None:
    text = "Gunmen attacked a checkpoint in the North Sinai province of Egypt on Tuesday, killing two soldiers."
    (report,) = [r for r in reports(text) if r.kind == "attack"]
    assert "islamic_state_sinai" not in [a.actor_id for a in report.actors]
    assert report.admin1 == "North Sinai"


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        # the main clause's subject attacked; the toll is a participle after a comma
        ("Members of an alliance known as the Coalition of Patriots for Change (CPC) assaulted the town of Bossangoa in the "
         "Central African Republic before sunrise on Thursday, killing five civilians.", "cpc"),
        # an aside between commas after the group
        ("Armed men from the 3R group, one of the strongest militias in the north, raided the village of Bocaranga in the Central African "
         "Republic on Wednesday night, killing seven people and burning homes.", "three_r"),
        ("Boko Haram, the jihadist group, stormed a village near Maiduguri in Nigeria on Saturday, killing 12 farmers.", "boko_haram"),
    ],
)
def test_the_subject_that_attacked_did_what_the_participle_after_it_tells(reports, text: str, actor_id: str) -> None:
    (report,) = [r for r in reports(text) if r.kind == "attack"]
    assert (actor_id, "perpetrator") in _roles(report)


def test_a_named_group_replaces_the_unnamed_gunmen_of_the_same_attack(reports) -> None:
    text = ("Gunmen from the Anti-Balaka militia stormed a camp near Bambari in the Central African Republic on Monday, "
            "killing nine displaced people.")
    (report,) = [r for r in reports(text) if r.kind == "attack"]
    perpetrators = [a for a, role in _roles(report) if role == "perpetrator"]
    assert perpetrators == ["anti_balaka"]


@pytest.mark.parametrize(
    ("text", "claimed"),
    [
        # a claim of other attacks, told as background, is not this attack's
        ("A car bomb killed three guards at a hotel gate in Mogadishu on Sunday. The blast came after a string of bombings "
         "last month claimed by al-Shabaab, including one at the port.", ()),
        ("Gunmen killed 11 soldiers at a checkpoint near Arish on Friday. Islamic State has claimed responsibility "
         "for most of the attacks in the province.", ()),
        # a claim of this attack (or of both of its blasts) still is
        ("Two bombs killed 15 people at a market in Maiduguri on Friday. Boko Haram claimed responsibility for both attacks.",
         ("boko_haram",)),
        ("Two bombs killed 15 people at a market in Maiduguri on Friday. The attacks were claimed by Boko Haram.", ("boko_haram",)),
    ],
)
def test_a_claim_of_other_attacks_is_not_this_attacks(reports, text: str, claimed: tuple[str, ...]) -> None:
    (report,) = [r for r in reports(text) if r.kind == "attack"]
    assert report.claimed_by == claimed


@pytest.mark.parametrize(
    ("text", "kind", "participant"),
    [
        # an office title a person was named with refers back to them
        ("Lagos State Governor Babajide Sanwo-Olu toured the burnt markets on Thursday.\n"
         "The governor ordered a curfew across the state on Friday.", "order", "sanwo_olu"),
        # an organisation's head noun refers back to it
        ("Sudan's Transitional Military Council met protest leaders in Khartoum on Sunday.\n"
         "The council later denied using force to disperse the sit-in on Monday.", "denial", "tmc"),
        # "the Governor of Ogun State" is someone else, named by what follows
        ("Lagos State Governor Babajide Sanwo-Olu toured the burnt markets on Thursday.\n"
         "The Governor of Ogun State ordered a curfew in Abeokuta on Friday.", "order", None),
    ],
)
def test_a_definite_description_refers_back_to_the_actor_named_with_it(reports, text: str, kind: str, participant: str | None) -> None:
    (report,) = [r for r in reports(text) if r.kind == kind]
    assert [a for a, _ in _roles(report)] == ([participant] if participant else [])


def test_a_title_no_one_was_named_with_refers_to_no_one(analyse) -> None:
    first, second = analyse("Rebels shelled the town of Kidal on Sunday.\nThe governor ordered a curfew on Monday.")
    assert second.actors == []


def test_the_us_embassy_of_a_story_elsewhere_is_not_named_after_baghdad(reports) -> None:
    found = reports("The U.S. Embassy in Kyiv condemned the missile strike on the railway station on Saturday.")
    names = [a.name for r in found for a in r.actors]
    assert names and all("Baghdad" not in n for n in names), names


def test_who_speaks_a_statement_makes_it(reports) -> None:
    text = ("A crowd set fire to a villa owned by Prime Minister Ranil Wickremesinghe in Colombo on Saturday.\n\n"
            "Late that night the prime minister said he would quit once a new cabinet took office.")
    statements = [r for r in reports(text) if r.kind == "statement"]
    assert statements and all(("wickremesinghe", "participant") in _roles(r) for r in statements), statements


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # soldiers named without their country are the military of the country the event is in
        ("Eleven soldiers died on Sunday when their convoy hit a mine near Menaka in Mali.", "fama"),
        ("Insurgents ambushed an army patrol outside Djibo in Burkina Faso on Friday, killing four soldiers.", "burkina_military"),
        # a country's name or adjective right before them says whose they are
        ("Gunmen killed six Burkina Faso soldiers on Monday near the town of Menaka in Mali.", "burkina_military"),
        ("Israeli troops shot dead two men in Jenin on Monday.", "israel_military"),
        # a country's adjective that is not its name's stem with an ending
        ("Turkish soldiers killed five PKK fighters near Zakho in northern Iraq on Monday.", "turkish_armed_forces"),
    ],
)
def test_soldiers_named_without_a_kb_name_are_a_countrys_military(reports, text: str, expected: str) -> None:
    (report,) = [r for r in reports(text) if r.kind == "attack"]
    assert expected in [a.actor_id for a in report.actors], report.actors
    assert "national_military" not in [a.actor_id for a in report.actors]


@pytest.mark.parametrize(
    "text",
    [
        "Foreign troops came under fire near Kandahar in Afghanistan on Monday; no one was hurt.",
        "Rebel soldiers shelled the airport of Goma in Congo on Monday, killing three people.",
        # a name before them says whose they are, and it is no country's
        "Two Peshmerga soldiers were killed in an Islamic State attack near Makhmour in Iraq on Monday.",
    ],
)
def test_soldiers_the_text_says_are_not_the_countrys_own_are_not_its_military(reports, text: str) -> None:
    actors = [a.actor_id for r in reports(text) for a in r.actors]
    assert not {"afghan_forces", "iraqi_security_forces", "national_military"} & set(actors), actors


def test_soldiers_in_a_report_of_no_known_country_are_named_bare(reports) -> None:
    (report,) = [r for r in reports("Nine soldiers were killed when gunmen attacked their post on Tuesday, a spokesman said.") if r.kind == "attack"]
    names = {a.actor_id: a.name for a in report.actors}
    assert names.get("national_military") == "Military Forces", report.actors


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an attack noun brings in its agent with "by", wherever the sentence's trigger stands
        ("Shelling by the Russian military on two farming villages in the hills south of Idlib in north-western Syria this week killed nine civilians.", "russia_military"),
        # "the army", "the military" of a story are the country's own forces
        ("On Sunday the army shelled a village near Hpakant in Kachin state, Myanmar, killing four farmers.", "tatmadaw"),
        ("The military carried out an air strike on a market in Sagaing region of Myanmar on Tuesday, killing 12 people.", "tatmadaw"),
    ],
)
def test_who_did_it_outside_the_triggers_clause(reports, text: str, expected: str) -> None:
    (report,) = [r for r in reports(text) if r.kind == "attack"]
    assert (expected, "perpetrator") in _roles(report), report.actors


def test_the_army_of_a_named_state_or_its_council_is_not_the_countrys_own_forces(reports) -> None:
    text = "The military council in Khartoum said on Monday that it would talk with the opposition in Sudan."
    assert "sudan_military" not in [a.actor_id for r in reports(text) for a in r.actors]


def test_who_says_it_did_something_did_it(reports) -> None:
    (report,) = [r for r in reports("Al-Shabaab said on Tuesday it had seized the town of Bulo Burte in Hiraan region of Somalia.") if r.kind == "attack"]
    assert ("al_shabaab", "perpetrator") in _roles(report), report.actors


def test_a_name_a_casualty_verb_follows_suffered_the_attack_told_later(reports) -> None:
    (report,) = [r for r in reports("Two Peshmerga soldiers were killed in an Islamic State attack near Makhmour in Iraq on Monday.") if r.kind == "attack"]
    assert ("peshmerga", "target") in _roles(report) and ("peshmerga", "perpetrator") not in _roles(report), report.actors
