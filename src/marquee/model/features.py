"""From review text to hashed, position-aware n-gram features.

A critic's verdict usually sits in the last few sentences ("Is it worth watching? No."),
while plot summary and praise of a predecessor fill the middle. So n-grams are emitted
once for the text and once more, in their own space, for the closing sentences; sentences
about other films (the original, the franchise) get a space of their own. The linear
model then learns its own weights for each space. Negation scope ("not funny" →
``not_funny``) keeps "no plans of watching it" from reading like "plans of watching it".

A text is tokenised once, sentence by sentence (:class:`Tokens`, a batch of texts laid end
to end); every feature space and the per-sentence rows of the sentence reader are cut from
those tokens' hashes, a whole batch in one vectorised pass. The char view's features are in
:mod:`marquee.model.chars`. Features
are hashed (no vocabulary to store) with stable CRC-32 word hashes combined arithmetically
into n-gram hashes; the artifact keeps only the weights of buckets seen in at least
``min_df`` training texts.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from itertools import compress, filterfalse, repeat
from operator import is_

import numpy as np

from marquee.literals import CaseBlind
from marquee.model.chars import char_features
from marquee.model.rows import BinaryRows, binary_rows, distinct_pairs

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*|[.,;:!?()\"]")
_BREAK = frozenset('.,;:!?()"')
_NEGATORS = frozenset(
    ("not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "cannot", "without")
    + ("hardly", "barely", "nowhere")
)
_SENTENCE = re.compile(r"(?=\s)(?:(?<=[.!?])\s+|[^\S\n]*\n\s*)")
"""A run of white space after a sentence's closing mark, or holding a line break. (The
leading look-ahead only lets the engine give up at once on every other character.)"""
_COMPARISON = re.compile(
    r"\b(?:original|predecessors?|previous|earlier|prior|sequels?|prequels?|remake"
    r"|(?:first|last|other|previous) (?:film|movie|one|installment|entry|chapter)s?"
    r"|the (?:\w+ ){0,2}(?:films|movies|franchise|series|saga|trilogy))\b",
    re.IGNORECASE,
)
"""Sentences about other films (a predecessor, the franchise): their praise is not the verdict."""
_COMPARISON_WORDS = CaseBlind(
    ("original", "predecessor", "previous", "earlier", "prior", "sequel", "prequel", "remake",
    "first ", "last ", "other ", "films", "movies", "franchise", "series", "saga", "trilogy")
)  # fmt: skip
"""Every match of :data:`_COMPARISON` holds one of these."""


@dataclass(frozen=True, slots=True)
class FeatureSpec:
    """How a text becomes features; stored in the recipe so prediction matches training."""

    ngram: int = 3
    negation: bool = True
    tail_sentences: int = 5
    comparison_space: bool = False
    n_features: int = 2**22
    chars: int = 0
    """When > 0: character n-grams of length 2..``chars`` inside word boundaries instead of
    words (a second view of short texts: spelling variants, word pieces, "-ish")."""

    def to_dict(self) -> dict[str, int | bool]:
        """Plain values for ``recipe.json``."""
        return asdict(self)


def sentences(text: str) -> list[str]:
    """Sentences and lines, in order; blank ones dropped."""
    return [s for s in _SENTENCE.split(text) if s.strip()]


def words(text: str, *, negation: bool) -> list[str]:
    """Lower-cased word tokens; inside a negation's scope (up to punctuation) ``not_``-prefixed.

    Contractions count as negators too ("isn't", "don't"), which is why the token pattern
    keeps the apostrophe. Most sentences hold no negator: their words are simply the tokens
    that are not punctuation, with no loop in Python.
    """
    lowered = text.lower().replace("\u2019", "'")
    tokens = _TOKEN.findall(lowered)
    if not negation or ("n't" not in lowered and _NEGATORS.isdisjoint(tokens)):
        return list(filterfalse(_BREAK.__contains__, tokens))
    out: list[str] = []
    negated = False
    for tok in tokens:
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
_CACHE_LIMIT = 16_384
"""Most word hashes remembered; when full, the remembered ones are forgotten and it fills
again. A hash never changes, so this bounds memory over a long run (``marquee add`` on
8,000 quotes meets about 24,000 words) without changing a feature."""


def _word_hash(word: str) -> int:
    """A stable 64-bit hash of one word (two differently seeded CRC-32 halves), memoised.

    Python's own ``hash`` is salted per process, so it cannot index stored weights.
    """
    raw = word.encode()
    h = zlib.crc32(raw) << 32 | zlib.crc32(raw, 0x5EED)
    if len(_WORD_CACHE) >= _CACHE_LIMIT:
        _WORD_CACHE.clear()
    _WORD_CACHE[word] = h
    return h


def word_hashes(tokens: Sequence[str]) -> np.ndarray:
    """:func:`_word_hash` of each token; known words cost one C-level dict lookup each, and
    a new word is hashed once however often it occurs (no Python loop over the tokens)."""
    found = list(map(_WORD_CACHE.get, tokens))
    if None in found:
        missing = set(compress(tokens, map(is_, found, repeat(None))))
        new = {word: _word_hash(word) for word in missing}
        found = list(map(new.get, tokens, found))
    return np.fromiter(found, dtype=np.uint64, count=len(found))


@dataclass(frozen=True, slots=True)
class Tokens:
    """Texts tokenised sentence by sentence, laid end to end: each token's word hash and
    sentence (numbered through the batch), whether each sentence is about other films, and
    how many sentences each text has. One text or a batch: a batch is featurised in one
    vectorised pass, which is what keeps a one-line quote's NumPy overhead small."""

    hashes: np.ndarray
    sentence: np.ndarray
    about_others: np.ndarray
    counts: np.ndarray

    @property
    def first_sentence(self) -> np.ndarray:
        """Each text's first sentence number."""
        return np.cumsum(self.counts) - self.counts

    @property
    def doc(self) -> np.ndarray:
        """Each token's text."""
        return np.repeat(np.arange(len(self.counts), dtype=np.int64), self.counts)[self.sentence]

    @staticmethod
    def join(parts: Tokens | Sequence[Tokens]) -> Tokens:
        """One batch of the texts of ``parts``, in order."""
        if isinstance(parts, Tokens):
            return parts
        if not parts:
            return tokenize_all([], negation=False)
        sizes = np.array([len(t.about_others) for t in parts], dtype=np.int64)
        before = np.cumsum(sizes) - sizes  # sentences of the earlier parts
        return Tokens(
            np.concatenate([t.hashes for t in parts]),
            np.concatenate([t.sentence + off for t, off in zip(parts, before, strict=True)]),
            np.concatenate([t.about_others for t in parts]),
            np.concatenate([t.counts for t in parts]),
        )


def _mentions_other_films(text: str) -> bool:
    """:data:`_COMPARISON` found in ``text``. Most sentences hold none of the words every
    match needs: they are answered without the (slow, case-blind) search."""
    return _COMPARISON_WORDS.may_hold(text) and _COMPARISON.search(text) is not None


def tokenize_all(texts: Sequence[str], *, negation: bool) -> Tokens:
    """:func:`words` of each sentence of each text (sentences without a word are dropped)."""
    toks: list[str] = []
    lengths: list[int] = []
    others: list[bool] = []
    counts: list[int] = []
    for text in texts:
        before = len(lengths)
        for sentence in sentences(text):
            w = words(sentence, negation=negation)
            if w:
                toks.extend(w)
                lengths.append(len(w))
                others.append(_mentions_other_films(sentence))
        counts.append(len(lengths) - before)
    return Tokens(
        word_hashes(toks),
        np.repeat(np.arange(len(lengths), dtype=np.int64), lengths),
        np.array(others, dtype=bool),
        np.array(counts, dtype=np.int64),
    )


def tokenize(text: str, *, negation: bool) -> Tokens:
    """:func:`tokenize_all` of one text."""
    return tokenize_all([text], negation=negation)


def ngram_hashes(
    words_h: np.ndarray, n: int, space: int = 0, segment: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of all 1..n-grams of a run of word hashes in feature space ``space``, and the
    segment of each.

    An n-gram's hash is built arithmetically from its words' hashes (multiply-and-add,
    wrapping at 2^64), salted by its order and its space, so no n-gram string is ever
    joined: this is what makes featurising a full review take well under a millisecond.
    With ``segment`` (non-decreasing ids, e.g. sentences) no n-gram crosses a boundary.
    """
    seg = np.zeros(len(words_h), dtype=np.int64) if segment is None else segment
    if not len(words_h):
        return np.zeros(0, dtype=np.uint64), seg
    with np.errstate(over="ignore"):
        parts, segs = [words_h], [seg]
        gram = words_h
        for k in range(2, min(n, len(words_h)) + 1):
            gram = gram[:-1] * _MIX + words_h[k - 1 :]
            inside = seg[: len(gram)] == seg[k - 1 :]
            parts.append((gram ^ _ORDER_SALT[k])[inside])
            segs.append(seg[: len(gram)][inside])
        out = np.concatenate(parts)
        if space:
            out = (out ^ np.uint64(space)) * _MIX
        return out ^ (out >> np.uint64(29)), np.concatenate(segs)


_TAIL_SPACE = 0x5A17
_COMPARISON_SPACE = 0xC0DA


def featurize(texts: Iterable[str], spec: FeatureSpec) -> BinaryRows:
    """Binary feature rows, one per text."""
    if spec.chars:
        return char_features(list(texts), spec.chars, spec.n_features)
    return featurize_tokens(tokenize_all(list(texts), negation=spec.negation), spec)


def featurize_tokens(tokens: Tokens | Sequence[Tokens], spec: FeatureSpec) -> BinaryRows:
    """Binary feature rows of texts already tokenised (with ``spec.negation``).

    The whole batch is hashed in one vectorised pass, n-grams cut at each text's edges, so
    a batch of one-line quotes pays NumPy's fixed cost per call once rather than per quote.
    Within a text n-grams run across sentences; the sentences about other films and the
    closing ones are hashed again in spaces of their own.
    """
    flat = Tokens.join(tokens)
    doc = flat.doc
    masks: list[tuple[np.ndarray | None, int]] = []
    if spec.comparison_space:
        other = flat.about_others[flat.sentence]
        masks += [(~other, 0), (other, _COMPARISON_SPACE)]
    else:
        masks.append((None, 0))
    if spec.tail_sentences:
        first_tail = flat.first_sentence + flat.counts - spec.tail_sentences
        masks.append((flat.sentence >= first_tail[doc], _TAIL_SPACE))
    rows, buckets = [], []
    for mask, space in masks:
        h, d = (flat.hashes, doc) if mask is None else (flat.hashes[mask], doc[mask])
        hashes, owner = ngram_hashes(h, spec.ngram, space, segment=d)
        rows.append(owner)
        buckets.append((hashes % np.uint64(spec.n_features)).astype(np.int64))
    return binary_rows(
        np.concatenate(rows), np.concatenate(buckets), len(flat.counts), spec.n_features
    )


@dataclass(frozen=True, slots=True)
class SentenceBuckets:
    """Every sentence of a batch of texts as binary feature rows, flattened.

    ``bucket[i]`` is a feature index of sentence ``sentence[i]``; sentences are numbered
    through the batch and ``counts[t]`` is how many text ``t`` has.
    """

    bucket: np.ndarray
    sentence: np.ndarray
    counts: np.ndarray


def sentence_buckets(tokens: Tokens | Sequence[Tokens], spec: FeatureSpec) -> SentenceBuckets:
    """The rows :func:`featurize` would give each sentence on its own, in one vectorised pass.

    Scoring a review sentence by sentence this way costs about as much as featurising it
    once, which keeps the sentence-level verdict reader inside the speed budget.
    """
    flat = Tokens.join(tokens)
    hashes, owner = ngram_hashes(flat.hashes, spec.ngram, segment=flat.sentence)
    bucket = (hashes % np.uint64(spec.n_features)).astype(np.int64)
    key = distinct_pairs(owner, bucket, spec.n_features)  # binary within a sentence
    return SentenceBuckets(key % spec.n_features, key // spec.n_features, flat.counts)
