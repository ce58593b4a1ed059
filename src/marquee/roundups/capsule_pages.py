"""Pages of capsules: a round-up that is nothing but its films, a paragraph each.

An in-flight diary, a week's Blu-rays, a month's Letterboxd log: a line or two of opening,
then every paragraph opens with a film's title and a separator and goes on to review it
("The Reventant: I am a bad, bad Leo fan…", "• Red Tails: George Lucas spent twenty
years…", "Still Alice – Another Alzheimer's film…"). No title is marked and the page
need not say it collects films; what says so is the layout itself: each film one
paragraph, one after the other, the capsules the page's bulk. A review's own labelled
paragraphs ("Story: …", "The Acting: …") name parts of one film, never films, and follow
its prose rather than making it.
"""

from __future__ import annotations

from collections.abc import Sequence

from marquee.records import Block
from marquee.roundups.leads import Lead
from marquee.roundups.lines import is_prose
from marquee.roundups.titles import is_aspect
from marquee.roundups.verdicts import is_verdict_list


def is_capsule_page(blocks: Sequence[Block], group: Sequence[Lead]) -> bool:
    """Whether a series of capsules, each sharing its title's line, is the page: one
    paragraph per film with no prose of its own between them, no title a review's
    aspect, and (as for a list of verdicts) three films at least, with no more prose
    around them than in them or an opening of a paragraph or two."""
    if any(lead.rest is None or is_aspect(lead.title) for lead in group):
        return False
    ends = [lead.index for lead in group[1:]]
    if any(
        is_prose(block)
        for lead, end in zip(group, ends, strict=False)
        for block in blocks[lead.index + 1 : end]
    ):
        return False
    return is_verdict_list(blocks, group, collection=True)
