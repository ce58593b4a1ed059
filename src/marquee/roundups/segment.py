"""Round-up pages cut at their film headings, whatever the site's layout.

Each site prints its capsules its own way, so rules written per layout miss most pages
of a site not met before. What the layouts share is structure: a film's heading is a
short line that reads as a title once its decorations are off (numbering, bullets, a
label every capsule repeats such as "Mini Review -", quotation marks, capitals, the
facts in brackets, a mark: "Crisis: B", "Zambezi – 1", "1. Decision to Leave"), and it is
followed by prose of its own; or a capsule opens its paragraph with the title and a
separator ("Babel (star)(star)(star)1/2: A film following…", "The Meg – Unfortunately…").

A page is cut at such headings when they come in a series laid out alike (the same kind
of block and the same decoration, so a review's sub-headings in another form do not
join in), at least two of them with evidence that they are films: the title named in
its own section, a mark or the film's facts beside it, or the title set apart
(numbered, quoted, shouted, labelled). Plain title lines with no such evidence count
only when the page says it collects reviews ("What to see on day 3", "Critics' picks").

:mod:`marquee.roundups.split` tries its layout rules first and this only when they find no
round-up, so the pages those rules read are read as before.
"""

from __future__ import annotations

import dataclasses
import itertools
import re as stdlib_re
from collections import Counter
from collections.abc import Sequence

import regex as re

from marquee.films.match import named_count
from marquee.films.names import name_key, person
from marquee.films.text import clean
from marquee.records import Block
from marquee.roundups.capsule_pages import is_capsule_page
from marquee.roundups.headings import (
    COLLECTION,
    LABEL_LINE,
    PAREN,
    label_of,
    shared_labels,
    subtitled,
    title_of,
)
from marquee.roundups.layouts import FilmSection
from marquee.roundups.leads import (
    NOT_SUBJECT,
    Lead,
    named_film,
    opening_listed_leads,
    seen_leads,
    shouted_leads,
    standfirst_lead,
    subject_leads,
)
from marquee.roundups.lines import (
    BARE_BY,
    CERTIFICATE,
    DATE_LINE,
    DRAWN_STARS,
    MARK,
    QUOTES,
    STAR_GLYPHS,
    delivers_verdict,
    is_facts_line,
    is_prose,
    is_score_only,
    review_end,
    year_in,
)
from marquee.roundups.prose_titles import quoted_leads
from marquee.roundups.titles import is_title
from marquee.roundups.verdicts import (
    DRAWN_MARK,
    VERDICT,
    among_verdicts,
    graded_line,
    is_verdict_list,
    verdict_line,
)

MIN_FILMS = 2
_MAX_HEADING_WORDS = 14
_LONG_REVIEWED = re.compile(r"^(?:\S+\s+){14,23}reviewed\s*$", re.IGNORECASE)
"""A headline whose lead-in is a sentence of its own before the film it says it reviews
("As art it was terrible but … loved it: Teenage Mutant Ninja Turtles: Mutant Mayhem
reviewed"): longer than a heading, read for the title at its end."""
_ORPHAN_TEMPLATE = 2
"""Half a page's titles over one paragraph each make one paragraph its template, and a
further paragraph under a title a capsule that lost its own."""
_LOOKAHEAD = 6
"""A heading's prose starts within this many blocks (facts and label lines between)."""
_MIN_PROSE_WORDS = 15
_MIN_QUOTED_WORDS = 5
"""A capsule that quotes its review ('We Are X (SR): "A startlingly intimate portrait…"')."""
_LEAD_CHARS = 100
"""A capsule's title and its separator come within its first characters."""
_TEMPLATE_WORDS = 6
_MIN_SUBTITLE_WORDS = 4
_MIN_PLAIN = 3
"""Plain title lines (no other evidence) that make a page of a collection a round-up."""

_FACTS_PAREN = re.compile(rf"\(\s*{CERTIFICATE}\s*\)|\((?:19|20)\d\d\)")
"""A certificate or a year in brackets, which vouch for the title before them."""
_BY = re.compile(r"^\W*by\b", re.IGNORECASE)
_BRACKETED = re.compile(r"\[[^\[\]]{2,60}\]")
"""A film's facts in square brackets: "[Warner Bros. Pictures; 2020]"."""
_SEPARATOR = re.compile(r"\s*:\s*|\s+[-–—]{1,2}\s*|\s*--\s*|\s*[–—]\s*|\s+\|\|?\s+")
"""A capsule opening with its title: "Babel (star)(star)1/2: A film…", "The Meg – …",
"La La Land || I loved this movie so much!!!"."""
_STARS_APART = re.compile(rf"(?<=\s{DRAWN_STARS})\s+(?![\d½])")
"""A capsule whose stars alone stand between its title and its review ("Halloween ★★
Jamie Lee Curtis returns…", "First Man ★★ 1/2 “It seems…”"): the stars stay with the
title, its mark. Searched only in a lead that draws a star."""
_DRAWN_STARS = stdlib_re.compile(f"[{STAR_GLYPHS}]")
_DRAWN_END = re.compile(rf"\s{DRAWN_STARS}$")
"""Stars drawn at the end of a capsule's title line: "Beautiful Boy ★★ 1/2"."""
_BULLETED = re.compile(r"\s*[•·▪►▸◦*]\s*\S")
"""A bullet opening a line, as a list item's."""
_SUBTITLE = re.compile(
    r"(?P<subtitle>\p{Lu}[\p{L}\p{N}'’-]*(?:\s+(?:\p{Lu}[\p{L}\p{N}'’-]*|\p{N}+"
    r"|of|the|a|an|and|in|on|to|for|at|from|with)){1,6})(?:\.\s+|\s+[-–—]{1,2}\s+)(?=\S)"
)
"""A title's own subtitle opening what its first separator left, in capitals word by
word up to a full stop or a dash where the review starts: "Wallace and Gromit – Curse of
the Were-Rabbit. Loved this movie.", "Mission Impossible: Dead Reckoning Part One – did
you know…". Two words at least: one alone is as often the review's first ("The Jungle
Book – Warm. …") as a subtitle ("Alien: Covenant. …")."""
_GENRE_END = re.compile(
    r"(?i:thriller|comedy|drama|horror|documentary|romance|animation|western|musical"
    r"|sci-fi|fantasy|action|adventure|mystery|biopic|flick|film|movie)$"
)
"""A capsule's tagline naming its kind, never a subtitle: "Russian Sci-Fi Thriller."."""
_IMAGE = re.compile(r"\s+(?:movie |film |official |theatrical )?(?:poster|still|image|photo)s?")
"""What an image's caption adds to the title it repeats: "The Double Poster"."""
_MAX_NAME_WORDS = 3
"""A subtitle this short that reads as a person's name is a credit ("Edgar Wright")."""
_SEPARATES = stdlib_re.compile(r"[:\-–—|]")
"""A character every separator holds: without one, a lead is not searched for them."""
_PAREN_LEAD = re.compile(rf"^(?P<lead>[^()]{{1,80}}?{PAREN})\.?\s*(?:[-–—:]\s+)?(?P<rest>.*)$")
"""A capsule whose title's facts end the lead: "Shoplifters (Japan, Kore-eda, 5) Family…",
"Night school (PG-13). Kevin Hart and…", "Birds of Prey (I refuse to write …) - I'm…"."""
_RUN_ON = re.compile(
    rf"(?<=[.!?)]\s+)(?P<title>\p{{Lu}}[^.!?()]{{0,60}}?\s*\(\s*{CERTIFICATE}\s*\))"
    rf"\s*[-–—]\s+(?=\p{{Lu}})"
)
"""A capsule a copy ran on in the one before's paragraph: "… (Ben Gifford) Captain
America: The First Avenger (PG-13) — The final lead-in…"."""
_COUNTED = re.compile(
    r"\b(?:reviews?|thoughts|takes?|rank(?:ing)?|watch(?:ed)?|saw|seen|see|caught)\b.{0,30}"
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|several|\d|dozen)"
    r" (?:\w+ ){0,2}(?:films|movies|nominees|releases)\b",
    re.IGNORECASE,
)
"""An opening paragraph saying what follows: "here is a short spoiler-free review of three
movies I watched", "my rank and review of all eight best picture nominees", or how many
films the writer saw ("I managed to watch two dozen films", "to see six films over the
weekend"): a viewing log's opening."""
_LISTING = re.compile(
    r"\b(?:list of (?:my|the|our)\b.{0,30}\b(?:films|movies|releases)|top (?:\d{1,2}|ten)\b"
    r"|here (?:are|is) (?:my|the|our) (?:\w+ ){0,3}(?:films|movies)|(?:films|movies) to watch)\b",
    re.IGNORECASE,
)
"""An opening saying the page lists films: "I crafted this year's list of my favorite
releases", "my top 10", "here are the best movies of 2010", "Movies to watch for the
Halloween spirit!"."""
_OPENING_LABEL = re.compile(r"^(?P<label>\p{L}[\p{L}'’]*(?: \p{L}[\p{L}'’]*){0,2}):\s+\S")
"""A section opening with a label of one to three words: "The Story: A creepy terror…"."""
_READ_ON = re.compile(
    r"\b(?:read (?:story|more|review|the full review)|continue reading)\W*$", re.IGNORECASE
)
_MIN_TEASER_WORDS = 8
"""A teaser's words: its headline says the rest (a link ends it: "Read story.")."""
_LEAD_IN = re.compile(r":$|^[\p{L}' ]{3,25}:\s*\S{1,6}$")
"""A line introducing the prose below ("EW's Chris Nashawaty says:") or a label with a
short value ("Tomatometer: 95%"): never the next film's title."""
_VERDICT_IN = re.compile(r"\b(?:verdict|reaction|rating|grade)\s*:\s*\S", re.IGNORECASE)
"""A capsule's own verdict label: "… a touch on the melodramatic side. Reaction: LIKED."."""
_POINTER = re.compile(
    r"(?i:reviewed|see (?:our )?review)\s+(?:at (?:left|right)|above|below|on page \d+|inside)\W*$"
)
"""A capsule pointing to the film's full review on the same page: "Dreamgirls (PG-13)
Reviewed at left.", "The History Boys (R) Reviewed above."."""
_CALLED_FILM = re.compile(
    r"\b(?:film|movie|drama|comedy|rom-com|documentary|thriller|western|musical|horror"
    r"|adaptation|sequel|remake|biopic|animation)s?\b(?!['’])",
    re.IGNORECASE,
)
"""What a capsule's first sentence calls its subject when the subject is a film."""
_CALLED_KIND = re.compile(rf"(?<!\b(?i:the|this|that) ){_CALLED_FILM.pattern}", re.IGNORECASE)
"""The same, said with what kind it is, not "the film" a review goes on about."""
_CALLED_WORDS = 8
"""A capsule calls its film what it is within its first words ("This 1980 adaptation of…")."""
_REVIEW_HEADLINE = re.compile(r"\breview\b", re.IGNORECASE)
_MIN_STANDFIRST_WORDS = 5
_MAX_STANDFIRST_WORDS = 40
"""A standfirst under a headline that quotes its film and calls itself a review ("'Hive':
Sundance Review" / "Kosovo-set winner of Sundance's World Dramatic section…"): a line
of the review's own words, printed without a full stop."""
_SCORED_END = re.compile(
    r"\b(?:10|\d(?:\.\d{1,2})?)\s*/\s*(?:10|5)\s*\.?\s*$|\b(?i:grade):?\s+[A-F][+-]?\s*$"
)
"""A capsule's own score at its end: "… Definitely one to watch. 8/10.", "… R. (Grand)
Grade: B"."""
_LABELLED_OPENING = re.compile(
    r"^(?P<title>[^.;!?]{1,60}?)(?:\s*[.;]\s+|\s*[-–—]\s+|\s+(?=(?:\p{Ll}+ly\s+)?"
    r"(?:is|was|has|had|\p{Ll}{2,}s)\s))(?P<rest>\S.*)$"
)
"""A labelled capsule's title, up to a full stop, a dash or its verb ("Roma- Cuaron is…",
"The Revenant gives Inarritu…")."""
_SCORE_CHARS = 16
"""The end of a paragraph where its score is looked for (not the whole paragraph)."""
_SCORED_OPENING = re.compile(
    r"^(?P<title>[^.;!?]{1,60}?)(?:\s*[.;]\s+|\s+(?=(?:is|was)\s))(?P<rest>\S.*)$"
)
"""A scored capsule's title, up to a full stop, a semicolon or its verb: "Mum and Dad.
Quite an interesting…", "Butterfly Effect 3: Revelations ; the third…"."""
_OPENING_PROSE = 2
"""A headline saying the page collects films: "What to see on day 3", "Critics' picks",
"Movies I Watched August 2023"; or an opening that does: "a short review of three movies"."""
_POST = "dated post"
_DATE_SPACES = 8
"""A post's date line is short: "Monday, March 29, 2021"."""


@dataclasses.dataclass(frozen=True, slots=True)
class _Page:
    """What a page says of itself: that it collects films, and its title."""

    collection: bool
    title: str


def film_sections(blocks: Sequence[Block], headlines: Sequence[str]) -> list[FilmSection]:
    """The films of a round-up page cut at its headings or capsule openings; [] when the
    page is not one."""
    blocks = [part for block in blocks for part in _run_apart(block)]
    opening = [clean(b.text) for b in itertools.islice(filter(is_prose, blocks), _OPENING_PROSE)]
    collection = any(COLLECTION.search(clean(line)) for line in headlines) or any(
        _COUNTED.search(text)
        or _LISTING.search(text)
        or (len(text.split()) <= _TEMPLATE_WORDS and COLLECTION.search(text))
        for text in opening  # "… a short review of three movies", "Big New Releases!"
    )
    page = _Page(collection, clean(headlines[0]) if headlines else "")
    labels = shared_labels(blocks)
    heads = [
        h
        for i, b in enumerate(blocks)
        if (h := _dated_post(blocks, i, b) or _heading(blocks, i, b, labels))
    ]
    standfirsts = {s.index: s for i, b in enumerate(blocks) if (s := standfirst_lead(blocks, i, b))}
    heads = [h for h in heads if h.index not in standfirsts] + list(standfirsts.values())
    heads = _drop_taglines(blocks, sorted(heads, key=lambda h: h.index))
    leads = _unrepeated([c for i, b in enumerate(blocks) if (c := _capsule(i, b, labels))])
    leads = among_verdicts(blocks, leads)
    found = max(_series(blocks, heads, page), _series(blocks, leads, page), key=len)
    found = found or subject_leads(blocks) or shouted_leads(blocks) or seen_leads(blocks)
    found = found or opening_listed_leads(blocks)
    found = found or quoted_leads(blocks, page.title)
    return _cut(blocks, _with_orphans(blocks, found)) if found else []


def _unrepeated(leads: Sequence[Lead]) -> list[Lead]:
    """The leads, a line repeated right under itself once ("‘Mama's Boy’ review: Dustin
    Lance Black doc…" twice, a copy's link text above its headline)."""
    return [
        lead
        for before, lead in zip([None, *leads], leads, strict=False)
        if before is None
        or lead.index != before.index + 1
        or name_key(lead.title) != name_key(before.title)
    ]


def _with_orphans(blocks: Sequence[Block], leads: Sequence[Lead]) -> list[Lead]:
    """The leads, and a capsule whose heading the copy lost: on a page of one paragraph
    under each title, a further paragraph under one that is about a film of its own
    ("The story in the film Moxie struck…" under "Godzilla vs Kong"'s capsule)."""
    if any(lead.rest is not None for lead in leads):
        return list(leads)  # capsules sharing their title's line: no one-paragraph template
    ends = [*(lead.index for lead in leads[1:]), len(blocks)]
    paragraphs = [
        [i for i in range(lead.index + 1, end) if is_prose(blocks[i])]
        for lead, end in zip(leads, ends, strict=True)
    ]
    if _ORPHAN_TEMPLATE * sum(len(p) == 1 for p in paragraphs) < len(leads):
        return list(leads)  # reviews of several paragraphs: a later one may name any film
    titles = {name_key(lead.title) for lead in leads}
    kept: list[Lead] = []
    for lead, own in zip(leads, paragraphs, strict=True):
        kept.append(lead)
        for index in own[1:]:
            title = named_film(clean(blocks[index].text))
            if title is None or name_key(title) in titles:
                continue
            titles.add(name_key(title))
            kept.append(Lead(index, title, "orphan", marked=False, rated=False))
    return kept


def _run_apart(block: Block) -> list[Block]:
    """A paragraph as the capsules it runs together: each title line made a heading of
    its own, above its review."""
    found = _RUN_ON.search(block.text) if block.kind == "paragraph" and "(" in block.text else None
    if found is None or not is_title(found["title"].rsplit("(", 1)[0]):
        return [block]
    before = Block("paragraph", block.text[: found.start()].rstrip())
    after = Block("paragraph", block.text[found.end() :])
    return [before, Block("heading", found["title"]), *_run_apart(after)]


def _heading(
    blocks: Sequence[Block], index: int, block: Block, labels: frozenset[str]
) -> Lead | None:
    """A short line that reads as a title and is followed by prose of its own.

    Between the two may stand the film's facts ("Director: Wang Junzheng (China)",
    "[Hulu; 2020]"), a byline, a mark, and below a title with its facts a tagline in the
    same form ("Those Who wish me dead (2021)" / "An Engaging Western Action Thriller");
    another title line ends the search (the next title of a list)."""
    if block.kind not in {"heading", "paragraph", "list_item"}:
        return None
    if len(block.text.split()) > _MAX_HEADING_WORDS and not _LONG_REVIEWED.search(block.text):
        return None
    if (line := clean(block.text).strip(QUOTES)).endswith(".") and not line.endswith(")."):
        return None  # a sentence ("'The Darkest Hour'" is none; "Sicario (dir. X)." is)
    if index and BARE_BY.match(clean(blocks[index - 1].text)):
        return None  # "By:" / "Tyler Banark": a byline's name
    following = blocks[index + 1 : index + 1 + _LOOKAHEAD]
    vouched = bool(following) and _is_facts(following[0])
    found = _numbered(block, title_of(block.text, labels, vouched=vouched))
    head, _, subtitle = clean(block.text).partition(": ")
    if found is None and len(subtitle.split()) >= _MIN_SUBTITLE_WORDS:
        found = title_of(head, labels)  # "La La Land: Oh, what a lovely film"
    if found is None and vouched and subtitle and not LABEL_LINE.match(head + ":"):
        found = title_of(subtitle, labels, vouched=True)  # "Crowd-pleasing action: Hercules"
    if found is None:
        return None
    for after in following:
        if found[1] == "quoted" and _standfirst(block, after):
            return Lead(index, found[0], "review headline", *found[2:])
        if is_prose(after):
            whole = found[2] or found[1] == "quoted"  # '“Mission: Impossible – …”' whole
            title = found[0] if whole else subtitled(found[0], clean(after.text))
            return Lead(index, title, *found[1:])
        if is_score_only(after):  # its stars on the line below: "ABOUT A BOY" / "**"
            found = (found[0], found[1], True, True)
        if part_of(found[0], after.text):
            continue  # "The Lego Movie" / "Lego": the film's image named under its title
        lead_in = _LEAD_IN.search(clean(after.text))  # "EW's X says:", "Tomatometer: 95%"
        same = after.kind == block.kind and not _is_facts(after) and not lead_in
        if (same and not found[2]) or not _between(after):
            return None  # the next title of a list, or no prose of its own
    return None


def _dated_post(blocks: Sequence[Block], index: int, block: Block) -> Lead | None:
    """A post's title over its date, on a page listing posts ("You People" / "January
    24, 2023" / "Jonah Hill's romantic comedy is full of heart…" / "Read More"): the
    reader may take the short lines of such a list for chrome, and a title may end as a
    sentence does ("Are You There God? It's Me, Margaret."). The date vouches for the
    title; a list of posts counts only where it is the page (a review's related posts
    follow its prose)."""
    if index + 2 >= len(blocks) or blocks[index + 1].text.count(" ") > _DATE_SPACES:
        return None  # most blocks, cheaply: no short line under them
    if len(block.text.split()) > _MAX_HEADING_WORDS or not is_prose(blocks[index + 2]):
        return None
    if not DATE_LINE.match(clean(blocks[index + 1].text)):
        return None
    found = title_of(clean(block.text).removesuffix("."), frozenset(), vouched=True)
    if found is None:
        return None
    return Lead(index, found[0], _POST, marked=True, rated=False)


def _standfirst(heading: Block, after: Block) -> bool:
    """A headline quoting its film and calling itself a review, above a line of the
    review's own words (a standfirst, often with no full stop): "'Hive': Sundance Review"
    / "Kosovo-set winner of Sundance's World Dramatic section looks set to be…"."""
    text = clean(after.text)
    return (
        heading.kind == "heading"
        and after.kind in {"paragraph", "heading"}
        and bool(_REVIEW_HEADLINE.search(heading.text))
        and _MIN_STANDFIRST_WORDS <= len(text.split()) <= _MAX_STANDFIRST_WORDS
        and not is_title(text)
    )


def _between(block: Block) -> bool:
    """What may stand between a film's heading and its prose: its facts, a label line,
    a caption, a mark."""
    text = clean(block.text)
    return (
        block.kind in {"chrome", "caption", "byline"}
        or is_facts_line(block)
        or bool(LABEL_LINE.match(text))
        or is_score_only(block)
        or (len(text.split()) <= _MAX_HEADING_WORDS and not text.endswith((".", "!", "?")))
    )


def _numbered(
    block: Block, found: tuple[str, str, bool, bool] | None
) -> tuple[str, str, bool, bool] | None:
    """A list item's title as numbered: the reader took "1. The Idea of You" for an item
    of a list, and its number off."""
    if found is None or block.kind != "list_item" or found[1] != "plain":
        return found
    return found[0], "numbered", found[2], found[3]


def _line_kind(block: Block) -> str:
    """A block's kind as a layout shows it: a short line of a text file is a heading,
    whichever the reader took it for, and a paragraph opening with a bullet an item of
    the list below it (a list's first item the reader did not take for one: "*The Boy
    (2015) – …" above "JeruZalem – …")."""
    if block.kind == "paragraph" and _BULLETED.match(block.text):
        return "list_item"
    if block.kind == "paragraph" and not (
        is_prose(block) and not _LONG_REVIEWED.search(block.text)
    ):
        return "heading"  # (a long "… reviewed" headline too)
    return block.kind


def _is_facts(block: Block) -> bool:
    """A line of the film's facts or a label: "Director: X (China)", "[Hulu; 2020]"."""
    text = clean(block.text)
    return is_facts_line(block) or bool(LABEL_LINE.match(text) or _BRACKETED.fullmatch(text))


def _drop_taglines(blocks: Sequence[Block], heads: Sequence[Lead]) -> list[Lead]:
    """Of two title lines with no prose between, the one that heads a film's review: the
    first when it carries the film's facts and the second does not (its tagline: "Army of
    the Dead (2021)" / "A fun adventure with zombies!"), else the second (the first is a
    page's or a section's title above it: "Student Critics")."""
    kept: list[Lead] = []
    for head in heads:
        before = kept[-1] if kept else None
        between = blocks[before.index + 1 : head.index] if before else ()
        if before is None or any(map(is_prose, between)) or before.form == "review headline":
            kept.append(head)  # (a review headline's standfirst is its review's words)
        elif part_of(before.title, head.title):
            continue  # "The Lego Movie" / "Lego": an image's name for it, under the title
        elif not before.marked or head.marked:
            kept[-1] = head
    return kept


def part_of(title: str, line: str) -> bool:
    """A line repeating part of the title above it ("Snowpiercer" / "Snow"), or the title
    with the image's kind ("The Double" / "The Double Poster"): the name a copy kept of
    the film's image, not a title of its own."""
    short, whole = clean(line).casefold(), title.casefold().strip()
    caption = short.startswith(whole) and _IMAGE.fullmatch(short[len(whole) :]) is not None
    return bool(short) and short != whole and (short in whole or caption)


def _capsule(index: int, block: Block, labels: frozenset[str]) -> Lead | None:
    """A paragraph that opens with its film's title and a separator, then the review;
    the longest opening that is a title wins ("Ouija: Origin of Evil: "Assured…"")."""
    if (graded := graded_line(index, block)) is not None:
        return graded
    if block.kind not in {"paragraph", "list_item"}:
        return None
    if (scored := _scored(index, block)) is not None:
        return scored
    if _BY.match(block.text):
        return None  # "By: X …"
    text = clean(block.text)
    text = labelled[1] if (labelled := label_of(text, labels)) else text  # "12: The Jungle…"
    for lead, rest, paren in _splits(text) if _splits(block.text) else ():
        if (found := _capsule_of(index, lead, rest, labels, paren=paren)) is not None:
            return _listed_form(block, _with_subtitle(found, text[: len(text) - len(rest)]))
    if labelled and (found := _labelled_opening(index, *labelled)) is not None:
        return found
    found = verdict_line(index, block)
    return _listed_form(block, found) if found else None


def _labelled_opening(index: int, label: str, text: str) -> Lead | None:
    """A capsule under a label every capsule repeats, its title opening what follows with
    no separator of its own: up to a full stop, a dash or the verb it is the subject of
    ("best film: Midsommar. Minor spoilers…", "best film: Dunkirk is a masterstroke…").
    The label says the line opens a film's capsule, as a heading's shape would."""
    found = _LABELLED_OPENING.match(text)
    head = title_of(found["title"], frozenset()) if found else None
    if found is None or head is None or head[0] in NOT_SUBJECT:
        return None
    if len(found["rest"].split()) < _MIN_PROSE_WORDS:
        return None
    return Lead(index, head[0], f"capsule:label:{label}", False, False, rest=found["rest"])


def _with_subtitle(lead: Lead, opening: str) -> Lead:
    """A capsule's title with its own subtitle, when the review after the separator
    opens with one ("Wallace and Gromit – Curse of the Were-Rabbit. Loved this movie."):
    a title cut at its inner colon or dash names another film, or none. Never a person
    ("Baby Driver – Edgar Wright. …" names its director) or a kind of film ("Russian
    Sci-Fi Thriller."); nor after a title's facts, which end it ("Title (2005) – …")."""
    found = _SUBTITLE.match(lead.rest or "")
    if found is None or "(" in opening or not is_title(subtitle := found["subtitle"]):
        return lead
    if (person(subtitle) and len(subtitle.split()) <= _MAX_NAME_WORDS) or _GENRE_END.search(
        subtitle
    ):
        return lead
    separator = opening[len(opening.rstrip(" :–—-|")) :].strip() or ":"
    joined = f"{lead.title}: " if separator == ":" else f"{lead.title} {separator} "
    rest = lead.rest[found.end() :] if lead.rest else None
    return dataclasses.replace(lead, title=joined + subtitle, rest=rest)


def _listed_form(block: Block, lead: Lead) -> Lead:
    """A plain capsule in a list item as numbered: the reader took its number off."""
    listed = block.kind == "list_item" and lead.form == "capsule:plain"
    return dataclasses.replace(lead, form="capsule:numbered") if listed else lead


def _scored(index: int, block: Block) -> Lead | None:
    """A capsule closed by its score that opens with its film, the title ending at a full
    stop, a semicolon or the verb it is the subject of ("The Children. Don't expect a
    normal horror movie… 10/10.", "The Devils Tomb is pure crap. … 3/10.")."""
    if not _SCORED_END.search(block.text[-_SCORE_CHARS:]) or not is_prose(block):
        return None
    text = clean(block.text)
    found = _SCORED_OPENING.match(text)
    head = title_of(found["title"], frozenset()) if found else None
    if found is None or head is None or head[0] in NOT_SUBJECT:
        return None
    return Lead(index, head[0], "capsule:scored", marked=True, rated=True, rest=found["rest"])


def _splits(text: str) -> list[tuple[str, str, bool]]:
    """(opening, rest, bracketed) where a paragraph may divide into a title and its
    review, the longest opening first: short, and the review starting as one does."""
    lead = text[:_LEAD_CHARS]
    separated = _SEPARATES.search(lead) is not None
    starred = not lead.isascii() and _DRAWN_STARS.search(lead) is not None  # (ASCII: no star)
    if not separated and not starred and "(" not in lead:
        return []  # most lines: neither a separator nor a bracket where a title could end
    found = [
        (text[: m.start()], text[m.end() :], False)
        for m in (
            *(_SEPARATOR.finditer(lead) if separated else ()),
            *(_STARS_APART.finditer(lead) if starred else ()),
        )
    ]
    if "(" in lead and (bracketed := _PAREN_LEAD.match(text)):  # its bracket opens in the lead
        found.append((bracketed["lead"], bracketed["rest"], True))
    return sorted(
        (
            (lead.strip(), rest.strip(), paren)
            for lead, rest, paren in found
            if len(lead.split("(")[0].split()) <= _MAX_HEADING_WORDS and _opens_review(rest.strip())
        ),
        key=lambda split: -len(split[0]),
    )


def _opens_review(rest: str) -> bool:
    """Whether what follows a title starts a review (or is nothing but a full stop):
    "Ballerina (2025) is an American action film…" is a sentence running on."""
    if not rest.strip(" .") or rest[0].isupper() or rest[0] in QUOTES or rest[0].isdigit():
        return True
    return DRAWN_MARK.match(rest) is not None  # '"Klaus": ⛄⛄⛄ Adults will love this…'


def _capsule_of(
    index: int, lead: str, rest: str, labels: frozenset[str], *, paren: bool
) -> Lead | None:
    head = title_of(lead, labels, vouched=paren and _FACTS_PAREN.search(lead) is not None)
    if head is None:
        return None
    title, form, marked, rated = head
    quoted = rest[:1] in QUOTES  # 'Before the Flood (SR): "A well-intentioned eco-doc…"'
    drawn = False  # a one-line verdict with its mark: "Watchmen – Still enjoyable. ★★★★"
    if len(rest.split()) >= _least_words(rest, form, quoted=quoted or rated):
        rated = rated or MARK.search(rest) is not None
    elif not (drawn := DRAWN_MARK.search(rest) is not None) and (
        not paren or not (MARK.search(lead) or _POINTER.match(rest))
    ):
        return None  # no review: a list of titles seen, not capsules
    rated = rated or MARK.search(lead) is not None
    return Lead(index, title, f"capsule:{form}", marked or rated or drawn, rated, rest)


def _least_words(rest: str, form: str, *, quoted: bool) -> int:
    """The words a capsule's review needs after its title: fewer when it quotes or rates,
    or when the title is numbered and the review one whole sentence ("6. Room: Larson's
    performance drives this keen adaptation…."), an item of a ranked list of capsules."""
    if quoted:
        return _MIN_QUOTED_WORDS
    sentence = form == "numbered" and rest.rstrip().endswith((".", "!", "?"))
    return _MIN_TEASER_WORDS if sentence else _MIN_PROSE_WORDS


def _series(blocks: Sequence[Block], leads: Sequence[Lead], page: _Page) -> list[Lead]:
    """The largest series of leads laid out alike that makes the page a round-up."""
    groups: dict[tuple[str, str], list[Lead]] = {}
    brief: set[int] = set()
    for lead in leads:
        listed = lead.marked and page.collection  # "Movies Watched": "You People (2023)"
        short = _teaser(blocks, lead) or listed  # above 14 words; a see-also stays out
        least = _MIN_TEASER_WORDS if short else _MIN_PROSE_WORDS
        headline = lead.form == "review headline"  # its standfirst is its teaser
        if not (lead.rated or headline or (words := _prose_words(blocks, lead)) >= least):
            if not ((lead.marked or page.collection) and words):
                continue  # "Tenet (12A) / Nolan's previous film is streaming now": a see-also
            brief.add(lead.index)  # "Adrift (June 1, 2018)" / "Cliche survival film…"
        if lead.form in {_POST, VERDICT}:
            brief.add(lead.index)  # a list of posts or verdicts only where it is the page
        kind = "any" if lead.form in {_POST, VERDICT} else _line_kind(blocks[lead.index])
        form = "set apart" if lead.form not in {"plain", "capsule:plain"} else lead.form
        groups.setdefault((kind, form), []).append(lead)
        if lead.form == VERDICT and blocks[lead.index].kind == "list_item":
            groups.setdefault(("list_item", form), []).append(lead)  # one list, short or long
        if lead.rest is not None and lead.marked:  # "• Caché (117 mins.; R) In this…"
            groups.setdefault(("any", "marked capsule"), []).append(lead)  # bullet or none
        elif lead.marked:  # "Control (2007) [D. X]" above "SUPERBAD (2007) 8.00 [D. Y]"
            line = "line" if kind in {"heading", "list_item"} else kind  # numbered or not
            groups.setdefault((line, "marked heading"), []).append(lead)  # shouted or not
    best: list[Lead] = []
    for group in map(_without_headline, groups.values()):
        if any(g.index in brief for g in group) and not is_verdict_list(
            blocks, group, collection=page.collection
        ):
            group = [g for g in group if g.index not in brief]
        if len(group) > len(best) and _judged(blocks, group, page):
            best = group
    return best


def _without_headline(group: list[Lead]) -> list[Lead]:
    """The series without its first line when that alone is unmarked and the films below
    all carry their marks: the page's headline over its opening ("The Films of
    Christmases Past…" above "The Holiday (2006) Netflix")."""
    first, *rest = group
    if len(rest) >= MIN_FILMS and not first.marked and all(lead.marked for lead in rest):
        return rest
    return group


def _judged(blocks: Sequence[Block], group: Sequence[Lead], page: _Page) -> bool:
    """Whether a series of leads laid out alike are films: two or more of them evidently
    so, or plain titles on a page that says it collects films or names them all."""
    if not group:
        return False
    ends = [*(g.index for g in group[1:]), len(blocks)]
    sections = [blocks[g.index + 1 : end] for g, end in zip(group, ends, strict=True)]
    openings = Counter(_opening(s) for s in sections) - Counter({None: len(sections)})
    alike = sum(n for n in openings.values() if n >= MIN_FILMS)  # "What we know"
    distinct = len({name_key(g.title) for g in group})
    called = distinct >= _MIN_PLAIN  # "Assassins" / "Ryan White's documentary centers on…"
    evident = alike + sum(
        _evident(g, s, page, _dashed(blocks[g.index], g))
        or (called and g.rest is None and _calls_film(s))
        for g, s in zip(group, sections, strict=True)
    )
    plain = distinct >= _MIN_PLAIN and page.collection
    if distinct < len(group):
        return False  # a film heads one capsule; a title repeated heads a review's parts
    judged = evident >= MIN_FILMS or plain or _listed(blocks, group, page)
    judged = judged or is_capsule_page(blocks, group)  # each film a paragraph, nothing else
    return distinct >= MIN_FILMS and judged


def _listed(blocks: Sequence[Block], group: Sequence[Lead], page: _Page) -> bool:
    """Every film of the series named in the page's title or the short lines above the
    first ("US Blu-ray & DVD releases this week: The Sandlot, Star Wars: …"); a review's
    sub-headings are never all in its masthead."""
    above = (clean(b.text) for b in blocks[: group[0].index] if not is_prose(b))
    masthead = "\n".join([page.title, *above])
    return all(named_count(lead.title, masthead) for lead in group)


def _dashed(block: Block, lead: Lead) -> bool:
    """A capsule whose title a dash or a bar sets off from its review: "French Exit – This
    quirky comedy follows…", "La La Land || I loved this movie…" (a colon is as common
    after a review's own lead-in)."""
    if lead.rest is None:
        return False
    text = clean(block.text)
    return text[: len(text) - len(lead.rest)].rstrip().endswith(("–", "—", "-", "|"))


def _teaser(blocks: Sequence[Block], lead: Lead) -> bool:
    """A review's teaser under its headline, ending in a link to the whole review ("The
    film offers an evocative look at the cyclical consequences of hatred. Read story.")."""
    after = blocks[lead.index + 1] if lead.index + 1 < len(blocks) else None
    return after is not None and is_prose(after) and bool(_READ_ON.search(clean(after.text)))


def _opening(section: Sequence[Block]) -> str | None:
    """The short line a film's section opens with, when it opens with one ("What we
    know"): capsules that all open alike are a series, not a review's sub-headings."""
    first = next((b for b in section if b.kind != "chrome"), None)
    if first is None:
        return None
    if label := _OPENING_LABEL.match(clean(first.text)):
        return label["label"].casefold()  # "The Story: …", "Starring: …" in every section
    if is_prose(first) or len(first.text.split()) > _TEMPLATE_WORDS:
        return None
    return clean(first.text).casefold()


def _prose_words(blocks: Sequence[Block], lead: Lead) -> int:
    """The words of prose that follow a lead, up to the next heading or short line."""
    words = len((lead.rest or "").split())
    for block in blocks[lead.index + 1 :]:
        if is_prose(block):
            words += len(block.text.split())
        elif words:
            break
    return words


def _evident(lead: Lead, section: Sequence[Block], page: _Page, dashed: bool) -> bool:
    """A film by more than its shape: marked, named in its own review, quoted, under a
    label every capsule repeats, or numbered, in capitals or set off from its capsule by
    a dash on a page that says it collects films (a review's own sub-headings may be: "1.
    The Opening", "WHAT WORKS"), or set off by a dash before a first sentence that says
    what kind of film it is ("The Messenger – Incredible post-war drama starring…")."""
    form = lead.form.removeprefix("capsule:")
    if lead.marked or form in {"quoted", "review headline"} or form.startswith("label:"):
        return True
    if lead.rest is not None and _VERDICT_IN.search(lead.rest):
        return True
    if page.collection and (form in {"numbered", "shouted"} or dashed):
        return True
    if dashed and lead.rest is not None and _CALLED_FILM.search(_opening_words(lead.rest)):
        return True  # "Crawl – This movie is a perfect example…": its kind named at once
    text = "\n".join([lead.rest or "", *(clean(b.text) for b in section[:4])])
    said = any(delivers_verdict(b) for b in section[:3]) or any(map(_is_facts, section[:1]))
    said = said or any(clean(b.text).endswith(":") and not is_prose(b) for b in section[:1])
    return named_count(lead.title, text) > 0 or said


def _calls_film(section: Sequence[Block]) -> bool:
    """A heading's own prose says at once what kind of film its subject is ("Ryan White's
    documentary centers on…", "This charming indie romantic comedy from…", "A 4 hour
    documentary"), where a review's sub-heading goes on about "the film" it reviews. It
    vouches for a series of three titles at least: a review's two sub-headings may each
    open on the film ("Lucky Fan" / "One Lucky Fan, another of the year's best films…")."""
    first = next((b for b in section if is_prose(b)), None)
    return first is not None and bool(_CALLED_KIND.search(_opening_words(clean(first.text))))


def _opening_words(text: str) -> str:
    """A capsule's first words, up to the end of its first sentence."""
    words = " ".join(text.split()[:_CALLED_WORDS])
    return re.split(r"(?<=[.!?])\s", words, maxsplit=1)[0]


def _cut(blocks: Sequence[Block], leads: Sequence[Lead]) -> list[FilmSection]:
    """Each lead's section, up to the next lead; the page's masthead (its short lines
    above the first film) and sign-off (what follows the last film's review: "Review by
    …") are kept with every film."""
    header = [b for b in blocks[: leads[0].index] if not is_prose(b)]
    last_end = review_end(blocks, leads[-1].index)
    if leads[-1].form == "review headline":  # its standfirst, no prose, is its review
        last_end = max(last_end, leads[-1].index + 2)
    footer = list(blocks[last_end:])
    ends = [*(lead.index for lead in leads[1:]), last_end]
    sections = []
    for lead, end in zip(leads, ends, strict=True):
        own = list(blocks[lead.index + 1 : end])
        text = clean(blocks[lead.index].text)
        opening = [Block("heading", text)]
        if lead.rest is not None:  # the capsule's line: its title (and mark), its review
            # (or its paragraph whole, the title only named in it: its title heads it)
            shown = text[: len(text) - len(lead.rest)].rstrip(" :–—-") or lead.title
            opening = [*_marked_apart(shown), Block("paragraph", lead.rest)]
        own_blocks = (*header, *opening, *own, *footer)
        sections.append(FilmSection(lead.title, year_in(text), own_blocks))
    return sections


def _marked_apart(shown: str) -> list[Block]:
    """A capsule's title line, its drawn stars on a line of their own below the title
    ("First Man" / "★★ 1/2"), where a review's score is read; stars after a title on one
    line read as part of a heading."""
    found = _DRAWN_END.search(shown)
    if found is None or found.start() == 0:
        return [Block("heading", shown)]
    return [Block("heading", shown[: found.start()]), Block("paragraph", found.group().strip())]
