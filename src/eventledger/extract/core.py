"""extract_article: the whole extraction of one article, and a batch form that never raises."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from eventledger.errors import ExtractError
from eventledger.extract.analysis import SentenceInfo, analyse_sentences
from eventledger.extract.attribution import find_citations
from eventledger.extract.build import (
    Fields,
    attack_fields,
    dominant_country,
    log_fields,
    make_report,
    political_fields,
)
from eventledger.extract.clusters import cluster_attacks, cluster_political
from eventledger.extract.entities import (
    Entity,
    actor_id,
    description_places,
    find_entities,
    get_kb,
    merge_entities,
    outlet,
    resolve_place,
    statistical_entities,
)
from eventledger.extract.logs import find_log
from eventledger.extract.segment import split_sentences
from eventledger.models import Article, ArticleExtraction, Failure, Mention, Span


def _mentions(entities: list[Entity]) -> tuple[Mention, ...]:
    out: list[Mention] = []
    for entity in entities:
        span = Span(entity.start, entity.end, entity.text)
        if entity.label == "ACTOR":
            out.append(Mention(entity.text, span, "actor", actor_id(entity), entity.label))
        elif entity.label == "OUTLET":
            known = outlet(entity.text)
            out.append(Mention(entity.text, span, "outlet", known.id if known else entity.kb_id, entity.label))
        elif entity.label == "PLACE":
            place = resolve_place(entity)
            out.append(Mention(entity.text, span, "place", place.id if place else entity.kb_id, entity.label))
    return tuple(out)


_NAME_RUN = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][\w'’-]+(?:\s+(?:al-|of\s+)?[A-Z][\w'’-]+)+")


def _needs_model(info: SentenceInfo) -> bool:
    """Event sentences where the KB missed something: no place, or a name it does not know."""
    cue = info.attack
    if cue is None or (cue.supporting and not (cue.claims or cue.denials)):
        return False
    if not info.places:
        return True
    known = [(e.start - info.sentence.start, e.end - info.sentence.start) for e in info.entities]
    return any(
        not any(s < m.end() and m.start() < e for s, e in known) for m in _NAME_RUN.finditer(info.sentence.text)
    )


def extract_article(article: Article, *, model: str | None = None) -> ArticleExtraction:
    """Everything extraction takes from one article: reports, mentions, citations, log totals.

    ``model`` names a statistical spaCy pipeline to run over the event sentences whose place or
    actors the knowledge base did not find (``None``: the fast KB pass only).
    """
    text = article.text
    published = article.published
    if isinstance(published, dt.datetime):
        published = published.date()
    kb = get_kb()
    sentences = split_sentences(text)
    log = find_log(text, published)
    skip = [(line.start, line.end) for line in log.lines] + [(t.span.start, t.span.end) for t in log.totals]
    entities = merge_entities(find_entities(text), description_places(text))
    infos = analyse_sentences(text, sentences, entities, published, skip)
    if model:
        ranges = [(i.sentence.start, i.sentence.end) for i in infos if _needs_model(i)]
        if ranges:
            extra = statistical_entities(text, ranges, model)
            entities = merge_entities(entities, extra)
            infos = analyse_sentences(text, sentences, entities, published, skip)
    citations = find_citations(text, sentences, entities, kb, article.outlet)
    country = dominant_country(infos)
    built: list[tuple[Fields, list[Span]]] = []
    for line in log.lines:
        line_infos = [i for i in infos if line.start <= i.sentence.start < line.end]
        built.append((log_fields(line, line_infos, article), [Span(line.start, line.end, line.text)]))
    for cluster in cluster_attacks(infos, published):
        fields = attack_fields(cluster, infos, article, citations)
        built.append((fields, [Span(i.sentence.start, i.sentence.end, i.sentence.text) for i in cluster.infos]))
    for cluster in cluster_political(infos):
        fields = political_fields(cluster, infos, article, citations, country)
        built.append((fields, [Span(i.sentence.start, i.sentence.end, i.sentence.text) for i in cluster.infos]))
    built.sort(key=lambda item: min(s.start for s in item[1]))
    reports = tuple(make_report(article, fields, index, spans) for index, (fields, spans) in enumerate(built))
    return ArticleExtraction(
        article_id=article.id,
        reports=reports,
        mentions=_mentions(entities),
        citations=tuple(citations),
        totals=log.totals,
    )


def extract_articles(articles: Iterable[Article], model: str | None = None) -> Iterator[ArticleExtraction | Failure]:
    """Extract every article; one that fails is yielded as a Failure and the rest go on."""
    for article in articles:
        try:
            yield extract_article(article, model=model)
        except Exception as exc:  # one bad article never stops a batch (its reason is kept)
            error = exc if isinstance(exc, ExtractError) else ExtractError(f"{type(exc).__name__}: {exc}")
            yield Failure(
                source=getattr(article, "source", None) or getattr(article, "id", "?"),
                reason=f"extraction failed: {error}",
                stage="extract",
                at=dt.datetime.now(dt.UTC),
            )
