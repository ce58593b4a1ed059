"""The line between fresh and rotten: a score (0–100) at or above :data:`FRESH_AT` is fresh.

It lives apart from :mod:`marquee.records`, which re-exports it, so that
:mod:`marquee.aggregate` (loaded with the package) colours and labels figures without
defining every record class: ``marquee --help`` builds no review.
"""

from __future__ import annotations

from typing import Literal

Verdict = Literal["fresh", "rotten"]

FRESH_AT = 60.0
"""A score at or above this (0–100) is fresh, below is rotten."""


def verdict_for(score: float | None) -> Verdict | None:
    """Fresh at 60 and above, rotten below, None without a score."""
    if score is None:
        return None
    return "fresh" if score >= FRESH_AT else "rotten"
