"""Start-up where people wait: ``marquee --help``, ``marquee films`` and a cached
``marquee report FILM --json`` (by slug and by exact title) on a 2,000-film store, this tree
beside an older one (default: main at 97818fc, before the plain-``sqlite3`` read path) in
the same run, so the ratio holds however loaded the machine is.

The store is built once through the real ``marquee add`` (the first ``--per-film`` RT
quotes of each of ``--films`` films of rt_critics_cs109, so ``add`` builds and caches
every film's report as a user's store has them) and kept at ``--store`` for later runs.
The export's titles that carry quotes make 1,917 films once matched: the most it gives.
Each tree reads its own copy of it. Every command runs as a user runs it,
``python -m marquee …`` in its own process; the figures are the best wall time and the
best CPU time (user + system: steadier than wall time on a loaded machine) of ``--runs``,
the two trees taking turns run by run. With ``--instructions`` it also counts the
instructions each command executes, once per tree, under valgrind (cachegrind without
its cache simulation, hash seed fixed): the same count on a loaded machine as on a quiet
one, where times on a shared host drift by a third from run to run. Both trees run with
their bytecode cached, as an installed marquee does (see :func:`environment`).

    .venv/bin/python bench/startup.py [--films 2000] [--base 97818fc] [--runs 5]
        [--instructions]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from marquee.datasets import shared_data_dir

CRITICS = shared_data_dir() / "rt_critics_cs109" / "critics.csv"
TREE = Path(__file__).resolve().parent.parent / "src"
VALGRIND = ("valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null")
"""Counting instructions only: no cache simulation, no output file."""


def quotes(films: int, per_film: int) -> bytes:
    """The first ``per_film`` quotes of each of the first ``films`` films, as an export."""
    taken: dict[str, int] = {}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["film", "critic", "outlet", "date", "verdict", "text"])
    with CRITICS.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            title = r["title"]
            if not r["quote"].strip() or taken.get(title, 0) >= per_film:
                continue
            if title not in taken and len(taken) >= films:
                continue
            taken[title] = taken.get(title, 0) + 1
            writer.writerow([title, r["critic"], r["publication"], r["review_date"],
                             r["fresh"], r["quote"]])  # fmt: skip
    return out.getvalue().encode("utf-8")


def environment(tree: Path) -> dict[str, str]:
    """As an installed marquee runs: its modules' bytecode cached (``pip install`` compiles
    it). PYTHONDONTWRITEBYTECODE, if this shell sets it, would have each run compile every
    marquee module it imports again (about 75M instructions of ``marquee films``)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": str(tree), "PYTHONWARNINGS": "ignore", "COLUMNS": "120"}


def run(tree: Path, *args: str) -> tuple[float, float, str]:
    """``python -m marquee ARGS`` with ``tree`` on the path: (wall s, CPU s, stdout)."""
    env = environment(tree)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "marquee", *args], capture_output=True, text=True, env=env
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"marquee {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, done.stdout


def instructions(tree: Path, *args: str) -> int:
    """The instructions ``python -m marquee ARGS`` executes with ``tree`` on the path."""
    done = subprocess.run(
        [*VALGRIND, sys.executable, "-m", "marquee", *args],
        capture_output=True,
        text=True,
        env={**environment(tree), "PYTHONHASHSEED": "0"},
    )
    counted = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if done.returncode != 0 or counted is None:
        raise SystemExit(f"valgrind marquee {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return int(counted[1].replace(",", ""))


def build_store(path: Path, films: int, per_film: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        table = Path(tmp) / "quotes.csv"
        table.write_bytes(quotes(films, per_film))
        t0 = time.perf_counter()
        run(TREE, "--db", f"sqlite:///{path}", "--create", "add", str(table), "--json")
        print(f"built {path} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)


def old_tree(rev: str, dest: Path) -> Path:
    """``src/`` of commit ``rev``, unpacked under ``dest`` (no worktree, nothing checked out)."""
    archive = subprocess.run(
        ["git", "-C", str(TREE.parent), "archive", rev, "src"], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest / "src"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--films", type=int, default=3000, help="most RT titles taken")
    parser.add_argument("--per-film", type=int, default=3, help="RT quotes added per film")
    parser.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()) / "startup.db")
    parser.add_argument("--base", default="97818fc", help="the older tree's commit")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--instructions", action="store_true", help="also count instructions (valgrind)"
    )
    args = parser.parse_args()
    if not args.store.exists():
        build_store(args.store, args.films, args.per_film)
    with tempfile.TemporaryDirectory() as tmp:
        trees = {"this tree": TREE, args.base: old_tree(args.base, Path(tmp) / "old")}
        stores: dict[str, Path] = {}
        for name in trees:
            stores[name] = Path(tmp) / f"{len(stores)}.db"
            shutil.copyfile(args.store, stores[name])
        listed = json.loads(run(TREE, "--db", f"sqlite:///{stores['this tree']}", "films",
                                "--json")[2])  # fmt: skip
        film = listed[0]
        title = film["title"] if film["year"] is None else f"{film['title']} ({film['year']})"
        commands = {
            "--help": ["--help"],
            "films": ["films"],
            "report SLUG --json": ["report", film["slug"], "--json"],
            "report TITLE --json": ["report", title, "--json"],
        }
        for name, tree in trees.items():  # build (or check) the cached report once
            run(tree, "--db", f"sqlite:///{stores[name]}", "report", film["slug"], "--json")

        def argv(command: str, name: str) -> list[str]:
            db = [] if command == "--help" else ["--db", f"sqlite:///{stores[name]}"]
            return db + commands[command]

        for command in commands:  # each tree's bytecode written before anything is timed
            for name, tree in trees.items():
                run(tree, *argv(command, name))

        best: dict[tuple[str, str], tuple[float, float]] = {}
        for _ in range(args.runs):
            for command in commands:
                for name, tree in trees.items():
                    wall, cpu, _out = run(tree, *argv(command, name))
                    was = best.get((command, name), (wall, cpu))
                    best[command, name] = (min(was[0], wall), min(was[1], cpu))
        counts = {
            (command, name): instructions(tree, *argv(command, name)) / 1e6
            for command in commands
            for name, tree in trees.items()
            if args.instructions
        }
    print(f"{len(listed):,} films; best of {args.runs} runs, seconds")
    print(f"{'':<22}{'wall':>31}  {'CPU':>29}")
    print(f"{'command':<22}" + f"{args.base:>10}{'this tree':>11}{'ratio':>8}  " * 2)
    for command in commands:
        old, new = best[command, args.base], best[command, "this tree"]
        cells = [f"{old[i]:>10.3f}{new[i]:>11.3f}{new[i] / old[i]:>8.2f}" for i in (0, 1)]
        print(f"{command:<22}{cells[0]}  {cells[1]}")
    if counts:
        print("\ninstructions executed, millions")
        print(f"{'command':<22}{args.base:>10}{'this tree':>11}{'ratio':>8}")
        for command in commands:
            before, after = counts[command, args.base], counts[command, "this tree"]
            print(f"{command:<22}{before:>10.1f}{after:>11.1f}{after / before:>8.2f}")


if __name__ == "__main__":
    main()
