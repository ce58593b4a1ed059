"""The figures marquee publishes (``marquee eval``): the shipped artifact, through the code
path a user runs, on the frozen test split, beside VADER and TextBlob on the same rows.

Every text goes in as a user's input would: full reviews as plain-text files, RT quotes
and snippets as rows of a CSV export; each is read (:func:`marquee.documents.read_bytes`,
:func:`marquee.review.parse_review`), scored by :func:`marquee.scoring.infer_scores` and,
for films, summed up by :func:`marquee.aggregate.aggregate` — the functions ``marquee
add`` and ``marquee report`` call. Nothing here fits anything: the test split
(:func:`marquee.model.data.split_of`) was frozen before any figure was looked at, the
artifact never trained on it, and every design choice was made on the dev split.

Shape of :func:`run`'s answer::

    {"split": {...}, "tasks": {task: {system: {figure: value}}}, "coverage": {...},
     "reliability": [...], "consensus": {...}}
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
from collections.abc import Callable, Sequence
from statistics import median
from typing import Any

import numpy as np

from marquee.aggregate import aggregate
from marquee.documents import read_bytes
from marquee.extras import require
from marquee.lab import baselines, corpora
from marquee.lab.corpora import Example
from marquee.model.data import SPLIT_SALT, TEST_PERCENT
from marquee.model.predict import DEFAULT_ARTIFACT
from marquee.records import Review
from marquee.review import parse_review
from marquee.scoring import infer_scores

log = logging.getLogger(__name__)

Figures = dict[str, float | int | None]
ECE_BINS = 10
MIN_FILM_QUOTES = 10
COVERAGE_BINS = ((5, 9), (10, 29), (30, None))
"""Review-count bins the band's coverage is checked in (the issue's, kept as asked)."""
STATED_SHARE = 0.5
"""In the "critics' verdicts present" check, this share of each film's rows carries the
critic's fresh/rotten as an export's verdict column would."""


def ece(p: np.ndarray, y: np.ndarray, bins: int = ECE_BINS) -> float:
    """Expected calibration error: |accuracy − confidence| per equal-width bin of P(fresh)."""
    edges = np.minimum((p * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        m = edges == b
        if m.any():
            total += m.sum() * abs(float(y[m].mean()) - float(p[m].mean()))
    return total / len(p)


def reliability(p: np.ndarray, y: np.ndarray, bins: int = ECE_BINS) -> list[dict[str, Any]]:
    """Per bin of P(fresh): how many reviews, their mean P(fresh), the share truly fresh."""
    edges = np.minimum((p * bins).astype(int), bins - 1)
    rows = []
    for b in range(bins):
        m = edges == b
        rows.append(
            {
                "bin": f"{b / bins:.1f}–{(b + 1) / bins:.1f}",
                "n": int(m.sum()),
                "mean_p": round(float(p[m].mean()), 3) if m.any() else None,
                "fresh_rate": round(float(y[m].mean()), 3) if m.any() else None,
            }
        )
    return rows


def _binary(y: np.ndarray, fresh: np.ndarray, p: np.ndarray) -> Figures:
    """Accuracy of the verdicts; calibration over the reviews the model scored (a review
    whose critic printed a score has no P(fresh) to calibrate)."""
    inferred = ~np.isnan(p)
    return {
        "accuracy": round(float((fresh == y).mean()), 4),
        "ece": round(ece(p[inferred], y[inferred]), 4) if inferred.any() else None,
        "n": int(len(y)),
        "printed": int((~inferred).sum()),
    }


# ── the shipped path ────────────────────────────────────────────────────────────────────


def read_as_files(examples: Sequence[Example]) -> list[Review]:
    """Each text as a plain-text file would be read (one review per file)."""
    return [
        parse_review(doc)
        for ex in examples
        for doc in read_bytes(ex.text.encode("utf-8"), f"{ex.key}.txt").documents[:1]
    ]


def read_as_export(examples: Sequence[Example], stated: Callable[[Example], bool]) -> list[Review]:
    """The texts as rows of one CSV export (``quote``, ``film_id``, and ``verdict`` where
    ``stated`` says the row carries the critic's own), read as ``marquee add`` reads it."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["film_id", "quote", "verdict"])
    for ex in examples:
        verdict = ("fresh" if ex.label else "rotten") if stated(ex) else ""
        writer.writerow([ex.group or ex.key, ex.text, verdict])
    reading = read_bytes(out.getvalue().encode("utf-8"), "test-split.csv")
    if len(reading.documents) != len(examples):
        raise RuntimeError(f"read {len(reading.documents)} rows of {len(examples)}")
    return [parse_review(doc) for doc in reading.documents]


def _p(reviews: Sequence[Review]) -> np.ndarray:
    return np.array([r.score.p_fresh if r.score and r.score.p_fresh is not None else np.nan
                     for r in reviews])  # fmt: skip


def _fresh(reviews: Sequence[Review]) -> np.ndarray:
    return np.array([int(r.verdict == "fresh") for r in reviews])


def _half(ex: Example) -> bool:
    """A stable half of the rows (by key), the ones that carry the critic's verdict."""
    return hashlib.sha256(ex.key.encode()).digest()[0] < 256 * STATED_SHARE


# ── tasks ───────────────────────────────────────────────────────────────────────────────


def _texts(source: str, limit: int | None) -> list[Example]:
    rows = corpora.in_split(corpora.corpus(source), "test")
    return rows[:limit] if limit else rows


def _films(examples: Sequence[Example]) -> dict[str, list[int]]:
    films: dict[str, list[int]] = {}
    for i, ex in enumerate(examples):
        films.setdefault(ex.group, []).append(i)
    return films


def _film_errors(truth: dict[str, float], estimate: dict[str, float | None]) -> Figures:
    """Mean absolute error over films, and the mean signed error of films critics loved
    (≥ 80% fresh) and disliked (< 40%)."""
    pairs = [(truth[f], e) for f, e in estimate.items() if e is not None]
    high = [e - t for t, e in pairs if t >= 80]
    low = [e - t for t, e in pairs if t < 40]
    return {
        "mae": round(float(np.mean([abs(e - t) for t, e in pairs])), 2),
        "signed_80_up": round(float(np.mean(high)), 2) if high else None,
        "signed_under_40": round(float(np.mean(low)), 2) if low else None,
        "n": len(pairs),
    }


def _quotes(limit: int | None, systems: Sequence[str]) -> dict[str, Any]:
    """Quotes alone, films' fresh % from text alone and with half the critics' verdicts,
    the band's coverage by review count, and the reliability of P(fresh)."""
    rows = _texts("rt_quotes", limit)
    y = np.array([ex.label for ex in rows])
    films = _films(rows)
    truth = {f: 100 * float(y[idx].mean()) for f, idx in films.items()}
    big = {f: idx for f, idx in films.items() if len(idx) >= MIN_FILM_QUOTES}

    alone = infer_scores(read_as_export(rows, lambda ex: False))
    stated = infer_scores(read_as_export(rows, _half))
    p = _p(alone)
    out: dict[str, Any] = {"rt_quotes": {"marquee": _binary(y, _fresh(alone), p)}}
    text_only = {f: aggregate([alone[i] for i in idx]) for f, idx in films.items()}
    out["film_fresh_text"] = {
        "marquee": _film_errors(truth, {f: text_only[f].fresh_percent for f in big})
    }
    out["film_fresh_half_stated"] = {
        "marquee": _film_errors(
            truth, {f: aggregate([stated[i] for i in big[f]]).fresh_percent for f in big}
        )
    }
    for system in systems:
        pol = baselines.polarity(system, [ex.text for ex in rows])
        fresh = baselines.verdicts(system, pol)
        out["rt_quotes"][system] = _binary(y, fresh, baselines.as_probability(pol))
        shares = {f: 100 * float(fresh[idx].mean()) for f, idx in big.items()}
        out["film_fresh_text"][system] = _film_errors(truth, shares)  # type: ignore[arg-type]
        given = np.where([_half(ex) for ex in rows], y, fresh)  # the critics' verdicts kept
        shares = {f: 100 * float(given[idx].mean()) for f, idx in big.items()}
        out["film_fresh_half_stated"][system] = _film_errors(truth, shares)  # type: ignore[arg-type]
    out["coverage"] = _coverage(films, truth, text_only, p)
    out["reliability"] = reliability(p, y)
    return out


def _coverage(
    films: dict[str, list[int]], truth: dict[str, float], aggs: dict[str, Any], p: np.ndarray
) -> dict[str, Figures]:
    """How often the 90% band holds the film's true fresh %, per review-count bin; beside
    it the band marquee showed before (mean P(fresh) ± 1.645 of a Poisson-binomial sd)."""
    out: dict[str, Figures] = {}
    for low, high in COVERAGE_BINS:
        name = f"{low}-{high}" if high else f"{low}+"
        inside, widths, before = [], [], []
        for f, idx in films.items():
            band = aggs[f].fresh_percent_band
            if len(idx) >= low and (high is None or len(idx) <= high) and band:
                inside.append(band[0] - 0.05 <= truth[f] <= band[1] + 0.05)
                widths.append(band[1] - band[0])
                q = p[idx]
                half = 100 * 1.645 * float(np.sqrt((q * (1 - q)).sum())) / len(q)
                before.append(abs(100 * float(q.mean()) - truth[f]) <= half)
        out[name] = {
            "coverage": round(float(np.mean(inside)), 3) if inside else None,
            "median_width": round(float(median(widths)), 1) if widths else None,
            "n": len(inside),
            "mean_p_band_coverage": round(float(np.mean(before)), 3) if before else None,
        }
    return out


def _texts_task(source: str, limit: int | None, systems: Sequence[str]) -> dict[str, Figures]:
    """Fresh or rotten for whole texts: full reviews as files, snippets as export rows."""
    rows = _texts(source, limit)
    y = np.array([corpora.binary_label(ex) for ex in rows])
    reviews = (
        read_as_files(rows) if source != "rt_snippets" else read_as_export(rows, lambda ex: False)
    )
    reviews = infer_scores(reviews)
    out: dict[str, Figures] = {"marquee": _binary(y, _fresh(reviews), _p(reviews))}
    if source == "scale_v1":
        out["marquee"].update(_scale(rows, np.array([r.score.value for r in reviews])))  # type: ignore[union-attr]
    for system in systems:
        pol = baselines.polarity(system, [ex.text for ex in rows])
        prob = baselines.as_probability(pol)
        out[system] = _binary(y, baselines.verdicts(system, pol), prob)
        if source == "scale_v1":
            out[system].update(_scale(rows, 100 * prob))
    return out


def _scale(rows: Sequence[Example], score: np.ndarray) -> Figures:
    """The 0–100 score against the critic's own rating: mean error, and Pang & Lee's three
    classes (≤ 40, between, ≥ 70) read off the score."""
    rating = 100 * np.array([ex.rating or 0.0 for ex in rows])

    def classes(v: np.ndarray) -> np.ndarray:
        return np.where(v <= 40, 0, np.where(v >= 70, 2, 1))

    return {
        "mae": round(float(np.abs(score - rating).mean()), 2),
        "three_class": round(float((classes(score) == classes(rating)).mean()), 4),
    }


def run(
    *, smoke: bool = False, systems: Sequence[str] = baselines.BASELINES, consensus: bool = True
) -> dict[str, Any]:
    """Every published figure for the shipped artifact (see the module docstring).

    ``smoke`` takes the first 150 texts of each corpus (and 400 quotes): a smoke run for
    tests, not a figure to quote.
    """
    require("eval", "marquee eval (VADER, TextBlob and ROUGE)")
    limit = 150 if smoke else None
    tasks: dict[str, Any] = {}
    for source in ("polarity_v2", "rt_snippets", "scale_v1"):
        log.info("evaluating %s", source)
        tasks[source] = _texts_task(source, limit, systems)
    quotes = _quotes(400 if smoke else None, systems)
    coverage, table = quotes.pop("coverage"), quotes.pop("reliability")
    tasks.update(quotes)
    out: dict[str, Any] = {
        "split": {
            "name": "test",
            "salt": SPLIT_SALT,
            "percent": TEST_PERCENT,
            "artifact": hashlib.sha256(DEFAULT_ARTIFACT.read_bytes()).hexdigest()[:16],
        },
        "tasks": tasks,
        "coverage": coverage,
        "reliability": table,
    }
    if consensus:
        from marquee.lab.consensus_eval import run_consensus_eval

        out["consensus"] = run_consensus_eval(split="test", limit=20 if smoke else None)
    return out
