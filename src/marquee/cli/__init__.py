"""The ``marquee`` command: a thin layer over the library.

Every command takes ``--db`` (or ``MARQUEE_DB``); every listing takes ``--json``.
User mistakes and bad input end in a one-line message and a non-zero exit, never a
traceback.

The Typer app is built in :mod:`marquee.cli._app`; each module beside it adds its commands
when imported here: ``adding`` (add), ``browsing`` (films, search, report), ``correcting``
(remove, move, merge, rename) and ``running`` (serve, batch, train, eval).
"""

from marquee.cli import adding, browsing, correcting, running
from marquee.cli._app import app

__all__ = ["adding", "app", "browsing", "correcting", "running"]
