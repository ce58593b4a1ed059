"""Titles and names in one Unicode spelling, before they are matched or slugged.

The same film can reach marquee spelled with characters that look alike and are not:
full-width letters and ligatures, a zero-width space inside a word, or Cyrillic and Greek
letters in a Latin title ("Ваllerina" with a Cyrillic В and а), whether by accident of a
keyboard or on purpose. Left alone they make two films of one, and odd slugs: the
slug keeps ASCII only, so "Ваllerina" became ``llerina-2025``.

So every title, alias and person's name a review states is read here first: NFKC folds
compatibility forms (ｆｕｌｌ-width, ﬁ; vulgar fractions are kept, as in "8½");
zero-width, bidirectional and other invisible format characters are removed; and a word
that mixes scripts is read in its main script, each other-script letter replaced by its
lookalike there from Unicode's confusables table (via ``confusable_homoglyphs``). Whatever
a word of mixed scripts became, the review is flagged with a warning saying so. A title
wholly in one script, "Балерина", is a title in that script and is left as it is.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections import Counter
from functools import lru_cache

import regex as re

from marquee.records import CastMember, FilmFacts
from marquee.sanitize import strip_controls

_INVISIBLE = re.compile(r"[\p{Cf}\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0]")
"""Format characters (zero-width space and joiners, bidi controls, soft hyphen, BOM) and
the fillers that render as nothing."""
_FRACTIONS = re.compile(r"([\u00bc-\u00be\u2150-\u215e])")
"""Vulgar fractions, which NFKC would spell "1⁄2": Fellini's film is "8½"."""
_WORD = re.compile(r"\w+")
_NEUTRAL = frozenset({"COMMON", "INHERITED"})  # digits, punctuation, combining marks


def normal_name(text: str) -> tuple[str, str | None]:
    """``text`` in one spelling, and a warning when it mixed scripts in a word."""
    parts = _FRACTIONS.split(_INVISIBLE.sub("", strip_controls(text)))
    folded = "".join(
        p if _FRACTIONS.fullmatch(p) else unicodedata.normalize("NFKC", p) for p in parts
    )
    # an ASCII word's letters are all Latin: only the others need their scripts looked up
    mixed = [m[0] for m in _WORD.finditer(folded) if not m[0].isascii() and len(_scripts(m[0])) > 1]
    if not mixed:
        return folded, None
    read = _WORD.sub(lambda m: _in_main_script(m[0]), folded)
    scripts = " and ".join(sorted({s.title() for word in mixed for s in _scripts(word)}))
    became = f"; read as {read!r}" if read != folded else ""
    return read, f"{folded!r} mixes {scripts} letters in one word{became}"


def normal_facts(facts: FilmFacts) -> tuple[FilmFacts, tuple[str, ...]]:
    """The facts with every title, alias and name in one spelling, and the warnings."""
    notes: list[str] = []

    def one(text: str) -> str:
        read, note = normal_name(text)
        if note is not None and note not in notes:
            notes.append(note)
        return read

    def maybe(text: str | None) -> str | None:
        return None if text is None else one(text)

    normal = dataclasses.replace(
        facts,
        title=maybe(facts.title),
        aliases=tuple(one(a) for a in facts.aliases),
        credits={role: tuple(one(n) for n in names) for role, names in facts.credits.items()},
        cast=tuple(CastMember(one(m.actor), maybe(m.role)) for m in facts.cast),
        pairs=tuple((one(a), one(b)) for a, b in facts.pairs),
    )
    return normal, tuple(notes)


def _scripts(word: str) -> Counter[str]:
    """How many of the word's letters are in each script (digits and marks not counted).
    Asked only of a word beyond ASCII, so the confusables tables (~0.1 s of CPU to load)
    are imported the first time a run meets one, not by every run."""
    from confusable_homoglyphs import categories

    found = (categories.alias(ch) for ch in word if ch.isalpha())
    return Counter(script for script in found if script not in _NEUTRAL)


def _in_main_script(word: str) -> str:
    """The word with each letter outside its main script replaced by a lookalike in it
    (kept when it has none)."""
    scripts = _scripts(word)
    if len(scripts) < 2:
        return word
    main = scripts.most_common(1)[0][0]
    return "".join(_lookalike(ch, main) if ch.isalpha() else ch for ch in word)


@lru_cache(maxsize=4096)
def _lookalike(char: str, script: str) -> str:
    from confusable_homoglyphs import categories, confusables

    if categories.alias(char) in (script, *_NEUTRAL):
        return char
    for found in confusables.is_confusable(char, greedy=True, preferred_aliases=[script]) or ():
        for glyph in found["homoglyphs"]:
            if len(glyph["c"]) == 1 and categories.alias(glyph["c"]) == script:
                return str(glyph["c"])
    return char
