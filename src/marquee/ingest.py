"""Put reviews into the store and file each one under its film.

The one place where reading meets the database. :mod:`marquee.intake` reads the inputs
into scored reviews a chunk at a time; each chunk is written here in one transaction, where
every review is matched against the stored films sharing a name with it (an indexed
lookup, not a scan), and each film a review joined has its facts re-merged once, at the
chunk's end. A kill loses at most the chunk being written, never part of one. A review
that names no film waits unassigned until the run's titled reviews are in, then is filed
under the film it mentions most, if any (:func:`adopt_unassigned`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import OperationalError

from marquee import fetch
from marquee.corrections import drop_part, remerge, settle
from marquee.errors import MarqueeError, StoreError
from marquee.fetch import is_url
from marquee.films import film_slug, match_film, merge_facts
from marquee.films.titles import title_keys
from marquee.intake import (
    CHUNK,
    Input,
    Outcome,
    Status,
    chunks,
    read_reviews,
    stream_reviews,
    unexpected,
)
from marquee.memory import release_memory
from marquee.records import Review
from marquee.report_cache import build_reports, report_batches, report_key
from marquee.scores import unread_score
from marquee.store import FilmEntry, Store, Transaction, content_hash

if TYPE_CHECKING:
    from marquee.fetch import Fetcher

__all__ = [  # the reading half lives in marquee.intake; callers know these names from here
    "CHUNK",
    "Input",
    "Outcome",
    "Status",
    "add_reviews",
    "adopt_unassigned",
    "expand",
    "feed_urls",
    "prebuild_reports",
    "read_reviews",
    "skip_fetched",
    "stale_films",
    "stream_reviews",
    "url_list",
]

log = logging.getLogger(__name__)


def add_reviews(
    store: Store,
    reviews: Iterable[Review],
    *,
    build_reports: bool = True,
    replace_stored: bool = False,
    chunk: int | None = None,
) -> Iterator[Outcome]:
    """Store the reviews, ``chunk`` (default :data:`CHUNK`) to a transaction, as they
    arrive; outcomes follow each chunk's commit. Reviews naming no film are filed after
    the titled ones (against every film the run added), and their outcomes come last.
    Then, unless told not to (a caller that shows its own progress runs
    :func:`prebuild_reports` itself), build the reports of the films that changed.
    ``replace_stored`` files a review already stored again, as read now (``add --film …
    --replace``), instead of skipping it."""
    with store.transaction() as tx:
        tx.index_names()
    waiting: list[tuple[int, Outcome]] = []  # untitled reviews' ids and outcomes
    for part in chunks(reviews, chunk or CHUNK):
        for outcome, untitled_id in _add_chunk(store, part, replace_stored):
            if untitled_id is None:
                yield outcome
            else:
                waiting.append((untitled_id, outcome))
        release_memory()  # the chunk's objects are gone: their pages too (flat memory)
    filed = adopt_unassigned(store)
    if filed:
        log.info("filed %d review(s) under films named since", len(filed))
    for review_id, outcome in waiting:
        yield replace(outcome, film=filed.get(review_id))
    if build_reports:
        prebuild_reports(store)


def prebuild_reports(store: Store) -> None:
    """Build the report of every film whose cached one was dropped, so pages load fast."""
    for batch in report_batches(stale_films(store)):
        build_reports(store, batch)


def stale_films(store: Store) -> list[FilmEntry]:
    """The films whose report must be built again: changed since, or built by other code."""
    key = report_key()
    with store.transaction(write=False) as tx:
        built = tx.report_keys()
    return [entry for entry in store.films() if built.get(entry.id) != key]


@dataclass(frozen=True, slots=True)
class _Filed:
    """One review stored: its outcome, the film it went to, whether it made that film (whose
    facts are then its own, merged already), its id when it waits for a film, and the films
    a replaced review of it was taken from (merged again, or deleted if left empty)."""

    outcome: Outcome
    film_id: int | None = None
    made_film: bool = False
    waiting: int | None = None
    left: frozenset[int] = frozenset()


def _add_chunk(
    store: Store, reviews: list[Review], replace_stored: bool
) -> list[tuple[Outcome, int | None]]:
    """Store a chunk of reviews in one transaction, each in its own savepoint (a bug filing
    one review undoes only that review), then re-merge once each film that a review joined."""
    filed: list[_Filed] = []
    with store.transaction() as tx:
        for review in reviews:
            try:
                with tx.savepoint():
                    filed.append(_add_one(tx, review, replace_stored))
            except (StoreError, OperationalError):
                raise  # the store itself failed: no later review would fare better
            except Exception as err:  # a bug filing this review: the others are still stored
                filed.append(_Filed(unexpected(review.document.source, err)))
        joined = dict.fromkeys(f.film_id for f in filed if f.film_id and not f.made_film)
        slugs = {film_id: remerge(tx, film_id) for film_id in joined}
        settle(tx, {film for f in filed for film in f.left} - {f.film_id for f in filed})
        for f in filed:
            if f.film_id is not None and f.film_id not in slugs:
                slugs[f.film_id] = tx.slug_of(f.film_id)
    return [
        (replace(f.outcome, film=slugs[f.film_id]) if f.film_id else f.outcome, f.waiting)
        for f in filed
    ]


def _add_one(tx: Transaction, review: Review, replace_stored: bool) -> _Filed:
    """Store one review (one part of a document) and file it; the document row is written
    with its first part. A part already stored is skipped, or with ``replace_stored``
    deleted and filed again."""
    document = review.document
    digest = content_hash(document)
    document_id = tx.document_id(digest)
    left: frozenset[int] = frozenset()
    if document_id is not None and tx.has_review(document_id, document.part):
        if not replace_stored:
            message = "already in the store (--replace files it again as read now)"
            return _Filed(Outcome(document.source, "duplicate", message=message))
        left = frozenset(drop_part(tx, document_id, document.source, document.part))
        document_id = tx.document_id(digest)
    if document_id is None:
        document_id = tx.add_document(document, digest)
    film_id, made = _film_for(tx, review)
    review_id = tx.add_review(
        review, document_id=document_id, position=document.part, film_id=film_id
    )
    waiting = review_id if review.facts.title is None else None
    unread = unread_score(document.meta)
    said = None if unread is None else f"printed score {unread!r} not read"
    outcome = Outcome(document.source, "added", message=said)
    return _Filed(outcome, film_id, made, waiting, left)


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
        slugs = {film_id: remerge(tx, film_id) for film_id in dict.fromkeys(adopted.values())}
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


def feed_urls(
    fetcher: Fetcher, feeds: Iterable[str], *, since: date | None = None
) -> tuple[list[str], list[Outcome]]:
    """The review pages a batch of feeds links to, and one error per unreadable feed."""
    urls: list[str] = []
    failures: list[Outcome] = []
    for feed in feeds:
        try:
            urls.extend(entry.url for entry in fetch.read_feed(fetcher, feed, since=since))
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
