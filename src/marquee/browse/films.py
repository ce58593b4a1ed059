"""Film lists with their figures: fresh %, average, review count and year, sorted and
filtered, for the CLI (``marquee films``), the web list and its JSON and CSV twins.

A film's figures are those of its built report (the same numbers its page shows) read
out of the stored JSON by the database, so listing 2,000 films never parses a report.
A film whose report has not been built yet (it was just added, or by other code) gets
the plain share of its verdicts and the mean of its scores from the review columns,
withheld below :data:`~marquee.aggregate.MIN_REVIEWS` as the report would.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, Literal, NamedTuple, get_args

from marquee.aggregate import MIN_REVIEWS
from marquee.browse.memo import remembered
from marquee.errors import MarqueeError
from marquee.store import (
    Store,
    film_facts,
    film_name_rows,
    report_figures,
    review_counts,
    review_tallies,
)

SortKey = Literal["reviews", "fresh", "average", "year", "title"]
SORT_KEYS: tuple[str, ...] = get_args(SortKey)


# The records a list makes one of per film (Figures, ListedFilm, NamedFilm, IndexedFilm)
# are named tuples: 2,000 films made 6,000 frozen dataclasses, each set field by field
# through object.__setattr__, and such a class costs six times a named tuple to define
# (4.8M instructions against 0.8M, paid by every `marquee films`).


class Figures(NamedTuple):
    """A film's list figures (None: not enough reviews with a verdict or a score)."""

    reviews: int
    fresh_percent: float | None
    average: float | None


class ListedFilm(NamedTuple):
    """One row of a film list."""

    slug: str
    title: str | None
    year: int | None
    aliases: tuple[str, ...]
    reviews: int
    fresh_percent: float | None
    average: float | None

    def json(self) -> dict[str, Any]:
        return {**self._asdict(), "aliases": list(self.aliases)}


@dataclass(frozen=True, slots=True, kw_only=True)
class FilmQuery:
    """How to sort and filter a film list; every bound is inclusive and optional.

    A film without a fresh % (or average) is left out by a bound on it, and sorts last
    whichever way the list runs.
    """

    sort: SortKey = "reviews"
    descending: bool | None = None  # None: the natural way (most, highest, newest; A–Z)
    year_from: int | None = None
    year_to: int | None = None
    fresh_min: float | None = None
    fresh_max: float | None = None
    average_min: float | None = None

    def __post_init__(self) -> None:
        if self.sort not in SORT_KEYS:
            raise InvalidQuery(f"cannot sort by {self.sort!r}; sort by {', '.join(SORT_KEYS)}")

    @property
    def falling(self) -> bool:
        return self.sort != "title" if self.descending is None else self.descending

    @property
    def bounded(self) -> bool:
        """Whether any bound is set (else :meth:`keeps` keeps every film)."""
        return any(
            bound is not None
            for bound in (
                self.year_from,
                self.year_to,
                self.fresh_min,
                self.fresh_max,
                self.average_min,
            )
        )

    def keeps(self, film: ListedFilm) -> bool:
        bounds = (
            (film.year, self.year_from, self.year_to),
            (film.fresh_percent, self.fresh_min, self.fresh_max),
            (film.average, self.average_min, None),
        )
        return all(
            (low is None and high is None)
            or (
                value is not None
                and (low is None or value >= low)
                and (high is None or value <= high)
            )
            for value, low, high in bounds
        )


class InvalidQuery(MarqueeError):
    status = 422


def figures(store: Store, film_ids: Collection[int] | None = None) -> dict[int, Figures]:
    """Every film's figures (or those of ``film_ids``) by film id, in two queries whatever
    the number of films; all films' are remembered until the store changes."""
    if film_ids is None:
        return remembered(store, "figures", lambda: _figures(store, None))
    return _figures(store, film_ids)


def _figures(store: Store, film_ids: Collection[int] | None) -> dict[int, Figures]:
    with store.reading() as read:
        reports = report_figures(read, film_ids)
        counts: dict[int, int] = dict(review_counts(read, film_ids))
        # verdicts and scores only when some report is not built yet (``add`` builds them):
        # tallying them costs twice what counting the reviews does
        unbuilt = not all(is_built for _, is_built, _, _ in reports)
        rows = {row[0]: row for row in review_tallies(read, film_ids)} if unbuilt else {}
    found = {}
    for film_id, is_built, fresh, average in reports:
        row = rows.get(film_id)
        if not is_built and row is not None:
            _id, _count, fresh_count, verdicts, mean, scored = row
            enough = verdicts >= MIN_REVIEWS
            fresh = round(100 * fresh_count / verdicts, 1) if enough else None
            average = round(mean, 1) if enough and scored else None
        found[film_id] = Figures(counts.get(film_id, 0), fresh, average)
    return found


class NamedFilm(NamedTuple):
    """A film's names and year: all a film list and a title lookup need of its facts."""

    id: int
    slug: str
    title: str | None
    year: int | None
    aliases: tuple[str, ...]


class IndexedFilm(NamedTuple):
    """What browsing needs of a film's merged facts: its names, year and credited people
    as (name, role) — "director", "as Eve", or "cast" for an actor without a role."""

    id: int
    slug: str
    title: str | None
    year: int | None
    aliases: tuple[str, ...]
    people: tuple[tuple[str, str], ...]


def film_names(store: Store) -> list[NamedFilm]:
    """Every film's names and year, by id, picked out of the stored facts by the database
    (:func:`film_index` parses every film's facts, cast and credits included, which was
    half the time of ``marquee films`` on 2,000 films), remembered until the store changes."""

    def read_names() -> list[NamedFilm]:
        with store.reading() as read:
            return [NamedFilm(*row[:4], tuple(row[4])) for row in film_name_rows(read)]

    return remembered(store, "film_names", read_names)


def film_index(store: Store) -> list[IndexedFilm]:
    """Every film's names and people, read from the stored facts as plain JSON (building
    :class:`~marquee.records.FilmFacts` for 2,000 films, as :meth:`Store.films` does, took
    most of a list page's time), remembered until the store changes."""
    return remembered(store, "film_index", lambda: _film_index(store))


def _film_index(store: Store) -> list[IndexedFilm]:
    with store.reading() as read:
        return [indexed(film_id, slug, facts) for film_id, slug, facts in film_facts(read)]


def indexed(film_id: int, slug: str, facts: dict[str, Any]) -> IndexedFilm:
    people = [(n, role) for role, names in (facts.get("credits") or {}).items() for n in names]
    people += [
        (c["actor"], f"as {c['role']}" if c.get("role") else "cast")
        for c in facts.get("cast") or ()
    ]
    return IndexedFilm(
        film_id,
        slug,
        facts.get("title"),
        facts.get("year"),
        tuple(facts.get("aliases") or ()),
        tuple(people),
    )


def list_films(store: Store, query: FilmQuery = FilmQuery()) -> list[ListedFilm]:
    """The store's films with their figures, filtered and sorted by ``query``."""
    numbers = figures(store)
    films = [listed(f, numbers.get(f.id, Figures(0, None, None))) for f in film_names(store)]
    return sort_films([f for f in films if query.keeps(f)] if query.bounded else films, query)


def listed(film: NamedFilm | IndexedFilm, numbers: Figures) -> ListedFilm:
    """The film's list row: its slug, title, year and aliases (fields 1–4 of either record)
    and its figures."""
    return ListedFilm(*film[1:5], *numbers)


def sort_films(films: Sequence[ListedFilm], query: FilmQuery) -> list[ListedFilm]:
    """Sorted by ``query.sort``; films without that figure last, ties by title."""
    by_title = sorted(films, key=lambda f: ((f.title or f.slug).casefold(), f.year or 0))
    if query.sort == "title":
        return by_title[::-1] if query.falling else by_title
    value = attrgetter({"fresh": "fresh_percent"}.get(query.sort, query.sort))
    known = [f for f in by_title if value(f) is not None]
    unknown = [f for f in by_title if value(f) is None]
    known.sort(key=value, reverse=query.falling)
    return known + unknown


CSV_COLUMNS = ("title", "year", "fresh_percent", "average", "reviews", "slug", "aliases")


def films_csv(films: Sequence[ListedFilm]) -> str:
    """The list as CSV, the columns a spreadsheet wants first; aliases joined by "; "."""
    import csv  # here: a film list as a table or as JSON does not load it

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for f in films:
        row = f.json() | {"aliases": "; ".join(f.aliases)}
        writer.writerow(["" if row[c] is None else row[c] for c in CSV_COLUMNS])
    return out.getvalue()


def top_critic_flags(store: Store, film_id: int) -> list[bool]:
    """Which of a film's reviews (in the report's order) an export marked as by a top
    critic (Rotten Tomatoes' ``top_critic`` / ``isTopCritic`` column)."""
    from sqlalchemy import select

    from marquee.browse.reading import read_session
    from marquee.store import ReviewRow

    flag = ReviewRow.record[("document", "meta", "top_critic")].as_string()
    query = select(flag).where(ReviewRow.film_id == film_id).order_by(ReviewRow.id)
    with read_session(store) as session:
        return [str(v or "").strip().casefold() in TRUE for v in session.scalars(query)]


TRUE = frozenset({"true", "1", "yes", "t", "y"})
