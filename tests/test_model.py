"""The scoring model: its public API, its building blocks, and a held-out accuracy floor.

Nothing here trains a full model: the tests load the committed artifact and use tiny
fixtures; the floor tests score the artifact on the frozen test split it never saw.
"""

from __future__ import annotations

import numpy as np
import pytest

from marquee.errors import ScoringError
from marquee.lab import corpora
from marquee.lab.corpora import binary_label
from marquee.lab.evaluate import ece
from marquee.model.chars import char_features, murmur3
from marquee.model.data import split_of
from marquee.model.features import (
    FeatureSpec,
    featurize,
    featurize_tokens,
    sentence_buckets,
    sentences,
    tokenize,
    tokenize_all,
    words,
)
from marquee.model.film import film_adjusted, fit_film_prior, uniform_prior
from marquee.model.nbsvm import NBParams, fit_nblr
from marquee.model.predict import Prediction, load_model, pinned_score_map
from marquee.model.rows import binary_rows, distinct_pairs
from marquee.model.stacking import SENTENCE_AGGREGATES, aggregate

HOLDOUT_FLOORS = {"polarity_v2": 0.88, "rt_snippets": 0.78, "rt_quotes": 0.78}
"""Accuracy floors on the test split (first 600 rows), a few points under the artifact's
figures in ``metrics.json``: a regression gate, never a target to tune to."""
FILM_FRESH_MAE_CEILING = 13.0
"""Mean abs error (points) of test films' fresh % (≥ 10 quotes), a little over metrics.json's."""


PINNED_SPLITS = {"film:9559": "test", "review:29590": "train", "snippet:a b": "train"}
"""Splits as first frozen: if these move, every published figure's test split moved."""


@pytest.fixture(scope="module")
def model():
    return load_model()


def test_predict_returns_consistent_predictions(model):
    preds = model.predict(["A triumph: moving, funny and beautifully acted.", "Dull and lifeless."])
    assert all(isinstance(p, Prediction) for p in preds)
    for p in preds:
        assert 0 <= p.score <= 100 and 0 <= p.p_fresh <= 1
        assert p.verdict == ("fresh" if p.score >= 60 else "rotten")
        assert (p.p_fresh >= 0.5) == (p.verdict == "fresh")
    assert preds[0].verdict == "fresh" and preds[1].verdict == "rotten"


def test_load_model_is_cached(model):
    assert load_model() is model


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Ballerina is a misfire on nearly every level.", "rotten"),
        ("It earns its place as a worthy, if imperfect, addition to the canon.", "fresh"),
    ],
)
def test_stated_verdicts_in_a_quote(model, text, verdict):
    assert model.predict([text])[0].verdict == verdict


def _review(body: str, ending: str) -> str:
    return "\n\n".join([body] * 3 + [ending])


SUMMARY = (
    "The original film was a wonderful, brilliant and thrilling masterpiece, one of the best "
    "action films ever made, with superb performances and gorgeous photography. This spin-off "
    "follows a young dancer who trains as an assassin after her father is murdered, and sets "
    "out across Europe to find the men responsible, meeting old friends on the way."
)


@pytest.mark.parametrize(
    ("ending", "verdict"),
    [
        ("In the end it is a dull, lifeless misfire on nearly every level. Skip it.", "rotten"),
        ("Is it worth watching? No. There are plans for a sequel; I have no plans to see it.",
         "rotten"),
        ("In the end it is a terrific, exciting ride. A worthy addition. Go see it.", "fresh"),
    ],
)  # fmt: skip
def test_closing_verdict_outweighs_summary_and_predecessor_praise(model, ending, verdict):
    assert model.predict([_review(SUMMARY, ending)])[0].verdict == verdict


def test_negation_scope_marks_words_until_punctuation():
    assert words("It is not funny, but smart.", negation=True) == [
        "it", "is", "not", "not_funny", "but", "smart",
    ]  # fmt: skip
    assert words("It isn't good.", negation=True) == ["it", "isn't", "not_good"]
    assert words("Not funny, no.", negation=False) == ["not", "funny", "no"]
    assert words("A smart, funny film!", negation=True) == ["a", "smart", "funny", "film"]


@pytest.mark.parametrize(
    "text",
    [
        "Better than the original.", "The first film was better", "Unlike the Saw films.",
        "THE PREQUEL WAS DULL", "Its ſequel is dull.", "A remake\nthat works", "Fine fun.",
        "the other ones", "the other\none", "A FILM. FILMS.", "",
    ],
)  # fmt: skip
def test_the_other_films_check_agrees_with_the_full_search(text):
    from marquee.model.features import _COMPARISON, _mentions_other_films

    assert _mentions_other_films(text) == (_COMPARISON.search(text) is not None)


def test_feature_hashing_is_stable_and_binary():
    spec = FeatureSpec(n_features=2**16)
    a = featurize(["good good film. bad ending."], spec).csr()
    b = featurize(["good good film. bad ending."], spec).csr()
    assert (a != b).nnz == 0
    assert set(a.data) == {1.0}


MIXED_TEXTS = [
    "Good film. Not bad at all! Really great fun",
    "",
    "The original was a masterpiece. This sequel is not. Dull, not worth it.",
    "A\tfine,  FINE   film;\nthe sequel? No.",
    "Ein großartiger Film — ÉLAN, naïveté, ΟΔΥΣΣΕΑΣ, 映画 and a 1 2 x",
    "Cinéma 🎬🍿! 𝒻𝒾𝓁𝓂 — İstanbul ﬁlm x🎬y",
    "One more line. " * 8,
]


def test_a_batch_featurizes_each_text_as_if_alone():
    """The vectorised batch path: no n-gram crosses from one text into the next."""
    spec = FeatureSpec(comparison_space=True, tail_sentences=2, n_features=2**18)
    tokens = [tokenize(t, negation=True) for t in MIXED_TEXTS]
    together = featurize_tokens(tokens, spec).csr()
    for i, tok in enumerate(tokens):
        alone = featurize_tokens([tok], spec).csr()
        assert list(together[i].indices) == list(alone.indices)
    assert together.has_sorted_indices and together[1].nnz == 0
    again = featurize_tokens(tokenize_all(MIXED_TEXTS, negation=True), spec).csr()
    assert (again != together).nnz == 0


@pytest.mark.parametrize("longest,n_features", [(5, 2**20), (3, 2**20), (5, 2**16)])
def test_char_features_are_scikit_learns_char_wb_hashing(longest, n_features):
    """Bucket for bucket what the char view was trained on, for ASCII and other words,
    whether the words are new or remembered (each hashing remembers its own rows)."""
    from sklearn.feature_extraction.text import HashingVectorizer

    reference = HashingVectorizer(
        analyzer="char_wb", ngram_range=(2, longest), n_features=n_features, binary=True,
        norm=None, alternate_sign=False, dtype=np.float32,
    ).transform(MIXED_TEXTS)  # fmt: skip
    for _ in range(2):
        ours = char_features(MIXED_TEXTS, longest, n_features).csr()
        assert (ours != reference).nnz == 0 and ours.has_sorted_indices


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_binary_rows_dot_is_scipys_product_bit_for_bit(dtype):
    """Scoring sums each row's weights in NumPy; the logits must be SciPy's to the last bit
    (rows of every length, empty ones included, weights of mixed sign and size)."""
    rng = np.random.default_rng(1)
    n_rows, n_features = 300, 5_000
    lengths = rng.choice([0, 1, 3, 40, 900], size=n_rows)
    row = np.repeat(np.arange(n_rows), lengths)
    rows = binary_rows(row, rng.integers(0, n_features, size=len(row)), n_rows, n_features)
    weights = (rng.standard_cauchy(n_features) * 10.0 ** rng.integers(-4, 3, n_features)).astype(
        dtype
    )
    ours = rows.dot(weights)
    theirs = np.asarray(rows.csr() @ weights).ravel()
    assert ours.dtype == theirs.dtype and ours.tobytes() == theirs.tobytes()
    assert binary_rows(row[:0], row[:0], 3, n_features).dot(weights).tolist() == [0, 0, 0]


@pytest.mark.parametrize("n_features", [2**22, 2**20, 2**24, 3_000_017, 2**31, 2**33])
@pytest.mark.parametrize("n_owners", [0, 1, 511, 512, 513, 2_000])
def test_distinct_pairs_sorted_in_slices_is_one_int64_sort(n_features, n_owners):
    """Pairs sorted as int32 a slice of owners at a time (shuffled owners, repeats, the
    first and last bucket, slice edges) give exactly what one int64 sort gives."""
    rng = np.random.default_rng(n_owners)
    size = 20 * n_owners
    owner = rng.integers(0, max(n_owners, 1), size=size)
    bucket = rng.integers(0, n_features, size=size)
    bucket[::7] = n_features - 1
    bucket[::11] = 0
    owner, bucket = np.concatenate([owner, owner[:50]]), np.concatenate([bucket, bucket[:50]])
    reference = np.unique(owner * n_features + bucket)
    ours = distinct_pairs(owner, bucket, n_features)
    assert ours.dtype == np.int64 and ours.tobytes() == reference.astype(np.int64).tobytes()


def test_bounded_word_caches_forget_without_changing_a_feature(monkeypatch):
    """The char rows and word hashes remembered are bounded (flat memory over a long
    ``marquee add``): once full they are forgotten, and every row comes out the same."""
    from marquee.model import chars, features

    char_spec = FeatureSpec(chars=4, n_features=2**12)
    word_spec = FeatureSpec(comparison_space=True, tail_sentences=2, n_features=2**18)
    char_alone = [featurize([t], char_spec).csr() for t in MIXED_TEXTS]  # caches unbounded
    word_alone = [featurize([t], word_spec).csr() for t in MIXED_TEXTS]
    monkeypatch.setattr(chars, "_ROWS_KEPT", 16)
    monkeypatch.setattr(features, "_CACHE_LIMIT", 16)
    monkeypatch.setattr(features, "_WORD_CACHE", {})
    chars._remembered(4, 2**12).clear()
    for _ in range(2):  # the second round meets words remembered, forgotten and new
        for text, char_row, word_row in zip(MIXED_TEXTS, char_alone, word_alone, strict=True):
            assert (featurize([text], char_spec).csr() != char_row).nnz == 0
            assert (featurize([text], word_spec).csr() != word_row).nnz == 0
            assert len(chars._remembered(4, 2**12)) <= 16 and len(features._WORD_CACHE) <= 16
    assert (
        featurize(MIXED_TEXTS, char_spec).csr() != char_features(MIXED_TEXTS, 4, 2**12).csr()
    ).nnz == 0


def test_murmur3_matches_the_reference_implementation():
    from sklearn.utils import murmurhash3_32

    rng = np.random.default_rng(0)
    for n in range(1, 10):
        grams = rng.integers(0, 256, size=(200, n), dtype=np.uint8)
        expected = [murmurhash3_32(bytes(g), seed=0, positive=True) for g in grams]
        assert murmur3(grams).tolist() == expected


def test_nblr_learns_a_toy_separation():
    spec = FeatureSpec(n_features=2**16, tail_sentences=0)
    texts = ["great fun", "great film", "wonderful fun", "awful mess", "awful film", "dull mess"]
    y = np.array([1, 1, 1, 0, 0, 0])
    scorer = fit_nblr(featurize(texts * 3, spec).csr(), np.tile(y, 3), NBParams(C=10, min_df=1))
    logits = scorer.decision(featurize(["great wonderful", "dull awful"], spec))
    assert logits[0] > 0 > logits[1]


def test_score_map_is_monotone_and_pinned_at_sixty():
    rng = np.random.default_rng(0)
    p = rng.uniform(size=500)
    rating = np.clip(0.2 + 0.6 * p + rng.normal(0, 0.1, 500), 0, 1)
    smap = pinned_score_map(p, rating)
    assert np.all(np.diff(smap.values) >= 0)
    assert smap(np.array([0.5]))[0] == pytest.approx(60)
    assert smap(np.array([0.49]))[0] < 60 <= smap(np.array([0.51]))[0]


def test_ece_is_zero_when_calibrated_and_large_when_not():
    y = np.array([1, 0] * 50)
    assert ece(np.full(100, 0.5), y) == pytest.approx(0)
    assert ece(np.full(100, 0.95), y) == pytest.approx(0.45)


def test_rating_lines_are_stripped():
    text = "A fine film.\nRATING: ***\nOn the Renshaw scale of 8 .\nIt gets 3 out of 4.\nGo."
    assert corpora.strip_rating_lines(text) == "A fine film.\n\nGo."
    rhodes = "It bored me.\nI generously give it 1/2 of a star.\nI gave it no stars at all!"
    assert corpora.strip_rating_lines(rhodes) == "It bored me."


def test_near_duplicates_of_the_test_set_are_dropped():
    def ex(text, key):
        return corpora.Example(text=text, label=1, source="t", key=key, unit=key)

    test = [ex("So ingenious in concept, design and execution that you could watch it.", "a")]
    train = [
        ex("so ingenious in concept , design and execution", "b"),
        ex("A different quote about another film entirely.", "c"),
        ex("anything", "a"),
    ]
    assert [e.key for e in corpora.drop_near_duplicates(train, test)] == ["c"]


def test_sentence_buckets_match_featurizing_each_sentence():
    spec = FeatureSpec(tail_sentences=0, n_features=2**16)
    texts = ["Good film. Not bad at all! Really great fun", "", "Awful. Dull, not worth it."]
    sb = sentence_buckets([tokenize(t, negation=True) for t in texts], spec)
    flat = [s for t in texts for s in sentences(t)]
    weights = np.random.default_rng(0).normal(size=spec.n_features)
    per_sentence = np.bincount(sb.sentence, weights=weights[sb.bucket], minlength=len(flat))
    assert list(sb.counts) == [3, 0, 2]
    assert np.allclose(per_sentence, featurize(flat, spec).csr() @ weights)


def test_sentence_aggregates_read_the_closing_verdict():
    rows = aggregate(np.array([2.0, 1.0, 1.0, -3.0, 0.5]), np.array([4, 0, 1]))
    agg = dict(zip(SENTENCE_AGGREGATES, rows[0], strict=True))
    assert agg["last1"] == -3 and agg["first3"] == pytest.approx(4 / 3)
    assert agg["share_positive"] == 0.75 and agg["min"] == -3
    assert np.all(rows[1] == 0) and rows[2][0] == 0.5
    assert rows.shape == (3, len(SENTENCE_AGGREGATES))


def test_film_context_sharpens_agreeing_reviews():
    prior = uniform_prior(0.5)
    est = film_adjusted([0.75] * 12, prior)
    assert est.fresh_percent > 90 and all(p > 0.75 for p in est.adjusted)
    assert est.low < est.fresh_percent <= est.high
    split = film_adjusted([0.9] * 6 + [0.1] * 6, prior)
    assert split.fresh_percent == pytest.approx(50, abs=1)


def test_film_estimate_keeps_known_verdicts_and_uses_the_prior():
    est = film_adjusted([1.0, 0.0, 0.6], uniform_prior(0.5))
    assert est.adjusted[:2] == (1.0, 0.0)
    fresh_films = fit_film_prior([0.9, 0.95, 0.85, 1.0], base_rate=0.5)
    assert film_adjusted([0.5, 0.5], fresh_films).fresh_percent > 75
    with pytest.raises(ScoringError):
        film_adjusted([], uniform_prior())


def test_containers_of_a_short_text_are_dropped():
    def ex(text, key):
        return corpora.Example(text=text, label=1, source="t", key=key, unit=key)

    quote = [ex("so ingenious in concept, design and execution", "q")]
    reviews = [
        ex("Long review. It is so ingenious in concept , design and execution that I wept.", "a"),
        ex("Another review entirely, about another film.", "b"),
    ]
    assert [e.key for e in corpora.drop_containers(reviews, quote)] == ["b"]


@pytest.mark.corpora
@pytest.mark.parametrize("source", sorted(HOLDOUT_FLOORS))
def test_heldout_accuracy_floor(model, source):
    """The artifact never saw the test split; its accuracy there must not drop below the floor."""
    loaders = {
        "polarity_v2": corpora.load_polarity,
        "rt_snippets": corpora.load_snippets,
        "rt_quotes": corpora.load_quotes,
    }
    rows = corpora.in_split(loaders[source](), "test")[:600]
    preds = model.predict([ex.text for ex in rows])
    acc = np.mean(
        [
            (p.verdict == "fresh") == bool(binary_label(ex))
            for p, ex in zip(preds, rows, strict=True)
        ]
    )
    assert acc >= HOLDOUT_FLOORS[source]


@pytest.mark.corpora
def test_heldout_film_fresh_percent(model):
    """Held-out films' fresh % from their quotes, read together, stays within the ceiling."""
    rows = corpora.in_split(corpora.load_quotes(), "test")
    p = model.p_fresh([ex.text for ex in rows])
    films: dict[str, list[int]] = {}
    for i, ex in enumerate(rows):
        films.setdefault(ex.group, []).append(i)
    errors = [
        abs(
            100 * np.mean([rows[i].label for i in idx])
            - film_adjusted(p[idx], model.film_prior).fresh_percent
        )
        for idx in films.values()
        if len(idx) >= 10
    ]
    assert np.mean(errors) <= FILM_FRESH_MAE_CEILING


def test_splits_are_frozen_by_a_hash_of_the_unit():
    """The split of an id never moves (pinned here), and the shares are about 20/20/60."""
    pinned = {u: split_of(u) for u in ("film:9559", "review:29590", "snippet:a b")}
    assert pinned == PINNED_SPLITS
    shares = [split_of(f"film:{i}") for i in range(5000)]
    assert 0.17 < shares.count("test") / 5000 < 0.23
    assert 0.17 < shares.count("dev") / 5000 < 0.23


@pytest.mark.corpora
def test_one_review_is_in_one_split_across_corpora():
    """polarity_v2 and scale_v1 share html ids; a shared review must not straddle splits."""
    polarity = {ex.key: ex.split for ex in corpora.load_polarity()}
    shared = [ex for ex in corpora.load_scale() if ex.key in polarity]
    assert shared and all(polarity[ex.key] == ex.split for ex in shared)


def test_films_shape_of_the_exact_band():
    """Reviews whose verdicts are all known give a zero-width band at the exact share; one
    uncertain review widens it by at most one review's worth."""
    est = film_adjusted([1.0, 1.0, 0.0, 1.0], uniform_prior(0.5))
    assert est.low == est.high == est.fresh_percent == 75.0
    one = film_adjusted([1.0, 1.0, 0.0, 0.5], uniform_prior(0.5))
    assert 50.0 <= one.low <= one.high <= 75.0 and one.high - one.low <= 25.0


def test_the_encoder_reads_short_texts_whole(model):
    """The fine-tuned encoder ships with the artifact and reads a sentence's turn."""
    assert model.encoder is not None
    logits = model.encoder.logits(
        ["A triumph: moving, funny and beautifully acted.", "Dull, lifeless and far too long."]
    )
    assert logits[0] > 0 > logits[1]
    assert model.encoder.logits([]).shape == (0,)


def test_an_artifact_missing_its_encoder_is_refused(tmp_path):
    """A stacker fitted with the encoder must not silently score without it."""
    import shutil

    from marquee.model.predict import DEFAULT_ARTIFACT

    for suffix in (".npz", ".json"):
        shutil.copy(DEFAULT_ARTIFACT.with_suffix(suffix), tmp_path / f"default{suffix}")
    with pytest.raises(ScoringError, match="encoder"):
        load_model(str(tmp_path / "default.npz"))


def test_scoring_loads_scipy_and_the_encoder_only_when_needed():
    """A full review is read without SciPy (training's) or onnxruntime (the encoder's, ~1 s
    to start); a quote the n-gram views doubt starts the encoder, and a non-ASCII one needs
    no scikit-learn."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from marquee.model import load_model\n"
        "m = load_model()\n"
        "m.predict([' '.join(['A long, mostly even-handed review of a film.'] * 30)])\n"
        "print(sorted(k for k in ('scipy', 'sklearn', 'onnxruntime') if k in sys.modules))\n"
        "m.predict(['It is a film.', 'Not bad, not good.', 'Ça va, naïve, I suppose.'])\n"
        "print(sorted(k for k in ('scipy', 'sklearn', 'onnxruntime') if k in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:2] == ["[]", "['onnxruntime']"]
