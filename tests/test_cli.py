"""End to end through the `marquee` command: add the samples, report the film."""

from __future__ import annotations

import ast
import csv
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from marquee.cli import app

SAMPLES = Path(__file__).parent.parent / "examples" / "ballerina"
FIXTURES = Path(__file__).parent / "fixtures"

runner = CliRunner()


def run(db: str, *args: str, input: str | bytes | None = None):
    return runner.invoke(app, ["--db", db, "--create", *args], input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'm.db'}"
    result = run(url, "add", str(SAMPLES))
    assert result.exit_code == 0, result.output
    return url


@pytest.fixture(scope="module")
def ballerina(db: str) -> dict:
    result = run(db, "report", "ballerina", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def by_source(report: dict, prefix: str) -> dict:
    (review,) = [r for r in report["reviews"] if Path(r["source"]).name.startswith(prefix)]
    return review


def test_all_five_samples_filed_under_one_film(db: str, ballerina: dict) -> None:
    films = json.loads(run(db, "films", "--json").stdout)
    assert [f["slug"] for f in films] == ["ballerina-2025"]
    assert len(ballerina["reviews"]) == 5


def test_film_title_alias_year(ballerina: dict) -> None:
    film = ballerina["film"]
    assert film["title"] == "Ballerina"
    assert "From the World of John Wick: Ballerina" in film["aliases"]
    assert film["year"] == 2025


def test_every_credit_in_its_role(ballerina: dict) -> None:
    credits = ballerina["film"]["credits"]
    assert credits["director"] == ["Len Wiseman"]
    assert credits["writer"] == ["Shay Hatten"]
    assert credits["producer"] == ["Basil Iwanyk", "Erica Lee", "Chad Stahelski"]
    assert credits["cinematographer"] == ["Romain Lacourbas"]
    assert credits["editor"] == ["Nicholas Lundgren", "Jason Ballantine", "Julian Clarke"]
    assert credits["composer"] == ["Tyler Bates", "Joel J. Richard"]


def test_every_stated_actor_role_pair(ballerina: dict) -> None:
    cast = {(c["actor"], (c["role"] or "").casefold()) for c in ballerina["film"]["cast"]}
    expected = {
        ("Ana de Armas", "eve macarro"),
        ("Anjelica Huston", "the director"),
        ("Gabriel Byrne", "the chancellor"),
        ("Lance Reddick", "charon"),
        ("Norman Reedus", "daniel pine"),
        ("Catalina Sandino Moreno", "lena"),
        ("Ian McShane", "winston scott"),
        ("Keanu Reeves", "john wick"),
    }
    assert expected <= cast
    assert any(actor == "Victoria Comte" and "eve" in role for actor, role in cast)
    actors = [c["actor"] for c in ballerina["film"]["cast"]]
    assert sorted(actors) == sorted({a for a, _ in expected} | {"Victoria Comte"})


def test_critics_who_sign(ballerina: dict) -> None:
    assert by_source(ballerina, "001")["critic"] == "Kat Hughes"
    assert by_source(ballerina, "003")["critic"] == "Chia Jing Heng"
    assert by_source(ballerina, "004")["critic"] == "Nadia Arain"
    assert by_source(ballerina, "002")["critic"] is None  # only quotes others


def test_explicit_scores(ballerina: dict) -> None:
    kat = by_source(ballerina, "001")["score"]
    assert (kat["raw"], kat["value"], kat["explicit"]) == ("2", 40.0, True)
    chia = by_source(ballerina, "003")
    assert chia["score"]["value"] == 70.0 and chia["score"]["explicit"]
    subs = chia["subscores"]
    assert len(subs) == 8
    assert sum(s["value"] for s in subs) == pytest.approx(7.0)
    assert sum(s["max"] for s in subs) == pytest.approx(10.0)
    assert chia["subscores_sum_ok"] is True
    assert by_source(ballerina, "001")["verdict"] == "rotten"
    assert chia["verdict"] == "fresh"


def test_spoiler_warning(ballerina: dict) -> None:
    assert by_source(ballerina, "000")["spoilers"] is True
    assert not any(by_source(ballerina, p)["spoilers"] for p in ("001", "002", "003", "004"))


CHROME = [
    "Connect with us",
    "Also check out",
    "Leave a Reply",
    "Advertisement",
    "Latest Posts",
    "More in Film Reviews",
    "Sign up to my newsletter",
    "Let me know in the comments",
    "Photo Credit",
    "Feature Image Credit",
    "![",
    "<iframe",
    "<figure",
    "Watch the Ballerina (2025) Clips",
    "Sister Midnight (2024) | Film Review",
]


def test_no_chrome_in_any_body(ballerina: dict) -> None:
    for review in ballerina["reviews"]:
        for line in CHROME:
            assert line not in review["body"], (review["source"], line)
        assert len(review["body"]) > 1500  # the review itself is all there


def test_aggregate_over_scored_reviews(ballerina: dict) -> None:
    agg = ballerina["aggregate"]
    assert agg["reviews"] == 5
    assert agg["scored"] >= 2
    assert agg["fresh"] + agg["rotten"] == agg["scored"]


def test_terminal_report_shows_the_facts(db: str) -> None:
    result = run(db, "report", "Ballerina")
    assert result.exit_code == 0
    for text in ("Ballerina", "2025", "Len Wiseman", "Kat Hughes", "fresh"):
        assert text in result.stdout


def test_readding_is_a_no_op(db: str) -> None:
    result = run(db, "add", "--json", str(SAMPLES))
    assert result.exit_code == 0
    assert {o["status"] for o in json.loads(result.stdout)} == {"duplicate"}
    assert len(json.loads(run(db, "report", "ballerina", "--json").stdout)["reviews"]) == 5


def test_batch_keeps_going_past_bad_files(tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text((SAMPLES / "003_87892659af28d0ec.txt").read_text())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "broken.md").write_text(
        "---\ntitle: [unclosed\nrating: 7/10\n---\nA review body here.\n"
    )
    db = f"sqlite:///{tmp_path / 'm.db'}"
    result = run(db, "add", "--json", str(tmp_path))
    assert result.exit_code == 1
    listed = json.loads(result.stdout)
    # written an outcome at a time, as one indented JSON list would print
    assert result.stdout == json.dumps(listed, ensure_ascii=False, indent=2) + "\n"
    outcomes = {Path(o["source"]).name: o for o in listed}
    assert outcomes["good.md"]["status"] == "added"
    for bad in ("empty.txt", "image.txt", "broken.md"):
        assert outcomes[bad]["status"] == "error"
        assert outcomes[bad]["message"] and "\n" not in outcomes[bad]["message"]


def test_missing_path_is_one_line_error(tmp_path: Path) -> None:
    result = run(f"sqlite:///{tmp_path / 'm.db'}", "add", str(tmp_path / "nope.txt"))
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_stdin_and_film_hint(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'm.db'}"
    text = "A slow, handsome film that never finds its pulse. The leads try hard.\n\nRating: 2/5\n"
    result = run(db, "add", "-", "--film", "Quiet Harbour", "--year", "2023", input=text)
    assert result.exit_code == 0, result.output
    report = json.loads(run(db, "report", "quiet harbour", "--json").stdout)
    assert report["film"]["year"] == 2023
    assert report["reviews"][0]["score"]["value"] == 40.0


def test_unknown_film_is_a_clear_error(db: str) -> None:
    result = run(db, "report", "Oppenheimer")
    assert result.exit_code == 1
    assert "no film matches" in result.output


def test_text_from_the_data_keeps_its_emoji_codes(db: str) -> None:
    """What a user typed (or a review holds) is printed as written: ``:smile:`` is not
    turned into an emoji by Rich."""
    result = run(db, "report", "no :smile: such film")
    assert result.exit_code == 1 and "'no :smile: such film'" in result.output


def test_help_teaches() -> None:
    result = runner.invoke(app, ["add", "--help"])
    assert result.exit_code == 0
    assert "Examples" in result.stdout and "--film" in result.stdout


def test_samples_verdicts_explicit_kept_inferred_marked(ballerina: dict) -> None:
    verdicts = {Path(r["source"]).name[:3]: r["verdict"] for r in ballerina["reviews"]}
    assert verdicts == {
        "000": "rotten",
        "001": "rotten",
        "002": "fresh",
        "003": "fresh",
        "004": "fresh",
    }
    explicit = {Path(r["source"]).name[:3]: r["score"]["explicit"] for r in ballerina["reviews"]}
    assert explicit == {"000": False, "001": True, "002": False, "003": True, "004": False}
    for r in ballerina["reviews"]:
        if not r["score"]["explicit"]:
            assert r["score"]["raw"] == "inferred" and 0 <= r["score"]["p_fresh"] <= 1
    agg = ballerina["aggregate"]
    assert agg["inferred"] == 3 and agg["scored"] == 5
    low, high = agg["fresh_percent_band"]
    assert low <= agg["fresh_percent"] <= high


def test_terminal_report_gives_pull_quotes_room_and_credits_round_ups(db: str) -> None:
    """Pull-quotes get the page's width, not a table cell beside five columns; a quoted
    critic points at the review (by its number) that quotes it."""
    report = json.loads(run(db, "report", "ballerina", "--json").stdout)
    numbers = {r["source"]: n for n, r in enumerate(report["reviews"], start=1)}
    result = run(db, "report", "ballerina")
    first_words = " ".join(by_source(report, "001")["pull_quote"]["text"].split()[:5])
    assert first_words in result.stdout
    assert f"review {numbers[by_source(report, '002')['source']]}" in result.stdout


def test_a_score_just_under_the_fresh_line_never_shows_as_sixty() -> None:
    from marquee.aggregate import shown

    assert [shown(v) for v in (59.4, 59.6, 60.0, 60.4, 80.7, 87.5)] == [59, 59, 60, 60, 80, 88]


def test_terminal_report_marks_inferred_scores(db: str) -> None:
    result = run(db, "report", "ballerina")
    assert "(inferred)" in result.stdout
    assert "2 from printed scores, 3 inferred from the words" in result.stdout


def test_help_names_the_row_cap_reading_uses() -> None:
    """`add --help` states the default row cap without importing the reader to ask it."""
    from typer.testing import CliRunner

    from marquee.cli import app
    from marquee.documents import ReadOptions

    result = CliRunner().invoke(app, ["add", "--help"], env={"COLUMNS": "200"})
    assert f"default: {ReadOptions().max_rows:,}" in result.output


def _loaded_after(args: list[str], watched: tuple[str, ...]) -> tuple[str, list[str]]:
    """Run ``marquee ARGS`` in a fresh interpreter, as the console script does: its stdout,
    and which of ``watched`` it imported."""
    import subprocess
    import sys

    code = (
        "import sys; from marquee.cli import main\n"
        "try: main(sys.argv[2:])\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in sys.argv[1].split(',') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, ",".join(watched), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    *out, loaded = done.stdout.strip().splitlines()
    return "\n".join(out), ast.literal_eval(loaded)


def test_help_and_films_import_nothing_heavy(tmp_path, db: str) -> None:
    """`marquee --help` and `marquee films` start without the HTML extractor, the model or
    scikit-learn, nor the progress bars only `add` and `batch` draw; `films` on a SQLite
    store reads it without SQLAlchemy (plain sqlite3), on an empty store and on one with
    films alike, and without the modules of the other commands; as JSON or CSV, without
    Rich. Help loads neither markdown-it nor Pygments (:mod:`marquee.cli._help`), the
    record classes nor :mod:`statistics`; `films` neither those nor the help renderer's
    loader."""
    heavy = ("trafilatura", "sklearn", "marquee.model", "extruct", "sqlalchemy", "rich.progress")
    new = f"sqlite:///{tmp_path / 's.db'}"
    renderer = ("markdown_it", "pygments", "rich.markdown", "rich.traceback")
    unread = ("marquee.records", "statistics")  # help reads no review, computes no figure
    for asked in (["--help"], ["-h"], [], ["films", "--help"]):
        assert _loaded_after(asked, heavy + renderer + unread)[1] == [], asked
    others = ("marquee.cli.adding", "marquee.cli.correcting", "marquee.cli.running")
    help_out, loaded = _loaded_after(["--help"], others)
    assert loaded == list(others) and "batch" in help_out  # help lists every command
    heavy += others
    assert _loaded_after(["--db", new, "--create", "films"], heavy)[1] == ["sqlalchemy"]
    unused = ("statistics", "csv", "marquee.cli._help", "marquee.records")  # a list: no review
    assert _loaded_after(["--db", new, "films"], heavy + unused)[1] == []  # made: no creating
    for printed in ("--json", "--csv"):  # no table drawn: Rich is not loaded either
        listed, loaded = _loaded_after(["--db", db, "films", printed], (*heavy, "rich"))
        assert loaded == [] and "ballerina-2025" in listed, printed


def test_every_command_is_registered_by_the_module_main_names() -> None:
    """The console script registers only the modules its arguments name
    (:data:`marquee.cli.COMMANDS`): a command missing there would be "No such command"."""
    from marquee.cli import COMMANDS, app

    registered = {
        command.name or command.callback.__name__: command.callback.__module__
        for command in app.registered_commands
        if command.callback is not None
    }
    assert registered == {name: f"marquee.cli.{module}" for name, module in COMMANDS.items()}


def test_adding_a_table_or_text_imports_no_html_stack(tmp_path) -> None:
    """A CSV or a plain-text review is read without trafilatura, extruct (bs4, mf2py),
    markdown-it, lxml or PyYAML, and added without httpx: those load only when an HTML or
    Markdown document is read, or a page fetched. A table's rows are film reviews one film
    each, so it loads neither the page-kind patterns nor the round-up readers; a text does."""
    html_stack = ("trafilatura", "extruct", "bs4", "mf2py", "markdown_it", "lxml", "yaml", "httpx")
    page_readers = ("marquee.documents.kind", "marquee.roundups.split")
    table = tmp_path / "quotes.csv"
    table.write_text(
        "film,critic,quote\nHeat,A. Critic,A taut and thrilling heist film.\n"
        "Heat,B. Critic,Overlong but gripping crime drama.\n"
    )
    text = Path(__file__).parents[1] / "examples/ballerina/004_66e3958d677d78f6.txt"  # plain
    store = f"sqlite:///{tmp_path / 's.db'}"
    for added, expected in ((table, []), (text, list(page_readers))):
        out, loaded = _loaded_after(
            ["--db", store, "--create", "add", str(added)], html_stack + page_readers
        )
        assert out.startswith("added") and loaded == expected


def test_the_add_paths_modules_are_frozen_for_the_collector() -> None:
    """What ``add`` imports is made with the collector off, then frozen (never walked again
    by it); the collector is on again after, unless it was off before."""
    import gc

    from marquee.cli.adding import _kept_for_good

    was, before = gc.isenabled(), gc.get_freeze_count()
    try:
        gc.enable()
        with _kept_for_good():
            assert not gc.isenabled()
            made = [[index] for index in range(1000)]
        assert gc.isenabled() and gc.get_freeze_count() >= before + len(made)
        gc.disable()
        with _kept_for_good():
            pass
        assert not gc.isenabled()
    finally:
        gc.unfreeze()
        if was:
            gc.enable()


def test_cached_report_imports_no_model(db: str, ballerina: dict) -> None:
    """`marquee report FILM --json` on a report `add` built and cached reads it back without
    the model, NumPy, the report stages, SQLAlchemy or Rich: the same JSON, from the store
    alone. Given the film's slug it does not load the fuzzy search either; given its title
    it folds names but loads neither the store-wide search, the films' readers nor the
    name patterns (the ``regex`` module)."""
    heavy = ("numpy", "marquee.model.predict", "marquee.report", "marquee.opinions", "sklearn")
    heavy += ("sqlalchemy", "marquee.browse.search", "marquee.films.merge", "rich", "regex")
    lookup = ("marquee.browse", "rapidfuzz")
    for name, lazy in (("Ballerina", list(lookup)), ("ballerina-2025", [])):
        report, loaded = _loaded_after(["--db", db, "report", name, "--json"], heavy + lookup)
        assert loaded == lazy, name
        assert json.loads(report) == ballerina


def test_column_mapping_errors_name_the_flag_and_the_choices(tmp_path: Path) -> None:
    """An unknown FIELD lists the fields; a missing COLUMN or text column names the flag
    that fixes it and the table's own columns."""
    from typer.testing import CliRunner

    from marquee.cli import app

    table = tmp_path / "t.csv"
    table.write_text("blurb,who\nA fine film.,Ann\n")
    db = ["--db", f"sqlite:///{tmp_path / 's.db'}", "--create"]
    runner = CliRunner()
    unknown = runner.invoke(app, [*db, "add", str(table), "--column", "texte=blurb"])
    assert unknown.exit_code == 2 and "fields are text, critic" in unknown.output
    missing = runner.invoke(app, [*db, "add", str(table), "--column", "text=body"])
    assert missing.exit_code == 1 and "--column text=COLUMN" in missing.output
    assert "blurb, who" in missing.output
    unmapped = runner.invoke(app, [*db, "add", str(table)])
    assert unmapped.exit_code == 1 and "--column text=COLUMN" in unmapped.output
    mapped = runner.invoke(app, [*db, "add", str(table), "--column", "text=blurb"])
    assert mapped.exit_code == 0, mapped.output


def test_help_prose_wraps_at_the_terminal_width() -> None:
    """A command's prose reaches --help a paragraph to a line, for Rich to wrap at the
    terminal's width (the docstring's own line breaks left a ragged half-line on every
    line of an 80-column terminal); its examples keep their lines."""
    from typer.testing import CliRunner

    from marquee.cli import app

    result = CliRunner().invoke(app, ["add", "--help"], env={"COLUMNS": "200"})
    assert "pasted as text), Markdown with front matter, HTML" in result.output
    examples = [line for line in result.output.splitlines() if "marquee add" in line]
    assert len(examples) >= 4 and all("every file under" not in e for e in examples[1:])


def test_every_commands_examples_stay_indented_in_help() -> None:
    """Typer dedents everything after a command's first paragraph by its common margin, so
    a help holding nothing but a summary and indented examples lost the indent that sets
    the examples apart from prose; every command's examples must keep it."""
    from typer.testing import CliRunner

    from marquee.cli import COMMANDS, app

    for command in sorted(set(COMMANDS)):
        result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"})
        examples = [line for line in result.output.splitlines() if "  marquee " in line]
        for line in result.output.splitlines():
            if line.lstrip().startswith("marquee ") and "Usage" not in line:
                assert line in examples, f"{command}: {line.strip()!r} lost its indent"


def test_help_renderer_reads_the_same_and_still_renders_markdown_and_tracebacks() -> None:
    """:mod:`marquee.cli._help`: Typer's help renderer imported with Rich's Markdown
    and Traceback put off renders help byte for byte as when they were imported first, and
    its Markdown help and tracebacks still make the real Rich objects. This pins the Typer
    internals the stand-ins rely on: it fails if a Typer release uses them otherwise."""
    import os
    import subprocess
    import sys

    from marquee.cli import HELP_OPTIONS
    from marquee.cli._app import app as bare

    assert list(HELP_OPTIONS) == bare.info.context_settings["help_option_names"]
    code = (
        "import sys\n"
        "if sys.argv[1] == 'eager': import rich.markdown, rich.traceback\n"
        "from marquee.cli import main\n"
        "try: main(sys.argv[2:])\n"
        "except SystemExit: pass\n"
        "import typer.rich_utils as r, rich.markdown, rich.traceback\n"
        "md = r._make_rich_text(text='**bold**', markup_mode='markdown')\n"
        "try: 1 / 0\n"
        "except ZeroDivisionError as e: tb = r.get_traceback(e, r.DeveloperExceptionConfig(), [])\n"
        "assert type(md) is rich.markdown.Markdown and type(tb) is rich.traceback.Traceback\n"
        "assert isinstance(md, r.Markdown) and r.Traceback.from_exception is not None\n"
    )
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm", "FORCE_COLOR": "1"}
    for asked in (["--help"], ["report", "-h"]):
        shown = {
            way: subprocess.run(
                [sys.executable, "-c", code, way, *asked],
                capture_output=True,
                text=True,
                check=True,
                env=env,
            ).stdout
            for way in ("eager", "deferred")
        }
        assert shown["eager"] == shown["deferred"] and "Usage" in shown["eager"], asked


def test_command_annotations_are_objects_not_strings() -> None:
    """Typer evaluates a string annotation twice per parameter on every run (see
    :mod:`marquee.cli`): a command module that takes up ``from __future__ import
    annotations`` again makes every command start slower."""
    from marquee.cli import app

    for command in [*app.registered_commands, app.registered_callback]:
        assert command is not None and command.callback is not None
        hints = command.callback.__annotations__
        assert hints and not [k for k, v in hints.items() if isinstance(v, str)], command


def test_film_table_sized_ahead_draws_as_rich_sizing_every_column() -> None:
    """The film list gives Rich its figure columns' widths instead of having every cell
    measured (:func:`marquee.cli.browsing._film_table`); at every terminal width, with
    long, short and double-width titles, the table reads as Rich's own sizing draws it."""
    import io

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from marquee.cli.browsing import FILM_COLUMNS, _film_table

    def measured(title: Text, rows: list[tuple[Text, ...]]) -> Table:
        table = Table(title=title, title_justify="left")
        for name in FILM_COLUMNS:
            right = name in ("fresh", "average", "reviews")
            table.add_column(name, justify="right" if right else "left")
        for row in rows:
            table.add_row(*row)
        return table

    def drawn(table: Table, width: int) -> str:
        console = Console(file=io.StringIO(), width=width, force_terminal=True)
        console.print(table)
        return console.file.getvalue()  # type: ignore[attr-defined]

    long = ("Mystery Science Theater 3000: The Movie", "七人の侍 Seven Samurai", "Up")
    lists = {
        "long": [(t, "1996", "82%", "68", "11", t.lower().replace(" ", "-")) for t in long],
        "short": [("Up", "—", "—", "—", "3", "up"), ("Heat", "1995", "100%", "91.5", "120", "h")],
        "one": [("A Very Long Title " * 4, "2001", "—", "—", "4", "a-very-long-title")],
    }
    title = Text("Films in sqlite:///reviews.db", style="table.title")
    for name, cells in lists.items():
        rows = [tuple(Text(c) for c in row) for row in cells]
        for width in range(20, 201):
            expected = drawn(measured(title, rows), width)
            assert drawn(_film_table(title, rows, width), width) == expected, (name, width)
    sized = _film_table(title, [tuple(Text(c) for c in lists["long"][0])], 120)
    assert [c.width for c in sized.columns] == [None, 4, 5, 7, 7, None]


@given(st.text(alphabet=st.sampled_from("ab [/]\\@#:=\x1b\n")))
def test_data_shown_through_rich_is_escaped_as_rich_escapes_it(text: str) -> None:
    """:func:`marquee.cli._app._shown` imports Rich's escaping only for text it would
    change; whatever the text, the result is Rich's own."""
    from rich.markup import escape

    from marquee.cli._app import _shown
    from marquee.sanitize import strip_controls

    assert _shown(text) == escape(strip_controls(text))


def test_a_store_named_by_the_environment_needs_no_platformdirs(db: str, monkeypatch) -> None:
    """With ``$MARQUEE_DB`` set, no command looks for the user's data directory, so none
    imports platformdirs (with ``--db`` alone, ``--db``'s help still names the default)."""
    monkeypatch.setenv("MARQUEE_DB", db)
    listed, loaded = _loaded_after(["films", "--json"], ("platformdirs",))
    assert loaded == [] and "ballerina-2025" in listed


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=30,
)


@given(_JSON)
def test_json_printed_is_what_json_dumps_indents(data: object) -> None:
    """:func:`marquee.cli._app._json_text` (compact by json's C encoder, indented by
    msgspec) gives json.dumps' indented text byte for byte: any float (NaN and infinities
    included), any text (controls, lone surrogates), empty and nested containers."""
    from marquee.cli._app import _json_text

    assert _json_text(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_notes_are_prose_not_highlighted_as_code(monkeypatch) -> None:
    """A hint such as "1,867 more film(s) match" is printed as written: Rich's highlighter
    would colour "film(s)" as a call and "1,867" as two numbers on a terminal."""
    import io

    from rich.console import Console

    from marquee.cli import _app

    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor")
    monkeypatch.setattr(_app, "stderr", lambda: console)
    _app._note("1,867 more film(s) match: --limit 0 shows them all.")
    printed = console.file.getvalue()  # type: ignore[attr-defined]
    assert printed == "1,867 more film(s) match: --limit 0 shows them all.\n"


def test_add_quick_scores_with_the_ngram_views_and_says_so(tmp_path: Path) -> None:
    """``add --quick``: inferred scores are the n-gram views' reading (the encoder would
    change those they doubt), a printed score stays, and the summary and --json say so."""
    from marquee.model import load_model
    from marquee.model.predict import routed

    quotes = [
        json.loads(line)["text"]
        for line in (FIXTURES / "aspects_labelled.jsonl").read_text().splitlines()[:40]
    ]
    table = tmp_path / "quotes.csv"
    with table.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["film", "year", "score", "text"])
        writer.writerows(["Dune", "2021", "", q] for q in quotes)
        writer.writerow(["Dune", "2021", "2/5", "Slow, handsome and never finds its pulse."])
    quick_db, other_db = (f"sqlite:///{tmp_path / name}" for name in ("quick.db", "other.db"))
    result = run(quick_db, "add", "--quick", "--json", str(table))
    assert result.exit_code == 0, result.output
    assert {o["quick"] for o in json.loads(result.stdout)} == {True}
    assert "--quick" not in run(other_db, "add", str(table)).stderr
    assert "--quick" in run(other_db, "add", "--quick", str(table)).stderr
    assert {o["quick"] for o in json.loads(run(other_db, "add", "--json", str(table)).stdout)} == {
        False
    }
    reviews = json.loads(run(quick_db, "report", "dune", "--json").stdout)["reviews"]
    scored = [r for r in reviews if r["score"]]  # not a row its chrome emptied
    (printed,) = [r["score"] for r in scored if r["score"]["explicit"]]
    assert printed["value"] == 40.0
    inferred = [r for r in scored if not r["score"]["explicit"]]
    ngrams = load_model().p_fresh([r["body"] for r in inferred], encoder=False)
    assert any(routed(ngrams))  # the encoder would have read some of them again
    assert [r["score"]["p_fresh"] for r in inferred] == [round(float(p), 4) for p in ngrams]
