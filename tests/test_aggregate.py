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
