"""Built film reports, kept in the store until the film changes.

Building a report runs the opinions stage over every review, which for a film with
hundreds of reviews takes longer than a page load should; so the JSON is built once,
stored beside the film, and dropped whenever a review is added to it. The cache key is a
digest of marquee's own source (its word lists included) and the scoring model's artifact,
so any change to either rebuilds.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from marquee.model.paths import DEFAULT_ARTIFACT
from marquee.store import FilmEntry, Store


@cache
def report_key() -> str:
    """Which code and model built a report: a change to either means a rebuild."""
    digest = hashlib.sha256(DEFAULT_ARTIFACT.read_bytes())
    package = Path(__file__).parent
    # the word lists are code too: an edited lexicon reads the same reviews differently
    for path in sorted([*package.rglob("*.py"), *package.rglob("lexicons/*.txt")]):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def film_report(store: Store, entry: FilmEntry) -> dict[str, Any]:
    """The film's :func:`~marquee.report.report_json` dict, from the cache when fresh."""
    key = report_key()
    if (cached := store.cached_report(entry.id, key)) is not None:
        return cached  # read without SQLAlchemy from a SQLite file (marquee.store._read)
    reviews = store.reviews(entry.id)
    from marquee.report import build_report, report_json  # the opinions stage: not for a hit

    data = report_json(build_report(entry.slug, entry.facts, reviews))
    with store.transaction() as tx:
        tx.save_report(entry.id, key, data, version=entry.version)
    return data
