"""Words and sentences of review text: the one tokenizer and the one sentence splitter the
reading, opinion and consensus stages share, so that a sentence one stage quotes is the
sentence another scored.

Rule-based on purpose. Measured against pysbd on hand-split review paragraphs with
abbreviations, initials, ellipses and star glyphs (``bench/sentence_split.py``), pysbd
splits 29 of 31 right to our 26, but at 259 sentences/s to our 20,000 on the seeds: the
opinions stage splits every review of a film on each report build, so the difference
would turn a 2-second page into a minute. Trained splitters (Punkt) need data files that
cannot be downloaded at run time.

The scoring model has its own tokenizer and sentence buckets
(:mod:`marquee.model.features`): they are part of its trained recipe, frozen with the
artifact, and change only with a retrained model. A few patterns elsewhere match words for
a narrower question and are not tokenizers: letters only for telling languages apart
(``documents.language``), a headline's capitalised words (``documents.lines``), the
``regex`` module's script-aware ``\\w`` for mixed-script names (``films.unicode``), and the
score grammar's sentence ends, which bound a score to its own sentence (``scores``).
"""

from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"\w+")
"""A run of word characters: what names are matched by and headings counted in."""
_TOKEN = re.compile(r"[\w'’-]+")
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr st jr sr vs etc e.g i.e no vol mt ft prof gen sgt lt col capt rev
    u.s approx dept est fig inc ltd co
    """.split()  # noqa: SIM905
)
_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")


SENTENCES_KEPT = 2048
"""Sentences whose words (and cues, :mod:`marquee.opinions.cues`) are remembered: the
stages that read a sentence read it within a few hundred sentences of each other. Each
entry holds about 3 kB of small tuples for a one-line quote, which Python does not hand
back to the system once freed, so the bound is a bound on peak memory: building the film
pages of 8,000 RT quotes (in ``marquee add``) raised its resident memory 25 MiB at 8,192
entries, 10 MiB at 2,048."""


@lru_cache(maxsize=SENTENCES_KEPT)
def tokenize(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, lower-case word) for each word, apostrophes and hyphens kept inside
    it ("isn't", "well-acted"); curly apostrophes made straight."""
    lowered = text.lower().replace("’", "'")
    return tuple((m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(lowered))


def split_sentences(text: str) -> list[str]:
    """Split one paragraph into sentences, keeping abbreviations ("Mr.", "vs.") and
    initials ("Joel J. Richard") whole; a quote closing after the full stop stays with
    its sentence."""
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        words = text[start : match.start() + 1].rstrip(".!?…").split()
        if not words or (text[match.start()] == "." and _is_abbreviation(words[-1])):
            continue  # a leading ellipsis, an abbreviation or an initial: no boundary
        pieces.append(text[start : match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        pieces.append(tail)
    return pieces


def _is_abbreviation(token: str) -> bool:
    bare = token.lstrip("(\"“‘'[")
    return (len(bare) == 1 and bare.isupper()) or bare.lower().rstrip(".") in _ABBREVIATIONS
