"""A page that reviews several films becomes one Document per film.

Newspapers review the week's releases on one page: "BRIAN VINER reviews Oppenheimer,
Asteroid City and The Beanie Bubble", then each film under its own heading
("Oppenheimer (15, 180 mins)", "**Monster** ★★★★☆") with its own prose, verdict line and
stars. Each of those is a review in its own right, by the page's critic, so each becomes a
part (``Document.part`` 0, 1, …) with its own blocks; the page's masthead (headline,
byline, dateline) and sign-off are shared by every part, so each part still says who
wrote it and when.

A heading counts as a film's section only when the heading looks like a film (a title
with a certificate, runtime or year beside it, or a title the section or the headline
names) *and* the section delivers a verdict (a "Verdict:" line, a rating, stars). A film
mentioned in passing ("anyone who found Tenet (2020) a puzzle box…") has no heading and
no verdict of its own, so it never becomes a review; an ordinary review with sub-headings
("A triangle without villains", "Story ★★★☆☆") is left whole.

A page whose films are not under headings (a box of the week's films above the prose, or
runs of prose each closed by a rating line) is split by :mod:`marquee.roundups.layouts`.
Every part names its critic (:func:`marquee.roundups.credits.credited_parts`).
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
from collections.abc import Callable, Sequence

import regex as re

from marquee.documents.kind import page_kind
from marquee.films.match import named_count
from marquee.films.names import name_key
from marquee.films.text import clean
from marquee.records import TABLE_SHAPES, Block, Document
from marquee.roundups.credits import credited_parts
from marquee.roundups.headings import COLLECTION, LABEL_LINE, label_of, shared_labels, title_of
from marquee.roundups.layouts import FilmSection, film_box, rated_openings, rated_runs
from marquee.roundups.lines import (
    CERTIFICATE,
    DATE_LINE,
    MARK,
    MAX_FACTS_WORDS,
    QUOTES,
    STAR_GLYPHS,
    STARS,
    VERDICT_LINE,
    delivers_verdict,
    is_facts,
    is_facts_line,
    is_prose,
    is_score_only,
    review_end,
    year_in,
)
from marquee.roundups.pairs import each_film
from marquee.roundups.segment import film_sections, part_of
from marquee.roundups.titles import NUMBERED, display_title, is_aspect, is_title, set_apart
from marquee.scores import parse_score

log = logging.getLogger(__name__)

MIN_FILMS = 2
"""A page is split only when it reviews at least this many distinct films."""

PAGE_KEYS = ("title", "critic", "outlet", "published", "url", "spoilers")
"""Meta that belongs to the page (and so to every part); the rest (film, year, score,
credits from front matter or JSON-LD) describes one film and is not handed to all."""

_MAX_HEADING_WORDS = 14
_REVIEW_WORDS = 30
_CAPSULE_WORDS = 10
_TEMPLATE_WORDS = 6
_HEADLINE_LINES = 6
"""The page title and the first few short lines: where a column's headline is."""

_HEADING = re.compile(
    rf"^(?P<title>.+?)(?=\s*(?:[(\-–—|:{STAR_GLYPHS}½*\d]|$))"
    rf"\s*(?P<facts>\((?:[^()]{{1,40}})\))?\s*(?:[-–—|:]\s*)?"
    rf"(?:(?P<stars>{STARS})|(?<=[-–—]\s*)(?P<bare>10|\d(?:\.\d)?))?\s*$"
)
"""A film heading: "Oppenheimer (15, 180 mins)", "Monster ★★★★☆", "Zodiac – 8". The
lookahead after the title names the first characters what follows it can start with (a
bracket, a separator, a star or digit, or the end), so the lazy title grows past every
other character without trying the rest there: a third of the time, the same matches."""
_CAPSULE = re.compile(
    rf"^(?P<title>[^()]+?)\s*(?P<aside>\([^()]{{1,40}}\)\s*)?(?P<facts>\([^()]{{1,40}}\))\s*"
    rf"(?P<stars>{STARS})?\s*[-–—:]\s+(?P<rest>\S.*)$"
)
"""A review in one line: "Napoleon (15) – Ridley Scott's battles are spectacular… 3/5"."""
_TITLE_LINE = re.compile(
    rf"^(?P<title>[^()]+?)\s*(?P<facts>\(\s*{CERTIFICATE}\s*\))(?P<rest>[^!?]*)$"
)
"""A guide's title line: "Grow Your Own (PG) (Richard Laxton, 2007, UK) … 101 mins."."""
_TRAILING_SCORE = re.compile(rf"(?:{STARS})\W*$")
_REVIEWS_HEADLINE = re.compile(
    r"\b(?:film|movie)s?\b.{0,40}\b(?:reviews|round[- ]?up|capsules|digest)\b"
    r"|\bmini[- ](?:film |movie )?reviews\b|\b(?:movie|film)\b.{0,20}\bround[- ]?up\b",
    re.IGNORECASE,
)
"""A headline that says the page collects reviews: "Mini Film Reviews Volume 54"."""
_MAY_RATE = re.compile(rf"[({STAR_GLYPHS}½*\d]")
"""What a paragraph needs to open a film's review in ``_heading_at``: the bracket of its
facts, or a star or digit of its rating (see ``STARS``); a line without one is read only
for a title set apart, one regex search instead of the forms' several."""
_NAMES_ASIDE = re.compile(r"\(\p{Lu}[^()]*\)")
"""A parenthesis of names after a title: its star or its other title ("(Kate Hudson)",
"(Nochnoi Dozor)"), unlike a sentence's aside "(and why it matters)"."""


@dataclasses.dataclass(frozen=True, slots=True)
class _Heading:
    """A heading that may open one film's review."""

    index: int
    title: str
    year: int | None
    stars: str | None  # a rating printed beside the title
    dated: bool  # a certificate, runtime or year beside the title
    text: str  # the heading as the part shows it
    capsule: str | None = None  # the review itself, when it shares the heading's line
    quoted: bool = False  # the title set apart: "'My Policeman'", "BLACK PANTHER--Ryan …"


def split_films(doc: Document) -> tuple[Document, ...]:
    """One Document per film a page reviews; ``(doc,)`` for a page about one film, and for
    a page that does not read as a film review (a theatre or TV column added with
    --keep-non-film: its plays and episodes are not films)."""
    if doc.shape in TABLE_SHAPES or not page_kind(doc).is_film:
        return (doc,)
    blocks = doc.blocks
    boxed = film_box(blocks)  # before headings: a box's titles look like film headings
    headings = [] if boxed else _film_headings(blocks, doc.meta.get("title", ""))
    headlines = _headlines(doc.meta.get("title", ""), blocks)
    general = film_sections(blocks, headlines)
    if len(headings) < MIN_FILMS or _widens(general, [h.title for h in headings]):
        sections = boxed or rated_runs(blocks) or general or rated_openings(blocks)
        log.info("%s: %d films reviewed on one page", doc.source, len(sections))
        parts = [_part(doc, n, s) for n, s in enumerate(each_film(sections))]
        return credited_parts(doc, parts, headlines) or (doc,)
    widgets = _trailing_widgets(blocks, len(headings))
    body = blocks[: len(blocks) - len(widgets)]
    header = [b for b in body[: headings[0].index] if not is_prose(b)]
    last_end = review_end(body, headings[-1].index)
    footer = list(body[last_end:])
    ends = [*(h.index for h in headings[1:]), last_end]
    log.info("%s: %d films reviewed on one page", doc.source, len(headings))
    sections = []
    for number, (heading, end) in enumerate(zip(headings, ends, strict=True)):
        own = [*_own(body[heading.index : end], heading), *widgets[number : number + 1]]
        sections.append(FilmSection(heading.title, heading.year, (*header, *own, *footer)))
    parts = [_part(doc, n, s) for n, s in enumerate(each_film(sections))]
    return credited_parts(doc, parts, headlines)


def _widens(general: Sequence[FilmSection], titles: Sequence[str]) -> bool:
    """Whether the general segmentation finds every film the layout rules found, and more
    (so a page those rules read in part is read whole, and none they read is read worse)."""
    found = {name_key(s.title) for s in general}
    return len(found) > len(titles) and all(_covered(t, found) for t in titles)


def _covered(title: str, found: set[str]) -> bool:
    """A layout rule's title the general read found too, or one that reads as no title: a
    headline taken whole ("Early Man' Is Centered on…"), a heading taken with its label
    ("Sundance Film Review: Dayveon"), a date line ("Thursday, February 1, 2018")."""
    key = name_key(title)
    inside = any(key.startswith(f"{film} ") or key.endswith(f" {film}") for film in found)
    return key in found or inside or title_of(title, frozenset()) is None


def _film_headings(blocks: Sequence[Block], title: str) -> list[_Heading]:
    """The headings that open a film's review, in page order.

    First the headings that plainly are films (a title with its facts, in quotation marks,
    or named by its own prose or the headline) and open a review of their own (a verdict,
    or prose); two of those, with a verdict or a certificate between them, make the page a
    round-up. Then any heading of the same kind that delivers its own verdict opens a
    review too ("Saw X" above stars, never named in its own prose). A candidate's section
    runs to the next accepted heading, so a sub-heading inside a review neither opens one
    nor cuts its section short; a repeat of a film already opened stays inside the review
    before it.
    """
    labels = shared_labels(blocks)
    candidates = [
        h for i, b in enumerate(blocks) if (h := _candidate(blocks, i, b, labels)) is not None
    ]
    if len(candidates) < MIN_FILMS:
        return []
    masthead = [b.text for b in blocks[: candidates[0].index] if not is_prose(b)]
    headline = "\n".join(clean(text) for text in (title, *masthead))
    collection = any(_REVIEWS_HEADLINE.search(clean(line)) for line in _headlines(title, blocks))

    def is_film(heading: _Heading, section: Sequence[Block]) -> bool:
        film_like = _is_film(heading, section, headline) or (collection and not _is_aspect(heading))
        return film_like and (_has_verdict(heading, section) or _reviews(heading, section))

    named = _accepted(blocks, candidates, is_film)
    if not named:
        return []
    kinds = {blocks[h.index].kind for h in named}
    templates = {_template(s) for s in _sections(blocks, named)} - {None}

    def sibling(heading: _Heading, section: Sequence[Block]) -> bool:
        """Of the named films' kind, with a verdict of its own or laid out like them."""
        if blocks[heading.index].kind not in kinds or _is_aspect(heading):
            return False
        return _has_verdict(heading, section) or (
            _template(section) in templates and _reviews(heading, section)
        )

    found = _accepted(blocks, candidates, lambda h, s: is_film(h, s) or sibling(h, s))
    sections = _sections(blocks, found)
    verdicts = sum(_has_verdict(h, s) for h, s in zip(found, sections, strict=True))
    dated = sum(_dated(h, s) for h, s in zip(found, sections, strict=True))
    laid_out = len([s for s in sections if _template(s) in templates])
    set_apart = sum(h.quoted for h in found)
    judged = verdicts or collection or max(dated, laid_out, set_apart) >= MIN_FILMS
    if len(found) < MIN_FILMS or not judged:
        return []  # two films named in passing under headings do not make a round-up
    seen: set[tuple[str, int | None]] = set()
    kept = []
    for heading in found:
        key = (name_key(heading.title), heading.year)
        if key not in seen:
            seen.add(key)
            kept.append(heading)
    return kept


def _accepted(
    blocks: Sequence[Block],
    candidates: Sequence[_Heading],
    accept: Callable[[_Heading, Sequence[Block]], bool],
) -> list[_Heading]:
    """The candidates ``accept`` takes, each judged on the blocks up to the next accepted
    one (so, from the last candidate back)."""
    accepted: list[_Heading] = []
    end = len(blocks)
    for heading in reversed(candidates):
        if accept(heading, blocks[heading.index + 1 : end]):
            accepted.append(heading)
            end = heading.index
    return accepted[::-1]


def _sections(blocks: Sequence[Block], headings: Sequence[_Heading]) -> list[Sequence[Block]]:
    ends = [*(h.index for h in headings[1:]), len(blocks)]
    return [blocks[h.index + 1 : end] for h, end in zip(headings, ends, strict=True)]


def _heading_at(index: int, block: Block, labels: frozenset[str] = frozenset()) -> _Heading | None:
    """A film heading: "Oppenheimer (15, 180 mins)", "Monster ★★★★☆", "**Elemental** (PG)",
    or a one-line capsule review opening with the film and its facts.

    A heading block qualifies by its shape alone; a paragraph or list item only when it
    prints the film's facts or rating beside the title (a bold title inside a <p>). A label
    the page's headings share comes off ("Program Notes: Once (2006)").
    """
    if block.kind not in {"heading", "paragraph", "list_item"}:
        return None
    text = NUMBERED.sub("", clean(block.text))
    if VERDICT_LINE.match(text) or LABEL_LINE.match(text) or text.endswith(":"):
        return None  # "Director: …", "The Good:": a label, never a film
    if DATE_LINE.match(text):
        return None  # "Dec 27, 2022": a post's date, not "Dec 27" of 2022
    words = len(text.split())
    if words <= _TEMPLATE_WORDS and COLLECTION.search(text):
        return None  # "The Round-Up": the page's own title
    short = words <= _MAX_HEADING_WORDS  # (a longer line is no _HEADING: no search to spare)
    if short and block.kind != "heading" and not _MAY_RATE.search(text):
        return _set_apart(index, text)  # what the forms below give a line with no facts or mark
    found = _HEADING.match(text) if short else None
    if found is None or not is_title(found["title"]):
        found = _CAPSULE.match(text) if "(" in text else None  # its facts: most lines have none
    if found is None or not is_title(found["title"]):
        return _title_line(index, block, text) or _set_apart(index, text)
    capsule = found.groupdict().get("rest")
    named, facts = found["title"].strip(" -–—|:"), found["facts"]
    named = labelled[1] if (labelled := label_of(named, labels)) else named  # "Program Notes: X"
    stars = found["stars"] or found.groupdict().get("bare")
    title = display_title(named)
    dated = facts is not None and is_facts(facts)
    if facts is not None and not dated and not _NAMES_ASIDE.fullmatch(facts):
        return None  # "(and why it matters)": a sentence's aside, not a film's facts
    marked = capsule is not None and MARK.search(capsule) is not None
    if block.kind != "heading" and not (dated or stars or marked):
        return _set_apart(index, text)
    shown = " ".join(part for part in (title, facts) if part) if stars or capsule else block.text
    return _Heading(
        index, title, year_in(facts or ""), stars, dated, shown, capsule, named[:1] in QUOTES
    )


def _candidate(
    blocks: Sequence[Block], index: int, block: Block, labels: frozenset[str]
) -> _Heading | None:
    """A heading that may open a film's review, or a bare title line whose facts follow
    it ("Reno 9/11!: Miami" above "(15) 84min (2 Stars) This big screen…")."""
    heading = _heading_at(index, block, labels)
    if heading is not None and index and part_of(clean(blocks[index - 1].text), block.text):
        return None  # "The Double" / "The Double Poster": its image's caption
    if heading is not None or block.kind not in {"paragraph", "list_item"} or is_prose(block):
        return heading  # (a paragraph of prose is no bare title: its next line goes unread)
    if index + 1 >= len(blocks) or not is_facts_line(blocks[index + 1]):
        return None
    text = clean(block.text)
    if not is_title(text):
        return None
    if LABEL_LINE.match(text):
        return None  # "Starring: Ana Ruiz, Tom Bell" above "Rated PG-13 …": the film's facts
    return _Heading(index, display_title(text), None, None, True, block.text)


def _set_apart(index: int, text: str) -> _Heading | None:
    """A capsule whose title is set apart (:func:`marquee.roundups.titles.set_apart`)."""
    found = set_apart(text)
    if found is None:
        return None
    title, rest, dated = found
    return _Heading(index, title, None, None, dated, title, rest, quoted=True)


def _title_line(index: int, block: Block, text: str) -> _Heading | None:
    """A guide's title line, the facts after the certificate: "Grow Your Own (PG) (Richard
    Laxton, 2007, UK) Benedict Wong, Eddie Marsan, Olivia Colman. 101 mins."."""
    found = _TITLE_LINE.match(text) if "(" in text else None  # its certificate's bracket
    title = display_title(found["title"]) if found else ""
    if found is None or len(text.split()) > MAX_FACTS_WORDS or not is_title(title):
        return None
    return _Heading(index, title, year_in(found["rest"]), None, True, block.text)


def _headlines(title: str, blocks: Sequence[Block]) -> list[str]:
    """The page's title and its first few short lines: where a page says what it is and
    who wrote it ("Mini Film Reviews Volume 54", "New Films … by Mike Davies")."""
    lines = (b.text for b in blocks if not is_prose(b))  # read no further than they are
    return [title, *itertools.islice(lines, _HEADLINE_LINES - 1)]


def _template(section: Sequence[Block]) -> str | None:
    """The short line a review opens with when every review on the page opens alike
    ("What's it about?"), as a key; None when it opens with its prose."""
    first = next((b for b in section if b.kind != "chrome"), None)
    if first is None or len(first.text.split()) > _TEMPLATE_WORDS:
        return None
    return clean(first.text).casefold()


def _reviews(heading: _Heading, section: Sequence[Block]) -> bool:
    """Prose enough to be a review of its own, not a "see also" line."""
    words = len((heading.capsule or "").split())
    if heading.quoted and words >= _CAPSULE_WORDS:
        return True  # a capsule set apart by its title's marks: 'We Are X (SR): "A …"'
    return words + sum(len(b.text.split()) for b in section if is_prose(b)) >= _REVIEW_WORDS


def _is_aspect(heading: _Heading) -> bool:
    return is_aspect(heading.title)


def _dated(heading: _Heading, section: Sequence[Block]) -> bool:
    """A certificate, runtime or year beside the title, or a line of facts in its section
    or in the capsule that shares its line ("… R 134 minutes C")."""
    own = Block("paragraph", heading.capsule) if heading.capsule else None
    return heading.dated or any(is_facts_line(b) for b in (*section, *([own] if own else [])))


def _is_film(heading: _Heading, section: Sequence[Block], headline: str) -> bool:
    """A film, not a section of one review: it carries a film's facts, or the section or
    the page's headline names it as a name (not "Story" as a sentence's first word)."""
    if heading.quoted or _dated(heading, section):
        return True
    own = [heading.capsule or "", *(clean(b.text) for b in section if b.kind != "chrome")]
    text = "\n".join(own)
    return named_count(heading.title, text) + named_count(heading.title, headline) > 0


def _has_verdict(heading: _Heading, section: Sequence[Block]) -> bool:
    if heading.stars is not None or any(delivers_verdict(b) for b in section):
        return True
    if heading.capsule is None:
        return False
    tail = _TRAILING_SCORE.search(heading.capsule)
    marked = tail is not None and parse_score(tail.group()) is not None
    return marked or MARK.search(heading.capsule) is not None


def _trailing_widgets(blocks: Sequence[Block], films: int) -> Sequence[Block]:
    """Rating boxes the documents stage appended after the page's text, one per film.

    When the HTML reader recovers score boxes its extractor dropped, it adds them at the
    end in page order, which on a round-up puts every film's stars after the last film.
    Only a run of exactly one box per film is dealt back out; otherwise the boxes stay
    where they are, with the last film.
    """
    count = 0
    for block in reversed(blocks):
        if not is_score_only(block):
            break
        count += 1
    return blocks[len(blocks) - films :] if count == films else ()


def _own(section: Sequence[Block], heading: _Heading) -> list[Block]:
    """The section's blocks; when the rating or the review itself shares the title's
    line, that line is split into a title heading, the review and a score line, so the
    part reads like any review."""
    if not (heading.stars or heading.capsule):
        return list(section)
    said = [Block("paragraph", text) for text in (heading.capsule, heading.stars) if text]
    return [Block("heading", heading.text), *said, *section[1:]]


def _part(doc: Document, number: int, section: FilmSection) -> Document:
    meta: dict[str, str] = {k: v for k, v in doc.meta.items() if k in PAGE_KEYS}
    meta["film"] = section.title
    if section.year is not None:
        meta["year"] = str(section.year)
    return dataclasses.replace(doc, blocks=section.blocks, meta=meta, part=number)


def page_critic(doc: Document) -> str | None:
    """The critic a page's own byline names, the whole page read as one film's part: who
    a capsule that signs nothing is credited to, whether or not its film is found (so
    ``bench/roundup_eval.py`` measures the page's credit apart from its cut)."""
    headlines = _headlines(doc.meta.get("title", ""), doc.blocks)
    (part,) = credited_parts(doc, [doc], headlines)
    return part.meta.get("critic")
