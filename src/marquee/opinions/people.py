"""The people a review names, and in what capacity: the director, or a performer.

A consensus names the people critics single out ("Alfred Hitchcock's Rebecca", "stellar
performances from Cary Grant and Rosalind Russell"), and getting the capacity wrong
states something no review said: Hitchcock gave no performance in *Rebecca*. When the
film's credits are known, they decide. When they are not (a pile of pull-quotes), a name
counts as a director or a performer only where the critic's own words say so: "director
X", "X directs", "X's film", "one of X's finest thrillers" make X the film's maker;
"starring X", "X plays", "X's performance", "performances from X, Y and Z" make X a
performer. A name with no such cue is kept without a capacity and never credited with
one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from marquee.opinions.records import Evidence, Person, Role
from marquee.opinions.sentences import Sentence
from marquee.wordlists import word_list

_PARTICLE = r"(?:de|De|del|van|von|Van|Von|di|Di|da|du|le|La|der|bin|al)"
_WORD = r"(?:Mc|Mac|O['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
NAME = re.compile(
    r"(?<![\w'’-])((?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?"
    rf"(?:{_WORD}|[A-Z]\.)(?:\s+(?:{_PARTICLE}\s+)?(?:{_WORD}|[A-Z]\.)){{0,3}})"
    r"(?:['’]s?)?(?![\w'’-])"
)
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady)\.?\s+")
_CRAFT = re.compile(
    r"^(?:(?P<director>(?:Writer-|Co-)?Director(?:-Writer|-Screenwriter)?|Filmmaker|Helmer)"
    r"|(?P<performer>Casting|Actor|Actress|Star|Co-star)"
    r"|Producer|Writer|Screenwriter|Scenarist|Designers?|Composer|Cinematographer|Editor|"
    r"Novelist|Author|Playwright|Watching|Seeing)\s+"
)
"""A capitalised word glued to the front of a name: a credit ("Director John Ford")
that says the capacity, or a sentence-opening word ("Watching Singin' in the Rain")."""
_NOT_NAMES = frozenset(word_list("marquee.opinions", "people-not-names"))
_FILM_NOUNS = (
    r"(?:film|films|movie|movies|picture|pictures|masterpiece|masterwork|classic|"
    r"direction|directing|camera|vision|style|touch|imagination|genius|artistry|craft|hands|"
    r"follow-up|filmization|handling|treatment|"
    r"filmmaking|oeuvre|debut|feature|thriller|comedy|drama|western|"
    r"musical|epic|melodrama|noir|satire|romp|fable|fantasy|cartoon|documentary|horror|"
    r"mystery|romance|parable|allegory|spectacle|remake|entry|effort|achievement)"
)
_DIRECTOR_BEFORE = re.compile(
    r"\b(?:director|filmmaker|film-maker|helmer|auteur|directed\s+by|direction\s+(?:of|by|"
    r"from)|written\s+and\s+directed\s+by|courtesy\s+of\s+director)\s+$",
    re.IGNORECASE,
)
_DIRECTOR_AFTER = re.compile(
    rf"^(?:['’]s?\]?\s+(?:[\w-]+,?\s+){{0,4}}{_FILM_NOUNS}\b|"
    r"['’]s?\]?\s+(?:most\s+)?(?:finest|best|worst|latest|greatest)(?![\w-])"
    r"(?!\s+(?:\w+\s+)?(?:performance|turn|role|work\s+as))|"
    r"\s*,?\s*who\s+(?:also\s+)?(?:directed|made|wrote\s+and\s+directed)\b|"
    r"\s+(?:creates|crafts|has\s+(?:crafted|fashioned|created|made)|fashions|orchestrates|"
    r"stages|pulls\s+off|"
    r"(?:has\s+)?achieved|makes\s+(?:a|an|his|her)\s+(?:[\w-]+\s+){0,2}(?:film|movie|picture)|"
    r"directs|directed(?!\s+by)|helms|helmed|has\s+(?:written\s+and\s+)?directed|"
    r"(?:is|was)\s+(?:[\w-]+\s+){0,4}(?:director|filmmaker|film-maker|auteur|storyteller)s?)\b)"
)
_MADE_AFTER = re.compile(r"^\s+(?:film|movie|picture|feature|thriller|comedy)\b")
"""'A Hitchcock film', 'an Alfred Hitchcock feature': the maker's name as a label."""
_COMPARED_WITH = re.compile(
    r"\b(?:like|unlike|than|as\s+with|reminiscent\s+of|to\s+fill|worthy\s+of|since)\s+"
    r"(?:an?\s+|the\s+|early\s+|vintage\s+|classic\s+){0,2}$",
    re.IGNORECASE,
)
_PERFORMER_BEFORE = re.compile(
    r"\b(?:starring|stars|co-stars?|actor|actress|actors|performances?\s+(?:from|by|of)|"
    r"presence\s+of|inhabited\s+by|(?:cast|actors|performers)(?:\s+\w+)?\]?,?\s+especially|"
    r"turns?\s+(?:from|by)|cast\s+(?:includes|including)|played\s+by|portrayed\s+by)\s+$",
    re.IGNORECASE,
)
_PERFORMER_AFTER = re.compile(
    r"^(?:['’]s?\s+(?:[\w-]+,?\s+){0,3}(?:performance|performances|portrayal|turn|acting|"
    r"role|presence|delivery|starrer|vehicle|characterization|impersonation|timing|"
    r"character|villain|hero|heroine|femme\s+fatale|antihero|sidekick)\b|"
    r"\s+(?:plays|played|stars|starred|co-stars|portrays|portrayed|acts|playing|performing|"
    r"steals\s+the\s+(?:film|movie|show)|is\s+cast|the\s+(?:actor|actress|star))\b|"
    r"\s+(?:gives|gave|delivers|delivered|turns\s+in)\s+(?:[\w-]+\s+){1,4}(?:performance|"
    r"turn|portrayal)\b|"
    r"\s+(?:is|was|are|were)\s+(?:[\w-]+\s+){0,3}as\s+(?:the|a|an|his|her)\b|"
    r"\s*,\s+as\s+(?:the|a|an)\s+\w+|-[A-Z][a-z]+\s+starrer)"
)
_LIST_GLUE = re.compile(r"^\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)$")


@dataclass(frozen=True, slots=True)
class Named:
    """A person named in a sentence, as written (possessive and honorific dropped)."""

    name: str
    role: Role | None
    start: int
    sentence_initial: bool  # one capitalised word opening the sentence: maybe no name


def named_people(text: str, excluded: frozenset[str] = frozenset()) -> list[Named]:
    """Every capitalised name in ``text`` that is not a common word or one of
    ``excluded`` (lower-case title words), with the capacity the sentence gives it."""
    found: list[Named] = []
    for m in NAME.finditer(text):
        words = m.group(1).split()
        if words[0] == "The" and text[: m.start()].strip(" \"“‘'(["):
            continue  # "The Final Cut" mid-sentence: a title, not a person
        while words and words[0].lower().strip(".") in _NOT_NAMES:
            words.pop(0)  # "In Hitchcock's hands": a sentence-opening word, not a name
        craft = _CRAFT.match(" ".join(words))
        name = _HONORIFIC.sub("", " ".join(words)[craft.end() :] if craft else " ".join(words))
        tokens = name.split()
        if not tokens or _common(tokens) or any(t.lower() in excluded for t in tokens):
            continue
        start = text.index(tokens[0], m.start())
        role: Role | None = None
        if craft:
            role = "director" if craft.group("director") else None
            role = "performer" if craft.group("performer") else role
        else:
            role = _role(text, start, m.end(1), found)
        initial = (
            not craft
            and len(words) == len(m.group(1).split())
            and not text[: m.start()].strip(" \"“‘'([")
            and len(tokens) == 1
        )
        found.append(Named(name, role, start, initial))
    return found


def _common(tokens: list[str]) -> bool:
    return all(t.lower().strip(".") in _NOT_NAMES or len(t.rstrip(".")) < 2 for t in tokens)


def _role(text: str, start: int, end: int, before: list[Named]) -> Role | None:
    head, tail = text[:start], text[end:]
    if _COMPARED_WITH.search(head):
        return None  # "like a Spielberg film", "to fill a Bruckheimer picture": another film
    if "-" in text[start:end]:
        pass  # "the Astaire-Rogers movie": a pairing of stars, never the maker
    elif _DIRECTOR_BEFORE.search(head) or _DIRECTOR_AFTER.match(tail):
        return "director"
    elif head.strip(" \"“‘'([") and _MADE_AFTER.match(tail):
        return "director"  # not at a sentence's start: "Motion picture archives …"
    if _PERFORMER_BEFORE.search(head) or _PERFORMER_AFTER.match(tail):
        return "performer"
    if before and before[-1].role and _LIST_GLUE.match(text[_end_of(text, before[-1]) : start]):
        return before[-1].role  # "performances from Donald Crisp, Walter Pidgeon and …"
    return None


def _end_of(text: str, named: Named) -> int:
    match = NAME.match(text, named.start)
    return match.end(1) if match else named.start + len(named.name)


def review_people(
    review: int, sentences: Sequence[Sentence], named: Sequence[Sequence[Named]]
) -> tuple[Person, ...]:
    """The people one review names, once each (a surname and a full name are one
    person), each in the capacity most of its mentions give, at the first sentence that
    names them in full. A
    lone capitalised word opening a sentence ("Expert performances …") counts only when
    the review also names it elsewhere or gives it a capacity."""
    mentions: dict[str, list[tuple[Named, int]]] = {}
    text_of = {s.index: s.text for s in sentences}  # indices count headings too
    for sentence, found in zip(sentences, named, strict=True):
        for n in found:
            mentions.setdefault(surname(n.name), []).append((n, sentence.index))
    people = []
    for items in mentions.values():
        if all(n.sentence_initial and n.role is None for n, _ in items):
            continue
        name = max((n.name for n, _ in items), key=len)
        roles: Counter[Role] = Counter(n.role for n, _ in items if n.role is not None)
        ranked = sorted(roles.items(), key=lambda kv: (-kv[1], kv[0] != "director"))
        role = ranked[0][0] if ranked else None
        first = min(i for n, i in items if n.name == name)  # where they are named in full
        people.append(Person(name, role, Evidence(review, first, text_of[first])))
    return tuple(sorted(people, key=lambda p: p.evidence.sentence))


def surname(name: str) -> str:
    """The key two mentions of one person share ("Hitchcock", "Alfred Hitchcock")."""
    return name.split()[-1].lower().strip(".'’") if name else ""
