"""The ``marquee`` command's frame: the Typer app, its consoles, the options every command
shares (``--db``, ``--create``, ``-v``) and the small helpers the commands print and fail
with. The commands themselves live beside it, one module per kind of work."""

import json
import logging
import sys
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from marquee.errors import MarqueeError
from marquee.sanitize import strip_controls
from marquee.store_urls import ENV_VAR, default_url, masked_url

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from marquee.store import Store

# Each command imports what it needs when it runs: `marquee --help` and `marquee films`
# must not pay for the HTML extractor, the model or scikit-learn (issue: commands start fast).

app = typer.Typer(
    help=(
        "marquee reads film reviews in any shape (text, Markdown, HTML, CSV/JSONL), stores "
        "them, and reports what the critics said.\n\n"
        "Start with:  marquee add reviews/   then   marquee films   and   marquee report TITLE"
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


QUICK_HELP = (
    "Score the short texts that print no score (quotes, snippets) with the n-gram views "
    "alone, without the sentence encoder that reads again the third of them they doubt; full "
    "reviews, printed scores and critics' own verdicts come out the same. On 2,000 RT quotes "
    "the model never saw, on 2 cores, add read 620-710 rows/s instead of 380-450 and batch "
    "980-1,020 instead of 380-490, on about half the CPU and 100 MB less memory. On the test "
    "split, 81.0% of RT quotes came out right instead of 84.4% (VADER 66.0%), 82.9% of RT "
    "snippets instead of 85.6% (VADER 63.5%), and a film's fresh % from its quotes' words was "
    "10.0 points off on average instead of 9.2."
)
"""``--quick`` on ``add`` and ``batch``: what it trades, in figures measured through the CLI
(``bench/add_speed.py --quick --split test``) and on the test split with the shipped model
(``bench/quick_cost.py --split test``)."""

QUICK_NOTE = "scores inferred quickly (--quick: the n-gram views alone)"
"""The summary's word that ``--quick`` scored the run (its ``--json`` says ``"quick": true``)."""


@cache
def stdout() -> "Console":
    """The console commands print to, made (and Rich imported) on first use: a command
    printing JSON or CSV (``films --json``, a cached ``report --json``) never loads Rich,
    about 100M instructions of the 650M such a command executes."""
    return _console(stderr=False)


@cache
def stderr() -> "Console":
    """The console for messages, progress and errors, made on first use."""
    return _console(stderr=True)


def _console(*, stderr: bool) -> "Console":
    """No emoji codes: marquee writes none, and in text from the data (a title, a quote) a
    ":smile:" is what the critic typed. Replacing them also cost `marquee films` 7M
    instructions: Rich builds its table of 3,600 emoji codes on the first string it prints.
    """
    from rich.console import Console

    return Console(stderr=stderr, emoji=False)


def _note(message: str) -> None:
    """A hint on stderr, printed as prose, as errors are: Rich's highlighter (made for
    reprs) coloured "film(s)" as a call and "1,867" as two numbers, and compiling its
    patterns cost ``marquee films`` 12M instructions."""
    stderr().print(message, highlight=False)


def _shown(text: str) -> str:
    """Text from the data (titles, file names, messages quoting them) made safe to print
    through Rich: control characters stripped, markup such as ``[/]`` or ``[link=…]``
    escaped so that it shows as written. Rich's escaping changes only text holding a
    ``[`` or ending in a backslash, and only such text imports it (the default store's
    name in every command's ``--db`` help is shown this way)."""
    text = strip_controls(text)
    if "[" not in text and not text.endswith("\\"):
        return text
    from rich.markup import escape

    return escape(text)


class State:
    """Options shared by every command (set by the top-level callback)."""

    db: str | None = None
    create: bool = False
    opened: list["Store"] = []  # closed when the command ends: no connection left to the GC


state = State()


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar=ENV_VAR,
            help="Store URL (SQLAlchemy), e.g. sqlite:///reviews.db. Default: "
            + _shown(masked_url(default_url())),
            show_default=False,
        ),
    ] = None,
    create: Annotated[
        bool,
        typer.Option(
            "--create",
            help="Make the store named by --db or MARQUEE_DB (and its folder) if it does not "
            "exist yet; without it, a store that is not there is an error. The default store "
            "is always made.",
        ),
    ] = False,
    verbose: Annotated[
        int, typer.Option("-v", "--verbose", count=True, help="-v info, -vv debug.")
    ] = 0,
) -> None:
    state.db, state.create, state.opened = db, create, []
    ctx.call_on_close(_close_stores)
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )


def _close_stores() -> None:
    for store in state.opened:
        store.close()


def _store() -> "Store":
    """The store named by --db or MARQUEE_DB, which must exist unless --create; the default
    store is made on first use."""
    from marquee.store import Store

    try:
        store = Store(state.db, create=state.create or state.db is None)
    except MarqueeError as e:
        _fail(str(e))
    state.opened.append(store)
    return store


def _fail(message: str, code: int = 1) -> NoReturn:
    """Print an error on one logical line: the terminal wraps it, so a path in it stays whole
    when copied (Rich would break it at the console's width)."""
    stderr().print(f"[red]error:[/red] {_shown(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _cell(text: str | None) -> "Text":
    """A table cell holding data: plain text, never markup."""
    from rich.text import Text

    return Text(strip_controls(text or "—"))


def _print_json(data: Any) -> None:
    """Plain JSON on stdout (no Rich wrapping, which could split long strings)."""
    typer.echo(_json_text(data))


def _json_text(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)``, byte for byte, made faster.

    json indents with its pure-Python encoder (its C encoder writes only compact JSON):
    94M instructions for a 1,917-film list, 2,000 for the rest of ``films --json``. So the
    C encoder writes compact JSON and msgspec indents that text, copying every number and
    string as written. What msgspec refuses to read (NaN and Infinity, which json writes
    though JSON has no such values; a lone surrogate) is indented by json itself.
    """
    import msgspec

    compact = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    try:
        return msgspec.json.format(compact, indent=2)
    except (msgspec.DecodeError, UnicodeEncodeError):
        return json.dumps(data, ensure_ascii=False, indent=2)


def _parse_columns(pairs: list[str]) -> dict[str, str]:
    """``--column FIELD=COLUMN`` pairs; an unknown FIELD is an error that lists the known."""
    from marquee.documents.fields import TABLE_FIELDS

    mapping = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field or not column:
            _fail(f"--column takes FIELD=COLUMN (e.g. text=blurb), not {pair!r}", code=2)
        if field.strip() not in TABLE_FIELDS:
            known = ", ".join(TABLE_FIELDS)
            _fail(f"--column: no field {field.strip()!r}; fields are {known}", code=2)
        mapping[field.strip()] = column.strip()
    return mapping
