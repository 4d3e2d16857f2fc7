"""Near-duplicate articles (wire copies, republished stories) by MinHash over word 5-shingles.

The index lives in memory; it is rebuilt from stored articles by calling ``add`` for each, in the
order they were stored, so that ``find`` keeps answering with the *first* copy.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable

from datasketch import MinHash, MinHashLSH

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
    """

    def __init__(self, threshold: float = 0.8, num_perm: int = 128, min_words: int = MIN_WORDS) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.min_words = min_words
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._hashes: dict[str, MinHash] = {}
        self._order: dict[str, int] = {}
        # Drawing the random permutations is most of the cost of a MinHash; draw them once.
        self._template = MinHash(num_perm=num_perm)
        # the last text hashed and its MinHash: ingest asks ``find(text)`` and then ``add(id, text)``
        # with the same string, which would hash every new article twice
        self._last: tuple[str, MinHash | None] | None = None

    def __len__(self) -> int:
        return len(self._hashes)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._hashes

    def _minhash(self, text: str) -> MinHash | None:
        if self._last is not None and self._last[0] is text:
            return self._last[1]
        minhash = self._compute(text)
        self._last = (text, minhash)
        return minhash

    def _compute(self, text: str) -> MinHash | None:
        if len(_WORD.findall(text)) < self.min_words:
            return None  # too short to tell a copy from a templated note about another event
        grams = shingles(text)
        if not grams:
            return None
        minhash = MinHash(num_perm=self.num_perm, permutations=self._template.permutations, scheme=self._template.scheme)
        minhash.update_batch(list(grams))
        return minhash

    def add(self, article_id: str, text: str) -> None:
        """Index one article's text (a second ``add`` of the same id is ignored)."""
        if article_id in self._hashes:
            return
        self._insert(article_id, self._minhash(text))

    def _insert(self, article_id: str, minhash: MinHash | None) -> None:
        if minhash is None:
            return
        self._lsh.insert(article_id, minhash)
        self._hashes[article_id] = minhash
        self._order[article_id] = len(self._order)

    def remove(self, article_id: str) -> None:
        """Forget an indexed article (when a copy that takes precedence replaces it as the original)."""
        if self._hashes.pop(article_id, None) is not None:
            self._lsh.remove(article_id)
            self._order.pop(article_id, None)

    def similarity(self, text: str, article_id: str) -> float:
        """Estimated Jaccard similarity of ``text`` with an indexed article (0.0 if not indexed)."""
        minhash = self._minhash(text)
        other = self._hashes.get(article_id)
        return float(minhash.jaccard(other)) if minhash is not None and other is not None else 0.0

    def find(self, text: str) -> str | None:
        """The id of the earliest indexed article that ``text`` nearly duplicates, or None."""
        return self._find(self._minhash(text))

    def _find(self, minhash: MinHash | None) -> str | None:
        if minhash is None or not self._hashes:
            return None
        candidates = [key for key in self._lsh.query(minhash) if minhash.jaccard(self._hashes[key]) >= self.threshold]
        return min(candidates, key=self._order.__getitem__) if candidates else None

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
