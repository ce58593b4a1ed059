"""Binary sparse rows from (row, bucket) pairs, shared by the word views
(:mod:`marquee.model.features`) and the char view (:mod:`marquee.model.chars`), so that both
build their rows the one way that keeps every logit bit-for-bit the same.

Scoring needs only each row's weights summed, which NumPy does here: SciPy (about 0.4 s to
import) is loaded only by training, which needs real sparse matrices (:meth:`BinaryRows.csr`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scipy import sparse


def distinct(a: np.ndarray) -> np.ndarray:
    """Sorted distinct values (a sort and a compare: faster than ``np.unique`` here)."""
    return _distinct_sorted(np.sort(a))


def distinct_pairs(owner: np.ndarray, bucket: np.ndarray, n_features: int) -> np.ndarray:
    """The sorted distinct keys ``owner * n_features + bucket`` (int64) of non-negative owners
    and buckets below ``n_features``: each row's features, rows in order.

    Sorting the int64 keys was 40% of scoring a batch of quotes. Here they are grouped in
    slices of owners whose keys fit 31 bits once the slice's first key is taken off (512
    owners at 2^22 features; a stable radix sort of the slice number, linear time), and each
    slice is sorted as int32 (:func:`_sorted_int32`). The slices come out in order, so their
    concatenation is the array one int64 sort gives.
    """
    key = owner * n_features + bucket
    per_slice = (1 << 31) // n_features  # owners whose keys fit 31 bits from the slice's first
    if per_slice < _MIN_SLICE or not key.size:
        return distinct(key)
    span = per_slice * n_features
    where = key // span
    slices = int(where.max()) + 1
    if slices == 1:
        return _distinct_sorted(_sorted_int32(key.astype(np.int32))).astype(np.int64)
    order = np.argsort(where.astype(np.uint16 if slices <= 1 << 16 else np.int64), kind="stable")
    key = key[order]
    bounds = np.searchsorted(where[order], np.arange(slices + 1))
    parts = [
        _distinct_sorted(_sorted_int32((key[a:b] - s * span).astype(np.int32))).astype(np.int64)
        + s * span
        for s, (a, b) in enumerate(zip(bounds[:-1], bounds[1:], strict=True))
    ]
    return np.concatenate(parts)


_MIN_SLICE = 64
"""Fewer owners to a slice than this (over 2^25 features) and one int64 sort is cheaper than
a Python step per slice."""
_RADIX_FROM = 4_096
"""Keys from which two radix passes beat NumPy's quicksort (below, its fixed cost wins)."""


def _sorted_int32(key: np.ndarray) -> np.ndarray:
    """Non-negative int32 keys sorted: two stable passes on 16-bit digits, low then high
    (NumPy's stable sort of 16-bit values is a radix sort), when there are enough keys for
    that to beat a quicksort (a slice of quotes' char n-grams: 180,000 keys, 1.4x faster)."""
    if len(key) < _RADIX_FROM:
        return np.sort(key)
    for shift in (0, 16):
        key = key[np.argsort((key >> shift).astype(np.uint16), kind="stable")]
    return key


def _distinct_sorted(a: np.ndarray) -> np.ndarray:
    """The distinct values of sorted ``a``."""
    keep = np.ones(len(a), dtype=bool)
    keep[1:] = a[1:] != a[:-1]
    return a[keep]


@dataclass(frozen=True, slots=True)
class BinaryRows:
    """A binary matrix in CSR layout: row ``i`` has a 1 at each of
    ``indices[indptr[i]:indptr[i + 1]]``, sorted."""

    indices: np.ndarray
    indptr: np.ndarray
    n_features: int

    @property
    def shape(self) -> tuple[int, int]:
        """(rows, features), as a matrix's."""
        return len(self.indptr) - 1, self.n_features

    def csr(self) -> sparse.csr_matrix:
        """The same rows as a SciPy matrix (float32 ones), for fitting."""
        from scipy import sparse

        values = np.ones(len(self.indices), dtype=np.float32)
        return sparse.csr_matrix((values, self.indices, self.indptr), shape=self.shape)

    def dot(self, weights: np.ndarray) -> np.ndarray:
        """``csr() @ weights``, bit for bit: each row's weights summed left to right from 0
        (in float32 for float32 weights), as SciPy's ``csr_matvec`` does (NumPy's own sums
        pair terms up, which rounds differently).

        Both ways of keeping that order are run where each is cheap: the rows are walked
        in step, one NumPy addition per column, while many rows are still going (a batch
        of quotes), then each row left is finished on its own by one ``cumsum`` (which adds
        strictly left to right), carrying on from its sum so far (full reviews).
        """
        n_rows = len(self.indptr) - 1
        lengths = np.diff(self.indptr)
        values = weights.take(self.indices).astype(
            np.result_type(np.float32, weights.dtype), copy=False
        )
        order = np.argsort(-lengths, kind="stable")
        starts, ends = self.indptr[order], self.indptr[order] + lengths[order]
        longer = n_rows - np.cumsum(np.bincount(lengths))  # rows longer than j, each j
        walked = int(np.argmin(np.arange(len(longer)) + longer))  # fewest operations
        total = np.zeros(n_rows, dtype=values.dtype)  # in ``order``
        for j in range(walked):
            going = int(longer[j])
            total[:going] += values[starts[:going] + j]
        for at in range(int(longer[walked])):
            tail = values[starts[at] + max(walked - 1, 0) : ends[at]].copy()
            if walked:
                tail[0] = total[at]  # the sum of the columns walked, the last one included
            total[at] = np.cumsum(tail)[-1]
        out = np.empty(n_rows, dtype=values.dtype)
        out[order] = total
        return out


def binary_rows(row: np.ndarray, bucket: np.ndarray, n_rows: int, n_features: int) -> BinaryRows:
    """The binary rows with a 1 at each (row, bucket), indices sorted within a row (the order
    every sum over a row runs in, so every logit is bit-for-bit the same however the rows
    were gathered)."""
    key = distinct_pairs(row, bucket, n_features)
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(key // n_features, minlength=n_rows), out=indptr[1:])
    return BinaryRows(key % n_features, indptr, n_features)
