"""Ingest speed: documents/s for reading+parsing and for storing, on real reviews.

1. Files: the five bundled samples (five shapes) plus full-length reviews from polarity_v2
   written out as plain-text files, so the figures cover realistic sizes and shapes.
2. An export: ``--rows`` Rotten Tomatoes pull-quotes (rt_critics_cs109, seeded draw) as one
   CSV with film, critic, outlet, date and verdict columns — one document of many rows
   about hundreds of films, each row filed under its film as ``marquee add`` files it.

    .venv/bin/python bench/ingest_speed.py [--n 500] [--rows 1500]
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import tempfile
import time
from pathlib import Path

from marquee.datasets import shared_data_dir
from marquee.documents import ReadOptions
from marquee.ingest import add_reviews, read_reviews
from marquee.model.data import Split, split_of
from marquee.review import FilmHint
from marquee.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "examples" / "ballerina"
POLARITY = shared_data_dir() / "polarity_v2" / "txt_sentoken"
CRITICS = shared_data_dir() / "rt_critics_cs109" / "critics.csv"


def corpus(folder: Path, n: int) -> list[Path]:
    """Samples (each with a unique tail so none is a duplicate) plus polarity reviews."""
    paths = []
    samples = sorted(SAMPLES.iterdir())
    for i in range(n // 2):
        src = samples[i % len(samples)]
        dst = folder / f"sample_{i:05d}{src.suffix}"
        dst.write_text(
            src.read_text(encoding="utf-8") + f"\n\nReview copy {i}.\n", encoding="utf-8"
        )
        paths.append(dst)
    polarity = sorted(POLARITY.glob("*/*.txt"))
    for i, src in enumerate(polarity[: n - len(paths)]):
        dst = folder / f"polarity_{i:05d}.txt"
        dst.write_text(src.read_text(encoding="latin-1"), encoding="utf-8")
        paths.append(dst)
    return paths


def quotes_csv(rows: int, seed: int = 3, split: Split | None = None) -> bytes:
    """``rows`` RT pull-quotes, drawn at random (from the films of one ``split`` if given:
    ``test`` holds the quotes the shipped model never saw), as an export with the usual
    columns."""
    with CRITICS.open(encoding="utf-8", newline="") as f:
        quotes = [
            r
            for r in csv.DictReader(f)
            if r["quote"].strip() and (split is None or split_of(f"film:{r['rtid']}") == split)
        ]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["film", "critic", "outlet", "date", "verdict", "text"])
    for r in random.Random(seed).sample(quotes, rows):
        writer.writerow([r["title"], r["critic"], r["publication"], r["review_date"],
                         r["fresh"], r["quote"]])  # fmt: skip
    return out.getvalue().encode("utf-8")


def export_speed(folder: Path, rows: int) -> None:
    data = quotes_csv(rows)
    t0 = time.perf_counter()
    reviews, _ = read_reviews([("export.csv", data)], options=ReadOptions(), hint=FilmHint())
    t1 = time.perf_counter()
    store = Store(f"sqlite:///{folder / 'export.db'}")
    outcomes = list(add_reviews(store, reviews))
    t2 = time.perf_counter()
    films = len(store.films())
    store.close()
    print(f"\nexport: {rows} RT quotes of {films} films in one CSV ({len(data) / 1e6:.1f} MB)")
    print(f"read + parse : {len(reviews) / (t1 - t0):8.1f} rows/s  ({t1 - t0:.2f} s)")
    print(f"store + file : {len(outcomes) / (t2 - t1):8.1f} rows/s  ({t2 - t1:.2f} s)")
    print(f"end to end   : {len(outcomes) / (t2 - t0):8.1f} rows/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=500, help="documents to ingest")
    parser.add_argument("--rows", type=int, default=1500, help="rows of the CSV export")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = corpus(folder, args.n)
        size_mb = sum(p.stat().st_size for p in paths) / 1e6

        t0 = time.perf_counter()
        reviews, failures = read_reviews(paths, options=ReadOptions(), hint=FilmHint())
        t1 = time.perf_counter()
        store = Store(f"sqlite:///{folder / 'bench.db'}")
        outcomes = list(add_reviews(store, reviews))
        t2 = time.perf_counter()

    read_s, store_s = t1 - t0, t2 - t1
    print(f"documents: {len(paths)} ({size_mb:.1f} MB), failures: {len(failures)}")
    print(f"read + parse : {len(paths) / read_s:8.1f} docs/s  ({read_s:.2f} s)")
    print(f"store + file : {len(outcomes) / store_s:8.1f} docs/s  ({store_s:.2f} s)")
    print(f"end to end   : {len(paths) / (read_s + store_s):8.1f} docs/s")
    with tempfile.TemporaryDirectory() as tmp:
        export_speed(Path(tmp), args.rows)


if __name__ == "__main__":
    main()
