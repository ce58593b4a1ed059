"""A fresh/rotten verdict the critic printed as a line of its own ("Verdict: Fresh").

Rotten Tomatoes critics and many blogs close with their call in so many words; that call
is the critic's, so it outranks any score the model could infer from the prose. Only a
line that is nothing but a label and the verdict counts: "Verdict: fresh takes on an old
story" is a sentence, not a verdict.
"""

from __future__ import annotations

import re

from marquee.records import BODY_KINDS, Document, Verdict

_VERDICT_LINE = re.compile(
    r"""^\W*(?:(?:my|our|the|final|rt|tomatometer)\s+){0,2}
        (?:verdict|rating|call|tomatometer)[\s*_]*[:\-–—][\s*_]*
        (?P<verdict>(?:certified\s+)?fresh|rotten)\W*$""",
    re.IGNORECASE | re.VERBOSE,
)


def read_verdict(document: Document) -> Verdict | None:
    """The verdict a line of the review states outright, or None (the last such line wins:
    a review's call comes at its end)."""
    found: Verdict | None = None
    for block in document.blocks:
        if block.kind in BODY_KINDS and len(block.text) <= 60:
            match = _VERDICT_LINE.match(block.text.strip())
            if match:
                found = "rotten" if match["verdict"].lower() == "rotten" else "fresh"
    return found
