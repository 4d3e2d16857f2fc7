"""Properties of the CLI's options over generated values: whatever a user types after an option of
a read command (dates, kinds, names, numbers, junk, quotes, control characters), the command ends
with exit 0, 1 or 2 and no traceback, an error is one short line, a --json answer parses, and the
store is exactly as it was (no read command writes)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from eventledger.cli import app

runner = CliRunner()
COMPARE = Path(__file__).parent.parent / "fixtures" / "compare"  # our own articles

# values a user might type, mistype or paste: dates in many shapes, the allowed words, words
# close to them, numbers, SQL and shell fragments, wildcards, control characters, long strings
DATES = st.one_of(
    st.dates().map(str),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
    st.from_regex(r"\A[0-9]{4}-[0-9]{1,2}(-[0-9]{1,2})?\Z"),
    st.sampled_from(["2020-02-30", "2020-13-01", "0000-00-00", "yesterday", "2020-11", "9999-12-31"]),
)
WORDS = st.sampled_from([
    "attack", "Attack", "ATTACK", "protest", "riot", "meeting", "month", "week", "year", "day", "admin1",
    "sub_event_type", "kind", "actor", "csv", "json", "geojson", "acled", "xml", "ingest", "extract",
    "Baghdad", "Anbar", "Kataib Hezbollah", "kataib_hezbollah", "actor:kataib_hezbollah", "unk:", "month,year",
    "month,,", ",", "", " ", "%", "_", "%_%", "'; DROP TABLE events; --", "$(reboot)", "../../etc/passwd",
    "\x00", "\u202e", "<script>alert(1)</script>", "Ḥashd", "الحشد", "x" * 5000,
])
TEXTS = st.one_of(WORDS, st.text(max_size=40), DATES)
NUMBERS = st.one_of(st.integers(-5, 10**12).map(str), st.sampled_from(["", "0", "-1", "1e9", "ten", "3.5", "007"]))


def option_values() -> st.SearchStrategy[list[str]]:
    """One read command with any subset of its options, each given a generated value."""

    def pick(command: list[str], options: dict[str, st.SearchStrategy[str]]) -> st.SearchStrategy[list[str]]:
        chosen = st.lists(st.sampled_from(sorted(options)), unique=True, max_size=len(options))
        return chosen.flatmap(
            lambda names: st.tuples(*(options[n] for n in names)).map(
                lambda values: [*command, *(x for pair in zip(names, values, strict=True) for x in pair)]
            )
        )

    return st.one_of(
        pick(["events"], {"--since": DATES, "--until": DATES, "--month": DATES, "--kind": TEXTS,
                          "--sub-event-type": TEXTS, "--admin1": TEXTS, "--actor": TEXTS, "--text": TEXTS,
                          "--limit": NUMBERS}),
        pick(["events", "--json"], {"--kind": TEXTS, "--actor": TEXTS, "--month": DATES, "--limit": NUMBERS}),
        pick(["tally"], {"--by": TEXTS, "--kind": TEXTS, "--admin1": TEXTS}),
        pick(["tally", "--json"], {"--by": TEXTS, "--kind": TEXTS}),
        pick(["articles"], {"--outlet": TEXTS, "--since": DATES, "--until": DATES, "--text": TEXTS,
                            "--limit": NUMBERS}),
        pick(["failures"], {"--stage": TEXTS, "--limit": NUMBERS}),
        pick(["export"], {"--format": TEXTS, "--since": DATES, "--until": DATES, "--kind": TEXTS, "--admin1": TEXTS}),
        pick(["compare", "ev_none"], {"--by": TEXTS, "--before": NUMBERS, "--after": NUMBERS, "--actor": TEXTS}),
        st.tuples(st.sampled_from(["show", "article"]), TEXTS).map(list),
        st.tuples(st.sampled_from(["show", "article"]), TEXTS).map(lambda t: [*t, "--json"]),
        st.sampled_from([["stats"], ["stories"], ["edits"], ["feeds"], ["edits", "--not-applied", "--json"]]),
    )


def fingerprint(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli-properties")
    db = folder / "store.db"
    result = runner.invoke(app, ["ingest", str(COMPARE), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(args=option_values())
def test_any_option_value_of_a_read_command_ends_cleanly_and_writes_nothing(store: Path, tmp_path: Path,
                                                                           args: list[str]) -> None:
    db = tmp_path / "copy.db"
    if not db.exists():
        shutil.copy(store, db)
    before = fingerprint(db)
    output = tmp_path / "export.out"
    extra = ["--output", str(output)] if args[0] == "export" else []
    result = runner.invoke(app, [*args, *extra, "--db", str(db)], env={"COLUMNS": "80"})
    # no traceback: any exception was turned into a message and an exit status
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2), (args, result.exit_code)
    if result.exit_code == 1:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), (args, result.stderr)
        assert len(lines[0]) < 400  # the error names the bad value, cut short, not the whole paste
    if result.exit_code == 0 and "--json" in args:
        json.loads(result.stdout)
    assert fingerprint(db) == before, f"{args} changed the store"
