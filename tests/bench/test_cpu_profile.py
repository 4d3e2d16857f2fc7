"""The CPU profile (bench/cpu_profile.py) on a small folder of articles written by the test."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

ARTICLES = {
    "market.txt": "Blast at a market\n\nMarch 3, 2021\n\nA car bomb exploded at a crowded market in Kirkuk on "
    "Tuesday, killing six people and wounding 20, police said. No group has claimed the attack.\n",
    "protest.txt": "Teachers march\n\nMarch 4, 2021\n\nHundreds of teachers marched through the centre of Basra on "
    "Wednesday demanding unpaid salaries; riot police fired tear gas to disperse them.\n",
}


def _run(folder: Path, *extra: str) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "cpu_profile.py"), "--folder", str(folder), "--top", "5", *extra],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def _share(output: str, component: str) -> float:
    found = re.search(rf"^{re.escape(component)}\s+[\d.]+\s+([\d.]+)%", output, re.M)
    return float(found.group(1)) if found else 0.0


@pytest.mark.slow
def test_the_warm_profile_leaves_out_what_the_first_articles_pay_once(tmp_path: Path) -> None:
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    cold, warm = _run(tmp_path), _run(tmp_path, "--warm")
    for output in (cold, warm):
        assert output.startswith("2 articles")
        assert "start-up, CPU s: imports (pipeline, store)" in output and "knowledge base" in output
        # the collector's time, which no profiled function shows
        assert re.search(r"^garbage collector, CPU s: start-up [\d.]+ \(\d+ full collections\), profiled run", output, re.M)
    assert "a first run (--warm)" in warm and "a first run (--warm)" not in cold
    # the typing rules and other patterns are compiled by the first report typed, not again
    assert _share(cold, "stdlib re (compiling patterns)") > _share(warm, "stdlib re (compiling patterns)")
