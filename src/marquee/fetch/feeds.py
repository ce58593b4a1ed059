"""An outlet's RSS or Atom feed → the review pages it links to, newest first as listed.

feedparser reads every feed dialect and its dates; the feed is fetched by the
:class:`~marquee.fetch.Fetcher` (with its safeguards) and handed over as bytes, so
feedparser never touches the network itself.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import UTC, date, datetime
from typing import Any

from marquee.errors import MarqueeError, ParseError
from marquee.fetch.client import Fetcher, is_url

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed: the page it links to, its title and when it was published."""

    url: str
    title: str | None = None
    published: datetime | None = None


def read_feed(fetcher: Fetcher, url: str, *, since: date | None = None) -> list[FeedEntry]:
    """The pages a feed links to, each once; with ``since``, only those published on or
    after that day (an undated entry cannot show it is recent, so it is left out)."""
    page = fetcher.feed(url)
    entries = feed_entries(page.body, url, base=page.provenance.final_url or url)
    if since is None:
        return entries
    kept = [e for e in entries if e.published is not None and e.published.date() >= since]
    log.info("%s: %d of %d entries since %s", url, len(kept), len(entries), since)
    return kept


def feed_entries(body: bytes, url: str, *, base: str | None = None) -> list[FeedEntry]:
    """Parse a feed's bytes; relative links are resolved against ``base`` (or ``url``)."""
    parsed = _feedparser().parse(
        body, response_headers={"content-location": base or url, "content-type": "text/xml"}
    )
    if parsed.get("bozo") and not parsed.entries:
        raise ParseError(f"{url}: not a feed ({_reason(parsed.get('bozo_exception'))})")
    entries: dict[str, FeedEntry] = {}
    for item in parsed.entries:
        link = str(item.get("link") or "")
        if is_url(link) and link not in entries:
            entries[link] = FeedEntry(link, item.get("title") or None, _published(item))
    if not entries:
        log.info("%s: a feed with no links to pages", url)
    return list(entries.values())


def _published(item: Any) -> datetime | None:
    """When an entry was published (or else last updated), in UTC."""
    stamp = item.get("published_parsed") or item.get("updated_parsed")
    if not stamp:
        return None
    year, month, day, hour, minute, second = stamp[:6]
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def _reason(error: object) -> str:
    text = str(error or "").strip()
    return text.splitlines()[0] if text else "unreadable"


def _feedparser() -> Any:
    """feedparser, imported when a feed is first read: reading files needs no feed library."""
    try:
        import feedparser
    except ImportError:
        raise MarqueeError("reading feeds needs feedparser: pip install feedparser") from None
    return feedparser
