"""Fail when a floor in eval-floors.json is lower (or a ceiling higher) than in the previous commit.

    python scripts/check_floors.py            # the working tree against HEAD, and HEAD against HEAD~1
    python scripts/check_floors.py --since C  # every version of the file from commit C on, in order

Floors only go up: a change that lowers a figure is fixed in the system, not in the file. A floor
that disappears counts as lowered. Run by CI (.ci/run) before the tests.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FILE = "eval-floors.json"


def git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], check=True, capture_output=True, text=True).stdout


def version(commit: str) -> dict[str, Any] | None:
    """The file as it stood at ``commit`` (None when it did not exist there)."""
    try:
        return json.loads(git("show", f"{commit}:{FILE}"))
    except subprocess.CalledProcessError:
        return None


def flat(section: dict[str, Any], prefix: str = "") -> dict[str, float]:
    out: dict[str, float] = {}
    for key, value in section.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out |= flat(value, name + ".")
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            out[name] = float(value)
    return out


def _pinned(document: dict[str, Any], what: str) -> dict[str, float]:
    """Every floor (or ceiling) of the file: the examples' at the top, each realnews folder's
    under ``realnews.<folder>.``, the dev notes' (ACLED, CASE, GTD) under ``dev_notes.``."""
    pinned = flat(document.get(what, {}))
    for folder, section in document.get("realnews", {}).items():
        pinned |= flat(section.get(what, {}), f"realnews.{folder}.")
    return pinned | flat(document.get("dev_notes", {}).get(what, {}), "dev_notes.")


def _redefinitions(floors: dict[str, Any]) -> dict[str, list[str]]:
    return {k: [v] if isinstance(v, str) else list(v) for k, v in floors.get("redefined", {}).items()}


def lowered(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Every floor of ``before`` missing or lower in ``after``, and every ceiling raised or dropped.

    A figure whose definition changed is named, with the reason, in ``after``'s ``redefined`` (a
    prefix such as ``events.political`` with a list of dated reasons: what changed and where the
    old figure went): only the version that adds a reason may lower it. Nothing else is excused.
    """
    problems = []
    old, new = _pinned(before, "floors"), _pinned(after, "floors")
    newly = {
        prefix for prefix, reasons in _redefinitions(after).items() if len(reasons) > len(_redefinitions(before).get(prefix, []))
    }
    old = {name: value for name, value in old.items() if not any(name == p or name.startswith(p + ".") for p in newly)}
    for name, value in sorted(old.items()):
        if name not in new:
            problems.append(f"floor {name} ({value}) was removed")
        elif new[name] < value:
            problems.append(f"floor {name} lowered from {value} to {new[name]}")
    old, new = _pinned(before, "ceilings"), _pinned(after, "ceilings")
    for name, value in sorted(old.items()):
        if name not in new:
            problems.append(f"ceiling {name} ({value}) was removed")
        elif new[name] > value:
            problems.append(f"ceiling {name} raised from {value} to {new[name]}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--since", help="check every consecutive version of the file from this commit on")
    args = parser.parse_args(argv)
    current = json.loads((ROOT / FILE).read_text("utf-8"))
    if args.since:
        commits = git("rev-list", "--reverse", f"{args.since}^..HEAD", "--", FILE).split()
    else:
        try:
            commits = [git("rev-parse", "HEAD~1").strip(), git("rev-parse", "HEAD").strip()]
        except subprocess.CalledProcessError:
            commits = [git("rev-parse", "HEAD").strip()]
            print(f"check_floors: no commit before HEAD in this clone; comparing {FILE} with HEAD only", file=sys.stderr)
    versions = [(c[:10], version(c)) for c in commits] + [("working tree", current)]
    problems = []
    for (name_a, a), (name_b, b) in zip(versions, versions[1:], strict=False):
        if a is not None and b is not None:
            problems += [f"{name_a} -> {name_b}: {p}" for p in lowered(a, b)]
    for problem in problems:
        print(f"check_floors: {problem}", file=sys.stderr)
    if not problems:
        print(f"check_floors: {FILE} keeps or raises every floor ({' -> '.join(n for n, _ in versions)})")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
