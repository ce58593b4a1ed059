"""Crew credits by role, from structured fields and from the phrasings critics use.

A credit counts only when a person's name directly follows the phrase ("directed by
Len Wiseman", "Dir. Len Wiseman", "music by Tyler Bates & Joel J. Richard") or precedes a
present-tense verb ("Len Wiseman directs"), and only for this film: a negated clause
("the first film … not to be directed by Chad Stahelski") or one hanging off another
film's title ("Atomic Blonde, directed by David Leitch") is skipped.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import regex as re

from marquee.films import names
from marquee.films.context import about_other_film, negated
from marquee.films.names import NAME
from marquee.films.text import clause_before
from marquee.films.titles import refers_to
from marquee.literals import CaseBlind

log = logging.getLogger(__name__)

NAMES = rf"{NAME}(?:(?:,\s(?:&\s|and\s)?|\s&\s|\sand\s){NAME})*"
"""A list of names: "A, B & C", "A and B", "A, B, and C"."""


@dataclass(frozen=True, slots=True)
class Phrase:
    """One way of crediting: a case-insensitive phrase and the roles it gives.

    A ``verb`` phrase comes before the name ("directed by Len Wiseman"). A ``noun`` is a
    job title before the name ("director Len Wiseman"); capitalised mid-sentence it is
    more likely a character ("as the Director, Gabriel Byrne as …"), so it counts only
    in lower case, at the start of a clause, or as a label ("Director: …"). A ``label``
    counts only with its colon ("Screenplay: David Franzoni.", "Music: Nick Glennie-Smith").
    """

    pattern: str
    roles: tuple[str, ...]
    kind: Literal["verb", "noun", "label"] = "verb"


PHRASES: tuple[Phrase, ...] = (
    Phrase(r"written and directed by", ("writer", "director")),
    Phrase(r"directed by|helmed by|dir\.|dir:", ("director",)),
    Phrase(r"director\s?(?:/|and|-)\s?(?:screen)?writer", ("director", "writer"), "noun"),
    Phrase(r"(?:screen)?writer\s?(?:/|and|-)\s?director", ("writer", "director"), "noun"),
    Phrase(r"director(?! of photography)", ("director",), "noun"),
    Phrase(r"direction", ("director",), "label"),
    Phrase(r"(?:co-)?written by|screenplay by|(?:from )?a script by|script by", ("writer",)),
    Phrase(r"screenwriters?|writers?", ("writer",), "noun"),
    Phrase(r"screenplay|script|story and screenplay", ("writer",), "label"),
    Phrase(r"(?<!executive )produced by", ("producer",)),
    Phrase(r"(?<!executive )producers?", ("producer",), "noun"),
    Phrase(
        r"cinematography by|shot by|lensed by|photographed by|photography by",
        ("cinematographer",),
    ),
    Phrase(r"director of photography|cinematographer|DP", ("cinematographer",), "noun"),
    Phrase(r"cinematography|photography", ("cinematographer",), "label"),
    Phrase(r"edited by|editing by", ("editor",)),
    Phrase(r"editors?", ("editor",), "noun"),
    Phrase(r"editing|film editing", ("editor",), "label"),
    Phrase(r"music by|score by|scored by|composed by", ("composer",)),
    Phrase(r"composers?", ("composer",), "noun"),
    Phrase(r"music|original music|score|original score", ("composer",), "label"),
)

_AFTER_NAME = (
    (
        re.compile(
            rf"(?P<names>{NAMES})\s(?:directs|helms|co-directs)"
            r"(?=[.,;:]|\s(?:with|from|this|it|the (?:film|movie)|and)\b)"
        ),
        ("director",),
    ),
    (
        re.compile(rf"(?P<names>{NAMES})\s(?:writes|co-writes|pens)\sthe\s(?:script|screenplay)"),
        ("writer",),
    ),
)


_SEPARATORS = {"verb": r"\s?[:,]?\s", "noun": r"(?P<colon>\s?:)?\s", "label": r"(?P<colon>\s?:)\s"}


@functools.cache
def _trigger(phrase: Phrase) -> re.Pattern[str]:
    """The phrase alone, as its full pattern opens: a line without it skips that pattern."""
    return re.compile(rf"(?<![\p{{L}}-])(?i:{phrase.pattern})")


@functools.cache
def _compile(phrase: Phrase) -> re.Pattern[str]:
    """The phrase and the names it credits; compiled the first time a line holds its
    trigger, since the name lists make each of these ~20 patterns slow to compile (about
    0.5 s for all of them, which a run whose reviews name no crew never needs)."""
    return re.compile(
        rf"(?<![\p{{L}}-])(?P<trigger>(?i:{phrase.pattern})){_SEPARATORS[phrase.kind]}"
        rf"(?:(?i:{phrase.pattern})\s)?(?P<names>{NAMES})"
    )


_ANY_TRIGGER = re.compile(
    r"(?<![\p{L}-])(?i:" + "|".join(f"(?:{phrase.pattern})" for phrase in PHRASES) + ")"
)
"""Every phrase's trigger at once: a line none of them opens on cannot hold a credit, so
it skips the ~30 full patterns (most lines of a review, nearly every RT quote)."""


def _needles(pattern: str) -> tuple[str, ...]:
    """For each alternative of a phrase, the longest run of letters its every match holds,
    lower-cased: look-arounds, optional groups and letters ("(?:co-)?", "s?"), the other
    groups and escapes are cut out first, so what is left is written in every match."""
    required = re.sub(r"\(\?<?[!=][^()]*\)|\([^()]*\)\?|\p{L}\?|\([^()]*\)|\\.", " ", pattern)
    return tuple(max(re.findall("[A-Za-z]+", way), key=len).lower() for way in required.split("|"))


_NEEDLES = CaseBlind(n for phrase in PHRASES for n in _needles(phrase.pattern))
"""What a line holds wherever ``_ANY_TRIGGER`` may match: one search that skips the regex
scan (~35 µs a line) on ~9 lines in 10 of a review."""


def _may_credit(line: str) -> bool:
    """Whether a phrase's trigger is in the line."""
    return _NEEDLES.may_hold(line) and _ANY_TRIGGER.search(line) is not None


_AFTER_NAME_WORDS = ("directs", "helms", "writes", "pens")
"""A word each "X directs" pattern needs, as written (case matters there)."""

META_ROLES: Mapping[str, str] = {
    **dict.fromkeys(("director", "directors", "directed_by"), "director"),
    **dict.fromkeys(
        (
            "writer",
            "writers",
            "screenplay",
            "screenwriter",
            "screenwriters",
            "written_by",
            "script",
        ),
        "writer",
    ),
    **dict.fromkeys(("producer", "producers", "produced_by"), "producer"),
    **dict.fromkeys(
        ("cinematography", "cinematographer", "director_of_photography", "dop", "photography"),
        "cinematographer",
    ),
    **dict.fromkeys(("editor", "editors", "editing", "edited_by"), "editor"),
    **dict.fromkeys(("music", "music_by", "composer", "composers", "original_score"), "composer"),
}
"""Structured-field names (front matter, CSV columns) for each crew role."""

Credit = tuple[str, str]
"""(role, name) in the order the review gives them."""


@functools.lru_cache(maxsize=1024)
def field_key(key: str) -> str:
    """A field name in one spelling: "Director of Photography" → "director_of_photography".
    Remembered: every review's fields are asked about twice (crew, cast), and a table's
    rows share their few column names."""
    return re.sub(r"[\s\-]+", "_", key.strip().casefold())


def split_people(value: str) -> list[str]:
    """A structured field's list of people: "A, B & C", "A; B", "A and B"."""
    return [p for p in re.split(r"\s*(?:,|;|/|&|\band\b|\n)\s*", value) if p.strip()]


def credits_from_fields(fields: Mapping[str, str]) -> list[Credit]:
    """Credits a document's structure states (``director: Len Wiseman``)."""
    found: list[Credit] = []
    for key, value in fields.items():
        role = META_ROLES.get(field_key(key))
        if role:
            people = (names.person(p, min_words=1) for p in split_people(str(value)))
            found += [(role, p) for p in people if p]
    return found


@dataclass(frozen=True, slots=True)
class _Found:
    position: tuple[int, int]  # (line, offset), for reading order
    credits: tuple[Credit, ...]
    before: str = ""  # the clause in front of the phrase
    phrase: Phrase | None = None  # None for "X directs"
    job_word: str | None = None  # a noun phrase used as a job title, not a label


def credits_from_text(
    lines: Sequence[str], film_names: Sequence[str], people: Iterable[str]
) -> list[Credit]:
    """Credits stated in the prose, in reading order, for this film only.

    ``people`` (the review's actors) and every name credited anywhere in the review are
    persons, so "…, with cinematography by Romain Lacourbas, edited by …" is not taken
    for a clause about a film called "Romain Lacourbas".
    """
    found = sorted(_candidates(lines), key=lambda f: f.position)
    known = [*people, *(name for f in found for _, name in f.credits)]
    return [credit for f in found if not _elsewhere(f, film_names, known) for credit in f.credits]


def _candidates(lines: Sequence[str]) -> Iterator[_Found]:
    for index, line in enumerate(lines):
        phrases = PHRASES if _may_credit(line) else ()
        for phrase in phrases:
            if not _trigger(phrase).search(line):
                continue
            for match in _compile(phrase).finditer(line):
                credits = _credits(match["names"], phrase.roles)
                job_word = None
                if phrase.kind == "noun" and not match["colon"]:
                    job_word = match["trigger"]
                    if not job_word.endswith("s"):
                        credits = credits[: len(phrase.roles)]  # "by director A and B"
                before = clause_before(line, match.start())
                yield _Found((index, match.start("names")), credits, before, phrase, job_word)
        after_name = _AFTER_NAME if any(w in line for w in _AFTER_NAME_WORDS) else ()
        for pattern, roles in after_name:
            for match in pattern.finditer(line):
                yield _Found((index, match.start()), _credits(match["names"], roles))


def _credits(listed: str, roles: tuple[str, ...]) -> tuple[Credit, ...]:
    """Each listed person in each role; "Dr. Medford" is a character, not crew."""
    people = [p for p in names.people_listed(listed) if not _HONORIFIC.match(p)]
    return tuple((role, name) for name in people for role in roles)


_HONORIFIC = re.compile(names.HONORIFIC)


def _elsewhere(found: _Found, film_names: Sequence[str], people: list[str]) -> bool:
    """Whether a matched credit is not this film's: negated, a job word describing
    someone else, or about another film."""
    if found.phrase is None:
        return False
    if negated(found.before):
        log.debug("negated %r credit after %r", found.phrase.pattern, found.before)
        return True
    if found.job_word and not _job_title(found.job_word, found.before, film_names):
        return True
    return about_other_film(found.before, film_names, people)


def _job_title(word: str, before: str, film_names: Sequence[str]) -> bool:
    """Whether a job word before a name credits this film's crew.

    Capitalised, it must open a clause ("Director Len Wiseman brings …"): mid-sentence
    it is a character ("as the Director, Gabriel Byrne as …"). After an article or a
    possessive it describes someone else ("the great director Yasujiro Ozu", "the
    center's director Dr. Van Ness") unless it is the film's ("the film's director",
    "Ballerina's director").
    """
    if word[:1].isupper():
        return not before.strip() or before.rstrip().endswith((":", "—", "–", "-"))
    owner = _SOMEONES.search(before)
    if not owner:
        return True
    words = (owner["whose"] or "").split()
    endings = [" ".join(words[i:]) for i in range(len(words))]
    return any(e.casefold() in {"film", "movie", "picture"} for e in endings) or any(
        refers_to(e, film_names) for e in endings
    )


_SOMEONES = re.compile(
    r"(?:\b(?i:the|a|an|his|her|their|whose|that)|(?P<whose>\p{L}[\p{L}\s:]*?)'s?)"
    r"\s(?:[\p{Ll}\-]+\s){0,2}$"
)
