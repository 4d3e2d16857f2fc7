"""Throughput of extract_article on ~600-word articles, against spaCy's statistical pipeline.

Usage: python bench/extract_speed.py [--rounds 3] [--articles 60] [--no-spacy]

The texts are the seed articles of ../shared/corpus/seeds cut or repeated to 600 words when
they are available, otherwise articles assembled from sentences written for the tests.
Prints articles/s, median of the rounds, after one warm-up article (KB and pipelines loaded):
by CPU time of this process (stable on a shared machine) and by wall-clock time.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

from eventledger.extract import extract_article
from eventledger.models import Article

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
OWN = (
    "Three rockets struck near the airport in Baghdad on Sunday night, security officials said. "
    "The attack wounded two guards and damaged a parked car, according to a police statement. "
    "A roadside bomb hit a supply convoy in Dhi Qar on Monday, wounding a driver. "
    "Mustafa al-Kadhimi met Ismail Qaani in Baghdad on Saturday to discuss the recent escalation. "
    "The armed factions announced a truce on 9 March, promising to halt attacks on foreign forces. "
    "Analysts argued the calm would not last, and several politicians called for new elections. "
)


def _texts(count: int, words: int = 600) -> list[str]:
    sources = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))] if SEEDS.is_dir() else [OWN]
    texts = []
    for i in range(count):
        tokens = sources[i % len(sources)].split(" ")
        while len(tokens) < words:
            tokens += tokens
        texts.append(" ".join(tokens[:words]) + f"\n\nRef {i}.")
    return texts


def main(argv: list[str]) -> None:
    rounds = int(argv[argv.index("--rounds") + 1]) if "--rounds" in argv else 3
    count = int(argv[argv.index("--articles") + 1]) if "--articles" in argv else 60
    texts = _texts(count)
    articles = [Article.create(t, published=dt.date(2020, 12, 26)) for t in texts]
    extract_article(articles[0])  # warm-up: KB, pipelines, word lists
    rates, cpu_rates = [], []
    for _ in range(rounds):
        start, cpu = time.perf_counter(), time.process_time()
        for article in articles:
            extract_article(article)
        rates.append(len(articles) / (time.perf_counter() - start))
        cpu_rates.append(len(articles) / (time.process_time() - cpu))
    print(
        f"extract_article: {statistics.median(cpu_rates):.1f} articles/s of CPU time, {statistics.median(rates):.1f} by wall clock"
        f" (median of {rounds}; {count} articles of ~600 words)"
    )
    if "--no-spacy" in argv:
        return
    from eventledger.nlp import get_pipeline

    nlp = get_pipeline()
    list(nlp.pipe(texts[:2]))
    rates, cpu_rates = [], []
    for _ in range(rounds):
        start, cpu = time.perf_counter(), time.process_time()
        list(nlp.pipe(texts, batch_size=8))
        rates.append(len(texts) / (time.perf_counter() - start))
        cpu_rates.append(len(texts) / (time.process_time() - cpu))
    print(
        f"statistical spaCy pipeline (nlp.pipe, batch 8): {statistics.median(cpu_rates):.1f} articles/s of CPU time,"
        f" {statistics.median(rates):.1f} by wall clock"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
