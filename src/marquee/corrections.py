"""Correcting the store: a review removed or moved to another film, a duplicate film
merged into the right one, a film renamed, a document re-filed (``add --replace``).

A film's facts are merged from its reviews' own records every time one changes, so a
correction is written into those records (the title the user gave), not only into the film
row: otherwise the next review added would merge the old title back. Each correction is one
transaction; every film it touches is merged again (its cached report dropped with it) or,
left with no review, deleted. The caller then rebuilds the dropped reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from marquee.errors import NotFound
from marquee.films import film_slug, merge_facts
from marquee.overrides import film_facts, same_film, title_and_year
from marquee.records import FilmFacts
from marquee.store import (
    FilmEntry,
    Store,
    StoredReview,
    Transaction,
    delete_film,
    delete_review,
    refile_review,
    stored_reviews,
)


@dataclass(frozen=True, slots=True)
class Correction:
    """What a correction did: how many reviews it touched, the films whose facts and pages
    changed (by their slugs after it) and the films it deleted (by their slugs before)."""

    action: str
    reviews: int
    films: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


def remove(store: Store, *, sources: Sequence[str] = (), film: str | None = None) -> Correction:
    """Delete the reviews read from each of ``sources`` (as ``add`` and ``report`` name
    them: "reviews/heat.md", "export.csv#row=12"), or every review of ``film`` and the film.
    A source that names nothing stored is :class:`NotFound`, and nothing is deleted."""
    entry = store.find_film(film) if film is not None else None
    with store.transaction() as tx:
        found = _reviews_of(tx, sources)
        if entry is not None:
            found += stored_reviews(tx, film_id=entry.id)
        for review in found:
            delete_review(tx, review.id)
        changed, removed = settle(tx, {r.film_id for r in found if r.film_id is not None})
    return Correction("remove", len(found), changed, removed)


def move(store: Store, source: str, target: str) -> Correction:
    """File the reviews read from ``source`` under the film ``target`` names: a stored
    film's slug or "Title (Year)" (a new film when none is stored by that name)."""
    with store.transaction() as tx:
        found = _reviews_of(tx, [source])
        film_id, facts = _target(tx, target)
        for review in found:
            refile_review(tx, review.id, film_facts(review.facts, *facts), film_id)
        touched = {film_id, *(r.film_id for r in found if r.film_id is not None)}
        changed, removed = settle(tx, touched)
    return Correction("move", len(found), changed, removed)


def merge(store: Store, film: str, into: str) -> Correction:
    """Move every review of ``film`` into ``into`` and delete ``film``: the same film
    stored twice. Its title is kept as an alias, so reviews naming it still find the film."""
    source, target = store.find_film(film), store.find_film(into)
    if source.id == target.id:
        raise NotFound(f"{film!r} and {into!r} are the same film ({source.slug})")
    with store.transaction() as tx:
        found = stored_reviews(tx, film_id=source.id)
        for review in found:
            facts = _titled(review.facts, target.facts.title or target.slug, target.facts.year)
            refile_review(tx, review.id, facts, target.id)
        changed, removed = settle(tx, {source.id, target.id})
    return Correction("merge", len(found), changed, removed)


def rename(store: Store, film: str, new: str) -> Correction:
    """Give ``film`` the title (and year) "Title (Year)" names. The old main title is
    dropped (the user says it was wrong); other names its reviews used stay aliases."""
    entry = store.find_film(film)
    title, year = title_and_year(new)
    with store.transaction() as tx:
        found = stored_reviews(tx, film_id=entry.id)
        for review in found:
            facts = _titled(review.facts, title, year, dropped=entry.facts.title)
            refile_review(tx, review.id, facts, entry.id)
        changed, removed = settle(tx, {entry.id})
    return Correction("rename", len(found), changed, removed)


def drop_part(tx: Transaction, document_id: int, source: str, position: int) -> set[int]:
    """Delete the stored review of one part of a document (``add --replace`` files it
    again); returns the films it was filed under, to be settled after."""
    found = [
        r
        for r in stored_reviews(tx, source=source)
        if r.document_id == document_id and r.position == position
    ]
    for review in found:
        delete_review(tx, review.id)
    return {r.film_id for r in found if r.film_id is not None}


def remerge(tx: Transaction, film_id: int) -> str:
    """Merge a film's facts again from its reviews' records; returns its (new) slug."""
    merged = merge_facts(tx.film_facts_of_reviews(film_id))
    tx.save_film(merged, film_slug(merged.title or "untitled", merged.year), film_id)
    return tx.slug_of(film_id)


def settle(tx: Transaction, film_ids: Iterable[int]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Merge each film again, or delete it when no review is left: (slugs of the films
    changed, slugs of the films deleted)."""
    changed: list[str] = []
    removed: list[str] = []
    for film_id in sorted(set(film_ids)):
        if tx.film_facts_of_reviews(film_id):
            changed.append(remerge(tx, film_id))
        else:
            removed.append(tx.slug_of(film_id))
            delete_film(tx, film_id)
    return tuple(changed), tuple(removed)


_PART = re.compile(r"^(?P<source>.+)#part=(?P<part>\d+)$")


def _reviews_of(tx: Transaction, sources: Iterable[str]) -> list[StoredReview]:
    """The stored reviews of each source; "page.html#part=1" is one film of a page that
    reviews several (parts count from 0, in page order)."""
    found: list[StoredReview] = []
    for source in sources:
        matched = stored_reviews(tx, source=source)
        part = _PART.match(source)
        if not matched and part is not None:
            position = int(part["part"])
            matched = [
                r for r in stored_reviews(tx, source=part["source"]) if r.position == position
            ]
        if not matched:
            raise NotFound(
                f"no stored review was read from {source!r}: give the source as marquee add "
                "or marquee report --json names it (a path, export.csv#row=N, or "
                "page.html#part=N for one film of a page reviewing several)"
            )
        found += matched
    return found


def _target(tx: Transaction, target: str) -> tuple[int, tuple[str, int | None]]:
    """The film ``target`` names, with the title and year to file under: a stored film by
    slug or by title (and year, when given); else a new film of that title and year."""
    films = tx.films()
    by_slug = [f for f in films if f.slug == target.strip()]
    title, year = title_and_year(target)
    named = by_slug or [
        f for f in films if same_film(f.facts.title, title) and year in (None, f.facts.year)
    ]
    if len(named) > 1:
        slugs = ", ".join(f.slug for f in named)
        raise NotFound(f"{target!r} names several films: {slugs}; give one slug or the year")
    if named:
        entry: FilmEntry = named[0]
        return entry.id, (entry.facts.title or entry.slug, entry.facts.year)
    facts = FilmFacts(title=title, year=year)
    return tx.save_film(facts, film_slug(title, year)), (title, year)


def _titled(
    facts: FilmFacts, title: str, year: int | None, *, dropped: str | None = None
) -> FilmFacts:
    """A review's facts under a film's title and year, its own other names kept as
    aliases (except ``dropped``, a title the user corrected)."""
    names = [n for n in (facts.title, *facts.aliases) if n]
    aliases = tuple(
        dict.fromkeys(n for n in names if not same_film(n, title) and not same_film(n, dropped))
    )
    return replace(facts, title=title, year=year or facts.year, aliases=aliases)
