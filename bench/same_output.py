"""Every film report for a fixed input, as JSON, so a refactor can prove it changed nothing.

Adds the seed reviews (/work/shared/seeds) and the first few hundred Rotten Tomatoes quotes
(rt_critics_cs109) to a fresh SQLite store through the real ``marquee add`` command, then
writes ``marquee report --json`` of every film, in slug order, to one file. Run it before a
change and after, and compare the files byte for byte::

    python bench/same_output.py /tmp/before.json
    python bench/same_output.py /tmp/after.json && cmp /tmp/before.json /tmp/after.json

Paths of the temporary inputs are replaced by ``<tmp>`` so two runs compare equal.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
import tempfile
from pathlib import Path

from typer.testing import CliRunner

from marquee.cli import app
from marquee.store_urls import ENV_VAR

DATA = Path("/work/shared/data")
SEEDS = Path("/work/shared/seeds")
QUOTES = DATA / "rt_critics_cs109" / "critics.csv"


def _quotes(dest: Path, count: int) -> Path:
    """The first ``count`` rows of the RT export that carry a quote, as their own CSV."""
    with QUOTES.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        rows = [row for row in reader if row["quote"].strip()][:count]
        fields = reader.fieldnames or []
    out = dest / "rt_quotes.csv"
    with out.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return out


def _run(runner: CliRunner, args: list[str], env: dict[str, str]) -> str:
    result = runner.invoke(app, args, env=env, catch_exceptions=False)
    if result.exit_code not in (0, 1):  # 1: some input could not be read, reported per file
        sys.exit(f"marquee {' '.join(args)} exited {result.exit_code}:\n{result.output}")
    return result.stdout


def reports(work: Path, quote_count: int) -> list[dict[str, object]]:
    """``marquee report --json`` of every film after adding the seeds and the quotes."""
    seeds = work / "seeds"
    shutil.copytree(SEEDS, seeds)
    table = _quotes(work, quote_count)
    env = {ENV_VAR: f"sqlite:///{work / 'marquee.db'}", "COLUMNS": "200"}
    runner = CliRunner()
    _run(runner, ["--create", "add", str(seeds), "--json"], env)
    _run(runner, ["add", str(table), "--json"], env)
    films = json.loads(_run(runner, ["films", "--json"], env))
    return [
        json.loads(_run(runner, ["report", f["slug"], "--json"], env))
        for f in sorted(films, key=lambda f: f["slug"])
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="where to write the reports (JSON)")
    parser.add_argument("--quotes", type=int, default=300, help="RT quotes to add")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="marquee-same-") as tmp:
        text = json.dumps(reports(Path(tmp), args.quotes), indent=1, sort_keys=True)
        text = text.replace(tmp, "<tmp>")
    args.out.write_text(text + "\n", encoding="utf-8")
    films = text.count('"slug"')
    print(f"{args.out}: {films} film reports, {len(text):,} characters")


if __name__ == "__main__":
    main()
