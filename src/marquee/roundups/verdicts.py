"""Lists of verdicts: a round-up whose films get a line or two each.

A month's viewing log, a festival's closing grades, a list of picks in five words: each
film is a title and a few words ("Watchmen – Still enjoyable but concentration is needed.
★★★★", "McCanick B+", "Adrift (June 1, 2018)" over one sentence, "Elizabethtown -
wonderful performances"). Too short to count as capsules on their own (a review's
scorecard, "Sound Design – Booming. ★★★★★", looks the same), such lines count together,
where the list is the page: :mod:`marquee.roundups.segment` reads them as leads, and
:func:`is_verdict_list` says whether a series of them is the page's.
"""

from __future__ import annotations

import re as stdlib_re
from collections.abc import Sequence

import regex as re

from marquee.documents.bylines import person_name
from marquee.films.names import name_key
from marquee.films.text import clean
from marquee.records import Block
from marquee.roundups.headings import title_of
from marquee.roundups.leads import Lead
from marquee.roundups.lines import STAR_GLYPHS, is_prose, review_end

VERDICT = "capsule:verdict"
"""The form of an unmarked verdict line (see :func:`verdict_line`)."""
MIN_VERDICTS = 3
"""Titles over a few words each that make a list of verdicts."""
_OPENING_PROSE = 2
"""Paragraphs of an opening above a list of verdicts."""
_DRAWN = rf"(?:[{STAR_GLYPHS}]+½?|(?P<glyph>(?![©®℗™°])\p{{So}})(?P=glyph){{0,4}})"
DRAWN_MARK = re.compile(rf"^{_DRAWN}(?=\s*\S)|(?<=[\p{{L}}.!?)]\s*){_DRAWN}\s*$")
"""A mark drawn as a run of one symbol, opening a capsule's words or closing them:
"Zoolander – Ben Stiller at his Blue Steel-ing best. ★★★★", '"Klaus": ⛄⛄⛄ Adults will
love this, too.' (a one-line verdict: its mark makes it a review, whatever its length)."""
_LINE_WORDS = 15
"""A verdict line is shorter than a capsule's prose."""
_SEPARATES = stdlib_re.compile(r"[:\-–—]")
_LEAD_CHARS = 100
"""A line's title and its separator come within its first characters."""
_SENTENCE = re.compile(r"^\S+(?:\s+\S+){3,}?[.!?]")
"""Four words at least, to a full stop: a sentence, not a name."""
_VERDICT_LINE = re.compile(r"^(?P<title>[^:–—]{1,80}?)(?:\s*:|\s+[-–—]{1,2})\s+(?P<rest>\S.*)$")
_END_CHARS = 16
_GRADED = re.compile(r"^(?P<title>[^()]{1,80}?)\s+(?P<grade>[A-F][+-]?)(?:\s+\([^()]+\))?\s*$")
_GRADE_END = re.compile(r"\s[A-F][+-]?\s*$")
"""A list's line of a title and its grade, the review in brackets after it if any."""


def graded_line(index: int, block: Block) -> Lead | None:
    """A line of a list of grades: a title, its letter grade, and the review in brackets
    if any ("Coherence A+ (A superb low budget art house…)", "McCanick B+"). The grade
    alone may end a title ("Plan B"), so such lines count only as a list of verdicts."""
    if block.kind not in {"heading", "paragraph", "list_item"}:
        return None
    end = block.text.rstrip()[-_END_CHARS:]
    if not (end.endswith(")") or _GRADE_END.search(end)):
        return None  # most lines, cheaply
    found = _GRADED.match(clean(block.text))
    head = title_of(found["title"], frozenset()) if found else None
    if found is None or head is None or head[1] != "plain":
        return None
    rest = clean(block.text)[found.start("grade") :]
    return Lead(index, head[0], "capsule:graded", marked=True, rated=False, rest=rest)


def verdict_line(index: int, block: Block) -> Lead | None:
    """A title and a few words on it in lower case, unmarked ("Elizabethtown - wonderful
    performances", "• Hocus Pocus: gets better every year."): a verdict only in a list of
    them on a page that says it collects films; a field's value starts with a capital
    ("Violence: Graphic, gruesome…", "Baby Driver – Edgar Wright"). Longer, the words
    are a capsule's review run on in lower case ("Get Out: a rare and brilliant
    combination of horror and satire makes…"), a film only where the page's layout or
    words say so, as any plain capsule."""
    parts = _verdict_parts(block)
    if parts is None or not _says(block, parts[1]):
        return None
    short = block.text.count(" ") <= _LINE_WORDS
    form = VERDICT if short else "capsule:plain"
    return Lead(index, parts[0], form, marked=False, rated=False, rest=parts[1]["rest"])


def _verdict_parts(block: Block) -> tuple[str, re.Match[str]] | None:
    """(title, the line's match) of a line that opens with a plain title and a separator."""
    if not _SEPARATES.search(block.text[:_LEAD_CHARS]):
        return None  # most paragraphs, cheaply
    found = _VERDICT_LINE.match(clean(block.text))
    head = title_of(found["title"], frozenset()) if found else None
    if found is None or head is None or head[1] != "plain":
        return None
    return head[0], found


def among_verdicts(blocks: Sequence[Block], leads: Sequence[Lead]) -> list[Lead]:
    """The leads, with the lines of a run of verdicts whose few words open with a capital
    ("Zozo - Lebanon during the war" between "Backstage - french take…" and "Bluebird -
    bullying at school"): laid out as the lines beside it, a line is one of them unless
    its words are a name ("Baby Driver – Edgar Wright") or follow a colon ("Violence:
    Graphic, gruesome…", a field's value)."""
    if not any(lead.form == VERDICT for lead in leads):
        return list(leads)  # most pages: no verdict line to stand beside
    by_index = {lead.index: lead for lead in leads}
    grown = True
    while grown:
        grown = False
        for index, block in enumerate(blocks):
            if index in by_index or not _beside_verdict(blocks, index, by_index):
                continue
            if (lead := _capital_verdict(index, block)) is not None:
                by_index[index] = lead
                grown = True
    return sorted(by_index.values(), key=lambda lead: lead.index)


def _beside_verdict(blocks: Sequence[Block], index: int, leads: dict[int, Lead]) -> bool:
    """A line right above or below a verdict line of its own kind of block."""
    return any(
        (near := leads.get(other)) is not None
        and near.form == VERDICT
        and blocks[other].kind == blocks[index].kind
        for other in (index - 1, index + 1)
    )


def _capital_verdict(index: int, block: Block) -> Lead | None:
    """A verdict line set off by a dash whose words open with a capital and are no
    person's name (after a colon, a capital opens a field's value)."""
    parts = _verdict_parts(block) if block.text.count(" ") <= _LINE_WORDS else None
    if parts is None:
        return None
    found = parts[1]
    rest = found["rest"]
    if found.group(0)[found.end("title") :].lstrip().startswith(":"):
        return None  # "Violence: Graphic, gruesome…": a field and its value
    if person_name(rest) == rest.strip():
        return None  # "Baby Driver – Edgar Wright": a director's name, not a verdict
    return Lead(index, parts[0], VERDICT, marked=False, rated=False, rest=rest)


def _says(block: Block, found: re.Match[str]) -> bool:
    """Whether the words after a title are a verdict's: in lower case, or in a bulleted
    list a sentence set off by a dash ("- Maestro – Bradley Cooper makes good movies.");
    a field's value is a name or a word or two ("10. Baby Driver – Edgar Wright")."""
    rest = found["rest"]
    dashed = not found.group(0)[found.end("title") :].lstrip().startswith(":")
    listed = block.kind == "list_item" and dashed and _SENTENCE.search(rest) is not None
    return rest[0].islower() or listed


def is_verdict_list(blocks: Sequence[Block], group: Sequence[Lead], *, collection: bool) -> bool:
    """Marked titles over a few words each make a list of verdicts ("Adrift (June 1,
    2018)" / "Cliche survival film with all the expected romantic tropes.") only when the
    list is the page: three films at least, every title marked (or the page saying it
    collects films: "Film Festival 1" / "Zozo - lebanon…"), and no more prose around
    them than in them, or an opening of a paragraph or two above three titles a paragraph
    (a review's scorecard, "Sound Design – Booming. ★★★★", follows the review's prose; a
    page's headline over its opening is no verdict)."""
    films = len({name_key(g.title) for g in group})
    if films < MIN_VERDICTS or not (collection or all(g.marked for g in group)):
        return False
    end = review_end(blocks, group[-1].index)
    inside = sum(len(b.text.split()) for b in blocks[group[0].index : end])
    around = [b for b in (*blocks[: group[0].index], *blocks[end:]) if is_prose(b)]
    opening = len(around) <= _OPENING_PROSE and films >= MIN_VERDICTS * len(around)
    return opening or sum(len(b.text.split()) for b in around) <= inside
