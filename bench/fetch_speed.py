"""Reviews from the web: pages/s fetched from a local server, pages/s ingested from it, and
how often the critic and the films are named right on the multi-film fixtures: those the
rules were written against (``tests/fixtures/pages``) and pages written afterwards, as a
held-out check (``tests/fixtures/pages/heldout``).

A static server on 127.0.0.1 (the standard library's) serves copies of the fixture pages
under ``tests/fixtures/pages``, each copy made unique by a trailing comment so none is a
duplicate. Fetching runs with the per-host pace lifted (``--rate``; marquee's default is
one request a second per host, which bounds any real crawl long before the client does).

    .venv/bin/python bench/fetch_speed.py [--n 200]
"""

from __future__ import annotations

import argparse
import functools
import json
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from marquee.documents import ReadOptions, read_path
from marquee.fetch import Fetcher, FetchOptions
from marquee.ingest import add_reviews, read_reviews
from marquee.review import FilmHint, parse_review
from marquee.roundups.split import split_films
from marquee.store import Store

PAGES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "pages"
SERVED = ("*.html", "*.txt")  # what a static server labels text/html or text/plain


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def site(folder: Path, n: int) -> list[str]:
    """``n`` unique pages (copies of the fixtures) and robots.txt; their paths."""
    (folder / "robots.txt").write_bytes((PAGES / "robots.txt").read_bytes())
    sources = sorted(p for pattern in SERVED for p in PAGES.glob(pattern) if p.name != "robots.txt")
    names = []
    for i in range(n):
        src = sources[i % len(sources)]
        name = f"page_{i:05d}{src.suffix}"
        tail = f"\n<!-- copy {i} -->\n" if src.suffix == ".html" else f"\nCopy {i}.\n"
        (folder / name).write_text(src.read_text(encoding="utf-8") + tail, encoding="utf-8")
        names.append(name)
    return names


def critics_named(folder: Path) -> dict[str, object]:
    """Per multi-film page in ``folder`` (truth in its expected.json): reviews made, the
    critic named right, the film named right, reviews invented for films not reviewed."""
    expected = json.loads((folder / "expected.json").read_text())
    rows, critics, films_right, invented, made, wanted = {}, 0, 0, 0, 0, 0
    for name, truth in sorted(expected.items()):
        (doc,) = read_path(folder / name).documents
        reviews = [parse_review(part) for part in split_films(doc)]
        titles = [r.facts.title for r in reviews]
        right = sum(r.meta.critic == truth["critic"] for r in reviews)
        critics += right
        made += len(reviews)
        wanted += len(truth["films"])
        films_right += len(set(titles) & set(truth["films"]))
        invented += sum(t not in truth["films"] for t in titles)
        rows[name] = {"reviews": len(reviews), "critic_right": right, "films": titles}
    return {
        "pages": len(expected),
        "films_reviewed": wanted,
        "reviews_made": made,
        "critic_share": round(critics / made, 3),
        "films_found_share": round(films_right / wanted, 3),
        "reviews_for_wrong_or_passing_films": invented,
        "by_page": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=200, help="pages to fetch and ingest")
    parser.add_argument("--rate", type=float, default=1e6, help="requests/s per host")
    args = parser.parse_args()
    options = FetchOptions(rate=args.rate)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "www").mkdir()
        names = site(folder / "www", args.n)
        with serving(folder / "www") as base:
            urls = [f"{base}/{name}" for name in names]
            with Fetcher(options) as fetcher:
                t0 = time.perf_counter()
                size = sum(len(fetcher.page(url).body) for url in urls)
                fetch_s = time.perf_counter() - t0
            with Fetcher(options) as fetcher:
                t0 = time.perf_counter()
                reviews, failures = read_reviews(
                    urls, options=ReadOptions(), hint=FilmHint(), fetcher=fetcher
                )
                read_s = time.perf_counter() - t0
        store = Store(f"sqlite:///{folder / 'bench.db'}")
        t0 = time.perf_counter()
        outcomes = list(add_reviews(store, reviews))
        store_s = time.perf_counter() - t0
    figures = {
        "pages": len(urls),
        "megabytes": round(size / 1e6, 2),
        "fetch_pages_per_s": round(len(urls) / fetch_s, 1),
        "fetch_read_parse_pages_per_s": round(len(urls) / read_s, 1),
        "reviews_read": len(reviews),
        "read_failures": len(failures),
        "store_pages_per_s": round(len(urls) / store_s, 1),
        "ingest_pages_per_s": round(len(urls) / (read_s + store_s), 1),
        "stored": sum(o.status == "added" for o in outcomes),
        "multifilm": critics_named(PAGES),
        "multifilm_heldout": critics_named(PAGES / "heldout"),
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
