"""Round-up pages whose films are not under headings of their own.

:mod:`marquee.roundups.split` finds the films a page reviews under headings. Three common
layouts have none:

* **A box of the week's films, then prose.** A newspaper column opens with one entry per
  film: the title with its certificate and where it is showing, an empty "Rating:" (the
  stars were images) and a one-line "Verdict:"; the critic then reviews the films in
  prose, in the box's order, each from the paragraph that first names it. Each film's
  review is its box entry (so its own verdict line, and no rating where "Rating:" is
  empty) and its prose.
* **Rated runs of prose.** A blog's monthly round-up reviews each film in a paragraph or
  two that names it in quotation marks ("…on Netflix and is 'The Old Guard'.") and closes
  with a rating line ("Rating: 3.5 out of 10"). Each run up to and including its rating
  line is that film's review.

* **Reviews opened by their rating.** A page whose titles were heading images the copy
  lost: each review opens with its stars ("⭐️⭐️⭐️ (out of 4)") and names its film in
  quotation marks ('The great joke of "Barbie," …'). Each rating line up to the next is
  that film's review.

Each layout needs two distinct films; otherwise the page is left whole. Who wrote each
film's review is read by :mod:`marquee.roundups.credits`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import regex as re

from marquee.films.match import named_count
from marquee.films.names import name_key
from marquee.films.text import clean
from marquee.films.titles import TITLE
from marquee.records import Block
from marquee.roundups.lines import (
    EMPTY_RATING,
    QUOTED_TITLE,
    STAR_GLYPHS,
    VERDICT_LINE,
    delivers_verdict,
    is_facts,
    is_prose,
    year_in,
)

MIN_FILMS = 2
_BOX_GAP = 4
"""At most this many short lines (rating, verdict, where showing) follow a box title."""
_HEADLINE_WORDS = 14

_QUOTED_NAME = re.compile(rf"['‘\"“](?P<title>{TITLE})[,.]?['’\"”]")
"""A title in quotation marks, the sentence's comma inside them: '"Barbie," Greta…'."""
_STAR_LINE = re.compile(rf"[{STAR_GLYPHS}½\uFE0F\s]+(?:\((?:out )?of \d{{1,2}}\))?")
"""Stars alone, emoji ones too ("⭐️" carries a variation selector), with their scale."""
_BOX_TITLE = re.compile(rf"^(?P<title>{TITLE})\s*(?P<facts>\([^()]{{1,60}}\))\s*$")


@dataclasses.dataclass(frozen=True, slots=True)
class FilmSection:
    """One film's review on a round-up page: its title, year if printed, and blocks."""

    title: str
    year: int | None
    blocks: tuple[Block, ...]


def film_box(blocks: Sequence[Block]) -> list[FilmSection]:
    """A box of the week's films at the top, then the prose reviewing them in order."""
    first_prose = next((i for i, b in enumerate(blocks) if is_prose(b)), len(blocks))
    entries = _box_entries(blocks[:first_prose])
    if len({name_key(title) for title, _, _ in entries}) < MIN_FILMS:
        return []
    masthead = [b for b in blocks[: entries[0][2].start] if b.kind != "chrome"]
    prose = blocks[first_prose:]
    starts = _first_mentions([title for title, _, _ in entries], prose)
    sections = []
    for number, (title, facts, where) in enumerate(entries):
        start = starts[number]
        ends = [s for s in starts[number + 1 :] if s is not None]
        own = [] if start is None else list(prose[start : ends[0] if ends else len(prose)])
        if number == 0 and start is not None:
            own = [*prose[:start], *own]  # the column's opening leads into the first film
        box = list(blocks[where])
        sections.append(FilmSection(title, year_in(facts), (*masthead, *box, *own)))
    return sections


def _box_entries(top: Sequence[Block]) -> list[tuple[str, str, slice]]:
    """(title, facts, where in the page) for each entry of the box: a title with its
    facts followed by short lines, one of them a verdict line."""
    entries = []
    for index, block in enumerate(top):
        found = _BOX_TITLE.match(clean(block.text))
        if found is None or not is_facts(found["facts"]):
            continue
        end = index + 1
        while end < len(top) and end - index <= _BOX_GAP and _box_line(top[end]):
            end += 1
        lines = top[index + 1 : end]
        if any(VERDICT_LINE.match(clean(b.text)) for b in lines):
            entries.append((found["title"], found["facts"], slice(index, end)))
    return entries


def _box_line(block: Block) -> bool:
    text = clean(block.text)
    return (
        bool(EMPTY_RATING.match(text) or delivers_verdict(block))
        or (len(text.split()) <= _HEADLINE_WORDS and not is_prose(block))
        and _BOX_TITLE.match(text) is None
    )


def _first_mentions(titles: Sequence[str], prose: Sequence[Block]) -> list[int | None]:
    """Where each film's review starts: the first paragraph naming it after the previous
    film's start (None when the prose never names it there)."""
    starts: list[int | None] = []
    after = 0
    for title in titles:
        start = next(
            (i for i in range(after, len(prose)) if named_count(title, clean(prose[i].text))),
            None,
        )
        starts.append(start)
        if start is not None:
            after = start + 1
    return starts


def rated_runs(blocks: Sequence[Block]) -> list[FilmSection]:
    """Runs of prose each closed by a rating line and naming its film in quotation marks."""
    sections: list[FilmSection] = []
    start = 0
    for index, block in enumerate(blocks):
        if is_prose(block) or not delivers_verdict(block):
            continue  # (the cheap test first: a review's lines are mostly prose)
        run = blocks[start : index + 1]
        start = index + 1
        if sections and not any(is_prose(b) for b in run):  # "BigJ's Rating: 6/10"
            last = sections[-1]
            sections[-1] = dataclasses.replace(last, blocks=(*last.blocks, *run))
            continue
        title = _quoted_title(run)
        if title is None:
            return []  # a run naming no film: not this layout
        sections.append(FilmSection(title, None, (Block("heading", title), *run)))
    if len({name_key(s.title) for s in sections}) < MIN_FILMS:
        return []
    return sections


def rated_openings(blocks: Sequence[Block]) -> list[FilmSection]:
    """Reviews each opened by its rating line, the title lost (a heading image) and named
    in quotation marks by its prose ('⭐️⭐️⭐️ (out of 4)' / 'The great joke of "Barbie,"
    …'): each rating line up to the next is that film's review."""
    cuts = [i for i, b in enumerate(blocks) if _rating_line(b)]
    if len(cuts) < MIN_FILMS:
        return []
    sections = []
    for number, (start, end) in enumerate(zip(cuts, [*cuts[1:], len(blocks)], strict=True)):
        run = blocks[0 if number == 0 else start : end]
        title = _quoted_title(blocks[start:end], _QUOTED_NAME)
        if title is None:
            return []  # a rating line opening no film's review: not this layout
        sections.append(FilmSection(title, None, (Block("heading", title), *run)))
    if len({name_key(s.title) for s in sections}) < len(sections):
        return []  # one film rated line by line ("Story: 4/5", "Acting: 3/5")
    return sections


def _rating_line(block: Block) -> bool:
    """A line that rates a film and says nothing else: "Rating: 3/5", "⭐️⭐️⭐️ (out of 4)"."""
    text = clean(block.text)
    return not is_prose(block) and (delivers_verdict(block) or bool(_STAR_LINE.fullmatch(text)))


def _quoted_title(run: Sequence[Block], quoted: re.Pattern[str] = QUOTED_TITLE) -> str | None:
    for block in run:
        if is_prose(block) and (found := quoted.search(clean(block.text))):
            return str(found["title"])
    return None
