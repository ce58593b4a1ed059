"""Reviews from the web: fetch pages and feeds politely, with every safeguard on.

``Fetcher(FetchOptions(...))`` fetches review pages (:meth:`Fetcher.page`) and feeds
(:meth:`Fetcher.feed`); :func:`read_feed` lists the reviews a feed links to. Every failure
is a :class:`FetchError` whose message is one line starting with the URL.
"""

from marquee.fetch.client import Fetcher, Page, is_url
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
from marquee.fetch.feeds import FeedEntry, read_feed
from marquee.fetch.policy import FetchOptions, retry_wait

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
