"""The RSS/Atom reader: each entry's linked page is fetched and read as HTML.

When the fetch fails, the entry's own content or summary is used instead and the fetch failure
is recorded as a ``Failure`` (so the user sees which pages could not be reached).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Container, Iterator
from typing import Any

from eventledger.errors import IngestError
from eventledger.ingest.fetch import FetchedPage, Fetcher
from eventledger.ingest.record_reader import record_article
from eventledger.ingest.textmeta import feed_outlet
from eventledger.models import Article, Failure

# Reads one fetched page (page, link, outlet hint) into articles: supplied by the dispatcher so that
# a linked page gets the same content sniffing as any other input.
PageReader = Callable[[FetchedPage, str, str | None], Iterator[Article | Failure]]


# What may come before a feed's root element: the XML declaration and processing instructions,
# comments, and a DOCTYPE (RSS 0.91's names Netscape's DTD), with or without an internal subset.
_PROLOG_ITEM = re.compile(r"<\?.*?\?>|<!--.*?-->|<!doctype[^\[>]*(?:\[.*?\]\s*)?>", re.S)


def looks_like_feed(text: str) -> bool:
    """True when the document's root element is an RSS, RDF or Atom feed."""
    head = text[:8192].lstrip("\ufeff \t\r\n").lower()
    while match := _PROLOG_ITEM.match(head):
        head = head[match.end():].lstrip()
    return head.startswith(("<rss", "<feed", "<rdf:rdf"))


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except (ValueError, AttributeError):
                continue
    return None


def _entry_text(entry: Any) -> str | None:
    for content in entry.get("content") or []:
        if content.get("value", "").strip():
            value: str = content["value"]
            return value
    fallback: str | None = entry.get("summary") or entry.get("description")
    return fallback


# An entry that carries at least this many words of its own is a full-text feed entry: the linked
# page would only add furniture, so it is not fetched (politer, and works offline).
FULL_TEXT_WORDS = 150
_TAG = re.compile(r"<[^>]+>")


def _is_full_text(body: str | None) -> bool:
    return bool(body) and len(_TAG.sub(" ", body or "").split()) >= FULL_TEXT_WORDS


def read_feed(
    text: str, *, source: str, max_text_chars: int, fetcher: Fetcher | None, read_page: PageReader,
    skip_urls: Container[str] = (),
) -> Iterator[Article | Failure]:
    """Yield an article per feed entry (and a failure per entry or fetch that went wrong).

    Entries whose link is in ``skip_urls`` (already stored) are passed over without a fetch.
    """
    import feedparser  # imported on the first feed read, as trafilatura on the first page

    parsed = feedparser.parse(text)
    if parsed.bozo and not parsed.entries:
        raise IngestError(f"not a readable feed ({str(parsed.get('bozo_exception', 'parse error'))[:160]})")
    if not parsed.entries:
        raise IngestError("feed holds no entries")
    outlet = feed_outlet(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link")
        if link and link in skip_urls:
            continue
        where = f"{source}#entry={number}"
        title = entry.get("title")
        published = _entry_date(entry)
        body = _entry_text(entry)
        if link and fetcher is not None and not _is_full_text(body):
            try:
                page = fetcher.get(link)
                results = list(read_page(page, link, outlet))
                articles = [r for r in results if isinstance(r, Article)]
                if articles:
                    for article in articles:
                        yield _complete(article, title=title, published=published, outlet=outlet)
                    yield from (r for r in results if isinstance(r, Failure))
                    continue
                reasons = "; ".join(r.reason for r in results if isinstance(r, Failure)) or "no article"
                yield Failure(source=link, reason=f"linked page unusable ({reasons}); used the feed's summary")
            except IngestError as exc:
                yield Failure(source=link, reason=f"{exc}; used the feed's summary")
        record = {"text": body, "title": title, "url": link, "outlet": outlet}
        try:
            article = record_article(record, source=link or where, max_text_chars=max_text_chars, format="feed")
        except IngestError as exc:
            yield Failure(source=link or where, reason=f"feed entry: {exc}")
            continue
        yield _complete(article, title=title, published=published, outlet=outlet)


def _complete(article: Article, *, title: str | None, published: dt.date | None, outlet: str | None) -> Article:
    # The page's own metadata wins; the feed fills what the page did not say. The id is the hash
    # of title and text, so it is recomputed when the title changes.
    return Article.create(
        article.text,
        title=article.title or title,
        url=article.url,
        outlet=article.outlet or outlet,
        published=article.published or published,
        lang=article.lang,
        source=article.source,
        format="feed",
        fetched_at=article.fetched_at,
    )
