"""Score review texts with the committed artifact: the public face of the model.

Two heads share one recipe: a *long* head for full-length reviews and a *short* head for
one-line pull-quotes (their vocabularies and verdict positions differ too much for one
model). Each head is a hashed NB-LR scorer whose logit is Platt-calibrated into
``p_fresh``; the 0–100 score is a monotone map of ``p_fresh`` fitted to critics' own
ratings and pinned so that ``score ≥ 60`` exactly when ``p_fresh ≥ 0.5``.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from marquee.errors import ScoringError
from marquee.model.features import FeatureSpec, featurize, words
from marquee.model.nbsvm import LinearScorer
from marquee.records import FRESH_AT, Verdict, verdict_for

log = logging.getLogger(__name__)

ARTIFACT_DIR = Path(__file__).with_name("artifacts")
DEFAULT_ARTIFACT = ARTIFACT_DIR / "default.npz"
HEADS = ("long", "short")


@dataclass(frozen=True, slots=True)
class Prediction:
    """One review's inferred score: 0–100, calibrated P(fresh) and the verdict it implies."""

    score: float
    p_fresh: float
    verdict: Verdict


@dataclass(frozen=True, slots=True)
class Head:
    """One calibrated scorer: features → logit → Platt → P(fresh)."""

    spec: FeatureSpec
    scorer: LinearScorer
    platt: tuple[float, float]

    def p_fresh(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated probability that each text is a fresh review."""
        if not texts:
            return np.zeros(0)
        return platt_apply(self.platt, self.scorer.decision(featurize(texts, self.spec)))


@dataclass(frozen=True, slots=True)
class ScoreMap:
    """Piecewise-linear, non-decreasing map from P(fresh) to a 0–100 score."""

    knots: np.ndarray
    values: np.ndarray

    def __call__(self, p: np.ndarray) -> np.ndarray:
        """Scores for probabilities ``p``."""
        return np.interp(p, self.knots, self.values)


def platt_apply(platt: tuple[float, float], logits: np.ndarray) -> np.ndarray:
    """sigmoid(a·logit + b), computed stably."""
    a, b = platt
    return 0.5 * (1.0 + np.tanh(0.5 * (a * logits + b)))


class ScoringModel:
    """The trained model: route each text to a head by length, return :class:`Prediction` s."""

    def __init__(self, heads: dict[str, Head], score_map: ScoreMap, short_max_words: int) -> None:
        self.heads = heads
        self.score_map = score_map
        self.short_max_words = short_max_words

    def is_short(self, text: str) -> bool:
        """A pull-quote rather than a review: few enough words for the short head."""
        return len(words(text, negation=False)) <= self.short_max_words

    def p_fresh(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated P(fresh) for each text, each scored by the head its length picks."""
        out = np.zeros(len(texts))
        short = np.array([self.is_short(t) for t in texts], dtype=bool)
        for name, mask in (("short", short), ("long", ~short)):
            idx = np.flatnonzero(mask)
            if idx.size:
                out[idx] = self.heads[name].p_fresh([texts[i] for i in idx])
        return out

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        """Score, calibrated P(fresh) and verdict for each review text."""
        p = self.p_fresh(texts)
        scores = self.score_map(p)
        return [
            Prediction(score=float(s), p_fresh=float(q), verdict=verdict_for(float(s)) or "rotten")
            for s, q in zip(scores, p, strict=True)
        ]


def pinned_score_map(p: np.ndarray, rating: np.ndarray, n_knots: int = 21) -> ScoreMap:
    """A non-decreasing P(fresh) → 0–100 map fitted to critics' ratings (0–1).

    Isotonic regression gives the shape; the two halves are then stretched linearly so the
    map passes through (0.5, 60): the score's verdict and ``p_fresh ≥ 0.5`` never disagree.
    """
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(p, rating)
    knots = np.linspace(0.0, 1.0, n_knots)
    fitted = 100.0 * iso.predict(knots)
    # a tenth of a straight ramp makes the map strictly increasing, so no flat stretch of the
    # isotonic fit can put p_fresh = 0.49 on 60 (and call it fresh)
    values = 0.9 * fitted + 0.1 * np.linspace(fitted[0], fitted[-1], n_knots)
    mid = float(np.interp(0.5, knots, values))
    lo, hi = values[0], values[-1]
    low_half = knots <= 0.5
    values = np.where(
        low_half,
        lo + (values - lo) * (FRESH_AT - lo) / max(mid - lo, 1e-9),
        FRESH_AT + (values - mid) * (hi - FRESH_AT) / max(hi - mid, 1e-9),
    )
    return ScoreMap(knots=knots, values=values)


def save_model(model: ScoringModel, path: Path, recipe: dict) -> None:
    """Write the artifact: sparse float16 weights per head, calibration, score map, recipe."""
    arrays: dict[str, np.ndarray] = {
        "score_knots": model.score_map.knots,
        "score_values": model.score_map.values,
    }
    for name, head in model.heads.items():
        idx = np.flatnonzero(head.scorer.weights).astype(np.uint32)
        arrays[f"{name}_idx"] = idx
        arrays[f"{name}_w"] = head.scorer.weights[idx].astype(np.float16)
        arrays[f"{name}_bias_platt"] = np.array([head.scorer.bias, *head.platt])
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, **arrays)
    meta = {
        "short_max_words": model.short_max_words,
        "specs": {n: h.spec.to_dict() for n, h in model.heads.items()},
    }
    path.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n")
    (path.parent / "recipe.json").write_text(json.dumps(recipe, indent=2, default=str) + "\n")


@cache
def load_model(path: str | None = None) -> ScoringModel:
    """The committed artifact (or the one at ``path``), loaded once per process."""
    npz = Path(path) if path else DEFAULT_ARTIFACT
    if not npz.exists() or not npz.with_suffix(".json").exists():
        raise ScoringError(f"no scoring model at {npz}; run `marquee train`")
    meta = json.loads(npz.with_suffix(".json").read_text())
    heads = {}
    with np.load(npz) as arrays:
        for name in HEADS:
            spec = FeatureSpec(**meta["specs"][name])
            weights = np.zeros(spec.n_features, dtype=np.float32)
            weights[arrays[f"{name}_idx"]] = arrays[f"{name}_w"]
            bias, a, b = (float(v) for v in arrays[f"{name}_bias_platt"])
            heads[name] = Head(spec, LinearScorer(weights, bias), (a, b))
        score_map = ScoreMap(arrays["score_knots"], arrays["score_values"])
    log.debug("loaded scoring model from %s", npz)
    return ScoringModel(heads, score_map, int(meta["short_max_words"]))


def fresh_percent(p_fresh: Sequence[float], z: float = 1.96) -> tuple[float, float, float]:
    """A film's fresh % from its reviews' calibrated P(fresh), with a ``z``-sigma band.

    The mean of probabilities, not the share of hard verdicts, so the classifier's bias
    toward one side does not carry into the film's figure; the band is the spread of a
    sum of independent Bernoullis (Poisson-binomial), in percentage points.
    """
    p = np.asarray(p_fresh, dtype=np.float64)
    if p.size == 0:
        raise ScoringError("no reviews to estimate a fresh % from")
    mean = float(p.mean())
    half = z * math.sqrt(float((p * (1 - p)).sum())) / p.size
    return 100 * mean, 100 * max(0.0, mean - half), 100 * min(1.0, mean + half)
