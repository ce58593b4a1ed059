"""Critic and outlet pages: every review under one byline, its average, and how often it
agrees with the films' consensus.

A critic or outlet is known by name only (reviews carry no id for them), so a page's
address is the name's slug and every spelling that slugs the same ("A.O. Scott", "A. O.
Scott") is one page. Agreement compares a review's verdict with its film's fresh % (fresh
at :data:`~marquee.records.FRESH_AT`), over the reviews where both are known.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from sqlalchemy import func, select

from marquee.browse.films import figures
from marquee.browse.memo import remembered
from marquee.browse.reading import read_session
from marquee.errors import NotFound
from marquee.films.titles import film_slug
from marquee.records import BODY_KINDS, FRESH_AT
from marquee.store import FilmRow, ReviewRow, Store

Kind = Literal["critic", "outlet"]
EXCERPT_CHARS = 280
"""Of a review's own words shown on a byline page; the full text is one click away."""


@lru_cache(maxsize=65_536)
def name_slug(name: str) -> str:
    """A person's or outlet's address: "Mark Kermode" → "mark-kermode" (remembered: a film
    page links hundreds of names, and search and byline lookups slug every name known)."""
    return film_slug(name, None)


@dataclass(frozen=True, slots=True)
class WrittenReview:
    """One review on a byline page, with where it sits on its film's page (``n``)."""

    film_slug: str
    film_title: str
    film_year: int | None
    n: int
    critic: str | None
    outlet: str | None
    published: str | None
    verdict: str | None
    score: float | None
    score_raw: str | None
    printed: bool
    excerpt: str
    film_fresh: float | None

    @property
    def agrees(self) -> bool | None:
        """Whether the verdict matches the film's (None: either is unknown)."""
        if self.verdict is None or self.film_fresh is None:
            return None
        return (self.verdict == "fresh") == (self.film_fresh >= FRESH_AT)


@dataclass(frozen=True, slots=True)
class Byline:
    """A critic's or outlet's page: their reviews (newest first) and what they add up to.

    ``others`` are the outlets a critic wrote for, or the critics an outlet published,
    most reviews first.
    """

    kind: Kind
    slug: str
    name: str
    reviews: tuple[WrittenReview, ...]
    others: tuple[tuple[str, int], ...]

    @property
    def average(self) -> float | None:
        scores = [r.score for r in self.reviews if r.score is not None]
        return round(sum(scores) / len(scores), 1) if scores else None

    @property
    def compared(self) -> int:
        return sum(r.agrees is not None for r in self.reviews)

    @property
    def agreement(self) -> float | None:
        """Share (0–100) of compared reviews whose verdict matched the film's."""
        if not self.compared:
            return None
        return round(100 * sum(r.agrees is True for r in self.reviews) / self.compared, 1)

    def json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "slug": self.slug,
            "name": self.name,
            "average": self.average,
            "agreement": self.agreement,
            "compared": self.compared,
            "others": [{"name": n, "reviews": c} for n, c in self.others],
            "reviews": [
                {
                    "film": {"slug": r.film_slug, "title": r.film_title, "year": r.film_year},
                    "href": f"/films/{r.film_slug}/reviews/{r.n}",
                    "critic": r.critic,
                    "outlet": r.outlet,
                    "published": r.published,
                    "verdict": r.verdict,
                    "score": r.score,
                    "score_raw": r.score_raw,
                    "printed": r.printed,
                    "excerpt": r.excerpt,
                    "film_fresh_percent": r.film_fresh,
                    "agrees": r.agrees,
                }
                for r in self.reviews
            ],
        }


def _column(kind: Kind) -> Any:
    return ReviewRow.critic if kind == "critic" else ReviewRow.outlet


def names(store: Store, kind: Kind) -> list[str]:
    """Every distinct critic (or outlet) name in the store (remembered until it changes)."""
    column = _column(kind)

    def read() -> list[str]:
        with read_session(store) as session:
            return [n for n in session.scalars(select(column).distinct()) if n and n.strip()]

    return remembered(store, f"{kind} names", read)


def excerpt(blocks: Iterable[Mapping[str, Any]] | None) -> str:
    """The start of a review's own words, cut at a word."""
    text = " ".join(b["text"] for b in blocks or () if b.get("kind") in BODY_KINDS)
    if len(text) <= EXCERPT_CHARS:
        return text
    return text[:EXCERPT_CHARS].rsplit(" ", 1)[0] + "…"


def byline(store: Store, kind: Kind, slug: str) -> Byline:
    """The page of the critic (or outlet) whose name slugs to ``slug``."""
    spellings = [n for n in names(store, kind) if name_slug(n) == slug]
    if not spellings:
        raise NotFound(f"no {kind} called {slug!r}")
    column = _column(kind)
    theirs = select(ReviewRow.film_id).where(column.in_(spellings))
    placed = (
        select(
            ReviewRow.id,
            (
                func.row_number().over(partition_by=ReviewRow.film_id, order_by=ReviewRow.id) - 1
            ).label("n"),
        )
        .where(ReviewRow.film_id.in_(theirs))
        .subquery()
    )
    query = (
        select(
            FilmRow.id.label("film_id"),
            FilmRow.slug,
            FilmRow.title.label("film_title"),
            FilmRow.year,
            placed.c.n,
            ReviewRow.critic,
            ReviewRow.outlet,
            ReviewRow.published,
            ReviewRow.verdict,
            ReviewRow.score_value,
            ReviewRow.score_raw,
            ReviewRow.score_explicit,
            ReviewRow.record[("document", "blocks")].label("blocks"),
        )
        .join(placed, placed.c.id == ReviewRow.id)
        .join(FilmRow, FilmRow.id == ReviewRow.film_id)
        .where(column.in_(spellings))
    )
    with read_session(store) as session:
        rows = list(session.execute(query))
    numbers = figures(store)  # every film's, remembered: cheaper than this critic's alone
    reviews = sorted(
        (
            WrittenReview(
                r.slug,
                r.film_title,
                r.year,
                r.n,
                r.critic,
                r.outlet,
                r.published,
                r.verdict,
                r.score_value,
                r.score_raw,
                bool(r.score_explicit),
                excerpt(r.blocks),
                numbers[r.film_id].fresh_percent if r.film_id in numbers else None,
            )
            for r in rows
        ),
        key=lambda r: (r.published or "", r.film_title.casefold()),
        reverse=True,
    )
    name = Counter(getattr(r, kind) for r in reviews).most_common(1)[0][0]
    return Byline(kind, slug, name, tuple(reviews), _others(reviews, kind))


def _others(reviews: Sequence[WrittenReview], kind: Kind) -> tuple[tuple[str, int], ...]:
    other = "outlet" if kind == "critic" else "critic"
    counts = Counter(getattr(r, other) for r in reviews if getattr(r, other))
    return tuple(counts.most_common())
