"""Correcting the store: ``marquee remove``, ``move``, ``merge`` and ``rename``, each
rebuilding the film pages it touched."""

from collections.abc import Callable
from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated, Any

import typer

from marquee.errors import MarqueeError

if TYPE_CHECKING:
    from marquee.store import Store

from marquee.cli._app import _fail, _print_json, _shown, _store, app, stdout


def _corrected(correct: Callable[["Store"], Any], as_json: bool) -> None:
    """Run one correction of the store, rebuild the film pages it touched, and say what
    it did (``--json``: the :class:`~marquee.corrections.Correction` as an object)."""
    from marquee.ingest import prebuild_reports

    store = _store()
    try:
        done = correct(store)
        prebuild_reports(store)
    except MarqueeError as e:
        _fail(str(e))
    if as_json:
        _print_json(asdict(done))
        return
    changed = f"; pages rebuilt: {', '.join(done.films)}" if done.films else ""
    removed = f"; films deleted: {', '.join(done.removed)}" if done.removed else ""
    stdout().print(_shown(f"{done.action}: {done.reviews} review(s){changed}{removed}"))


_JSON_CORRECTION = typer.Option("--json", help="Print what was done as JSON.")


@app.command()
def remove(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            help="Reviews to delete, by the source add and report --json name: a path, or "
            "export.csv#row=N.",
            show_default=False,
        ),
    ] = None,
    film: Annotated[
        str | None, typer.Option(help="Delete this film and every review of it instead.")
    ] = None,
    as_json: Annotated[bool, _JSON_CORRECTION] = False,
) -> None:
    """Delete reviews from the store (or a whole film); their films' pages are rebuilt and
    a film left with no review is deleted. The same file can be added again after."""
    from marquee.corrections import remove as removing

    if not sources and film is None:
        _fail("nothing to remove: give review sources or --film FILM", code=2)
    _corrected(lambda store: removing(store, sources=sources or (), film=film), as_json)


@app.command()
def move(
    review: Annotated[
        str, typer.Argument(help="The review's source (a path, or export.csv#row=N).")
    ],
    film: Annotated[
        str,
        typer.Option(
            help='The film to file it under: a slug or "Title (Year)"; a new film if none.',
            show_default=False,
        ),
    ],
    as_json: Annotated[bool, _JSON_CORRECTION] = False,
) -> None:
    """File a review under another film: marquee move review.md --film "Heat (1995)"."""
    from marquee.corrections import move as moving

    _corrected(lambda store: moving(store, review, film), as_json)


@app.command()
def merge(
    film: Annotated[str, typer.Argument(help="The duplicate film (slug or title).")],
    into_film: Annotated[str, typer.Argument(help="The film to keep (slug or title).")],
    as_json: Annotated[bool, _JSON_CORRECTION] = False,
) -> None:
    """Merge a film stored twice: FILM's reviews join INTO_FILM, FILM's title becomes one
    of its aliases, and FILM is deleted."""
    from marquee.corrections import merge as merging

    _corrected(lambda store: merging(store, film, into_film), as_json)


@app.command()
def rename(
    film: Annotated[str, typer.Argument(help="The film (slug or title).")],
    title: Annotated[str, typer.Argument(help='Its right title: "Title" or "Title (Year)".')],
    as_json: Annotated[bool, _JSON_CORRECTION] = False,
) -> None:
    """Give a film its right title (and year); its slug and page follow."""
    from marquee.corrections import rename as renaming

    _corrected(lambda store: renaming(store, film, title), as_json)
