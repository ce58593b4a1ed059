"""One review → what it states about its film.

The order matters: the title comes first, since credits and cast count only for this
film and a sentence naming another film must be recognised as such; then the cast
phrasings that say who acts, so that credits know the review's people; then the crew;
then the "X (Y)" pairs, which must not take a director's filmography for a part.
"""

from __future__ import annotations

import logging

from marquee.films import names
from marquee.films.cast import cast_from_fields, settle_cast, stated_cast
from marquee.films.credits import credits_from_fields, credits_from_text
from marquee.films.merge import merge_facts
from marquee.films.text import clean, joined, review_lines
from marquee.films.titles import guess_title, stated_title, without_maker, year_in_text
from marquee.records import Document, FilmFacts, ReviewMeta

log = logging.getLogger(__name__)

TABLE_SHAPES = frozenset({"csv", "jsonl"})


def read_facts(doc: Document, meta: ReviewMeta) -> FilmFacts:
    """What one review states about its film."""
    fields = dict(doc.meta)
    if doc.shape in TABLE_SHAPES and "film" not in fields and fields.get("title"):
        fields["film"] = fields.pop("title")  # a table's "title" column names the film
    headline = meta.title or (fields.get("title") if doc.shape not in TABLE_SHAPES else None)
    lines = review_lines(doc)
    if headline and clean(headline) not in lines:
        lines = (clean(headline), *lines)
    text = joined(lines)

    named = stated_title(fields, headline, lines, text)
    film_names = [n for n in (named.title, *named.aliases) if n]
    critic = [meta.critic] if meta.critic else []

    members = [m for m in cast_from_fields(fields) + stated_cast(lines, film_names)]
    crew = credits_from_fields(fields) + credits_from_text(
        lines, film_names, [m.actor for m in members]
    )
    characters = [m.role for m in members if m.role]
    crew = [
        (role, name)
        for role, name in crew
        if not names.matches(name, [*characters, *critic], prefix=False)
    ]
    cast = settle_cast(lines, film_names, members, crew=[n for _, n in crew])
    cast_members = [m for m in cast.cast if not names.matches(m.actor, critic, prefix=False)]

    title, year = named.title, named.year
    if title is None:
        people = [n for _, n in crew] + [s for m in cast_members for s in (m.actor, m.role) if s]
        people += [s for pair in cast.pairs for s in pair]
        title = guess_title(lines, text, people)
        year = year or (year_in_text(title, (), lines, text) if title else None)
    aliases = named.aliases
    if title and (main := without_maker(title, [n for _, n in crew])) != title:
        title, aliases = main, (title, *aliases)
    credits: dict[str, list[str]] = {}
    for role, name in crew:
        credits.setdefault(role, []).append(name)
    log.debug(
        "%s: title %r (%s), %d credits, %d cast",
        doc.source,
        title,
        year,
        len(crew),
        len(cast_members),
    )
    return merge_facts(
        [
            FilmFacts(
                title=title,
                aliases=aliases,
                year=year,
                credits={role: tuple(people) for role, people in credits.items()},
                cast=tuple(cast_members),
                pairs=cast.pairs,
            )
        ]
    )
