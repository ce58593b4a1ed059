"""Explicit scores: the score a critic printed, read and normalised to 0–100.

``parse_score`` reads one score expression; ``read_score`` finds the one a review
states, wherever it is; ``read_verdict`` finds a "Verdict: Fresh" line. Inferring a
score from words is the scoring model's job: without a printed score these return None;
``unread_score`` names a printed score that could not be read, for the add summary.
"""

from marquee.scores._locate import parse_score, read_score, unread_score
from marquee.scores._verdict import read_verdict

__all__ = ["parse_score", "read_score", "read_verdict", "unread_score"]
