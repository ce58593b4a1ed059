"""The frozen train/dev/test split of the labelled corpora.

Every figure marquee publishes is measured on a *test* split that nothing is trained or
tuned on; features, thresholds and estimators are chosen on a separate *dev* split. The
split of an example is a stable hash of its unit (:func:`split_of`), so it never moves
when data, code or seeds change. It lives here, beside the model, because the evaluation
(:mod:`marquee.lab`) and the consensus benchmarks both draw on it; the corpora themselves
are loaded by :mod:`marquee.lab.corpora`.
"""

from __future__ import annotations

import hashlib
from typing import Literal

Split = Literal["train", "dev", "test"]
SPLIT_SALT = "marquee-split-2026-12"
"""Part of every split hash: changing it would unfreeze the test split, so it never changes."""
TEST_PERCENT = 20
DEV_PERCENT = 20


def split_of(unit: str) -> Split:
    """The frozen split of a unit id: 20 % test, 20 % dev, the rest train.

    SHA-256 of a fixed salt and the id, so the answer depends on nothing but the id.
    """
    bucket = int(hashlib.sha256(f"{SPLIT_SALT}:{unit}".encode()).hexdigest()[:8], 16) % 100
    if bucket < TEST_PERCENT:
        return "test"
    return "dev" if bucket < TEST_PERCENT + DEV_PERCENT else "train"
