"""From review text to hashed, position-aware n-gram features.

A critic's verdict usually sits in the last few sentences ("Is it worth watching? No.")
or in a sentence with a verdict cue ("in the end", "worth", "recommend"), while plot
summary and praise of a predecessor fill the middle. So the same n-grams are emitted
twice: once for the whole text and once, prefixed, for the closing sentences and the
cue sentences. The linear model then learns its own, larger weights for those spaces.
Negation scope ("not funny" → ``not_funny``) keeps "no plans of watching it" from
reading like "plans of watching it".

Features are hashed (no vocabulary to store) with stable CRC-32 word hashes combined
arithmetically into n-gram hashes; the artifact keeps only the weights of buckets seen in
at least ``min_df`` training texts.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

import numpy as np
from scipy import sparse

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*|[.,;:!?()\"]")
_BREAK = frozenset('.,;:!?()"')
_NEGATORS = frozenset(
    ("not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "cannot", "without")
    + ("hardly", "barely", "nowhere")
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\s*\n\s*")
_COMPARISON = re.compile(
    r"\b(?:original|predecessors?|previous|earlier|prior|sequels?|prequels?|remake"
    r"|(?:first|last|other|previous) (?:film|movie|one|installment|entry|chapter)s?"
    r"|the (?:\w+ ){0,2}(?:films|movies|franchise|series|saga|trilogy))\b",
    re.IGNORECASE,
)
"""Sentences about other films (a predecessor, the franchise): their praise is not the verdict."""
_VERDICT_CUE = re.compile(
    r"\b(?:worth|recommend\w*|verdict|overall|in the end|bottom line|ultimately|in conclusion"
    r"|to sum up|all in all|final(?:ly)?|skip|must[- ]see|misfire|disappoint\w*|waste)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class FeatureSpec:
    """How a text becomes features; stored in the recipe so prediction matches training."""

    ngram: int = 3
    negation: bool = True
    tail_sentences: int = 5
    verdict_cues: bool = False
    comparison_space: bool = False
    n_features: int = 2**22

    def to_dict(self) -> dict[str, int | bool]:
        """Plain values for ``recipe.json``."""
        return asdict(self)


def sentences(text: str) -> list[str]:
    """Sentences and lines, in order; blank ones dropped."""
    return [s for s in _SENTENCE.split(text) if s.strip()]


def words(text: str, *, negation: bool) -> list[str]:
    """Lower-cased word tokens; inside a negation's scope (up to punctuation) ``not_``-prefixed.

    Contractions count as negators too ("isn't", "don't"), which is why the token pattern
    keeps the apostrophe.
    """
    out: list[str] = []
    negated = False
    for tok in _TOKEN.findall(text.lower().replace("\u2019", "'")):
        if tok in _BREAK:
            negated = False
        elif tok in _NEGATORS or tok.endswith("n't"):
            out.append(tok)
            negated = negation
        else:
            out.append("not_" + tok if negated else tok)
    return out


_ORDER_SALT = np.array(
    [0, 0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5],
    dtype=np.uint64,
)
_MIX = np.uint64(0xFF51AFD7ED558CCD)
_WORD_CACHE: dict[str, int] = {}


def _word_hash(word: str) -> int:
    """A stable 64-bit hash of one word (two differently seeded CRC-32 halves), memoised.

    Python's own ``hash`` is salted per process, so it cannot index stored weights.
    """
    h = _WORD_CACHE.get(word)
    if h is None:
        raw = word.encode()
        h = zlib.crc32(raw) << 32 | zlib.crc32(raw, 0x5EED)
        if len(_WORD_CACHE) < 2_000_000:
            _WORD_CACHE[word] = h
    return h


def ngram_hashes(tokens: Sequence[str], n: int, space: int = 0) -> np.ndarray:
    """64-bit hashes of all 1..n-grams of ``tokens`` in feature space ``space``.

    An n-gram's hash is built arithmetically from its words' hashes (multiply-and-add,
    wrapping at 2^64), salted by its order and its space, so no n-gram string is ever
    joined: this is what makes featurising a full review take well under a millisecond.
    """
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    with np.errstate(over="ignore"):
        words_h = np.fromiter((_word_hash(t) for t in tokens), dtype=np.uint64, count=len(tokens))
        parts = [words_h]
        gram = words_h
        for k in range(2, n + 1):
            if len(tokens) < k:
                break
            gram = gram[:-1] * _MIX + words_h[k - 1 :]
            parts.append(gram ^ _ORDER_SALT[k])
        out = np.concatenate(parts)
        if space:
            out = (out ^ np.uint64(space)) * _MIX
        return out ^ (out >> np.uint64(29))


_TAIL_SPACE = 0x5A17
_CUE_SPACE = 0xC0E5
_COMPARISON_SPACE = 0xC0DA


def feature_buckets(text: str, spec: FeatureSpec) -> np.ndarray:
    """Sorted, distinct hashed feature indices of one text (its binary feature row)."""
    neg = spec.negation
    sents = (
        sentences(text) if spec.tail_sentences or spec.verdict_cues or spec.comparison_space else []
    )
    if spec.comparison_space:
        about_others = [bool(_COMPARISON.search(s)) for s in sents]
        main = " ".join(s for s, other in zip(sents, about_others, strict=True) if not other)
        others = " ".join(s for s, other in zip(sents, about_others, strict=True) if other)
        parts = [
            ngram_hashes(words(main, negation=neg), spec.ngram),
            ngram_hashes(words(others, negation=neg), spec.ngram, _COMPARISON_SPACE),
        ]
    else:
        parts = [ngram_hashes(words(text, negation=neg), spec.ngram)]
    if spec.tail_sentences:
        tail = " ".join(sents[-spec.tail_sentences :])
        parts.append(ngram_hashes(words(tail, negation=neg), spec.ngram, _TAIL_SPACE))
    if spec.verdict_cues:
        cued = " ".join(s for s in sents if _VERDICT_CUE.search(s))
        parts.append(ngram_hashes(words(cued, negation=neg), spec.ngram, _CUE_SPACE))
    hashes = np.concatenate(parts)
    return np.unique(hashes % np.uint64(spec.n_features)).astype(np.int64)


def featurize(texts: Iterable[str], spec: FeatureSpec) -> sparse.csr_matrix:
    """Binary feature matrix, one row per text."""
    rows = [feature_buckets(t, spec) for t in texts]
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in rows], out=indptr[1:])
    indices = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    values = np.ones(len(indices), dtype=np.float32)
    return sparse.csr_matrix((values, indices, indptr), shape=(len(rows), spec.n_features))
