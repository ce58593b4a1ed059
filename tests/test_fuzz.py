"""Property tests over every parser: whatever the input, marquee either reads it or refuses it
with one of its own errors (a :class:`~marquee.errors.MarqueeError` that names the input and
says why) — never another exception, and never a hang.

Inputs are generated in the shapes marquee reads — raw bytes, plain text, Markdown with YAML
front matter, HTML, CSV and JSON Lines rows, score expressions — from alphabets that favour
the characters each parser cares about (quotes, delimiters, markup, digits, stars, slashes).
Every document that can be read then goes through the rest of the reading stages (metadata,
explicit score, film facts, sentence splitting), which parse its text again.

A slow input fails the example (hypothesis ``deadline``); a true hang, stuck in C inside a
regular expression where no Python timeout can reach, ends the run with a traceback of where
it was (``faulthandler``), rather than blocking CI forever. bench/fuzz.py runs the same
targets under atheris for tens of thousands of inputs.
"""

from __future__ import annotations

import csv
import faulthandler
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marquee.batch.sources import open_table
from marquee.documents import ReadOptions, read_bytes
from marquee.errors import MarqueeError
from marquee.opinions import split_review
from marquee.records import Document
from marquee.review import parse_review
from marquee.scores import parse_score, read_score

HANG_S = 120
FUZZ = settings(
    max_examples=60,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Characters each grammar turns on, mixed into otherwise arbitrary text.
MARKUP = list("<>/=\"'&;#!-[]()*_`~|\\:{},\n\t\r ") + ["\x00", "\u2028", "\ufeff", "é", "★", "☆"]
WORDS = [
    "the",
    "film",
    "review",
    "by",
    "Rating",
    "Verdict",
    "stars",
    "out of",
    "10",
    "4/5",
    "B+",
    "***",
    "½",
    "directed",
    "starring",
    "as",
    "Dune",
    "(2021)",
    "---",
    "title:",
    "critic:",
    "<p>",
    "</p>",
    "<script>",
    '<meta property="og:title" content="x">',
    "**",
    "# ",
    "|",
]
texty = st.text(
    alphabet=st.one_of(st.characters(), st.sampled_from(MARKUP)), max_size=400
) | st.lists(st.sampled_from(WORDS) | st.text(max_size=8), max_size=60).map(" ".join)
yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | texty,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texty, inner, max_size=4),
    max_leaves=12,
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texty,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=12,
)
COLUMN_NAMES = ["text", "review", "critic", "score", "rating", "film", "title", "year", "date"]
column_names = st.sampled_from(COLUMN_NAMES) | st.text(max_size=12)


@pytest.fixture(autouse=True)
def hang_guard():
    """Dump every thread's stack and exit if one test runs for minutes: a hang, not a slow
    input (those fail their example at the deadline)."""
    faulthandler.dump_traceback_later(HANG_S, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


def read_all_the_way(data: bytes, name: str = "input", **options: object) -> None:
    """Read ``data`` and run every later reading stage on each document it yields."""
    try:
        reading = read_bytes(data, name, options=ReadOptions(**options))  # type: ignore[arg-type]
    except MarqueeError as err:
        assert str(err).startswith(name)  # says which input, then why
        return
    for problem in reading.problems:
        assert problem.startswith(name)
    for document in reading.documents:
        assert isinstance(document, Document) and document.blocks
        review = parse_review(document)
        if review.score is not None:
            assert 0 <= review.score.value <= 100
        split_review(document.body)


@FUZZ
@given(data=st.binary(max_size=2000), name=st.sampled_from(["x", "x.md", "x.html", "x.csv"]))
def test_any_bytes(data: bytes, name: str) -> None:
    read_all_the_way(data, name)


@FUZZ
@given(text=texty, shape=st.sampled_from([None, "text", "markdown", "html", "csv", "jsonl"]))
def test_any_text_in_any_shape(text: str, shape: str | None) -> None:
    read_all_the_way(text.encode("utf-8", "surrogatepass"), "x", shape=shape)


@FUZZ
@given(front=st.dictionaries(texty, yaml_values, max_size=8), raw=texty, body=texty)
def test_markdown_front_matter(front: dict, raw: str, body: str) -> None:
    """Well-formed YAML with odd values, and then anything at all between the fences."""
    dumped = yaml.safe_dump(front, allow_unicode=True)
    for block in (dumped, raw):
        read_all_the_way(f"---\n{block}\n---\n\n{body}".encode("utf-8", "surrogatepass"), "x.md")


@FUZZ
@given(
    tag=st.sampled_from(["p", "div", "script", "article", "meta", "h1", "a"]),
    attrs=texty,
    inner=texty,
    jsonld=json_values,
)
def test_html(tag: str, attrs: str, inner: str, jsonld: object) -> None:
    page = (
        f"<html><head><script type='application/ld+json'>{json.dumps(jsonld)}</script>"
        f"</head><body><{tag} {attrs}>{inner}</{tag}><p>{inner}</p></body></html>"
    )
    read_all_the_way(page.encode("utf-8", "surrogatepass"), "x.html")


@FUZZ
@given(
    header=st.lists(column_names, min_size=1, max_size=6),
    rows=st.lists(st.lists(texty, max_size=7), max_size=8),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
)
def test_csv_rows(header: list[str], rows: list[list[str]], delimiter: str) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    for record in (header, *rows):
        writer.writerow(record)
    read_all_the_way(out.getvalue().encode("utf-8", "surrogatepass"), "x.csv", shape="csv")


@FUZZ
@given(
    lines=st.lists(
        st.dictionaries(column_names, json_values, max_size=6) | json_values | texty, max_size=8
    )
)
def test_jsonl_rows(lines: list[object]) -> None:
    text = "\n".join(json.dumps(v) if not isinstance(v, str) else v for v in lines)
    read_all_the_way(text.encode("utf-8", "surrogatepass"), "x.jsonl", shape="jsonl")


@FUZZ
@given(
    text=texty | st.from_regex(r"[0-9½.]{1,4}\s*(/|out of|of)\s*[0-9]{1,3}|[A-F][+-]?|[*★☆]{0,6}")
)
def test_score_grammar(text: str) -> None:
    score = parse_score(text)
    if score is not None:
        assert 0 <= score.value <= 100
    document = Document("x", "text", text or ".", ())
    found = read_score(document)
    assert found is None or 0 <= found.value <= 100


@FUZZ
@given(
    content=st.binary(max_size=1500) | texty.map(lambda t: t.encode("utf-8", "surrogatepass")),
    name=st.sampled_from(["t.csv", "t.jsonl", "t.parquet", "t.txt"]),
)
def test_batch_tables(tmp_path: Path, content: bytes, name: str) -> None:
    """The batch reader's own framing: a table it can stream, or a one-line refusal."""
    path = tmp_path / name
    path.write_bytes(content)
    try:
        source = open_table(path, columns={})
    except MarqueeError as err:
        assert str(err).startswith(str(path))
        return
    rows = list(source.open_rows())
    assert [r.number for r in rows] == list(range(1, len(rows) + 1))
