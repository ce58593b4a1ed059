"""Score review texts with the committed artifact: the public face of the model.

Three hashed NB-LR *views* and two stackers. Views: ``long`` (word n-grams of a full
review, with its closing sentences and its asides about other films in their own
spaces), ``sentence`` (word n-grams of short critic sentences: RT snippets and
pull-quotes) and ``char`` (char n-grams of the same short texts). A full review is read
by the long view and, sentence by sentence, by the sentence view; the *long stacker*
joins the review's logit with aggregates of its sentence logits, so a verdict stated
outright outweighs pages of plot. A pull-quote is read by all three views and joined by
the *short stacker*, with the fine-tuned sentence encoder (:mod:`marquee.model.encoder`)
when the artifact carries one. Stacker outputs are calibrated ``p_fresh``; the 0–100 score is a
monotone map of ``p_fresh`` fitted to critics' own ratings and pinned so that
``score ≥ 60`` exactly when ``p_fresh ≥ 0.5``.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from marquee.errors import ScoringError
from marquee.model.encoder import Encoder, StoredEncoder, stored_encoder
from marquee.model.features import FeatureSpec, Tokens, featurize, featurize_tokens, tokenize_all
from marquee.model.film import FilmPrior
from marquee.model.nbsvm import LinearScorer
from marquee.model.paths import ARTIFACT_DIR as ARTIFACT_DIR  # re-exported: train, finetune
from marquee.model.paths import DEFAULT_ARTIFACT
from marquee.model.stacking import Stacker, sentence_aggregates
from marquee.records import FRESH_AT, Verdict, verdict_for

log = logging.getLogger(__name__)

VIEWS = ("long", "sentence", "char")
STACKERS = ("long", "short")
ROUTE_BAND = 0.2
"""A short text whose n-gram reading is within this of 0.5 is read by the encoder too. Chosen
on the dev split: 31% of quotes go to the encoder, which keeps 4.4 of the 5.3 points it
adds when it reads every quote, at six times the speed (EXPERIMENTS.md)."""


_LONG_BATCH = 64
"""Full reviews featurised together: enough to spread NumPy's fixed costs, few enough that
the batch's n-gram arrays stay small (400 reviews at once peaked 45 MB higher)."""
_MEMO_KEPT = 200_000
"""Most n-gram readings remembered (about 100 bytes each); past that they are forgotten."""


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


@dataclass(frozen=True, slots=True)
class Prediction:
    """One review's inferred score: 0–100, calibrated P(fresh) and the verdict it implies."""

    score: float
    p_fresh: float
    verdict: Verdict


@dataclass(frozen=True, slots=True)
class View:
    """One hashed linear scorer over one feature spec."""

    spec: FeatureSpec
    scorer: LinearScorer

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        """Uncalibrated logit of each whole text."""
        return self.scorer.decision(featurize(texts, self.spec))

    def token_logits(self, tokens: Tokens) -> np.ndarray:
        """Uncalibrated logit of each text already tokenised (a word view only)."""
        return self.scorer.decision(featurize_tokens(tokens, self.spec))


def _shared_tokens(views: Mapping[str, View], texts: Sequence[str]) -> Tokens:
    """Each text tokenised once for the long and the sentence views (they must agree on
    negation, which is what lets them share)."""
    negation = views["long"].spec.negation
    if views["sentence"].spec.negation != negation:
        raise ScoringError("the long and sentence views must tokenise alike")
    return tokenize_all(texts, negation=negation)


def long_inputs(views: Mapping[str, View], texts: Sequence[str]) -> np.ndarray:
    """The long stacker's inputs: the review's logit, then its sentence aggregates."""
    long, sentence = views["long"], views["sentence"]
    tokens = _shared_tokens(views, texts)
    logits = long.scorer.decision(featurize_tokens(tokens, long.spec))
    return np.column_stack([logits, sentence_aggregates(tokens, sentence.spec, sentence.scorer)])


def short_inputs(views: Mapping[str, View], texts: Sequence[str]) -> np.ndarray:
    """The short stacker's inputs: the word, char and long views' logits."""
    tokens = _shared_tokens(views, texts)
    return np.column_stack(
        [
            views["sentence"].token_logits(tokens),
            views["char"].logits(texts),
            views["long"].token_logits(tokens),
        ]
    )


def routed(p: np.ndarray, band: float = ROUTE_BAND) -> np.ndarray:
    """The short texts the n-gram views leave in doubt, which the encoder reads again."""
    return np.abs(p - 0.5) < band


@dataclass(frozen=True, slots=True)
class ScoreMap:
    """Piecewise-linear, non-decreasing map from P(fresh) to a 0–100 score."""

    knots: np.ndarray
    values: np.ndarray

    def __call__(self, p: np.ndarray) -> np.ndarray:
        """Scores for probabilities ``p``."""
        return np.interp(p, self.knots, self.values)


def sigmoid(z: np.ndarray) -> np.ndarray:
    """1 / (1 + e^−z), computed stably."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


class ScoringModel:
    """The trained model: route each text by length, return :class:`Prediction` s."""

    def __init__(
        self,
        views: dict[str, View],
        stackers: dict[str, Stacker],
        score_map: ScoreMap,
        film_prior: FilmPrior,
        short_max_words: int,
        encoder: Encoder | StoredEncoder | None = None,
    ) -> None:
        self.views = views
        self.stackers = stackers
        self.score_map = score_map
        self.film_prior = film_prior
        self.short_max_words = short_max_words
        self.encoder = encoder
        self.route_band = ROUTE_BAND
        self._memo: dict[bytes, float] = {}  # n-gram readings by text digest (_ngram_p)

    def forget(self) -> None:
        """Drop the remembered n-gram readings (a benchmark times reading, not recalling)."""
        self._memo.clear()

    def is_short(self, text: str) -> bool:
        """A pull-quote rather than a review: few enough (whitespace-separated) words."""
        return len(text.split()) <= self.short_max_words

    def p_fresh(self, texts: Sequence[str], *, encoder: bool = True) -> np.ndarray:
        """Calibrated P(fresh) for each text, each read by the head its length picks.

        A short text the n-gram views leave in doubt is read again by the encoder, when the
        model has one and ``encoder`` is True (the opinions stage, which reads every
        sentence of every review, passes False: the n-gram views alone are 30 times faster).
        """
        p, features = self._ngram_p(texts)
        if not encoder or self.encoder is None:
            return p
        doubt = [
            i for i, t in enumerate(texts) if self.is_short(t) and routed(p[i], self.route_band)
        ]
        if doubt:
            chosen = [texts[i] for i in doubt]
            missing = [t for i, t in zip(doubt, chosen, strict=True) if i not in features]
            again = iter(short_inputs(self.views, missing) if missing else ())
            F = np.vstack([features[i] if i in features else next(again) for i in doubt])
            z = self.encoder.logits(chosen)
            p[doubt] = sigmoid(self.stackers["short_encoder"].logit(np.column_stack([F, z])))
        return p

    def _ngram_p(self, texts: Sequence[str]) -> tuple[np.ndarray, dict[int, np.ndarray]]:
        """The n-gram reading of each text (the long or the short stacker's P(fresh)), and
        the short stacker's inputs of each short text read now, by index.

        Readings are remembered by the text's digest: ``marquee add`` scores each review,
        then the opinions stage reads the same bodies (and one-sentence quotes) again.
        """
        keys = [_digest(t) for t in texts]
        out = np.array([self._memo.get(k, np.nan) for k in keys])
        todo = np.flatnonzero(np.isnan(out))
        features: dict[int, np.ndarray] = {}
        short = np.array([self.is_short(texts[int(i)]) for i in todo], dtype=bool)
        long_idx, short_idx = todo[~short], todo[short]
        if long_idx.size:
            long_texts = [texts[int(i)] for i in long_idx]
            F = np.vstack(
                [
                    long_inputs(self.views, long_texts[at : at + _LONG_BATCH])
                    for at in range(0, len(long_texts), _LONG_BATCH)
                ]
            )
            out[long_idx] = sigmoid(self.stackers["long"].logit(F))
        if short_idx.size:
            F = short_inputs(self.views, [texts[int(i)] for i in short_idx])
            out[short_idx] = sigmoid(self.stackers["short"].logit(F))
            features = {int(i): row for i, row in zip(short_idx, F, strict=True)}
        if len(self._memo) + todo.size > _MEMO_KEPT:
            self._memo.clear()
        self._memo.update((keys[int(i)], float(out[i])) for i in todo)
        return out, features

    def predict(self, texts: Sequence[str], *, encoder: bool = True) -> list[Prediction]:
        """Score, calibrated P(fresh) and verdict for each review text."""
        p = self.p_fresh(texts, encoder=encoder)
        scores = self.score_map(p)
        return [
            Prediction(score=float(s), p_fresh=float(q), verdict=verdict_for(float(s)) or "rotten")
            for s, q in zip(scores, p, strict=True)
        ]


def pinned_score_map(p: np.ndarray, rating: np.ndarray, n_knots: int = 21) -> ScoreMap:
    """A non-decreasing P(fresh) → 0–100 map fitted to critics' ratings (0–1).

    Isotonic regression gives the shape; the two halves are then stretched linearly so the
    map passes through (0.5, 60): the score's verdict and ``p_fresh ≥ 0.5`` never disagree.
    """
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(p, rating)
    knots = np.linspace(0.0, 1.0, n_knots)
    fitted = 100.0 * iso.predict(knots)
    # a tenth of a straight ramp makes the map strictly increasing, so no flat stretch of the
    # isotonic fit can put p_fresh = 0.49 on 60 (and call it fresh)
    values = 0.9 * fitted + 0.1 * np.linspace(fitted[0], fitted[-1], n_knots)
    mid = float(np.interp(0.5, knots, values))
    lo, hi = values[0], values[-1]
    low_half = knots <= 0.5
    values = np.where(
        low_half,
        lo + (values - lo) * (FRESH_AT - lo) / max(mid - lo, 1e-9),
        FRESH_AT + (values - mid) * (hi - FRESH_AT) / max(hi - mid, 1e-9),
    )
    return ScoreMap(knots=knots, values=values)


def save_model(model: ScoringModel, path: Path, recipe: dict) -> None:
    """Write the artifact: sparse float16 view weights, stackers, score map, film prior, recipe."""
    arrays: dict[str, np.ndarray] = {
        "score_knots": model.score_map.knots,
        "score_values": model.score_map.values,
        "film_prior": np.append(model.film_prior.density, model.film_prior.base_rate),
    }
    for name, view in model.views.items():
        idx = np.flatnonzero(view.scorer.weights).astype(np.uint32)
        arrays[f"{name}_idx"] = idx
        arrays[f"{name}_w"] = view.scorer.weights[idx].astype(np.float16)
        arrays[f"{name}_bias"] = np.array([view.scorer.bias])
    for name, st in model.stackers.items():
        arrays[f"stack_{name}"] = np.vstack([st.mean, st.scale, st.coef])
        arrays[f"stack_{name}_intercept"] = np.array([st.intercept])
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, **arrays)  # type: ignore[arg-type]  # numpy's stub: names -> arrays
    meta = {
        "short_max_words": model.short_max_words,
        "specs": {n: v.spec.to_dict() for n, v in model.views.items()},
        "encoder": model.encoder is not None,
    }
    path.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n")
    (path.parent / "recipe.json").write_text(json.dumps(recipe, indent=2, default=str) + "\n")


def load_model(path: str | None = None) -> ScoringModel:
    """The committed artifact (or the one at ``path``), loaded once per process: however it
    is named (``load_model()``, ``load_model(None)``, its path), every caller shares one
    model, and with it the readings it remembers."""
    return _load(Path(path).resolve() if path else DEFAULT_ARTIFACT.resolve())


@cache
def _load(npz: Path) -> ScoringModel:
    if not npz.exists() or not npz.with_suffix(".json").exists():
        raise ScoringError(f"no scoring model at {npz}; run `marquee train`")
    meta = json.loads(npz.with_suffix(".json").read_text())
    views, stackers = {}, {}
    with np.load(npz) as arrays:
        for name in VIEWS:
            spec = FeatureSpec(**meta["specs"][name])
            weights = np.zeros(spec.n_features, dtype=np.float32)
            weights[arrays[f"{name}_idx"]] = arrays[f"{name}_w"]
            bias = float(arrays[f"{name}_bias"][0])
            views[name] = View(spec, LinearScorer(weights, bias))
        for name in (*STACKERS, "short_encoder"):
            if f"stack_{name}" in arrays:
                mean, scale, coef = arrays[f"stack_{name}"]
                intercept = float(arrays[f"stack_{name}_intercept"][0])
                stackers[name] = Stacker(mean, scale, coef, intercept)
        score_map = ScoreMap(arrays["score_knots"], arrays["score_values"])
        prior = arrays["film_prior"]
        film_prior = FilmPrior(prior[:-1], float(prior[-1]))
    encoder = stored_encoder(npz.parent) if meta.get("encoder") else None
    if (encoder is None) != ("short_encoder" not in stackers):
        raise ScoringError(f"{npz}: the encoder and its stacker must come together")
    log.debug("loaded scoring model from %s", npz)
    return ScoringModel(
        views, stackers, score_map, film_prior, int(meta["short_max_words"]), encoder
    )
