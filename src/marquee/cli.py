"""The ``marquee`` command: a thin layer over the library.

Every command takes ``--db`` (or ``MARQUEE_DB``); every listing takes ``--json``.
User mistakes and bad input end in a one-line message and a non-zero exit, never a
traceback.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from marquee.errors import MarqueeError, StoreError
from marquee.sanitize import strip_controls
from marquee.store_urls import ENV_VAR, default_url, masked_url

if TYPE_CHECKING:
    from marquee.documents import ReadOptions
    from marquee.ingest import Input, Outcome
    from marquee.records import Review
    from marquee.store import FilmEntry, Store

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
out = Console()
err = Console(stderr=True)


class State:
    """Options shared by every command (set by the top-level callback)."""

    db: str | None = None
    create: bool = False
    opened: list[Store] = []  # closed when the command ends: no connection left to the GC


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
            + escape(masked_url(default_url())),
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


def _store() -> Store:
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
    err.print(f"[red]error:[/red] {_shown(message)}", highlight=False)
    raise typer.Exit(code)


def _shown(text: str) -> str:
    """Text from the data (titles, file names, messages quoting them) made safe to print
    through Rich: control characters stripped, markup such as ``[/]`` or ``[link=…]``
    escaped so that it shows as written."""
    return escape(strip_controls(text))


def _cell(text: str | None) -> Text:
    """A table cell holding data: plain text, never markup."""
    return Text(strip_controls(text or "—"))


def _print_json(data: Any) -> None:
    """Plain JSON on stdout (no Rich wrapping, which could split long strings)."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


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


@app.command()
def add(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files or folders of reviews, or http(s) URLs of review pages; - reads one "
            "review from stdin.",
            show_default=False,
        ),
    ] = None,
    film: Annotated[
        str | None,
        typer.Option(
            help="Film these reviews are about: overrides the film read from them; on a page "
            "reviewing several films, keeps only this one."
        ),
    ] = None,
    year: Annotated[int | None, typer.Option(help="Release year to go with --film.")] = None,
    critic: Annotated[
        str | None, typer.Option(help="Critic who wrote these reviews (overrides the byline).")
    ] = None,
    outlet: Annotated[
        str | None, typer.Option(help="Outlet they appeared in (overrides what is read).")
    ] = None,
    replace_stored: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="File reviews already stored again, as read now (with --film, --critic, "
            "--outlet): corrects a wrong filing.",
        ),
    ] = False,
    column: Annotated[
        list[str],
        typer.Option(
            "--column",
            "-c",
            help="Map a table column to a field: FIELD=COLUMN (fields: text, critic, outlet, "
            "date, score, film, year, verdict, url). Repeatable.",
        ),
    ] = [],  # noqa: B006 - Typer reads the default, it is never mutated
    shape: Annotated[
        str | None,
        typer.Option(help="Force the shape: text, markdown, html, csv or jsonl (default: detect)."),
    ] = None,
    max_mb: Annotated[float, typer.Option(help="Refuse review documents larger than this.")] = 5.0,
    max_rows: Annotated[
        int | None,
        typer.Option(
            help="Refuse a table (CSV/JSONL) with more rows than this (default: 20,000); "
            "marquee batch scores tables of any size.",
            show_default=False,
        ),
    ] = None,
    follow_symlinks: Annotated[
        bool,
        typer.Option(
            "--follow-symlinks",
            help="In folders, also follow links that lead outside the folder.",
        ),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON outcome per input.")
    ] = False,
    keep_non_film: Annotated[
        bool,
        typer.Option(
            "--keep-non-film",
            help="Add pages that do not read as film reviews (a TV, theatre, book or product "
            "review, news) instead of refusing them.",
        ),
    ] = False,
    urls_file: Annotated[
        Path | None,
        typer.Option("--urls", help="A file of review URLs, one a line (# starts a comment)."),
    ] = None,
    feed: Annotated[
        list[str],
        typer.Option(help="An RSS or Atom feed URL: add every review it links to. Repeatable."),
    ] = [],  # noqa: B006 - Typer reads the default, it is never mutated
    since: Annotated[
        str | None,
        typer.Option(
            help="With --feed: only entries published on or after this date (YYYY-MM-DD)."
        ),
    ] = None,
    refresh: Annotated[
        bool, typer.Option(help="Fetch URLs again even when their pages are already stored.")
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(
            help="Seconds one web page may take, all told: connecting, the answer, the whole "
            "body, robots.txt, redirects and retries."
        ),
    ] = 10.0,
    rate: Annotated[
        float, typer.Option(help="Pages per second from any one web host (be polite).")
    ] = 1.0,
    private: Annotated[
        bool,
        typer.Option(
            "--private/--no-private",
            help="--no-private refuses to fetch from (or be redirected to) private, loopback "
            "and link-local addresses: use it when the URLs come from someone else.",
        ),
    ] = True,
) -> None:
    """Read reviews and add them to the store, filed under their films.

    Shapes are detected from content: plain text (web pages pasted as text), Markdown with
    front matter, HTML (schema.org Review data is read), CSV and JSONL (one review per row).
    Adding the same document again does nothing. Bad files are reported, one line each, and
    the rest are kept; the exit code is 1 if anything could not be read.

    Web pages are fetched politely (robots.txt honoured, --rate per host, retries on busy
    servers) and kept with their URL, HTTP status and fetch time; a URL already stored is
    not fetched again unless --refresh. A page that reviews several films adds one review
    per film.

    Examples:

      marquee add reviews/                      every file under reviews/

      marquee add https://example.org/review    one page from the web

      marquee add --feed https://example.org/reviews.rss --since 2025-01-01

      marquee add export.csv --film "Dune" --year 2021 -c text=blurb

      marquee add reviews.csv movies.csv        an export whose rows name films by id

      marquee add review.md --film "Heat" --year 1995 --replace   re-file a stored review

      pbpaste | marquee add -
    """
    from marquee.documents import ReadOptions
    from marquee.documents.options import TABLE_SIZE_FACTOR
    from marquee.fetch import Fetcher, FetchOptions, is_url
    from marquee.ingest import (
        add_reviews,
        expand,
        feed_urls,
        skip_fetched,
        stale_films,
        stream_reviews,
        url_list,
    )
    from marquee.overrides import Overrides
    from marquee.review import FilmHint

    if not paths and urls_file is None and not feed:
        _fail("nothing to add: give files, folders or URLs, --urls FILE or --feed URL", code=2)
    if shape not in (None, "text", "markdown", "html", "csv", "jsonl"):
        _fail(f"--shape must be text, markdown, html, csv or jsonl, not {shape!r}", code=2)
    options = ReadOptions(
        max_bytes=int(max_mb * 1_000_000),
        max_rows=max_rows or ReadOptions().max_rows,
        shape=shape,  # type: ignore[arg-type]  # checked against the shapes just above
        columns=_parse_columns(column),
    )
    first_day = _since(since, feed)
    inputs: list[Input] = []
    urls: list[str] = []
    outcomes: list[Outcome] = []
    for p in paths or []:
        if p == "-":  # read no more than a table may hold: one byte past it is refused
            inputs.append(
                ("<stdin>", sys.stdin.buffer.read(options.max_bytes * TABLE_SIZE_FACTOR + 1))
            )
        elif is_url(p):
            urls.append(p)
        else:
            found, unreadable = expand([p], follow_symlinks=follow_symlinks)
            inputs += found
            outcomes += unreadable
    if urls_file is not None:
        listed, bad_lines = url_list(_read_text(urls_file), str(urls_file))
        urls += listed
        outcomes += bad_lines
    inputs, options = _with_movies_tables(inputs, options)
    store = _store()
    fetching = FetchOptions(
        connect_timeout=timeout,
        read_timeout=timeout,
        deadline=timeout,
        max_bytes=options.max_bytes,
        rate=rate,
        allow_private=private,
    )
    with ExitStack() as cleanup:
        fetcher = cleanup.enter_context(Fetcher(fetching)) if urls or feed else None
        if fetcher is not None and feed:
            linked, bad_feeds = feed_urls(fetcher, feed, since=first_day)
            urls += linked
            outcomes += bad_feeds
        if not refresh:
            urls, stored = skip_fetched(store, urls)
            outcomes += stored
        inputs += list(dict.fromkeys(urls))
        progress = cleanup.enter_context(_progress())
        step = _bar(progress, "adding", len(inputs))
        rows = _rows_counter(progress)
        stream = stream_reviews(
            inputs,
            options=options,
            hint=FilmHint(title=film, year=year),
            step=lambda _s: step(),
            fetcher=fetcher,
            said=Overrides(film=film, year=year, critic=critic, outlet=outlet),
            keep_non_film=keep_non_film,
        )
        try:
            for outcome in add_reviews(
                store,
                _unfailed(stream, outcomes, rows),
                build_reports=False,
                replace_stored=replace_stored,
            ):
                outcomes.append(outcome)
            stale = stale_films(store)
            step = _bar(progress, "building film pages", len(stale))
            unbuilt = [entry.slug for entry in stale if not _build(store, entry, step)]
        except MarqueeError as e:
            _fail(str(e))
    _show_outcomes(outcomes, as_json)
    if unbuilt:
        err.print(
            f"[yellow]could not build the page of {len(unbuilt)} film(s)[/yellow] "
            f"({_shown(', '.join(unbuilt[:5]))}); marquee report builds it when asked "
            "(-vv shows why)"
        )
    if any(o.status == "error" for o in outcomes) or not outcomes:
        if not outcomes:
            given = [*(paths or []), *([str(urls_file)] if urls_file else []), *feed]
            err.print("[red]error:[/red] nothing to add from " + _shown(", ".join(given)))
        raise typer.Exit(1)


def _with_movies_tables(
    inputs: list[Input], options: ReadOptions
) -> tuple[list[Input], ReadOptions]:
    """Take the movies tables out of the inputs: their titles file the reviews that name
    their film by id (``marquee add reviews.csv movies.csv``)."""
    from dataclasses import replace

    from marquee.documents.catalog import catalogs_among

    paths = [item for item in inputs if isinstance(item, Path)]
    films, _rest, catalogs = catalogs_among(paths)
    if catalogs:
        names = _shown(", ".join(map(str, catalogs)))
        err.print(f"movies table {names}: titles and years of {len(films):,} films by id")
    kept = [item for item in inputs if not (isinstance(item, Path) and item in catalogs)]
    return kept, replace(options, films={**options.films, **films})


def _build(store: Store, entry: FilmEntry, step: Callable[[], None]) -> bool:
    """Build one changed film's page ahead of time; whether it could be. Its reviews are
    stored either way, so a film whose page trips a bug must not end the run."""
    from marquee.report_cache import film_report

    try:
        film_report(store, entry)
    except StoreError:
        raise
    except Exception:  # a bug in a later stage: the page is built again on request
        logging.getLogger(__name__).debug("building %s", entry.slug, exc_info=True)
        return False
    finally:
        step()
    return True


def _since(text: str | None, feeds: list[str]) -> date | None:
    if text is None:
        return None
    if not feeds:
        _fail("--since limits a feed's entries: use it with --feed URL", code=2)
    try:
        return date.fromisoformat(text)
    except ValueError:
        _fail(f"--since takes a date such as 2025-01-31, not {text!r}", code=2)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        _fail(f"{path}: cannot read the URL list ({e})", code=2)


def _unfailed(
    stream: Iterable[tuple[list[Review], list[Outcome]]],
    failures: list[Outcome],
    count: Callable[[int], None],
) -> Iterator[Review]:
    """The reviews of a reading stream, its failures kept aside as they come and each
    chunk's reviews counted."""
    for reviews, failed in stream:
        failures += failed
        count(len(reviews))
        yield from reviews


def _rows_counter(progress: Progress) -> Callable[[int], None]:
    """A line counting the reviews read so far (a CSV is one input of many rows)."""
    task = progress.add_task("reviews read: 0", total=None, visible=False)
    seen = 0

    def count(n: int) -> None:
        nonlocal seen
        seen += n
        progress.update(task, description=f"reviews read: {seen:,}", visible=seen >= 20)

    return count


def _progress() -> Progress:
    """Progress bars on stderr, only on a terminal (see :func:`_bar`)."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


def _bar(progress: Progress, what: str, total: int) -> Callable[[], None]:
    """A bar for one stage with ``total`` steps, shown only when there are enough to wait
    for (a CSV is one input but may hold thousands of rows to store); returns its step."""
    if total < 20:
        return lambda: None
    task = progress.add_task(what, total=total)
    return lambda: progress.advance(task)


_MARK = {
    "added": "[green]added[/green]",
    "duplicate": "[yellow]same as stored[/yellow]",
    "error": "[red]error[/red]",
}


def _show_outcomes(outcomes: list[Outcome], as_json: bool) -> None:
    if as_json:
        _print_json([asdict(o) for o in outcomes])
        return
    for o in outcomes:
        said = (o.message or "").removeprefix(f"{o.source}: ")  # messages name their source
        detail = f" → {o.film}" if o.film else (f": {said}" if said else "")
        if o.status == "added" and not o.film:
            detail = "  (no film named: pass --film TITLE)"
        if o.status == "added" and o.message:
            detail += f"  ({o.message})"
        out.print(f"{_MARK[o.status]:>12} {_shown(o.source + detail)}", highlight=False)
    counts = {s: sum(o.status == s for o in outcomes) for s in ("added", "duplicate", "error")}
    unfiled = sum(o.status == "added" and not o.film for o in outcomes)
    err.print(
        f"{counts['added']} added, {counts['duplicate']} already stored, "
        f"{counts['error']} could not be read",
        style="bold" if counts["error"] == 0 else "bold red",
    )
    unread = [o for o in outcomes if o.status == "added" and o.message]
    if unread:
        listed = "; ".join(f"{o.source}: {o.message}" for o in unread[:10])
        more = f" and {len(unread) - 10} more" if len(unread) > 10 else ""
        err.print(
            f"[yellow]{len(unread)} printed score(s) could not be read[/yellow] (scored from "
            f"the words instead): {_shown(listed)}{more}",
            highlight=False,
        )
    if unfiled:
        err.print(
            f"[yellow]{unfiled} added under no film[/yellow]: they name none (or only an id); "
            "give --film TITLE, or the movies table beside an export (marquee add reviews.csv "
            "movies.csv); marquee films counts them",
            highlight=False,
        )


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
) -> None:
    """List the films in the store with fresh %, average, reviews and year.

    Examples:

      marquee films --sort fresh --year-from 2020 --fresh-min 60

      marquee films --csv > films.csv
    """
    from marquee.aggregate import shown
    from marquee.browse import FilmQuery, films_csv, list_films
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
            err.print("No films match.")
        elif unassigned:
            err.print(f"No films yet: {unassigned} review(s) name no film (re-add with --film).")
        else:
            err.print("The store is empty: add reviews with `marquee add PATH`.")
        return
    table = Table(title=f"Films in {_shown(shown_url(store.url))}", title_justify="left")
    for name in ("title", "year", "fresh", "average", "reviews", "slug"):
        table.add_column(
            name, justify="right" if name in ("fresh", "average", "reviews") else "left"
        )
    for f in entries:
        table.add_row(
            _cell(f.title),
            str(f.year or "—"),
            "—" if f.fresh_percent is None else f"{shown(f.fresh_percent)}%",
            "—" if f.average is None else str(shown(f.average)),
            str(f.reviews),
            _cell(f.slug),
        )
    out.print(table)
    if unassigned:
        err.print(f"{unassigned} review(s) name no film: re-add them with --film TITLE.")


def _corrected(correct: Callable[[Store], Any], as_json: bool) -> None:
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
    out.print(_shown(f"{done.action}: {done.reviews} review(s){changed}{removed}"))


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


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Any name: film, person, critic or outlet.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    limit: Annotated[int, typer.Option(help="Most results shown.")] = 20,
) -> None:
    """Search films, people, critics and outlets, forgiving typos and accents."""
    from marquee.browse import search as find

    hits = find(_store(), query, limit=limit)
    if as_json:
        _print_json([{**asdict(h), "href": h.href} for h in hits])
        return
    if not hits:
        _fail(f"nothing matches {query!r}")
    table = Table(title=f"Matches for {_shown(query)!r}", title_justify="left")
    for name in ("kind", "name", "slug", "about", "match"):
        table.add_column(name)
    for h in hits:
        table.add_row(h.kind, _cell(h.name), _cell(h.slug), _cell(h.detail), f"{h.score:.0f}")
    out.print(table)


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

    Examples:

      marquee report ballerina --json | jq .aggregate

      marquee report ballerina --html ballerina.html
    """
    from marquee.browse import find_report_film
    from marquee.browse.search import film_label
    from marquee.report_cache import film_report

    store = _store()
    try:
        entry, guessed = find_report_film(store, film)
        if guessed:
            err.print(f"showing {_shown(film_label(entry))} for {_shown(film)!r}")
        data = film_report(store, entry)
    except MarqueeError as e:
        _fail(str(e))
    if html is not None:
        try:
            from marquee.web import write_static_page

            write_static_page(data, html)
        except MarqueeError as e:
            _fail(str(e))
        err.print(f"wrote {_shown(str(html))}")
    if as_json:
        _print_json(data)
    else:
        from marquee.report import render  # rich panels and the report module: not for --json

        render(data, out)


@app.command()
def serve(
    host: Annotated[
        str, typer.Option(help="Interface to bind; keep 127.0.0.1 unless you mean it.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8150,
) -> None:
    """Serve the film pages and JSON API over the same store the CLI uses.

    Open http://127.0.0.1:8150/ for the film list; every page has a .json twin
    (/films/SLUG and /films/SLUG.json) and /openapi.json describes the API.
    """
    from marquee.store import shown_url

    try:
        from marquee.web import serve as run_server
    except MarqueeError as e:
        _fail(str(e))
    store = _store()
    store.close()
    err.print(f"serving {_shown(shown_url(store.url))} on http://{host}:{port}/  (Ctrl-C stops)")
    run_server(store.url, host=host, port=port)


@app.command()
def train(
    out_path: Annotated[
        Path | None,
        typer.Option("--out", help="Where to write the artifact (default: the bundled one)."),
    ] = None,
    with_eval: Annotated[
        bool, typer.Option("--eval", help="Also run the full held-out evaluation.")
    ] = False,
) -> None:
    """Retrain the scoring model from the labelled corpora (MARQUEE_DATA or ../shared/data).

    Users never need this: the trained model ships with marquee. It rewrites the artifact,
    its recipe (data checksums, settings) and its held-out metrics.
    """
    from marquee.lab import train as training

    argv = (["--out", str(out_path)] if out_path else []) + (["--eval"] if with_eval else [])
    try:
        raise typer.Exit(training.main(argv))
    except MarqueeError as e:
        _fail(str(e))


@app.command("eval")
def evaluate(
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    quick: Annotated[
        bool, typer.Option(help="150 texts of each corpus: a smoke test, not the figures.")
    ] = False,
) -> None:
    """The figures the README quotes, recomputed: the shipped model on the frozen test split.

    Full reviews go in as text files and RT quotes as CSV rows, through the same reading,
    scoring and film aggregation as `marquee add` and `marquee report`; VADER and TextBlob
    run on the same rows. Prints accuracy and calibration per corpus, each film's fresh %
    from the words alone and with half the critics' own verdicts, how often the 90% band
    holds the truth by review count, a reliability table of P(fresh), and the consensus
    sentence's ROUGE against Rotten Tomatoes' on films the model never saw. The test split
    (20% of films and review ids, by a fixed hash) is never trained or tuned on.
    """
    from marquee.lab import evaluate as model_eval
    from marquee.lab.eval_tables import render_figures

    try:
        with err.status("scoring the test split with marquee, VADER and TextBlob…"):
            figures = model_eval.run(quick=quick)
    except MarqueeError as e:
        _fail(str(e))
    if as_json:
        _print_json(figures)
        return
    render_figures(figures, out)


@app.command()
def batch(
    table: Annotated[
        Path,
        typer.Argument(
            help="A CSV, JSONL or Parquet table of reviews, one per row.", show_default=False
        ),
    ],
    out_dir: Annotated[
        Path,
        typer.Option(
            "--out",
            help="Folder for the results; a run killed part-way resumes here.",
            show_default=False,
        ),
    ],
    engine: Annotated[
        str,
        typer.Option(
            help="local (this process) or dask. On a 2-core machine dask measured no faster "
            "than local (its workers share the cores with reading and writing): use it with "
            "more cores, or a cluster (--scheduler)."
        ),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="A running Dask scheduler, tcp://host:port, for tables that outgrow one "
            "machine (start `dask scheduler`, then `dask worker tcp://host:8786` on each "
            "machine, with this marquee installed). Default: a local cluster of --workers."
        ),
    ] = None,
    workers: Annotated[int, typer.Option(help="Processes of the local Dask cluster.")] = 2,
    chunk_size: Annotated[int, typer.Option(help="Rows read, scored and written together.")] = 1000,
    film: Annotated[
        str | None, typer.Option(help="Film these reviews are about, when rows do not say.")
    ] = None,
    year: Annotated[int | None, typer.Option(help="Release year to go with --film.")] = None,
    column: Annotated[
        list[str],
        typer.Option("--column", "-c", help="Map a column to a field: FIELD=COLUMN, as in add."),
    ] = [],  # noqa: B006 - Typer reads the default, it is never mutated
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Score and analyse a review table of any size into Parquet, in bounded memory.

    Each row is read as `marquee add` reads it, scored (the printed score, else the model)
    and analysed (aspects, pull-quote, quoted critics). OUT gets reviews/part-*.parquet (one
    row per input row, in order; unreadable rows carry a `problem`), films.parquet (fresh %,
    average and counts per film) and manifest.json. Nothing is stored in the database.

    Examples:

      marquee batch reviews.csv --out results/

      marquee batch reviews.parquet --out results/ --engine dask --workers 4

      marquee batch reviews.jsonl --out results/ --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from rich.progress import TaskProgressColumn, TimeElapsedColumn

    from marquee.batch import BatchOptions, run_batch
    from marquee.review import FilmHint

    if engine not in ("local", "dask"):
        _fail(f"--engine must be local or dask, not {engine!r}", code=2)
    options = BatchOptions(
        chunk_size=chunk_size,
        columns=_parse_columns(column),
        hint=FilmHint(title=film, year=year),
        engine=engine,  # type: ignore[arg-type]
        scheduler=scheduler,
        workers=workers,
    )
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    with bar:
        task = bar.add_task("scoring", total=1.0)

        def show(p: Any) -> None:
            bar.update(task, completed=p.fraction or 0.0, description=f"{p.rows:,} rows")

        try:
            summary = run_batch(table, out_dir, options=options, progress=show)
        except MarqueeError as e:
            _fail(str(e))
    if as_json:
        _print_json({**asdict(summary), "out": str(summary.out)})
    else:
        rate = summary.rows / summary.seconds if summary.seconds else 0.0
        resumed = f", {summary.resumed} finished before" if summary.resumed else ""
        err.print(
            f"{summary.rows:,} rows: {summary.reviews:,} reviews of {summary.films:,} films, "
            f"{summary.problems:,} unreadable; {summary.chunks} chunks{resumed}; "
            f"{summary.seconds:.1f} s ({rate:,.0f} rows/s)",
            highlight=False,
        )
        out.print(f"results in {summary.out}/reviews/ and {summary.out}/films.parquet")
    if summary.problems:
        err.print("[red]some rows could not be read:[/red] see the problem column")
        raise typer.Exit(1)
