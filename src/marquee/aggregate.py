"""Film-level figures from a film's reviews: how many, how fresh, how high, how spread.

Fresh % is the expected share of fresh reviews: a printed score or a stated verdict
counts as certain, an inferred score counts its calibrated P(fresh). Averaging
probabilities rather than hard verdicts keeps the classifier's lean toward one side out
of the film's figure; when scores are inferred, the band (a Poisson-binomial 95%
interval) says how far the figure could move.

The weighted score follows Metacritic's idea of a weighted mean, with weights we can
justify from the reviews themselves: a printed score weighs 1, an inferred one by how
sure the model is (|2p − 1|, at least 0.25). Its label uses Metacritic's published
bands for films (81–100 universal acclaim … 0–19 overwhelming dislike).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from marquee.records import Review

MIN_INFERRED_WEIGHT = 0.25

# Metacritic's film bands: https://www.metacritic.com/about-us/ ("How We Create the Metascore")
LABELS = (
    (81.0, "universal acclaim"),
    (61.0, "generally favorable"),
    (40.0, "mixed or average"),
    (20.0, "generally unfavorable"),
    (0.0, "overwhelming dislike"),
)


@dataclass(frozen=True, slots=True)
class Spread:
    stdev: float
    min: float
    max: float


@dataclass(frozen=True, slots=True)
class Aggregate:
    reviews: int
    scored: int
    fresh: int
    rotten: int
    fresh_percent: float | None
    average: float | None
    inferred: int = 0
    weighted_score: float | None = None
    score_label: str | None = None
    spread: Spread | None = None
    fresh_percent_band: tuple[float, float] | None = None


def p_fresh(review: Review) -> float | None:
    """1 or 0 for a verdict the critic gave (score or stated), the model's P(fresh) for
    an inferred one, None when there is nothing to go on."""
    score = review.score
    if score is not None and not score.explicit and review.stated_verdict is None:
        return score.p_fresh
    verdict = review.verdict
    return None if verdict is None else float(verdict == "fresh")


def score_label(score: float) -> str:
    return next(label for floor, label in LABELS if score >= floor)


def _weight(review: Review) -> float:
    score = review.score
    assert score is not None
    if score.explicit or score.p_fresh is None:
        return 1.0
    return max(MIN_INFERRED_WEIGHT, abs(2 * score.p_fresh - 1))


def aggregate(reviews: Sequence[Review]) -> Aggregate:
    """Counts, fresh % (with a band when scores are inferred), average, weighted score and
    spread (0–100) over ``reviews``."""
    scored = [r for r in reviews if r.score is not None]
    values = [r.score.value for r in scored if r.score]
    probabilities = [p for p in map(p_fresh, reviews) if p is not None]
    verdicts = [r.verdict for r in reviews if r.verdict is not None]
    inferred = sum(1 for r in scored if r.score and not r.score.explicit)
    fresh = verdicts.count("fresh")

    fresh_percent = band = None
    if probabilities:
        n = len(probabilities)
        mean = sum(probabilities) / n
        fresh_percent = round(100 * mean, 1)
        if inferred:
            half = 1.96 * math.sqrt(sum(p * (1 - p) for p in probabilities)) / n
            band = (round(100 * max(0.0, mean - half), 1), round(100 * min(1.0, mean + half), 1))

    weighted = None
    if scored:
        weights = [_weight(r) for r in scored]
        weighted = round(sum(w * v for w, v in zip(weights, values, strict=True)) / sum(weights), 1)

    return Aggregate(
        reviews=len(reviews),
        scored=len(scored),
        fresh=fresh,
        rotten=len(verdicts) - fresh,
        fresh_percent=fresh_percent,
        average=round(statistics.fmean(values), 1) if values else None,
        inferred=inferred,
        weighted_score=weighted,
        score_label=score_label(weighted) if weighted is not None else None,
        spread=Spread(round(statistics.pstdev(values), 1), min(values), max(values))
        if values
        else None,
        fresh_percent_band=band,
    )
