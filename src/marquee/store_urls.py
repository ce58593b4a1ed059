"""Which store marquee opens by default, and store URLs as they may be shown to people.

Kept apart from :mod:`marquee.store` so that ``marquee --help`` can name the default store
without importing SQLAlchemy.
"""

from __future__ import annotations

import os
import re

ENV_VAR = "MARQUEE_DB"

_CREDENTIALS = re.compile(r"(?<=://)([^:/@]*):[^@/]*@")


def default_url() -> str:
    """``$MARQUEE_DB``, else a SQLite file in the user's data directory (platformdirs is
    imported only then: with ``$MARQUEE_DB`` set, every command starts 12M instructions
    sooner without it)."""
    if url := os.environ.get(ENV_VAR):
        return url
    import platformdirs

    path = platformdirs.user_data_path("marquee") / "marquee.db"
    return f"sqlite:///{path}"


def masked_url(url: str) -> str:
    """``url`` with any password replaced by ``***``, whether or not it parses."""
    return _CREDENTIALS.sub(r"\1:***@", url)
