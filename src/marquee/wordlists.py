"""Word lists as data: each list is a text file in a ``lexicons/`` folder beside the code
that uses it, one entry a line, opening with ``#`` lines that say where its words came
from (a published list, a corpus count, or the failing case that added them).

Keeping them out of the code lets a reader see a rule apart from its vocabulary, and a
change to a list show up as a change of words. Each list is read once, when the module
that uses it is imported.
"""

from __future__ import annotations

from importlib.resources import files


def word_list(package: str, name: str) -> list[str]:
    """The entries of ``<package>/lexicons/<name>.txt`` in file order: one a line,
    stripped, without blank lines and ``#`` comment lines."""
    text = files(package).joinpath("lexicons", f"{name}.txt").read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]
