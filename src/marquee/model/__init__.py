"""marquee's review-scoring model: a trained, offline, calibrated score for review text.

Use :func:`load_model` and :meth:`ScoringModel.predict`; :func:`film_adjusted` turns one
film's P(fresh) values into its fresh % (with a band), reading the reviews together;
:mod:`marquee.lab` rebuilds the committed artifact and measures it on the frozen test
split.

The names are imported on first use (PEP 562), so that a light submodule
(:mod:`marquee.model.paths`) can be read without loading NumPy, SciPy and the model code.
"""

from typing import TYPE_CHECKING

from marquee.lazy import lazy_names as _lazy_names

if TYPE_CHECKING:
    from marquee.model.film import FilmEstimate, film_adjusted
    from marquee.model.predict import Prediction, ScoringModel, load_model

_HOMES = {
    "FilmEstimate": "marquee.model.film",
    "film_adjusted": "marquee.model.film",
    "Prediction": "marquee.model.predict",
    "ScoringModel": "marquee.model.predict",
    "load_model": "marquee.model.predict",
}

__all__ = [
    "FilmEstimate",
    "Prediction",
    "ScoringModel",
    "film_adjusted",
    "load_model",
]


__getattr__, __dir__ = _lazy_names("marquee.model", _HOMES, globals())
