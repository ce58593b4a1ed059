"""Film-level figures from a film's reviews: how many, how fresh, how high.

Fresh % counts every review with a verdict (a score, or a verdict an export states);
the average is over reviews with a score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from marquee.records import Review


@dataclass(frozen=True, slots=True)
class Aggregate:
    reviews: int
    scored: int
    fresh: int
    rotten: int
    fresh_percent: float | None
    average: float | None


def aggregate(reviews: Sequence[Review]) -> Aggregate:
    """Counts, fresh % and average score (0–100) over ``reviews``."""
    scores = [r.score.value for r in reviews if r.score is not None]
    verdicts = [r.verdict for r in reviews if r.verdict is not None]
    fresh = verdicts.count("fresh")
    return Aggregate(
        reviews=len(reviews),
        scored=len(scores),
        fresh=fresh,
        rotten=len(verdicts) - fresh,
        fresh_percent=round(100 * fresh / len(verdicts), 1) if verdicts else None,
        average=round(sum(scores) / len(scores), 1) if scores else None,
    )
