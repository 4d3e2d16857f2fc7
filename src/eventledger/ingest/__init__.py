"""Ingest: inputs (files, folders, URLs, feeds, WARC, stdin) in; ``Article``s and ``Failure``s out.

Public API::

    iter_sources(inputs, *, max_bytes, stdin, expand_url_lists) -> Iterator[Source]
    read_source(source, *, fetcher, max_bytes, max_text_chars, skip_urls) -> Iterator[Article | Failure]
    read_inputs(inputs, fetcher, max_bytes, max_text_chars, *, stdin, skip_urls) -> Iterator[Article | Failure]
    read_bytes(data, *, source, fetcher, max_bytes, max_text_chars, name, content_type, ...)
    Fetcher (protocol: get(url) -> FetchedPage), FetchedPage, HttpxFetcher, MockFetcher, check_url
    NearDuplicateIndex(threshold=0.8, num_perm=128, min_words=100):
        add(id, text), find(text) -> id | None, similarity(text, id),
        place(article, stored) -> Placement(article, demoted)   # which copy is the original
    precedence(article): the original of two copies is the earlier published, then the smaller id
    strip_furniture(text) -> text without page furniture
    sniff(text, name, content_type) -> "feed" | "html" | "json" | "jsonl" | "csv" | "urls" | "text"
    read_manifest(path) -> SavedPages; saved_pages_for(inputs, manifests, url, outlet)   # where saved files came from

``skip_urls`` (e.g. the URLs a store already holds) are not fetched again from feeds and URL lists.
None of these raises for a bad input: each problem is a ``Failure(source, reason, stage="ingest")``
in the stream, and the batch goes on.

One reader per format, chosen by content: plain text, HTML (trafilatura), JSON/JSONL, CSV/TSV,
WARC (.warc, .warc.gz), RSS/Atom, URL lists; gzip is decompressed under the size cap. A YAML or
TOML front matter block (Markdown/static-site pages) is read as metadata first (frontmatter.py).
The publication date is chosen from every place a page keeps one by the order of trust in
pubdate.py; page furniture goes by the rules of furniture_rules.py (docs/ingest.md).
"""

from eventledger.ingest.core import read_bytes, read_inputs, read_source, sniff
from eventledger.ingest.fetch import FetchedPage, Fetcher, HttpxFetcher, MockFetcher, check_url
from eventledger.ingest.furniture import strip_furniture
from eventledger.ingest.manifest import ManifestError, SavedPage, SavedPages, read_manifest, saved_page, saved_pages_for
from eventledger.ingest.neardup import NearDuplicateIndex, Placement, precedence
from eventledger.ingest.sources import Source, iter_sources

__all__ = [
    "FetchedPage",
    "Fetcher",
    "HttpxFetcher",
    "ManifestError",
    "MockFetcher",
    "NearDuplicateIndex",
    "Placement",
    "SavedPage",
    "SavedPages",
    "Source",
    "check_url",
    "iter_sources",
    "precedence",
    "read_bytes",
    "read_inputs",
    "read_manifest",
    "read_source",
    "saved_page",
    "saved_pages_for",
    "sniff",
    "strip_furniture",
]
