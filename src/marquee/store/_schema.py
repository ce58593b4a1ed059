"""The tables, and the conversions between their rows and marquee's records."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    inspect,
)
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from marquee.codec import from_dict, to_dict
from marquee.records import Review

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
    # a film list reads names, years and report figures of every film: from these covering
    # indexes it never walks the table, whose rows are mostly the built reports (1,917
    # films: 22 -> 8 ms); facts is a JSON column PostgreSQL cannot index, and its film
    # list reads whole facts anyway
    __table_args__ = (
        Index("ix_films_listed", "id", "report_key", "report_figures"),
        Index("ix_films_names", "id", "slug", "facts").ddl_if(dialect="sqlite"),
    )
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
    # the built report's fresh % and average as a JSON pair, kept with it: a list of 2,000
    # films reads them here instead of parsing every report (marquee.store._read)
    report_figures: Mapped[str | None] = mapped_column(String(64), nullable=True)


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
    __table_args__ = (
        UniqueConstraint("document_id", "position"),
        # every film's review tallies (a film list), read from the index alone
        Index("ix_reviews_tallies", "film_id", "verdict", "score_value"),
    )
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


class FilmKeyRow(_Base):
    """One name a film answers to (:func:`marquee.films.titles.title_keys` of its merged
    title and aliases), indexed, so a review finds the films sharing a name with it without
    listing every film. Kept as a digest: a key can be as long as a title, longer than
    PostgreSQL indexes, and equal names have equal digests."""

    __tablename__ = "film_keys"
    # a film deleted (a correction merging or removing it) takes its names with it
    film_id: Mapped[int] = mapped_column(
        ForeignKey("films.id", ondelete="CASCADE"), primary_key=True
    )
    digest: Mapped[str] = mapped_column(String(32), primary_key=True, index=True)


def key_digest(key: str) -> str:
    """The stored form of a film's name key (see :class:`FilmKeyRow`)."""
    data = key.encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _record_without_raw(review: Review) -> dict[str, Any]:
    """The review record minus the raw text, which lives once in ``documents``."""
    data = to_dict(review)
    data["document"]["raw"] = None
    return data


def _review_from_row(record: dict[str, Any], raw: str) -> Review:
    data = dict(record)
    data["document"] = {**data["document"], "raw": raw}
    return from_dict(Review, data)


def _add_missing_columns(engine: Engine) -> None:
    """Bring a store made by an older marquee up to date: add any nullable column the
    tables now declare and the database lacks (marquee only ever adds such columns), and
    any index it lacks (``create_all`` makes indexes only with a new table)."""
    inspector = inspect(engine)
    missing = [
        (table.name, column)
        for table in _Base.metadata.sorted_tables
        for present in [{c["name"] for c in inspector.get_columns(table.name)}]
        for column in table.columns
        if column.name not in present and column.nullable
    ]
    with engine.begin() as conn:
        for table_name, column in missing:
            kind = column.type.compile(dialect=engine.dialect)
            conn.exec_driver_sql(f'ALTER TABLE {table_name} ADD COLUMN "{column.name}" {kind}')
        for table in _Base.metadata.sorted_tables:
            for index in table.indexes:
                index.create(conn, checkfirst=True)
