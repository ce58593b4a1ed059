"""Corrections of what is stored (:mod:`marquee.corrections`): a review re-filed, a film
merged, renamed or removed. Deleting a film takes its name keys and cached report with it
(ON DELETE CASCADE), so nothing here needs to know about them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from marquee.codec import facts_from_dict, to_dict
from marquee.errors import NotFound
from marquee.records import FilmFacts
from marquee.store._schema import DocumentRow, FilmRow, ReviewRow
from marquee.store._transaction import Transaction


@dataclass(frozen=True, slots=True)
class StoredReview:
    """A stored review's ids, where it came from, and the film facts its record holds."""

    id: int
    document_id: int
    film_id: int | None
    source: str
    position: int
    facts: FilmFacts


def stored_reviews(
    tx: Transaction, *, source: str | None = None, film_id: int | None = None
) -> list[StoredReview]:
    """The reviews read from the document ``source`` (every part of it), or filed under
    ``film_id``, in the order they were stored."""
    query = select(
        ReviewRow.id,
        ReviewRow.document_id,
        ReviewRow.film_id,
        DocumentRow.source,
        ReviewRow.position,
        ReviewRow.record["facts"],
    ).join(DocumentRow, DocumentRow.id == ReviewRow.document_id)
    if source is not None:
        query = query.where(DocumentRow.source == source)
    if film_id is not None:
        query = query.where(ReviewRow.film_id == film_id)
    rows = tx._s.execute(query.order_by(ReviewRow.id)).all()
    return [StoredReview(r[0], r[1], r[2], r[3], r[4], facts_from_dict(r[5])) for r in rows]


def refile_review(tx: Transaction, review_id: int, facts: FilmFacts, film_id: int) -> None:
    """File a review under ``film_id`` and make its record say the film is ``facts``: a
    film's facts are merged again from its reviews' records, so the user's correction
    must live there to survive the next merge."""
    row = tx._s.get(ReviewRow, review_id)
    if row is None:
        raise NotFound(f"no review with id {review_id}")
    row.record = {**row.record, "facts": to_dict(facts)}
    row.film_id = film_id
    tx._s.flush()


def delete_review(tx: Transaction, review_id: int) -> None:
    """Delete a review, and its document once no review of it is left, so the same file
    can be added again."""
    row = tx._s.get(ReviewRow, review_id)
    if row is None:
        raise NotFound(f"no review with id {review_id}")
    document_id = row.document_id
    tx._s.delete(row)
    tx._s.flush()
    left = tx._s.scalar(select(func.count()).where(ReviewRow.document_id == document_id))
    if not left:
        document = tx._s.get(DocumentRow, document_id)
        if document is not None:
            tx._s.delete(document)
            tx._s.flush()


def delete_film(tx: Transaction, film_id: int) -> None:
    """Delete a film row (and its cached report); its reviews must have left it."""
    row = tx._s.get(FilmRow, film_id)
    if row is None:
        raise NotFound(f"no film with id {film_id}")
    tx._s.delete(row)
    tx._s.flush()
