"""Reading inputs into scored reviews (:mod:`marquee.intake`): chunks come out in order,
each scored, and the next chunk is scored while the caller stores the one before."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from marquee import intake
from marquee.documents import ReadOptions
from marquee.records import Review
from marquee.review import FilmHint
from marquee.scoring import infer_scores


def _quotes(tmp_path: Path, rows: int) -> Path:
    """A table of ``rows`` one-line quotes of one film."""
    table = tmp_path / "quotes.csv"
    table.write_text("film,text\n" + "".join(f"Dune,Quote number {i}.\n" for i in range(rows)))
    return table


def _watch_scoring(monkeypatch: pytest.MonkeyPatch) -> list[threading.Thread]:
    """The thread of each call to the real model, in call order."""
    scored_on: list[threading.Thread] = []

    def score(reviews: Sequence[Review]) -> list[Review]:
        scored_on.append(threading.current_thread())
        return infer_scores(reviews)

    monkeypatch.setattr(intake, "infer_scores", score)
    return scored_on


def test_a_chunk_is_scored_while_the_caller_holds_the_one_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scored_on = _watch_scoring(monkeypatch)
    table = _quotes(tmp_path, 7)
    stream = intake.stream_reviews([table], options=ReadOptions(), hint=FilmHint(), chunk=2)
    first, failed = next(stream)
    deadline = time.monotonic() + 10
    while len(scored_on) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(scored_on) >= 2, "the second chunk was not scored ahead"
    rest = [review for read, _ in stream for review in read]
    bodies = [review.document.body for review in [*first, *rest]]
    assert bodies == [f"Quote number {i}." for i in range(7)]
    assert failed == [] and len(scored_on) == 4
    assert threading.main_thread() not in scored_on  # all on the scoring thread


def test_reading_runs_a_bounded_number_of_chunks_ahead_of_scoring(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the model is slow to answer (starting up), inputs are still read, but no
    more than AHEAD chunks beyond the one being scored: memory stays bounded."""
    files = []
    for i in range(intake.AHEAD + 4):
        files.append(tmp_path / f"review_{i}.md")
        files[-1].write_text(f"---\nfilm: Dune\n---\n\nA vast, patient film number {i}.\n")
    release = threading.Event()

    def score(reviews: Sequence[Review]) -> list[Review]:
        assert release.wait(timeout=20)
        return infer_scores(reviews)  # the real model, watched

    parse = intake._parse
    read: list[str] = []

    def parse_and_count(source: str, *args: Any) -> list[Review]:
        read.append(source)
        return parse(source, *args)

    monkeypatch.setattr(intake, "infer_scores", score)
    monkeypatch.setattr(intake, "_parse", parse_and_count)
    stream = intake.stream_reviews(files, options=ReadOptions(), hint=FilmHint(), chunk=1)
    first: list[list[Review]] = []
    consumer = threading.Thread(target=lambda: first.append(next(stream)[0]))
    consumer.start()
    deadline = time.monotonic() + 10
    while len(read) < intake.AHEAD + 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)  # had it not stopped, it would read on now
    assert len(read) == intake.AHEAD + 1  # the chunk being scored and AHEAD more
    release.set()
    consumer.join(timeout=20)
    rest = [review for chunk, _ in stream for review in chunk]
    assert len(first[0]) + len(rest) == len(files) and len(read) == len(files)


def test_with_one_cpu_each_chunk_is_scored_in_turn_on_the_callers_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scored_on = _watch_scoring(monkeypatch)
    monkeypatch.setattr(intake, "_cpus", lambda: 1)
    table = _quotes(tmp_path, 5)
    stream = intake.stream_reviews([table], options=ReadOptions(), hint=FilmHint(), chunk=2)
    bodies = [review.document.body for read, _ in stream for review in read]
    assert bodies == [f"Quote number {i}." for i in range(5)]
    assert scored_on == [threading.main_thread()] * 3
