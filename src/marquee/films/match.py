"""Which known film a review is about.

A review that states its title matches a known film by any of the film's names, and
never one of another year ("Dune (1984)" is not "Dune (2021)"). A review with no title
of its own (a round-up that never heads itself with the film's name) is about the known
film it names most, at least twice. Ties go to the film sharing the review's year and
people; a tie nothing settles is None, a new or unknown film, rather than a coin toss.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import regex as re

from marquee.films import names
from marquee.films.text import mentions
from marquee.films.titles import title_keys
from marquee.records import FilmFacts

log = logging.getLogger(__name__)

MIN_MENTIONS = 2
"""A title-less review must name a film this often to be filed under it."""


def match_film(facts: FilmFacts, films: Sequence[FilmFacts], text: str) -> int | None:
    """Index in `films` of the film this review is about, or None for a new/unknown film.

    Uses title/aliases/year; for a review with no title of its own, the known films'
    titles and aliases mentioned in `text`.
    """
    if facts.title:
        keys = title_keys(facts.title, facts.aliases)
        hits = [
            i
            for i, film in enumerate(films)
            if keys & title_keys(film.title, film.aliases) and _same_year(facts.year, film.year)
        ]
    else:
        counts = {i: _mentioned(film, text) for i, film in enumerate(films)}
        most = max(counts.values(), default=0)
        hits = [i for i, n in counts.items() if n == most and n >= MIN_MENTIONS]
    return _choose(hits, facts, films, text)


def _same_year(a: int | None, b: int | None) -> bool:
    return a is None or b is None or a == b


def _mentioned(film: FilmFacts, text: str) -> int:
    """How often the text names the film by its most used name. A one-word title is
    counted only mid-sentence, where a capital marks a name: "It" and "Us" open
    sentences in every review."""
    forms = [form for form in (film.title, *film.aliases) if form]
    return max((named_count(form, text) for form in forms), default=0)


def named_count(form: str, text: str) -> int:
    """How often ``text`` names ``form`` as a name: a one-word title ("It", "Monster")
    counts only where a capital cannot be a sentence's first letter."""
    if " " in form.strip():
        return mentions(form, text)
    openers = len(re.findall(rf"(?:^|[.!?:]\s+|\n){re.escape(form)}(?![\p{{L}}\p{{N}}])", text))
    return mentions(form, text) - openers


def _choose(hits: list[int], facts: FilmFacts, films: Sequence[FilmFacts], text: str) -> int | None:
    if len(hits) <= 1:
        return hits[0] if hits else None
    scores = {i: _evidence(facts, films[i], text) for i in hits}
    best = max(scores.values())
    winners = [i for i, s in scores.items() if s == best]
    if len(winners) > 1:
        log.info("review fits %d known films equally; treating it as unknown", len(winners))
        return None
    return winners[0]


def _evidence(facts: FilmFacts, film: FilmFacts, text: str) -> int:
    """How much besides the title ties a review to a film: the same year, the year
    written in the text, and each person both name."""
    score = 2 if facts.year and facts.year == film.year else 0
    score += 1 if film.year and mentions(str(film.year), text) else 0
    return score + len(_people(facts) & _people(film))


def _people(facts: FilmFacts) -> set[str]:
    crew = (n for people in facts.credits.values() for n in people)
    return {names.name_key(n) for n in (*crew, *(m.actor for m in facts.cast))}
