"""Near-duplicate articles (wire copies, republished stories) by MinHash over word 5-shingles.

The index lives in memory; it is rebuilt from stored articles by calling ``add`` for each, in the
order they were stored, so that ``find`` keeps answering with the *first* copy.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable

import numpy as np

from eventledger.ingest import minhash
from eventledger.models import Article

SHINGLE_WORDS = 5

# Texts shorter than this are never near-duplicates. Short event notes are written from templates
# ("On 1 May 2020, forces shelled positions near X") and differ only in a place or a date: measured
# on the ACLED dev files, 5-shingle Jaccard >= 0.8 flagged 316 of 4,979 distinct notes (all under
# 100 words but one). Wire copies, what this index is for, are full articles.
MIN_WORDS = 100
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of ``size``-word shingles of ``text`` (case- and punctuation-insensitive)."""
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


class NearDuplicateIndex:
    """MinHash + LSH over articles' texts; ``find`` names the first indexed copy a text repeats.

    Texts under ``min_words`` words are neither indexed nor ever reported as duplicates.

    A candidate from LSH is confirmed with the MinHash Jaccard estimate against ``threshold`` so
    that banding false positives do not link unrelated articles.

    The index holds every original of a collection while ``ingest`` runs, so it is kept compact:
    each article's signature as one ``bytes`` of 32-bit values (MinHash values are below 2**32)
    and, per LSH band, a dict from the band's hash to the article's position (a list only when
    several articles share a bucket). About 1.5 kB an article, where ``datasketch.MinHashLSH``
    and its ``MinHash`` objects took 4.4 kB (measured on 4,000 generated articles of 600 words).
    A band hash that collides only adds a candidate, which the Jaccard estimate then judges.
    """

    def __init__(self, threshold: float = 0.8, num_perm: int = 128, min_words: int = MIN_WORDS) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.min_words = min_words
        count, rows = minhash.bands(threshold, num_perm)  # datasketch's MinHashLSH's choice of bands and rows
        self._bands = [(band * rows * 4, (band + 1) * rows * 4) for band in range(count)]  # byte offsets
        self._buckets: list[dict[int, int | list[int]]] = [{} for _ in self._bands]
        self._ids: list[str | None] = []  # by position, the order of indexing (None once removed)
        self._signatures: list[bytes] = []  # by position (empty once removed)
        self._positions: dict[str, int] = {}
        # the last text hashed and its signature: ingest asks ``find(text)`` and then ``add(id, text)``
        # with the same string, which would hash every new article twice
        self._last: tuple[str, bytes | None] | None = None

    def __len__(self) -> int:
        return len(self._positions)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._positions

    def _signature(self, text: str) -> bytes | None:
        if self._last is not None and self._last[0] is text:
            return self._last[1]
        signature = self._compute(text)
        self._last = (text, signature)
        return signature

    def _compute(self, text: str) -> bytes | None:
        if len(_WORD.findall(text)) < self.min_words:
            return None  # too short to tell a copy from a templated note about another event
        grams = shingles(text)
        if not grams:
            return None
        return minhash.signature(grams, self.num_perm).tobytes()

    def _jaccard(self, signature: bytes, other: bytes) -> float:
        """The share of equal MinHash values: ``MinHash.jaccard`` on the compact signatures."""
        same = np.count_nonzero(np.frombuffer(signature, dtype=np.uint32) == np.frombuffer(other, dtype=np.uint32))
        return float(same) / self.num_perm

    def add(self, article_id: str, text: str) -> None:
        """Index one article's text (a second ``add`` of the same id is ignored)."""
        if article_id in self._positions:
            return
        self._insert(article_id, self._signature(text))

    def _insert(self, article_id: str, signature: bytes | None) -> None:
        if signature is None:
            return
        position = len(self._ids)
        self._ids.append(article_id)
        self._signatures.append(signature)
        self._positions[article_id] = position
        for (start, end), buckets in zip(self._bands, self._buckets, strict=True):
            key = hash(signature[start:end])
            held = buckets.get(key)
            if held is None:
                buckets[key] = position
            elif isinstance(held, int):
                buckets[key] = [held, position]
            else:
                held.append(position)

    def remove(self, article_id: str) -> None:
        """Forget an indexed article (when a copy that takes precedence replaces it as the original)."""
        position = self._positions.pop(article_id, None)
        if position is None:
            return
        signature = self._signatures[position]
        for (start, end), buckets in zip(self._bands, self._buckets, strict=True):
            key = hash(signature[start:end])
            held = buckets[key]
            if isinstance(held, int):
                del buckets[key]
            else:
                held.remove(position)
                if len(held) == 1:
                    buckets[key] = held[0]
        self._ids[position], self._signatures[position] = None, b""

    def similarity(self, text: str, article_id: str) -> float:
        """Estimated Jaccard similarity of ``text`` with an indexed article (0.0 if not indexed)."""
        signature = self._signature(text)
        position = self._positions.get(article_id)
        if signature is None or position is None:
            return 0.0
        return self._jaccard(signature, self._signatures[position])

    def find(self, text: str) -> str | None:
        """The id of the earliest indexed article that ``text`` nearly duplicates, or None."""
        return self._find(self._signature(text))

    def _find(self, signature: bytes | None) -> str | None:
        if signature is None or not self._positions:
            return None
        candidates: set[int] = set()
        for (start, end), buckets in zip(self._bands, self._buckets, strict=True):
            held = buckets.get(hash(signature[start:end]))
            if held is not None:
                candidates.update([held] if isinstance(held, int) else held)
        # positions grow in the order of indexing: the smallest confirmed one is the first copy
        for position in sorted(candidates):
            if self._jaccard(signature, self._signatures[position]) >= self.threshold:
                return self._ids[position]
        return None

    def place(self, article: Article, stored: Callable[[str], Article]) -> Placement:
        """Decide whether a new article is a copy of an indexed one, and which copy is the original.

        The original is the earlier published copy, then the smaller id (:func:`precedence`),
        whatever the order of ingest, so that the same articles always give the same events. A
        newcomer that precedes the indexed copy replaces it in the index and in the returned
        ``Placement.demoted``; otherwise it comes back with ``duplicate_of`` set, or is indexed
        as an original of its own. ``stored`` reads an indexed article by id.
        """
        original = self.find(article.text)
        if original is None or original == article.id:
            self.add(article.id, article.text)
            return Placement(article)
        first = stored(original)
        if precedence(article) < precedence(first):
            self.remove(first.id)
            self.add(article.id, article.text)
            return Placement(article, demoted=first.id)
        return Placement(dataclasses.replace(article, duplicate_of=original))


@dataclasses.dataclass(frozen=True)
class Placement:
    """Where a new article stands among near-duplicates: ``article`` as it is to be stored
    (``duplicate_of`` set when it is a copy) and ``demoted``, the id of a stored original that
    becomes a copy of it (None when none does)."""

    article: Article
    demoted: str | None = None


def precedence(article: Article) -> tuple[dt.date, str]:
    """Which of two near-duplicate copies is the original: the earlier published, then the smaller id."""
    return (article.published or dt.date.max, article.id)
