"""marquee: a critics' consensus engine.

Read any pile of film reviews (text, Markdown, HTML, CSV/JSONL), score each one, reconcile
the film's facts and report what the critics said::

    >>> from marquee import Store, read_path, parse_review
    >>> reading = read_path("examples/ballerina/001_783e8d39f966f84b.txt")
    >>> review = parse_review(reading.documents[0])
    >>> review.meta.critic, review.score.value
    ('Kat Hughes', 40.0)
"""

import logging
from typing import TYPE_CHECKING

# eager: light, and the function shares its name with its module (a lazy name would be
# shadowed by the submodule once anything imports marquee.aggregate)
from marquee.aggregate import Aggregate, aggregate
from marquee.lazy import lazy_names as _lazy_names

if TYPE_CHECKING:
    from marquee.documents import Reading, ReadOptions, read_bytes, read_path
    from marquee.errors import (
        MarqueeError,
        NotFound,
        ParseError,
        ScoringError,
        StoreError,
        TooLarge,
    )
    from marquee.records import Document, FilmFacts, Review, ReviewMeta, Score
    from marquee.report import FilmReport, build_report, report_json
    from marquee.review import FilmHint, parse_review
    from marquee.store import Store

logging.getLogger(__name__).addHandler(logging.NullHandler())

_HOMES = {
    "build_report": "marquee.report",
    "Document": "marquee.records",
    "FilmFacts": "marquee.records",
    "FilmHint": "marquee.review",
    "FilmReport": "marquee.report",
    "MarqueeError": "marquee.errors",
    "NotFound": "marquee.errors",
    "parse_review": "marquee.review",
    "ParseError": "marquee.errors",
    "read_bytes": "marquee.documents",
    "read_path": "marquee.documents",
    "Reading": "marquee.documents",
    "ReadOptions": "marquee.documents",
    "report_json": "marquee.report",
    "Review": "marquee.records",
    "ReviewMeta": "marquee.records",
    "Score": "marquee.records",
    "ScoringError": "marquee.errors",
    "Store": "marquee.store",
    "StoreError": "marquee.errors",
    "TooLarge": "marquee.errors",
}
"""Where each public name lives. They are imported on first use (PEP 562), so that
``import marquee.cli`` for ``marquee --help`` loads no HTML extractor, database driver or
model until a command needs one."""

__all__ = [
    "aggregate",
    "Aggregate",
    "build_report",
    "Document",
    "FilmFacts",
    "FilmHint",
    "FilmReport",
    "MarqueeError",
    "NotFound",
    "parse_review",
    "ParseError",
    "read_bytes",
    "read_path",
    "Reading",
    "ReadOptions",
    "report_json",
    "Review",
    "ReviewMeta",
    "Score",
    "ScoringError",
    "Store",
    "StoreError",
    "TooLarge",
]


__getattr__, __dir__ = _lazy_names("marquee", _HOMES, globals())
