"""Every error marquee raises on purpose, in one tree::

    MarqueeError
     ├── ParseError          a document could not be read (empty, binary, malformed)
     │    └── TooLarge       over the size cap
     ├── ScoringError        the scoring model could not run
     ├── MissingExtra        an optional part is not installed (pip install 'marquee[web]')
     └── StoreError          the database refused or could not be reached
          ├── StoreMissing   no store there, and none was to be created
          └── NotFound       no such film (HTTP 404)

A batch catches ``MarqueeError`` per document, reports its one-line message, keeps
going and exits non-zero. Anything else is a bug; in a batch it is still reported on its
input's own line (the traceback goes to the debug log), so that one input that trips a
bug never costs the others.
"""

from __future__ import annotations


class MarqueeError(Exception):
    """Base for errors a user can act on; ``str(err)`` is a one-line reason."""

    status = 400


class ParseError(MarqueeError):
    """A document could not be read as a review."""


class TooLarge(ParseError):
    """A document is over the size cap; it is refused whole, never truncated silently."""

    status = 413


class ScoringError(MarqueeError):
    """The scoring model is missing or failed."""

    status = 500


class MissingExtra(MarqueeError):
    """An optional part of marquee is used but its extra is not installed
    (:mod:`marquee.extras`)."""

    status = 501


class StoreError(MarqueeError):
    """The store could not be opened or written."""

    status = 500


class StoreMissing(StoreError):
    """The store named does not exist (nor its folder), and was not asked to be created."""


class NotFound(StoreError):
    """No film (or review) matches what was asked for."""

    status = 404
