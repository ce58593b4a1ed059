"""Person and character names: what a name looks like in prose, and when two are one.

Critics write names inconsistently ("MaCarro"/"Macarro", "Ian Mcshane", "Pine" for
"Daniel Pine", accents dropped), so every comparison goes through :func:`name_key`, and
short forms are attached to a long form only when exactly one long form fits.

Patterns use the third-party ``regex`` module for Unicode letter classes (``\\p{Lu}``):
names like "Zoë Saldaña" or "Łukasz Żal" must read as names too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

import regex as re

from marquee.films.folding import fold
from marquee.wordlists import word_list

UPPER = r"\p{Lu}"

WORD = (
    r"(?:\p{Lu}['’]\p{Lu}\p{Ll}+"  # O'Brien, D'Angelo
    r"|(?:Mr|Mrs|Ms|Dr|St|Jr|Sr)\."  # honorifics and suffixes keep their dot
    r"|\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)*)"  # Reeves, McShane, MaCarro, DeWitt
    r"(?:[-'’](?!s\b)\p{Lu}?\p{Ll}+)*"  # Jean-Luc, Nyong'o — but not a possessive 's
)
"""One capitalised name word."""

HONORIFIC = (
    r"(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Lady|Lord|Captain|Capt|Inspector|Detective"
    r"|Agent|Sergeant|Sgt|Officer|Colonel|Col|General|Gen|Major|Lieutenant|Lt|Admiral"
    r"|Reverend|Rev|Father|Sister|Brother|Uncle|Aunt|King|Queen|Prince|Princess|Count"
    r"|Duke|Judge|Doctor|Nurse|Chief)\.?\s"
)
"""Titles and ranks that mark a character in prose: "Dr. Kemp (Harrigan)" is a part,
and crew are not written "Dr. Medford". (Not "Sir" or "Dame": actors carry those.)"""

INITIAL = r"\p{Lu}\.(?:\s?\p{Lu}\.)*"
"""An initial or run of initials: "J.", "J.J.", "J. J."."""

PARTICLES = frozenset(
    {"de", "da", "di", "del", "della", "van", "von", "der", "den", "la", "le", "du", "dos"}
)
PARTICLE = "(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + ")"

NAME = (
    rf"(?:{WORD}|{INITIAL})(?:\s(?:{PARTICLE}\s){{0,2}}(?:{WORD}|{INITIAL}))*"
    r"(?<=\p{Ll}|[JS]r\.)"  # a name ends on a word ("Joel J. Richard", "Robert Downey Jr.")
)
"""A run of capitalised words with particles and initials; validate with :func:`person`."""

CAPS = rf"(?:{WORD}|{INITIAL})(?:\s(?:{PARTICLE}\s)?(?:{WORD}|{INITIAL})){{0,3}}(?<=\p{{Ll}})"
"""A short capitalised run, the shape of a character name ("Eve", "Winston Scott")."""

ROLE = rf"(?:[Tt]he\s)?{CAPS}"
"""A character as critics write one: a name, or "the" and a capitalised epithet."""

# Compiled once: ``regex``'s own cache costs ~10 µs a lookup, and these run on every word
# of every name candidate (some 6,000 lookups on 2,000 RT quotes).
_INITIAL = re.compile(INITIAL)
_NAME = re.compile(NAME)
_CAPS = re.compile(CAPS)

LEADING_NOISE = frozenset(word_list("marquee.films", "leading-noise"))
"""Capitalised words that open a sentence or a job title, not a name ("Actor Norman
Reedus", "Starring Ana de Armas", "Then Eve")."""

NOT_NAME = LEADING_NOISE | frozenset(word_list("marquee.films", "not-a-name"))
"""Words no real person's name contains; a span holding one is a title, heading or prose."""

_TOKEN_SPLIT = re.compile(r"[\s\-]+")


@lru_cache(maxsize=65536)
def tokens(name: str) -> tuple[str, ...]:
    """Folded tokens of a name, without a leading "the" ("the Director" ~ "Director")."""
    parts = [t for t in _TOKEN_SPLIT.split(fold(name)) if t]
    if len(parts) > 1 and parts[0] == "the":
        parts = parts[1:]
    return tuple(parts)


def name_key(name: str) -> str:
    """One string per spelling family: "Eve MaCarro", "Eve Macarro" and "eve macarro" agree."""
    return " ".join(tokens(name))


def trim(span: str) -> str:
    """Drop sentence openers and job titles stuck to the front of a capitalised run."""
    words = span.split()
    while len(words) > 1 and words[0].casefold().rstrip(".:") in LEADING_NOISE:
        words = words[1:]
    return " ".join(words)


_LIST_SEPARATOR = re.compile(r",\s(?:&\s|and\s)?|\s&\s|\sand\s")


def people_listed(listed: str, *, min_words: int = 2) -> list[str]:
    """The persons in "A, B & C" / "A, B, and C", each validated by :func:`person`."""
    found = (person(part, min_words=min_words) for part in _LIST_SEPARATOR.split(listed))
    return [p for p in found if p]


def core_words(name: str) -> list[str]:
    """Words of a name that are neither particles nor initials."""
    return [w for w in name.split() if w not in PARTICLES and not _INITIAL.fullmatch(w)]


def person(span: str, *, min_words: int = 2) -> str | None:
    """The person's name in ``span`` (noise trimmed), or None if it cannot be one.

    A person has ``min_words``–5 words, starts with a capital, ends on a word, and holds
    no word that only titles and prose use ("Film", "Review", "The").
    """
    words = trim(span.strip(" ,;:")).split()
    while len(words) > 1 and (words[-1].casefold() in NOT_NAME or _INITIAL.fullmatch(words[-1])):
        words = words[:-1]  # "Raja Gosnell Producers: …", "Jean-Claude Petit U.S. Distributor"
    name = " ".join(words)
    core = core_words(name)
    if not (min_words <= len(core) and len(words) <= 6):
        return None
    if not _NAME.fullmatch(name):
        return None
    if any(w.casefold() in NOT_NAME for w in words):
        return None
    return name


def role(span: str) -> str | None:
    """A character name as written ("Eve", "the Director"), or None if it is prose."""
    text = span.strip(" ,;:")
    if re.match(r"[Tt]he\s", text):
        rest = text[4:]
        return f"the {rest}" if _CAPS.fullmatch(rest) and _not_prose(rest) else None
    text = trim(text)
    return text if _CAPS.fullmatch(text) and _not_prose(text) else None


def _not_prose(text: str) -> bool:
    return not any(w.casefold() in NOT_NAME - _JOBS for w in text.split())


_JOBS = frozenset({"director", "producer", "writer", "editor", "composer", "actor", "actress"})
"""Job words that are also characters' names ("the Director", "the Producer")."""


def casing_score(form: str) -> int:
    """How carefully a form is capitalised: capitals that start or sit inside mixed-case
    words ("McShane" > "Mcshane"); shouting ("JOHN") earns nothing."""
    score = 0
    for word in form.split():
        if word.isupper() and len(word) > 1:
            continue
        score += sum(1 for ch in word if ch.isupper())
    return score


def best_form(forms: Sequence[str]) -> str:
    """The form to show: longest, then best-cased, then accented (an accent is dropped far
    more often than invented: "Timothée" over "Timothee"), then most frequent, then first."""
    counts = Counter(forms)
    first = {f: i for i, f in reversed(list(enumerate(forms)))}
    return max(
        counts,
        key=lambda f: (
            len(tokens(f)),
            len(f.split()),
            casing_score(f),
            sum(not ch.isascii() for ch in f),
            counts[f],
            -first[f],
        ),
    )


def is_part(short: tuple[str, ...], long: tuple[str, ...], *, prefix: bool) -> bool:
    """Whether ``short`` is the end (a surname: "Reeves") or, with ``prefix``, also the start
    (a first name: "Eve", "Winston") of ``long``."""
    if not short or len(short) >= len(long):
        return False
    return long[-len(short) :] == short or (prefix and long[: len(short)] == short)


def canonical(names: Iterable[str], *, prefix: bool) -> dict[str, str]:
    """Map every name to the form that represents its family.

    Forms with the same :func:`name_key` are one family; a shorter family joins a longer
    one when it is that one's end (or start, with ``prefix``) and no other family fits —
    "Pine" joins "Daniel Pine", but "John" stays alone beside "John Wick" and "John Smith".
    """
    ordered = list(names)
    families: dict[tuple[str, ...], list[str]] = {}
    for name in ordered:
        families.setdefault(tokens(name), []).append(name)
    containing = _parts_index(families, prefix=prefix)
    parent: dict[tuple[str, ...], tuple[str, ...]] = {}
    for key in sorted(families, key=len, reverse=True):
        roots = {_root(parent, k) for k in containing.get(key, ())}
        if len(roots) == 1:
            parent[key] = roots.pop()
    members: dict[tuple[str, ...], list[str]] = {}
    for key, forms in families.items():
        members.setdefault(_root(parent, key), []).extend(forms)
    shown = {root: best_form(forms) for root, forms in members.items()}
    return {name: shown[_root(parent, tokens(name))] for name in ordered}


def _parts_index(
    keys: Iterable[tuple[str, ...]], *, prefix: bool
) -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    """Each proper end (and, with ``prefix``, start) of a key → the keys it is a part of:
    :func:`is_part` for every pair at once, so merging hundreds of reviews' names stays
    linear in the names instead of trying every pair."""
    index: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for key in keys:
        parts = {key[-n:] for n in range(1, len(key))}
        if prefix:
            parts |= {key[:n] for n in range(1, len(key))}
        for part in parts:
            index.setdefault(part, []).append(key)
    return index


def _root(parent: dict[tuple[str, ...], tuple[str, ...]], key: tuple[str, ...]) -> tuple[str, ...]:
    while key in parent:
        key = parent[key]
    return key


def matches(name: str, known: Iterable[str], *, prefix: bool) -> bool:
    """Whether ``name`` is one of ``known`` or a part of exactly one of them."""
    key = tokens(name)
    known_keys, containing = _known_index(tuple(known), prefix=prefix)
    return key in known_keys or len(containing.get(key, ())) == 1


@lru_cache(maxsize=256)
def _known_index(
    known: tuple[str, ...], *, prefix: bool
) -> tuple[frozenset[tuple[str, ...]], dict[tuple[str, ...], list[tuple[str, ...]]]]:
    """``known``'s keys and their parts, built once per list: settling a film's pairs asks
    about the same few hundred names thousands of times."""
    keys = frozenset(tokens(k) for k in known)
    return keys, _parts_index(keys, prefix=prefix)
