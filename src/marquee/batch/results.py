"""The output folder of a batch: one Parquet file per finished chunk, a manifest, the films.

Layout::

    OUT/manifest.json            what run this is, and which chunks are finished
    OUT/reviews/part-000000.parquet   one file per chunk, rows in input order
    OUT/films.parquet            per-film figures, written when every chunk is finished

Nothing half-written is ever visible: every file is written under a hidden temporary name
(``.name.tmp``, which pyarrow's dataset readers skip) and renamed into place, and a chunk
counts as finished only once the manifest, itself replaced atomically, says so. A run killed
at any moment therefore leaves whole chunk files, and the next run with the same input and
settings carries on from the chunks the manifest lists whose rows are unchanged (each is
recorded with its content hash); a chunk file written but not yet in the manifest is simply
written again. An exclusive lock on ``OUT/.lock`` keeps two runs
from writing the same folder (the kernel drops it when a process dies, even by kill -9).
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from marquee.aggregate import MIN_REVIEWS, fresh_percent
from marquee.batch.work import ChunkResult
from marquee.errors import StoreError

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
FILMS = "films.parquet"
REVIEWS = "reviews"
FORMAT_VERSION = 2  # 2: each chunk recorded with the hash of its rows

FILM_FIGURES = pa.schema(
    [
        ("film", pa.string()),  # slug; null: reviews that name no film
        ("film_title", pa.string()),
        ("film_year", pa.int32()),
        ("reviews", pa.int64()),
        ("scored", pa.int64()),
        ("inferred", pa.int64()),
        ("fresh", pa.int64()),
        ("rotten", pa.int64()),
        ("fresh_percent", pa.float64()),
        ("fresh_percent_low", pa.float64()),
        ("fresh_percent_high", pa.float64()),
        ("average", pa.float64()),
    ]
)
"""Per-film figures, defined as in :func:`marquee.aggregate.aggregate` (fresh % and its 90%
band from each review's ``p_fresh`` by :func:`marquee.aggregate.fresh_percent`, withheld
below :data:`marquee.aggregate.MIN_REVIEWS`; average the mean 0–100 score)."""

_FIGURE_COLUMNS = [
    "problem",
    "film",
    "film_title",
    "film_year",
    "score",
    "score_explicit",
    "verdict",
    "p_fresh",
]


@dataclass(frozen=True, slots=True)
class ChunkEntry:
    """A finished chunk as the manifest records it."""

    file: str
    rows: int
    reviews: int
    problems: int
    digest: str = ""  # the chunk's rows' content hash (batch.sources.chunk_digest)


class ResultsFolder:
    """An output folder opened for one run: resume state, atomic writes, the run lock."""

    def __init__(self, root: Path, identity: Mapping[str, Any]) -> None:
        self.root = root
        self.identity = dict(identity)
        self.finished: dict[int, ChunkEntry] = {}
        self._lock: IO[bytes] | None = None

    def open(self) -> ResultsFolder:
        """Take the folder: lock it, drop temporary files, load what a previous run finished.

        Raises :class:`StoreError` when another run holds it, or when it holds results of a
        different input or different settings (mixing them would break "every row once").
        """
        try:
            self._take()
            self.finished = self._load()
        except BaseException:
            self.close()
            raise
        return self

    def _take(self) -> None:
        try:
            (self.root / REVIEWS).mkdir(parents=True, exist_ok=True)
            self._lock = (self.root / ".lock").open("wb")
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            for stale in (*self.root.glob(".*.tmp"), *(self.root / REVIEWS).glob(".*.tmp")):
                stale.unlink()
        except BlockingIOError:
            raise StoreError(f"{self.root}: another marquee batch is writing here") from None
        except OSError as err:
            raise StoreError(f"{self.root}: cannot write results ({err.strerror})") from None

    def close(self) -> None:
        if self._lock is not None:
            self._lock.close()  # releases the flock
            self._lock = None

    def __enter__(self) -> ResultsFolder:
        return self.open()

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def save_chunk(self, result: ChunkResult, digest: str) -> None:
        """Write a chunk's file, then record it as finished from rows of hash ``digest``."""
        name = f"{REVIEWS}/part-{result.index:06d}.parquet"
        _replace(self.root / name, lambda path: pq.write_table(result.table, path))
        self.finished[result.index] = ChunkEntry(
            name, result.table.num_rows, result.reviews, result.problems, digest
        )
        self._save_manifest(complete=False)

    def retain(self, indices: set[int]) -> None:
        """Forget finished chunks past the input's end (it has shrunk since they were
        scored), and remove their files."""
        stale = sorted(set(self.finished) - indices)
        for index in stale:
            (self.root / self.finished.pop(index).file).unlink(missing_ok=True)
        if stale:
            log.info("%s: dropped %d chunk(s) past the input's end", self.root, len(stale))
            self._save_manifest(complete=False)

    def finish(self) -> pa.Table:
        """Every chunk is in: write the per-film figures and mark the run complete."""
        figures = film_figures(self.chunk_tables())
        _replace(self.root / FILMS, lambda path: pq.write_table(figures, path))
        self._save_manifest(complete=True)
        return figures

    def chunk_tables(self, columns: list[str] = _FIGURE_COLUMNS) -> Iterable[pa.Table]:
        """The finished chunks' results, one table at a time, in input order. Each file is
        read as the one file it is: ``pq.read_table`` opens it as a dataset, importing
        pyarrow.dataset and pyarrow.compute (229M instructions, once per run)."""
        for index in sorted(self.finished):
            with pq.ParquetFile(self.root / self.finished[index].file) as chunk:
                yield chunk.read(columns=columns)

    def _load(self) -> dict[int, ChunkEntry]:
        path = self.root / MANIFEST
        if not path.exists():
            if any((self.root / REVIEWS).iterdir()):
                raise StoreError(f"{self.root}: holds chunk files but no manifest; use a new --out")
            return {}
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
            recorded = manifest["identity"]
            chunks = {int(k): ChunkEntry(**v) for k, v in manifest["chunks"].items()}
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise StoreError(f"{path}: unreadable manifest ({err}); use a new --out") from None
        if recorded != self.identity:
            changed = sorted(
                k for k in {*recorded, *self.identity} if recorded.get(k) != self.identity.get(k)
            )
            raise StoreError(
                f"{self.root}: holds results of another run (different {', '.join(changed)}); "
                "remove it or choose another --out"
            )
        missing = [c.file for c in chunks.values() if not (self.root / c.file).is_file()]
        if missing:
            raise StoreError(f"{self.root}: chunk files missing ({missing[0]} …); use a new --out")
        if chunks:
            log.info("%s: resuming; %d chunk(s) already finished", self.root, len(chunks))
        return chunks

    def _save_manifest(self, *, complete: bool) -> None:
        manifest = {
            "marquee_batch": FORMAT_VERSION,
            "identity": self.identity,
            "complete": complete,
            "chunks": {str(i): asdict(e) for i, e in sorted(self.finished.items())},
        }
        text = json.dumps(manifest, indent=1, ensure_ascii=False)
        _replace(self.root / MANIFEST, lambda path: path.write_text(text, encoding="utf-8"))


def film_figures(tables: Iterable[pa.Table]) -> pa.Table:
    """Per-film figures from results tables, one table at a time: memory grows with the
    number of films, never with the number of reviews."""
    films: dict[str | None, dict[str, Any]] = {}
    for table in tables:
        for r in table.to_pylist():
            if r["problem"] is not None:
                continue
            f = films.setdefault(r["film"], _empty_film(r))
            f["reviews"] += 1
            if r["score"] is not None:
                f["scored"] += 1
                f["score_sum"] += r["score"]
                f["inferred"] += r["score_explicit"] is False
            if r["verdict"] is not None:
                f[r["verdict"]] += 1
            if r["p_fresh"] is not None:
                f["p"].append(r["p_fresh"])
    rows = [
        _figures(slug, f)
        for slug, f in sorted(films.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))
    ]
    return pa.Table.from_pylist(rows, schema=FILM_FIGURES)


def _empty_film(first: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "film_title": first["film_title"],
        "film_year": first["film_year"],
        "reviews": 0,
        "scored": 0,
        "inferred": 0,
        "fresh": 0,
        "rotten": 0,
        "score_sum": 0.0,
        "p": [],
    }


def _figures(slug: str | None, f: Mapping[str, Any]) -> dict[str, Any]:
    enough = len(f["p"]) >= MIN_REVIEWS
    pct, band = fresh_percent(f["p"]) if enough else (None, None)
    return {
        "film": slug,
        "film_title": f["film_title"],
        "film_year": f["film_year"],
        "reviews": f["reviews"],
        "scored": f["scored"],
        "inferred": f["inferred"],
        "fresh": f["fresh"],
        "rotten": f["rotten"],
        "fresh_percent": pct,
        "fresh_percent_low": band[0] if band else None,
        "fresh_percent_high": band[1] if band else None,
        "average": round(f["score_sum"] / f["scored"], 1) if f["scored"] and enough else None,
    }


def _replace(path: Path, write: Callable[[Path], object]) -> None:
    """Write ``path`` whole or not at all: to a hidden temporary name, flushed to disk,
    then renamed over the real one (an atomic step on POSIX file systems)."""
    temporary = path.with_name(f".{path.name}.tmp")
    write(temporary)
    with temporary.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
