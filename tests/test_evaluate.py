"""The evaluation harness on tiny inputs with known answers (the figures it prints for the
real corpora are only as good as these pieces)."""

from __future__ import annotations

import numpy as np
import pytest

from marquee.lab import evaluate
from marquee.lab.corpora import Example
from marquee.records import Block, Document, FilmFacts, Review, ReviewMeta, Score


def quote(text: str, label: int, film: str, key: str) -> Example:
    return Example(text=text, label=label, source="rt_quotes", key=key, unit=film, group=film)


def test_film_errors_are_mean_absolute_and_signed_by_how_liked() -> None:
    truth = {"a": 90.0, "b": 20.0, "c": 50.0}
    got = evaluate._film_errors(truth, {"a": 80.0, "b": 30.0, "c": None})
    assert got == {"mae": 10.0, "signed_80_up": -10.0, "signed_under_40": 10.0, "n": 2}


def test_reliability_bins_count_and_average() -> None:
    p = np.array([0.05, 0.05, 0.95, 0.95, 0.95, 0.95])
    y = np.array([0, 1, 1, 1, 1, 0])
    rows = evaluate.reliability(p, y)
    assert rows[0] == {"bin": "0.0–0.1", "n": 2, "mean_p": 0.05, "fresh_rate": 0.5}
    assert rows[9]["n"] == 4 and rows[9]["fresh_rate"] == 0.75
    assert sum(r["n"] for r in rows) == 6 and rows[5]["mean_p"] is None


def test_binary_figures_calibrate_only_inferred_reviews() -> None:
    y = np.array([1, 0, 1, 0])
    fresh = np.array([1, 0, 0, 0])
    p = np.array([0.9, 0.1, np.nan, 0.2])  # the third had a printed score
    got = evaluate._binary(y, fresh, p)
    assert got["accuracy"] == 0.75 and got["printed"] == 1 and got["n"] == 4
    assert got["ece"] == pytest.approx((0.1 + 0.1 + 0.2) / 3, abs=1e-4)


def band_review(p: float) -> Review:
    doc = Document("x", "text", "x", (Block("paragraph", "x"),), {})
    return Review(doc, ReviewMeta(), Score(50, "inferred", explicit=False, p_fresh=p), FilmFacts())


def test_coverage_counts_films_whose_band_holds_the_truth() -> None:
    from marquee.aggregate import aggregate

    films = {"in": list(range(6)), "out": list(range(6, 12)), "big": list(range(12, 42))}
    aggs = {
        "in": aggregate([band_review(0.5)] * 6),
        "out": aggregate([band_review(0.99)] * 6),
        "big": aggregate([band_review(0.5)] * 30),
    }
    # a band always holds its own point estimate, and never a share of 0 beside p = .99
    truth = {"in": aggs["in"].fresh_percent, "out": 0.0, "big": aggs["big"].fresh_percent}
    p = np.array([0.5] * 6 + [0.99] * 6 + [0.5] * 30)
    got = evaluate._coverage(films, truth, aggs, p)
    assert got["5-9"]["mean_p_band_coverage"] == 0.5  # the old band misses the 0% film too
    assert got["5-9"]["n"] == 2 and got["5-9"]["coverage"] == 0.5
    assert got["10-29"]["n"] == 0 and got["10-29"]["coverage"] is None
    assert got["30+"]["n"] == 1 and got["30+"]["coverage"] == 1.0
    assert 0 < got["30+"]["median_width"] < got["5-9"]["median_width"]


def test_quotes_go_through_the_export_reader_with_their_verdicts() -> None:
    rows = [
        quote("A joyous, generous film.", 1, "f1", "q1"),
        quote(
            'Tedious, witless and far too long, with a plot that "twists", badly.', 0, "f1", "q2"
        ),
        quote("Another, with a comma, and a newline\ninside.", 1, "f2", "q3"),
    ]
    reviews = evaluate.read_as_export(rows, lambda ex: ex.key == "q2")
    assert [" ".join(r.document.body.split()) for r in reviews] == [
        " ".join(ex.text.split()) for ex in rows
    ]
    assert [r.stated_verdict for r in reviews] == [None, "rotten", None]
    assert [r.document.meta.get("film_id") for r in reviews] == ["f1", "f1", "f2"]


@pytest.mark.corpora
def test_marquee_eval_smoke_prints_every_published_figure() -> None:
    """The command users run: the test split, each corpus beside both baselines, the film
    figures, the band's coverage by review count, the reliability table, the consensus."""
    import json

    from typer.testing import CliRunner

    from marquee.cli import app

    result = CliRunner().invoke(app, ["eval", "--smoke", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["split"]["name"] == "test"
    tasks = figures["tasks"]
    for task in (
        "polarity_v2",
        "rt_snippets",
        "rt_quotes",
        "scale_v1",
        "film_fresh_text",
        "film_fresh_half_stated",
    ):
        assert set(tasks[task]) == {"marquee", "vader", "textblob"}, task
    assert tasks["rt_quotes"]["marquee"]["accuracy"] > tasks["rt_quotes"]["vader"]["accuracy"]
    assert set(figures["coverage"]) == {"5-9", "10-29", "30+"}
    assert sum(row["n"] for row in figures["reliability"]) == tasks["rt_quotes"]["marquee"]["n"]
    assert figures["consensus"]["n"] > 0
