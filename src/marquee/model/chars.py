"""The char view's features: scikit-learn's ``char_wb`` hashing, without its Python loop.

The char view was trained on ``HashingVectorizer(analyzer="char_wb", ngram_range=(2, k))``:
every run of 2..k characters inside a lower-cased word padded with one space each side,
hashed by 32-bit MurmurHash3 (seed 0) of its UTF-8 bytes into ``|h| mod n_features``.
scikit-learn builds and hashes each n-gram in Python, which was 40% of scoring a quote.
The same rows come out of two facts: ``char_wb`` n-grams never cross a space, so a text's
row is the union of its words' rows; and a word's row never changes, so each distinct
word is hashed once and remembered. New words are hashed here, every n-gram of a batch's
new words at once in NumPy (scikit-learn, ~0.7 s to import, is only the tests' reference).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np

from marquee.model.rows import BinaryRows, binary_rows, distinct_pairs

_ROWS_KEPT = 16_384
"""Most words remembered per hashing (about 200 bytes each); when a batch's new words would
pass it, the remembered ones are forgotten first. A word's row is the same however often it
is worked out, so this bounds memory (``marquee add`` on 8,000 quotes meets about 26,000
words) and never changes a feature; a few thousand quotes' words all stay."""


@cache
def _remembered(longest: int, n_features: int) -> dict[str, bytes]:
    """Each word's sorted distinct buckets under one hashing (n-gram lengths, bucket count),
    as int32 bytes: one ``join`` gathers a batch's."""
    return {}


def char_features(texts: Sequence[str], longest: int, n_features: int) -> BinaryRows:
    """Binary char n-gram rows (lengths 2..``longest``), one per text: bucket for bucket
    what scikit-learn's ``char_wb`` HashingVectorizer gives."""
    split = [t.lower().split() for t in texts]
    words = [w for ws in split for w in ws]
    known = _remembered(longest, n_features)
    found = list(map(known.get, words))
    if None in found:
        new = list(dict.fromkeys(w for w, row in zip(words, found, strict=True) if row is None))
        fresh = word_rows(new, longest, n_features)
        if len(known) + len(fresh) > _ROWS_KEPT:
            known.clear()
        if len(fresh) <= _ROWS_KEPT:
            known.update(fresh)
        found = [fresh[w] if row is None else row for row, w in zip(found, words, strict=True)]
    rows = [row or b"" for row in found]  # every word has its row by now
    buckets = np.frombuffer(b"".join(rows), dtype=np.int32).astype(np.int64)
    per_word = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows)) // 4
    per_text = np.fromiter(map(len, split), dtype=np.int64, count=len(split))
    doc = np.repeat(np.repeat(np.arange(len(texts), dtype=np.int64), per_text), per_word)
    return binary_rows(doc, buckets, len(texts), n_features)


def word_rows(words: Sequence[str], longest: int, n_features: int) -> dict[str, bytes]:
    """Each (lower-cased, space-free) word's sorted distinct buckets, as int32 bytes.

    A padded word of ``m`` characters yields every window of 2..min(``longest``, m)
    characters (scikit-learn's loop stops after the window that is the whole word), each
    hashed as its UTF-8 bytes: the windows of a batch are grouped by their length in bytes,
    which for ASCII words is their length in characters.
    """
    if not words:
        return {}
    padded = "".join([f" {w} " for w in words])
    data = np.frombuffer(padded.encode("utf-8"), dtype=np.uint8)
    lengths = np.fromiter((len(w) + 2 for w in words), dtype=np.int64, count=len(words))
    owner = np.repeat(np.arange(len(words), dtype=np.int64), lengths)
    end = np.cumsum(lengths)[owner]
    position = np.arange(len(owner), dtype=np.int64)
    byte_at = None if padded.isascii() else _first_bytes(padded)
    owners, buckets = [], []
    for n in range(2, longest + 1):
        start = position[position + n <= end]
        for nbytes, at in _by_size(start, n, byte_at):
            first = at if byte_at is None else byte_at[at]
            grams = data[first[:, None] + np.arange(nbytes)]
            buckets.append(_bucket(murmur3(grams), n_features))
            owners.append(owner[at])
    key = distinct_pairs(np.concatenate(owners), np.concatenate(buckets), n_features)
    bounds = np.searchsorted(key // n_features, np.arange(len(words) + 1))
    flat = (key % n_features).astype(np.int32)
    rows = [flat[a:b].tobytes() for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
    return dict(zip(words, rows, strict=True))


def _first_bytes(text: str) -> np.ndarray:
    """Where each character's UTF-8 bytes start in ``text.encode()``, then the end."""
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    width = 1 + (points >= 0x80).astype(np.int64) + (points >= 0x800) + (points >= 0x10000)
    return np.concatenate([[0], np.cumsum(width)])


def _by_size(start: np.ndarray, n: int, byte_at: np.ndarray | None) -> list[tuple[int, np.ndarray]]:
    """The windows of ``n`` characters at ``start``, grouped by their length in bytes
    (ASCII text, ``byte_at`` None: one group, ``n`` bytes each)."""
    if byte_at is None:
        return [(n, start)]
    size = byte_at[start + n] - byte_at[start]
    return [(nbytes, start[size == nbytes]) for nbytes in np.unique(size).tolist()]


def _rotl(x: np.ndarray, r: int) -> np.ndarray:
    return (x << np.uint32(r)) | (x >> np.uint32(32 - r))


def murmur3(grams: np.ndarray) -> np.ndarray:
    """32-bit MurmurHash3 (x86, seed 0) of each row of a uint8 matrix, as uint32.

    NumPy's uint32 arithmetic wraps at 2^32, as the C reference's does.
    """
    rows, n = grams.shape
    b = grams.astype(np.uint32)
    h = np.zeros(rows, dtype=np.uint32)
    c1, c2 = np.uint32(0xCC9E2D51), np.uint32(0x1B873593)
    for i in range(0, n - n % 4, 4):
        k = b[:, i] | b[:, i + 1] << np.uint32(8) | b[:, i + 2] << np.uint32(16)
        k = _rotl((k | b[:, i + 3] << np.uint32(24)) * c1, 15) * c2
        h = _rotl(h ^ k, 13) * np.uint32(5) + np.uint32(0xE6546B64)
    if n % 4:
        k = np.zeros(rows, dtype=np.uint32)
        for i in reversed(range(n - n % 4, n)):
            k = k << np.uint32(8) | b[:, i]
        h ^= _rotl(k * c1, 15) * c2
    h ^= np.uint32(n)
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def _bucket(h: np.ndarray, n_features: int) -> np.ndarray:
    """scikit-learn's bucket of a hash read as a signed 32-bit int: ``|h| mod n_features``,
    with its own value for -2^31 (whose absolute value does not fit)."""
    signed = h.view(np.int32).astype(np.int64)
    out = np.abs(signed) % n_features
    out[signed == -(2**31)] = (2**31 - 1 - (n_features - 1)) % n_features
    return out
