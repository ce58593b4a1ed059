"""The film named by how a capsule or a copied page opens, before any prose.

Credit headers ("UNMADE BEDS (director: Nicholas Barker; …; 1997)"), distributor
headers, "Poor Things 2023" lines and a first line in capitals each state the film
outright; they are read apart from headlines and prose because their shapes (capitals,
trailing articles, alternative titles in brackets) occur nowhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import regex as re

from marquee.films import names
from marquee.films.title_forms import FILM_WORDS, SMALL, TITLE, YEAR, as_written

_CREDIT_HEADER = re.compile(
    r"^(?P<t>[^()]{1,100}?)\s?(?P<alts>(?:\([^()]{1,80}\)\s?)*)"
    r"\(\s?(?i:[\p{L}/&\s]{0,30}?\bdirectors?\b[\p{L}/&\s]{0,30}?:|dir(?:\.|ected\sby)\s)"
)
"""A capsule's credit header: "UNMADE BEDS (director: Nicholas Barker; cast: …; 1997)",
"Le Boucher (Dir. Claude Chabrol, 1969)", "RUN LOLA RUN (LOLA RENNT)(director/writer: …)"."""
_STUDIO_HEADER = re.compile(
    r"^(?P<t>[^()\p{Ll}]{1,100}?)\s\((?P<studio>[^()]{1,60})\)\s(?i:starring|cast)\s?:"
    r"(?P<alts>)"
)
"""Another capsule header: "THE WINGS OF THE DOVE (Miramax) Starring: …" — the title in
capitals, then the distributor (not another title)."""
_TITLE_YEAR_LINE = re.compile(rf"(?P<t>{TITLE})\s(?P<y>{YEAR})")
_CAPITALS_LINE = re.compile(r"[^\p{Ll}]*\p{Lu}[^\p{Ll}]*")
_TRAILING_ARTICLE = re.compile(
    r"^(?P<rest>.+),\s(?P<art>(?i:the|a|an|le|la|les|l'|il|el|der|die|das))$"
)
_NOT_ALIAS = re.compile(r"(?i)^(?:tv|aka:?|a\.k\.a\.:?)$")


def from_opening_lines(lines: Sequence[str]) -> tuple[str | None, list[str], int | None]:
    """Title, other titles and year from how capsules and copied pages open, each the
    critic's (or the site's) own statement of the film, so none needs the prose to repeat
    it: a credit header in the first lines; a "Poor Things 2023" line (Letterboxd and
    list pages) among the first few; a first line in capitals over prose ("ANATOMY OF A
    FALL"). The year of a credit header is the last inside it (a country may follow)."""
    for line in lines[:3]:
        found = _CREDIT_HEADER.match(line) or _STUDIO_HEADER.match(line)
        title = _header_title(found["t"]) if found else None
        if not found or not title:
            continue
        alts = [a.strip() for a in re.findall(r"\(([^()]+)\)", found["alts"] or "")]
        aliases = [t for a in alts if not _NOT_ALIAS.match(a) and (t := _header_title(a))]
        years = re.findall(rf"\b({YEAR})\b", line[found.end() :])
        return title, aliases, int(years[-1]) if years else None
    for line in lines[:8]:
        found = _TITLE_YEAR_LINE.fullmatch(line)
        if found and len(line.split()) <= 8 and _plausible_title_year(found["t"], found["y"]):
            return found["t"], [], int(found["y"])
    if len(lines) > 1 and _CAPITALS_LINE.fullmatch(lines[0]) and len(lines[0].split()) <= 8:
        title = _header_title(lines[0])
        if title and _names_something(title):
            return title, [], None
    return None, [], None


def _plausible_title_year(title: str, year: str) -> bool:
    """A title, then its year: not a title ending in a number ("Top 10 2023"), and not a
    year still to come ("Blade Runner 2049" is a title on its own)."""
    return (
        _names_something(title)
        and not title.split()[-1].isdigit()
        and int(year) <= date.today().year + 2
    )


def _names_something(title: str) -> bool:
    """Not only common words or film words ("FILM REVIEW", "SPOILERS AHEAD", "The End")."""
    return not all(
        w.casefold() in names.NOT_NAME
        or re.fullmatch(FILM_WORDS, w.casefold())
        or w.casefold() in _NOT_A_FILM
        for w in re.findall(r"[\p{L}\p{N}']+", title)
    )


_NOT_A_FILM = frozenset({"review", "reviews", "spoilers", "spoiler", "ahead", "verdict", "rating"})


def _header_title(raw: str) -> str | None:
    """A header's title as prose writes it: "BIG HEAT, THE" → "The Big Heat"."""
    title = re.sub(r"\s+([?!.,:;])", r"\1", raw.strip(" \t'\"-–—|:"))
    moved = _TRAILING_ARTICLE.match(title)
    if moved:
        title = f"{moved['art']} {moved['rest']}"
    title = as_written(title)
    words = title.split()
    named = all(re.search(r"[\p{Lu}\p{N}]", w) or re.fullmatch(SMALL, w) for w in words[1:])
    if not words or not re.search(r"[\p{Lu}\p{N}]", words[0]) or not named or len(words) > 16:
        return None  # prose that happens to name a director: "It was (director: …)"
    return title
