"""Patterns compiled once per machine, not once per run.

Both regular-expression engines compile in Python, and some of marquee's patterns are large:
a name is a run of capitalised words, particles and initials, each credit phrase holds a
list of names, and page kind reads every lexicon's cues in one pattern. Compiling them took
about half a second of every ``marquee add``, as long as reading a hundred reviews. Each
engine builds a pattern from its compiled program without compiling it again (``regex``
does so when it unpickles one), so the programs compiled here are kept in one file in the
user's cache folder, named by the engines' versions, and read back by the next run: the
same program, so the same matches. A missing, stale or unreadable file only means
compiling.
"""

from __future__ import annotations

import _sre
import atexit
import contextlib
import marshal
import os
import re
import re._compiler as sre_compile
import re._parser as sre_parse
import tempfile
from pathlib import Path
from typing import Any

import platformdirs
import regex
from regex import _regex  # type: ignore[attr-defined]  # builds a pattern from its program

_Key = tuple[str, str, int]  # engine, source, flags
_Program = tuple[Any, ...]

CACHE = platformdirs.user_cache_path("marquee") / (
    f"patterns-regex{regex.__version__}-sre{_sre.MAGIC}.marshal"
)
"""Where the programs are kept (``marshal``: plain data, never code that runs on loading)."""

_MOST = 4_000
"""Programs kept at most (a few hundred are compiled here; the rest are earlier versions')."""

_known: dict[_Key, _Program] | None = None
_new: dict[_Key, _Program] = {}


def compiled(source: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(source, flags)``, from the program a run before compiled if any."""
    key = ("regex", source, int(flags))
    program = _program(key)
    if program is not None:
        with contextlib.suppress(Exception):  # a program this regex cannot read: compile
            return _regex.compile(*program)  # type: ignore[no-any-return]
    pattern = regex.compile(source, flags)
    with contextlib.suppress(AttributeError):  # a regex that pickles otherwise: nothing kept
        _keep(key, pattern._pickled_data)  # type: ignore[attr-defined]
    return pattern


def standard(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)`` (the standard library's engine), from the program a
    run before kept if any. A program is kept only when it rebuilds the very pattern ``re``
    compiled (patterns compare equal by source, flags and program)."""
    flags = int(flags)  # a plain number, as the program keeps it
    key = ("re", source, flags)
    program = _program(key)
    if program is not None:
        with contextlib.suppress(Exception):
            return _sre.compile(*program)  # type: ignore[no-any-return]
    pattern = re.compile(source, flags)
    with contextlib.suppress(Exception):  # an engine built otherwise: nothing kept
        program = _standard_program(source, flags)
        if _sre.compile(*program) == pattern:
            _keep(key, program)
    return pattern


def _standard_program(source: str, flags: int) -> _Program:
    """What ``re`` hands its C engine for ``source``: its own parse and code steps."""
    parsed = sre_parse.parse(source, flags)
    code = list(map(int, sre_compile._code(parsed, flags)))  # (its opcodes are named ints)
    names = parsed.state.groupdict
    by_number: list[str | None] = [None] * parsed.state.groups
    for name, number in names.items():
        by_number[number] = name
    state_flags = flags | parsed.state.flags
    return (source, state_flags, code, parsed.state.groups - 1, names, tuple(by_number))


def _program(key: _Key) -> _Program | None:
    global _known
    if _known is None:
        _known = _read(CACHE)
    program = _known.get(key)
    return program if program is not None and program[0] == key[1] else None


def _keep(key: _Key, program: _Program) -> None:
    if not _new:
        atexit.register(_save)
    _new[key] = program


def _read(path: Path) -> dict[_Key, _Program]:
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
    with contextlib.suppress(OSError, ValueError):  # (ValueError: not plain data)
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=CACHE.parent, prefix=f".{CACHE.name}.")
        with os.fdopen(fd, "wb") as out:
            marshal.dump(programs, out)
        os.replace(temp, CACHE)
