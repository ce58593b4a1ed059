"""Round-ups whose films are named only in their prose, each set apart where its
paragraph opens: in quotation marks or in capitals.

A column of the week's DVDs or a list of picks often has no heading per film; each
paragraph turns to the next film within its first words and sets the title apart as
papers and blogs print a title inside a sentence ("David O. Russell's “Silver Linings
Playbook” is finally coming out…", "The first Disney movie on this list is “Hocus Pocus”
from 1993…", "WRECK-IT RALPH, which I preferred to…"). The paragraphs that follow
without a new title go on about the same film.

A single review sets other films apart in its prose too ("Like “Jaws”, …"), so this
reading holds only on a page that says it collects films above its first film (its
title or masthead: "This Week on DVD & Blu-ray", "top picks"; a site's name in a footer,
"Ozus' World Movie Reviews", says nothing of the page) and where at least three paragraphs each open
on a film of their own, none of which a later film's paragraphs name again (a review
comes back to its own film between the films it compares it with). A
title in brackets ("Director Allen Hughes (“Menace II
Society”) latest, “Broken City”") is the filmography of someone named, never the film
the paragraph is about.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex as re

from marquee.films.match import named_count
from marquee.films.names import name_key
from marquee.films.text import clean
from marquee.records import Block
from marquee.roundups.headings import COLLECTION
from marquee.roundups.leads import Lead
from marquee.roundups.lines import is_prose
from marquee.roundups.titles import display_title, is_aspect, is_shouted, is_title

MIN_FILMS = 3
"""Paragraphs that each open on a film of their own: fewer may be a review's asides."""
OPENING_WORDS = 20
"""Where a paragraph names the film it turns to: within its first sentence or two."""

_SET_APART = re.compile(
    r"(?<![\p{L}\p{N}])(?:“(?P<curly>[^“”]{1,80})”|\"(?P<straight>[^\"]{1,80})\""
    r"|‘(?P<single>[^‘’]{1,80})’(?![\p{L}])"
    r"|(?P<shouted>\p{Lu}[\p{Lu}\p{N}'’&:!-]*(?:\s+[\p{Lu}\p{N}][\p{Lu}\p{N}'’&:!-]*){0,7}))"
)
"""A title set apart inside a sentence: quoted (curly, straight or single marks) or a run
of words in capitals ("SCHINDLER'S LIST")."""
_BRACKETS = re.compile(r"\([^()]*\)")


def quoted_leads(blocks: Sequence[Block], title: str) -> list[Lead]:
    """The paragraphs that open on a film set apart, on a page whose title or masthead
    says it collects films; [] unless three at least each open on a film of their own."""
    titled = COLLECTION.search(clean(title)) is not None
    said = [i for i, b in enumerate(blocks) if not is_prose(b) and COLLECTION.search(clean(b.text))]
    if not (titled or said):
        return []  # most pages, a single review's among them: no paragraph read
    leads = _leads(blocks)
    if len(leads) < MIN_FILMS or not (titled or said[0] < leads[0].index):
        return []
    return [] if _comes_back(blocks, leads) else leads


def _leads(blocks: Sequence[Block]) -> list[Lead]:
    leads: list[Lead] = []
    for index, block in enumerate(blocks):
        title = opening_title(block) if is_prose(block) else None
        if title is None or (leads and name_key(title) == name_key(leads[-1].title)):
            continue  # the same film again: its review goes on
        rest = clean(block.text)  # the paragraph whole is the review; the title heads it
        leads.append(Lead(index, title, "quoted", marked=False, rated=False, rest=rest))
    return leads


def _comes_back(blocks: Sequence[Block], leads: Sequence[Lead]) -> bool:
    """Whether the prose names a film again after another film's paragraph took over: a
    review keeps coming back to its own film between the films it compares it with; a
    column's capsule leaves the film before it behind."""
    ends = [*(lead.index for lead in leads[1:]), len(blocks)]
    texts = [
        "\n".join(clean(b.text) for b in blocks[lead.index : end] if is_prose(b))
        for lead, end in zip(leads, ends, strict=True)
    ]
    return any(
        named_count(lead.title, later) > 0
        for number, lead in enumerate(leads)
        for later in texts[number + 1 :]
    )


def opening_title(block: Block) -> str | None:
    """The first title a paragraph sets apart within its opening words, brackets aside."""
    opening = clean(" ".join(block.text.split()[:OPENING_WORDS]))
    for found in _SET_APART.finditer(_BRACKETS.sub(" ", opening)):
        text = next(group for group in found.groups() if group is not None).strip(" ,.;:!?")
        if found["shouted"] is not None and not _shouted_title(found["shouted"]):
            continue  # "I", "DVD", "SPOILER WARNING:": capitals, not a title
        title = display_title(text)
        if is_title(title) and not is_aspect(title):
            return title
    return None


def _shouted_title(shouted: str) -> bool:
    """Capitals that print a title: two words or more, or one of five letters or more
    ("BRAVE"), never an initialism ("DVD", "HBO") nor a label before its colon ("SPOILER
    WARNING:", "UPDATE:")."""
    text = shouted.strip(" ,.;!?")
    if text.endswith(":"):
        return False
    return is_shouted(text) and (len(text.split()) > 1 or len(text) >= 5)
