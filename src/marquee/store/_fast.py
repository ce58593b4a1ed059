"""The hot statements of adding, run on the driver's own cursor.

Adding a review runs about eight small statements, and SQLAlchemy's execution (parameter
processing, result metadata, events) cost more than SQLite took to run them: about
100 µs each, half the storing time of a CSV of quotes. A :class:`Fast` statement is still
written once with SQLAlchemy's expression language, so one definition serves SQLite and
PostgreSQL alike: it is compiled once per dialect into that driver's SQL text and
parameter style, its values go through the columns' own bind processors (the escaping
of :class:`~marquee.store._schema._Text`, JSON, dates as SQLAlchemy stores them), and
the rows it returns through their result processors, so what is stored and read back is
exactly what SQLAlchemy would have stored and read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import Executable

_Processor = Callable[[Any], Any] | None


@dataclass(frozen=True, slots=True)
class _Compiled:
    """One statement as one driver runs it: its text, the order of its parameters (for a
    positional style such as SQLite's ``?``), and the processors of values in and out."""

    sql: str
    order: tuple[str, ...] | None
    binds: dict[str, _Processor]
    fixed: dict[str, Any]  # values the statement itself gives, as ``values(version=1)``
    results: tuple[_Processor, ...]


class Fast:
    """A statement compiled on first use per dialect and set of parameter names, then
    run straight on the DB-API connection of the transaction (so within its savepoints)."""

    def __init__(self, statement: Executable) -> None:
        self._statement = statement
        self._compiled: dict[tuple[str, tuple[str, ...]], _Compiled] = {}

    def rows(self, conn: Connection, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        """Run the statement once; its rows (none for a plain write)."""
        compiled = self._compile(conn.dialect, tuple(params))
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(compiled.sql, _arguments(compiled, params))
            if cursor.description is None:
                return []
            return [_processed(compiled.results, row) for row in cursor.fetchall()]
        finally:
            cursor.close()

    def first(self, conn: Connection, params: dict[str, Any]) -> tuple[Any, ...] | None:
        """The first row the statement gives, if any."""
        found = self.rows(conn, params)
        return found[0] if found else None

    def scalar(self, conn: Connection, params: dict[str, Any]) -> Any:
        """The first column of the first row, if any."""
        row = self.first(conn, params)
        return None if row is None else row[0]

    def many(self, conn: Connection, params: Sequence[dict[str, Any]]) -> None:
        """Run a write once per set of parameters (all with the same names), in one call."""
        if not params:
            return
        compiled = self._compile(conn.dialect, tuple(params[0]))
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.executemany(compiled.sql, [_arguments(compiled, p) for p in params])
        finally:
            cursor.close()

    def _compile(self, dialect: Dialect, names: tuple[str, ...]) -> _Compiled:
        key = (dialect.name, names)
        if (found := self._compiled.get(key)) is None:
            found = self._compiled[key] = _compile(self._statement, dialect, names)
        return found


def _compile(statement: Executable, dialect: Dialect, names: tuple[str, ...]) -> _Compiled:
    compiled = statement.compile(dialect=dialect, column_keys=list(names))  # type: ignore[attr-defined]
    binds: dict[str, _Processor] = {
        name: bind.type.dialect_impl(dialect).bind_processor(dialect)
        for name, bind in compiled.binds.items()
    }
    fixed = {
        name: bind.effective_value for name, bind in compiled.binds.items() if name not in names
    }
    columns = getattr(statement, "exported_columns", ())
    results = tuple(c.type.dialect_impl(dialect).result_processor(dialect, None) for c in columns)
    order = tuple(compiled.positiontup) if compiled.positional else None
    return _Compiled(compiled.string, order, binds, fixed, results)


def _arguments(compiled: _Compiled, params: dict[str, Any]) -> Any:
    values = {
        name: value if (proc := compiled.binds[name]) is None else proc(value)
        for name, value in (compiled.fixed | params).items()
    }
    if compiled.order is None:
        return values
    return tuple(values[name] for name in compiled.order)


def _processed(results: tuple[_Processor, ...], row: Sequence[Any]) -> tuple[Any, ...]:
    return tuple(
        value if proc is None else proc(value) for proc, value in zip(results, row, strict=True)
    )


_SAVEPOINT, _UNDO, _RELEASE = (
    Fast(text(f"{verb} marquee_part"))
    for verb in ("SAVEPOINT", "ROLLBACK TO SAVEPOINT", "RELEASE SAVEPOINT")
)


@contextmanager
def savepoint(session: Session) -> Iterator[None]:
    """A savepoint in the session's transaction, as plain SQL on the driver's cursor: the
    session's own (``begin_nested``) cost 0.4 ms, and adding takes one a review. Writes
    through the session flush themselves (see marquee.store._corrections); any left
    pending are flushed on each side, and after an undo the session forgets the objects
    it holds, since their rows may be gone."""
    conn = session.connection()
    _flush(session)
    _SAVEPOINT.rows(conn, {})
    try:
        yield
        _flush(session)
    except BaseException:
        _UNDO.rows(conn, {})
        _RELEASE.rows(conn, {})
        session.expunge_all()
        raise
    _RELEASE.rows(conn, {})


def _flush(session: Session) -> None:
    if session.new or session.dirty or session.deleted:
        session.flush()
