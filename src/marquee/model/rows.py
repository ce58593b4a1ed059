"""Binary sparse rows from (row, bucket) pairs, shared by the word views
(:mod:`marquee.model.features`) and the char view (:mod:`marquee.model.chars`), so that both
build their matrices the one way that keeps every logit bit-for-bit the same."""

from __future__ import annotations

import numpy as np
from scipy import sparse


def distinct(a: np.ndarray) -> np.ndarray:
    """Sorted distinct values (a sort and a compare: faster than ``np.unique`` here)."""
    a = np.sort(a)
    keep = np.ones(len(a), dtype=bool)
    keep[1:] = a[1:] != a[:-1]
    return a[keep]


def binary_rows(
    row: np.ndarray, bucket: np.ndarray, n_rows: int, n_features: int
) -> sparse.csr_matrix:
    """The binary CSR matrix with a 1 at each (row, bucket), indices sorted within a row
    (the order the sparse product sums them in, so every logit is bit-for-bit the same
    however the rows were gathered)."""
    key = distinct(row * n_features + bucket)
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(key // n_features, minlength=n_rows), out=indptr[1:])
    values = np.ones(len(key), dtype=np.float32)
    return sparse.csr_matrix((values, key % n_features, indptr), shape=(n_rows, n_features))
