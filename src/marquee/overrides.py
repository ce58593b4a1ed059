"""The user's word wins: ``--film``, ``--critic`` and ``--outlet`` given on the command line
override what marquee reads from the document.

A user who types ``--film Heat`` knows better than a guess from the text, which may name
another film in passing; so the given film replaces the one read (the read one kept only
when it is the same film, for its year and credits). On a page that reviews several films,
``--film`` picks which of them to keep, and names them all when it matches none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from marquee.errors import ParseError
from marquee.films import normal_facts
from marquee.films.names import name_key
from marquee.records import FilmFacts, Review

_TITLE_YEAR = re.compile(r"^(?P<title>.*?)\s*\((?P<year>1[89]\d\d|20\d\d)\)\s*$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Overrides:
    """What the user said about a batch of documents; None: read it from the document."""

    film: str | None = None
    year: int | None = None
    critic: str | None = None
    outlet: str | None = None


def title_and_year(text: str) -> tuple[str, int | None]:
    """ "Heat (1995)" -> ("Heat", 1995); a title without a year in brackets -> (title, None)."""
    match = _TITLE_YEAR.match(text.strip())
    if match is None or not match["title"]:
        return text.strip(), None
    return match["title"], int(match["year"])


def same_film(a: str | None, b: str | None) -> bool:
    """Whether two titles are one film's, in any case, accent or punctuation."""
    return bool(a and b and name_key(a) == name_key(b))


def overridden(reviews: list[Review], said: Overrides, source: str) -> list[Review]:
    """The reviews read from one input with the user's word put over what was read.

    ``reviews`` of several parts (a page reviewing several films) are narrowed to the part
    ``said.film`` names; naming none of them is a :class:`ParseError` that lists them.
    """
    if said.film and len({r.document.part for r in reviews}) > 1:
        picked = [r for r in reviews if same_film(r.facts.title, said.film)]
        if not picked:
            titles = "; ".join(dict.fromkeys(r.facts.title or "(untitled)" for r in reviews))
            raise ParseError(
                f"{source}: reviews several films and --film {said.film!r} is none of them; "
                f"--film takes one of: {titles}"
            )
        reviews = picked
    return [_overridden(review, said) for review in reviews]


def film_facts(read: FilmFacts, title: str, year: int | None) -> FilmFacts:
    """The facts of the film the user named: what was read is kept if it is that film
    (year and credits), else only the given title and year stand."""
    if same_film(read.title, title):
        facts = replace(read, title=title, year=year or read.year)
    else:
        facts = FilmFacts(title=title, year=year)
    return normal_facts(facts)[0]


def _overridden(review: Review, said: Overrides) -> Review:
    facts = review.facts
    if said.film:
        facts = film_facts(facts, said.film, said.year)
    meta = replace(
        review.meta,
        critic=said.critic or review.meta.critic,
        outlet=said.outlet or review.meta.outlet,
    )
    return replace(review, facts=facts, meta=meta)
