"""Which film a review names: its title, other names for it, and its year.

The title comes from what the document states (a ``film`` field, the review's headline),
then from "Title (2025)" in the text, and only as a last resort from the most-mentioned
capitalised name. Other films appear in every review ("2003's Underworld", "Rogue One
(2016)", "Also check out: …"), so a year counts only when it sits next to this film's
own name, and a text candidate must be the one the review keeps coming back to.

This module puts the readings in order (:func:`stated_title`); each reading lives in its
own module — :mod:`~marquee.films.headlines`, :mod:`~marquee.films.capsule_headers`,
:mod:`~marquee.films.text_titles` — over the shared grammar in
:mod:`~marquee.films.title_forms`. The names other modules import from here stay here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from marquee.films import names
from marquee.films.capsule_headers import from_opening_lines
from marquee.films.headlines import bare_title, from_headline
from marquee.films.text_titles import aliases_in_text, guess_title, title_in_text, year_in_text
from marquee.films.title_forms import (
    TITLE,
    YEAR,
    as_written,
    film_slug,
    is_sequel_part,
    main_title,
    parse_year,
    refers_to,
    split_year,
    title_keys,
    without_maker,
)

__all__ = [
    "TITLE",
    "YEAR",
    "TitleFacts",
    "as_written",
    "film_slug",
    "guess_title",
    "is_sequel_part",
    "refers_to",
    "stated_title",
    "title_keys",
    "without_maker",
    "year_in_text",
]


@dataclass(frozen=True, slots=True)
class TitleFacts:
    """A film's name as one review gives it."""

    title: str | None = None
    aliases: tuple[str, ...] = ()
    year: int | None = None


def stated_title(
    fields: Mapping[str, str], headline: str | None, lines: Sequence[str], text: str
) -> TitleFacts:
    """Title, aliases and year from what the review states outright (no guessing)."""
    title, year = split_year(fields.get("film", "")) if fields.get("film") else (None, None)
    year = parse_year(fields.get("year")) or year
    if not title and headline:
        title, headline_year = from_headline(headline)
        title = title or bare_title(headline, text)
        year = year or headline_year
    header_aliases: list[str] = []
    if not title:
        title, header_aliases, header_year = from_opening_lines(lines)
        year = year or header_year
    if not title:
        title, text_year = title_in_text(lines, text)
        year = year or text_year
    if not title:
        return TitleFacts(year=year)
    main = main_title(title, text)
    aliases = [title] if main != title else []
    aliases += header_aliases
    aliases += aliases_in_text(main, lines, text)
    aliases_kept = _distinct(aliases, exclude=main)
    return TitleFacts(main, aliases_kept, year or year_in_text(main, aliases_kept, lines, text))


def _distinct(forms: Iterable[str], *, exclude: str) -> tuple[str, ...]:
    """First form of each spelling family, leaving out the title's own family."""
    kept: dict[str, str] = {}
    for form in forms:
        kept.setdefault(names.name_key(form), form)
    kept.pop(names.name_key(exclude), None)
    return tuple(kept.values())
