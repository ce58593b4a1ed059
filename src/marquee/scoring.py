"""Fill the gaps: a review the critic did not score gets one inferred from its words.

Explicit beats inferred: a printed score is never replaced. The model reads the cleaned
body (a pull-quote or a full review) and its calibrated P(fresh) is kept beside the score,
so film-level figures can use probabilities rather than hard verdicts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from marquee.model import ScoringModel, load_model
from marquee.records import Review, Score

INFERRED_RAW = "inferred"
"""``Score.raw`` of a score the model inferred (the critic printed none)."""


def infer_scores(reviews: Sequence[Review], model: ScoringModel | None = None) -> list[Review]:
    """``reviews`` with a model score on each one that has no explicit score and some text."""
    todo = [i for i, r in enumerate(reviews) if r.score is None and r.document.body.strip()]
    if not todo:
        return list(reviews)
    predictions = (model or load_model()).predict([reviews[i].document.body for i in todo])
    out = list(reviews)
    for i, p in zip(todo, predictions, strict=True):
        score = Score(round(p.score, 1), INFERRED_RAW, explicit=False, p_fresh=round(p.p_fresh, 4))
        out[i] = dataclasses.replace(out[i], score=score)
    return out
