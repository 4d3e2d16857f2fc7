"""The hostile-input folder: one folder holding a gzip bomb, 100,000 nested divs, an XXE feed, a
billion-laughs feed, a FIFO, a symlink loop and a file over max_bytes (all made here, at test
time), beside an ordinary article. ``eventledger ingest`` of the folder stores the readable ones,
records each other one with its true reason, reads nothing it was not given (no /etc/passwd),
and stays within the memory of an ordinary run."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eventledger.store import open_store

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "A roadside bomb hit a supply convoy near Basra on 3 March 2021, killing two drivers, police said.\n"
NESTED = "Gunmen attacked a police post near the river town on Monday, officials said, and two officers were hurt."
XXE_TEXT = "A bomb exploded near a market on Monday, killing three people, police said."

# file name -> the reason it is recorded with (a fragment of it), or None: it is stored as an article
EXPECTED: dict[str, str | None] = {
    "good.txt": None,
    "nested.html": None,
    "xxe.xml": None,  # the feed's item is stored, its external entity never resolved
    "bomb.txt.gz": "compression bomb",
    "big.txt": "over the limit of 20000000",
    "pipe.txt": "named pipe (FIFO)",
    "loop-a.txt": "symlink loop",
    "loop-b.txt": "symlink loop",
    "laughs.xml": "no article text",  # its only text is an entity that is never expanded
}
MEMORY_MARGIN = 300 << 20  # bytes above an ordinary run's peak RSS


def hostile_folder(folder: Path) -> None:
    folder.mkdir()
    (folder / "good.txt").write_text("Convoy attack\n\n" + ARTICLE)
    with gzip.open(folder / "bomb.txt.gz", "wb", compresslevel=9) as bomb:  # 200 MB of text in 200 kB
        for _ in range(200):
            bomb.write(b"A" * (1 << 20))
    (folder / "nested.html").write_text(
        "<html><body>" + "<div>" * 100_000 + f"<p>{NESTED}</p>" + "</div>" * 100_000 + "</body></html>"
    )
    (folder / "xxe.xml").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        '<rss version="2.0"><channel><title>Wire</title><item><title>Market blast</title>'
        f"<description>&xxe; {XXE_TEXT}</description></item></channel></rss>\n"
    )
    entities = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    (folder / "laughs.xml").write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol0 "lol">{entities}]>\n'
        '<rss version="2.0"><channel><title>Wire</title><item><title>x</title>'
        "<description>&lol9;</description></item></channel></rss>\n"
    )
    os.mkfifo(folder / "pipe.txt")
    os.symlink("loop-b.txt", folder / "loop-a.txt")
    os.symlink("loop-a.txt", folder / "loop-b.txt")
    line = "The council discussed the budget of the town library again at some length.\n"
    with (folder / "big.txt").open("w") as big:  # 25 MB, over max_bytes (20 MB)
        for _ in range(25_000_000 // len(line)):
            big.write(line)


def ingest_peak_rss(folder: Path, db: Path) -> int:
    """Run ``eventledger ingest`` in a fresh parent, so that the peak RSS it reports is the ingest's alone."""
    measure = (
        "import resource, subprocess, sys; done = subprocess.run(sys.argv[1:], capture_output=True); "
        "sys.stderr.write(done.stderr.decode()); "
        "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run(
        [sys.executable, "-c", measure, sys.executable, "-m", "eventledger", "ingest", str(folder), "--db", str(db)],
        capture_output=True, text=True, env=env, timeout=600,
    )
    code, peak_kib = done.stdout.split()
    assert code == "0", done.stderr[-2000:]
    return int(peak_kib) * 1024


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symlinks")
def test_every_hostile_input_is_stored_or_recorded_with_its_reason_within_bounded_memory(tmp_path: Path) -> None:
    ordinary = tmp_path / "ordinary"
    ordinary.mkdir()
    (ordinary / "good.txt").write_text("Convoy attack\n\n" + ARTICLE)
    baseline = ingest_peak_rss(ordinary, tmp_path / "ordinary.db")

    folder = tmp_path / "hostile"
    hostile_folder(folder)
    peak = ingest_peak_rss(folder, tmp_path / "hostile.db")

    with open_store(str(tmp_path / "hostile.db")) as store:
        failures = {Path(f.source).name.split("#")[0]: f.reason for f in store.list_failures(limit=None)}
        articles = store.list_articles(limit=None)
    texts = [a.text for a in articles]
    for name, reason in EXPECTED.items():
        if reason is None:
            assert name not in failures, failures.get(name)
        else:
            assert reason in failures.get(name, ""), (name, failures.get(name))
    assert set(failures) <= set(EXPECTED)
    assert any(NESTED in t for t in texts) and any(XXE_TEXT in t for t in texts) and any("Basra" in t for t in texts)
    assert not any("root:" in t for t in texts)  # /etc/passwd was never read into an article
    assert len(articles) == sum(reason is None for reason in EXPECTED.values())
    assert peak < baseline + MEMORY_MARGIN, f"peak RSS {peak >> 20} MB, an ordinary run's {baseline >> 20} MB"
