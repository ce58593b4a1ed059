"""Correcting the store (issue 12): remove, move, merge, rename and add --replace, each
on SQLite and PostgreSQL, each leaving the films' facts and cached pages consistent; and
the user's --film/--critic/--outlet winning over what is read."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marquee.cli import app
from marquee.corrections import merge, move, remove, rename
from marquee.documents import read_path
from marquee.errors import NotFound, ParseError
from marquee.ingest import add_reviews, read_reviews, stale_films
from marquee.overrides import Overrides, overridden, title_and_year
from marquee.review import FilmHint, parse_review
from marquee.roundups.split import split_films
from marquee.store import Store

PAGES = Path(__file__).parent / "fixtures" / "pages"
runner = CliRunner()


@pytest.fixture
def opened() -> Iterator[list[Store]]:
    """Stores a test opens, closed after it (an open PostgreSQL connection left to the
    garbage collector is a warning, and warnings are errors)."""
    stores: list[Store] = []
    yield stores
    for store in stores:
        store.close()


def _filled(url: str, files: list[Path], opened: list[Store]) -> Store:
    store = Store(url)
    opened.append(store)
    reviews, failures = read_reviews(files, options=_options(), hint=FilmHint())
    assert not failures
    assert all(o.status == "added" for o in add_reviews(store, reviews))
    return store


def _options():  # noqa: ANN202 - the reader's default options
    from marquee.documents import ReadOptions

    return ReadOptions()


def _counts(store: Store) -> dict[str, int]:
    return {f.slug: f.reviews for f in store.films()}


def _report_sources(store: Store, slug: str) -> list[str]:
    from marquee.report_cache import film_report

    return [r["source"] for r in film_report(store, store.find_film(slug))["reviews"]]


def test_move_files_a_review_under_a_new_then_a_stored_film(
    store_url: str, review_files: Callable[[int], list[Path]], opened: list[Store]
) -> None:
    files = review_files(6)
    store = _filled(store_url, files, opened)
    assert _counts(store) == {"the-quiet-harbour-2019": 2, "salt-and-iron-2021": 2,
                              "a-winter-letter-2016": 2}  # fmt: skip
    done = move(store, str(files[0]), "Heat (1995)")
    assert (done.reviews, set(done.films)) == (1, {"the-quiet-harbour-2019", "heat-1995"})
    assert _counts(store)["heat-1995"] == 1 and _counts(store)["the-quiet-harbour-2019"] == 1
    assert {f.slug for f in stale_films(store)} == {"the-quiet-harbour-2019", "heat-1995"}
    assert str(files[0]) not in _report_sources(store, "the-quiet-harbour-2019")
    back = move(store, str(files[0]), "the-quiet-harbour-2019")
    assert back.removed == ("heat-1995",)
    assert "heat-1995" not in _counts(store)
    assert str(files[0]) in _report_sources(store, "the-quiet-harbour-2019")


def test_merge_moves_every_review_and_keeps_the_old_title_as_an_alias(
    store_url: str, review_files: Callable[[int], list[Path]], opened: list[Store]
) -> None:
    store = _filled(store_url, review_files(6), opened)
    done = merge(store, "salt-and-iron-2021", "a-winter-letter-2016")
    assert (done.reviews, done.removed) == (2, ("salt-and-iron-2021",))
    (entry,) = [f for f in store.films() if f.slug == "a-winter-letter-2016"]
    assert entry.reviews == 4 and "Salt and Iron" in entry.facts.aliases
    assert len(_report_sources(store, "a-winter-letter-2016")) == 4
    with pytest.raises(NotFound, match="same film"):
        merge(store, "a-winter-letter-2016", "A Winter Letter")


def test_rename_survives_the_next_review_added(
    store_url: str, review_files: Callable[[int], list[Path]], opened: list[Store]
) -> None:
    files = review_files(6)
    store = _filled(store_url, files[:4], opened)
    done = rename(store, "the-quiet-harbour-2019", "The Quiet Harbor (2020)")
    assert done.films == ("the-quiet-harbor-2020",)
    reviews, _ = read_reviews([files[4]], options=_options(), hint=FilmHint())
    list(add_reviews(store, reviews, build_reports=False))
    entry = store.find_film("the-quiet-harbor-2020")
    assert (entry.facts.title, entry.facts.year) == ("The Quiet Harbor", 2020)
    assert entry.facts.aliases == ()  # the wrong title is not kept


def test_remove_deletes_reviews_their_documents_and_emptied_films(
    store_url: str, review_files: Callable[[int], list[Path]], opened: list[Store]
) -> None:
    files = review_files(6)
    store = _filled(store_url, files, opened)
    with pytest.raises(NotFound, match="no stored review"):
        remove(store, sources=["nowhere.md"])
    assert sum(_counts(store).values()) == 6  # nothing deleted by the failed call
    done = remove(store, sources=[str(files[0])])
    assert done.films == ("the-quiet-harbour-2019",) and done.removed == ()
    gone = remove(store, film="Salt and Iron")
    assert (gone.reviews, gone.removed) == (2, ("salt-and-iron-2021",))
    assert store.counts()["reviews"] == 3
    again, _ = read_reviews([files[0]], options=_options(), hint=FilmHint())
    assert [o.status for o in add_reviews(store, again)] == ["added"]


def test_cli_add_replace_refiles_with_the_users_film_and_critic(
    store_url: str, review_files: Callable[[int], list[Path]]
) -> None:
    files = review_files(2)
    db = ["--db", store_url, "--create"]
    assert runner.invoke(app, [*db, "add", str(files[0])]).exit_code == 0
    again = runner.invoke(app, [*db, "add", str(files[0]), "--film", "Heat", "--year", "1995"])
    assert "already in the store" in again.stdout
    fixed = runner.invoke(
        app,
        [*db, "add", str(files[0]), "--film", "Heat", "--year", "1995", "--critic", "Jo March",
         "--replace", "--json"],
    )  # fmt: skip
    assert fixed.exit_code == 0, fixed.output
    assert json.loads(fixed.stdout)[0]["film"] == "heat-1995"
    listed = json.loads(runner.invoke(app, [*db, "films", "--json"]).stdout)
    assert [f["slug"] for f in listed] == ["heat-1995"]  # the old film, left empty, is gone
    report = json.loads(runner.invoke(app, [*db, "report", "heat", "--json"]).stdout)
    assert [r["critic"] for r in report["reviews"]] == ["Jo March"]


def test_cli_corrections_print_json_and_name_what_is_missing(
    store_url: str, review_files: Callable[[int], list[Path]]
) -> None:
    files = review_files(3)
    db = ["--db", store_url, "--create"]
    assert runner.invoke(app, [*db, "add", *map(str, files)]).exit_code == 0
    moved = runner.invoke(app, [*db, "move", str(files[0]), "--film", "Heat (1995)", "--json"])
    assert json.loads(moved.stdout)["removed"] == ["the-quiet-harbour-2019"]
    renamed = runner.invoke(app, [*db, "rename", "heat", "Heat (1996)", "--json"])
    assert json.loads(renamed.stdout)["films"] == ["heat-1996"]
    merged = runner.invoke(app, [*db, "merge", "heat", "Salt and Iron", "--json"])
    assert json.loads(merged.stdout)["removed"] == ["heat-1996"]
    missing = runner.invoke(app, [*db, "remove", "nowhere.md"])
    assert missing.exit_code == 1 and "no stored review" in missing.stderr
    removed = runner.invoke(app, [*db, "remove", "--film", "salt", "--json"])
    assert json.loads(removed.stdout)["reviews"] == 2


def test_title_and_year() -> None:
    assert title_and_year("Heat (1995)") == ("Heat", 1995)
    assert title_and_year("(500) Days of Summer") == ("(500) Days of Summer", None)


def test_film_override_beats_the_film_read_and_picks_one_of_a_roundup() -> None:
    (doc,) = read_path(PAGES / "roundup_markdown.md").documents
    reviews = [parse_review(part) for part in split_films(doc)]
    titles = [r.facts.title for r in reviews]
    (kept,) = overridden(reviews, Overrides(film=titles[1], critic="Jo March"), doc.source)
    assert kept.facts.title == titles[1] and kept.meta.critic == "Jo March"
    with pytest.raises(ParseError, match="--film takes one of: " + titles[0]):
        overridden(reviews, Overrides(film="Heat"), doc.source)
    (single,) = overridden(reviews[:1], Overrides(film="Heat", year=1995), doc.source)
    assert (single.facts.title, single.facts.year) == ("Heat", 1995)


def test_move_one_film_of_a_roundup_by_its_part(store_url: str, opened: list[Store]) -> None:
    page = PAGES / "roundup_markdown.md"
    store = _filled(store_url, [page], opened)
    assert len(store.films()) == 3
    done = move(store, f"{page}#part=2", "Heat (1995)")
    assert done.reviews == 1 and len(done.removed) == 1
    assert _counts(store)["heat-1995"] == 1 and len(store.films()) == 3
