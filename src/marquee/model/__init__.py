"""marquee's review-scoring model: a trained, offline, calibrated score for review text.

Use :func:`load_model` and :meth:`ScoringModel.predict`; :func:`film_adjusted` turns one
film's P(fresh) values into its fresh % (with a band), reading the reviews together;
``train.main`` rebuilds the committed artifact and ``evaluate.run`` prints every held-out
figure.
"""

from marquee.model.film import FilmEstimate, film_adjusted
from marquee.model.predict import Prediction, ScoringModel, fresh_percent, load_model

__all__ = [
    "FilmEstimate",
    "Prediction",
    "ScoringModel",
    "film_adjusted",
    "fresh_percent",
    "load_model",
]
