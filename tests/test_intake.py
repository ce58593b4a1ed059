"""Reading inputs into scored reviews (:mod:`marquee.intake`): chunks come out in order,
each scored, and the next chunk is scored while the caller stores the one before."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

from marquee import intake
from marquee.documents import ReadOptions
from marquee.records import Review
from marquee.review import FilmHint


def test_a_chunk_is_scored_while_the_caller_holds_the_one_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = tmp_path / "quotes.csv"
    table.write_text("film,text\n" + "".join(f"Dune,Quote number {i}.\n" for i in range(7)))
    scored_on: list[threading.Thread] = []
    second_scored = threading.Event()

    def score(reviews: Sequence[Review]) -> list[Review]:
        scored_on.append(threading.current_thread())
        if len(scored_on) == 2:
            second_scored.set()
        return list(reviews)

    monkeypatch.setattr(intake, "infer_scores", score)
    stream = intake.stream_reviews([table], options=ReadOptions(), hint=FilmHint(), chunk=2)
    first, failed = next(stream)
    assert second_scored.wait(timeout=10), "the second chunk was not scored ahead"
    rest = [review for read, _ in stream for review in read]
    bodies = [review.document.body for review in [*first, *rest]]
    assert bodies == [f"Quote number {i}." for i in range(7)]
    assert failed == [] and len(scored_on) == 4
    assert threading.main_thread() not in scored_on  # all on the scoring thread
