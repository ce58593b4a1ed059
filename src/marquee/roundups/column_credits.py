"""Who wrote a round-up page as a whole: the column's critic, named once for the page.

In its headline ("Movie Previews by Diana Beechener", "Capsules by film critics Michael
Sragow and Chris Kaltenbach unless noted"), its opening ("…award-winning critic Milan
Paurich takes a look at…"), a byline with the critic's role, date or address ("Sierra Van
Houten, Editor"; "Peter Howell" above "Movie Critic"; "Ann Marsh | amarsh@paper.com"), a
name over a photo's caption or the page's list, an author box at its foot, a legend of
initials ("Reviewers include: M.P. = Michael Phillips"), or the name heading each writer's
picks. :func:`marquee.roundups.credits.credited_parts` weighs these against each capsule's
own credit.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

import regex as re

from marquee.documents.bylines import NOT_NAME_WORDS
from marquee.documents.fields import iso_date
from marquee.films.names import name_key
from marquee.films.text import clean
from marquee.records import Block, Document
from marquee.roundups.critic_names import (
    CRITIC_NAMED,
    LEGEND_LINES,
    NAME,
    NOT_IN_NAMES,
    ROLE,
    whole_name,
)
from marquee.roundups.lines import BARE_BY, is_prose

_HEADLINE_WORDS = 14
_COLUMN_BY = re.compile(
    r"\bby\s+(?:(?:film|movie|our)\s+)?(?:critics?\s+)?(?P<who>[^;:|.]{3,80}?)"
    r"(?:\s+unless\s+noted)?\s*(?:\.|$)",
    re.IGNORECASE,
)
_OWN_COLUMN = re.compile(
    rf"^(?P<who>{NAME})['’]s\s+(?:[\p{{L}}\d&-]+\s+){{0,3}}?"
    r"(?i:diary|notebook|journal|column|dispatch(?:es)?|log|round-?up|capsules|update)\b"
)
"""A headline naming the column as its writer's: "Ann Marsh’s TIFF diary, day 2", "Susan
Granger's DVD Update" (not a director's films: "Wes Anderson's films ranked")."""
_FOOT_BY = re.compile(
    r"^(?i:(?:(?:film|movie|capsule|mini)\s+)?(?:reviews|capsules|reviewed|compiled|words))\s+by\b"
)
"""A line at a page's foot crediting its reviews: "Reviews by …", "Capsules by …"."""
_POSSESSIVE = re.compile(r"['’]s$")
_LEGEND = re.compile(
    rf"(?P<initials>(?:\p{{Lu}}\.){{2,3}})\s*=\s*(?P<who>{NAME})"
    rf"|(?P<named>{NAME})\s+\((?P<bracketed>\p{{Lu}}{{2,3}})\)"
)
"""A legend of the column's initials: "Reviewers include: M.P. = Michael Phillips; …",
"capsule reviews were written by Grayson Currin (GC), David Fellerath (DF), …"."""
_AT_OUTLET = (
    r"(?:(?:\s*[,|–—-]|\s+(?i:for|at|with))\s*(?i:the\s+)?\p{Lu}[\p{L}&'’.-]*"
    r"(?:\s+(?:of\s+|&\s+)?\p{Lu}[\p{L}&'’.-]*){0,4})?"
)
"""Where a byline's writer works, after their role: ", The Daily Bugle", "for the Daily
Bugle"."""
_ROLE_LINE = re.compile(
    rf"^(?:(?i:by):?\s+)?(?P<who>{NAME})\s*(?:[,|]|\s[–—-])?\s+{ROLE}{_AT_OUTLET}\.?$"
    rf"|^{ROLE}$|^{ROLE}:?\s+(?P<titled>{NAME})$"
)
"""A byline with the writer's role: "Sierra Van Houten, Editor", "By Ben Lindner, Staff
Writer", "Ann Marsh | Film Critic", "Ann Marsh, film critic for the Daily Bugle", a
masthead's "Film critic Ann Marsh"; or the role alone on the line under the name: "Peter
Howell" / "Movie Critic"."""
_MARKED_BY = re.compile(
    r"^(?P<who>\p{Lu}\p{Ll}[\p{L}'’-]+)\s+(?P<mark>[*★]{1,5}\s*(?:½|1/2)?)\s+\S"
)
"""A capsule opening with its critic's surname before the stars: "Sterritt *** See review
at right."."""
_DATED_BYLINE = re.compile(
    rf"^\W*(?:(?i:(?:posted\s+)?by):?\s+(?P<by>{NAME})\s*(?:[,|·•]|\s[–—-])"
    rf"|(?P<who>{NAME})\s*[|·•])\s*(?P<when>.+)$"
)
"""A byline joined to its date: "By Ann Smith, March 3, 2024", "Ann Smith | March 3,
2024", "Posted by Ann Smith · Jan. 27, 2014" (a name before a bare comma or dash may be a
film's title over its release date, so it needs its "By")."""
_CONTACT_BYLINE = re.compile(
    rf"^\W*(?:(?i:by):?\s+)?(?P<who>{NAME})\s*(?:[,|·•:]|\s[–—-])?\s*"
    r"(?:\(?(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@\w{2,30})\)?)\s*$"
    rf"|^(?i:e-?mail|contact|follow|reach|write\s+to)\s+(?P<reached>{NAME})\s+"
    r"(?i:at|on|via)\b.*(?:@|https?://)"
)
"""A byline with the writer's address or handle beside it, where a page prints its
writer once: "Ann Marsh | amarsh@paper.com", "By Ann Marsh, amarsh@paper.com",
"Ann Marsh @annmarsh", or an author box's "Email Ann Marsh at amarsh@paper.com" /
"Follow Ann Marsh on Twitter @annmarsh" (a film's title is never followed by an
address)."""
_DATE_WORDS = 8
_NOT_PICKERS = NOT_IN_NAMES | NOT_NAME_WORDS
"""Words no picker's heading names as its writer: "Critic's Picks", "Staff Picks"."""
_PICKS = re.compile(
    r"^(?P<who>\p{Lu}[\p{L}.-]+)['’][sS]\s+"
    r"(?i:(?:(?:best|top|weekly)\s+)?(?:bets|picks|choices|favou?rites|recommendations))\s*:?$"
)
"""A heading of one writer's picks: "DAVID’S BEST BETS:", "Ann's Picks"."""
_AND = re.compile(r"\s*(?:,|\band\b|&)\s*")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


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
        names = [whole_name(n) for n in _AND.split(found["who"])] if found else []
        if names and all(names):
            return [n for n in names if n]
        if (owner := _OWN_COLUMN.match(text)) and (name := whole_name(owner["who"])):
            return [name]
    found = CRITIC_NAMED.search(clean(opening))  # "…critic Gary Thompson's reviews"
    who = found and (found["who"] or found["writer"] or found["reporter"] or found["ours"])
    name = whole_name(_POSSESSIVE.sub("", who)) if who else None
    return [name] if name else []


def _masthead(blocks: Sequence[Block]) -> list[str]:
    """The first few lines above a page's first prose that are not its menu: where a site
    prints its byline ("Ann Marsh | March 3, 2024") under a menu of many lines."""
    above = itertools.takewhile(lambda block: not is_prose(block), blocks)
    lines = (block.text for block in above if block.kind != "chrome")
    return list(itertools.islice(lines, LEGEND_LINES))


def _role_byline(lines: Sequence[str]) -> str | None:
    """The name a byline with its role gives: "Sierra Van Houten, Editor", or "Peter
    Howell" on the line above "Movie Critic"; or the name on the line below a bare "By:"."""
    for before, line in zip(["", *lines], lines, strict=False):
        found = _ROLE_LINE.match(line)
        named = found and (found["who"] or found["titled"] or before)
        who = named or (BARE_BY.match(before) and line)
        if who and (name := whole_name(who)):
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
            and (name := whole_name(found["by"] or found["who"]))
        ):
            return name
    return None


def _contact_byline(lines: Sequence[str]) -> str | None:
    """The name a byline with its writer's address or handle gives: "Ann Marsh |
    amarsh@paper.com", "Follow Ann Marsh on Twitter @annmarsh"."""
    for line in lines:
        found = _CONTACT_BYLINE.match(line)
        if found and (name := whole_name(found["who"] or found["reached"])):
            return name
    return None


def foot_critic(blocks: Sequence[Block]) -> list[str]:
    """The writers an author box or a credit line at the page's foot names, the column
    printing its byline once, below its last capsule: "Ann Marsh" over "Film Critic",
    "Ann Marsh, Staff Writer", "Email Ann Marsh at amarsh@paper.com" (a line of its own,
    never prose), or a line crediting the page's reviews: "Reviews by Ann Marsh.",
    "Capsules by film critic Ann Marsh unless noted." (not "Directed by Ann Marsh.")."""
    foot = [clean(block.text) for block in blocks[-LEGEND_LINES:]]
    lines = [
        line
        for line, block in zip(foot, blocks[-LEGEND_LINES:], strict=True)
        if not is_prose(block)
    ]
    if named := _role_byline(lines) or _contact_byline(lines):
        return [named]
    for line in foot:
        found = _FOOT_BY.match(line) and _COLUMN_BY.search(line)
        names = [whole_name(n) for n in _AND.split(found["who"])] if found else []
        if names and all(names):
            return [n for n in names if n]
    return []


def captioned_critic(blocks: Sequence[Block], parts: Sequence[Document]) -> list[str]:
    """The name alone on a line above a photo's caption, where a page prints its byline
    under the headline ("Andrew Shearer" / "In this image released by Broad Green…"),
    unless the parts give it as a film or a person in one (a director over a photo of
    their set, "Ann Marsh’s film is…"; see ``_in_the_films``)."""
    tops = blocks[:LEGEND_LINES]
    for block, after in zip(tops, blocks[1 : LEGEND_LINES + 1], strict=False):
        text = clean(block.text)
        if after.kind != "caption" or is_prose(block) or not re.fullmatch(NAME, text):
            continue
        if name := whole_name(text):
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
    name = whole_name(clean(first.text))
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
        name = None if is_prose(line) else whole_name(clean(line.text))
        if name is not None:
            listed = "list_item" in {above.kind, line.kind} or bool(whole_name(clean(above.text)))
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
    name = whole_name(clean(block.text)) if block.kind == "heading" else None
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
        if (name := whole_name((found["who"] or found["named"]).rstrip(".")))
    ]
