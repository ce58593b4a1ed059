"""A round-up's title lines read as a film's title, their decorations off.

Each site decorates the line that opens a film's capsule its own way: numbered or
bulleted, under a label every capsule repeats ("Mini Review - Morbius"), with its facts,
mark or director after it ("Zambezi – 1", "Top Gun: Maverick, 2022 - ★★★★", "Talk to Me -
dir. Danny Philippou"), in quotation marks or capitals, or with a subtitle ("La La Land:
Oh, what a lovely film"). :func:`title_of` takes those off and says how the title was set
apart, which :mod:`marquee.roundups.segment` uses to find the page's series of films.
"""

from __future__ import annotations

import re as stdlib_re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import regex as re

from marquee.films.match import named_count
from marquee.films.text import clean
from marquee.records import Block
from marquee.roundups.lines import DATE_LINE, STAR_GLYPHS, STARS, delivers_verdict
from marquee.roundups.titles import (
    NUMBERED,
    display_title,
    is_aspect,
    is_loose_title,
    is_shouted,
    is_title,
)

_MAX_HEADING_WORDS = 14
_MAX_TITLE_WORDS = 10
_MIN_SUBTITLE_WORDS = 4
_MIN_TITLE_RUN = 2
"""Words of a film after a headline's one-word lead-in ("Name Me Lawand")."""
_SHARED = 2
"""A label is the page's own when this many lines open with it."""

_PAGE_LABEL = re.compile(
    r"\b(?:(?:movie|film|mini|short|quick|reader)?\s*reviews?|notes|capsules?|takes?|picks?"
    r"|verdict|recap|best|worst|movie|film|trailer|bonus|(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
"""A word saying what a shared label is: the page's own ("Program Notes", "Mini Review",
"SIFF 2023", "Best"), not a franchise's name that its sequels share ("Alien: Covenant",
"Alien: Resurrection", "Mission: Impossible – Fallout")."""
_CATEGORY = re.compile(
    r"(?:(?:best|worst|favou?rite|top) )?(?:horror|comedy|drama|romance|love|romantic comedy"
    r"|rom-com|action|thriller|documentary|animation|animated|family|kids|sci-fi"
    r"|science fiction|fantasy|musical|western|war|crime|mystery|adventure|superhero|indie"
    r"|foreign|classic|cult|holiday|christmas|teen|movie|film|picture)(?: (?:movie|film|pick))?"
)
"""A list's category before each film, casefolded ("Horror: X", "Love: Y", "Best Movie:
Z"): the page's labels where two or more lines carry one; a category is no title's word
before a colon ("Alien: Covenant", "Mission: Impossible")."""
_COLON_NUMBER = re.compile(r"^(\d{1,4})(?::|\s*[-–—])\s+(?=\S)")
"""A list's number or year before a colon or a dash: "13: Warcraft", "2016 — GRADUATION
(Bacalaureat); Romania" (a film for each year). Taken off only where the page's other
lines run in sequence with it (a countdown's "12:" beside "13:", "2015 —" beside "2016
—"): "9: …" alone, "300: Rise of an Empire" in a list of ten, "2001: A Space Odyssey"
beside "2010: The Year We Make Contact", "1917 – a war film…" keep the number a title
holds."""
_SLASHED = re.compile(r"(?<=\S)/(?=\S)")
_BULLET = re.compile(r"^\s*(?:[•·▪►▸◦*]|(?i:movie|film|no\.?)\s*#?\d{1,3}\s*[:.)-])\s*")
_MAX_LABEL_CHARS = 30
_PREFIXED = re.compile(
    rf"^(?P<label>[^-–—:|]{{3,{_MAX_LABEL_CHARS}}}?)(?:\s+[-–—|]|\s*:)\s+(?P<rest>\S.*)$"
)
_SEPARATOR = stdlib_re.compile(r"[-–—:|]")
"""What ends a label: its first occurrence in a line is where :data:`_PREFIXED` can end one."""
PAREN = r"\((?:[^()]|\([^()]{0,20}\)){1,120}\)"
"""A parenthesis after a title, one nested: "(4 stars, like a Danish (500) Days of Summer)"."""
_MARKS = rf"(?:\(star\))+(?:\s*1/2)?|[{STAR_GLYPHS}]+\s+1/2|\d\s+1/2\s+(?i:stars?)|{STARS}"
_SEPARATED = r"[-–—:|]\s*(?:[A-F][+-]?|10|\d(?:\.\d)?)(?=\W*$)"
"""A grade or a bare number is a mark only after a separator: "Crisis: B", "Zambezi – 1"
(never "Plan B", "Sonic the Hedgehog 2")."""
_LOGGED = r"(?<=\))\s+\d{1,2}\.\d\d|\[[^\[\]]{2,60}\]|(?:19|20)\d\d-\d\d-\d\d|#\p{L}[\p{L}\p{N}_]*"
"""A film log's facts after the year: a score, the director in square brackets, the day
seen, its tags ("SUPERBAD (2007) 8.00 [D. GREG MOTOLLA] 2007-11-01", "I Trapped the
Devil (2018) #Dark #Thriller")."""
_BARE_CERTIFICATE = r"(?<=\s)(?:PG-13|NC-17|PG)"
"""A certificate printed without brackets after a title ("Creed PG-13"); never a lone
letter ("Kenny G") or number ("Apollo 18")."""
_SERVICE = (
    r"(?<=\))\s+(?i:netflix|amazon(?: prime)?(?: video)?|prime video|disney\+|hulu|apple tv\+?"
    r"|hbo max|max|peacock|paramount\+|mubi|iplayer|now tv|sky cinema)"
)
"""Where to watch it, after a title's facts: "The Holiday (2006) Netflix"."""
_DASHED_YEAR = r"\s[-–—]\s+(?:19|20)\d\d(?:\s+[-–—]\s+\p{Lu}[^-–—|()]{1,40})?"
"""A year set off by a dash, the studio after it: "Abandoned – 1949 – Universal Pictures"."""
_COUNTRY = r";\s*\p{Lu}[\p{L}/.’' ]{1,30}"
"""Where a film comes from, after a semicolon: "GRADUATION (Bacalaureat); Romania"."""
_TRAILING = re.compile(
    rf"(?:\s*(?:{_SEPARATED}|,\s*(?:19|20)\d\d|{_LOGGED}|{_BARE_CERTIFICATE}|{_SERVICE}"
    rf"|{_DASHED_YEAR}|{_COUNTRY}|[-–—:|,]?\s*(?:{PAREN}|{_MARKS})))+\s*[.:]?\s*$"
)
"""What follows a title on its line: "(1942)", "(R)", "★★½", ": B", "– 5.5", "(star)(star)",
", 2022", "– 1949 – Universal Pictures", "; UK/USA": the film's facts, never its title."""
_DIRECTED = re.compile(r"\s+[-–—|]\s*(?:dir\.|directed by)\s+[^-–—|]{2,80}$", re.IGNORECASE)
"""A director's credit after a title: "Talk to Me - dir. Danny Philippou"."""
_CALLED_REVIEW = re.compile(
    r"\s+[|–—-]\s+(?:(?:19|20)\d\d\s+)?(?:\p{Lu}[\p{L}'’.]*\s+){0,5}(?i:review)$"
)
"""A headline's label after its film, saying it is a review: "The Journey | 2017 Toronto
International Film Festival Review", "Parasite – Film Review"."""
_REVIEW_WORD = re.compile(r"\s+(?:movie\s+|film\s+)?review(?:ed)?$", re.IGNORECASE)
_FILE_NAME = re.compile(r"(?<=\)\.?)\s+[\p{L}\p{N}]+(?:[-_][\p{L}\p{N}]+)+$")
"""An image's file name a copy kept after a heading's facts: "Sicario (dir. Denis
Villeneuve). sicario-poster03"."""
_LEAD_OFF = re.compile(r"(?:[:?!]|\s[-–—|])\s+")
"""Where a headline's lead-in ends and the film it names may start: "Someone stop Kenneth
Branagh: A Haunting in Venice reviewed", "Did ChatGPT write this? Indiana Jones…"."""
_LOWER_WORD = re.compile(r"\s+(?=\p{Ll})")
_MIN_PHRASE_WORDS = 3
"""The words a labelled headline says of its film ("overlong, still astounding"), never
a measure's unit ("Duration: 114 mins")."""
_MEASURE = re.compile(r"\d+(?:[.,/]\d+)?\s*(?:out of|minutes|mins?\.?)", re.IGNORECASE)
"""A runtime or the start of a score, never a title: "144 minutes", "2 out of" (4 stars)."""
"""A heading that names its film and calls itself a review: "Arthur Review"."""
_QUOTED_END = re.compile(
    r"(?:^|\s)[\"“](?P<title>[^\"“”]{1,60})[\"”]\s*(?i:grade|rating|score|verdict)?\s*$"
)
"""A heading ending with its film's title in quotation marks ('A "QUICK!" Review of
"M3GAN (2023)"'), or with the quoted title's mark to come ('"Joker" Grade')."""
_QUOTED_IN = re.compile(
    r"(?:^|(?<=\s))['‘\"“](\p{Lu}(?:[^'‘’\"“”]|['’](?=\p{Ll}))"
    r"{0,58}?)['’\"”](?=[\s,:;.!?\-–—]|$)"
)
"""A headline's film in quotation marks: "Suicidal Impulses Thread Through 'Happy End'",
"Film Review: ‘The Adults’- Regret, Ennui…" (a dash met without a space),
an apostrophe inside it ("'Butcher's Crossing' leaves…")."""
_QUOTED_WHOLE = re.compile(r"[\"“](?P<title>[^\"“”]{1,80})[\"”]\s*")
"""A numbered entry's title quoted whole, a colon inside it the title's own."""
_TEASER_END = re.compile(r"\bcontinue reading\b.*$", re.IGNORECASE)
"""A teaser's link to the full review, which repeats the heading."""
_HAS_MARK = re.compile(rf"{_MARKS}|{_SEPARATED}|\([A-F][+-]?\)")
"""A mark among what follows a title: stars, a separated score or grade, a grade in
brackets ("ANOMALISA: (B+)")."""
_FACTS_MARK = re.compile(rf"\((?!\d{{1,2}}\))|\d{{4}}|{_BARE_CERTIFICATE}|;")
"""A bracket of facts, a year, a certificate or a country after a heading's title, not a
list number "(1)"."""
LABEL_LINE = re.compile(
    r"^\W*(?:(?:directors?|directed by|dir|starring|stars|cast|with|written by|writers?|screenplay"
    r"|run ?time|running time|runtime|release date|released|genre|certificate|rated|rating"
    r"|verdict|score|grade|where to watch|available on|screens|see review|read more"
    r"|[\p{L}']+['’]s rating)\s*:|(?:directed|written|produced|edited|shot) by\s+\p{L})",
    re.IGNORECASE,
)
"""A facts or label line under a title ("Director: Clint Eastwood", "IMDb's Rating: …",
"Directed by Bryan Singer": a credit, never a film heading)."""
_CLOCK = re.compile(
    r"\b\d{1,2}(?::\d\d)?\s?(?:am|pm)\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"\p{L}*\.?\s\d{1,2}(?:st|nd|rd|th)?,",
    re.IGNORECASE,
)
"""A screening time or a date: "Sep 7, 9 pm, Ryerson", "Friday, June 17, 2011"."""
_RELEASED = re.compile(
    r"\((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\p{L}*\.?\s\d{1,2}(?:st|nd|rd|th)?,?"
    r"\s(?:19|20)\d\d\)\W*$",
    re.IGNORECASE,
)
"""A film's release date in brackets after its title, its facts: "Adrift (June 1, 2018)"."""
_SHOUTED_LEAD = re.compile(
    r"^(?P<title>[\p{Lu}\p{N}][\p{Lu}\p{N}'’&!?:. ]{1,60}?)\s*(?:,|\s[-–—])\s"
)
"""A title in capitals before the heading's own words: "I AM, 26 Minutes of …"; two
characters at least, so that "I, Tonya" is a title whole, not "I" and its words."""
_BYLINE = re.compile(
    r"^(?:by|(?:posted|published|updated|written)(?:\s+by)?)(?:\s+\p{Lu}\S*(?:\s\p{Lu}\S*){0,2})?$",
    re.IGNORECASE,
)
"""A byline or dateline, never a film: "By Staff", or "By" alone where a copy lost the
name ("By the Sea" is a film)."""
_EVENT_LABEL = re.compile(r"^\p{L}[\p{L}&.'’ ]{1,30}? (?:19|20)\d\d(?: (?:film )?reviews?)?$")
"""A festival's label with its year, casefolded: "siff 2023", "sundance 2017 review"."""
_SHOUTED_RUN = re.compile(
    r"(?<![\p{L}\p{N}])(?:\p{Lu}[\p{Lu}\p{N}.'’&!?-]*\p{Lu}[.!?]?|\p{Lu}\.)"
    r"(?:[ ,]+(?:\p{Lu}[\p{Lu}\p{N}.'’&!?-]*\p{Lu}[.!?]?|\p{Lu}\.|[AI](?= \p{Lu}\p{Lu})|\p{N}+))*"
    r"(?![\p{L}\p{N}])"
)
"""A run of words in capitals inside a headline in lower case: the film's title, the
way a site's headlines print it ("Damn Those Unbearably Funny L.A. TIMES")."""
COLLECTION = re.compile(
    r"\b(?:reviews|round[- ]?up|capsules?|picks|what to (?:see|watch)|mini[- ]reviews?"
    r"|quick (?:takes|reviews)|in brief|top \d+|best (?:films|movies)|new films"
    r"|new (?:(?:movie|film) )?releases"
    r"|this week(?:end)?|festival|(?:recent )?viewings|ranked"
    r"|(?:films|movies) (?:(?:I|we)(?:['’]ve)? )?(?:seen|watched|saw)"
    r"|(?:films|movies) of the (?:week|month|year)"
    r"|(?:review|thoughts|takes?)\b.{0,30}\b(?:\d{1,2}|two|three|four|five|six|seven|eight"
    r"|nine|ten|several) (?:\w+ )?(?:films|movies)"
    r"|(?:category|tag|archives?)(?=\s*:)|posts tagged)\b",
    re.IGNORECASE,
)
"""A line saying the page collects films: "Mini Film Reviews", "Critics' picks", "Movies
I Watched", or a blog's category, tag or archive page ("Category: Short Films", "TCM TiVo
Alert Archive: May 8, 2012 to …"), which lists posts."""


def shared_labels(blocks: Sequence[Block]) -> frozenset[str]:
    """Labels two or more short lines open with: "Mini Review - Morbius", "Mini Review - X";
    a list's categories ("Horror: X", "Love: Y"), and its numbers where they run in
    sequence ("13: Warcraft", "12: The Jungle Book"; kept as "#13", "#12")."""
    return _page_labels(tuple(blocks))


@lru_cache(maxsize=2)
def _page_labels(blocks: tuple[Block, ...]) -> frozenset[str]:
    """:func:`shared_labels`, remembered for the last pages asked: the heading reader
    (:mod:`marquee.roundups.split`) and the capsule reader (:mod:`marquee.roundups.segment`)
    each ask for every page's labels, most pages the same blocks both times."""
    lines = [clean(b.text) for b in blocks]
    found = [(match["label"].strip().casefold(), t) for t in lines if (match := _prefixed(t))]
    counts = Counter(label for label, t in found if len(t.split()) <= _MAX_HEADING_WORDS)
    labelled = [label for label, _ in found]
    shared = {label for label, n in counts.items() if n >= _SHARED and _PAGE_LABEL.search(label)}
    if any(_EVENT_LABEL.match(label) for label in shared):  # "SIFF 2023:" and "Cannes 2023:"
        shared |= {label for label in counts if _EVENT_LABEL.match(label)}
    categories = [label for label in labelled if _CATEGORY.fullmatch(label)]  # capsules too
    if len(categories) >= _SHARED:  # "Horror: X", "Love: Y"
        shared |= set(categories)
    numbers = {int(found[1]) for text in lines if (found := _COLON_NUMBER.match(text))}
    shared |= {f"#{n}" for n in numbers if {n - 1, n + 1} & numbers}
    return frozenset(shared)


def label_of(text: str, labels: frozenset[str]) -> tuple[str, str] | None:
    """(label, the rest) of a line opening with one of the page's shared ``labels``
    ("Program Notes: Once (2006)" is "program notes" and "Once (2006)"); None otherwise."""
    if not labels:
        return None  # most pages share none: no pattern to run
    numbered = _COLON_NUMBER.match(text)
    if numbered is not None and f"#{numbered[1]}" in labels:
        return f"#{numbered[1]}", text[numbered.end() :]
    found = _prefixed(text)
    if found is None or (label := found["label"].strip().casefold()) not in labels:
        return None
    return label, found["rest"]


def _prefixed(text: str) -> re.Match[str] | None:
    """:data:`_PREFIXED`'s match, run only where the line's first separator comes after
    few enough characters to be a label's: a label holds none, so the match ends at the
    first, and the spaces before it are taken off whole (prose, most lines, has none in
    reach and is not run through the pattern)."""
    first = _SEPARATOR.search(text)
    if first is None or len(text[: first.start()].rstrip()) > _MAX_LABEL_CHARS:
        return None
    return _PREFIXED.match(text)


def title_of(
    text: str, labels: frozenset[str], *, vouched: bool = False
) -> tuple[str, str, bool, bool] | None:
    """(title, form, marked, rated) of a heading line, its decorations off; None for a line
    that is no film's title (a label, a screening time, a sentence). A title the grammar
    does not read ("Those Who wish me dead", "the young teacher") is taken when its facts
    or mark vouch for it: beside it, or (``vouched``) on the line below."""
    text = _FILE_NAME.sub("", clean(text))
    if text.endswith(":") or _BYLINE.match(text):
        return None  # "The Good:" (a label for what follows), "By Staff"
    if LABEL_LINE.match(text) or DATE_LINE.match(text):
        return None  # "Director: Wang Junzheng (China)", "Rating: 3/10", "June 2018"
    said = _CLOCK.search(text) or delivers_verdict(Block("paragraph", text))
    marks = _TRAILING.search(text)
    if said and not (marks and (_HAS_MARK.search(marks.group()) or _RELEASED.search(text))):
        return None  # "Crisis: B" is a title with its mark; "Thursday, March 1, 2018" none
    form = "plain"
    if (numbered := NUMBERED.sub("", text)) != text or (bulleted := _BULLET.sub("", text)) != text:
        form, text = "numbered", numbered if numbered != text else bulleted
    if form == "numbered" and (whole := _QUOTED_WHOLE.fullmatch(text)):
        text, form = whole["title"], "quoted"  # "Number Ten: “Mission: Impossible – …”"
    if labelled := label_of(text, labels):
        form, text = f"label:{labelled[0]}", _leading_title(_shouted_in(labelled[1]))
        # "FIN REVIEW: The Guilty a pulse-pounding gem"
    if (called := _CALLED_REVIEW.search(text)) and form == "plain":
        text, form = text[: called.start()], "label:review"  # "Parasite – Film Review"
    directed = _DIRECTED.search(text)
    reviewed = directed is None and _REVIEW_WORD.search(text) is not None
    text = text[: directed.start()] if directed else _REVIEW_WORD.sub("", text)
    if reviewed:
        text = _reviewed_title(text)
    open_form = form == "plain" or form.startswith("label:")  # "DIFF 2017 Review: X's 'Y'"
    if (quoted := _QUOTED_END.search(text)) and open_form:
        text, form = quoted["title"], "quoted" if form == "plain" else form  # Zemeckis' "Pinocchio"
    elif open_form and len(inside := _QUOTED_IN.findall(text)) == 1 and inside[0] != text:
        text, form = inside[0], "quoted" if form == "plain" else form  # "'Winchester' Offers…"
    trailing = _TRAILING.search(text)
    rated = bool(trailing and _HAS_MARK.search(trailing.group()))
    facts = trailing and _FACTS_MARK.search(trailing.group())  # not "(1)"
    marked = rated or bool(directed) or bool(facts)
    bare = text[: trailing.start()] if trailing else text
    if (shouted := _SHOUTED_LEAD.match(bare)) and not is_shouted(bare) and form == "plain":
        bare, form = shouted["title"], "shouted"  # "I AM, 26 Minutes of Cinematic Ebullience"
    if bare.strip()[:1] in "'‘\"“" and form == "plain":
        form = "quoted"
    elif is_shouted(bare) and form == "plain":
        form = "shouted"
    title = display_title(bare)
    if not title or len(title.split()) > _MAX_TITLE_WORDS or _MEASURE.fullmatch(title):
        return None
    loose = marked or vouched or form == "quoted"  # "Léonor Serraille's 'Jeune femme'"
    if not (is_title(title) or (loose and is_loose_title(title)) or _paired(title)):
        return None
    if is_aspect(title) or COLLECTION.search(title) or LABEL_LINE.match(title + ":"):
        return None  # "The Good", "The Round-Up", "Director": never a film
    return title, form, marked, rated


def _paired(title: str) -> bool:
    """Two titles a slash joins under one heading, no space around it ("It Follows/The
    Babadook", "Interstellar/Inception"): whether one film or two is
    :mod:`marquee.roundups.pairs`' to say. A spaced slash is a caption's ("Ian Routledge /
    Courtesy of Sundance Institute")."""
    halves = _SLASHED.split(title)
    return len(halves) == 2 and all(is_title(half) for half in halves)


def _reviewed_title(headline: str) -> str:
    """The film a headline says it reviews, after the headline's own lead-in ("Dense and
    spectacular – and not pink: Oppenheimer reviewed"): the longest title after a colon,
    a question or a dash; the whole headline when it reads as a title or has none."""
    if is_title(headline) or _QUOTED_IN.search(headline) or _QUOTED_END.search(headline):
        return headline  # '"Worth": A Netflix Movie Review' names "Worth", in its marks
    after = (headline[found.end() :] for found in _LEAD_OFF.finditer(headline))
    return next((rest for rest in after if is_title(rest)), headline)


def _leading_title(headline: str) -> str:
    """A labelled headline's film before the words about it ("The Guilty a pulse-pounding
    foreign gem", "Love, Scott a testament to…"): the longest opening that reads as a
    title and stops before words in lower case, a phrase of their own; the whole when it
    reads as one, or carries its facts ("The Night of the 12th (La nuit du 12)")."""
    if is_title(headline) or _TRAILING.search(headline):
        return headline
    cuts = [
        found.start()
        for found in _LOWER_WORD.finditer(headline)
        if len(headline[found.start() :].split()) >= _MIN_PHRASE_WORDS
    ]
    return next((headline[:cut] for cut in reversed(cuts) if is_title(headline[:cut])), headline)


def _shouted_in(headline: str) -> str:
    """A labelled headline's film, where the site prints it in capitals among words in
    lower case ("Sundance 2017 Review: THE BIG SICK Offers Real Feels"); else the whole."""
    if is_shouted(headline) or not any(c.islower() for c in headline):
        return headline
    runs = [m.group().strip(" ,") for m in _SHOUTED_RUN.finditer(headline)]
    return runs[0] if len(runs) == 1 else headline


def subtitled(title: str, prose: str) -> str:
    """A heading's title before its subtitle ("La La Land: Oh, what a lovely film"), when
    the review names that and not the whole heading."""
    parts = re.split(r"\s*:\s+|\s+[-–—]\s+", title, maxsplit=1)
    if len(parts) == 1:
        return title
    head = display_title(parts[0])
    prose = _TEASER_END.sub("", prose)  # "… Continue reading <the heading>"
    if named_count(title, prose):
        return title
    if _lead_in(head, parts[1], prose):
        return parts[1]
    if len(parts[1].split()) < _MIN_SUBTITLE_WORDS or not named_count(head, prose):
        return title
    return head


def _lead_in(head: str, rest: str, prose: str) -> bool:
    """A headline's one word before its film ("Gripping: Name Me Lawand reviewed"): the
    review names the film after it, never the word nor the whole. A title's own first
    word is named in its review ("Terminator: Dark Fate" says "Terminator"), and a
    one-word subtitle stays ("Alien: Covenant")."""
    if len(head.split()) != 1 or len(rest.split()) < _MIN_TITLE_RUN:
        return False
    return bool(named_count(rest, prose)) and not named_count(head, prose)
