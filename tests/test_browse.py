"""Browsing the store: film lists with figures, sorting, filters and CSV; fuzzy search;
"Title (Year)" and near misses in ``marquee report``; critic, outlet and person pages;
review filters on the film page; readers never shown file names. Real stores built
through the same ingest as ``marquee add``."""

from __future__ import annotations

import csv
import io
import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html
from typer.testing import CliRunner

from marquee.browse.bylines import byline, name_slug
from marquee.browse.films import (
    FilmQuery,
    InvalidQuery,
    film_names,
    list_films,
    top_critic_flags,
)
from marquee.browse.lookup import find_report_film
from marquee.browse.people import person_page
from marquee.browse.search import search
from marquee.cli import app
from marquee.documents import ReadOptions
from marquee.errors import NotFound
from marquee.ingest import add_reviews, expand, read_reviews
from marquee.readable import provenance, review_heading
from marquee.records import FRESH_AT, FilmFacts
from marquee.report_cache import film_report
from marquee.review import FilmHint
from marquee.store import Store
from marquee.web import create_app
from marquee.web.pages import film_page
from marquee.web.review_filters import ReviewFilter

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "examples" / "ballerina"
LOCAL = "http://127.0.0.1:8150"

# Three films, two sharing a title; critics with accents; some verdicts stated, some scored.
# (title, year, [(critic, outlet, verdict, score, top critic)])
FILMS = [
    ("Harbour Lights", 2019, ["fresh", "fresh", "fresh", "rotten", "fresh", "fresh"]),
    ("Harbour Lights", 1987, ["rotten", "rotten", "fresh", "rotten", "rotten", "fresh"]),
    ("The Quiet Orchard", 2023, ["fresh", "rotten", "fresh", "fresh", "rotten", "fresh"]),
    ("Paper Comets", 2021, ["fresh", "rotten"]),  # too few verdicts for figures
]
CRITICS = [("Zoë Ångström", "Nordic Screen"), ("Marcus Bell", "The Daily Frame")]
WORDS = {
    "fresh": "A generous, beautifully acted film that earns every one of its quiet moments.",
    "rotten": "A tedious, muddled film that wastes its cast and never finds its footing.",
}


def export_csv(path: Path) -> Path:
    rows = []
    for title, year, verdicts in FILMS:
        for i, verdict in enumerate(verdicts):
            critic, outlet = CRITICS[i % 2]
            score = "4/5" if verdict == "fresh" else "2/5"
            rows.append([title, year, critic, outlet, verdict, score if i % 3 else "", i == 0,
                         f"{WORDS[verdict]} ({title}, {i})"])  # fmt: skip
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["film", "year", "critic", "outlet", "verdict", "score", "top_critic",
                         "text"])  # fmt: skip
        writer.writerows(rows)
    return path


def build(url: str, *paths: Path) -> Store:
    store = Store(url)
    reviews, failures = read_reviews(expand(list(paths))[0], options=ReadOptions(), hint=FilmHint())
    assert not failures
    list(add_reviews(store, reviews))
    return store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("browse")
    store = build(f"sqlite:///{folder / 'store.db'}", export_csv(folder / "rt.csv"), SAMPLES)
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store.url), base_url=LOCAL) as c:
        yield c


def entry(store: Store, title: str, year: int) -> Any:
    (found,) = [f for f in store.films() if f.facts.title == title and f.facts.year == year]
    return found


# ── lists ───────────────────────────────────────────────────────────────────────────────


def test_list_figures_are_the_film_pages_figures(store: Store) -> None:
    films = {f.slug: f for f in list_films(store)}
    assert len(films) == len(store.films())
    for e in store.films():
        agg = film_report(store, e)["aggregate"]
        listed = films[e.slug]
        assert (listed.fresh_percent, listed.average) == (agg["fresh_percent"], agg["average"])
        assert (listed.reviews, listed.year) == (agg["reviews"], e.facts.year)
    assert films[entry(store, "Paper Comets", 2021).slug].fresh_percent is None


def test_list_sorts_and_filters(store: Store) -> None:
    by_fresh = list_films(store, FilmQuery(sort="fresh"))
    known = [f.fresh_percent for f in by_fresh if f.fresh_percent is not None]
    assert known == sorted(known, reverse=True) and len(known) >= 3
    assert by_fresh[-1].fresh_percent is None  # unknown last, whichever way
    rising = list_films(store, FilmQuery(sort="fresh", descending=False))
    assert [f.fresh_percent for f in rising][: len(known)] == sorted(known)
    assert rising[-1].fresh_percent is None
    titles = [f.title for f in list_films(store, FilmQuery(sort="title"))]
    assert titles == sorted(titles, key=lambda t: (t or "").casefold())
    recent = list_films(store, FilmQuery(year_from=2020, year_to=2023))
    assert recent and all(f.year is not None and 2020 <= f.year <= 2023 for f in recent)
    liked = list_films(store, FilmQuery(fresh_min=FRESH_AT))
    assert liked and all(f.fresh_percent is not None and f.fresh_percent >= FRESH_AT for f in liked)
    with pytest.raises(InvalidQuery, match="sort by"):
        FilmQuery(sort="popularity")  # type: ignore[arg-type]
    assert not FilmQuery(sort="year", descending=True).bounded
    assert all(FilmQuery(**{b: 0}).bounded for b in ("year_from", "year_to", "fresh_min"))
    assert FilmQuery(fresh_max=0).bounded and FilmQuery(average_min=0).bounded
    assert list_films(store, FilmQuery(average_min=101)) == []


def test_list_before_reports_are_built_uses_the_verdicts(store: Store, tmp_path: Path) -> None:
    """A film added but not yet reported gets the plain share of its verdicts."""
    fresh = build(f"sqlite:///{tmp_path / 'new.db'}", export_csv(tmp_path / "rt.csv"))
    _, _, verdicts = FILMS[0]
    e = entry(fresh, *FILMS[0][:2])
    with fresh.transaction() as tx:
        tx.save_film(e.facts, e.slug, e.id)  # a changed film drops its report
    (listed,) = [f for f in list_films(fresh) if f.slug == e.slug]
    assert listed.fresh_percent == round(100 * verdicts.count("fresh") / len(verdicts), 1)
    fresh.close()


def test_cli_films_table_json_and_csv_agree(store: Store) -> None:
    runner = CliRunner()
    base = ["--db", store.url, "films", "--sort", "fresh", "--year-from", "2000"]
    data = json.loads(runner.invoke(app, [*base, "--json"]).stdout)
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, [*base, "--csv"]).stdout)))
    assert [r["slug"] for r in rows] == [f["slug"] for f in data]
    assert [r["fresh_percent"] for r in rows] == [
        "" if f["fresh_percent"] is None else str(f["fresh_percent"]) for f in data
    ]
    assert all(f["year"] >= 2000 for f in data)
    table = runner.invoke(app, base)
    assert table.exit_code == 0 and "fresh" in table.stdout and "1987" not in table.stdout
    bad = runner.invoke(app, ["--db", store.url, "films", "--sort", "hype"])
    assert bad.exit_code == 2 and "sort by" in bad.output


def test_cli_films_table_shows_the_first_rows_and_says_how_many_more(store: Store) -> None:
    runner = CliRunner()
    every = json.loads(runner.invoke(app, ["--db", store.url, "films", "--json"]).stdout)
    assert len(every) >= 3
    short = runner.invoke(app, ["--db", store.url, "films", "--limit", "2"], env={"COLUMNS": "300"})
    assert short.exit_code == 0
    assert [f["slug"] for f in every if f["slug"] in short.stdout] == [f["slug"] for f in every[:2]]
    assert f"{len(every) - 2:,} more film(s) match" in " ".join(short.stderr.split())
    whole = runner.invoke(app, ["--db", store.url, "films", "--limit", "0"], env={"COLUMNS": "300"})
    assert all(f["slug"] in whole.stdout for f in every) and "more film" not in whole.stderr


def test_web_list_sorts_filters_and_exports(client: TestClient) -> None:
    films = client.get("/films.json", params={"sort": "year", "order": "asc"}).json()
    years = [f["year"] for f in films if f["year"]]
    assert years == sorted(years)
    page = lxml_html.fromstring(client.get("/films", params={"sort": "year"}).text)
    assert page.xpath("//th//a[@aria-sort='descending']/text()")[0].startswith("Year")
    shown = page.xpath("//table[@class='films']/tbody/tr/td[2]/text()")
    assert [int(y) for y in shown if y.isdigit()] == sorted(years, reverse=True)
    exported = client.get("/films.csv", params={"fresh_min": 60})
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert rows and all(float(r["fresh_percent"]) >= 60 for r in rows)
    assert client.get("/films", params={"sort": "hype"}).status_code == 422
    assert client.get("/films", params={"year_from": "soon"}).status_code == 422
    form = {"sort": "fresh", "year_from": "", "year_to": "", "fresh_min": "60", "average_min": ""}
    submitted = lxml_html.fromstring(client.get("/films", params=form).text)  # as the form sends
    shown_fresh = submitted.xpath("//table[@class='films']/tbody/tr/td[3]//text()")
    assert shown_fresh and all(int(v.rstrip("%")) >= 60 for v in shown_fresh)
    near = client.get("/films.json", params={"q": "harbor lihgts"}).json()
    assert {f["title"] for f in near} == {"Harbour Lights"}


# ── search and report lookup ────────────────────────────────────────────────────────────


def test_search_forgives_typos_and_accents_across_kinds(store: Store) -> None:
    assert search(store, "quiet orchad")[0].name == "The Quiet Orchard"
    assert search(store, "zoe angstrom")[0].kind == "critic"
    assert search(store, "nordic screan")[0].kind == "outlet"
    top = search(store, "ana de armas")[0]
    assert (top.kind, top.href) == ("person", "/people/ana-de-armas")
    assert search(store, "wick")[0].name == "Ballerina"  # by its alias
    assert search(store, "xylophone quartet") == []


def test_report_takes_title_year_slugs_and_near_misses(store: Store) -> None:
    old, new = entry(store, "Harbour Lights", 1987), entry(store, "Harbour Lights", 2019)
    assert find_report_film(store, "Harbour Lights (1987)") == (old, False)
    assert find_report_film(store, "harbour lights (2019)") == (new, False)
    assert find_report_film(store, new.slug) == (new, False)
    assert find_report_film(store, "The Quite Orchard")[1] is True
    with pytest.raises(NotFound, match="several films"):
        find_report_film(store, "Harbour Lights")
    with pytest.raises(NotFound, match=r"did you mean: Harbour Lights \((2019|1987)\)"):
        find_report_film(store, "Harbor Nights")


def test_cli_search_and_report_lookup(store: Store) -> None:
    runner = CliRunner()
    hits = json.loads(runner.invoke(app, ["--db", store.url, "search", "orchad", "--json"]).stdout)
    assert hits[0]["href"].startswith("/films/")
    found = runner.invoke(app, ["--db", store.url, "report", "The Quiet Orchad", "--json"])
    assert found.exit_code == 0 and "showing The Quiet Orchard (2023)" in found.stderr
    assert json.loads(found.stdout)["film"]["title"] == "The Quiet Orchard"
    dated = runner.invoke(app, ["--db", store.url, "report", "Harbour Lights (1987)", "--json"])
    assert json.loads(dated.stdout)["film"]["year"] == 1987
    missed = runner.invoke(app, ["--db", store.url, "report", "Harbor Nights"])
    assert missed.exit_code == 1 and "did you mean" in missed.stderr


def test_report_html_into_a_missing_folder_is_a_clean_error(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "no-such-folder" / "page.html"
    result = CliRunner().invoke(app, ["--db", store.url, "report", "ballerina", "--html", str(out)])
    assert result.exit_code == 1 and "does not exist" in result.stderr
    assert str(out.parent) in result.stderr  # whole, not broken at the console's width
    assert "Traceback" not in result.output


# ── critics, outlets, people ────────────────────────────────────────────────────────────


def test_critic_page_counts_averages_and_agreement(store: Store) -> None:
    critic, outlet = CRITICS[0]
    page = byline(store, "critic", name_slug(critic))
    assert page.name == critic and page.others == ((outlet, len(page.reviews)),)
    expected = sum(len(v[0::2]) for _t, _y, v in FILMS)
    assert len(page.reviews) == expected
    scores = [r.score for r in page.reviews if r.score is not None]
    assert page.average == round(sum(scores) / len(scores), 1)
    figures = {f.slug: f.fresh_percent for f in list_films(store)}
    agreeing = [
        (r.verdict == "fresh") == (figures[r.film_slug] >= FRESH_AT)
        for r in page.reviews
        if r.verdict and figures[r.film_slug] is not None
    ]
    assert page.compared == len(agreeing)
    assert page.agreement == round(100 * sum(agreeing) / len(agreeing), 1)
    assert byline(store, "outlet", name_slug(outlet)).others == ((critic, len(page.reviews)),)
    with pytest.raises(NotFound):
        byline(store, "critic", "nobody-at-all")


def test_byline_links_lead_to_the_review_itself(client: TestClient) -> None:
    page = client.get(f"/critics/{name_slug(CRITICS[1][0])}.json").json()
    for r in page["reviews"]:
        review = client.get(r["href"] + ".json").json()
        assert review["critic"] == CRITICS[1][0] and review["verdict"] == r["verdict"]
    html = lxml_html.fromstring(client.get(f"/outlets/{name_slug(CRITICS[1][1])}").text)
    assert html.xpath("//h1/text()") == [CRITICS[1][1]]


def test_person_page_quotes_what_critics_said_of_them(store: Store) -> None:
    (ballerina,) = [f for f in store.films() if f.facts.title == "Ballerina"]
    actor = ballerina.facts.cast[0].actor
    page = person_page(store, name_slug(actor))
    assert page.name == actor and [c.film.slug for c in page.credits] == [ballerina.slug]
    report = film_report(store, ballerina)
    said = {
        (n, a["evidence"]["text"], a["polarity"])
        for n, r in enumerate(report["reviews"])
        for a in r["aspects"]
        if a["target"] and name_slug(a["target"]) == name_slug(actor)
    }
    got = {(q.n, q.text, q.polarity) for q in (*page.praise, *page.pans, *page.mixed)}
    assert got == said and said
    with pytest.raises(NotFound):
        person_page(store, "nobody-at-all")


def test_every_review_links_its_critic_and_credits_link_people(
    client: TestClient, store: Store
) -> None:
    e = entry(store, "The Quiet Orchard", 2023)
    page = lxml_html.fromstring(client.get(f"/films/{e.slug}").text)
    cards = page.xpath("//article[contains(@class,'card')]")
    assert cards and all(c.xpath(".//a[starts-with(@href,'/critics/')]") for c in cards)
    (ballerina,) = [f for f in store.films() if f.facts.title == "Ballerina"]
    film = lxml_html.fromstring(client.get(f"/films/{ballerina.slug}").text)
    cast = film.xpath("//ul[@class='cast']//a/@href")
    assert cast == [f"/people/{name_slug(c.actor)}" for c in ballerina.facts.cast]
    for href in cast[:2]:
        assert client.get(href).status_code == 200


# ── the film page's review filters ──────────────────────────────────────────────────────


def test_review_filters_show_the_matching_reviews(client: TestClient, store: Store) -> None:
    e = entry(store, "Harbour Lights", 2019)
    report = client.get(f"/films/{e.slug}.json").json()
    cases = {
        "?verdict=rotten": [n for n, r in enumerate(report["reviews"]) if r["verdict"] == "rotten"],
        "?critics=top": [0],  # the export marks each film's first review top critic
        "?score=printed": [
            n for n, r in enumerate(report["reviews"]) if r["score"] and r["score"]["explicit"]
        ],
    }
    for query, expected in cases.items():
        page = lxml_html.fromstring(client.get(f"/films/{e.slug}{query}").text)
        assert page.xpath("//article[contains(@class,'card')]/@id") == [
            f"review-{n}" for n in expected
        ], query
    page = lxml_html.fromstring(client.get(f"/films/{e.slug}?verdict=bogus&sort=date").text)
    assert len(page.xpath("//article[contains(@class,'card')]")) == len(report["reviews"])
    chips = page.xpath("//nav[@class='review-filters']//a[@aria-current]/@href")
    assert "?sort=date#reviews" in chips


def test_review_filter_sorts_unknown_last() -> None:
    reviews = [
        {"score": {"value": 40, "explicit": True}, "verdict": "rotten", "outlet": "b"},
        {"score": None, "verdict": None, "outlet": None},
        {"score": {"value": 90, "explicit": False}, "verdict": "fresh", "outlet": "A"},
    ]
    by = ReviewFilter.from_query
    assert [n for n, _ in by({"sort": "score"}).apply(reviews, [])] == [2, 0, 1]
    assert [n for n, _ in by({"sort": "outlet"}).apply(reviews, [])] == [2, 0, 1]
    assert [n for n, _ in by({"score": "inferred"}).apply(reviews, [])] == [2]
    options = by({}).options(reviews, [False, False, False])
    assert "critics" not in options  # no top critic: no such filter
    assert [o.count for o in options["verdict"]] == [3, 1, 1]


# ── what readers see ────────────────────────────────────────────────────────────────────


def test_readers_never_see_file_names_or_unknown_critics() -> None:
    anonymous = {"source": "/srv/in/rt300.csv#row=21", "shape": "csv", "title": "rt300.csv",
                 "critic": None, "outlet": None, "url": None,
                 "pull_quote": {"text": "A film of rare grace."}}  # fmt: skip
    assert review_heading(anonymous, 0) == "“A film of rare grace.”"
    assert provenance(anonymous) == "a table, row 21"
    assert review_heading({**anonymous, "outlet": "Cahiers"}, 0) == "Cahiers"
    assert provenance({**anonymous, "url": "https://www.example.org/r/1"}) == "example.org"
    report = {"film": {"slug": "x-2020", "title": None}, "reviews": [anonymous]}
    text = lxml_html.fromstring(film_page(report)).text_content()
    for internal in ("rt300", "row=21", "Unknown critic", "x-2020", "/srv/"):
        assert internal not in text


def test_front_door_pages(client: TestClient) -> None:
    assert client.get("/films").status_code == 200
    docs = lxml_html.fromstring(client.get("/docs").text)
    assert "/films/{slug}" in docs.xpath("//section[@class='endpoint']/h2/code/text()")
    missing = client.get("/films/the-quiet-orchad")
    assert missing.status_code == 404
    near = lxml_html.fromstring(missing.text).xpath("//ul[@class='hits']//a/@href")
    assert near and near[0].startswith("/films/the-quiet-orchard")
    body = client.get("/critics/nobody.json").json()
    assert set(body) == {"ok", "error", "errors", "status"} and body["status"] == 404


def test_reviews_come_in_pages_that_keep_the_filters() -> None:
    reviews = [{"verdict": "fresh" if n % 2 else "rotten", "score": None} for n in range(130)]
    view = ReviewFilter.from_query({"verdict": "fresh", "page": "2"})
    shown = view.window(view.apply(reviews, []))
    assert [n for n, _ in shown] == list(range(101, 130, 2))  # fresh ones 51–65
    assert [(o.label, o.href) for o in view.pages(65)] == [("← Previous", "?verdict=fresh")]
    assert all("page=" not in o.href for group in view.options(reviews, []).values() for o in group)
    report = {"film": {"slug": "x-2020", "title": "X"}, "reviews": reviews}
    page = lxml_html.fromstring(film_page(report, view=ReviewFilter.from_query({"page": "3"})))
    ids = page.xpath("//article[contains(@class,'card')]/@id")
    assert ids == [f"review-{n}" for n in range(100, 130)]
    assert page.xpath("//nav[contains(@class,'review-pager')]/a/text()") == ["← Previous"]


def test_remembered_summaries_follow_the_store(tmp_path: Path) -> None:
    """Lists and search are kept between requests, and never outlive a change."""
    store = build(f"sqlite:///{tmp_path / 'grow.db'}", export_csv(tmp_path / "rt.csv"))
    before = {f.slug: f.reviews for f in list_films(store)}
    assert search(store, "lantern festival") == []
    extra = tmp_path / "more.csv"
    with extra.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(
            [
                ["film", "year", "critic", "outlet", "verdict", "text"],
                ["Lantern Festival", 2022, "Ida Moss", "Film Notes", "fresh", WORDS["fresh"]],
                ["Harbour Lights", 2019, "Ida Moss", "Film Notes", "rotten", WORDS["rotten"]],
            ]
        )
    build(store.url, extra).close()
    after = {f.slug: f.reviews for f in list_films(store)}
    harbour = entry(store, "Harbour Lights", 2019).slug
    assert after[harbour] == before[harbour] + 1 and len(after) == len(before) + 1
    assert search(store, "lantern festival")[0].name == "Lantern Festival"
    assert search(store, "ida moss")[0].kind == "critic"
    store.close()


def test_a_summary_is_kept_from_its_second_ask(tmp_path: Path) -> None:
    """A one-shot command asks for a summary once, so the first ask computes it without
    reading the store's state; the second keeps it with the state; a change recomputes."""
    store = Store(f"sqlite:///{tmp_path / 'names.db'}")
    with store.transaction() as tx:
        tx.save_film(FilmFacts(title="Harbour Lights", year=2019), "harbour-lights-2019")
    first, second, third = (film_names(store) for _ in range(3))
    assert first == second and first is not second and second is third
    with store.transaction() as tx:
        tx.save_film(FilmFacts(title="Lantern Festival"), "lantern-festival")
    assert [f.title for f in film_names(store)] == ["Harbour Lights", "Lantern Festival"]
    store.close()


def test_browse_queries_on_both_backends(store_url: str, tmp_path: Path) -> None:
    """The JSON paths, window function and grouped figures read the same on SQLite and
    PostgreSQL."""
    store = build(store_url, export_csv(tmp_path / "rt.csv"))
    listed = {f.slug: f for f in list_films(store)}
    for e in store.films():
        agg = film_report(store, e)["aggregate"]
        assert (listed[e.slug].fresh_percent, listed[e.slug].reviews) == (
            agg["fresh_percent"],
            agg["reviews"],
        )
        found = store.film_by_slug(e.slug)
        assert found is not None and (found.id, found.reviews) == (e.id, e.reviews)
        flags = top_critic_flags(store, e.id)
        assert flags == [n == 0 for n in range(e.reviews)]
    page = byline(store, "critic", name_slug(CRITICS[0][0]))
    assert len(page.reviews) == sum(len(v[0::2]) for _t, _y, v in FILMS)
    assert all(r.excerpt.startswith(("A generous", "A tedious")) for r in page.reviews)
    assert search(store, "quiet orchad")[0].name == "The Quiet Orchard"
    store.close()


def test_report_key_hashes_the_files_rglob_found_in_its_order(tmp_path: Path) -> None:
    """:func:`marquee.report_cache._sources` walks the package with ``os.walk`` (cheaper):
    the same files, in the same order, as ``rglob("*.py")`` and ``rglob("lexicons/*.txt")``
    sorted as paths, so the cache key reads what it read before."""
    from marquee.report_cache import _sources

    for name in ("a.py", "a-b.py", "a/b.py", "a/lexicons/w.txt", "lexicons/x.txt",
                 "notes.txt", "a/c.pyc", "lexicons/deep/y.txt", "z/lexicons/v.py"):  # fmt: skip
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name)
    expected = sorted([*tmp_path.rglob("*.py"), *tmp_path.rglob("lexicons/*.txt")])
    assert [tmp_path.joinpath(*parts) for parts in _sources(tmp_path)] == expected
