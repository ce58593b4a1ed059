"""Shared fixtures: the databases the store tests run against, SQLite and PostgreSQL; and
the ``corpora`` marker, which skips a test that needs the labelled corpora (with the reason)
only on a machine that has none.

PostgreSQL is ``$MARQUEE_TEST_PG`` when set (``.ci/run`` starts a server and sets it), else a
throwaway server this session starts with ``.ci/postgres`` and stops at the end. Its tests are
skipped only when no server can be started, and then the summary says so in red.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from marquee.datasets import shared_data_dir

SNIPPETS = Path(__file__).parent / "fixtures" / "aspects_labelled.jsonl"
FILMS = (("The Quiet Harbour", 2019), ("Salt and Iron", 2021), ("A Winter Letter", 2016))
PG_ENV = "MARQUEE_TEST_PG"
PG_SCRIPT = Path(__file__).resolve().parent.parent / ".ci" / "postgres"
BACKENDS = ("sqlite", "postgresql")

_pg_missing: list[str] = []  # why PostgreSQL was not tested, for the terminal summary
_databases = itertools.count()


def _libpq(url: str) -> str:
    """A SQLAlchemy URL as the plain libpq URI psycopg connects with."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _reachable(url: str) -> str | None:
    """None if the server answers, else why not."""
    import psycopg

    try:
        psycopg.connect(_libpq(url), connect_timeout=5).close()
    except psycopg.Error as err:
        return str(err).strip().splitlines()[0]
    return None


def _start_server() -> tuple[str, Path]:
    folder = Path(tempfile.mkdtemp(prefix="marquee-pg-"))  # not under pytest's 0700 tmp root
    try:
        done = subprocess.run(
            [str(PG_SCRIPT), "start", str(folder)], capture_output=True, text=True, timeout=120
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"{PG_SCRIPT.name} could not run ({err})") from err
    if done.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        lines = (done.stderr or done.stdout).strip().splitlines() or ["no output"]
        raise RuntimeError(lines[-1])
    return done.stdout.strip(), folder


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server the tests may create databases on."""
    if url := os.environ.get(PG_ENV):
        if problem := _reachable(url):
            pytest.fail(f"{PG_ENV} is set but its server does not answer: {problem}")
        yield url
        return
    try:
        url, folder = _start_server()
    except RuntimeError as err:
        reason = f"PostgreSQL NOT TESTED: no server could be started ({err})"
        _pg_missing.append(reason)
        pytest.skip(reason)
    try:
        yield url
    finally:
        subprocess.run([str(PG_SCRIPT), "stop", str(folder)], capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


def _fresh_database(server: str) -> Iterator[str]:
    """A new, empty database on ``server`` for one test, dropped afterwards."""
    import psycopg

    name = f"marquee_test_{os.getpid()}_{next(_databases)}"
    with psycopg.connect(_libpq(server), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(_libpq(server), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty store's URL, once per backend: SQLite in a temp file, PostgreSQL in a new
    database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'm.db'}"
        return
    yield from _fresh_database(request.getfixturevalue("postgres_server"))


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """An empty PostgreSQL database's URL, for tests about PostgreSQL alone."""
    yield from _fresh_database(postgres_server)


def write_review_files(folder: Path, count: int) -> list[Path]:
    """``count`` short, distinct Markdown reviews spread over three films: front matter
    naming the film and a score, and two real critics' sentences as the body."""
    snippets = [json.loads(line)["text"] for line in SNIPPETS.read_text().splitlines()]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        title, year = FILMS[i % len(FILMS)]
        first, second = snippets[(2 * i) % len(snippets)], snippets[(2 * i + 1) % len(snippets)]
        path = folder / f"review_{i:03d}.md"
        path.write_text(
            f"---\nfilm: {title}\nyear: {year}\ncritic: Critic {i}\nrating: {i % 10 + 1}/10\n"
            f"---\n\n{first}\n\n{second}\n\nReview number {i}.\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


@pytest.fixture
def review_files(tmp_path: Path) -> Callable[[int], list[Path]]:
    """Make ``n`` distinct review files (see :func:`write_review_files`) under tmp_path."""
    return lambda n: write_review_files(tmp_path / "reviews", n)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for reason in dict.fromkeys(_pg_missing):
        terminalreporter.write_sep("!", reason, red=True, bold=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``corpora`` are skipped, saying why, when shared/data is not here."""
    data = shared_data_dir()
    if data.is_dir():
        return
    skip = pytest.mark.skip(reason=f"needs the labelled corpora: no {data} (set MARQUEE_DATA)")
    for item in items:
        if item.get_closest_marker("corpora"):
            item.add_marker(skip)
