"""How a round-up prints a film's title: in quotation marks, in capitals, numbered, with
a certificate or a quotation after it.

The title grammar of :mod:`marquee.films.titles` reads titles as prose writes them; a
list of capsules sets each title apart in its own way ("ALADDIN. 2.5 stars. …",
'"Chuck": Liev Schreiber stars…', "Capote -- is a bleakly funny…"), and these helpers
read those titles back as a film's name ('"FROZEN 2"' is "Frozen 2").
"""

from __future__ import annotations

import regex as re

from marquee.films.titles import TITLE
from marquee.roundups.lines import CERTIFICATE, MARK, PROSE_WORDS, QUOTES

_MAX_TITLE_WORDS = 10
_MAX_LOOSE_WORDS = 7
_FACTS_CHARS = 80
"""A quoted title's facts (studio, runtime) come within the first characters after it."""
_LOOSE = re.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’&,\- ]{0,60}[\p{L}\p{N}]|[\p{L}\p{N}]")

_ASPECTS = frozenset(
    {
        *("story", "plot", "acting", "performances", "cast", "direction", "directing"),
        *("script", "screenplay", "writing", "music", "score", "soundtrack", "visuals"),
        *("cinematography", "effects", "pacing", "ending", "characters", "verdict"),
        *("overall", "conclusion", "summary", "good", "bad", "ugly"),
    }
)
"""Sub-headings of one review that rate a part of its film: "Story", "The Acting"."""

_QUOTED_CAPSULE = re.compile(rf"^['‘\"“](?P<title>{TITLE})['’\"”]\s*[:–—-]\s+(?P<rest>\S.*)$")
_COMMA_QUOTED_CAPSULE = re.compile(
    r"^['‘\"“](?P<title>[^'‘’\"“”]{1,60}?),['’\"”]\s+(?P<rest>\S.*)$"
)
"""A capsule opening with its title quoted as a sentence's subject, the comma inside the
quotation marks as American papers print it: '"The Last Winter," IFC, 121 minutes, …'."""
_RUNTIME = re.compile(r"\b\d{2,3}\s*(?:minutes|mins?)\b", re.IGNORECASE)
_SHOUTED_CAPSULE = re.compile(
    r"^(?P<title>[\p{Lu}\p{N}][\p{Lu}\p{N}'’:,&!.\- ]{1,60}?)\s*(?:--|—|–|\s-\s|\.\s)\s*"
    r"(?P<rest>\S.*)$"
)
_DASHED_CAPSULE = re.compile(rf"^(?P<title>{TITLE}),?\s+--\s+(?P<rest>\S.*)$")
_CERTIFIED_CAPSULE = re.compile(
    rf"^(?P<title>{TITLE})\s*\(\s*{CERTIFICATE}\s*\)\s+(?P<rest>\p{{Lu}}.*)$"
)
_QUOTING_CAPSULE = re.compile(
    rf"^(?P<title>{TITLE})(?:\s*\([^()]{{1,12}}\))?:\s+(?P<rest>[\"“].*)$"
)
"""A capsule that sets its title apart: '"Chuck": Liev Schreiber stars as…', 'BLACK
PANTHER--Ryan Coogler…', 'ALADDIN. 2.5 stars. Will Smith…', 'Capote -- is a bleakly…',
'Borrego (R) This thriller stars…', 'Moonlight (SR): "Floridly shot…"'."""
_OPENING_QUOTES = "'‘\"“"
"""What a quoted capsule (``_QUOTED_CAPSULE``, ``_COMMA_QUOTED_CAPSULE``) opens with."""
_SET_APART = (
    ("--", _DASHED_CAPSULE),
    ("(", _CERTIFIED_CAPSULE),
    (":", _QUOTING_CAPSULE),
)
"""Each form with a mark its every match holds: a line without the mark is not tried (most
lines have no "--" or bracket, and the title grammar tried at each start costs more)."""
_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_ORDINAL = (
    r"\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty"
)
NUMBERED = re.compile(
    r"^\s*(?:\d{1,3}(?:\s*\((?i:tie|tied)\))?[.)]|\(\d{1,3}\)|#\d{1,3}[.)]?"
    r"|(?i:day|no\.?)\s*#?\d{1,3}:?|(?i:best|worst):"
    rf"|(?i:number\s+(?:{_ORDINAL})|(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?)\s*[:.)]"
    r"|(?:\d{1,2}/\d{1,2}/(?:\d\d){1,2}|(?:19|20)\d\d-\d\d-\d\d)\s*[:.)\-–—])\s+"
)
"""A list's numbering before a title: "1) Skeleton Key", "(18) The Way Back", "#35. Nestor
the Long-Eared Donkey", "10. Baby Driver", "28(tie). APOLLO 11", "Day #15 …", a
best-and-worst list's "WORST: Title (2016)", a countdown's "Number Ten:", a month's log
"October 1: Jigsaw (2017)." or a diary's "01/03/24: Inside Man ★★★★☆" (the day's date
numbers the entry; it is no part of the title; a whole date only, since "9/11:" and
"10/10 –" open titles and scores)."""
_HONORIFICS = "Mr|Mrs|Ms|Dr|St|Jr"
_HONORIFIC = re.compile(rf"(?i:{_HONORIFICS})")
"""An honorific's abbreviation, a word and no acronym in capitals: "DR. STRANGELOVE"."""
_JOINED = re.compile(
    r"(?<=\p{N})[/.:](?=\p{N})|(?<=\w)(?:[!?]|…|\.\.\.)(?=[:\s]|$)"
    rf"|(?<=\b(?:{_HONORIFICS}))\.(?=\s)"
)
"""What a title may carry that the title grammar has no room for: "9/11!", "Airplane!",
"26.2 to Life", "The 15:17 to Paris", "Tick, Tick… Boom!", an honorific's full stop
("Mr. Roosevelt"). Not an initialism's: "Germany, 1996 U.S. Release Date" opens a
review's facts."""
_WORD = re.compile(r"[\p{L}'’]+")
_SMALL = frozenset(("a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to"))
_TOKEN = re.compile(r"[\p{L}\p{N}'’]+")
_AS_WRITTEN = re.compile(
    r"(?P<acronym>[^AEIOUYÀ-ÖØ-Ýa-z\p{N}'’]{2,5})|[\p{L}'’]*\p{N}[\p{L}\p{N}'’]*"
    r"|(?P<numeral>(?=[MDCLXVI]{2})M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3}))"
)
"""Capitals a shouted title keeps: an acronym without vowels ("RBG", "RRR", "JFK"), a
word with a digit ("M3GAN"), a sequel's numeral at the end or before a colon ("ROCKY
II", "STAR WARS: EPISODE IV")."""


def set_apart(text: str) -> tuple[str, str, bool] | None:
    """(title, the capsule after it, whether a certificate came with it) for a capsule
    whose title is set apart and which has a mark or a paragraph of its own."""
    quoted = text[:1] in _OPENING_QUOTES  # (most lines open otherwise: two forms not tried)
    found = (_QUOTED_CAPSULE.match(text) if quoted else None) or next(
        (matched for mark, form in _SET_APART if mark in text and (matched := form.match(text))),
        None,
    )
    shouted = _SHOUTED_CAPSULE.match(text)
    if found is None and shouted is not None and is_shouted(shouted["title"]):
        found = shouted
    found = found or (_COMMA_QUOTED_CAPSULE.match(text) if quoted else None)
    if found is None:
        return None
    title = display_title(found["title"])
    rest = found["rest"]
    timed = found.re is _COMMA_QUOTED_CAPSULE and _RUNTIME.search(rest[:_FACTS_CHARS])
    if not (is_title(title) or (timed and is_loose_title(title))):
        return None  # "21," is a title where its runtime follows: '"21," Sony, 123 minutes'
    if not (MARK.search(rest) or len(rest.split()) >= PROSE_WORDS):
        return None
    return title, rest, found.re is _CERTIFIED_CAPSULE


def is_shouted(text: str) -> bool:
    """In capitals, short joining words aside ("FORD v FERRARI")."""
    words = [w for w in _WORD.findall(text) if len(w) > 2]
    return bool(words) and all(w.upper() == w for w in words)


def display_title(title: str) -> str:
    """A title as a film's name: quotation marks off, capitals as a title has them
    ('"FROZEN 2"' is "Frozen 2")."""
    title = title.strip(" -–—|:,").strip(QUOTES)
    if is_shouted(title):
        return _TOKEN.sub(_recased, title)
    return title


_TITLE = re.compile(TITLE)
_DASH_AFTER_COLON = re.compile(r"(?<=:.*)\s+[-—–]\s+")
"""Compiled once: ``re.sub(pattern, …)`` looks its pattern up in ``regex``'s cache on every
call, which cost more than the match on a short line."""


def is_title(text: str) -> bool:
    """A film's title, once set apart or shouted: "Reno 9/11!: Miami", "To Each, Her Own";
    a web page's curly apostrophe is a typewriter's ("Gerald’s Game", "Dr. Seuss’ The
    Lorax"), which is all the title grammar reads."""
    title = display_title(text).replace(", ", " ").replace(" v ", " vs ").replace("’", "'")
    title = _JOINED.sub("", title)
    title = _DASH_AFTER_COLON.sub(": ", title)  # "Star Wars: Episode I — The Phantom…"
    return len(title.split()) <= _MAX_TITLE_WORDS and _TITLE.fullmatch(title) is not None


def is_loose_title(text: str) -> bool:
    """A short name as a list may print it, capitals or not ("Those Who wish me dead",
    "the young teacher"): no sentence's punctuation, a few words. Taken only where the
    film's facts or mark vouch for it, since a phrase looks the same."""
    return len(text.split()) <= _MAX_LOOSE_WORDS and bool(_LOOSE.fullmatch(text))


def is_aspect(title: str) -> bool:
    """ "Story", "The Acting", "The Good": a part of one film a review rates, never a film
    of its own ("Being Good" is a film)."""
    words = title.lower().split()
    return len(words) <= 2 and all(w in _ASPECTS or w == "the" for w in words)


def _recased(word: re.Match[str]) -> str:
    """A shouted word as a title prints it: "FROZEN" is "Frozen", "RBG" stays "RBG"; a
    small word is lower case only inside a title, never first or last nor beside a colon
    ("ANT-MAN AND THE WASP", "ATHLETE A", "ALL IN: THE FIGHT FOR DEMOCRACY")."""
    text = word.group()
    if text.upper() != text:
        return text  # "FORD v FERRARI": a word not shouted is as written
    if len(text) == 1 and word.string[word.end() : word.end() + 1] == ".":
        return text  # an initial: "L.A. TIMES" is "L.A. Times"
    end = word.string[word.end() :].lstrip()
    honorific = end[:1] == "." and _HONORIFIC.fullmatch(text) is not None  # "DR. SEUSS’…"
    found = None if honorific else _AS_WRITTEN.fullmatch(text)
    numeral = found is not None and found["numeral"] is not None
    if numeral and (word.start() == 0 or end[:1] not in ("", ":", "-", "–", "—")):
        found = None  # "MIX" is a word; "ROCKY II" ends with a numeral
    before = word.string[: word.start()].rstrip()
    inside = before and before[-1] not in ":-–—" and end[:1] not in ("", ":", "-", "–", "—")
    if found is None and text.lower() in _SMALL and inside:
        return text.lower()  # "ANT-MAN AND THE WASP" is "Ant-Man and the Wasp"; "ATHLETE A"
    return text if found else text.capitalize()
