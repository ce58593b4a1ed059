"""Who wrote each film's review on a round-up page.

A column's critic is often named once for the whole page: in its headline ("Movie
Previews by Diana Beechener", "Capsules by film critics Michael Sragow and Chris
Kaltenbach unless noted"), in its opening ("…award-winning critic Milan Paurich takes a
look at…"), or in a legend of initials ("Reviewers include: M.P. = Michael Phillips").
A capsule's own credit overrides it (and the page's byline): a byline under its title
("By: Megan Hoskins", "By Ben Lindner, Staff Writer", "By: Ryan Beard Arrival is…"), its
opening ("Anthony Sherratt says:"), its signature ("… – Gary Thompson", "– By Gregg W.
Morris", "— J. Anderson. (NR) 1 hr."), a syndicated credit ("2 stars (Ann Hornaday,
Washington Post)"), a pointer to the critic's full review ("Read Laura Delaney's full
review here."), or initials the column resolves ("(M.S.)", "--M.W."). A byline with the
critic's role is the column's ("Sierra Van Houten, Editor"; "Peter Howell" above "Movie
Critic").
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Sequence

import regex as re

from marquee.documents.bylines import NOT_NAME_WORDS, person_name
from marquee.documents.fields import iso_date
from marquee.films import read_facts
from marquee.films.names import name_key
from marquee.films.text import clean
from marquee.metadata import read_metadata
from marquee.records import PAGE_CREDIT, Block, Document, ReviewMeta
from marquee.roundups.lines import BARE_BY, CERTIFICATE, is_prose
from marquee.wordlists import word_list

_HEADLINE_WORDS = 14
_LEGEND_LINES = 6
"""A legend of the column's initials comes among its first lines."""
_COLUMN_BY = re.compile(
    r"\bby\s+(?:(?:film|movie|our)\s+)?(?:critics?\s+)?(?P<who>[^;:|.]{3,80}?)"
    r"(?:\s+unless\s+noted)?\s*(?:\.|$)",
    re.IGNORECASE,
)
_NAME = r"\p{Lu}[\p{L}'’.-]+(?:\s\p{Lu}(?=\s))?(?:\s\p{Lu}[\p{L}'’.-]+){1,2}"
_OWN_COLUMN = re.compile(
    rf"^(?P<who>{_NAME})['’]s\s+(?:[\p{{L}}\d&-]+\s+){{0,3}}?"
    r"(?i:diary|notebook|journal|column|dispatch(?:es)?|log|round-?up|capsules|update)\b"
)
"""A headline naming the column as its writer's: "Ann Marsh’s TIFF diary, day 2", "Susan
Granger's DVD Update" (not a director's films: "Wes Anderson's films ranked")."""
_FOOT_BY = re.compile(
    r"^(?i:(?:(?:film|movie|capsule|mini)\s+)?(?:reviews|capsules|reviewed|compiled|words))\s+by\b"
)
"""A line at a page's foot crediting its reviews: "Reviews by …", "Capsules by …"."""
_CRITIC_NAMED = re.compile(
    rf"(?<!\b(?i:as|like|fellow|late)\s+(?:(?i:film|movie)\s+)?)\b(?:critic|reviewer)\s+(?P<who>{_NAME})|(?P<writer>{_NAME}),?\s+(?:has\s+)?reviewed\b"
    rf"|^(?P<reporter>{_NAME})\s+(?:updates|tells|brings)\s+us\b"
    rf"|^(?P<ours>{_NAME}),\s+our\s+(?:[\w-]+\s+)?(?:critic|reviewer)\b"
)
"""A column's introduction naming its critic: "award-winning critic Milan Paurich takes…",
"Our man on the ground, Adam Cook, has reviewed the short films…", "Aoife Wood updates
us on her quest to watch a film every day" (its writer, to the reader), "A.O. Scott, our
critic at large, is keeping a diary…"; a critic cited ("As critic Pauline Kael wrote…",
"like fellow critic Ann Marsh") is not the column's."""
_SAYS = re.compile(
    rf"^(?:[\p{{L}}&.]+['’]s\s+)?(?P<who>{_NAME})(?:\s+from\s+[^:]{{2,40}}?)?\s+(?:says|writes)\s*:"
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
_POSSESSIVE = re.compile(r"['’]s$")
_SIGNED = re.compile(
    rf"(?:\s(?:--|[–—-])\s*|\)\s*-\s*)(?:(?i:by)\s+)?(?P<who>{_NAME})\s*\.?\s*$"
    rf"|\s[–—]\s*(?P<before>{_NAME})\.\s+(?=\()"
)
"""A capsule signed at its end, or before its facts: "… PG (thematic elements) – Gary
Thompson", "… – By Gregg W. Morris", "… leave your brain at home. -- Rebecca Loh", "… —
J. Anderson. (NR) 1 hr., 53 mins. A"."""
_SIGNED_WITH_OUTLET = re.compile(
    rf"\s?[–—-]\s*(?P<who>{_NAME}),\s+(?P<outlet>(?:(?i:the)\s+)?\p{{Lu}}[\p{{L}}&'’.-]*"
    r"(?:\s+(?:of\s+|&\s+|the\s+)?\p{Lu}[\p{L}&'’.-]*){0,5})\s*\.?\s*$"
)
"""A capsule or pull-quote signed with its critic and paper: "… – Ann Marsh, Los Angeles
Times", "“A marvel.” —Tom Vale, The New Yorker" (a critics' consensus list); a paper's
name is no person's ("Chicago Sun-Times", see ``_whole_name``)."""
_CLOSING_QUOTES = ("”", '"', "’")
_OPENING_QUOTES = ("“", '"', "‘")
_POINTED = re.compile(
    rf"(?:\s[–—-]\s*|(?<=[.!?])\s?)(?P<who>{_NAME})\s*\((?i:full review|review)\)\s*$"
)
"""A capsule signed before its link to the full review, the dash the copy may have lost:
"… one away from New York City. – John F. (full review)", "… memories.Jordan R. (full
review)"."""
_PAREN_SIGNED = re.compile(rf"\((?P<who>{_NAME})\)\s*$")
"""A capsule signed in brackets at its end: "… battle fatigue. (Michael Gallucci)"."""
_FULL_REVIEW = re.compile(rf"\bread\s+(?P<who>{_NAME})['’]s\s+(?:full\s+)?review\b", re.I)
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
_LEGEND = re.compile(
    rf"(?P<initials>(?:\p{{Lu}}\.){{2,3}})\s*=\s*(?P<who>{_NAME})"
    rf"|(?P<named>{_NAME})\s+\((?P<bracketed>\p{{Lu}}{{2,3}})\)"
)
"""A legend of the column's initials: "Reviewers include: M.P. = Michael Phillips; …",
"capsule reviews were written by Grayson Currin (GC), David Fellerath (DF), …"."""
_ROLE = (
    r"(?i:(?:(?:chief|senior|staff|film|movie|contributing|associate|arts (?:and|&) "
    r"entertainment)\s+)*(?:critic|writer|editor|reviewer|contributor|correspondent))"
)
_AT_OUTLET = (
    r"(?:(?:\s*[,|–—-]|\s+(?i:for|at|with))\s*(?i:the\s+)?\p{Lu}[\p{L}&'’.-]*"
    r"(?:\s+(?:of\s+|&\s+)?\p{Lu}[\p{L}&'’.-]*){0,4})?"
)
"""Where a byline's writer works, after their role: ", The Daily Bugle", "for the Daily
Bugle"."""
_ROLE_LINE = re.compile(
    rf"^(?:(?i:by):?\s+)?(?P<who>{_NAME})\s*(?:[,|]|\s[–—-])?\s+{_ROLE}{_AT_OUTLET}\.?$"
    rf"|^{_ROLE}$|^{_ROLE}:?\s+(?P<titled>{_NAME})$"
)
"""A byline with the writer's role: "Sierra Van Houten, Editor", "By Ben Lindner, Staff
Writer", "Ann Marsh | Film Critic", "Ann Marsh, film critic for the Daily Bugle", a
masthead's "Film critic Ann Marsh"; or the role alone on the line under the name: "Peter
Howell" / "Movie Critic"."""
_BY = r"^\W*(?i:(?:(?:written|reviewed|review)\s+)?by):?\s+"
_BY_LINE = re.compile(rf"{_BY}(?P<who>{_NAME})\s*[.,|]?(?:\s|$)")
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
    rf"^(?P<who>\p{{Lu}}[\p{{L}}'’.-]+(?:\s\p{{Lu}}[\p{{L}}'’.-]+){{1,2}}?)\s+{_ROLE}\s"
)
"""A review whose prose opens with its writer and role: "Erin Yandell Staff Writer The
latest addition…", "Maggie Collins Senior Staff Writer Recently…"."""
_MARKED_BY = re.compile(
    r"^(?P<who>\p{Lu}\p{Ll}[\p{L}'’-]+)\s+(?P<mark>[*★]{1,5}\s*(?:½|1/2)?)\s+\S"
)
"""A capsule opening with its critic's surname before the stars: "Sterritt *** See review
at right."."""
_DATED_BYLINE = re.compile(
    rf"^\W*(?:(?i:(?:posted\s+)?by):?\s+(?P<by>{_NAME})\s*(?:[,|·•]|\s[–—-])"
    rf"|(?P<who>{_NAME})\s*[|·•])\s*(?P<when>.+)$"
)
"""A byline joined to its date: "By Ann Smith, March 3, 2024", "Ann Smith | March 3,
2024", "Posted by Ann Smith · Jan. 27, 2014" (a name before a bare comma or dash may be a
film's title over its release date, so it needs its "By")."""
_CONTACT_BYLINE = re.compile(
    rf"^\W*(?:(?i:by):?\s+)?(?P<who>{_NAME})\s*(?:[,|·•:]|\s[–—-])?\s*"
    r"(?:\(?(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@\w{2,30})\)?)\s*$"
    rf"|^(?i:e-?mail|contact|follow|reach|write\s+to)\s+(?P<reached>{_NAME})\s+"
    r"(?i:at|on|via)\b.*(?:@|https?://)"
)
"""A byline with the writer's address or handle beside it, where a page prints its
writer once: "Ann Marsh | amarsh@paper.com", "By Ann Marsh, amarsh@paper.com",
"Ann Marsh @annmarsh", or an author box's "Email Ann Marsh at amarsh@paper.com" /
"Follow Ann Marsh on Twitter @annmarsh" (a film's title is never followed by an
address)."""
_DATE_WORDS = 8
_FUNCTION_WORDS = frozenset(word_list("marquee.documents", "stopwords-english"))
_CHROME_WORDS = frozenset(w for w in word_list("marquee.documents", "chrome-lines") if " " not in w)
"""A page's furniture of one word ("Comments", "Share"): a menu's, never a person's name."""
_NOT_IN_NAMES = _FUNCTION_WORDS | _CHROME_WORDS
_QUOTED_PEOPLE = frozenset(word_list("marquee.roundups", "quoted-people"))
"""Words saying who a round-up quotes that is not its critic: the film's makers and its
audience ("Director Raoul Peck says: …", "Reader Ann Marsh writes: …")."""
_OUTLET_ENDINGS = frozenset(word_list("marquee.roundups", "outlet-endings"))
_NOT_LAST_IN_NAMES = _OUTLET_ENDINGS | frozenset(word_list("marquee.roundups", "venue-endings"))
"""Words that end an outlet's or a venue's name ("Los Angeles Times", "Music Box
Theatre"): a capsule signed with one says where it ran or plays, not who wrote it."""
_NOT_PICKERS = _NOT_IN_NAMES | NOT_NAME_WORDS
"""Words no picker's heading names as its writer: "Critic's Picks", "Staff Picks"."""
_PICKS = re.compile(
    r"^(?P<who>\p{Lu}[\p{L}.-]+)['’][sS]\s+"
    r"(?i:(?:(?:best|top|weekly)\s+)?(?:bets|picks|choices|favou?rites|recommendations))\s*:?$"
)
"""A heading of one writer's picks: "DAVID’S BEST BETS:", "Ann's Picks"."""
_WEEKDAY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.IGNORECASE)
_AND = re.compile(r"\s*(?:,|\band\b|&)\s*")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_SHOUTED_WORD = re.compile(r"\b\p{Lu}{3,}\b")
"""A word in capitals among words that are not: a brand's or a show's ("TCM TiVo ALERT"),
never a person's name written in mixed case."""


def column_critics(
    headlines: Sequence[str], opening: str = "", masthead: Sequence[Block] = ()
) -> list[str]:
    """The critics a column's headline names ("Movie Previews by Diana Beechener",
    "Capsules by Michael Sragow and Chris Kaltenbach"), or its opening paragraph
    ("…award-winning critic Milan Paurich takes a look at…"). A byline with its date,
    role or address is read in the ``masthead`` too (see ``_masthead``), below a menu
    long enough to push it out of the headlines."""
    lines = [clean(line) for line in (*headlines, *_masthead(masthead))]
    if named := _role_byline(lines) or _dated_byline(lines) or _contact_byline(lines):
        return [named]
    sentences = (s for line in headlines for s in _SENTENCE.split(clean(line)))
    for text in sentences:
        if len(text.split()) > _HEADLINE_WORDS:
            continue
        found = _COLUMN_BY.search(text)
        names = [_whole_name(n) for n in _AND.split(found["who"])] if found else []
        if names and all(names):
            return [n for n in names if n]
        if (owner := _OWN_COLUMN.match(text)) and (name := _whole_name(owner["who"])):
            return [name]
    found = _CRITIC_NAMED.search(clean(opening))  # "…critic Gary Thompson's reviews"
    who = found and (found["who"] or found["writer"] or found["reporter"] or found["ours"])
    name = _whole_name(_POSSESSIVE.sub("", who)) if who else None
    return [name] if name else []


def _masthead(blocks: Sequence[Block]) -> list[str]:
    """The first few lines above a page's first prose that are not its menu: where a site
    prints its byline ("Ann Marsh | March 3, 2024") under a menu of many lines."""
    above = itertools.takewhile(lambda block: not is_prose(block), blocks)
    lines = (block.text for block in above if block.kind != "chrome")
    return list(itertools.islice(lines, _LEGEND_LINES))


def _role_byline(lines: Sequence[str]) -> str | None:
    """The name a byline with its role gives: "Sierra Van Houten, Editor", or "Peter
    Howell" on the line above "Movie Critic"; or the name on the line below a bare "By:"."""
    for before, line in zip(["", *lines], lines, strict=False):
        found = _ROLE_LINE.match(line)
        named = found and (found["who"] or found["titled"] or before)
        who = named or (BARE_BY.match(before) and line)
        if who and (name := _whole_name(who)):
            return name
    return None


def _dated_byline(lines: Sequence[str]) -> str | None:
    """The name a byline joined to its date gives: "By Ann Smith, March 3, 2024"."""
    for line in lines:
        found = _DATED_BYLINE.match(line)
        if (
            found
            and len(found["when"].split()) <= _DATE_WORDS
            and iso_date(found["when"])
            and (name := _whole_name(found["by"] or found["who"]))
        ):
            return name
    return None


def _contact_byline(lines: Sequence[str]) -> str | None:
    """The name a byline with its writer's address or handle gives: "Ann Marsh |
    amarsh@paper.com", "Follow Ann Marsh on Twitter @annmarsh"."""
    for line in lines:
        found = _CONTACT_BYLINE.match(line)
        if found and (name := _whole_name(found["who"] or found["reached"])):
            return name
    return None


def foot_critic(blocks: Sequence[Block]) -> list[str]:
    """The writers an author box or a credit line at the page's foot names, the column
    printing its byline once, below its last capsule: "Ann Marsh" over "Film Critic",
    "Ann Marsh, Staff Writer", "Email Ann Marsh at amarsh@paper.com" (a line of its own,
    never prose), or a line crediting the page's reviews: "Reviews by Ann Marsh.",
    "Capsules by film critic Ann Marsh unless noted." (not "Directed by Ann Marsh.")."""
    foot = [clean(block.text) for block in blocks[-_LEGEND_LINES:]]
    lines = [
        line
        for line, block in zip(foot, blocks[-_LEGEND_LINES:], strict=True)
        if not is_prose(block)
    ]
    if named := _role_byline(lines) or _contact_byline(lines):
        return [named]
    for line in foot:
        found = _FOOT_BY.match(line) and _COLUMN_BY.search(line)
        names = [_whole_name(n) for n in _AND.split(found["who"])] if found else []
        if names and all(names):
            return [n for n in names if n]
    return []


def captioned_critic(blocks: Sequence[Block], parts: Sequence[Document]) -> list[str]:
    """The name alone on a line above a photo's caption, where a page prints its byline
    under the headline ("Andrew Shearer" / "In this image released by Broad Green…"),
    unless the parts give it as a film or a person in one (a director over a photo of
    their set, "Ann Marsh’s film is…"; see ``_in_the_films``)."""
    tops = blocks[:_LEGEND_LINES]
    for block, after in zip(tops, blocks[1 : _LEGEND_LINES + 1], strict=False):
        text = clean(block.text)
        if after.kind != "caption" or is_prose(block) or not re.fullmatch(_NAME, text):
            continue
        if name := _whole_name(text):
            return [] if _in_the_films(name, parts) else [name]
    return []


def listed_critic(blocks: Sequence[Block], parts: Sequence[Document]) -> list[str]:
    """The name alone in a list item opening the page, where a blog prints its byline as a
    bullet over the headline ("• Sophie Perissinotto" / "A comprehensive review of 8
    Christmas movies"); a list of items (films in bullets) is no byline, nor a name the
    parts give as a film or a person in one (see ``_in_the_films``)."""
    first, after = (*blocks[:2], None, None)[:2]
    if first is None or first.kind != "list_item" or (after and after.kind == "list_item"):
        return []
    name = _whole_name(clean(first.text))
    return [name] if name and not _in_the_films(name, parts) else []


def marked_critic(blocks: Sequence[Block]) -> list[str]:
    """The surname every capsule opens with before its stars ("Sterritt * A lonely woman…",
    "Sterritt **** Kubrick's great…"), as a paper's guide credits its critic: one word over
    marks of more than one kind (a grade word such as "Good ***" keeps its stars), never
    written in lower case on the page."""
    opened = [
        found
        for block in blocks
        if ("*" in block.text or "★" in block.text)  # its stars: a line without is not read
        and is_prose(block)
        and (found := _MARKED_BY.match(clean(block.text)))
    ]
    words = {found["who"] for found in opened}
    if len(words) != 1 or len({found["mark"] for found in opened}) < 2:
        return []
    (word,) = words
    page = " ".join(clean(b.text) for b in blocks)
    return [] if re.search(rf"\b{re.escape(word.lower())}\b", page) else [word]


def masthead_critic(masthead: Sequence[Block], parts: Sequence[Document]) -> list[str]:
    """The writer a page's masthead names on a line under its headline ("Halloween
    Scares: The Movies I Watched This Spooky Season" / "Alex Kalil"): a line every film's
    part shares heads none of them, so a person's whole name there is the byline, not a
    film; a list's item ("Annie Hall" / "Jerry Maguire", a see-also) is no byline unless
    its date is on the line under it ("• Adi Robertson" / "Aug 23, 2019"), nor is a name
    the parts give as a film or a person in one (see ``_in_the_films``)."""
    unders = [*masthead[2:], None]
    for above, line, under in zip(masthead, masthead[1:], unders, strict=False):
        name = None if is_prose(line) else _whole_name(clean(line.text))
        if name is not None:
            listed = "list_item" in {above.kind, line.kind} or bool(_whole_name(clean(above.text)))
            dated = under is not None and _date_line(under)
            return [] if (listed and not dated) or _in_the_films(name, parts) else [name]
    return []


def _date_line(block: Block) -> bool:
    """Whether a line is a date alone: "Aug 23, 2019", "Posted September 10th, 2007"."""
    text = clean(block.text)
    return len(text.split()) <= _DATE_WORDS and iso_date(text) is not None


def _in_the_films(name: str, parts: Sequence[Document]) -> bool:
    """Whether the page gives ``name`` as one of its films ("American Made" over its
    own title line) or a person in one: a name the reviews' prose mentions is a star's
    over a photo ("Elizabeth Olsen" over a capsule that casts her), as a critic is not
    named in the third person in the capsules under their own byline."""
    key = name_key(name)
    if any(name_key(part.meta.get("film", "")) == key for part in parts):
        return True
    words = re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)
    return any(is_prose(b) and words.search(b.text) for part in parts for b in part.blocks)


def section_writers(
    blocks: Sequence[Block],
    owns: Sequence[Sequence[Block]],
    parts: Sequence[Document],
    *,
    masthead: bool,
) -> list[str | None]:
    """The writer each part falls under where a page heads each writer's picks: with
    their name ("Emma Greenleaf" / "1) Bad Education (2004) – …" / "Matt Linton" / "1)
    O.J.: …"), on a page whose ``masthead`` names its first writer (a section's heading,
    "Now Showing", reads as a name too); or with picks of their own ("DAVID’S BEST BETS:"
    / two films / "ED’S BEST BETS:" / a film), on a page heading two pickers' or more (so
    a lone "Netflix's Top Picks" credits no one). Such a heading in a part's own blocks
    (``owns``), after its review began, heads the films after it."""
    pickers = [name for block in blocks if (name := picker(block))]
    if len(set(pickers)) > 1:
        owned = {id(block) for own in owns for block in own}
        start = next((n for n, block in enumerate(blocks) if id(block) in owned), len(blocks))
        above = [name for block in blocks[:start] if (name := picker(block))]
        return _headed(owns, picker, above[-1] if above else None)
    if masthead:
        return _headed(owns, lambda block: _name_heading(block, parts), None)
    return [None] * len(parts)


def _headed(
    owns: Sequence[Sequence[Block]], head: Callable[[Block], str | None], first: str | None
) -> list[str | None]:
    """Each part's writer: the last heading ``head`` reads after an earlier part's review
    began, else ``first``."""
    writers: list[str | None] = []
    writer = first
    for own in owns:
        writers.append(writer)
        began = next((n for n, block in enumerate(own) if is_prose(block)), len(own))
        names = [name for block in own[began + 1 :] if (name := head(block))]
        writer = names[-1] if names else writer
    return writers


def _name_heading(block: Block, parts: Sequence[Document]) -> str | None:
    """The name a heading that is only a person's name gives, no film's nor anyone's in
    the films (see ``_in_the_films``)."""
    name = _whole_name(clean(block.text)) if block.kind == "heading" else None
    return None if name is None or _in_the_films(name, parts) else name


def picker(block: Block) -> str | None:
    """The writer a heading of their picks names, as written unless shouted: "DAVID’S
    BEST BETS:" is David's; "Critic's Picks" is no one's."""
    found = _PICKS.match(clean(block.text)) if block.kind == "heading" else None
    who = found["who"] if found else ""
    if not who or who.casefold() in _NOT_PICKERS:
        return None
    return who.title() if who.isupper() else who


def legend_critics(blocks: Sequence[Block]) -> list[str]:
    """The critics a legend of initials names: "M.P. = Michael Phillips; J.R. = …",
    "Grayson Currin (GC), David Fellerath (DF)"."""
    return [
        name
        for block in blocks
        for found in _LEGEND.finditer(clean(block.text))
        if (name := _whole_name((found["who"] or found["named"]).rstrip(".")))
    ]


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
        if (said := _SAYS.match(text)) and (name := _whole_name(said["who"])):
            return OwnCredit(name)
        by = (
            _BY_LINE.match(text)
            if not is_prose(block)
            else (_BY_OPENING.match(text) or _ROLE_OPENING.match(text))
        )
        if by and (name := _whole_name(by["who"])):
            return OwnCredit(name, bylined=True)
        if is_prose(block) and (name := _one_name_opening(text)):
            return OwnCredit(name, bylined=True)
        credit = _CREDITED_MARK.search(text)
        if credit and (name := _whole_name(credit["who"])):
            return OwnCredit(name, credit["outlet"].strip())
        credit = _SIGNED_WITH_OUTLET.search(text) if is_prose(block) else None
        outlet = credit["outlet"] if credit else ""
        signs = credit is not None and _signs(text, credit) and not _whole_name(outlet)
        if credit and signs and (name := _whole_name(credit["who"])):
            return OwnCredit(name, outlet)  # not "– Emma Stone, Ryan Gosling", a cast
        signed = _SIGNED.search(text)
        who = signed and _signs(text, signed) and (signed["who"] or signed["before"])
        if who and is_prose(block) and (name := _whole_name(who)):
            return OwnCredit(name)
        for pointer in (_POINTED, _PAREN_SIGNED, _FULL_REVIEW, _CRITIC_NAMED):
            found = pointer.search(text)
            who = found and (found["who"] or found.groupdict().get("writer"))
            if who and is_prose(block) and (name := _whole_name(who)):
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
    if found is None or found["next"].casefold() not in _FUNCTION_WORDS:
        return None
    return None if found["who"].casefold() in _FUNCTION_WORDS else found["who"]


def noted_elsewhere(blocks: Sequence[Block]) -> bool:
    """Whether a capsule says it was reviewed by no person the column names: a wire
    service ("Reviewed by Daily News wire services."), or signed with the paper it ran in
    ("— Los Angeles Times"), so not the column's critic."""
    prose = [clean(block.text) for block in blocks if is_prose(block)]
    return any(
        _whole_name(found["who"].strip()) is None
        for text in prose
        for found in _NOTED.finditer(text)
    ) or any(_signed_by_outlet(text) for text in prose)


def _signed_by_outlet(text: str) -> bool:
    """Whether a capsule's signature is a paper's name: "— Los Angeles Times"."""
    for signature in (_SIGNED, _PAREN_SIGNED):
        found = signature.search(text)
        who = found and (found["who"] or found.groupdict().get("before"))
        if who and who.split()[-1].casefold() in _OUTLET_ENDINGS:
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


def _whole_name(text: str) -> str | None:
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
    if (
        any(not _name_word(word) for word in words)
        or words[-1].split("-")[-1] in _NOT_LAST_IN_NAMES
    ):
        return None
    if text.isupper():
        return name
    return None if _SHOUTED_WORD.search(text) else text


def _quoted(name: str) -> bool:
    """Whether a name the part's byline reader gives holds a word saying it is someone
    quoted, not the critic ("Reader Ann Marsh writes: …" read as a writer's bio)."""
    return any(word in _QUOTED_PEOPLE for word in name.casefold().split())


def _name_word(word: str) -> bool:
    """Whether a word (case folded) may be part of a person's name (see ``_whole_name``)."""
    if len(word) == 1:
        return True  # an initial
    if word in _NOT_IN_NAMES or word in _QUOTED_PEOPLE:
        return False
    return not _WEEKDAY.fullmatch(word)


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
    masthead = masthead_critic([b for b in doc.blocks[:_LEGEND_LINES] if id(b) in shared], parts)
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
        [*doc.blocks[:_LEGEND_LINES], *doc.blocks[_LEGEND_LINES:][-_LEGEND_LINES:]]
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
