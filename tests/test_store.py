"""The store keeps reviews exactly, once, and files them under films: on SQLite and on
PostgreSQL (every test taking ``store`` runs on both, see conftest.py)."""

from __future__ import annotations

import dataclasses
import itertools
import json
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marquee.errors import NotFound, StoreError
from marquee.records import (
    Block,
    CastMember,
    Document,
    FilmFacts,
    Provenance,
    Review,
    ReviewMeta,
    Score,
    SubScore,
)
from marquee.store import Store, content_hash, engine_url
from marquee.store import _read as reads


def make_review(text: str = "A fine film.", **facts: object) -> Review:
    doc = Document(
        source="r.txt",
        shape="text",
        raw=text,
        blocks=(Block("paragraph", text),),
        meta={"title": "t"},
    )
    return Review(
        document=doc,
        meta=ReviewMeta(critic="Jane Doe", outlet="The Paper", spoilers=True),
        score=Score(70.0, "7/10", subscores=(SubScore("Story", 1.0, 2.0),), subscores_sum_ok=False),
        facts=FilmFacts(
            title=str(facts.get("title", "Dune")),
            year=2021,
            credits={"director": ("Denis Villeneuve",)},
            cast=(CastMember("Zendaya", "Chani"),),
        ),
    )


@pytest.fixture
def store(store_url: str):
    """An empty store on each backend (SQLite and PostgreSQL, see conftest.py)."""
    s = Store(store_url)
    yield s
    s.close()


def test_round_trip_is_exact(store: Store) -> None:
    review = make_review()
    with store.transaction() as tx:
        doc_id = tx.add_document(review.document, content_hash(review.document))
        film_id = tx.save_film(review.facts, "dune-2021")
        tx.add_review(review, document_id=doc_id, position=0, film_id=film_id)
    assert store.reviews(film_id) == [review]
    assert store.films()[0].facts == review.facts
    assert store.films()[0].reviews == 1


def test_duplicate_hash_is_recognised(store: Store) -> None:
    review = make_review()
    digest = content_hash(review.document)
    with store.transaction() as tx:
        assert tx.document_id(digest) is None
        doc_id = tx.add_document(review.document, digest)
        tx.add_review(review, document_id=doc_id, position=0, film_id=None)
    with store.transaction() as tx:
        assert tx.document_id(digest) == doc_id
        assert tx.has_review(doc_id, 0) and not tx.has_review(doc_id, 1)


def test_fetched_page_keeps_its_provenance(store: Store) -> None:
    fetched = Provenance("http://example.org/r", 200, "2026-11-25T12:00:00+00:00")
    review = make_review()
    review = dataclasses.replace(
        review, document=dataclasses.replace(review.document, provenance=fetched)
    )
    with store.transaction() as tx:
        assert not tx.has_url("http://example.org/r")
        doc_id = tx.add_document(review.document, content_hash(review.document))
        tx.add_review(review, document_id=doc_id, position=0, film_id=None)
    with store.transaction() as tx:
        assert tx.has_url("http://example.org/r")
    assert store.reviews(None) == [review]


def test_failed_transaction_leaves_nothing(store: Store) -> None:
    review = make_review()
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.add_document(review.document, content_hash(review.document))
        raise RuntimeError("crash mid-document")
    assert store.counts()["documents"] == 0


def test_slugs_stay_unique(store: Store) -> None:
    with store.transaction() as tx:
        a = tx.save_film(FilmFacts(title="Dune"), "dune")
        b = tx.save_film(FilmFacts(title="Dune"), "dune")
    slugs = {f.id: f.slug for f in store.films()}
    assert slugs[a] == "dune" and slugs[b] == "dune-2"


def test_film_listing_follows_every_change_of_facts(store: Store, store_url: str) -> None:
    """Films' decoded facts are kept between transactions; a change to a film, made in this
    store or by another writer, must show in the next listing."""
    with store.transaction() as tx:
        film = tx.save_film(FilmFacts(title="Dune", year=2021), "dune-2021")
    assert [f.facts.year for f in store.films()] == [2021]
    with store.transaction() as tx:
        tx.save_film(FilmFacts(title="Dune", year=1984), "dune-1984", film)
    assert [(f.slug, f.facts.year) for f in store.films()] == [("dune-1984", 1984)]
    other = Store(store_url)  # another process's writes, as far as this store can tell
    with other.transaction() as tx:
        tx.save_film(FilmFacts(title="Dune", aliases=("Dune: Part One",), year=2021), "dune", film)
    other.close()
    (entry,) = store.films()
    assert (entry.facts.aliases, entry.facts.year) == (("Dune: Part One",), 2021)


def test_films_are_found_by_any_of_their_names(store: Store) -> None:
    """A review meets only the films sharing a name with it, through the indexed name
    keys, which follow every change to a film's merged names."""
    from marquee.films.titles import title_keys

    def named(title: str) -> list[int]:
        with store.transaction() as tx:
            return [film_id for film_id, _ in tx.films_named(title_keys(title, ()))]

    with store.transaction() as tx:
        dune = tx.save_film(FilmFacts(title="Dune", aliases=("Dune: Part One",)), "dune")
        arrival = tx.save_film(FilmFacts(title="Arrival"), "arrival")
        old_dune = tx.save_film(FilmFacts(title="DUNE", year=1984), "dune-1984")
    assert named("Dune") == [dune, old_dune]  # the year is match_film's to weigh
    assert named("Dune: Part One") == [dune]
    assert named("Arrival") == [arrival] and named("Sicario") == []
    with store.transaction() as tx:
        tx.save_film(FilmFacts(title="Dune: Part Two"), "dune-part-two", dune)
    assert named("Dune: Part One") == [] and named("Dune") == [old_dune]
    assert named("Dune: Part Two") == [dune]


def test_a_store_made_before_name_keys_gets_them(store: Store) -> None:
    with store.transaction() as tx:
        dune = tx.save_film(FilmFacts(title="Dune"), "dune")
        tx.save_film(FilmFacts(title="Arrival"), "arrival")
    with store._engine.begin() as conn:  # as an older marquee left it: films, no keys
        conn.exec_driver_sql("DELETE FROM film_keys")
    with store.transaction() as tx:
        assert tx.films_named({"dune"}) == []
        assert tx.index_names() == 2
        assert tx.index_names() == 0
        assert [film_id for film_id, _ in tx.films_named({"dune"})] == [dune]


def test_a_deleted_film_takes_its_names_with_it(store: Store) -> None:
    with store.transaction() as tx:
        dune = tx.save_film(FilmFacts(title="Dune"), "dune")
    with store._engine.begin() as conn:
        conn.exec_driver_sql(f"DELETE FROM films WHERE id = {dune}")
        assert conn.exec_driver_sql("SELECT count(*) FROM film_keys").scalar() == 0


def test_find_film_by_slug_title_alias_and_part(store: Store) -> None:
    with store.transaction() as tx:
        tx.save_film(
            FilmFacts(
                title="Ballerina", aliases=("From the World of John Wick: Ballerina",), year=2025
            ),
            "ballerina-2025",
        )
        tx.save_film(FilmFacts(title="Dune", year=2021), "dune-2021")
    assert store.find_film("ballerina-2025").facts.title == "Ballerina"
    assert store.find_film("DUNE").slug == "dune-2021"
    assert store.find_film("from the world of john wick: ballerina").slug == "ballerina-2025"
    assert store.find_film("balle").slug == "ballerina-2025"
    with pytest.raises(NotFound, match="no film matches"):
        store.find_film("Oppenheimer")


def test_ambiguous_film_query_names_candidates(store: Store) -> None:
    with store.transaction() as tx:
        tx.save_film(FilmFacts(title="Dune", year=1984), "dune-1984")
        tx.save_film(FilmFacts(title="Dune", year=2021), "dune-2021")
    with pytest.raises(NotFound, match="dune-1984, dune-2021"):
        store.find_film("dune")


def test_unopenable_store_is_a_store_error(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot open store"):
        Store(f"sqlite:///{blocker / 'sub' / 'm.db'}")


texts = st.text(min_size=1, max_size=200)
_unique = itertools.count()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=texts, critic=st.none() | texts, value=st.floats(0, 100), spoilers=st.booleans())
def test_any_review_round_trips(
    store: Store, text: str, critic: str | None, value: float, spoilers: bool
) -> None:
    base = make_review(text)
    review = dataclasses.replace(
        base,
        meta=ReviewMeta(critic=critic, spoilers=spoilers),
        score=Score(value, f"{value}"),
    )
    with store.transaction() as tx:
        doc_id = tx.add_document(review.document, f"{next(_unique):064d}")
        tx.add_review(review, document_id=doc_id, position=0, film_id=None)
    assert store.reviews(None)[-1] == review


@pytest.mark.parametrize(
    "awkward",
    ["nul \x00 inside", "lone surrogate \ud800 from a JSON escape", "\ufdd0json:looks escaped"],
)
def test_text_the_database_refuses_round_trips(store: Store, awkward: str) -> None:
    """PostgreSQL refuses NUL and neither database encodes a lone surrogate; such text is
    stored escaped and read back exactly, in every text column and in the JSON record."""
    base = make_review(f"A fine film. {awkward}")
    fetched = Provenance(f"http://example.org/{awkward}", 200, "2026-11-25T12:00:00+00:00")
    review = dataclasses.replace(
        base,
        document=dataclasses.replace(base.document, source=f"r{awkward}.txt", provenance=fetched),
        meta=ReviewMeta(critic=awkward, outlet=awkward, title=awkward, published=awkward),
        score=Score(70.0, f"7/10 {awkward}"),
        facts=FilmFacts(title=f"Dune {awkward}"),
    )
    with store.transaction() as tx:
        doc_id = tx.add_document(review.document, content_hash(review.document))
        film_id = tx.save_film(review.facts, "dune")
        tx.add_review(review, document_id=doc_id, position=0, film_id=film_id)
    with store.transaction(write=False) as tx:
        assert tx.has_url(fetched.url)
    assert store.reviews(film_id) == [review]
    assert store.films()[0].facts == review.facts


@pytest.mark.parametrize("awkward", ["plain", "nul \x00 inside", "lone surrogate \ud800"])
def test_read_queries_agree_on_sqlite3_and_sqlalchemy(store: Store, awkward: str) -> None:
    """The read queries (film by slug, cached report, counts, names, figures) read the same
    rows through plain sqlite3 (a SQLite file) as through the store's SQLAlchemy
    connection, awkward text included; on PostgreSQL both are the latter, with its SQL."""
    review = make_review()
    with store.transaction() as tx:
        doc_id = tx.add_document(review.document, content_hash(review.document))
        facts = FilmFacts(title=f"Dune {awkward}", aliases=(awkward,), year=2021)
        dune = tx.save_film(facts, "dune-2021")
        arrival = tx.save_film(FilmFacts(title="Arrival"), "arrival")
        tx.add_review(review, document_id=doc_id, position=0, film_id=dune)
        tx.save_reports("k", [(arrival, 1, {"aggregate": {"fresh_percent": 75.0, "average": 70}})])

    def everything(read: reads.Reader) -> tuple[object, ...]:
        return (
            reads.counts(read),
            reads.film_by_slug(read, "dune-2021"),
            reads.film_name_rows(read),
            reads.review_tallies(read, None),
            reads.review_tallies(read, [arrival]),
            reads.review_counts(read, None),
            reads.review_counts(read, [arrival]),
            reads.report_figures(read, [dune, arrival]),
            reads.cached_report(read, arrival, "k"),
            reads.cached_report(read, arrival, "older code"),
        )

    with store.reading() as read:
        fast = everything(read)
    with store.transaction(write=False) as tx:
        assert everything(tx.reader) == fast
    counted, entry, names, tallies, none, reviews, no_reviews, figures, report, stale = fast
    assert counted == {"films": 2, "documents": 1, "reviews": 1, "unassigned": 0}
    assert (entry.id, entry.facts, entry.reviews) == (dune, facts, 1)
    assert names == [
        (dune, "dune-2021", f"Dune {awkward}", 2021, [awkward]),
        (arrival, "arrival", "Arrival", None, []),
    ]
    assert review.verdict == "fresh" and tallies == [(dune, 1, 1, 1, 70.0, 1)] and none == []
    assert reviews == [(dune, 1)] and no_reviews == []
    assert sorted(figures) == [(dune, False, None, None), (arrival, True, 75.0, 70.0)]
    assert report == {"aggregate": {"fresh_percent": 75.0, "average": 70}} and stale is None


def test_figures_are_kept_beside_the_report_and_read_from_an_older_one(store: Store) -> None:
    """A built report's fresh % and average are kept beside it for film lists; a report
    built by an older marquee, which kept no such pair, gives the same from its JSON."""
    with store.transaction() as tx:
        film = tx.save_film(FilmFacts(title="Arrival"), "arrival")
        tx.save_reports("k", [(film, 1, {"aggregate": {"fresh_percent": 100, "average": None}})])
    with store.reading() as read:
        kept = reads.report_figures(read, None)
    with store._engine.begin() as conn:
        conn.exec_driver_sql("UPDATE films SET report_figures = NULL")
    with store.reading() as read:
        assert reads.report_figures(read, None) == kept == [(film, True, 100.0, None)]


def test_json_texts_read_together_read_as_each_alone() -> None:
    """Film lists decode every film's names and figures in one parse of the texts joined:
    the same values as a parse of each, a NULL read as None, and a text that is not one
    JSON value refused as a parse of it alone refuses it."""
    texts = ['["Dune", 2021, ["Dune: Part One"]]', None, "[75.0, null]", '"\\ud800"', "3"]
    assert reads._json_texts(texts) == [None if t is None else json.loads(t) for t in texts]
    assert reads._json_texts([]) == []
    for bad in (["[1, 2]", "3, 4"], ["[1,", "2]"], [""]):
        with pytest.raises(json.JSONDecodeError):
            reads._json_texts(bad)


def test_sqlite_store_made_by_an_older_marquee_is_brought_up_to_date(tmp_path) -> None:
    """A SQLite store is read without SQLAlchemy only once it has every column the reads
    need; one that lacks one (made by an older marquee) gets it when opened, and the
    indexes film lists read from too."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    with Store(url).transaction() as tx:
        tx.save_film(FilmFacts(title="Dune", year=2021), "dune-2021")
    listed = ("ix_films_listed", "ix_films_names", "ix_reviews_tallies")
    with sqlite3.connect(tmp_path / "old.db") as conn:
        conn.execute("ALTER TABLE films DROP COLUMN version")
        for index in listed:
            conn.execute(f"DROP INDEX {index}")
    store = Store(url, create=False)
    with sqlite3.connect(tmp_path / "old.db") as conn:
        assert "version" in {row[1] for row in conn.execute("PRAGMA table_info(films)")}
        indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        assert set(listed) <= indexes
    assert store.film_by_slug("dune-2021") is not None and store.counts()["films"] == 1


def test_a_file_that_is_not_a_store_is_a_store_error(tmp_path) -> None:
    (tmp_path / "notes.db").write_text("not a database, just notes\n" * 100)
    with pytest.raises(StoreError, match="cannot open store .*not a database"):
        Store(f"sqlite:///{tmp_path / 'notes.db'}", create=False)


def test_plain_text_is_stored_as_it_is(store: Store) -> None:
    """Only text the database would refuse is escaped: the rest stays readable in SQL."""
    review = make_review("Plain words, «quotes» and ünïcödé.")
    with store.transaction() as tx:
        doc_id = tx.add_document(review.document, content_hash(review.document))
    with store._engine.connect() as conn:  # the raw column, beneath the store's own reading
        (raw,) = conn.exec_driver_sql(f"SELECT raw FROM documents WHERE id = {doc_id}").one()
    assert raw == review.document.raw


def test_very_long_title_gets_a_bounded_unique_slug(store: Store) -> None:
    long_slug = "a-" * 300
    with store.transaction() as tx:
        first = tx.save_film(FilmFacts(title="A " * 300), long_slug)
        second = tx.save_film(FilmFacts(title="A " * 300), long_slug)
    slugs = {f.id: f.slug for f in store.films()}
    assert len(slugs[first]) <= 200 and len(slugs[second]) <= 200
    assert slugs[first] != slugs[second] and slugs[second].endswith("-2")


def test_postgresql_urls_mean_psycopg_3() -> None:
    assert engine_url("postgresql://u@h:5432/db") == "postgresql+psycopg://u@h:5432/db"
    assert engine_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert engine_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert engine_url("sqlite:///m.db") == "sqlite:///m.db"


def test_plain_postgresql_url_opens_the_store(postgres_url: str) -> None:
    store = Store(postgres_url.replace("postgresql+psycopg://", "postgresql://", 1))
    try:
        assert store.counts()["reviews"] == 0
    finally:
        store.close()


def test_unreachable_server_is_a_store_error_without_the_password() -> None:
    with pytest.raises(StoreError, match="cannot open store") as caught:
        Store("postgresql://marquee:hunter2@127.0.0.1:1/marquee")
    assert "hunter2" not in str(caught.value) and "***" in str(caught.value)


def test_a_review_that_fails_to_file_costs_only_itself(store: Store) -> None:
    """Each review of a chunk is filed in its own savepoint: one that fails after its
    document row was written (its record cannot be encoded) leaves no trace, and the
    reviews around it, in the same chunk and transaction, are stored and filed."""
    from marquee.ingest import add_reviews

    good = [make_review(f"Review number {n}.") for n in range(3)]
    bad_document = dataclasses.replace(
        make_review("Broken.").document,
        meta={"title": object()},  # type: ignore[dict-item]
    )
    bad = dataclasses.replace(make_review("Broken."), document=bad_document)
    reviews = [good[0], bad, good[1], good[2]]
    outcomes = list(add_reviews(store, reviews, build_reports=False, chunk=10))
    assert [o.status for o in outcomes] == ["added", "error", "added", "added"]
    assert store.counts()["documents"] == store.counts()["reviews"] == 3
    (film,) = store.films()
    assert film.reviews == 3 and store.reviews(film.id) == good


def test_a_films_review_facts_come_in_the_order_they_were_stored(store: Store) -> None:
    """Merging keeps the first spelling it meets, so the facts must not come in the order
    of whichever index the query plan picks (here the tallies index, by verdict and score,
    once the plain film index is gone)."""
    with store.transaction() as tx:
        film_id = tx.save_film(FilmFacts(title="Dune"), "dune")
        for n, (title, value) in enumerate([("Dune", 90.0), ("DUNE", 20.0), ("Dune!", 65.0)]):
            review = dataclasses.replace(
                make_review(f"Review {n}.", title=title), score=Score(value, f"{value}/100")
            )
            doc_id = tx.add_document(review.document, content_hash(review.document))
            tx.add_review(review, document_id=doc_id, position=0, film_id=film_id)
    with store._engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_reviews_film_id")
    with store.transaction(write=False) as tx:
        titles = [facts.title for facts in tx.film_facts_of_reviews(film_id)]
    assert titles == ["Dune", "DUNE", "Dune!"]
