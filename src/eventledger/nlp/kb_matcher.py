"""The knowledge base's entity ruler: its phrases matched on token strings, from a table built once.

spaCy's ``EntityRuler`` keeps its phrases in a ``PhraseMatcher``, which needs every pattern
tokenised into a ``Doc``: for the KB's ~9,800 phrases that meant building the patterns (a
``match_place`` per place name), tokenising them and creating ~14,500 lexemes, about three
seconds of every process's start (each CLI run, each pool worker), longer than extracting a
hundred short articles. :class:`KbPhraseMatcher` matches the same phrases the same way (token
by token, on ``LOWER`` or on ``ORTH``, the longest first) from a table of token strings, and the
table ships with the package (``data/kb_patterns.json.gz``, written by
``scripts/build_kb_patterns.py``), so a process only reads it.

The table carries a fingerprint of what the patterns are made from (the KB's code and data,
``nlp/patterns.py``, spaCy's version, whose tokenizer cut the phrases, and the table's format): when it does not match
(the KB was edited and the table not rebuilt) or the file is unreadable, the table is built in
the process as before, the same patterns, only slower. ``tests/nlp/test_kb_matcher.py`` fails
when the shipped table is not current.

Matching and annotation follow ``EntityRuler.match``/``set_annotations`` (spaCy 3.8) step by
step: every occurrence of a phrase, sorted longest first then leftmost, each kept when neither of
its end tokens is taken by a kept match; the ``LOWER`` ruler replaces entities it overlaps, the
``ORTH`` ruler (exact-case aliases: "IS", "AP", "Hit") only fills tokens without one.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from spacy import about
from spacy.attrs import LOWER as LOWER_ATTR
from spacy.attrs import ORTH as ORTH_ATTR
from spacy.language import Language
from spacy.strings import hash_string  # type: ignore[attr-defined]  # (in the compiled module, not its stub)
from spacy.tokens import Doc, Span

from eventledger.kb.files import source_digest

log = logging.getLogger(__name__)

FACTORY = "kb_phrase_matcher"
TABLE_FILE = "kb_patterns.json.gz"
TABLE_FORMAT = 1  # raise it when ``build_table`` or the file's layout changes
LOWER, ORTH = "LOWER", "ORTH"

# a phrase: its tokens (lower-cased for LOWER), its label and its KB id
Phrase = tuple[tuple[str, ...], str, str]


class KbPhraseMatcher:
    """Adds ACTOR/OUTLET/PLACE entities where a KB phrase occurs (see the module's docstring)."""

    def __init__(self, attr: str, overwrite: bool) -> None:
        if attr not in (LOWER, ORTH):
            raise ValueError(f"attr must be {LOWER} or {ORTH}, not {attr!r}")
        self.attr = attr
        self.overwrite = overwrite
        self._attr_id = LOWER_ATTR if attr == LOWER else ORTH_ATTR
        # phrases by the hashes of their tokens' strings, which are the values of the tokens'
        # LOWER or ORTH attribute: a Doc gives them as one array, without making Token objects
        self._keys: dict[tuple[int, ...], tuple[str, str]] = {}
        self._lengths: dict[int, tuple[int, ...]] = {}  # first token -> lengths of its phrases

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, phrases: Iterable[Phrase]) -> None:
        """Add phrases; a token sequence keeps the first label and id given to it (the patterns
        come in the KB's order of priority: actors before places, Iraq before the world)."""
        lengths: dict[int, set[int]] = {first: set(n) for first, n in self._lengths.items()}
        for tokens, label, kb_id in phrases:
            if not tokens:
                continue
            key = tuple(hash_string(token) for token in tokens)
            self._keys.setdefault(key, (label, kb_id))
            lengths.setdefault(key[0], set()).add(len(key))
        self._lengths = {first: tuple(sorted(n, reverse=True)) for first, n in lengths.items()}

    def match(self, doc: Doc) -> list[tuple[int, int, tuple[str, str]]]:
        """Every occurrence (start, end, (label, id)), longest first, then leftmost."""
        words = doc.to_array(self._attr_id).tolist()
        found = []
        lengths, keys, size = self._lengths, self._keys, len(words)
        for start, word in enumerate(words):
            for n in lengths.get(word, ()):
                if start + n > size:
                    continue
                key = keys.get(tuple(words[start : start + n]))
                if key is not None:
                    found.append((start, start + n, key))
        found.sort(key=lambda m: (m[1] - m[0], -m[0]), reverse=True)
        return found

    def __call__(self, doc: Doc) -> Doc:
        entities = list(doc.ents)
        new: list[Span] = []
        taken: set[int] = set()
        for start, end, (label, kb_id) in self.match(doc):
            if not self.overwrite and any(t.ent_type for t in doc[start:end]):
                continue
            # as the EntityRuler: a match is dropped when one of its end tokens is taken
            if start in taken or end - 1 in taken:
                continue
            new.append(Span(doc, start, end, label=label, span_id=kb_id))
            entities = [e for e in entities if not (e.start < end and e.end > start)]
            taken.update(range(start, end))
        doc.ents = entities + new
        return doc


@Language.factory(FACTORY, default_config={"attr": LOWER, "overwrite": True})
def make_kb_phrase_matcher(nlp: Language, name: str, attr: str, overwrite: bool) -> KbPhraseMatcher:
    """An empty matcher; ``eventledger.nlp.pipeline`` fills it with the KB's table."""
    return KbPhraseMatcher(attr, overwrite)


# --- the table -------------------------------------------------------------------------------


def fingerprint() -> str:
    """A hash of everything the table depends on: the KB's code and data
    (:func:`~eventledger.kb.files.source_digest`), the pattern rules and spaCy's version."""
    digest = hashlib.sha256(f"{TABLE_FORMAT}|spacy {about.__version__}".encode())
    digest.update(source_digest())
    digest.update((Path(__file__).resolve().parent / "patterns.py").read_bytes())
    return digest.hexdigest()


def build_table() -> dict[str, list[Phrase]]:
    """The KB's patterns as token strings: {"LOWER": [...], "ORTH": [...]} (slow: seconds)."""
    from eventledger.kb import load_kb
    from eventledger.nlp.patterns import build_patterns, split_patterns

    tokenizer = spacy.blank("en").tokenizer
    folded, exact = split_patterns(build_patterns(load_kb()))
    lower = [(tuple(t.lower_ for t in tokenizer(p["pattern"])), p["label"], p["id"]) for p in folded]
    orth = [(tuple(t.text for t in tokenizer(p["pattern"])), p["label"], p["id"]) for p in exact]
    return {LOWER: lower, ORTH: orth}


def write_table(path: Path) -> None:
    """Write the table with its fingerprint (``scripts/build_kb_patterns.py``)."""
    table = build_table()
    body = {
        "format": TABLE_FORMAT,
        "fingerprint": fingerprint(),
        **{attr: [[list(tokens), label, kb_id] for tokens, label, kb_id in table[attr]] for attr in (LOWER, ORTH)},
    }
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    path.write_bytes(gzip.compress(data, mtime=0))


def _read_shipped() -> dict[str, Any] | None:
    try:
        raw = resources.files("eventledger.nlp").joinpath("data", TABLE_FILE).read_bytes()
        body = json.loads(gzip.decompress(raw))
    except (OSError, ValueError, EOFError) as exc:
        log.warning("the KB pattern table could not be read (%s); building it", exc)
        return None
    if not isinstance(body, dict) or body.get("format") != TABLE_FORMAT:
        return None
    return body


@cache
def kb_table() -> dict[str, list[Phrase]]:
    """The shipped table when it is current, else the table built here (same patterns)."""
    body = _read_shipped()
    if body is not None and body.get("fingerprint") == fingerprint():
        return {attr: [(tuple(tokens), label, kb_id) for tokens, label, kb_id in body[attr]] for attr in (LOWER, ORTH)}
    log.info("the shipped KB pattern table is not current (scripts/build_kb_patterns.py rebuilds it); building it")
    return build_table()
