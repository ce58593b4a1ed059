"""The knobs a caller can turn when reading, and what a read gives back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from marquee.records import Document, Shape

TABLE_SIZE_FACTOR = 20
"""A CSV/JSONL export holds many reviews, so it may be this many times ``max_bytes``."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadOptions:
    """How to read one input.

    ``max_bytes`` caps a single review document (tables may be ``TABLE_SIZE_FACTOR``
    times larger); ``max_rows`` caps the rows of one table, which is refused whole past
    it (each row becomes a review to store, at tens of rows a second: a million-row export
    is work for ``marquee batch``); ``shape`` forces a shape instead of detecting it;
    ``columns`` maps a field (``text``, ``critic``, ``score`` …) to a table column of
    another name; ``films`` maps a film id (as ``tables.film_key`` compares it) to the
    title and year a movies table given beside the reviews names (:mod:`.catalog`).
    """

    max_bytes: int = 5_000_000
    max_rows: int = 20_000
    shape: Shape | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    films: Mapping[str, tuple[str, int | None]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Reading:
    """Everything read from one input: its documents and one line per skipped part."""

    source: str
    documents: tuple[Document, ...]
    problems: tuple[str, ...] = ()
