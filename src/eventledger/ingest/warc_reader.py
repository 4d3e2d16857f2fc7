"""The WARC reader (plain or gzipped): each HTML response record goes through the HTML reader."""

from __future__ import annotations

import io
from collections.abc import Iterator

from eventledger.errors import IngestError, TooLargeError
from eventledger.ingest.decode import decode_text, is_gzip, open_gunzip, read_capped
from eventledger.ingest.html_reader import declared_charset, read_html
from eventledger.models import Article, Failure

# Record types whose payload may be a page.
PAGE_RECORDS = ("response", "resource")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(
    data: bytes, *, source: str, max_bytes: int, max_text_chars: int
) -> Iterator[Article | Failure]:
    """Yield an article (or a failure) per HTML response record of a WARC file.

    A gzipped WARC is decompressed through a cap: past ``max_bytes`` of decompressed data the
    archive stops with ``TooLargeError`` (the articles read before it are kept).
    """
    # imported on the first archive read, as trafilatura on the first page
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    stream = open_gunzip(data, max_bytes) if is_gzip(data) else io.BytesIO(data)
    pages = 0
    try:
        for record in ArchiveIterator(stream, arc2warc=True, check_digests=True):
            if record.rec_type not in PAGE_RECORDS:
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            where = f"{source}#{uri or record.rec_headers.get_header('WARC-Record-ID')}"
            if record.http_headers is not None:
                content_type = record.http_headers.get_header("Content-Type") or ""
                status = record.http_headers.get_statuscode() or "200"
            else:
                content_type = record.rec_headers.get_header("Content-Type") or ""
                status = "200"
            if not any(kind in content_type.lower() for kind in HTML_TYPES):
                continue
            pages += 1
            if not status.startswith("2"):
                yield Failure(source=where, reason=f"archived response has HTTP status {status}")
                continue
            try:
                body = read_capped(record.content_stream(), max_bytes)
                if _damaged(record):
                    yield Failure(source=where, reason="archived record is truncated or corrupt (its digest does not match)")
                    continue
                text, _ = decode_text(body, declared_charset(body) or _charset(content_type))
                yield from read_html(text, source=where, url=uri or None, max_text_chars=max_text_chars, format="warc")
            except IngestError as exc:
                yield Failure(source=where, reason=str(exc))
    except TooLargeError:
        raise
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        raise IngestError(f"WARC archive unreadable after {pages} page(s): {str(exc)[:160]}") from exc
    if pages == 0:
        raise IngestError("WARC archive holds no HTML response records")


def _damaged(record: object) -> bool:
    # warcio checks the digests only when a record is read to its declared end: a record that
    # carries a digest but was never confirmed stopped short (a cut-off download or disk).
    headers = record.rec_headers  # type: ignore[attr-defined]
    has_digest = headers.get_header("WARC-Block-Digest") or headers.get_header("WARC-Payload-Digest")
    checker = getattr(record, "digest_checker", None)
    return bool(has_digest) and checker is not None and checker.passed is not True


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None
