"""The review store: SQLAlchemy tables and the few queries marquee needs.

SQLite by default, any SQLAlchemy URL otherwise (``--db`` / ``MARQUEE_DB``). Each source
document is stored once, keyed by the SHA-256 of its decoded text, so adding the same file
twice is a no-op. A review row carries queryable columns (critic, score, verdict…) and the
full record as JSON, so reports are rebuilt exactly as the pipeline produced them.

Writes go through :meth:`Store.transaction`, one transaction per document: a crash leaves
either the whole document (its reviews and film updates) or none of it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    inspect,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from marquee.codec import from_dict, to_dict
from marquee.errors import NotFound, StoreError
from marquee.records import Document, FilmFacts, Review

ENV_VAR = "MARQUEE_DB"


def default_url() -> str:
    """``$MARQUEE_DB``, else a SQLite file in the user's data directory."""
    if url := os.environ.get(ENV_VAR):
        return url
    path = platformdirs.user_data_path("marquee") / "marquee.db"
    return f"sqlite:///{path}"


def content_hash(document: Document) -> str:
    """Identity of a document: its decoded text, so re-adding it is recognised."""
    return hashlib.sha256(document.raw.encode("utf-8", "surrogatepass")).hexdigest()


class _Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON}


class FilmRow(_Base):
    __tablename__ = "films"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True, index=True)
    title: Mapped[str] = mapped_column(String(500))
    year: Mapped[int | None] = mapped_column(Integer)
    facts: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # the built report (see marquee.report_cache), dropped whenever the film changes
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    report_key: Mapped[str | None] = mapped_column(String(128), nullable=True)


class DocumentRow(_Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(Text)
    shape: Mapped[str] = mapped_column(String(16))
    encoding: Mapped[str] = mapped_column(String(32))
    raw: Mapped[str] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # provenance of a fetched page (see records.Provenance); None for files
    url: Mapped[str | None] = mapped_column(Text, nullable=True, index=True)
    http_status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    fetched_at: Mapped[str | None] = mapped_column(String(40), nullable=True)


class ReviewRow(_Base):
    __tablename__ = "reviews"
    __table_args__ = (UniqueConstraint("document_id", "position"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    film_id: Mapped[int | None] = mapped_column(ForeignKey("films.id"), index=True)
    critic: Mapped[str | None] = mapped_column(String(300))
    outlet: Mapped[str | None] = mapped_column(String(300))
    published: Mapped[str | None] = mapped_column(String(32))
    title: Mapped[str | None] = mapped_column(Text)
    spoilers: Mapped[bool] = mapped_column(Boolean, default=False)
    score_value: Mapped[float | None] = mapped_column(Float)
    score_raw: Mapped[str | None] = mapped_column(Text)
    score_explicit: Mapped[bool | None] = mapped_column(Boolean)
    verdict: Mapped[str | None] = mapped_column(String(8))
    record: Mapped[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class FilmEntry:
    """A film as stored: its id and slug, merged facts, and how many reviews it has."""

    id: int
    slug: str
    facts: FilmFacts
    reviews: int = 0


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


def _sqlite_pragmas(engine: Engine) -> None:
    """WAL + a busy timeout so several writers queue instead of failing "database is locked";
    BEGIN IMMEDIATE so a write transaction takes its lock up front (no upgrade deadlock)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # let us issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        read_only = conn.get_execution_options().get(_READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


class Store:
    """A connection to one marquee database; create tables on first use."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_url()
        try:
            if self.url.startswith("sqlite:///") and self.url != "sqlite:///:memory:":
                Path(self.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            self._engine = create_engine(self.url)
            if self._engine.dialect.name == "sqlite":
                _sqlite_pragmas(self._engine)
            _Base.metadata.create_all(self._engine)
            _add_missing_columns(self._engine)
        except (SQLAlchemyError, OSError) as err:
            raise StoreError(f"cannot open store {self.url}: {_reason(err)}") from err

    def close(self) -> None:
        self._engine.dispose()

    @contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[Transaction]:
        """One atomic unit of work (one document's worth of writes). A read-only one
        (``write=False``) never waits for writers."""
        engine = self._engine if write else self._engine.execution_options(**{_READ_ONLY: True})
        try:
            with Session(engine) as session, session.begin():
                yield Transaction(session)
        except OperationalError as err:
            raise StoreError(f"store {self.url}: {_reason(err)}") from err

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
        with Session(self._engine) as session:
            return {
                "films": session.scalar(select(func.count()).select_from(FilmRow)) or 0,
                "documents": session.scalar(select(func.count()).select_from(DocumentRow)) or 0,
                "reviews": session.scalar(select(func.count()).select_from(ReviewRow)) or 0,
                "unassigned": session.scalar(
                    select(func.count()).select_from(ReviewRow).where(ReviewRow.film_id.is_(None))
                )
                or 0,
            }


class Transaction:
    """The write-side operations, valid inside :meth:`Store.transaction` only."""

    def __init__(self, session: Session) -> None:
        self._s = session

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

    def films(self) -> list[FilmEntry]:
        counts = dict(
            self._s.execute(
                select(ReviewRow.film_id, func.count()).group_by(ReviewRow.film_id)
            ).all()
        )
        return [
            FilmEntry(row.id, row.slug, from_dict(FilmFacts, row.facts), counts.get(row.id, 0))
            for row in self._s.scalars(select(FilmRow).order_by(FilmRow.id))
        ]

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
        unique, n = slug, 2
        while unique in taken:
            unique, n = f"{slug}-{n}", n + 1
        row = self._s.get(FilmRow, film_id) if film_id is not None else FilmRow()
        if row is None:
            raise NotFound(f"no film with id {film_id}")
        row.slug, row.title, row.year = unique, facts.title or unique, facts.year
        row.facts, row.updated_at = to_dict(facts), datetime.now(UTC)
        row.report = row.report_key = None
        self._s.add(row)
        self._s.flush()
        return row.id

    def cached_report(self, film_id: int, key: str) -> dict[str, Any] | None:
        """The film's built report if it was built by the same code and model (``key``)."""
        row = self._s.get(FilmRow, film_id)
        return row.report if row is not None and row.report_key == key else None

    def save_report(self, film_id: int, key: str, report: dict[str, Any]) -> None:
        row = self._s.get(FilmRow, film_id)
        if row is None:
            raise NotFound(f"no film with id {film_id}")
        row.report, row.report_key = report, key
        self._s.flush()

    def film_facts_of_reviews(self, film_id: int) -> list[FilmFacts]:
        records = self._s.scalars(select(ReviewRow.record).where(ReviewRow.film_id == film_id))
        return [from_dict(FilmFacts, r["facts"]) for r in records]


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


__all__ = ["FilmEntry", "Store", "Transaction", "content_hash", "default_url"]
