"""A learned second opinion on "is this page a film review?", beside the cue rules.

The rules of :mod:`marquee.documents.kind` count each kind's words; each round of pages
from sites never met showed kinds they miss because their words are a film review's: a
forum thread about a film, a soundtrack's page, a novel's film deal, a short festival or
box-office item. A linear model over the page's word 1–2-grams weighs how a page is
written (who speaks, what it announces) as well as what it names. It is trained by
``python -m marquee.lab.kind_train`` on real pages of every kind (``tests/fixtures/kinds``,
the round-ups) and on the train split's full reviews. On rounds it never met it refuses
about a quarter of the other pages by itself and a few the rules keep (a soundtrack's
page, book-to-film news); forum threads about films still mostly pass, their words being
a review's.

It only ever adds refusals to the rules' (a page the rules refuse stays refused), and its
threshold is set out of fold over whole collection rounds (a round groups sites), so that
every training film review stays kept by a model that never saw its round
(``marquee.lab.kind_train.KEEP``); ``bench/page_kind_cv.py`` measures what that does on
rounds of sites the check never met.

The artifact (``kind_learned.npz``, its recipe and metrics in ``kind_learned.json``)
holds the 30,000 largest weights (float16), as the scoring model's does. It is loaded
the first time a page asks, and reading a page costs one featurisation and one sum.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from marquee.model.features import FeatureSpec, Tokens, featurize_tokens, word_hashes, words
from marquee.model.nbsvm import LinearScorer
from marquee.model.rows import BinaryRows
from marquee.wordlists import word_list

if TYPE_CHECKING:
    from scipy import sparse

ARTIFACT = Path(__file__).with_name("kind_learned.npz")
"""The weights; the recipe, threshold and metrics are in the ``.json`` beside it."""

SPEC = FeatureSpec(ngram=2, negation=False, tail_sentences=0, n_features=2**20)
"""Word 1–2-grams, lower-cased, hashed; no negation scope or closing-sentence space (what
kind of page it is shows all through it, not in its verdict)."""

READ_CHARS = 2_000
"""How much of a page the check reads (about 350 words): what kind of page it is shows
from its start, and reading a whole review word by word would cost more than the
millisecond a page the check may add (a full review is about 4,000 characters; some run
to 15,000)."""


@dataclass(frozen=True, slots=True)
class LearnedCheck:
    """A fitted model whose logit is for "not a film review", and the probability at or
    above which a page is refused."""

    scorer: LinearScorer
    threshold: float
    spec: FeatureSpec = SPEC

    def p_other(self, text: str) -> float:
        """P(the text is not a film review)."""
        rows = page_rows([text], self.spec)
        logit = self.scorer.weights.take(rows.indices).sum(dtype=np.float64) + self.scorer.bias
        return float(1.0 / (1.0 + np.exp(-logit)))  # the sum in any order: a row's is cheap

    def probabilities(self, rows: BinaryRows | sparse.spmatrix) -> np.ndarray:
        """P(not a film review) of each row of features (a SciPy matrix when training)."""
        return 1.0 / (1.0 + np.exp(-self.scorer.decision(rows)))

    def evidence(self, text: str, k: int = 3) -> tuple[str, ...]:
        """The ``k`` words of ``text`` that speak most against a film review, for the
        reason a user is shown (one featurisation per distinct word: refusals only)."""
        distinct = sorted(
            {w for w in words(text, negation=False) if w.isalpha()} - _function_words()
        )
        if not distinct:
            return ()
        unigram = replace(self.spec, ngram=1)
        weights = page_rows(distinct, unigram).dot(self.scorer.weights)
        ranked = sorted(zip(weights, distinct, strict=True), reverse=True)
        return tuple(word for weight, word in ranked[:k] if weight > 0)


@functools.cache
def _function_words() -> frozenset[str]:
    """English function words ("the", "and", "in"): they lean one way or the other in the
    weights, but shown as a reason they say nothing to a user."""
    return frozenset(word_list("marquee.documents", "stopwords-english"))


def page_rows(texts: Sequence[str], spec: FeatureSpec = SPEC) -> BinaryRows:
    """The check's binary features of each text: the n-grams of its words as one run (no
    sentences, no negation scope: what kind of page it is shows all through it), of its
    first ``READ_CHARS`` characters only."""
    runs = [words(text[:READ_CHARS], negation=False) for text in texts]
    lengths = np.fromiter(map(len, runs), dtype=np.int64, count=len(runs))
    tokens = Tokens(
        word_hashes([word for run in runs for word in run]),
        np.repeat(np.arange(len(runs), dtype=np.int64), lengths),
        np.zeros(len(runs), dtype=bool),
        np.ones(len(runs), dtype=np.int64),
    )
    return featurize_tokens(tokens, spec)


def save_check(check: LearnedCheck, path: Path, facts: dict) -> None:
    """Write the weights left non-zero (float16) to ``path`` and the threshold, the feature
    spec and ``facts`` (recipe, data, metrics) to the ``.json`` beside it."""
    idx = np.flatnonzero(check.scorer.weights).astype(np.uint32)
    weights = check.scorer.weights[idx].astype(np.float16)
    np.savez_compressed(path, idx=idx, w=weights, bias=np.array([check.scorer.bias]))
    meta = {"threshold": check.threshold, "features": check.spec.to_dict(), **facts}
    path.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n")


@functools.cache
def load_check(path: Path = ARTIFACT) -> LearnedCheck:
    """The shipped check (or the one at ``path``), loaded once per process."""
    meta = json.loads(path.with_suffix(".json").read_text())
    spec = FeatureSpec(**meta["features"])
    weights = np.zeros(spec.n_features, dtype=np.float32)
    with np.load(path) as arrays:
        weights[arrays["idx"]] = arrays["w"]
        bias = float(arrays["bias"][0])
    return LearnedCheck(LinearScorer(weights, bias), float(meta["threshold"]), spec)
