"""The review store: SQLAlchemy tables and the few queries marquee needs.

SQLite by default, PostgreSQL by URL (``--db postgresql://…`` / ``MARQUEE_DB``). Each
source document is stored once, keyed by the SHA-256 of its decoded text, so adding the same
file twice is a no-op. A review row carries queryable columns (critic, score, verdict…) and
the full record as JSON, so reports are rebuilt exactly as the pipeline produced them.

Writes go through :meth:`Store.transaction`: a crash leaves either the whole transaction
(``marquee add`` writes a chunk of reviews, their films and the films' merged facts in one)
or none of it. Several processes may write to one store at once (``marquee add`` twice, the
web app beside the CLI): a write transaction takes the database-wide write lock before it
reads anything (SQLite's ``BEGIN IMMEDIATE``, a PostgreSQL advisory lock), so two writers
can never both decide that a document or a film is new; a writer that finds the lock held
waits (the busy timeout), and after that retries with backoff before it reports the store
busy. Readers never wait.

Modules: ``_connect`` (URLs, options, per-backend hooks), ``_schema`` (tables and row
conversions), ``_transaction`` (the reads and writes inside one transaction), ``_store``
(opening the store, transactions, film lookup by name), ``_corrections`` (re-filing and
deleting reviews and films: ``marquee move/merge/rename/remove``), ``_read`` (the read
queries, run through plain :mod:`sqlite3` on a SQLite file).
"""

from typing import TYPE_CHECKING

from marquee.lazy import lazy_names as _lazy_names
from marquee.store._connect import StoreOptions, content_hash, engine_url, shown_url, sqlite_file
from marquee.store._read import (
    FilmEntry,
    Reader,
    change_marks,
    film_facts,
    film_name_rows,
    report_figures,
    review_counts,
    review_tallies,
)
from marquee.store._store import Store
from marquee.store_urls import default_url

if TYPE_CHECKING:
    from marquee.store._corrections import (
        StoredReview,
        delete_film,
        delete_review,
        refile_review,
        stored_reviews,
    )
    from marquee.store._schema import FilmRow, ReviewRow
    from marquee.store._transaction import Transaction

# the names defined over SQLAlchemy's tables are imported on first use: a command that only
# reads a SQLite store (`marquee films`, a cached report) does not import SQLAlchemy
_HOMES = {
    "FilmRow": "marquee.store._schema",
    "ReviewRow": "marquee.store._schema",
    "Transaction": "marquee.store._transaction",
    **dict.fromkeys(
        ("StoredReview", "delete_film", "delete_review", "refile_review", "stored_reviews"),
        "marquee.store._corrections",
    ),
}

__all__ = [
    "FilmEntry",
    "FilmRow",
    "Reader",
    "ReviewRow",
    "Store",
    "StoreOptions",
    "StoredReview",
    "Transaction",
    "change_marks",
    "content_hash",
    "default_url",
    "delete_film",
    "delete_review",
    "engine_url",
    "film_facts",
    "film_name_rows",
    "refile_review",
    "report_figures",
    "review_counts",
    "review_tallies",
    "shown_url",
    "sqlite_file",
    "stored_reviews",
]

__getattr__, __dir__ = _lazy_names("marquee.store", _HOMES, globals())
