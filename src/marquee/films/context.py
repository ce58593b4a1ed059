"""Whose fact is it: the clause in front of a credit or a cast phrase.

Reviews name other films all the time, often with their makers ("Atomic Blonde, directed
by David Leitch", "2014's John Wick, starring Keanu Reeves"), and say who did *not* make
this one ("the first film … not to be directed by Chad Stahelski"). These checks read the
part of the sentence before the phrase and say when the fact belongs elsewhere.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import regex as re

from marquee.films import names
from marquee.films.text import lazily
from marquee.films.titles import TITLE, YEAR, refers_to

log = logging.getLogger(__name__)

_NEGATED = re.compile(r"(?i:\b(?:not|never|no longer|n't)\s(?:[\p{L}']+\s){0,2})$")
_TAIL = lazily(
    rf"(?P<since>\b{YEAR}'s\s)?(?P<quote>\")?(?P<span>{TITLE})(?(quote)\")"
    rf"(?P<year>\s\({YEAR}\))?"
    rf"(?P<link>,\s(?:which|that)\s(?:is|was)|,|\s(?:is|was)|'s)?\s*$"
)
_EARLIER_FILM = re.compile(r"(?i:\b(?:remake of|sequel to|the original|follow-up to)\b)")


def negated(before: str) -> bool:
    """Whether the clause ends in a negation: "… to not be ", "… was never "."""
    return bool(_NEGATED.search(before))


def about_other_film(before: str, film_names: Sequence[str], people: Sequence[str]) -> bool:
    """Whether the clause is about another film: it speaks of an original or a remake
    ("a remake of the 1971 classic directed by …"), or hangs the phrase off a title-like
    name that is neither this film nor a person in the review, quoted ('"Batman"
    director') or followed by a comma, a year, "is"/"was" or a possessive, or
    preceded by "2014's"."""
    if _EARLIER_FILM.search(before):
        return True
    tail = _TAIL().search(before)
    if not tail:
        return False
    span = tail["span"]
    if all(w.casefold() in names.NOT_NAME for w in span.split()):
        return False
    if any(
        refers_to(end, film_names) or names.matches(end, people, prefix=False)
        for end in _endings(span)
    ):
        return False
    other = bool(tail["link"] or tail["year"] or tail["since"] or tail["quote"])
    if other:
        log.debug("skipped a phrase about %r", span)
    return other


def _endings(span: str) -> list[str]:
    """Every tail of a span that starts on a capital: "Guillermo del Toro and Mark
    Gustafson" ends in the person "Mark Gustafson", not in a film of that name."""
    words = span.split()
    return [" ".join(words[i:]) for i, w in enumerate(words) if w[:1].isupper()]
