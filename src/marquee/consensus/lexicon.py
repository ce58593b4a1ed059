"""The words a consensus may borrow from critics, and the few it adds of its own.

A consensus judges only in critics' words: an adjective from :data:`ADJECTIVES` that a
critic used on the side the sentence takes (the side comes from the opinions stage's
judgement lexicon, so "never dull" is not turned into "dull"), an aspect's noun as they
wrote it, the kind of film they called it. Everything else comes from
:data:`TEMPLATE_WORDS`, which judge nothing (a test holds them to that). Words a critic
puts in quotation marks are someone else's (a line of dialogue, an actor's remark) and
are never borrowed.
"""

from __future__ import annotations

import re

from marquee.opinions.aspects import cue_spans, judgements
from marquee.opinions.records import ASPECTS, Aspect

ADJECTIVES = frozenset(
    """
    good great excellent superb terrific wonderful brilliant fantastic fabulous
    outstanding remarkable impressive memorable masterful stunning breathtaking
    gorgeous beautiful lovely elegant exquisite powerful compelling engaging
    engrossing gripping riveting thrilling exciting entertaining enjoyable fun funny
    hilarious charming delightful witty clever smart intelligent inventive creative
    fresh refreshing inspired sharp stylish sleek fluid kinetic dynamic electrifying
    spectacular solid strong confident effortless seamless nuanced subtle moving
    touching heartfelt poignant affecting rich layered intriguing fascinating
    absorbing vibrant vivid lively energetic buoyant crisp tight taut tense
    suspenseful scary believable convincing likable welcome worthy perfect flawless
    admirable deft skillful accomplished assured handsome lush striking magnetic
    mesmerizing hypnotic captivating fierce precise dazzling impeccable splendid
    sublime glorious joyous rousing satisfying spellbinding haunting ambitious
    daring bold uncompromising sweet tender warm wise thoughtful provocative
    imaginative atmospheric visceral unforgettable timeless classic charismatic
    ingenious amusing rollicking exhilarating polished endearing appealing stellar
    sparkling involving essential landmark special unique
    bad poor awful terrible dreadful horrible abysmal atrocious weak flimsy thin
    flat lifeless dull boring tedious tiresome tired generic uninspired bland
    forgettable mediocre lackluster disappointing underwhelming messy sloppy clumsy
    clunky awkward stilted wooden hammy cheesy corny silly stupid dumb brainless
    mindless pointless needless unnecessary shallow hollow empty soulless derivative
    predictable formulaic trite stale contrived convoluted incoherent confusing
    muddled disjointed haphazard overlong slow sluggish plodding bloated uneven
    unconvincing implausible ridiculous laughable flawed wasted anaemic anemic
    underdeveloped underwritten gratuitous excessive overdone overwrought mawkish
    maudlin sentimental annoying irritating obnoxious dreary drab murky listless
    leaden inert limp lazy cynical subpar lame dated stiff unfunny
    tasteless crude juvenile pretentious ponderous pedestrian overblown
    """.split()  # noqa: SIM905
)
GENERIC = frozenset("good great better best fine strong solid worthy perfect".split())  # noqa: SIM905
"""Praise so common it characterises nothing: a lead adjective only when no other fits."""
GENRES = frozenset(
    """
    comedy thriller drama western musical romance documentary adventure fantasy
    horror satire epic mystery melodrama cartoon fable romp farce spoof parody
    biopic noir caper fairy-tale classic
    """.split()  # noqa: SIM905
)
NOUNS: dict[Aspect, str] = {
    "story": "story",
    "performance": "performances",
    "action": "action",
    "direction": "direction",
    "music": "score",
    "visuals": "visuals",
    "editing": "editing",
    "pacing": "pacing",
    "franchise": "franchise ties",
    "humour": "humor",
    "production": "production design",
}
"""An aspect's name when its critics share no word for it."""
ECHOED_NOUNS = frozenset(
    """
    story script screenplay plot dialogue characters writing storytelling performances
    performance cast acting ensemble action stunts fights choreography direction score
    music soundtrack songs visuals cinematography animation effects images photography
    editing pacing humor jokes wit sets costumes design
    """.split()  # noqa: SIM905
)
"""The critics' own word for an aspect ("script", "animation") when they share one."""
MASS_NOUNS = frozenset(
    """
    dialogue writing storytelling cast acting action choreography direction music
    animation photography cinematography editing pacing humor wit design
    """.split()  # noqa: SIM905
)
"""Nouns that take no "a" ("sharp dialogue", "stunning animation")."""
TEMPLATE_WORDS = frozenset(
    """
    a an the is with and its though hold holds it back but let down by despite
    critics are divided on divides performance performances of s film ties some
    call others offers or
    """.split()  # noqa: SIM905
) | {w for noun in NOUNS.values() for w in noun.split()}
"""Every word the writer adds of its own: none of them judges (a test holds it to that);
each judging word in a consensus is a critic's, from the evidence of its clause."""

WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_QUOTATION = re.compile(r"[“\"][^”\"]{1,300}[”\"]")


def tokens(text: str) -> list[str]:
    """The words of ``text``, lower-cased, in order."""
    return [m.group(0).lower() for m in WORD.finditer(text)]


def own_words(text: str) -> str:
    """The critic's own words: ``text`` with anything in quotation marks blanked (same
    length, so spans still index the original)."""
    return _QUOTATION.sub(lambda m: " " * len(m.group(0)), text)


def side_of(word: str) -> int:
    """+1 for a word of praise, -1 for one of blame, 0 for neither (the lexicon's say)."""
    return sum(sign for _, _, sign in judgements(word))


def aspects_of(word: str) -> set[Aspect]:
    """The aspects a noun names ("script" → story)."""
    return {a for a in ASPECTS if cue_spans(word, a)}


def article(word: str) -> str:
    """ "an epic", "a comedy"."""
    return ("an " if word[0] in "aeiou" else "a ") + word


def join(phrases: list[str], conjunction: str = "and") -> str:
    """ "a, b and c"."""
    if len(phrases) <= 1:
        return "".join(phrases)
    return ", ".join(phrases[:-1]) + f" {conjunction} " + phrases[-1]


_AFTER_HORROR = r"(?=\s+(?:film|movie|picture|flick|show|story|classic)\b)"
"""A horror is a genre only as a kind of film ("a horror film"): "his direction is a
horror" is a complaint."""
_AFTER_GENRE = """
    film movie picture flick fare classic that which with of and or but is was in for
    from about to as at on by than this it its the a an whose where who
""".split()  # noqa: SIM905
GENRE_WORD = re.compile(
    rf"\b(?:({'|'.join(sorted(GENRES - {'horror'}, key=len, reverse=True))})\b"
    rf"(?=\s*(?:[^\w\s]|$)|\s+(?:{'|'.join(_AFTER_GENRE)})\b)|(horror){_AFTER_HORROR})",
    re.IGNORECASE,
)
"""A kind of film as a sentence calls it: "a screwball comedy", "this musical", but not
"the musical score" or "comedy troupe" (there the word describes something else)."""
