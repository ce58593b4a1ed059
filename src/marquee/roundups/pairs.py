"""Two films under one heading: a double bill a round-up reviews in one capsule.

"Spotlight and The Big Short: Okay, so I've seen both of these before…", "It
Follows/The Babadook" above "both films represent a revolution…". The review cannot be
cut between the films, and it judges each: a reader of either film's page expects it
there. So the part is filed under both, once each, the same text. Only where the review
itself speaks of two films ("both of these", "the two films") and the heading reads as
two: each half named alone in the review, or the second opening a title of its own
("… and The Big Short", "…/The Babadook"; title case writes "and the" inside one). A
title with "and" or a slash in it ("Wallace and Gromit", "Of Women and Magic" beside
"both films have a sense of terror", "Face/Off") is one film.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import regex as re

from marquee.films.match import named_count
from marquee.films.text import clean
from marquee.roundups.layouts import FilmSection
from marquee.roundups.lines import is_prose
from marquee.roundups.titles import is_title

_PAIR = re.compile(r"^(?P<first>.+?)(?:\s*/\s*|\s+(?:and|&|\+)\s+)(?P<second>\p{Lu}.*)$")
"""A heading joining two titles: "Interstellar/Inception", "Spotlight and The Big Short"."""
_OWN_START = re.compile(r"(?:The|A|An)\s")
"""An article in capitals opening the second half ("The", "A", "An"): a title's start,
since title case writes it small inside one."""
_BOTH = re.compile(
    r"\b(?:both (?:of (?:these|them|those)|films|movies|pictures)|(?:these|the|those) two"
    r"(?: (?:films|movies|pictures))?|double (?:bill|feature)|each (?:film|movie))\b",
    re.IGNORECASE,
)
"""The review speaking of two films: "both of these", "both films", "these two", "a
double bill"."""


def each_film(sections: Sequence[FilmSection]) -> list[FilmSection]:
    """The sections, one reviewing two films under one heading filed under each."""
    return [single for section in sections for single in _as_films(section)]


def _as_films(section: FilmSection) -> list[FilmSection]:
    found = _PAIR.match(section.title)
    if found is None or not all(is_title(found[half]) for half in ("first", "second")):
        return [section]
    prose = " ".join(clean(b.text) for b in section.blocks if is_prose(b))
    halves = (found["first"], found["second"])
    named = all(named_count(half, prose) for half in halves)
    if not _BOTH.search(prose) or not (named or _OWN_START.match(found["second"])):
        return [section]
    return [dataclasses.replace(section, title=found[half]) for half in ("first", "second")]
