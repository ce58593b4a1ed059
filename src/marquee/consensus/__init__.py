"""The critics' consensus: who agrees on what, and the sentence a critics' desk would print.

- :mod:`~marquee.consensus.agreement`: per aspect and performer, critics praising,
  panning and mixed, counted once per critic;
- :mod:`~marquee.consensus.lexicon`: the words a consensus may borrow, and its own;
- :mod:`~marquee.consensus.phrases`: what can be said, in one critic's words and backed
  by at least two critics;
- :mod:`~marquee.consensus.writer`: the sentence, shaped by the split;
- :mod:`~marquee.consensus.provenance`: every claim traced to a sentence that says it.
"""

from marquee.consensus.agreement import DIVIDED_SHARE, agreement, agreement_label
from marquee.consensus.lexicon import TEMPLATE_WORDS
from marquee.consensus.phrases import SIDES
from marquee.consensus.provenance import unsupported_claims
from marquee.consensus.writer import write_consensus

__all__ = [
    "agreement",
    "agreement_label",
    "DIVIDED_SHARE",
    "SIDES",
    "TEMPLATE_WORDS",
    "unsupported_claims",
    "write_consensus",
]
