"""The leads of a round-up page that prose, not a heading, gives: what a film's capsule
opens with, and how it is set apart.

:mod:`marquee.roundups.segment` finds a page's films by their leads (a heading above a
review, or a capsule's opening): most are headings, but some pages give a film's title
only in its prose, as the subject its first sentence is about ("Minions is a harmless…")
or as the words a headline and its standfirst share ("Pavarotti, the Babe Ruth of opera,
gets…" above "Movie Review: Pavarotti Director Ron Howard gives…").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import regex as re

from marquee.films.names import name_key
from marquee.films.text import clean
from marquee.records import Block
from marquee.roundups.headings import COLLECTION
from marquee.roundups.lines import QUOTES, is_prose
from marquee.roundups.titles import display_title, is_aspect, is_loose_title, is_title

_SUBJECT = re.compile(r"^(?P<title>[\p{Lu}\p{N}][^.!?]{0,60}?)\s+(?:is|was|has)\s+\p{Ll}")
_ANY_SUBJECT = re.compile(
    r"^(?P<title>[\p{Lu}\p{N}][^.!?]{0,60}?)\s+(?:\p{Ll}+ly\s+)?(?:is|was|has|had|\p{Ll}{2,}s)"
    r"\s+\p{Ll}"
)
"""A first sentence's subject before any verb of the present, or "had": "The Berlin File
represents a stylistic evolution…", "Blind certainly had the potential…"."""
NOT_SUBJECT = frozenset({"The Film", "The Movie", "This", "It", "This Film", "This Movie"})
"""A sentence's subject that is the film reviewed, never a title: "The film is…"."""
_MIN_SUBJECTS = 3
_TRAILING_SMALL = frozenset(("of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "by"))
_BULLETED = re.compile(r"^\s*[►•▪▸]\s*")
_SHOUTED = re.compile(
    r"(?<![\p{L}'’])(?:\p{Lu}[\p{Lu}\p{N}'’&!?.:-]*(?:\s+|$)){2,8}|\b\p{Lu}[\p{Lu}'’-]{4,}\b"
)
"""A run of words in capitals inside prose: "THE CABIN IN THE WOODS is one of the rare…"."""
_FILM_NOUN = re.compile(
    r"\b(?:the|this|today['’]s)\s+(?:film|movie|documentary)\b,?\s+(?P<title>\p{Lu}[^\s,.;:!?()]*"
    r"(?:\s+(?:\p{Lu}[^\s,.;:!?()]*|of|the|a|an|and|in|on|to|for|at|by)){0,8})"
)
"""A film named after the noun that says it is the one written about: "The story in
the film Moxie struck…", "Documentary Week rolls along with today's movie, Kevin, a 35
minute short" (not "Costa's previous movie, Horse Money", a film in passing)."""
_APPOSED = re.compile(r"^[^,.;!?]{3,50},\s+(?P<title>[^,.;!?]{1,60}?)\s+(?:is|was|has)\s+\p{Ll}")
"""A subject after the description it opens with: "A found-footage anthology, V/H/S is
an innovative horror…"."""
_SEEN_VERB = re.compile(r"(?i:saw|watched|watching|caught)\s")
_SEEN_CHARS = 80
_CAPITALISED = r"\p{Lu}[\p{L}\p{N}'’.:!?-]*"
_SEEN = re.compile(
    r"^(?:[^.!?]{0,30}?,\s+)?(?i:(?:I|we)\s+)?(?i:(?:just|recently|finally|so)\s+)*"
    r"(?i:saw|watched|finished watching|caught)\s+"
    rf"(?P<title>{_CAPITALISED}(?:\s+(?:(?:of|the|a|an|and|in|on|to|for|at|by|from)\s+)*"
    rf"{_CAPITALISED})*)(?=\s*(?:[,(;]|\s(?:and|which|was|is)\b|$))"
)
"""A diary's opening naming what was seen: "At 10 am, I saw Piranhas (La paranza…),",
"So just watched Violent Night and…" (the title in capitals, up to its apposition)."""
_FILMS_LISTED = re.compile(r"\b(?:films|movies)\s*:\s*(?P<films>[^.!?]{5,300})")
"""An opening listing the films the page goes on to review: "saw some great films: The
Big Sick, Dunkirk, Florida Project, I,Tonya, Disaster Artist and Three Billboards"."""
_LIST_SEP = re.compile(r",\s+(?:and\s+)?|\s+and\s+")
_TOKEN = re.compile(r"[\p{L}\p{N}'’]+")
_OPENING_TOKENS = 12
"""A paragraph names its film among its first words ("As a fan of Richard Linklater,
Florida Project is…")."""
_REVIEW_LABEL = re.compile(r"^(?:movie|film)\s+review\s*:\s*", re.IGNORECASE)


@dataclasses.dataclass(frozen=True, slots=True)
class Lead:
    """One film's heading (or the opening of its capsule) and what makes it look like one."""

    index: int
    title: str
    form: str  # how it is set apart: "numbered", "quoted", "label:Mini Review", "plain", …
    marked: bool  # a mark or the film's facts beside the title
    rated: bool  # a mark (stars, a grade), which makes a one-line capsule a review
    rest: str | None = None  # the capsule's own text when it shares the title's line


def subject_leads(blocks: Sequence[Block]) -> list[Lead]:
    """Capsules that each open with their film as the subject of the first sentence
    ("Minions is a harmless but still average film…", "The Car is a cheese-ball…"), when
    every paragraph of the page does, each naming a film of its own: a review's paragraphs
    open with its cast and "the film", never each with a different title. The capsule may
    quote a review ('“Azooma is a potent revenge thriller…'); under an opening saying the
    page collects reviews ("Here you will find reviews of Korean thriller films.") the
    subject may come before any verb ("The Berlin File represents…"), where elsewhere
    "Tom Bell gives…" opens a review's paragraph on its cast."""
    prose = [(i, b) for i, b in enumerate(blocks) if is_prose(b)]
    collected = bool(prose) and COLLECTION.search(clean(prose[0][1].text)) is not None
    subject = _ANY_SUBJECT if collected else _SUBJECT
    leads = []
    for index, block in prose[collected:]:
        found = subject.match(clean(block.text).lstrip(QUOTES))
        title = display_title(found["title"]) if found else ""
        if not found or not is_title(title) or is_aspect(title) or title in NOT_SUBJECT:
            return []
        leads.append(Lead(index, title, "subject", marked=False, rated=False))
    distinct = {name_key(lead.title) for lead in leads}
    return leads if len(leads) >= _MIN_SUBJECTS and len(distinct) == len(leads) else []


def seen_leads(blocks: Sequence[Block]) -> list[Lead]:
    """Paragraphs of a viewing diary, each opening with the film the writer saw ("At
    noon, I saw Them That Follow, a US drama…", "Recently watched The Menu, a treatise…"):
    three at least, each a film of its own; a review names the one film it saw once."""
    leads = []
    for index, block in enumerate(blocks):
        if not _SEEN_VERB.search(block.text, 0, _SEEN_CHARS) or not is_prose(block):
            continue  # most paragraphs, cheaply: no verb of seeing in their opening
        found = _SEEN.match(clean(block.text))
        title = display_title(found["title"]) if found else ""
        if title and is_title(title) and not is_aspect(title) and title not in NOT_SUBJECT:
            leads.append(Lead(index, title, "seen", marked=False, rated=False))
    distinct = {name_key(lead.title) for lead in leads}
    return leads if len(leads) >= _MIN_SUBJECTS and len(distinct) == len(leads) else []


def opening_listed_leads(blocks: Sequence[Block]) -> list[Lead]:
    """Paragraphs each opening with one of the films the page's opening lists ("saw some
    great films: The Big Sick, Dunkirk, Florida Project, I,Tonya…" above "Dunkirk, I
    really dropped the ball…", "As a fan of Linklater, Florida Project is…"): three at
    least, each a film of its own, named as the paragraph writes it."""
    prose = [(i, b) for i, b in enumerate(blocks) if b.kind in {"paragraph", "list_item"}]
    first = next((n for n, (_, b) in enumerate(prose) if is_prose(b)), None)
    if first is None or (found := _FILMS_LISTED.search(clean(prose[first][1].text))) is None:
        return []
    listed = [_tokens(t) for t in _LIST_SEP.split(found["films"]) if is_loose_title(t.strip())]
    leads = []
    for index, block in prose[first + 1 :]:
        opening = [m for m in _TOKEN.finditer(clean(block.text))][:_OPENING_TOKENS]
        words = [m.group().casefold() for m in opening]
        for film in listed:
            at = next((k for k in range(len(words)) if words[k : k + len(film)] == film), None)
            if at is not None:
                start, end = opening[at].start(), opening[at + len(film) - 1].end()
                leads.append(Lead(index, clean(block.text)[start:end], "listed", False, False))
                break
    distinct = {name_key(lead.title) for lead in leads}
    return leads if len(leads) >= _MIN_SUBJECTS and len(distinct) == len(leads) else []


def _tokens(title: str) -> list[str]:
    return [m.group().casefold() for m in _TOKEN.finditer(title)]


def named_film(text: str) -> str | None:
    """The film a paragraph is about when no heading names it: its first sentence's
    subject ("Tenet was a difficult film…"), the subject after an opening description
    ("A found-footage anthology, V/H/S is…"), or the name after "the film" / "movie,"."""
    for found in (_SUBJECT.match(text), _APPOSED.match(text), _FILM_NOUN.search(text)):
        title = display_title(found["title"].rstrip()) if found else ""
        while title and title.split()[-1] in _TRAILING_SMALL:
            title = title.rsplit(" ", 1)[0] if " " in title else ""
        if title and is_title(title) and not is_aspect(title) and title not in NOT_SUBJECT:
            return title
    return None


def standfirst_lead(blocks: Sequence[Block], index: int, block: Block) -> Lead | None:
    """A headline above a standfirst that opens "Movie review:" and the film's title, the
    words the two open with ("Pavarotti, the Babe Ruth of opera, gets…" above "Movie
    Review: Pavarotti Director Ron Howard gives…")."""
    after = blocks[index + 1] if index + 1 < len(blocks) else None
    if is_prose(block) or after is None or not is_prose(after):
        return None
    labelled = _REVIEW_LABEL.match(clean(after.text))
    if labelled is None:
        return None
    head = _REVIEW_LABEL.sub("", clean(block.text)).split()
    lead = clean(after.text)[labelled.end() :].split()
    shared = 0
    while shared < min(len(head), len(lead)) and _bare(head[shared]) == _bare(lead[shared]):
        shared += 1
    title = " ".join(lead[:shared]).rstrip(",:;")
    if not shared or shared == len(lead) or not (is_title(title) or is_loose_title(title)):
        return None
    return Lead(index, title, "label:movie review", marked=False, rated=False)


def _bare(word: str) -> str:
    return word.rstrip(",:;")


def shouted_leads(blocks: Sequence[Block]) -> list[Lead]:
    """Bulleted capsules that each name their film once, in capitals, inside the prose
    ("► Much like 'Scream' a generation ago, THE CABIN IN THE WOODS is one of…"): every
    bulleted paragraph of the page names one title so, each its own."""
    leads = []
    for index, block in enumerate(blocks):
        if not _BULLETED.match(block.text) or not is_prose(block):
            continue
        runs = {display_title(r.strip(" .,:")) for r in _SHOUTED.findall(clean(block.text))}
        titles = [r for r in runs if is_title(r) and not is_aspect(r)]
        if len(titles) != 1:
            return []
        leads.append(Lead(index, titles[0], "shouted", marked=False, rated=False))
    distinct = {name_key(lead.title) for lead in leads}
    return leads if len(leads) >= _MIN_SUBJECTS and len(distinct) == len(leads) else []
