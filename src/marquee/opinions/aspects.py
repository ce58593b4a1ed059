"""Which parts of a film a sentence judges: cue words (:mod:`~marquee.opinions.cues`) and
the film's people (:mod:`~marquee.opinions.film_people`) read in context.

A sentence becomes an opinion only when it both names an aspect and judges something:
plot summary ("Eve trains as both a ballerina and an assassin") names characters but
judges nothing, so it is left alone. Aspects are found by cue words (nouns that name
the aspect, and judgement words that only fit one aspect, such as "funny" or
"plodding"), by the film's credited crew (a director's name signals direction) and by
its cast: a performer is named by full name, surname ("de Armas", "Armas") or the
character they play ("Eve"), and every form maps back to the actor. A character who
gives the franchise its name ("John Wick" in a "From the World of John Wick" film) signals
the franchise, not a performance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from marquee.opinions.cues import (
    CHARACTER,
    JUDGED,
    NAMES,
    cue_spans,
    evaluative,
    judgements,
)
from marquee.opinions.film_people import NOT_NAMES, People, franchise_names, people_for, word_set
from marquee.opinions.people import Named, named_people
from marquee.opinions.records import Aspect
from marquee.wordlists import word_list

__all__ = [
    "Mention",
    "People",
    "about_other_films",
    "cue_spans",
    "evaluative",
    "franchise_names",
    "judgements",
    "mentions",
    "people_for",
    "people_named",
]
"""The aspect tagger's surface; cue words live in :mod:`~marquee.opinions.cues` and the
film's people in :mod:`~marquee.opinions.film_people`."""

_OF_BEFORE = re.compile(r"\b(?:of|by)\s+(?:the\s+|this\s+|its\s+)?(?:[\w-]+\s+)?$", re.I)
_RANKED_IN = re.compile(r"\b(?:last|first|latest|next|best|worst)\s+of\s+the\s+$", re.I)
"""The film ranked in its series ("the last of the series"): the series is no yardstick."""
_SERIES_AFTER = re.compile(r"(?:['’]s?\s|\s+(?:is|are|has\s+been|have\s+been)\s+known)")
_SERIES_WORDS = frozenset(word_list("marquee.opinions", "series-words"))
_VERB_NOT_SET = re.compile(
    r"\s+(?:[A-Z]\w*|up|out|off|apart|in|the|a|an|it|him|her|them|its|his|their|to|for|as|by)\b"
)
"""After "sets" or "designed": a verb's object or particle ("sets it apart", "designed to
showcase"), so no word on the film's sets or design."""
_INSTALMENT = re.compile(r"\s*(?::\s|\d|chapter\b|part\b|vol)", re.IGNORECASE)
_OTHER_FILMS = re.compile(
    r"\b(?:films|movies|installments|instalments|entries|sequels|predecessors?|"
    r"the\s+(?:original|first|previous|earlier|last)\s+(?:film|movie|one|installment|"
    r"instalment|entry|chapter|[A-Z]\w*(?:\s+[A-Z]\w*)?))\b",
)
_THIS_FILM = re.compile(
    r"\b(?:this|the)\s+(?:film|movie|picture)\b(?!s)|\bthis\s+one\b|\bhere\b", re.IGNORECASE
)
_COMPARED = re.compile(
    r"\b(?:than|compared|comparison|unlike|like|matches|match|rivals?|surpass\w*|"
    r"on\s+par|improvement|step\s+up|pales?)\b",
    re.IGNORECASE,
)
_PERFORMANCE_CONTEXT = re.compile(
    r"^(?:gives|delivers|shines|stars|steals|acts|sells|nails|carries|embodies|commands|"
    r"dominates|excels|is\s+(?:\w+\s+){0,3}as|was\s+(?:\w+\s+){0,3}as|\()\b"
)
"""What a performer does, after a name the sentence gives no capacity ("Cagney is simply
great as …", "Mackie shines"); being, having or making something says nothing of acting."""


@dataclass(frozen=True, slots=True)
class Mention:
    """An aspect signalled at ``start`` in a sentence; ``target`` names a performer."""

    aspect: Aspect
    target: str | None
    start: int


def mentions(text: str, people: People) -> list[Mention]:
    """Every aspect the sentence names, in order, performers resolved to actors."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    acting = [*NAMES["performance"].spans(text), *JUDGED["performance"].spans(text)]
    written = CHARACTER.search(text)
    words = word_set(text)
    for pattern, actor, is_role in people.performers.among(words):
        for m in pattern.finditer(text):
            if _overlaps(m.span(), taken):
                continue
            taken.append(m.span())
            if _credit(text, m.start()):
                continue  # "Eve (Ana de Armas)": a cast credit, not a word on the acting
            # A character is the actor's performance only with a word about acting
            # close by ("her portrayal of Eve"); otherwise it is the character as
            # written ("Eve has barely any personality"): the story, when the sentence
            # talks about characters at all, and else only the plot being told.
            if not is_role or any(_close(text, m.span(), a) for a in acting):
                found.append(Mention("performance", actor, m.start()))
            elif written:
                found.append(Mention("story", None, m.start()))
    for pattern in people.franchise:
        for m in pattern.finditer(text):
            if not _overlaps(m.span(), taken):
                taken.append(m.span())
                # "John Wick: Chapter 3" names another film; "the spirit of John Wick"
                # measures this one against the series: neither judges its ties.
                if not _INSTALMENT.match(text, m.end()) and not _OF_BEFORE.search(
                    text, 0, m.start()
                ):
                    found.append(Mention("franchise", None, m.start()))
    for pattern, aspect, _ in people.crew.among(words):
        for m in pattern.finditer(text):
            if not _overlaps(m.span(), taken):
                taken.append(m.span())
                found.append(Mention(aspect, None, m.start()))
    if not people.cast_known:
        found.extend(_named_performers(text, people, taken))
    for aspect, lexicon in (*NAMES.items(), *JUDGED.items()):
        for span in lexicon.spans(text):
            if _overlaps(span, taken) or (
                aspect == "franchise" and _series_as_yardstick(text, span)
            ):
                continue
            if (
                aspect == "production"
                and text[span[0] : span[1]].lower().startswith(("sets", "design"))
                and _VERB_NOT_SET.match(text, span[1])
            ):
                continue  # "sets Ballerina apart", "designed to showcase": verbs, not sets
            found.append(Mention(aspect, None, span[0]))
    if any(m.aspect == "performance" and m.target for m in found):
        found = [m for m in found if not (m.aspect == "performance" and m.target is None)]
    return sorted(found, key=lambda m: m.start)


def _series_as_yardstick(text: str, span: tuple[int, int]) -> bool:
    """ "The rest of the franchise", "the franchise's canon", "what the series is known
    for": the series as the yardstick or the setting, not its ties being judged."""
    word, _, possessive = text[span[0] : span[1]].lower().replace("’", "'").partition("'")
    if word not in _SERIES_WORDS:
        return False
    return bool(
        possessive
        or (_OF_BEFORE.search(text, 0, span[0]) and not _RANKED_IN.search(text, 0, span[0]))
        or _SERIES_AFTER.match(text, span[1])
    )


def _close(text: str, a: tuple[int, int], b: tuple[int, int], reach: int = 5) -> bool:
    """Within ``reach`` words of each other."""
    lo, hi = (a[1], b[0]) if a[0] <= b[0] else (b[1], a[0])
    return len(text[lo:hi].split()) <= reach


def people_named(text: str, people: People) -> list[Named]:
    """The people ``text`` names: with a known cast and crew, those (by canonical name,
    a character standing for its actor); otherwise every capitalised name, in the
    capacity the sentence gives it (see :mod:`marquee.opinions.people`)."""
    if not people.cast_known:
        return named_people(text, people.excluded)
    words = word_set(text)
    found = [
        Named(actor, "performer", m.start(), False)
        for pattern, actor, _ in people.performers.among(words)
        for m in pattern.finditer(text)
        if not _credit(text, m.start())
    ]
    found += [
        Named(name, "director", m.start(), False)
        for pattern, aspect, name in people.crew.among(words)
        if aspect == "direction"
        for m in pattern.finditer(text)
    ]
    return sorted(found, key=lambda n: n.start)


def _credit(text: str, start: int) -> bool:
    """A name opening a parenthesis: the cast credit after a character or an actor."""
    return text[:start].rstrip().endswith("(")


def about_other_films(text: str, people: People) -> bool:
    """A sentence about other films ("John Wick films are best known for …", "Assassin
    films often …"), not this one: it names other films, never this film, and compares
    nothing with them. Its praise or blame is not a judgement of this film."""
    if not _OTHER_FILMS.search(text) or _COMPARED.search(text) or _THIS_FILM.search(text):
        return False
    return not people.title_in(text)


def _named_performers(text: str, people: People, taken: list[tuple[int, int]]) -> Iterator[Mention]:
    """Without a known cast: the people named in the capacity the sentence gives them
    ("Hitchcock's finest film" is direction, "Lorre's performance" a performance), and a
    judged name in a performer's place ("Cagney is simply great as …")."""
    for n in named_people(text, people.excluded):
        span = (n.start, n.start + len(n.name))
        if _overlaps(span, taken) or _not_a_person(n.name, people):
            continue
        if n.role == "director":
            taken.append(span)
            yield Mention("direction", None, n.start)
        elif n.role == "performer" or (
            n.role is None
            and _PERFORMANCE_CONTEXT.match(text[span[1] :].lstrip())
            and _judged_near(text, n.start)
        ):
            taken.append(span)
            yield Mention("performance", n.name, n.start)


def _not_a_person(name: str, people: People) -> bool:
    tokens = name.split()
    first = tokens[0].lower()
    return (
        first in NOT_NAMES
        or any(t.lower() in people.excluded for t in tokens)
        or any(p.search(name) for p in NAMES.values())
    )


def _judged_near(text: str, start: int) -> bool:
    """A performer is judged when evaluative words follow the name in the same clause."""
    window = re.split(r"[;:—]|\bbut\b", text[start:], maxsplit=1)[0]
    return evaluative(window)


def _overlaps(span: tuple[int, int], taken: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)
