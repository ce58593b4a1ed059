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
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process, utils

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


def film_label(entry: FilmEntry) -> str:
    title = entry.facts.title or entry.slug
    return f"{title} ({entry.facts.year})" if entry.facts.year else title


def _names(store: Store, films: Sequence[FilmEntry]) -> list[tuple[HitKind, str, str, str]]:
    """(kind, name matched, slug, detail) for every searchable name."""
    found: list[tuple[HitKind, str, str, str]] = []
    for f in films:
        for name in dict.fromkeys((f.facts.title or f.slug, *f.facts.aliases)):
            found.append(("film", name, f.slug, f"{film_label(f)} · {f.reviews} reviews"))
    found += [("person", name, slug, "cast and crew") for slug, name in people(films).items()]
    for kind in ("critic", "outlet"):
        seen: dict[str, str] = {}
        for name in bylines.names(store, kind):
            seen.setdefault(bylines.name_slug(name), name)
        found += [(kind, name, slug, kind) for slug, name in seen.items()]
    return found


def search(store: Store, query: str, *, limit: int = 20) -> list[Hit]:
    """The best matches for ``query`` of every kind, best first, one hit per page."""
    if not _key(query):
        return []
    names = _names(store, store.films())
    matches = process.extract(
        _key(query),
        [_key(name) for _kind, name, _slug, _detail in names],
        scorer=fuzz.WRatio,
        processor=None,
        score_cutoff=CUTOFF,
        limit=limit * 3,
    )
    hits: dict[tuple[str, str], Hit] = {}
    for _choice, score, i in matches:
        kind, name, slug, detail = names[i]
        hits.setdefault((kind, slug), Hit(kind, name, slug, detail, round(score, 1)))
    ranked = sorted(hits.values(), key=lambda h: (-h.score, h.kind != "film", h.name))
    return ranked[:limit]


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
    for _c, score, i in process.extract(
        _key(title),
        [name for _f, name in choices],
        scorer=fuzz.WRatio,
        processor=None,
        score_cutoff=60,
        limit=50,
    ):
        film = choices[i][0]
        if film.id not in best or best[film.id][1] < score:
            best[film.id] = (film, score)
    return sorted(best.values(), key=lambda pair: -pair[1])
