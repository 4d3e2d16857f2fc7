"""Ingest: inputs (files, folders, URLs, feeds, WARC, stdin) in; ``Article``s and ``Failure``s out.

Public API::

    iter_sources(inputs, *, max_bytes, stdin)            -> Iterator[Source]
    read_source(source, *, fetcher, max_bytes, max_text_chars) -> Iterator[Article | Failure]
    ingest_inputs(inputs, fetcher, max_bytes, max_text_chars, *, near_duplicates) -> Iterator[...]
    Fetcher (protocol), FetchedPage, HttpxFetcher, MockFetcher
    NearDuplicateIndex(threshold, num_perm): add(id, text), find(text), link(article)
    strip_furniture(text)                                 -> text without page furniture

One reader per format, chosen by content: plain text, HTML (trafilatura), JSON/JSONL, CSV/TSV,
WARC (.warc, .warc.gz), RSS/Atom, URL lists; gzip is decompressed under the size cap.
"""

from eventledger.ingest.core import ingest_inputs, read_bytes, read_source, sniff
from eventledger.ingest.fetch import FetchedPage, Fetcher, HttpxFetcher, MockFetcher, check_url
from eventledger.ingest.furniture import strip_furniture
from eventledger.ingest.neardup import NearDuplicateIndex
from eventledger.ingest.sources import Source, iter_sources

__all__ = [
    "FetchedPage",
    "Fetcher",
    "HttpxFetcher",
    "MockFetcher",
    "NearDuplicateIndex",
    "Source",
    "check_url",
    "ingest_inputs",
    "iter_sources",
    "read_bytes",
    "read_source",
    "sniff",
    "strip_furniture",
]
