"""Loading of extraction's word lists and patterns (YAML files in ``extract/data/``).

Every list the extractors use lives in a data file so that it can be read, reviewed and grown
without touching control flow. This module only loads and compiles them, once per process.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

_DATA = "eventledger.extract.data"


@cache
def load_data(name: str) -> Any:
    """The parsed content of ``extract/data/<name>.yaml`` (cached)."""
    text = resources.files(_DATA).joinpath(f"{name}.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def phrase_pattern(phrases: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal phrases, longest first, whitespace-tolerant.

    Phrases may contain regex on purpose when wrapped in ``re:``; plain phrases are escaped and
    their spaces match any run of whitespace (articles wrap lines anywhere).
    """
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        if phrase.startswith("re:"):
            parts.append(phrase[3:])
        else:
            parts.append(r"\s+".join(re.escape(word) for word in phrase.split()))
    return "|".join(parts)


def word_regex(phrases: list[str] | tuple[str, ...], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Compile phrases into one whole-word regex (named group ``w``)."""
    return re.compile(r"(?<![\w-])(?P<w>" + phrase_pattern(phrases) + r")(?![\w-])", flags)
