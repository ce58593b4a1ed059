"""What is in the store: ``marquee films`` (sorted, filtered, CSV), ``marquee search`` and
``marquee report``."""

from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from marquee.cli._app import _cell, _fail, _note, _print_json, _shown, _store, app, stderr, stdout
from marquee.errors import MarqueeError
from marquee.sanitize import strip_controls

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text


@app.command()
def films(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print the list as CSV.")] = False,
    sort: Annotated[
        str, typer.Option(help="Sort by reviews, fresh, average, year or title.")
    ] = "reviews",
    ascending: Annotated[
        bool | None,
        typer.Option(
            "--ascending/--descending",
            help="Order (default: most, highest, newest first; titles A–Z).",
            show_default=False,
        ),
    ] = None,
    year_from: Annotated[int | None, typer.Option(help="Released in or after this year.")] = None,
    year_to: Annotated[int | None, typer.Option(help="Released in or before this year.")] = None,
    fresh_min: Annotated[float | None, typer.Option(help="Fresh % at least this.")] = None,
    fresh_max: Annotated[float | None, typer.Option(help="Fresh % at most this.")] = None,
    average_min: Annotated[float | None, typer.Option(help="Average score at least this.")] = None,
    limit: Annotated[
        int,
        typer.Option(
            help="Rows the table shows (0: all); --json and --csv always give every film."
        ),
    ] = 50,
) -> None:
    """List the films in the store with fresh %, average, reviews and year.

    The table shows the first 50 films of the order asked for and says how many more
    match; --limit 0 shows them all.

    Examples:

      marquee films --sort fresh --year-from 2020 --fresh-min 60

      marquee films --csv > films.csv
    """
    from marquee.aggregate import shown
    from marquee.browse.films import FilmQuery, films_csv, list_films
    from marquee.store import shown_url

    store = _store()
    try:
        query = FilmQuery(
            sort=sort,  # type: ignore[arg-type]  # checked by FilmQuery
            descending=None if ascending is None else not ascending,
            year_from=year_from,
            year_to=year_to,
            fresh_min=fresh_min,
            fresh_max=fresh_max,
            average_min=average_min,
        )
    except MarqueeError as e:
        _fail(str(e), code=2)
    entries = list_films(store, query)
    if as_json:
        _print_json([f.json() for f in entries])
        return
    if as_csv:
        typer.echo(films_csv(entries), nl=False)
        return
    unassigned = store.counts()["unassigned"]
    if not entries:
        if store.counts()["films"]:
            _note("No films match.")
        elif unassigned:
            _note(f"No films yet: {unassigned} review(s) name no film (re-add with --film).")
        else:
            _note("The store is empty: add reviews with `marquee add PATH`.")
        return
    shown_entries = entries[:limit] if limit > 0 else entries
    rows = [  # every cell a Text: a str would be parsed as Rich markup
        (
            _cell(f.title),
            _cell(str(f.year or "—")),
            _cell(None if f.fresh_percent is None else f"{shown(f.fresh_percent)}%"),
            _cell(None if f.average is None else str(shown(f.average))),
            _cell(str(f.reviews)),
            _cell(f.slug),
        )
        for f in shown_entries
    ]
    from rich.text import Text

    title = Text(f"Films in {strip_controls(shown_url(store.url))}", style="table.title")
    stdout().print(_film_table(title, rows, stdout().width))
    if hidden := len(entries) - len(shown_entries):
        _note(f"{hidden:,} more film(s) match: --limit 0 shows them all, --csv lists them.")
    if unassigned:
        _note(f"{unassigned} review(s) name no film: re-add them with --film TITLE.")


FILM_COLUMNS = ("title", "year", "fresh", "average", "reviews", "slug")
FIGURES = ("year", "fresh", "average", "reviews")
"""The film list's short columns: a year or a figure, a few characters each."""


def _film_table(title: "Text", rows: Sequence[Sequence["Text"]], width: int) -> "Table":
    """The film list as a Rich table for a terminal ``width`` columns wide.

    Rich measures every cell of a column whose width it must find, twice when the list is
    wider than the terminal (as 120 columns of long titles are): a quarter of drawing the
    table. So each figure column is given its width (its widest cell) and no wrapping,
    whenever the terminal leaves the title and slug at least as wide as the widest figure
    column: Rich narrows only the widest columns, so then it narrows just those two, and
    the table comes out as when it measured everything. A narrower terminal gets Rich's
    own sizing, every column free to wrap. Headers and title are Text: no markup to parse.
    """
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left")
    sizes = {
        name: max(len(name), *(row[FILM_COLUMNS.index(name)].cell_len for row in rows))
        for name in FIGURES
    }
    padded = [size + table.padding[1] + table.padding[3] for size in sizes.values()]
    room = width - (len(FILM_COLUMNS) + 1)  # the box's edges and dividers
    fixed = room - sum(padded) >= 2 * max(padded)
    for name in FILM_COLUMNS:
        table.add_column(
            Text(name),
            justify="right" if name in ("fresh", "average", "reviews") else "left",
            width=sizes[name] if fixed and name in sizes else None,
            no_wrap=fixed and name in sizes,
        )
    for row in rows:
        table.add_row(*row)
    return table


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Any name: film, person, critic or outlet.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    limit: Annotated[int, typer.Option(help="Most results shown.")] = 20,
) -> None:
    """Search films, people, critics and outlets, forgiving typos and accents."""
    from marquee.browse.search import search as find

    hits = find(_store(), query, limit=limit)
    if as_json:
        _print_json([{**asdict(h), "href": h.href} for h in hits])
        return
    if not hits:
        _fail(f"nothing matches {query!r}")
    from rich.table import Table

    table = Table(title=f"Matches for {_shown(query)!r}", title_justify="left")
    for name in ("kind", "name", "slug", "about", "match"):
        table.add_column(name)
    for h in hits:
        table.add_row(h.kind, _cell(h.name), _cell(h.slug), _cell(h.detail), f"{h.score:.0f}")
    stdout().print(table)


@app.command()
def report(
    film: Annotated[
        str,
        typer.Argument(
            help='Slug, title, "Title (Year)", alias or part of one; a near miss is '
            "taken when one film is clearly meant.",
            show_default=False,
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    html: Annotated[
        Path | None,
        typer.Option(help="Also write the film page as one self-contained HTML file here."),
    ] = None,
) -> None:
    """Show one film: facts, credits and cast, every review with its score, fresh %.

    The report is built when reviews are added, moved or removed, so showing it is quick;
    `marquee films` lists the slugs.

    Examples:

      marquee report ballerina --json | jq .aggregate

      marquee report ballerina --html ballerina.html
    """
    from marquee.report_cache import film_report

    store = _store()
    try:
        entry = store.film_by_slug(film.strip())  # a slug needs no search (nor its imports)
        if entry is None:
            from marquee.browse.lookup import film_label, find_report_film

            entry, guessed = find_report_film(store, film)
            if guessed:
                stderr().print(f"showing {_shown(film_label(entry))} for {_shown(film)!r}")
        data = film_report(store, entry)
    except MarqueeError as e:
        _fail(str(e))
    if html is not None:
        try:
            from marquee.web import write_static_page

            write_static_page(data, html)
        except MarqueeError as e:
            _fail(str(e))
        stderr().print(f"wrote {_shown(str(html))}")
    if as_json:
        _print_json(data)
    else:
        from marquee.report import render  # rich panels and the report module: not for --json

        render(data, stdout())
