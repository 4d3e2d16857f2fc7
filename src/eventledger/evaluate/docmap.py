"""Which stored article is which gold document.

A gold document names a file. Most files hold one article; a feed or a JSON/JSONL file holds
several, and the gold then names an entry with an id like ``feed#1`` (the first entry, counting
from 1) or ``articles#a17`` (the entry whose ``id``/``guid`` is ``a17``). The mapping is made in
this order, robust to how the ingest stage records sources:

1. The candidates for a document are the stored articles whose ``source`` is its file (``source``
   compared as a resolved path, ignoring any ``#entry`` suffix); when there are none, every
   article not yet mapped.
2. One document and one candidate: they match.
3. Otherwise the file's entries are read here (feedparser / json), the document's entry is picked
   by id or position, and entries are matched one-to-one to candidates by a similarity of title,
   URL and words (Hungarian); the gold's optional ``title`` counts as the entry's title. Pairs
   below ``MIN_SIMILARITY`` are never matched.
4. A document still unmatched may share an article already matched when its file is a copy of
   that article's (same words): the store keeps identical texts once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import feedparser

from eventledger.evaluate.gold import ArticleGold, GoldDocument
from eventledger.evaluate.metrics import FORBIDDEN, match_one_to_one
from eventledger.evaluate.normalize import fold
from eventledger.models import Article

_TAG = re.compile(r"<[^>]+>")
FEED_SUFFIXES = (".xml", ".rss", ".atom", ".feed")
# Below this share of an article's words found in an entry, the two are not taken for one another.
MIN_SIMILARITY = 0.3
# Above this, a document whose own article is missing is taken to be a copy of a stored one.
COPY_SIMILARITY = 0.9


def _source_path(source: str | None) -> Path | None:
    if not source or "://" in source:
        return None
    try:
        return Path(source.split("#", 1)[0]).resolve()
    except (OSError, ValueError):
        return None


def _source_entry(source: str | None) -> str | None:
    return source.split("#", 1)[1] if source and "#" in source else None


def _words(text: str | None, limit: int = 4000) -> set[str]:
    return set(fold(_TAG.sub(" ", (text or "")[:limit])).split())


def file_entries(path: Path) -> list[dict[str, Any]]:
    """The articles a file holds, each as {id, title, link, text}; one entry for a plain file."""
    try:
        raw = path.read_text("utf-8", errors="replace")
    except OSError:
        return []
    suffix = path.suffix.lower()
    records: list[Any] = []
    if suffix == ".jsonl":
        for line in raw.splitlines():
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError:
                    continue
    elif suffix == ".json":
        try:
            data = json.loads(raw)
        except json.JSONDecodeError:
            data = None
        if isinstance(data, dict):
            data = next((v for v in data.values() if isinstance(v, list)), [data])
        records = data if isinstance(data, list) else []
    elif suffix in FEED_SUFFIXES or raw.lstrip()[:200].lower().startswith(("<?xml", "<rss", "<feed")):
        parsed = feedparser.parse(raw)
        for entry in parsed.entries:
            content = " ".join(c.get("value", "") for c in entry.get("content", []))
            records.append(
                {
                    "id": entry.get("id"),
                    "title": entry.get("title"),
                    "link": entry.get("link"),
                    "text": content or entry.get("summary") or "",
                }
            )
        if not records:
            records = [{"text": raw}]
    else:
        return [{"id": None, "title": None, "link": None, "text": raw}]
    entries = []
    for record in records:
        if not isinstance(record, dict):
            continue
        entries.append(
            {
                "id": record.get("id") or record.get("guid"),
                "title": record.get("title") or record.get("headline"),
                "link": record.get("url") or record.get("link"),
                "text": record.get("text") or record.get("body") or record.get("content") or record.get("summary") or "",
            }
        )
    return entries


def entry_of(document: GoldDocument, entries: Sequence[dict[str, Any]], position: int) -> dict[str, Any] | None:
    """The entry a gold document names: by ``#id``, else by ``#n`` counted from 1, else by order in the gold."""
    key = document.entry
    if key is not None:
        for entry in entries:
            if entry.get("id") is not None and str(entry["id"]) == key:
                return entry
        if key.isdigit() and 1 <= int(key) <= len(entries):
            return entries[int(key) - 1]
        if key.isdigit() and int(key) == 0 and entries:
            return entries[0]
    return entries[position] if position < len(entries) else None


def similarity(entry: dict[str, Any] | None, title: str | None, article: Article) -> float:
    """How surely an article is a file entry: 1 for the same URL or title, else the share of its words in the entry."""
    if title and article.title and fold(title) == fold(article.title):
        return 1.0
    if entry is None:
        return 0.0
    if entry.get("link") and article.url and entry["link"] == article.url:
        return 1.0
    if entry.get("title") and article.title and fold(entry["title"]) == fold(article.title):
        return 1.0
    article_words = _words(article.text)
    if not article_words:
        return 0.0
    entry_words = _words(entry.get("text")) | _words(entry.get("title"))
    return len(article_words & entry_words) / len(article_words)


def _assign(
    documents: Sequence[GoldDocument], file: Path | None, candidates: Sequence[Article], threshold: float
) -> list[tuple[GoldDocument, Article]]:
    entries = file_entries(file) if file is not None else []
    chosen = [entry_of(d, entries, i) for i, d in enumerate(documents)]
    scores = []
    for document, entry in zip(documents, chosen, strict=True):
        row = []
        for article in candidates:
            score = similarity(entry, document.title, article)
            if document.entry is not None and _source_entry(article.source) == document.entry:
                score += 1.0  # the ingest stage recorded the same entry key
            row.append(score if score >= threshold else FORBIDDEN)
        scores.append(row)
    return [(documents[i], candidates[j]) for i, j in match_one_to_one(scores)]


def map_documents(gold: ArticleGold, articles: Sequence[Article]) -> dict[str, str]:
    """Gold document id -> stored article id, for every document that can be found."""
    by_file: dict[Path | None, list[GoldDocument]] = {}
    for document in gold.documents:
        by_file.setdefault(document.file, []).append(document)
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for file, documents in by_file.items():
        candidates = [a for a in articles if file is not None and _source_path(a.source) == file and a.id not in used]
        if len(documents) == 1 and len(candidates) == 1:
            pairs = [(documents[0], candidates[0])]
        else:
            if not candidates:  # e.g. feed entries, stored under their links: find them by content
                candidates = [a for a in articles if a.id not in used and _source_path(a.source) not in by_file]
            pairs = _assign(documents, file, candidates, MIN_SIMILARITY)
        for document, article in pairs:
            mapping[document.id] = article.id
            used.add(article.id)
    # A file that is an exact copy of another was stored once (ids are content hashes): let its
    # document share that article when their words all but coincide.
    for file, documents in by_file.items():
        left = [d for d in documents if d.id not in mapping]
        if left:
            for document, article in _assign(left, file, articles, COPY_SIMILARITY):
                mapping[document.id] = article.id
    return mapping
