"""Whole-store summaries kept until the store changes.

Every list page, search and 404 page needs every film's figures, names and people, and
every critic's and outlet's name; reading them takes 80–160 ms over 2,000 films and
20,000 reviews (most of it SQLite reading wide review rows), while a page itself should
take a few. They change only when a review is added, a film's facts change or a report
is built, which :func:`state` detects in two small queries on indexed columns.

A summary asked for the first time is computed without reading the state: a one-shot
command (``marquee films``, ``marquee report "Title"``) never asks twice, so checking would
only cost it. The second ask computes it again, this time kept with the state read first.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

from marquee.store import Store, change_marks

_T = TypeVar("_T")
_kept: weakref.WeakKeyDictionary[Store, dict[str, tuple[tuple[Any, ...] | None, Any]]] = (
    weakref.WeakKeyDictionary()
)
_lock = threading.Lock()


def state(store: Store) -> tuple[Any, ...]:
    """What changes whenever a summary would: reviews added, films saved, reports built."""
    with store.reading() as read:
        return change_marks(read)


def remembered(store: Store, name: str, compute: Callable[[], _T]) -> _T:
    """``compute()``, or its value from the last call if the store has not changed since.
    (Two threads may both compute after a change; either result is right.)"""
    with _lock:
        kept = _kept.setdefault(store, {}).get(name)
    now = None if kept is None else state(store)  # read before computing: no change missed
    if kept is not None and kept[0] == now:
        value: _T = kept[1]
        return value
    value = compute()
    with _lock:
        _kept.setdefault(store, {})[name] = (now, value)
    return value
