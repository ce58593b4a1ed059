"""Who wrote a review, as its own lines say: bylines, author labels and closing bios.

The documents stage uses this to label ``byline`` blocks and the metadata stage to read
the critic's name from them, so the grammar lives in one place.  Names are validated as
person names (2–4 capitalised words, particles such as "de" or "van" allowed) because a
site ("Staff", "Admin", "Film Desk") is not a critic.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from marquee.documents.fields import find_date
from marquee.documents.lines import squash
from marquee.wordlists import word_list

_PARTICLES = frozenset(word_list("marquee.documents", "byline-particles"))

NOT_NAME_WORDS = frozenset(word_list("marquee.documents", "byline-not-names"))
"""Words that show a "name" is really a role, a site or a section, never a person
("Critic", "Staff", "Editor"); the round-up credits read them too."""

_MIN_NAME_TOKENS, _MAX_NAME_TOKENS = 2, 4
_MAX_BYLINE_WORDS = 14
_AFTER_NAME = NOT_NAME_WORDS | {"and", "at", "for", "in", "on", "senior", "chief", "is"}
_EDGE_BLOCKS = 6  # "Written by X" only counts this close to the start or the end
_PROSE_WORDS = 25  # the review has begun once a line is this long
_CLOCK = re.compile(
    r"(?:(?:at|updated)\s+)?\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s+[A-Z]{2,4})?",
    re.IGNORECASE,
)
_JOB_TITLE = re.compile(
    r"^(?:(?:chief|senior|lead|deputy|associate|contributing|freelance|staff|film|movie|tv|"
    r"features?|reviews?|culture|arts|entertainment|international|us|uk)\s+)*"
    r"(?:critic|reviewer|editor|writer|correspondent|contributor|journalist)s?$",
    re.IGNORECASE,
)

_EMPHASIS = re.compile(r"[*_]{1,3}")
_INITIALS = re.compile(r"(?:[A-Z]\.)+|(?:Jr|Sr|St)\.")
_HANDLE = re.compile(r"\s*(\([^)]*\)|@\w+)\s*$")
_LABELLED = re.compile(
    r"^(?:(?:an? )?(?:film |movie )?review(?:ed)? (?:courtesy of|by)|words by|story by|text by|"
    r"(?:author|critic|reviewer|reviewed by|review by|words|byline)\s*[:：]|"
    r"posted (?:on .{1,40}? )?by|by|"
    r"(?:copyright|©)\s*(?:\d{4}(?:\s*[-–]\s*\d{2,4})?,?\s*)?(?:by|all rights reserved)?)"
    r"\s*:?\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
# "… Running Time: 101 minutes. Reviewed by Scott Renshaw." closing a credits paragraph,
# "MATILDA A film review by Steve Rhodes Copyright 1996 Steve Rhodes" as a header line:
# the phrase must end at the name, so "reviewed by Roger Ebert in 1990" is not one.
_REVIEWED_BY_SENTENCE = re.compile(
    r"\breview(?:ed)? by\s+(?P<rest>[^.!?]+?)\s*(?:[.!?]|\bcopyright\b|$)", re.IGNORECASE
)
_WRITTEN_BY = re.compile(r"^written by\s*:?\s+(?P<rest>.+)$", re.IGNORECASE)
_CREDITS_LINE = re.compile(
    r"^(?:directed by|director|starring|cast|produced by|screenplay|music by|"
    r"cinematography|runtime|running time|release date|rated)\b",
    re.IGNORECASE,
)
_BIO = re.compile(
    r"^(?:about the author\s*:?\s*)?(?P<name>[^,]{3,60}?)\s+"
    r"(?:is (?:a|an|the|our)\b(?P<role>.{0,140})|"
    r"(?:writes|has written|reviews|has been reviewing|covers)\b(?P<beat>.{0,140}))",
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"\b(?:critic|reviewer|journalist|blogger|columnist|contributor|cinephile|podcaster|"
    r"film writer|freelance writer|writer(?!-)|editor)\b",
    re.IGNORECASE,
)
_FILM_BEAT = re.compile(r"\b(?:films?|movies?|cinema)\b", re.IGNORECASE)
_DATELINE = re.compile(
    r"^(?:(?:published|posted|updated|last updated|first published)(?: on)?|"
    r"(?:reviewed|review written|reviewed written|written) on)\s*:?\s+\S",
    re.IGNORECASE,
)


_PLACEHOLDERS = frozenset({"unknown", "n/a", "na", "none", "null", "nan", "-", "—", "?"})
_PAIR = re.compile(r"\s+(?:and|&)\s+")


def written_name(text: str) -> str | None:
    """A structured critic field (a table's critic column, an author field) as the source
    wrote it: "Variety Staff", "bell hooks", "Paul Clinton (CNN.com)" are what the source
    credits, so they are kept, not dropped for failing to look like one person's name.
    None when the field is empty or a placeholder ("Unknown", "N/A")."""
    name = squash(text).strip(" ,;")
    return name if name and name.casefold() not in _PLACEHOLDERS else None


def site_signature(text: str) -> str | None:
    """An author field that names no person, kept as written for a page where no person
    signs either ("Screen Daily" by Screen Daily, "Variety Staff"): what the source
    credits beats "no critic". None for a CMS account or a placeholder, whose every word
    only says it is no person ("Staff", "Admin", "The Film Desk")."""
    name = written_name(text)
    if name is None or all(w in NOT_NAME_WORDS for w in re.findall(r"\w+", name.casefold())):
        return None
    return name


def credited_name(text: str) -> str | None:
    """The person a structured author field names, a name written in lower case ("bell
    hooks"), or the two of "Manohla Dargis and A.O. Scott" together (a co-written review
    credits both; the first alone would misname it); None when it starts with no name."""
    squashed = squash(text).strip()
    parts = _PAIR.split(squashed)
    if len(parts) == 2 and all(credited_name(part) == part for part in parts):
        return squashed
    words = squashed.split()
    if (
        squashed.islower()
        and _MIN_NAME_TOKENS <= len(words) <= _MAX_NAME_TOKENS
        and all(w.isalpha() and w not in NOT_NAME_WORDS | _AFTER_NAME for w in words)
    ):
        return squashed  # "bell hooks": a name its bearer writes in lower case
    return person_name(text)


def person_name(text: str) -> str | None:
    """The person name a line starts with, or None when it does not start with one.

    Reads capitalised words from the start and stops at the first word that is not
    part of a name, so "Chia Jing Heng (andreusjh99)", "Margaret Ellison · Published
    8 September 2023" and "Tomasz Wierzbicki in Reviews" all give the name alone.
    """
    return _leading_name(text)[0]


def _leading_name(text: str) -> tuple[str | None, list[str]]:
    """Split a line into the name it starts with (None if not a person) and the rest."""
    tokens = _HANDLE.sub("", squash(_EMPHASIS.sub("", text))).split()
    taken: list[str] = []
    for token in tokens:
        bare = token.strip("'’\"“”,;:")
        sentence_end = bare.endswith(".") and not _INITIALS.fullmatch(bare)
        bare = bare.rstrip(".") if sentence_end else bare
        if bare.lower() in _PARTICLES and taken:
            taken.append(bare.lower())
        elif taken and bare.lower() in _AFTER_NAME:  # "JOHN HALLORAN FOR THE EVENING POST"
            break
        elif bare and bare.lower() not in NOT_NAME_WORDS and _is_name_word(bare):
            shouted = bare.isupper() and "." not in bare and len(bare) > 2
            taken.append(bare.title() if shouted else bare)
        else:
            break
        if sentence_end or token.endswith((",", ";", ":")):
            break
    rest = tokens[len(taken) :]
    while taken and taken[-1] in _PARTICLES:
        rest.insert(0, taken.pop())
    capitalised = [t for t in taken if t not in _PARTICLES]
    if not _MIN_NAME_TOKENS <= len(capitalised) <= _MAX_NAME_TOKENS:
        return None, tokens
    return " ".join(taken), rest


def _is_name_word(token: str) -> bool:
    """Whether a token may be part of a name: "O'Brien", "Jean-Luc", "A.O." but not "is"."""
    core = token.rstrip(".")
    if not core or not core[0].isupper() or core.endswith(("'s", "’s")):
        return False
    return all(c.isalpha() or c in "'’-." for c in core)


def byline_name(line: str) -> str | None:
    """The critic named by a byline line: "Review Courtesy of X", "By X", "**Author**: X"."""
    return _labelled_name(_plain(squash(line)))


def _plain(text: str) -> str:
    """A squashed line without its emphasis marks ("**By** X" -> "By X"): squashed again
    only where a mark went, which most lines have none of (a mark is never white space,
    so the marks a squashed line holds are the line's own, each run where it was)."""
    return squash(_EMPHASIS.sub("", text)) if "*" in text or "_" in text else text


def _labelled_name(text: str) -> str | None:
    """:func:`byline_name` of a line already squashed and without emphasis (``_plain``)."""
    if len(text.split()) > _MAX_BYLINE_WORDS:
        return None
    match = _LABELLED.match(text)
    if match is None:
        return None
    name, rest = _leading_name(match["rest"])
    return name if not rest or _ends_name(rest[0]) else None


def _ends_name(word: str) -> bool:
    """What may follow a byline's name: punctuation, a date, a role, "on …", "in …".

    This keeps "By Christopher Nolan standards, …" (a sentence) from passing as a byline.
    """
    return not word[0].isalpha() or word.lower() in _AFTER_NAME


def bio_name(line: str) -> str | None:
    """The critic a closing bio describes: "Kat Hughes is a UK born film critic and …".

    Someone merely described in a review ("Greta Gerwig is a writer-director who …")
    is excluded by requiring a critic's job word or a film beat, and the caller only
    looks near the end of the document.
    """
    return _bio_name(_plain(squash(line)))


def _bio_name(text: str) -> str | None:
    """:func:`bio_name` of a line already squashed and without emphasis (``_plain``)."""
    match = _BIO.match(text)
    if match is None:
        return None
    name = person_name(match["name"])
    if name is None or name != squash(match["name"]):
        return None
    role, beat = match["role"], match["beat"]
    if role is not None and _ROLE.search(" ".join(role.split()[:12])):
        return name
    if beat is not None and _FILM_BEAT.search(beat):
        return name
    return None


def is_dateline(line: str) -> bool:
    """A "Published 8 September 2023" / "Posted on March 2, 2024" line."""
    return _is_dateline(squash(line))


def _is_dateline(text: str) -> bool:
    """:func:`is_dateline` of a line already squashed."""
    return bool(_DATELINE.match(text)) and len(text.split()) <= _MAX_BYLINE_WORDS


@dataclass(frozen=True, slots=True)
class Byline:
    """One byline line: the name it gives (None for a bare dateline) and how it says so.

    ``how`` ranks the evidence: an explicit label ("By X", "Review Courtesy of X"),
    a closing "Reviewed by X." sentence inside a longer paragraph (which stays prose:
    it usually closes a credits block), a closing bio, a standalone repeat of a name
    already given (an author box or review box), and, with no name, the critic's job
    title beside a byline ("Chief Film Critic") or a dateline.
    """

    name: str | None
    how: Literal["label", "sentence", "bio", "repeat", "role", "dateline"]


def find_bylines(lines: Sequence[str]) -> dict[int, Byline]:
    """Every byline among ``lines``, by index.

    Explicit labels count anywhere; "Written by X" only as a short line near the start
    or end and never inside a film's credits box; bios only in the last third of the
    document; a bare date only above the first paragraph of prose.  Then any standalone
    line repeating a name already found, and a job title next to a byline.

    Every line that :func:`is_dateline` is has an entry (a dateline, or a stronger byline
    found first), so a caller asking which lines are datelines need ask only of these.
    """
    return dict(_bylines(tuple(lines)))


BYLINES_KEPT = 2048
"""Documents whose bylines are remembered: each is asked twice, when its blocks are labelled
and when its metadata is read, and a table's rows are all read before any is parsed, a
chunk at a time: 256 rows in ``marquee add``, 1,000 in ``marquee batch`` (with 512 kept,
a batch asked again for none it had kept: 0 hits in 4,000 asks on 2,000 RT quotes)."""


@functools.lru_cache(maxsize=BYLINES_KEPT)
def _bylines(lines: tuple[str, ...]) -> dict[int, Byline]:
    """Remembered for the last :data:`BYLINES_KEPT` documents (callers get a copy). Each
    line is squashed once, and every test below reads it so (they all read a line
    squashed)."""
    found: dict[int, Byline] = {}
    squashed = tuple(map(squash, lines))
    prose_starts = next((i for i, line in enumerate(squashed) if _is_prose(line)), len(lines))
    for index in range(len(lines)):
        byline = _byline_at(squashed, index)
        if byline is None and index < prose_starts and _is_bare_date(squashed[index]):
            byline = Byline(None, "dateline")
        if byline is not None:
            found[index] = byline
    names = {b.name for b in found.values() if b.name and b.how in {"label", "bio"}}
    for index, line in enumerate(squashed):
        if index not in found and line in names:
            found[index] = Byline(line, "repeat")
    for index, line in enumerate(squashed):
        beside = {index - 1, index + 1} & found.keys()
        if index not in found and beside and _JOB_TITLE.match(line):
            found[index] = Byline(None, "role")
    return found


def _is_prose(line: str) -> bool:
    return len(line.split()) >= _PROSE_WORDS


def _is_bare_date(text: str) -> bool:
    """A squashed line that is only a date, perhaps with a time: "Oct 12, 2023 8:00am PT"."""
    found = find_date(text)
    if found is None:
        return False
    rest = (text[: found.start()] + text[found.end() :]).strip(" ,|·•-–—")
    return not rest or bool(_CLOCK.fullmatch(rest))


def _byline_at(lines: Sequence[str], index: int) -> Byline | None:
    """The byline the squashed line at ``index`` is, if any (``lines``: all of them, squashed)."""
    line = lines[index]
    plain = _plain(line)
    name = _labelled_name(plain)
    if name is not None:
        return Byline(name, "label")
    if _near_edge(index, len(lines) - 1) and not _in_credits(lines, index):
        written = _WRITTEN_BY.match(line)
        name = byline_name(f"by {written['rest']}") if written else None
        if name is not None:
            return Byline(name, "label")
        closing = _REVIEWED_BY_SENTENCE.search(line)
        name = person_name(closing["rest"]) if closing else None
        if name is not None and closing is not None and name == closing["rest"]:
            return Byline(name, "sentence")
    name = _bio_name(plain) if index >= 2 * len(lines) // 3 else None
    if name is not None:
        return Byline(name, "bio")
    return Byline(None, "dateline") if _is_dateline(line) else None


def _near_edge(index: int, last: int) -> bool:
    return index < _EDGE_BLOCKS or last - index < _EDGE_BLOCKS


def _in_credits(lines: Sequence[str], index: int) -> bool:
    """A "Written by" next to "Directed by"/"Starring" is the film's writer, not the critic
    (``lines`` squashed)."""
    neighbours = [*lines[max(0, index - 2) : index], *lines[index + 1 : index + 3]]
    return any(_CREDITS_LINE.match(n) for n in neighbours)
