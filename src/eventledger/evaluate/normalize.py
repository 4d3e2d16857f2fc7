"""Normal forms for comparing gold values with system values.

Names are folded (accents, case, punctuation, a leading Arabic article, "governorate"-like
suffixes) and first-level divisions are mapped onto one spelling per division from
``data/admin1.yaml``, so that GTD's "Saladin", the KB's "Salah ad-Din" and ACLED's
"Salah al-Din" compare equal.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from unidecode import unidecode

from eventledger import taxonomy
from eventledger.datafiles import load_yaml
from eventledger.kb.admin1 import table_spelling
from eventledger.models import Place

# the KB's match_place: a name -> the place it denotes, or None
PlaceMatcher = Callable[[str], Place | None]

_ARTICLE = re.compile(r"^(?:al|el|as|an|ad|at|ar|az|ash|the)\s+")
_SUFFIX = re.compile(r"\s+(?:governorate|province|county|district|region|state|muhafazat|oblast|department|prefecture)$")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def _data(name: str) -> Any:
    return load_yaml("eventledger.evaluate", name)


def fold(text: str | None) -> str:
    """Lower-case ASCII words separated by single spaces ("Al-Qādisiyyah" -> "al qadisiyyah")."""
    if not text:
        return ""
    ascii_text = unidecode(str(text)).lower().replace("'", "").replace("`", "")
    return _NON_WORD.sub(" ", ascii_text).strip()


def fold_name(text: str | None) -> str:
    """:func:`fold`, then without a leading article ("al", "the") or a trailing "province"."""
    folded = fold(text)
    folded = _SUFFIX.sub("", folded)
    return _ARTICLE.sub("", folded)


@functools.cache
def _admin1_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for divisions in _data("admin1.yaml").values():
        for canonical, variants in divisions.items():
            for name in [canonical, *(variants or [])]:
                index[fold_name(name)] = canonical
    return index


def canonical_admin1(name: str | None, match_place: PlaceMatcher | None = None) -> str | None:
    """The gold spelling of a first-level division, or None for no name.

    Known spellings come from ``data/admin1.yaml``. Otherwise, when ``match_place`` (the KB's
    ``match_place``) is given and resolves the name to a place with an ``admin1``, that admin1 is
    looked up in turn; failing both, the name itself is returned stripped.
    """
    if not name or not str(name).strip():
        return None
    index = _admin1_index()
    key = fold_name(name)
    if key in index:
        return index[key]
    place = match_place(name) if match_place is not None else None
    if place is not None:
        resolved = place.admin1 or (place.name if place.kind == "admin1" else None)
        if resolved and fold_name(resolved) in index:
            return index[fold_name(resolved)]
        if resolved:
            return str(resolved).strip()
    return str(name).strip()


def same_admin1(gold: str | None, system: str | None) -> bool:
    """Whether two names denote one first-level division (both must be given).

    Equal after folding (case, accents, apostrophes, a leading "al-"/"el-", a trailing
    "province"), after the KB's transliteration folding with doubled vowels made single and
    generic words left out ("Banaadir" = "Banadir Region"), or as two spellings the KB's table of
    ACLED's names gives for one division of one country ("Idlib" = "Idleb", "Islamabad" =
    "Federal Capital Territory").
    """
    if not gold or not system:
        return False
    wanted, found = canonical_admin1(gold), canonical_admin1(system)
    return fold_name(wanted) == fold_name(found) or table_spelling().same(wanted, found)


def same_place(gold: str | None, system: str | None, match_place: PlaceMatcher | None = None) -> bool:
    """Whether a system place name denotes the gold place.

    Equal after folding, or one folded name is the other followed or preceded by more words
    ("Green Zone" vs "the Green Zone in Baghdad"), or the KB resolves both to one place id.
    """
    a, b = fold_name(gold), fold_name(system)
    if not a or not b:
        return False
    if a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} ":
        return True
    if match_place is not None and gold and system:
        wanted, found = match_place(gold), match_place(system)
        return wanted is not None and found is not None and wanted.id == found.id
    return False


def same_text_value(gold: Any, system: Any) -> bool:
    """Equality of short coded values (weapon, sub-event type) after folding."""
    return bool(fold(gold)) and fold(gold) == fold(system)


def event_family(event_type: str | None, sub_event_type: str | None) -> str | None:
    """ACLED's event type, given directly or implied by the sub-event type."""
    if event_type:
        return event_type
    if not sub_event_type:
        return None
    for name in taxonomy.sub_event_types():
        if fold(name) == fold(sub_event_type):
            return taxonomy.event_type_of(name)
    return None


def case_label_of(sub_event_type: str | None, kind: str | None) -> str | None:
    """The CASE 2021 label a report's ACLED sub-event type (or, failing that, its kind) names."""
    if sub_event_type:
        for name in taxonomy.sub_event_types():
            if fold(name) == fold(sub_event_type):
                return taxonomy.case_label_of(name)
    return taxonomy.case_label_of_kind(kind) if kind else None


def no_prediction_label() -> str:
    """The label a row gets when the system says nothing about it."""
    return str(_data("labels.yaml")["no_prediction"])


def canonical_sub_event_type(name: str | None) -> str | None:
    """ACLED's spelling of a sub-event type ("armed clash" -> "Armed clash"), else the name."""
    if not name:
        return None
    for known in taxonomy.sub_event_types():
        if fold(known) == fold(name):
            return str(known)
    return str(name).strip()


def acled_name_of_case(case: str | None) -> str | None:
    """ACLED's sub-event type for a CASE label (None for CASE's five non-ACLED labels)."""
    return taxonomy.sub_event_type_of_case(case) if case is not None else None
