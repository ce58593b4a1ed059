"""Person pages: a cast or crew member's films, and how critics received their work.

The films come from the merged credits and cast; the reception from the aspect opinions
of each film's report: every sentence a critic wrote about the performer (an opinion
whose target is that person), and for a director, the sentences about the direction.
That is what marquee knows and aggregators do not show: who praised which performance.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from marquee.browse.bylines import name_slug
from marquee.browse.films import IndexedFilm, ListedFilm, figures, film_index, listed
from marquee.errors import NotFound
from marquee.store import Store

ROLE_ASPECTS = {"director": "direction"}
"""Credits whose untargeted aspect is this person's work: a film's direction is its
director's (a film with two directors shares it)."""


@dataclass(frozen=True, slots=True)
class Credit:
    """One film a person worked on, and as what ("director", "as Eve")."""

    film: ListedFilm
    roles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Reception:
    """One sentence a critic wrote about the person's work in one film."""

    film_slug: str
    film_title: str
    n: int
    critic: str | None
    outlet: str | None
    polarity: str
    aspect: str
    text: str


@dataclass(frozen=True, slots=True)
class PersonPage:
    slug: str
    name: str
    credits: tuple[Credit, ...]
    praise: tuple[Reception, ...]
    pans: tuple[Reception, ...]
    mixed: tuple[Reception, ...]

    def json(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "name": self.name,
            "films": [{**c.film.json(), "roles": list(c.roles)} for c in self.credits],
            "praised": [asdict(r) for r in self.praise],
            "panned": [asdict(r) for r in self.pans],
            "mixed": [asdict(r) for r in self.mixed],
        }


def roles_in(film: IndexedFilm, slug: str) -> tuple[tuple[str, str], ...]:
    """(name as written, role) for each credit of the person ``slug`` in one film."""
    return tuple((name, role) for name, role in film.people if name_slug(name) == slug)


def people(films: Sequence[IndexedFilm]) -> dict[str, str]:
    """Every credited person's slug and name as first written."""
    found: dict[str, str] = {}
    for film in films:
        for name, _role in film.people:
            found.setdefault(name_slug(name), name)
    return found


def person_page(store: Store, slug: str) -> PersonPage:
    """The person whose name slugs to ``slug``: films (newest first) and reception."""
    from marquee.report_cache import film_report  # the model: only when a page is built

    films = [(f, roles) for f in film_index(store) if (roles := roles_in(f, slug))]
    if not films:
        raise NotFound(f"no one called {slug!r} in any film's credits")
    numbers = figures(store)
    credits = []
    heard: list[Reception] = []
    for film, roles in films:
        credits.append(
            Credit(listed(film, numbers[film.id]), tuple(dict.fromkeys(r for _, r in roles)))
        )
        entry = store.film_by_slug(film.slug)
        if entry is not None:
            heard += reception(film_report(store, entry), slug, {role for _, role in roles})
    credits.sort(key=lambda c: (c.film.year or 0, c.film.title or ""), reverse=True)
    return PersonPage(
        slug,
        films[0][1][0][0],
        tuple(credits),
        tuple(r for r in heard if r.polarity == "positive"),
        tuple(r for r in heard if r.polarity == "negative"),
        tuple(r for r in heard if r.polarity == "mixed"),
    )


def reception(report: Mapping[str, Any], slug: str, roles: set[str]) -> list[Reception]:
    """Each review's opinions about this person's work in one film, once per sentence."""
    film = report["film"]
    aspects = {ROLE_ASPECTS[r] for r in roles if r in ROLE_ASPECTS}
    found: dict[tuple[int, str], Reception] = {}
    for n, review in enumerate(report["reviews"]):
        for opinion in review.get("aspects") or ():
            target, evidence = opinion.get("target"), opinion.get("evidence")
            about = name_slug(target) == slug if target else opinion["aspect"] in aspects
            if about and evidence and (n, evidence["text"]) not in found:
                found[(n, evidence["text"])] = Reception(
                    film["slug"],
                    film["title"] or film["slug"],
                    n,
                    review.get("critic"),
                    review.get("outlet"),
                    opinion["polarity"],
                    opinion["aspect"],
                    evidence["text"],
                )
    return list(found.values())
