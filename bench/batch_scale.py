"""Batch scoring at scale: reviews/s and peak memory for 1k, 10k and 100k reviews, single
process vs Dask with 1, 2 or more worker processes, at one or more chunk (partition) sizes.

The inputs are real critics' writing, resampled: each row takes a critic, outlet, date, film
and fresh/rotten verdict from a random rt_critics_cs109 row, and for its text that row's
pull-quote (80%), a full polarity_v2 review (10%), or a full scale_v1 review with the
critic's own rating printed as N/10 (10%) — an RT-style export with some full reviews in it.

Every run is ``marquee batch`` in its own process, as a user would run it; peak memory is the
largest total resident size of that process and all its children (Dask's scheduler and
workers included), sampled every 0.1 s. rows/s counts the batch itself (from the run's own
summary: reading, scoring, analysing and writing), not the interpreter's start-up. The Dask
runs are checked to give exactly the single-process results.

Each Dask figure is a ratio to the local engine on the same table and chunk size, measured in
the same run. On a shared machine the load moves between runs, so ``--rounds N`` runs every
engine N times, in a rotated order each round, and the ratio is the median of each round's
own ratio (a round's runs are minutes apart, not the whole bench).

    .venv/bin/python bench/batch_scale.py [--sizes 1000 10000 100000] [--chunk-sizes 250 1000]
        [--engines local dask1 dask2] [--rounds 1] [--keep DIR]
    # issue 15's Dask row: 20k rows, the partition sizes and worker counts to compare
    # (--table: a CSV of your own instead, e.g. 20,000 RT quotes; rows/s counts its rows)
    .venv/bin/python bench/batch_scale.py --sizes 20000 --chunk-sizes 500 1000 2000 \
        --engines local dask2 dask3 --rounds 2
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
import pyarrow.dataset as ds

from marquee.datasets import shared_data_dir

DATA = shared_data_dir()
ENGINES = {
    "local": ["--engine", "local"],
    **{f"dask{n}": ["--engine", "dask", "--workers", str(n)] for n in (1, 2, 3, 4)},
    # one worker process running chunks on n threads, where dask{n} runs n processes
    **{f"dask1t{n}": ["--engine", "dask", "--workers", "1", "--threads", str(n)] for n in (2, 3)},
}


def rt_rows() -> list[dict[str, str]]:
    with (DATA / "rt_critics_cs109" / "critics.csv").open(encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f) if r["quote"].strip() and r["fresh"] != "none"]


def polarity_reviews() -> list[str]:
    return [
        p.read_text(encoding="latin-1")
        for p in sorted((DATA / "polarity_v2" / "txt_sentoken").glob("*/*.txt"))
    ]


def scale_reviews() -> list[tuple[str, float]]:
    """(full text, the critic's normalised rating) for every scale_v1 review."""
    root = DATA / "scale_v1"
    pairs = []
    for author in sorted(p for p in (root / "scaledata").iterdir() if p.is_dir()):
        ids = (author / f"id.{author.name}").read_text().split()
        ratings = (author / f"rating.{author.name}").read_text().split()
        texts = root / "scale_whole_review" / author.name / "txt.parag"
        for review_id, rating in zip(ids, ratings, strict=True):
            text = (texts / f"{review_id}.txt").read_text(encoding="latin-1")
            pairs.append((text, float(rating)))
    return pairs


def write_table(path: Path, n: int, seed: int) -> None:
    """``n`` resampled reviews as one CSV export."""
    rng = random.Random(seed)
    rows, full, rated = rt_rows(), polarity_reviews(), scale_reviews()
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(
            f, fieldnames=["film", "critic", "outlet", "date", "verdict", "score", "text"]
        )
        writer.writeheader()
        for _ in range(n):
            row, kind = rng.choice(rows), rng.random()
            text, score, verdict = row["quote"], "", row["fresh"]
            if kind >= 0.9:
                text, rating = rng.choice(rated)
                score, verdict = f"{rating * 10:.1f}/10", ""
            elif kind >= 0.8:
                text = rng.choice(full)
            writer.writerow(
                {
                    "film": row["title"],
                    "critic": row["critic"],
                    "outlet": row["publication"],
                    "date": row["review_date"],
                    "verdict": verdict,
                    "score": score,
                    "text": text,
                }
            )


@dataclass
class Result:
    size: int
    chunk: int
    engine: str
    round: int
    rows: int
    seconds: float  # the batch, as its summary says
    wall: float  # the whole process, start-up included
    peak_mb: float  # all processes together
    driver_mb: float  # the marquee batch process alone
    cpu_s: float  # CPU time of all processes together (user + system)
    driver_cpu_s: float  # of the marquee batch process alone (reading, writing, scheduling)


class Watch:
    """Samples a process tree: peak resident memory, and each process's CPU time (kept
    from its last sample, since a finished process can no longer be asked)."""

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)
        self.peak = self.driver_peak = 0
        self.cpu: dict[int, float] = {}

    def sample(self) -> None:
        try:
            tree = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return
        total = 0
        for process in tree:
            with contextlib.suppress(psutil.Error):
                with process.oneshot():
                    rss, times = process.memory_info().rss, process.cpu_times()
                total += rss
                self.cpu[process.pid] = times.user + times.system
                if process.pid == self.root.pid:
                    self.driver_peak = max(self.driver_peak, rss)
        self.peak = max(self.peak, total)


def run(table: Path, out: Path, size: int, engine: str, chunk: int, round_: int) -> Result:
    command = [sys.executable, "-m", "marquee", "batch", str(table), "--out", str(out)]
    command += ["--chunk-size", str(chunk), "--json", *ENGINES[engine]]
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watch = Watch(proc.pid)

    def sample() -> None:
        while proc.poll() is None:
            watch.sample()
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    sampler.join()
    wall = time.perf_counter() - started
    if proc.returncode not in (0, 1):  # 1: some rows had no text, which is fine here
        raise SystemExit(f"{engine} on {size}: exit {proc.returncode}\n{stderr[-2000:]}")
    summary = json.loads(stdout)
    return Result(
        size,
        chunk,
        engine,
        round_,
        summary["rows"],
        summary["seconds"],
        wall,
        watch.peak / 1e6,
        watch.driver_peak / 1e6,
        sum(watch.cpu.values()),
        watch.cpu.get(proc.pid, 0.0),
    )


def same_results(a: Path, b: Path) -> bool:
    tables = [ds.dataset(o / "reviews", format="parquet").to_table() for o in (a, b)]
    return tables[0].equals(tables[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument(
        "--engines", nargs="+", default=["local", "dask1", "dask2"], choices=list(ENGINES)
    )
    parser.add_argument("--chunk-sizes", type=int, nargs="+", default=[250])
    parser.add_argument("--rounds", type=int, default=1, help="runs of each engine, rotated")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="keep inputs and results here")
    parser.add_argument(
        "--table", type=Path, help="run on this CSV instead (--sizes then only names it)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        results = []
        for size in args.sizes:
            table = args.table or folder / f"reviews_{size}.csv"
            if not table.exists():
                write_table(table, size, args.seed)
            print(f"{size:,} reviews: {table.stat().st_size / 1e6:.1f} MB", flush=True)
            for chunk in args.chunk_sizes:
                for round_ in range(args.rounds):
                    shift = round_ % len(args.engines)
                    outs = {}
                    for engine in args.engines[shift:] + args.engines[:shift]:
                        outs[engine] = folder / f"out_{size}_{chunk}_{engine}_{round_}"
                        result = run(table, outs[engine], size, engine, chunk, round_)
                        results.append(result)
                        print(f"  chunk {chunk:<5} round {round_} {line(result)}", flush=True)
                    for engine, out in outs.items():
                        if engine != "local" and "local" in outs:
                            same = same_results(outs["local"], out)
                            print(f"         {engine} identical to local: {same}", flush=True)
        report(results)


def line(r: Result) -> str:
    return (
        f"{r.engine:<6} {r.rows / r.seconds:7.1f} rows/s  {r.seconds:7.1f} s (wall {r.wall:.1f})  "
        f"peak {r.peak_mb:6.0f} MB (driver {r.driver_mb:.0f})  CPU {r.cpu_s:.0f} s "
        f"(driver {r.driver_cpu_s:.0f} s), load {psutil.getloadavg()[0]:.1f}"
    )


def report(results: list[Result]) -> None:
    """The table; speed-up is the median over rounds of each round's ratio to the local
    engine at the same size and chunk size; "cores used" is CPU time over wall time: on a
    machine shared with other work, a speed-up short of the worker count shows there as
    cores not had."""
    print(
        "\nsize      chunk  engine  runs  rows/s  speed-up  peak MB  driver MB  CPU ms/row  "
        "cores used"
    )
    local = {(r.size, r.chunk, r.round): r.rows / r.seconds for r in results if r.engine == "local"}
    groups: dict[tuple[int, int, str], list[Result]] = {}
    for r in results:
        groups.setdefault((r.size, r.chunk, r.engine), []).append(r)
    for (size, chunk, engine), runs in groups.items():
        speeds = [r.rows / r.seconds for r in runs]
        ratios = [v / local[size, chunk, r.round] for v, r in zip(speeds, runs, strict=True)
                  if (size, chunk, r.round) in local]  # fmt: skip
        ratio = f"{statistics.median(ratios):.2f}x" if ratios else "—"
        cpu = sum(r.cpu_s for r in runs) / sum(r.rows for r in runs)
        print(
            f"{size:<9,} {chunk:<6} {engine:<7} {len(runs):>4}  {statistics.median(speeds):6.1f}  "
            f"{ratio:>8}  {max(r.peak_mb for r in runs):7.0f}  "
            f"{max(r.driver_mb for r in runs):9.0f}  {1000 * cpu:10.1f}  "
            f"{sum(r.cpu_s for r in runs) / sum(r.wall for r in runs):10.2f}"
        )


if __name__ == "__main__":
    main()
