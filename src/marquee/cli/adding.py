"""``marquee add``: reviews from files, tables, stdin, URLs and feeds into the store, with a
progress bar, a line per input and a summary (``--json`` for scripts)."""

import gc
import json
import logging
import sys
import textwrap
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from marquee.errors import MarqueeError, StoreError

if TYPE_CHECKING:
    from rich.progress import Progress

    from marquee.documents import ReadOptions
    from marquee.ingest import Input, Outcome
    from marquee.records import Review
    from marquee.store import FilmEntry, Store

from marquee.cli._app import (
    QUICK_HELP,
    QUICK_NOTE,
    _fail,
    _parse_columns,
    _shown,
    _store,
    app,
    stderr,
    stdout,
)


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
        bool,
        typer.Option(
            "--json",
            help='Print one JSON outcome per input (each with "quick": whether --quick scored '
            "the run).",
        ),
    ] = False,
    quick: Annotated[bool, typer.Option("--quick", help=QUICK_HELP)] = False,
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
    the rest are kept; a page that is not a film review (a TV, theatre or product review,
    news) is refused with its reason unless --keep-non-film. The exit code is 1 if anything
    could not be read or was refused.

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

      marquee add quotes.csv --quick            faster, a few points less accurate on quotes

      marquee add review.md --film "Heat" --year 1995 --replace   re-file a stored review

      pbpaste | marquee add -
    """
    with _kept_for_good():
        from marquee.documents import ReadOptions
        from marquee.documents.options import TABLE_SIZE_FACTOR
        from marquee.fetch import FetchOptions, is_url
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
        from marquee.report_cache import report_batches
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
        fetcher = None
        if urls or feed:
            from marquee.fetch import Fetcher  # httpx: only when there is something to fetch

            fetcher = cleanup.enter_context(Fetcher(fetching))
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
            quick=quick,
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
            unbuilt = [
                slug for batch in report_batches(stale) for slug in _build(store, batch, step)
            ]
        except MarqueeError as e:
            _fail(str(e))
    _show_outcomes(outcomes, as_json, quick=quick)
    if unbuilt:
        stderr().print(
            f"[yellow]could not build the page of {len(unbuilt)} film(s)[/yellow] "
            f"({_shown(', '.join(unbuilt[:5]))}); marquee report builds it when asked "
            "(-vv shows why)"
        )
    if any(o.status in ("error", "refused") for o in outcomes) or not outcomes:
        if not outcomes:
            given = [*(paths or []), *([str(urls_file)] if urls_file else []), *feed]
            stderr().print("[red]error:[/red] nothing to add from " + _shown(", ".join(given)))
        raise typer.Exit(1)


@contextmanager
def _kept_for_good() -> Iterator[None]:
    """The objects made inside (the modules of the add path: SQLAlchemy, NumPy, the readers
    and their patterns) frozen, as they live as long as the process: the cyclic garbage
    collector walked them again and again while the imports made them, then twice in full
    (during the run and at exit), about 0.2 s of CPU in an ``add`` of 200 full reviews
    (gc callbacks: 263-268 ms of collections -> 56-67 ms). Frozen objects are still freed
    when nothing refers to them; only a reference cycle made inside is never collected."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def _with_movies_tables(
    inputs: "list[Input]", options: "ReadOptions"
) -> "tuple[list[Input], ReadOptions]":
    """Take the movies tables out of the inputs: their titles file the reviews that name
    their film by id (``marquee add reviews.csv movies.csv``)."""
    from dataclasses import replace

    from marquee.documents.catalog import catalogs_among

    paths = [item for item in inputs if isinstance(item, Path)]
    films, _rest, catalogs = catalogs_among(paths)
    if catalogs:
        names = _shown(", ".join(map(str, catalogs)))
        stderr().print(f"movies table {names}: titles and years of {len(films):,} films by id")
    kept = [item for item in inputs if not (isinstance(item, Path) and item in catalogs)]
    return kept, replace(options, films={**options.films, **films})


def _build(store: "Store", films: "list[FilmEntry]", step: Callable[[], None]) -> list[str]:
    """Build a batch of changed films' pages ahead of time; the slugs of those that could
    not be. Their reviews are stored either way, so a film whose page trips a bug must not
    end the run: a batch that fails is built again a film at a time, to find which."""
    from marquee.report_cache import build_reports

    try:
        build_reports(store, films)
    except StoreError:
        raise
    except Exception:  # a bug in a later stage: the page is built again on request
        logging.getLogger(__name__).debug("building %s", films[0].slug, exc_info=True)
        if len(films) > 1:
            return [slug for entry in films for slug in _build(store, [entry], step)]
        step()
        return [films[0].slug]
    for _ in films:
        step()
    return []


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
    stream: "Iterable[tuple[list[Review], list[Outcome]]]",
    failures: "list[Outcome]",
    count: Callable[[int], None],
) -> "Iterator[Review]":
    """The reviews of a reading stream, its failures kept aside as they come and each
    chunk's reviews counted."""
    for reviews, failed in stream:
        failures += failed
        count(len(reviews))
        yield from reviews


def _rows_counter(progress: "Progress") -> Callable[[int], None]:
    """A line counting the reviews read so far (a CSV is one input of many rows)."""
    task = progress.add_task("reviews read: 0", total=None, visible=False)
    seen = 0

    def count(n: int) -> None:
        nonlocal seen
        seen += n
        progress.update(task, description=f"reviews read: {seen:,}", visible=seen >= 20)

    return count


def _progress() -> "Progress":
    """Progress bars on stderr, only on a terminal (see :func:`_bar`)."""
    # imported here: drawing bars is for add alone, not for every command the CLI loads
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=stderr(),
        transient=True,
        disable=not stderr().is_terminal,
    )


def _bar(progress: "Progress", what: str, total: int) -> Callable[[], None]:
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
    "refused": "[yellow]refused[/yellow]",
}


def _show_refused(sources: list[str]) -> None:
    """The pages refused as not film reviews, apart from what could not be read: their
    lines above say what each reads as, and the option that keeps them."""
    if not sources:
        return
    listed = ", ".join(sources[:10]) + (
        f" and {len(sources) - 10} more" if len(sources) > 10 else ""
    )
    stderr().print(
        f"[yellow]{len(sources)} refused: not a film review[/yellow] ({_shown(listed)}; each "
        "line above says what it reads as); --keep-non-film adds them anyway",
        highlight=False,
    )


def _print_outcomes_json(outcomes: "list[Outcome]", *, quick: bool) -> None:
    """The text ``_print_json`` gives the outcomes' list, written an outcome at a time: the
    whole text at once (with a dict per outcome) was what the peak memory of ``add`` on a
    large table still grew with. Each outcome says whether the run scored with ``--quick``,
    so a script reading any one of them can tell."""
    if not outcomes:
        typer.echo("[]")
        return
    typer.echo("[", nl=False)
    for i, o in enumerate(outcomes):
        item = json.dumps({**asdict(o), "quick": quick}, ensure_ascii=False, indent=2)
        typer.echo(("\n" if i == 0 else ",\n") + textwrap.indent(item, "  "), nl=False)
    typer.echo("\n]")


def _outcome_line(o: "Outcome") -> str:
    """An input's line: its status, its source, and the film it went to or why not."""
    said = (o.message or "").removeprefix(f"{o.source}: ")  # messages name their source
    detail = f" → {o.film}" if o.film else (f": {said}" if said else "")
    if o.status == "added" and not o.film:
        detail = "  (no film named: pass --film TITLE)"
    if o.status == "added" and o.message:
        detail += f"  ({o.message})"
    return f"{_MARK[o.status]:>12} {_shown(o.source + detail)}"


def _show_outcomes(outcomes: "list[Outcome]", as_json: bool, *, quick: bool) -> None:
    if as_json:
        _print_outcomes_json(outcomes, quick=quick)
        return
    from marquee.intake import chunks  # loaded by adding already

    for part in chunks(map(_outcome_line, outcomes), 512):
        # one print a few hundred lines: a print a line was 0.3 ms each in Rich (0.6 s of
        # CPU for a 2,000-row table), and the lines come out the same
        stdout().print("\n".join(part), highlight=False)
    counts = {s: sum(o.status == s for o in outcomes) for s in _MARK}
    unfiled = sum(o.status == "added" and not o.film for o in outcomes)
    refused = f", {counts['refused']} refused" if counts["refused"] else ""
    stderr().print(
        f"{counts['added']} added, {counts['duplicate']} already stored, "
        f"{counts['error']} could not be read{refused}" + (f"; {QUICK_NOTE}" if quick else ""),
        style="bold" if counts["error"] == 0 else "bold red",
    )
    _show_refused([o.source for o in outcomes if o.status == "refused"])
    unread = [o for o in outcomes if o.status == "added" and o.message]
    if unread:
        listed = "; ".join(f"{o.source}: {o.message}" for o in unread[:10])
        more = f" and {len(unread) - 10} more" if len(unread) > 10 else ""
        stderr().print(
            f"[yellow]{len(unread)} printed score(s) could not be read[/yellow] (scored from "
            f"the words instead): {_shown(listed)}{more}",
            highlight=False,
        )
    if unfiled:
        stderr().print(
            f"[yellow]{unfiled} added under no film[/yellow]: they name none (or only an id); "
            "give --film TITLE, or the movies table beside an export (marquee add reviews.csv "
            "movies.csv); marquee films counts them",
            highlight=False,
        )
