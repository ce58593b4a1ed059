"""marquee's review-scoring model: a trained, offline, calibrated score for review text.

Use :func:`load_model` and :meth:`ScoringModel.predict`; :func:`film_adjusted` turns one
film's P(fresh) values into its fresh % (with a band), reading the reviews together;
:mod:`marquee.lab` rebuilds the committed artifact and measures it on the frozen test
split.

The names are imported on first use (PEP 562), so that a light submodule
(:mod:`marquee.model.paths`) can be read without loading NumPy, SciPy and the model code.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'marquee.model' has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
