"""Whether any of many plain strings occurs in a text, in one search.

Several readers test each line for a set of literals before they run costlier patterns
(a chrome cue's words, a credit phrase's): in Python that is one ``in`` test per literal
per line, dozens a line. The same question is one search of a pattern that holds the
literals as a trie ("c(?:omment|redit)|p(?:hoto|oster)"): the engine reads each place's
character once against the trie's branches instead of once per literal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_Trie = dict[str, "_Trie"]
_END = ""  # the key that marks a literal ending at a node


def any_of(literals: Iterable[str]) -> re.Pattern[str]:
    """A pattern whose search finds something exactly when one of ``literals`` is in the
    text (case-sensitive; an empty literal is in every text)."""
    trie: _Trie = {}
    for literal in literals:
        node = trie
        for char in literal:
            node = node.setdefault(char, {})
        node[_END] = {}
    return re.compile(_source(trie) if trie else "(?!)")  # no literal: never found


def _source(node: _Trie) -> str:
    """The trie below ``node`` as an alternation, each branch opening on its own character;
    a literal ending here makes what follows optional."""
    ways = [re.escape(char) + _source(child) for char, child in sorted(node.items()) if char]
    if not ways:
        return ""
    body = ways[0] if len(ways) == 1 else f"(?:{'|'.join(ways)})"
    return f"(?:{body})?" if _END in node else body


class CaseBlind:
    """Literals a case-blind pattern's every match holds, as a cheap test before searching
    with it: an ASCII text lower-cased holds one of them (lower-cased) wherever the
    pattern can match, since case-blind matching of ASCII is matching the lower-cased
    text; any other text may hold them in a form lower-casing misses ("ſ", "K")."""

    __slots__ = ("_held",)

    def __init__(self, literals: Iterable[str]) -> None:
        self._held = any_of(literal.lower() for literal in literals)

    def may_hold(self, text: str) -> bool:
        """False only when ``text`` holds none of the literals, case aside."""
        return not text.isascii() or self._held.search(text.lower()) is not None
