"""Train the committed artifact (``marquee train``) and the per-fold models of the evaluation.

The recipe, in one place: a *long* head (full reviews) fitted on polarity_v2 plus
scale_v1, a *short* head (pull-quotes) fitted on the RT snippets plus the cs109 quotes,
each an NB-LR over hashed n-grams with verdict-position spaces (:mod:`features`),
Platt-calibrated on out-of-fold logits; a P(fresh) → 0–100 map fitted on scale_v1's
out-of-fold probabilities against the critics' own ratings. The artifact never sees the
held-out slice (fold 9 of every corpus), so tests can measure it there.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from marquee.model import data
from marquee.model.data import Example
from marquee.model.features import FeatureSpec, featurize
from marquee.model.nbsvm import NBParams, fit_nblr
from marquee.model.predict import (
    DEFAULT_ARTIFACT,
    Head,
    ScoringModel,
    pinned_score_map,
    platt_apply,
    save_model,
)

log = logging.getLogger(__name__)

FRESH_RATING = 0.6
"""A scale_v1 rating (0–1) at or above this counts as fresh, matching ``FRESH_AT``."""
SHORT_MAX_WORDS = 60
"""Texts of at most this many words go to the short head (RT quotes run to about 50)."""
INNER_FOLDS = 5


@dataclass(frozen=True, slots=True)
class HeadRecipe:
    """What one head is made of: its features, its hyper-parameters, its corpora."""

    spec: FeatureSpec
    params: NBParams
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Recipe:
    """The whole model's recipe (:func:`recipe_dict` writes it to ``recipe.json``)."""

    long: HeadRecipe = field(
        default_factory=lambda: HeadRecipe(
            FeatureSpec(comparison_space=True), NBParams(), ("polarity_v2", "scale_v1")
        )
    )
    short: HeadRecipe = field(
        default_factory=lambda: HeadRecipe(
            FeatureSpec(tail_sentences=0), NBParams(), ("rt_snippets", "rt_quotes")
        )
    )

    def head(self, name: str) -> HeadRecipe:
        """The recipe of head ``name`` ("long" or "short")."""
        return self.long if name == "long" else self.short


DEFAULT_RECIPE = Recipe()


def corpus(source: str) -> tuple[Example, ...]:
    """All examples of one named corpus."""
    loaders = {
        "polarity_v2": data.load_polarity,
        "rt_snippets": data.load_snippets,
        "scale_v1": data.load_scale,
        "rt_quotes": data.load_quotes,
    }
    return loaders[source]()


def binary_label(ex: Example) -> int:
    """Fresh (1) or rotten (0): scale_v1 by its rating, the other corpora by their label."""
    if ex.rating is not None:
        return int(ex.rating >= FRESH_RATING)
    return ex.label


def fit_platt(logits: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """Platt scaling (a, b) fitted on out-of-fold logits."""
    lr = LogisticRegression(C=1e6, max_iter=1000).fit(logits.reshape(-1, 1), labels)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def out_of_fold(
    X: sparse.csr_matrix, y: np.ndarray, params: NBParams, k: int = INNER_FOLDS
) -> np.ndarray:
    """Logits of every training row from a model that did not see it (seeded k-fold)."""
    folds = np.arange(len(y)) % k
    np.random.default_rng(data.SPLIT_SEED).shuffle(folds)
    logits = np.zeros(len(y))
    for f in range(k):
        held = folds == f
        logits[held] = fit_nblr(X[~held], y[~held], params).decision(X[held])
    return logits


def artifact_training_set(head: HeadRecipe) -> list[Example]:
    """Every example of the head's corpora outside the held-out slice."""
    return [ex for s in head.sources for ex in corpus(s) if not data.is_holdout(ex)]


def build_model(recipe: Recipe = DEFAULT_RECIPE) -> tuple[ScoringModel, dict]:
    """Fit both heads, their calibration and the score map; return the model and its facts."""
    heads, facts = {}, {}
    score_map = None
    for name in ("long", "short"):
        head = recipe.head(name)
        train = artifact_training_set(head)
        t0 = time.perf_counter()
        X = featurize([ex.text for ex in train], head.spec)
        labels = np.array([binary_label(ex) for ex in train])
        oof = out_of_fold(X, labels, head.params)
        platt = fit_platt(oof, labels)
        scorer = fit_nblr(X, labels, head.params)
        heads[name] = Head(head.spec, scorer, platt)
        facts[name] = {
            "n_train": len(train),
            "sources": list(head.sources),
            "oof_accuracy": float(((oof > 0) == labels).mean()),
            "nonzero_weights": int(np.count_nonzero(scorer.weights)),
            "seconds": round(time.perf_counter() - t0, 1),
        }
        if name == "long":
            rated = np.array([ex.rating is not None for ex in train])
            ratings = np.array([ex.rating for ex in train if ex.rating is not None])
            score_map = pinned_score_map(platt_apply(platt, oof[rated]), ratings)
        log.info("trained %s head: %s", name, facts[name])
    assert score_map is not None
    return ScoringModel(heads, score_map, SHORT_MAX_WORDS), facts


def recipe_dict(recipe: Recipe, facts: dict) -> dict:
    """Everything needed to rebuild the artifact, and the data it was built from."""
    return {
        "model": "hashed NB-LR heads (long: full reviews, short: pull-quotes)",
        "heads": {
            name: {
                "features": recipe.head(name).spec.to_dict(),
                "params": recipe.head(name).params.to_dict(),
                **facts[name],
            }
            for name in ("long", "short")
        },
        "short_max_words": SHORT_MAX_WORDS,
        "fresh_rating": FRESH_RATING,
        "held_out": "fold 9 of every corpus: polarity cv900-cv999, cs109 films with "
        "rtid % 10 == 0, snippet and scale folds 9 of their seeded splits "
        f"(seed {data.SPLIT_SEED})",
        "calibration": f"Platt on {INNER_FOLDS}-fold out-of-fold logits",
        "score_map": "isotonic P(fresh) -> scale_v1 rating, pinned through (0.5, 60)",
        "data_checksums": data.checksums(),
        "trained_at": time.strftime("%Y-%m-%d"),
    }


def main(argv: list[str] | None = None) -> int:
    """``marquee train [--out PATH] [--eval]``: rebuild the artifact (and its metrics)."""
    parser = argparse.ArgumentParser(prog="marquee train", description=main.__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_ARTIFACT)
    parser.add_argument("--eval", action="store_true", help="also run the full evaluation")
    args = parser.parse_args(argv)
    model, facts = build_model()
    save_model(model, args.out, recipe_dict(DEFAULT_RECIPE, facts))
    from marquee.model import evaluate

    metrics = {"holdout": evaluate.holdout(model)}
    if args.eval:
        metrics["cross_validation"] = evaluate.run()
    path = args.out.parent / "metrics.json"
    if path.exists() and not args.eval:
        metrics = {**json.loads(path.read_text()), **metrics}
    path.write_text(json.dumps(metrics, indent=2) + "\n")
    log.info("wrote %s and its metrics", args.out)
    return 0
