"""Where the CPU goes on real articles: per stage, and per component inside the run.

    python bench/cpu_profile.py                          # the realnews dev pages (../shared/eval/dev/realnews)
    python bench/cpu_profile.py --folder DIR [--top 25]  # any folder of articles

    python bench/cpu_profile.py --warm                   # the same run profiled a second time in one process
    python bench/cpu_profile.py --stages                 # CPU seconds by stage, without the profiler

One process, the local engine (no pool), a fresh SQLite store: the whole job (ingest, extract,
anchor, link, writes) runs under cProfile. Printed:

- the start-up's CPU seconds apart (imports; building the knowledge base, the fast and the
  statistical spaCy pipelines; ``prepare``'s warm-up extraction), which a long run pays once,
  then each stage's seconds (the pipeline's own summaries);
- the garbage collector's CPU seconds and full collections, in the start-up and in the profiled
  run (time no profiled function shows: cProfile charges it to whatever was allocating);
- the profile's own CPU time grouped by component (site-packages by package, the standard library by module): each eventledger package (extract.detection,
  extract.fields, nlp, kb, ingest, link, store...), spaCy and thinc, regular expressions (C),
  SQLAlchemy and the database driver, trafilatura/lxml, everything else;
- the functions with the most own time (``--top``).

``--warm`` runs the folder once unprofiled (into its own store) and profiles a second run: what
the first articles of a process pay once (patterns compiled on first use, tables read on first
need, the tokenizer's new words) is then left out, and the profile is the cost per article of a
process that has been working for a while. The texts' remembered entities
(``eventledger.extract.entities``) are forgotten in between, so the second run reads as new.

``--stages`` runs the job without the profiler and prints the CPU seconds of each stage as the
pipeline runs them one after another (ingest; extraction with the anchoring of undated pages;
linking with its re-extraction of pages its events date), after the start-up's steps: the
figures to compare two versions of the code by, where the profile is only a map.

cProfile slows pure-Python code more than C code, so shares are a map of where to look, and
speed itself is measured by bench/throughput.py. (Not named bench/profile.py: run as a script,
that name would hide the standard library's ``profile`` module, which cProfile imports.)
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import gc
import os
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REALNEWS = ROOT.parent / "shared" / "eval" / "dev" / "realnews"


def component(filename: str, function: str) -> str:
    """The component a profiled function belongs to, from its file (or a C function's name)."""
    path = filename.replace(os.sep, "/")
    if "/eventledger/" in path:
        parts = path.split("/eventledger/", 1)[1].removesuffix(".py").split("/")
        if parts[0] == "extract" and len(parts) > 2:
            return f"eventledger.extract.{parts[1]}"
        return "eventledger." + parts[0]
    if "/site-packages/" in path:
        return path.split("/site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    if filename == "~":  # a C function: "<method 'search' of 're.Pattern' objects>" and the like
        if "re.Pattern" in function or "_sre" in function:
            return "regex matching (C)"
        if "sqlite3" in function:
            return "sqlite3 (C)"
        return "other C built-ins"
    if "/re/" in path:
        return "stdlib re (compiling patterns)"
    if "/lib/python3" in path:
        return "stdlib " + Path(path).stem
    return "other Python"


class CollectorClock:
    """CPU seconds the garbage collector takes, and its full collections: cProfile charges a
    collection to whatever function happened to allocate when it ran, so it shows in no row."""

    def __init__(self) -> None:
        self.seconds, self.full, self._started = 0.0, 0, 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.process_time()
            return
        self.seconds += time.process_time() - self._started
        self.full += info["generation"] == 2

    def take(self) -> str:
        """What was counted since the last call, as printed; the counts start again."""
        taken = f"{self.seconds:.2f} ({self.full} full collections)"
        self.seconds, self.full = 0.0, 0
        return taken


def inputs_of(folder: Path) -> list[str]:
    """A realnews-style folder's ``articles/`` folders (never its gold files), else the folder."""
    found = sorted(str(p) for p in folder.glob("**/articles") if p.is_dir())
    return found or [str(folder)]


def stages_by_cpu(pipeline: Any, inputs: list[str], startup: list[tuple[str, float]]) -> None:
    """Run ``pipeline``'s stages in the order ``Pipeline.run`` does, unprofiled; print each one's CPU."""
    spent: list[tuple[str, float]] = []
    done: dict[str, Any] = {}
    for name, stage in (("ingest", lambda: pipeline.ingest(inputs)), ("extract", pipeline.extract_pending),
                        ("link", pipeline.link)):
        clock = time.process_time()
        done[name] = stage()
        spent.append((name, time.process_time() - clock))
    print(f"{done['ingest'].read} articles ({len(inputs)} inputs); load average {os.getloadavg()[0]:.1f}")
    print("start-up, CPU s: " + ", ".join(f"{name} {seconds:.2f}" for name, seconds in startup))
    print("stages, CPU s: " + ", ".join(f"{name} {seconds:.2f}" for name, seconds in spent)
          + f"; in all {sum(s for _, s in startup) + sum(s for _, s in spent):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folder", type=Path, default=REALNEWS)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--warm", action="store_true", help="profile a second run in the same process")
    parser.add_argument("--stages", action="store_true", help="CPU seconds by stage, without the profiler")
    args = parser.parse_args()
    if not args.folder.exists():
        raise SystemExit(f"{args.folder} not found (the realnews pages live in ../shared beside the checkout)")
    inputs = inputs_of(args.folder)

    startup: list[tuple[str, float]] = []
    collector = CollectorClock()
    gc.callbacks.append(collector)
    clock = time.process_time()

    def step(name: str) -> None:
        nonlocal clock
        now = time.process_time()
        startup.append((name, now - clock))
        clock = now

    from eventledger.pipeline import Pipeline
    from eventledger.settings import Settings
    from eventledger.store import open_store

    step("imports (pipeline, store)")
    settings = Settings(engine="local")
    with tempfile.TemporaryDirectory() as tmp:
        from eventledger.engine import prepare
        from eventledger.extract import entities
        from eventledger.kb import load_kb
        from eventledger.nlp import fast_pipeline, ner_pipeline

        step("imports (extraction, spaCy)")
        load_kb()
        step("knowledge base")
        fast_pipeline()
        step("fast pipeline (KB rulers)")
        ner_pipeline(settings.spacy_model)
        step("statistical pipeline")
        prepare(settings.spacy_model)
        step("prepare's warm-up")
        if args.warm:
            with open_store(str(Path(tmp) / "first.db")) as store:
                Pipeline(store, dataclasses.replace(settings, db=str(Path(tmp) / "first.db"))).run(inputs)
            entities.forget()
            step("a first run (--warm)")
        collected_at_startup = collector.take()
        db = str(Path(tmp) / "profile.db")
        if args.stages:
            with open_store(db) as store:
                stages_by_cpu(Pipeline(store, dataclasses.replace(settings, db=db)), inputs, startup)
            return
        with open_store(db) as store:
            profiler = cProfile.Profile(time.process_time)  # CPU time: the machine may be shared
            cpu0 = time.process_time()
            profiler.enable()
            summary = Pipeline(store, dataclasses.replace(settings, db=db)).run(inputs)
            profiler.disable()
            cpu = time.process_time() - cpu0
    gc.callbacks.remove(collector)

    stats = pstats.Stats(profiler)
    own: dict[str, float] = defaultdict(float)
    rows = []
    for (filename, _line, function), (_cc, _nc, tottime, _cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        own[component(filename, function)] += tottime
        rows.append((tottime, f"{Path(filename).name}:{function}" if filename != "~" else function))
    total = sum(own.values())
    articles = summary.ingest.read
    print(f"{articles} articles ({len(inputs)} inputs) from {args.folder}; load average {os.getloadavg()[0]:.1f}")
    print("start-up, CPU s: " + ", ".join(f"{name} {seconds:.2f}" for name, seconds in startup))
    print(f"garbage collector, CPU s: start-up {collected_at_startup}, profiled run {collector.take()}")
    print(f"stages (under the profiler): ingest {summary.ingest.seconds:.1f} s, extract {summary.extract.seconds:.1f} s, "
          f"link {summary.link.seconds:.1f} s; {cpu:.1f} CPU s in all, {cpu / max(articles, 1) * 1000:.0f} ms per article")
    print(f"\n{'component':<34} {'own s':>7} {'share':>6}")
    for name, seconds in sorted(own.items(), key=lambda kv: -kv[1]):
        if seconds / total >= 0.005:
            print(f"{name:<34} {seconds:>7.2f} {seconds / total:>6.1%}")
    print(f"\nfunctions with the most own time (top {args.top}):")
    for seconds, name in sorted(rows, reverse=True)[: args.top]:
        print(f"{seconds:>7.2f}  {name[:100]}")


if __name__ == "__main__":
    sys.exit(main())
