"""Fill the gaps: a review the critic did not score gets one inferred from its words.

Explicit beats inferred: a printed score is never replaced. The model reads the cleaned
body (a pull-quote or a full review) and its calibrated P(fresh) is kept beside the score,
so film-level figures can use probabilities rather than hard verdicts.

A *quick* reading (``marquee add --quick``, ``marquee batch --quick``) leaves the sentence
encoder out: the short texts the n-gram views doubt keep the n-gram reading instead of being
read again. It changes inferred scores only, never a printed score or a critic's verdict,
and says so on each: their ``Score.raw`` is ``QUICK_RAW``, so a store filled in both modes
can tell its scores apart.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from marquee.model import ScoringModel, load_model
from marquee.records import Review, Score

INFERRED_RAW = "inferred"
"""``Score.raw`` of a score the model inferred (the critic printed none)."""
QUICK_RAW = "inferred quickly (n-gram views)"
"""``Score.raw`` of a score a quick reading inferred (``--quick``: no encoder)."""


def infer_scores(
    reviews: Sequence[Review], model: ScoringModel | None = None, *, quick: bool = False
) -> list[Review]:
    """``reviews`` with a model score on each one that has no explicit score and some text;
    ``quick`` reads them with the n-gram views alone (no encoder)."""
    todo = [i for i, r in enumerate(reviews) if r.score is None and r.document.body.strip()]
    if not todo:
        return list(reviews)
    texts = [reviews[i].document.body for i in todo]
    predictions = (model or load_model()).predict(texts, encoder=not quick)
    out = list(reviews)
    for i, p in zip(todo, predictions, strict=True):
        raw = QUICK_RAW if quick else INFERRED_RAW
        score = Score(round(p.score, 1), raw, explicit=False, p_fresh=round(p.p_fresh, 4))
        out[i] = dataclasses.replace(out[i], score=score)
    return out
