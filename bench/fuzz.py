"""Fuzz every parser with atheris (coverage-guided libFuzzer): at least 10,000 documents.

Each generated input's first byte picks a target, the rest is its payload:

- any bytes, read with each shape forced or detected (text, Markdown, HTML, CSV, JSONL);
- Markdown with YAML front matter (payload split into front matter and body);
- an HTML page around the payload, with a JSON-LD block;
- CSV and JSON Lines tables built from the payload's lines;
- the score grammar (``parse_score`` and ``read_score``);
- the batch reader's framing (``marquee.batch.sources``) over the payload as a file.

Every document read then goes through the rest of the reading stages (metadata, explicit
score, film facts, sentence splitting). An input passes when it yields documents or raises a
:class:`~marquee.errors.MarqueeError`; anything else is a crash, saved under
``bench/fuzz-crashes/`` with its traceback, and fuzzing carries on so the count is complete.
libFuzzer's own ``-timeout`` turns a hang into a reported failure. The bundled samples and
test fixtures seed the corpus.

    .venv/bin/python bench/fuzz.py [--runs 12000] [--seed 1]

Without atheris (it ships wheels for Linux x86-64 only) the same targets are fed random
bytes from hypothesis instead, without coverage guidance, and the report says so.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CRASHES = ROOT / "bench" / "fuzz-crashes"
SEEDS = [ROOT / "examples" / "ballerina", ROOT / "tests" / "fixtures" / "documents"]
SHAPES = (None, "text", "markdown", "html", "csv", "jsonl")

try:
    import atheris
except ImportError:  # no wheel for this platform
    atheris = None

if atheris is not None:
    with atheris.instrument_imports(include=["marquee"]):
        from marquee.batch.sources import open_table
        from marquee.documents import ReadOptions, read_bytes
        from marquee.errors import MarqueeError
        from marquee.opinions import split_review
        from marquee.records import Document
        from marquee.review import parse_review
        from marquee.scores import parse_score, read_score
else:
    from marquee.batch.sources import open_table
    from marquee.documents import ReadOptions, read_bytes
    from marquee.errors import MarqueeError
    from marquee.opinions import split_review
    from marquee.records import Document
    from marquee.review import parse_review
    from marquee.scores import parse_score, read_score


def read_everything(data: bytes, name: str, shape: str | None = None) -> None:
    """Read, then run every later reading stage on each document."""
    try:
        reading = read_bytes(data, name, options=ReadOptions(shape=shape))  # type: ignore[arg-type]
    except MarqueeError:
        return
    for document in reading.documents:
        review = parse_review(document)
        assert review.score is None or 0 <= review.score.value <= 100, review.score
        split_review(document.body)


def _text(payload: bytes) -> str:
    return payload.decode("utf-8", "replace")


def front_matter(payload: bytes) -> None:
    head, _, body = _text(payload).partition("\n\n")
    read_everything(f"---\n{head}\n---\n\n{body}".encode(), "fuzz.md")


def html_page(payload: bytes) -> None:
    ld, _, body = _text(payload).partition("\n")
    page = (
        f'<html><head><script type="application/ld+json">{ld}</script></head>'
        f"<body><article>{body}</article></body></html>"
    )
    read_everything(page.encode(), "fuzz.html")


def csv_table(payload: bytes) -> None:
    read_everything(b"text,critic,score,film\n" + payload, "fuzz.csv", "csv")


def jsonl_table(payload: bytes) -> None:
    read_everything(payload, "fuzz.jsonl", "jsonl")


def score_grammar(payload: bytes) -> None:
    text = _text(payload)
    for score in (parse_score(text), read_score(Document("fuzz", "text", text or ".", ()))):
        assert score is None or 0 <= score.value <= 100, score


def batch_table(payload: bytes) -> None:
    suffix = (".csv", ".jsonl", ".parquet", ".txt")[payload[0] % 4] if payload else ".csv"
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        handle.write(payload[1:])
        handle.flush()
        try:
            source = open_table(Path(handle.name), columns={})
        except MarqueeError:
            return
        rows = [row.number for row in source.open_rows()]
        assert rows == list(range(1, len(rows) + 1)), rows


TARGETS: list[tuple[str, Callable[[bytes], None]]] = [
    *(
        (f"bytes as {shape or 'detected'}", lambda p, s=shape: read_everything(p, "fuzz", s))
        for shape in SHAPES
    ),
    ("front matter", front_matter),
    ("html page", html_page),
    ("csv table", csv_table),
    ("jsonl table", jsonl_table),
    ("score grammar", score_grammar),
    ("batch table", batch_table),
]


class Run:
    """Counts inputs per target and keeps every crash, so one crash does not end the run."""

    def __init__(self, runs: int, fuzzer: str) -> None:
        self.runs, self.fuzzer = runs, fuzzer
        self.done: Counter[str] = Counter()
        self.crashes: list[tuple[str, str, Path]] = []
        self.started = time.perf_counter()

    def one_input(self, data: bytes) -> None:
        name, target = TARGETS[data[0] % len(TARGETS)] if data else TARGETS[0]
        try:
            target(data[1:])
        except MarqueeError:
            pass
        except Exception as err:  # a crash: keep it and go on
            self._keep(name, data, err)
        self.done[name] += 1
        if sum(self.done.values()) >= self.runs:
            self.report()
            os._exit(1 if self.crashes else 0)

    def _keep(self, name: str, data: bytes, err: Exception) -> None:
        CRASHES.mkdir(exist_ok=True)
        path = CRASHES / f"crash-{hashlib.sha1(data).hexdigest()[:12]}"
        path.write_bytes(data)
        path.with_suffix(".txt").write_text(f"{name}\n{traceback.format_exc()}")
        self.crashes.append((name, f"{type(err).__name__}: {err}"[:200], path))

    def report(self) -> None:
        total, took = sum(self.done.values()), time.perf_counter() - self.started
        print(f"\nfuzzer: {self.fuzzer}")
        print(
            f"documents: {total:,} in {took:.0f} s ({total / took:,.0f}/s); crashes: "
            f"{len(self.crashes)}"
        )
        for name, count in sorted(self.done.items()):
            print(f"  {name:<22} {count:>7,}")
        for name, message, path in self.crashes:
            print(f"CRASH in {name}: {message}  ({path})")


def seed_corpus(folder: Path) -> None:
    """Each sample and fixture document as an input for every target."""
    for index, path in enumerate(p for d in SEEDS for p in sorted(d.iterdir()) if p.is_file()):
        data = path.read_bytes()[:20_000]
        for target in range(len(TARGETS)):
            (folder / f"seed-{index}-{target}").write_bytes(bytes([target]) + data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=12_000, help="documents to generate")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if atheris is None:
        run_with_hypothesis(args.runs, args.seed)
        return
    run = Run(args.runs, "atheris (libFuzzer, coverage-guided), seeded with the samples")
    with tempfile.TemporaryDirectory() as corpus:
        seed_corpus(Path(corpus))
        flags = [f"-seed={args.seed}", "-timeout=30", "-rss_limit_mb=4096", "-max_len=8192"]
        atheris.Setup([sys.argv[0], *flags, corpus], run.one_input)
        atheris.Fuzz()


def run_with_hypothesis(runs: int, seed: int) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as hypothesis_seed
    from hypothesis import strategies as st

    run = Run(runs, "hypothesis random bytes (atheris not installed: no coverage guidance)")

    @hypothesis_seed(seed)
    @settings(
        max_examples=runs, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(st.binary(min_size=1, max_size=4096))
    def fuzz(data: bytes) -> None:
        run.one_input(data)

    fuzz()
    run.report()


if __name__ == "__main__":
    main()
