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
