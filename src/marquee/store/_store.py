"""The store itself: opening it, and the transactions every read and write goes through.

A SQLite store file that is up to date is opened without SQLAlchemy: its engine (and the
check that every table and column exists) is made on the first transaction, while the
reads of :mod:`~marquee.store._read` run on :mod:`sqlite3` alone, so a command that only
reads (``marquee films``, a cached ``marquee report``) never imports SQLAlchemy.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from marquee.errors import NotFound, StoreError, StoreMissing
from marquee.store import _read
from marquee.store._connect import _READ_ONLY, StoreOptions, _reason, shown_url, sqlite_file
from marquee.store._read import FilmEntry, Reader
from marquee.store_urls import default_url

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session

    from marquee.records import Review
    from marquee.store._transaction import FactsSeen, Transaction

log = logging.getLogger(__name__)

_T = TypeVar("_T")


class Store:
    """A connection to one marquee database; create tables on first use.

    ``create=False`` refuses a SQLite store whose file (or folder) does not exist yet
    rather than making one, so a mistyped ``--db`` or ``MARQUEE_DB`` is an error, not a
    new empty store somewhere unexpected; with ``create`` the file and its folder are
    made. (A PostgreSQL database must exist either way; its tables are made in it.)
    """

    def __init__(
        self, url: str | None = None, *, options: StoreOptions | None = None, create: bool = True
    ) -> None:
        self.url = url or default_url()
        self.options = options or StoreOptions.from_env()
        self._facts: FactsSeen = {}
        self._file = sqlite_file(self.url)
        self._engine_made: Engine | None = None
        self._opening = threading.Lock()
        path = self._file
        if path is not None and not create and not path.is_file():
            missing = "its folder" if not path.parent.is_dir() else "the file"
            raise StoreMissing(
                f"no store at {shown_url(self.url)}: {missing} does not exist "
                "(--create makes a new store there)"
            )
        if path is None or not path.is_file():
            self._open(make_folder=create)
        else:
            try:
                with self.reading() as read:
                    outdated = _read.missing_columns(read)
            except StoreError as err:  # not a database, unreadable…
                reason = _reason(err.__cause__ or err)
                raise StoreError(f"cannot open store {shown_url(self.url)}: {reason}") from err
            if outdated:
                self._open(make_folder=False)

    @property
    def _engine(self) -> Engine:
        """The SQLAlchemy engine, made (and the tables brought up to date) on first use."""
        if self._engine_made is None:
            self._open(make_folder=False)
        assert self._engine_made is not None
        return self._engine_made

    def _open(self, *, make_folder: bool) -> None:
        from sqlalchemy import create_engine
        from sqlalchemy.exc import SQLAlchemyError

        from marquee.store._connect import _postgresql_hooks, _sqlite_hooks, engine_url

        path = self._file
        with self._opening:
            if self._engine_made is not None:
                return
            try:
                if path is not None and make_folder:
                    path.parent.mkdir(parents=True, exist_ok=True)
                engine = create_engine(engine_url(self.url))
                if engine.dialect.name == "sqlite":
                    _sqlite_hooks(engine, self.options)
                elif engine.dialect.name == "postgresql":
                    _postgresql_hooks(engine, self.options)
                self._retrying(lambda: self._create_tables(engine))
                self._engine_made = engine
            except ImportError as err:
                raise StoreError(
                    f"cannot open store {shown_url(self.url)}: its database driver is not "
                    f"installed ({err.name}); for PostgreSQL: install marquee[postgres] "
                    "(pip install 'marquee[postgres]')"
                ) from err
            except (SQLAlchemyError, OSError) as err:
                shown = shown_url(self.url)
                raise StoreError(f"cannot open store {shown}: {_reason(err)}") from err

    @staticmethod
    def _create_tables(engine: Engine) -> None:
        from marquee.store._schema import _add_missing_columns, _Base

        _Base.metadata.create_all(engine)
        _add_missing_columns(engine)

    def close(self) -> None:
        if self._engine_made is not None:
            self._engine_made.dispose()

    def _retrying(self, attempt: Callable[[], _T]) -> _T:
        """``attempt()``, again after a jittered, growing pause while the database is busy.

        Only ever wraps work that has not changed anything yet (taking the write lock,
        creating tables), so running it again is safe.
        """
        import random

        from sqlalchemy.exc import OperationalError

        from marquee.store._connect import _is_busy

        for tries_left in range(self.options.retries, -1, -1):
            try:
                return attempt()
            except OperationalError as err:
                if not tries_left or not _is_busy(err):
                    raise
                pause = self.options.retry_base_s * 2 ** (self.options.retries - tries_left)
                pause *= random.uniform(0.5, 1.5)
                log.info("store %s busy; retrying in %.2f s", shown_url(self.url), pause)
                time.sleep(pause)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _begin(self, engine: Engine) -> Session:
        """A session whose transaction has begun, holding the write lock if it writes."""
        from sqlalchemy.orm import Session

        session = Session(engine)
        try:
            session.begin()
            session.connection()  # runs BEGIN (IMMEDIATE) / takes the lock now, before any work
        except BaseException:
            session.close()
            raise
        return session

    @contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[Transaction]:
        """One atomic unit of work (one document's worth of writes). A read-only one
        (``write=False``) never waits for writers."""
        from sqlalchemy.exc import OperationalError

        from marquee.store._transaction import Transaction

        engine = self._engine if write else self._engine.execution_options(**{_READ_ONLY: True})
        try:
            session = self._retrying(lambda: self._begin(engine))
        except OperationalError as err:
            raise StoreError(f"store {shown_url(self.url)}: {_reason(err)}") from err
        with session:
            try:
                yield Transaction(session, self._facts)
                session.commit()
            except OperationalError as err:
                raise StoreError(f"store {shown_url(self.url)}: {_reason(err)}") from err

    @contextmanager
    def reading(self) -> Iterator[Reader]:
        """One read-only snapshot for the queries of :mod:`~marquee.store._read`: through
        :mod:`sqlite3` for a SQLite file, else in a read-only transaction."""
        if self._file is not None:
            with _read.sqlite_snapshot(
                self._file, busy_timeout_ms=self.options.busy_timeout_ms, shown=shown_url(self.url)
            ) as read:
                yield read
        else:
            with self.transaction(write=False) as tx:
                yield tx.reader

    def films(self) -> list[FilmEntry]:
        """Every film, most reviewed first."""
        with self.transaction(write=False) as tx:
            return sorted(tx.films(), key=lambda f: (-f.reviews, f.facts.title or ""))

    def film_by_slug(self, slug: str) -> FilmEntry | None:
        """The film with exactly this slug, read alone: a page's address or a slug typed
        to ``marquee report`` needs no more, where :meth:`find_film` reads every film to
        match titles and parts too (over 100 ms for 2,000 films)."""
        with self.reading() as read:
            return _read.film_by_slug(read, slug)

    def cached_report(self, film_id: int, key: str) -> dict[str, Any] | None:
        """The film's built report if it was built by the same code and model (``key``)."""
        with self.reading() as read:
            return _read.cached_report(read, film_id, key)

    def find_film(self, query: str) -> FilmEntry:
        """A film by slug, title, alias, or an unambiguous part of one."""
        films = self.films()
        q = query.strip().casefold()
        exact = [
            f
            for f in films
            if q == f.slug
            or q == (f.facts.title or "").casefold()
            or q in (a.casefold() for a in f.facts.aliases)
        ]
        partial = [
            f
            for f in films
            if q in f.slug
            or any(q in n.casefold() for n in (f.facts.title or "", *f.facts.aliases))
        ]
        for candidates in (exact, partial):
            if len(candidates) == 1:
                return candidates[0]
            if len(candidates) > 1:
                names = ", ".join(f.slug for f in candidates[:8])
                raise NotFound(f"{query!r} matches several films: {names}; use one of these slugs")
        raise NotFound(f"no film matches {query!r}; `marquee films` lists them")

    def reviews(self, film_id: int | None) -> list[Review]:
        """A film's reviews (``None``: the reviews no film could be found for)."""
        with self.transaction(write=False) as tx:
            return tx.reviews(film_id)

    def counts(self) -> dict[str, int]:
        with self.reading() as read:
            return _read.counts(read)
