"""The plain-text reader: furniture stripped, then title, date and outlet taken from the header."""

from __future__ import annotations

from collections.abc import Iterator

from eventledger.ingest.build import make_article
from eventledger.ingest.furniture import strip_furniture
from eventledger.ingest.textmeta import split_header
from eventledger.models import Article


def read_text(
    text: str, *, source: str, max_text_chars: int, url: str | None = None, fetched: bool = False
) -> Iterator[Article]:
    """Yield the one article a plain-text document holds (raises ``IngestError`` when it has none)."""
    parts = split_header(strip_furniture(text))
    yield make_article(
        parts.body,
        title=parts.title,
        outlet=parts.outlet,
        published=parts.published,
        url=url or parts.url,
        source=source,
        format="text",
        max_text_chars=max_text_chars,
        fetched=fetched,
    )
