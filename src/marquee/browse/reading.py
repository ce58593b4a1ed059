"""The one place browse reaches into the store: a read-only SQLAlchemy session.

:class:`~marquee.store.Store` offers whole-film reads; browsing needs grouped and
filtered selects over its tables. They run inside the store's own read-only transaction
(one snapshot, never waiting for writers), so its locking rules hold for them too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from marquee.store import Store


@contextmanager
def read_session(store: Store) -> Iterator[Session]:
    """A session in a read-only transaction of ``store`` (the store's ``Transaction``
    keeps its session private; this is the single access to it, to be replaced by a
    public read method when the store grows one)."""
    with store.transaction(write=False) as tx:
        yield tx._s  # noqa: SLF001
