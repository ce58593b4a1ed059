"""Who wrote each film's review on a round-up page: each capsule's own credit, weighed
against the column's critic (:mod:`marquee.roundups.column_credits`).

A capsule's own credit overrides the column's (and the page's byline): a byline under its
title ("By: Megan Hoskins", "By Ben Lindner, Staff Writer", "By: Ryan Beard Arrival is…"),
its opening ("Anthony Sherratt says:"), its signature ("… – Gary Thompson", "– By Gregg W.
Morris", "— J. Anderson. (NR) 1 hr."), a syndicated credit ("2 stars (Ann Hornaday,
Washington Post)"), a pull-quote's "—Tom Vale, The New Yorker", a pointer to the critic's
full review ("Read Laura Delaney's full review here."), or initials the column resolves
("(M.S.)", "--M.W."). Someone a capsule quotes, or one of the film's own people, is not
its critic. What a name looks like is :mod:`marquee.roundups.critic_names`.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence

import regex as re

from marquee.films import read_facts
from marquee.films.names import name_key
from marquee.films.text import clean
from marquee.metadata import read_metadata
from marquee.records import PAGE_CREDIT, Block, Document, ReviewMeta
from marquee.roundups.column_credits import (
    captioned_critic,
    column_critics,
    foot_critic,
    legend_critics,
    listed_critic,
    marked_critic,
    masthead_critic,
    section_writers,
)
from marquee.roundups.critic_names import (
    CRITIC_NAMED,
    FUNCTION_WORDS,
    LEGEND_LINES,
    NAME,
    OUTLET_ENDINGS,
    QUOTED_PEOPLE,
    ROLE,
    whole_name,
)
from marquee.roundups.lines import CERTIFICATE, is_prose

_SAYS = re.compile(
    rf"^(?:[\p{{L}}&.]+['’]s\s+)?(?P<who>{NAME})(?:\s+from\s+[^:]{{2,40}}?)?\s+(?:says|writes)\s*:"
    r"(?!\s*[“\"‘'])"
)
"""A review that opens with its critic: "Anthony Sherratt says: The first half…", "EW's
Chris Nashawaty says:", "Stephen A Russell from The Lowdownunder says:"; not a speech
in quotation marks ("Emma Stone says: “I loved making it.”" quotes its star)."""
_CREDITED_MARK = re.compile(
    r"(?:stars?|/\s*\d+|of\s+\d+|\d\s*min(?:s|utes)?\.?)\s*"
    r"\((?P<who>[^,()]{3,40}),\s*(?P<outlet>[^()]{2,40})\)",
    re.IGNORECASE,
)
"""A syndicated capsule's credit after its mark or its running time: "2 stars (Ann
Hornaday, Washington Post)", "PG-13. 99 min. (Christy Lemire, Associated Press)"."""
_NOTED = re.compile(r"\breviewed\s+by\s+(?P<who>[^.;()]{2,60})", re.IGNORECASE)
"""A capsule saying who reviewed it, where the column's critic is named "unless noted
otherwise": "(PG-13) B- Reviewed by Daily News wire services." ("Written by" credits
the film's writers)."""
_SIGNED = re.compile(
    rf"(?:\s(?:--|[–—-])\s*|\)\s*-\s*)(?:(?i:by)\s+)?(?P<who>{NAME})\s*\.?\s*$"
    rf"|\s[–—]\s*(?P<before>{NAME})\.\s+(?=\()"
)
"""A capsule signed at its end, or before its facts: "… PG (thematic elements) – Gary
Thompson", "… – By Gregg W. Morris", "… leave your brain at home. -- Rebecca Loh", "… —
J. Anderson. (NR) 1 hr., 53 mins. A"."""
_SIGNED_WITH_OUTLET = re.compile(
    rf"\s?[–—-]\s*(?P<who>{NAME}),\s+(?P<outlet>(?:(?i:the)\s+)?\p{{Lu}}[\p{{L}}&'’.-]*"
    r"(?:\s+(?:of\s+|&\s+|the\s+)?\p{Lu}[\p{L}&'’.-]*){0,5})\s*\.?\s*$"
)
"""A capsule or pull-quote signed with its critic and paper: "… – Ann Marsh, Los Angeles
Times", "“A marvel.” —Tom Vale, The New Yorker" (a critics' consensus list); a paper's
name is no person's ("Chicago Sun-Times", see ``whole_name``)."""
_CLOSING_QUOTES = ("”", '"', "’")
_OPENING_QUOTES = ("“", '"', "‘")
_POINTED = re.compile(
    rf"(?:\s[–—-]\s*|(?<=[.!?])\s?)(?P<who>{NAME})\s*\((?i:full review|review)\)\s*$"
)
"""A capsule signed before its link to the full review, the dash the copy may have lost:
"… one away from New York City. – John F. (full review)", "… memories.Jordan R. (full
review)"."""
_PAREN_SIGNED = re.compile(rf"\((?P<who>{NAME})\)\s*$")
"""A capsule signed in brackets at its end: "… battle fatigue. (Michael Gallucci)"."""
_FULL_REVIEW = re.compile(rf"\bread\s+(?P<who>{NAME})['’]s\s+(?:full\s+)?review\b", re.I)
"""A capsule pointing to its critic's full review: "Read Laura Delaney's full review here."."""
_INITIAL = r"(?:(?:\p{Lu}\.){2,3}|\p{Lu}{2,3})"
_INITIALS = re.compile(
    rf"\((?P<initials>{_INITIAL})\)|(?:-{{2}}|(?<=[\s.!?])[–—])\s*(?P<signed>{_INITIAL})\s*$"
    r"|(?<=[.!?)]\s)(?P<bare>\p{Lu}{2,3})\s*$"
)
"""A capsule signed with initials: "(C.K.)", "(BS)", "--M.W.", "—J.V.", "— SB", or bare
after its last sentence ("… (Civic Center One, 12:15 p.m.) DF")."""
_AFTER_SIGNATURE = re.compile(r"\s*(?:\([^()]*\)\s*)?$")
"""What may follow a capsule's bracketed initials: nothing, or its screening's bracket
("(BS) (Music Box, 7:00)"); an acronym in brackets mid-sentence ("the agency (CIA) …") is
no signature."""
_CERTIFICATE = re.compile(CERTIFICATE)
_BY = r"^\W*(?i:(?:(?:written|reviewed|review)\s+)?by):?\s+"
_BY_LINE = re.compile(rf"{_BY}(?P<who>{NAME})\s*[.,|]?(?:\s|$)")
"""A review's own byline: "By: Megan Hoskins", "By Maddie James, Contributor"."""
_BY_OPENING = re.compile(
    rf"{_BY}(?P<who>\p{{Lu}}[\p{{L}}'’-]+(?:\s\p{{Lu}}\.)?\s\p{{Lu}}[\p{{L}}'’-]+)\s+\S"
)
"""A review whose prose runs on from its byline: "By: Ryan Beard Arrival is a movie…",
"Written by Anna Harrison “Like her protagonist…” (a name of two words, so the film's
title after it is not taken for a third)."""
_BY_ONE_NAME = re.compile(rf"{_BY}(?P<who>\p{{Lu}}\p{{Ll}}+)\s+(?P<next>\p{{Lu}}\p{{Ll}}*)\s")
"""A review whose prose runs on from a byline of one name: "Review by Lavanya This short
film is…" (the writer's one name when the word after it opens a sentence: "This")."""
_ROLE_OPENING = re.compile(
    rf"^(?P<who>\p{{Lu}}[\p{{L}}'’.-]+(?:\s\p{{Lu}}[\p{{L}}'’.-]+){{1,2}}?)\s+{ROLE}\s"
)
"""A review whose prose opens with its writer and role: "Erin Yandell Staff Writer The
latest addition…", "Maggie Collins Senior Staff Writer Recently…"."""


@dataclasses.dataclass(frozen=True, slots=True)
class OwnCredit:
    """The critic a film's own review names, and the outlet beside them if any.

    ``bylined`` when the review writes it as a byline ("By: Megan Hoskins", "Written by
    Anna Harrison"), which holds even where the film's facts read the name as its writer;
    a name said otherwise (a signature, "NAME says:", a bracket) that the review gives as
    the film's director or cast is theirs, not the critic's (see ``credited_parts``)."""

    critic: str
    outlet: str | None = None
    bylined: bool = False


def own_credit(blocks: Sequence[Block]) -> OwnCredit | None:
    """The credit a film's own review gives: "Anthony Sherratt says: …", a byline, a
    syndicated capsule's "2 stars (Ann Hornaday, Washington Post)", a signature, "Read
    Laura Delaney's full review", "Alive critic Brad Keefe walked away impressed"."""
    for block in blocks:
        text = clean(block.text)
        if (said := _SAYS.match(text)) and (name := whole_name(said["who"])):
            return OwnCredit(name)
        by = (
            _BY_LINE.match(text)
            if not is_prose(block)
            else (_BY_OPENING.match(text) or _ROLE_OPENING.match(text))
        )
        if by and (name := whole_name(by["who"])):
            return OwnCredit(name, bylined=True)
        if is_prose(block) and (name := _one_name_opening(text)):
            return OwnCredit(name, bylined=True)
        credit = _CREDITED_MARK.search(text)
        if credit and (name := whole_name(credit["who"])):
            return OwnCredit(name, credit["outlet"].strip())
        credit = _SIGNED_WITH_OUTLET.search(text) if is_prose(block) else None
        outlet = credit["outlet"] if credit else ""
        signs = credit is not None and _signs(text, credit) and not whole_name(outlet)
        if credit and signs and (name := whole_name(credit["who"])):
            return OwnCredit(name, outlet)  # not "– Emma Stone, Ryan Gosling", a cast
        signed = _SIGNED.search(text)
        who = signed and _signs(text, signed) and (signed["who"] or signed["before"])
        if who and is_prose(block) and (name := whole_name(who)):
            return OwnCredit(name)
        for pointer in (_POINTED, _PAREN_SIGNED, _FULL_REVIEW, CRITIC_NAMED):
            found = pointer.search(text)
            who = found and (found["who"] or found.groupdict().get("writer"))
            if who and is_prose(block) and (name := whole_name(who)):
                return OwnCredit(name)
    return None


def _signs(text: str, signature: re.Match[str]) -> bool:
    """Whether a name after a dash at a capsule's end signs the capsule, not a quotation
    it closes on ("… a weapon.” — Raoul Peck", a page's "Critics say: “…”—Owen Gleiberman,
    Entertainment Weekly" under its own writer's words): after a closing quotation mark
    it signs only a capsule that is all quotation, a pull-quote ("“A marvel.” —Tom Vale,
    The New Yorker")."""
    before = text[: signature.start()].rstrip()
    return not before.endswith(_CLOSING_QUOTES) or before.startswith(_OPENING_QUOTES)


def _not_the_films(
    credit: OwnCredit | None, people: frozenset[str], own: Sequence[Block]
) -> OwnCredit | None:
    """``credit`` unless it names one of the film's ``people`` without a byline's words:
    "(Emma Stone)" closing a capsule that casts her, "Emma Stone says: …" quoting her; or
    someone the capsule names again, as a critic is not named in the third person in
    their own capsule ("Emma Stone says: … Emma Stone is a delight")."""
    if credit is None or credit.bylined:
        return credit
    named = re.compile(rf"\b{re.escape(credit.critic)}\b", re.IGNORECASE)
    again = sum(len(named.findall(clean(block.text))) for block in own) > 1
    return None if again or name_key(credit.critic) in people else credit


def _one_name_opening(text: str) -> str | None:
    """The one name a byline opening a review's prose gives ("Review by Lavanya This
    short film…"), where the word after it is a function word, so no part of a name."""
    found = _BY_ONE_NAME.match(text)
    if found is None or found["next"].casefold() not in FUNCTION_WORDS:
        return None
    return None if found["who"].casefold() in FUNCTION_WORDS else found["who"]


def noted_elsewhere(blocks: Sequence[Block]) -> bool:
    """Whether a capsule says it was reviewed by no person the column names: a wire
    service ("Reviewed by Daily News wire services."), or signed with the paper it ran in
    ("— Los Angeles Times"), so not the column's critic."""
    prose = [clean(block.text) for block in blocks if is_prose(block)]
    return any(
        whole_name(found["who"].strip()) is None
        for text in prose
        for found in _NOTED.finditer(text)
    ) or any(_signed_by_outlet(text) for text in prose)


def _signed_by_outlet(text: str) -> bool:
    """Whether a capsule's signature is a paper's name: "— Los Angeles Times"."""
    for signature in (_SIGNED, _PAREN_SIGNED):
        found = signature.search(text)
        who = found and (found["who"] or found.groupdict().get("before"))
        if who and who.split()[-1].casefold() in OUTLET_ENDINGS:
            return True
    return False


def initialled_critic(blocks: Sequence[Block], critics: Sequence[str]) -> str | None:
    """The one of the column's ``critics`` whose initials sign this review: "(M.S.)" is
    Michael Sragow when the column is "Capsules by Michael Sragow and Chris Kaltenbach"."""
    for block in blocks:
        for found in _INITIALS.finditer(clean(block.text)):
            signed = (found["initials"] or found["signed"] or found["bare"]).replace(".", "")
            named = [c for c in critics if "".join(w[0] for w in c.split()) == signed]
            if len(named) == 1:
                return named[0]
    return None


def signed_initials(blocks: Sequence[Block], page: Sequence[Block]) -> str | None:
    """The initials a capsule's prose is signed with, as written, where the column names
    no critic they stand for ("—J.V.", "— SB", "(BS) (Music Box, 7:00)"): a byline is kept
    as the page writes it, never dropped. Bare capitals after the last sentence are a
    signature only where a legend resolves them (a certificate, "PG", ends capsules so);
    a certificate is no one's ("— PG-13", "(NR)"), nor is a word the ``page`` also prints
    among other words (a venue: "(MAC)" where another capsule has "(Mon 8/Tue 9, MAC)")."""
    for block in blocks:
        text = clean(block.text)
        for found in _INITIALS.finditer(text) if is_prose(block) else ():
            written = found["initials"] or found["signed"]
            ends = _AFTER_SIGNATURE.fullmatch(text, found.end())
            if written and ends and not _CERTIFICATE.fullmatch(written.replace(".", "")):
                return None if _printed_otherwise(written, page) else written
    return None


def _printed_otherwise(initials: str, page: Sequence[Block]) -> bool:
    """Whether the page prints ``initials`` other than as a capsule's signature."""
    word = re.compile(rf"(?<![\w.]){re.escape(initials)}(?![\w])")
    texts = [clean(block.text) for block in page]
    signed = sum(
        1
        for text in texts
        for found in _INITIALS.finditer(text)
        if initials in (found["initials"], found["signed"])
    )
    return sum(len(word.findall(text)) for text in texts) > signed


def _quoted(name: str) -> bool:
    """Whether a name the part's byline reader gives holds a word saying it is someone
    quoted, not the critic ("Reader Ann Marsh writes: …" read as a writer's bio)."""
    return any(word in QUOTED_PEOPLE for word in name.casefold().split())


def _film_people(part: Document) -> frozenset[str]:
    """The name keys of a part's film and the film's people, as its review reads them
    (:func:`marquee.films.read_facts`: "directed by Ann Marsh", a cast list and the
    characters they play, "Fallen Fruit is the debut of…" naming the film): none of them
    is the review's byline."""
    facts = read_facts(part, ReviewMeta())
    crew = (name for names in facts.credits.values() for name in names)
    cast = (name for member in facts.cast for name in (member.actor, member.role or ""))
    named = (part.meta.get("film", ""), facts.title or "", *crew, *cast)
    return frozenset(key for name in named if (key := name_key(name)))


def credited_parts(
    doc: Document, parts: Sequence[Document], headlines: Sequence[str]
) -> tuple[Document, ...]:
    """The parts, each naming its critic: its own review's credit first (a byline under
    its title, a signature, "Anthony Sherratt says:"), which overrides the page's; else
    the critic the part's text states the usual way (the page's byline); else the
    column's critic its initials name ("(M.S.)"), or a critic who signed another of its
    reviews in full ("(Lisa Miller)", then "(L.M.)"); else the column's one critic from its
    headline or opening ("New Films 25th Nov 2022 by Mike Davies", "Peter Howell / Movie
    Critic"), unless that is the first review's own byline on a page whose reviews carry
    bylines of more than one critic (a review printed without one is then no one's).
    A bare name over the page (its masthead, no "by") is its owner's, not the writer's,
    where a capsule is signed by someone else (a collection "Sajid Nawaz Khan" whose
    capsule says "—Bret Fetzer"): the others are then no one's.
    A name a part gives as its film or one of the film's people ("Directed by Ann Marsh",
    "Fallen Fruit is the debut…") is no column's byline, nor the part's as read the
    usual way (its own credit, "Written by Anna Harrison", is written as a byline).
    Split from a page (more than one part), each part's credit is final: reading the
    review later reads no byline of its own again (``PAGE_CREDIT``)."""
    if not parts:
        return ()  # a single review (most pages): no part to credit, no page read for it
    shared = set.intersection(*({id(b) for b in part.blocks} for part in parts)) if parts else set()
    owns = [[b for b in part.blocks if id(b) not in shared] for part in parts]
    owned = {id(b) for own in owns for b in own}
    intro = itertools.takewhile(lambda block: id(block) not in owned, doc.blocks)
    opening = next((b.text for b in intro if is_prose(b)), "")  # no film's own capsule
    people = [_film_people(part) for part in parts]
    credits = [_not_the_films(own_credit(o), p, o) for o, p in zip(owns, people, strict=True)]
    signers = [credit.critic for credit in credits if credit]  # "(Lisa Miller)", then "(L.M.)"
    masthead = masthead_critic([b for b in doc.blocks[:LEGEND_LINES] if id(b) in shared], parts)
    masthead = [] if set(signers) - set(masthead) else masthead  # an owner's, see above
    column = (
        column_critics(headlines, opening, doc.blocks)
        or captioned_critic(doc.blocks, parts)
        or listed_critic(doc.blocks, parts)
        or marked_critic(doc.blocks)
        or masthead
        or foot_critic(doc.blocks)
    )
    column = [name for name in column if not any(name_key(name) in p for p in people)]
    legend = legend_critics(
        [*doc.blocks[:LEGEND_LINES], *doc.blocks[LEGEND_LINES:][-LEGEND_LINES:]]
    )
    credited = []
    writers = section_writers(doc.blocks, owns, parts, masthead=bool(masthead))
    first_bylined = len(set(signers)) > 1 and column[:1] == signers[:1]
    for part, own, credit, writer, film in zip(parts, owns, credits, writers, people, strict=True):
        read = read_metadata(part).critic
        read = None if read and (name_key(read) in film or _quoted(read)) else read
        named = initialled_critic(part.blocks, [*column, *legend, *signers])
        critic, outlet = (
            (credit.critic, credit.outlet)
            if credit
            else (
                writer or named or signed_initials(own, doc.blocks) or read,
                None,
            )
        )
        alone = len(column) == 1 and not noted_elsewhere(own) and not first_bylined
        critic = critic or (column[0] if alone else None)
        meta = dict(part.meta)
        if critic:
            meta["critic"] = critic
        if critic and outlet:
            meta["outlet"] = outlet
        if len(parts) > 1:  # a round-up's review: this credit is final (see PAGE_CREDIT)
            meta[PAGE_CREDIT] = "yes"
            if not critic:
                meta.pop("critic", None)  # the page's author field, weighed and refused
        credited.append(dataclasses.replace(part, meta=meta))
    return tuple(credited)
