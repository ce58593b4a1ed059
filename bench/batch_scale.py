"""Batch scoring at scale: reviews/s and peak memory for 1k, 10k and 100k reviews, single
process vs Dask with 1 and 2 workers.

The inputs are real critics' writing, resampled: each row takes a critic, outlet, date, film
and fresh/rotten verdict from a random rt_critics_cs109 row, and for its text that row's
pull-quote (80%), a full polarity_v2 review (10%), or a full scale_v1 review with the
critic's own rating printed as N/10 (10%) — an RT-style export with some full reviews in it.

Every run is ``marquee batch`` in its own process, as a user would run it; peak memory is the
largest total resident size of that process and all its children (Dask's scheduler and
workers included), sampled every 0.1 s. rows/s counts the batch itself (from the run's own
summary: reading, scoring, analysing and writing), not the interpreter's start-up. The Dask
runs are checked to give exactly the single-process results.

    .venv/bin/python bench/batch_scale.py [--sizes 1000 10000 100000] [--chunk-size 250]
        [--engines local dask1 dask2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import random
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
    "dask1": ["--engine", "dask", "--workers", "1"],
    "dask2": ["--engine", "dask", "--workers", "2"],
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
    engine: str
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


def run(table: Path, out: Path, size: int, engine: str, chunk: int) -> Result:
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
        engine,
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
    parser.add_argument("--engines", nargs="+", default=list(ENGINES), choices=list(ENGINES))
    parser.add_argument("--chunk-size", type=int, default=250)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="keep inputs and results here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        results = []
        for size in args.sizes:
            table = folder / f"reviews_{size}.csv"
            if not table.exists():
                write_table(table, size, args.seed)
            print(f"{size:,} reviews: {table.stat().st_size / 1e6:.1f} MB", flush=True)
            for engine in args.engines:
                out = folder / f"out_{size}_{engine}"
                result = run(table, out, size, engine, args.chunk_size)
                results.append(result)
                print(
                    f"  {engine:<6} {result.rows / result.seconds:7.1f} rows/s  "
                    f"{result.seconds:7.1f} s (wall {result.wall:.1f})  "
                    f"peak {result.peak_mb:6.0f} MB (driver {result.driver_mb:.0f})  "
                    f"CPU {result.cpu_s:.0f} s (driver {result.driver_cpu_s:.0f} s), "
                    f"load {psutil.getloadavg()[0]:.1f}",
                    flush=True,
                )
                if engine != "local" and "local" in args.engines:
                    same = same_results(folder / f"out_{size}_local", out)
                    print(f"         identical to local: {same}", flush=True)
        report(results)


def report(results: list[Result]) -> None:
    """The table; "cores used" is CPU time over wall time: on a machine shared with other
    work, a speed-up short of the worker count shows there as cores not had."""
    print("\nsize      engine   rows/s  speed-up  peak MB  driver MB  CPU ms/row  cores used")
    base = {r.size: r.rows / r.seconds for r in results if r.engine == "local"}
    for r in results:
        speed = r.rows / r.seconds
        ratio = f"{speed / base[r.size]:.2f}x" if r.size in base else "—"
        print(
            f"{r.size:<9,} {r.engine:<7} {speed:7.1f}  {ratio:>7}  {r.peak_mb:7.0f}  "
            f"{r.driver_mb:9.0f}  {1000 * r.cpu_s / r.rows:10.1f}  {r.cpu_s / r.wall:10.2f}"
        )


if __name__ == "__main__":
    main()
