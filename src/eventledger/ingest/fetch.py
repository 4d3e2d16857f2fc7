"""Fetching URLs: the ``Fetcher`` interface, the real httpx adapter and an in-process mock.

Every fetch problem (refused scheme, unreachable host, timeout, HTTP error, over-size body) is
translated here into :class:`~eventledger.errors.FetchError` or
:class:`~eventledger.errors.TooLargeError`, so readers only ever see eventledger errors.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit

import httpx

from eventledger.errors import FetchError, TooLargeError

ALLOWED_SCHEMES = ("http", "https")
DEFAULT_USER_AGENT = "eventledger/0.1 (+https://github.com/eventledger/eventledger; research crawler)"


@dataclass(frozen=True)
class FetchedPage:
    """What a fetch returns: the body as bytes plus what the server said about it."""

    url: str
    final_url: str
    status: int
    content_type: str = ""
    body: bytes = b""
    encoding: str | None = None  # charset from the Content-Type header, when it names one


class Fetcher(Protocol):
    """Anything that turns a URL into a :class:`FetchedPage` or raises an ``IngestError``."""

    def get(self, url: str) -> FetchedPage: ...


def check_url(url: str) -> str:
    """Return ``url`` stripped if it is an absolute http(s) URL; raise ``FetchError`` otherwise.

    Other schemes (file:, javascript:, ftp:, data:) are refused: a URL list or a feed must not be
    able to make the ingester read local files or run anything.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise FetchError(f"{url[:200]}: not a valid URL ({exc})") from exc
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        shown = parts.scheme or "none"
        raise FetchError(f"{url[:200]}: scheme '{shown}' refused; only http and https URLs are fetched")
    if not parts.hostname:
        raise FetchError(f"{url[:200]}: URL has no host")
    return url


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


class HttpxFetcher:
    """The real fetcher: httpx, streamed with a size cap, bounded redirects and an overall deadline.

    ``timeout`` bounds connecting and each read *and* the whole download, so a server that
    trickles one byte at a time cannot hold a batch forever.
    """

    def __init__(
        self,
        timeout: float = 15.0,
        max_bytes: int = 20_000_000,
        max_redirects: int = 5,
        user_agent: str = DEFAULT_USER_AGENT,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.client = httpx.Client(
            follow_redirects=True,
            max_redirects=max_redirects,
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": user_agent, "Accept": "text/html,application/xhtml+xml,application/xml,*/*;q=0.8"},
            transport=transport,
        )

    def close(self) -> None:
        """Close the underlying connection pool."""
        self.client.close()

    def __enter__(self) -> HttpxFetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str) -> FetchedPage:
        """Fetch ``url``; raise ``FetchError`` or ``TooLargeError`` with a one-line reason."""
        url = check_url(url)
        deadline = time.monotonic() + self.timeout
        try:
            with self.client.stream("GET", url) as response:
                final_url = str(response.url)
                check_url(final_url)  # a redirect must not lead off http(s)
                if response.status_code >= 400:
                    raise FetchError(f"{url}: HTTP {response.status_code}")
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise TooLargeError(f"{url}: {int(declared)} bytes declared, over the limit of {self.max_bytes}")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():  # decoded, so the cap also stops compression bombs
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise TooLargeError(f"{url}: body over the limit of {self.max_bytes} bytes")
                    if time.monotonic() > deadline:
                        raise FetchError(f"{url}: timed out after {self.timeout:g} s (download too slow)")
                    chunks.append(chunk)
                content_type = response.headers.get("content-type", "")
                return FetchedPage(
                    url=url,
                    final_url=final_url,
                    status=response.status_code,
                    content_type=content_type,
                    body=b"".join(chunks),
                    encoding=_charset(content_type),
                )
        except httpx.TimeoutException as exc:
            raise FetchError(f"{url}: timed out after {self.timeout:g} s") from exc
        except httpx.TooManyRedirects as exc:
            raise FetchError(f"{url}: too many redirects") from exc
        except httpx.UnsupportedProtocol as exc:
            raise FetchError(f"{url}: redirected to a URL whose scheme is refused; only http and https are fetched") from exc
        except httpx.ConnectError as exc:
            raise FetchError(f"{url}: cannot connect ({_short(exc)})") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: {type(exc).__name__} ({_short(exc)})") from exc


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]


@dataclass
class MockFetcher:
    """In-process fetcher for tests: a dict of URL -> page (or -> exception to raise).

    A body given as ``str`` or ``bytes`` becomes a 200 page of type ``text/html``. URLs not in
    the dict raise ``FetchError`` as an unreachable host would. ``requested`` records every call.
    """

    pages: dict[str, FetchedPage | bytes | str | Exception] = field(default_factory=dict)
    requested: list[str] = field(default_factory=list)

    def get(self, url: str) -> FetchedPage:
        """Return the canned page for ``url`` or raise as the real fetcher would."""
        self.requested.append(url)
        url = check_url(url)
        page = self.pages.get(url)
        if page is None:
            raise FetchError(f"{url}: cannot connect (not in the mock)")
        if isinstance(page, Exception):
            raise page
        if isinstance(page, str):
            page = page.encode("utf-8")
        if isinstance(page, bytes):
            return FetchedPage(url=url, final_url=url, status=200, content_type="text/html; charset=utf-8",
                               body=page, encoding="utf-8")
        return page
