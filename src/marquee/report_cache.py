"""Built film reports, kept in the store until the film changes.

Building a report runs the opinions stage over every review, which for a film with
hundreds of reviews takes longer than a page load should; so the JSON is built once,
stored beside the film, and dropped whenever a review is added to it. The cache key is a
digest of marquee's own source (its word lists included) and the scoring model's artifact,
so any change to either rebuilds.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from marquee.memory import release_memory
from marquee.model.paths import DEFAULT_ARTIFACT
from marquee.store import FilmEntry, Store


@cache
def report_key() -> str:
    """Which code and model built a report: a change to either means a rebuild."""
    digest = hashlib.sha256(DEFAULT_ARTIFACT.read_bytes())
    package = Path(__file__).parent
    # the word lists are code too: an edited lexicon reads the same reviews differently
    for parts in _sources(package):
        digest.update("/".join(parts).encode())
        with open(os.path.join(package, *parts), "rb") as f:
            digest.update(f.read())
    return digest.hexdigest()[:32]


def _sources(package: Path) -> list[tuple[str, ...]]:
    """Every ``*.py`` under ``package`` and every ``*.txt`` of a ``lexicons`` folder, as
    path parts, sorted as paths sort: the files and order two ``Path.rglob`` calls gave,
    so the key is the same, for 19M fewer instructions in every ``marquee report``."""
    found: list[tuple[str, ...]] = []
    for folder, _dirs, files in os.walk(package):
        parts = Path(folder).relative_to(package).parts
        lexicon = parts[-1:] == ("lexicons",)
        found += [(*parts, name) for name in files if name.endswith(".py")]
        found += [(*parts, name) for name in files if lexicon and name.endswith(".txt")]
    return sorted(found)


def film_report(store: Store, entry: FilmEntry) -> dict[str, Any]:
    """The film's :func:`~marquee.report.report_json` dict, from the cache when fresh."""
    if (cached := store.cached_report(entry.id, report_key())) is not None:
        return cached  # read without SQLAlchemy from a SQLite file (marquee.store._read)
    return build_reports(store, [entry])[0]


def build_reports(store: Store, entries: Sequence[FilmEntry]) -> list[dict[str, Any]]:
    """Build and keep these films' reports, cached or not (for films known stale, as after
    ``marquee add``): their reviews read in one transaction, their opinions in one pass
    and the reports kept in one statement, since for a film or two of one-line quotes
    each, the round trips and model calls per film cost more than the reports."""
    from marquee.report import build_report_set, report_json  # the opinions stage

    with store.transaction(write=False) as tx:
        reviews = tx.reviews_of_films([entry.id for entry in entries])
    built = build_report_set([(e.slug, e.facts, reviews[e.id]) for e in entries])
    data = [report_json(report) for report in built]
    with store.transaction() as tx:
        tx.save_reports(
            report_key(), [(e.id, e.version, d) for e, d in zip(entries, data, strict=True)]
        )
    del reviews, built
    release_memory()  # the batch's reviews and opinions: their pages back to the system
    return data


def report_batches(entries: Sequence[FilmEntry], reviews: int = 256) -> Iterator[list[FilmEntry]]:
    """The films in order, in batches of about ``reviews`` reviews (a film with more
    makes a batch alone): enough to share the round trips, few enough to hold at once."""
    batch: list[FilmEntry] = []
    held = 0
    for entry in entries:
        if batch and held + entry.reviews > reviews:
            yield batch
            batch, held = [], 0
        batch.append(entry)
        held += entry.reviews
    if batch:
        yield batch
