"""Where the labelled research corpora live (training, evaluation, benchmarks).

They are not shipped with marquee; users who train or evaluate point ``MARQUEE_DATA`` at
them. Without it, the ``shared/data`` folder beside the repository checkout is used, then
the workplace's fixed copy.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "MARQUEE_DATA"
_CANDIDATES = (
    Path(__file__).resolve().parents[3] / "shared" / "data",  # <checkout>/../shared/data
    Path("/work/shared/data"),
)


def shared_data_dir() -> Path:
    """``$MARQUEE_DATA``, else the first candidate folder that exists (else the first)."""
    if env := os.environ.get(ENV_VAR):
        return Path(env)
    return next((p for p in _CANDIDATES if p.is_dir()), _CANDIDATES[0])
