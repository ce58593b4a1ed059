"""Which film ``marquee report`` (and a film page's address) means: a slug, a title,
"Title (Year)" as films are written everywhere, or a near miss, which is taken when one
film is clearly meant and otherwise answered with "did you mean".

The exact steps read only every film's names (:func:`~marquee.browse.films.film_names`,
picked out of the stored facts by the database, through plain :mod:`sqlite3` on a SQLite
file), so a title typed as written costs one select, not every film's decoded facts; the
films are ordered by reviews (their figures read) only when a step finds several or none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from marquee.browse.films import NamedFilm, figures, film_names
from marquee.browse.fuzzy import folded, ranked
from marquee.errors import NotFound
from marquee.store import FilmEntry, Store

SURE = 90.0
"""A near miss ``marquee report`` takes without asking, when no other film comes close."""
MARGIN = 5.0
TITLE_YEAR = re.compile(r"^(?P<title>.*\S)\s*\((?P<year>\d{4})\)\s*$")


def film_label(entry: FilmEntry) -> str:
    return _label(entry.facts.title, entry.slug, entry.facts.year)


def _label(title: str | None, slug: str, year: int | None) -> str:
    return f"{title or slug} ({year})" if year else title or slug


def find_report_film(store: Store, query: str) -> tuple[FilmEntry, bool]:
    """The film ``query`` names, and whether it was a guess from a near miss.

    Tried in order: the slug; a title or alias (folded, so case and accents do not
    matter); a part of one; then the closest names. "Title (Year)" narrows each step to
    that year. Raises :class:`~marquee.errors.NotFound` listing the films when a step
    finds several, or naming the closest ("did you mean") when no film is clearly meant.
    Films are listed most reviewed first.
    """
    films = film_names(store)
    title, year = query.strip(), None
    if m := TITLE_YEAR.match(title):
        title, year = m["title"], int(m["year"])
    dated = [f for f in films if year is None or f.year == year]
    key = folded(title)
    steps: tuple[Callable[[NamedFilm], bool], ...] = (
        lambda f: f.slug == title.casefold(),
        lambda f: key in _film_keys(f),
        lambda f: bool(key) and any(key in k for k in (folded(f.slug), *_film_keys(f))),
    )
    for step in steps:
        found = [f for f in dated if step(f)]
        if len(found) == 1:
            return _entry(store, found[0]), False
        if found:
            names = "; ".join(
                f"{_label(f.title, f.slug, f.year)} [{f.slug}]"
                for f in _most_reviewed(store, found)[:8]
            )
            raise NotFound(
                f"{query!r} matches several films: {names}; "
                'write one as "Title (Year)" or use its slug'
            )
    ranked = _closest(title, _most_reviewed(store, dated or films))
    if (
        ranked
        and ranked[0][1] >= SURE
        and (len(ranked) == 1 or ranked[1][1] < ranked[0][1] - MARGIN)
    ):
        return _entry(store, ranked[0][0]), True
    if ranked:
        names = "; ".join(_label(f.title, f.slug, f.year) for f, _ in ranked[:5])
        raise NotFound(f"no film matches {query!r}; did you mean: {names}?")
    raise NotFound(f"no film matches {query!r}; the film list shows every film")


def _entry(store: Store, film: NamedFilm) -> FilmEntry:
    entry = store.film_by_slug(film.slug)
    if entry is None:  # removed since its name was read
        raise NotFound(f"no film matches {film.slug!r}; the film list shows every film")
    return entry


def _most_reviewed(store: Store, films: Sequence[NamedFilm]) -> list[NamedFilm]:
    """Most reviewed first, then by title (a stable sort: equal ones stay by id)."""
    numbers = figures(store)
    reviews = {f.id: numbers[f.id].reviews if f.id in numbers else 0 for f in films}
    return sorted(films, key=lambda f: (-reviews[f.id], f.title or ""))


def _film_keys(film: NamedFilm) -> set[str]:
    return {folded(n) for n in (film.title or film.slug, *film.aliases)}


def _closest(title: str, films: Sequence[NamedFilm]) -> list[tuple[NamedFilm, float]]:
    """Films by their best-matching name, closest first (60 and above)."""
    best: dict[int, tuple[NamedFilm, float]] = {}
    choices = [(f, name) for f in films for name in _film_keys(f)]
    for i, value in ranked(title, [name for _f, name in choices], 60):
        best.setdefault(choices[i][0].id, (choices[i][0], value))
    return sorted(best.values(), key=lambda pair: -pair[1])
