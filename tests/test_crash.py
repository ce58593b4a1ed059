"""kill -9 in the middle of ``marquee batch`` and ``marquee add``, then run them again: nothing
half-written is ever visible, the second run carries on, and every review ends up exactly
once.

Two of the kills land at the worst moment on purpose rather than by chance: the process
sends itself SIGKILL half-way through writing a chunk's file, or inside a chunk of reviews'
transaction after its rows are written and before the commit. Without the safeguards
(temporary name + rename; one transaction per chunk of reviews) the first leaves a truncated
Parquet file among the results and the second a document without its review, and these
tests fail. The third kills a batch from outside, wherever it happens to be.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyarrow.dataset as ds

from marquee.store import Store

ROWS, CHUNK = 240, 40
SNIPPETS = Path(__file__).parent / "fixtures" / "aspects_labelled.jsonl"


def review_table(path: Path, rows: int = ROWS) -> Path:
    snippets = [json.loads(line)["text"] for line in SNIPPETS.read_text().splitlines()]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["film", "critic", "text"])
        for i in range(rows):
            writer.writerow([f"Film {i % 4}", f"Critic {i}", snippets[i % len(snippets)]])
    return path


def marquee(*args: str, crash: str = "") -> subprocess.Popen[str]:
    """``marquee ARGS`` in a new process; ``crash`` is Python run first, to plant a kill."""
    code = f"{textwrap.dedent(crash)}\nfrom marquee.cli import app\napp()"
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=180)
    return proc.returncode, out, err


def visible_rows(out: Path) -> list[int]:
    """Row numbers in the result files a reader sees (pyarrow skips hidden temporaries)."""
    return (
        ds.dataset(out / "reviews", format="parquet").to_table(columns=["row"])["row"].to_pylist()
    )


def manifest_chunks(out: Path) -> int:
    try:
        return len(json.loads((out / "manifest.json").read_text())["chunks"])
    except (OSError, ValueError):
        return 0


# ── marquee batch ─────────────────────────────────────────────────────────────────────────

KILL_HALF_WAY_THROUGH_THIRD_FILE = """
    import os, signal
    import pyarrow.parquet as pq
    import marquee.batch.results as results

    real_write, written = pq.write_table, []

    def write_then_die(table, where, **kwargs):
        real_write(table, where, **kwargs)
        written.append(where)
        if len(written) == 3:  # the third chunk: cut its file in half, then kill -9
            os.truncate(where, os.path.getsize(where) // 2)
            os.kill(os.getpid(), signal.SIGKILL)

    results.pq.write_table = write_then_die
"""


def test_batch_killed_while_writing_a_chunk(tmp_path: Path) -> None:
    table, out = review_table(tmp_path / "in.csv"), tmp_path / "out"
    args = ("batch", str(table), "--out", str(out), "--chunk-size", str(CHUNK))
    code, _, _ = finish(marquee(*args, crash=KILL_HALF_WAY_THROUGH_THIRD_FILE))
    assert code == -signal.SIGKILL
    assert visible_rows(out) == list(range(1, 2 * CHUNK + 1))  # two whole chunks, no half
    assert manifest_chunks(out) == 2 and not (out / "films.parquet").exists()

    code, summary, err = finish(marquee(*args, "--json"))
    assert code == 0, err
    assert json.loads(summary)["resumed"] == 2
    assert visible_rows(out) == list(range(1, ROWS + 1))  # every row exactly once
    assert not list(out.rglob(".*.tmp"))


def test_batch_killed_from_outside_resumes(tmp_path: Path) -> None:
    table, out = review_table(tmp_path / "in.csv"), tmp_path / "out"
    args = ("batch", str(table), "--out", str(out), "--chunk-size", str(CHUNK))
    first = marquee(*args)
    deadline = time.monotonic() + 120
    while manifest_chunks(out) < 2 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    first.send_signal(signal.SIGKILL)
    first.communicate(timeout=60)
    done = manifest_chunks(out)
    assert 2 <= done < ROWS // CHUNK, "the kill came too late to test anything"
    assert visible_rows(out)[-1] >= done * CHUNK  # at least what the manifest says

    code, summary, err = finish(marquee(*args, "--json"))
    assert code == 0, err
    assert json.loads(summary)["resumed"] == done
    assert visible_rows(out) == list(range(1, ROWS + 1))


# ── marquee add ───────────────────────────────────────────────────────────────────────────

KILL_INSIDE_THIRD_CHUNK = """
    import os, signal
    import marquee.ingest
    from marquee.store import Transaction

    marquee.ingest.CHUNK = 2  # two reviews to a transaction: the fifth review is in the third

    real_add_review, calls = Transaction.add_review, []

    def add_review_then_die(self, *args, **kwargs):
        review_id = real_add_review(self, *args, **kwargs)  # document and review rows written
        calls.append(review_id)
        if len(calls) == 5:  # … and its chunk's transaction not yet committed
            os.kill(os.getpid(), signal.SIGKILL)
        return review_id

    Transaction.add_review = add_review_then_die
"""


def test_add_killed_inside_a_transaction(store_url: str, review_files) -> None:
    paths = review_files(12)
    args = ("--db", store_url, "--create", "add", str(paths[0].parent))
    code, _, _ = finish(marquee(*args, crash=KILL_INSIDE_THIRD_CHUNK))
    assert code == -signal.SIGKILL
    store = Store(store_url)
    try:
        counts = store.counts()
        assert counts["documents"] == counts["reviews"] == 4  # the third chunk wholly absent
        assert all(film.reviews > 0 for film in store.films())  # no film left empty
        code, _, err = finish(marquee(*args))
        assert code == 0, err
        counts = store.counts()
        assert counts["documents"] == counts["reviews"] == len(paths)
        films = store.films()
        assert sum(f.reviews for f in films) == len(paths)
        assert len({f.facts.title for f in films}) == len(films)
    finally:
        store.close()
