"""Reading inputs into scored reviews (:mod:`marquee.intake`): chunks come out in order,
each scored, and the next chunk is scored while the caller stores the one before."""

from __future__ import annotations

import csv
import json
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
from marquee.scoring import INFERRED_RAW, QUICK_RAW, infer_scores


def _quotes(tmp_path: Path, rows: int) -> Path:
    """A table of ``rows`` one-line quotes of one film."""
    table = tmp_path / "quotes.csv"
    table.write_text("film,text\n" + "".join(f"Dune,Quote number {i}.\n" for i in range(rows)))
    return table


def _watch_scoring(monkeypatch: pytest.MonkeyPatch) -> list[threading.Thread]:
    """The thread of each call to the real model, in call order."""
    scored_on: list[threading.Thread] = []

    def score(reviews: Sequence[Review], **how: bool) -> list[Review]:
        scored_on.append(threading.current_thread())
        return infer_scores(reviews, **how)

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

    def score(reviews: Sequence[Review], **how: bool) -> list[Review]:
        assert release.wait(timeout=20)
        return infer_scores(reviews, **how)  # the real model, watched

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


class _CountingEncoder:
    """The model's encoder, noting every text it is asked to read."""

    def __init__(self, encoder: Any) -> None:
        self.encoder, self.read = encoder, []

    def logits(self, texts: Sequence[str]) -> Any:
        self.read += texts
        return self.encoder.logits(texts)


def test_quick_infers_scores_without_the_encoder_and_keeps_printed_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``quick`` (add --quick): a quote the n-gram views doubt keeps their reading, where
    the full model has the encoder read it again; a printed score is read as ever."""
    from marquee.model import load_model
    from marquee.model.predict import routed

    model = load_model()
    counting = _CountingEncoder(model.encoder)
    monkeypatch.setattr(model, "encoder", counting)
    fixture = Path(__file__).parent / "fixtures" / "aspects_labelled.jsonl"
    quotes = [json.loads(line)["text"] for line in fixture.read_text().splitlines()[:60]]
    table = tmp_path / "quotes.csv"
    with table.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["film", "score", "text"])
        writer.writerows(["Dune", "", q] for q in quotes)
        writer.writerow(["Dune", "7/10", quotes[0]])

    def read(quick: bool) -> list[Review]:
        stream = intake.stream_reviews([table], options=ReadOptions(), hint=FilmHint(), quick=quick)
        return [review for chunk, _ in stream for review in chunk]

    def inferred(reviews: list[Review], raw: str = INFERRED_RAW) -> list[tuple[str, float | None]]:
        return [
            (r.document.body, r.score.p_fresh) for r in reviews if r.score and r.score.raw == raw
        ]

    full = read(quick=False)
    bodies = [body for body, _ in inferred(full)]
    ngrams = [round(float(p), 4) for p in model.p_fresh(bodies, encoder=False)]
    assert set(counting.read) == {t for t, p in zip(bodies, ngrams, strict=True) if routed(p)}
    assert counting.read  # else the encoder read nothing either way
    counting.read.clear()
    quick = read(quick=True)
    assert counting.read == []
    assert inferred(quick, QUICK_RAW) == list(zip(bodies, ngrams, strict=True)) != inferred(full)
    assert inferred(quick) == []  # each quick score says it is one
    assert quick[-1].score == full[-1].score and quick[-1].score.explicit
    assert quick[-1].score.value == 70.0
