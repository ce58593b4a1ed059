"""Put reviews into the store and file each one under its film.

The one place where reading meets the database: files, stdin and web pages (fetched by
:mod:`marquee.fetch`, then read exactly as the saved page would be) are parsed, a page
that reviews several films into one review per film. Reading, scoring and storing stream
in chunks of :data:`CHUNK` reviews, so memory stays flat however large the input: each
chunk is scored in one model call and written in one transaction, where every review is
matched against the stored films sharing a name with it (an indexed lookup, not a scan)
and each film the chunk touched has its facts re-merged once, at the chunk's end. A
review that names no film waits unassigned until the run's titled reviews are in, then
is filed under the film it mentions most, if any (:func:`adopt_unassigned`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, replace
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Literal, TypeVar

from sqlalchemy.exc import OperationalError

from marquee.documents import Reading, ReadOptions, read_bytes, read_path
from marquee.errors import MarqueeError, StoreError
from marquee.fetch import Fetcher, Page, is_url, read_feed
from marquee.films import film_slug, match_film, merge_facts
from marquee.films.titles import title_keys
from marquee.multifilm import split_films
from marquee.records import Document, Review
from marquee.report_cache import film_report, report_key
from marquee.review import FilmHint, parse_review
from marquee.scoring import infer_scores
from marquee.store import FilmEntry, Store, Transaction, content_hash

log = logging.getLogger(__name__)

Status = Literal["added", "duplicate", "error"]

CHUNK = 256
"""Reviews scored in one model call and stored in one transaction: large enough that the
per-call and per-commit costs vanish, small enough that memory does not grow with input.
A kill loses at most the chunk being written, never part of one."""

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input: a document added, skipped as a duplicate, or refused."""

    source: str
    status: Status
    film: str | None = None  # slug of the film it was filed under
    message: str | None = None


def chunks(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    """``items`` in lists of ``size`` (the last one shorter), read lazily."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def add_reviews(
    store: Store,
    reviews: Iterable[Review],
    *,
    build_reports: bool = True,
    chunk: int | None = None,
) -> Iterator[Outcome]:
    """Store the reviews, ``chunk`` (default :data:`CHUNK`) to a transaction, as they
    arrive; outcomes follow each chunk's commit. Reviews naming no film are filed after
    the titled ones (against every film the run added), and their outcomes come last.
    Then, unless told not to (a caller that shows its own progress runs
    :func:`prebuild_reports` itself), build the reports of the films that changed."""
    with store.transaction() as tx:
        tx.index_names()
    waiting: list[tuple[int, Outcome]] = []  # untitled reviews' ids and outcomes
    for part in chunks(reviews, chunk or CHUNK):
        for outcome, untitled_id in _add_chunk(store, part):
            if untitled_id is None:
                yield outcome
            else:
                waiting.append((untitled_id, outcome))
    filed = adopt_unassigned(store)
    if filed:
        log.info("filed %d review(s) under films named since", len(filed))
    for review_id, outcome in waiting:
        yield replace(outcome, film=filed.get(review_id))
    if build_reports:
        prebuild_reports(store)


def prebuild_reports(store: Store) -> None:
    """Build the report of every film whose cached one was dropped, so pages load fast."""
    for entry in stale_films(store):
        film_report(store, entry)


def stale_films(store: Store) -> list[FilmEntry]:
    """The films whose report must be built again: changed since, or built by other code."""
    key = report_key()
    with store.transaction(write=False) as tx:
        built = tx.report_keys()
    return [entry for entry in store.films() if built.get(entry.id) != key]


@dataclass(frozen=True, slots=True)
class _Filed:
    """One review stored: its outcome, the film it went to, whether it made that film (whose
    facts are then its own, merged already), and its id when it waits for a film."""

    outcome: Outcome
    film_id: int | None = None
    made_film: bool = False
    waiting: int | None = None


def _add_chunk(store: Store, reviews: list[Review]) -> list[tuple[Outcome, int | None]]:
    """Store a chunk of reviews in one transaction, each in its own savepoint (a bug filing
    one review undoes only that review), then re-merge once each film that a review joined."""
    filed: list[_Filed] = []
    with store.transaction() as tx:
        for review in reviews:
            try:
                with tx.savepoint():
                    filed.append(_add_one(tx, review))
            except (StoreError, OperationalError):
                raise  # the store itself failed: no later review would fare better
            except Exception as err:  # a bug filing this review: the others are still stored
                filed.append(_Filed(_unexpected(review.document.source, err)))
        joined = dict.fromkeys(f.film_id for f in filed if f.film_id and not f.made_film)
        slugs = {film_id: _remerge(tx, film_id) for film_id in joined}
        for f in filed:
            if f.film_id is not None and f.film_id not in slugs:
                slugs[f.film_id] = tx.slug_of(f.film_id)
    return [
        (replace(f.outcome, film=slugs[f.film_id]) if f.film_id else f.outcome, f.waiting)
        for f in filed
    ]


def _add_one(tx: Transaction, review: Review) -> _Filed:
    """Store one review (one part of a document) and file it; the document row is written
    with its first part."""
    document = review.document
    digest = content_hash(document)
    document_id = tx.document_id(digest)
    if document_id is not None and tx.has_review(document_id, document.part):
        return _Filed(Outcome(document.source, "duplicate", message="already in the store"))
    if document_id is None:
        document_id = tx.add_document(document, digest)
    film_id, made = _film_for(tx, review)
    review_id = tx.add_review(
        review, document_id=document_id, position=document.part, film_id=film_id
    )
    waiting = review_id if review.facts.title is None else None
    return _Filed(Outcome(document.source, "added"), film_id, made, waiting)


def _film_for(tx: Transaction, review: Review) -> tuple[int | None, bool]:
    """The stored film a titled review is about, found among the films sharing one of its
    names, or a new film (then True); None for a review with no title (see
    :func:`adopt_unassigned`)."""
    facts = review.facts
    if not facts.title:
        return None, False
    named = tx.films_named(title_keys(facts.title, facts.aliases))
    index = match_film(facts, [film for _, film in named], review.document.body)
    if index is not None:
        return named[index][0], False
    merged = merge_facts([facts])
    return tx.save_film(merged, film_slug(merged.title or "untitled", merged.year)), True


def _remerge(tx: Transaction, film_id: int) -> str:
    merged = merge_facts(tx.film_facts_of_reviews(film_id))
    tx.save_film(merged, film_slug(merged.title or "untitled", merged.year), film_id)
    return tx.slug_of(film_id)


def adopt_unassigned(store: Store) -> dict[int, str]:
    """File reviews that named no film under a stored film they mention; returns the slug
    each filed review went to, by review id. Each film is re-merged once, at the end."""
    adopted: dict[int, int] = {}
    with store.transaction() as tx:
        films = tx.films()
        if not films:
            return {}
        for review_id, review in tx.unassigned():
            index = match_film(review.facts, [f.facts for f in films], review.document.body)
            if index is not None:
                tx.assign(review_id, films[index].id)
                adopted[review_id] = films[index].id
        slugs = {film_id: _remerge(tx, film_id) for film_id in dict.fromkeys(adopted.values())}
    return {review_id: slugs[film_id] for review_id, film_id in adopted.items()}


def expand(
    paths: Iterable[str | Path], *, follow_symlinks: bool = False
) -> tuple[list[Path], list[Outcome]]:
    """Files as given; folders walked recursively in name order, skipping hidden entries.

    A link inside a folder is followed only when it leads to somewhere inside that folder
    (a link to ``~/.ssh/id_rsa`` must not end up published on a film page), unless
    ``follow_symlinks``. A sub-folder that cannot be listed, a link leading out and a
    broken link are each an error outcome, never skipped in silence.
    """
    files: list[Path] = []
    problems: list[Outcome] = []
    for path in map(Path, paths):
        if path.is_dir():
            found, trouble = _walk(path, follow_symlinks=follow_symlinks)
            files += found
            problems += trouble
        else:
            files.append(path)
    return files, problems


def _walk(root: Path, *, follow_symlinks: bool) -> tuple[list[Path], list[Outcome]]:
    base = root.resolve()
    files: list[Path] = []
    problems: list[Outcome] = []
    visited: set[tuple[int, int]] = set()  # folders seen, so a link loop is walked once

    def refuse(where: Path, why: str) -> None:
        problems.append(Outcome(str(where), "error", message=f"{where}: {why}"))

    def unreadable(err: OSError) -> None:
        refuse(Path(err.filename or root), f"cannot read this folder ({err.strerror or err})")

    def wanted(entry: Path) -> bool:
        """Whether to take a file or folder: not hidden, and (unless links may lead
        anywhere) not a link out of the folder."""
        if entry.name.startswith("."):
            return False
        if not entry.is_symlink():
            return True
        if not entry.exists():
            refuse(entry, "a broken link")
            return False
        if follow_symlinks or entry.resolve().is_relative_to(base):
            return True
        refuse(entry, "a link to outside the folder, not followed (--follow-symlinks adds it)")
        return False

    for folder, dirs, names in os.walk(root, onerror=unreadable, followlinks=follow_symlinks):
        here = Path(folder)
        stat = here.stat()
        if (stat.st_dev, stat.st_ino) in visited:
            dirs.clear()
            continue
        visited.add((stat.st_dev, stat.st_ino))
        dirs[:] = [d for d in sorted(dirs) if wanted(here / d)]
        files += [here / n for n in sorted(names) if wanted(here / n) and (here / n).is_file()]
    return sorted(files), problems


Input = Path | tuple[str, bytes] | str
"""What ``read_reviews`` reads: a file, ``(name, bytes)`` read from stdin, or a URL
(a string that is not an http(s) URL is a file path)."""


def read_reviews(
    inputs: Iterable[Input],
    *,
    options: ReadOptions,
    hint: FilmHint,
    step: Callable[[str], None] = lambda _source: None,
    fetcher: Fetcher | None = None,
) -> tuple[list[Review], list[Outcome]]:
    """Every review :func:`stream_reviews` reads, and one error outcome per input (or
    table row) that could not be read, as two lists."""
    reviews: list[Review] = []
    failures: list[Outcome] = []
    for read, failed in stream_reviews(
        inputs, options=options, hint=hint, step=step, fetcher=fetcher
    ):
        reviews += read
        failures += failed
    return reviews, failures


def stream_reviews(
    inputs: Iterable[Input],
    *,
    options: ReadOptions,
    hint: FilmHint,
    step: Callable[[str], None] = lambda _source: None,
    fetcher: Fetcher | None = None,
    chunk: int | None = None,
) -> Iterator[tuple[list[Review], list[Outcome]]]:
    """Read and parse the inputs; yield about ``chunk`` reviews at a time, scored, with the
    error outcomes met on the way. A page reviewing several films gives one review each.

    A URL is fetched with ``fetcher`` (one with default options when None) and read
    exactly as the saved page would be, with its provenance kept. The reviews without a
    printed score get one inferred by the model, a chunk per call (a table's rows are
    parsed a chunk at a time too, so a large table is never all parsed at once). A bad
    input never stops the batch. ``step`` is called after each input is read.
    """
    chunk = chunk or CHUNK
    pending: list[Review] = []
    failures: list[Outcome] = []
    with ExitStack() as cleanup:

        def fetch(url: str) -> Page:
            nonlocal fetcher
            if fetcher is None:
                fetcher = cleanup.enter_context(Fetcher())
            return fetcher.page(url)

        for item in inputs:
            source = item[0] if isinstance(item, tuple) else str(item)
            try:
                reading = _read(item, options, fetch)
            except MarqueeError as err:
                failures.append(Outcome(source, "error", message=str(err)))
            except Exception as err:  # a bug, but one input must not cost the others
                failures.append(_unexpected(source, err))
            else:
                failures.extend(Outcome(source, "error", message=p) for p in reading.problems)
                for documents in chunks(reading.documents, chunk):
                    pending += _parse(source, documents, hint, failures)
                    if len(pending) >= chunk:
                        yield _scored(pending, failures), failures
                        pending, failures = [], []
            step(source)
        if pending or failures:
            yield _scored(pending, failures), failures


def _parse(
    source: str, documents: list[Document], hint: FilmHint, failures: list[Outcome]
) -> list[Review]:
    """The reviews in one input's documents; an input that fails here gives one error
    outcome and no reviews (a table's chunk: that chunk's rows)."""
    try:
        parts = [part for doc in documents for part in split_films(doc)]
        return [parse_review(part, hint=hint) for part in parts]
    except MarqueeError as err:
        failures.append(Outcome(source, "error", message=str(err)))
    except Exception as err:  # a bug, but one input must not cost the others
        failures.append(_unexpected(source, err))
    return []


def _scored(reviews: list[Review], failures: list[Outcome]) -> list[Review]:
    """The chunk with inferred scores, in one model call; if that fails, review by review,
    so only the reviews that cannot be scored are refused."""
    try:
        return infer_scores(reviews)
    except Exception:  # noqa: BLE001 - which review failed is found just below
        log.debug("scoring a chunk failed; scoring its reviews one by one", exc_info=True)
    scored: list[Review] = []
    for review in reviews:
        try:
            scored += infer_scores([review])
        except MarqueeError as err:
            failures.append(Outcome(review.document.source, "error", message=str(err)))
        except Exception as err:  # a bug, but one review must not cost the others
            failures.append(_unexpected(review.document.source, err))
    return scored


def _unexpected(source: str, err: Exception) -> Outcome:
    """The outcome of an input that failed in a way marquee does not expect: a bug, reported
    on the input's own line (the traceback goes to the debug log, ``marquee -vv``)."""
    log.debug("%s: unexpected error", source, exc_info=True)
    reason = (str(err).strip().splitlines() or [""])[0][:200]
    message = (
        f"marquee failed on this input ({type(err).__name__}{': ' if reason else ''}{reason}); "
        "this is a bug: marquee -vv shows where, please report it"
    )
    return Outcome(source, "error", message=message)


def _read(item: Input, options: ReadOptions, fetch: Callable[[str], Page]) -> Reading:
    if isinstance(item, tuple):
        return read_bytes(item[1], item[0], options=options)
    if isinstance(item, str) and is_url(item):
        page = fetch(item)
        reading = read_bytes(page.body, item, options=options)
        fetched = tuple(replace(doc, provenance=page.provenance) for doc in reading.documents)
        return replace(reading, documents=fetched)
    return read_path(item, options=options)


def feed_urls(
    fetcher: Fetcher, feeds: Iterable[str], *, since: date | None = None
) -> tuple[list[str], list[Outcome]]:
    """The review pages a batch of feeds links to, and one error per unreadable feed."""
    urls: list[str] = []
    failures: list[Outcome] = []
    for feed in feeds:
        try:
            urls.extend(entry.url for entry in read_feed(fetcher, feed, since=since))
        except MarqueeError as err:
            failures.append(Outcome(feed, "error", message=str(err)))
    return urls, failures


def skip_fetched(store: Store, urls: Iterable[str]) -> tuple[list[str], list[Outcome]]:
    """The URLs not fetched before (each once), and a "duplicate" outcome for the rest:
    a stored page is not fetched again unless the caller asks to refresh it."""
    wanted = list(dict.fromkeys(urls))
    with store.transaction(write=False) as tx:
        stored = {url for url in wanted if tx.has_url(url)}
    skipped = [
        Outcome(url, "duplicate", message="fetched before (--refresh fetches it again)")
        for url in wanted
        if url in stored
    ]
    return [url for url in wanted if url not in stored], skipped


def url_list(text: str, source: str) -> tuple[list[str], list[Outcome]]:
    """The URLs in a ``--urls`` file: one a line, blank lines and ``#`` comments skipped;
    any other line is an error outcome naming its line."""
    urls: list[str] = []
    failures: list[Outcome] = []
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.split(" #", 1)[0].strip()
        if not entry or entry.startswith("#"):
            continue
        if is_url(entry):
            urls.append(entry)
        else:
            message = f"not an http(s) URL: {entry[:80]}"
            failures.append(Outcome(f"{source}:{number}", "error", message=message))
    return urls, failures
