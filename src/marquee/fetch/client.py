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

This module follows a page hop by hop and reads it; the options and retry schedule live in
:mod:`~marquee.fetch.policy`, the per-connection watchdog and address check in
:mod:`~marquee.fetch.watch`, and bounded inflating in :mod:`~marquee.fetch.inflate`.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from types import TracebackType
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
from marquee.fetch.inflate import CODINGS, decoded
from marquee.fetch.policy import RETRY_STATUSES, FetchOptions, retry_wait
from marquee.fetch.robots import RobotsRules
from marquee.fetch.urls import is_url
from marquee.fetch.watch import NotPublic, Watch
from marquee.fetch.watch import is_public as _is_public  # noqa: F401 - tests import it from here
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


@dataclasses.dataclass(frozen=True, slots=True)
class Page:
    """A fetched body and where it came from."""

    url: str
    body: bytes
    provenance: Provenance


class Fetcher:
    """One batch's connection pool, robots.txt cache and per-host pace; use as a context
    manager (or call :meth:`close`)."""

    def __init__(
        self,
        options: FetchOptions = FetchOptions(),  # noqa: B008 - frozen, so safe to share
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.options = options
        self._client = httpx.Client(
            headers={"User-Agent": options.user_agent, "Accept-Encoding": ", ".join(CODINGS)},
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
            watch = Watch(deadline - self._clock(), allow_private=self.options.allow_private)
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

    def _send(self, url: str, deadline: float, watch: Watch) -> httpx.Response:
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
        except NotPublic as refused:
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
            for chunk in decoded(url, response):
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
