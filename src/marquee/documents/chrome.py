"""What counts as site furniture, and the pass that labels it on any shape's blocks.

Each shape's reader proposes blocks from structure (a heading, a paragraph, a list
item, a figure).  This pass then relabels by content, because pages pasted as text,
Markdown blogs and even trafilatura's main-content output all still carry the same
kinds of furniture: share buttons, "Related" link lists, newsletter pitches, comment
prompts, photo credits, embedded players and bylines.  The rules are patterns seen
across many sites rather than any one site's markup, and they relabel rather than
drop: later stages read score lines, bylines and captions from every block.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import re._constants as sre_constants
import re._parser as sre_parse
from collections.abc import Iterable, Sequence
from typing import Any

from marquee.documents.bylines import find_bylines
from marquee.documents.lines import squash
from marquee.literals import any_of
from marquee.records import Block, BlockKind
from marquee.wordlists import word_list

_PROSE_KINDS = frozenset({"heading", "paragraph", "list_item"})
_MAX_LINK_WORDS = 16  # a "Related" list entry is a headline, not a paragraph
_PROSE_WORDS = 40  # a paragraph this long is review prose, not a link's teaser
_REVIEW_STARTS = 25  # the first line this long is the review's prose; menus come before
_MAX_MENU_WORDS = 3
_MAX_NAV_WORDS = 20
_LONGEST_NAV_PHRASE = 3  # words, as in "terms of use"
_MIN_MENU_ITEMS = 3
_SHORT_LINE_WORDS = 30  # captions are short; longer lines are prose
_NEEDLE_CHARS = 4  # a literal this long is rare enough to test for before a search
_MAX_PROMPT_WORDS = 45  # a pitch or prompt may run to two sentences, a review paragraph longer


def _phrases(name: str) -> frozenset[str]:
    return frozenset(word_list("marquee.documents", name))


# Lines that are furniture on their own, compared lower-cased without end punctuation.
_CHROME_LINES = _phrases("chrome-lines")

# Words of site navigation; a line made only of these is a menu or a section label.
_NAV_PHRASES = _phrases("nav-phrases")


# Lines that introduce a list of links to other pages; entries under them are chrome.
@dataclasses.dataclass(frozen=True, slots=True)
class _Cues:
    """Patterns any one of which marks a line, each with the literals one of which its
    every match holds (:func:`_needles`): most lines hold none of a pattern's, and a
    substring test is a small part of a search (the patterns were most of the time of
    labelling a full review's lines; a pattern opening with ``\\b`` gets no fast search
    of its own from the engine)."""

    patterns: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...]
    held: re.Pattern[str]
    """Finds something where some pattern's literal is in a text (:func:`any_of`): most
    lines hold none of them, and one search says so (a third of testing them one by one)."""

    def search(self, text: str) -> bool:
        """Whether any pattern matches in ``text`` (plain loops: generators cost more than
        the substring tests)."""
        if self.held.search(text) is None:
            return False
        for needles, pattern in self.patterns:
            for needle in needles:
                if needle in text:
                    if pattern.search(text) is not None:
                        return True
                    break
        return False


def _cues(sources: Iterable[str]) -> _Cues:
    patterns = tuple((_needles(source), re.compile(source)) for source in sources)
    return _Cues(patterns, any_of(needle for needles, _ in patterns for needle in needles))


def _needles(source: str) -> tuple[str, ...]:
    """Literals one of which every match of ``source`` holds, ("",) (held by every text)
    when no stretch of it has any.

    Every match runs through each stretch of the pattern from one of its top-level items to
    its end, so the literal openings of any such stretch will do (:func:`_openings`); the
    stretch whose shortest literal is longest is taken, as the rarest in a line (fewest
    searches): "sign up|subscribe|join|register" rather than a later "e-?mail"'s "e", and
    a later "trailer" rather than an optional "official " before it.
    """
    items = list(sre_parse.parse(source))
    stretches = [_openings(items[at:]) for at in range(len(items))]
    usable = [tuple(openings) for openings in stretches if "" not in openings]
    return max(usable, key=lambda ways: (min(map(len, ways)), -len(ways)), default=("",))


def _openings(items: list[Any], held: int = 0) -> list[str]:
    """The literal texts one of which a match of the parsed ``items`` opens with: a literal
    run, continued into each alternative of a group after it while shorter than
    ``_NEEDLE_CHARS`` (with the ``held`` characters before it)."""
    items = list(itertools.dropwhile(lambda item: item[0] is sre_constants.AT, items))
    literal = itertools.takewhile(lambda item: item[0] is sre_constants.LITERAL, items)
    run = "".join(chr(code) for _, code in literal)
    rest = items[len(run) :]
    if rest and rest[0][0] is sre_constants.BRANCH and held + len(run) < _NEEDLE_CHARS:
        ways = rest[0][1][1]
        return [
            run + tail for way in ways for tail in _openings([*way, *rest[1:]], held + len(run))
        ]
    return [run]


_LIST_INTRO = re.compile(
    r"^(?:also check out|check out|related(?: (?:posts?|articles?|reviews?|stories|content))?|"
    r"(?:the )?latest(?: (?:posts?|reviews?|news|stories|articles?))?|more (?:in|from|on) .+|"
    r"more (?:reviews?|stories|articles?|like this)|you (?:may|might) also (?:like|enjoy)|"
    r"read (?:next|more|also)|also read|see also|further reading|"
    r"recommended (?:for you|reading|posts?|articles?|stories|reviews?)|"
    r"(?:most )?popular(?: (?:posts?|now|reviews?))?|most read|trending(?: now)?|"
    r"recent (?:posts?|reviews?)|other reviews|similar reviews|keep reading|up next|"
    r"what to (?:read|watch) next|where to watch|tags|categories|(?:read )?more about|"
    r"more from our brands|must read|editors'? picks)$",
)

_CHROME_PATTERNS = _cues(
    (
        # comment prompts
        r"\b(?:in|to) the comments\b",
        r"\b(?:leave|drop|post) (?:a|your) (?:comment|reply|thoughts|recommendations?)\b",
        r"^(?:what|how) (?:did|do) you (?:think|feel) (?:of|about)\b",
        r"^what (?:are|were) your thoughts\b",
        r"\b(?:share|tell us) your thoughts\b",
        r"\bsound off (?:in|below)\b",
        # newsletters, memberships and tip jars (a pitch, not a plot about a newsletter)
        r"\b(?:sign up|subscribe|join|register)\b.{0,40}"
        r"\b(?:newsletter|mailing list|inbox|updates|channel|podcast|patreon|e-?mail)\b",
        r"\b(?:my|our|weekly|daily|free) (?:newsletter|mailing list)\b",
        r"\b(?:delivered|straight) to your inbox\b",
        r"\benter your email\b",
        r"\bsubscribe (?:now|today|here)\b",
        r"\bsupport (?:me|us) on\b",
        r"\bbuy me a coffee\b",
        r"\bko-fi\b",
        # sharing and following
        r"^(?:share|post|pin) (?:on|to|via) \w+",
        r"^click to (?:share|email|print)\b",
        r"^follow (?:me|us) (?:on|@)",
        r"^(?:follow|find|join) (?:me|us) (?:on )?(?:facebook|twitter|instagram|x|letterboxd)\b",
        # post furniture
        r"^(?:posted|filed) (?:in|under)\b",
        r"^tagged\b",
        r"^(?:tags?|categories|category|topics?)\s*:",
        r"^(?:previous|next) (?:post|article|review|story)\b",
        r"^(?:read (?:more|also|next)|also read|see also|related)\s*:",
        r"^\d+\s+(?:comments?|responses?|replies)\b",
        r"^\d+\s+thoughts? on\b",
        r"\b\d+\s*(?:-\s*)?min(?:ute)?s?\s+read\b",
        r"^reading time\b",
        r"your email address will not be published",
        r"required fields are marked",
        r"^save my name",
        r"^notify me of",
        r"^click here\b",
        r"^(?:jump|skip|go) to (?:the )?(?:comments|content|main content)\b",
        r"^(?:show|more) (?:more )?shar(?:e|ing)\b",
        r"\byou agree to (?:our|the) (?:terms|privacy)\b",
        r"\bprotected by recaptcha\b",
        r"^\d+ likes?$",
        r"^[\w ]{0,20}\bicon$",
        # site footer
        r"©|\(c\) \d{4}|^copyright\b|\ball rights reserved\b",
        r"\bpowered by (?:wordpress|blogger|ghost|squarespace|wix)\b",
        r"^theme\s*:",
        r"\bwe use cookies\b",
        r"\baccept (?:all )?cookies\b",
        r"\baffiliate links?\b",
        r"\bas an amazon associate\b",
    )
)

_COMMENT_SECTION = re.compile(
    r"^(?:leave a (?:reply|comment)|\d+ (?:comments?|responses?|replies)\b|"
    r"\d+ thoughts? on\b|comments(?: \(\d+\))?$|comments are closed|"
    r"join the (?:discussion|conversation)|(?:add|post) a comment|discussion$)"
)

_MEDIA_PATTERNS = _cues(
    (
        r"^\[?!\[.*\]\(\S+\)",
        r"^watch (?:the|our|this)\b.{0,80}\b(?:clips?|trailers?|teasers?|videos?|featurettes?)$",
        r"^(?:official )?(?:trailer|teaser|video|clip)\s*[:|–-]",
        r"^\[?embedded (?:content|video)\]?$",
        r"your browser does not support",
        r"^(?:click to play|play video)\b",
        r"video player is loading",
        r"^https?://(?:www\.)?(?:youtube\.com|youtu\.be|vimeo\.com)/\S+$",
    )
)

_CAPTION_PATTERNS = _cues(
    (
        r"\b(?:photo|photograph|image|picture|still|screenshot|poster)s?\s*"
        r"(?:credits?\b|courtesy\b|source\b|via\b)",
        r"(?:^|[.!?(]\s*)(?:photo|photograph|image|still)s? by\b",
        r"(?:^|[.!?]\s+)(?:photo|photograph|image|still|picture)s?\s*:",
        r"^(?:credits?|source|pictured)\s*:",
        r"^\(?(?:l-r|l to r|from left)\)?\s*[:,]",
        r"^courtesy of\b",
        r"\((?:photo|image|credit)s?\s*:[^)]*\)$",
    )
)

_BREADCRUMB = re.compile(r"\s(?:»|›|>)\s")  # not "/": "Director / Writer / Star" is prose
_ARROWS = "»›>"  # what a breadcrumb is split at
_NAV_SEPARATORS = re.escape("|/•·»›>,–—-")
_NAV_SEPARATOR = re.compile(f"[{_NAV_SEPARATORS}]")
_NAV_TOKEN = re.compile(rf"[^\s{_NAV_SEPARATORS}]+")
"""One of the tokens a line splits into at white space and navigation separators."""
_NAV_OPENERS = frozenset(phrase.split()[0] for phrase in _NAV_PHRASES if phrase.strip())
"""The first word of each navigation phrase: a menu line opens on one."""
_LEAD_TRAIL = " \t:.!?…•·|–—-→←»›"


def label(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """Relabel proposed blocks by content: media, captions, bylines and site chrome."""
    kinds = [_classify(block) for block in blocks]
    _label_menus(blocks, kinds)
    _label_bylines(blocks, kinds)
    _label_link_lists(blocks, kinds)
    _label_comment_section(blocks, kinds)
    return tuple(Block(kind, block.text) for kind, block in zip(kinds, blocks, strict=True))


def _is_chrome_line(text: str, key: str) -> bool:
    """Whether one line on its own is site furniture (menus, prompts, ads, footers);
    ``key`` is the line's :func:`_key`."""
    if not key:
        return False
    if key in _CHROME_LINES or _is_nav(key) or _LIST_INTRO.match(key):
        return True
    if len(key.split()) <= _MAX_PROMPT_WORDS and _CHROME_PATTERNS.search(key):
        return True
    return _is_breadcrumb(text)


def _classify(block: Block) -> BlockKind:
    lowered = squash(block.text).lower()
    key = lowered.strip(_LEAD_TRAIL)  # its _key, from the one squash
    if block.kind == "table_row" or not key:
        return block.kind
    if _MEDIA_PATTERNS.search(lowered):
        return "media"
    short = len(key.split()) <= _SHORT_LINE_WORDS
    if short and block.kind != "media" and _CAPTION_PATTERNS.search(key):
        return "caption"
    if block.kind in _PROSE_KINDS and _is_chrome_line(block.text, key):
        return "chrome"
    return block.kind


def _label_bylines(blocks: Sequence[Block], kinds: list[BlockKind]) -> None:
    texts = [block.text for block in blocks]
    for index, byline in find_bylines(texts).items():
        if byline.how == "sentence":
            continue
        if kinds[index] in _PROSE_KINDS or kinds[index] == "chrome":
            kinds[index] = "byline"


def _label_menus(blocks: Sequence[Block], kinds: list[BlockKind]) -> None:
    """Three or more one-to-three-word lines in a row above the review are a menu.

    Pages copied whole start with their navigation ("Film", "TV", "Awards", "Box
    Office"); no vocabulary covers every site's sections, but their shape is the same.
    Lines with digits or stars are kept out: they may be a score box.
    """
    starts = next(
        (i for i, b in enumerate(blocks) if len(b.text.split()) >= _REVIEW_STARTS), len(blocks)
    )
    run: list[int] = []
    for index in [*range(starts), -1]:
        if index >= 0 and _is_menu_item(blocks[index], kinds[index]):
            run.append(index)
            continue
        if len(run) >= _MIN_MENU_ITEMS:
            for item in run:
                kinds[item] = "chrome"
        run = []


def _is_menu_item(block: Block, kind: BlockKind) -> bool:
    """A capitalised label of one to three words; not a question, exclamation or score."""
    text = block.text.strip()
    if kind not in _PROSE_KINDS | {"chrome"} or len(text.split()) > _MAX_MENU_WORDS:
        return False
    if kind != "chrome" and (text.endswith((".", "?", "!")) or not text[:1].isupper()):
        return False
    return not any(c.isdigit() or c in "★☆" for c in text)


def _label_link_lists(blocks: Sequence[Block], kinds: list[BlockKind]) -> None:
    """Entries under "Also check out:" / "Related" / "Latest Posts" are chrome too.

    A run continues over list items, media, captions and short headline-like lines,
    and stops at the first real sentence, so a review that follows is untouched.  A
    short line followed by a long paragraph heads that paragraph, so it ends the run.
    """
    in_list = False
    for index, block in enumerate(blocks):
        if kinds[index] == "chrome":
            in_list = in_list or bool(_LIST_INTRO.match(_key(block.text)))
            continue
        following = blocks[index + 1].text if index + 1 < len(blocks) else ""
        heads_prose = len(following.split()) >= _PROSE_WORDS
        if in_list and not heads_prose and _is_link_entry(block, kinds[index]):
            kinds[index] = "chrome" if kinds[index] in _PROSE_KINDS else kinds[index]
            continue
        in_list = False


def _is_link_entry(block: Block, kind: BlockKind) -> bool:
    if kind in {"list_item", "media", "caption"}:
        return len(block.text.split()) <= _MAX_LINK_WORDS * 2
    if kind not in _PROSE_KINDS:
        return False
    return len(block.text.split()) <= _MAX_LINK_WORDS and not block.text.rstrip().endswith(".")


def _label_comment_section(blocks: Sequence[Block], kinds: list[BlockKind]) -> None:
    """From a comment section's start in the second half, everything else is chrome."""
    half = len(blocks) // 2
    for index in range(half, len(blocks)):
        if kinds[index] in _PROSE_KINDS | {"chrome"} and _COMMENT_SECTION.match(
            _key(blocks[index].text)
        ):
            for rest in range(index, len(blocks)):
                kinds[rest] = "chrome"
            return


def _key(text: str) -> str:
    """Lower-cased, whitespace-squashed, without decoration at either end."""
    return squash(text).lower().strip(_LEAD_TRAIL)


def _is_nav(key: str) -> bool:
    """A line made wholly of navigation words: "Home | Reviews | About", "Film Reviews".
    A line whose first token opens no navigation phrase is none (nearly every line: one
    search, not splitting the whole line)."""
    first = _NAV_TOKEN.search(key)
    if first is None or first[0] not in _NAV_OPENERS:
        return False
    tokens = _NAV_SEPARATOR.sub(" ", key).split()
    if not tokens or len(tokens) > _MAX_NAV_WORDS:
        return False
    reachable = [True] + [False] * len(tokens)  # reachable[i]: tokens[:i] are all nav
    for start in range(len(tokens)):
        if not reachable[start]:
            continue
        for end in range(start + 1, min(start + _LONGEST_NAV_PHRASE, len(tokens)) + 1):
            if " ".join(tokens[start:end]) in _NAV_PHRASES:
                reachable[end] = True
    return reachable[-1]


def _is_breadcrumb(text: str) -> bool:
    """A trail like "Home » Reviews » Past Lives": three or more short parts and arrows
    (a line without an arrow, nearly every line, is one part: no squash, no split)."""
    if not any(arrow in text for arrow in _ARROWS):
        return False
    parts = _BREADCRUMB.split(squash(text))
    return len(parts) >= 3 and all(0 < len(p.split()) <= 6 for p in parts)
