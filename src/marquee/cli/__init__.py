"""The ``marquee`` command: a thin layer over the library.

Every command takes ``--db`` (or ``MARQUEE_DB``); every listing takes ``--json``.
User mistakes and bad input end in a one-line message and a non-zero exit, never a
traceback.

The Typer app is built in :mod:`marquee.cli._app`; each module beside it adds its commands
when imported: ``adding`` (add), ``browsing`` (films, search, report), ``correcting``
(remove, move, merge, rename) and ``running`` (serve, batch, train, eval).

``marquee.cli.app`` is the whole app, every command registered. The console script runs
:func:`main` instead, which registers only the commands its arguments name: Typer builds
every registered command's options on each run, and with the modules that define them
that was about a tenth of ``marquee films``. When the arguments ask for help, it imports
Typer's help renderer without markdown-it and Pygments (:mod:`marquee.cli._help`).

The modules that define commands do without ``from __future__ import annotations``: Typer
reads every parameter's annotation twice (``inspect.signature(eval_str=True)``, then
``get_type_hints``), and a string annotation is compiled and evaluated each time, about
350 times for ``marquee --help``. Annotations written as objects are built once, by the
module's cached bytecode; only names imported for type checking stay quoted.
"""

from __future__ import annotations

import inspect
import sys
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import typer

COMMANDS = {
    "add": "adding",
    "films": "browsing",
    "search": "browsing",
    "report": "browsing",
    "remove": "correcting",
    "move": "correcting",
    "merge": "correcting",
    "rename": "correcting",
    "serve": "running",
    "batch": "running",
    "train": "running",
    "eval": "running",
}
"""Each command and the module (beside this one) that registers it."""

HELP_OPTIONS = ("-h", "--help")
"""The app's ``help_option_names``: an argument among them (or none at all) shows help."""


def _registered(modules: set[str]) -> typer.Typer:
    for module in sorted(modules):
        import_module(f"marquee.cli.{module}")
    from marquee.cli._app import app

    for command in app.registered_commands:
        if command.help is None and command.callback is not None:
            command.help = reflowed(command.callback.__doc__ or "")
    return app


def reflowed(doc: str) -> str:
    """A command's docstring as its ``--help`` text: each prose paragraph on one line, for
    Rich to wrap at the terminal's width. Typer keeps the docstring's own line breaks, so
    on an 80-column terminal every source line ended in a ragged half-line. A paragraph
    of indented lines (the examples) keeps its lines."""
    paragraphs = inspect.cleandoc(doc).split("\n\n")
    return "\n\n".join(
        p if all(line.startswith(" ") for line in p.splitlines()) else " ".join(p.split("\n"))
        for p in paragraphs
    )


def main(argv: list[str] | None = None) -> None:
    """Run the command ``argv`` (default: this process's arguments) names.

    Any argument spelling a command counts (an option's value may too: that only
    registers one command more); with none (``--help``, a typo) every command is
    registered, so help lists them all and a typo gets Typer's own answer.
    """
    args = sys.argv[1:] if argv is None else argv
    if not args or any(arg in HELP_OPTIONS for arg in args):
        from marquee.cli._help import load_renderer

        load_renderer()
    named = {COMMANDS[arg] for arg in args if arg in COMMANDS}
    _registered(named or set(COMMANDS.values()))(args=args, prog_name="marquee")


def __getattr__(name: str) -> Any:
    """``app``: the Typer app with every command registered (tests, library users)."""
    if name == "app":
        return _registered(set(COMMANDS.values()))
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
