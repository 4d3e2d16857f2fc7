"""Linking: one Event from the many Reports of one real-world event, story clusters, sources.

Public API (pure functions over the models of ``eventledger.models``)::

    link_reports(reports, articles) -> list[Event]          # batch, order-independent
    Linker(events, reports, articles).add(reports, articles) # incremental
    build_stories(events, reports, articles) -> list[Story]
    independent_sources(article_ids, articles) -> int
"""

from eventledger.link.independence import ArticleInfo, independent_sources, source_roots
from eventledger.link.linker import Linker, link_reports
from eventledger.link.merge import merge_casualties, merge_reports
from eventledger.link.rules import normalise_weapon
from eventledger.link.stories import build_stories

__all__ = [
    "ArticleInfo",
    "Linker",
    "build_stories",
    "independent_sources",
    "link_reports",
    "merge_casualties",
    "merge_reports",
    "normalise_weapon",
    "source_roots",
]
