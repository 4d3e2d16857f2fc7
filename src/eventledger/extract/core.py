"""extract_article: the whole extraction of one article, and a batch form that never raises."""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS

from eventledger.datafiles import load_yaml
from eventledger.errors import ExtractError
from eventledger.extract.analysis import SentenceInfo, analyse_sentences
from eventledger.extract.clusters import Cluster, arrested_in_a_crowd, cluster_attacks, cluster_political
from eventledger.extract.entities import Entity, find_entities, get_kb, merge_entities, outlet, statistical_entities
from eventledger.extract.fields.actors import actor_id
from eventledger.extract.fields.article_places import dominant_country
from eventledger.extract.fields.attribution import find_citations
from eventledger.extract.fields.date import edition_date
from eventledger.extract.fields.draft import Fields
from eventledger.extract.fields.place import description_places, resolve_place
from eventledger.extract.lexicon import compile_patterns
from eventledger.extract.logs import Log, find_log
from eventledger.extract.report import attack_fields, log_fields, make_report, political_fields
from eventledger.extract.segment import Sentence, split_sentences
from eventledger.ingest.pubdate import url_month
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


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    return compile_patterns(load_yaml("eventledger.extract", "statistical.yaml")["patterns"])


# capitalised words that name nothing the model could add: function words opening a sentence
# ("The", "According"), months and weekdays (the model's DATE, which extraction does not read)
_NOT_NAMES = frozenset(STOP_WORDS) | {
    name.lower() for name in (*calendar.month_name, *calendar.day_name, "according") if name
}


def _unknown(info: SentenceInfo, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` in the sentence that overlap no entity the KB found."""
    known = [(e.start - info.sentence.start, e.end - info.sentence.start) for e in info.entities]
    for match in pattern.finditer(info.sentence.text):
        if not any(s < match.end() and match.start() < e for s, e in known):
            yield match


def _needs_model(info: SentenceInfo) -> bool:
    """Event sentences where the KB missed something: no place, or a name it does not know.

    A sentence with no place goes to the model only if some capitalised word in it is neither
    a KB name nor a common word: the model labels names, and merged entities never overlap the
    KB's, so there it has nothing to add (in 3,390 ACLED and GTD notes, of 1,355 such
    sentences one gained an entity from the model, the fragment "pro-" as an actor).
    """
    cue = info.attack
    if cue is None or (cue.supporting and not (cue.claims or cue.denials)):
        return False
    if not info.places:
        return any(m.group().lower() not in _NOT_NAMES for m in _unknown(info, _patterns()["capitalised"]))
    return any(True for _ in _unknown(info, _patterns()["name_run"]))


@dataclass
class _Reading:
    """An article read with the fast pass; ``ranges``: the sentences the statistical model should see."""

    article: Article
    published: dt.date | None
    sentences: list[Sentence]
    log: Log
    skip: list[tuple[int, int]]
    entities: list[Entity]
    infos: list[SentenceInfo]
    ranges: list[tuple[int, int]]
    month: tuple[int, int] | None  # an undated page's address month (see ``analyse_sentences``)


def _read(article: Article, model: str | None) -> _Reading:
    text = article.text
    published = article.published
    if isinstance(published, dt.datetime):
        published = published.date()
    sentences = split_sentences(text)
    edition = edition_date(sentences, published)
    if edition != published:  # an updated page: its text counts its days from its later edition
        article, published = dataclasses.replace(article, published=edition), edition
    log = find_log(text, published)
    skip = [(line.start, line.end) for line in log.lines] + [(t.span.start, t.span.end) for t in log.totals]
    entities = merge_entities(find_entities(text), description_places(text))
    month = url_month(article.url) if published is None else None
    infos = analyse_sentences(text, sentences, entities, published, skip, month=month)
    ranges = [(i.sentence.start, i.sentence.end) for i in infos if _needs_model(i)] if model else []
    return _Reading(article, published, sentences, log, skip, entities, infos, ranges, month)


def _add_statistical(reading: _Reading, extra: list[Entity]) -> None:
    """Merge the model's names into the reading; the sentences are read again only if there are new ones."""
    merged = merge_entities(reading.entities, extra)
    if len(merged) != len(reading.entities):
        reading.entities = merged
        reading.infos = analyse_sentences(
            reading.article.text, reading.sentences, merged, reading.published, reading.skip, previous=reading.infos,
            month=reading.month,
        )


def _same_place(one: Fields, other: Fields) -> bool:
    place = one.values.get("place")
    return place is not None and str(place).casefold() == str(other.values.get("place") or "").casefold()


@cache
def _also() -> re.Pattern[str]:
    # more violence than the report's ("warplanes also struck ..."), not more of its toll ("also wounded")
    return re.compile(
        r"\b(?:also\s+(?:\w+\s+){0,3}?(?:struck|hit|attacked|shelled|bombed|targeted|pounded|raided|carried out|launched|fired|stormed)|another|separately|elsewhere)\b",
        re.I,
    )


def _placed_by(fields: Fields, owner: Cluster, split: Cluster) -> bool:
    """Whether the sentence listing the scenes tells where the cluster's own event was: it is the
    only sentence telling the event happened, or it refers back to it ("the attacks in the towns
    of X and Y"), and the cluster's report names no town, or only one read from that sentence
    ("struck the town of X and the villages of Y in Idlib province"), as when the report's other
    sentences name no town ("jihadists attacked army camps ... the posts at X and Y were targeted")."""
    sentence = split.named_in
    if sentence is None:
        return False
    start, end = sentence.sentence.start, sentence.sentence.end
    own_town = "place" in fields.values and not all(start <= s.start < end for s in fields.evidence.get("place", []))
    if own_town:
        return False
    happened = [i for i in owner.infos if i.attack is not None and not i.attack.supporting]
    # a report placed nowhere finer than the list's own sentence takes its first scene, unless that
    # sentence tells more violence ("warplanes also struck the villages of ...": other events)
    return (
        sentence.attack is None
        or sentence.attack.supporting
        or happened == [sentence]
        or not _also().search(sentence.sentence.text)
    )


def _year_past(fields: Fields, cluster: Cluster, published: dt.date | None) -> bool:
    """Whether an attack is background that only a past year places ("a bombing in 2003 that
    killed 36"): ACLED and the gold code events by their day or month, and news tells the events it
    brings by them; "earlier this year" is still this year's news."""
    if not cluster.historical or fields.values.get("date_precision") != "year":
        return False
    year = str(fields.values.get("date") or "")
    return published is None or (year.isdigit() and int(year) < published.year)


def _same_scene(one: Fields, other: Fields) -> bool:
    """Whether two reports may tell the same day and place: no field either gives differs."""
    return all(
        one.values.get(name) is None or other.values.get(name) is None or one.values[name] == other.values[name]
        for name in ("date", "country", "admin1")
    )


def _build(reading: _Reading) -> ArticleExtraction:
    article, infos, entities, log = reading.article, reading.infos, reading.entities, reading.log
    text, published = article.text, reading.published
    citations = find_citations(text, reading.sentences, entities, get_kb(), article.outlet)
    country = dominant_country(infos)
    built: list[tuple[Fields, list[Span]]] = []
    for line in log.lines:
        line_infos = [i for i in infos if line.start <= i.sentence.start < line.end]
        built.append((log_fields(line, line_infos, article), [Span(line.start, line.end, line.text)]))
    owner: tuple[Cluster, int] | None = None  # the cluster the last scene splits come from, its place in built
    for cluster in cluster_attacks(infos, published):
        spans = [Span(i.sentence.start, i.sentence.end, i.sentence.text) for i in cluster.infos]
        fields = attack_fields(cluster, infos, article, citations)
        if _year_past(fields, cluster, published):
            continue  # "the deadliest bombing was in 2017": background a year alone places, no event to code
        if cluster.named_in is None:
            owner = (cluster, len(built))
        elif owner is not None:
            own = built[owner[1]][0]
            if _same_place(own, fields):
                owner = (dataclasses.replace(owner[0], scene=cluster.scene), owner[1])  # its scene is one of the list
                continue
            if owner[0].scene is None and _placed_by(own, owner[0], cluster):
                # the cluster's own report names no town of its own: it is the first scene's report
                first = dataclasses.replace(owner[0], scene=cluster.scene)
                built[owner[1]] = (attack_fields(first, infos, article, citations), built[owner[1]][1])
                owner = (first, owner[1])
                continue
        built.append((fields, spans))
    crowds = [f for f, _ in built if f.values.get("kind") in ("riot", "protest")]
    for cluster in cluster_political(infos):
        fields = political_fields(cluster, infos, article, citations, country)
        if arrested_in_a_crowd(cluster, infos) and any(_same_scene(crowd, fields) for crowd in crowds):
            continue  # "hundreds of protesters were detained": the arrests are the protest's, not an event of their own
        built.append((fields, [Span(i.sentence.start, i.sentence.end, i.sentence.text) for i in cluster.infos]))
    built.sort(key=lambda item: min(s.start for s in item[1]))
    home = country[0] if country else None
    reports = tuple(make_report(article, fields, index, spans, home) for index, (fields, spans) in enumerate(built))
    return ArticleExtraction(
        article_id=article.id,
        reports=reports,
        mentions=_mentions(entities),
        citations=tuple(citations),
        totals=log.totals,
    )


def extract_article(article: Article, *, model: str | None = None) -> ArticleExtraction:
    """Everything extraction takes from one article: reports, mentions, citations, log totals.

    ``model`` names a statistical spaCy pipeline to run over the event sentences whose place or
    actors the knowledge base did not find (``None``: the fast KB pass only).
    """
    reading = _read(article, model)
    if model and reading.ranges:
        _add_statistical(reading, statistical_entities(article.text, reading.ranges, model))
    return _build(reading)


BATCH = 64  # articles whose event sentences go through the statistical model in one nlp.pipe


def _statistical_many(readings: list[_Reading], model: str) -> list[list[Entity]]:
    """``statistical_entities`` of several articles in one call, split back per article.

    The model sees each sentence by itself either way (the same entities); one large
    ``nlp.pipe`` is cheaper than many of four or five sentences (measured: 40% less time for
    batches of 1,000 sentences than of 5). The texts are laid end to end and the ranges shifted.
    """
    offsets: list[int] = []
    ranges: list[tuple[int, int]] = []
    position = 0
    for reading in readings:
        offsets.append(position)
        ranges.extend((position + s, position + e) for s, e in reading.ranges)
        position += len(reading.article.text)
    found = statistical_entities("".join(r.article.text for r in readings), ranges, model)
    out: list[list[Entity]] = [[] for _ in readings]
    for entity in found:
        k = bisect.bisect_right(offsets, entity.start) - 1
        shift = offsets[k]
        out[k].append(dataclasses.replace(entity, start=entity.start - shift, end=entity.end - shift))
    return out


def _failure(article: Article, exc: Exception) -> Failure:
    error = exc if isinstance(exc, ExtractError) else ExtractError(f"{type(exc).__name__}: {exc}")
    return Failure(
        source=article.source or article.id,
        reason=f"extraction failed: {error}",
        stage="extract",
        at=dt.datetime.now(dt.UTC),
    )


def _extract_batch(articles: list[Article], model: str | None) -> Iterator[ArticleExtraction | Failure]:
    readings: list[_Reading | Failure] = []
    for article in articles:
        try:
            readings.append(_read(article, model))
        except Exception as exc:  # one bad article never stops a batch (its reason is kept)
            readings.append(_failure(article, exc))
    waiting = [r for r in readings if isinstance(r, _Reading) and r.ranges]
    if model and waiting:
        try:
            extras = _statistical_many(waiting, model)
        except Exception:  # find which article it was: each on its own
            extras = None
        for k, reading in enumerate(waiting):
            try:
                if extras is None:
                    _add_statistical(reading, statistical_entities(reading.article.text, reading.ranges, model))
                else:
                    _add_statistical(reading, extras[k])
            except Exception as exc:
                at = next(i for i, r in enumerate(readings) if r is reading)
                readings[at] = _failure(reading.article, exc)
    for item in readings:
        if isinstance(item, Failure):
            yield item
            continue
        try:
            yield _build(item)
        except Exception as exc:
            yield _failure(item.article, exc)


def extract_articles(
    articles: Iterable[Article], model: str | None = None, batch: int = BATCH
) -> Iterator[ArticleExtraction | Failure]:
    """Extract every article, in order; one that fails is yielded as a Failure and the rest go on.

    Articles are read ``batch`` at a time so that the statistical model runs over the event
    sentences of the whole batch at once; the results are those of ``extract_article``.
    """
    iterator = iter(articles)
    while chunk := list(itertools.islice(iterator, batch)):
        yield from _extract_batch(chunk, model)
