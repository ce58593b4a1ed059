"""Who plays whom, from structured fields and from the phrasings critics use.

"A as B", "A plays B", "B, played by A" say outright which side is the actor. A bare
"X (Y)" pair does not: critics write both "Eve (Ana de Armas)" and "Keanu Reeves (John
Wick)". A pair is oriented by what the review says elsewhere (a side known as an actor
or a character), then by form (a "the …" or "Dr. …" side, or a lone first name, is the
character), then by its neighbours in the same list, then by the review's other pairs
when they all agree; what is left is kept as a pair for merging, where other reviews
settle it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import regex as re

from marquee.films import names
from marquee.films.context import about_other_film, negated
from marquee.films.credits import NAMES, field_key, split_people
from marquee.films.names import NAME, ROLE
from marquee.films.text import SENTENCE_END, clause_before, lazily
from marquee.films.titles import refers_to
from marquee.records import CastMember

log = logging.getLogger(__name__)

CAST_FIELDS = frozenset({"cast", "starring", "stars", "actors", "cast_members"})

_END = r"(?![\p{L}'])"
_AS = re.compile(
    rf"(?P<actor>{NAME})(?:\s(?:stars|starred|co-stars|appears|returns|is cast|was cast))?"
    rf"\sas\s(?P<role>{ROLE}){_END}"
)
_PLAYS = re.compile(
    rf"(?P<actor>{NAME}),?\s(?:who\s)?"
    rf"(?:plays|played|portrays|portrayed|is playing|playing|voices|voiced)\s(?P<role>{ROLE}){_END}"
)
_PLAYED_BY = re.compile(
    rf"(?P<role>{ROLE}),?\s(?:is\s|was\s)?(?:played|portrayed|voiced)\sby\s(?P<actor>{NAME})"
)
_STARRING = re.compile(
    rf"(?<![\p{{L}}])(?:(?i:co-starring|starring|featuring)(?:\s?:)?|(?i:cast|stars|with)\s?:)"
    rf"\s(?P<names>{NAMES})"
)
"""Actors named without their parts: "starring Ana de Armas", "Cast: A, B and C"."""
_STATED_BY = (
    (_AS, ("as",)),
    (_PLAYS, ("play", "portray", "voice")),
    (_PLAYED_BY, ("played", "portrayed", "voiced")),
)
"""Each wording and the words one of which it needs: a line with none skips the pattern,
whose leading name is otherwise tried at every capital."""
_SAYS_STARRING = re.compile(r"(?i:starring|featuring|cast|stars|with)")
_PAIR = re.compile(rf"(?P<outer>{ROLE})\s\((?P<inner>[^()]{{1,160}})\)")
_AGE = rf"(?P<actor>{NAME})\sas\s(?:an?\s|the\s)?\p{{Ll}}+(?:\s\p{{Ll}}+)?"
_AGES = lazily(_AGE)
_AGES_LIST = lazily(rf"{_AGE}(?:(?:,\s(?:and\s)?|\sand\s){_AGE})*")


@dataclass(frozen=True, slots=True)
class CastReading:
    """One review's cast: settled actor → character entries and unsettled pairs."""

    cast: tuple[CastMember, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class _Pair:
    outer: str
    inner: str
    where: tuple[int, int]  # (line, sentence): pairs listed together share a form


_LISTED = re.compile(r"(?P<a>.+?)(?:\s+as\s+(?P<r>.+)|\s*\((?P<p>[^()]+)\))?")
"""A cast list's item: "A as B", "A (B)" or "A"."""
_HONORIFIC = re.compile(names.HONORIFIC)
_NAME = re.compile(NAME)


def cast_from_fields(fields: Mapping[str, str]) -> list[CastMember]:
    """A structured cast list: "A as B, C (D), E" — actor first, as cast lists are."""
    found: list[CastMember] = []
    for key, value in fields.items():
        if field_key(key) not in CAST_FIELDS:
            continue
        for item in split_people(str(value)):
            spelled = _LISTED.fullmatch(item)
            actor = names.person(spelled["a"], min_words=1) if spelled else None
            written = spelled and (spelled["r"] or spelled["p"])
            if actor:
                found.append(CastMember(actor, names.role(written) if written else None))
    return found


def stated_cast(lines: Sequence[str], film_names: Sequence[str]) -> list[CastMember]:
    """Entries whose wording says which side is the actor, in reading order."""
    stated: list[tuple[int, int, CastMember]] = []
    for index, line in enumerate(lines):
        stated += [(index, pos, member) for pos, member in _stated(line, film_names)]
    return [m for _, _, m in sorted(stated, key=lambda s: (s[0], s[1]))] + _ages(lines, film_names)


def settle_cast(
    lines: Sequence[str],
    film_names: Sequence[str],
    members: Sequence[CastMember],
    *,
    crew: Sequence[str] = (),
) -> CastReading:
    """The review's cast: ``members`` already stated, plus its "X (Y)" pairs oriented by
    them. Crew names are never a side of a pair: "Len Wiseman (Underworld)" is a
    director's filmography, not a part he plays. The review's full names, which only
    orient pairs, are looked for only when it writes one (most reviews write none)."""
    pairs = [p for index, line in enumerate(lines) for p in _pairs(line, index, film_names, crew)]
    known = Known(
        actors=[m.actor for m in members],
        roles=[m.role for m in members if m.role],
        full_names=full_names_in(lines) if pairs else (),
    )
    settled, unsettled = _orient(pairs, known)
    cast = _without_characters_as_actors([*members, *settled])
    return CastReading(tuple(cast), tuple(unsettled))


def _stated(line: str, film_names: Sequence[str]) -> list[tuple[int, CastMember]]:
    """Entries whose wording says which side is the actor."""
    found: list[tuple[int, CastMember]] = []
    for pattern, words in _STATED_BY:
        if not any(word in line for word in words):
            continue
        for match in pattern.finditer(line):
            actor, role = names.person(match["actor"]), names.role(match["role"])
            if actor and role and not refers_to(actor, film_names):
                found.append((match.start(), CastMember(actor, role)))
    for match in _STARRING.finditer(line) if _SAYS_STARRING.search(line) else ():
        before = clause_before(line, match.start())
        if negated(before) or about_other_film(before, film_names, ()):
            continue
        found += [(match.start(), CastMember(p)) for p in names.people_listed(match["names"])]
    return found


def _ages(lines: Sequence[str], film_names: Sequence[str]) -> list[CastMember]:
    """Both actors in "Eve MaCarro (Ana de Armas as adult, Victoria Comte as child)" play Eve."""
    found: list[CastMember] = []
    for line in (line for line in lines if "(" in line):
        for match in _PAIR.finditer(line):
            role = names.role(match["outer"])
            if not role or refers_to(role, film_names):
                continue
            if not _AGES_LIST().fullmatch(match["inner"]):
                continue
            for actor in (names.person(m["actor"]) for m in _AGES().finditer(match["inner"])):
                if actor:
                    found.append(CastMember(actor, role))
    return found


def _pairs(line: str, index: int, film_names: Sequence[str], exclude: Sequence[str]) -> list[_Pair]:
    """The "X (Y)" pairs in a line where both sides could be a person or a character."""
    found: list[_Pair] = []
    for match in _PAIR.finditer(line) if "(" in line else ():
        outer, inner = names.role(match["outer"]), names.role(match["inner"].strip())
        if not outer or not inner:
            continue
        sides = (outer, inner)
        if any(refers_to(s, film_names) or names.matches(s, exclude, prefix=False) for s in sides):
            continue
        if not any(names.person(s) for s in sides):
            continue
        sentence = len(SENTENCE_END.findall(line, 0, match.start()))
        found.append(_Pair(outer, inner, (index, sentence)))
    return found


def _orient(pairs: Sequence[_Pair], known: Known) -> tuple[list[CastMember], list[tuple[str, str]]]:
    """Settle each pair's actor side, by itself, else by its neighbours in the same
    sentence, else by the review's other pairs when they all agree (a critic keeps one
    form: "Dr. Kemp (Harrigan) … Jack Griffin (Rains)"); return the settled entries
    and the rest as pairs."""
    decided: dict[int, bool] = {}  # pair index -> outer side is the actor
    for i, pair in enumerate(pairs):
        outer_is_actor = actor_side(pair.outer, pair.inner, known)
        if outer_is_actor is not None:
            decided[i] = outer_is_actor
    for same in (lambda p, q: p.where == q.where, lambda p, q: True):
        undecided = [i for i in range(len(pairs)) if i not in decided]
        for i in undecided:
            peers = {decided[j] for j in decided if same(pairs[i], pairs[j])}
            if len(peers) == 1:
                decided[i] = peers.pop()
    settled = [
        CastMember(p.outer, p.inner) if decided[i] else CastMember(p.inner, p.outer)
        for i, p in enumerate(pairs)
        if i in decided
    ]
    unsettled = [(p.outer, p.inner) for i, p in enumerate(pairs) if i not in decided]
    settled = [m for m in settled if names.person(m.actor)]
    return settled, unsettled


@dataclass(frozen=True, slots=True)
class Known:
    """What the review (or a film's reviews) already says about its people."""

    actors: Sequence[str] = ()
    roles: Sequence[str] = ()
    full_names: Sequence[str] = ()  # every multi-word name written anywhere


def actor_side(first: str, second: str, known: Known) -> bool | None:
    """True if ``first`` is the actor in a pair, False if ``second`` is, None if unsure.

    Known actors and characters decide first; then a "the …" or "Dr. …" side is the
    character;
    then a one-word side facing a full name is the character ("Eve (Ana de Armas)"),
    unless that word is someone else's surname ("Nick Falzone (Cusack)" beside "John
    Cusack"), when the pair waits for more evidence.
    """
    if names.matches(first, known.actors, prefix=False) or names.matches(
        second, known.roles, prefix=True
    ):
        return True
    if names.matches(second, known.actors, prefix=False) or names.matches(
        first, known.roles, prefix=True
    ):
        return False
    if second.startswith("the ") or _HONORIFIC.match(second):
        return True
    if first.startswith("the ") or _HONORIFIC.match(first):
        return False
    one_word = (len(names.core_words(first)) == 1, len(names.core_words(second)) == 1)
    if one_word == (False, True):
        return True if _a_character(second, first, known.full_names) else None
    if one_word == (True, False):
        return False if _a_character(first, second, known.full_names) else None
    return None


def _a_character(word: str, facing: str, full_names: Sequence[str]) -> bool:
    """A lone word is a character's short name unless the review only ever writes it as
    another person's surname."""
    key = names.tokens(word)
    others = [names.tokens(n) for n in full_names if names.tokens(n) != names.tokens(facing)]
    first_name = any(len(t) > 1 and t[: len(key)] == key for t in others)
    surname = any(len(t) > 1 and t[-len(key) :] == key for t in others)
    return first_name or not surname


def full_names_in(lines: Sequence[str]) -> list[str]:
    """Every name of two or more words the text writes."""
    found = (names.person(m.group()) for line in lines for m in _NAME.finditer(line))
    return [n for n in found if n]


def _without_characters_as_actors(cast: list[CastMember]) -> list[CastMember]:
    """Drop "Eve Macarro as the new John Wick": an actor slot holding a known character."""
    characters = {names.name_key(m.role) for m in cast if m.role}
    kept = [m for m in cast if names.name_key(m.actor) not in characters]
    if len(kept) < len(cast):
        log.debug("dropped %d entries whose actor is a character", len(cast) - len(kept))
    return kept
