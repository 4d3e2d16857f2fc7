"""Markdown and static-site pages: front matter read as metadata, Markdown read as plain text.

A Jekyll/Hugo/Eleventy page opens with a YAML block between ``---`` lines or a TOML block
between ``+++`` lines. ``split_front_matter`` takes it off: its title, date (``date``,
``published``...; ``lastmod`` is a revision), outlet and canonical URL become the article's
metadata; author and tags are read but an ``Article`` has no field for them, so they are dropped.
The block itself is never article text. The key names are data in
:mod:`eventledger.ingest.formats`.

``markdown_to_text`` turns the Markdown body into the plain text the other stages read: heading
marks, emphasis, link targets, images, shortcodes and template tags go; the words stay.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from typing import Any

import yaml

from eventledger.ingest import formats
from eventledger.ingest.dates import parse_date
from eventledger.ingest.pubdate import DateClue

_YAML_BLOCK = re.compile(r"\A\ufeff?[ \t]*---[ \t]*\r?\n(?P<body>.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_TOML_BLOCK = re.compile(r"\A\ufeff?[ \t]*\+\+\+[ \t]*\r?\n(?P<body>.*?)\r?\n\+\+\+[ \t]*(?:\r?\n|\Z)", re.S)
# Every top-level line of a YAML block is "key: ..." (or a comment, a list item, an indented
# continuation); a text that merely opens with a "---" rule is not front matter.
_YAML_KEY = re.compile(r"^(?:[A-Za-z_][\w.-]*\s*:(?:\s|$)|#|-\s|\s|$)")
_TOML_LINE = re.compile(r"^(?:[A-Za-z_][\w.-]*\s*=|\[|#|\s|$|\]|\")")
# A front matter block longer than this is not one.
MAX_FRONT_MATTER_CHARS = 20_000


@dataclass(frozen=True)
class FrontMatter:
    """What a page's front matter says about it."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    dates: tuple[DateClue, ...] = ()
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


def _load(text: str) -> tuple[dict[str, Any], str] | None:
    for pattern, line_shape, parse in ((_YAML_BLOCK, _YAML_KEY, _parse_yaml), (_TOML_BLOCK, _TOML_LINE, _parse_toml)):
        match = pattern.match(text)
        if not match or len(match.group("body")) > MAX_FRONT_MATTER_CHARS:
            continue
        block = match.group("body")
        if not all(line_shape.match(line) for line in block.splitlines()):
            continue
        data = parse(block)
        if data is not None:
            return data, text[match.end():]
    return None


def _parse_yaml(block: str) -> dict[str, Any] | None:
    try:
        data = yaml.safe_load(block) if block.strip() else {}
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None


def _parse_toml(block: str) -> dict[str, Any] | None:
    try:
        return tomllib.loads(block)
    except tomllib.TOMLDecodeError:
        return None


def _lookup(data: dict[str, Any], names: tuple[str, ...]) -> Any:
    lowered = {str(key).casefold(): value for key, value in data.items()}
    for name in names:
        value = lowered.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    return None


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else re.split(r"\s*,\s*", value) if isinstance(value, str) else [value]
    names = []
    for item in items:
        if isinstance(item, dict):  # authors: [{name: ..., url: ...}]
            item = item.get("name")
        if isinstance(item, (str, int, float)) and str(item).strip():
            names.append(" ".join(str(item).split()))
    return tuple(names)


def _text(value: Any) -> str | None:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return " ".join(str(value).split()) or None
    return None


def split_front_matter(text: str) -> tuple[FrontMatter | None, str]:
    """(the front matter, the rest of the text) — (None, text) when the text has none."""
    loaded = _load(text)
    if loaded is None:
        return None, text
    data, body = loaded
    dates = []
    for names, updated in ((formats.FRONT_MATTER_PUBLISHED, False), (formats.FRONT_MATTER_UPDATED, True)):
        value = _as_date(_lookup(data, names))
        if value is not None:
            dates.append(DateClue(value, "front_matter", updated=updated))
    url = _text(_lookup(data, formats.FRONT_MATTER_URL))
    return FrontMatter(
        title=_text(_lookup(data, formats.FRONT_MATTER_TITLE)),
        outlet=_text(_lookup(data, formats.FRONT_MATTER_OUTLET)),
        url=url if url and re.match(r"https?://\S+$", url) else None,
        dates=tuple(dates),
        authors=_strings(_lookup(data, formats.FRONT_MATTER_AUTHORS)),
        tags=_strings(_lookup(data, formats.FRONT_MATTER_TAGS)),
    ), body


# Markdown syntax, in the order it is taken off a line.
_MARKDOWN_LINE_DROPS = (
    re.compile(r"^\s*(?:```|~~~).*$"),  # code fences (the code lines stay)
    re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$"),  # reference-link definitions
    re.compile(r"^\s*(?:[-*_]\s*){3,}$"),  # horizontal rules
    re.compile(r"^\s*(?:=+|-+)\s*$"),  # setext heading underlines
    re.compile(r"^\s*(?:\{\{[<%].*?[>%]\}\}|\{%.*?%\}|<!--.*?-->)\s*$"),  # shortcodes, template tags, comments
)
_MARKDOWN_INLINE = (
    (re.compile(r"\{\{[<%].*?[>%]\}\}|\{%.*?%\}|\{\{.*?\}\}|<!--.*?-->"), ""),  # shortcodes, Liquid, comments
    (re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)"), r"\1"),  # [text](url "title")
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<(https?://[^>\s]+)>"), ""),  # <https://...>
    (re.compile(r"</?[a-zA-Z][\w-]*(?:\s[^<>]*)?/?>"), ""),  # inline HTML tags
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # **strong**
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1\2"),  # *em*
    (re.compile(r"`([^`]*)`"), r"\1"),  # `code`
)
_MARKDOWN_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?=\S))")


def markdown_to_text(text: str) -> str:
    """Plain text of a Markdown document: the words without the syntax, a line per line."""
    lines = []
    for line in text.split("\n"):
        if any(pattern.match(line) for pattern in _MARKDOWN_LINE_DROPS):
            lines.append("")
            continue
        line = _MARKDOWN_PREFIX.sub("", line)
        line = re.sub(r"\s+#+\s*$", "", line)  # closing marks of an ATX heading
        for pattern, replacement in _MARKDOWN_INLINE:
            line = pattern.sub(replacement, line)
        lines.append(line.rstrip())
    return "\n".join(lines)
