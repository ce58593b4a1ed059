"""Page load of the browsing pages over a store of 2,000 films: the film page of a film with
200 reviews, critic pages (the most prolific critic, and a typical one), a person page, the
film list and search.

The store is built from rt_critics_cs109 on the fast path: each quote is written straight
through the store's transactions as a review with the critic's stated fresh/rotten verdict
(no reading, no model), filed under its film (one per ``rtid``; the first 2,000 films).
One more film takes 200 quotes resampled from the whole set, and a made-up performer is
credited in it and in 11 other films, so the person page has a dozen films to gather.
Reports of the films the timed pages show are built once beforehand (``marquee add``
builds them the same way); the timings are of cached pages, as readers get them.

Times are measured through the ASGI app in-process (FastAPI's TestClient): the whole
request (store reads, report, render), without the network. Target: film page < 100 ms.

    .venv/bin/python bench/page_speed.py [--films 2000] [--reviews 200] [--repeat 30]
        [--store PATH]

Measured 2026-12-06, 2,000 films / 20,069 reviews, 30 requests each, on 2 cores shared
with other work (load average 4–6, so wall p95s swing between runs; CPU is steadier):
film page (200 reviews) median 40–47 ms, p95 82–231 ms, CPU 21–23 ms; its .json 15–25 ms;
critic with 158 reviews 60–76 ms; critic with 1,356 reviews 190–263 ms (CPU 104–122 ms);
person in 12 films 81–170 ms (CPU 50–71 ms); film list 52–71 ms; CSV of all 2,000 films
97–152 ms; search 27–55 ms.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import tempfile
import time
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from page_load import timed  # bench/ is on the path when this script runs

from marquee.browse.bylines import name_slug
from marquee.records import Block, CastMember, Document, FilmFacts, Review, ReviewMeta
from marquee.report_cache import film_report
from marquee.store import Store, content_hash
from marquee.web import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette prefers httpx2 for its test client
    from fastapi.testclient import TestClient

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
CRITICS = DATA / "rt_critics_cs109" / "critics.csv"
FILM, YEAR, PERFORMER = "Bench Film", 2020, "Bench Performer"


def rows() -> list[dict[str, str]]:
    """Every review row; a third have no quote (a verdict only), as in RT's own exports."""
    with CRITICS.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def review(row: dict[str, str], n: int, facts: FilmFacts) -> Review:
    """A quote as the CSV reader would make it: the row as raw text, the quote as body."""
    critic, outlet = row["critic"].strip() or None, row["publication"].strip() or None
    meta = {"verdict": row["fresh"], "critic": critic or "", "outlet": outlet or ""}
    document = Document(
        source=f"critics.csv#row={n}",
        shape="csv",
        raw=json.dumps({**row, "n": n}),
        blocks=(Block("paragraph", row["quote"]),) if row["quote"].strip() else (),
        meta=meta,
    )
    by = ReviewMeta(critic=critic, outlet=outlet, published=row["review_date"] or None)
    return Review(document, by, None, facts)


def build(store: Store, films: int, reviews: int, seed: int) -> None:
    """Write the store: ``films`` films, one of them with ``reviews`` resampled quotes."""
    every = rows()
    quoted = [r for r in every if r["quote"].strip() and r["critic"].strip()]
    by_film: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in every:
        by_film[row["rtid"]].append(row)
    chosen = list(by_film.items())[: films - 1]
    rng = random.Random(seed)
    credited = {rtid for rtid, _ in rng.sample(chosen, 11)}
    cast = (CastMember(PERFORMER, "the lead"),)
    written = 0
    plan = [(FilmFacts(title=FILM, year=YEAR, cast=cast), rng.sample(quoted, reviews))]
    for rtid, film_rows in chosen:
        facts = FilmFacts(title=film_rows[0]["title"], cast=cast if rtid in credited else ())
        plan.append((facts, film_rows))
    for facts, film_rows in plan:
        with store.transaction() as tx:
            slug = name_slug(facts.title or "untitled") + (f"-{facts.year}" if facts.year else "")
            film_id = tx.save_film(facts, slug)
            for row in film_rows:
                r = review(row, written, facts)
                doc = tx.add_document(r.document, content_hash(r.document))
                tx.add_review(r, document_id=doc, position=0, film_id=film_id)
                written += 1


def summary(name: str, times: list[float], cpu: list[float]) -> str:
    p95 = statistics.quantiles(times, n=20)[-1]
    return (
        f"{name:<40} median {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms   "
        f"CPU median {statistics.median(cpu):6.1f} ms"
    )


def cpu_times(fn: Callable[[], object], repeat: int) -> list[float]:
    """CPU time of this process (every thread) per call: what a page costs the server,
    whatever else the machine is doing (wall times on a shared machine include waiting)."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append((time.process_time() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--films", type=int, default=2000)
    parser.add_argument("--reviews", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--store", type=Path, help="keep the store here (reused if present)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.store or Path(tmp) / "bench.db"
        url = f"sqlite:///{path}"
        fresh = not path.exists()
        store = Store(url)
        start = time.perf_counter()
        if fresh:
            build(store, args.films, args.reviews, args.seed)
        counts = store.counts()
        print(
            f"store: {counts['films']} films, {counts['reviews']} reviews, "
            f"{'written' if fresh else 'opened'} in {time.perf_counter() - start:.1f} s"
        )
        entries = store.films()
        film = next(e for e in entries if e.facts.title == FILM)
        person = [e for e in entries if any(c.actor == PERFORMER for c in e.facts.cast)]
        start = time.perf_counter()
        for e in person:
            film_report(store, e)
        print(
            f"reports of the {len(person)} timed films built in {time.perf_counter() - start:.1f} s"
        )
        critics = Counter(r.meta.critic for e in person for r in store.reviews(e.id))
        del critics[None]
        busiest = max(critics, key=lambda c: (critics[c], c))
        typical = sorted(critics, key=lambda c: (critics[c], c))[len(critics) // 2]
        pages = {
            f"film page, {film.reviews} reviews": f"/films/{film.slug}",
            "film page .json": f"/films/{film.slug}.json",
            "film page, fresh only, by score": f"/films/{film.slug}?verdict=fresh&sort=score",
            f"critic page, {busiest}": f"/critics/{name_slug(busiest)}",
            f"critic page, {typical}": f"/critics/{name_slug(typical)}",
            f"person page, {len(person)} films": f"/people/{name_slug(PERFORMER)}",
            "film list, by fresh % (first 100)": "/films?sort=fresh",
            f"film list .csv ({len(entries)} rows)": "/films.csv",
            "search 'godfathr'": "/search?q=godfathr",
        }
        client = TestClient(create_app(url), base_url="http://127.0.0.1")
        for path in pages.values():
            assert client.get(path).status_code == 200, path  # warm-up: imports, templates
        for name in (busiest, typical):
            written = client.get(f"/critics/{name_slug(name)}.json").json()["reviews"]
            print(f"critic {name}: {len(written)} reviews in the store")
        for name, path in pages.items():
            fetch = lambda p=path: client.get(p)  # noqa: E731
            print(summary(f"GET {name}", timed(fetch, args.repeat), cpu_times(fetch, args.repeat)))
        store.close()


if __name__ == "__main__":
    main()
