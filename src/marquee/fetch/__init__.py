"""Reviews from the web: fetch pages and feeds politely, with every safeguard on.

``Fetcher(FetchOptions(...))`` fetches review pages (:meth:`Fetcher.page`) and feeds
(:meth:`Fetcher.feed`); :func:`read_feed` lists the reviews a feed links to. Every failure
is a :class:`FetchError` whose message is one line starting with the URL.
"""

from typing import TYPE_CHECKING

from marquee.fetch.errors import (
    BadStatus,
    Disallowed,
    FetchError,
    FetchTimeout,
    NotAPage,
    OverCap,
    PrivateAddress,
    TooManyRedirects,
)
from marquee.fetch.policy import FetchOptions, retry_wait
from marquee.fetch.urls import is_url
from marquee.lazy import lazy_names as _lazy_names

if TYPE_CHECKING:
    from marquee.fetch.client import Fetcher, Page
    from marquee.fetch.feeds import FeedEntry, read_feed

# imported on first use: the fetcher needs httpx (~0.1 s to import), which adding local
# files or a table never uses
_HOMES = {
    "Fetcher": "marquee.fetch.client",
    "Page": "marquee.fetch.client",
    "FeedEntry": "marquee.fetch.feeds",
    "read_feed": "marquee.fetch.feeds",
}

__all__ = [
    "BadStatus",
    "Disallowed",
    "FeedEntry",
    "FetchError",
    "Fetcher",
    "FetchOptions",
    "FetchTimeout",
    "is_url",
    "NotAPage",
    "OverCap",
    "Page",
    "PrivateAddress",
    "read_feed",
    "retry_wait",
    "TooManyRedirects",
]

__getattr__, __dir__ = _lazy_names("marquee.fetch", _HOMES, globals())
