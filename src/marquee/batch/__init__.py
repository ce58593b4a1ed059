"""Batch scoring at scale: a review table of any size in, Parquet results out.

``marquee batch IN --out OUT`` streams a CSV, JSONL or Parquet table in chunks (memory
stays flat however large the input), reads each row as ``marquee add`` would, scores and
analyses it, and writes one Parquet file per chunk plus per-film figures::

    >>> summary = run_batch(Path("reviews.csv"), Path("out"))             # doctest: +SKIP
    >>> summary = run_batch(Path("reviews.csv"), Path("out"),             # doctest: +SKIP
    ...                     options=BatchOptions(engine="dask", workers=2))

The stages, in the order data flows: :mod:`.sources` (rows from the file),
:mod:`.work` (one chunk → results table, the same function on every engine),
:mod:`.engines` (this process or Dask), :mod:`.results` (the output folder: atomic files,
the manifest a killed run resumes from, the film figures), :mod:`.run` (all of it).
"""

from marquee.batch.results import FILM_FIGURES
from marquee.batch.run import BatchOptions, BatchProgress, BatchSummary, run_batch
from marquee.batch.work import RESULTS

__all__ = [
    "BatchOptions",
    "BatchProgress",
    "BatchSummary",
    "FILM_FIGURES",
    "RESULTS",
    "run_batch",
]
