"""Film-level figures from a film's reviews: how many, how fresh, how high, how spread.

Each review's verdict comes from the critic when the critic gave one — a stated
fresh/rotten (an export's verdict column, a "Verdict: Fresh" line), else a printed score
— and from the model only when neither exists. When every verdict is the critics', the
fresh % is the plain share of fresh reviews. When some are inferred, the fresh % is a
class-prevalence estimate (:func:`marquee.model.film.film_adjusted`): the film's
reviews read together, with a 90% band that the critics' own verdicts narrow and
inferred ones widen. That estimator is the one ``marquee eval`` measures.

Below :data:`MIN_REVIEWS` reviews with a verdict, the headline figures are withheld
("not enough reviews yet"), as Rotten Tomatoes and Metacritic withhold theirs: on the
dev split, a film of 4 reviews read from their words alone has a median 90% band 75
points wide — wider than any label could survive — and at 5 it is 60 (EXPERIMENTS.md).

The weighted score follows Metacritic's idea of a weighted mean, with weights we can
justify from the reviews themselves: a printed score weighs 1, an inferred one by how
sure the model is (|2p − 1|, at least 0.25). Its labels are Metacritic's film bands with
the favourable band starting at :data:`FRESH_AT`, so that one threshold decides the
colour of every figure. :func:`headline` is the one place that turns these figures
into what readers see — number, colour and label — on every surface.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from marquee.verdicts import FRESH_AT

if TYPE_CHECKING:
    from marquee.records import Review

MIN_INFERRED_WEIGHT = 0.25
MIN_REVIEWS = 5
"""Reviews with a verdict a film needs before its fresh % and score are shown."""

# Metacritic's film bands (https://www.metacritic.com/about-us/), "generally favorable"
# starting at FRESH_AT (Metacritic: 61) so score colour and label never disagree
LABELS = (
    (81.0, "universal acclaim"),
    (FRESH_AT, "generally favorable"),
    (40.0, "mixed or average"),
    (20.0, "generally unfavorable"),
    (0.0, "overwhelming dislike"),
)
THRESHOLDS = tuple(floor for floor, _ in LABELS if floor > 0)
"""Every line a shown figure must not be rounded across."""

VerdictSource = Literal["critic", "score", "model"]


@dataclass(frozen=True, slots=True)
class Spread:
    stdev: float
    min: float
    max: float


@dataclass(frozen=True, slots=True)
class VerdictSources:
    """How many verdicts the critics stated, how many their printed scores gave, and how
    many the model inferred from the words."""

    critic: int = 0
    score: int = 0
    model: int = 0


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
    verdicts_from: VerdictSources = VerdictSources()
    enough_reviews: bool = False
    min_reviews: int = MIN_REVIEWS


def verdict_source(review: Review) -> VerdictSource | None:
    """Where a review's verdict comes from (the order :attr:`Review.verdict` uses)."""
    if review.stated_verdict is not None:
        return "critic"
    if review.score is None:
        return None
    return "score" if review.score.explicit else "model"


def p_fresh(review: Review) -> float | None:
    """1 or 0 for a verdict the critic gave (stated or printed), the model's P(fresh) for
    an inferred one, None when there is nothing to go on."""
    if verdict_source(review) == "model" and review.score and review.score.p_fresh is not None:
        return review.score.p_fresh
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


def fresh_percent(probabilities: Sequence[float]) -> tuple[float, tuple[float, float] | None]:
    """A film's fresh % (one decimal) from its reviews' :func:`p_fresh`: the exact share
    when every verdict is known (0 or 1), else the film-level estimate and its 90% band."""
    if all(p in (0.0, 1.0) for p in probabilities):
        return round(100 * sum(probabilities) / len(probabilities), 1), None
    from marquee.model import film_adjusted, load_model

    est = film_adjusted(probabilities, load_model().film_prior)
    return round(est.fresh_percent, 1), (round(est.low, 1), round(est.high, 1))


def aggregate(reviews: Sequence[Review]) -> Aggregate:
    """Counts, fresh % (with a band when verdicts are inferred), average, weighted score
    and spread (0–100) over ``reviews``; the headline figures need :data:`MIN_REVIEWS`."""
    import statistics  # here, not at the top: `import marquee` loads this module

    scored = [r for r in reviews if r.score is not None]
    values = [r.score.value for r in scored if r.score]
    probabilities = [p for p in map(p_fresh, reviews) if p is not None]
    sources = [verdict_source(r) for r in reviews]
    verdicts = [r.verdict for r in reviews if r.verdict is not None]
    inferred = sum(1 for r in scored if r.score and not r.score.explicit)
    fresh = verdicts.count("fresh")
    enough = len(probabilities) >= MIN_REVIEWS

    pct = band = weighted = None
    if enough:
        pct, band = fresh_percent(probabilities)
        if scored:
            weights = [_weight(r) for r in scored]
            total = sum(w * v for w, v in zip(weights, values, strict=True))
            weighted = round(total / sum(weights), 1)

    return Aggregate(
        reviews=len(reviews),
        scored=len(scored),
        fresh=fresh,
        rotten=len(verdicts) - fresh,
        fresh_percent=pct,
        average=round(statistics.fmean(values), 1) if values and enough else None,
        inferred=inferred,
        weighted_score=weighted,
        score_label=score_label(weighted) if weighted is not None else None,
        spread=_spread(values) if values else None,
        fresh_percent_band=band,
        verdicts_from=VerdictSources(
            sources.count("critic"), sources.count("score"), sources.count("model")
        ),
        enough_reviews=enough,
    )


def _spread(values: Sequence[float]) -> Spread:
    """Standard deviation (population), lowest and highest score. ``statistics.pstdev``
    sums exact fractions, 5% of building the film pages of 2,000 quotes, where half the
    films have one review; scores all alike have none to sum (its answer is 0.0)."""
    low, high = min(values), max(values)
    if low == high:
        return Spread(0.0, low, high)
    import statistics  # here, not at the top: `import marquee` loads this module

    stdev = statistics.pstdev(values)
    return Spread(round(stdev, 1), low, high)


# ── what readers see ──────────────────────────────────────────────────────────────────────


def shown(value: float) -> int:
    """``value`` rounded for display, never across a threshold: 59.7 shows as 59, not as a
    "60" coloured rotten; 80.6 as 80 beside "generally favorable"."""
    whole = round(value)
    for line in THRESHOLDS:
        if value < line <= whole:
            return int(line) - 1
    return int(whole)


def tone(value: float | None) -> str:
    """The colour class of a 0–100 figure: fresh at :data:`FRESH_AT` and above."""
    if value is None:
        return "none"
    return "fresh" if value >= FRESH_AT else "rotten"


def headline(agg: Mapping[str, Any]) -> dict[str, Any]:
    """Number, colour and label of the film's fresh % and score, as every surface shows
    them (CLI, JSON, web page, static HTML), from an :class:`Aggregate` as a dict."""
    fresh = agg.get("fresh_percent")
    score = agg.get("weighted_score")
    band = agg.get("fresh_percent_band")
    if not agg.get("enough_reviews", fresh is not None):
        have = sum(dict(agg.get("verdicts_from") or {}).values())
        status = (
            f"not enough reviews yet: {have} of the {agg.get('min_reviews', MIN_REVIEWS)} "
            "a score needs"
        )
    else:
        status = None
    return {
        "status": status,
        "fresh": None
        if fresh is None
        else {
            "text": f"{shown(fresh)}%",
            "tone": tone(fresh),
            "label": "fresh" if fresh >= FRESH_AT else "rotten",
            "band": None if band is None else f"{shown(band[0])}–{shown(band[1])}%",
        },
        "score": None
        if score is None
        else {"text": str(shown(score)), "tone": tone(score), "label": score_label(score)},
    }
