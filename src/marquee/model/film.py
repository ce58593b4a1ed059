"""A film's fresh % from its reviews' P(fresh), read together rather than one by one.

A film's fresh % is a class-prevalence estimate over its reviews, and averaging each
review's P(fresh) — calibrated against the *training* base rate π0 — pulls every film
toward π0 (Saerens, Latinne & Decaestecker 2002; Forman 2008). Here the film's latent
fresh rate π gets a posterior on a grid: a prior over films' fresh rates (a kernel
histogram of the training films, shipped in the artifact) times, for each review, the
label-shift likelihood π·p/π0 + (1−π)·(1−p)/(1−π0). Under each π a review is fresh with
probability π·p/π0 / (that likelihood); the number of fresh reviews is then a
Poisson-binomial, mixed over the posterior. The film's fresh % is that mixture's mean
and its band the mixture's central :data:`BAND_MASS` interval. A verdict the critic gave
(p = 0 or 1) enters exactly: it moves the posterior of π and adds no width to the band.

The design (this estimator against mean P, hard counts, adjusted and probabilistic
adjusted count, and EM) was chosen on the dev split: ``bench/film_estimators.py``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from marquee.errors import ScoringError

GRID = np.linspace(0.0025, 0.9975, 200)
"""Values of π the posterior is computed on."""
PRIOR_BANDWIDTH = 0.08
BAND_MASS = 0.90
EXACT_MAX = 400
"""Up to this many uncertain reviews the count's law is computed exactly; beyond, a normal
approximation per π (by then the count is close to normal and the band is narrow)."""


@dataclass(frozen=True, slots=True)
class FilmPrior:
    """How fresh films are before their reviews are read, and the reviews' training base rate."""

    density: np.ndarray
    base_rate: float


@dataclass(frozen=True, slots=True)
class FilmEstimate:
    """A film's fresh % (0–100) with a :data:`BAND_MASS` band, and each review's P(fresh)
    read in the film's context."""

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


def film_adjusted(
    p_fresh: Sequence[float], prior: FilmPrior, *, mass: float = BAND_MASS
) -> FilmEstimate:
    """Fresh % of one film from its reviews' calibrated P(fresh) (see the module docstring).

    ``prior`` is the scoring model's (``load_model().film_prior``) outside experiments.
    """
    p = np.clip(np.asarray(p_fresh, dtype=np.float64), 0.0, 1.0)
    if p.size == 0:
        raise ScoringError("no reviews to estimate a fresh % from")
    post, per_pi = posterior(p, prior)
    adjusted = post @ per_pi
    share = float(adjusted.mean())
    low, high = share_band(post, per_pi, mass)
    # a count's central interval can miss its own mean by a hair (P(K ≥ 3) = .96, mean
    # 2.98): the band shown beside a figure always holds it
    return FilmEstimate(
        100 * share, 100 * min(low, share), 100 * max(high, share), tuple(map(float, adjusted))
    )


def posterior(p: np.ndarray, prior: FilmPrior) -> tuple[np.ndarray, np.ndarray]:
    """The posterior of π on :data:`GRID`, and each review's P(fresh) under each π
    (rows: π, columns: reviews)."""
    pi0 = prior.base_rate
    fresh_like = np.outer(GRID, p / pi0)
    rotten_like = np.outer(1.0 - GRID, (1.0 - p) / (1.0 - pi0))
    joint = fresh_like + rotten_like
    with np.errstate(divide="ignore"):
        log_post = np.log(prior.density) + np.log(joint).sum(axis=1)
    post = np.exp(log_post - log_post.max())
    return post / post.sum(), fresh_like / joint


def share_band(post: np.ndarray, per_pi: np.ndarray, mass: float) -> tuple[float, float]:
    """Central ``mass`` interval of the share of fresh reviews under the posterior.

    Given π the reviews are independent Bernoullis: reviews already certain add a fixed
    count, the uncertain ones a Poisson-binomial count (exact by convolution, or normal
    past :data:`EXACT_MAX`), mixed over the posterior.
    """
    n = per_pi.shape[1]
    certain = (per_pi <= 0.0).all(axis=0) | (per_pi >= 1.0).all(axis=0)
    known = int(per_pi[0, certain].sum().round())
    q = per_pi[:, ~certain]
    m = q.shape[1]
    if m == 0:
        return known / n, known / n
    if m <= EXACT_MAX:
        law = np.zeros((q.shape[0], m + 1))
        law[:, 0] = 1.0
        for j in range(m):
            step = law * (1.0 - q[:, j : j + 1])
            step[:, 1:] += law[:, :-1] * q[:, j : j + 1]
            law = step
        pmf = post @ law
        counts = np.arange(m + 1, dtype=np.float64)
    else:
        counts = np.arange(m + 1, dtype=np.float64)
        mean = q.sum(axis=1)
        sd = np.sqrt((q * (1.0 - q)).sum(axis=1)) + 1e-9
        edges = (counts[None, :] + 0.5 - mean[:, None]) / sd[:, None]
        cdf = 0.5 * (1.0 + _erf(edges / math.sqrt(2.0)).astype(np.float64))
        pmf = post @ np.diff(np.column_stack([np.zeros(len(mean)), cdf]), axis=1)
    cdf_mix = np.cumsum(pmf) / pmf.sum()
    tail = (1.0 - mass) / 2.0
    low = counts[min(int(np.searchsorted(cdf_mix, tail)), m)]
    high = counts[min(int(np.searchsorted(cdf_mix, 1.0 - tail)), m)]
    return (known + low) / n, (known + high) / n


_erf = np.frompyfunc(math.erf, 1, 1)
