"""A whole batch: stream the input in chunks, score them on an engine, keep each finished
chunk, and finish with the per-film figures.

A run into a folder that already holds finished chunks resumes: every chunk is read again
(its rows must be read anyway to find where the next one starts) and its content hash
compared with the one recorded when it was finished; only a chunk whose rows are exactly
the same is taken as done. An input edited in the middle, even to the same size and with
the same ends, has the chunks that changed scored again, and chunks past a shortened
input's end are dropped.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from marquee.batch.engines import run_dask, run_local
from marquee.batch.results import ResultsFolder
from marquee.batch.sources import Row, TableSource, chunk_digest, chunks, open_table
from marquee.batch.work import Chunk, ChunkResult, ChunkSettings
from marquee.errors import MarqueeError
from marquee.records import Shape
from marquee.report_cache import report_key
from marquee.review import FilmHint

log = logging.getLogger(__name__)

Engine = Literal["local", "dask"]


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchOptions:
    """How to run a batch.

    ``chunk_size`` rows are read, scored and written together: memory holds a few chunks,
    and a killed run loses at most the chunks in progress. ``columns`` and ``hint`` are
    ``marquee add``'s ``--column`` and ``--film/--year``. ``engine`` is ``"local"`` (this
    process) or ``"dask"`` (``scheduler`` address, else a local cluster of ``workers``
    processes, each running ``threads`` chunks at once). ``quick`` infers scores with the
    n-gram views alone (:func:`~marquee.scoring.infer_scores`). Chunk size, columns, hint and
    ``quick`` decide the results, so resuming needs the same ones; the engine does not.
    """

    chunk_size: int = 1000
    columns: Mapping[str, str] = field(default_factory=dict)
    hint: FilmHint = FilmHint()
    quick: bool = False
    engine: Engine = "local"
    scheduler: str | None = None
    workers: int = 2
    threads: int = 1


@dataclass(frozen=True, slots=True)
class BatchProgress:
    """Rows finished so far, and the share of the input read behind them (None: unknown)."""

    rows: int
    fraction: float | None


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """What a run did, counting chunks a previous run had already finished."""

    out: Path
    rows: int
    reviews: int
    problems: int
    films: int
    chunks: int
    resumed: int  # chunks found finished and not scored again
    seconds: float
    quick: bool  # scores inferred by the n-gram views alone (BatchOptions.quick)


def run_batch(
    path: Path,
    out: Path,
    *,
    options: BatchOptions = BatchOptions(),
    progress: Callable[[BatchProgress], None] = lambda _p: None,
) -> BatchSummary:
    """Score and analyse every row of the table at ``path`` into the folder ``out``.

    Resumes a previous run into the same folder with the same input and settings. Raises
    :class:`~marquee.errors.ParseError` for an input that is not a readable review table and
    :class:`~marquee.errors.StoreError` for an output folder that cannot be used.
    """
    if options.chunk_size < 1:
        raise MarqueeError(f"chunk size must be at least 1, not {options.chunk_size}")
    if min(options.workers, options.threads) < 1:
        raise MarqueeError("a Dask cluster needs at least 1 worker and 1 thread per worker")
    started = time.perf_counter()
    source = open_table(path, columns=options.columns)
    settings = ChunkSettings(columns=dict(options.columns), hint=options.hint, quick=options.quick)
    with ResultsFolder(out, _identity(source, options)) as folder:
        done = _Tally(source, folder, progress)
        for result in _engine(options)(_pending(source, settings, options.chunk_size, done)):
            folder.save_chunk(result, done.digest(result.index))
            done.finished(result)
        folder.retain(done.cut_so_far)
        figures = folder.finish()
        entries = folder.finished.values()
        return BatchSummary(
            out=out,
            rows=sum(e.rows for e in entries),
            reviews=sum(e.reviews for e in entries),
            problems=sum(e.problems for e in entries),
            films=sum(1 for film in figures.column("film").to_pylist() if film is not None),
            chunks=len(folder.finished),
            resumed=done.resumed,
            seconds=time.perf_counter() - started,
            quick=options.quick,
        )


class _Tally:
    """Progress as chunks finish: rows behind us, and how far the input has been read for
    the chunks finished (a chunk's end position and content hash are noted when it is
    cut)."""

    def __init__(
        self, source: TableSource, folder: ResultsFolder, report: Callable[[BatchProgress], None]
    ) -> None:
        self._size = source.size
        self._finished = folder.finished
        self._report = report
        self._cut: dict[int, tuple[int, str]] = {}
        self.cut_so_far: set[int] = set()
        self.resumed = 0
        self.rows = 0
        self._read = 0

    def cut(self, index: int, rows: tuple[Row, ...], end: int) -> bool:
        """Note a chunk cut at byte ``end``; returns whether it still needs scoring (one a
        previous run finished from the very same rows counts as done right away)."""
        self.cut_so_far.add(index)
        digest = chunk_digest(rows)
        entry = self._finished.get(index)
        if entry is not None and entry.digest == digest:
            self.resumed += 1
            self._advance(len(rows), end)
            return False
        if entry is not None:
            log.info("chunk %d changed since it was scored; scoring it again", index)
        self._cut[index] = (end, digest)
        return True

    def digest(self, index: int) -> str:
        """The content hash of a chunk cut for scoring."""
        return self._cut[index][1]

    def finished(self, result: ChunkResult) -> None:
        end, _digest = self._cut.pop(result.index)
        self._advance(result.table.num_rows, end)

    def _advance(self, rows: int, end: int) -> None:
        self.rows += rows
        self._read = max(self._read, end)
        self._report(BatchProgress(self.rows, self._read / self._size if self._size else None))


def _pending(
    source: TableSource, settings: ChunkSettings, size: int, tally: _Tally
) -> Iterator[Chunk]:
    """The chunks still to score; finished ones are read past (their rows still have to be
    read to find where the next chunk starts)."""
    rows = source.open_rows()
    shape: Shape = "csv" if source.format == "csv" else "jsonl"
    for index, group in enumerate(chunks(rows, size)):
        if tally.cut(index, group, rows.position()):
            yield Chunk(index, str(source.path), shape, source.encoding, group, settings)


def _engine(options: BatchOptions) -> Callable[[Iterator[Chunk]], Iterator[ChunkResult]]:
    if options.engine == "local":
        return run_local
    if options.engine == "dask":
        return lambda todo: run_dask(
            todo, scheduler=options.scheduler, workers=options.workers, threads=options.threads
        )
    raise MarqueeError(f"engine must be local or dask, not {options.engine!r}")


def _identity(source: TableSource, options: BatchOptions) -> dict[str, object]:
    """Everything that decides the results; a folder only resumes a run with the same."""
    return {
        "input": str(source.path),
        "format": source.format,
        "chunk_size": options.chunk_size,
        "columns": dict(sorted(options.columns.items())),
        "film": options.hint.title,
        "year": options.hint.year,
        "quick": options.quick,
        "code": report_key(),
    }
