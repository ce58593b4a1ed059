"""Second-level models: sentence-verdict aggregates and the small stackers that combine views.

A full review's own n-gram logit misses what one sentence says outright ("a misfire on
nearly every level"); a model of short critic sentences (RT snippets and pull-quotes)
reads each sentence, and a dozen aggregates of those sentence logits — where the strong
ones sit, how many lean each way, what the last ones say — go beside the review's logit
into a logistic regression. The same kind of stacker joins the short head's views (word
n-grams, char n-grams, the long head's reading). Stackers are always fitted on
out-of-fold view logits, so they learn how far to trust each view on unseen text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from marquee.model.features import FeatureSpec, Tokens, sentence_buckets
from marquee.model.nbsvm import LinearScorer

SENTENCE_AGGREGATES = (
    "mean", "max", "min", "std", "last1", "last3", "last5", "first3",
    "share_positive", "position_weighted", "confident_mean", "mean_tanh",
)  # fmt: skip
"""The aggregates of a review's sentence logits, fixed a priori (EXPERIMENTS.md, l3)."""
STACKER_C = 1.0


def sentence_logits(
    tokens: Tokens | Sequence[Tokens], spec: FeatureSpec, scorer: LinearScorer
) -> tuple[np.ndarray, np.ndarray]:
    """The logit of every sentence of every text, flattened, and each text's sentence count."""
    sb = sentence_buckets(tokens, spec)
    total = int(sb.counts.sum())
    weights = np.asarray(scorer.weights)
    logits = np.bincount(sb.sentence, weights=weights[sb.bucket], minlength=total) + scorer.bias
    return logits, sb.counts


def aggregate(logits: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The :data:`SENTENCE_AGGREGATES` of each text's run of sentence logits, one row per text.

    Vectorised over the whole batch (segment sums, not a loop per review). A text with no
    sentence reads as one neutral sentence.
    """
    empty = np.flatnonzero(counts == 0)
    if empty.size:
        at = np.cumsum(counts)[empty] - counts[empty]
        logits = np.insert(logits, at, 0.0)
        counts = np.maximum(counts, 1)
    n = len(counts)
    doc = np.repeat(np.arange(n), counts)
    start = np.cumsum(counts) - counts
    rank = np.arange(len(logits)) - start[doc]
    from_end = counts[doc] - 1 - rank

    def mean(values: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
        if mask is None:
            return np.bincount(doc, weights=values, minlength=n) / counts
        hits = np.bincount(doc[mask], minlength=n)
        return np.bincount(doc[mask], weights=values[mask], minlength=n) / hits

    avg = mean(logits)
    position = 0.5 + rank / np.maximum(counts[doc] - 1, 1)
    return np.column_stack(
        [
            avg,
            np.maximum.reduceat(logits, start),
            np.minimum.reduceat(logits, start),
            np.sqrt(np.maximum(mean(logits**2) - avg**2, 0.0)),
            logits[start + counts - 1],
            mean(logits, from_end < 3),
            mean(logits, from_end < 5),
            mean(logits, rank < 3),
            mean((logits > 0).astype(float)),
            np.bincount(doc, weights=logits * position, minlength=n)
            / np.bincount(doc, weights=position, minlength=n),
            mean(logits, np.abs(logits) >= _segment_quantile(np.abs(logits), doc, start, counts)),
            mean(np.tanh(logits / 2)),
        ]
    )


def _segment_quantile(
    values: np.ndarray, doc: np.ndarray, start: np.ndarray, counts: np.ndarray, q: float = 0.7
) -> np.ndarray:
    """Each text's ``q`` quantile of ``values`` (linear interpolation, as ``np.quantile``),
    broadcast back to its sentences."""
    order = np.lexsort((values, doc))
    s = values[order]
    h = q * (counts - 1)
    lo = np.floor(h).astype(np.int64)
    hi = np.minimum(lo + 1, counts - 1)
    thr = s[start + lo] + (h - lo) * (s[start + hi] - s[start + lo])
    return thr[doc]


def sentence_aggregates(
    tokens: Tokens | Sequence[Tokens], spec: FeatureSpec, scorer: LinearScorer
) -> np.ndarray:
    """One row of aggregates per tokenised text."""
    return aggregate(*sentence_logits(tokens, spec, scorer))


@dataclass(frozen=True, slots=True)
class Stacker:
    """A logistic regression over standardised view outputs: ``logit(F)`` per row of F."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def logit(self, F: np.ndarray) -> np.ndarray:
        """The stacked logit of each row (its sigmoid is a calibrated P(fresh))."""
        return ((F - self.mean) / self.scale) @ self.coef + self.intercept


def fit_stacker(F: np.ndarray, y: np.ndarray, C: float = STACKER_C) -> Stacker:
    """Fit on out-of-fold view outputs ``F`` (rows = texts) and labels ``y``."""
    mean, scale = F.mean(axis=0), F.std(axis=0) + 1e-9
    from sklearn.linear_model import LogisticRegression  # fitting only: a slow import

    lr = LogisticRegression(C=C, max_iter=2000).fit((F - mean) / scale, y)
    return Stacker(mean, scale, lr.coef_.ravel(), float(lr.intercept_[0]))
