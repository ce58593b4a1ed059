"""The film a review's prose names, when neither its fields nor its headline say.

Other films appear in every review ("2003's Underworld", "Rogue One (2016)"), so this is
its own job with its own caution: a dated title must open the review or be named again,
a year counts only next to this film's own name, and a last-resort guess must dominate
the opening paragraph and be called a film somewhere.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import regex as re

from marquee.films import names
from marquee.films.text import SENTENCE_END, lazily, mentions
from marquee.films.title_forms import (
    DESCRIBED,
    FILM_WORDS,
    TITLE,
    TITLE_YEAR,
    YEAR,
    main_title,
    refers_to,
    trim_title,
)

log = logging.getLogger(__name__)

_NOUN_ENDS = (
    r"(?=\s?[,.;:)!?—–]|\s(?:that|which|from|by|about|starring|featuring|directed|written"
    r"|based|set|in|of|with|where|for)\b)"
)
"""A film noun that ends its phrase, so "the film has …" and "film director" don't count."""


_AKA_WORDS = r"(?i:otherwise known|also known|a\.k\.a\.|aka|marketed|released)"
_AKA = lazily(
    rf"(?:(?P<b>{TITLE})(?:\s\({YEAR}\))?,?\s\(?)?{_AKA_WORDS}"
    rf"(?:\s[\p{{Ll}}\-]+){{0,12}}\s(?P<a>{TITLE})"
)
"""Two names for one film: "Ballerina, otherwise known … as From the World of John Wick:
Ballerina", "Pinocchio (2022), also known as Guillermo del Toro's Pinocchio"."""
_SAYS_AKA = re.compile(_AKA_WORDS)
"""What every ``_AKA`` match holds: a line without it (nearly every line) skips ``_AKA``,
whose optional leading title is tried at every position."""
_SAYS_YEAR = re.compile(YEAR)
"""What every year pattern of :func:`year_in_text` holds."""


@dataclass(frozen=True, slots=True)
class _Dated:
    """One "Title (2025)" in the text."""

    form: str
    year: int
    line: int
    opens: bool  # in the review's first sentence


def title_in_text(lines: Sequence[str], text: str) -> tuple[str | None, int | None]:
    """The film named as "Title (2025)" most often (then mentioned most, then first).

    A candidate must be dated in the review's first sentence, or be named again and be
    dated in the opening paragraph, dated twice or called a film: older reviews date
    every other film they cite ("is THE GARDEN of the FINZI-CONTINIS (1971)"), and a
    passing "Rogue One (2016)" must never win."""
    seen: dict[str, list[_Dated]] = {}
    for index, line in enumerate(lines):
        for found in TITLE_YEAR.finditer(line):
            form = trim_title(found["t"], text)
            opens = index <= 1 and not SENTENCE_END.search(line, 0, found.start())
            dated = _Dated(form, int(found["y"]), index, opens)
            seen.setdefault(names.name_key(main_title(form, text)), []).append(dated)

    def rank(key: str) -> tuple[int, int, int]:
        first = seen[key][0]
        return len(seen[key]), mentions(main_title(first.form, text), text), -first.line

    def eligible(key: str) -> bool:
        count, named, line = rank(key)
        if any(d.opens for d in seen[key]):
            return True
        film = main_title(seen[key][0].form, text)
        return named >= 2 and (-line <= 1 or count >= 2 or _called_a_film(film, text))

    candidates = [k for k in seen if eligible(k)]
    if not candidates:
        return None, None
    best = seen[max(candidates, key=rank)]
    return best[0].form, Counter(d.year for d in best).most_common(1)[0][0]


def aliases_in_text(title: str, lines: Sequence[str], text: str) -> list[str]:
    """Other names the review gives this film: "From the World of John Wick: Ballerina",
    "otherwise known as …", "(also known as …)", "a.k.a. …"."""
    # compiling the prefix pattern costs more than the rest of reading a quote, and only a
    # line holding the title right after a colon and a space can match it
    prefixed = (
        re.compile(rf"(?P<p>{TITLE}):\s{re.escape(title)}(?![\p{{L}}\p{{N}}])")
        if any(_after_colon(title, line) for line in lines)
        else None
    )
    found: list[str] = []
    for line in lines:
        if prefixed is not None:
            found += [trim_title(f"{m['p']}: {title}", text) for m in prefixed.finditer(line)]
        for m in _AKA().finditer(line) if _SAYS_AKA.search(line) else ():
            forms = [trim_title(f, text) for f in (m["b"], m["a"]) if f]
            if any(refers_to(f, [title]) for f in forms):
                found += forms
    return found


def _after_colon(title: str, line: str) -> bool:
    """Whether ``title`` follows a colon and a space somewhere in ``line`` (``str.isspace``
    takes every character ``\\s`` does, and a few more)."""
    at = line.find(title, 2)
    while at != -1:
        if line[at - 2] == ":" and line[at - 1].isspace():
            return True
        at = line.find(title, at + 1)
    return False


def year_in_text(title: str, aliases: Sequence[str], lines: Sequence[str], text: str) -> int | None:
    """The year the text gives this film: "Title (2025)", "2025's Title", "this 2025
    film", "Title, the 2025 film"; never the year of another film named nearby ("the 2023
    action film Ghosted", "a film shot in 1905")."""
    film_names = [title, *aliases]
    years: list[int] = []
    for line in (line for line in lines if _SAYS_YEAR.search(line)):
        years += [
            int(m["y"])
            for m in TITLE_YEAR.finditer(line)
            if refers_to(trim_title(m["t"], text), film_names)
        ]
        after_year = _YEARS_TITLE().finditer(line)
        years += [int(m["y"]) for m in after_year if refers_to(m["t"], film_names)]
        for m in _NNNN_FILM().finditer(line):
            named = m["after"] or m["before"]
            if m["this"] or (named and refers_to(named, film_names)):
                years.append(int(m["y"]))
    return Counter(years).most_common(1)[0][0] if years else None


_YEARS_TITLE = lazily(rf"\b(?P<y>{YEAR})'s (?P<t>{TITLE})")
"""A title after its year: "2025's Ballerina"."""
_NNNN_FILM = lazily(
    rf"(?:(?P<before>{TITLE}),?\s(?:is\s)?)?(?i:\b(?:(?P<this>this)|the|a)\s)(?P<y>{YEAR})\s"
    rf"(?:[\p{{Ll}}\-]+\s){{0,2}}{FILM_WORDS}\b(?:\s(?P<after>{TITLE}))?"
)


def guess_title(lines: Sequence[str], text: str, people: Sequence[str]) -> str | None:
    """Last resort for a review that never states its title: the capitalised name in the
    opening paragraph that the review repeats most, if it clearly dominates, is not a
    person or character, and is at least once spoken of as a film ("Ballerina, the
    much-anticipated spin-off"). Returns None rather than a weak guess: a review filed
    under a character's name is worse than one waiting for its film."""
    opening = next((line for line in lines if len(line.split()) >= 12), "")
    counts: Counter[str] = Counter()
    for found in re.finditer(TITLE, opening):
        form = trim_title(found.group(), text)
        if _could_be_title(form, people):
            counts[form] = mentions(form, text)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 3 or not _called_a_film(ranked[0][0], text):
        return None
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        log.debug("no title: %r is not clearly ahead of %r", ranked[0], ranked[1])
        return None
    log.debug("guessed title %r from %d mentions", *ranked[0])
    return ranked[0][0]


_CALLED_AFTER = re.compile(
    rf"\s(?:is|was|remains)\s(?:not\s)?(?:a|an|this)\s{DESCRIBED}{FILM_WORDS}{_NOUN_ENDS}"
    rf"|,\s(?:a|an|the)\s{DESCRIBED}{FILM_WORDS}{_NOUN_ENDS}"
)
"""What calls the name before it a film: "… is a slick revenge film", "…, the much-anticipated
spin-off starring"."""
_CALLED_BEFORE = re.compile(
    rf"(?<=\b(?:the|this|new|latest)\s{FILM_WORDS}\s(?:called\s|titled\s)?)"
)
"""What calls the name after it a film: "the movie …", "the new film titled …"."""
_LETTER = re.compile(r"\p{L}")


def _called_a_film(form: str, text: str) -> bool:
    """Whether the text calls ``form`` a film: "X is a … film", "X, the … spin-off
    starring …", "the movie X". Each place the name is written is tried against the two
    fixed patterns, compiled once, instead of one pattern with the name in it compiled
    for every review (about 2 ms each, for a regex engine parse)."""
    at = text.find(form)
    while at != -1:
        end = at + len(form)
        if _CALLED_AFTER.match(text, end) or (
            _CALLED_BEFORE.match(text, at) and not _LETTER.match(text, end)
        ):
            return True
        at = text.find(form, at + 1)
    return False


def _could_be_title(form: str, people: Sequence[str]) -> bool:
    words = form.split()
    if all(w.casefold() in names.NOT_NAME or re.fullmatch(FILM_WORDS, w.casefold()) for w in words):
        return False
    return not names.matches(form, people, prefix=True)
