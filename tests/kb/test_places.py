"""Place resolution: newspaper spellings to ACLED's admin1, sites, the rest of the world."""

from __future__ import annotations

import pytest

from eventledger.kb import KnowledgeBase
from eventledger.models import Place

ACLED_IRAQ_ADMIN1 = {
    "Baghdad", "Basra", "Ninewa", "Erbil", "Sulaymaniyah", "Duhok", "Kirkuk", "Diyala", "Al-Anbar",
    "Sala al-Din", "Babil", "Kerbala", "Najaf", "Al-Qadisiyah", "Wasit", "Maysan", "Dhi Qar", "Muthanna",
}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "admin1"),
    [
        # ACLED's own spelling and the names newspapers and GTD use for the governorates
        ("Baghdad", "Baghdad"),
        ("Basra", "Basra"),
        ("Basrah", "Basra"),
        ("Ninewa", "Ninewa"),
        ("Nineveh", "Ninewa"),
        ("NIneveh", "Ninewa"),
        ("Ninawa", "Ninewa"),
        ("Erbil", "Erbil"),
        ("Arbil", "Erbil"),
        ("Irbil", "Erbil"),
        ("Sulaymaniyah", "Sulaymaniyah"),
        ("Slemani", "Sulaymaniyah"),
        ("Duhok", "Duhok"),
        ("Dohuk", "Duhok"),
        ("Kirkuk", "Kirkuk"),
        ("Diyala", "Diyala"),
        ("Al-Anbar", "Al-Anbar"),
        ("Al Anbar", "Al-Anbar"),
        ("Anbar", "Al-Anbar"),
        ("Anbar province", "Al-Anbar"),
        ("Sala al-Din", "Sala al-Din"),
        ("Salahuddin", "Sala al-Din"),
        ("Salah al-Din", "Sala al-Din"),
        ("Saladin", "Sala al-Din"),
        ("Babil", "Babil"),
        ("Babylon province", "Babil"),
        ("Kerbala", "Kerbala"),
        ("Karbala", "Kerbala"),
        ("Najaf", "Najaf"),
        ("Al-Qadisiyah", "Al-Qadisiyah"),
        ("Al Qadisiyah", "Al-Qadisiyah"),
        ("Qadisiyah", "Al-Qadisiyah"),
        ("Wasit", "Wasit"),
        ("Maysan", "Maysan"),
        ("Missan", "Maysan"),
        ("Dhi Qar", "Dhi Qar"),
        ("Thi Qar", "Dhi Qar"),
        ("Muthanna", "Muthanna"),
        ("Al-Muthanna", "Muthanna"),
        # towns newspapers name, to their governorate
        ("Diwaniya", "Al-Qadisiyah"),
        ("Diwaniyah", "Al-Qadisiyah"),
        ("Nasiriyah", "Dhi Qar"),
        ("Nasiriya", "Dhi Qar"),
        ("Hillah", "Babil"),
        ("Hilla", "Babil"),
        ("Samawah", "Muthanna"),
        ("Samawa", "Muthanna"),
        ("Mosul", "Ninewa"),
        ("Ramadi", "Al-Anbar"),
        ("Fallujah", "Al-Anbar"),
        ("Falluja", "Al-Anbar"),
        ("Kut", "Wasit"),
        ("Amarah", "Maysan"),
        ("Baquba", "Diyala"),
        ("Baqubah", "Diyala"),
        ("Tikrit", "Sala al-Din"),
        ("Samarra", "Sala al-Din"),
        ("Balad", "Sala al-Din"),
        ("Baiji", "Sala al-Din"),
        ("Tuz Khurmatu", "Sala al-Din"),
        ("Tuz Khormato", "Sala al-Din"),
        ("Tal Afar", "Ninewa"),
        ("Sinjar", "Ninewa"),
        ("Makhmour", "Erbil"),
        ("Hawijah district", "Kirkuk"),
        ("the town of Muqdadiyah", "Diyala"),
        ("Jurf al-Sakhar", "Babil"),
        ("Zakho", "Duhok"),
        ("Halabja", "Sulaymaniyah"),
        ("Umm Qasr", "Basra"),
        ("Rumaitha", "Muthanna"),
        ("Sadr City", "Baghdad"),
        ("Jadriya", "Baghdad"),
        # named sites
        ("Green Zone", "Baghdad"),
        ("Baghdad International Airport", "Baghdad"),
        ("Baghdad airport", "Baghdad"),
        ("Ain al-Asad", "Al-Anbar"),
        ("Ain al-Assad air base", "Al-Anbar"),
        ("Balad air base", "Sala al-Din"),
        ("Camp Taji", "Baghdad"),
        ("Victory Base", "Baghdad"),
        ("Camp Victory", "Baghdad"),
        ("Erbil airport", "Erbil"),
        ("Harir base", "Erbil"),
        ("K1 base", "Kirkuk"),
        ("Tahrir Square", "Baghdad"),
        ("US embassy compound", "Baghdad"),
    ],
)
def test_iraqi_names_resolve_to_acled_admin1(kb: KnowledgeBase, name: str, admin1: str) -> None:
    place = kb.match_place(name)
    assert place is not None, name
    assert place.country == "Iraq"
    assert kb.admin1_of(place) == admin1


@pytest.mark.parametrize(
    ("name", "kind", "precision"),
    [
        ("Diwaniya", "city", 1),
        ("Green Zone", "site", 1),
        ("Baghdad International Airport", "site", 1),
        ("Anbar", "admin1", 3),
        ("Dhi Qar", "admin1", 3),
        ("Karkh", "admin2", 2),
        ("Iraq", "country", 3),
        ("Kirkuk", "city", 1),  # the town, not the governorate of the same name
    ],
)
def test_place_kind_and_geo_precision(kb: KnowledgeBase, name: str, kind: str, precision: int) -> None:
    place = kb.match_place(name)
    assert place is not None
    assert (place.kind, place.geo_precision) == (kind, precision)


def test_towns_and_sites_have_coordinates_inside_iraq(kb: KnowledgeBase) -> None:
    for place in kb.places.values():
        if place.country != "Iraq" or place.kind not in ("city", "site"):
            continue
        assert place.latitude is not None and place.longitude is not None, place.id
        assert 29.0 <= place.latitude <= 37.5 and 38.7 <= place.longitude <= 48.7, place.id
        assert place.admin1 in ACLED_IRAQ_ADMIN1, (place.id, place.admin1)


def test_all_eighteen_governorates_with_acled_spelling(kb: KnowledgeBase) -> None:
    governorates = {p.name for p in kb.places.values() if p.country == "Iraq" and p.kind == "admin1"}
    assert governorates == ACLED_IRAQ_ADMIN1
    for name in ACLED_IRAQ_ADMIN1:
        place = kb.match_place(name)
        assert place is not None and kb.admin1_of(place) == name


@pytest.mark.parametrize(
    ("name", "country", "admin1"),
    [
        ("Germany", "Germany", None),
        ("Syria", "Syria", None),
        ("Syrian Arab Republic", "Syria", None),
        ("Iran", "Iran", None),
        ("United States", "United States", None),
        ("USA", "United States", None),
        ("UK", "United Kingdom", None),
        ("Turkey", "Turkey", None),
        ("Democratic Republic of Congo", "Democratic Republic of Congo", None),
        ("DRC", "Democratic Republic of Congo", None),
        ("Nangarhar", "Afghanistan", "Nangarhar"),
        ("Texas", "United States", "Texas"),
        ("Qom", "Iran", "Qom"),
        ("Kandahar", "Afghanistan", "Kandahar"),
        ("Nairobi", "Kenya", "Nairobi"),
        ("Eldoret", "Kenya", "Uasin Gishu"),
        ("Gardez", "Afghanistan", "Paktya"),  # ACLED's spelling (GeoNames: Paktia)
        ("Mombasa", "Kenya", "Mombasa"),
        ("Beirut", "Lebanon", None),
        ("Damascus", "Syria", None),
        ("Tehran", "Iran", "Tehran"),
        ("Paris", "France", None),
    ],
)
def test_world_places_resolve_to_country_and_admin1(kb: KnowledgeBase, name: str, country: str, admin1: str | None) -> None:
    place = kb.match_place(name)
    assert place is not None, name
    assert place.country == country
    if admin1 is not None:
        assert kb.admin1_of(place) == admin1


@pytest.mark.parametrize("name", ["", "nowhere in particular", "Xqzwv", "the", "police"])
def test_unknown_places_are_none(kb: KnowledgeBase, name: str) -> None:
    assert kb.match_place(name) is None


def test_fuzzy_place_fallback_only_for_long_names(kb: KnowledgeBase) -> None:
    place = kb.match_place("Muqdadiyyahh")
    assert place is not None and place.admin1 == "Diyala"
    assert kb.match_place("Kutt") is not None  # doubled letters fold, no fuzzy needed
    assert kb.match_place("Kub") is None


def test_admin1_of_country_is_none(kb: KnowledgeBase) -> None:
    iraq = kb.match_place("Iraq")
    assert isinstance(iraq, Place)
    assert kb.admin1_of(iraq) is None


def test_world_town_keys_match_current_folding() -> None:
    # world_cities.tsv.gz stores normalize_name(name) and its skeleton; after a change to
    # folding.yaml, rerun `python scripts/build_gazetteer.py`
    import csv
    import gzip
    from importlib import resources

    from eventledger.kb import normalize_name
    from eventledger.kb.normalize import skeleton

    for table, least in (("data/world_cities.tsv.gz", 50_000), ("data/world_villages.tsv.gz", 80_000)):
        path = resources.files("eventledger.kb").joinpath(table)
        with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
            rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
        header, body = rows[0], rows[1:]
        assert header[-2:] == ["key", "skeleton"]
        assert len(body) > least
        stale = [row[1] for row in body[::97] if normalize_name(row[1]) != row[-2]]
        assert stale == []
        assert [row[1] for row in body if skeleton(row[-2]) != row[-1]] == []


def test_world_towns_are_reachable_by_id(kb: KnowledgeBase) -> None:
    town = kb.match_place("Eldoret")
    assert town is not None and town.id.startswith("gn_")
    assert kb.places[town.id] == town
    assert kb.places.get("gn_184745").name == "Nairobi"
    assert "gn_184745" in kb.places
    assert kb.places.get("gn_0") is None
    with pytest.raises(KeyError):
        kb.places["no_such_place"]


@pytest.mark.parametrize(
    ("name", "country", "expected_country", "admin1"),
    [
        ("Eldoret", "Kenya", "Kenya", "Uasin Gishu"),
        ("Tripoli", "Lebanon", "Lebanon", None),
        ("Tripoli", None, "Libya", "Tripoli"),
        ("Hyderabad", "Pakistan", "Pakistan", "Sindh"),
        ("Mosul", "Iraq", "Iraq", "Ninewa"),
        ("Diwaniya", "Republic of Iraq", "Iraq", "Al-Qadisiyah"),  # the hint itself is resolved
    ],
)
def test_country_hint_keeps_places_in_that_country(
    kb: KnowledgeBase, name: str, country: str | None, expected_country: str, admin1: str | None
) -> None:
    place = kb.match_place(name, country=country)
    assert place is not None
    assert place.country == expected_country
    if admin1 is not None:
        assert kb.admin1_of(place) == admin1


@pytest.mark.parametrize(("name", "country"), [("Mosul", "Kenya"), ("Diwaniya", "Germany")])
def test_country_hint_rejects_places_elsewhere(kb: KnowledgeBase, name: str, country: str) -> None:
    assert kb.match_place(name, country=country) is None


@pytest.mark.parametrize(("name", "place_id"), [("US", "c_us"), ("UK", "c_gb"), ("UAE", "c_ae")])
def test_capitalised_acronyms_are_countries(kb: KnowledgeBase, name: str, place_id: str) -> None:
    place = kb.match_place(name)
    assert place is not None and place.id == place_id
    if name == "US":
        assert kb.match_place("us") is None  # the pronoun


def test_villages_answer_only_names_no_town_has(kb: KnowledgeBase) -> None:
    # a Kenyan market village far smaller than 5,000 people, found through the second table
    village = kb.match_place("Kipkelion", country="Kenya")
    assert village is not None and village.country == "Kenya" and village.kind == "city"
    assert kb.places[village.id] == village
    # a town of the first table still wins over any village of the same name
    town = kb.match_place("Eldoret")
    assert town is not None and town.admin1 == "Uasin Gishu"


@pytest.mark.parametrize(
    ("name", "prominent"),
    [
        ("Iraq", True),  # a country
        ("Anbar", True),  # a division
        ("Baghdad", True),  # a national capital
        ("Lagos", True),  # a town of millions
        ("Kramatorsk", False),  # a town known in its own country
        ("Basra", False),  # a gazetteer town: no population to tell
    ],
)
def test_prominent_places_are_known_beyond_their_country(kb: KnowledgeBase, name: str, prominent: bool) -> None:
    place = kb.match_place(name)
    assert place is not None and kb.is_prominent(place) is prominent


@pytest.mark.parametrize(
    ("name", "country", "admin1"),
    [
        # spellings the ACLED spelling table gives for a division, which neither ISO nor GeoNames use
        ("Saada", "Yemen", "Sadah"),
        ("Sa’ada", "Yemen", "Sadah"),
        ("Naypyitaw", "Myanmar", "Nay Pyi Taw"),
        ("Hodeidah", "Yemen", "Al Hudaydah"),
    ],
)
def test_the_spelling_tables_variants_name_their_division(kb: KnowledgeBase, name: str, country: str, admin1: str) -> None:
    place = kb.match_place(name, exact=True)
    assert place is not None, name
    assert (place.country, kb.admin1_of(place)) == (country, admin1)


@pytest.mark.parametrize("country", [None, "Syria"])
def test_a_town_written_with_a_short_vowel_more_is_found(kb: KnowledgeBase, country: str | None) -> None:
    # GeoNames writes the Idlib village "Bdama"; news writes "Bidama"
    place = kb.match_place("Bidama", country=country, exact=True)
    assert place is not None and (place.name, place.country, place.admin1) == ("Bdama", "Syria", "Idleb")


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Bidama", "Iraq"),  # the variant is in another country
        ("Bidamo", None),  # a vowel changed at the end, not put in
        ("Kyarsi", None),  # "kiarsi" is not "kirsi" (Kersey): a vowel joined to another is no short vowel
    ],
)
def test_vowel_variants_make_no_false_friends(kb: KnowledgeBase, name: str, country: str | None) -> None:
    assert kb.match_place(name, country=country, exact=True) is None


def test_world_town_tables_are_stored_most_populous_first() -> None:
    # WorldTowns reads the tables in their order: within one name the most populous town wins
    # (and a town of the first table comes before a village of the second, whatever GeoNames says
    # of its population)
    import gzip
    from importlib import resources

    for table in ("data/world_cities.tsv.gz", "data/world_villages.tsv.gz"):
        path = resources.files("eventledger.kb").joinpath(table)
        with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
            people = [int(line.split("\t")[6]) for line in handle.read().split("\n")[1:] if line]
        assert people == sorted(people, reverse=True)


def test_row_index_keeps_every_row_of_a_name_in_table_order() -> None:
    from eventledger.kb.places import _RowIndex

    index = _RowIndex()
    index.add(["tripoli", "kano", "tripoli", "zaria"], 0)
    index.add(["kano", "bida", "bida", "tripoli"], 4)
    assert index.get("tripoli") == [0, 2, 7]
    assert index.get("kano") == [1, 4]
    assert index.get("bida") == [5, 6]
    assert index.get("zaria") == [3]
    assert index.get("lagos") == []
    index.get("tripoli").append(99)  # a caller's list is its own
    assert index.get("tripoli") == [0, 2, 7]


def test_towns_of_a_country_the_kb_does_not_name_are_left_out(kb: KnowledgeBase) -> None:
    # Kosovo's towns are in GeoNames' table, but the knowledge base has no country name for XK
    towns = kb.world_towns()
    assert towns is not None
    from eventledger.kb import normalize_name

    assert [e.place.name for e in towns.lookup(normalize_name("Pristina"))] == []
    assert [e.place.name for e in towns.lookup(normalize_name("Prizren"))] == []
    assert towns.lookup(normalize_name("Eldoret"))[0].place.country == "Kenya"


@pytest.mark.parametrize(
    ("name", "country", "expected"),
    [
        ("Niger", None, ("Niger", "Nigeria")),  # the state, though a country bears the name
        ("Mexico", "Mexico", ("Mexico", "Mexico")),
        ("Chihuahua", None, ("Chihuahua", "Mexico")),  # not the state's capital
        ("Niger", "Niger", None),  # no division of Niger is called Niger
        ("Xqzwv", None, None),
    ],
)
def test_match_division_finds_only_first_level_divisions(
    kb: KnowledgeBase, name: str, country: str | None, expected: tuple[str, str] | None
) -> None:
    found = kb.match_division(name, country=country)
    assert (None if found is None else (found.admin1, found.country)) == expected
    assert found is None or found.kind == "admin1"


@pytest.mark.parametrize("name", ["House", "Northwest", "Northeast"])
def test_an_ordinary_word_is_no_foreign_place_whose_folded_name_it_shares(kb: KnowledgeBase, name: str) -> None:
    # folded, "House" is Romania's "Husi"; "Northwest" and "Northeast" are regions of Iceland and of no one else
    assert kb.match_place(name) is None


@pytest.mark.parametrize(
    ("name", "country"),
    [("Sinai", "Egypt"), ("Darfur", "Sudan"), ("Kordofan", "Sudan"), ("Kivu", "Democratic Republic of Congo"),
     ("the Sinai", "Egypt"), ("the Darfur region", "Sudan")],
)
def test_a_region_that_the_divisions_of_one_country_halve_is_that_country(kb: KnowledgeBase, name: str, country: str) -> None:
    # no place bears the name alone, but North and South (East, West, Central) divisions of one country do
    place = kb.match_place(name)
    assert place is not None and (place.kind, place.country) == ("country", country)
    assert kb.match_place(f"North {name}") != place  # the division itself is still the division


def test_a_towns_own_spelling_is_the_town_not_the_region_it_folds_to(kb: KnowledgeBase) -> None:
    # "Sinnai" is a Sardinian town's own name, though it folds onto "Sinai"
    place = kb.match_place("Sinnai")
    assert place is not None and (place.country, place.admin1) == ("Italy", "Sardinia")
