"""Place: which places a sentence names as locations, and which place a report gets."""

from __future__ import annotations

import pytest

from eventledger.extract.clusters import Cluster
from eventledger.extract.entities import Entity, find_entities
from eventledger.extract.fields.article_places import dominant_country
from eventledger.extract.fields.draft import Fields, span_of
from eventledger.extract.fields.place import (
    description_places,
    is_modifier,
    lists_places,
    located_names,
    read_places,
    sentence_place,
    set_attack_place,
    set_place,
    specificity,
)
from eventledger.extract.fields.unknown_place import set_unknown_place, unknown_places


@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        # "Iran-backed" only says who backs the militias
        ("Iran-backed militias fired rockets at the airport in Baghdad on Monday.", ["Baghdad"]),
        # a country before a weapon is whose the weapon is
        ("US air strikes hit a base in Anbar on Tuesday.", ["Al-Anbar"]),
        # where the rockets were launched from is not where they struck
        ("Six rockets were fired from Nineveh at the airport in Erbil on Sunday.", ["Erbil"]),
        # a description stands for the place it describes
        ("Gunmen attacked a checkpoint in the Iraqi capital on Friday.", ["Baghdad"]),
        # a country before a title, or listed with police, is whose they are
        ("The ex-US President's niece was tear-gassed in Nairobi on Tuesday.", ["Nairobi"]),
        ("U.S. and military police cleared the square in Washington on Monday.", ["Washington"]),
        # a saint's name before a church names the building
        ("Rioters set fire to St. Mary's Anglican Church in Washington.", ["Washington"]),
    ],
)
def test_read_places_keeps_only_locations(analyse, sentence: str, places: list[str]) -> None:
    (info,) = analyse(sentence)
    assert [p.place.name for p in info.places] == places


@pytest.mark.parametrize(
    ("text", "after", "modifier"),
    [
        ("Iran-backed groups", "Iran", True),
        ("pro-Tehran factions", "Tehran", True),
        ("Baghdad Today reported the blast", "Baghdad", True),  # an outlet's name
        ("in Baghdad today", "Baghdad", False),
        # the name runs on in a word the KB left out before the suffix
        ("a Saudi Arabian-led coalition", "Saudi", True),
        ("a Saudi Aramco-owned depot", "Saudi", False),
        # a backer, or a list of backers, of a force
        ("militias funded by Iran", "Iran", True),
        ("forces armed by Turkey and the United Arab Emirates", "United Arab Emirates", True),
        ("a march led by students in Lagos", "Lagos", False),
    ],
)
def test_a_place_that_modifies_a_name_is_no_location(text: str, after: str, modifier: bool) -> None:
    start = text.index(after)
    assert is_modifier(text, Entity("PLACE", start, start + len(after), after)) is modifier


def test_descriptions_name_their_place() -> None:
    (entity,) = description_places("Talks were held in the Iraqi capital on Sunday.")
    assert (entity.label, entity.text) == ("PLACE", "Baghdad")


def test_the_dateline_is_not_where_it_happened(analyse) -> None:
    (info,) = analyse("BAGHDAD (Reuters) — A bomb exploded in Basra on Monday, killing two people.")
    assert [p.place.name for p in info.places] == ["Baghdad", "Basra"]
    best = sentence_place(info)
    assert best is not None and best.place.name == "Basra"


def test_the_most_specific_place_wins(analyse) -> None:
    (info,) = analyse("Rockets struck the Ain al-Asad air base in Anbar on Monday.")
    best = sentence_place(info)
    assert best is not None and best.place.kind == "site"
    assert specificity(best.place) < min(specificity(p.place) for p in info.places if p is not best)


@pytest.mark.parametrize(
    ("sentence", "listed"),
    [("Rockets fell on Erbil, Kirkuk and Mosul.", True), ("Rockets fell on Erbil and Kirkuk.", False)],
)
def test_three_places_in_a_list(analyse, sentence: str, listed: bool) -> None:
    (info,) = analyse(sentence)
    assert lists_places(sentence, info.places) is listed


def test_a_list_of_three_scenes_is_no_single_attack(analyse) -> None:
    (info,) = analyse("Rockets fell on Erbil, Kirkuk and Mosul.")
    assert info.attack is None


def test_set_place_fills_admin_levels_and_coordinates(analyse) -> None:
    text = "A bomb exploded in Basra on Monday."
    (info,) = analyse(text)
    fields = Fields()
    set_place(fields, [(info, info.places[0])], text, country_only=False)
    values = fields.values
    assert (values["country"], values["admin1"], values["place"], values["geo_precision"]) == ("Iraq", "Basra", "Basra", 1)
    assert fields.evidence["place"][0].text == "Basra"


def test_country_only_keeps_the_country(analyse) -> None:
    text = "A bomb exploded in Basra on Monday."
    (info,) = analyse(text)
    fields = Fields()
    set_place(fields, [(info, info.places[0])], text, country_only=True)
    assert fields.values == {"country": "Iraq"}


def test_an_attack_without_a_place_takes_the_sentence_before(reports) -> None:
    (report,) = reports("Tension has grown in Kirkuk this month. On Monday gunmen opened fire on a patrol, killing two soldiers.")
    assert (report.admin1, report.place) == ("Kirkuk", "Kirkuk")


def test_the_base_refers_back_to_the_base_named_before(reports) -> None:
    text = (
        "Rockets struck the Ain al-Asad air base in Anbar last year. The base hosts coalition troops. "
        "On Monday a drone attacked it."
    )
    latest = [r for r in reports(text) if r.date == "2021-03-08"]
    assert [(r.weapon, r.place) for r in latest] == [("drone", "Ain al-Asad Air Base")]


def test_a_ceasefire_is_placed_in_its_country_only(reports) -> None:
    (report,) = reports("The armed factions in Iraq declared a truce in Baghdad on Sunday, the Iraqi government said.")
    assert (report.kind, report.country, report.admin1, report.place) == ("ceasefire", "Iraq", None, None)


def test_a_meeting_is_where_someone_went(reports) -> None:
    (report,) = reports("Ismail Qaani travelled to Baghdad on Tuesday and met faction leaders.")
    assert (report.kind, report.place) == ("meeting", "Baghdad")


def test_the_dominant_country_is_the_one_named_most(analyse) -> None:
    infos = analyse("Talks in Tehran went on. Rockets hit Baghdad. Later they hit Basra and Erbil.")
    found = dominant_country(infos)
    assert found is not None and found[0] == "Iraq" and found[1].text == "Baghdad"


# --- names that are no location, speakers' seats, datelines -------------------------------


@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        # a title makes the name a person's
        ("General Santander inspected the troops in Kabul on Monday.", ["Kabul"]),
        # a role after a place is the speaker of the next clause, not the name's apposition
        ("A drone strike hit a car on Friday in the province of Nuristan, an official said.", ["Nuristan"]),
        ("Guards fired on the crowd in Kirkuk, a police officer told reporters.", ["Kirkuk"]),
        ("Elisabet Bolivar, a vendor, saw the troops fire in Kabul on Monday.", ["Kabul"]),
        # where a victim comes from is not where he was shot
        ("A truck driver from Punjab was shot dead in Srinagar on Monday.", ["Srinagar"]),
        ("Karimi, 31, from the northern town of Kirkuk was detained in Basra on Monday.", ["Basra"]),
        # a neighbour across a border is not the scene
        ("Gunmen killed two soldiers near the border with Niger on Sunday.", []),
        ("Gunmen killed two soldiers close to the Niger border on Sunday.", []),
        # each neighbour of a list of them
        ("Gunmen killed two soldiers near the borders with Chad and Niger on Sunday.", []),
        # where armed men came from to strike is not where they struck
        ("Gunmen coming from Kunar province raided a police post in Bannu on Monday.", ["Bannu"]),
        ("Militants who crossed from Afghanistan attacked a checkpoint in Chitral on Monday.", ["Chitral"]),
    ],
)
def test_people_origins_and_neighbours_are_no_scene(analyse, sentence: str, places: list[str]) -> None:
    (info,) = analyse(sentence)
    assert [p.place.name for p in info.places] == places


def test_a_speakers_seat_is_no_scene(analyse) -> None:
    (info,) = analyse("Officials in Washington said a drone struck a convoy in Kandahar.")
    best = sentence_place(info)
    assert best is not None and best.place.name == "Kandahar"


def test_a_title_case_dateline_is_not_where_a_part_of_the_country_is(reports) -> None:
    (report,) = reports("Bamako, Mali — Gunmen killed two soldiers in an attack on their post in northern Mali on Sunday.")
    assert (report.country, report.admin1) == ("Mali", None)


# --- the article's countries --------------------------------------------------------------


def test_a_small_town_of_another_country_is_a_false_friend(analyse) -> None:
    # the KB's Dura is a district of Baghdad; in a story about Sudan it is some other place
    infos = analyse("Soldiers shot two protesters in Dura in Sudan on Tuesday. Sudan's army denied it.")
    assert all(p.place.country == "Sudan" for info in infos for p in info.places)


def test_a_foreign_town_named_twice_stays(analyse) -> None:
    infos = analyse("Sirens sounded across Israel on Monday. Jets struck Gaza on Tuesday. Smoke rose over Gaza at night.")
    assert [p.place.name for p in infos[1].places] == ["Gaza"]


def test_a_territory_is_its_own_admin1(reports) -> None:
    (report,) = reports("Hong Kong police fired tear gas at protesters on Sunday.")
    assert (report.country, report.admin1) == ("Hong Kong", "Hong Kong")


# --- where in the country: the capital, the place the story is at -------------------------


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        # the seat of national power is in the capital
        ("Police opened fire on protesters trying to storm Kenya's parliament on Tuesday, killing five.", "Nairobi"),
        # "the capital" of the country the sentence names
        ("Rioters set fire to metro stations in Chile's capital on Friday, police said.", "Metropolitana"),
    ],
)
def test_the_capital_unnamed_is_the_capital(reports, text: str, admin1: str) -> None:
    assert {r.admin1 for r in reports(text)} == {admin1}


def test_a_country_level_event_is_where_the_story_is(reports) -> None:
    text = (
        "Troops dispersed a sit-in in Khartoum with live fire on Monday.\n\n"
        "Doctors said on Tuesday that soldiers in Sudan had beaten dozens of wounded protesters."
    )
    assert {r.admin1 for r in reports(text)} == {"Khartoum"}


@pytest.mark.parametrize(
    "second",
    [
        # spread over the country
        "On Tuesday, riot police fired tear gas at protesters across the country.",
        # at a name the knowledge base does not know
        "On Tuesday, soldiers shot dead two protesters in Sudan who had gathered in Wad Tarabish.",
        # another strand of the story
        "Separately, gunmen shot dead a shopkeeper on Tuesday.",
    ],
)
def test_no_earlier_place_for_an_event_elsewhere(reports, second: str) -> None:
    found = reports(f"Police dispersed a march in Khartoum with live fire on Monday.\n\n{second}")
    admin1s = [r.admin1 for r in found if r.text == second]
    assert admin1s and set(admin1s) == {None}


def test_a_country_acting_is_no_location(reports) -> None:
    text = "Rockets were fired at Jerusalem on Monday.\n\nIsrael carried out an air strike on Tuesday, killing three people."
    late = [r for r in reports(text) if r.text.startswith("Israel")]
    assert [r.admin1 for r in late] == [None]


def test_an_arrest_without_a_place_is_where_the_sentence_before_is(reports) -> None:
    found = reports("Police broke up a rally in Islamabad on Monday. Later, police arrested the opposition leader.")
    arrests = [r for r in found if r.kind == "arrest"]
    assert [r.admin1 for r in arrests] == ["Federal Capital Territory"]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # a town too small for the fast pass, after a preposition or a country's possessive
        ("Missiles struck the railway station in Ukraine's Kramatorsk on Friday.", ["Kramatorsk"]),
        ("Shelling killed two people in Kramatorsk.", ["Kramatorsk"]),
        # before the kind of place it is
        ("Jihadists overran the Niafunke army post before dawn.", ["Niafunke"]),
        ("Gunmen stormed the Menaka market.", ["Menaka"]),
        # months and weekdays after "in" are no towns; a name the gazetteer lacks gives nothing
        ("Talks resumed in January at Wad Tarabish.", []),
        ("Gunmen stormed the Border post.", []),
        # after the kind of place it is
        ("Jets struck a market in the rebel stronghold of Saada on Thursday.", ["Saada"]),
        ("the town of Light", []),
        # a plural kind or a route announces a list: the towns after the first are found too
        ("Police fired tear gas in the northern cities of Lille and Amiens.", ["Lille", "Amiens"]),
        ("From Sidon to Tyre and Zahle to Jounieh, crowds marched.", ["Sidon", "Tyre", "Zahle", "Jounieh"]),
        # after "in X and Y" the second may be where something else happened: only the first
        ("Trains were stopped in Kramatorsk and Sloviansk after the strike.", ["Kramatorsk"]),
    ],
)
def test_towns_named_where_a_place_stands(sentence: str, names: list[str]) -> None:
    assert [e.text for e in located_names(sentence)] == names


def test_a_province_the_events_other_sentences_name_places_it(reports) -> None:
    text = (
        "Militants claimed the attack which killed four people in Somalia, including a governor.\n\n"
        "A governor and two guards were killed in a suicide attack in the regional capital on Sunday, an official said.\n\n"
        "The bomber drove a car into the convoy of the governor of the central Mudug province before detonating explosives, the official said."
    )
    assert {r.admin1 for r in reports(text)} == {"Mudug"}


def test_a_regional_capital_is_not_the_national_one(reports) -> None:
    found = reports("A governor was killed in a suicide attack in Somalia's regional capital on Sunday.")
    assert found and all(r.admin1 != "Banadir" for r in found)


def test_a_small_foreign_town_stays_where_its_sentence_names_its_country(analyse) -> None:
    infos = analyse("Police fired on protesters in Khartoum on Monday. Sudan's army blamed fighters trained near Dura by Iraqi militias.")
    assert [p.place.name for p in infos[1].places if p.place.country == "Iraq"] == ["Dora"]


@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        # the KB names "Hong Kong police", "Karachi police" as actors: their city still is where
        ("Hong Kong police fired tear gas at protesters on Sunday.", ["Hong Kong"]),
        ("Karachi police arrested twelve men on Sunday.", ["Karachi"]),
        ("Riot police fired tear gas at protesters on Sunday.", []),
        # a country's adjective before a force is whose the force is
        ("Jets of the Saudi coalition bombed a market in Hodeidah on Monday.", ["Al Hudaydah"]),
    ],
)
def test_a_police_force_named_after_its_city_says_where(analyse, sentence: str, places: list[str]) -> None:
    (info,) = analyse(sentence)
    assert [p.place.name for p in info.places] == places


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        # a named division with a compass word before it is that division, not a part of the country
        ("An air strike on a village in Myanmar killed eight civilians on Tuesday. According to a resident, a jet "
         "dropped two bombs on their village in the northern Sagaing region in the afternoon.", "Sagaing"),
        ("An air strike on a village in Mali killed eight civilians on Tuesday. According to a resident, a jet "
         "dropped two bombs on their village in central Mali in the afternoon.", None),
    ],
)
def test_a_compass_word_before_a_division_keeps_it(reports, text: str, admin1: str | None) -> None:
    attacks = [r for r in reports(text) if r.kind == "attack"]
    assert [r.admin1 for r in attacks] == [admin1]


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        # a local order: its sentence names the town, or refers back to the state or city named before
        ("Rioters looted shops in Lagos on Tuesday. The governor then imposed a 24-hour curfew in the state.", "Lagos"),
        ("The Karachi police have banned all gatherings in the city until Friday.", "Sindh"),
        # a national order stays in its country
        ("Protesters blocked roads in Kenya on Tuesday. The government imposed a nationwide curfew.", None),
    ],
)
def test_an_order_is_placed_where_it_applies(reports, text: str, admin1: str | None) -> None:
    orders = [r for r in reports(text) if r.kind == "order"]
    assert orders and [r.admin1 for r in orders] == [admin1]


@pytest.mark.parametrize(
    ("text", "meeting_admin1"),
    [
        # the sentence after the meeting refers back to it and says where it was held
        ("Kenyan President William Ruto met Ugandan President Yoweri Museveni on Tuesday. The summit, "
         "held at a lodge in Arusha, ended with a joint lunch.", "Arusha"),
        # a sentence after it that says nothing of where: no place
        ("Kenyan President William Ruto met Ugandan President Yoweri Museveni on Tuesday. The talks were cordial, aides said.", None),
    ],
)
def test_a_meeting_is_where_the_sentence_referring_back_to_it_says(reports, text: str, meeting_admin1: str | None) -> None:
    meetings = [r for r in reports(text) if r.kind == "meeting"]
    assert [r.admin1 for r in meetings] == [meeting_admin1]


def test_an_agreement_reached_at_a_meeting_is_where_the_meeting_was(reports) -> None:
    text = ("Kenyan President William Ruto held talks with Ugandan President Yoweri Museveni on Tuesday, and the two "
            "leaders agreed to reopen the border. The meeting, held at a lodge in Arusha, ended with a joint lunch.")
    assert {r.kind: r.admin1 for r in reports(text)} == {"meeting": "Arusha", "agreement": "Arusha"}


def test_an_owner_stays_the_place_when_what_it_owns_is_unknown() -> None:
    text = "Jets bombed a school in Sagaing's Tabayin township."
    known = [e for e in find_entities(text) if e.label == "PLACE"]
    unknown = Entity("PLACE", text.index("Tabayin"), text.index("Tabayin") + len("Tabayin"), "Tabayin")
    assert [p.place.admin1 for p in read_places(text, [*known, unknown])] == ["Sagaing"]


def test_a_region_named_in_the_sentence_says_which_town_is_meant() -> None:
    from eventledger.extract.entities import get_kb
    from eventledger.extract.fields.place import PlaceMention, best_place
    from eventledger.extract.segment import Sentence

    text = "An air strike hit a village in Kani township in Sagaing region, killing nine people."
    kb = get_kb()
    kani, sagaing = kb.match_place("Kani"), kb.match_place("Sagaing")
    assert kani is not None and sagaing is not None and kani.country != sagaing.country  # a town in Japan
    sentence = Sentence(0, 0, len(text), text, 0, 0)
    mentions = [PlaceMention(kani, text.index("Kani"), text.index("Kani") + 4, "Kani"),
                PlaceMention(sagaing, text.index("Sagaing"), text.index("Sagaing") + 7, "Sagaing")]
    chosen = best_place(sentence, mentions)
    assert chosen is not None and chosen.place.admin1 == "Sagaing"


# --- names a story's countries do not bear (checked on unseen real news, issue #12) ------------


def test_a_division_of_a_country_the_story_never_names_is_no_place(analyse) -> None:
    text = (
        "Gunmen shot dead a mayor in the Mexican state of Guerrero on Sunday. "
        "On Monday a councillor and two aides were slain in the Gulf coast state of Veracruz."
    )
    # no Gulf province of Papua New Guinea: only Mexican states ("the state of Veracruz" is one)
    assert {p.place.country for info in analyse(text) for p in info.places} == {"Mexico"}


def test_a_pictures_caption_does_not_say_which_country_the_story_is_in(analyse) -> None:
    text = (
        "In this photo taken on March 1, 2021, soldiers rest at the US base Camp Michigan.\n\n"
        "Afghan villagers carried nine bodies to the governor's office on Tuesday. "
        "Fighting broke out on Monday between militants and troops in Farah province."
    )
    assert [p.place.country for p in analyse(text)[-1].places] == ["Afghanistan"]


def test_a_caption_never_places_an_event_it_does_not_tell(reports) -> None:
    text = (
        "In this photo taken on March 1, 2021, soldiers rest at the US base Camp Michigan.\n\n"
        "An airstrike killed 30 villagers, provincial officials said on Tuesday."
    )
    assert [(r.country, r.admin1) for r in reports(text)] == [(None, None)]


def test_a_town_the_event_names_beats_its_dateline_and_a_reference_point(analyse) -> None:
    text = (
        "NAIROBI (AP) — Officials say a county official and two guards have been shot to death.\n\n"
        "Official Ali Noor of the town of Garissa was killed on a road by an armed group.\n\n"
        "Spent cartridges were found at the scene of the attack, east of Nairobi."
    )
    infos = analyse(text)
    fields = Fields()
    set_attack_place(fields, Cluster("attack", infos), [infos[0], infos[2]], infos, text)
    assert (fields.values.get("admin1"), fields.values.get("place")) == ("Garissa", "Garissa")


def test_a_province_named_twice_in_another_country_story_is_no_town_abroad(analyse) -> None:
    # Soum is a small town of Senegal, and a province of Burkina Faso
    infos = analyse("Jihadists attacked an army post near Djibo in Burkina Faso on Monday. The post lies in Soum "
                    "province. Troops in Soum province were reinforced.")
    assert all(p.place.country != "Senegal" for info in infos for p in info.places)


def test_a_village_known_only_in_another_province_is_another_village(reports) -> None:
    # the gazetteer's only Makera lies in Kaduna; this one is in the state the story is about
    text = ("Bandits have terrorised Zamfara State for years, officials say. On Saturday, four people were killed "
            "in Makera village, residents said.")
    assert {r.admin1 for r in reports(text) if r.kind == "attack"} == {"Zamfara"}


def test_a_local_government_area_is_no_speakers_seat(analyse) -> None:
    (info,) = analyse("Gunmen killed five people in Maru Local Government Area in Zamfara on Sunday.")
    assert [(p.place.name, p.role) for p in info.places if p.place.kind == "admin1"] == [("Zamfara", "scene")]


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        # datelines with their date, with or without a dash, after the wire's name, or before a colon
        ("Bogota, Sep 12 (IANS) Rebels killed four soldiers in a rural area of Arauca department on Saturday.", "Arauca"),
        ("(Wire Service) MANILA, Jan 18 (PNA) – Troops clashed with rebels in Iloilo province yesterday, killing two.", "Western Visayas"),
        ("Srinagar: Two militants were killed in a gunfight with troops in Kulgam district on Monday.", "Jammu and Kashmir"),
        # a title-case town and its country before a colon, the event somewhere else in the country
        ("Kabul, Afghanistan: Insurgents attacked a police post in northern Afghanistan on Monday, killing five officers.", None),
    ],
)
def test_more_datelines_are_not_where_it_happened(reports, text: str, admin1: str | None) -> None:
    (report,) = [r for r in reports(text) if r.kind == "attack"]
    assert report.admin1 == admin1
    assert report.place not in ("Bogota", "Manila", "Srinagar", "Kabul")



@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a country's or a big town's name called a state is the state
        ("Bandits killed 20 villagers in Niger state on Sunday.", ("Niger", "admin1", "Nigeria")),
        ("Gunmen ambushed a police patrol in the State of Mexico on Friday.", ("Mexico", "admin1", "Mexico")),
        # a town called a state is in the state of its name
        ("Police fired tear gas at protesters in Lagos State on Tuesday.", ("Lagos", "city", "Nigeria")),
        # the country's own state television is the country's
        ("Niger state television said soldiers repelled an attack near the border.", ("Niger", "country", "Niger")),
    ],
)
def test_a_name_called_a_state_is_the_state(analyse, sentence: str, expected: tuple[str, str, str]) -> None:
    (info,) = analyse(sentence)
    assert [(p.place.admin1 or p.place.name, p.place.kind, p.place.country) for p in info.places][:1] == [expected]


def test_a_dateline_country_holds_an_event_in_an_unnamed_province(reports) -> None:
    (report,) = reports("Manila [Philippines], November 4 (PNA): Two soldiers were killed in a clash with rebels in the central province on Wednesday.")
    assert (report.country, report.place) == ("Philippines", None)


def test_a_division_two_countries_share_is_read_by_the_towns_of_the_article(reports) -> None:
    # Punjab is India's and Pakistan's: Lahore says whose, however often the province is named
    text = ("Police detained an opposition senator at his home in Lahore, the capital of Punjab province, on Monday. "
            "Hundreds of his supporters blocked a highway in Jehlum, his home town in Punjab Province, demanding his release.")
    assert {r.country for r in reports(text)} == {"Pakistan"}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # filed from abroad, about a country the sentence names by its adjective only
        ("ADDIS ABABA, May 3 (Reuters) - The South Sudanese army and the rebels agreed on a ceasefire, mediators said on Tuesday.", "South Sudan"),
        ("NAIROBI (AFP) - Ethiopian troops clashed with rebels near the border on Monday, killing nine, officials said.", "Ethiopia"),
        # an adjective of the dateline's own country keeps the dateline's town
        ("NAIROBI (AFP) - Kenyan police fired tear gas at protesters in the city centre on Monday.", "Kenya"),
    ],
)
def test_a_dateline_abroad_yields_to_the_country_the_sentence_names(reports, text: str, country: str) -> None:
    assert {r.country for r in reports(text)} == {country}


# --- unseen real news from outside Iraq (issue #12, stop 23) ----------------------------------


def test_a_division_whose_name_is_a_town_of_the_articles_country_weighs_like_a_town(reports) -> None:
    # "Beni" is a department of Bolivia and a town of Congo: named three times, it must not outweigh
    # the country the article names
    text = (
        "Militiamen killed nine farmers overnight near Beni, close to the Democratic Republic of Congo's border "
        "with Uganda, local officials said on Tuesday. Soldiers pursued the attackers from Beni into the forest. "
        "Families in Beni buried the dead on Wednesday."
    )
    (attack,) = [r for r in reports(text) if r.kind == "attack"]
    assert (attack.country, attack.admin1) == ("Democratic Republic of Congo", "Nord-Kivu")


def test_a_look_alike_of_a_big_foreign_town_is_no_evidence_of_its_country(analyse) -> None:
    # "Beu" folds onto Nigeria's Biu; named twice in a Congolese story it is no Nigerian town
    infos = analyse(
        "Gunmen set fire to homes in Beu overnight, killing six people, in the Democratic Republic of Congo's "
        "North Kivu province. The army said the attackers fled before dawn. On Thursday soldiers searched "
        "houses in Beu for weapons."
    )
    assert {m.place.country for info in infos for m in info.places} == {"Democratic Republic of Congo"}


@pytest.mark.parametrize(
    ("sentence", "countries"),
    [
        # a country's adjective is no town of a like name ("Syrian": Malaysia's Serian)
        ("At least 30 people were killed in Syrian government air strikes on rebel-held villages, a monitor said.", set()),
        # "which borders X and Y": neighbours, not where it happened
        ("Eight soldiers died when their convoy was ambushed near Djibo in Burkina Faso's Soum province, which borders Mali and Niger.",
         {"Burkina Faso"}),
    ],
)
def test_adjectives_and_bordering_countries_are_no_scene(analyse, sentence: str, countries: set[str]) -> None:
    infos = analyse(sentence)
    assert {m.place.country for info in infos for m in info.places} == countries


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("Two battalions mounted the mission in Lake Sebu on Saturday and captured a rebel camp.", "scene"),
        ("Diplomats at the UN mission in Bamako said the talks had stalled.", "seat"),
    ],
)
def test_a_military_mission_is_where_it_went_a_diplomatic_one_a_seat(analyse, sentence: str, role: str) -> None:
    (info,) = analyse(sentence)
    assert [m.role for m in info.places] == [role]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a dateline town of the capital, the event in a division named by compass words
        ("DOUALA — Gunmen killed four bus passengers in Cameroon's restive Northwest region on Sunday, officials said.",
         ("Cameroon", "Nord-Ouest")),
        ("YAOUNDE, March 3 (Xinhua) — Cameroonian troops repelled an attack in the English-speaking region of South-West "
         "on Tuesday, killing five gunmen.", ("Cameroon", "Sud-Ouest")),
        ("YAOUNDE, March 3 (Xinhua) — Cameroonian troops repelled an attack in the English-speaking region of Northwest "
         "on Tuesday, killing five gunmen.", ("Cameroon", "Nord-Ouest")),
        # a second event of the story, in a division told by compass words only: still in the country
        ("Separatists killed two gendarmes in Cameroon on Monday. On Saturday, in the Far North province, militants "
         "killed three herders near a well.", ("Cameroon", "Extreme-Nord")),
        ("Separatists killed two gendarmes in Cameroon on Monday. On Saturday, in the Southwest region, gunmen "
         "killed three farmers near a well.", ("Cameroon", "Sud-Ouest")),
        # a division two countries share the name of is the article's country's (not Botswana's North West)
        ("Separatist fighters ambushed a convoy in Cameroon's North-West region on Friday, killing two soldiers.",
         ("Cameroon", "Nord-Ouest")),
        ("Militants killed five soldiers in an ambush in Burkina Faso's Est region on Monday.", ("Burkina Faso", "Est")),
    ],
)
def test_a_division_named_by_compass_words_is_the_articles_countrys(reports, text: str, expected: tuple[str, str]) -> None:
    report = next(r for r in reports(text) if r.kind == "attack" and r.killed in (2, 3, 4, 5) and r.sub_event_type)
    assert (report.country, report.admin1) == expected


def test_where_attackers_came_from_is_not_where_they_struck(reports) -> None:
    text = ("Gunmen attacked a market in Cameroon's West region on Sunday, killing six traders. The governor said the attackers "
            "came from the country's troubled northwest region.")
    (report,) = [r for r in reports(text) if r.kind == "attack"]
    assert (report.country, report.admin1) == ("Cameroon", "Ouest")


def test_a_town_the_main_country_shares_with_a_neighbour_named_beside_it_is_the_main_countrys(reports) -> None:
    # Rafah is a town of Egypt and of the Gaza Strip; the story is about Egypt
    text = ("Militants attacked an army checkpoint outside Rafah, a border town near the Gaza Strip, on Saturday, killing 12 "
            "Egyptian soldiers. Egypt's military said the attackers fled. Egypt has fought an insurgency in Sinai for years.")
    report = next(r for r in reports(text) if r.kind == "attack")
    assert (report.country, report.place) == ("Egypt", "Rafah")


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        # a town the sentence names only to say where the scene lies
        ("Elsewhere, troops surrounded a house in Pulwama district, south of Srinagar, after gunmen fired on a patrol.", "Pulwama"),
        ("A bomb exploded on a bus in Baramulla, about 50 km north of Srinagar, on Monday, killing three passengers.", "Baramula"),
        # a reference town is the place when the sentence names no other town, only its province
        ("A roadside bomb hit a supply convoy on the highway north of Nasiriyah, in Dhi Qar governorate, on Monday.", "Nasiriyah"),
        # a town near the reference town, though across a provincial border, is where it is
        ("Gunmen stormed a police station in Afgoi town, 30 km northwest of Mogadishu, on Monday, killing six.", "Afgooye"),
    ],
)
def test_a_reference_point_is_not_the_scene(reports, sentence: str, place: str) -> None:
    (report,) = reports(sentence)
    assert report.place == place


@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        # a force named after a province is not where it fights
        ("Two soldiers of the Assam Rifles were wounded in an ambush in Manipur on Sunday.", ["Manipur"]),
        # an agency's short name in brackets is no place (Saba is also an island)
        ("Shelling killed a woman in Taiz, a source told the Yemeni News Agency (Saba).", ["Taiz"]),
        # streets: a crossing ("7th and Broadway") and a street named after a town
        ("Protesters threw paint at police at 7th and Broadway in Oakland.", ["Oakland"]),
        ("A car bomb exploded on Haifa Street in Baghdad.", ["Baghdad"]),
        # a place owned by a place of another country is a namesake of the owned name
        ("Police fired tear gas in Nairobi's Central Business District on Tuesday.", ["Nairobi"]),
    ],
)
def test_a_place_name_inside_another_name_is_no_location(analyse, sentence: str, places: list[str]) -> None:
    (info,) = analyse(sentence)
    assert [p.place.name for p in info.places] == places


# --- a settlement the gazetteer does not know, placed by the unit that holds it ----------------


@pytest.mark.parametrize(
    ("text", "admin1", "place", "precision"),
    [
        ("Gunmen killed six villagers in Dakuwari village in Borno state on Monday, police said.", "Borno", "Dakuwari", 3),
        ("Militants stormed Kelbanu, a town in Borno state, on Monday, killing four soldiers.", "Borno", "Kelbanu", 3),
        ("Jets bombed the village of Hpa Lwe Taung in the northern Sagaing region on Tuesday, killing nine people.",
         "Sagaing", "Hpa Lwe Taung", 3),
        ("Gunmen shot dead three farmers in Tapuhal village near Bokajan on Friday, police said.", "Assam", "Tapuhal", 2),
        # a second-level division ISO 3166-2 lists says which first-level one holds it
        ("Gunmen ambushed an army patrol in Burkina Faso's Soum province on Sunday, killing eleven soldiers.", "Sahel", "Soum", 2),
        ("Gunmen in northern Burkina Faso ambushed a patrol from Toborkel, Soum province, on Sunday, killing two soldiers.",
         "Sahel", "Toborkel", 2),
        ("Gunmen killed seven herders near the village of Toborkel in Soum province in northern Burkina Faso on Sunday.",
         "Sahel", "Toborkel", 2),
    ],
)
def test_an_unknown_settlement_takes_the_admin1_of_the_unit_holding_it(
    reports, text: str, admin1: str, place: str, precision: int
) -> None:
    (report,) = reports(text)
    assert (report.admin1, report.place, report.geo_precision) == (admin1, place, precision)


def test_an_unknown_district_is_the_place_of_a_report_placed_at_its_province(reports) -> None:
    text = "A drone strike killed five men on Friday in Kunar province. The strike hit a car in Sarkano Dara district."
    assert [(r.admin1, r.place) for r in reports(text)] == [("Kunar", "Sarkano Dara")]


def test_an_unknown_village_not_tied_to_the_scene_leaves_the_known_town(reports) -> None:
    found = reports("Gunmen shot dead six traders in Maiduguri on Monday. Families from Dakuwari village fled to the city.")
    assert [(r.admin1, r.place) for r in found if r.kind == "attack"] == [("Borno", "Maiduguri")]


@pytest.mark.parametrize(
    ("text", "country", "admin1"),
    [
        # bare "Congo" is the Democratic Republic, as news style writes it: Beni is its town
        # (not Bolivia's El Beni), Ituri its province
        ("BENI, Congo - Rebels hacked eleven farmers to death near Beni in eastern Congo overnight, officials said.",
         "Democratic Republic of Congo", "Nord-Kivu"),
        ("Militiamen killed nine miners in Ituri province in northeastern Congo on Sunday.", "Democratic Republic of Congo", "Ituri"),
        ("Gunmen attacked a police post in Brazzaville, the capital of the Republic of Congo, on Monday.",
         "Republic of Congo", "Brazzaville"),
    ],
)
def test_congo_alone_is_the_democratic_republic(reports, text: str, country: str, admin1: str) -> None:
    (report,) = [r for r in reports(text) if r.kind == "attack"]
    assert (report.country, report.admin1) == (country, admin1)


@pytest.mark.parametrize(
    ("text", "admin1", "place", "precision"),
    [
        ("Gunmen killed nine farmers in Kadarko community in Benue state on Monday, police said.", "Benue", "Kadarko", 3),
        ("Rebels attacked the city of Mbalako in Congo's North Kivu province on Sunday, killing eleven people.",
         "Nord-Kivu", "Mbalako", 3),
        ("Militants ambushed a convoy near Garrukhel valley in Balochistan on Tuesday, killing three soldiers.",
         "Balochistan", "Garrukhel", 3),
        # two settlements named together: the first is the report's
        ("Bandits attacked Ungwan Dodo and Kafin Gana communities in Niger state on Sunday, killing 14 people.",
         "Niger", "Ungwan Dodo", 3),
    ],
)
def test_a_settlement_named_as_a_community_a_city_or_a_valley_is_the_place(
    reports, text: str, admin1: str, place: str, precision: int
) -> None:
    (report,) = [r for r in reports(text) if r.kind == "attack"]
    assert (report.admin1, report.place, report.geo_precision) == (admin1, place, precision)


def test_the_muslim_community_is_no_settlement(reports) -> None:
    (report,) = reports("Gunmen killed four worshippers in Kaduna on Friday, leaders of the Muslim community said.")
    assert report.place == "Kaduna"


def test_a_settlement_of_the_events_sentences_is_more_precise_than_a_town_named_as_its_district(reports) -> None:
    text = (
        "Militants ambushed an army truck in Kathua district on Monday, killing four soldiers. "
        "The ambush was launched from a ridge near Dhandar village, 40 km from the town."
    )
    (report,) = [r for r in reports(text) if r.kind == "attack"]
    assert (report.admin1, report.place, report.geo_precision) == ("Jammu and Kashmir", "Dhandar", 2)
    assert [s.text for s in report.evidence["place"]] == ["Dhandar"]


@pytest.mark.parametrize(("told", "place"), [(0, "Lubiri"), (None, "Beni")])
def test_a_settlement_where_it_happened_is_more_precise_than_a_town_read_in_another_sentence(
    analyse, told: int | None, place: str
) -> None:
    text = "Farmers were attacked in Lubiri village on Friday. Residents of Beni want more troops."
    infos = analyse(text)
    fields = Fields()
    fields.set("country", "Democratic Republic of Congo", [])
    fields.set("admin1", "Nord-Kivu", [])
    fields.set("place", "Beni", [span_of(text, text.index("Beni"), text.index("Beni") + 4)])
    set_unknown_place(fields, infos, text, happened=[infos[told]] if told is not None else None)
    assert fields.values["place"] == place


@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        ("About 3,000 people who fled the attack have arrived in Dori, aid workers said.", []),
        ("Hundreds of families fled to Dori after the attack.", []),
        ("Survivors took refuge in Dori.", []),
        # where they fled from is a scene
        ("Hundreds of families fled their homes in Dori after the attack.", ["Dori"]),
    ],
)
def test_where_people_fled_to_is_no_scene(analyse, sentence: str, places: list[str]) -> None:
    (info,) = analyse(sentence)
    assert [p.place.name for p in info.places] == places


def test_the_town_people_fled_to_does_not_place_the_attack_they_fled(reports) -> None:
    text = (
        "No fewer than 40 villagers were killed during gunmen attacks across Sakoula village of northern Burkina Faso. "
        "A local official said that about 3,000 people who fled the attack have arrived in Dori, the capital of the Sahel region."
    )
    (report,) = [r for r in reports(text) if r.kind == "attack"]
    assert (report.admin1, report.place) == ("Sahel", "Sakoula")


@pytest.mark.parametrize(
    ("text", "place", "precision"),
    [
        # a village described after the district's chief is named: the village, not his district
        ("A U.S. air raid in Oruzgan province killed eleven villagers on Sunday. The chief of the Barakzi "
         "district said the raid hit Zarkhel, a village where troops had searched homes.", "Zarkhel", 3),
        # a village placed by its distance from a known town: that town holds it
        ("A roadside bomb killed five soldiers in Somalia on Monday near Wadajir Bulo, 30 kilometers (18 miles) "
         "from the city of Baidoa.", "Wadajir Bulo", 2),
    ],
)
def test_a_settlement_described_or_placed_by_its_distance_is_the_place(reports, text: str, place: str, precision: int) -> None:
    (report,) = [r for r in reports(text) if r.kind == "attack"]
    assert (report.place, report.geo_precision) == (place, precision)


def test_a_settlement_named_only_as_a_reference_point_is_not_one_the_event_is_at(analyse) -> None:
    (info,) = analyse("A warplane killed five militants north of Garmawa, a town where the army has a base.")
    assert unknown_places(info, "Afghanistan") == []


def test_a_town_a_sentence_tells_the_event_at_is_its_place_rather_than_the_dateline(reports) -> None:
    text = (
        "KHARTOUM: Security forces shot dead four protesters on Thursday as thousands marched against the army. "
        "On Thursday, security forces killed four protesters in Omdurman, the twin city of the capital."
    )
    (report,) = reports(text)
    assert (report.admin1, report.place) == ("Khartoum", "Omdurman")


def test_a_settlement_is_the_place_of_a_report_placed_only_in_its_country(reports) -> None:
    (report,) = reports("Gunmen raided Kafin Gana village in northern Nigeria on Sunday, killing six people.")
    assert (report.country, report.admin1, report.place) == ("Nigeria", None, "Kafin Gana")
