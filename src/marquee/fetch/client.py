"""Fetch review pages politely and defensively with httpx.

Every safeguard a crawler owes the sites it reads and the machine it runs on is here:
connect and read timeouts, and one deadline for the whole page that holds whatever the
server does (a server dripping its headers or body a byte at a time never trips a read
timeout: a watchdog shuts the connection when the deadline passes, so connecting, the
headers, the body, robots.txt, redirects and retries all count); redirects followed one hop
at a time, each checked (a web address, allowed by robots.txt, not a private address when
those are refused) up to a limit; a size cap on the *decoded* body, enforced while it
streams in (each compressed piece is inflated a bounded piece at a time, and a body
compressed twice over is refused unread); only text content types; a User-Agent that names
marquee; robots.txt honoured; a pause between pages to one host; and retries with
exponential backoff on 429 and 5xx answers, waiting as long as ``Retry-After`` asks
(within reason and within the deadline).
"""

from __future__ import annotations

import contextlib
import dataclasses
import email.utils
import importlib.metadata
import ipaddress
import logging
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import httpx

from marquee.fetch.errors import (
    BadStatus,
    FetchError,
    FetchTimeout,
    NotAPage,
    OverCap,
    PrivateAddress,
    TooManyRedirects,
)
from marquee.fetch.robots import RobotsRules
from marquee.records import Provenance
from marquee.sanitize import strip_controls

log = logging.getLogger(__name__)

PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
"""What a review page may be; anything else (a PDF, an image, JSON) is refused unread."""
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "text/plain",
    }
)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
"""Answers that say "try again later": rate limited, or a server having a bad moment."""


def _version() -> str:
    try:
        return importlib.metadata.version("marquee")
    except importlib.metadata.PackageNotFoundError:
        return "dev"


USER_AGENT = f"marquee/{_version()} (film review reader; honours robots.txt)"


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class FetchOptions:
    """How patient and how polite to be.

    ``deadline`` bounds one page from its first byte sent to its last byte read —
    connecting, headers, body, its host's robots.txt, redirects, retries and their waits
    included — whatever the server does. ``rate`` is pages per second to any one host
    (robots.txt's Crawl-delay can only slow it further); ``retries`` is how many times a
    429/5xx answer is retried, waiting ``backoff`` seconds, then twice that, and so on, or
    what ``Retry-After`` asks, never more than ``max_wait``. ``allow_private=False``
    refuses to connect to a private, loopback, link-local or otherwise non-public address,
    whether the URL names it or a redirect or the DNS leads there (``--no-private``, for
    fetching on behalf of others).
    """

    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    deadline: float = 60.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 1.0
    max_wait: float = 30.0
    rate: float = 1.0
    allow_private: bool = True
    user_agent: str = USER_AGENT


@dataclasses.dataclass(frozen=True, slots=True)
class Page:
    """A fetched body and where it came from."""

    url: str
    body: bytes
    provenance: Provenance


def is_url(text: str) -> bool:
    """Whether an argument is a web address marquee fetches (http or https). A malformed
    one ("http://[::1") counts too, so that fetching it says what is wrong with it rather
    than it being read as a file name."""
    stripped = text.strip()
    try:
        parts = urlsplit(stripped)
    except ValueError:
        return stripped.lower().startswith(("http://", "https://"))
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


class Fetcher:
    """One batch's connection pool, robots.txt cache and per-host pace; use as a context
    manager (or call :meth:`close`)."""

    def __init__(
        self,
        options: FetchOptions = FetchOptions(),
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.options = options
        self._client = httpx.Client(
            headers={"User-Agent": options.user_agent, "Accept-Encoding": ", ".join(_CODINGS)},
            timeout=httpx.Timeout(options.read_timeout, connect=options.connect_timeout),
            follow_redirects=False,
            # a new connection per request: the watchdog and the address check see each one
            limits=httpx.Limits(max_keepalive_connections=0),
            transport=transport,
        )
        self._sleep, self._clock = sleep, clock
        self._next_at: dict[str, float] = {}
        self._robots: dict[str, RobotsRules] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def page(self, url: str) -> Page:
        """A review page: HTML, XHTML or plain text."""
        return self._get(url, accept=PAGE_TYPES, what="HTML")

    def feed(self, url: str) -> Page:
        """An RSS or Atom feed."""
        return self._get(url, accept=FEED_TYPES, what="a feed")

    def _get(self, url: str, *, accept: frozenset[str], what: str) -> Page:
        """One page: wait for its host's turn, then fetch it (robots.txt first, the first
        time a host is asked) within one deadline; the host's next turn comes a pause
        after this page ends."""
        _check_url(url, url)
        hosts = {_origin(url)}
        self._wait_turn(_origin(url))
        deadline = self._clock() + self.options.deadline
        try:
            return self._follow(
                url, accept=accept, what=what, cap=self.options.max_bytes, deadline=deadline,
                hosts=hosts, robots=True,
            )  # fmt: skip
        finally:
            for host in hosts:
                self._next_at[host] = self._clock() + self._gap(host)

    def _follow(
        self,
        url: str,
        *,
        accept: frozenset[str] | None,
        what: str = "",
        cap: int,
        deadline: float,
        hosts: set[str],
        robots: bool,
    ) -> Page:
        """GET ``url``, one redirect hop at a time, each hop checked."""
        current = url
        for _hop in range(self.options.max_redirects + 1):
            _check_url(current, url)
            hosts.add(_origin(current))
            if robots:
                self._rules(current, deadline, hosts).check(current)
            with self._response(current, deadline) as response:
                if response.next_request is not None:
                    current = str(response.next_request.url)
                    continue
                if response.status_code >= 400:
                    raise BadStatus(_status_message(url, response), response.status_code)
                content_type = _media_type(response)
                if accept is not None and content_type not in accept:
                    raise NotAPage(f"{url}: not {what} ({content_type or 'no content type'})")
                body = self._body(url, response, deadline, cap)
                return Page(url, body, _provenance(url, response))
        raise TooManyRedirects(f"{url}: too many redirects (over {self.options.max_redirects})")

    @contextmanager
    def _response(self, url: str, deadline: float) -> Iterator[httpx.Response]:
        """The response to one request (body not yet read), retried on 429/5xx; the
        connection is watched until the body is read."""
        for attempt in range(self.options.retries + 1):
            watch = _Watch(deadline - self._clock(), allow_private=self.options.allow_private)
            try:
                response = self._send(url, deadline, watch)
            except BaseException:
                watch.stop()
                raise
            retry = response.status_code in RETRY_STATUSES and attempt < self.options.retries
            if not retry:
                break
            wait = retry_wait(response.headers.get("retry-after"), attempt, self.options)
            if self._clock() + wait > deadline:
                break  # no time left to wait: report the answer as it stands
            response.close()
            watch.stop()
            log.info("%s: %d, retrying in %.1f s", url, response.status_code, wait)
            self._sleep(wait)
        try:
            yield response
        finally:
            response.close()
            watch.stop()

    def _send(self, url: str, deadline: float, watch: _Watch) -> httpx.Response:
        left = deadline - self._clock()
        if left <= 0:
            raise FetchTimeout(_timed_out(url, self.options.deadline))
        timeout = httpx.Timeout(
            min(self.options.read_timeout, left), connect=min(self.options.connect_timeout, left)
        )
        try:
            request = self._client.build_request(
                "GET", url, timeout=timeout, extensions={"trace": watch.trace}
            )
            return self._client.send(request, stream=True)
        except _NotPublic as refused:
            host = urlsplit(url).hostname
            where = (
                refused.address if host == refused.address else f"{host} is at {refused.address},"
            )
            raise PrivateAddress(
                f"{url}: refused: {where} not a public address (--no-private)"
            ) from None
        except httpx.InvalidURL:  # a redirect to data:, javascript:, mailto: …
            raise NotAPage(f"{url}: redirects to an address that is not a web page") from None
        except httpx.ConnectTimeout:
            raise FetchTimeout(_timed_out(url, self._waited(deadline, "connect"))) from None
        except httpx.TimeoutException:
            raise FetchTimeout(_timed_out(url, self._waited(deadline, "read"))) from None
        except httpx.HTTPError as err:
            if self._clock() >= deadline:  # the watch shut the connection
                raise FetchTimeout(_timed_out(url, self.options.deadline)) from None
            if "location header" in str(err).lower():  # a redirect to a malformed address
                raise NotAPage(f"{url}: redirects to an invalid address ({_reason(err)})") from None
            raise FetchError(f"{url}: cannot connect ({_reason(err)})") from None

    def _waited(self, deadline: float, which: str) -> float:
        """The limit a timeout hit: the page's deadline if it has passed, else the timeout."""
        if self._clock() >= deadline:
            return self.options.deadline
        return self.options.connect_timeout if which == "connect" else self.options.read_timeout

    def _body(self, url: str, response: httpx.Response, deadline: float, cap: int) -> bytes:
        """The decoded body, refused whole as soon as it is known to be over the cap (by its
        declared length, or while it streams in and is inflated) or to outlast the
        deadline."""
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise OverCap(f"{url}: over the {_size(cap)} cap ({_size(int(declared))})")
        chunks, size = [], 0
        try:
            for chunk in _decoded(url, response):
                size += len(chunk)
                if size > cap:
                    raise OverCap(f"{url}: over the {_size(cap)} cap")
                if self._clock() > deadline:
                    raise FetchTimeout(_timed_out(url, self.options.deadline))
                chunks.append(chunk)
        except httpx.TimeoutException:
            raise FetchTimeout(_timed_out(url, self._waited(deadline, "read"))) from None
        except httpx.HTTPError as err:
            if self._clock() >= deadline:
                raise FetchTimeout(_timed_out(url, self.options.deadline)) from None
            raise FetchError(f"{url}: connection lost ({_reason(err)})") from None
        if self._clock() >= deadline:  # a body that ends with the connection was cut short
            raise FetchTimeout(_timed_out(url, self.options.deadline))
        return b"".join(chunks)

    def _wait_turn(self, host: str) -> None:
        """Wait until this host may be asked for another page."""
        at = self._next_at.get(host)
        now = self._clock()
        if at is not None and at > now:
            self._sleep(at - now)

    def _gap(self, host: str) -> float:
        """The pause between two pages from one host: ``rate``, or robots.txt's Crawl-delay
        when that is slower."""
        rules = self._robots.get(host)
        return max(1 / self.options.rate, rules.delay if rules else 0.0)

    def _rules(self, url: str, deadline: float, hosts: set[str]) -> RobotsRules:
        host = _origin(url)
        if host not in self._robots:
            self._robots[host] = self._fetch_rules(host, url, deadline, hosts)
        return self._robots[host]

    def _fetch_rules(self, host: str, url: str, deadline: float, hosts: set[str]) -> RobotsRules:
        """The host's robots.txt, through the same safeguards and within the page's
        deadline. A host that cannot be reached fails the page with the same reason, and
        is asked again next time."""
        robots_url = f"{host}/robots.txt"
        agent = self.options.user_agent
        try:
            page = self._follow(
                robots_url, accept=None, cap=_ROBOTS_CAP, deadline=deadline, hosts=hosts,
                robots=False,
            )  # fmt: skip
        except BadStatus as err:
            return RobotsRules.for_status(err.http_status, agent)
        except FetchError as err:
            raise type(err)(str(err).replace(robots_url, url, 1)) from None
        return RobotsRules.parse(page.body, agent, self.options.max_wait)


class _NotPublic(Exception):
    """Raised from the connection watch: the peer is not a public address."""

    def __init__(self, address: str) -> None:
        super().__init__(address)
        self.address = address


class _Watch:
    """One request's guard, fed by httpx's ``trace`` extension: when the deadline passes
    it shuts the request's socket, which ends whatever read or write is waiting on it
    (connecting is bounded by the connect timeout, clamped to the time left); and, when
    private addresses are refused, it checks the address actually connected to, so
    neither a hostname nor a redirect nor DNS can lead to one."""

    def __init__(self, seconds: float, *, allow_private: bool) -> None:
        self._allow_private = allow_private
        self._socket: socket.socket | None = None
        self._expired = False
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, seconds), self._expire)
        self._timer.daemon = True
        self._timer.start()

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if event not in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            return
        stream = info["return_value"]
        sock = stream.get_extra_info("socket")
        if not isinstance(sock, socket.socket):
            return
        with self._lock:
            self._socket = sock
            if self._expired:
                _shut(sock)
        if not self._allow_private and event == "connection.connect_tcp.complete":
            address = str(sock.getpeername()[0])
            if not _is_public(address):
                stream.close()
                raise _NotPublic(address)

    def _expire(self) -> None:
        with self._lock:
            self._expired = True
            if self._socket is not None:
                _shut(self._socket)

    def stop(self) -> None:
        self._timer.cancel()


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


def _is_public(address: str) -> bool:
    """Whether an IP address is a public one: not private, loopback, link-local, shared,
    reserved or unspecified (an IPv4 address mapped into IPv6 is judged as IPv4)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


_CODINGS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}
"""The content codings marquee asks for and inflates itself, with their zlib window bits."""
_PIECE = 64_000
"""Most bytes one step of inflating may produce, so a bomb never lands in memory at once."""


def _decoded(url: str, response: httpx.Response) -> Iterator[bytes]:
    """The body as it streams in, inflated a bounded piece at a time. A body compressed
    more than once (``Content-Encoding: gzip, gzip``) is refused: a page is compressed
    once, and every layer multiplies what a few kilobytes can expand to."""
    header = response.headers.get("content-encoding", "")
    codings = [c.strip().lower() for c in header.split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if len(codings) > 1:
        raise NotAPage(f"{url}: refused: compressed {len(codings)} times over ({header})")
    if not codings:
        yield from response.iter_raw()
        return
    if codings[0] not in _CODINGS:
        raise NotAPage(f"{url}: compressed as {codings[0]!r}, which marquee does not read")
    inflater = zlib.decompressobj(_CODINGS[codings[0]])
    try:
        for raw in response.iter_raw():
            while raw:
                yield inflater.decompress(raw, _PIECE)
                raw = inflater.unconsumed_tail
    except zlib.error as err:
        raise FetchError(f"{url}: the compressed body is corrupt ({err})") from None


def _check_url(url: str, page: str) -> None:
    """Refuse an address marquee cannot or will not fetch: malformed, or (a redirect to)
    anything but an http(s) web address."""
    if not is_url(url):
        where = f"redirects to {url[:100]!r}" if url != page else "is"
        raise NotAPage(f"{page[:200]}: {where}, which is not an http(s) web address")
    try:
        urlsplit(url).port  # noqa: B018 - raises for a malformed host or port
        httpx.URL(url)
    except (ValueError, httpx.InvalidURL) as err:
        raise FetchError(f"{url[:200]}: not a valid URL ({err})") from None


_ROBOTS_CAP = 500_000
"""RFC 9309 asks crawlers to read at least 500 KiB of robots.txt; more is not a file."""


def _provenance(url: str, response: httpx.Response) -> Provenance:
    final = str(response.url)
    kind = response.headers.get("content-type")
    return Provenance(
        url=strip_controls(url),
        status=response.status_code,
        fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
        final_url=strip_controls(final) if final != url else None,
        content_type=None if kind is None else strip_controls(kind),
    )


def retry_wait(retry_after: str | None, attempt: int, options: FetchOptions) -> float:
    """Seconds to wait before retry ``attempt`` + 1: what ``Retry-After`` asks (seconds
    or an HTTP date), else ``backoff`` doubled per attempt; never over ``max_wait``."""
    asked = _retry_after_seconds(retry_after) if retry_after else None
    wait = asked if asked is not None else options.backoff * 2**attempt
    return max(0.0, min(wait, options.max_wait))


def _retry_after_seconds(value: str) -> float | None:
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return (when - datetime.now(UTC)).total_seconds()


def _media_type(response: httpx.Response) -> str:
    return str(response.headers.get("content-type", "")).split(";")[0].strip().lower()


def _status_message(url: str, response: httpx.Response) -> str:
    return f"{url}: {response.status_code} {response.reason_phrase}".rstrip()


def _timed_out(url: str, seconds: float) -> str:
    return f"{url}: timed out after {seconds:g} s"


def _reason(err: Exception) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _size(count: int) -> str:
    if count >= 1_000_000:
        return f"{count / 1_000_000:g} MB"
    if count >= 1_000:
        return f"{count / 1_000:g} kB"
    return f"{count} bytes"
