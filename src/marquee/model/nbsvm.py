"""NB-weighted logistic regression (the "NBSVM" family of Wang & Manning 2012).

Each binary feature is scaled by its naive-Bayes log-count ratio before a logistic
regression is fitted; the scaling and the regression weights fold into one weight per
feature, so prediction is one sparse dot product. Features seen in fewer than
``min_df`` training texts get weight 0, and only the ``max_weights`` largest weights are
kept: that is what keeps the stored artifact to a few MB.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

import numpy as np

from marquee.model.rows import BinaryRows

if TYPE_CHECKING:
    from scipy import sparse


@dataclass(frozen=True, slots=True)
class NBParams:
    """Hyper-parameters, fixed a priori from Wang & Manning (alpha 1) and the experiments log."""

    C: float = 1.0
    alpha: float = 1.0
    min_df: int = 2
    max_weights: int = 400_000

    def to_dict(self) -> dict[str, float]:
        """Plain values for ``recipe.json``."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class LinearScorer:
    """A fitted linear model over hashed features: ``X @ weights + bias`` is a logit."""

    weights: np.ndarray
    bias: float

    def decision(self, X: BinaryRows | sparse.spmatrix) -> np.ndarray:
        """Uncalibrated logit of each row (scoring passes rows, fitting a SciPy matrix)."""
        if isinstance(X, BinaryRows):
            return X.dot(self.weights) + self.bias
        return np.asarray(X @ self.weights).ravel() + self.bias


def nb_ratio(X: sparse.spmatrix, y: np.ndarray, alpha: float) -> np.ndarray:
    """Log-count ratio r = log((p/|p|₁)/(q/|q|₁)) over binary features, smoothed by alpha."""
    pos = alpha + np.asarray(X[y == 1].sum(axis=0)).ravel()
    neg = alpha + np.asarray(X[y == 0].sum(axis=0)).ravel()
    return np.log(pos / pos.sum()) - np.log(neg / neg.sum())


def fit_nblr(
    X: sparse.csr_matrix, y: np.ndarray, params: NBParams, sample_weight: np.ndarray | None = None
) -> LinearScorer:
    """Fit NB-LR on binary features ``X`` (rows = texts) and labels ``y`` in {0, 1}."""
    df = np.asarray((X > 0).sum(axis=0)).ravel()
    ratio = nb_ratio(X, y, params.alpha)
    ratio[df < params.min_df] = 0.0
    used = np.flatnonzero(ratio)
    from scipy.sparse import diags  # fitting only (scoring never loads SciPy)

    Xr = X[:, used] @ diags(ratio[used])
    # the dual solver: same optimum, 3–5x faster when features far outnumber texts
    from sklearn.linear_model import LogisticRegression  # fitting only: a slow import

    model = LogisticRegression(C=params.C, solver="liblinear", dual=True, max_iter=2000)
    model.fit(Xr, y, sample_weight=sample_weight)
    weights = np.zeros(X.shape[1], dtype=np.float64)
    weights[used] = model.coef_.ravel() * ratio[used]
    return LinearScorer(
        weights=_keep_largest(weights, params.max_weights), bias=float(model.intercept_[0])
    )


def _keep_largest(weights: np.ndarray, k: int) -> np.ndarray:
    """Zero all but the ``k`` weights of largest magnitude (the rest barely move a logit)."""
    nonzero = np.abs(weights[weights != 0])
    if nonzero.size <= k:
        return weights
    cut = np.partition(nonzero, -k)[-k]
    return np.where(np.abs(weights) >= cut, weights, 0.0)
