"""The longer jobs: ``marquee serve`` (the web page), ``batch`` (tables to Parquet),
``train`` and ``eval`` (the model, from :mod:`marquee.lab`)."""

from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer

from marquee.cli._app import (
    QUICK_HELP,
    QUICK_NOTE,
    _fail,
    _parse_columns,
    _print_json,
    _shown,
    _store,
    app,
    stderr,
    stdout,
)
from marquee.errors import MarqueeError


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
    stderr().print(
        f"serving {_shown(shown_url(store.url))} on http://{host}:{port}/  (Ctrl-C stops)"
    )
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
    smoke: Annotated[
        bool,
        typer.Option(
            help="150 texts of each corpus: a smoke test of the command, not the figures. "
            "(To see what add/batch --quick trade, the README quotes bench/quick_cost.py.)"
        ),
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
        with stderr().status("scoring the test split with marquee, VADER and TextBlob…"):
            figures = model_eval.run(smoke=smoke)
    except MarqueeError as e:
        _fail(str(e))
    if as_json:
        _print_json(figures)
        return
    render_figures(figures, stdout())


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
            help="local (this process) or dask. On 20,000 RT quotes, on 2 cores busy with "
            "other work, Dask finished 1.1-2.0x sooner than local (2 workers, chunks of 500, "
            "2,000 or 5,000; 1 worker on 2 threads 1.2x) only by taking more of the busy "
            "cores: it spent 1.2-1.6x local's CPU a row (5.1-6.3 vs 3.9-4.3 ms: each worker "
            "loads the model, the scheduler runs here) and 2-3x its memory (0.7-1.4 GB vs "
            "0.5 GB). On a less busy machine (load 2-3.6) 2 workers ran at 0.89x local. "
            "Local is the default: Dask pays with idle cores to spare, or a cluster "
            "(--scheduler)."
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
    threads: Annotated[
        int,
        typer.Option(
            help="Threads per process of the local Dask cluster (1 process on 2 threads "
            "needed 0.7 GB where 2 processes needed 1.1 GB, at about the same speed)."
        ),
    ] = 1,
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
    quick: Annotated[bool, typer.Option("--quick", help=QUICK_HELP)] = False,
) -> None:
    """Score and analyse a review table of any size into Parquet, in bounded memory.

    Each row is read as `marquee add` reads it, scored (the printed score, else the model)
    and analysed (aspects, pull-quote, quoted critics). OUT gets reviews/part-*.parquet (one
    row per input row, in order; unreadable rows carry a `problem`), films.parquet (fresh %,
    average and counts per film) and manifest.json. Nothing is stored in the database.

    Examples:

      marquee batch reviews.csv --out results/

      marquee batch quotes.csv --out results/ --quick   faster, a few points less accurate

      marquee batch reviews.parquet --out results/ --engine dask --workers 4

      marquee batch reviews.jsonl --out results/ --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from rich.progress import (  # drawn only by this command: not loaded for the others
        BarColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

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
        threads=threads,
        quick=quick,
    )
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=stderr(),
        transient=True,
        disable=not stderr().is_terminal,
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
        stderr().print(
            f"{summary.rows:,} rows: {summary.reviews:,} reviews of {summary.films:,} films, "
            f"{summary.problems:,} unreadable; {summary.chunks} chunks{resumed}; "
            f"{summary.seconds:.1f} s ({rate:,.0f} rows/s)"
            + (f"; {QUICK_NOTE}" if summary.quick else ""),
            highlight=False,
        )
        stdout().print(f"results in {summary.out}/reviews/ and {summary.out}/films.parquet")
    if summary.problems:
        stderr().print("[red]some rows could not be read:[/red] see the problem column")
        raise typer.Exit(1)
