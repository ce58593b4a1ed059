"""How patient and how polite a fetch is: the options, the User-Agent, and when to retry.

Kept apart from the client so the policy a user sets (``--rate``, ``--deadline``,
``--no-private``) and the retry schedule it implies can be read, and tested, without the
connection machinery that enforces them.
"""

from __future__ import annotations

import dataclasses
import email.utils
import importlib.metadata
from datetime import UTC, datetime

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
