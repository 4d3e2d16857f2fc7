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
import re
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich import box
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Column, Table

from eventledger.errors import EventledgerError, SettingsError
from eventledger.models import KINDS
from eventledger.settings import Settings, redact_credentials, sqlite_file
from eventledger.store import EventFilter, Store, open_store

if TYPE_CHECKING:
    from eventledger.models import Edit
    from eventledger.pipeline import Pipeline, RunSummary
    from eventledger.watch import RoundSummary

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


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so that every ``with`` block closes what it opened.

    A BaseException, as KeyboardInterrupt is: the ``except Exception`` that keeps one bad
    article from stopping a run must not take a SIGTERM for that article's failure, record it
    and carry on (the run then ended with status 0 and a failure that was never the article's)."""


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
            err.print(f"error: {one_line(redact_credentials(str(exc)))}", markup=False)
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


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def one_line(message: str, most: int = 300) -> str:
    """An error message as one line a terminal shows as it is: control and direction characters
    escaped, and a pasted value of thousands of characters cut in the middle."""
    message = _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), message)
    if len(message) > most:
        message = f"{message[: most - 100]} … {message[-90:]}"
    return message


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
        TextColumn("{task.fields[count]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


# -- ingest and processing ----------------------------------------------------------------------


_STAGE_WORDS = {
    "ingest": "ingesting",
    "load": "loading the language model",
    "extract": "extracting",
    "anchor": "dating undated articles",
    "link": "linking",
}


def progress_line(stage: str, done: int, total: int | None) -> tuple[str, str, int | None]:
    """What the progress bar shows for a stage: its words, its count ("3/15", or "3" when the
    total is unknown; nothing while the model loads: no "0/15" that seems stuck) and its total."""
    words = _STAGE_WORDS.get(stage, stage)
    if stage == "load":
        return f"{words}…", "", None
    return words, f"{done}/{total}" if total is not None else (str(done) if done else ""), total


@contextmanager
def pipeline_for(settings: Settings, *, create: bool = False) -> Iterator[Pipeline]:
    """A pipeline over the settings' store, its progress shown on stderr (when it is a terminal)."""
    from eventledger.pipeline import Pipeline  # the readers and linking: 0.7 s that reading commands skip

    with store_for(settings, create=create) as store, progress_bar() as bar:
        task = bar.add_task("starting", total=None, count="")

        def progress(stage: str, done: int, total: int | None) -> None:
            words, count, total = progress_line(stage, done, total)
            bar.update(task, description=words, completed=done, total=total, count=count)

        yield Pipeline(store, settings, progress=progress)


def print_run(summary: RunSummary, *, ingested: bool, processed: bool) -> None:
    if ingested:
        i = summary.ingest
        out.print(
            f"ingest: {counted(i.read, 'article')} read, {i.added:,} new, {i.already_stored:,} already stored, "
            f"{counted(i.near_duplicates, 'near-duplicate')} linked, {counted(i.failures, 'failure')} ({i.seconds:.1f} s)"
        )
    if processed:
        x, k = summary.extract, summary.link
        out.print(
            f"extract: {counted(x.articles, 'article')}, {counted(x.reports, 'report')}, "
            f"{counted(x.failures, 'failure')} ({x.seconds:.1f} s)"
        )
        out.print(
            f"link: {counted(k.reports, 'report')} -> {counted(k.events, 'event')} ({counted(k.attacks, 'attack')}), "
            f"{counted(k.stories, 'story', 'stories')}"
        )


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
    manifest: Annotated[
        list[str] | None,
        typer.Option("--manifest", help="A CSV/TSV table of saved files (file, url, outlet columns): where each page came from."),
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="The address the one file named was saved from.")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="The outlet of the one file named.")] = None,
    json_output: JsonOption = False,
) -> None:
    """Read articles and store them; then extract events and link them (the main job)."""
    from eventledger.ingest import saved_pages_for
    from eventledger.pipeline import RunSummary

    saved_pages = saved_pages_for(inputs, manifest or (), url, outlet)
    settings = settings_for(db, engine=engine, scheduler=scheduler, follow_symlinks=follow_symlinks or None)
    with pipeline_for(settings, create=True) as pipeline:
        if process:
            summary = pipeline.run(inputs, saved_pages=saved_pages)
        else:
            summary = RunSummary(ingest=pipeline.ingest(inputs, saved_pages=saved_pages))
        stats = pipeline.store.stats()
    unread = named_inputs_failed(inputs, summary.ingest.failed)
    if json_output:
        print_json({**summary.as_dict(), "store": stats})
    else:
        print_run(summary, ingested=True, processed=process)
        out.print(
            f"store {settings.db}: {counted(stats['articles'], 'article')}, {counted(stats['events'], 'event')}, "
            f"{counted(stats['failures'], 'failure')} recorded (`eventledger failures`)"
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


def plural(count: int, word: str, many: str | None = None) -> str:
    return word if count == 1 else many or word + "s"


def counted(count: int, word: str, many: str | None = None) -> str:
    """"1 failure", "2 failures", "2,143 events"."""
    return f"{count:,} {plural(count, word, many)}"


def shorten(text: str, width: int) -> str:
    """``text`` on one line, at most ``width`` characters: cut at a word boundary, with "…"."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    if flat[width - 1] != " " and " " in cut[width // 2 :]:
        cut = cut[: cut.rindex(" ")]  # not mid-word (unless one word fills more than half)
    return cut.rstrip(" ,;:.") + "…"


def table(*columns: str | Column, **options: Any) -> Table:
    """A table that wraps long cells at word boundaries and folds words too long for their
    column, instead of cutting them with "…"; columns named ``id``/``date``/numbers never wrap."""
    made = [
        c if isinstance(c, Column) else Column(c, overflow="fold", no_wrap=c in _UNBROKEN)
        for c in columns
    ]
    return Table(*made, box=box.SIMPLE_HEAD, **options)


_UNBROKEN = frozenset({"id", "date", "published", "count", "k/w", "sources", "words", "at", "stage", "report"})


def print_capped(shown: int, total: int, what: str) -> None:
    """"100 of 2,143 events" under a list that the limit cut."""
    if shown < total:
        out.print(f"{shown:,} of {counted(total, what)} (--limit N shows more)", markup=False)


def check_choice(option: str, value: str | None, allowed: Sequence[str]) -> None:
    """A one-line error naming the allowed values when ``value`` is not one of them."""
    if value is not None and value not in allowed:
        raise EventledgerError(f"{option} {value!r} is not one of: {', '.join(allowed)}")


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
        chosen: dict[str, Any] = {
            "outlet": outlet, "since": parse_day(since, "--since"), "until": parse_day(until, "--until"), "text": text
        }
        rows = store.list_articles(**chosen, limit=limit)
        total = store.count_articles(**chosen) if len(rows) == limit else len(rows)
    if json_output:
        print_json({"articles": [a.as_dict() for a in rows]})
        return
    listing = table("id", "published", "outlet", "title", "words")
    for a in rows:
        title = shorten(a.title or "", 70) + (f" (copy of {a.duplicate_of})" if a.duplicate_of else "")
        listing.add_row(a.id, str(a.published or "—"), a.outlet or "—", title, str(len(a.text.split())))
    out.print(listing)
    print_capped(len(rows), total, "article")


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


FAILURE_STAGES = ("ingest", "extract")


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
    check_choice("--stage", stage, FAILURE_STAGES)
    with store_for(settings) as store:
        rows = store.list_failures(stage=stage, limit=limit)
        total = len(store.list_failures(stage=stage, limit=None)) if len(rows) == limit else len(rows)
    if json_output:
        print_json({"failures": [f.as_dict() for f in rows]})
        return
    listing = table("at", "stage", "source", "reason")
    for f in rows:
        listing.add_row(f.at.isoformat(timespec="seconds") if f.at else "", f.stage, f.source, f.reason)
    out.print(listing)
    print_capped(len(rows), total, "failure")


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


# -- feeds ---------------------------------------------------------------------------------------


@app.command()
@domain_errors
def watch(
    feeds_file: Annotated[str, typer.Argument(help="A file of feed (or page) URLs, one per line; # starts a comment.")],
    every: Annotated[str, typer.Option(help="How often each feed is polled: 90s, 15m, 2h, 1d.")] = "15m",
    rounds: Annotated[int | None, typer.Option(min=1, help="Stop after this many rounds [default: until stopped].")] = None,
    db: DbOption = None,
) -> None:
    """Poll feeds and pages, storing, extracting and linking what is new, until stopped.

    Conditional GETs (an unchanged feed costs a 304); only entries not stored yet are fetched;
    a failing feed waits twice as long after each error in a row. What each poll learnt is kept
    in the store, so a restart neither re-fetches nor forgets (see `eventledger feeds`).
    """
    from pathlib import Path

    from eventledger.watch import Watcher, parse_interval, read_feed_list

    interval = parse_interval(every)
    urls = read_feed_list(Path(feeds_file))
    settings = settings_for(db)
    out.print(f"watching {_count(len(urls), 'feed')} every {every}; stop with Ctrl-C")
    with pipeline_for(settings, create=True) as pipeline, pipeline.http_fetcher() as fetcher:
        Watcher(pipeline, fetcher, interval).run(urls, rounds=rounds, report=print_round)


def print_round(summary: RoundSummary) -> None:
    """One line per round, and a line per feed that failed."""
    statuses = [p.status for p in summary.polls]
    parts = [f"{_count(len(statuses), 'feed')} polled"]
    if statuses.count("not_modified"):
        parts.append(f"{statuses.count('not_modified')} unchanged")
    if statuses.count("error"):
        parts.append(f"{_count(statuses.count('error'), 'error')}")
    if summary.skipped:
        parts.append(f"{summary.skipped} not due")
    line = f"{dt.datetime.now().strftime('%H:%M:%S')}  {', '.join(parts)}; {_count(summary.added, 'new article')}"
    if summary.processed is not None:
        link = summary.processed.link
        line += f"; {_count(link.reports, 'report')} linked into {_count(link.events, 'event')}"
    out.print(line)
    for poll in summary.polls:
        if poll.status == "error":
            err.print(f"  {poll.url}: {poll.error}", markup=False)


@app.command()
@domain_errors
def feeds(db: DbOption = None, json_output: JsonOption = False) -> None:
    """The feeds `eventledger watch` polls: how the last poll went and when the next is due."""
    settings = settings_for(db)
    with store_for(settings) as store:
        states = list(store.feed_states().values())
    if json_output:
        print_json({"feeds": [dataclasses.asdict(s) for s in states]})
        return
    if not states:
        out.print("no feeds yet: eventledger watch FEEDS_FILE polls them")
        return
    table = Table("feed", "status", "checked", "next", "articles", "errors")
    for s in states:
        status = s.status.replace("_", " ") + (f": {s.last_error}" if s.status == "error" and s.last_error else "")
        table.add_row(s.url, status, _when(s.last_checked), _when(s.next_due), str(s.articles), str(s.errors))
    out.print(table)


def _count(number: int, word: str) -> str:
    return f"{number} {plural(number, word)}"


def _when(moment: dt.datetime | None) -> str:
    return moment.isoformat(sep=" ", timespec="minutes") if moment else ""


# -- events -------------------------------------------------------------------------------------


def event_filter(
    since: str | None, until: str | None, month: str | None, kind: str | None, sub_event_type: str | None,
    admin1: str | None, actor: str | None, text: str | None,
) -> EventFilter:
    parse_day(since, "--since")
    parse_day(until, "--until")
    check_choice("--kind", kind, KINDS)
    if sub_event_type is not None:
        from eventledger.taxonomy import sub_event_types

        check_choice("--sub-event-type", sub_event_type, sub_event_types())
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
        total = store.count_events(filters) if len(rows) == limit else len(rows)
        reports = {r.id: r for r in store.list_reports(ids=[i for e in rows for i in e.report_ids])}
        names = actor_names(store, [a for e in rows for a in e.actors])
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
    listing = table("id", "date", "event", "k/w", "sources")
    for e in rows:
        listing.add_row(e.id, e.date or "?", event_line(e, names), killed_wounded(e.killed_best, e.wounded_best),
                        f"{e.independent_sources} of {len(e.report_ids)}")
    out.print(listing)
    print_capped(len(rows), total, "event")
    if rows:
        out.print("k/w: killed/wounded (? not reported); sources: independent sources of reports", markup=False)


def actor_names(store: Store, actor_ids: Sequence[str]) -> dict[str, str]:
    """A name for each actor id: the knowledge base's, else the store's actors table's, else its words."""
    from eventledger.analyze.actors import display_names
    from eventledger.kb import load_actors

    ids = list(dict.fromkeys(actor_ids))
    return display_names(ids, load_actors(), stored=store.stored_actor_names(ids) if ids else {})


def named_in_event(e: Any, names: dict[str, str], actor_id: str) -> str:
    """An actor's name in event ``e``: a generic actor after the event's country, "Civilians (Mali)"."""
    from eventledger.analyze.actors import name_in_event
    from eventledger.kb import load_actors

    return name_in_event(actor_id, names.get(actor_id, actor_id), load_actors(), e.country)


def event_line(e: Any, names: dict[str, str], most: int = 3) -> str:
    """What, where and who: "Remote explosive/landmine/IED — Zubair, Basra · Kataib Hezbollah"."""
    where = ", ".join(dict.fromkeys(x for x in (e.place, e.admin1) if x)) or e.country or ""
    who = [named_in_event(e, names, a) for a in e.actors[:most]] + ([f"+{len(e.actors) - most}"] if len(e.actors) > most else [])
    return f"{e.sub_event_type or e.kind}{' — ' + where if where else ''}{' · ' + ', '.join(who) if who else ''}"


def killed_wounded(killed: int | None, wounded: int | None) -> str:
    return f"{'?' if killed is None else killed}/{'?' if wounded is None else wounded}"


@app.command()
@domain_errors
def show(event_id: str, db: DbOption = None, json_output: JsonOption = False) -> None:
    """Show one event: its fields, each report side by side with outlet, citations and evidence."""
    settings = settings_for(db)
    with store_for(settings) as store:
        current = store.resolve_event_id(event_id)
        if current is None:
            gone(event_id, store.event_history(event_id))
        event = store.get_event(current or event_id)
        reports = store.list_reports(ids=list(event.report_ids))
        articles = {r.article_id: store.get_article(r.article_id) for r in reports}
        history = store.event_history(event.id, event.report_ids)
        names = actor_names(store, [*event.actors, *(c.actor_id for c in event.claims)])
    if json_output:
        print_json({**event.as_dict(), "reports": [r.as_dict() for r in reports], "history": [h.as_dict() for h in history]})
        return
    if current != event_id:
        out.print(f"({event_id} was merged into {current})", markup=False)
    lines = [f"event {event.id}: {event.summary or event.kind}"]
    for name in ("kind", "event_type", "sub_event_type", "date", "date_precision", "country", "admin1", "place",
                 "weapon", "target"):
        value = getattr(event, name)
        conflict = "  (reports disagree)" if name in event.conflicts else ""
        lines.append(f"  {name}: {value if value is not None else '—'}{conflict}")
    for name in ("killed", "wounded"):
        low, best, high = (getattr(event, f"{name}_{x}") for x in ("low", "best", "high"))
        spread = f" (reports say {low}–{high})" if low is not None and high is not None and low != high else ""
        lines.append(f"  {name}: {'not reported' if best is None else best}{spread}")
    lines.append(f"  actors: {', '.join(named_in_event(event, names, a) for a in event.actors) or '—'}")
    lines += dict.fromkeys(f"  {c.stance}: {named_in_event(event, names, c.actor_id)} (via {c.outlet or '?'})" for c in event.claims)
    lines.append(f"  {counted(len(reports), 'report')}; {counted(event.independent_sources, 'independent source')}")
    for line in lines:
        out.print(line, markup=False, soft_wrap=False)  # wrapped at the terminal's width, at word boundaries
    listing = table(Column("report", min_width=20, ratio=1, overflow="fold"), Column("evidence", ratio=2), show_lines=True)
    for r in reports:
        a = articles[r.article_id]
        about = [
            r.id, a.outlet or "no outlet", f"dated {r.date or '?'}", f"killed/wounded {killed_wounded(r.killed, r.wounded)}",
            f"cites {', '.join(r.cites)}" if r.cites else "cites no one",
        ]
        listing.add_row("\n".join(about), shorten(r.text, 300))
    out.print(listing)
    print_history(history)


# -- hand corrections ---------------------------------------------------------------------------

correct_app = typer.Typer(
    help="Correct an event by hand: the edit is kept with who, when and why, and re-applied after every re-link.",
    no_args_is_help=True,
)
app.add_typer(correct_app, name="correct")
ReasonOption = Annotated[str, typer.Option("--reason", help="Why (kept in the event's history).")]
ByOption = Annotated[str | None, typer.Option("--by", help="Who makes the edit [default: $USER].")]


def edit_line(edit: Edit) -> str:
    """One line of an event's history."""
    when = edit.created_at.isoformat(sep=" ", timespec="minutes") if edit.created_at else "?"
    what = {
        "set": f"set {edit.field} = {edit.value if edit.value is not None else '—'}",
        "merge": f"merged {edit.other_id} into {edit.event_id}",
        "split": f"split report {edit.other_id} off {edit.event_id}",
        "dismiss": f"marked {edit.event_id} not an event",
    }.get(edit.action, edit.action)
    return f"#{edit.id} {when} {edit.author}: {what} — {edit.reason} [{edit.status or 'pending'}]"


def print_history(history: Sequence[Edit]) -> None:
    out.print(f"history: {len(history)} edit{'s' * (len(history) != 1)}" if history else "history: no edits", markup=False)
    for edit in history:
        out.print(f"  {edit_line(edit)}", markup=False)


def gone(event_id: str, history: Sequence[Edit]) -> None:
    """An event id that holds no event: its history if it has one, then the error."""
    if history:
        print_history(history)
        raise EventledgerError(f"event {event_id} no longer exists (see its history above)")
    raise EventledgerError(f"no event with id {event_id!r}; `eventledger events` lists them")


def _correct(db: str | None, action: str, event_id: str, reason: str, by: str | None, **fields: Any) -> None:
    from eventledger.models import Edit

    settings = settings_for(db)
    author = by or os.environ.get("USER") or "cli"
    with pipeline_for(settings) as pipeline:
        stored = pipeline.correct(Edit(id=None, action=action, event_id=event_id, author=author, reason=reason, **fields))
    out.print(edit_line(stored), markup=False)
    if stored.status and stored.status.startswith("not applied"):
        raise typer.Exit(1)


@correct_app.command("set")
@domain_errors
def correct_set(
    event_id: str,
    field: Annotated[str, typer.Argument(help="kind, event_type, sub_event_type, date, country, admin1, admin2, place, "
                                         "weapon, target, summary, killed, wounded, latitude, longitude or actors.")],
    value: Annotated[str, typer.Argument(help="The value ('' clears it; actors: ids separated by commas; killed: a "
                                         "number or 'unknown').")],
    reason: ReasonOption,
    by: ByOption = None,
    db: DbOption = None,
) -> None:
    """Set one field of an event."""
    _correct(db, "set", event_id, reason, by, field=field, value=value)


@correct_app.command("merge")
@domain_errors
def correct_merge(event_id: str, other_id: str, reason: ReasonOption, by: ByOption = None, db: DbOption = None) -> None:
    """Merge OTHER_ID into EVENT_ID (OTHER_ID then leads to EVENT_ID)."""
    _correct(db, "merge", event_id, reason, by, other_id=other_id)


@correct_app.command("split")
@domain_errors
def correct_split(event_id: str, report_id: str, reason: ReasonOption, by: ByOption = None, db: DbOption = None) -> None:
    """Split one report off an event: it becomes an event of its own."""
    _correct(db, "split", event_id, reason, by, other_id=report_id)


@correct_app.command("not-event")
@domain_errors
def correct_not_event(event_id: str, reason: ReasonOption, by: ByOption = None, db: DbOption = None) -> None:
    """Mark an event as not an event: it leaves every list, and stays out after re-linking."""
    _correct(db, "dismiss", event_id, reason, by)


@app.command()
@domain_errors
def edits(
    db: DbOption = None,
    not_applied: Annotated[bool, typer.Option("--not-applied", help="Only edits that could not be applied.")] = False,
    json_output: JsonOption = False,
) -> None:
    """List every hand correction with what its last application did (an event gone is said)."""
    settings = settings_for(db)
    with store_for(settings) as store:
        rows = store.list_edits(status="not applied" if not_applied else None)
    if json_output:
        print_json({"edits": [e.as_dict() for e in rows]})
        return
    out.print(f"{len(rows)} edit{'s' * (len(rows) != 1)}", markup=False)
    for edit in rows:
        out.print(edit_line(edit), markup=False)


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
    check_choice("--kind", kind, KINDS)
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
    names: dict[str, str] = {}
    if "actor" in result["by"]:
        with store_for(settings) as store:
            names = actor_names(store, [row["actor"] for row in result["rows"] if row["actor"] != "unknown"])
    listing = table(*result["by"], "count")
    for row in result["rows"]:
        listing.add_row(*(names.get(row[d], str(row[d])) if d == "actor" else str(row[d]) for d in result["by"]),
                        str(row["count"]))
    out.print(listing)


@app.command()
@domain_errors
def compare(
    event_id: Annotated[str, typer.Argument(help="An order, ceasefire, agreement or meeting event's id.")],
    by: Annotated[str, typer.Option("--by", help="Count per month or week.")] = "month",
    before: Annotated[int, typer.Option(min=0, help="Periods before the event's own.")] = 3,
    after: Annotated[int, typer.Option(min=0, help="Periods after the event's own.")] = 3,
    actor: Annotated[
        list[str] | None, typer.Option("--actor", help="Count attacks by this actor instead (repeatable).")
    ] = None,
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """The attacks by the actors an event concerns, per month or week before and after it."""
    from eventledger.analyze.compare import compare_event
    from eventledger.kb import load_actors

    registry = load_actors()
    actor_ids = [registry.actor_id(a) for a in actor] if actor else None
    settings = settings_for(db)
    with store_for(settings) as store:
        result = compare_event(store, event_id, registry, by=by, before=before, after=after, actors=actor_ids)
    if json_output:
        print_json(result)
        return
    print_compare(result)


def print_compare(result: dict[str, Any]) -> None:
    event = result["event"]
    where = ", ".join(x for x in (event["place"], event["admin1"], event["country"]) if x)
    out.print(f"{event['kind']} {event['id']} of {event['date'] or '?'}{' in ' + where if where else ''}", markup=False, soft_wrap=False)
    if event["summary"]:
        out.print(f"  {event['summary']}", markup=False, soft_wrap=False)
    names = ", ".join(a["name"] for a in result["concerns"]) or "no one named"
    out.print(f"attacks by {result['by']}; \"by them\": by {names}", markup=False, soft_wrap=False)
    listing = table("period", "", "by them", "by others", "unattributed", "total")
    columns = ("by_them", "by_others", "unattributed", "count")
    for row in result["periods"]:
        mark = "◆ event" if row["offset"] == 0 else ""
        listing.add_row(row["period"], mark, *(str(row[c]) for c in columns), end_section=row is result["periods"][-1])
    for name in ("before", "during", "after"):
        listing.add_row(name, "", *(str(result[name][c]) for c in columns), style="bold")
    out.print(listing)
    for row in result["periods"]:
        for e in row["events"]:
            print_compared_attack(row["period"], e)
    for e in result["unplaced"]:
        print_compared_attack(f"{(e['date'] or '')[:7]} (month only)", e)


def print_compared_attack(period: str, e: dict[str, Any]) -> None:
    by = "by " + ", ".join(p["name"] for p in e["perpetrators"]) if e["perpetrators"] else "no perpetrator named"
    where = ", ".join(x for x in (e["place"], e["admin1"]) if x) or "?"
    relation = f", {e['relation']} the event" if e["relation"] != "unknown" else ""
    out.print(f"  {period}  {e['id']}  {e['date'] or '?'}  {where}  {by}{relation}", markup=False, soft_wrap=False)


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
    listing = table("id", "label", "articles", "events")
    for s in rows:
        listing.add_row(s.id, s.label, str(len(s.article_ids)), str(len(s.event_ids)))
    out.print(listing)


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
        err.print(f"wrote {counted(summary.rows, 'event')} to {output}", markup=False)
    for line in summary.warnings():
        err.print(f"note: {line}", markup=False)


@app.command(name="eval")
@domain_errors
def evaluate_command(
    gold: Annotated[str, typer.Argument(help="A gold file: eventledger-gold/1 YAML, ACLED/GTD CSV or CASE TSV.")],
    db: DbOption = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N rows of a CSV gold.")] = None,
    manifest: Annotated[
        str | None,
        typer.Option("--manifest", help="The saved pages' table (file, url, outlet); default: manifest.tsv/.csv beside the gold."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Score the pipeline against a gold file (precision, recall, F1; see shared/eval/FORMAT.md)."""
    from eventledger.evaluate import evaluate, render

    settings = Settings.load({"db": db}) if db else None
    result = evaluate(gold, db=db, settings=settings, limit=limit, manifest=manifest)
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
    workers: Annotated[
        int | None, typer.Option(min=1, max=64, help="Server processes on the one port [default 2, env EVENTLEDGER_SERVE_WORKERS].")
    ] = None,
) -> None:
    """Serve the dashboard and the REST API (writes need EVENTLEDGER_API_TOKEN)."""
    from eventledger.web import serve as run_server

    settings = settings_for(db, serve_workers=workers)
    if not 1 <= settings.serve_workers <= 64:
        raise SettingsError(f"serve_workers={settings.serve_workers}: give 1 to 64 server processes")
    open_store(settings.db).close()  # fail early, with one line, on a bad database
    run_server(
        settings.db, host=host, port=port, api_token=settings.api_token, tile_url=settings.tile_url,
        max_request_bytes=settings.max_request_bytes, max_in_flight=settings.max_in_flight,
        latency_target_seconds=settings.latency_target_seconds, cache_seconds=settings.page_cache_seconds,
        workers=settings.serve_workers,
    )


def main() -> None:  # pragma: no cover - console entry point
    app()
