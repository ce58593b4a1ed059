"""Search across every name the store knows, forgiving typos and accents.

Films (titles and aliases), people in the credits, critics and outlets are matched with
rapidfuzz's weighted ratio after folding case and accents ("balerina" finds Ballerina,
"almodovar" finds Almodóvar). :func:`find_report_film` is how ``marquee report`` reads
its argument: a slug, a title, "Title (Year)" as films are written everywhere, or a near
miss, which it takes when one film is clearly meant and otherwise answers "did you mean".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from rapidfuzz import fuzz, utils

from marquee.browse import bylines
from marquee.browse.people import people
from marquee.errors import NotFound
from marquee.films.names import fold
from marquee.store import FilmEntry, Store

HitKind = Literal["film", "person", "critic", "outlet"]
PATHS: dict[str, str] = {
    "film": "films",
    "person": "people",
    "critic": "critics",
    "outlet": "outlets",
}
CUTOFF = 70.0
"""Weakest match listed (rapidfuzz WRatio, 0–100); "balerina" scores 94 against Ballerina."""
SURE = 90.0
"""A near miss ``marquee report`` takes without asking, when no other film comes close."""
MARGIN = 5.0
TITLE_YEAR = re.compile(r"^(?P<title>.*\S)\s*\((?P<year>\d{4})\)\s*$")


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


def _key(text: str) -> str:
    return str(utils.default_process(fold(text)))


WORD_WEIGHT = 0.95
"""A query matching some words of a name ("wick" in "From the World of John Wick") scores
this fraction of their ratio: just below the same match against the whole name."""


def score(query: str, name: str) -> float:
    """How well a folded query matches a folded name (0–100): rapidfuzz's WRatio over the
    whole name, or the best run of as many words as the query has (WRatio alone scores a
    word inside a long title at 60 at most). Queries under four characters match whole
    names only, so "the" does not find every film."""
    whole = fuzz.WRatio(query, name)
    if len(query) < 4:
        return float(whole)
    words, n = name.split(), len(query.split())
    runs = (" ".join(words[i : i + n]) for i in range(max(1, len(words) - n + 1)))
    return max(whole, WORD_WEIGHT * max(fuzz.ratio(query, run) for run in runs))


def ranked(query: str, names: Sequence[str], cutoff: float) -> list[tuple[int, float]]:
    """(index, score) of every name scoring ``cutoff`` or more, best first."""
    key = _key(query)
    scores = ((i, score(key, _key(name))) for i, name in enumerate(names))
    return sorted(((i, s) for i, s in scores if s >= cutoff), key=lambda pair: -pair[1])


def film_label(entry: FilmEntry) -> str:
    title = entry.facts.title or entry.slug
    return f"{title} ({entry.facts.year})" if entry.facts.year else title


def _names(store: Store, films: Sequence[FilmEntry]) -> list[tuple[str, Hit]]:
    """(name matched, its hit) for every searchable name; a film's aliases lead to the
    film under its title."""
    found: list[tuple[str, Hit]] = []
    for f in films:
        title = f.facts.title or "Untitled film"
        for name in dict.fromkeys((title, *f.facts.aliases)):
            aka = f" · also known as {name}" if name != title else ""
            detail = f"{f.facts.year or 'year unknown'} · {f.reviews} reviews{aka}"
            found.append((name, Hit("film", title, f.slug, detail, 0.0)))
    found += [
        (n, Hit("person", n, slug, "cast and crew", 0.0)) for slug, n in people(films).items()
    ]
    for kind in ("critic", "outlet"):
        seen: dict[str, str] = {}
        for name in bylines.names(store, kind):
            seen.setdefault(bylines.name_slug(name), name)
        found += [(n, Hit(kind, n, slug, kind, 0.0)) for slug, n in seen.items()]
    return found


def search(store: Store, query: str, *, limit: int = 20) -> list[Hit]:
    """The best matches for ``query`` of every kind, best first, one hit per page."""
    if not _key(query):
        return []
    names = _names(store, store.films())
    hits: dict[tuple[str, str], Hit] = {}
    for i, value in ranked(query, [name for name, _hit in names], CUTOFF):
        hit = names[i][1]
        hits.setdefault((hit.kind, hit.slug), replace(hit, score=round(value, 1)))
    best = sorted(hits.values(), key=lambda h: (-h.score, h.kind != "film", h.name))
    return best[:limit]


def find_report_film(store: Store, query: str) -> tuple[FilmEntry, bool]:
    """The film ``query`` names, and whether it was a guess from a near miss.

    Raises :class:`~marquee.errors.NotFound` naming the closest films ("did you mean")
    when no film is clearly meant.
    """
    films = store.films()
    title, year = query.strip(), None
    if m := TITLE_YEAR.match(title):
        title, year = m["title"], int(m["year"])
        exact = [f for f in films if f.facts.year == year and _key(title) in _film_keys(f)]
        if len(exact) == 1:
            return exact[0], False
    else:
        try:
            return store.find_film(query), False
        except NotFound as err:
            if "several films" in str(err):
                raise
    candidates = [f for f in films if year is None or f.facts.year == year] or films
    ranked = _closest(title, candidates)
    if (
        ranked
        and ranked[0][1] >= SURE
        and (len(ranked) == 1 or ranked[1][1] < ranked[0][1] - MARGIN)
    ):
        return ranked[0][0], True
    if ranked:
        names = "; ".join(film_label(f) for f, _ in ranked[:5])
        raise NotFound(f"no film matches {query!r}; did you mean: {names}?")
    raise NotFound(f"no film matches {query!r}; `marquee films` lists them")


def _film_keys(film: FilmEntry) -> set[str]:
    return {_key(n) for n in (film.facts.title or film.slug, *film.facts.aliases)}


def _closest(title: str, films: Sequence[FilmEntry]) -> list[tuple[FilmEntry, float]]:
    """Films by their best-matching name, closest first (60 and above)."""
    best: dict[int, tuple[FilmEntry, float]] = {}
    choices = [(f, name) for f in films for name in _film_keys(f)]
    for i, value in ranked(title, [name for _f, name in choices], 60):
        best.setdefault(choices[i][0].id, (choices[i][0], value))
    return sorted(best.values(), key=lambda pair: -pair[1])
