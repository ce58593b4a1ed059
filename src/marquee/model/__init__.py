"""marquee's review-scoring model: a trained, offline, calibrated score for review text.

Use :func:`load_model` and :meth:`ScoringModel.predict`; :func:`film_adjusted` turns one
film's P(fresh) values into its fresh % (with a band), reading the reviews together;
:mod:`marquee.lab` rebuilds the committed artifact and measures it on the frozen test
split.
"""

from marquee.model.film import FilmEstimate, film_adjusted
from marquee.model.predict import Prediction, ScoringModel, load_model

__all__ = [
    "FilmEstimate",
    "Prediction",
    "ScoringModel",
    "film_adjusted",
    "load_model",
]
