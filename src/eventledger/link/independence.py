"""What linking needs to know about each article, and how many independent sources an event has.

An event reported by ten outlets that all republish one wire story rests on one source. The
root source of an article is found this way:

- a near-duplicate (``duplicate_of``) counts as its original;
- an article that cites outlets other than its own rests on those outlets (a report's own
  citations, when extraction found some, replace the article-wide ones);
- an article that cites nobody is its own outlet's source (or its own, when the outlet is
  unknown).

An article citing several outlets may rest on any of them, so the number of independent sources
is the fewest roots that account for every article (a small set cover, solved greedily): two
articles that both rest on Middle East Eye count once, and so does an article citing Middle East
Eye and Al Arabiya next to another citing Middle East Eye.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from eventledger.models import Article


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """The facts about one article that linking uses."""

    id: str
    outlet: str | None = None
    published: dt.date | None = None
    duplicate_of: str | None = None
    cites: tuple[str, ...] = field(default=())  # outlets the article reports from

    @classmethod
    def from_article(cls, article: Article, cites: Iterable[str] = ()) -> ArticleInfo:
        """The linking facts of an ``Article``; ``cites`` comes from its extraction's citations."""
        return cls(
            id=article.id,
            outlet=article.outlet,
            published=article.published,
            duplicate_of=article.duplicate_of,
            cites=tuple(dict.fromkeys(c for c in cites if c)),
        )


@lru_cache(maxsize=4096)
def _outlet_key(outlet: str) -> str:
    return " ".join(outlet.casefold().split())


def source_roots(
    article_id: str,
    articles: Mapping[str, ArticleInfo],
    cites: Iterable[str] = (),
) -> frozenset[str]:
    """The root sources one article rests on (outlet keys, or ``article:<id>`` when unnamed).

    ``cites``, the outlets a particular report of the article rests on, replaces the article's
    own list when it is not empty.
    """
    seen: set[str] = set()
    current = article_id
    info = articles.get(current)
    # Follow the chain of copies to the first one known (guarding against cycles).
    while info is not None and info.duplicate_of:
        seen.add(current)
        if info.duplicate_of in seen:
            # Copies of each other (a data error): the whole loop is one source, named the same
            # whichever article we started from.
            return frozenset({f"article:{min(seen)}"})
        current = info.duplicate_of
        original = articles.get(current)
        if original is None:
            # The original is unknown here: all copies of it still share one root.
            return frozenset({f"article:{current}"})
        info = original
    own = _outlet_key(info.outlet) if info is not None and info.outlet else None
    chosen = tuple(cites) or (info.cites if info else ())
    cited = {_outlet_key(c) for c in chosen if c and c.strip()}
    cited.discard(own or "")
    if cited:
        return frozenset(cited)
    return frozenset({own if own else f"article:{current}"})


def independent_sources(
    article_ids: Iterable[str],
    articles: Mapping[str, ArticleInfo],
    report_cites: Mapping[str, Iterable[str]] | None = None,
) -> int:
    """How many independent sources the given articles amount to (at least 1 if any article).

    ``report_cites`` maps an article id to the outlets its reports cite (used instead of the
    article-wide citations when not empty).
    """
    extra = report_cites or {}
    unique = dict.fromkeys(article_ids)
    if len(unique) <= 1:  # every article rests on at least one root
        return len(unique)
    uncovered = [source_roots(a, articles, extra.get(a, ())) for a in unique]
    if len(uncovered) == 2:  # (most events of several articles): one source if they share a root
        return 1 if not uncovered[0].isdisjoint(uncovered[1]) else 2
    count = 0
    while uncovered:
        # The root that accounts for the most remaining articles (ties: alphabetical).
        tally: dict[str, int] = {}
        for roots in uncovered:
            for root in roots:
                tally[root] = tally.get(root, 0) + 1
        best = min(tally, key=lambda r: (-tally[r], r))
        uncovered = [roots for roots in uncovered if best not in roots]
        count += 1
    return count
