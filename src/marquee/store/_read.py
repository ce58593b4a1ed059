"""The store's read queries, without SQLAlchemy when the store is a SQLite file.

``marquee films`` and a cached ``marquee report`` are a few selects, but importing
SQLAlchemy and its ORM to run them took longer than the whole command should (about
0.35 s of 0.8 s on a quiet machine). So these queries are plain SQL kept here, and a
SQLite store file is read through the standard library's :mod:`sqlite3`; any other store
(PostgreSQL, SQLite in memory) runs the same SQL on the store's SQLAlchemy connection
(:func:`sqlalchemy_reader`). They are the only copy of these queries: the store's
transactions and the browsing lists use them too.

Only columns that hold plain values or JSON are read here, never a ``_Text`` column (whose
escaped values SQLAlchemy decodes).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from marquee.errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from marquee.records import FilmFacts

Row = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class FilmEntry:
    """A film as stored: its id and slug, merged facts, how many reviews it has, and which
    version of the film this is (see :meth:`Transaction.save_reports`)."""

    id: int
    slug: str
    facts: FilmFacts
    reviews: int = 0
    version: int = 0


class Reader(NamedTuple):  # not a frozen dataclass: one costs ~5M instructions to define
    """One read-only snapshot of a store: ``rows(sql, params)`` runs a query written with
    ``:name`` parameters and returns its rows as tuples; ``dialect`` is "sqlite" or
    "postgresql" (for the few expressions the two write differently)."""

    dialect: str
    rows: Callable[[str, Mapping[str, Any]], list[Row]]


NEEDED = {
    "films": {
        "id",
        "slug",
        "facts",
        "version",
        "updated_at",
        "report",
        "report_key",
        "report_figures",
    },
    "reviews": {"id", "film_id", "verdict", "score_value"},
    "documents": {"id"},
}
"""The tables and columns these queries read: a store lacking one was made by an older
marquee and is brought up to date by the full (SQLAlchemy) open first."""


@contextmanager
def sqlite_snapshot(path: Path, *, busy_timeout_ms: int, shown: str) -> Iterator[Reader]:
    """A read-only transaction on the SQLite file ``path`` (one snapshot, like the store's
    own read transactions; in WAL mode it never waits for writers)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True)
    except sqlite3.Error as err:
        raise StoreError(f"cannot open store {shown}: {err}") from err
    try:
        conn.isolation_level = None
        conn.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        conn.execute("PRAGMA query_only=1")
        conn.execute("BEGIN")

        def rows(sql: str, params: Mapping[str, Any]) -> list[Row]:
            return conn.execute(sql, params).fetchall()

        yield Reader("sqlite", rows)
    except sqlite3.Error as err:
        raise StoreError(f"store {shown}: {err}") from err
    finally:
        conn.close()


def sqlalchemy_reader(connection: Connection) -> Reader:
    """The same queries on a SQLAlchemy connection (PostgreSQL, SQLite in memory, and the
    store's own transactions)."""
    from sqlalchemy import text

    def rows(sql: str, params: Mapping[str, Any]) -> list[Row]:
        return [tuple(row) for row in connection.execute(text(sql), dict(params))]

    return Reader(connection.dialect.name, rows)


def missing_columns(read: Reader) -> bool:
    """Whether the SQLite store lacks a table or column of :data:`NEEDED`."""
    found: dict[str, set[str]] = {}
    listed = (
        "SELECT m.name, p.name FROM sqlite_master AS m, pragma_table_info(m.name) AS p "
        "WHERE m.type = 'table'"
    )
    for table, column in read.rows(listed, {}):
        found.setdefault(table, set()).add(column)
    return any(not columns <= found.get(table, set()) for table, columns in NEEDED.items())


def _json(value: Any) -> Any:
    """A JSON column's value: SQLite hands back its text, psycopg the decoded value."""
    return json.loads(value) if isinstance(value, str) else value


def _json_texts(texts: Sequence[str | None]) -> list[Any]:
    """Many JSON texts (None: SQL NULL) decoded by one parse of them joined into an array:
    on 1,917 films, decoding their names and figures this way instead of by 3,834
    ``json.loads`` calls saved 33M of the 989M instructions ``marquee films`` executed."""
    joined = json.loads(f"[{','.join('null' if t is None else t for t in texts)}]")
    if len(joined) != len(texts):  # a text holding several values, which no writer stores
        return [None if t is None else json.loads(t) for t in texts]
    found: list[Any] = joined
    return found


def _among(column: str, ids: Collection[int] | None) -> tuple[str, dict[str, int]]:
    """``AND column IN (…)`` with one parameter per id, or nothing for ``None``."""
    if ids is None:
        return "", {}
    params = {f"id{i}": film_id for i, film_id in enumerate(ids)}
    names = ", ".join(f":{name}" for name in params) or "NULL"
    return f" AND {column} IN ({names})", params


def film_by_slug(read: Reader, slug: str) -> FilmEntry | None:
    """The film with exactly this slug (one indexed select) and its review count."""
    found = read.rows(
        "SELECT id, slug, facts, version FROM films WHERE slug = :slug", {"slug": slug}
    )
    if not found:
        return None
    film_id, slug, facts, version = found[0]
    ((count,),) = read.rows("SELECT count(*) FROM reviews WHERE film_id = :id", {"id": film_id})
    from marquee.codec import facts_from_dict  # msgspec: not for a film list

    return FilmEntry(film_id, slug, facts_from_dict(_json(facts)), count, version or 0)


def cached_report(read: Reader, film_id: int, key: str) -> dict[str, Any] | None:
    """The film's built report if it was built by the same code and model (``key``)."""
    found = read.rows(
        "SELECT report FROM films WHERE id = :id AND report_key = :key", {"id": film_id, "key": key}
    )
    report: dict[str, Any] | None = _json(found[0][0]) if found else None
    return report


def counts(read: Reader) -> dict[str, int]:
    """How many films, documents and reviews, and how many reviews have no film."""
    ((films, documents, reviews, unassigned),) = read.rows(
        "SELECT (SELECT count(*) FROM films), (SELECT count(*) FROM documents), "
        "(SELECT count(*) FROM reviews), (SELECT count(*) FROM reviews WHERE film_id IS NULL)",
        {},
    )
    return {"films": films, "documents": documents, "reviews": reviews, "unassigned": unassigned}


def film_facts(read: Reader) -> list[tuple[int, str, dict[str, Any]]]:
    """Every film's id, slug and merged facts as plain JSON, by id."""
    rows = read.rows("SELECT id, slug, facts FROM films ORDER BY id", {})
    return [(film_id, slug, _json(facts) or {}) for film_id, slug, facts in rows]


def film_name_rows(read: Reader) -> list[tuple[int, str, str | None, int | None, list[str]]]:
    """Every film's id, slug, title, year and aliases, by id. SQLite picks them out of the
    facts (cheaper than decoding every film's facts, cast and credits, in Python) as one
    JSON array per film, so text it could not hand over as it is (a lone surrogate, kept
    escaped in the stored JSON) still reads back exactly. PostgreSQL's JSON operators
    refuse an escaped NUL, so there the whole facts are read."""
    if read.dialect != "sqlite":
        return [
            (film_id, slug, facts.get("title"), facts.get("year"), facts.get("aliases") or [])
            for film_id, slug, facts in film_facts(read)
        ]
    picked = "json_extract(facts, '$.title', '$.year', '$.aliases')"
    rows = read.rows(f"SELECT id, slug, {picked} FROM films ORDER BY id", {})
    return [
        (film_id, slug, title, year, aliases or [])
        for (film_id, slug, _), (title, year, aliases) in zip(
            rows, _json_texts([names for _, _, names in rows]), strict=True
        )
    ]


def review_tallies(read: Reader, film_ids: Collection[int] | None) -> list[Row]:
    """Per film (of ``film_ids``, or every film with reviews): film id, reviews, fresh
    verdicts, verdicts, mean score and scores."""
    among, params = _among("film_id", film_ids)
    return read.rows(
        "SELECT film_id, count(*), sum(CASE WHEN verdict = 'fresh' THEN 1 ELSE 0 END), "
        "count(verdict), avg(score_value), count(score_value) FROM reviews "
        f"WHERE film_id IS NOT NULL{among} GROUP BY film_id",
        params,
    )


def review_counts(read: Reader, film_ids: Collection[int] | None) -> list[Row]:
    """Per film (of ``film_ids``, or every film with reviews): film id and reviews."""
    among, params = _among("film_id", film_ids)
    return read.rows(
        f"SELECT film_id, count(*) FROM reviews WHERE film_id IS NOT NULL{among} GROUP BY film_id",
        params,
    )


def report_figures(read: Reader, film_ids: Collection[int] | None) -> list[Row]:
    """Per film (of ``film_ids``, or every film): film id, whether a report is built, and
    the built report's fresh % and average: kept beside it since they were, else read
    out of the report's JSON by the database (a report built by an older marquee)."""
    among, params = _among("id", film_ids)
    if read.dialect == "postgresql":
        fresh, average = "report #> '{aggregate,fresh_percent}'", "report #> '{aggregate,average}'"
        pair = f"CAST(json_build_array({fresh}, {average}) AS TEXT)"
    else:
        pair = "json_extract(report, '$.aggregate.fresh_percent', '$.aggregate.average')"
    # report_key, not report: an unbuilt report holds JSON null; and the figures alone,
    # from the index of them, but for a report built before they were kept beside it
    rows = read.rows(
        f"SELECT id, report_key IS NOT NULL, report_figures FROM films WHERE 1 = 1{among}",
        params,
    )
    older, older_params = _among(
        "id", [film_id for film_id, built, kept in rows if built and not kept]
    )
    read_out: dict[int, str | None] = (
        dict(read.rows(f"SELECT id, {pair} FROM films WHERE 1 = 1{older}", older_params))
        if older_params
        else {}
    )
    pairs = _json_texts([kept or read_out.get(film_id) for film_id, _, kept in rows])
    return [
        (film_id, built, *_numbers(pair))
        for (film_id, built, _), pair in zip(rows, pairs, strict=True)
    ]


def _numbers(pair: list[float | None] | None) -> tuple[float | None, float | None]:
    fresh, average = pair or (None, None)
    return (
        None if fresh is None else float(fresh),
        None if average is None else float(average),
    )


def change_marks(read: Reader) -> Row:
    """What changes whenever a whole-store summary would: reviews added, films saved,
    reports built (two small queries on indexed columns)."""
    (marks,) = read.rows(
        "SELECT (SELECT count(*) FROM reviews), (SELECT max(id) FROM reviews), "
        "(SELECT count(*) FROM films), (SELECT max(updated_at) FROM films), "
        "(SELECT count(report_key) FROM films)",
        {},
    )
    return tuple(marks)
