"""Give the memory a long run has freed back to the system, so its footprint stays flat.

CPython frees objects into glibc's heap, which keeps the pages: after each chunk of reviews
is stored, the next chunk's objects land among the holes the last one left, and the
process's resident set creeps up with the input even though what is alive does not.
``malloc_trim(0)`` hands every free page back (the top of the heap and, since glibc 2.8,
whole free pages inside it), which costs well under a millisecond a call. Where the C
library has no ``malloc_trim`` (musl, macOS, Windows) this is a no-op.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from functools import cache


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, looked up in the running process once; None where absent."""
    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError, TypeError):  # not glibc, or no C library to open
        return None
    return trim


def release_memory() -> None:
    """Return the heap's free pages to the system (a no-op without glibc)."""
    if (trim := _malloc_trim()) is not None:
        trim(0)
