"""The command line: each command parses, calls the library, renders.

Every command takes ``--db``; every command that lists or shows takes ``--json`` (one JSON
document on stdout with the models' fields). Domain errors become one line on stderr and exit 1.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from eventledger.errors import EventledgerError
from eventledger.settings import Settings, redact_credentials, sqlite_file
from eventledger.store import EventFilter, Store, open_store

if TYPE_CHECKING:
    from eventledger.pipeline import Pipeline, RunSummary

app = typer.Typer(
    name="eventledger",
    help="News articles about political violence in; a sourced, deduplicated event dataset out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)  # an error is one line, however long

DbOption = Annotated[
    str | None, typer.Option("--db", help="Database: a SQLite file path or a postgresql:// URL [env EVENTLEDGER_DB].")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document instead of a table.")]
LimitOption = Annotated[int, typer.Option("--limit", min=1, help="At most this many rows.")]
EngineOption = Annotated[
    str | None, typer.Option(help="Extraction engine: auto (default), local, process or dask.")
]
SchedulerOption = Annotated[str | None, typer.Option(help="Dask scheduler address, tcp://host:port.")]

F = TypeVar("F", bound=Callable[..., Any])


class Terminated(Exception):
    """SIGTERM, raised in the main thread so that every ``with`` block closes what it opened."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def domain_errors(command: F) -> F:
    """Turn eventledger's errors (and a closed stdout, an interrupt, SIGTERM) into one clear line
    and a non-zero exit. Credentials in a database URL are never printed."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        previous = signal.signal(signal.SIGTERM, _terminate)
        try:
            return command(*args, **kwargs)
        except EventledgerError as exc:
            err.print(f"error: {redact_credentials(str(exc))}", markup=False)
            raise typer.Exit(1) from None
        except BrokenPipeError:
            raise typer.Exit(0) from None
        except (KeyboardInterrupt, Terminated) as exc:
            name = "SIGTERM" if isinstance(exc, Terminated) else "interrupted"
            err.print(f"stopped ({name}): what was stored is kept; run the command again to finish", markup=False)
            raise typer.Exit(143 if isinstance(exc, Terminated) else 130) from None
        finally:
            signal.signal(signal.SIGTERM, previous)

    return wrapper  # type: ignore[return-value]


def settings_for(db: str | None, **overrides: Any) -> Settings:
    return Settings.load({"db": db, **overrides})


def store_for(settings: Settings, *, create: bool = False) -> Store:
    """The settings' store; a command that only reads never creates one (a mistyped --db is an error)."""
    path = sqlite_file(settings.db)
    if not create and path is not None and not path.exists():
        raise EventledgerError(
            f"no store at {path}: ingest articles into it first (eventledger ingest ... --db {path}), "
            "or name an existing store with --db or EVENTLEDGER_DB"
        )
    return open_store(settings.db)


def print_json(document: Any) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n")


def parse_day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise EventledgerError(f"{option} {value!r} is not a date; write it as YYYY-MM-DD") from None


def progress_bar() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


# -- ingest and processing ----------------------------------------------------------------------


_STAGE_WORDS = {"ingest": "ingesting", "extract": "extracting", "anchor": "dating undated articles", "link": "linking"}


@contextmanager
def pipeline_for(settings: Settings, *, create: bool = False) -> Iterator[Pipeline]:
    """A pipeline over the settings' store, its progress shown on stderr (when it is a terminal)."""
    from eventledger.pipeline import Pipeline  # the readers and linking: 0.7 s that reading commands skip

    with store_for(settings, create=create) as store, progress_bar() as bar:
        task = bar.add_task("starting", total=None)

        def progress(stage: str, done: int, total: int | None) -> None:
            bar.update(task, description=_STAGE_WORDS.get(stage, stage), completed=done, total=total)

        yield Pipeline(store, settings, progress=progress)


def print_run(summary: RunSummary, *, ingested: bool, processed: bool) -> None:
    if ingested:
        i = summary.ingest
        out.print(
            f"ingest: {i.read} articles read, {i.added} new, {i.already_stored} already stored, "
            f"{i.near_duplicates} near-duplicates linked, {i.failures} failures ({i.seconds:.1f} s)"
        )
    if processed:
        x, k = summary.extract, summary.link
        out.print(f"extract: {x.articles} articles, {x.reports} reports, {x.failures} failures ({x.seconds:.1f} s)")
        out.print(f"link: {k.reports} reports -> {k.events} events ({k.attacks} attacks), {k.stories} stories")


@app.command()
@domain_errors
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, URLs, URL lists, feeds, or - for stdin.")],
    db: DbOption = None,
    process: Annotated[
        bool, typer.Option("--process/--no-process", help="Extract and link after storing (default) or only store.")
    ] = True,
    engine: EngineOption = None,
    scheduler: SchedulerOption = None,
    follow_symlinks: Annotated[
        bool, typer.Option("--follow-symlinks", help="Read symlinked files that lead out of a folder being ingested.")
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """Read articles and store them; then extract events and link them (the main job)."""
    from eventledger.pipeline import RunSummary

    settings = settings_for(db, engine=engine, scheduler=scheduler, follow_symlinks=follow_symlinks or None)
    with pipeline_for(settings, create=True) as pipeline:
        if process:
            summary = pipeline.run(inputs)
        else:
            summary = RunSummary(ingest=pipeline.ingest(inputs))
        stats = pipeline.store.stats()
    unread = named_inputs_failed(inputs, summary.ingest.failed)
    if json_output:
        print_json({**summary.as_dict(), "store": stats})
    else:
        print_run(summary, ingested=True, processed=process)
        out.print(
            f"store {settings.db}: {stats['articles']} articles, {stats['events']} events, "
            f"{stats['failures']} failures recorded (`eventledger failures`)"
        )
    if unread:
        err.print(
            f"error: {len(unread)} of {len(inputs)} {plural(len(inputs), 'input')} named on the command line "
            f"could not be read: {', '.join(unread[:5])}{' ...' if len(unread) > 5 else ''} "
            "(reasons: `eventledger failures --stage ingest`)",
            markup=False,
        )
        raise typer.Exit(1)


def named_inputs_failed(inputs: Sequence[str], failed: Sequence[str]) -> list[str]:
    """The inputs typed on the command line that themselves failed (not a bad file inside a folder)."""
    failed_set = set(failed) | {os.path.abspath(f) for f in failed if "://" not in f}
    return [i for i in inputs if i in failed_set or ("://" not in i and os.path.abspath(i) in failed_set)]


def plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"


@app.command()
@domain_errors
def extract(
    db: DbOption = None,
    engine: EngineOption = None,
    scheduler: SchedulerOption = None,
    json_output: JsonOption = False,
) -> None:
    """Extract reports from stored articles that have none yet, then link."""
    settings = settings_for(db, engine=engine, scheduler=scheduler)
    with pipeline_for(settings) as pipeline:
        summary = pipeline.process_pending()
    if json_output:
        print_json(summary.as_dict())
    else:
        print_run(summary, ingested=False, processed=True)


@app.command()
@domain_errors
def link(
    db: DbOption = None,
    full: Annotated[
        bool, typer.Option("--full", help="Recompute every event instead of linking only new reports.")
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """Link reports into events: new reports join existing events (or --full: recompute all)."""
    settings = settings_for(db)
    with pipeline_for(settings) as pipeline:
        summary = pipeline.link(full=full)
    if json_output:
        print_json(dataclasses.asdict(summary))
    else:
        out.print(
            f"link: {summary.reports} reports linked; {summary.events} events ({summary.attacks} attacks), "
            f"{summary.stories} stories ({summary.seconds:.1f} s)"
        )


# -- articles and failures ----------------------------------------------------------------------


@app.command()
@domain_errors
def articles(
    db: DbOption = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet (case-insensitive).")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before YYYY-MM-DD.")] = None,
    text: Annotated[str | None, typer.Option(help="Title or text contains this.")] = None,
    limit: LimitOption = 100,
    json_output: JsonOption = False,
) -> None:
    """List stored articles."""
    settings = settings_for(db)
    with store_for(settings) as store:
        rows = store.list_articles(
            outlet=outlet,
            since=parse_day(since, "--since"),
            until=parse_day(until, "--until"),
            text=text,
            limit=limit,
        )
    if json_output:
        print_json({"articles": [a.as_dict() for a in rows]})
        return
    table = Table("id", "published", "outlet", "title", "words", "copy of")
    for a in rows:
        table.add_row(
            a.id, str(a.published or "—"), a.outlet or "—", (a.title or "")[:70], str(len(a.text.split())),
            a.duplicate_of or "",
        )
    out.print(table)


@app.command()
@domain_errors
def article(article_id: str, db: DbOption = None, json_output: JsonOption = False) -> None:
    """Show one article: metadata and clean text."""
    settings = settings_for(db)
    with store_for(settings) as store:
        a = store.get_article(article_id)
        extraction = store.get_extraction(article_id)
    if json_output:
        print_json({"article": a.as_dict(), "extraction": extraction.as_dict() if extraction else None})
        return
    out.print(a.title or "(no title)", markup=False, style="bold")
    for name in ("id", "outlet", "published", "url", "source", "format", "duplicate_of"):
        out.print(f"{name}: {getattr(a, name) or '—'}", markup=False)
    if extraction:
        if extraction.anchor_date:  # an undated article dated by the collection (eventledger.link.anchoring)
            bound = "on or after " if (extraction.anchor_source or "").startswith("event ") else ""
            out.print(f"dated: {bound}{extraction.anchor_date} (from {extraction.anchor_source})", markup=False)
        cites = sorted({c.outlet for c in extraction.citations if c.outlet})
        out.print(f"reports: {len(extraction.reports)}; cites: {', '.join(cites) or '—'}", markup=False)
    out.print("")
    out.print(a.text, markup=False)


@app.command()
@domain_errors
def failures(
    db: DbOption = None,
    stage: Annotated[str | None, typer.Option(help="ingest or extract.")] = None,
    limit: LimitOption = 100,
    json_output: JsonOption = False,
) -> None:
    """List inputs that could not be ingested or processed, with the reason."""
    settings = settings_for(db)
    with store_for(settings) as store:
        rows = store.list_failures(stage=stage, limit=limit)
    if json_output:
        print_json({"failures": [f.as_dict() for f in rows]})
        return
    table = Table("at", "stage", "source", "reason")
    for f in rows:
        table.add_row(f.at.isoformat(timespec="seconds") if f.at else "", f.stage, f.source, f.reason)
    out.print(table)


@app.command()
@domain_errors
def stats(db: DbOption = None, json_output: JsonOption = False) -> None:
    """Counts of what the store holds."""
    settings = settings_for(db)
    with store_for(settings) as store:
        figures = store.stats()
    if json_output:
        print_json(figures)
        return
    for name, value in figures.items():
        out.print(f"{name}: {value}")


# -- events -------------------------------------------------------------------------------------


def event_filter(
    since: str | None, until: str | None, month: str | None, kind: str | None, sub_event_type: str | None,
    admin1: str | None, actor: str | None, text: str | None,
) -> EventFilter:
    parse_day(since, "--since")
    parse_day(until, "--until")
    if month is not None:
        try:
            dt.date.fromisoformat(month + "-01")
        except ValueError:
            raise EventledgerError(f"--month {month!r} is not a month; write it as YYYY-MM") from None
    actor_id = None
    if actor:
        from eventledger.kb import load_kb

        actor_id = load_kb().actor_id(actor)
    return EventFilter(
        since=since, until=until, month=month, kind=kind, sub_event_type=sub_event_type, admin1=admin1,
        actor=actor_id, text=text,
    )


@app.command()
@domain_errors
def events(
    db: DbOption = None,
    since: Annotated[str | None, typer.Option(help="On or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="On or before YYYY-MM-DD.")] = None,
    month: Annotated[str | None, typer.Option(help="In this month, YYYY-MM.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", "--type", help="attack, ceasefire, meeting, threat, ...")] = None,
    sub_event_type: Annotated[str | None, typer.Option(help="ACLED sub-event type.")] = None,
    admin1: Annotated[str | None, typer.Option(help="First-level division (ACLED spelling), e.g. Baghdad.")] = None,
    actor: Annotated[str | None, typer.Option(help="An actor's name in any spelling.")] = None,
    text: Annotated[str | None, typer.Option(help="Summary contains this.")] = None,
    limit: LimitOption = 100,
    json_output: JsonOption = False,
) -> None:
    """List merged events with their report and independent-source counts."""
    filters = event_filter(since, until, month, kind, sub_event_type, admin1, actor, text)
    settings = settings_for(db)
    with store_for(settings) as store:
        rows = store.list_events(filters, limit=limit)
        reports = {r.id: r for r in store.list_reports(ids=[i for e in rows for i in e.report_ids])}
    if json_output:
        print_json(
            {
                "events": [
                    {**e.as_dict(), "reports": [reports[i].as_dict() for i in e.report_ids if i in reports]}
                    for e in rows
                ]
            }
        )
        return
    table = Table("id", "date", "kind", "type", "place", "admin1", "killed", "wounded", "reports", "sources")
    for e in rows:
        table.add_row(
            e.id, e.date or "?", e.kind, e.sub_event_type or "", e.place or "", e.admin1 or "",
            "" if e.killed_best is None else str(e.killed_best), "" if e.wounded_best is None else str(e.wounded_best),
            str(len(e.report_ids)), str(e.independent_sources),
        )
    out.print(table)


@app.command()
@domain_errors
def show(event_id: str, db: DbOption = None, json_output: JsonOption = False) -> None:
    """Show one event: its fields, each report side by side with outlet, citations and evidence."""
    settings = settings_for(db)
    with store_for(settings) as store:
        event = store.get_event(event_id)
        reports = store.list_reports(ids=list(event.report_ids))
        articles = {r.article_id: store.get_article(r.article_id) for r in reports}
    if json_output:
        print_json({**event.as_dict(), "reports": [r.as_dict() for r in reports]})
        return
    out.print(f"event {event.id}: {event.summary or event.kind}", markup=False)
    for name in ("kind", "event_type", "sub_event_type", "date", "date_precision", "country", "admin1", "place",
                 "weapon", "target"):
        value = getattr(event, name)
        conflict = "  (reports disagree)" if name in event.conflicts else ""
        out.print(f"  {name}: {value if value is not None else '—'}{conflict}", markup=False)
    out.print(f"  killed: {event.killed_low}–{event.killed_high} (best {event.killed_best})", markup=False)
    out.print(f"  wounded: {event.wounded_low}–{event.wounded_high} (best {event.wounded_best})", markup=False)
    for claim in event.claims:
        out.print(f"  {claim.stance}: {claim.actor_id} (via {claim.outlet or '?'})", markup=False)
    out.print(f"  reports: {len(reports)}; independent sources: {event.independent_sources}", markup=False)
    table = Table("report", "outlet", "date", "cites", "killed/wounded", "evidence", show_lines=True)
    for r in reports:
        a = articles[r.article_id]
        table.add_row(
            r.id, a.outlet or "—", r.date or "?", ", ".join(r.cites) or "—",
            f"{r.killed if r.killed is not None else '?'}/{r.wounded if r.wounded is not None else '?'}",
            r.text[:300],
        )
    out.print(table)


@app.command()
@domain_errors
def tally(
    by: Annotated[str, typer.Option(help="Comma-separated: month, year, sub_event_type, admin1, actor, ...")] = "month",
    kind: Annotated[str | None, typer.Option(help="Only events of this kind, e.g. attack.")] = None,
    admin1: Annotated[str | None, typer.Option(help="Only this first-level division.")] = None,
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """Count merged events (never reports) by month and other dimensions."""
    from eventledger.analyze.tally import DIMENSIONS
    from eventledger.analyze.tally import tally as count_events

    settings = settings_for(db)
    dimensions = [d.strip() for d in by.split(",") if d.strip()]
    unknown = [d for d in dimensions if d not in DIMENSIONS]
    if unknown or not dimensions:
        raise EventledgerError(
            f"--by {by!r}: cannot tally by {', '.join(unknown) or 'nothing'}; choose from {', '.join(DIMENSIONS)}"
        )
    with store_for(settings) as store:
        rows = store.list_events(EventFilter(admin1=admin1), limit=None)
    result = count_events(rows, by=dimensions, kind=kind)
    if json_output:
        print_json(result)
        return
    table = Table(*result["by"], "count")
    for row in result["rows"]:
        table.add_row(*(str(row[d]) for d in result["by"]), str(row["count"]))
    out.print(table)


@app.command()
@domain_errors
def stories(db: DbOption = None, json_output: JsonOption = False) -> None:
    """List story clusters: articles about the same events, actors and period."""
    settings = settings_for(db)
    with store_for(settings) as store:
        rows = store.list_stories()
    if json_output:
        print_json({"stories": [s.as_dict() for s in rows]})
        return
    table = Table("id", "label", "articles", "events")
    for s in rows:
        table.add_row(s.id, s.label, str(len(s.article_ids)), str(len(s.event_ids)))
    out.print(table)


@app.command()
@domain_errors
def export(
    format: Annotated[str, typer.Option("--format", help="csv, json, geojson or acled.")] = "csv",
    output: Annotated[str, typer.Option("--output", "-o", help="File to write, - for stdout.")] = "-",
    db: DbOption = None,
    since: Annotated[str | None, typer.Option(help="On or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="On or before YYYY-MM-DD.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Only events of this kind.")] = None,
    admin1: Annotated[str | None, typer.Option(help="Only this first-level division.")] = None,
) -> None:
    """Export merged events as CSV, JSON, GeoJSON or ACLED's column layout."""
    from eventledger.analyze.export import write_export

    filters = event_filter(since, until, None, kind, None, admin1, None, None)
    settings = settings_for(db)
    with store_for(settings) as store:
        if output == "-":
            summary = write_export(store, format, sys.stdout, filters)
        else:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                summary = write_export(store, format, handle, filters)
    if output != "-":
        err.print(f"wrote {summary.rows} events to {output}", markup=False)
    for line in summary.warnings():
        err.print(f"note: {line}", markup=False)


@app.command(name="eval")
@domain_errors
def evaluate_command(
    gold: Annotated[str, typer.Argument(help="A gold file: eventledger-gold/1 YAML, ACLED/GTD CSV or CASE TSV.")],
    db: DbOption = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N rows of a CSV gold.")] = None,
    json_output: JsonOption = False,
) -> None:
    """Score the pipeline against a gold file (precision, recall, F1; see shared/eval/FORMAT.md)."""
    from eventledger.evaluate import evaluate, render

    settings = Settings.load({"db": db}) if db else None
    result = evaluate(gold, db=db, settings=settings, limit=limit)
    if json_output:
        print_json(result)
    else:
        out.print(render(result))


@app.command()
@domain_errors
def serve(
    host: Annotated[str, typer.Option(help="Address to bind; the default serves this machine only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    db: DbOption = None,
) -> None:
    """Serve the dashboard and the REST API (writes need EVENTLEDGER_API_TOKEN)."""
    from eventledger.web import serve as run_server

    settings = settings_for(db)
    open_store(settings.db).close()  # fail early, with one line, on a bad database
    run_server(
        settings.db, host=host, port=port, api_token=settings.api_token, tile_url=settings.tile_url,
        max_request_bytes=settings.max_request_bytes, max_in_flight=settings.max_in_flight,
    )


def main() -> None:  # pragma: no cover - console entry point
    app()
