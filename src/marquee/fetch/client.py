"""Fetch review pages politely and defensively with httpx.

Every safeguard a crawler owes the sites it reads and the machine it runs on is here:
connect and read timeouts plus a deadline for the whole page (a server dripping one byte
a second never trips a read timeout), redirects followed one hop at a time (each hop is
checked against robots.txt and paced like any request) up to a limit, a size cap enforced
while the body streams in, only text content types, a User-Agent that names marquee,
robots.txt honoured, a per-host pace, and retries with exponential backoff on 429 and
5xx answers, waiting as long as ``Retry-After`` asks (within reason).
"""

from __future__ import annotations

import dataclasses
import email.utils
import importlib.metadata
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
    TooManyRedirects,
)
from marquee.fetch.robots import RobotsRules
from marquee.records import Provenance

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

    ``rate`` is requests per second to any one host (robots.txt's Crawl-delay can only
    slow it further); ``retries`` is how many times a 429/5xx answer is retried, waiting
    ``backoff`` seconds, then twice that, and so on, or what ``Retry-After`` asks, never
    more than ``max_wait``. ``deadline`` bounds one page from first byte sent to last
    byte read, redirects and retries included.
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
    user_agent: str = USER_AGENT


@dataclasses.dataclass(frozen=True, slots=True)
class Page:
    """A fetched body and where it came from."""

    url: str
    body: bytes
    provenance: Provenance


def is_url(text: str) -> bool:
    """Whether an argument is a web address marquee fetches (http or https)."""
    parts = urlsplit(text.strip())
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
            headers={"User-Agent": options.user_agent},
            timeout=httpx.Timeout(options.read_timeout, connect=options.connect_timeout),
            follow_redirects=False,
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

    def _get(
        self,
        url: str,
        *,
        accept: frozenset[str] | None,
        what: str = "",
        cap: int | None = None,
        robots: bool = True,
    ) -> Page:
        """GET ``url``, one redirect hop at a time, each hop checked and paced."""
        deadline = self._clock() + self.options.deadline
        current = url
        for _hop in range(self.options.max_redirects + 1):
            if robots:
                self._rules(current).check(current)
            with self._response(current, deadline) as response:
                if response.next_request is not None:
                    current = str(response.next_request.url)
                    continue
                if response.status_code >= 400:
                    raise BadStatus(_status_message(url, response), response.status_code)
                content_type = _media_type(response)
                if accept is not None and content_type not in accept:
                    raise NotAPage(f"{url}: not {what} ({content_type or 'no content type'})")
                body = self._body(url, response, deadline, cap or self.options.max_bytes)
                return Page(url, body, _provenance(url, response))
        raise TooManyRedirects(f"{url}: too many redirects (over {self.options.max_redirects})")

    @contextmanager
    def _response(self, url: str, deadline: float) -> Iterator[httpx.Response]:
        """The response to one request (body not yet read), retried on 429/5xx."""
        for attempt in range(self.options.retries + 1):
            self._pace(url)
            response = self._send(url)
            retry = response.status_code in RETRY_STATUSES and attempt < self.options.retries
            if not retry:
                break
            wait = retry_wait(response.headers.get("retry-after"), attempt, self.options)
            if self._clock() + wait > deadline:
                break  # no time left to wait: report the answer as it stands
            response.close()
            log.info("%s: %d, retrying in %.1f s", url, response.status_code, wait)
            self._sleep(wait)
        try:
            yield response
        finally:
            response.close()

    def _send(self, url: str) -> httpx.Response:
        try:
            request = self._client.build_request("GET", url)
            return self._client.send(request, stream=True)
        except httpx.ConnectTimeout:
            raise FetchTimeout(_timed_out(url, self.options.connect_timeout)) from None
        except httpx.TimeoutException:
            raise FetchTimeout(_timed_out(url, self.options.read_timeout)) from None
        except httpx.HTTPError as err:
            raise FetchError(f"{url}: cannot connect ({_reason(err)})") from None

    def _body(self, url: str, response: httpx.Response, deadline: float, cap: int) -> bytes:
        """The body, refused whole as soon as it is known to be over the cap (by its
        declared length, or while it streams in) or to outlast the deadline."""
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise OverCap(f"{url}: over the {_size(cap)} cap ({_size(int(declared))})")
        chunks, size = [], 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > cap:
                    raise OverCap(f"{url}: over the {_size(cap)} cap")
                if self._clock() > deadline:
                    raise FetchTimeout(_timed_out(url, self.options.deadline))
                chunks.append(chunk)
        except httpx.TimeoutException:
            raise FetchTimeout(_timed_out(url, self.options.read_timeout)) from None
        except httpx.HTTPError as err:
            raise FetchError(f"{url}: connection lost ({_reason(err)})") from None
        return b"".join(chunks)

    def _pace(self, url: str) -> None:
        """Wait until this host may be asked again: ``rate`` per second, or robots.txt's
        Crawl-delay when that is slower."""
        host = _origin(url)
        rules = self._robots.get(host)
        gap = max(1 / self.options.rate, rules.delay if rules else 0.0)
        now = self._clock()
        at = self._next_at.get(host, now)
        if at > now:
            self._sleep(at - now)
        self._next_at[host] = max(at, now) + gap

    def _rules(self, url: str) -> RobotsRules:
        host = _origin(url)
        if host not in self._robots:
            self._robots[host] = self._fetch_rules(host, url)
        return self._robots[host]

    def _fetch_rules(self, host: str, url: str) -> RobotsRules:
        """The host's robots.txt, through the same safeguards. A host that cannot be
        reached fails the page with the same reason, and is asked again next time."""
        robots_url = f"{host}/robots.txt"
        agent = self.options.user_agent
        try:
            page = self._get(robots_url, accept=None, cap=_ROBOTS_CAP, robots=False)
        except BadStatus as err:
            return RobotsRules.for_status(err.http_status, agent)
        except FetchError as err:
            raise type(err)(str(err).replace(robots_url, url, 1)) from None
        return RobotsRules.parse(page.body, agent, self.options.max_wait)


_ROBOTS_CAP = 500_000
"""RFC 9309 asks crawlers to read at least 500 KiB of robots.txt; more is not a file."""


def _provenance(url: str, response: httpx.Response) -> Provenance:
    final = str(response.url)
    return Provenance(
        url=url,
        status=response.status_code,
        fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
        final_url=final if final != url else None,
        content_type=response.headers.get("content-type"),
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
