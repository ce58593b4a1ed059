"""``regex`` patterns compiled once per machine, not once per run.

``regex`` compiles in Python, and the film readers' patterns are large (a name is a run of
capitalised words, particles and initials, and each credit phrase holds a list of names):
compiling them took about 0.4 s of every ``marquee add``, more than reading a hundred
reviews. ``regex`` builds a pattern from its compiled program without compiling it again
(that is how it unpickles one), so the programs compiled here are kept in one file in the
user's cache folder, named by ``regex``'s version, and read back by the next run: the same
program, so the same matches. A missing, stale or unreadable file only means compiling.
"""

from __future__ import annotations

import atexit
import contextlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

import platformdirs
import regex
from regex import _regex  # type: ignore[attr-defined]  # builds a pattern from its program

_Key = tuple[str, int]

CACHE = platformdirs.user_cache_path("marquee") / f"regex-{regex.__version__}.marshal"
"""Where the programs are kept (``marshal``: plain data, never code that runs on loading)."""

_MOST = 2_000
"""Programs kept at most (about 250 are compiled here; the rest are earlier versions')."""

_known: dict[_Key, tuple[Any, ...]] | None = None
_new: dict[_Key, tuple[Any, ...]] = {}


def compiled(source: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(source, flags)``, from the program a run before compiled if there
    is one."""
    key = (source, int(flags))
    program = _programs().get(key)
    if program is not None and program[0] == source:
        with contextlib.suppress(Exception):  # a program this regex cannot read: compile
            return _regex.compile(*program)  # type: ignore[no-any-return]
    pattern = regex.compile(source, flags)
    if not _new:
        atexit.register(_save)
    _new[key] = pattern._pickled_data  # type: ignore[attr-defined]
    return pattern


def _programs() -> dict[_Key, tuple[Any, ...]]:
    global _known
    if _known is None:
        _known = _read(CACHE)
    return _known


def _read(path: Path) -> dict[_Key, tuple[Any, ...]]:
    try:
        found = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return found if isinstance(found, dict) else {}


def _save() -> None:
    """Add this run's new programs to the file (another run may have written it since),
    replacing it whole, so a reader never sees half a file."""
    programs = {**_read(CACHE), **_new}
    if len(programs) > _MOST:
        programs = _new  # patterns since changed or gone: start again
    with contextlib.suppress(OSError):
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=CACHE.parent, prefix=f".{CACHE.name}.")
        with os.fdopen(fd, "wb") as out:
            marshal.dump(programs, out)
        os.replace(temp, CACHE)
