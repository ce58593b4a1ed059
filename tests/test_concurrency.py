"""Several writers on one store at once: ``marquee add`` processes, web uploads and the store's
own transactions. Nothing is lost, nothing is stored twice, and nobody sees "database is
locked" — on SQLite and on PostgreSQL.

Each safeguard has a test that fails without it:

- the write lock taken when a write transaction begins (SQLite ``BEGIN IMMEDIATE``, the
  PostgreSQL advisory lock): :func:`test_two_writers_never_both_see_a_document_as_new`,
  and its negative control with ``StoreOptions(serialise_writes=False)``;
- the busy timeout and the retries: :func:`test_a_writer_waits_for_a_busy_store` and
  :func:`test_retries_ride_out_a_held_lock`, with negative controls at 0;
- the film version on cached reports: :func:`test_report_built_while_a_review_arrives_is_not_kept`.

The process and upload tests take their store settings from the environment, like the
``marquee`` command does, so the same tests show the failures with the safeguards off::

    MARQUEE_DB_BUSY_MS=0 MARQUEE_DB_RETRIES=0 MARQUEE_DB_SERIALISE_WRITES=0 \\
        .venv/bin/python -m pytest tests/test_concurrency.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from marquee.documents import ReadOptions
from marquee.errors import StoreError
from marquee.ingest import add_reviews, read_reviews
from marquee.records import Review
from marquee.report_cache import film_report
from marquee.review import FilmHint
from marquee.store import Store, StoreOptions, content_hash
from marquee.web import create_app

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient


@pytest.fixture
def open_store() -> Iterator[Callable[..., Store]]:
    """Open stores that are closed after the test, passed or failed."""
    opened: list[Store] = []

    def open_one(url: str, **kwargs: object) -> Store:
        opened.append(Store(url, **kwargs))  # type: ignore[arg-type]
        return opened[-1]

    yield open_one
    for store in opened:
        store.close()


def parsed(paths: list[Path]) -> list[Review]:
    reviews, failures = read_reviews(paths, options=ReadOptions(), hint=FilmHint())
    assert not failures
    return reviews


def assert_each_review_once(store: Store, paths: list[Path]) -> None:
    """Every file stored exactly once, each film once, each film's report complete."""
    counts = store.counts()
    assert (counts["documents"], counts["reviews"]) == (len(paths), len(paths))
    films = store.films()
    titles = [f.facts.title for f in films]
    assert len(titles) == len(set(titles)), f"a film was created twice: {titles}"
    assert sum(f.reviews for f in films) == len(paths)
    for entry in films:
        assert len(film_report(store, entry)["reviews"]) == entry.reviews


# ── the write lock ────────────────────────────────────────────────────────────────────────


def check_then_insert(
    store: Store, review: Review, mine: threading.Event, theirs: threading.Event
) -> None:
    """What ingest does for one document: is it stored? if not, store it. Between the two
    steps, give the other writer the chance to check too (it cannot while we hold the lock)."""
    digest = content_hash(review.document)
    with store.transaction() as tx:
        is_new = tx.document_id(digest) is None
        mine.set()
        theirs.wait(timeout=0.5)
        if is_new:
            doc_id = tx.add_document(review.document, digest)
            tx.add_review(review, document_id=doc_id, position=0, film_id=None)


def race(
    open_store: Callable[..., Store], url: str, options: StoreOptions, review: Review
) -> list[BaseException]:
    """Two writers (two stores, as two processes would have) add the same document at once;
    returns what they raised."""
    stores = [open_store(url, options=options) for _ in range(2)]
    events = [threading.Event(), threading.Event()]
    errors: list[BaseException] = []

    def writer(i: int) -> None:
        try:
            check_then_insert(stores[i], review, events[i], events[1 - i])
        except Exception as err:  # collected for the assertion, whatever it is
            errors.append(err)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return errors


def test_two_writers_never_both_see_a_document_as_new(
    store_url: str, review_files, open_store
) -> None:
    (review,) = parsed(review_files(1))
    assert race(open_store, store_url, StoreOptions(), review) == []
    counts = open_store(store_url).counts()
    assert counts["documents"] == counts["reviews"] == 1


def test_without_the_write_lock_they_do(store_url: str, review_files, open_store) -> None:
    """Negative control: the race above is real, so the lock is what prevents it."""
    (review,) = parsed(review_files(1))
    options = StoreOptions(busy_timeout_ms=200, retries=0, serialise_writes=False)
    errors = race(open_store, store_url, options, review)
    assert errors, "both writers checked, both inserted, and nothing went wrong?"


# ── waiting and retrying ──────────────────────────────────────────────────────────────────


def write_while_held(
    open_store: Callable[..., Store], url: str, options: StoreOptions, hold_s: float
) -> None:
    """Start a write while another store holds the write lock for ``hold_s`` seconds."""
    holder, writer = open_store(url), open_store(url, options=options)
    held = threading.Event()

    def hold() -> None:
        with holder.transaction():
            held.set()
            time.sleep(hold_s)

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(timeout=10)
    try:
        with writer.transaction() as tx:
            assert tx.films() == []
    finally:
        thread.join()


def test_a_writer_waits_for_a_busy_store(store_url: str, open_store) -> None:
    write_while_held(open_store, store_url, StoreOptions(retries=0), hold_s=0.3)
    no_wait = StoreOptions(busy_timeout_ms=0, retries=0)
    with pytest.raises(StoreError, match="lock"):
        write_while_held(open_store, store_url, no_wait, hold_s=0.3)


def test_retries_ride_out_a_held_lock(store_url: str, open_store) -> None:
    """No busy timeout at all: four retries (at least 0.375 s of backoff) outlast 0.15 s."""
    no_wait = StoreOptions(busy_timeout_ms=0, retries=4)
    write_while_held(open_store, store_url, no_wait, hold_s=0.15)


# ── the report cache ──────────────────────────────────────────────────────────────────────


def test_report_built_while_a_review_arrives_is_not_kept(
    store_url: str, review_files, open_store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report is built outside any transaction; a review added meanwhile by another
    writer must not be missing from the report the next reader gets."""
    paths = review_files(4)[::3]  # two reviews of the same film
    first, second = parsed(paths)
    store, other = open_store(store_url), open_store(store_url)
    list(add_reviews(store, [first]))
    entry = store.films()[0]
    import marquee.report as report  # film_report imports build_report_set from here

    real_build = report.build_report_set

    def build_while_another_adds(*args, **kwargs):
        monkeypatch.setattr(report, "build_report_set", real_build)
        list(add_reviews(other, [second]))  # lands while this report is being built
        return real_build(*args, **kwargs)

    with store.transaction() as tx:
        tx.save_film(entry.facts, entry.slug, entry.id)  # drop the cached report
    monkeypatch.setattr(report, "build_report_set", build_while_another_adds)
    film_report(store, store.films()[0])
    (now,) = store.films()
    assert now.reviews == 2
    assert len(film_report(store, now)["reviews"]) == 2


# ── processes and uploads ─────────────────────────────────────────────────────────────────


def test_add_processes_at_once(store_url: str, review_files, open_store) -> None:
    """Two ``marquee add`` processes add the same nine files (in opposite orders) to one
    store at the same moment."""
    paths = review_files(9)
    orders = [paths, paths[::-1]]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "marquee",
                "--db",
                store_url,
                "--create",
                "add",
                *map(str, order),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for order in orders
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    assert not any("locked" in e for e in errors)
    assert_each_review_once(open_store(store_url), paths)


def test_web_uploads_at_once(store_url: str, review_files, open_store) -> None:
    """Two app instances over one store (two server processes would be the same) take four
    overlapping uploads at once."""
    paths = review_files(9)
    files = [("files", (p.name, p.read_bytes(), "text/markdown")) for p in paths]
    apps = [create_app(store_url), create_app(store_url)]
    results: list[dict] = []

    def upload(i: int) -> None:
        client = TestClient(apps[i % 2], base_url="http://127.0.0.1:8150")
        order = files if i % 2 else files[::-1]
        results.append(client.post("/reviews.json", files=order).json())

    threads = [threading.Thread(target=upload, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(results) == 4 and all(r["ok"] for r in results), results
    statuses = [o["status"] for r in results for o in r["outcomes"]]
    assert statuses.count("added") == len(paths)
    assert statuses.count("duplicate") == 3 * len(paths)
    for app in apps:
        app.state.store.close()
    assert_each_review_once(open_store(store_url), paths)
