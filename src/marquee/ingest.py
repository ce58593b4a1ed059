"""Put reviews into the store and file each one under its film.

The one place where reading meets the database: files, stdin and web pages (fetched by
:mod:`marquee.fetch`, then read exactly as the saved page would be) are parsed, a page
that reviews several films into one review per film; then each review is written in its
own transaction, where it is matched against the films already stored,
and the film's facts are re-merged from all of its reviews. A review that names no film
waits unassigned until a later review names one it mentions.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Literal

from marquee.corrections import drop_part, remerge, settle
from marquee.documents import Reading, ReadOptions, read_bytes, read_path
from marquee.documents.kind import page_kind
from marquee.errors import MarqueeError, StoreError
from marquee.fetch import Fetcher, Page, is_url, read_feed
from marquee.films import film_slug, match_film
from marquee.multifilm import split_films
from marquee.overrides import Overrides, overridden
from marquee.records import Document, Review
from marquee.report_cache import film_report, report_key
from marquee.review import FilmHint, parse_review
from marquee.scores import unread_score
from marquee.scoring import infer_scores
from marquee.store import FilmEntry, Store, Transaction, content_hash

log = logging.getLogger(__name__)

Status = Literal["added", "duplicate", "error"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input: a document added, skipped as a duplicate, or refused."""

    source: str
    status: Status
    film: str | None = None  # slug of the film it was filed under
    message: str | None = None


def add_reviews(
    store: Store,
    reviews: Iterable[Review],
    *,
    build_reports: bool = True,
    replace_stored: bool = False,
) -> Iterator[Outcome]:
    """Store each review (one transaction each), titled reviews first so that untitled
    ones in the same batch can be matched to the films they mention; then, unless told
    not to (a caller that shows its own progress runs :func:`prebuild_reports` itself),
    build the reports of the films that changed. ``replace_stored`` files a review already
    stored again, as read now (``add --film … --replace``), instead of skipping it."""
    ordered = sorted(reviews, key=lambda r: r.facts.title is None)
    for review in ordered:
        try:
            outcome = _add_one(store, review, replace_stored=replace_stored)
        except StoreError:
            raise  # the store itself failed: no later review would fare better
        except Exception as err:  # a bug filing this review: the others are still stored
            outcome = _unexpected(review.document.source, err)
        yield outcome
    adopted = adopt_unassigned(store)
    if adopted:
        log.info("filed %d earlier review(s) under films named since", adopted)
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


def _add_one(store: Store, review: Review, *, replace_stored: bool) -> Outcome:
    """Store one review (one part of a document) and file it; the document row is written
    with its first part. A part already stored is skipped, or with ``replace_stored``
    deleted and filed again (the film it left merged again, or deleted if left empty)."""
    document = review.document
    digest = content_hash(document)
    left: set[int] = set()
    with store.transaction() as tx:
        document_id = tx.document_id(digest)
        if document_id is not None and tx.has_review(document_id, document.part):
            if not replace_stored:
                message = "already in the store (--replace files it again as read now)"
                return Outcome(document.source, "duplicate", message=message)
            left = drop_part(tx, document_id, document.source, document.part)
            document_id = tx.document_id(digest)
        if document_id is None:
            document_id = tx.add_document(document, digest)
        film_id, slug = _film_for(tx, review)
        tx.add_review(review, document_id=document_id, position=document.part, film_id=film_id)
        if film_id is not None:
            slug = remerge(tx, film_id)
        left.discard(film_id or 0)
        settle(tx, left)
    unread = unread_score(document.meta)
    said = None if unread is None else f"printed score {unread!r} not read"
    return Outcome(document.source, "added", film=slug, message=said)


def _film_for(tx: Transaction, review: Review) -> tuple[int | None, str | None]:
    """The stored film this review is about, a new one if it names an unknown film, or none."""
    films = tx.films()
    index = match_film(review.facts, [f.facts for f in films], review.document.body)
    if index is not None:
        return films[index].id, films[index].slug
    if review.facts.title:
        slug = film_slug(review.facts.title, review.facts.year)
        return tx.save_film(review.facts, slug), slug
    return None, None


def adopt_unassigned(store: Store) -> int:
    """File reviews that named no film under a stored film they mention; returns how many."""
    adopted = 0
    with store.transaction() as tx:
        films = tx.films()
        if not films:
            return 0
        for review_id, review in tx.unassigned():
            index = match_film(review.facts, [f.facts for f in films], review.document.body)
            if index is not None:
                tx.assign(review_id, films[index].id)
                remerge(tx, films[index].id)
                adopted += 1
    return adopted


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
    said: Overrides | None = None,
    keep_non_film: bool = False,
) -> tuple[list[Review], list[Outcome]]:
    """Read and parse every input; a page reviewing several films gives one review each,
    or only the one ``said.film`` picks (the user's ``--film``/``--critic``/``--outlet``
    override what is read: :mod:`marquee.overrides`).

    A document that does not read as a film review (a TV column, a product review: see
    :mod:`marquee.documents.kind`) is refused with its reason, unless ``keep_non_film``.

    A URL is fetched with ``fetcher`` (one with default options when None) and read
    exactly as the saved page would be, with its provenance kept. Each review without a
    printed score gets one inferred by the model. Returns the reviews and one error
    outcome per input (or table row) that could not be read; a bad input never stops
    the batch.
    """
    reviews: list[Review] = []
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
                films, refused = _film_reviews(reading, source, keep_non_film=keep_non_film)
                failures.extend(refused)
                parts = [part for doc in films for part in split_films(doc)]
                parsed = [parse_review(part, hint=hint) for part in parts]
                read = infer_scores(_said_over(parsed, said or Overrides()))
            except MarqueeError as err:
                failures.append(Outcome(source, "error", message=str(err)))
            except Exception as err:  # a bug, but one input must not cost the others
                failures.append(_unexpected(source, err))
            else:
                failures.extend(Outcome(source, "error", message=p) for p in reading.problems)
                reviews.extend(read)
            step(source)
    return reviews, failures


def _said_over(reviews: list[Review], said: Overrides) -> list[Review]:
    """Each document's reviews with the user's word over what was read (a table's rows are
    each their own document)."""
    by_source: dict[str, list[Review]] = {}
    for review in reviews:
        by_source.setdefault(review.document.source, []).append(review)
    return [kept for source, group in by_source.items() for kept in overridden(group, said, source)]


def _film_reviews(
    reading: Reading, source: str, *, keep_non_film: bool
) -> tuple[list[Document], list[Outcome]]:
    """The documents that read as film reviews, and a refusal for each that does not."""
    if keep_non_film:
        return list(reading.documents), []
    kept: list[Document] = []
    refused: list[Outcome] = []
    for document in reading.documents:
        kind = page_kind(document)
        if kind.is_film:
            kept.append(document)
        else:
            message = f"{kind.reason}; --keep-non-film adds it anyway"
            refused.append(Outcome(source, "error", message=message))
    return kept, refused


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
