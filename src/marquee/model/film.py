"""A film's fresh % from its reviews' P(fresh), read together rather than one by one.

A film's reviews share a latent fresh rate π, and films are mostly clearly liked or
disliked. Averaging per-review P(fresh) — each calibrated against the *training* base
rate — pulls every film toward that base rate (Saerens, Latinne & Decaestecker 2002).
Here π gets a posterior on a grid: a prior over films' fresh rates (a kernel histogram
of the training films, shipped in the artifact) times, for each review, the likelihood
π·p/π0 + (1−π)·(1−p)/(1−π0). Each review's P(fresh) is then re-read under that
posterior, and the film's fresh % is their mean, with a credible band from the spread
of the realised share. A review whose verdict is known (p = 0 or 1) enters exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.stats import norm

from marquee.errors import ScoringError

GRID = np.linspace(0.0025, 0.9975, 200)
"""Values of π the posterior is computed on."""
PRIOR_BANDWIDTH = 0.08
BAND_MASS = 0.95


@dataclass(frozen=True, slots=True)
class FilmPrior:
    """How fresh films are before their reviews are read, and the reviews' training base rate."""

    density: np.ndarray
    base_rate: float


@dataclass(frozen=True, slots=True)
class FilmEstimate:
    """A film's fresh % (0–100) with a 95 % band, and each review's P(fresh) in context."""

    fresh_percent: float
    low: float
    high: float
    adjusted: tuple[float, ...]


def fit_film_prior(rates: Sequence[float], base_rate: float) -> FilmPrior:
    """A smoothed histogram of training films' fresh rates on :data:`GRID`.

    The small floor keeps every π possible, so a film unlike any seen can still be found.
    """
    r = np.asarray(rates, dtype=np.float64)
    kernel = np.exp(-0.5 * ((GRID[:, None] - r[None, :]) / PRIOR_BANDWIDTH) ** 2).sum(axis=1)
    density = kernel + 1e-3 * max(len(r), 1)
    return FilmPrior(density / density.sum(), float(base_rate))


def uniform_prior(base_rate: float = 0.5) -> FilmPrior:
    """No knowledge of films: every fresh rate equally likely."""
    return FilmPrior(np.full(GRID.size, 1.0 / GRID.size), base_rate)


def film_adjusted(p_fresh: Sequence[float], prior: FilmPrior | None = None) -> FilmEstimate:
    """Fresh % of one film from its reviews' calibrated P(fresh) (see the module docstring).

    ``prior`` defaults to the one shipped with the scoring model.
    """
    p = np.clip(np.asarray(p_fresh, dtype=np.float64), 0.0, 1.0)
    if p.size == 0:
        raise ScoringError("no reviews to estimate a fresh % from")
    if prior is None:
        from marquee.model.predict import load_model

        prior = load_model().film_prior
    pi0 = prior.base_rate
    fresh_like = np.outer(GRID, p / pi0)
    rotten_like = np.outer(1.0 - GRID, (1.0 - p) / (1.0 - pi0))
    joint = fresh_like + rotten_like
    with np.errstate(divide="ignore"):
        log_post = np.log(prior.density) + np.log(joint).sum(axis=1)
    post = np.exp(log_post - log_post.max())
    post /= post.sum()
    per_pi = fresh_like / joint
    adjusted = post @ per_pi
    low, high = _share_band(post, per_pi)
    return FilmEstimate(
        100 * float(adjusted.mean()), 100 * low, 100 * high, tuple(map(float, adjusted))
    )


def _share_band(post: np.ndarray, per_pi: np.ndarray) -> tuple[float, float]:
    """Central :data:`BAND_MASS` interval of the realised fresh share under the posterior.

    Given π the reviews are independent Bernoullis; the share's law is approximated per π
    by a normal of the right mean and variance, mixed over the posterior on a fine grid.
    """
    n = per_pi.shape[1]
    mean = per_pi.mean(axis=1)
    sd = np.sqrt((per_pi * (1 - per_pi)).sum(axis=1)) / n + 1e-9
    xs = np.linspace(0.0, 1.0, 401)
    cdf = post @ norm.cdf((xs[None, :] - mean[:, None]) / sd[:, None])
    cdf /= cdf[-1]
    tail = (1 - BAND_MASS) / 2
    low = xs[min(int(np.searchsorted(cdf, tail)), xs.size - 1)]
    high = xs[min(int(np.searchsorted(cdf, 1 - tail)), xs.size - 1)]
    return float(low), float(high)
