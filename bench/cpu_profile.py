"""Where the CPU goes on real articles: per stage, and per component inside the run.

    python bench/cpu_profile.py                          # the realnews dev pages (../shared/eval/dev/realnews)
    python bench/cpu_profile.py --folder DIR [--top 25]  # any folder of articles

One process, the local engine (no pool), a fresh SQLite store: the whole job (ingest, extract,
anchor, link, writes) runs under cProfile. Printed:

- each stage's seconds (the pipeline's own summaries) and the start-up apart (imports, building
  the knowledge base and the spaCy pipelines, which a long run pays once);
- the profile's own CPU time grouped by component (site-packages by package, the standard library by module): each eventledger package (extract.detection,
  extract.fields, nlp, kb, ingest, link, store...), spaCy and thinc, regular expressions (C),
  SQLAlchemy and the database driver, trafilatura/lxml, everything else;
- the functions with the most own time (``--top``).

cProfile slows pure-Python code more than C code, so shares are a map of where to look, and
speed itself is measured by bench/throughput.py. (Not named bench/profile.py: run as a script,
that name would hide the standard library's ``profile`` module, which cProfile imports.)
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

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


def inputs_of(folder: Path) -> list[str]:
    """A realnews-style folder's ``articles/`` folders (never its gold files), else the folder."""
    found = sorted(str(p) for p in folder.glob("**/articles") if p.is_dir())
    return found or [str(folder)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folder", type=Path, default=REALNEWS)
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    if not args.folder.exists():
        raise SystemExit(f"{args.folder} not found (the realnews pages live in ../shared beside the checkout)")
    inputs = inputs_of(args.folder)

    started = time.perf_counter()
    from eventledger.pipeline import Pipeline
    from eventledger.settings import Settings
    from eventledger.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "profile.db")
        settings = Settings(db=db, engine="local")
        with open_store(db) as store:
            from eventledger.engine import prepare

            prepare(settings.spacy_model)
            startup = time.perf_counter() - started
            profiler = cProfile.Profile(time.process_time)  # CPU time: the machine may be shared
            cpu0 = time.process_time()
            profiler.enable()
            summary = Pipeline(store, settings).run(inputs)
            profiler.disable()
            cpu = time.process_time() - cpu0

    stats = pstats.Stats(profiler)
    own: dict[str, float] = defaultdict(float)
    rows = []
    for (filename, _line, function), (_cc, _nc, tottime, _cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        own[component(filename, function)] += tottime
        rows.append((tottime, f"{Path(filename).name}:{function}" if filename != "~" else function))
    total = sum(own.values())
    articles = summary.ingest.read
    print(f"{articles} articles ({len(inputs)} inputs) from {args.folder}; load average {os.getloadavg()[0]:.1f}")
    print(f"start-up (imports, knowledge base, spaCy pipelines): {startup:.1f} s")
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
