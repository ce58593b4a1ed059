"""Which film a review names: its title, other names for it, and its year.

The title comes from what the document states (a ``film`` field, the review's headline),
then from "Title (2025)" in the text, and only as a last resort from the most-mentioned
capitalised name. Other films appear in every review ("2003's Underworld", "Rogue One
(2016)", "Also check out: …"), so a year counts only when it sits next to this film's
own name, and a text candidate must be the one the review keeps coming back to.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import regex as re

from marquee.films import names
from marquee.films.text import SENTENCE_END, clean, mentions

log = logging.getLogger(__name__)

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


_DESCRIBED = r"(?:(?!(?:the|a|an|of|is|was|and|but)\s)[\p{Ll}'\-]+\s){0,3}"
"""Up to three adjectives: "the much-anticipated spin-off", "a slick revenge film"."""
_NOUN_ENDS = (
    r"(?=\s?[,.;:)!?—–]|\s(?:that|which|from|by|about|starring|featuring|directed|written"
    r"|based|set|in|of|with|where|for)\b)"
)
"""A film noun that ends its phrase, so "the film has …" and "film director" don't count."""

TITLE_YEAR = re.compile(rf"(?P<t>{TITLE})\s\((?P<y>{YEAR})\)")
SEQUEL_WORDS = frozenset({"chapter", "part", "episode", "vol", "volume", "book", "act", "round"})
_ROMAN = re.compile(r"[IVX]+")
_AKA = re.compile(
    rf"(?:(?P<b>{TITLE})(?:\s\({YEAR}\))?,?\s\(?)?"
    rf"(?i:otherwise known|also known|a\.k\.a\.|aka|marketed|released)"
    rf"(?:\s[\p{{Ll}}\-]+){{0,12}}\s(?P<a>{TITLE})"
)
"""Two names for one film: "Ballerina, otherwise known … as From the World of John Wick:
Ballerina", "Pinocchio (2022), also known as Guillermo del Toro's Pinocchio"."""
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
        rf"^(?P<t>{TITLE})\s(?:is|was|remains)\s(?:not\s)?(?:a|an|the)\s{_DESCRIBED}{FILM_WORDS}\b"
    ),
    # Aftersun: Charlotte Wells' debut is a devastating memory piece
    re.compile(rf"^(?P<t>{TITLE}):\s(?=(?:\S+\s){{2,}}\S+)(?=.*\s(?:is|are|was|makes|gives)\s)"),
)


@dataclass(frozen=True, slots=True)
class TitleFacts:
    """A film's name as one review gives it."""

    title: str | None = None
    aliases: tuple[str, ...] = ()
    year: int | None = None


def parse_year(value: object) -> int | None:
    """A plausible film year from a field value ("2025", 2025, "2025-06-06")."""
    found = re.search(rf"\b{YEAR}\b", str(value or ""))
    return int(found.group()) if found else None


def split_year(text: str) -> tuple[str, int | None]:
    """Title and year of "Ballerina (2025)"; text without a year comes back as is."""
    found = re.fullmatch(rf"(?P<t>.+?)\s*\((?P<y>{YEAR})\)", text.strip())
    if found:
        return found["t"].strip(), int(found["y"])
    return text.strip(), None


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
        while len(rest) > 1 and re.fullmatch(SMALL, rest[0]) and rest[0].islower():
            rest = rest[1:]
        shorter = " ".join(rest)
        if mentions(shorter, text) <= mentions(current, text):
            return current
        current = shorter


def without_maker(title: str, makers: Sequence[str]) -> str:
    """ "David Lynch's Dune" → "Dune" when David Lynch made it by this review's credits;
    "Bridget Jones's Diary" keeps its name, since nobody credited is Bridget Jones."""
    found = re.fullmatch(rf"(?P<maker>{names.NAME})'s (?P<rest>{TITLE})", title)
    if found and names.matches(found["maker"], makers, prefix=False):
        return found["rest"]
    return title


def refers_to(span: str, film_names: Iterable[str]) -> bool:
    """Whether ``span`` names this film: one of its names, or "…: <name>"."""
    keys = {names.name_key(n) for n in film_names if n}
    if names.name_key(span) in keys:
        return True
    return ": " in span and names.name_key(span.rsplit(": ", 1)[1]) in keys


def stated_title(
    fields: Mapping[str, str], headline: str | None, lines: Sequence[str], text: str
) -> TitleFacts:
    """Title, aliases and year from what the review states outright (no guessing)."""
    title, year = split_year(fields.get("film", "")) if fields.get("film") else (None, None)
    year = parse_year(fields.get("year")) or year
    if not title and headline:
        title, headline_year = from_headline(headline)
        title = title or bare_title(headline, text)
        year = year or headline_year
    header_aliases: list[str] = []
    if not title:
        title, header_aliases, header_year = from_opening_lines(lines)
        year = year or header_year
    if not title:
        title, text_year = title_in_text(lines, text)
        year = year or text_year
    if not title:
        return TitleFacts(year=year)
    main = main_title(title, text)
    aliases = [title] if main != title else []
    aliases += header_aliases
    aliases += aliases_in_text(main, lines, text)
    aliases_kept = _distinct(aliases, exclude=main)
    return TitleFacts(main, aliases_kept, year or year_in_text(main, aliases_kept, lines, text))


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


def as_written(title: str) -> str:
    """A title as prose writes it: older reviews and headers shout titles in capitals
    ("THE WHOLE WIDE WORLD"); shown in title case, which is how every other review of the
    film writes it. A title with any lower-case letter is left as its critic wrote it."""
    return _from_capitals(title) if not re.search(r"\p{Ll}", title) else title


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
        if 0 < index < len(words) - 1 and re.fullmatch(SMALL, lower):
            return lower
        return "-".join(part[:1].upper() + part[1:] for part in lower.split("-"))

    return " ".join(cased(i, w) for i, w in enumerate(words))


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
    # line holding the title itself can match it
    prefixed = (
        re.compile(rf"(?P<p>{TITLE}):\s{re.escape(title)}(?![\p{{L}}\p{{N}}])")
        if any(title in line for line in lines)
        else None
    )
    found: list[str] = []
    for line in lines:
        if prefixed is not None:
            found += [trim_title(f"{m['p']}: {title}", text) for m in prefixed.finditer(line)]
        for m in _AKA.finditer(line):
            forms = [trim_title(f, text) for f in (m["b"], m["a"]) if f]
            if any(refers_to(f, [title]) for f in forms):
                found += forms
    return found


def year_in_text(title: str, aliases: Sequence[str], lines: Sequence[str], text: str) -> int | None:
    """The year the text gives this film: "Title (2025)", "2025's Title", "this 2025
    film", "Title, the 2025 film"; never the year of another film named nearby ("the 2023
    action film Ghosted", "a film shot in 1905")."""
    film_names = [title, *aliases]
    years: list[int] = []
    for line in lines:
        years += [
            int(m["y"])
            for m in TITLE_YEAR.finditer(line)
            if refers_to(trim_title(m["t"], text), film_names)
        ]
        years += [
            int(m["y"])
            for m in re.finditer(rf"\b(?P<y>{YEAR})'s (?P<t>{TITLE})", line)
            if refers_to(m["t"], film_names)
        ]
        for m in _NNNN_FILM.finditer(line):
            named = m["after"] or m["before"]
            if m["this"] or (named and refers_to(named, film_names)):
                years.append(int(m["y"]))
    return Counter(years).most_common(1)[0][0] if years else None


_NNNN_FILM = re.compile(
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


def _called_a_film(form: str, text: str) -> bool:
    """Whether the text calls ``form`` a film: "X is a … film", "X, the … spin-off
    starring …", "the movie X"."""
    name = re.escape(form)
    film = rf"{FILM_WORDS}{_NOUN_ENDS}"
    return bool(
        re.search(
            rf"{name}\s(?:is|was|remains)\s(?:not\s)?(?:a|an|this)\s{_DESCRIBED}{film}"
            rf"|{name},\s(?:a|an|the)\s{_DESCRIBED}{film}"
            rf"|\b(?:the|this|new|latest)\s{FILM_WORDS}\s(?:called\s|titled\s)?{name}(?![\p{{L}}])",
            text,
        )
    )


def _could_be_title(form: str, people: Sequence[str]) -> bool:
    words = form.split()
    if all(w.casefold() in names.NOT_NAME or re.fullmatch(FILM_WORDS, w.casefold()) for w in words):
        return False
    return not names.matches(form, people, prefix=True)


def _distinct(forms: Iterable[str], *, exclude: str) -> tuple[str, ...]:
    """First form of each spelling family, leaving out the title's own family."""
    kept: dict[str, str] = {}
    for form in forms:
        kept.setdefault(names.name_key(form), form)
    kept.pop(names.name_key(exclude), None)
    return tuple(kept.values())


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
    base = re.sub(r"[^a-z0-9]+", "-", names.fold(title.replace("&", " and "))).strip("-")
    base = base or "untitled"
    return f"{base}-{year}" if year else base
