"""Exports as the world hands them: Letterboxd's, hand-made spreadsheets, review tables
whose films are named by id with a movies table beside them (issue 12)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from marquee.cli import app
from marquee.documents import ReadOptions, read_bytes
from marquee.documents.catalog import catalogs_among, read_catalog
from marquee.review import parse_review

runner = CliRunner()

LETTERBOXD = (
    "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\n"
    "2024-03-02,Dune: Part Two,2024,https://boxd.it/5Xk2a,4.5,,"
    '"Villeneuve makes the desert sing, and the sandworm ride is pure cinema.",,2024-03-01\n'
)


def _meta(text: str, **options: object) -> list[dict[str, str]]:
    reading = read_bytes(text.encode(), "t.csv", options=ReadOptions(**options))  # type: ignore[arg-type]
    return [dict(doc.meta) for doc in reading.documents]


def test_letterboxd_export_files_its_film_and_reads_its_half_stars() -> None:
    (doc,) = read_bytes(LETTERBOXD.encode(), "reviews.csv").documents
    review = parse_review(doc)
    assert (review.facts.title, review.facts.year) == ("Dune: Part Two", 2024)
    assert review.score is not None and review.score.value == 90.0
    assert doc.meta["url"] == "https://boxd.it/5Xk2a"
    assert review.meta.critic is None  # "Name" is the film's, not a person's


def test_hand_made_column_names_are_recognised() -> None:
    table = (
        "Film Name;Reviewed By;Newspaper;Publication Date;Stars;Review Body\n"
        "Heat;Anne Byrne;The Daily Post;2 March 1996;4/5;A long, cool, brilliant thriller.\n"
    )
    (meta,) = _meta(table)
    assert meta["film"] == "Heat"
    assert meta["critic"] == "Anne Byrne"
    assert meta["outlet"] == "The Daily Post"
    assert meta["published"] == "1996-03-02"
    assert meta["score"] == "4/5"


def test_movies_table_joins_film_ids_to_titles_and_years() -> None:
    movies = "id,title,rating,releaseDateTheaters\nheat_1995,Heat,R,1995-12-15\n"
    films = read_catalog(movies)
    assert films == {"heat_1995": ("Heat", 1995)}
    reviews = (
        "id,reviewId,criticName,reviewText,scoreSentiment\n"
        "HEAT_1995,7,Jo March,A long cool thriller.,POSITIVE\n"
    )
    (meta,) = _meta(reviews, films=films)
    assert (meta["film"], meta["year"], meta["verdict"]) == ("Heat", "1995", "fresh")


def test_a_review_table_is_not_taken_for_a_movies_table() -> None:
    assert read_catalog("rtid,title,quote\n1,Heat,Cool.\n") is None


def test_a_bare_numeric_film_id_names_no_film_without_a_movies_table() -> None:
    (meta,) = _meta("rtid,critic,quote\n9559,Jo March,Cool and clever.\n")
    assert meta["film_id"] == "9559" and "film" not in meta


def test_catalogs_among_separates_movies_tables(tmp_path: Path) -> None:
    movies, reviews = tmp_path / "movies.csv", tmp_path / "reviews.csv"
    movies.write_text("rotten_tomatoes_link,movie_title\nm/heat,Heat\n")
    reviews.write_text("rotten_tomatoes_link,review_content\nm/heat,Cool.\n")
    films, rest, catalogs = catalogs_among([reviews, movies])
    assert films == {"m/heat": ("Heat", None)} and rest == [reviews] and catalogs == [movies]


def test_add_with_a_movies_table_files_every_row_and_reports_unfiled(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'm.db'}"
    reviews = tmp_path / "reviews.csv"
    reviews.write_text(
        "rtid,critic,publication,fresh,quote\n"
        "11,Jo March,The Post,fresh,A long cool brilliant thriller.\n"
        "22,Amy Dorrit,The Globe,rotten,Dull and far too long for its thin story.\n"
    )
    movies = tmp_path / "movies.csv"
    movies.write_text("rtid,title,year\n11,Heat,1995\n")
    added = runner.invoke(app, ["--db", db, "--create", "add", str(reviews), str(movies)])
    assert added.exit_code == 0, added.output
    assert "heat-1995" in added.stdout
    assert "1 added under no film" in added.stderr
    listed = runner.invoke(app, ["--db", db, "films"])
    assert "1 review(s) name no film" in listed.stderr


def test_scores_printed_as_mixed_numbers_are_read() -> None:
    from marquee.scores import parse_score

    for printed, value in (("3 1/2/5", 70.0), ("2 1/2 out of 4", 62.5), ("3½/5", 70.0)):
        score = parse_score(printed)
        assert score is not None and score.value == value, printed
    assert parse_score("2 1/2") is None  # no scale: a quantity, not a score


def test_unreadable_printed_score_is_named_and_top_critic_shown(tmp_path: Path) -> None:
    from marquee.scores import unread_score

    assert unread_score({"score": "see text"}) == "see text"
    assert unread_score({"score": "3 1/2/5"}) is None
    db = f"sqlite:///{tmp_path / 'm.db'}"
    export = tmp_path / "export.csv"
    export.write_text(
        "movie_title,critic_name,top_critic,review_score,review_content\n"
        "Heat,Jo March,True,two thumbs,A long cool brilliant thriller with real weight.\n"
    )
    added = runner.invoke(app, ["--db", db, "--create", "add", str(export)])
    assert "1 printed score(s) could not be read" in added.stderr
    assert "'two thumbs'" in added.stderr
    shown = runner.invoke(app, ["--db", db, "report", "heat"], env={"COLUMNS": "200"})
    assert "Jo March (top critic)" in shown.stdout
    data = runner.invoke(app, ["--db", db, "report", "heat", "--json"])
    assert '"top_critic": true' in data.stdout


def test_table_critics_are_kept_as_the_export_writes_them() -> None:
    table = (
        "film,critic,outlet,quote\n"
        "Heat,Variety Staff,Variety,A long cool brilliant thriller.\n"
        "Heat,bell hooks,Z Magazine,A long cool brilliant thriller!\n"
        "Heat,Manohla Dargis and A.O. Scott,New York Times,A long cool thriller.\n"
        "Heat,Screen Daily,Screen Daily,A long and cool thriller.\n"
        "Heat,Lawrence Van Gelder,New York Times,Long and cool and brilliant.\n"
        "Heat,Unknown,Empire,Long and cool.\n"
    )
    docs = read_bytes(table.encode(), "t.csv").documents
    critics = [parse_review(doc).meta.critic for doc in docs]
    assert critics == ["Variety Staff", "bell hooks", "Manohla Dargis and A.O. Scott",
                       "Screen Daily", "Lawrence Van Gelder", None]  # fmt: skip


def test_author_fields_credit_lower_case_names_and_pairs() -> None:
    from marquee.documents.bylines import credited_name

    assert credited_name("bell hooks") == "bell hooks"
    assert credited_name("Manohla Dargis & A.O. Scott") == "Manohla Dargis & A.O. Scott"
    assert credited_name("Jo March and the editors") == "Jo March"
    assert credited_name("staff writer") is None
