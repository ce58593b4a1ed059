"""``marquee batch``: a review table in, Parquet results out — every row once, each read as
``marquee add`` reads it, the same results from every format and from Dask as from this
process, per-film figures as ``aggregate`` defines them, and a run that resumes."""

from __future__ import annotations

import csv
import gc
import json
import random
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from marquee.aggregate import aggregate
from marquee.batch import BatchOptions, BatchProgress, engines, run_batch
from marquee.batch.engines import _check_same_code
from marquee.batch.sources import Row, chunks, open_table
from marquee.batch.work import Chunk, ChunkSettings, documents_of, score_chunk
from marquee.cli import app
from marquee.documents import ReadOptions, bylines, read_path
from marquee.errors import MarqueeError, ParseError, StoreError
from marquee.films import film_slug
from marquee.model import load_model
from marquee.opinions import ReviewText, film_people, opinions_for
from marquee.records import Review
from marquee.report_cache import report_key
from marquee.review import parse_review
from marquee.scoring import infer_scores

FIXTURES = Path(__file__).parent / "fixtures"
SNIPPETS = FIXTURES / "aspects_labelled.jsonl"
FILMS = (("The Quiet Harbour", "2019"), ("Salt and Iron", "2021"), ("A Winter Letter", ""))
COLUMNS = ("film", "year", "critic", "outlet", "date", "verdict", "score", "text")


def review_rows(n: int, seed: int = 7) -> list[dict[str, str]]:
    """``n`` table rows of real critics' sentences over three films, some with a printed
    score, some with only a verdict; every 97th row has no text (a problem row), and every
    50th is a whole review naming cast and crew."""
    rng = random.Random(seed)
    snippets = [json.loads(line)["text"] for line in SNIPPETS.read_text().splitlines()]
    whole = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "films").iterdir())]
    rows = []
    for i in range(n):
        film, year = FILMS[i % len(FILMS)]
        text = " ".join(rng.sample(snippets, rng.choice((1, 1, 2))))
        text = whole[i // 50 % len(whole)] if i % 50 == 49 else text
        rows.append(
            {
                "film": film,
                "year": year,
                "critic": f"Critic {rng.randrange(300)}",
                "outlet": rng.choice(("The Paper", "Screen Notes", "")),
                "date": f"2023-0{rng.randrange(1, 10)}-1{rng.randrange(10)}",
                "verdict": rng.choice(("fresh", "rotten", "")),
                "score": rng.choice(("", "", f"{rng.randrange(1, 11)}/10", "B+")),
                "text": "" if i % 97 == 96 else text,
            }
        )
    return rows


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def write_parquet(path: Path, rows: list[dict[str, str]]) -> Path:
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=97)
    return path


def results(out: Path) -> pa.Table:
    return ds.dataset(out / "reviews").to_table()


@pytest.fixture(scope="module")
def table_rows() -> list[dict[str, str]]:
    return review_rows(2000)


@pytest.fixture(scope="module")
def local_run(tmp_path_factory, table_rows) -> tuple[Path, Path]:
    """The local engine over the CSV form of the rows: (input, output folder)."""
    folder = tmp_path_factory.mktemp("local")
    source = write_csv(folder / "reviews.csv", table_rows)
    run_batch(source, folder / "out", options=BatchOptions(chunk_size=250))
    return source, folder / "out"


@pytest.fixture(scope="module")
def small_run(tmp_path_factory) -> tuple[Path, Path]:
    """A shorter table, for the tests that run it again several ways."""
    folder = tmp_path_factory.mktemp("small")
    source = write_csv(folder / "reviews.csv", review_rows(300, seed=11))
    run_batch(source, folder / "out", options=BatchOptions(chunk_size=50))
    return source, folder / "out"


# ── reading rows as marquee add does ──────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "name", ["critics_usual.csv", "reviews.jsonl", "reviews_odd_keys.jsonl", "bad_rows.csv"]
)
def test_rows_become_the_documents_marquee_add_reads(name: str, tmp_path: Path) -> None:
    path = FIXTURES / "documents" / name
    if name == "bad_rows.csv":  # blank lines, a ragged row, a row without text
        path = tmp_path / name
        path.write_text(
            'text,critic\n"Fine, warm.",A\n\n"Dull.",B,extra\n,C\n"Sharp\nand kind.",D\n'
        )
    expected = read_path(path)
    source = open_table(path, columns={})
    shape = "csv" if source.format == "csv" else "jsonl"
    got = []
    for index, rows in enumerate(chunks(source.open_rows(), 2)):  # row numbers cross chunks
        chunk = Chunk(index, str(path), shape, source.encoding, rows, ChunkSettings())
        got.extend(documents_of(chunk))
    assert [d for d in got if not isinstance(d, str)] == list(expected.documents)
    problems = [p for p in got if isinstance(p, str)]
    assert [p.split(": ", 1)[1] for p in expected.problems] == problems


def test_column_mapping_as_in_add(tmp_path: Path) -> None:
    path = FIXTURES / "documents" / "critics_unusual.csv"
    columns = {"text": "Blurb", "critic": "By", "film": "Picture"}
    with pytest.raises(ParseError, match="no review-text column"):
        run_batch(path, tmp_path / "a")
    run_batch(path, tmp_path / "b", options=BatchOptions(columns=columns))
    expected = read_path(path, options=ReadOptions(columns=columns))
    got = results(tmp_path / "b")
    assert got.column("critic").to_pylist() == [
        parse_review(d).meta.critic for d in expected.documents
    ]


# ── results ───────────────────────────────────────────────────────────────────────────────


@pytest.fixture(scope="module")
def pipeline_reviews(local_run) -> list[Review]:
    """The same input through marquee add's reading and scoring, for comparison."""
    return infer_scores([parse_review(d) for d in read_path(local_run[0]).documents])


def test_every_row_once_in_order_with_problems_named(local_run, table_rows) -> None:
    got = results(local_run[1])
    assert got.column("row").to_pylist() == list(range(1, len(table_rows) + 1))
    rows, problems = got["row"].to_pylist(), got["problem"].to_pylist()
    named = {r: p for r, p in zip(rows, problems, strict=True) if p}
    assert named == {r: "no review text" for r in range(97, len(table_rows) + 1, 97)}


def test_each_review_as_the_add_pipeline_reads_and_scores_it(local_run, pipeline_reviews) -> None:
    got = results(local_run[1]).filter(pc.is_null(pc.field("problem")))
    assert got["source"].to_pylist() == [r.document.source for r in pipeline_reviews]
    assert got["critic"].to_pylist() == [r.meta.critic for r in pipeline_reviews]
    assert got["score"].to_pylist() == [r.score and r.score.value for r in pipeline_reviews]
    assert got["verdict"].to_pylist() == [r.verdict for r in pipeline_reviews]
    assert got["film"].to_pylist() == [
        film_slug(r.facts.title, r.facts.year) for r in pipeline_reviews
    ]
    assert sum(map(len, got["aspects"].to_pylist())) > 100


def test_opinions_per_review_as_the_opinions_stage_gives_them(local_run, pipeline_reviews) -> None:
    """Reviews are sent to the model in groups; each one's findings are still its own."""
    got = results(local_run[1]).filter(pc.is_null(pc.field("problem"))).slice(0, 60)
    assert got.num_rows == 60  # else the loop below compares nothing and cannot fail
    for row, review in zip(got.to_pylist(), pipeline_reviews, strict=False):
        (alone,) = opinions_for(
            [ReviewText(review.document.body, review.meta.spoilers)], review.facts
        )
        assert row["pull_quote"] == (alone.pull_quote.text if alone.pull_quote else None)
        assert [(a["aspect"], a["target"], a["polarity"]) for a in row["aspects"]] == [
            (a.aspect, a.target, a.polarity) for a in alone.aspects
        ]


def test_film_figures_are_aggregate_of_the_films_reviews(local_run, pipeline_reviews) -> None:
    by_film = defaultdict(list)
    for review in pipeline_reviews:
        by_film[film_slug(review.facts.title, review.facts.year)].append(review)
    figures = {f["film"]: f for f in pq.read_table(local_run[1] / "films.parquet").to_pylist()}
    assert (
        figures.keys() == by_film.keys() == {film_slug(t, int(y) if y else None) for t, y in FILMS}
    )
    for slug, reviews in by_film.items():
        expected = aggregate(reviews)
        got = figures[slug]
        assert (got["reviews"], got["scored"], got["inferred"]) == (
            expected.reviews,
            expected.scored,
            expected.inferred,
        )
        assert (got["fresh"], got["rotten"]) == (expected.fresh, expected.rotten)
        assert got["fresh_percent"] == expected.fresh_percent
        assert got["average"] == expected.average


def test_csv_jsonl_and_parquet_give_the_same_results(small_run, tmp_path) -> None:
    baseline = results(small_run[1]).drop_columns(["source"])
    rows = review_rows(300, seed=11)
    for write in (write_jsonl, write_parquet):
        source = write(tmp_path / f"reviews.{write.__name__}", rows)
        run_batch(source, tmp_path / write.__name__, options=BatchOptions(chunk_size=50))
        got = results(tmp_path / write.__name__).drop_columns(["source"])
        assert got.equals(baseline), write.__name__


def test_dask_gives_identical_results(local_run, tmp_path) -> None:
    """Same chunks, same function, another engine: the same bytes (two worker processes)."""
    source, local_out = local_run
    options = BatchOptions(chunk_size=250, engine="dask", workers=2)
    summary = run_batch(source, tmp_path / "dask", options=options)
    assert summary.chunks == 8 and summary.resumed == 0
    assert results(tmp_path / "dask").equals(results(local_out))
    films = [pq.read_table(o / "films.parquet") for o in (tmp_path / "dask", local_out)]
    assert films[0].equals(films[1])


def test_threads_of_one_dask_worker_give_identical_results(small_run, tmp_path) -> None:
    """Two chunks at once in one worker process, on two threads, read as one chunk at a time
    does (the model's memo and the per-sentence caches are shared between the threads)."""
    source, local_out = small_run
    options = BatchOptions(chunk_size=50, engine="dask", workers=1, threads=2)
    summary = run_batch(source, tmp_path / "threads", options=options)
    assert summary.chunks == 6 and summary.resumed == 0
    assert results(tmp_path / "threads").equals(results(local_out))
    with pytest.raises(MarqueeError, match="1 thread"):
        run_batch(source, tmp_path / "none", options=BatchOptions(engine="dask", threads=0))


def test_dask_scheduler_by_address_gives_identical_results(small_run, tmp_path) -> None:
    """`--scheduler tcp://…`: the path for a table that outgrows one machine, here to a
    cluster this test starts (one worker process) and the batch only knows by address."""
    from distributed import LocalCluster

    source, local_out = small_run
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://")
        options = BatchOptions(chunk_size=50, engine="dask", scheduler=address)
        summary = run_batch(source, tmp_path / "remote", options=options)
    assert summary.chunks == 6 and summary.resumed == 0
    assert results(tmp_path / "remote").equals(results(local_out))


@pytest.fixture(scope="module")
def quick_run(small_run, tmp_path_factory) -> Path:
    """``small_run``'s table with ``quick``: scores inferred by the n-gram views alone."""
    out = tmp_path_factory.mktemp("quick") / "out"
    summary = run_batch(small_run[0], out, options=BatchOptions(chunk_size=50, quick=True))
    assert summary.quick
    return out


def test_quick_changes_inferred_scores_alone(small_run, quick_run) -> None:
    """A printed score's row (and every critic's own verdict) is as without ``quick``; an
    inferred score is the n-gram views' reading, which the encoder changes on some rows."""
    source, full_out = small_run
    full, quick = (
        results(o).filter(pc.is_null(pc.field("problem"))) for o in (full_out, quick_run)
    )
    reviews = [parse_review(d) for d in read_path(source).documents]
    assert len(reviews) == full.num_rows == quick.num_rows
    for review, was, now in zip(reviews, full.to_pylist(), quick.to_pylist(), strict=True):
        if review.score is not None:
            assert now == was
        if review.stated_verdict is not None:
            assert now["verdict"] == was["verdict"] == review.stated_verdict
    unscored = [r.document.body for r in reviews if r.score is None and r.document.body.strip()]
    ngrams = [round(p.score, 1) for p in load_model().predict(unscored, encoder=False)]
    inferred = pc.invert(quick["score_explicit"])
    assert quick.filter(inferred)["score"].to_pylist() == ngrams
    assert full.filter(inferred)["score"].to_pylist() != ngrams


def test_dask_workers_score_quickly_too(small_run, quick_run, tmp_path) -> None:
    """Each Dask worker loads its own model: ``quick`` travels with the chunks."""
    options = BatchOptions(chunk_size=50, engine="dask", workers=1, quick=True)
    run_batch(small_run[0], tmp_path / "dask", options=options)
    assert results(tmp_path / "dask").equals(results(quick_run))


# ── resuming and refusing ─────────────────────────────────────────────────────────────────


class Stop(Exception):
    pass


def test_an_interrupted_run_resumes_where_it_stopped(small_run, tmp_path) -> None:
    source, uninterrupted = small_run
    seen: list[BatchProgress] = []

    def stop_after_three_chunks(p: BatchProgress) -> None:
        seen.append(p)
        if len(seen) == 3:
            raise Stop

    options = BatchOptions(chunk_size=50)
    with pytest.raises(Stop):
        run_batch(source, tmp_path / "out", options=options, progress=stop_after_three_chunks)
    assert len(list((tmp_path / "out" / "reviews").iterdir())) == 3
    assert not (tmp_path / "out" / "films.parquet").exists()
    summary = run_batch(source, tmp_path / "out", options=options)
    assert (summary.resumed, summary.chunks, summary.rows) == (3, 6, 300)
    assert results(tmp_path / "out").equals(results(uninterrupted))
    assert [p.rows for p in seen] == [50, 100, 150]
    assert 0 < seen[0].fraction < seen[1].fraction < seen[2].fraction < 1


def test_a_folder_of_another_run_is_refused(small_run) -> None:
    source, out = small_run
    with pytest.raises(StoreError, match="another run .*chunk_size"):
        run_batch(source, out, options=BatchOptions(chunk_size=100))
    with pytest.raises(StoreError, match="another run .*quick"):
        run_batch(source, out, options=BatchOptions(chunk_size=50, quick=True))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[{"text": "Fine."}]', "JSON array cannot be read in pieces"),
        ("# A review\n\nJust prose, **not** a table.\n", "not a review table"),
        ("critic,outlet\nA,B\n", "no review-text column"),
        ("", "is empty"),
    ],
)
def test_what_is_not_a_review_table_is_refused(tmp_path, content: str, message: str) -> None:
    path = tmp_path / "input.txt"
    path.write_text(content)
    with pytest.raises(ParseError, match=message):
        run_batch(path, tmp_path / "out")


# ── the command ───────────────────────────────────────────────────────────────────────────


def test_batch_command(tmp_path) -> None:
    source = write_csv(tmp_path / "few.csv", review_rows(120, seed=3))
    runner = CliRunner()
    result = runner.invoke(app, ["batch", str(source), "--out", str(tmp_path / "o"), "--json"])
    assert result.exit_code == 1  # row 97 has no text
    assert json.loads(result.stdout)["reviews"] == 119
    assert "could not be read" in result.stderr
    clean = write_csv(tmp_path / "clean.csv", review_rows(40, seed=3))
    result = runner.invoke(app, ["batch", str(clean), "--out", str(tmp_path / "c")])
    assert result.exit_code == 0, result.output
    assert "40 reviews of 3 films" in result.stderr
    result = runner.invoke(
        app, ["batch", str(clean), "--out", str(tmp_path / "d"), "--engine", "x"]
    )
    assert result.exit_code == 2


def test_batch_command_quick(tmp_path) -> None:
    """``batch --quick``: the summary, text and --json, says the run scored quickly."""
    clean = write_csv(tmp_path / "clean.csv", review_rows(40, seed=3))
    runner = CliRunner()
    for quick in (False, True):
        args = ["batch", str(clean), "--out", str(tmp_path / f"j{quick}"), "--json"]
        result = runner.invoke(app, args + ["--quick"] * quick)
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["quick"] is quick
    result = runner.invoke(app, ["batch", str(clean), "--out", str(tmp_path / "t"), "--quick"])
    assert result.exit_code == 0, result.output
    assert "--quick" in result.stderr


def test_finishing_reads_each_chunk_file_without_pyarrow_dataset(tmp_path: Path) -> None:
    """The film figures read each chunk back as the one Parquet file it is: read as a
    dataset (pq.read_table), it imported pyarrow.dataset and pyarrow.compute, about 230M
    instructions a run, and the figures are the same either way."""
    script = f"""
import sys
from pathlib import Path
import pyarrow as pa
from marquee.batch.results import ResultsFolder
from marquee.batch.work import RESULTS, ChunkResult
rows = [{{"row": 1, "problem": None, "film": "dune", "film_title": "Dune", "score": 80.0,
          "score_explicit": True, "verdict": "fresh", "p_fresh": 1.0}}]
with ResultsFolder(Path({str(tmp_path)!r}), {{}}) as folder:
    folder.save_chunk(ChunkResult(0, pa.Table.from_pylist(rows, schema=RESULTS), 1, 0), "d")
    figures = folder.finish().to_pylist()
print(figures[0]["film"], figures[0]["fresh"], "pyarrow.dataset" in sys.modules,
      "pyarrow.compute" in sys.modules)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["dune", "1", "False", "False"]


def test_dask_workers_running_other_code_are_refused() -> None:
    class Workers:  # what distributed.Client.run returns: each worker's answer by address
        def run(self, _function):
            return {"tcp://10.0.0.5:4000": report_key(), "tcp://10.0.0.6:4000": "0" * 32}

    with pytest.raises(MarqueeError, match="another version of marquee"):
        _check_same_code(Workers())


def test_results_do_not_depend_on_set_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Dask worker is a process with its own hash seed, so sets iterate in another
    order there than here. A review whose crew share a name (director Martin Scorsese,
    co-writer Mardik Martin) must read the same whichever order a name's forms come in."""
    text = (
        "Raging Bull, directed by Martin Scorsese and written by Paul Schrader and Mardik "
        "Martin, stars Robert De Niro as Jake La Motta. Martin Scorsese's direction is "
        "ferocious and unforgettable, and the screenplay is bleak but honest."
    )
    rows = (Row(1, {"film": "Raging Bull", "text": text}),)
    chunk = Chunk(0, "in.csv", "csv", "utf-8", rows, ChunkSettings())
    forms = film_people._name_forms
    tables = []
    for backwards in (False, True):
        film_people._people.cache_clear()
        monkeypatch.setattr(
            film_people, "_name_forms", lambda name, b=backwards: sorted(forms(name), reverse=b)
        )
        tables.append(score_chunk(chunk).table)
    film_people._people.cache_clear()
    assert tables[0].equals(tables[1])
    assert tables[0]["aspects"].to_pylist()[0][0]["aspect"] == "direction"


def test_a_chunk_reads_each_rows_bylines_once() -> None:
    """A chunk's rows are all labelled before any is parsed, and labelling and metadata
    each ask for a row's bylines: the second ask finds the first's answer kept, for a
    chunk of the default size."""
    size = BatchOptions().chunk_size
    assert size <= bylines.BYLINES_KEPT
    rows = tuple(
        Row(i, {"film": "Dune", "critic": f"Critic {i}", "text": f"Sand, number {i}, is grand."})
        for i in range(1, size + 1)
    )
    bylines._bylines.cache_clear()
    score_chunk(Chunk(0, "in.csv", "csv", "utf-8", rows, ChunkSettings(quick=True)))
    asked = bylines._bylines.cache_info()
    assert (asked.hits, asked.misses) == (size, size)


def test_the_local_engine_keeps_the_collector_off_what_lasts_the_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The modules a run imports live as long as it does: the collector is kept from
    walking them again during the first chunk, not only after it, and looks for cycles
    less often while chunks are scored (as it did before, once they are)."""
    frozen: list[int] = []
    thresholds: list[int] = []

    def scored(chunk: Chunk) -> str:
        frozen.append(gc.get_freeze_count())
        thresholds.append(gc.get_threshold()[0])
        return "done"

    monkeypatch.setattr(engines, "score_chunk", scored)
    before = gc.get_threshold()
    gc.unfreeze()
    try:
        assert list(engines.run_local([None, None])) == ["done", "done"]  # type: ignore[list-item]
    finally:
        gc.freeze()
    assert frozen[0] > 0
    assert thresholds == [engines.YOUNG_THRESHOLD] * 2
    assert gc.get_threshold() == before
