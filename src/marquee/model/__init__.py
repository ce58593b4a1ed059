"""marquee's review-scoring model: a trained, offline, calibrated score for review text.

Use :func:`load_model` and :meth:`ScoringModel.predict`; ``train.main`` rebuilds the
committed artifact and ``evaluate.run`` prints every held-out figure.
"""

from marquee.model.predict import Prediction, ScoringModel, fresh_percent, load_model

__all__ = ["Prediction", "ScoringModel", "fresh_percent", "load_model"]
