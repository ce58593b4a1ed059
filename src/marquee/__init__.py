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

from marquee.aggregate import Aggregate, aggregate
from marquee.documents import Reading, ReadOptions, read_bytes, read_path
from marquee.errors import MarqueeError, NotFound, ParseError, ScoringError, StoreError, TooLarge
from marquee.records import Document, FilmFacts, Review, ReviewMeta, Score
from marquee.report import FilmReport, build_report, report_json
from marquee.review import FilmHint, parse_review
from marquee.store import Store

logging.getLogger(__name__).addHandler(logging.NullHandler())

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
