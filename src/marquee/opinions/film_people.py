"""A film's people as cue tables: who a name in a review stands for.

Built once per film from its facts (:func:`people_for`): its cast by full name, surname
("de Armas", "Armas") or the character they play ("Eve"), every form mapping back to the
actor; its credited crew, whose names signal their craft (a director's name, direction);
and its franchise, from a franchise-prefixed alias ("From the World of John Wick: …"),
whose namesake character stands for the franchise, not a performance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from marquee.opinions.records import Aspect
from marquee.records import CastMember, FilmFacts
from marquee.text import WORD
from marquee.wordlists import word_list

_A = TypeVar("_A")
_B = TypeVar("_B")

NOT_NAMES = frozenset(word_list("marquee.opinions", "not-names"))
"""Words that never stand for a person (a name token must be capitalised and not one)."""
_CREW_ASPECT: Mapping[str, Aspect] = {
    "director": "direction",
    "writer": "story",
    "composer": "music",
    "cinematographer": "visuals",
    "editor": "editing",
}
_PARTICLES = frozenset(word_list("marquee.opinions", "name-particles"))
_FRANCHISE_PREFIX = re.compile(r"^(?:from\s+the\s+world\s+of\s+)?(.+?)\s*:\s+\S", re.I)


class NameCues(Generic[_A, _B]):
    """Name patterns in a fixed order, indexed by the word each match must contain.

    A film's merged cast can run to hundreds (every actor any of hundreds of reviews
    named); trying only the names whose first word the sentence holds keeps each
    sentence's cost flat, and yields them in the same order as trying them all. A name's
    pattern is compiled the first time a sentence holds that word: most never do (a
    one-line quote names one person of a film, if any), and compiling every name of
    every film cost more than reading the quotes that named them."""

    def __init__(self, cues: Iterable[tuple[str, _A, _B]]) -> None:
        self.cues = tuple(cues)  # (name form, what it stands for)
        index: dict[str, list[int]] = {}
        for i, (form, _, _) in enumerate(self.cues):
            index.setdefault(_first_word(form), []).append(i)
        self._by_word = {word: tuple(found) for word, found in index.items()}

    def among(self, words: frozenset[str]) -> list[tuple[re.Pattern[str], _A, _B]]:
        """The cues that can match a sentence made of ``words``, in their fixed order."""
        hits = sorted(i for w in words for i in self._by_word.get(w, ()))
        return [(_pattern(form), a, b) for form, a, b in (self.cues[i] for i in hits)]


@dataclass(frozen=True, slots=True)
class People:
    """The film's people and names as cue tables, built once per film from its facts."""

    performers: NameCues[str, bool]  # form → actor, is a role
    crew: NameCues[Aspect, str]  # crew name → its aspect, name
    franchise: tuple[re.Pattern[str], ...]  # names that stand for the franchise
    excluded: frozenset[str]  # title words and crew names: never a performer
    cast_known: bool
    titles: tuple[str, ...]  # the film's own title and aliases (see title_in)

    def title_in(self, text: str) -> bool:
        """Whether ``text`` names the film by its title or an alias, whole-word in any case."""
        pattern = _title_pattern(self.titles)
        return pattern is not None and pattern.search(text) is not None


def franchise_names(facts: FilmFacts) -> tuple[str, ...]:
    """Franchise names from franchise-prefixed aliases ("From the World of John Wick: X")."""
    names: list[str] = []
    for alias in (*facts.aliases, facts.title or ""):
        match = _FRANCHISE_PREFIX.match(alias)
        if match and match.group(1) not in names:
            names.append(match.group(1))
    return tuple(names)


def _longest_first(names: Iterable[str]) -> list[str]:
    """Longest first (a full name claims its words before the surname alone can), then
    alphabetically: never in set order, which changes with every process's hash seed and
    would make the same review's opinions differ from run to run."""
    return sorted(names, key=lambda name: (-len(name), name))


def _name_forms(name: str) -> set[str]:
    """A person's full name, particle surname ("de Armas") and bare surname ("Armas")."""
    tokens = name.split()
    forms = {name}
    if len(tokens) >= 2:
        forms.add(tokens[-1])
        for i in range(1, len(tokens) - 1):
            if tokens[i].lower() in _PARTICLES:
                forms.add(" ".join(tokens[i:]))
                forms.add(" ".join([tokens[i].capitalize(), *tokens[i + 1 :]]))
                break
    return {f for f in forms if f.lower() not in NOT_NAMES and len(f) > 2}


def _role_forms(role: str) -> set[str]:
    """ "Eve Macarro" → "Eve Macarro", "Eve", "Macarro"; "the Director" only as itself."""
    tokens = role.split()
    if len(tokens) == 2 and tokens[0].lower() == "the" and tokens[1][:1].isupper():
        return {role}
    if not tokens or tokens[0].lower() in NOT_NAMES:
        return set()
    return {f for f in {role, tokens[0], tokens[-1]} if f.lower() not in NOT_NAMES and len(f) > 2}


def _first_word(form: str) -> str:
    """The word a name's match must contain (see :func:`word_set`): its first ``\\w`` run,
    lower-cased; for a titled role ("the Director"), the noun's."""
    noun = form.split(" ", 1)[1] if form.lower().startswith("the ") else form
    found = WORD.search(noun.lower())
    return found.group() if found else ""


def word_set(text: str) -> frozenset[str]:
    """A sentence's ``\\w`` runs, lower-cased. A name matched whole-word starts with one
    whole run of the text, so a name whose first word is not here cannot match: with a
    film's cast of hundreds (merged over hundreds of reviews), trying only those names
    keeps every sentence's cost flat instead of growing with the cast."""
    return frozenset(WORD.findall(text.lower()))


@lru_cache(maxsize=4096)
def _pattern(form: str) -> re.Pattern[str]:
    """A name matched whole-word in any case, except a titled role ("the Director"),
    which is a character only when capitalised ("the director" is the film's)."""
    if form.lower().startswith("the "):
        noun = re.escape(form.split(" ", 1)[1])
        return re.compile(rf"(?<![\w'’])[Tt]he\s+{noun}(?![\w])")
    return re.compile(rf"(?<![\w'’]){re.escape(form)}(?![\w])", re.IGNORECASE)


def people_for(facts: FilmFacts) -> People:
    """Cue tables for ``facts``; cached because every review of a film shares them, but
    only for the most recent films: a batch of a million reviews, each with its own facts,
    must not keep a million sets of compiled patterns."""
    credits = tuple((role, tuple(names)) for role, names in sorted(facts.credits.items()))
    return _people(facts.title, facts.aliases, credits, facts.cast)


@lru_cache(maxsize=1024)
def _people(
    title: str | None,
    aliases: tuple[str, ...],
    credits: tuple[tuple[str, tuple[str, ...]], ...],
    cast: tuple[CastMember, ...],
) -> People:
    facts = FilmFacts(title=title, aliases=aliases, credits=dict(credits), cast=cast)
    franchise = franchise_names(facts)
    franchise_tokens = {t.lower() for name in franchise for t in name.split()}
    crew_names = [(n, role) for role, names in facts.credits.items() for n in names]
    titles = " ".join(filter(None, (facts.title, *facts.aliases)))
    excluded = {t.lower() for t in re.findall(r"[\w'’]+", titles)} | franchise_tokens
    excluded |= {f.lower() for n, _ in crew_names for f in _name_forms(n)}
    performers: dict[str, tuple[str, bool]] = {}
    namesakes: set[str] = set()
    for member in facts.cast:
        if member.role and member.role.lower() in {n.lower() for n in franchise}:
            # The franchise's namesake (and whoever plays them) stands for the
            # franchise: "Reeves briefly appears" in a spin-off is a franchise tie.
            namesakes |= {f for f in _name_forms(member.actor) if f.lower() not in excluded}
            continue
        for form in _longest_first(_name_forms(member.actor)):
            if form.lower() not in excluded:
                performers.setdefault(form, (member.actor, False))
        for form in _longest_first(_role_forms(member.role) if member.role else set()):
            if form.lower() not in excluded:
                performers.setdefault(form, (member.actor, True))
    crew = NameCues(
        (form, _CREW_ASPECT[role], name)
        for name, role in crew_names
        if role in _CREW_ASPECT
        for form in _longest_first(_name_forms(name))
        if form.lower() not in franchise_tokens
    )
    ordered = sorted(performers.items(), key=lambda kv: -len(kv[0]))
    return People(
        performers=NameCues((f, actor, role) for f, (actor, role) in ordered),
        crew=crew,
        franchise=tuple(_pattern(n) for n in _longest_first({*franchise, *namesakes}))
        + tuple(_pattern(t) for t in sorted(franchise_tokens) if len(t) > 3),
        excluded=frozenset(excluded),
        cast_known=bool(facts.cast),
        titles=_titles(facts, franchise),
    )


def _titles(facts: FilmFacts, franchise: Sequence[str]) -> tuple[str, ...]:
    """The film's title and aliases, and an alias without its franchise prefix."""
    names = {n for n in (facts.title, *facts.aliases) if n}
    names |= {n.split(":", 1)[1].strip() for n in names if ":" in n and franchise}
    return tuple(sorted(names, key=len, reverse=True))


@lru_cache(maxsize=1024)
def _title_pattern(titles: tuple[str, ...]) -> re.Pattern[str] | None:
    """Compiled only when a sentence needs it (few do: see
    :func:`~marquee.opinions.aspects.about_other_films`); compiling it for every film cost
    more than reading a one-line quote."""
    if not titles:
        return None
    alternatives = "|".join(re.escape(n) for n in titles)
    return re.compile(rf"(?<![\w'’])(?:{alternatives})(?![\w])", re.IGNORECASE)
