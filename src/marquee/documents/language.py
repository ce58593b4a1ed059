"""A cheap "is this English?" check, so a German review is read but flagged.

Scoring and opinion mining assume English.  Counting the share of each language's
commonest function words is crude but needs no model, is fast on megabytes and is
reliable on anything longer than a couple of sentences.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping

from marquee.wordlists import word_list

_LANGUAGES = ("English", "German", "French", "Spanish", "Italian", "Portuguese", "Dutch")
_STOPWORDS: Mapping[str, frozenset[str]] = {
    language: frozenset(word_list("marquee.documents", f"stopwords-{language.lower()}"))
    for language in _LANGUAGES
}

_TOKEN = re.compile(r"[^\W\d_]+")
_ASCII_TOKEN = re.compile(r"[a-z]+")
"""``_TOKEN`` in a lower-cased ASCII text, where its letters are these: a plain set is
found at half the cost of the negated one."""
_MIN_WORDS = 20  # below this a stop-word ratio is noise
_MIN_SHARE = 0.12  # a language's stop-words are at least this share of real prose
_LEAD = 1.5  # and must beat English by this factor before we say so
_NON_LATIN_SHARE = 0.5


def language_warning(text: str) -> str | None:
    """A one-line warning when ``text`` does not look English, else None."""
    script = non_latin_script(text)
    if script is not None:
        return f"looks like {script}-script text, not English: scores and opinions assume English"
    # an ASCII text lower-cased whole splits as its words do (elsewhere lower-casing can
    # grow a letter by a combining mark, which is no word character)
    if text.isascii():
        tokens = _ASCII_TOKEN.findall(text.lower())
    else:
        tokens = [t.lower() for t in _TOKEN.findall(text)]
    if len(tokens) < _MIN_WORDS:
        return None
    counts = Counter(tokens)  # a few hundred distinct words: each list met with them
    shares = {
        language: sum(counts[word] for word in counts.keys() & stopwords) / len(tokens)
        for language, stopwords in _STOPWORDS.items()
    }
    best = max(shares, key=shares.__getitem__)
    if best == "English" or shares[best] < _MIN_SHARE or shares[best] < _LEAD * shares["English"]:
        return None
    return f"looks like {best}, not English: scores and opinions assume English"


def non_latin_script(text: str) -> str | None:
    """The script ("Cyrillic", "CJK", "Arabic"…) most letters are in, when not Latin."""
    sample = text[:20_000]
    if sample.isascii():  # every ASCII letter is Latin: no need to look up their names
        return None
    scripts = Counter(_script(c) for c in sample if c.isalpha())
    total = sum(scripts.values())
    if total < _MIN_WORDS:
        return None
    script, count = scripts.most_common(1)[0]
    if script == "Latin" or count / total < _NON_LATIN_SHARE:
        return None
    return script


def _script(char: str) -> str:
    """The first word of a character's Unicode name is its script for letters."""
    if char.isascii():
        return "Latin"
    name = unicodedata.name(char, "")
    first = name.split(" ", 1)[0]
    if first in {"LATIN", ""}:
        return "Latin"
    if first in {"CJK", "HIRAGANA", "KATAKANA"}:
        return "CJK"
    return first.capitalize()
