"""Turn what a reader found into an ``Article``, applying the checks every reader shares."""

from __future__ import annotations

import datetime as dt
import re

from eventledger.errors import EmptyInputError
from eventledger.ingest.formats import MIN_ARTICLE_WORDS
from eventledger.ingest.lang import guess_language
from eventledger.models import Article


def truncate(text: str, max_chars: int) -> str:
    """Cut ``text`` to at most ``max_chars``, at a paragraph or word boundary when there is one."""
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars]
    for boundary in ("\n\n", "\n", " "):
        position = cut.rfind(boundary)
        if position > max_chars // 2:
            return cut[:position].rstrip()
    return cut


def clean_title(title: str | None) -> str | None:
    """Collapse whitespace in a title; None for an empty one."""
    if not title:
        return None
    title = " ".join(title.split())
    return title[:500] or None


def make_article(
    text: str,
    *,
    max_text_chars: int,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: dt.date | None = None,
    source: str | None = None,
    format: str | None = None,
    fetched: bool = False,
    min_words: int = MIN_ARTICLE_WORDS,
) -> Article:
    """Build an ``Article`` (id = content hash); ``EmptyInputError`` when there is no article text."""
    text = re.sub(r"\n{3,}", "\n\n", text.replace("\r\n", "\n")).strip()
    words = len(text.split())
    if words < min_words:
        shown = f"only {words} word{'s' if words != 1 else ''}" if words else "none"
        raise EmptyInputError(f"no article text ({shown} after removing page furniture)")
    if isinstance(published, dt.datetime):
        published = published.date()
    text = truncate(text, max_text_chars)
    return Article.create(
        text,
        lang=guess_language(text),
        title=clean_title(title),
        url=url,
        outlet=" ".join(outlet.split()) if outlet else None,
        published=published,
        source=source,
        format=format,
        fetched_at=dt.datetime.now(dt.UTC).replace(microsecond=0) if fetched else None,
    )
