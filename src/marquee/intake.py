"""Read inputs into scored reviews, a chunk at a time: the reading half of ``marquee add``.

Files, stdin and web pages (fetched by :mod:`marquee.fetch`, then read exactly as the saved
page would be) are parsed, a page that reviews several films into one review per film, and
the reviews the critic did not score are scored by the model, :data:`CHUNK` to a call, on
a worker thread while the next chunks are read. No more than :data:`AHEAD` chunks beyond
the one being stored are held, so memory stays flat however large the input;
:mod:`marquee.ingest` stores each chunk as it comes.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack, closing
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from marquee.documents import ReadOptions, stream_bytes, stream_path
from marquee.errors import MarqueeError
from marquee.fetch import is_url
from marquee.overrides import Overrides, overridden
from marquee.records import TABLE_SHAPES, Document, Review
from marquee.review import FilmHint, parse_review
from marquee.scoring import infer_scores

if TYPE_CHECKING:
    from marquee.documents.kind import PageKind
    from marquee.fetch import Fetcher, Page

log = logging.getLogger(__name__)

Status = Literal["added", "duplicate", "error", "refused"]

CHUNK = 256
"""Reviews scored in one model call and stored in one transaction: large enough that the
per-call and per-commit costs vanish, small enough that memory does not grow with input.
A kill loses at most the chunk being written, never part of one."""

AHEAD = 4
"""Chunks read before the oldest of them is scored, at most: loading the model and
starting its encoder (about a second of the first chunk's scoring) is the time it takes to
read three or four chunks of quotes, which the caller would otherwise spend waiting."""

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input: a document added, skipped as a duplicate, in error (it
    could not be read), or refused as not a film review (it can be kept: --keep-non-film)."""

    source: str
    status: Status
    film: str | None = None  # slug of the film it was filed under
    message: str | None = None


def chunks(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    """``items`` in lists of ``size`` (the last one shorter), read lazily."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


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
    said: Overrides | None = None,
    keep_non_film: bool = False,
) -> tuple[list[Review], list[Outcome]]:
    """Every review :func:`stream_reviews` reads, and one error outcome per input (or
    table row) that could not be read, as two lists."""
    reviews: list[Review] = []
    failures: list[Outcome] = []
    for read, failed in stream_reviews(
        inputs,
        options=options,
        hint=hint,
        step=step,
        fetcher=fetcher,
        said=said,
        keep_non_film=keep_non_film,
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
    said: Overrides | None = None,
    keep_non_film: bool = False,
    chunk: int | None = None,
    quick: bool = False,
) -> Iterator[tuple[list[Review], list[Outcome]]]:
    """Read and parse the inputs; yield about ``chunk`` reviews at a time, scored, with the
    error outcomes met on the way. A page reviewing several films gives one review each,
    or only the one ``said.film`` picks (the user's ``--film``/``--critic``/``--outlet``
    override what is read: :mod:`marquee.overrides`). A document that does not read as a
    film review (a TV column, a product review: :mod:`marquee.documents.kind`) is refused
    with its reason, unless ``keep_non_film``.

    A URL is fetched with ``fetcher`` (one with default options when None) and read
    exactly as the saved page would be, with its provenance kept. The reviews without a
    printed score get one inferred by the model, a chunk per call (a table's rows are
    parsed a chunk at a time too, so a large table is never all parsed at once); ``quick``
    infers them with the n-gram views alone (:func:`~marquee.scoring.infer_scores`). A bad
    input never stops the batch. ``step`` is called after each input is read.

    Each chunk is scored on a worker thread while the next is read and the caller stores
    the one before (:func:`_scored_ahead`).
    """
    said = said or Overrides()
    return _scored_ahead(
        _parsed(inputs, options, hint, step, fetcher, said, keep_non_film, chunk or CHUNK),
        quick=quick,
    )


def _parsed(
    inputs: Iterable[Input],
    options: ReadOptions,
    hint: FilmHint,
    step: Callable[[str], None],
    fetcher: Fetcher | None,
    said: Overrides,
    keep_non_film: bool,
    chunk: int,
) -> Generator[tuple[list[Review], list[Outcome]]]:
    """The inputs read and parsed, not yet scored: about ``chunk`` reviews at a time, with
    the error outcomes met on the way (see :func:`stream_reviews`)."""
    pending: list[Review] = []
    failures: list[Outcome] = []
    with ExitStack() as cleanup:

        def fetch(url: str) -> Page:
            nonlocal fetcher
            if fetcher is None:
                from marquee.fetch import Fetcher

                fetcher = cleanup.enter_context(Fetcher())
            return fetcher.page(url)

        for item in inputs:
            source = item[0] if isinstance(item, tuple) else str(item)
            try:
                read = _read(item, options, fetch)
            except MarqueeError as err:
                failures.append(Outcome(source, "error", message=str(err)))
            except Exception as err:  # a bug, but one input must not cost the others
                failures.append(unexpected(source, err))
            else:
                broken: list[Outcome] = []  # a bug met part-way through the input
                for part in chunks(_guarded(read, source, broken), chunk):
                    films = _film_reviews(part, source, failures, keep_non_film=keep_non_film)
                    pending += _parse(source, films, hint, said, failures)
                    if len(pending) >= chunk:
                        yield pending, failures
                        pending, failures = [], []
                failures += broken
            step(source)
        if pending or failures:
            yield pending, failures


def _scored_ahead(
    parsed: Generator[tuple[list[Review], list[Outcome]]], *, quick: bool
) -> Iterator[tuple[list[Review], list[Outcome]]]:
    """Each chunk with its scores, scored on a worker thread while the caller stores the
    chunk before and the next ones are read: scoring is a third of the CPU of adding
    quotes (2.8 of 8.9 s on 2,000), most of it the sentence encoder, which lets go of the
    GIL while it reads, so a second core takes it off the wait. The model is called as
    before, chunk by chunk and text by text, so every score is the same.

    A chunk is handed on once scored, but never the last one in the worker's hands (the
    worker must have the next while the caller stores); reading runs up to :data:`AHEAD`
    chunks ahead, so the caller keeps reading while the model starts. With one CPU to
    run on there is no second core to take it: each chunk is scored in turn."""
    with closing(parsed):  # its fetcher, if it made one, when the caller stops early
        if _cpus() < 2:
            for reviews, failures in parsed:
                yield _scored(reviews, failures, quick=quick), failures
            return
        scorer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="marquee-scoring")
        queue: deque[tuple[Future[list[Review]], list[Outcome]]] = deque()  # in order
        try:
            for reviews, failures in parsed:
                queue.append((scorer.submit(_scored, reviews, failures, quick=quick), failures))
                while len(queue) > AHEAD or (len(queue) > 1 and queue[0][0].done()):
                    scoring, failed = queue.popleft()
                    yield scoring.result(), failed
            while queue:
                scoring, failed = queue.popleft()
                yield scoring.result(), failed
        finally:
            scorer.shutdown(cancel_futures=True)


def _cpus() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _parse(
    source: str,
    documents: list[Document],
    hint: FilmHint,
    said: Overrides,
    failures: list[Outcome],
) -> list[Review]:
    """The reviews in one input's documents, with the user's word over what was read; an
    input that fails here gives one error outcome and no reviews (a table's chunk: that
    chunk's rows)."""
    try:
        parts = [part for doc in documents for part in _films_of(doc)]
        return _said_over([parse_review(part, hint=hint) for part in parts], said)
    except MarqueeError as err:
        failures.append(Outcome(source, "error", message=str(err)))
    except Exception as err:  # a bug, but one input must not cost the others
        failures.append(unexpected(source, err))
    return []


def _said_over(reviews: list[Review], said: Overrides) -> list[Review]:
    """Each document's reviews with the user's word over what was read (a table's rows are
    each their own document)."""
    by_source: dict[str, list[Review]] = {}
    for review in reviews:
        by_source.setdefault(review.document.source, []).append(review)
    return [kept for source, group in by_source.items() for kept in overridden(group, said, source)]


def _film_reviews(
    read: list[Document | str], source: str, failures: list[Outcome], *, keep_non_film: bool
) -> list[Document]:
    """The documents read that read as film reviews; a failure for each problem line, and
    for each document that does not read as a film review (unless ``keep_non_film``)."""
    kept: list[Document] = []
    for item in read:
        if isinstance(item, str):
            failures.append(Outcome(source, "error", message=item))
            continue
        kind = None if keep_non_film else _kind_of(item)
        if kind is None or kind.is_film:
            kept.append(item)
        else:
            message = f"{kind.reason}; --keep-non-film adds it anyway"
            failures.append(Outcome(source, "refused", message=message))
    return kept


def _kind_of(document: Document) -> PageKind | None:
    """:func:`~marquee.documents.kind.page_kind`, or None for a table's row: a film review
    by its columns (page_kind says so without reading it), so that a table never loads the
    page-kind patterns."""
    if document.shape in TABLE_SHAPES:
        return None
    from marquee.documents.kind import page_kind

    return page_kind(document)


def _films_of(document: Document) -> tuple[Document, ...]:
    """:func:`~marquee.roundups.split.split_films`; a table's row reviews one film, so a table
    never loads the round-up readers (with the page-kind patterns, 0.17-0.28 s of CPU that
    every CSV added paid for imports it did not use)."""
    if document.shape in TABLE_SHAPES:
        return (document,)
    from marquee.roundups.split import split_films

    return split_films(document)


def _guarded(
    read: Iterator[Document | str], source: str, failures: list[Outcome]
) -> Iterator[Document | str]:
    """An input's documents as they are read (a table's rows a chunk at a time); a bug met
    part-way is a failure of that input (added to ``failures``), and the rows before it
    are still kept."""
    try:
        yield from read
    except Exception as err:  # a bug, but one input must not cost the others
        failures.append(unexpected(source, err))


def _scored(reviews: list[Review], failures: list[Outcome], *, quick: bool) -> list[Review]:
    """The chunk with inferred scores, in one model call; if that fails, review by review,
    so only the reviews that cannot be scored are refused."""
    try:
        return infer_scores(reviews, quick=quick)
    except Exception:  # noqa: BLE001 - which review failed is found just below
        log.debug("scoring a chunk failed; scoring its reviews one by one", exc_info=True)
    scored: list[Review] = []
    for review in reviews:
        try:
            scored += infer_scores([review], quick=quick)
        except MarqueeError as err:
            failures.append(Outcome(review.document.source, "error", message=str(err)))
        except Exception as err:  # a bug, but one review must not cost the others
            failures.append(unexpected(review.document.source, err))
    return scored


def unexpected(source: str, err: Exception) -> Outcome:
    """The outcome of an input that failed in a way marquee does not expect: a bug, reported
    on the input's own line (the traceback goes to the debug log, ``marquee -vv``)."""
    log.debug("%s: unexpected error", source, exc_info=True)
    reason = (str(err).strip().splitlines() or [""])[0][:200]
    message = (
        f"marquee failed on this input ({type(err).__name__}{': ' if reason else ''}{reason}); "
        "this is a bug: marquee -vv shows where, please report it"
    )
    return Outcome(source, "error", message=message)


def _read(
    item: Input, options: ReadOptions, fetch: Callable[[str], Page]
) -> Iterator[Document | str]:
    if isinstance(item, tuple):
        return stream_bytes(item[1], item[0], options=options)
    if isinstance(item, str) and is_url(item):
        page = fetch(item)
        read = stream_bytes(page.body, item, options=options)
        return (
            doc if isinstance(doc, str) else replace(doc, provenance=page.provenance)
            for doc in read
        )
    return stream_path(item, options=options)
