"""Held-out figures for marquee and the lexicon baselines, side by side (``marquee eval``).

Shape of :func:`run`'s answer::

    {system: {dataset: {task: {"accuracy", "macro_f1", "mae", "ece", "n"}}}}

with systems "marquee", "vader", "textblob". Every marquee figure comes from a model that
never saw the scored texts (the splits are in :mod:`data`); calibration is cross-fitted
too: fold k's Platt scaling and score map are fitted on the other folds' out-of-fold
logits, never on fold k's labels.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import cache

import numpy as np
from scipy import sparse
from sklearn.metrics import f1_score

from marquee.model import baselines, data
from marquee.model.data import Example
from marquee.model.features import FeatureSpec, featurize
from marquee.model.nbsvm import fit_nblr
from marquee.model.predict import ScoringModel, pinned_score_map, platt_apply
from marquee.model.train import DEFAULT_RECIPE, HeadRecipe, binary_label, corpus, fit_platt

log = logging.getLogger(__name__)

Metrics = dict[str, float | int | None]
MIN_FILM_QUOTES = 10
ECE_BINS = 10


def ece(p: np.ndarray, y: np.ndarray, bins: int = ECE_BINS) -> float:
    """Expected calibration error: |accuracy − confidence| per equal-width bin of P(fresh)."""
    edges = np.minimum((p * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        m = edges == b
        if m.any():
            total += m.sum() * abs(float(y[m].mean()) - float(p[m].mean()))
    return total / len(p)


def metrics(
    y: np.ndarray,
    pred: np.ndarray,
    p: np.ndarray | None,
    *,
    fresh: np.ndarray | None = None,
    mae: float | None = None,
) -> Metrics:
    """The standard row: accuracy and macro-F1 of ``pred`` vs ``y``; ECE of ``p`` vs ``fresh``."""
    truth = y if fresh is None else fresh
    return {
        "accuracy": float((pred == y).mean()),
        "macro_f1": float(f1_score(y, pred, average="macro")),
        "mae": mae,
        "ece": None if p is None else ece(p, truth),
        "n": int(len(y)),
    }


@cache
def _features(source: str, spec: FeatureSpec) -> sparse.csr_matrix:
    """A corpus featurised once per spec and sliced per fold."""
    return featurize([ex.text for ex in corpus(source)], spec)


def _rows(source: str, keep: Sequence[Example]) -> np.ndarray:
    index = {ex.key: i for i, ex in enumerate(corpus(source))}
    return np.array([index[ex.key] for ex in keep], dtype=np.int64)


def fold_logits(
    test_source: str,
    test_mask: np.ndarray,
    train_mask: np.ndarray,
    head: HeadRecipe,
    extra_sources: Sequence[str] = (),
) -> np.ndarray:
    """Logits for ``test_mask`` rows from a model fitted on ``train_mask`` rows plus extras.

    Extra corpora lose every text that shares a key with, or is a near-duplicate of, a
    test text before they are added.
    """
    examples = corpus(test_source)
    test = [ex for ex, m in zip(examples, test_mask, strict=True) if m]
    blocks = [_features(test_source, head.spec)[np.flatnonzero(train_mask)]]
    labels = [np.array([binary_label(ex) for ex, m in zip(examples, train_mask, strict=True) if m])]
    for src in extra_sources:
        keep = data.drop_near_duplicates(corpus(src), test)
        blocks.append(_features(src, head.spec)[_rows(src, keep)])
        labels.append(np.array([binary_label(ex) for ex in keep]))
    scorer = fit_nblr(sparse.vstack(blocks).tocsr(), np.concatenate(labels), head.params)
    return scorer.decision(_features(test_source, head.spec)[np.flatnonzero(test_mask)])


def cross_fitted(
    folds: np.ndarray, fit: Callable[[np.ndarray], Callable[[np.ndarray], np.ndarray]]
) -> np.ndarray:
    """For each fold k, ``fit(train_mask)`` returns a function applied to fold k's rows."""
    out: np.ndarray | None = None
    for k in np.unique(folds):
        apply = fit(folds != k)
        part = apply(folds == k)
        if out is None:
            out = np.zeros((len(folds), *np.shape(part)[1:]))
        out[folds == k] = part
    assert out is not None
    return out


def calibrated(logits: np.ndarray, y: np.ndarray, folds: np.ndarray) -> np.ndarray:
    """P(fresh) from out-of-fold logits, Platt fitted on the other folds for each fold."""

    def fit(train: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
        platt = fit_platt(logits[train], y[train])
        return lambda test: platt_apply(platt, logits[test])

    return cross_fitted(folds, fit)


def cv_logits(
    source: str, head: HeadRecipe, folds: np.ndarray, eval_folds: Sequence[int], extras=()
) -> np.ndarray:
    """Out-of-fold logits for the rows of ``eval_folds`` (NaN elsewhere)."""
    out = np.full(len(folds), np.nan)
    for k in eval_folds:
        test = folds == k
        out[test] = fold_logits(source, test, ~test, head, extras)
        log.info("%s fold %d done", source, k)
    return out


def _binary_task(source: str, head: HeadRecipe, extras: Sequence[str], n_folds: int) -> Metrics:
    examples = corpus(source)
    y = np.array([binary_label(ex) for ex in examples])
    folds = np.array([ex.fold for ex in examples])
    logits = cv_logits(source, head, folds, range(n_folds), extras)
    m = ~np.isnan(logits)
    p = calibrated(logits[m], y[m], folds[m])
    return metrics(y[m], (logits[m] > 0).astype(int), p)


def _three_class(rating: np.ndarray) -> np.ndarray:
    """scale_v1's 3-class label from a 0–1 rating: ≤ .4, between, ≥ .7."""
    return np.where(rating <= 0.4, 0, np.where(rating >= 0.7, 2, 1))


def _scale_tasks(head: HeadRecipe, authors: Sequence[str], n_folds: int) -> dict[str, Metrics]:
    """Per-author 10-fold (trained on the author's other folds) and leave-one-author-out."""
    examples = corpus("scale_v1")
    rating = np.array([ex.rating for ex in examples])
    y3 = np.array([ex.label for ex in examples])
    fresh = (rating >= 0.6).astype(int)
    author = np.array([ex.group for ex in examples])
    folds = np.array([ex.fold for ex in examples])
    per_author: list[Metrics] = []
    rows: dict[str, list[np.ndarray]] = {"y": [], "pred": [], "p": [], "fresh": [], "err": []}
    for a in authors:
        mine = author == a
        logits = np.full(len(examples), np.nan)
        for k in range(n_folds):
            test = mine & (folds == k)
            logits[test] = fold_logits("scale_v1", test, mine & ~test, head)
        m = mine & ~np.isnan(logits)
        p = calibrated(logits[m], fresh[m], folds[m])
        score = _score_crossfit(p, rating[m], folds[m])
        pred3 = _three_class_crossfit(p, y3[m], folds[m])
        per_author.append(metrics(y3[m], pred3, p, fresh=fresh[m]))
        rows["err"].append(np.abs(score - 100 * rating[m]))
    acc = float(np.mean([r["accuracy"] for r in per_author]))
    f1 = float(np.mean([r["macro_f1"] for r in per_author]))
    ece_mean = float(np.mean([r["ece"] for r in per_author]))
    n = int(sum(r["n"] for r in per_author))
    mae = float(np.concatenate(rows["err"]).mean())
    out = {
        "3class": {"accuracy": acc, "macro_f1": f1, "mae": mae, "ece": ece_mean, "n": n},
        "rating": {"accuracy": None, "macro_f1": None, "mae": mae, "ece": ece_mean, "n": n},
    }
    out.update(_loao(head, authors))
    return out


def three_class_cuts(p: np.ndarray, y3: np.ndarray) -> tuple[float, float]:
    """The two P(fresh) cut points that best split training rows into scale_v1's 3 classes.

    The score map regresses to the mean (it is E[rating | p]), so thresholding scores at
    the class boundaries under-predicts both ends; cutting P(fresh) where the training
    rows' accuracy peaks does not.
    """
    grid = np.quantile(p, np.linspace(0.02, 0.98, 49))
    best, cuts = -1.0, (0.25, 0.75)
    for i, lo in enumerate(grid):
        for hi in grid[i:]:
            acc = float((np.where(p < lo, 0, np.where(p >= hi, 2, 1)) == y3).mean())
            if acc > best:
                best, cuts = acc, (float(lo), float(hi))
    return cuts


def _three_class_crossfit(p: np.ndarray, y3: np.ndarray, folds: np.ndarray) -> np.ndarray:
    """3-class predictions with cut points fitted on the other folds."""

    def fit(train: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
        lo, hi = three_class_cuts(p[train], y3[train])
        return lambda test: np.where(p[test] < lo, 0, np.where(p[test] >= hi, 2, 1))

    return cross_fitted(folds, fit)


def _score_crossfit(p: np.ndarray, rating: np.ndarray, folds: np.ndarray) -> np.ndarray:
    """0–100 scores from P(fresh), the score map fitted on the other folds."""

    def fit(train: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
        smap = pinned_score_map(p[train], rating[train])
        return lambda test: smap(p[test])

    return cross_fitted(folds, fit)


def _loao(head: HeadRecipe, authors: Sequence[str]) -> dict[str, Metrics]:
    """Leave one author out: train on the other three authors, test on all of this one."""
    examples = corpus("scale_v1")
    rating = np.array([ex.rating for ex in examples])
    fresh = (rating >= 0.6).astype(int)
    author = np.array([ex.group for ex in examples])
    accs, errs, eces, f1s = [], [], [], []
    for a in authors:
        test = author == a
        logits = fold_logits("scale_v1", test, ~test, head)
        # calibration and score map from the training authors' own out-of-fold logits
        train_logits = cv_logits_subset(head, ~test)
        platt = fit_platt(train_logits, fresh[~test])
        smap = pinned_score_map(platt_apply(platt, train_logits), rating[~test])
        p = platt_apply(platt, logits)
        score = smap(p)
        y3_train = _three_class(rating[~test])
        lo, hi = three_class_cuts(platt_apply(platt, train_logits), y3_train)
        pred3 = np.where(p < lo, 0, np.where(p >= hi, 2, 1))
        y3 = _three_class(rating[test])
        accs.append(float((pred3 == y3).mean()))
        f1s.append(float(f1_score(y3, pred3, average="macro")))
        errs.append(np.abs(score - 100 * rating[test]))
        eces.append(ece(p, fresh[test]))
    n = int(sum(len(e) for e in errs))
    mae = float(np.concatenate(errs).mean())
    return {
        "loao_3class": {
            "accuracy": float(np.mean(accs)),
            "macro_f1": float(np.mean(f1s)),
            "mae": mae,
            "ece": float(np.mean(eces)),
            "n": n,
        }
    }


def cv_logits_subset(head: HeadRecipe, rows: np.ndarray, k: int = 5) -> np.ndarray:
    """Out-of-fold logits within scale_v1's ``rows`` (k-fold by the rows' own folds)."""
    folds = np.array([ex.fold for ex in corpus("scale_v1")]) % k
    out = np.zeros(int(rows.sum()))
    sub = folds[rows]
    for f in range(k):
        test = rows & (folds == f)
        out[sub == f] = fold_logits("scale_v1", test, rows & ~test, head)
    return out


def _quote_tasks(head: HeadRecipe, extras: Sequence[str], n_folds: int) -> dict[str, Metrics]:
    """Quote accuracy with whole films held out, and each film's fresh % from mean P(fresh)."""
    examples = corpus("rt_quotes")
    y = np.array([ex.label for ex in examples])
    folds = np.array([ex.fold for ex in examples])
    film = np.array([ex.group for ex in examples])
    logits = cv_logits("rt_quotes", head, folds, range(n_folds), extras)
    m = ~np.isnan(logits)
    p = calibrated(logits[m], y[m], folds[m])
    return {
        "quote": metrics(y[m], (logits[m] > 0).astype(int), p),
        "film_fresh_pct": _film_fresh(film[m], y[m], p),
    }


def _film_fresh(film: np.ndarray, y: np.ndarray, p: np.ndarray) -> Metrics:
    """Mean |true fresh % − mean P(fresh) %| over films with ≥ MIN_FILM_QUOTES quotes."""
    errs = []
    for f in np.unique(film):
        m = film == f
        if m.sum() >= MIN_FILM_QUOTES:
            errs.append(100 * abs(float(y[m].mean()) - float(p[m].mean())))
    return {
        "accuracy": None,
        "macro_f1": None,
        "mae": float(np.mean(errs)),
        "ece": None,
        "n": len(errs),
    }


def _marquee(quick: bool) -> dict[str, dict[str, Metrics]]:
    n_folds = 2 if quick else data.N_FOLDS
    authors = data.SCALE_AUTHORS[:1] if quick else data.SCALE_AUTHORS
    long, short = DEFAULT_RECIPE.long, DEFAULT_RECIPE.short
    out = {
        "polarity_v2": {"binary": _binary_task("polarity_v2", long, (), n_folds)},
        "rt_snippets": {"binary": _binary_task("rt_snippets", short, ("rt_quotes",), n_folds)},
        "rt_quotes": _quote_tasks(short, ("rt_snippets",), n_folds),
    }
    out["scale_v1"] = _scale_tasks(long, authors, n_folds)
    return out


def _baseline(system: str, quick: bool) -> dict[str, dict[str, Metrics]]:
    """A lexicon baseline on the same held-out rows marquee is scored on (it trains nothing)."""
    n_folds = 2 if quick else data.N_FOLDS
    out: dict[str, dict[str, Metrics]] = {}
    for source, task in (("polarity_v2", "binary"), ("rt_snippets", "binary")):
        rows = [ex for ex in corpus(source) if ex.fold < n_folds]
        pol = baselines.polarity(system, [ex.text for ex in rows])
        y = np.array([binary_label(ex) for ex in rows])
        p = baselines.as_probability(pol)
        out[source] = {task: metrics(y, baselines.verdicts(system, pol), p)}
    quotes = [ex for ex in corpus("rt_quotes") if ex.fold < n_folds]
    pol = baselines.polarity(system, [ex.text for ex in quotes])
    y = np.array([ex.label for ex in quotes])
    p = baselines.as_probability(pol)
    film = np.array([ex.group for ex in quotes])
    out["rt_quotes"] = {
        "quote": metrics(y, baselines.verdicts(system, pol), p),
        "film_fresh_pct": _film_fresh(film, y, p),
    }
    authors = data.SCALE_AUTHORS[:1] if quick else data.SCALE_AUTHORS
    scale = [ex for ex in corpus("scale_v1") if ex.group in authors and ex.fold < n_folds]
    pol = baselines.polarity(system, [ex.text for ex in scale])
    rating = np.array([ex.rating for ex in scale])
    p = baselines.as_probability(pol)
    y3 = np.array([ex.label for ex in scale])
    row = metrics(
        y3,
        _three_class(p),
        p,
        fresh=(rating >= 0.6).astype(int),
        mae=float(np.abs(100 * p - 100 * rating).mean()),
    )
    rating_row = {**row, "accuracy": None, "macro_f1": None}
    # a lexicon learns nothing from authors, so its leave-one-author-out figure is the same
    out["scale_v1"] = {"3class": row, "rating": rating_row, "loao_3class": row}
    return out


def run(*, quick: bool = False, systems: Sequence[str] = ("marquee", *baselines.BASELINES)) -> dict:
    """Every held-out figure, per system, dataset and task (see the module docstring).

    ``quick`` scores 2 folds (and one scale_v1 author) instead of all: for smoke tests.
    """
    out = {}
    for system in systems:
        log.info("evaluating %s", system)
        out[system] = _marquee(quick) if system == "marquee" else _baseline(system, quick)
    return out


def holdout(model: ScoringModel) -> dict[str, Metrics]:
    """The committed artifact on the fixed held-out slice (fold 9 of every corpus)."""
    out: dict[str, Metrics] = {}
    for source in ("polarity_v2", "rt_snippets", "rt_quotes", "scale_v1"):
        rows = [ex for ex in corpus(source) if data.is_holdout(ex)]
        preds = model.predict([ex.text for ex in rows])
        p = np.array([pr.p_fresh for pr in preds])
        y = np.array([binary_label(ex) for ex in rows])
        mae = None
        if source == "scale_v1":
            mae = float(
                np.mean(
                    [abs(pr.score - 100 * ex.rating) for pr, ex in zip(preds, rows, strict=True)]
                )
            )
        out[source] = metrics(y, (p >= 0.5).astype(int), p, mae=mae)
    return out
