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
deleting reviews and films: ``marquee move/merge/rename/remove``).
"""

from marquee.store._connect import StoreOptions, content_hash, engine_url, shown_url, sqlite_file
from marquee.store._corrections import (
    StoredReview,
    delete_film,
    delete_review,
    refile_review,
    stored_reviews,
)
from marquee.store._schema import FilmEntry, FilmRow, ReviewRow
from marquee.store._store import Store
from marquee.store._transaction import Transaction
from marquee.store_urls import default_url

__all__ = [
    "FilmEntry",
    "FilmRow",
    "ReviewRow",
    "Store",
    "StoreOptions",
    "StoredReview",
    "Transaction",
    "content_hash",
    "default_url",
    "delete_film",
    "delete_review",
    "engine_url",
    "refile_review",
    "shown_url",
    "sqlite_file",
    "stored_reviews",
]
