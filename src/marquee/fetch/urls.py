"""Which arguments are web addresses: asked of every input of ``marquee add``, so it lives
apart from the fetcher, and reading local files never imports httpx."""

from __future__ import annotations

from urllib.parse import urlsplit


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
