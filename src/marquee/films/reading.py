"""One review → what it states about its film.

The order matters: the title comes first, since credits and cast count only for this
film and a sentence naming another film must be recognised as such; then the cast
phrasings that say who acts, so that credits know the review's people; then the crew;
then the "X (Y)" pairs, which must not take a director's filmography for a part; and
only then, if the review never stated its title, a guess that must not be a person.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from marquee.films import names
from marquee.films.cast import CastReading, cast_from_fields, settle_cast, stated_cast
from marquee.films.credits import Credit, credits_from_fields, credits_from_text
from marquee.films.merge import merge_facts
from marquee.films.text import clean, joined, review_lines
from marquee.films.titles import (
    TitleFacts,
    as_written,
    guess_title,
    stated_title,
    without_maker,
    year_in_text,
)
from marquee.records import TABLE_SHAPES, Document, FilmFacts, ReviewMeta

log = logging.getLogger(__name__)


def read_facts(doc: Document, meta: ReviewMeta) -> FilmFacts:
    """What one review states about its film."""
    fields = _fields(doc)
    headline = meta.title or (None if doc.shape in TABLE_SHAPES else fields.get("title"))
    lines = review_lines(doc)
    if headline and clean(headline) not in lines:
        lines = (clean(headline), *lines)  # headlines carry credits too: "Dir. Len Wiseman"
    text = joined(lines)
    named = stated_title(fields, headline, lines, text)
    film_names = [n for n in (named.title, *named.aliases) if n]
    crew, cast = _people(fields, lines, film_names, [meta.critic] if meta.critic else [])
    if named.title is None:
        named = _guessed(lines, text, crew, cast, named.year)
    named = _without_maker(named, crew)
    if named.title:
        named = TitleFacts(
            as_written(named.title), tuple(as_written(a) for a in named.aliases), named.year
        )
    log.debug("%s: %r (%s), %d credits, %d cast", doc.source, named.title, named.year,
              len(crew), len(cast.cast))  # fmt: skip
    credits: dict[str, tuple[str, ...]] = {}
    for role, name in crew:
        credits[role] = (*credits.get(role, ()), name)
    facts = FilmFacts(named.title, named.aliases, named.year, credits, cast.cast, cast.pairs)
    return merge_facts([facts])  # one review's "Eve" and "Eve Macarro" become one entry


def _fields(doc: Document) -> dict[str, str]:
    """The document's structured fields; a table's "title" column names the film."""
    fields = dict(doc.meta)
    if doc.shape in TABLE_SHAPES and "film" not in fields and fields.get("title"):
        fields["film"] = fields.pop("title")
    return fields


def _people(
    fields: Mapping[str, str], lines: Sequence[str], film_names: Sequence[str], critic: list[str]
) -> tuple[list[Credit], CastReading]:
    """Crew and cast, neither holding the critic, and no character credited as crew
    ("Eve is shot by John Wick" is not cinematography)."""
    members = cast_from_fields(fields) + stated_cast(lines, film_names)
    crew = credits_from_fields(fields) + credits_from_text(
        lines, film_names, [m.actor for m in members]
    )
    not_crew = [*(m.role for m in members if m.role), *critic]
    crew = [(role, name) for role, name in crew if not names.matches(name, not_crew, prefix=False)]
    cast = settle_cast(lines, film_names, members, crew=[name for _, name in crew])
    actors = tuple(m for m in cast.cast if not names.matches(m.actor, critic, prefix=False))
    return crew, CastReading(actors, cast.pairs)


def _guessed(
    lines: Sequence[str], text: str, crew: list[Credit], cast: CastReading, year: int | None
) -> TitleFacts:
    """The last-resort title, never one of the review's people or characters."""
    people = [name for _, name in crew]
    people += [s for m in cast.cast for s in (m.actor, m.role) if s]
    people += [s for pair in cast.pairs for s in pair]
    title = guess_title(lines, text, people)
    return TitleFacts(title, (), year or (year_in_text(title, (), lines, text) if title else None))


def _without_maker(named: TitleFacts, crew: list[Credit]) -> TitleFacts:
    """ "David Lynch's Dune" is Dune, with the long form kept as an alias."""
    if not named.title:
        return named
    main = without_maker(named.title, [name for _, name in crew])
    if main == named.title:
        return named
    return TitleFacts(main, (named.title, *named.aliases), named.year)
