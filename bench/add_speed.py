"""Speed where people wait: every figure of issue 15's goals table, inside one run.

Each command runs as a user runs it, ``python -m marquee …`` in its own process, into a fresh
SQLite store, with its bytecode cached as an installed marquee's is, so start-up, reading,
scoring, filing and building the film pages all count:

1. ``add`` on RT-quote CSVs (rt_critics_cs109, seeded draw; film, critic, outlet, date,
   verdict and quote columns) of 2,000 and 8,000 rows: docs/s each, their ratio, and the
   ratio of the two runs' peak memory (the process's own ``ru_maxrss``, read at exit).
2. ``add`` on a folder of full-length polarity_v2 reviews, one file each: docs/s.
3. Start-up wall times (best of three): ``--help``, ``films``, ``report FILM --json`` on the
   2,000-row store, whose film pages ``add`` has already built and cached.
4. ``batch`` on the 2,000-row CSV: CPU seconds (user + system, the process and its
   children) per row.
5. The model on the dev split's RT quotes beside VADER, in this process (n-gram views and
   the encoder, as ``add`` scores them).

With ``--against OLD/src`` the throughput figures (1, 2 and 4) are measured for that tree too,
on the same inputs, back to back with this one (old first), each beside its CPU seconds: on a
shared machine only a paired run compares two trees fairly. With ``--quick`` they are measured
twice in this tree instead, ``add``/``batch`` as given and with ``--quick`` (full first), the
same way. ``--split test`` draws the quotes from the test split's films, which the shipped
model never saw, as a user's quotes are (the default draw is of every film; the model trained
on most of them, and its encoder re-reads fewer of its quotes).

    .venv/bin/python bench/add_speed.py [--rows 2000 8000] [--files 200] [--split test]
                                        [--against DIR | --quick]
                                        [--memory-only | --full-only | --batch-only]

``--memory-only`` stops after the CSV runs (figure 1: the rate and peak-memory ratios);
``--full-only`` measures figure 2 alone (full-length reviews), ``--batch-only`` figure 4 alone
(``batch`` on the smaller CSV, ``--runs`` times per tree, the trees taking turns), for paired
runs of that figure.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from ingest_speed import quotes_csv  # the same seeded draw of RT quotes

import marquee as marquee_package
from marquee.datasets import shared_data_dir

DATA = shared_data_dir()
POLARITY = DATA / "polarity_v2" / "txt_sentoken"

_RUN = """
import atexit, resource, sys
atexit.register(lambda: sys.stderr.write(
    f"\\nMAXRSS_KB {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n"))
import marquee.cli as cli
sys.argv = ["marquee", *sys.argv[1:]]
(getattr(cli, "main", None) or cli.app)()  # the console script's entry (older trees: app)
"""


class Arm(NamedTuple):
    """One side of a paired run: the tree (its ``src`` folder; None: this one) and the
    options given to every ``add`` and ``batch``."""

    src: str | None
    flags: tuple[str, ...] = ()


def review_files(folder: Path, n: int) -> Path:
    """``n`` full-length polarity_v2 reviews, one plain-text file each."""
    folder.mkdir()
    for i, src in enumerate(sorted(POLARITY.glob("*/*.txt"))[:n]):
        (folder / f"review_{i:05d}.txt").write_text(src.read_text(encoding="latin-1"))
    return folder


def marquee(db: Path, *args: str, src: str | None = None) -> tuple[float, float, int, str]:
    """Run ``marquee --db DB ARGS`` (the tree at ``src``, else this one): (wall s, CPU s of
    it and its children, peak KiB, stdout)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONWARNINGS"] = "ignore"
    if src is not None:
        env["PYTHONPATH"] = src
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _RUN, "--db", f"sqlite:///{db}", "--create", *args],
        capture_output=True,
        text=True,
        env=env,
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"marquee {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = max(
        (int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("MAXRSS")),
        default=0,
    )
    return wall, cpu, peak, done.stdout


def compiled(arms: dict[str, Arm]) -> None:
    """Each tree's bytecode written before anything is timed, as ``pip install`` writes an
    installed marquee's: with PYTHONDONTWRITEBYTECODE set in the shell, every run compiled
    each module it imported again (about 0.03 ms of CPU a batch row), which no user pays."""
    for src in {arm.src or str(Path(marquee_package.__file__).parents[1]) for arm in arms.values()}:
        compileall.compile_dir(src, quiet=1)


def best_wall(db: Path, *args: str, runs: int = 3) -> float:
    return min(marquee(db, *args)[0] for _ in range(runs))


def full_reviews(folder: Path, name: str, files: Path, arm: Arm) -> None:
    """Figure 2: ``add`` on the folder of full-length reviews, into a fresh store."""
    n = len(list(files.iterdir()))
    wall, cpu, _peak, _ = marquee(
        folder / f"{name}full.db", "add", str(files), "--json", *arm.flags, src=arm.src
    )
    print(f"{name:>5} add, {n} full reviews   : {n / wall:7.1f} docs/s  "
          f"({wall:.1f} s, CPU {cpu:.1f} s)")  # fmt: skip


def batch_cpu(folder: Path, name: str, table: Path, rows: int, arm: Arm) -> None:
    """Figure 4: ``batch`` on the CSV into a new output folder, CPU seconds per row."""
    out = Path(tempfile.mkdtemp(prefix=f"{name}out", dir=folder))
    wall, cpu, _peak, _ = marquee(
        folder / f"{name}q{rows}.db", "batch", str(table), "--out", str(out), *arm.flags,
        src=arm.src,
    )  # fmt: skip
    print(f"{name:>5} batch CPU per quote row   : {1000 * cpu / rows:.2f} ms  "
          f"({rows / wall:.0f} rows/s)")  # fmt: skip


def model_vs_vader() -> tuple[float, float]:
    """Quotes/s of the scoring model (as ``add`` calls it) and of VADER, dev-split RT quotes."""
    from marquee.lab.baselines import polarity
    from marquee.lab.corpora import in_split, load_quotes
    from marquee.model import load_model

    texts = [ex.text for ex in in_split(load_quotes(), "dev")]
    model = load_model()
    model.p_fresh(texts[:200])
    polarity("vader", texts[:50])
    t0 = time.perf_counter()
    model.p_fresh(texts)
    t1 = time.perf_counter()
    polarity("vader", texts)
    t2 = time.perf_counter()
    return len(texts) / (t1 - t0), len(texts) / (t2 - t1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs=2, default=[2000, 8000])
    parser.add_argument("--files", type=int, default=200, help="full-length review files")
    parser.add_argument("--skip-model", action="store_true", help="no model-vs-VADER figure")
    paired = parser.add_mutually_exclusive_group()
    paired.add_argument("--against", help="another tree's src folder, measured beside this one")
    paired.add_argument("--quick", action="store_true", help="add/batch beside add/batch --quick")
    parser.add_argument("--split", choices=("train", "dev", "test"), help="quotes of these films")
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--memory-only", action="store_true", help="only the two CSV runs")
    only.add_argument("--full-only", action="store_true", help="only the full-review run")
    only.add_argument("--batch-only", action="store_true", help="only the batch CPU figure")
    parser.add_argument("--runs", type=int, default=1, help="batch runs per tree (--batch-only)")
    args = parser.parse_args()
    small, large = args.rows
    arms = {"": Arm(None)}
    if args.against:
        arms = {"old": Arm(args.against), "new": Arm(None)}
    if args.quick:
        arms = {"full": Arm(None), "quick": Arm(None, ("--quick",))}
    compiled(arms)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = review_files(folder / "full", args.files)
        for rows in (small,) if args.batch_only else (small, large):  # the test split has 3,160
            (folder / f"quotes_{rows}.csv").write_bytes(quotes_csv(rows, split=args.split))
        if args.batch_only:
            for _ in range(args.runs):
                for name, arm in arms.items():
                    batch_cpu(folder, name, folder / f"quotes_{small}.csv", small, arm)
            return
        for name, arm in arms.items():
            if args.full_only:
                full_reviews(folder, name, files, arm)
                continue
            rates, peaks = {}, {}
            for rows in (small, large):
                table = folder / f"quotes_{rows}.csv"
                db = folder / f"{name}q{rows}.db"
                wall, cpu, peak, _ = marquee(
                    db, "add", str(table), "--json", *arm.flags, src=arm.src
                )
                rates[rows], peaks[rows] = rows / wall, peak
                print(f"{name:>5} add, {rows:>5} RT-quote rows : {rates[rows]:7.1f} docs/s  "
                      f"({wall:.1f} s, CPU {cpu:.1f} s, peak {peak / 1024:.0f} MiB)")  # fmt: skip
            print(f"{name:>5}   rate ratio {large} ÷ {small}   : {rates[large] / rates[small]:.2f}")
            print(f"{name:>5}   peak memory ratio       : {peaks[large] / peaks[small]:.3f}")
            if args.memory_only:
                continue
            full_reviews(folder, name, files, arm)
            batch_cpu(folder, name, folder / f"quotes_{small}.csv", small, arm)
        if args.memory_only or args.full_only:
            return

        db = folder / f"{name}q{small}.db"
        films = json.loads(marquee(db, "films", "--json")[3])
        slug = films[0]["slug"]
        print(f"marquee --help            : {best_wall(db, '--help'):.2f} s")
        print(f"marquee films             : {best_wall(db, 'films'):.2f} s  ({len(films)} films)")
        print(f"marquee report FILM --json: {best_wall(db, 'report', slug, '--json'):.2f} s")
    if not args.skip_model:
        ours, vader = model_vs_vader()
        print(f"model on quotes           : {ours:7.0f} quotes/s, VADER {vader:.0f}: "
              f"{ours / vader:.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
