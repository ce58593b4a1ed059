"""What a critic's name looks like on a round-up page, for both readers of its credits:
the column's (:mod:`marquee.roundups.column_credits`) and each capsule's
(:mod:`marquee.roundups.credits`). A name is two or three capitalised words, none of them
a function word, a page's furniture ("Comments", "Share"), the last word of an outlet's or
a venue's name, or a word saying whom a capsule quotes ("Director", "Reader")."""

from __future__ import annotations

import regex as re

from marquee.documents.bylines import person_name
from marquee.wordlists import word_list

LEGEND_LINES = 6
"""A legend of the column's initials comes among its first lines."""
NAME = r"\p{Lu}[\p{L}'’.-]+(?:\s\p{Lu}(?=\s))?(?:\s\p{Lu}[\p{L}'’.-]+){1,2}"
CRITIC_NAMED = re.compile(
    rf"(?<!\b(?i:as|like|fellow|late)\s+(?:(?i:film|movie)\s+)?)\b(?:critic|reviewer)\s+(?P<who>{NAME})|(?P<writer>{NAME}),?\s+(?:has\s+)?reviewed\b"
    rf"|^(?P<reporter>{NAME})\s+(?:updates|tells|brings)\s+us\b"
    rf"|^(?P<ours>{NAME}),\s+our\s+(?:[\w-]+\s+)?(?:critic|reviewer)\b"
)
"""A column's introduction naming its critic: "award-winning critic Milan Paurich takes…",
"Our man on the ground, Adam Cook, has reviewed the short films…", "Aoife Wood updates
us on her quest to watch a film every day" (its writer, to the reader), "A.O. Scott, our
critic at large, is keeping a diary…"; a critic cited ("As critic Pauline Kael wrote…",
"like fellow critic Ann Marsh") is not the column's."""
ROLE = (
    r"(?i:(?:(?:chief|senior|staff|film|movie|contributing|associate|arts (?:and|&) "
    r"entertainment)\s+)*(?:critic|writer|editor|reviewer|contributor|correspondent))"
)
FUNCTION_WORDS = frozenset(word_list("marquee.documents", "stopwords-english"))
CHROME_WORDS = frozenset(w for w in word_list("marquee.documents", "chrome-lines") if " " not in w)
"""A page's furniture of one word ("Comments", "Share"): a menu's, never a person's name."""
NOT_IN_NAMES = FUNCTION_WORDS | CHROME_WORDS
QUOTED_PEOPLE = frozenset(word_list("marquee.roundups", "quoted-people"))
"""Words saying who a round-up quotes that is not its critic: the film's makers and its
audience ("Director Raoul Peck says: …", "Reader Ann Marsh writes: …")."""
OUTLET_ENDINGS = frozenset(word_list("marquee.roundups", "outlet-endings"))
NOT_LAST_IN_NAMES = OUTLET_ENDINGS | frozenset(word_list("marquee.roundups", "venue-endings"))
"""Words that end an outlet's or a venue's name ("Los Angeles Times", "Music Box
Theatre"): a capsule signed with one says where it ran or plays, not who wrote it."""
WEEKDAY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.IGNORECASE)
SHOUTED_WORD = re.compile(r"\b\p{Lu}{3,}\b")
"""A word in capitals among words that are not: a brand's or a show's ("TCM TiVo ALERT"),
never a person's name written in mixed case."""


def whole_name(text: str) -> str | None:
    """``text`` when all of it is a person's name, as written ("Sierra Van Houten") unless
    shouted ("MIKE DAVIES" is "Mike Davies"); a function word is in no one's name, so "Sort
    By" is a menu and "Lavanya This" a name and the sentence after it (a letter alone is an
    initial: "Stephen A Russell"), nor is a page's furniture ("View Comments") or a day of
    the week ("Opening Friday" heads a week's new films), nor someone a column quotes
    ("Director Raoul Peck", "Reader Ann Marsh"), nor an outlet's or a venue's name
    ("— Los Angeles Times", "(Music Box Theatre)"); a line shouting one word of a few is
    not ("TCM TiVo ALERT")."""
    name, text = person_name(text), text.strip()
    if name is None or name.casefold() != text.casefold():
        return None
    words = text.casefold().split()
    if any(not name_word(word) for word in words) or words[-1].split("-")[-1] in NOT_LAST_IN_NAMES:
        return None
    if text.isupper():
        return name
    return None if SHOUTED_WORD.search(text) else text


def name_word(word: str) -> bool:
    """Whether a word (case folded) may be part of a person's name (see ``whole_name``)."""
    if len(word) == 1:
        return True  # an initial
    if word in NOT_IN_NAMES or word in QUOTED_PEOPLE:
        return False
    return not WEEKDAY.fullmatch(word)
