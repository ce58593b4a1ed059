"""The provenance check: every claim in a consensus traced to a review that says it.

A consensus is a list of clauses, each with the sentences behind it. Its words are
either the writer's own (:data:`~marquee.consensus.lexicon.TEMPLATE_WORDS`, which judge
nothing), the film's title and credited names (facts, not opinions), or a critic's. The
critics' words come in runs between the template's ("gripping thriller", "sharp
script", "Ana de Armas"); each run is one claim, and it is supported only when a single
sentence in its clause's evidence holds every word of it. So a word no review said is
caught, and so is a pairing of one critic's adjective with another critic's noun
("special noir"), which together say something neither critic said.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from marquee.consensus.lexicon import TEMPLATE_WORDS
from marquee.opinions.records import Consensus

_LETTERS = re.compile(r"[a-z]+")
_BREAK = re.compile(r"[,;:.!?—]")


def unsupported_claims(
    consensus: Consensus, title: str, names: Iterable[str] = ()
) -> list[tuple[str, str]]:
    """(claim, clause) for each run of a critic's words no single sentence behind its
    clause holds; empty when every claim is traced. ``names`` are the credited people
    the writer may name without a review (the director of the possessive)."""
    own = TEMPLATE_WORDS | set(_LETTERS.findall(" ".join([title, *names]).lower()))
    missing = []
    for clause, evidence in consensus.clauses:
        said = [set(_LETTERS.findall(e.text.lower())) for e in evidence]
        for claim in _claims(clause, own):
            if not any(set(claim) <= words for words in said):
                missing.append((" ".join(claim), clause))
    return missing


def _claims(clause: str, own: frozenset[str] | set[str]) -> list[list[str]]:
    """The runs of words not in ``own``, broken at the template's words and punctuation."""
    runs: list[list[str]] = []
    for segment in _BREAK.split(clause.lower()):
        run: list[str] = []
        for word in _LETTERS.findall(segment):
            if word in own:
                runs.append(run)
                run = []
            else:
                run.append(word)
        runs.append(run)
    return [r for r in runs if r]
