"""Search across every name the store knows, forgiving typos and accents.

Films (titles and aliases), people in the credits, critics and outlets are matched with
rapidfuzz's weighted ratio after folding case and accents ("balerina" finds Ballerina,
"almodovar" finds Almodóvar). :func:`find_report_film` is how ``marquee report`` reads
its argument: a slug, a title, "Title (Year)" as films are written everywhere, or a near
miss, which it takes when one film is clearly meant and otherwise answers "did you mean".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from rapidfuzz import fuzz, process, utils

from marquee.browse import bylines
from marquee.browse.films import figures, film_index
from marquee.browse.memo import remembered
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


def word_runs(keys: Sequence[str], n: int) -> list[tuple[str, int]]:
    """Every run of ``n`` consecutive words of each name, with the name's index."""
    runs = []
    for i, key in enumerate(keys):
        words = key.split()
        runs += [(" ".join(words[j : j + n]), i) for j in range(max(1, len(words) - n + 1))]
    return runs


def ranked(
    query: str,
    keys: Sequence[str],
    cutoff: float,
    runs: Callable[[int], Sequence[tuple[str, int]]] | None = None,
) -> list[tuple[int, float]]:
    """(index, score) of every folded name in ``keys`` scoring ``cutoff`` or more, best
    first. A name's score is rapidfuzz's WRatio against the whole name, or
    :data:`WORD_WEIGHT` times the ratio against its best run of as many words as the query
    has (WRatio alone scores a word inside a long title at 60 at most). A query under four
    characters is compared with whole names by plain ratio, so "the" does not find every
    film with "the" in its title (WRatio would score each 90). ``runs`` gives
    the word runs for a query of n words (remembered by :func:`search`)."""
    key = _key(query)
    best: dict[int, float] = {}
    whole = fuzz.WRatio if len(key) >= 4 else fuzz.ratio
    for _c, value, i in process.extract(
        key, keys, scorer=whole, processor=None, score_cutoff=cutoff, limit=None
    ):
        best[i] = value
    if len(key) >= 4:
        n = len(key.split())
        pieces = runs(n) if runs else word_runs(keys, n)
        for _c, value, j in process.extract(
            key,
            [run for run, _i in pieces],
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=cutoff / WORD_WEIGHT,
            limit=None,
        ):
            i = pieces[j][1]
            best[i] = max(best.get(i, 0.0), WORD_WEIGHT * value)
    return sorted(best.items(), key=lambda pair: -pair[1])


def film_label(entry: FilmEntry) -> str:
    title = entry.facts.title or entry.slug
    return f"{title} ({entry.facts.year})" if entry.facts.year else title


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
            found.append((_key(name), Hit("film", title, f.slug, detail, 0.0)))
    found += [
        (n, Hit("person", n, slug, "cast and crew", 0.0)) for slug, n in people(films).items()
    ]
    for kind in ("critic", "outlet"):
        seen: dict[str, str] = {}
        for name in bylines.names(store, kind):
            seen.setdefault(bylines.name_slug(name), name)
        found += [(_key(n), Hit(kind, n, slug, kind, 0.0)) for slug, n in seen.items()]
    return found


def search(store: Store, query: str, *, limit: int = 20) -> list[Hit]:
    """The best matches for ``query`` of every kind, best first, one hit per page."""
    if not _key(query):
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


def find_report_film(store: Store, query: str) -> tuple[FilmEntry, bool]:
    """The film ``query`` names, and whether it was a guess from a near miss.

    Tried in order: the slug; a title or alias (folded, so case and accents do not
    matter); a part of one; then the closest names. "Title (Year)" narrows each step to
    that year. Raises :class:`~marquee.errors.NotFound` listing the films when a step
    finds several, or naming the closest ("did you mean") when no film is clearly meant.
    """
    films = store.films()
    title, year = query.strip(), None
    if m := TITLE_YEAR.match(title):
        title, year = m["title"], int(m["year"])
    dated = [f for f in films if year is None or f.facts.year == year]
    key = _key(title)
    steps: tuple[Callable[[FilmEntry], bool], ...] = (
        lambda f: f.slug == title.casefold(),
        lambda f: key in _film_keys(f),
        lambda f: bool(key) and any(key in k for k in (_key(f.slug), *_film_keys(f))),
    )
    for step in steps:
        found = [f for f in dated if step(f)]
        if len(found) == 1:
            return found[0], False
        if found:
            names = "; ".join(f"{film_label(f)} [{f.slug}]" for f in found[:8])
            raise NotFound(
                f"{query!r} matches several films: {names}; "
                'write one as "Title (Year)" or use its slug'
            )
    ranked = _closest(title, dated or films)
    if (
        ranked
        and ranked[0][1] >= SURE
        and (len(ranked) == 1 or ranked[1][1] < ranked[0][1] - MARGIN)
    ):
        return ranked[0][0], True
    if ranked:
        names = "; ".join(film_label(f) for f, _ in ranked[:5])
        raise NotFound(f"no film matches {query!r}; did you mean: {names}?")
    raise NotFound(f"no film matches {query!r}; the film list shows every film")


def _film_keys(film: FilmEntry) -> set[str]:
    return {_key(n) for n in (film.facts.title or film.slug, *film.facts.aliases)}


def _closest(title: str, films: Sequence[FilmEntry]) -> list[tuple[FilmEntry, float]]:
    """Films by their best-matching name, closest first (60 and above)."""
    best: dict[int, tuple[FilmEntry, float]] = {}
    choices = [(f, name) for f in films for name in _film_keys(f)]
    for i, value in ranked(title, [name for _f, name in choices], 60):
        best.setdefault(choices[i][0].id, (choices[i][0], value))
    return sorted(best.values(), key=lambda pair: -pair[1])
