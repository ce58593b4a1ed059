"""The store itself: opening it, and the transactions every read and write goes through."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from marquee.errors import NotFound, StoreError, StoreMissing
from marquee.records import FilmFacts, Review
from marquee.store._connect import (
    _READ_ONLY,
    StoreOptions,
    _is_busy,
    _postgresql_hooks,
    _reason,
    _sqlite_hooks,
    engine_url,
    shown_url,
    sqlite_file,
)
from marquee.store._schema import FilmEntry, _add_missing_columns, _Base
from marquee.store._transaction import Transaction, _FilmState
from marquee.store_urls import default_url

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
        self._facts: dict[_FilmState, FilmFacts] = {}
        path = sqlite_file(self.url)
        if path is not None and not create and not path.is_file():
            missing = "its folder" if not path.parent.is_dir() else "the file"
            raise StoreMissing(
                f"no store at {shown_url(self.url)}: {missing} does not exist "
                "(--create makes a new store there)"
            )
        try:
            if path is not None and create:
                path.parent.mkdir(parents=True, exist_ok=True)
            self._engine = create_engine(engine_url(self.url))
            if self._engine.dialect.name == "sqlite":
                _sqlite_hooks(self._engine, self.options)
            elif self._engine.dialect.name == "postgresql":
                _postgresql_hooks(self._engine, self.options)
            self._retrying(self._create_tables)
        except ImportError as err:
            raise StoreError(
                f"cannot open store {shown_url(self.url)}: its database driver is not "
                f"installed ({err.name}); for PostgreSQL: install marquee[postgres] "
                "(pip install 'marquee[postgres]')"
            ) from err
        except (SQLAlchemyError, OSError) as err:
            raise StoreError(f"cannot open store {shown_url(self.url)}: {_reason(err)}") from err

    def _create_tables(self) -> None:
        _Base.metadata.create_all(self._engine)
        _add_missing_columns(self._engine)

    def close(self) -> None:
        self._engine.dispose()

    def _retrying(self, attempt: Callable[[], _T]) -> _T:
        """``attempt()``, again after a jittered, growing pause while the database is busy.

        Only ever wraps work that has not changed anything yet (taking the write lock,
        creating tables), so running it again is safe.
        """
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

    def films(self) -> list[FilmEntry]:
        """Every film, most reviewed first."""
        with self.transaction(write=False) as tx:
            return sorted(tx.films(), key=lambda f: (-f.reviews, f.facts.title or ""))

    def film_by_slug(self, slug: str) -> FilmEntry | None:
        """The film with exactly this slug, read alone: a page's address or a slug typed
        to ``marquee report`` needs no more, where :meth:`find_film` reads every film to
        match titles and parts too (over 100 ms for 2,000 films)."""
        with self.transaction(write=False) as tx:
            return tx.film_by_slug(slug)

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
        with self.transaction(write=False) as tx:
            return tx.counts()
