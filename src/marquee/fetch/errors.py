"""Why a page could not be fetched, one class per safeguard, each a one-line message::

    MarqueeError
     └── FetchError              the page could not be fetched
          ├── FetchTimeout       no answer, or no whole answer, in time
          ├── BadStatus          the server answered with an error (404, 500 …)
          ├── NotAPage           not HTML or text (a PDF, an image), or not a feed
          ├── OverCap            the body is larger than the size cap
          ├── TooManyRedirects   a redirect loop or a chain too long to follow
          ├── Disallowed         robots.txt asks robots like marquee to stay out
          └── PrivateAddress     the host is not a public address (``--no-private``)

The message always starts with the URL, so a batch can print it as it is.
"""

from __future__ import annotations

from marquee.errors import MarqueeError


class FetchError(MarqueeError):
    """A page or feed could not be fetched; ``str(err)`` names the URL and the reason."""

    status = 502


class FetchTimeout(FetchError):
    status = 504


class BadStatus(FetchError):
    """The server's own error; ``http_status`` is what it answered."""

    def __init__(self, message: str, http_status: int) -> None:
        super().__init__(message)
        self.http_status = http_status


class NotAPage(FetchError):
    status = 415


class OverCap(FetchError):
    status = 413


class TooManyRedirects(FetchError):
    pass


class Disallowed(FetchError):
    status = 403


class PrivateAddress(FetchError):
    """The address connected to is private, loopback, link-local or otherwise not public,
    and the fetcher was told to refuse those."""

    status = 403
