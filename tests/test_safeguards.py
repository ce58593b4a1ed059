"""The safeguards against hostile input, one by one and in-process (``test_hostile.py`` runs
each end to end through the ``marquee`` command)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console

from marquee.batch import BatchOptions, run_batch
from marquee.documents import ReadOptions, read_bytes, stream_bytes, tables
from marquee.documents.limits import MAX_DEPTH, TooDeep, load_json
from marquee.errors import ParseError, StoreMissing, TooLarge
from marquee.fetch import is_url
from marquee.fetch.client import _is_public
from marquee.films import film_slug
from marquee.films.unicode import normal_name
from marquee.ingest import Outcome, add_reviews, expand, read_reviews, stream_reviews
from marquee.records import Review
from marquee.report import render
from marquee.review import FilmHint, parse_review
from marquee.sanitize import strip_controls
from marquee.store import Store, shown_url

GOOD = b"---\nfilm: Dune\nyear: 2021\n---\n\nA vast, patient film with a fine lead.\n"


# ── limits on what is read ─────────────────────────────────────────────────────────────────


def test_json_nested_past_the_bound_is_malformed_not_a_recursion_error() -> None:
    assert load_json("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    for deep in ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "[" * 100_000 + "]" * 100_000):
        with pytest.raises(TooDeep, match="nested deeper than 64 levels"):
            load_json(deep)


def test_a_deep_jsonl_row_is_a_problem_line_and_the_other_rows_are_read() -> None:
    good = json.dumps({"film": "Dune", "text": "A vast film."})
    reading = read_bytes(f'{good}\n{"[" * 100_000}\n{good[:-1]}, "year": 2021}}\n'.encode(), "t")
    assert len(reading.documents) == 2
    assert reading.problems == ("t row 2: not valid JSON (nested deeper than 64 levels)",)


def test_front_matter_aliases_and_deep_nesting_are_refused() -> None:
    bomb = b"---\nfilm: x\na: &a [1, 2]\nb: [*a, *a]\n---\nA review.\n"
    with pytest.raises(ParseError, match=r"at line 4: aliases \(\*name\) are not read"):
        read_bytes(bomb, "bomb.md")
    deep = b"---\nfilm: x\na: " + b"[" * 5_000 + b"\n---\nA review.\n"
    with pytest.raises(ParseError, match="nested deeper than 64 levels"):
        read_bytes(deep, "deep.md")
    anchored = read_bytes(b"---\nfilm: &f Dune\nrating: 4/5\n---\nA review.\n", "ok.md")
    assert anchored.documents[0].meta["film"] == "Dune"  # an anchor alone is harmless


def test_a_malformed_json_ld_block_costs_only_itself(caplog: pytest.LogCaptureFixture) -> None:
    review = (
        '{"@type": "Review", "author": {"name": "Ada Lumen"}, "reviewRating": {"ratingValue": 4}}'
    )
    page = (
        '<html><head><script type="application/ld+json">{"@type": broken</script>'
        f'<script type="application/ld+json">{review}</script></head>'
        "<body><p>A vast, patient film with a fine lead performance.</p></body></html>"
    )
    meta = read_bytes(page.encode(), "p.html").documents[0].meta
    assert (meta["critic"], meta["score"]) == ("Ada Lumen", "4/5")
    assert not [r for r in caplog.records if r.levelname in ("WARNING", "ERROR")]


def test_a_table_past_the_row_cap_is_refused_whole() -> None:
    table = "film,text\n" + "Dune,A vast film.\n" * 30
    with pytest.raises(TooLarge, match=r"over 20 rows.*--max-rows raises it"):
        read_bytes(table.encode(), "t.csv", options=ReadOptions(max_rows=20))
    assert (
        len(read_bytes(table.encode(), "t.csv", options=ReadOptions(max_rows=30)).documents) == 30
    )


def test_a_table_past_the_row_cap_is_refused_before_any_row_is_handed_over() -> None:
    """Rows are built as the caller reads them, so the refusal must come first: from the
    call itself, before a single row could have been stored."""
    table = ("film,text\n" + "Dune,A vast film.\n" * 30).encode()
    with pytest.raises(TooLarge, match="over 20 rows"):
        stream_bytes(table, "t.csv", options=ReadOptions(max_rows=20))
    with pytest.raises(ParseError, match="a CSV table with no rows"):
        stream_bytes(b"film,text\n\n\n", "t.csv", options=ReadOptions(shape="csv"))


def test_json_lines_are_counted_against_the_cap_as_read_and_parsed_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A JSON Lines table is counted by its lines that are not blank, readable or not, as
    reading gives them (a bad line is a problem row), and each line is parsed once."""
    lines = ['{"film": "Dune", "text": "A vast film."}'] * 19 + ["{broken"]
    table = "\n\n".join(lines).encode()
    with pytest.raises(TooLarge, match="over 19 rows"):
        stream_bytes(table, "t.jsonl", options=ReadOptions(max_rows=19))
    parsed: list[str] = []

    def counting(text: str, **kwargs: bool) -> object:
        parsed.append(text)
        return load_json(text, **kwargs)

    monkeypatch.setattr(tables, "load_json", counting)
    reading = read_bytes(table, "t.jsonl", options=ReadOptions(max_rows=20))
    assert (len(reading.documents), len(reading.problems)) == (19, 1)
    assert len(parsed) == 2 + 20  # the first line, asked whether it opens an object over lines


def test_adding_a_table_past_the_row_cap_stores_none_of_it(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_text(
        "film,critic,text\n" + "".join(f"Dune,Critic {i},A vast film.\n" for i in range(30))
    )
    good = tmp_path / "good.md"
    good.write_bytes(GOOD)
    store = Store(f"sqlite:///{tmp_path / 'm.db'}", create=True)
    stream = stream_reviews([big, good], options=ReadOptions(max_rows=20), hint=FilmHint(), chunk=4)
    failures: list[Outcome] = []

    def reviews() -> Iterator[Review]:
        for read, failed in stream:
            failures.extend(failed)
            yield from read

    outcomes = list(add_reviews(store, reviews(), build_reports=False, chunk=4))
    assert [o.source for o in outcomes if o.status == "added"] == [str(good)]
    assert [(f.source, "over 20 rows" in (f.message or "")) for f in failures] == [(str(big), True)]
    assert [f.reviews for f in store.films()] == [1]
    store.close()


# ── control characters and markup ──────────────────────────────────────────────────────────


def test_escape_sequences_and_control_characters_are_stripped_whole() -> None:
    hostile = "Title\x1b]0;owned\x07\x1b[2J\x1b[31mred\x1b[0m\x9b1m\x00\x08 end\ttab\r\n"
    assert strip_controls(hostile) == "Titlered end\ttab\r\n"
    text = f"---\nfilm: Pwned\x1b]0;owned\x07\x1b[2J\n---\n\n{hostile}" + " Quite a film." * 400
    doc = read_bytes(text.replace("\x00", "").encode() + b"\x00 NUL past the sniffed start", "e.md")
    assert not any(c in doc.documents[0].raw for c in "\x1b\x07\x9b\x00")


def test_the_terminal_report_shows_markup_in_the_data_as_written() -> None:
    title = "Evil [/] [link=https://example.org]x[/link] [bold]"
    review = parse_review(read_bytes(GOOD.replace(b"Dune", title.encode()), "m.md").documents[0])
    from marquee.report import build_report, report_json

    data = report_json(build_report("evil", review.facts, [review]))
    console = Console(record=True, width=200, force_terminal=True)
    render(data, console)  # raised MarkupError on "[/]" before
    assert title in console.export_text()
    assert "\x1b]8;" not in console.export_text(styles=True)  # no hyperlink was made


# ── titles and names ───────────────────────────────────────────────────────────────────────


def test_lookalike_and_invisible_letters_are_read_before_slugging() -> None:
    assert normal_name("Ваllerina") == (
        "Ballerina",
        "'Ваllerina' mixes Cyrillic and Latin letters in one word; read as 'Ballerina'",
    )
    assert normal_name("Bal\u200blerina\u202e") == ("Ballerina", None)
    assert normal_name("ＤＵＮＥ") == ("DUNE", None)
    assert normal_name("Балерина") == ("Балерина", None)  # one script: a Russian title
    assert normal_name("8½") == ("8½", None)
    review = parse_review(
        read_bytes(GOOD.replace(b"Dune", "Ваllerina".encode()), "c.md").documents[0]
    )
    assert film_slug(review.facts.title or "", review.facts.year) == "ballerina-2021"
    assert any("Cyrillic" in w for w in review.document.warnings)


def test_the_confusables_tables_load_only_for_a_word_beyond_ascii() -> None:
    """ASCII titles and names never need the lookalike tables (~0.1 s to load), so a run of
    them does not load them; the first word beyond ASCII does, and is read as before."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from marquee.films.unicode import normal_name\n"
        "normal_name('Ballerina'); normal_name('Jean-Luc Godard')\n"
        "print('confusable_homoglyphs' in sys.modules)\n"
        "print(normal_name('\u0412\u0430llerina')[0], 'confusable_homoglyphs' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "Ballerina", "True"]


def test_the_film_hint_is_read_the_same_way() -> None:
    doc = read_bytes(b"A vast, patient film with a fine lead performance.", "h.txt").documents[0]
    review = parse_review(doc, hint=FilmHint(title="Du\u200bne\x1b[2J", year=2021))
    assert review.facts.title == "Dune"


# ── folders ────────────────────────────────────────────────────────────────────────────────


def test_a_folder_walk_keeps_links_inside_and_reports_links_out(tmp_path: Path) -> None:
    folder, outside = tmp_path / "reviews", tmp_path / "private"
    (folder / "sub").mkdir(parents=True)
    outside.mkdir()
    (folder / "a.md").write_bytes(GOOD)
    (outside / "diary.txt").write_text("private")
    (folder / "inside.md").symlink_to(folder / "a.md")
    (folder / "out.txt").symlink_to(outside / "diary.txt")
    (folder / "sub" / "away").symlink_to(outside, target_is_directory=True)
    (folder / "broken.txt").symlink_to(tmp_path / "gone")
    files, problems = expand([folder])
    assert files == [folder / "a.md", folder / "inside.md"]
    assert {Path(p.source).name: p.message for p in problems} == {
        "broken.txt": f"{folder / 'broken.txt'}: a broken link",
        "out.txt": f"{folder / 'out.txt'}: a link to outside the folder, not followed "
        "(--follow-symlinks adds it)",
        "away": f"{folder / 'sub' / 'away'}: a link to outside the folder, not followed "
        "(--follow-symlinks adds it)",
    }
    followed, _ = expand([folder], follow_symlinks=True)
    assert folder / "out.txt" in followed and folder / "sub" / "away" / "diary.txt" in followed


def test_a_link_loop_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "a.md").write_bytes(GOOD)
    (tmp_path / "r" / "loop").symlink_to(tmp_path / "r", target_is_directory=True)
    files, problems = expand([tmp_path / "r"], follow_symlinks=True)
    assert files == [tmp_path / "r" / "a.md"] and problems == []


def test_an_input_that_trips_a_bug_is_reported_on_its_own_line() -> None:
    """Not a MarqueeError (a path that is not a path): reported, the other input still read."""
    reviews, failures = read_reviews(
        [("good.md", GOOD), 42],  # type: ignore[list-item]
        options=ReadOptions(),
        hint=FilmHint(),
    )
    assert [r.facts.title for r in reviews] == ["Dune"]
    (failure,) = failures
    assert failure.source == "42" and "TypeError" in (failure.message or "")
    assert "this is a bug" in (failure.message or "") and "\n" not in (failure.message or "")


# ── web addresses ──────────────────────────────────────────────────────────────────────────


def test_a_malformed_web_address_is_still_a_web_address() -> None:
    assert is_url("http://[::1") and is_url("https://[bad")
    assert not is_url("http://") and not is_url("[::1")


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.215.14", True),
        ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata, link-local
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("::1", False),
        ("fe80::1%eth0", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),  # IPv4-mapped loopback
        ("224.0.0.1", False),
    ],
)
def test_only_public_addresses_are_public(address: str, public: bool) -> None:
    assert _is_public(address) is public


# ── stores ─────────────────────────────────────────────────────────────────────────────────


def test_a_store_that_is_not_there_is_made_only_on_purpose(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "folder" / "m.db"
    with pytest.raises(StoreMissing, match=r"its folder does not exist \(--create makes"):
        Store(f"sqlite:///{missing}", create=False)
    assert not missing.parent.exists()
    with pytest.raises(StoreMissing, match="the file does not exist"):
        Store(f"sqlite:///{tmp_path / 'm.db'}", create=False)
    Store(f"sqlite:///{missing}", create=True).close()
    Store(f"sqlite:///{missing}", create=False).close()  # there now
    Store("sqlite://", create=False).close()  # in memory: nothing to be missing


def test_passwords_are_masked_even_in_urls_that_do_not_parse() -> None:
    assert shown_url("postgresql://u:hunter2@db/m") == "postgresql://u:***@db/m"
    assert "hunter2" not in shown_url("postgresql://u:hunter2@[bad/m")


# ── batch resume ───────────────────────────────────────────────────────────────────────────


def test_batch_resume_scores_again_a_chunk_whose_rows_changed(tmp_path: Path) -> None:
    source = tmp_path / "r.csv"
    rows = [f"Film {i % 2},A fine film number {i:02d}.\n" for i in range(30)]
    source.write_text("film,text\n" + "".join(rows))
    options = BatchOptions(chunk_size=10)
    run_batch(source, tmp_path / "out", options=options)
    rows[15] = rows[15].replace("Film 1", "Film 7")  # same size, same first and last bytes
    source.write_text("film,text\n" + "".join(rows))
    summary = run_batch(source, tmp_path / "out", options=options)
    assert (summary.resumed, summary.chunks) == (2, 3)
    films = json.loads((tmp_path / "out" / "manifest.json").read_text())["chunks"]
    assert len({entry["digest"] for entry in films.values()}) == 3
    source.write_text("film,text\n" + "".join(rows[:12]))  # shorter: the last chunk goes
    summary = run_batch(source, tmp_path / "out", options=options)
    assert (summary.resumed, summary.chunks, summary.rows) == (1, 2, 12)
    assert sorted(os.listdir(tmp_path / "out" / "reviews")) == [
        "part-000000.parquet",
        "part-000001.parquet",
    ]
