"""The actor registry: the KB's actors without the gazetteer, and one clear error for broken data."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from eventledger.datafiles import load_yaml
from eventledger.errors import KnowledgeBaseError
from eventledger.kb import KnowledgeBase, load_actors, load_kb
from eventledger.kb.actors import build_actors
from eventledger.kb.places import own_military


def test_the_registry_holds_the_knowledge_bases_actors(kb: KnowledgeBase) -> None:
    assert load_actors().actors == kb.actors
    assert load_actors() is load_actors()


@pytest.mark.parametrize(
    "name", ["Esmail Ghaani", "Iranian General Esmail Ghaani", "Kataib Hezbollah", "Abu Ali al-Basri", "IS", "is"]
)
def test_the_registry_matches_names_as_the_knowledge_base_does(kb: KnowledgeBase, name: str) -> None:
    assert load_actors().match_actor(name) == kb.match_actor(name)
    assert load_actors().actor_id(name) == kb.actor_id(name)


@pytest.mark.parametrize(("name", "outlet_id"), [("AP", "ap"), ("apnews.com", "ap"), ("Middle East Eye", "mee"), ("Baghdad", None)])
def test_the_registry_finds_outlets(name: str, outlet_id: str | None) -> None:
    found = load_actors().outlet(name)
    assert (found.id if found else None) == outlet_id


def test_people_are_the_actors_of_kind_person() -> None:
    people = load_actors().ids_of_kind("person")
    assert "qaani" in people and "kataib_hezbollah" not in people


def test_loading_the_registry_imports_neither_spacy_nor_the_gazetteer() -> None:
    code = (
        "import sys; from eventledger.kb import load_actors; load_actors(); "
        "print(sorted(m for m in ('spacy', 'pycountry') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_missing_data_file_is_one_knowledge_base_error(broken_kb: str) -> None:
    for load in (load_actors, load_kb):
        with pytest.raises(KnowledgeBaseError, match=broken_kb):
            load()


def _with_actors(monkeypatch: pytest.MonkeyPatch, rows: Any) -> None:
    """Make kb/data/actors.yaml hold ``rows`` (the other files stay as shipped)."""

    def replaced(package: str, name: str) -> Any:
        return {"actors": rows} if name == "actors.yaml" else load_yaml(package, name)

    monkeypatch.setattr("eventledger.kb.files.load_yaml", replaced)


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        ([{"id": "x", "kind": "person"}], r"actors.yaml .*malformed \(missing key 'name'\)"),
        ([{"id": "x", "name": "X", "kind": "person"}, {"id": "x", "name": "Y", "kind": "person"}], "'x' is defined twice"),
        (
            [
                {"id": "first", "name": "Kataib Hezbollah", "kind": "armed_group"},
                {"id": "second", "name": "Kata'ib Hizbollah", "kind": "armed_group"},
            ],
            "already an alias of 'first'",
        ),
        ("not a list", "actors.yaml .*malformed"),
    ],
)
def test_malformed_actors_are_one_knowledge_base_error(monkeypatch: pytest.MonkeyPatch, rows: Any, problem: str) -> None:
    _with_actors(monkeypatch, rows)
    with pytest.raises(KnowledgeBaseError, match=problem):
        build_actors()


@pytest.mark.parametrize(
    ("name", "actor_id"),
    [
        ("Malian army", "fama"),
        ("FAMa", "fama"),
        ("Taliban fighters", "taliban"),
        ("Tatmadaw", "tatmadaw"),
        ("Myanmar junta", "tatmadaw"),
        ("ELN", "eln"),
        ("Russian Defence Ministry", "russia_military"),
        ("Hong Kong police", "hk_police"),
        ("Islamic Jihad", "pij"),
        ("Central Reserve Police Force", "crpf"),
        ("People's Defence Force", "pdf"),  # Myanmar's resistance
        ("People's Defence Forces", "pkk"),  # the PKK's armed wing, another actor
        ("Saudi-led coalition", "saudi_military"),
    ],
)
def test_the_knowledge_base_knows_the_actors_of_conflicts_beyond_iraq(kb: KnowledgeBase, name: str, actor_id: str) -> None:
    assert kb.actor_id(name) == actor_id


@pytest.mark.parametrize("name", ["al-Shabaab", "Al-Shabab", "al Shabaab", "Alshabab", "Shabab militants"])
def test_the_spellings_of_al_shabaab_are_one_group(kb: KnowledgeBase, name: str) -> None:
    found = kb.match_actor(name)
    assert found is not None and found.id == "al_shabaab"


def test_a_countrys_military_is_the_state_force_named_military_forces_of_it() -> None:
    registry = load_actors()
    assert registry.national_military("ML") == "fama"
    assert registry.national_military("IQ") == "iraqi_security_forces"  # an alias names it so
    assert registry.national_military("NZ") is None
    assert own_military("fama", "Mali") and not own_military("fama", "Niger")
    assert not own_military("jnim", "Mali")
