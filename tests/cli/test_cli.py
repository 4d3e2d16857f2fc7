"""The CLI: --db everywhere, --json documents with the models' fields, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from eventledger.cli import app

runner = CliRunner()

ARTICLE = """Rockets hit near Baghdad airport

November 3, 2020

BAGHDAD (Test Wire) — Three rockets landed near Baghdad International Airport late on Monday,
wounding two contractors, according to a statement from the security media cell.
"""


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "blob.bin").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    return folder


def test_ingest_stores_articles_and_records_failures(tmp_path, corpus):
    db = str(tmp_path / "cli.db")
    code, out, _ = invoke("ingest", str(corpus), "--no-process", "--db", db, "--json")
    assert code == 0
    summary = json.loads(out)
    assert summary["ingest"]["added"] == 1
    assert summary["ingest"]["failures"] == 2
    assert summary["store"]["articles"] == 1

    code, out, _ = invoke("failures", "--db", db, "--json")
    reasons = {Path(f["source"]).name: f["reason"] for f in json.loads(out)["failures"]}
    assert set(reasons) == {"empty.txt", "blob.bin"}
    assert all(reason and "\n" not in reason for reason in reasons.values())


def test_ingest_takes_a_saved_files_address_and_outlet(tmp_path):
    page = tmp_path / "saved.txt"
    page.write_text(ARTICLE.replace("November 3, 2020\n\n", "").replace(" (Test Wire)", ""), encoding="utf-8")
    db = str(tmp_path / "cli.db")
    code, _, err = invoke("ingest", str(page), "--no-process", "--db", db,
                          "--url", "https://example.test/world/2020/11/03/rockets/", "--outlet", "Example Post")
    assert code == 0, err
    code, out, _ = invoke("articles", "--db", db, "--json")
    (article,) = json.loads(out)["articles"]
    assert (article["published"], article["outlet"]) == ("2020-11-03", "Example Post")
    assert article["url"] == "https://example.test/world/2020/11/03/rockets/"


def test_ingest_url_of_a_folder_is_one_clear_error(tmp_path, corpus):
    code, _, err = invoke("ingest", str(corpus), "--no-process", "--db", str(tmp_path / "cli.db"),
                          "--url", "https://example.test/2020/11/03/x")
    assert code == 1
    assert err.startswith("error: --url and --outlet describe one saved file")


def test_list_and_show_print_json_with_the_models_fields(tmp_path, corpus):
    db = str(tmp_path / "cli.db")
    invoke("ingest", str(corpus), "--no-process", "--db", db)
    code, out, _ = invoke("articles", "--db", db, "--json")
    assert code == 0
    listed = json.loads(out)["articles"]
    assert len(listed) == 1
    fields = {"id", "text", "title", "url", "outlet", "published", "lang", "source", "format", "duplicate_of"}
    assert fields <= set(listed[0])
    assert listed[0]["published"] == "2020-11-03"
    assert listed[0]["outlet"] == "Test Wire"

    code, out, _ = invoke("article", listed[0]["id"], "--db", db, "--json")
    assert code == 0
    assert json.loads(out)["article"]["id"] == listed[0]["id"]

    code, out, _ = invoke("stats", "--db", db, "--json")
    assert json.loads(out)["articles"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["article", "no-such-id"], "no article with id 'no-such-id'"),
        (["show", "no-such-event"], "no event with id 'no-such-event'"),
        (["articles", "--since", "yesterday"], "is not a date"),
        (["events", "--month", "2020-13"], "is not a month"),
    ],
)
def test_errors_are_one_line_and_a_non_zero_exit(tmp_path, corpus, args, message):
    invoke("ingest", str(corpus), "--no-process", "--db", str(tmp_path / "cli.db"))
    code, out, err = invoke(*args, "--db", str(tmp_path / "cli.db"))
    assert code == 1
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("error: ")


def test_an_unusable_database_is_one_clear_line(tmp_path):
    code, _, err = invoke("stats", "--db", "postgresql://nobody:x@127.0.0.1:1/none")
    assert code == 1
    assert err.startswith("error: cannot open database")


def test_seed_articles_ingest_with_their_metadata_and_no_furniture(tmp_path, shared_dir):
    gold = yaml.safe_load((shared_dir / "eval/seeds/gold.yaml").read_text(encoding="utf-8"))
    db = str(tmp_path / "seeds.db")
    code, out, err = invoke("ingest", str(shared_dir / "corpus/seeds"), "--no-process", "--db", db, "--json")
    assert code == 0, err
    assert json.loads(out)["ingest"]["added"] == 4
    _, out, _ = invoke("articles", "--db", db, "--json")
    stored = {Path(a["source"]).stem: a for a in json.loads(out)["articles"]}
    for document in gold["documents"]:
        article = stored[document["id"]]
        expected = document["published"]
        assert article["published"] == (str(expected) if expected else None), document["id"]
        raw = (shared_dir / "corpus/seeds" / f"{document['id']}.txt").read_text(encoding="utf-8")
        if document["outlet"] in raw[:400]:  # the outlet is stated only where the text names it
            assert article["outlet"] == document["outlet"], document["id"]
        else:
            assert article["outlet"] is None, document["id"]
        for trap in gold["boilerplate_traps"].get(document["id"], []):
            assert trap not in article["text"]
        for trap in ["Spread the love", "Previous Article", "Next Article", "Related Posts", "Total 0 Share", "A- A A +"]:
            assert trap not in article["text"]
    code, out, _ = invoke("ingest", str(shared_dir / "corpus/seeds"), "--no-process", "--db", db, "--json")
    assert json.loads(out)["ingest"]["added"] == 0
    assert json.loads(out)["store"]["articles"] == 4


def test_article_says_how_an_undated_article_was_dated(tmp_path):
    import datetime as dt

    from eventledger.models import Article, ArticleExtraction
    from eventledger.store import open_store

    db = str(tmp_path / "anchored.db")
    copied = Article.create("Militia leaders met the envoy last week.", title="Envoy meets militias")
    rewrite = Article.create("The envoy came back to Baghdad.", title="Envoy returns")
    with open_store(db) as store:
        store.add_articles([copied, rewrite])
        store.save_extractions([
            ArticleExtraction(article_id=copied.id, anchor_date=dt.date(2020, 11, 24), anchor_source="x: Rudaw, “Envoy meets militias”"),
            ArticleExtraction(article_id=rewrite.id, anchor_date=dt.date(2020, 11, 17), anchor_source="event ev_1: reports the event of 2020-11-17"),
        ])
    code, out, _ = invoke("article", copied.id, "--db", db)
    assert code == 0 and "dated: 2020-11-24 (from x: Rudaw" in out
    code, out, _ = invoke("article", rewrite.id, "--db", db)
    assert code == 0 and "dated: on or after 2020-11-17" in out
    code, out, _ = invoke("article", rewrite.id, "--db", db, "--json")
    assert json.loads(out)["extraction"]["anchor_date"] == "2020-11-17"


def test_an_input_named_on_the_command_line_that_cannot_be_read_fails_the_command(tmp_path, corpus):
    db = str(tmp_path / "cli.db")
    missing = str(tmp_path / "nowhere.txt")
    code, out, err = invoke("ingest", missing, str(corpus / "one.txt"), "--no-process", "--db", db)
    assert code == 1
    assert "1 of 2 inputs" in err and "nowhere.txt" in err
    assert "1 new" in out  # what could be read is stored all the same
    # a bad file inside a named folder is recorded, not a failure of the command
    code, _, _ = invoke("ingest", str(corpus), "--no-process", "--db", db)
    assert code == 0


@pytest.mark.parametrize(
    "command",
    [["events"], ["articles"], ["stats"], ["stories"], ["failures"], ["tally"], ["show", "x"], ["article", "x"],
     ["export"], ["extract"], ["link"]],
)
def test_a_command_on_a_store_that_does_not_exist_says_so_and_creates_nothing(tmp_path, command):
    db = tmp_path / "typo.db"
    code, out, err = invoke(*command, "--db", str(db))
    assert code == 1
    assert err.startswith("error: no store at") and "Traceback" not in err + out
    assert not db.exists()


def test_tally_by_an_unknown_dimension_is_a_one_line_error(tmp_path, corpus):
    db = str(tmp_path / "cli.db")
    invoke("ingest", str(corpus), "--no-process", "--db", db)
    code, out, err = invoke("tally", "--by", "week", "--db", db)
    assert code == 1
    assert "cannot tally by week" in err and "month" in err and "Traceback" not in err + out


def test_database_passwords_are_never_printed(tmp_path):
    code, out, err = invoke("stats", "--db", "postgresql://analyst:hunter2@127.0.0.1:1/ledger")
    assert code == 1
    assert "hunter2" not in out + err and "analyst:***@" in err


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("postgresql+psycopg://bob:s3cret@db:5432/x failed", "postgresql+psycopg://bob:***@db:5432/x failed"),
        ("see https://example.org/a?q=b:c@d", "see https://example.org/a?q=b:c@d"),
        ("postgres://:only-password@host/db", "postgres://:***@host/db"),
    ],
)
def test_redact_credentials(text, redacted):
    from eventledger.settings import redact_credentials

    assert redact_credentials(text) == redacted


def test_a_broken_knowledge_base_is_one_line_and_a_non_zero_exit(tmp_path, broken_kb):
    from eventledger.store import open_store

    open_store(str(tmp_path / "empty.db")).close()
    code, out, err = invoke("export", "--format", "acled", "--db", str(tmp_path / "empty.db"))
    assert code == 1 and out == ""
    message = " ".join(err.split())  # Rich wraps long lines at the terminal's width
    assert message.startswith("error: knowledge base file") and broken_kb in message and err.count("error") == 1


@pytest.mark.parametrize("text", ["%", "_", "%%"])
def test_text_filters_are_not_wildcards(tmp_path, corpus, text):
    db = str(tmp_path / "cli.db")
    invoke("ingest", str(corpus), "--no-process", "--db", db)
    assert len(json.loads(invoke("articles", "--db", db, "--json")[1])["articles"]) == 1
    code, out, _ = invoke("articles", "--db", db, "--json", "--text", text)
    assert code == 0 and json.loads(out)["articles"] == []



COMPARE = Path(__file__).parent.parent / "fixtures" / "compare"  # our own articles: see tests/analyze/test_compare.py


def at_80(*args: str) -> tuple[int, str, str]:
    """A command as a terminal of 80 columns shows it."""
    result = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    return result.exit_code, result.stdout, result.stderr


def widest(text: str) -> int:
    return max((len(line.rstrip()) for line in text.splitlines()), default=0)


@pytest.fixture(scope="module")
def compare_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("cli-compare") / "compare.db")
    assert invoke("ingest", str(COMPARE), "--db", db)[0] == 0
    return db


def _event_id(db: str, kind: str, date: str) -> str:
    listed = json.loads(invoke("events", "--db", db, "--kind", kind, "--json")[1])["events"]
    return next(e["id"] for e in listed if e["date"] == date)


def test_compare_prints_the_attacks_per_month_around_a_ceasefire(compare_db):
    code, out, _ = at_80("compare", _event_id(compare_db, "ceasefire", "2021-03-10"), "--db", compare_db,
                         "--before", "1", "--after", "1")
    assert code == 0
    rows = {cells[0]: cells[-4:] for cells in (line.split() for line in out.splitlines())
            if len(cells) >= 5 and all(c.isdigit() for c in cells[-4:])}
    assert rows["2021-02"] == ["1", "0", "1", "2"]  # by them, by others, unattributed, total
    assert rows["2021-03"] == ["0", "1", "0", "1"]
    assert rows["2021-04"] == ["1", "0", "0", "1"]
    assert rows["after"] == ["1", "0", "0", "1"]
    assert '"by them": by Kataib Hezbollah' in out
    assert "2021-03-19 Kirkuk by Islamic State, after the event" in " ".join(out.split())
    assert widest(out) <= 80
    code, _, err = invoke("compare", _event_id(compare_db, "ceasefire", "2021-03-10"), "--db", compare_db, "--by", "year")
    assert code == 1 and "compare by week or month" in err


def test_events_show_and_tally_print_names_not_ids(compare_db):
    _, events_out, _ = at_80("events", "--db", compare_db)
    _, show_out, _ = at_80("show", _event_id(compare_db, "attack", "2021-04-12"), "--db", compare_db)
    _, tally_out, _ = at_80("tally", "--by", "actor", "--kind", "attack", "--db", compare_db)
    for out in (events_out, show_out, tally_out):
        assert "Kataib Hezbollah" in out
        assert "kataib_hezbollah" not in out
        assert widest(out) <= 80
    assert "Islamic State" in tally_out and "islamic_state" not in tally_out


def test_tables_fold_long_cells_instead_of_cutting_them(compare_db):
    code, out, _ = at_80("events", "--db", compare_db)
    assert code == 0 and widest(out) <= 80
    assert "…" not in out
    listed = json.loads(invoke("events", "--db", compare_db, "--json")[1])["events"]
    for event in listed:
        assert event["id"] in out  # ids whole, on one line
    # a long cell goes on over lines, every word of it whole: the continuation lines hold only it
    lines = out.splitlines()
    first = next(i for i, line in enumerate(lines) if "Shelling/artillery/missile" in line and "2021-04-12" in line)
    cell = " ".join(lines[first].split()[2:-4] + [w for line in lines[first + 1 : first + 4] for w in line.split()])
    assert cell == "Shelling/artillery/missile attack — Baghdad International Airport, Baghdad · Kataib Hezbollah"


def test_a_capped_list_says_how_many_it_shows_of_all(compare_db):
    _, out, _ = at_80("events", "--db", compare_db, "--limit", "2")
    assert "2 of 5 events" in out
    _, out, _ = at_80("articles", "--db", compare_db, "--limit", "3")
    assert "3 of 5 articles" in out
    _, out, _ = at_80("events", "--db", compare_db)
    assert " of 5 events" not in out


@pytest.mark.parametrize(
    ("text", "width", "cut"),
    [
        ("Rockets hit the airport", 50, "Rockets hit the airport"),
        ("Rockets hit the airport road at night", 20, "Rockets hit the…"),
        ("Rockets hit the airport road at night", 16, "Rockets hit the…"),
        ("Rockets  hit\nthe airport", 50, "Rockets hit the airport"),
        ("Supercalifragilistic expialidocious", 12, "Supercalifr…"),  # one long word: cut inside it
        ("Rockets hit, then mortars", 13, "Rockets hit…"),
    ],
)
def test_shorten_cuts_at_a_word_boundary(text, width, cut):
    from eventledger.cli import shorten

    assert shorten(text, width) == cut
    assert len(shorten(text, width)) <= width


def test_long_titles_and_evidence_are_cut_at_a_word_boundary(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    title = "Rockets strike a base near the airport as officials warn of further attacks on supply convoys"
    body = " ".join(["Kataib Hezbollah fired three rockets at Balad air base on Monday, wounding one contractor,"]
                    + ["officials said, adding that the launchers were found in an orchard near the highway."] * 6)
    (folder / "long.txt").write_text(f"{title}\n\nFebruary 15, 2021\n\n{body}\n", encoding="utf-8")
    db = str(tmp_path / "long.db")
    assert invoke("ingest", str(folder), "--db", db)[0] == 0
    _, out, _ = at_80("articles", "--db", db)
    assert "warn of…" in " ".join(out.split()) or "of further…" in " ".join(out.split())
    _, out, _ = at_80("show", json.loads(invoke("events", "--db", db, "--json")[1])["events"][0]["id"], "--db", db)
    flat = " ".join(out.split())
    assert "…" in flat and widest(out) <= 80
    before = flat[: flat.index("…")].split()[-1]
    assert before.strip(",.") in body.split() or before in body.split()  # the last word before … is whole


def test_counts_say_1_failure_not_1_failures(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    code, out, _ = invoke("ingest", str(folder), "--db", str(tmp_path / "one.db"))
    assert code == 0
    assert "1 article read" in out and "1 failure " in out and "1 failure recorded" in out
    assert "1 failures" not in out and "1 articles" not in out and "1 reports" not in out


def test_the_progress_says_the_model_loads_instead_of_counting_from_zero(tmp_path):
    from eventledger.cli import progress_line
    from eventledger.pipeline import Pipeline
    from eventledger.settings import Settings
    from eventledger.store import open_store

    assert progress_line("load", 0, None) == ("loading the language model…", "", None)
    assert progress_line("extract", 3, 15) == ("extracting", "3/15", 15)
    told: list[tuple[str, int]] = []
    db = str(tmp_path / "progress.db")
    with open_store(db) as store:
        Pipeline(store, Settings(db=db), progress=lambda stage, done, total: told.append((stage, done))).run(
            [str(COMPARE / "02_balad.txt")]
        )
    stages = [stage for stage, _ in told]
    assert stages.index("load") < stages.index("extract")
    assert ("extract", 0) not in told  # no "extracting 0/N" while the model loads


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (["events", "--kind", "attacks"], "attack, riot, order"),
        (["events", "--sub-event-type", "Rockets"], "Armed clash"),
        (["tally", "--kind", "bombing"], "attack, riot, order"),
        (["export", "--kind", "Attack"], "attack, riot, order"),
        (["failures", "--stage", "link"], "ingest, extract"),
        (["tally", "--by", "week"], "month"),
    ],
)
def test_option_values_are_checked_against_the_allowed_ones(compare_db, args, allowed):
    code, out, err = invoke(*args, "--db", compare_db)
    assert code == 1
    assert err.startswith("error: ") and allowed in err and len(err.strip().splitlines()) == 1


def test_show_names_claimants_once_per_outlet_and_folds_its_lines(tmp_path):
    from eventledger.models import Claim, Event
    from eventledger.store import open_store

    db = str(tmp_path / "claims.db")
    claims = (Claim("kataib_hezbollah", "denied", "r1", "Test Wire"), Claim("kataib_hezbollah", "denied", "r2", "Test Wire"),
              Claim("unk:abu_ali_basri", "claimed", "r3", "Other Wire"))
    with open_store(db) as store:
        store.save_events([Event(id="ev-c", kind="attack", report_ids=("r1", "r2", "r3"), date="2021-02-15",
                                 actors=tuple(f"unk:group_number_{i}" for i in range(12)),
                                 claims=claims)])
    code, out, _ = at_80("show", "ev-c", "--db", db)
    assert code == 0 and widest(out) <= 80
    assert out.count("denied: Kataib Hezbollah (via Test Wire)") == 1
    assert "claimed: abu ali basri (via Other Wire)" in out and "unk:" not in out
    assert "killed: not reported" in out


def test_a_generic_actor_is_named_after_the_events_country_not_the_kbs(tmp_path):
    from eventledger.models import Event
    from eventledger.store import open_store

    db = str(tmp_path / "generic.db")
    with open_store(db) as store:
        store.save_events([Event(id="ev-mali", kind="attack", report_ids=("r1",), date="2022-03-04", country="Mali",
                                 actors=("civilians", "unk:katiba_macina"))])
    _, show_out, _ = at_80("show", "ev-mali", "--db", db)
    _, events_out, _ = at_80("events", "--db", db)
    for out in (show_out, events_out):
        assert "Civilians (Mali)" in out and "(Iraq)" not in out
