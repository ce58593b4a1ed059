"""Is this page a film review? A cheap, explainable check before a page is stored.

People add whatever they have saved, and not all of it reviews a film: a TV column, a
theatre notice, a hair-conditioner blog post, a box-office report. Stored as a review,
such a page becomes a film named after a product, or a review of "no film named". So a
page is read for the vocabulary of each kind of writing (cue lexicons, one a file in
``lexicons/kind-*.txt``: "episode", "series finale" for TV; "stage", "West End" for
theatre; "album", "track" for music; "conditioner", "blender" for a product; "grossed",
"council" for news; "exhibition", "curator" for art; "referee", "penalty" for a match
report; also books, video games, travel, restaurants, podcasts, stand-up, recipes,
forum posts and political news), and refused only when another kind's cues clearly
outweigh the film's ("film", "movie", "screenplay", "cinema", a certificate or a
runtime), or when a page of full length names no film and hardly a cast or a story
(``UNTOLD``). News about films (a trailer, a casting, a festival's line-up, a weekend's
box office) names films as often as a review does, so it is told by how thick the trade's
words are on the page instead (``FILM_NEWS_SHARE``); a film podcast's episode notes, by
how thick their own words are ("in this episode", "we discuss", "Episode 22", "our
hosts": ``EPISODE_NOTES_SHARE``); a forum or comment thread about films, by how thick a
thread's own words are ("thread", a reply's "NAME says:": ``THREAD_SHARE``); an obituary
or a year's in-memoriam, by how thick its words of death are ("has died", "passed away":
``OBITUARY_SHARE``). The reason names the kind and the words that decided it, so a user
who disagrees can see why and keep the page anyway; a word several kinds use ("the show",
"scored") does not name the kind alone (``_named``).

The check leans hard towards keeping: a film review that mentions the novel it adapts,
the band on its soundtrack or the TV series it spun off from still says "film" or
"movie" far more often than any of those. A one-line text (a pull quote) is always kept,
and a short page only on strong evidence (``MIN_WORDS``); a document whose structure
names a film (a table's film column, front matter, JSON-LD) is always kept. What a review
has that the other kinds' pages naming a film lack speaks for it once more: a sentence
judging the film as its subject ("the film fails": ``JUDGED``) and a credits block in the
page's whole input ("Director:", "Starring:": ``CREDITS``), even one the reader set aside.

A page of full length the rules keep is then read by a learned check
(:mod:`marquee.documents.kind_learned`, word 1–2-grams): it refuses, too, the pages whose
words are a film review's but whose writing is not (a forum thread, a soundtrack's page),
with its own reason; it never keeps a page the rules refuse.

The lexicons and thresholds were chosen on the dev half of real pages of every kind
(``tests/fixtures/kinds``) and on dev-split film reviews; ``bench/page_kind_eval.py``
measures them on the held-out half.
"""

from __future__ import annotations

import dataclasses
import functools
import re as stdlib_re
import re._constants as sre_constants
import re._parser as sre_parse
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

import regex as re

from marquee.documents import kind_learned
from marquee.opinions.cues import judgements
from marquee.records import TABLE_SHAPES, Document
from marquee.wordlists import word_list

FILM = "film"

MIN_WORDS = 60
"""Below this many words a text is short: every pull quote and capsule is, and most say
nothing of the medium ("A tender, funny story"). A short text is refused only when it is
a page (a headline above its text, not a one-line quote), names no film word, and another
kind shows ``SHORT_CUES`` cues."""

SHORT_CUES = 4
"""Cues another kind needs in a short page: no RT quote or snippet of the train or dev
split shows more than three, and a one-line quote is never refused whatever it shows."""

MIN_OTHER_CUES = 3
"""Another kind must show at least this many cue words before it can outweigh film; a
page without one film word needs only ``MIN_OTHER_CUES_NO_FILM``."""

MIN_OTHER_CUES_NO_FILM = 2

UNTOLD = 1
"""A page of full length that names no film word and at most this many words of a performed
or told work (cast, director, characters, plot) reviews no film whatever else it is: one
cue of another kind is then enough to refuse it (a forum post, a Senate report, a vacuum
cleaner's review). Of the polarity_v2 and scale_v1 reviews of the train and dev splits,
one has at most one such word and no film word, and it shows no other kind's cue either."""

OUTWEIGH = 2.0
"""How many times the film cues another kind's cues must be to refuse the page."""

FILM_NEWS = "film news"

FILM_NEWS_CUES = 5
FILM_NEWS_SHARE = 0.015
"""A page of full length is news about films, not a review of one, when at least
``FILM_NEWS_CUES`` of its words, and at least this share of them, are the trade's
(``lexicons/kind-filmnews.txt``: trailers, casting, line-ups, premieres, release dates,
box office). Such a page names films, casts and plots as thickly as a review, so its film
words cannot speak for it; what tells it apart is how often it speaks of the business
around a film. Of every polarity_v2 and scale_v1 review and every real film page met so
far, none uses those words more than 1.5 times in a hundred (a review recalling a film's
trailer, in that one word: ``FILM_NEWS_WORDS``), and of those that pass this rule's other
tests none more than 1.42 (a round-up's "this weekend" ×2 and "opening night", three words,
short of ``FILM_NEWS_CUES``; then 1.24, a year's favourites naming awards and a trailer;
1.20, a review on a star signed on); the news pages met use them
1.55 to 4.5 times (a festival's opening night and a trailer tag page 1.8 and 1.9). A
review tells its film's story (characters, scenes, plot) where news announces it, so the
trade's words must also outweigh the story's ``OUTWEIGH`` times: a short review that
dwells on its trailer is kept."""

FILM_NEWS_WORDS = 2
"""...and the trade's words on it must be at least this many different ones (a plural
counted as its singular): news tells of the trade's several doings (a trailer and a
release date, a casting and a start of shooting), while a review that dwells on its
film's trailer says "trailer" over and over and nothing else of the trade. Every news
page of the dev split uses two or more; a review of The King's Speech that measures the
film against its trailer uses "trailer" nine times and no other."""

EPISODE_NOTES = "episode notes"

EPISODE_NOTES_CUES = 4
EPISODE_NOTES_SHARE = 0.02
"""A page of full length that every other test keeps is a podcast's or a show's episode
notes when at least ``EPISODE_NOTES_CUES`` of its words, and at least this share of them,
are the notes' own (``lexicons/kind-episodes.txt``: "in this episode", "we discuss",
"Episode 22", "Show Notes", a chapter list's "00:21 -") or a podcast's (its hosts, guests
and listeners: ``lexicons/kind-podcast.txt``), in ``FILM_NEWS_WORDS`` different words or
more. A film podcast talks of films, casts and plots as thickly as a review, so, as with
news about films, its film words cannot speak for it; and its notes speak of the show
("our hosts", "listeners") as often as of its episodes. The dev pages' episode notes use
these words 2.6 to 5.7 times in a hundred; no polarity_v2 or scale_v1 review of the train
or dev split more than 1.5 (a review of a Christopher Guest film: "Guest" ×9), and no
film page of the fixtures shows three of them."""

OBITUARY = "obituary"

OBITUARY_CUES = 4
OBITUARY_SHARE = 0.015
"""A page of full length is an obituary, or a year's in-memoriam, when at least
``OBITUARY_CUES`` of its words, and at least this share of them, tell of deaths
(``lexicons/kind-obituary.txt``: "has died", "dies at 94", "passed away", "in memoriam",
"pay tribute"), in ``FILM_NEWS_WORDS`` different words or more.
Remembering actors and directors, it names their films, roles and awards as thickly as a
review, so its film words cannot speak for it. The dev pages' obituaries use these words
1.9 to 2.4 times in a hundred; no polarity_v2 or scale_v1 review of the train or dev split
more than 0.6 (a review whose hero "has died" and "passed away"). It is asked before
news about films: a year's in-memoriam names the awards its dead won, which are the
trade's words too."""

FORUM = "forum"

THREAD_CUES = 4
THREAD_SHARE = 0.02
"""A page of full length that every other test keeps is a forum or comment thread when at
least ``THREAD_CUES`` of its words, and at least this share of them, are a thread's own
(``lexicons/kind-forum.txt``: "thread", "posts", "replies", "NAME says:", "liked this
post"), in ``FILM_NEWS_WORDS`` different words or more. A thread about films names
films, casts and plots as thickly as a review, so, as with episode notes, its film words
cannot speak for it. The dev pages' threads so told use these words 2.6 to 6.9 times in a
hundred; no polarity_v2 or scale_v1 review of the train or dev split, nor any film page
of the fixtures, uses two different ones more than 0.72 (a review that names a forum's
"thread" and "posts"; a round-up under three readers' comments says "says:" alone)."""

UNJUDGED_NEWS_CUES = 4
UNJUDGED_NEWS_SHARE = 0.012
UNJUDGED_SHARE = 0.01
"""A page of full length that every other test keeps is news about films, too, when it judges
nothing (:func:`_judges_none`: fewer than one word in a hundred of praise or blame, no
sentence judging a film) and speaks of the trade (``lexicons/kind-filmnews.txt``) and of
news (``lexicons/kind-news.txt``) in at least ``UNJUDGED_NEWS_CUES`` words, one of them the
trade's (a word both lexicons hold, "box office", counted once; a chart place, "#41", left
out: a ranked round-up numbers its films so). What makes a page a review of a film is a film
named *and judged*; a cinema chain closing, a trailer's release, a festival's line-up or a
casting name films as a review does but weigh none, and may use the trade's words too thinly
for ``FILM_NEWS_SHARE`` (one "box office" beside "announced", "theaters" ×4). Of the train
split's polarity_v2 and scale_v1 reviews, those that judge so little and use one word of the
trade use at most one such word in all; of the film pages of the fixtures, at most three (a
DVD column's "featurette" ×3; a ranked round-up, "according to" and three chart places, none
of the trade's); the dev pages' news so told uses four to nine. Those words must also be
``UNJUDGED_NEWS_SHARE`` of the page's, in two different words or more (:func:`_thick`): the
dev pages' news so told uses 1.38 to 3.3 in a hundred, and no dev-split polarity_v2 or
scale_v1 review more than 1.02, so the judgement scan (about as costly as the cue scan) is
spared on nearly every review."""

LEARNED = "another kind (learned)"
"""The kind of a page the rules keep and the learned check refuses."""

_FILM_META = ("film", "movie", "year", "imdb", "tmdb", "rtid")
"""Meta keys that mean the document's structure itself names a film."""


_LEXICONS = {
    FILM: "kind-film",
    "TV": "kind-tv",
    "theatre": "kind-theatre",
    "book": "kind-book",
    "music": "kind-music",
    "product": "kind-product",
    "video game": "kind-game",
    "travel": "kind-travel",
    "restaurant": "kind-restaurant",
    "news": "kind-news",
    "art exhibition": "kind-art",
    "sports": "kind-sport",
    "podcast": "kind-podcast",
    "stand-up comedy": "kind-standup",
    "car": "kind-car",
    "recipe": "kind-recipe",
    FORUM: "kind-forum",
    "politics": "kind-politics",
}
"""Each kind and its cue lexicon, ``lexicons/<name>.txt``: one regular expression a line."""

_DRAMA_LEXICON = "kind-drama"
"""The language of a performed work (cast, roles, director): film, TV and theatre share it,
so it stands with a film against a book, an album, a product, a trip, a meal or the news,
never against TV or theatre."""

_STORY_LEXICON = "kind-story"
"""The language of a told story (characters, plot, genre): it stands with a film as the
performed work's language does, but a novel tells a story too, so against a book each
story word counts ``AGAINST_BOOK``; and on a page that names neither a film nor a
performed work (no film word, no cast, director or credits), nothing: there the story
told is a novel's as likely as a film's (a novel's review telling its plot and characters
at length), and every polarity_v2 and scale_v1 review of the train split names a film or
a performed work at least once. Against other kinds the story still counts whole: a
round-up naming only its films' titles and stories is no trip for its one "stay"."""

AGAINST_BOOK = 0.5

_VERDICT_LEXICON = "kind-verdict"
"""A film as the subject of a judgement ("the film is", "this movie fails"): what a review
has that a book's, an album's or a series' page naming a film does not. Each such sentence
speaks for the film once more beside its film word, against every kind but a book (a
round-up opening on a series' season read as TV): a book's review judges the film made of
it ("the movie is just as amazing"), as it tells the story both share. Counting them only
ever keeps a page, so they are read (apart from the one scan of the other lexicons) only on
a page another kind would refuse without them: no review of the dev corpora, where the scan
would cost ~50 µs each."""

JUDGED = "judged"

CREDITS = "credits"
MIN_CREDITS = 2
"""A page whose whole input has a credits block, this many different credit labels or more
("Director:" and "Starring:"), is a performed work's page: each label counts as a word of a
performed work, with a film against a book, an album or a product (a documentary on a
producer's memoir, its credits in a sidebar the reader sets aside). Of the dev pages, 31
film pages have such a block and no page of another kind; one label alone is no block (a
TV page's "Cast:", a trailer's "Starring:", a podcast's "Director:")."""

_CREDIT_LABEL = stdlib_re.compile(
    r"[ \t]*(directed by|directors?|starring|stars|cast|running time|runtime|run time|rated"
    r"|mpaa rating|written by|screenplay)[ \t]*:",
    stdlib_re.IGNORECASE,
)
"""A credit label opening a line. Matched line by line, only on lines with a colon (a tag's
">" ends a line): one scan for a label anywhere costs several times as much (~90 against
~10 µs a 4,000-character review)."""

_ROLE = re.compile(r"\((?:played by |voiced by )?\p{Lu}[\p{L}'.-]+(?: \p{Lu}[\p{L}'.-]+){1,3}\)")
"""A cast member named in brackets after a character: "Neil (Tim Roth)"."""

_NOT_DRAMA = frozenset(
    {
        "book",
        "music",
        "product",
        "video game",
        "travel",
        "restaurant",
        "art exhibition",
        "sports",
        "podcast",
        "car",
        "recipe",
        "forum",
        "politics",
    }
)
"""The kinds a dramatic work's language speaks against (a political film's review names
elections and senators, and its cast and plot). News about films (box office,
release dates) names genres and directors too, so against news only film words count;
and a stand-up show, like a play, has its audience, performers and characters."""


@dataclasses.dataclass(frozen=True, slots=True)
class _Lexicon:
    """A lexicon's cues as one pattern (``regex``, Unicode), and, when the cues use only
    syntax both engines read alike, the same pattern lower-cased in the standard library's
    engine, case-sensitive, for the lower-cased text: on an ASCII text the two find the
    same matches (lower-cased), and the second finds them in about a third of the time, as
    the standard engine skips a case-sensitive alternative by its first letter without
    trying it (the cue patterns are the costliest part of reading a full review). Matches
    come back lower-cased on that path, as every caller counts them lower-cased. The
    ``regex`` pattern is compiled the first time a text needs it: a run of ASCII pages
    never does (about 50 ms of CPU at start-up for the lexicons together); so is the twin,
    which a run reading every lexicon in one scan (``_JOINT``) never needs."""

    source: str
    twin: str | None  # the twin's source
    twin_flags: int = stdlib_re.ASCII
    cues: tuple[str, ...] = ()  # the twin's cues, when it reads the lower-cased text as is

    @property
    def pattern(self) -> re.Pattern[str]:
        """The cues as a ``regex`` pattern, case-blind."""
        return _case_blind(self.source)

    @property
    def ascii(self) -> stdlib_re.Pattern[str] | None:
        """The twin, in the standard library's engine."""
        return None if self.twin is None else _standard(self.twin, self.twin_flags)

    def findall(self, text: str) -> list[str]:
        if self.ascii is not None and text.isascii():
            return self.ascii.findall(text.lower())
        return self.pattern.findall(text)


_SHARED_SYNTAX = stdlib_re.compile(
    r"(?:[\w '\-.,:;!&$#/|?*+)\]]|\[(?![\[:])|\\[dwsbDWSB]|\\[^\w\s]|\{\d*,?\d*\}"
    r"|\((?!\?)|\(\?(?:[:=!]|<[=!]))*",
    stdlib_re.ASCII,
)
"""Cue text both engines read alike: ASCII words and punctuation, sets (not POSIX or
nested), the class escapes, counted repeats, groups and lookarounds; no ``\\p{…}``,
fuzzy ``{e<=1}`` or other ``regex``-only syntax."""

_MIXED_RANGE = stdlib_re.compile(r"[A-Z]-[a-z]|[a-z]-[A-Z]")
"""A range from one case to the other ("[A-z]"): lower-cased, it would hold other
characters, so a lexicon with one keeps its case-insensitive twin."""

_LETTER, _ASCII_LETTER = r"\p{L}", "[a-z]"
"""A letter, and what it is in an ASCII text (lower-cased for the twin); inside a set
("[\\p{L}']") the swap would nest one set in another, which the twin refuses."""

_ESCAPE_OR_LETTER = stdlib_re.compile(r"\\.|[A-Z]")


def _lowered(source: str) -> str:
    """``source`` with its literal letters lower-cased and its escapes (``\\D``, ``\\S``)
    kept: case-sensitive on a lower-cased ASCII text, it matches where ``source`` matches
    the text case aside."""
    return _ESCAPE_OR_LETTER.sub(lambda m: m[0].lower() if len(m[0]) == 1 else m[0], source)


def _non_ascii(cue: str) -> bool:
    """Whether every match of ``cue`` holds a character beyond ASCII ("\\d+\\s*°\\s*[CF]": a
    literal outside any group or repeat): it never matches an ASCII text, so the twin,
    which reads only ASCII texts, goes without it."""
    try:
        parsed = sre_parse.parse(cue)
    except stdlib_re.error:
        return False  # regex-only syntax ("\\p{L}")
    return any(op is sre_constants.LITERAL and code > 0x7F for op, code in parsed)


_BEFORE, _AFTER = r"(?<![\w-])", r"(?![\w-])"
"""What stands before and after each cue: a cue is matched as a whole word."""
_SPACE_BEFORE = r"[^\w-]"
"""``_BEFORE`` as the character it asks for, read rather than looked back at."""


def _lexicon(name: str) -> _Lexicon:
    """The cues of ``lexicons/<name>.txt`` as one pattern, each matched as a whole word."""
    cues = word_list("marquee.documents", name)
    source = f"{_BEFORE}(?:{'|'.join(cues)}){_AFTER}"
    ascii_cues = [cue.replace(_LETTER, _ASCII_LETTER) for cue in cues if not _non_ascii(cue)]
    shared = all(cue.isascii() and _SHARED_SYNTAX.fullmatch(cue) for cue in ascii_cues)
    if not (shared and ascii_cues):
        return _Lexicon(source, None)
    twin_source = f"{_BEFORE}(?:{'|'.join(ascii_cues)}){_AFTER}"
    if _MIXED_RANGE.search(twin_source):
        return _Lexicon(source, twin_source, stdlib_re.IGNORECASE | stdlib_re.ASCII)
    lowered = tuple(_lowered(cue) for cue in ascii_cues)
    return _Lexicon(source, f"{_BEFORE}(?:{'|'.join(lowered)}){_AFTER}", cues=lowered)


@functools.cache
def _case_blind(source: str) -> re.Pattern[str]:
    return re.compile(source, re.IGNORECASE)


@functools.cache
def _standard(source: str, flags: int) -> stdlib_re.Pattern[str]:
    return stdlib_re.compile(source, flags)


def _joint(lexicons: Sequence[_Lexicon]) -> tuple[stdlib_re.Pattern[str] | None, tuple[int, ...]]:
    """One pattern reading every lexicon it can at once on a lower-cased ASCII text, and the
    index of each (in group order: a case-sensitive twin whose cues hold no group and never
    match empty). Where some lexicon's cues match (the first look-ahead, its cues grouped
    by their first letter), group ``i + 1`` holds what lexicon ``i``'s own twin matches
    there: its cues tried there in their order, as the twin's own search tries them. One
    scan of the page so does the work of one scan per lexicon: a scan's cost is mostly
    moving along the page and trying each cue at each word, not the few places that match.

    It is read on the text after one space (:func:`_cue_words`), and where a cue may open
    it takes the character before it, which is no word character nor hyphen (what
    ``_BEFORE`` asks): opening on a set of characters, the pattern is tried only at them,
    the engine passing over the letters of each word between in one loop, where a
    look-behind opening it made it try every place. A match so starts where the cue does
    in the text without the space."""
    joined = {index: lexicon.cues for index, lexicon in enumerate(lexicons) if _joinable(lexicon)}
    if not joined:
        return None, ()
    every = _by_first_letter(
        [way for cues in joined.values() for cue in cues for way in _ways(cue)]
    )
    either = f"{_SPACE_BEFORE}(?=(?:{every}){_AFTER})"
    each = "".join(
        f"(?:(?=({_by_first_letter(cues, in_order=True)}){_AFTER}))?" for cues in joined.values()
    )
    return stdlib_re.compile(either + each, stdlib_re.ASCII), tuple(joined)


_PLAIN_CHOICE = stdlib_re.compile(r"\(\?:([a-z' ?-]+(?:\|[a-z' ?-]+)*)\)(\?)?(.*)")
"""A cue opening on a choice of plain words, maybe optional: "(?:hbo|amc|fx) series",
"(?:premier )?league"."""


def _ways(cue: str) -> list[str]:
    """``cue`` spelled out as the cues its opening choice of plain words makes ("(?:hbo|amc)
    series" -> "hbo series", "amc series"; "(?:premier )?league" -> "premier league",
    "league"): together they match where the cue matches. Whether some cue matches is
    all the first look-ahead asks, and there each way opening on a letter is grouped under
    it: a cue opening on a group is entered at every word (~0.9 of the scan's 1.2 ms
    a review, for 42 such cues of 635), a letter's group only where the word opens so."""
    found = _PLAIN_CHOICE.fullmatch(cue)
    if found is None or found[3][:1] in {"?", "*", "+", "{"}:
        return [cue]  # (a repeat of the choice: "(?:a|b)*c" is no one word then "c")
    words, optional, tail = found[1].split("|"), found[2], found[3]
    ways = [word + tail for word in words] + ([tail] if optional else [])
    return [spelled for way in ways for spelled in _ways(way)]


def _joinable(lexicon: _Lexicon) -> bool:
    """Whether a lexicon's twin reads the lower-cased text as is, its cues hold no group
    (there is only group 0) and none matches empty."""
    if not lexicon.cues:
        return False
    parsed = sre_parse.parse("|".join(lexicon.cues))
    return parsed.state.groups == 1 and parsed.getwidth()[0] > 0


def _by_first_letter(cues: Sequence[str], *, in_order: bool = False) -> str:
    """``cues`` as one alternation, those opening on a letter grouped under it
    ("f(?:ilms?|ilmmakers?)|m(?:ovies?)|…"): the standard engine passes over a group whose
    letter is not the text's in one test, where it would enter each cue. Whether some cue
    matches is kept, not which one (their order is not).

    ``in_order`` keeps which one too, as the plain alternation tries them: a cue opening
    otherwise stays where it stands, after the groups of the cues before it. Two cues
    opening on different letters never match at one place, so at any place the cues
    tried, and their order, are those of the plain alternation (each lexicon's own
    look-ahead in the one scan: ~30 µs a match tried cue by cue, a few grouped)."""
    written: list[str] = []
    grouped: dict[str, list[str]] = {}
    rest: list[str] = []
    for cue in cues:
        letter, tail = cue[:1], cue[1:]
        if letter.isalpha() and _opens_on(cue, letter, tail):
            grouped.setdefault(letter, []).append(tail)
        elif in_order:
            written += [*_letter_groups(grouped), cue]
            grouped = {}
        else:
            rest.append(cue)
    return "|".join([*written, *_letter_groups(grouped), *rest])


def _letter_groups(grouped: Mapping[str, Sequence[str]]) -> list[str]:
    return [f"{letter}(?:{'|'.join(tails)})" for letter, tails in grouped.items()]


@functools.cache
def _opens_on(cue: str, letter: str, tail: str) -> bool:
    """Whether ``cue`` is ``letter`` then the pattern ``tail`` (not "s?…", "a|b", "a{2}"):
    plainly so when no quantifier follows the letter and no alternative is written; else
    as the two parse."""
    if "|" not in tail and tail[:1] not in {"?", "*", "+", "{"}:
        return True
    try:
        parsed_tail = sre_parse.parse(tail).data
    except stdlib_re.error:
        return False
    opened = [(sre_constants.LITERAL, ord(letter)), *parsed_tail]
    return repr(sre_parse.parse(cue).data) == repr(opened)


def _cue_words(text: str) -> list[list[str]]:
    """What each of ``_ALL`` finds in ``text`` (its ``findall``), the lexicons of ``_JOINT``
    in one scan when the text is ASCII. A lexicon's matches never overlap one another
    (a search resumes where its last match ended), so of the places the joint scan gives,
    each lexicon keeps those at or after the end of its last match."""
    if _JOINT is None or not text.isascii():
        return [lexicon.findall(text) for lexicon in _ALL]
    found: dict[int, list[str]] = {index: [] for index in _JOINED}
    ends = dict.fromkeys(_JOINED, 0)
    for match in _JOINT.finditer(" " + text.lower()):  # at: where the cue opens in text
        at = match.start()
        for index, cue in zip(_JOINED, match.groups(), strict=True):
            if cue is not None and at >= ends[index]:
                found[index].append(cue)
                ends[index] = at + len(cue)
    return [found[i] if i in found else lexicon.findall(text) for i, lexicon in enumerate(_ALL)]


_PATTERNS = {kind: _lexicon(name) for kind, name in _LEXICONS.items()}
_OTHER_KINDS = tuple(kind for kind in _LEXICONS if kind != FILM)
_DRAMA = _lexicon(_DRAMA_LEXICON)
_STORY = _lexicon(_STORY_LEXICON)
_FILM_TRADE = _lexicon("kind-filmnews")
_EPISODES = _lexicon("kind-episodes")
_OBITUARY = _lexicon("kind-obituary")
_VERDICT = _lexicon(_VERDICT_LEXICON)
_ALL = (*_PATTERNS.values(), _DRAMA, _STORY, _FILM_TRADE, _EPISODES, _OBITUARY)
_JOINT, _JOINED = _joint(_ALL)

_READS_AS = {
    "news": "reads as news, not a review",
    "sports": "reads as a sports report",
    "recipe": "reads as a recipe",
    "forum": "reads as a forum post",
    "politics": "reads as political news",
    FILM_NEWS: "reads as news about films, not a review of one",
    EPISODE_NOTES: "reads as a podcast's or a show's episode notes",
    OBITUARY: "reads as an obituary, not a review",
    LEARNED: "the learned check reads it as another kind of page",
}


@dataclasses.dataclass(frozen=True, slots=True)
class PageKind:
    """What a page reads as: ``kind`` is "film" or the kind that outweighed it, with the
    cue counts behind the call and, when the page is refused, the reason to show."""

    kind: str
    cues: Mapping[str, int]
    evidence: tuple[str, ...] = ()  # the other kind's most frequent cue words

    @property
    def is_film(self) -> bool:
        return self.kind == FILM

    @property
    def reason(self) -> str | None:
        """ "not a film review: reads as a product review (conditioner ×6, hair ×5)"."""
        if self.is_film:
            return None
        what = _READS_AS.get(self.kind, f"reads as {_article(self.kind)} {self.kind} review")
        shown = f" ({', '.join(self.evidence)})" if self.evidence else ""
        return f"not a film review: {what}{shown}"


def page_kind(document: Document) -> PageKind:
    """Whether ``document`` reads as a film review, and if not, as what: by the text it
    reads (:func:`page_text`) and the credits block of its whole input (:func:`credits`),
    which the reader may have set aside as a sidebar."""
    text = page_text(document)
    return PageKind(FILM, {}) if text is None else text_kind(text, credits(document.raw))


def credits(raw: str) -> int:
    """How many different credit labels ("Director:", "Starring:", "Running time:") open a
    line, or follow a tag, of a page's whole input, when there are ``MIN_CREDITS`` or more
    (a credits block); else 0."""
    lines = raw.replace(">", "\n").splitlines()
    labels = {
        _singular(m[1].lower())
        for line in lines
        if ":" in line and (m := _CREDIT_LABEL.match(line))
    }
    return len(labels) if len(labels) >= MIN_CREDITS else 0


def page_text(document: Document) -> str | None:
    """What :func:`page_kind` reads of ``document`` (its title above its body), or None
    when its structure names a film (a table's row, front matter, JSON-LD)."""
    if document.shape in TABLE_SHAPES or any(document.meta.get(k) for k in _FILM_META):
        return None
    return "\n".join((document.meta.get("title", ""), document.body))


@functools.lru_cache(maxsize=64)
def text_kind(text: str, credits: int = 0) -> PageKind:
    """The kind a text reads as: by its cue words (:func:`rule_kind`), then, for a page the
    rules keep, by the learned check (:mod:`marquee.documents.kind_learned`; on a page of
    full length only, :func:`full_page`). Remembered for the last few texts: ``marquee
    add`` asks of each page twice (whether to keep it, then whether to split it), and the
    cue patterns are a third of reading a review."""
    kind = rule_kind(text, credits)
    if not kind.is_film or not full_page(text):
        return kind
    check = kind_learned.load_check()
    p_other = check.p_other(text)
    if p_other < check.threshold:
        return kind
    words = check.evidence(text)
    shown = (f"words: {', '.join(words)}",) if words else ()
    return PageKind(LEARNED, kind.cues, (f"p={p_other:.2f}", *shown))


def full_page(text: str) -> bool:
    """Whether ``text`` is a page of full length, the only kind the learned check reads:
    ``MIN_WORDS`` words or more, on two lines or more (a pull quote, or a short page that
    names a film, is never refused)."""
    return len(text.split(maxsplit=MIN_WORDS)) >= MIN_WORDS and _lines(text) >= 2


def rule_kind(text: str, credits: int = 0) -> PageKind:
    """The kind a text reads as by its cue words alone (see the module docstring), and the
    ``credits`` labels of its page's credits block (:func:`credits`)."""
    *each, drama, story, trade_words, episode_words, deaths = _cue_words(text)
    found = {
        kind: Counter(m.lower() for m in words) for kind, words in zip(_PATTERNS, each, strict=True)
    }
    cues = {kind: sum(counts.values()) for kind, counts in found.items()}
    cues["drama"] = len(drama) + len(_ROLE.findall(text))
    cues["story"] = len(story)
    cues[CREDITS] = credits
    words = len(text.split())
    short = words < MIN_WORDS
    if short and (cues[FILM] or _lines(text) < 2):
        return PageKind(FILM, cues)  # a quote, or a short text that names the medium
    trade = Counter(m.lower() for m in trade_words)
    cues[FILM_NEWS] = sum(trade.values())
    least_news = max(FILM_NEWS_CUES, OUTWEIGH * cues["story"])
    obituary = Counter(m.lower() for m in deaths)
    cues[OBITUARY] = sum(obituary.values())
    if not short and _thick(obituary, words, OBITUARY_CUES, OBITUARY_SHARE):
        return PageKind(OBITUARY, cues, _evidence(obituary))
    if not short and _thick(trade, words, least_news, FILM_NEWS_SHARE):
        return PageKind(FILM_NEWS, cues, _evidence(trade))
    least = SHORT_CUES if short else MIN_OTHER_CUES if cues[FILM] else MIN_OTHER_CUES_NO_FILM
    cues[JUDGED] = 0
    untold = not short and not cues[FILM] and cues["drama"] + cues["story"] <= UNTOLD
    ranked = sorted(_OTHER_KINDS, key=lambda k: -cues[k])

    def refuses(kind: str, count: int) -> bool:
        """Whether ``count`` cues of ``kind`` refuse the page."""
        return (untold and count > 0) or _outweighs(kind, {**cues, kind: count}, least)

    weighed = ranked if not cues[FILM] else ranked[:1]
    if any(refuses(other, cues[other]) for other in weighed):  # judgements can only keep it
        cues[JUDGED] = len(_VERDICT.findall(text))
    for other in weighed:
        if refuses(other, cues[other]):
            named, evidence = _named(other, found, refuses)
            return PageKind(named, cues, _evidence(evidence))
    notes = Counter(m.lower() for m in episode_words) + found["podcast"]
    cues[EPISODE_NOTES] = sum(notes.values())
    if not short and _thick(notes, words, EPISODE_NOTES_CUES, EPISODE_NOTES_SHARE):
        return PageKind(EPISODE_NOTES, cues, _evidence(notes))
    if not short and _thick(found[FORUM], words, THREAD_CUES, THREAD_SHARE):
        return PageKind(FORUM, cues, _evidence(found[FORUM]))
    if short or not trade:
        return PageKind(FILM, cues)  # most film reviews: no word of the trade to weigh
    told_news = trade | Counter({w: n for w, n in found["news"].items() if w[0] != "#"})
    if _thick(told_news, words, UNJUDGED_NEWS_CUES, UNJUDGED_NEWS_SHARE) and _judges_none(text):
        return PageKind(FILM_NEWS, cues, _evidence(told_news))
    return PageKind(FILM, cues)


def _judges_none(text: str) -> bool:
    """Whether ``text`` judges nothing: fewer than ``UNJUDGED_SHARE`` of its words are a
    critic's praise or blame (the opinions stage's lexicons, :func:`judgements`), and no
    sentence judges a film as its subject ("the film fails": ``_VERDICT``)."""
    if _VERDICT.findall(text):
        return False
    return len(judgements(text)) < UNJUDGED_SHARE * len(text.split())


def _outweighs(other: str, cues: Mapping[str, int], least: int) -> bool:
    """Whether the cues of ``other`` outweigh the film's. The kind with most cues is
    weighed; on a page naming no film word, each kind in turn: a ballet page's music
    words may outnumber its stage words, and the cast and story words that speak for a
    film against an album do not against a stage, so the stage's words can still
    outweigh when the album's cannot. A page that names the medium is weighed against
    its main kind alone, so that a film review whose novel's words fail to outweigh it
    is not refused on a few TV words (a film "the show" plays on)."""
    performed = cues[FILM] + cues["drama"] + cues[CREDITS]
    story = 1 if other != "book" else AGAINST_BOOK if performed else 0
    told = cues["drama"] + cues[CREDITS] + cues["story"] * story
    judged = 0 if other == "book" else cues[JUDGED]
    support = cues[FILM] + judged + (told if other in _NOT_DRAMA else 0)
    return cues[other] >= least and cues[other] >= OUTWEIGH * max(support, 1)


def _shared_cues() -> tuple[tuple[stdlib_re.Pattern[str], frozenset[str]], ...]:
    """``lexicons/kind-shared.txt``: each cue word several kinds use, and those kinds."""
    rows = (line.rsplit(":", 1) for line in word_list("marquee.documents", "kind-shared"))
    return tuple(
        (stdlib_re.compile(cue.strip()), frozenset(kind.strip() for kind in kinds.split(",")))
        for cue, kinds in rows
    )


_SHARED = _shared_cues()


def _sharing(word: str) -> frozenset[str]:
    """The kinds that use the cue word ``word`` (lower-cased), each in its own sense; empty
    for a word of one kind."""
    return next((kinds for cue, kinds in _SHARED if cue.fullmatch(word)), frozenset())


def _named(
    decided: str, found: Mapping[str, Counter[str]], refuses: Callable[[str, int], bool]
) -> tuple[str, Counter[str]]:
    """The kind a refused page reads as, and the words it reads so by. Its refusal is decided
    by the kind with most cues (``decided``); but a word several kinds use ("the show",
    "scored", "game": ``lexicons/kind-shared.txt``) is only one lexicon's cue, and should not
    name the kind alone: a concert's "the show" would name TV, a basketball report's
    "scored" music. So when every cue word of ``decided`` is such a word, each kind is
    weighed by its own cue words and the shared words it uses, and of the kinds whose words
    so weighed would refuse the page (``refuses``), the heaviest is named (``decided`` on a
    tie): a concert's songs and "the show" outweigh TV's "the show" alone, a match's goals
    and "scored" the album's "scored"; a kind whose words so weighed could not refuse the
    page (one "keeper" beside a series' "season") is not named. Whether the page is refused
    does not change."""
    if any(not _sharing(word) for word in found[decided]):
        return decided, found[decided]
    shared: Counter[str] = Counter()
    for words in found.values():
        for word, n in words.items():
            if _sharing(word):
                shared[word] = max(shared[word], n)

    def words_of(kind: str) -> Counter[str]:
        own = Counter({word: n for word, n in found[kind].items() if not _sharing(word)})
        return own + Counter({word: n for word, n in shared.items() if kind in _sharing(word)})

    weighed = {kind: words_of(kind) for kind in _OTHER_KINDS}
    named = max(
        (kind for kind in _OTHER_KINDS if kind == decided or refuses(kind, weighed[kind].total())),
        key=lambda kind: (weighed[kind].total(), kind == decided),
    )
    return named, weighed[named]


def _thick(found: Counter[str], words: int, least: int | float, share: float) -> bool:
    """Whether a lexicon's words are thick on a page of ``words`` words: at least ``least``
    of them and ``share`` of the page, in ``FILM_NEWS_WORDS`` different ones or more (a
    plural counted as its singular). News about films and episode notes are both told so:
    by how often the page speaks of its own business, not by outweighing its film words."""
    return (
        sum(found.values()) >= max(least, share * words)
        and len({_singular(word) for word in found}) >= FILM_NEWS_WORDS
    )


def _singular(word: str) -> str:
    """``word`` without a plural's final "s" ("trailers" -> "trailer")."""
    return word.removesuffix("s")


def _evidence(found: Counter[str]) -> tuple[str, ...]:
    """The three cue words seen most, as the reason shows them ("trailer ×7")."""
    return tuple(f"{word} ×{n}" for word, n in found.most_common(3))


def _lines(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.strip())


def _article(word: str) -> str:
    return "an" if word[0].lower() in "aeiou" else "a"
