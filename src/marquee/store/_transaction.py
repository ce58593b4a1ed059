"""What can be done inside one transaction: the reads and writes of adding and reporting."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from functools import cache
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Row,
    Table,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Session

from marquee.codec import facts_from_dict, to_dict
from marquee.errors import NotFound
from marquee.records import Document, FilmFacts, Review
from marquee.store import _read
from marquee.store._fast import Fast, savepoint
from marquee.store._read import FilmEntry
from marquee.store._schema import (
    SLUG_MAX,
    DocumentRow,
    FilmKeyRow,
    FilmRow,
    ReviewRow,
    _record_without_raw,
    _review_from_row,
    key_digest,
)

log = logging.getLogger(__name__)

_DOCS, _REVIEWS, _FILMS, _KEYS = (
    cast(Table, row.__table__) for row in (DocumentRow, ReviewRow, FilmRow, FilmKeyRow)
)


# The statements of adding, built once and run on the driver's cursor (see
# marquee.store._fast): through SQLAlchemy's execution each cost about 100 µs more than
# SQLite took to run it, and adding a review runs about eight.
_DOCUMENT_ID = Fast(select(_DOCS.c.id).where(_DOCS.c.content_hash == bindparam("digest")))
_HAS_REVIEW = Fast(
    select(_REVIEWS.c.id).where(
        _REVIEWS.c.document_id == bindparam("document"), _REVIEWS.c.position == bindparam("part")
    )
)
_NEW_DOCUMENT = Fast(insert(_DOCS).returning(_DOCS.c.id))
_NEW_REVIEW = Fast(insert(_REVIEWS).returning(_REVIEWS.c.id))
_FILM_STATE = (_FILMS.c.id, _FILMS.c.version, _FILMS.c.updated_at)
_NEW_FILM = Fast(insert(_FILMS).values(version=1).returning(*_FILM_STATE))
_CHANGE_FILM = Fast(
    update(_FILMS)
    .where(_FILMS.c.id == bindparam("film"))
    .values(version=func.coalesce(_FILMS.c.version, 0) + 1)
    .returning(*_FILM_STATE)
)
_SLUG_OF = Fast(select(_FILMS.c.slug).where(_FILMS.c.id == bindparam("film")))
_SLUG_HOLDER = Fast(
    select(_FILMS.c.id).where(_FILMS.c.slug == bindparam("slug"), _FILMS.c.id != bindparam("film"))
)
_KEYS_OF = Fast(select(_KEYS.c.digest).where(_KEYS.c.film_id == bindparam("film")))
_DROP_KEYS = delete(_KEYS).where(
    _KEYS.c.film_id == bindparam("film"), _KEYS.c.digest.in_(bindparam("gone", expanding=True))
)
_NEW_KEY = Fast(insert(_KEYS))
_FACTS_OF_REVIEWS = Fast(
    select(_REVIEWS.c.record["facts"])
    .where(_REVIEWS.c.film_id == bindparam("film"))
    .order_by(_REVIEWS.c.id)
)


@cache
def _films_named(keys: int) -> Fast:
    """The films answering to any of ``keys`` name keys (``k0``, ``k1``…), by id: one
    statement per count, since an expanding IN is rendered anew on every run."""
    digests = [bindparam(f"k{i}", type_=_KEYS.c.digest.type) for i in range(keys)]
    named = select(_KEYS.c.film_id).where(_KEYS.c.digest.in_(digests))
    return Fast(select(*_FILM_STATE).where(_FILMS.c.id.in_(named)).order_by(_FILMS.c.id))


_FilmState = tuple[int, int, datetime]
"""A film row's id, version and last update: its facts change only with all three."""
FactsSeen = dict[int, tuple[_FilmState, FilmFacts]]
"""Decoded film facts by film id, with the state they were read in: one entry a film, so
the store's memory follows its films, not how often each changed (a run re-merges a
film with every chunk that adds to it)."""


def _film_state(row: Sequence[Any]) -> _FilmState:
    """From a row of (id, version, updated_at)."""
    return (row[0], row[1] or 0, row[2])


def _figures(report: dict[str, Any]) -> str:
    """The report's fresh % and average as the JSON pair kept beside it for film lists."""
    aggregate = report.get("aggregate") or {}
    return json.dumps([aggregate.get("fresh_percent"), aggregate.get("average")])


class Transaction:
    """The write-side operations, valid inside :meth:`Store.transaction` only."""

    def __init__(self, session: Session, facts: FactsSeen) -> None:
        self._s = session
        # the hot paths of adding (lookups, inserts, films' names) run as plain statements
        # on the session's connection: tracking ORM objects cost more than the SQL itself
        self._c = session.connection()
        self._facts = facts  # the store's decoded film facts, by film state (see films())
        self.reader = _read.sqlalchemy_reader(self._c)  # the queries of marquee.store._read

    def document_id(self, digest: str) -> int | None:
        """The stored document with this content hash, if any."""
        found: int | None = _DOCUMENT_ID.scalar(self._c, {"digest": digest})
        return found

    def has_review(self, document_id: int, position: int) -> bool:
        """Whether part ``position`` of a stored document is already a review."""
        found = _HAS_REVIEW.scalar(self._c, {"document": document_id, "part": position})
        return found is not None

    def has_url(self, url: str) -> bool:
        """Whether a page fetched from ``url`` is stored (so it need not be fetched again)."""
        found = select(DocumentRow.id).where(DocumentRow.url == url).limit(1)
        return self._s.scalar(found) is not None

    def counts(self) -> dict[str, int]:
        """How many films, documents and reviews, and how many reviews have no film."""
        return _read.counts(self.reader)

    def films(self) -> list[FilmEntry]:
        counts = dict(
            self._s.execute(
                select(ReviewRow.film_id, func.count()).group_by(ReviewRow.film_id)
            ).all()
        )
        states = self._s.execute(
            select(FilmRow.id, FilmRow.slug, FilmRow.version, FilmRow.updated_at).order_by(
                FilmRow.id
            )
        ).all()
        keyed = [((r.id, r.version or 0, r.updated_at), r) for r in states]
        known = self._facts_in([key for key, _ in keyed])
        return [
            FilmEntry(r.id, r.slug, known[key], counts.get(r.id, 0), key[1]) for key, r in keyed
        ]

    def _facts_in(self, states: list[_FilmState]) -> dict[_FilmState, FilmFacts]:
        """The films' merged facts in these states: remembered, or read and decoded."""
        seen = self._facts
        known = {
            state: held[1]
            for state in states
            if (held := seen.get(state[0])) is not None and held[0] == state
        }
        if len(known) < len(states):
            known |= self._read_facts([state for state in states if state not in known])
        return known

    def _read_facts(self, wanted: list[_FilmState]) -> dict[_FilmState, FilmFacts]:
        """Decode the merged facts of films not seen in this state before, and remember
        them for the store's later transactions (threads of the web app share them). Every
        add lists the films to match its review against; reading and decoding every film's
        facts each time made adding an export of a thousand films' reviews quadratic."""
        found: dict[_FilmState, FilmFacts] = {}
        for chunk in (wanted[i : i + 500] for i in range(0, len(wanted), 500)):
            films = _FILMS.c
            rows = self._c.execute(
                select(films.id, films.version, films.updated_at, films.facts).where(
                    films.id.in_([state[0] for state in chunk])
                )
            )
            found |= {_film_state(row): facts_from_dict(row.facts) for row in rows}
        self._remember(found)
        return found

    def _remember(self, found: dict[_FilmState, FilmFacts]) -> None:
        self._facts.update((state[0], (state, facts)) for state, facts in found.items())

    def film_by_slug(self, slug: str) -> FilmEntry | None:
        return _read.film_by_slug(self.reader, slug)

    def slug_of(self, film_id: int) -> str:
        slug: str | None = _SLUG_OF.scalar(self._c, {"film": film_id})
        if slug is None:
            raise NotFound(f"no film with id {film_id}")
        return slug

    def reviews(self, film_id: int | None) -> list[Review]:
        return [review for _id, review in self._reviews_where(film_id)]

    def reviews_of_films(self, film_ids: Sequence[int]) -> dict[int, list[Review]]:
        """Each film's reviews (as :meth:`reviews`), many films in a few queries."""
        found: dict[int, list[Review]] = {film_id: [] for film_id in film_ids}
        for part in (film_ids[i : i + 500] for i in range(0, len(film_ids), 500)):
            for row in self._review_rows(_REVIEWS.c.film_id.in_(part)):
                found[row.film_id].append(_review_from_row(row.record, row.raw))
        return found

    def unassigned(self) -> list[tuple[int, Review]]:
        """Reviews filed under no film yet, with their ids."""
        return self._reviews_where(None)

    def _reviews_where(self, film_id: int | None) -> list[tuple[int, Review]]:
        reviews = _REVIEWS.c
        where = reviews.film_id.is_(None) if film_id is None else reviews.film_id == film_id
        return [(row.id, _review_from_row(row.record, row.raw)) for row in self._review_rows(where)]

    def _review_rows(self, where: ColumnElement[bool]) -> Sequence[Row[Any, Any, Any, Any]]:
        reviews = _REVIEWS.c
        return self._c.execute(
            select(reviews.id, reviews.film_id, reviews.record, _DOCS.c.raw)
            .join(_DOCS, _DOCS.c.id == reviews.document_id)
            .where(where)
            .order_by(reviews.id)
        ).all()

    def assign(self, review_id: int, film_id: int) -> None:
        row = self._s.get(ReviewRow, review_id)
        if row is None:
            raise NotFound(f"no review with id {review_id}")
        row.film_id = film_id
        self._s.flush()

    def add_document(self, document: Document, digest: str) -> int:
        fetched = document.provenance
        return self._insert(
            _NEW_DOCUMENT,
            content_hash=digest,
            source=document.source,
            shape=document.shape,
            encoding=document.encoding,
            raw=document.raw,
            added_at=datetime.now(UTC),
            url=fetched.url if fetched else None,
            http_status=fetched.status if fetched else None,
            fetched_at=fetched.fetched_at if fetched else None,
        )

    def add_review(
        self, review: Review, *, document_id: int, position: int, film_id: int | None
    ) -> int:
        score = review.score
        return self._insert(
            _NEW_REVIEW,
            document_id=document_id,
            position=position,
            film_id=film_id,
            critic=review.meta.critic,
            outlet=review.meta.outlet,
            published=review.meta.published,
            title=review.meta.title,
            spoilers=review.meta.spoilers,
            score_value=score.value if score else None,
            score_raw=score.raw if score else None,
            score_explicit=score.explicit if score else None,
            verdict=review.verdict,
            record=_record_without_raw(review),
        )

    def _insert(self, statement: Fast, **values: Any) -> int:
        """One row, inserted as a plain statement (no ORM object to track: adding a
        large export inserts tens of thousands); returns its id."""
        new_id: int = statement.scalar(self._c, values)
        return new_id

    def save_film(self, facts: FilmFacts, slug: str, film_id: int | None = None) -> int:
        """Insert a film, or replace an existing one's merged facts; returns its id.

        The slug follows the merged title; when another film holds it, a numeric suffix
        keeps it unique. The film's name keys (see :meth:`films_named`) follow its facts,
        and any built report is dropped.
        """
        slug = slug[:SLUG_MAX]
        unique, n = slug, 2
        while self._slug_taken(unique, film_id):
            suffix = f"-{n}"
            unique, n = slug[: SLUG_MAX - len(suffix)] + suffix, n + 1
        values = {
            "slug": unique,
            "title": facts.title or unique,
            "year": facts.year,
            "facts": to_dict(facts),
            "updated_at": datetime.now(UTC),
            "report": None,
            "report_key": None,
            "report_figures": None,
        }
        new = film_id is None
        if film_id is None:
            saved = _NEW_FILM.first(self._c, values)
        else:
            saved = _CHANGE_FILM.first(self._c, {"film": film_id, **values})
            self._s.expire_all()  # a FilmRow this session holds is stale now
        if saved is None:
            raise NotFound(f"no film with id {film_id}")
        film_id = int(saved[0])
        # the next review naming this film finds its facts without reading them back
        self._remember({_film_state(saved): facts})
        self._file_keys(film_id, facts, new=new)
        return film_id

    def _slug_taken(self, slug: str, film_id: int | None) -> bool:
        """Whether a film other than ``film_id`` holds ``slug`` (one indexed lookup)."""
        return _SLUG_HOLDER.scalar(self._c, {"slug": slug, "film": film_id or -1}) is not None

    def _file_keys(self, film_id: int, facts: FilmFacts, *, new: bool) -> None:
        from marquee.films.titles import title_keys  # regex: not for `marquee films`

        wanted = {key_digest(key) for key in title_keys(facts.title, facts.aliases)}
        held = set() if new else {row[0] for row in _KEYS_OF.rows(self._c, {"film": film_id})}
        if held - wanted:
            self._c.execute(_DROP_KEYS, {"film": film_id, "gone": sorted(held - wanted)})
        if wanted - held:
            _NEW_KEY.many(
                self._c, [{"film_id": film_id, "digest": d} for d in sorted(wanted - held)]
            )

    def films_named(self, keys: Iterable[str]) -> list[tuple[int, FilmFacts]]:
        """The films (id, merged facts; by id) answering to any of these name keys: the
        only films a titled review can be about (see :func:`marquee.films.match_film`)."""
        digests = sorted({key_digest(key) for key in keys})
        if not digests:
            return []
        keys = {f"k{i}": digest for i, digest in enumerate(digests)}
        rows = _films_named(len(digests)).rows(self._c, keys)
        states = [_film_state(row) for row in rows]
        known = self._facts_in(states)
        return [(state[0], known[state]) for state in states]

    def index_names(self) -> int:
        """File the name keys of every film that has none (a store made before they were
        kept); returns how many films that was."""
        bare = self._s.execute(
            select(FilmRow.id, FilmRow.facts).where(
                FilmRow.id.not_in(select(FilmKeyRow.film_id).distinct())
            )
        ).all()
        for film_id, facts in bare:
            self._file_keys(film_id, facts_from_dict(facts), new=False)
        return len(bare)

    def savepoint(self) -> AbstractContextManager[None]:
        """Writes that are undone together if the block raises, leaving the rest of the
        transaction as it was (so one review's failure does not cost its chunk)."""
        return savepoint(self._s)

    def report_keys(self) -> dict[int, str | None]:
        """Each film's built report's key (None: no report), without reading the reports."""
        rows = self._s.execute(select(FilmRow.id, FilmRow.report_key))
        return {film_id: key for film_id, key in rows}

    def cached_report(self, film_id: int, key: str) -> dict[str, Any] | None:
        """The film's built report if it was built by the same code and model (``key``)."""
        return _read.cached_report(self.reader, film_id, key)

    def save_reports(self, key: str, built: Sequence[tuple[int, int, dict[str, Any]]]) -> None:
        """Keep built reports: (film id, the film's :attr:`FilmEntry.version` it was built
        from, report), all in one statement.

        When another writer changed a film while its report was being built, that report
        is already stale and is not kept, so the next reader builds it again instead of
        being served a report that misses the new review.
        """
        if not built:
            return
        films = _FILMS.c
        keep = (
            update(_FILMS)
            .where(films.id == bindparam("film"))
            .where(func.coalesce(films.version, 0) == bindparam("built_from"))
            .values(report=bindparam("built"), report_key=key, report_figures=bindparam("pair"))
        )
        rows = [
            {"film": film, "built_from": v, "built": report, "pair": _figures(report)}
            for film, v, report in built
        ]
        kept = self._c.execute(keep, rows).rowcount
        if 0 <= kept < len(built):
            log.info(
                "%d film(s) changed while their reports were built; not caching them",
                len(built) - kept,
            )
        self._s.expire_all()  # a FilmRow this session holds is stale now

    def film_facts_of_reviews(self, film_id: int) -> list[FilmFacts]:
        """Each of the film's reviews' own facts, in the order they were stored (a merge
        keeps the first spelling it meets, so an order left to the query plan, which turns
        on the order the indexes were made in, would change the film's aliases); only that
        part of each record is read, since every review added to a film re-merges all
        of them."""
        rows = _FACTS_OF_REVIEWS.rows(self._c, {"film": film_id})
        return [facts_from_dict(row[0]) for row in rows]
