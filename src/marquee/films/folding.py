"""Names folded to the form they are compared in: case, accents, apostrophes and dots
dropped.

Kept apart from :mod:`marquee.films.names` (which re-exports :func:`fold`): that module
compiles its name patterns with the third-party ``regex`` module at import, about 90M
instructions, and ``marquee report "Title"`` needs nothing of it but this function.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES_DOTS = re.compile(r"['’.]")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Casefolded, accents removed, apostrophes and dots dropped: the comparable core."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _APOSTROPHES_DOTS.sub("", bare).casefold()
