"""Film-level counts, fresh %, its band, the minimum before a score, and the headline."""

from __future__ import annotations

import pytest

from marquee.aggregate import MIN_REVIEWS, aggregate, headline, score_label, shown
from marquee.records import Block, Document, FilmFacts, Review, ReviewMeta, Score


def review(score: float | None, verdict: str | None = None) -> Review:
    meta = {"verdict": verdict} if verdict else {}
    doc = Document("x", "csv", "x", (Block("paragraph", "x"),), meta)
    return Review(
        doc, ReviewMeta(), Score(score, str(score)) if score is not None else None, FilmFacts()
    )


def inferred(p: float, value: float, verdict: str | None = None) -> Review:
    doc = Document(
        "x", "text", "x", (Block("paragraph", "x"),), {"verdict": verdict} if verdict else {}
    )
    score = Score(value, "inferred", explicit=False, p_fresh=p)
    return Review(doc, ReviewMeta(), score, FilmFacts())


def test_fresh_at_sixty_rotten_below() -> None:
    agg = aggregate([review(60), review(59.9), review(None), review(80), review(90), review(10)])
    assert (agg.reviews, agg.scored, agg.fresh, agg.rotten) == (6, 5, 3, 2)
    assert agg.fresh_percent == 60.0 and agg.fresh_percent_band is None
    assert agg.average == 60.0  # (60 + 59.9 + 80 + 90 + 10) / 5, one decimal


def test_too_few_reviews_withhold_the_headline_but_keep_the_counts() -> None:
    agg = aggregate([review(90)] * (MIN_REVIEWS - 1))
    assert agg.fresh_percent is None and agg.weighted_score is None and agg.average is None
    assert (agg.fresh, agg.enough_reviews) == (MIN_REVIEWS - 1, False)
    top = headline(_as_dict(agg))
    assert top["fresh"] is None and top["score"] is None
    assert top["status"].startswith("not enough reviews yet: 4 of the 5")
    assert aggregate([review(90)] * MIN_REVIEWS).fresh_percent == 100.0


def test_stated_verdict_counts_without_a_score() -> None:
    agg = aggregate([review(None, v) for v in ("fresh", "Rotten", "fresh", "fresh", "rotten")])
    assert (agg.fresh, agg.rotten, agg.scored) == (3, 2, 0)
    assert agg.fresh_percent == 60.0 and agg.average is None
    assert agg.verdicts_from.critic == 5


def test_no_reviews() -> None:
    agg = aggregate([])
    assert agg.fresh_percent is None and agg.average is None and agg.reviews == 0


def test_inferred_reviews_are_read_together_with_a_band() -> None:
    # five confident fresh readings: counted alone they would average 80%, read as a
    # film whose every review leans fresh they come out higher
    agg = aggregate([inferred(0.8, 75)] * 5)
    assert agg.fresh_percent > 80
    low, high = agg.fresh_percent_band
    assert low <= agg.fresh_percent <= high and high - low > 0
    assert (agg.fresh, agg.inferred, agg.verdicts_from.model) == (5, 5, 5)


def test_the_critics_verdicts_narrow_the_band() -> None:
    guesses = aggregate([inferred(0.7, 70)] * 10)
    known = aggregate([inferred(0.7, 70)] * 5 + [review(None, "fresh")] * 5)
    width = guesses.fresh_percent_band[1] - guesses.fresh_percent_band[0]
    assert known.fresh_percent_band[1] - known.fresh_percent_band[0] < width
    assert known.verdicts_from.critic == 5 and known.verdicts_from.model == 5


def test_no_band_when_every_verdict_is_the_critics() -> None:
    assert aggregate([review(80), review(30)] * 3).fresh_percent_band is None


def test_the_critics_verdict_outranks_a_printed_and_an_inferred_score() -> None:
    assert review(40, "fresh").verdict == "fresh"  # RT lets a critic call a 2/5 fresh
    r = inferred(0.8, 75, verdict="rotten")
    assert r.verdict == "rotten"
    agg = aggregate([r] * 5)
    assert agg.fresh_percent == 0.0 and agg.verdicts_from.critic == 5


def test_weighted_score_trusts_printed_scores_most() -> None:
    agg = aggregate([review(90)] * 4 + [inferred(0.55, 62)])
    # the unsure inference (|2p-1| = 0.1 → floor 0.25) pulls the mean far less than its share
    assert agg.weighted_score == round((4 * 90 + 0.25 * 62) / 4.25, 1)
    assert agg.score_label == "universal acclaim"
    assert agg.spread.min == 62 and agg.spread.max == 90


def test_bands_share_the_fresh_line() -> None:
    assert [score_label(s) for s in (100, 81, 80, 60, 59.9, 40, 39, 20, 19, 0)] == [
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


@pytest.mark.parametrize("value", [59.7, 59.5, 60.0, 80.6, 39.6, 72.4, 19.5])
def test_headline_number_colour_and_label_agree(value: float) -> None:
    """What a reader sees never contradicts itself: the shown number sits on the same side
    of every line as the colour and the label."""
    agg = {"fresh_percent": value, "weighted_score": value, "enough_reviews": True}
    top = headline(agg)
    number = int(top["fresh"]["text"].rstrip("%"))
    assert (number >= 60) == (top["fresh"]["tone"] == "fresh") == (top["fresh"]["label"] == "fresh")
    assert score_label(number) == top["score"]["label"] == score_label(value)
    assert abs(shown(value) - value) < 1


def _as_dict(agg) -> dict:
    from dataclasses import asdict

    return asdict(agg)


@pytest.mark.parametrize(
    "values", [[73.4], [60.0, 60.0, 60.0], [0.0, -0.0], [62, 90], [12.3, 45.6, 78.9, 45.6]]
)
def test_the_spread_is_the_population_stdev_of_the_scores(values: list[float]) -> None:
    """Scores all alike skip ``statistics.pstdev`` (its exact fractions are costly), with
    the same answer it gives."""
    import statistics

    spread = aggregate([review(v) for v in values]).spread
    assert spread is not None
    assert (spread.stdev, spread.min, spread.max) == (
        round(statistics.pstdev(values), 1),
        min(values),
        max(values),
    )
    assert str(spread.stdev) == str(round(statistics.pstdev(values), 1))  # 0.0, never -0.0


def test_a_reports_figures_are_the_aggregate_field_by_field() -> None:
    """report_json copies the figures without asdict's deep copies, to the same dict."""
    from dataclasses import asdict

    from marquee.report import FilmReport, report_json

    reviews = [inferred(0.8, 75), inferred(0.3, 40), review(90), review(60), review(62)]
    figures = aggregate(reviews)
    assert figures.spread is not None and figures.fresh_percent_band is not None
    report = FilmReport("dune", FilmFacts(title="Dune"), (), figures, (), (), None)
    shown_figures = report_json(report)["aggregate"]
    assert {k: shown_figures[k] for k in asdict(figures)} == asdict(figures)
