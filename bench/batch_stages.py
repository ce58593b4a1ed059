"""Where `marquee batch` spends its CPU: each stage of a chunk's work, timed apart.

Runs :func:`marquee.batch.work.score_chunk`'s steps one by one over a table (CSV or JSONL,
chunks of ``--chunk-size``), in this process, and prints each stage's CPU seconds (process
time: other jobs on a shared machine do not count) and its share per row: imports and the
model's loading once, then reading the rows into documents, parsing them (metadata, score,
film facts), the model's scores, the opinions stage, and building the results. Run it at
two sizes (2,000 and 20,000 rows) to tell the fixed part from the per-row slope.

    .venv/bin/python bench/batch_stages.py TABLE [--chunk-size 1000]
"""

from __future__ import annotations

import time

_STARTED = time.process_time()

import argparse  # noqa: E402 - the imports are one of the stages timed
from pathlib import Path  # noqa: E402

import marquee.cli  # noqa: E402, F401 - what `marquee batch` imports before any work
from marquee.batch import work  # noqa: E402
from marquee.batch.results import film_figures  # noqa: E402
from marquee.batch.sources import chunks, open_table  # noqa: E402
from marquee.model import load_model  # noqa: E402
from marquee.records import Document  # noqa: E402
from marquee.review import parse_review  # noqa: E402
from marquee.scoring import infer_scores  # noqa: E402


class Clock:
    """CPU seconds by stage, in the order stages were first timed."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {"imports": time.process_time() - _STARTED}
        self._last = time.process_time()

    def lap(self, stage: str) -> None:
        now = time.process_time()
        self.spent[stage] = self.spent.get(stage, 0.0) + now - self._last
        self._last = now


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("table", type=Path)
    parser.add_argument("--chunk-size", type=int, default=1000)
    args = parser.parse_args()
    clock = Clock()
    load_model()
    clock.lap("model load")
    source = open_table(args.table, columns={})
    shape = "csv" if source.format == "csv" else "jsonl"
    rows, tables = 0, []
    for index, group in enumerate(chunks(source.open_rows(), args.chunk_size)):
        chunk = work.Chunk(
            index, str(args.table), shape, source.encoding, group, work.ChunkSettings()
        )
        clock.lap("framing rows")
        readings = work.documents_of(chunk)
        clock.lap("rows → documents")
        parsed = [parse_review(d) for d in readings if isinstance(d, Document)]
        clock.lap("parse_review")
        reviews = infer_scores(parsed)
        clock.lap("model scores")
        opinions = iter(work._opinions(reviews))
        clock.lap("opinions")
        scored = iter(reviews)
        records = [
            work._review_record(row, next(scored), next(opinions))
            if isinstance(r, Document)
            else work._problem(row, r)
            for row, r in zip(chunk.rows, readings, strict=True)
        ]
        tables.append(work._table(records))
        clock.lap("results table")
        rows += len(group)
    film_figures(tables)
    clock.lap("film figures")
    total = sum(clock.spent.values())
    for stage, seconds in clock.spent.items():
        print(f"{stage:<18} {seconds:7.2f} s CPU  {1000 * seconds / rows:5.2f} ms a row")
    print(f"{'total':<18} {total:7.2f} s CPU  {1000 * total / rows:5.2f} ms a row ({rows:,} rows)")


if __name__ == "__main__":
    main()
