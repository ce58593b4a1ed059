"""Is this page a film review? A cheap, explainable check before a page is stored.

People add whatever they have saved, and not all of it reviews a film: a TV column, a
theatre notice, a hair-conditioner blog post, a box-office report. Stored as a review,
such a page becomes a film named after a product, or a review of "no film named". So a
page is read for the vocabulary of each kind of writing (cue lexicons: "episode",
"series finale" for TV; "stage", "West End" for theatre; "album", "track" for music;
"conditioner", "bottle" for a product; "grossed", "$42.5 million" for box-office news),
and refused only when another kind's cues clearly outweigh the film's ("film", "movie",
"screenplay", "cinema", a certificate or a runtime). The reason names the kind and the
words that decided it, so a user who disagrees can see why and keep the page anyway.

The check leans hard towards keeping: a film review that mentions the novel it adapts,
the band on its soundtrack or the TV series it spun off from still says "film" or
"movie" far more often than any of those. A short text (a pull quote, a capsule) says too
little to judge and is always kept, as is a document whose structure names a film (a
table's film column, front matter, JSON-LD).

The lexicons and thresholds were chosen on the dev half of real pages of every kind
(``tests/fixtures/kinds``) and on dev-split film reviews; ``bench/page_kind_eval.py``
measures them on the held-out half.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping

import regex as re

from marquee.records import Document

FILM = "film"

MIN_WORDS = 60
"""Below this many words a page is never refused: a quote or capsule says too little."""

MIN_OTHER_CUES = 3
"""Another kind must show at least this many cue words before it can outweigh film; a
page without one film word needs only ``MIN_OTHER_CUES_NO_FILM``."""

MIN_OTHER_CUES_NO_FILM = 2

OUTWEIGH = 2.0
"""How many times the film cues another kind's cues must be to refuse the page."""

_FILM_META = ("film", "movie", "year", "imdb", "tmdb", "rtid")
"""Meta keys that mean the document's structure itself names a film."""

_TABLE_SHAPES = frozenset({"csv", "jsonl"})

_CUES: Mapping[str, tuple[str, ...]] = {
    FILM: (
        r"films?",
        r"movies?",
        r"cinemas?",
        r"cinematic",
        r"cinematograph\w*",
        r"screenplay",
        r"screenwriter",
        r"filmmakers?",
        r"film-?makers?",
        r"writer-director",
        r"directorial",
        r"box-office bomb",
        r"on the big screen",
        r"blockbusters?",
        r"sequel",
        r"biopic",
        r"documentary",
        r"animated",
        r"(?:\(|\bcert\.?\s*)(?:U|PG|12A|15|18|PG-13|NC-17)\)?",
        r"\d{2,3}\s*(?:mins?|minutes)\b",
        r"running time",
        r"in theaters",
        r"multiplex",
        r"oscar",
    ),
    "TV": (
        r"episodes?",
        r"series (?:one|two|three|four|five|\d+)",
        r"seasons?",
        r"finale",
        r"pilot",
        r"showrunner",
        r"television",
        r"tv(?!'s)",  # not "(Emma Corrin – TV's The Crown)", a film review's credit
        r"telly",
        r"bbc (?:one|two|three|four)",
        r"itv",
        r"channel (?:4|5|four|five)",
        r"sky atlantic",
        r"(?:hbo|amc|fx|netflix) (?:series|show)",
        r"sitcom",
        r"drama series",
        r"viewers",
        r"the show",
        r"this show",
        r"box set",
    ),
    "theatre": (
        r"theatres?",
        r"theater",
        r"stage",
        r"staging",
        r"on stage",
        r"west end",
        r"broadway",
        r"playwright",
        r"new play",
        r"one[- ]act play",
        r"soliloquy",
        r"matinee",
        r"press night",
        r"the play",
        r"this play",
        r"musical",
        r"revival",
        r"the production",
        r"this production",
        r"set design",
        r"lighting design",
        r"monologue",
        r"interval",
        r"curtain call",
        r"ballet",
        r"opera",
        r"the bard",
        r"farce",
        r"reviewed on",
        r"playhouse",
        r"studios?, london",
    ),
    "book": (
        r"novels?",
        r"book",
        r"books",
        r"author",
        r"chapters?",
        r"prose",
        r"readers?",
        r"reading",
        r"publisher",
        r"published by",
        r"paperback",
        r"hardback",
        r"memoir",
        r"novella",
        r"page-turner",
        r"synopsis",
        r"advance reading cop(?:y|ies)",
    ),
    "music": (
        r"albums?",
        r"tracks?",
        r"songs?",
        r"band",
        r"guitar",
        r"vocals?",
        r"riffs?",
        r"chorus",
        r"lyrics",
        r"\bep\b",
        r"lp",
        r"record label",
        r"drums?",
        r"bass",
        r"keyboards?",
        r"singer",
        r"gig",
        r"prog",
        r"rock",
        r"soundtrack album",
        r"track list",
    ),
    "product": (
        r"products?",
        r"conditioners?",
        r"shampoo",
        r"hair",
        r"scalp",
        r"scent",
        r"fragrance",
        r"bottle",
        r"tube",
        r"ingredients",
        r"leave-in",
        r"lather",
        r"moisturi[sz]\w*",
        r"silicones?",
        r"parabens",
        r"purchased",
        r"vegan",
        r"battery",
        r"charger",
        r"device",
        r"smartphone",
        r"pros:",
        r"cons:",
    ),
    "video game": (
        r"games?",
        r"gameplay",
        r"players?",
        r"co-op",
        r"console",
        r"controller",
        r"platforming",
        r"puzzles?",
        r"multiplayer",
        r"xbox",
        r"playstation",
        r"nintendo",
        r"ps[45]",
    ),
    "travel": (
        r"hotels?",
        r"room",
        r"rooms",
        r"breakfast",
        r"pool",
        r"check(?:ed)? ?-?in",
        r"stayed",
        r"stay",
        r"beach(?:es)?",
        r"islands?",
        r"flights?",
        r"flew",
        r"trip",
        r"vacation",
        r"holiday",
        r"resort",
        r"itinerary",
        r"tourist",
        r"travel\w*",
        r"curtains",
        r"taxi",
    ),
    "restaurant": (
        r"restaurants?",
        r"menu",
        r"starters?",
        r"dessert",
        r"pudding",
        r"dish(?:es)?",
        r"chefs?",
        r"waiters?",
        r"waitress(?:es)?",
        r"waiting staff",
        r"wine",
        r"lunch",
        r"dinner",
        r"tasting menu",
        r"portions?",
        r"cocktails?",
        r"parfait",
        r"served",
        r"meal",
        r"eaterie",
    ),
    "news": (
        r"box office",
        r"grossed",
        r"gross",
        r"\$\d[\d,.]*\s*(?:m|million|bn|billion)\b",
        r"\$\d[\d,.]*M\b",
        r"million",
        r"theaters\b",
        r"locations",
        r"opening weekend",
        r"debuts?",
        r"announced",
        r"announcement",
        r"the studio",
        r"distributor",
        r"domestically",
        r"internationally",
        r"overseas",
        r"territories",
        r"budget",
        r"release date",
        r"said",
        r"according to",
        r"administration",
        r"political parties",
        r"analyst",
        r"#\d+",
    ),
}

_DRAMA_CUES = (
    r"characters?",
    r"scenes?",
    r"plays",
    r"played",
    r"cast",
    r"performances?",
    r"actors?",
    r"actress(?:es)?",
    r"roles?",
    r"plot",
    r"storyline",
    r"director",
    r"directed",
    r"script",
    r"dialogue",
    r"starring",
    r"stars",
    r"villains?",
    r"heroine",
    r"protagonist",
    r"audiences?",
    r"ensemble",
    r"comedy",
    r"thriller",
    r"drama",
    r"horror",
)
"""The language of a dramatic work: film, TV and theatre share it, so it stands with a
film against a book, an album, a product, a trip, a meal or the news, never against
TV or theatre."""

_ROLE = re.compile(r"\((?:played by |voiced by )?\p{Lu}[\p{L}'.-]+(?: \p{Lu}[\p{L}'.-]+){1,3}\)")
"""A cast member named in brackets after a character: "Neil (Tim Roth)"."""

_NOT_DRAMA = frozenset({"book", "music", "product", "video game", "travel", "restaurant"})
"""The kinds a dramatic work's language speaks against. News about films (box office,
release dates) names genres and directors too, so against news only film words count."""


def _lexicon(cues: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(cues) + r")(?![\w-])", re.IGNORECASE)


_PATTERNS = {kind: _lexicon(cues) for kind, cues in _CUES.items()}
_DRAMA = _lexicon(_DRAMA_CUES)

_READS_AS = {"news": "reads as news, not a review"}


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
    """Whether ``document`` reads as a film review, and if not, as what."""
    if document.shape in _TABLE_SHAPES or any(document.meta.get(k) for k in _FILM_META):
        return PageKind(FILM, {})
    return text_kind("\n".join((document.meta.get("title", ""), document.body)))


def text_kind(text: str) -> PageKind:
    """The kind a text reads as, by its cue words (see the module docstring)."""
    found = {kind: Counter(m.lower() for m in p.findall(text)) for kind, p in _PATTERNS.items()}
    cues = {kind: sum(counts.values()) for kind, counts in found.items()}
    cues["drama"] = len(_DRAMA.findall(text)) + len(_ROLE.findall(text))
    if len(text.split()) < MIN_WORDS:
        return PageKind(FILM, cues)
    other = max((k for k in _CUES if k != FILM), key=lambda k: cues[k])
    support = cues[FILM] + (cues["drama"] if other in _NOT_DRAMA else 0)
    least = MIN_OTHER_CUES if cues[FILM] else MIN_OTHER_CUES_NO_FILM
    if cues[other] < least or cues[other] < OUTWEIGH * max(support, 1):
        return PageKind(FILM, cues)
    evidence = tuple(f"{word} ×{n}" for word, n in found[other].most_common(3))
    return PageKind(other, cues, evidence)


def _article(word: str) -> str:
    return "an" if word[0].lower() in "aeiou" else "a"
