"""Actor matching, stable ids of unknown names, outlets."""

from __future__ import annotations

import pytest

from eventledger.kb import KnowledgeBase, build_kb, load_kb, normalize_name
from eventledger.models import Actor


@pytest.mark.parametrize(
    ("name", "actor_id"),
    [
        ("Ismail Qaani", "qaani"),
        ("Esmail Ghaani", "qaani"),
        ("Qa'ani", "qaani"),
        ("Brigadier General Ismail Qaani", "qaani"),
        ("Iranian General Esmail Ghaani", "qaani"),
        ("Quds Force commander Esmail Qaani", "qaani"),
        ("Qasem Soleimani", "soleimani"),
        ("Qassim Suleimani", "soleimani"),
        ("Abu Mahdi al-Muhandis", "muhandis"),
        ("Abu Muhandis", "muhandis"),
        ("Mustafa Al-Kadhimi", "kadhimi"),
        ("Al-Kazemi", "kadhimi"),
        ("Kathimi", "kadhimi"),
        ("Iraqi Prime Minister Mustafa al-Kadhimi", "kadhimi"),
        ("Barham Saleh", "salih"),
        ("Hadi Amiri", "amiri"),
        ("Hadi al-Ameri", "amiri"),
        ("Qais al-Khazali", "khazali"),
        ("Moqtada al-Sadr", "muqtada_al_sadr"),
        ("Nuri al-Maliki", "maliki"),
        ("Falih al-Fayyadh", "fayyadh"),
        ("Ayatollah Ali Khamenei", "khamenei"),
        ("Iranian Supreme Leader Ali Khamenei", "khamenei"),
        ("President Trump", "trump"),
        ("Secretary of State Mike Pompeo", "pompeo"),
        ("Hezbollah leader Hassan Nasrallah", "nasrallah"),
        ("Hezbollah", "lebanese_hezbollah"),
        ("Hizbullah", "lebanese_hezbollah"),
        ("Kataib Hezbollah", "kataib_hezbollah"),
        ("Kata'ib Hizballah", "kataib_hezbollah"),
        ("Hezbollah Brigades", "kataib_hezbollah"),
        ("The Hezbollah Brigades", "kataib_hezbollah"),
        ("KH", "kataib_hezbollah"),
        ("Asaib Ahl al-Haq", "asaib_ahl_al_haq"),
        ("Asaib People of truth", "asaib_ahl_al_haq"),
        ("League of the Righteous", "asaib_ahl_al_haq"),
        ("AAH", "asaib_ahl_al_haq"),
        ("Harakat Hezbollah al-Nujaba", "nujaba"),
        ("al-Nujaba", "nujaba"),
        ("Badr Organization", "badr"),
        ("Badr", "badr"),
        ("Kataib Sayyid al-Shuhada", "kataib_sayyid_al_shuhada"),
        ("Ashab al-Kahf", "ashab_al_kahf"),
        ("Saraya Awliya al-Dam", "saraya_awliya_al_dam"),
        ("Usbat al-Thaireen", "usbat_al_thaireen"),
        ("Qasim al-Jabarin", "qasim_al_jabarin"),
        ("Popular Mobilization Forces", "pmf"),
        ("Hashd al-Shaabi", "pmf"),
        ("al-Hashd al-Sha'abi", "pmf"),
        ("PMF", "pmf"),
        ("Islamic State", "islamic_state"),
        ("ISIS", "islamic_state"),
        ("Daesh", "islamic_state"),
        ("IS", "islamic_state"),
        ("Qods Force", "quds_force"),
        ("IRGC-QF", "quds_force"),
        ("expeditionary Quds Force", "quds_force"),
        ("IRGC", "irgc"),
        ("Counter-Terrorism Service", "counter_terrorism_service"),
        ("Federal Police", "iraqi_federal_police"),
        ("Security Media Cell", "security_media_cell"),
        ("Peshmerga", "peshmerga"),
        ("PKK", "pkk"),
        ("Sinjar Resistance Units", "ybs"),
        ("Turkish Armed Forces", "turkish_armed_forces"),
        ("US-led coalition", "coalition"),
        ("Operation Inherent Resolve", "coalition"),
        ("US forces", "us_forces"),
        ("Saraya al-Salam", "saraya_al_salam"),
        ("State of Law", "state_of_law"),
        ("Fatah Alliance", "fatah_alliance"),
        ("KDP", "kdp"),
        ("Patriotic Union of Kurdistan", "puk"),
        ("Hussein Moanes", "hussein_moanes"),
        ("Akram al-Kaabi", "kaabi"),
        # one letter off in a long name: the fuzzy fallback
        ("Asaib Ahl al-Hak", "asaib_ahl_al_haq"),
        ("Kataib Sayid al-Shuhada", "kataib_sayyid_al_shuhada"),
    ],
)
def test_match_actor_finds_known_actor(kb: KnowledgeBase, name: str, actor_id: str) -> None:
    actor = kb.match_actor(name)
    assert actor is not None, name
    assert actor.id == actor_id


@pytest.mark.parametrize(
    "name",
    [
        "is",  # the verb, not Islamic State
        "Is",
        "kh",
        "Bader",  # a town and a given name, not the Badr Organization
        "Ghani",  # Ashraf Ghani is not Esmail Ghaani
        "Ashraf Ghani",
        "Abu Ali al-Basri",
        "the ministry",
        "",
        "   ",
        "Hezbollah Brigade commander",
        "Saleh Muslim",
    ],
)
def test_match_actor_rejects_unknown_or_ambiguous_names(kb: KnowledgeBase, name: str) -> None:
    assert kb.match_actor(name) is None


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Hezbollah", "Kataib Hezbollah"),
        ("Hezbollah", "Hezbollah Brigades"),
        ("Quds Force", "IRGC"),
        ("Qasem Soleimani", "Ismail Qaani"),
        ("Asaib Ahl al-Haq", "Kataib Hezbollah"),
        ("Harakat al-Nujaba", "Kataib Hezbollah"),
        ("PMF", "Badr"),
        ("US forces", "US embassy"),
        ("Islamic State", "Islamic Revolutionary Guard Corps"),
    ],
)
def test_distinct_actors_keep_distinct_ids(kb: KnowledgeBase, left: str, right: str) -> None:
    assert kb.actor_id(left) != kb.actor_id(right)


def test_is_resolves_in_other_case_only_with_context(kb: KnowledgeBase) -> None:
    assert kb.match_actor("Is") is None
    context = "Is fighters attacked the village, and the Islamic State later claimed it"
    actor = kb.match_actor("Is", context=context)
    assert actor is not None and actor.id == "islamic_state"
    assert kb.match_actor("Is", context="Is it true that the market was closed?") is None


@pytest.mark.parametrize(
    ("variants"),
    [
        ["Abu Ali al-Basri", "Abu Ali Basri", "abu ali al basri", "General Abu Ali al-Basri", "Abu Ali al-Basri group",
         "Abu Ali al-Basri's"],
        ["Saraya Qassem al-Jabbarin Two", "Saraya Qasim al-Jabarin Two"],
        ["Jaish Ahl al-Sunna", "Jaysh Ahl al-Sunnah"],
    ],
)
def test_unknown_names_get_one_stable_id(kb: KnowledgeBase, variants: list[str]) -> None:
    ids = {kb.actor_id(v) for v in variants}
    assert len(ids) == 1
    (only,) = ids
    assert only.startswith("unk:")
    assert " " not in only


def test_unknown_ids_differ_between_names(kb: KnowledgeBase) -> None:
    assert kb.actor_id("Abu Ali al-Basri") != kb.actor_id("Abu Ali al-Askari Two")


def test_known_name_id_is_kb_id(kb: KnowledgeBase) -> None:
    assert kb.actor_id("Esmail Ghaani") == "qaani"


@pytest.mark.parametrize(
    ("name", "outlet_id"),
    [
        ("AP", "ap"),
        ("Associated Press", "ap"),
        ("The Associated Press", "ap"),
        ("Reuters", "reuters"),
        ("AFP", "afp"),
        ("Middle East Eye", "mee"),
        ("MEE", "mee"),
        ("Middel East Eye", "mee"),
        ("Al Arabiya", "al_arabiya"),
        ("Al-Arabiya", "al_arabiya"),
        ("Al Aalem", "al_aalem"),
        ("Shafaq News", "shafaq_news"),
        ("Rudaw", "rudaw"),
        ("Kurdistan 24", "kurdistan24"),
        ("Kurdistan24", "kurdistan24"),
        ("ESTA", "esta"),
        ("Musings on Iraq", "musings_on_iraq"),
        ("Al-Monitor", "al_monitor"),
        ("The National", "the_national"),
        ("Al Jazeera", "al_jazeera"),
        ("BBC", "bbc"),
        ("https://www.middleeasteye.net/news/x", "mee"),
        ("apnews.com", "ap"),
        ("www.reuters.com", "reuters"),
        ("rudaw.net", "rudaw"),
    ],
)
def test_outlet_resolves_names_and_domains(kb: KnowledgeBase, name: str, outlet_id: str) -> None:
    outlet = kb.outlet(name)
    assert outlet is not None, name
    assert outlet.id == outlet_id
    assert outlet.kind == "outlet"


@pytest.mark.parametrize("name", ["Kataib Hezbollah", "Qaani", "ap", "example.com", ""])
def test_outlet_rejects_non_outlets(kb: KnowledgeBase, name: str) -> None:
    assert kb.outlet(name) is None


def test_actor_records_are_complete(kb: KnowledgeBase) -> None:
    kinds = {"person", "armed_group", "state_force", "party", "outlet", "organization", "government"}
    for actor in kb.actors.values():
        assert isinstance(actor, Actor)
        assert actor.kind in kinds, actor.id
        assert actor.id == actor.id.lower() and " " not in actor.id
        assert actor.inter_code in (None, 1, 2, 3, 4, 5, 6, 7, 8)
        for parent in actor.affiliations:
            assert parent in kb.actors, f"{actor.id} names unknown affiliation {parent}"
        if actor.wikidata is not None:
            assert actor.wikidata.startswith("Q") and actor.wikidata[1:].isdigit()


def test_every_alias_resolves_to_its_own_actor(kb: KnowledgeBase) -> None:
    wrong = []
    for actor in kb.actors.values():
        for alias in actor.aliases:
            found = kb.match_actor(alias)
            if found is None or found.id != actor.id:
                wrong.append((alias, actor.id, found and found.id))
    assert wrong == []


def test_load_kb_is_cached() -> None:
    assert load_kb() is load_kb()


def test_build_kb_without_world_still_knows_iraq() -> None:
    small = build_kb(include_world=False)
    place = small.match_place("Diwaniya")
    assert place is not None and place.admin1 == "Al-Qadisiyah"
    assert small.match_place("Nairobi") is None
    assert normalize_name("Nairobi") == "nairubi"


@pytest.mark.parametrize(
    ("name", "actor_id"),
    [("Iran-backed militias", "iran_aligned_factions"), ("pro-Iranian militias", "iran_aligned_factions"),
     ("Ahmad al-Hamidawi", "hamidawi"), ("Abu Ali al-Askari", "hussein_moanes"), ("Erdogan", "erdogan")],
)
def test_generic_and_secondary_actors(kb: KnowledgeBase, name: str, actor_id: str) -> None:
    assert kb.actor_id(name) == actor_id


@pytest.mark.parametrize(
    ("name", "actor_id"),
    [
        ("Badr militia", "badr"),
        ("Asaib Ahl al-Haq militia", "asaib_ahl_al_haq"),
        ("Kataib Hezbollah Brigades", "kataib_hezbollah"),
        ("Daesh terrorist gangs", "islamic_state"),
        ("Revolutionary Guards Corps commander", "irgc"),
        ("Hezbollah fighters", "lebanese_hezbollah"),
        ("U.S.-led coalition forces", "coalition"),
        ("Sinjar Resistance Units (YBS)", "ybs"),
        ("(YBS)", "ybs"),
        ("Kataib Hezbollah (KH)", "kataib_hezbollah"),
        ("Khamenei's", "khamenei"),
        ("Qaani’s", "qaani"),
        ("Protesters (Iraq)", "protesters"),
    ],
)
def test_descriptors_brackets_and_possessives_are_looked_through(kb: KnowledgeBase, name: str, actor_id: str) -> None:
    assert kb.actor_id(name) == actor_id


@pytest.mark.parametrize("name", ["Bader militia", "Abu Ali al-Basri group", "(unknown) group", "the militia"])
def test_descriptors_do_not_make_unknown_names_known(kb: KnowledgeBase, name: str) -> None:
    assert kb.match_actor(name) is None


def test_knowledge_base_survives_pickling() -> None:
    import pickle

    small = build_kb(include_world=False)
    copy = pickle.loads(pickle.dumps(small))
    assert copy.actor_id("Esmail Ghaani") == "qaani"
    place = copy.match_place("Diwaniya")
    assert place is not None and copy.places[place.id] == place


def test_country_code_reads_a_countrys_names_and_nothing_else(kb: KnowledgeBase) -> None:
    assert kb.country_code("Mali") == "ML"
    assert kb.country_code("Burma") == "MM"
    assert kb.country_code("Kirkuk") is None
    assert kb.country_code("Peshmerga") is None
