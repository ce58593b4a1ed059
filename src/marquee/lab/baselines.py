"""The published lexicon baselines, scored the same way as marquee so figures sit side by side.

VADER: fresh when the compound score is ≥ 0.05 (its authors' threshold); TextBlob: fresh
when polarity > 0. Both map their [-1, 1] score linearly to 0–100 for MAE, and to a
pseudo-probability (score + 1) / 2 for calibration error: they have no calibrated
probability, and ECE is meant to show exactly that.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

import numpy as np

BASELINES = ("vader", "textblob")


@cache
def _vader() -> Callable[[str], float]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    return lambda text: float(analyzer.polarity_scores(text)["compound"])


def _textblob(text: str) -> float:
    from textblob import TextBlob

    return float(TextBlob(text).sentiment.polarity)


def polarity(system: str, texts: Sequence[str]) -> np.ndarray:
    """Each text's [-1, 1] polarity by ``system`` ("vader" or "textblob")."""
    fn = _vader() if system == "vader" else _textblob
    return np.array([fn(t) for t in texts], dtype=np.float64)


def verdicts(system: str, pol: np.ndarray) -> np.ndarray:
    """1 = fresh by the system's own threshold."""
    return (pol >= 0.05 if system == "vader" else pol > 0).astype(np.int64)


def as_probability(pol: np.ndarray) -> np.ndarray:
    """(polarity + 1) / 2: not calibrated, which the ECE column is there to show."""
    return (pol + 1.0) / 2.0
