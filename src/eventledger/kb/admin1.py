"""ACLED's spelling of first-level divisions, for every country.

The gazetteer reads division names from pycountry (ISO 3166-2: "Banaadir", "Bayrut", "Islāmābād")
and from GeoNames ("Banaadir", "Beyrouth", "Islamabad"); ACLED writes "Banadir", "Beirut",
"Federal Capital Territory". :class:`Admin1Spelling` maps any of these, within one country, onto
ACLED's name, from ``data/admin1_acled.yaml`` (the names that differ by more than folding), and
says whether two names written without a country may denote one division (for scoring).

Names are compared by :func:`admin1_key`: the KB's transliteration folding, doubled vowels made
single ("Banaadir" = "Banadir", "Hiiraan" = "Hiraan") and generic words ("province", "region",
"governorate") left out.
"""

from __future__ import annotations

import re
from functools import lru_cache

from eventledger.kb.files import read_data
from eventledger.kb.normalize import normalize_name

_DOUBLED_VOWEL = re.compile(r"([aeiou])\1+")
WHOLE_COUNTRY = "*"  # a variant that maps every division of a country onto one name


@lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    return frozenset(normalize_name(w) for w in read_data("admin1_acled.yaml")["generic_words"])


@lru_cache(maxsize=16384)
def admin1_key(name: str) -> str:
    """The comparison key of a division name ("Banaadir Region" and "Banadir" give one key)."""
    key = normalize_name(name.replace("/", " "))
    words = [w for w in key.split() if w not in _generic_words()]
    return _DOUBLED_VOWEL.sub(r"\1", " ".join(words) if words else key)


class Admin1Spelling:
    """ACLED's spelling of the divisions of each country.

    ``country_names``: ISO alpha-2 code -> the country's name as in ``Place.country``.
    """

    def __init__(self, table: dict[str, dict[str, list[str]]], country_names: dict[str, str]):
        self._by_country: dict[str, dict[str, str]] = {}
        self._whole: dict[str, str] = {}
        self._variants: dict[str, dict[str, tuple[str, ...]]] = {}
        # any country: key -> the (country, ACLED name) pairs it may denote
        self._anywhere: dict[str, set[tuple[str, str]]] = {}
        for code, divisions in table.items():
            country = country_names.get(code, code)
            index = self._by_country.setdefault(country, {})
            for acled, variants in divisions.items():
                names = [str(v) for v in variants or ()]
                if WHOLE_COUNTRY in names:
                    self._whole[country] = acled
                    names.remove(WHOLE_COUNTRY)
                self._variants.setdefault(country, {})[acled] = tuple(names)
                for name in [acled, *names]:
                    index[admin1_key(name)] = acled
                    self._anywhere.setdefault(admin1_key(name), set()).add((country, acled))

    def acled(self, country: str | None, name: str | None) -> str | None:
        """ACLED's name for the division ``name`` of ``country`` (the name itself when the table
        has no other spelling of it)."""
        if not name or country is None:
            return name
        if country in self._whole:
            return self._whole[country]
        return self._by_country.get(country, {}).get(admin1_key(name), name)

    def variants(self, country: str) -> dict[str, tuple[str, ...]]:
        """ACLED's name -> the other spellings the table gives, for one country."""
        return self._variants.get(country, {})

    def same(self, a: str | None, b: str | None) -> bool:
        """Whether two division names, countries unknown, may denote one division: one key, or
        two spellings the table gives for one division of one country."""
        if not a or not b:
            return False
        key_a, key_b = admin1_key(a), admin1_key(b)
        if key_a == key_b:
            return True
        return bool(self._anywhere.get(key_a, set()) & self._anywhere.get(key_b, set()))


def build_spelling(country_names: dict[str, str]) -> Admin1Spelling:
    """The spelling table of ``data/admin1_acled.yaml`` for countries named as in ``country_names``."""
    table = read_data("admin1_acled.yaml")["countries"]
    return Admin1Spelling({str(k): v for k, v in table.items()}, country_names)


@lru_cache(maxsize=1)
def table_spelling() -> Admin1Spelling:
    """The table with countries named by ISO code only (enough for :meth:`Admin1Spelling.same`)."""
    return build_spelling({})

