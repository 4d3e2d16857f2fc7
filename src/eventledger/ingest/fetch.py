"""Fetching URLs: the ``Fetcher`` interface, the real httpx adapter and an in-process mock.

Every fetch problem (refused scheme, unreachable host, timeout, HTTP error, over-size body,
refused address) is translated here into :class:`~eventledger.errors.FetchError` or
:class:`~eventledger.errors.TooLargeError`, so readers only ever see eventledger errors.

A feed or a URL list names the pages to fetch, so whoever writes it chooses where the ingester
connects. The real fetcher therefore refuses, by default, every address that is not public:
loopback, private networks, link-local and the cloud metadata services (a feed item linking to
``http://169.254.169.254/`` must not end up stored as an article). The check runs on the
addresses a host name resolves to, for the first request and for every redirect, and the
connection is then made to the address that was checked, so a name that resolves differently a
moment later (DNS rebinding) cannot slip through. ``allow_private_addresses`` lifts it (tests
that serve pages from 127.0.0.1; a crawler inside a private network).
"""

from __future__ import annotations

import ipaddress
import socket
import time
import typing
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit

import httpcore
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


IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Cloud metadata services that sit on addresses Python counts as global (the others are
# link-local or private: 169.254.169.254, fd00:ec2::254).
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a) for a in ("192.0.0.192", "100.100.100.200", "169.254.170.2", "fd00:ec2::254")
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _embedded_ipv4(ip: IPAddress) -> IPAddress:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, NAT64), else ``ip`` itself."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return ip.ipv4_mapped
        if ip.sixtofour is not None:
            return ip.sixtofour
        if ip in _NAT64:
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip


def address_refused(address: str) -> str | None:
    """Why connecting to ``address`` (an IP literal) is refused by default, or None for a public one."""
    ip = _embedded_ipv4(ipaddress.ip_address(address.split("%", 1)[0]))
    if ip in METADATA_ADDRESSES:
        return "a cloud metadata address"
    if ip.is_unspecified:  # connecting to 0.0.0.0 reaches this machine
        return "the unspecified address (this machine)"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address (where cloud metadata services live)"
    if ip.is_private:
        return "a private-network address"
    if ip.is_multicast or not ip.is_global:
        return "not a public address"
    return None


def resolve_public(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to; ``FetchError`` if any of them is not public.

    Every address is checked, not only the first: a name that answers with a public and a
    private address could be connected to either.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r} ({exc})") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    for address in addresses:
        reason = address_refused(address)
        if reason:
            shown = host if host == address else f"{host} resolves to {address}, which"
            raise FetchError(
                f"refused: {shown} is {reason}; set allow_private_addresses to fetch such addresses"
            )
    return addresses


class _PublicOnlyBackend(httpcore.SyncBackend):
    """httpcore's network backend, connecting only to addresses :func:`resolve_public` accepts.

    The name is resolved and checked here, and the socket opened to the checked address; TLS
    still verifies the certificate against the host name (httpcore passes it separately).
    """

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        address = resolve_public(host, port)[0]
        return super().connect_tcp(address, port, timeout, local_address, socket_options)


class _PublicOnlyTransport(httpx.HTTPTransport):
    """httpx's transport over :class:`_PublicOnlyBackend` (httpx builds the pool without a way
    to pass a backend, so the pool is rebuilt here with the same limits)."""

    def __init__(self) -> None:
        super().__init__()
        limits = httpx.Limits(max_connections=100, max_keepalive_connections=20)  # httpx's defaults
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_PublicOnlyBackend(),
        )


def _check_request_address(request: httpx.Request) -> None:
    """Refuse a request (the first or a redirect) to a host that is not public.

    This also covers requests sent through a proxy, whose connection is to the proxy, so that
    the transport's check sees the proxy's address and not the page's. A name that does not
    resolve here is left to the connection to report.
    """
    port = request.url.port or (443 if request.url.scheme == "https" else 80)
    try:
        resolve_public(request.url.host, port)
    except FetchError as exc:
        if not str(exc).startswith("refused"):
            return
        raise FetchError(f"{request.url}: {exc}") from None


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


class HttpxFetcher:
    """The real fetcher: httpx, streamed with a size cap, bounded redirects and an overall deadline.

    ``timeout`` bounds connecting and each read *and* the whole download, so a server that
    trickles one byte at a time cannot hold a batch forever. Only public addresses are fetched
    unless ``allow_private_addresses`` (see the module's docstring).
    """

    def __init__(
        self,
        timeout: float = 15.0,
        max_bytes: int = 20_000_000,
        max_redirects: int = 5,
        user_agent: str = DEFAULT_USER_AGENT,
        transport: httpx.BaseTransport | None = None,
        *,
        allow_private_addresses: bool = False,
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        # a transport given by the caller (a test's mock) replaces the network, and the guard with it
        guarded = transport is None and not allow_private_addresses
        if guarded:
            transport = _PublicOnlyTransport()
        self.client = httpx.Client(
            follow_redirects=True,
            max_redirects=max_redirects,
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": user_agent, "Accept": "text/html,application/xhtml+xml,application/xml,*/*;q=0.8"},
            transport=transport,
            event_hooks={"request": [_check_request_address] if guarded else []},
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
        except FetchError as exc:  # an address refused at connection time names no URL yet
            raise (exc if "://" in str(exc) else FetchError(f"{url}: {exc}")) from None
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
