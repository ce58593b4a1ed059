"""Reaching a database: URLs, the writers' options, and the per-backend hooks that make one
write transaction at a time safe (SQLite ``BEGIN IMMEDIATE``, a PostgreSQL advisory lock)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from marquee.store_urls import masked_url

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.exc import OperationalError

    from marquee.records import Document

# SQLAlchemy is imported where a URL needs its parser or a store its engine: the commands
# that only read a SQLite file (`marquee films`, a cached `marquee report`) never need it

_PLAIN_SQLITE = re.compile(r"sqlite(?:\+pysqlite)?:///(?P<database>[\w./ ~+,=-]*)", re.ASCII)
"""A SQLite URL SQLAlchemy reads as written and renders unchanged: a file path with no
query, escape, drive or credentials (anything else goes through SQLAlchemy's parser)."""


def content_hash(document: Document) -> str:
    """Identity of a document: its decoded text, so re-adding it is recognised."""
    import hashlib  # OpenSSL's start-up: not for the commands that only read

    return hashlib.sha256(document.raw.encode("utf-8", "surrogatepass")).hexdigest()


_PG_DRIVER = "postgresql+psycopg"


def engine_url(url: str) -> str:
    """The SQLAlchemy URL to connect with: ``postgresql://`` (and ``postgres://``) mean
    psycopg 3, the driver marquee ships with, rather than SQLAlchemy's default psycopg2."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        return parsed.set(drivername=_PG_DRIVER).render_as_string(hide_password=False)
    return url


def shown_url(url: str) -> str:
    """The URL for messages, titles and help: any password masked, even in a URL that
    does not parse."""
    if _PLAIN_SQLITE.fullmatch(url):
        return url
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except (SQLAlchemyError, ValueError):
        return masked_url(url)


def sqlite_file(url: str) -> Path | None:
    """The database file a SQLite URL names (None: not SQLite, or in memory)."""
    if plain := _PLAIN_SQLITE.fullmatch(url):
        return Path(plain["database"]) if plain["database"] else None
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

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


_READ_ONLY = "marquee_read_only"

_PG_WRITE_LOCK = 0x6D617271  # "marq": the advisory lock every marquee writer takes
_PG_BUSY_STATES = frozenset({"55P03", "40001", "40P01"})  # lock timeout, serialization, deadlock


def _sqlite_hooks(engine: Engine, options: StoreOptions) -> None:
    """WAL + a busy timeout so several writers queue instead of failing "database is locked";
    BEGIN IMMEDIATE so a write transaction takes its lock up front (no upgrade deadlock, and
    no two writers both reading "not stored yet")."""
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # let us issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        # in WAL mode a commit with synchronous=NORMAL survives the process being killed
        # (only a power cut may lose the last commits); FULL syncs the disk on every one
        cur.execute("PRAGMA synchronous=NORMAL")
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
    from sqlalchemy import event

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


def _reason(err: BaseException) -> str:
    """The first line of a database error, without SQLAlchemy's boilerplate."""
    text = str(getattr(err, "orig", None) or err)
    return text.splitlines()[0] if text else type(err).__name__
