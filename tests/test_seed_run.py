"""The main job over the four seed articles (../shared, when present), in any order.

What the linking issue asks of the seeds, checked on the real pipeline (ingest -> extract ->
anchor undated articles -> link): one event per real-world event whatever the order or batches
the articles arrive in, and the monthly attack tally of the incident log.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventledger.analyze.tally import tally
from eventledger.pipeline import Pipeline
from eventledger.settings import Settings
from eventledger.store import open_store

pytestmark = pytest.mark.slow

# file name prefixes of the seed articles (ids of the gold documents)
A0, A1, A2, A3 = "000_", "001_", "002_", "003_"


def _seed_files(shared_dir: Path) -> dict[str, str]:
    folder = shared_dir / "corpus" / "seeds"
    files = {p.name[:4]: str(p) for p in sorted(folder.glob("*.txt"))}
    if set(files) != {A0, A1, A2, A3}:
        pytest.skip("the four seed articles are not in ../shared/corpus/seeds")
    return files


def _run(db: str, batches: list[list[str]]) -> None:
    with open_store(db) as store:
        for batch in batches:
            Pipeline(store, Settings(db=db)).run(batch)


def _events(db: str) -> list[tuple[str, str | None, str | None, str | None, frozenset[str], frozenset[tuple[str, str]]]]:
    """Each event as (kind, date, admin1, place, seed files of its reports, claims)."""
    with open_store(db) as store:
        source = {row["id"]: row for row in store.article_metadata()}
        files = {a.id: Path(a.source or "").name[:4] for a in store.iter_articles()}
        reports = {r.id: r for r in store.list_reports()}
        out = []
        for e in store.list_events(limit=None):
            documents = frozenset(files[reports[r].article_id] for r in e.report_ids)
            claims = frozenset((c.actor_id, c.stance) for c in e.claims)
            out.append((e.kind, e.date, e.admin1, e.place, documents, claims))
        assert len(source) == 4
        return sorted(out, key=repr)


@pytest.fixture(scope="module")
def seed_runs(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    files = _seed_files(shared_dir)
    folder = tmp_path_factory.mktemp("seeds")
    orders = {
        "one_go": [[files[A0], files[A1], files[A2], files[A3]]],
        "reversed_singly": [[files[A3]], [files[A2]], [files[A1]], [files[A0]]],
        "undated_last": [[files[A2], files[A3]], [files[A1], files[A0]]],
    }
    dbs = {}
    for name, batches in orders.items():
        dbs[name] = str(folder / f"{name}.db")
        _run(dbs[name], batches)
    return dbs


def test_the_order_of_arrival_does_not_change_the_events(seed_runs: dict[str, str]) -> None:
    first = _events(seed_runs["one_go"])
    for name, db in seed_runs.items():
        assert _events(db) == first, name


def test_the_november_green_zone_attack_is_one_event_of_three_reports(seed_runs: dict[str, str]) -> None:
    events = _events(seed_runs["one_go"])
    green = [e for e in events if e[0] == "attack" and e[3] == "Green Zone"]
    november = [e for e in green if (e[1] or "").startswith("2020-11")]
    assert len(november) == 1
    _, date, admin1, _, documents, claims = november[0]
    assert (date, admin1, documents) == ("2020-11-17", "Baghdad", frozenset({A0, A1, A3}))
    assert claims == {("ashab_al_kahf", "claimed"), ("kataib_hezbollah", "denied")}
    # the December attack on the Green Zone is another event
    assert [e[4] for e in green if (e[1] or "").startswith("2020-12")] == [frozenset({A3})]


def test_the_truce_and_the_november_visit_are_one_event_each(seed_runs: dict[str, str]) -> None:
    events = _events(seed_runs["one_go"])
    truce = [e for e in events if e[0] == "ceasefire"]
    assert [(e[1], e[4]) for e in truce] == [("2020-10-11", frozenset({A0, A1, A2, A3}))]
    visits = [e for e in events if e[0] == "meeting" and e[2] == "Baghdad" and (e[1] or "").startswith("2020-11")]
    assert [(e[1], e[4]) for e in visits] == [("2020-11-18", frozenset({A0, A1, A3}))]


def test_look_alike_convoy_bombings_stay_apart_and_the_tally_counts_events(seed_runs: dict[str, str]) -> None:
    events = _events(seed_runs["one_go"])
    december = [e for e in events if e[0] == "attack" and (e[1] or "").startswith("2020-12")]
    assert sum(1 for e in december if e[2] == "Dhi Qar") == 2
    assert sum(1 for e in december if e[2] == "Muthanna") == 2
    with open_store(seed_runs["one_go"]) as store:
        rows = tally(store.list_events(limit=None), by=["month"], kind="attack")["rows"]
    counts = {row["month"]: row["count"] for row in rows}
    assert counts == {"2020-10": 7, "2020-11": 1, "2020-12": 8}
