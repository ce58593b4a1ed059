"""Cue words: the aspect and judgement lexicons, and finding them in a sentence.

The word lists are data, one file a list in ``lexicons/`` (each says where its words came
from), read once at import; this module keeps only the matching. Cues are found by token
lookup, not by one huge regex: each word is looked up as a word and by every stem it
starts with, and a phrase only where its first word stands.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from marquee.opinions.records import ASPECTS, Aspect
from marquee.text import SENTENCES_KEPT, tokenize
from marquee.wordlists import word_list


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Cue words found by token lookup, not by one huge regex (which is ten times slower
    on long reviews): exact words, stems (``*``) and phrases (``_`` joins their words)."""

    key: str
    words: frozenset[str]
    stems: tuple[str, ...]
    phrases: frozenset[tuple[str, ...]]

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Character spans of every cue in ``text``."""
        return _cue_index(text).get(self.key, [])

    def search(self, text: str) -> bool:
        return self.key in _cue_index(text)


_LEXICONS: list[Lexicon] = []


def _word_keys(word: str) -> tuple[str, ...]:
    """The lexicons a single word belongs to, as a word or by a stem it starts with, in
    lexicon order."""
    words, stems = _word_index()
    keys = set(words.get(word, ()))
    for end in range(1, len(word) + 1):
        keys.update(stems.get(word[:end], ()))
    return tuple(lex.key for lex in _LEXICONS if lex.key in keys)


@lru_cache(maxsize=1)
def _word_index() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Word → lexicons and stem → lexicons, built once all lexicons exist: one dictionary
    lookup per prefix instead of a scan of every lexicon."""
    words: dict[str, set[str]] = {}
    stems: dict[str, set[str]] = {}
    for lex in _LEXICONS:
        for w in lex.words:
            words.setdefault(w, set()).add(lex.key)
        for stem in lex.stems:
            stems.setdefault(stem, set()).add(lex.key)
    return words, stems


@lru_cache(maxsize=1)
def _phrase_keys() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First word → (phrase, lexicon) for every phrase, built once all lexicons exist."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for lex in _LEXICONS:
        for phrase in lex.phrases:
            index.setdefault(phrase[0], []).append((phrase, lex.key))
    return index


@lru_cache(maxsize=SENTENCES_KEPT)
def _cues(text: str) -> tuple[tuple[str, int, int], ...]:
    """Every (lexicon, start, end) cue in a sentence, found in one pass over its words."""
    tokens = tokenize(text)
    words = [t[2] for t in tokens]
    phrases = _phrase_keys()
    found: list[tuple[str, int, int]] = []
    for i, (start, end, word) in enumerate(tokens):
        for key in _keys_of(word):
            found.append((key, start, end))
        for phrase, key in phrases.get(word, ()):
            if tuple(_bare(w) for w in words[i : i + len(phrase)]) == phrase:
                found.append((key, start, tokens[i + len(phrase) - 1][1]))
    return tuple(found)


def _bare(word: str) -> str:
    """A word without its possessive ("the first film's" is a phrase "first film")."""
    return word[:-2] if word.endswith("'s") else word


@lru_cache(maxsize=65536)
def _keys_of(word: str) -> tuple[str, ...]:
    """A word's lexicons; a compound ("most-daring") judges as its last part does (cached:
    vocabulary repeats, and every word of every sentence is looked up)."""
    keys = _word_keys(word)
    if not keys and "-" in word:
        keys = _word_keys(word.rsplit("-", 1)[1])
    return keys


@lru_cache(maxsize=SENTENCES_KEPT)
def _cue_index(text: str) -> dict[str, list[tuple[int, int]]]:
    """Lexicon → spans of its cues in ``text`` (every lexicon asks of the same sentence)."""
    index: dict[str, list[tuple[int, int]]] = {}
    for key, start, end in _cues(text):
        index.setdefault(key, []).append((start, end))
    return index


def _lexicon(name: str) -> Lexicon:
    """The lexicon of ``lexicons/<name>.txt``: ``*`` ends a stem, ``_`` joins a phrase
    (matched as separate words or hyphenated)."""
    terms = [t.lower().replace("’", "'") for t in word_list("marquee.opinions", name)]
    words = {t for t in terms if "*" not in t and "_" not in t}
    words |= {t.replace("_", "-") for t in terms if "_" in t}
    stems = tuple(t.rstrip("*") for t in terms if t.endswith("*"))
    phrases = frozenset(tuple(t.split("_")) for t in terms if "_" in t)
    lexicon = Lexicon(name, frozenset(words), stems, phrases)
    _LEXICONS.append(lexicon)
    return lexicon


# Words that name an aspect; a sentence must also judge for them to count.
NAMES: Mapping[Aspect, Lexicon] = {aspect: _lexicon(f"name-{aspect}") for aspect in ASPECTS}
# Judgement words that fit one aspect only: they name it and judge it at once.
JUDGED: Mapping[Aspect, Lexicon] = {
    aspect: _lexicon(f"judged-{aspect}")
    for aspect in ("story", "performance", "action", "pacing", "humour", "visuals")
}
# Judgement words by side: a prior the polarity rules weigh beside the model (a word the
# model never saw in training still says which way the critic leans).
_PRAISE = _lexicon("praise")
_BLAME = _lexicon("blame")
_JUDGING = frozenset({_PRAISE.key, _BLAME.key, *(lex.key for lex in JUDGED.values())})
CHARACTER = _lexicon("name-character")
"""Words about characters as written, which make a character's name the story's."""


def evaluative(text: str) -> bool:
    """Does the sentence judge anything (praise or blame), rather than only narrate?

    Asked of every sentence of every review, so it looks word by word first and finds
    phrases only where one could start (most sentences hold neither)."""
    words = [word for _, _, word in tokenize(text)]
    if any(key in _JUDGING for w in words for key in _keys_of(w)):
        return True
    starters = _phrase_keys()
    if not any(key in _JUDGING for w in words for _, key in starters.get(w, ())):
        return False
    return any(key in _JUDGING for key, _, _ in _cues(text))


def judgements(text: str) -> list[tuple[int, int, int]]:
    """(start, end, +1 praise / -1 blame) for each judgement word, in order, as the
    lexicon has them (before negation or counterfactuals turn any round)."""
    found = [
        (start, end, 1 if key == _PRAISE.key else -1)
        for key, start, end in _cues(text)
        if key in (_PRAISE.key, _BLAME.key)
    ]
    return sorted(found)


def cue_spans(text: str, aspect: Aspect) -> list[tuple[int, int]]:
    """Where ``text`` names ``aspect`` by a cue word (for echoing the words around it)."""
    patterns = [p for p in (NAMES.get(aspect), JUDGED.get(aspect)) if p is not None]
    return [span for p in patterns for span in p.spans(text)]
