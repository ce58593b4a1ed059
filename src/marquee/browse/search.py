"""Search across every name the store knows, forgiving typos and accents.

Films (titles and aliases), people in the credits, critics and outlets are matched with
rapidfuzz's weighted ratio after folding case and accents ("balerina" finds Ballerina,
"almodovar" finds Almodóvar; see :mod:`marquee.browse.fuzzy`). Which film ``marquee
report`` means is :mod:`marquee.browse.lookup`'s.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from marquee.browse import bylines
from marquee.browse.films import figures, film_index
from marquee.browse.fuzzy import folded, ranked, word_runs
from marquee.browse.memo import remembered
from marquee.browse.people import people
from marquee.store import Store

HitKind = Literal["film", "person", "critic", "outlet"]
PATHS: dict[str, str] = {
    "film": "films",
    "person": "people",
    "critic": "critics",
    "outlet": "outlets",
}
CUTOFF = 70.0
"""Weakest match listed (rapidfuzz WRatio, 0–100); "balerina" scores 94 against Ballerina."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: what it is, its name, the page it links to, a detail line."""

    kind: HitKind
    name: str
    slug: str
    detail: str
    score: float

    @property
    def href(self) -> str:
        return f"/{PATHS[self.kind]}/{self.slug}"


def _names(store: Store) -> list[tuple[str, Hit]]:
    """(folded name, its hit) for every searchable name; a film's aliases lead to the
    film under its title."""
    found: list[tuple[str, Hit]] = []
    films = film_index(store)
    numbers = figures(store)
    for f in films:
        title = f.title or "Untitled film"
        reviews = numbers[f.id].reviews if f.id in numbers else 0
        for name in dict.fromkeys((title, *f.aliases)):
            aka = f" · also known as {name}" if name != title else ""
            detail = f"{f.year or 'year unknown'} · {reviews} reviews{aka}"
            found.append((folded(name), Hit("film", title, f.slug, detail, 0.0)))
    found += [
        (n, Hit("person", n, slug, "cast and crew", 0.0)) for slug, n in people(films).items()
    ]
    for kind in ("critic", "outlet"):
        seen: dict[str, str] = {}
        for name in bylines.names(store, kind):
            seen.setdefault(bylines.name_slug(name), name)
        found += [(folded(n), Hit(kind, n, slug, kind, 0.0)) for slug, n in seen.items()]
    return found


def search(store: Store, query: str, *, limit: int = 20) -> list[Hit]:
    """The best matches for ``query`` of every kind, best first, one hit per page."""
    if not folded(query):
        return []
    names = remembered(store, "search names", lambda: _names(store))
    keys = [key for key, _hit in names]

    def runs(n: int) -> list[tuple[str, int]]:
        return remembered(store, f"search runs {n}", lambda: word_runs(keys, n))

    hits: dict[tuple[str, str], Hit] = {}
    for i, value in ranked(query, keys, CUTOFF, runs):
        hit = names[i][1]
        hits.setdefault((hit.kind, hit.slug), replace(hit, score=round(value, 1)))
    best = sorted(hits.values(), key=lambda h: (-h.score, h.kind != "film", h.name))
    return best[:limit]
