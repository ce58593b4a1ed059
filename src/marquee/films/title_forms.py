"""How prose writes a film's title, and the name forms every stage compares.

The grammar (``TITLE``, ``YEAR``, ``FILM_WORDS``) and the small functions on one name
(its year, its franchise prefix, its sequel part, its key and slug) are shared by every
reader of titles — headlines, capsule headers, the review's prose — and by the cast,
credits and roundup readers, so they sit below all of them, apart from any one reading.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import regex as re

from marquee.films import names
from marquee.films.text import lazily, mentions

YEAR = r"(?:18|19|20)\d\d"
SMALL = (
    r"(?:of|the|a|an|and|&|in|on|at|to|for|from|with|by|or|vs\.?"
    r"|de|del|la|le|du|des|da|di|van|von)"
)
TWORD = r"(?:\p{Lu}[\p{L}\p{N}'\-]*|\p{N}+)"
TITLE = rf"{TWORD}(?:(?::\s|\s(?:{SMALL}\s)*){TWORD})*"
"""A title as prose writes it: capitalised words, small words between, colons allowed."""

FILM_WORDS = (
    r"(?:film|movie|picture|feature|spin-off|spinoff|sequel|prequel|remake|reboot|adaptation"
    r"|drama|comedy|thriller|documentary|musical|western|horror|romance|epic|biopic"
    r"|blockbuster|debut|instal?lment|entry|follow-up|animation|cartoon|noir)s?"
)


DESCRIBED = r"(?:(?!(?:the|a|an|of|is|was|and|but)\s)[\p{Ll}'\-]+\s){0,3}"
"""Up to three adjectives: "the much-anticipated spin-off", "a slick revenge film"."""


TITLE_YEAR = re.compile(rf"(?P<t>{TITLE})\s\((?P<y>{YEAR})\)")
SEQUEL_WORDS = frozenset({"chapter", "part", "episode", "vol", "volume", "book", "act", "round"})
_ROMAN = re.compile(r"[IVX]+")
# Compiled once: each review asks every one of these (``regex``'s cache lookup is ~10 µs).
_YEAR_WORD = re.compile(rf"\b{YEAR}\b")
_WITH_YEAR = re.compile(rf"(?P<t>.+?)\s*\((?P<y>{YEAR})\)")
_MAKERS = lazily(rf"(?P<maker>{names.NAME})'s (?P<rest>{TITLE})")
_LOWER = re.compile(r"\p{Ll}")
_SMALL = re.compile(SMALL)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def parse_year(value: object) -> int | None:
    """A plausible film year from a field value ("2025", 2025, "2025-06-06")."""
    found = _YEAR_WORD.search(str(value or ""))
    return int(found.group()) if found else None


def split_year(text: str) -> tuple[str, int | None]:
    """Title and year of "Ballerina (2025)"; text without a year comes back as is."""
    found = _WITH_YEAR.fullmatch(text.strip())
    if found:
        return found["t"].strip(), int(found["y"])
    return text.strip(), None


def main_title(form: str, text: str) -> str:
    """The title critics use for a franchise-prefixed form: "From the World of John Wick:
    Ballerina" → "Ballerina" when the review also says "Ballerina" alone; a sequel part
    ("John Wick: Chapter 4") keeps its prefix."""
    if ": " not in form:
        return form
    suffix = form.rsplit(": ", 1)[1]
    if is_sequel_part(suffix):
        return form
    alone = mentions(suffix, text) - text.count(f": {suffix}")
    return suffix if alone >= 2 else form


def is_sequel_part(suffix: str) -> bool:
    """Whether a post-colon part numbers an instalment rather than naming a film."""
    first = suffix.split()[0]
    return (
        first.casefold().rstrip(".") in SEQUEL_WORDS
        or first.isdigit()
        or bool(_ROMAN.fullmatch(first))
    )


def trim_title(span: str, text: str) -> str:
    """Drop a sentence opener glued to a title ("Watch the Ballerina", "Is Ballerina")
    when the review names the rest alone more often than the whole."""
    current = span
    while True:
        words = current.split(" ")
        if len(words) < 2 or words[0].casefold() not in names.LEADING_NOISE - {"the", "a", "an"}:
            return current
        rest = words[1:]
        while len(rest) > 1 and _SMALL.fullmatch(rest[0]) and rest[0].islower():
            rest = rest[1:]
        shorter = " ".join(rest)
        if mentions(shorter, text) <= mentions(current, text):
            return current
        current = shorter


def without_maker(title: str, makers: Sequence[str]) -> str:
    """ "David Lynch's Dune" → "Dune" when David Lynch made it by this review's credits;
    "Bridget Jones's Diary" keeps its name, since nobody credited is Bridget Jones."""
    found = _MAKERS().fullmatch(title)
    if found and names.matches(found["maker"], makers, prefix=False):
        return found["rest"]
    return title


def refers_to(span: str, film_names: Iterable[str]) -> bool:
    """Whether ``span`` names this film: one of its names, or "…: <name>"."""
    keys = {names.name_key(n) for n in film_names if n}
    if names.name_key(span) in keys:
        return True
    return ": " in span and names.name_key(span.rsplit(": ", 1)[1]) in keys


def as_written(title: str) -> str:
    """A title as prose writes it: older reviews and headers shout titles in capitals
    ("THE WHOLE WIDE WORLD"); shown in title case, which is how every other review of the
    film writes it. A title with any lower-case letter is left as its critic wrote it."""
    return _from_capitals(title) if not _LOWER.search(title) else title


def _from_capitals(title: str) -> str:
    """Title case for an all-capitals title; Roman numerals, initials and short words
    without a vowel ("JFK", "RRR", but not "MRS.") stay capitals."""
    words = title.split(" ")

    def cased(index: int, word: str) -> str:
        bare = word.strip(".,:;?!'\"")
        if (
            _ROMAN.fullmatch(bare)
            or re.fullmatch(r"(?:\p{Lu}\.)+", word)
            or (len(bare) <= 4 and not re.search(r"[AEIOUY]", bare) and not word.endswith("."))
        ):
            return word  # "II", "L.A.", "JFK"
        lower = word.lower()
        if 0 < index < len(words) - 1 and _SMALL.fullmatch(lower):
            return lower
        return "-".join(part[:1].upper() + part[1:] for part in lower.split("-"))

    return " ".join(cased(i, w) for i, w in enumerate(words))


def title_keys(title: str | None, aliases: Iterable[str]) -> set[str]:
    """Every key a film answers to: its names, and a franchise-prefixed name's last part."""
    keys: set[str] = set()
    for form in (title, *aliases):
        if not form:
            continue
        keys.add(names.name_key(form))
        if ": " in form:
            suffix = form.rsplit(": ", 1)[1]
            if not is_sequel_part(suffix):
                keys.add(names.name_key(suffix))
    return keys


def film_slug(title: str, year: int | None) -> str:
    """A stable URL name: "Ballerina", 2025 → "ballerina-2025"."""
    base = _NOT_SLUG.sub("-", names.fold(title.replace("&", " and "))).strip("-")
    base = base or "untitled"
    return f"{base}-{year}" if year else base
