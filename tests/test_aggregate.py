"""Film-level counts, fresh % and average."""

from __future__ import annotations

from marquee.aggregate import aggregate
from marquee.records import Block, Document, FilmFacts, Review, ReviewMeta, Score


def review(score: float | None, verdict: str | None = None) -> Review:
    meta = {"verdict": verdict} if verdict else {}
    doc = Document("x", "csv", "x", (Block("paragraph", "x"),), meta)
    return Review(
        doc, ReviewMeta(), Score(score, str(score)) if score is not None else None, FilmFacts()
    )


def test_fresh_at_sixty_rotten_below() -> None:
    agg = aggregate([review(60), review(59.9), review(None)])
    assert (agg.reviews, agg.scored, agg.fresh, agg.rotten) == (3, 2, 1, 1)
    assert agg.fresh_percent == 50.0
    assert agg.average == 60.0  # (60 + 59.9) / 2 rounded to one decimal


def test_stated_verdict_counts_without_a_score() -> None:
    agg = aggregate([review(None, "fresh"), review(None, "Rotten"), review(None, "fresh")])
    assert (agg.fresh, agg.rotten, agg.scored) == (2, 1, 0)
    assert agg.fresh_percent == 66.7
    assert agg.average is None


def test_no_reviews() -> None:
    agg = aggregate([])
    assert agg.fresh_percent is None and agg.average is None and agg.reviews == 0


def inferred(p: float, value: float) -> Review:
    doc = Document("x", "text", "x", (Block("paragraph", "x"),), {})
    score = Score(value, "inferred", explicit=False, p_fresh=p)
    return Review(doc, ReviewMeta(), score, FilmFacts())


def test_fresh_percent_uses_probabilities_and_shows_a_band() -> None:
    agg = aggregate([review(80), inferred(0.9, 75), inferred(0.3, 50)])
    assert agg.fresh_percent == round(100 * (1 + 0.9 + 0.3) / 3, 1)  # not 2 of 3 = 66.7
    assert (agg.fresh, agg.rotten, agg.inferred) == (2, 1, 2)
    low, high = agg.fresh_percent_band
    assert low < agg.fresh_percent < high


def test_no_band_when_every_verdict_is_the_critics() -> None:
    assert aggregate([review(80), review(30)]).fresh_percent_band is None


def test_weighted_score_trusts_printed_scores_most() -> None:
    agg = aggregate([review(90), inferred(0.55, 62)])
    # the unsure inference (|2p-1| = 0.1 → floor 0.25) pulls the mean far less than half-way
    assert agg.weighted_score == round((90 + 0.25 * 62) / 1.25, 1)
    assert agg.average == 76.0
    assert agg.score_label == "universal acclaim"
    assert agg.spread.min == 62 and agg.spread.max == 90


def test_stated_verdict_outranks_an_inferred_score() -> None:
    doc = Document("x", "csv", "x", (Block("paragraph", "x"),), {"verdict": "rotten"})
    r = Review(doc, ReviewMeta(), Score(75, "inferred", explicit=False, p_fresh=0.8), FilmFacts())
    assert r.verdict == "rotten"
    assert aggregate([r]).fresh_percent == 0.0


def test_metacritic_bands() -> None:
    from marquee.aggregate import score_label

    assert [score_label(s) for s in (100, 81, 80, 61, 60, 40, 39, 20, 19, 0)] == [
        "universal acclaim",
        "universal acclaim",
        "generally favorable",
        "generally favorable",
        "mixed or average",
        "mixed or average",
        "generally unfavorable",
        "generally unfavorable",
        "overwhelming dislike",
        "overwhelming dislike",
    ]
