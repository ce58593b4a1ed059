"""The film a review's own headline names: "'Ballerina' review: …", "Review: Ballerina".

A headline is the critic's (or the site's) statement of the film, so it is read before
the prose; it is its own job because headlines follow a handful of fixed patterns that
prose never does, and a Title-Cased headline sentence must not be taken for a name.
"""

from __future__ import annotations

import regex as re

from marquee.films import names
from marquee.films.text import clean, mentions
from marquee.films.title_forms import DESCRIBED, FILM_WORDS, TITLE, YEAR, parse_year, split_year

_HEADLINE_PATTERNS = (
    # 'Ballerina' review: Dir. Len Wiseman (2025)
    re.compile(
        r"^['\"](?P<t>.+)['\"]\s*(?:\((?P<y>\d{4})\)\s*)?[:\-–—|]?\s*(?i:(?:film |movie )?review)\b"
    ),
    # Ballerina (2025) - Review / Ballerina review – … / THE WHOLE WIDE WORLD A film review by …
    re.compile(
        r"^(?P<t>.+?)\s*(?:\((?P<y>\d{4})\))?\s*[:\-–—|]?\s*(?:(?i:an?)\s(?=(?i:film|movie)\s))?"
        r"(?i:(?:film |movie )?review)\b"
    ),
    # Review: Ballerina / [Review] Sister Midnight (2024) | Radhika Apte
    re.compile(r"^\[?(?i:(?:film |movie )?review)\]?\s*[:\-–—|]?\s*(?P<t>.+?)(?:\s[|–—-]\s.*)?$"),
    # Review: 'Ballerina' dances to a familiar tune
    re.compile(r"(?:^|\s)['\"](?P<t>\p{Lu}(?:[^'\"]|'(?=\p{L}))*?)['\"](?=[\s:,.!?]|$)"),
    # Ballerina (2025): a spin-off too far
    re.compile(rf"^(?P<t>{TITLE})\s\((?P<y>{YEAR})\)"),
    # The Holdovers is the warmest film of the winter
    re.compile(
        rf"^(?P<t>{TITLE})\s(?:is|was|remains)\s(?:not\s)?(?:a|an|the)\s{DESCRIBED}{FILM_WORDS}\b"
    ),
    # Aftersun: Charlotte Wells' debut is a devastating memory piece
    re.compile(rf"^(?P<t>{TITLE}):\s(?=(?:\S+\s){{2,}}\S+)(?=.*\s(?:is|are|was|makes|gives)\s)"),
)


def from_headline(headline: str) -> tuple[str | None, int | None]:
    """The film title and year in a review's own headline, or None for a headline that
    does not follow a review-headline pattern."""
    line = clean(headline)
    year = parse_year(" ".join(re.findall(rf"\(({YEAR})\)", line)))
    for pattern in _HEADLINE_PATTERNS:
        found = pattern.search(line)
        title = _tidy(found["t"]) if found else None
        if title:
            return title, year
    return None, year


def bare_title(headline: str, text: str) -> str | None:
    """A headline that is nothing but the film's name ("Aftersun"), trusted only when the
    review repeats it: a Title-Cased sentence of a headline is not a film."""
    line = clean(headline)
    short = re.fullmatch(TITLE, line) and len(line.split()) <= 6
    return line if short and mentions(line, text) >= 3 else None


def _tidy(raw: str) -> str | None:
    """A headline fragment as a title, or None when it is a sentence, not a name."""
    quoted = re.match(r"\s*['\"](?P<q>.+?)['\"](?!\p{L})", raw)
    title, _ = split_year(quoted["q"] if quoted else raw.strip(" '\"-–—|:,."))
    title = title.strip(" '\"")
    if not re.fullmatch(TITLE, title) or len(title.split()) > 12:
        return None
    return None if all(w.casefold() in names.NOT_NAME for w in title.split()) else title
