"""The seed gold's actors (shared/eval/seeds/gold.yaml): each alias resolves to the gold actor's id.

Skipped on a clone without the shared evaluation data beside it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from eventledger.kb import KnowledgeBase


def _gold_path() -> Path | None:
    candidates = [os.environ.get("EVENTLEDGER_SHARED", ""), "../shared", "/work/shared"]
    here = Path(__file__).resolve()
    candidates += [str(parent / "shared") for parent in here.parents]
    for base in candidates:
        if base and (Path(base) / "eval/seeds/gold.yaml").is_file():
            return Path(base) / "eval/seeds/gold.yaml"
    return None


GOLD = _gold_path()
pytestmark = pytest.mark.skipif(GOLD is None, reason="shared/eval/seeds/gold.yaml is not beside this clone")


@pytest.fixture(scope="module")
def gold_actors() -> list[dict]:
    assert GOLD is not None
    return yaml.safe_load(GOLD.read_text("utf-8"))["actors"]


def test_every_gold_alias_resolves_to_the_gold_id(kb: KnowledgeBase, gold_actors: list[dict]) -> None:
    wrong = []
    for actor in gold_actors:
        for alias in actor["aliases"]:
            found = kb.actor_id(alias)
            if found != actor["id"]:
                wrong.append((alias, actor["id"], found))
    assert wrong == []


def test_gold_actor_kinds_agree(kb: KnowledgeBase, gold_actors: list[dict]) -> None:
    # the gold calls the Quds Force an organization and the rest what the KB calls them
    for actor in gold_actors:
        assert kb.actors[actor["id"]].kind == actor["kind"], actor["id"]


def test_gold_outlets_are_outlets(kb: KnowledgeBase, gold_actors: list[dict]) -> None:
    for actor in gold_actors:
        if actor["kind"] == "outlet":
            for alias in actor["aliases"]:
                outlet = kb.outlet(alias)
                assert outlet is not None and outlet.id == actor["id"], alias
