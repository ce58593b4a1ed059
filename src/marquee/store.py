"""The review store: SQLAlchemy tables and the few queries marquee needs.

SQLite by default, PostgreSQL by URL (``--db postgresql://…`` / ``MARQUEE_DB``). Each
source document is stored once, keyed by the SHA-256 of its decoded text, so adding the same
file twice is a no-op. A review row carries queryable columns (critic, score, verdict…) and
the full record as JSON, so reports are rebuilt exactly as the pipeline produced them.

Writes go through :meth:`Store.transaction`, one transaction per document: a crash leaves
either the whole document (its reviews and film updates) or none of it. Several processes
may write to one store at once (``marquee add`` twice, the web app beside the CLI): a write
transaction takes the database-wide write lock before it reads anything (SQLite's ``BEGIN
IMMEDIATE``, a PostgreSQL advisory lock), so two writers can never both decide that a
document or a film is new; a writer that finds the lock held waits (the busy timeout), and
after that retries with backoff before it reports the store busy. Readers never wait.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    create_engine,
    event,
    func,
    inspect,
    select,
)
from sqlalchemy.engine import Dialect, Engine, make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from marquee.codec import facts_from_dict, from_dict, to_dict
from marquee.errors import NotFound, StoreError, StoreMissing
from marquee.records import Document, FilmFacts, Review
from marquee.store_urls import default_url, masked_url

log = logging.getLogger(__name__)

_T = TypeVar("_T")


def content_hash(document: Document) -> str:
    """Identity of a document: its decoded text, so re-adding it is recognised."""
    return hashlib.sha256(document.raw.encode("utf-8", "surrogatepass")).hexdigest()


_PG_DRIVER = "postgresql+psycopg"


def engine_url(url: str) -> str:
    """The SQLAlchemy URL to connect with: ``postgresql://`` (and ``postgres://``) mean
    psycopg 3, the driver marquee ships with, rather than SQLAlchemy's default psycopg2."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        return parsed.set(drivername=_PG_DRIVER).render_as_string(hide_password=False)
    return url


def shown_url(url: str) -> str:
    """The URL for messages, titles and help: any password masked, even in a URL that
    does not parse."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (SQLAlchemyError, ValueError):
        return masked_url(url)


def sqlite_file(url: str) -> Path | None:
    """The database file a SQLite URL names (None: not SQLite, or in memory)."""
    try:
        parsed = make_url(url)
    except (SQLAlchemyError, ValueError):
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    if parsed.query.get("mode") == "memory":
        return None
    return Path(parsed.database)


@dataclass(frozen=True, slots=True, kw_only=True)
class StoreOptions:
    """How the store behaves when several writers share it.

    ``busy_timeout_ms``: how long a writer waits for another's write lock on one attempt
    (SQLite's busy timeout, PostgreSQL's ``lock_timeout``); ``retries``: further attempts
    after that, with jittered exponential backoff, before the store is reported busy;
    ``serialise_writes``: take the write lock when a write transaction begins, so that
    check-then-insert (is this document new? is this film new?) cannot interleave. The
    defaults are the safe ones; the environment can change them (``MARQUEE_DB_BUSY_MS``,
    ``MARQUEE_DB_RETRIES``, ``MARQUEE_DB_SERIALISE_WRITES=0``), which the concurrency
    tests use to show what each safeguard prevents.
    """

    busy_timeout_ms: int = 30_000
    retries: int = 4
    serialise_writes: bool = True
    retry_base_s: float = field(default=0.05, repr=False)

    @classmethod
    def from_env(cls) -> StoreOptions:
        env, safe = os.environ, cls()
        return cls(
            busy_timeout_ms=int(env.get("MARQUEE_DB_BUSY_MS", safe.busy_timeout_ms)),
            retries=int(env.get("MARQUEE_DB_RETRIES", safe.retries)),
            serialise_writes=env.get("MARQUEE_DB_SERIALISE_WRITES", "1") != "0",
        )


_ESCAPED = "\ufdd0json:"
"""Prefix of a text value stored JSON-escaped (a Unicode noncharacter, never in real text)."""


def _storable(text: str, dialect: str) -> bool:
    """Whether the database can hold ``text`` as it is: PostgreSQL refuses NUL, neither
    database can encode a lone surrogate (which ``json.loads`` makes from a "\\ud800"
    escape), and text that looks escaped must itself be escaped to read back right."""
    if text.startswith(_ESCAPED) or (dialect == "postgresql" and "\x00" in text):
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class _Text(TypeDecorator[str]):
    """Text that round-trips whatever it holds: a value the database would refuse is stored
    as ``_ESCAPED`` + its ASCII JSON form and restored on reading. Other values are stored
    unchanged, so they stay readable and queryable in the database itself."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None or _storable(value, dialect.name):
            return value
        return _ESCAPED + json.dumps(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        if value is not None and value.startswith(_ESCAPED):
            decoded: str = json.loads(value.removeprefix(_ESCAPED))
            return decoded
        return value


class _Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON}


SLUG_MAX = 200
"""Longest slug stored; a longer one (from an absurdly long title) is cut, then made unique."""


class FilmRow(_Base):
    __tablename__ = "films"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(SLUG_MAX), unique=True, index=True)
    title: Mapped[str] = mapped_column(_Text)
    year: Mapped[int | None] = mapped_column(Integer)
    facts: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # the built report (see marquee.report_cache), dropped whenever the film changes
    # deferred: listing films (every add does, to match a review to its film) must not
    # parse every film's report
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True, deferred=True)
    report_key: Mapped[str | None] = mapped_column(String(128), nullable=True)
    # bumped whenever the film changes, so a report built from an older state is not kept
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)


class DocumentRow(_Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(_Text)
    shape: Mapped[str] = mapped_column(String(16))
    encoding: Mapped[str] = mapped_column(String(32))
    raw: Mapped[str] = mapped_column(_Text)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # provenance of a fetched page (see records.Provenance); None for files
    url: Mapped[str | None] = mapped_column(_Text, nullable=True, index=True)
    http_status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    fetched_at: Mapped[str | None] = mapped_column(String(40), nullable=True)


class ReviewRow(_Base):
    __tablename__ = "reviews"
    __table_args__ = (UniqueConstraint("document_id", "position"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    film_id: Mapped[int | None] = mapped_column(ForeignKey("films.id"), index=True)
    critic: Mapped[str | None] = mapped_column(_Text)
    outlet: Mapped[str | None] = mapped_column(_Text)
    published: Mapped[str | None] = mapped_column(_Text)
    title: Mapped[str | None] = mapped_column(_Text)
    spoilers: Mapped[bool] = mapped_column(Boolean, default=False)
    score_value: Mapped[float | None] = mapped_column(Float)
    score_raw: Mapped[str | None] = mapped_column(_Text)
    score_explicit: Mapped[bool | None] = mapped_column(Boolean)
    verdict: Mapped[str | None] = mapped_column(String(8))
    record: Mapped[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class FilmEntry:
    """A film as stored: its id and slug, merged facts, how many reviews it has, and which
    version of the film this is (see :meth:`Transaction.save_report`)."""

    id: int
    slug: str
    facts: FilmFacts
    reviews: int = 0
    version: int = 0


def _record_without_raw(review: Review) -> dict[str, Any]:
    """The review record minus the raw text, which lives once in ``documents``."""
    data = to_dict(review)
    data["document"]["raw"] = None
    return data


def _review_from_row(row: ReviewRow, raw: str) -> Review:
    data = dict(row.record)
    data["document"] = {**data["document"], "raw": raw}
    return from_dict(Review, data)


_READ_ONLY = "marquee_read_only"

_PG_WRITE_LOCK = 0x6D617271  # "marq": the advisory lock every marquee writer takes
_PG_BUSY_STATES = frozenset({"55P03", "40001", "40P01"})  # lock timeout, serialization, deadlock


def _sqlite_hooks(engine: Engine, options: StoreOptions) -> None:
    """WAL + a busy timeout so several writers queue instead of failing "database is locked";
    BEGIN IMMEDIATE so a write transaction takes its lock up front (no upgrade deadlock, and
    no two writers both reading "not stored yet")."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # let us issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={int(options.busy_timeout_ms)}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        read_only = conn.get_execution_options().get(_READ_ONLY, False)
        conn.exec_driver_sql(
            "BEGIN IMMEDIATE" if options.serialise_writes and not read_only else "BEGIN"
        )


def _postgresql_hooks(engine: Engine, options: StoreOptions) -> None:
    """The same guarantees on PostgreSQL: every write transaction first takes one advisory
    lock (released at commit or rollback), waiting at most the busy timeout; a read-only
    transaction reads one snapshot (REPEATABLE READ), like a SQLite read in WAL mode, and
    never waits."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # lock_timeout 0 would mean "wait forever"; 1 ms is PostgreSQL's "do not wait"
        timeout = max(1, int(options.busy_timeout_ms))
        with dbapi_conn.cursor() as cur:
            cur.execute(f"SET lock_timeout = {timeout}")
        dbapi_conn.commit()  # SET is transactional: keep it past the first rollback

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get(_READ_ONLY, False):
            conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        elif options.serialise_writes:
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_WRITE_LOCK})")


def _is_busy(err: OperationalError) -> bool:
    """Whether a database error means "another writer holds the lock": worth a retry."""
    state = getattr(err.orig, "sqlstate", None)
    return state in _PG_BUSY_STATES or "database is locked" in str(err.orig)


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
                f"installed ({err.name}); for PostgreSQL: pip install 'psycopg[binary]'"
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


_FilmState = tuple[int, int, datetime]
"""A film row's id, version and last update: its facts change only with all three."""
_FACTS_KEPT = 100_000


def _film_state(row: Any) -> _FilmState:
    return (row.id, row.version or 0, row.updated_at)


class Transaction:
    """The write-side operations, valid inside :meth:`Store.transaction` only."""

    def __init__(self, session: Session, facts: dict[_FilmState, FilmFacts]) -> None:
        self._s = session
        self._facts = facts  # the store's decoded film facts, by film state (see films())

    def document_id(self, digest: str) -> int | None:
        """The stored document with this content hash, if any."""
        return self._s.scalar(select(DocumentRow.id).where(DocumentRow.content_hash == digest))

    def has_review(self, document_id: int, position: int) -> bool:
        """Whether part ``position`` of a stored document is already a review."""
        found = select(ReviewRow.id).where(
            ReviewRow.document_id == document_id, ReviewRow.position == position
        )
        return self._s.scalar(found) is not None

    def has_url(self, url: str) -> bool:
        """Whether a page fetched from ``url`` is stored (so it need not be fetched again)."""
        found = select(DocumentRow.id).where(DocumentRow.url == url).limit(1)
        return self._s.scalar(found) is not None

    def counts(self) -> dict[str, int]:
        """How many films, documents and reviews, and how many reviews have no film."""
        count = select(func.count())
        unassigned = count.select_from(ReviewRow).where(ReviewRow.film_id.is_(None))
        return {
            "films": self._s.scalar(count.select_from(FilmRow)) or 0,
            "documents": self._s.scalar(count.select_from(DocumentRow)) or 0,
            "reviews": self._s.scalar(count.select_from(ReviewRow)) or 0,
            "unassigned": self._s.scalar(unassigned) or 0,
        }

    def films(self) -> list[FilmEntry]:
        counts = dict(
            self._s.execute(
                select(ReviewRow.film_id, func.count()).group_by(ReviewRow.film_id)
            ).all()
        )
        states = self._s.execute(
            select(FilmRow.id, FilmRow.slug, FilmRow.version, FilmRow.updated_at).order_by(
                FilmRow.id
            )
        ).all()
        keyed = [((r.id, r.version or 0, r.updated_at), r) for r in states]
        seen = self._facts
        known = {key: facts for key, _ in keyed if (facts := seen.get(key)) is not None}
        if len(known) < len(keyed):
            known |= self._read_facts([key for key, _ in keyed if key not in known])
        return [
            FilmEntry(r.id, r.slug, known[key], counts.get(r.id, 0), key[1]) for key, r in keyed
        ]

    def _read_facts(self, wanted: list[_FilmState]) -> dict[_FilmState, FilmFacts]:
        """Decode the merged facts of films not seen in this state before, and remember
        them for the store's later transactions (threads of the web app share them). Every
        add lists the films to match its review against; reading and decoding every film's
        facts each time made adding an export of a thousand films' reviews quadratic."""
        found: dict[_FilmState, FilmFacts] = {}
        for chunk in (wanted[i : i + 500] for i in range(0, len(wanted), 500)):
            rows = self._s.execute(
                select(FilmRow.id, FilmRow.version, FilmRow.updated_at, FilmRow.facts).where(
                    FilmRow.id.in_([state[0] for state in chunk])
                )
            )
            found |= {_film_state(row): facts_from_dict(row.facts) for row in rows}
        if len(self._facts) > _FACTS_KEPT:
            self._facts.clear()
        self._facts.update(found)
        return found

    def slug_of(self, film_id: int) -> str:
        slug = self._s.scalar(select(FilmRow.slug).where(FilmRow.id == film_id))
        if slug is None:
            raise NotFound(f"no film with id {film_id}")
        return slug

    def reviews(self, film_id: int | None) -> list[Review]:
        return [review for _id, review in self._reviews_where(film_id)]

    def unassigned(self) -> list[tuple[int, Review]]:
        """Reviews filed under no film yet, with their ids."""
        return self._reviews_where(None)

    def _reviews_where(self, film_id: int | None) -> list[tuple[int, Review]]:
        where = ReviewRow.film_id.is_(None) if film_id is None else ReviewRow.film_id == film_id
        rows = self._s.execute(
            select(ReviewRow, DocumentRow.raw)
            .join(DocumentRow, DocumentRow.id == ReviewRow.document_id)
            .where(where)
            .order_by(ReviewRow.id)
        ).all()
        return [(row.id, _review_from_row(row, raw)) for row, raw in rows]

    def assign(self, review_id: int, film_id: int) -> None:
        row = self._s.get(ReviewRow, review_id)
        if row is None:
            raise NotFound(f"no review with id {review_id}")
        row.film_id = film_id
        self._s.flush()

    def add_document(self, document: Document, digest: str) -> int:
        fetched = document.provenance
        row = DocumentRow(
            content_hash=digest,
            source=document.source,
            shape=document.shape,
            encoding=document.encoding,
            raw=document.raw,
            added_at=datetime.now(UTC),
            url=fetched.url if fetched else None,
            http_status=fetched.status if fetched else None,
            fetched_at=fetched.fetched_at if fetched else None,
        )
        self._s.add(row)
        self._s.flush()
        return row.id

    def add_review(
        self, review: Review, *, document_id: int, position: int, film_id: int | None
    ) -> int:
        score = review.score
        row = ReviewRow(
            document_id=document_id,
            position=position,
            film_id=film_id,
            critic=review.meta.critic,
            outlet=review.meta.outlet,
            published=review.meta.published,
            title=review.meta.title,
            spoilers=review.meta.spoilers,
            score_value=score.value if score else None,
            score_raw=score.raw if score else None,
            score_explicit=score.explicit if score else None,
            verdict=review.verdict,
            record=_record_without_raw(review),
        )
        self._s.add(row)
        self._s.flush()
        return row.id

    def save_film(self, facts: FilmFacts, slug: str, film_id: int | None = None) -> int:
        """Insert a film, or replace an existing one's merged facts; returns its id.

        The slug follows the merged title; when another film holds it, a numeric suffix
        keeps it unique.
        """
        taken = set(self._s.scalars(select(FilmRow.slug).where(FilmRow.id != (film_id or -1))))
        slug = slug[:SLUG_MAX]
        unique, n = slug, 2
        while unique in taken:
            suffix = f"-{n}"
            unique, n = slug[: SLUG_MAX - len(suffix)] + suffix, n + 1
        row = self._s.get(FilmRow, film_id) if film_id is not None else FilmRow()
        if row is None:
            raise NotFound(f"no film with id {film_id}")
        row.slug, row.title, row.year = unique, facts.title or unique, facts.year
        row.facts, row.updated_at = to_dict(facts), datetime.now(UTC)
        row.report = row.report_key = None
        row.version = (row.version or 0) + 1
        self._s.add(row)
        self._s.flush()
        return row.id

    def report_keys(self) -> dict[int, str | None]:
        """Each film's built report's key (None: no report), without reading the reports."""
        rows = self._s.execute(select(FilmRow.id, FilmRow.report_key))
        return {film_id: key for film_id, key in rows}

    def cached_report(self, film_id: int, key: str) -> dict[str, Any] | None:
        """The film's built report if it was built by the same code and model (``key``)."""
        row = self._s.get(FilmRow, film_id)
        return row.report if row is not None and row.report_key == key else None

    def save_report(
        self, film_id: int, key: str, report: dict[str, Any], *, version: int | None = None
    ) -> bool:
        """Keep a built report; returns whether it was kept.

        ``version`` is the film's :attr:`FilmEntry.version` the report was built from: when
        another writer changed the film while the report was being built, the report is
        already stale and is not kept, so the next reader builds it again instead of
        being served a report that misses the new review.
        """
        row = self._s.get(FilmRow, film_id)
        if row is None:
            raise NotFound(f"no film with id {film_id}")
        if version is not None and version != (row.version or 0):
            log.info("film %s changed while its report was built; not caching it", row.slug)
            return False
        row.report, row.report_key = report, key
        self._s.flush()
        return True

    def film_facts_of_reviews(self, film_id: int) -> list[FilmFacts]:
        """Each of the film's reviews' own facts; only that part of each record is read,
        since every review added to a film re-merges all of them."""
        facts = self._s.scalars(
            select(ReviewRow.record["facts"]).where(ReviewRow.film_id == film_id)
        )
        return [facts_from_dict(f) for f in facts]


def _add_missing_columns(engine: Engine) -> None:
    """Bring a store made by an older marquee up to date: add any nullable column the
    tables now declare and the database lacks (marquee only ever adds such columns)."""
    inspector = inspect(engine)
    missing = [
        (table.name, column)
        for table in _Base.metadata.sorted_tables
        for present in [{c["name"] for c in inspector.get_columns(table.name)}]
        for column in table.columns
        if column.name not in present and column.nullable
    ]
    if missing:
        with engine.begin() as conn:
            for table_name, column in missing:
                kind = column.type.compile(dialect=engine.dialect)
                conn.exec_driver_sql(f'ALTER TABLE {table_name} ADD COLUMN "{column.name}" {kind}')


def _reason(err: BaseException) -> str:
    """The first line of a database error, without SQLAlchemy's boilerplate."""
    text = str(getattr(err, "orig", None) or err)
    return text.splitlines()[0] if text else type(err).__name__


__all__ = [
    "FilmEntry",
    "Store",
    "StoreOptions",
    "Transaction",
    "content_hash",
    "default_url",
    "engine_url",
    "shown_url",
    "sqlite_file",
]


# Corrections (marquee.corrections): a review re-filed, a film merged, renamed or removed.
# Kept in one block so the store's own code above stays as it was.


@dataclass(frozen=True, slots=True)
class StoredReview:
    """A stored review's ids, where it came from, and the film facts its record holds."""

    id: int
    document_id: int
    film_id: int | None
    source: str
    position: int
    facts: FilmFacts


def stored_reviews(
    tx: Transaction, *, source: str | None = None, film_id: int | None = None
) -> list[StoredReview]:
    """The reviews read from the document ``source`` (every part of it), or filed under
    ``film_id``, in the order they were stored."""
    query = select(
        ReviewRow.id,
        ReviewRow.document_id,
        ReviewRow.film_id,
        DocumentRow.source,
        ReviewRow.position,
        ReviewRow.record["facts"],
    ).join(DocumentRow, DocumentRow.id == ReviewRow.document_id)
    if source is not None:
        query = query.where(DocumentRow.source == source)
    if film_id is not None:
        query = query.where(ReviewRow.film_id == film_id)
    rows = tx._s.execute(query.order_by(ReviewRow.id)).all()
    return [StoredReview(r[0], r[1], r[2], r[3], r[4], facts_from_dict(r[5])) for r in rows]


def refile_review(tx: Transaction, review_id: int, facts: FilmFacts, film_id: int) -> None:
    """File a review under ``film_id`` and make its record say the film is ``facts``: a
    film's facts are merged again from its reviews' records, so the user's correction
    must live there to survive the next merge."""
    row = tx._s.get(ReviewRow, review_id)
    if row is None:
        raise NotFound(f"no review with id {review_id}")
    row.record = {**row.record, "facts": to_dict(facts)}
    row.film_id = film_id
    tx._s.flush()


def delete_review(tx: Transaction, review_id: int) -> None:
    """Delete a review, and its document once no review of it is left, so the same file
    can be added again."""
    row = tx._s.get(ReviewRow, review_id)
    if row is None:
        raise NotFound(f"no review with id {review_id}")
    document_id = row.document_id
    tx._s.delete(row)
    tx._s.flush()
    left = tx._s.scalar(select(func.count()).where(ReviewRow.document_id == document_id))
    if not left:
        document = tx._s.get(DocumentRow, document_id)
        if document is not None:
            tx._s.delete(document)
            tx._s.flush()


def delete_film(tx: Transaction, film_id: int) -> None:
    """Delete a film row (and its cached report); its reviews must have left it."""
    row = tx._s.get(FilmRow, film_id)
    if row is None:
        raise NotFound(f"no film with id {film_id}")
    tx._s.delete(row)
    tx._s.flush()
