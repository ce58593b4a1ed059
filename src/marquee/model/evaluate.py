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
from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import f1_score

from marquee.model import baselines, data
from marquee.model.data import Example
from marquee.model.features import FeatureSpec, featurize, tokenize
from marquee.model.film import film_adjusted
from marquee.model.nbsvm import fit_nblr
from marquee.model.predict import ScoringModel, View, sigmoid
from marquee.model.stacking import Stacker, fit_stacker, sentence_aggregates
from marquee.model.train import (
    DEFAULT_RECIPE,
    LONG_SOURCES,
    SHORT_SOURCES,
    ViewRecipe,
    binary_label,
    corpus,
    film_prior,
    fit_view,
    long_view_for_short,
    sentence_training_set,
)

log = logging.getLogger(__name__)

Metrics = dict[str, float | int | None]
Target = Callable[[Example], int]
MIN_FILM_QUOTES = 10
ECE_BINS = 10
STACK_ALPHA = 1.0
"""Ridge penalty of the scale_v1 rating stacker (a priori; standardised inputs)."""


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
    view: ViewRecipe,
    extra_sources: Sequence[str] = (),
    target: Target = binary_label,
) -> np.ndarray:
    """Logits for ``test_mask`` rows from a model fitted on ``train_mask`` rows plus extras.

    Extra corpora lose every text that shares a key with, or is a near-duplicate of, a
    test text before they are added. ``target`` labels the training rows.
    """
    examples = corpus(test_source)
    test = [ex for ex, m in zip(examples, test_mask, strict=True) if m]
    blocks = [_features(test_source, view.spec)[np.flatnonzero(train_mask)]]
    ys = [np.array([target(ex) for ex, m in zip(examples, train_mask, strict=True) if m])]
    for src in extra_sources:
        keep = data.drop_near_duplicates(corpus(src), test)
        blocks.append(_features(src, view.spec)[_rows(src, keep)])
        ys.append(np.array([target(ex) for ex in keep]))
    scorer = fit_nblr(sparse.vstack(blocks).tocsr(), np.concatenate(ys), view.params)
    return scorer.decision(_features(test_source, view.spec)[np.flatnonzero(test_mask)])


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


def stacked(F: np.ndarray, y: np.ndarray, folds: np.ndarray) -> np.ndarray:
    """P(fresh) from out-of-fold view outputs ``F``, the stacker fitted on the other folds."""

    def fit(train: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
        st: Stacker = fit_stacker(F[train], y[train])
        return lambda test: sigmoid(st.logit(F[test]))

    return cross_fitted(folds, fit)


def cv_logits(
    source: str,
    view: ViewRecipe,
    folds: np.ndarray,
    eval_folds: Sequence[int],
    extras: Sequence[str] = (),
) -> np.ndarray:
    """Out-of-fold logits for the rows of ``eval_folds`` (NaN elsewhere)."""
    out = np.full(len(folds), np.nan)
    for k in eval_folds:
        test = folds == k
        out[test] = fold_logits(source, test, ~test, view, extras)
        log.info("%s %s fold %d done", source, "chars" if view.spec.chars else "words", k)
    return out


@cache
def _sentence_view() -> View:
    """The sentence view of every evaluation: all short texts less near-dups of any review."""
    short = [ex for s in SHORT_SOURCES for ex in corpus(s)]
    return fit_view(DEFAULT_RECIPE.sentence, sentence_training_set(short))


@cache
def _aggregates(source: str) -> np.ndarray:
    """Sentence aggregates of every text of a long corpus."""
    view = _sentence_view()
    tokens = [tokenize(ex.text, negation=view.spec.negation) for ex in corpus(source)]
    return sentence_aggregates(tokens, view.spec, view.scorer)


@cache
def _long_for_short() -> View:
    """The long view trained without the reviews any snippet or quote was cut from."""
    long = [ex for s in LONG_SOURCES for ex in corpus(s)]
    short = [ex for s in SHORT_SOURCES for ex in corpus(s)]
    return long_view_for_short(DEFAULT_RECIPE.long, long, short)


def _polarity(n_folds: int) -> Metrics:
    """polarity_v2 10-fold: the long view's fold logit stacked with sentence aggregates."""
    examples = corpus("polarity_v2")
    y = np.array([binary_label(ex) for ex in examples])
    folds = np.array([ex.fold for ex in examples])
    logits = cv_logits("polarity_v2", DEFAULT_RECIPE.long, folds, range(n_folds))
    m = ~np.isnan(logits)
    F = np.column_stack([logits, _aggregates("polarity_v2")])[m]
    p = stacked(F, y[m], folds[m])
    return metrics(y[m], (p >= 0.5).astype(int), p)


def _short_p(source: str, extra: str, n_folds: int) -> tuple[np.ndarray, np.ndarray]:
    """Held-out P(fresh) of a short corpus's rows (and the mask of scored rows)."""
    examples = corpus(source)
    y = np.array([binary_label(ex) for ex in examples])
    folds = np.array([ex.fold for ex in examples])
    word = cv_logits(source, DEFAULT_RECIPE.sentence, folds, range(n_folds), (extra,))
    char = cv_logits(source, DEFAULT_RECIPE.char, folds, range(n_folds), (extra,))
    long = _long_for_short().logits([ex.text for ex in examples])
    m = ~np.isnan(word)
    F = np.column_stack([word, char, long])[m]
    return stacked(F, y[m], folds[m]), m


def _snippets(n_folds: int) -> Metrics:
    y = np.array([binary_label(ex) for ex in corpus("rt_snippets")])
    p, m = _short_p("rt_snippets", "rt_quotes", n_folds)
    return metrics(y[m], (p >= 0.5).astype(int), p)


def _quote_tasks(n_folds: int) -> dict[str, Metrics]:
    """Quotes with whole films held out: alone, read in their film's context, and each
    film's fresh % (:func:`film_adjusted`, its prior fitted on the training folds' films)."""
    examples = corpus("rt_quotes")
    p, m = _short_p("rt_quotes", "rt_snippets", n_folds)
    scored = [ex for ex, keep in zip(examples, m, strict=True) if keep]
    y = np.array([ex.label for ex in scored])
    folds = np.array([ex.fold for ex in scored])
    film = np.array([ex.group for ex in scored])
    in_film = np.zeros_like(p)
    pct: dict[str, float] = {}
    for k in np.unique(folds):
        train = [ex for ex in examples if ex.fold != k]
        prior = film_prior(train, float(np.mean([ex.label for ex in train])))
        for f in np.unique(film[folds == k]):
            rows = np.flatnonzero(film == f)
            est = film_adjusted(p[rows].tolist(), prior)
            in_film[rows] = est.adjusted
            pct[f] = est.fresh_percent
    mean_p = {f: 100 * float(p[film == f].mean()) for f in pct}
    return {
        "quote": metrics(y, (p >= 0.5).astype(int), p),
        "quote_in_film": metrics(y, (in_film >= 0.5).astype(int), in_film),
        "film_fresh_pct": _film_fresh(film, y, pct),
        "film_fresh_pct_mean_p": _film_fresh(film, y, mean_p),
    }


def _film_fresh(film: np.ndarray, y: np.ndarray, estimate: dict[str, float]) -> Metrics:
    """Mean |true fresh % − estimate| over films with ≥ MIN_FILM_QUOTES quotes."""
    errs = [
        abs(100 * float(y[film == f].mean()) - est)
        for f, est in estimate.items()
        if (film == f).sum() >= MIN_FILM_QUOTES
    ]
    return {
        "accuracy": None,
        "macro_f1": None,
        "mae": float(np.mean(errs)),
        "ece": None,
        "n": len(errs),
    }


def three_class(rating: np.ndarray) -> np.ndarray:
    """scale_v1's 3-class label from a 0–1 rating: ≤ .4, between, ≥ .7."""
    return np.where(rating <= 0.4, 0, np.where(rating >= 0.7, 2, 1))


def _not_negative(ex: Example) -> int:
    """1 above scale_v1's negative class (rating > .4)."""
    return int(ex.rating is not None and ex.rating > 0.4)


def _positive(ex: Example) -> int:
    """1 in scale_v1's positive class (rating ≥ .7)."""
    return int(ex.rating is not None and ex.rating >= 0.7)


@dataclass(frozen=True, slots=True)
class _ScaleFit:
    """The three per-author readers over standardised views: rating, 3 classes, fresh."""

    mean: np.ndarray
    scale: np.ndarray
    rating: Ridge
    classes: LogisticRegression
    fresh: LogisticRegression

    def apply(self, F: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        Z = (F - self.mean) / self.scale
        rating = np.clip(self.rating.predict(Z), 0.0, 1.0)
        return rating, self.classes.predict(Z), self.fresh.predict_proba(Z)[:, 1]


def _fit_scale(F: np.ndarray, rating: np.ndarray) -> _ScaleFit:
    mean, scale = F.mean(axis=0), F.std(axis=0) + 1e-9
    Z = (F - mean) / scale
    return _ScaleFit(
        mean,
        scale,
        Ridge(alpha=STACK_ALPHA).fit(Z, rating),
        LogisticRegression(max_iter=2000).fit(Z, three_class(rating)),
        LogisticRegression(max_iter=2000).fit(Z, (rating >= 0.6).astype(int)),
    )


def _scale_rows(rating: np.ndarray, out: tuple[np.ndarray, np.ndarray, np.ndarray]) -> Metrics:
    pred_rating, pred3, p = out
    return metrics(
        three_class(rating),
        pred3,
        p,
        fresh=(rating >= 0.6).astype(int),
        mae=float(np.abs(100 * pred_rating - 100 * rating).mean()),
    )


def _scale_tasks(authors: Sequence[str], n_folds: int) -> dict[str, Metrics]:
    """Per-author 10-fold (Pang & Lee's protocol) and leave-one-author-out.

    Per author, six logits — the author's other folds at three cuts (fresh ≥ .6, > .4,
    ≥ .7) and the other authors at the same cuts (plus polarity_v2 at .6) — and the
    sentence aggregates feed a ridge (rating), a multinomial LR (3 classes) and an LR
    (fresh), each fitted on the author's other folds.
    """
    examples = corpus("scale_v1")
    rating = np.array([ex.rating for ex in examples])
    author = np.array([ex.group for ex in examples])
    folds = np.array([ex.fold for ex in examples])
    aggs = _aggregates("scale_v1")
    long = DEFAULT_RECIPE.long
    per_author: list[Metrics] = []
    errs: list[np.ndarray] = []
    for a in authors:
        mine = author == a
        views = np.full((len(examples), 6), np.nan)
        for j, target in enumerate((binary_label, _not_negative, _positive)):
            extras = ("polarity_v2",) if j == 0 else ()
            views[mine, 3 + j] = fold_logits("scale_v1", mine, ~mine, long, extras, target)
            for k in range(n_folds):
                test = mine & (folds == k)
                views[test, j] = fold_logits("scale_v1", test, mine & ~test, long, (), target)
        m = mine & ~np.isnan(views[:, 0])
        F = np.column_stack([views[m], aggs[m]])
        out = cross_fitted(folds[m], _scale_reader(F, rating[m]))
        row = _scale_rows(rating[m], (out[:, 0], out[:, 1].astype(int), out[:, 2]))
        per_author.append(row)
        errs.append(np.abs(100 * out[:, 0] - 100 * rating[m]))
        log.info("scale_v1 %s: %s", a, row)
    summary = _per_author_mean(per_author, errs)
    out_tasks: dict[str, Metrics] = {
        "3class": summary,
        "rating": {**summary, "accuracy": None, "macro_f1": None},
    }
    out_tasks["loao_3class"] = _loao(authors)
    return out_tasks


def _scale_reader(
    F: np.ndarray, rating: np.ndarray
) -> Callable[[np.ndarray], Callable[[np.ndarray], np.ndarray]]:
    """For :func:`cross_fitted`: readers fitted on the training rows, applied to the test rows
    (columns: rating, class, P(fresh))."""

    def fit(train: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
        reader = _fit_scale(F[train], rating[train])
        return lambda test: np.column_stack(reader.apply(F[test]))

    return fit


def _loao(authors: Sequence[str], k: int = 5) -> Metrics:
    """Leave one author out: everything fitted on the other three authors' reviews.

    The readers' inputs for the training authors are their own k-fold out-of-fold logits,
    so no model that produced a training input saw the held-out author.
    """
    examples = corpus("scale_v1")
    rating = np.array([ex.rating for ex in examples])
    author = np.array([ex.group for ex in examples])
    inner = np.array([ex.fold for ex in examples]) % k
    aggs = _aggregates("scale_v1")
    long = DEFAULT_RECIPE.long
    rows: list[Metrics] = []
    errs: list[np.ndarray] = []
    for a in authors:
        test = author == a
        train_logits = np.full(len(examples), np.nan)
        for f in range(k):
            held = ~test & (inner == f)
            train_logits[held] = fold_logits("scale_v1", held, ~test & ~held, long)
        test_logits = fold_logits("scale_v1", test, ~test, long)
        fit = _fit_scale(np.column_stack([train_logits, aggs])[~test], rating[~test])
        out = fit.apply(np.column_stack([test_logits, aggs[test]]))
        rows.append(_scale_rows(rating[test], out))
        errs.append(np.abs(100 * out[0] - 100 * rating[test]))
    return _per_author_mean(rows, errs)


def _per_author_mean(rows: Sequence[Metrics], errs: Sequence[np.ndarray]) -> Metrics:
    """Pang & Lee's figure: the mean over authors of each author's accuracy, F1 and ECE;
    the rating error over every review."""

    def mean(key: str) -> float:
        return float(np.mean([float(r[key] or 0.0) for r in rows]))

    return {
        "accuracy": mean("accuracy"),
        "macro_f1": mean("macro_f1"),
        "mae": float(np.concatenate(errs).mean()),
        "ece": mean("ece"),
        "n": int(sum(int(r["n"] or 0) for r in rows)),
    }


def _marquee(quick: bool) -> dict[str, dict[str, Metrics]]:
    n_folds = 2 if quick else data.N_FOLDS
    authors = data.SCALE_AUTHORS[:1] if quick else data.SCALE_AUTHORS
    return {
        "polarity_v2": {"binary": _polarity(n_folds)},
        "rt_snippets": {"binary": _snippets(n_folds)},
        "rt_quotes": _quote_tasks(n_folds),
        "scale_v1": _scale_tasks(authors, n_folds),
    }


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
        "film_fresh_pct": _film_fresh(
            film, y, {f: 100 * float(p[film == f].mean()) for f in np.unique(film)}
        ),
    }
    authors = data.SCALE_AUTHORS[:1] if quick else data.SCALE_AUTHORS
    scale = [ex for ex in corpus("scale_v1") if ex.group in authors and ex.fold < n_folds]
    pol = baselines.polarity(system, [ex.text for ex in scale])
    rating = np.array([ex.rating for ex in scale])
    p = baselines.as_probability(pol)
    y3 = np.array([ex.label for ex in scale])
    row = metrics(
        y3,
        three_class(p),
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
                    [
                        abs(pr.score - 100 * (ex.rating or 0.0))
                        for pr, ex in zip(preds, rows, strict=True)
                    ]
                )
            )
        out[source] = metrics(y, (p >= 0.5).astype(int), p, mae=mae)
    return out
