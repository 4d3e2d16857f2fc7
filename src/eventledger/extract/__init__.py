"""Extraction: one article in, its reports out, every field with its evidence.

Public API::

    from eventledger.extract import extract_article, extract_articles
    extraction = extract_article(article)            # ArticleExtraction
    for item in extract_articles(articles):          # ArticleExtraction | Failure, never raises
        ...

The steps, each a module of this package: ``segment`` (sentences and lines), ``logs`` (incident
logs and their totals), ``entities`` (KB entities from the fast pipeline), ``analysis`` (what each
sentence says: ``attacks``, ``political``, ``dates``, ``casualties``, ``attribution``),
``clusters`` (sentences of one event together) and ``build`` (reports with evidence).
"""

from __future__ import annotations

from eventledger.extract.core import extract_article, extract_articles

__all__ = ["extract_article", "extract_articles"]

