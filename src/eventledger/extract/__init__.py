"""Extraction: one article in, its reports out, every field with its evidence.

Public API::

    from eventledger.extract import extract_article, extract_articles
    extraction = extract_article(article)            # ArticleExtraction
    for item in extract_articles(articles):          # ArticleExtraction | Failure, never raises
        ...

The package is laid out so that a rule has one obvious home:

- ``detection/``: what says that an event happened, and of which type (violence and political
  cues, ACLED typing by rules and a classifier);
- ``fields/``: one module per field of a report (place, date, actors, casualties, weapon,
  target, attribution), each reading what one sentence says and deciding a report's value;
- the orchestration, here: ``segment`` (sentences and lines), ``logs`` (incident logs and their
  totals), ``entities`` (KB entities from the fast pipeline), ``analysis`` (what each sentence
  says), ``clusters`` (sentences of one event together), ``report`` (reports with evidence) and
  ``core`` (the whole of one article, and batches).

Word lists and context patterns are data, in the ``data/`` folder beside each module.
"""

from __future__ import annotations

from eventledger.extract.core import extract_article, extract_articles

__all__ = ["extract_article", "extract_articles"]

