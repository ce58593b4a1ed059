"""Film page load: server time for one film with 300 reviews, page and JSON twin.

The film is built from real critics' writing, resampled: each review takes a critic,
outlet, date and fresh/rotten verdict from a random row of rt_critics_cs109, and for its
text either that row's pull-quote or a full-length review from scale_v1 (with the
critic's own normalised rating as its score, written as N/10). All 300 are filed under
one film (a film column in the export), through the same ingest as ``marquee add --film``.

Times are measured through the ASGI app in-process (FastAPI's TestClient): the whole
request handling (cached report read, render), without the network. Target: the median
and p95 of the page under 300 ms. For comparison it also times what a page would cost
without the report cache: decoding the reviews and building the report (opinions and
consensus over all 300), once.

    .venv/bin/python bench/page_load.py [--reviews 300] [--repeat 30] [--seed 7]
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from marquee.documents import ReadOptions
from marquee.ingest import add_reviews, read_reviews
from marquee.report import build_report, report_json
from marquee.report_cache import film_report
from marquee.review import FilmHint
from marquee.store import Store
from marquee.web import create_app
from marquee.web.pages import film_page

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette prefers httpx2 for its test client
    from fastapi.testclient import TestClient

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
CRITICS = DATA / "rt_critics_cs109" / "critics.csv"
SCALE = DATA / "scale_v1"
FILM, YEAR = "Bench Film", 2020


def rt_rows() -> list[dict[str, str]]:
    with CRITICS.open(encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f) if r["quote"].strip() and r["critic"].strip()]


def scale_reviews() -> list[tuple[str, float]]:
    """(full text, normalised rating) for every scale_v1 review."""
    pairs = []
    for author in sorted(p for p in (SCALE / "scaledata").iterdir() if p.is_dir()):
        ids = (author / f"id.{author.name}").read_text().split()
        ratings = (author / f"rating.{author.name}").read_text().split()
        texts = SCALE / "scale_whole_review" / author.name / "txt.parag"
        for review_id, rating in zip(ids, ratings, strict=True):
            text = (texts / f"{review_id}.txt").read_text(encoding="latin-1")
            pairs.append(
                ("\n\n".join(line for line in text.splitlines() if line.strip()), float(rating))
            )
    return pairs


def film_csv(n: int, rng: random.Random) -> bytes:
    """``n`` resampled reviews as one CSV export: half pull-quotes, half full reviews."""
    rows, full = rng.sample(rt_rows(), n), iter(rng.sample(scale_reviews(), n))
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=["film", "year", "critic", "outlet", "date", "verdict", "score", "text"]
    )
    writer.writeheader()
    for i, row in enumerate(rows):
        text, rating = (row["quote"], None) if i % 2 else next(full)
        score = "" if rating is None else f"{rating * 10:.1f}/10"
        writer.writerow(
            {
                "film": FILM,
                "year": YEAR,
                "critic": row["critic"],
                "outlet": row["publication"],
                "date": row["review_date"],
                "verdict": row["fresh"] if not score else "",
                "score": score,
                "text": text,
            }
        )
    return out.getvalue().encode("utf-8")


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def summary(name: str, times: list[float]) -> str:
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) >= 2 else times[0]
    return f"{name:<28} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        store = Store(url)
        data = film_csv(args.reviews, random.Random(args.seed))
        start = time.perf_counter()
        reviews, failures = read_reviews(
            [("bench.csv", data)], options=ReadOptions(), hint=FilmHint(title=FILM, year=YEAR)
        )
        outcomes = list(add_reviews(store, reviews))
        added = sum(o.status == "added" for o in outcomes)
        took = time.perf_counter() - start
        print(
            f"ingested {added} reviews ({len(failures)} failures, "
            f"{len(data) / 1e6:.1f} MB) in {took:.1f} s"
        )
        entry = store.films()[0]
        print(f"film {entry.slug}: {entry.reviews} reviews")
        client = TestClient(create_app(url), base_url="http://127.0.0.1")
        page, twin = f"/films/{entry.slug}", f"/films/{entry.slug}.json"
        for path in (page, twin):
            assert client.get(path).status_code == 200  # warm-up: imports, template compile
        report = client.get(twin).json()
        loaded = store.reviews(entry.id)
        few = max(3, args.repeat // 10)
        results = [
            summary("GET page (HTML)", timed(lambda: client.get(page), args.repeat)),
            summary("GET page.json", timed(lambda: client.get(twin), args.repeat)),
            summary(
                "  film_report (cached)", timed(lambda: film_report(store, entry), args.repeat)
            ),
            summary("  render HTML", timed(lambda: film_page(report), args.repeat)),
            "without the cache (after a film changes, ingest rebuilds it):",
            summary("  store.reviews()", timed(lambda: store.reviews(entry.id), few)),
            summary(
                "  build_report+report_json",
                timed(lambda: report_json(build_report(entry.slug, entry.facts, loaded)), 1),
            ),
        ]
        print("\n".join(results))
        sizes = [len(client.get(path).content) / 1000 for path in (page, twin)]
        print(f"page size {sizes[0]:.0f} kB, JSON {sizes[1]:.0f} kB")
        store.close()


if __name__ == "__main__":
    main()
