"""Adding reviews from the page: pasted text and uploaded files, through the CLI's own ingest.

There is one ingest path: inputs become ``(name, bytes)`` pairs and go through
:func:`marquee.ingest.read_reviews` and :func:`marquee.ingest.add_reviews`, exactly as
``marquee add`` does, so a file added here is read, deduplicated and filed under its film
the same way. Reading (pure, CPU) runs unlocked; the writes go through one lock, so two
uploads never race for SQLite's write lock.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from marquee.documents import ReadOptions
from marquee.errors import ParseError
from marquee.ingest import Outcome, add_reviews, read_reviews
from marquee.review import FilmHint
from marquee.store import Store

log = logging.getLogger(__name__)

PASTED = "pasted text"
"""The source name a pasted review is stored and reported under."""


@dataclass(frozen=True, slots=True, kw_only=True)
class UploadLimits:
    """How much one request may add.

    ``max_file_bytes`` caps each review document (the same cap as ``marquee add --max-mb``,
    enforced by the reader, so an oversized file is one failed outcome, not a failed
    request); ``max_files`` and ``max_total_bytes`` bound the whole request and are
    enforced while the body streams in, before anything is parsed.
    """

    max_file_bytes: int = 5_000_000
    max_files: int = 20
    max_total_bytes: int = 50_000_000

    @property
    def max_file_mb(self) -> str:
        return f"{self.max_file_bytes / 1_000_000:g}"


DEFAULT_LIMITS = UploadLimits()


@dataclass(frozen=True, slots=True)
class UploadResult:
    """What one request did: ``ok`` when every input went in (added or already stored),
    one outcome per input (or table row), and the films that received reviews."""

    ok: bool
    outcomes: list[Outcome]
    films: list[str] = field(default_factory=list)


def upload_name(filename: str | None, position: int) -> str:
    """An uploaded file's base name (never a client-chosen path), or a stand-in."""
    name = PurePath((filename or "").replace("\\", "/")).name
    return name or f"upload {position + 1}"


def inputs_from(
    text: str | None, files: Sequence[tuple[str | None, bytes]]
) -> list[tuple[str, bytes]]:
    """The pasted text and every chosen file as ``(name, bytes)`` inputs.

    Browsers send an empty, nameless part when no file was chosen; it is not an input.
    """
    inputs = [(upload_name(name, i), data) for i, (name, data) in enumerate(files) if name or data]
    if text and text.strip():
        inputs.insert(0, (PASTED, text.encode("utf-8")))
    if not inputs:
        raise ParseError("nothing to add: paste a review or choose one or more files")
    return inputs


def ingest(
    store: Store,
    inputs: Sequence[tuple[str, bytes]],
    *,
    hint: FilmHint,
    limits: UploadLimits,
    lock: threading.Lock,
) -> UploadResult:
    """Read every input and store what could be read; one outcome per input, in input order."""
    reviews, outcomes = read_reviews(
        inputs, options=ReadOptions(max_bytes=limits.max_file_bytes), hint=hint
    )
    with lock:
        outcomes.extend(add_reviews(store, reviews))
    order = {name: i for i, (name, _data) in reversed(list(enumerate(inputs)))}
    outcomes.sort(key=lambda o: order.get(o.source, len(order)))  # as the user listed them
    films = list(dict.fromkeys(o.film for o in outcomes if o.film))
    log.info("upload: %d input(s), %d outcome(s), films %s", len(inputs), len(outcomes), films)
    return UploadResult(
        ok=all(o.status not in ("error", "refused") for o in outcomes),
        outcomes=outcomes,
        films=films,
    )
