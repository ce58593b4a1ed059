"""Choose the film fresh % estimator on the dev split (never the test split).

Trains (or loads, with ``--model``) a scoring model on the *train* split only, scores the
dev split's cs109 quotes, and compares film-level estimators of the share of fresh
quotes per film: the mean of P(fresh), hard counts (CC), adjusted count (ACC) and its
probabilistic form (PACC, Forman 2008; rates cross-fitted over two halves of the dev
films), EM re-estimation of the prior (Saerens et al. 2002), and the Bayesian grid
posterior of :mod:`marquee.model.film` with a flat and with the training films' prior.
It prints mean absolute and signed errors, and the coverage of the 90% band by review
count (real films, and films of 10+ quotes cut down to 5–9 at random).

    python bench/film_estimators.py [--model /tmp/devmodel/default.npz]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from marquee.lab import corpora as data
from marquee.lab.train import DEFAULT_RECIPE, build_model, film_prior, recipe_dict
from marquee.model.film import FilmPrior, film_adjusted, uniform_prior
from marquee.model.predict import load_model, save_model

Estimator = Callable[[np.ndarray], float]
RNG = np.random.default_rng(7)


def dev_model(path: Path):
    if not path.exists():
        model, facts = build_model(splits=("train",))
        save_model(model, path, recipe_dict(DEFAULT_RECIPE, facts))
    return load_model(str(path))


def em_prior(p: np.ndarray, pi0: float, iters: int = 200) -> float:
    """Saerens et al. 2002: the film's prior by EM, then the mean of the re-read P(fresh)."""
    pi = pi0
    for _ in range(iters):
        a = pi * p / pi0
        b = (1 - pi) * (1 - p) / (1 - pi0)
        q = a / (a + b)
        new = float(q.mean())
        if abs(new - pi) < 1e-6:
            break
        pi = new
    return 100 * pi


def rates(p: np.ndarray, y: np.ndarray) -> dict[str, float]:
    hard = p >= 0.5
    return {
        "tpr": float(hard[y == 1].mean()),
        "fpr": float(hard[y == 0].mean()),
        "ptpr": float(p[y == 1].mean()),
        "pfpr": float(p[y == 0].mean()),
    }


def adjusted(observed: float, tpr: float, fpr: float) -> float:
    return 100 * float(np.clip((observed - fpr) / max(tpr - fpr, 1e-6), 0.0, 1.0))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, default=Path("/tmp/devmodel/default.npz"))
    args = parser.parse_args()
    t0 = time.perf_counter()
    model = dev_model(args.model)
    quotes = data.load_quotes()
    dev = data.in_split(quotes, "dev")
    train = data.in_split(quotes, "train")
    p_all = model.p_fresh([ex.text for ex in dev])
    y_all = np.array([ex.label for ex in dev])
    films: dict[str, np.ndarray] = {}
    for i, ex in enumerate(dev):
        films.setdefault(ex.group, []).append(i)  # type: ignore[arg-type]
    films = {f: np.array(v) for f, v in films.items()}
    half = {f: int(f) % 2 for f in films}
    fit_rates = {
        h: rates(
            np.concatenate([p_all[v] for f, v in films.items() if half[f] != h]),
            np.concatenate([y_all[v] for f, v in films.items() if half[f] != h]),
        )
        for h in (0, 1)
    }
    base = float(np.mean([ex.label for ex in train]))
    kernel = film_prior(train, base)
    flat = uniform_prior(base)
    print(
        f"dev quotes {len(dev)}, films {len(films)}, accuracy "
        f"{((p_all >= 0.5) == y_all).mean():.4f}; train base rate {base:.3f}"
    )

    def bayes(prior: FilmPrior) -> Callable[[np.ndarray, str], float]:
        return lambda p, f: film_adjusted(p, prior).fresh_percent

    estimators: dict[str, Callable[[np.ndarray, str], float]] = {
        "mean P": lambda p, f: 100 * float(p.mean()),
        "CC (hard counts)": lambda p, f: 100 * float((p >= 0.5).mean()),
        "ACC": lambda p, f: adjusted(
            float((p >= 0.5).mean()), fit_rates[half[f]]["tpr"], fit_rates[half[f]]["fpr"]
        ),
        "PACC": lambda p, f: adjusted(
            float(p.mean()), fit_rates[half[f]]["ptpr"], fit_rates[half[f]]["pfpr"]
        ),
        "EM (Saerens)": lambda p, f: em_prior(p, base),
        "Bayes grid, flat prior": bayes(flat),
        "Bayes grid, films' prior (shipped)": bayes(kernel),
    }
    results = {}
    print(f"\n{'estimator':36} {'MAE≥10':>7} {'MAE 5-9':>7} {'≥80%':>7} {'<40%':>7}")
    for name, est in estimators.items():
        rows = [(f, 100 * y_all[v].mean(), est(p_all[v], f), len(v)) for f, v in films.items()]
        big = [(t, e) for _, t, e, n in rows if n >= 10]
        small = [(t, e) for _, t, e, n in rows if 5 <= n < 10]
        mae = float(np.mean([abs(t - e) for t, e in big]))
        mae_small = float(np.mean([abs(t - e) for t, e in small]))
        hi = float(np.mean([e - t for t, e in big if t >= 80]))
        lo = float(np.mean([e - t for t, e in big if t < 40]))
        results[name] = {"mae_10": mae, "mae_5_9": mae_small, "signed_80": hi, "signed_40": lo}
        print(f"{name:36} {mae:7.2f} {mae_small:7.2f} {hi:+7.2f} {lo:+7.2f}")
    print(
        f"(films ≥10 quotes: {sum(len(v) >= 10 for v in films.values())}; "
        f"5–9: {sum(5 <= len(v) < 10 for v in films.values())})"
    )

    print("\n90% band coverage of the shipped estimator, by review count")
    bins = ((5, 9), (10, 19), (20, 29))
    for lo_n, hi_n in bins:
        cover, width = [], []
        for v in films.values():
            if lo_n <= len(v) <= hi_n:
                e = film_adjusted(p_all[v], kernel)
                t = 100 * y_all[v].mean()
                cover.append(e.low - 1e-9 <= t <= e.high + 1e-9)
                width.append(e.high - e.low)
        print(
            f"  real films {lo_n}-{hi_n}: {np.mean(cover):.3f} of {len(cover)}, "
            f"median width {np.median(width):.1f}"
        )
    for k in range(2, 10):
        cover, width, err = [], [], []
        for v in films.values():
            if len(v) >= 10:
                for _ in range(3):
                    s = RNG.choice(v, size=k, replace=False)
                    e = film_adjusted(p_all[s], kernel)
                    t = 100 * y_all[s].mean()
                    cover.append(e.low - 1e-9 <= t <= e.high + 1e-9)
                    width.append(e.high - e.low)
                    err.append(abs(e.fresh_percent - t))
        print(
            f"  cut to {k}: coverage {np.mean(cover):.3f} of {len(cover)}, median width "
            f"{np.median(width):.1f}, MAE {np.mean(err):.1f}"
        )

    print("\nwith the critics' own verdicts for a share of each film's reviews (films ≥10)")
    for share in (0.25, 0.5, 0.75):
        err, cover = [], []
        for v in films.values():
            if len(v) >= 10:
                p = p_all[v].copy()
                known = RNG.random(len(v)) < share
                p[known] = y_all[v][known]
                e = film_adjusted(p, kernel)
                t = 100 * y_all[v].mean()
                err.append(abs(e.fresh_percent - t))
                cover.append(e.low - 1e-9 <= t <= e.high + 1e-9)
        print(f"  {share:.0%} known: MAE {np.mean(err):.2f}, coverage {np.mean(cover):.3f}")
    print(f"\n{time.perf_counter() - t0:.0f} s")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
