"""Where chunks are scored: in this process, or on a Dask cluster.

Both engines run the same :func:`~marquee.batch.work.score_chunk` on the same chunks, so
their results are identical; they differ only in where the work happens. Each yields
results as chunks finish, and neither holds more than a few chunks in memory: the Dask
engine keeps at most two chunks in flight per worker thread and submits the next only when
one comes back.

Dask: a ``distributed.LocalCluster`` of worker *processes* (one thread each by default,
since scoring is mostly pure Python and holds the GIL), or a running scheduler by address.
Workers of a real cluster need marquee installed; they get the rows from this process and
send results back, so they need no access to its files.
"""

from __future__ import annotations

import gc
import itertools
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from marquee.batch.work import Chunk, ChunkResult, score_chunk
from marquee.errors import MarqueeError
from marquee.extras import require
from marquee.report_cache import report_key

log = logging.getLogger(__name__)

YOUNG_THRESHOLD = 10_000
"""New objects between the garbage collector's young collections while the local engine
scores (Python's default: 700); see :func:`run_local`."""

IN_FLIGHT_PER_THREAD = 2
"""Chunks queued per worker thread: one running, one ready, so no worker waits for the next."""


def run_local(chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
    """Score each chunk in this process, in order.

    What is loaded by then (the modules imported), and again once the first chunk is in
    (the model, the lexicons, every compiled pattern: most of the process's objects), is
    frozen out of the garbage collector's reach: each full collection walked all of them
    again, for nothing, as they live as long as the process does (1.35 of 80 s CPU on
    20,000 RT quotes; frozen only after the first chunk, the collections during it still
    took 0.06 s of 3.3 on 2,000). Reference counting still frees them.

    While it runs, the collector looks for cycles every :data:`YOUNG_THRESHOLD` new
    objects rather than every 700: reading a row makes hundreds of short-lived containers,
    and at 700 a young collection came every few rows. A run of 2,000 RT quotes made 334
    young and 30 older collections at 700, 134 and 11 at 10,000 (most of them importing
    the modules, before this runs): all collections took 0.12 s of CPU, now 0.08."""
    threshold = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, *threshold[1:])
    gc.freeze()
    try:
        for index, chunk in enumerate(chunks):
            yield score_chunk(chunk)
            if index == 0:
                gc.freeze()
    finally:
        gc.set_threshold(*threshold)


def run_dask(
    chunks: Iterable[Chunk], *, scheduler: str | None = None, workers: int = 2, threads: int = 1
) -> Iterator[ChunkResult]:
    """Score chunks on Dask, yielding each result as its chunk finishes (in any order);
    ``workers`` and ``threads`` (per worker) size the local cluster started when no
    ``scheduler`` is given."""
    require("dask", "the dask engine")
    from distributed import as_completed

    with _client(scheduler, workers, threads) as client:
        slots = sum(client.nthreads().values()) or 1
        log.info("dask: %d worker thread(s) at %s", slots, client.scheduler.address)
        _check_same_code(client)
        todo = iter(chunks)

        def submit(chunk: Chunk) -> Any:
            return client.submit(score_chunk, chunk, key=f"marquee-chunk-{chunk.index}", pure=False)

        running = as_completed(
            [submit(c) for c in itertools.islice(todo, IN_FLIGHT_PER_THREAD * slots)]
        )
        for future in running:
            result: ChunkResult = future.result()
            future.release()
            following = next(todo, None)
            if following is not None:
                running.add(submit(following))
            yield result


def _check_same_code(client: Any) -> None:
    """Refuse workers that run another marquee or model than this process: their results
    would differ from the local engine's, chunk by chunk, without anyone noticing."""
    theirs = set(client.run(report_key).values())
    if theirs - {report_key()}:
        raise MarqueeError(
            "the Dask workers run another version of marquee or of its model than this "
            "process; install the same one on every worker"
        )


@contextmanager
def _client(scheduler: str | None, workers: int, threads: int) -> Iterator[Any]:
    """A Dask client: to ``scheduler`` if given, else to a local cluster started here."""
    import dask
    from distributed import Client, LocalCluster

    if not log.isEnabledFor(logging.DEBUG):
        # distributed sets its loggers to INFO when imported, and then every worker's start
        # and stop drowns marquee's own messages; its warnings still come through
        logging.getLogger("distributed").setLevel(logging.WARNING)
    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except OSError as err:
            raise MarqueeError(f"cannot reach the Dask scheduler at {scheduler} ({err})") from None
        with client:
            yield client
        return
    # No dashboard, so no use for the workers' statistical profiler, which samples every
    # thread's stack every 10 ms and costs a worker about 4% of its time
    with (
        dask.config.set({"distributed.worker.profile.enabled": False}),
        LocalCluster(
            n_workers=workers,
            threads_per_worker=threads,
            processes=True,
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client
