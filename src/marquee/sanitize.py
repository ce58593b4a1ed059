"""Text from outside is kept free of terminal control sequences.

A review field holding ``\\x1b]0;…\\x07\\x1b[2J`` would retitle and clear the terminal of
whoever runs ``marquee report``, and a C1 control (``\\x9b``, a one-byte CSI) does the same
on some terminals. Every text marquee reads is therefore stripped of escape sequences,
whole (so no ``[2J`` debris is left behind), and of every other control character except
tab, line feed, carriage return and form feed, which prose legitimately holds. The same
function guards what the CLI prints, for text that reached the store before it existed.
"""

from __future__ import annotations

import re

_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, clearing the screen
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window titles, hyperlinks, clipboard
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[ -/]*[0-~]"  # two- and three-byte escapes (charset switches, resets)
    r"|\x9b[0-?]*[ -/]*[@-~]"  # the one-byte C1 CSI
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """``text`` without terminal escape sequences or control characters (tab, newline,
    carriage return and form feed are kept)."""
    if not _CONTROL.search(text):
        return text  # the common case: nothing to do, no copy
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))
