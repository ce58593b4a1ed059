"""The web app over a real store of the bundled samples, and the page templates over a
fixture report that has every key of the finished pipeline (tests/fixtures/web/)."""

from __future__ import annotations

import copy
import json
import sqlite3
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

from marquee.aggregate import shown
from marquee.documents import ReadOptions
from marquee.errors import MarqueeError
from marquee.ingest import add_reviews, expand, prebuild_reports, read_reviews, stale_films
from marquee.report import build_report, report_json
from marquee.report_cache import build_reports, film_report, report_batches
from marquee.review import FilmHint
from marquee.store import Store
from marquee.web import UploadLimits, create_app, static_page, write_static_page
from marquee.web.charts import aspect_chart, score_bins, score_histogram
from marquee.web.guards import SECURITY_HEADERS
from marquee.web.pages import film_page, safe_url, style_hash
from marquee.web.uploads import ingest, inputs_from

with warnings.catch_warnings():
    # Starlette asks for httpx2 over httpx; either drives the test client the same way.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parent.parent
LOCAL = "http://127.0.0.1:8150"
SAMPLES = ROOT / "examples" / "ballerina"
FIXTURE = Path(__file__).parent / "fixtures" / "web" / "film_report.json"
HOSTILE = (
    '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
    '<a href="javascript:window.__pwned=3">click</a><style>body{display:none}</style>'
    '" onmouseover="window.__pwned=4" x="</textarea></svg>'
)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the five bundled samples, built once."""
    path = tmp_path_factory.mktemp("store") / "samples.db"
    store = Store(sqlite_url(path))
    reviews, failures = read_reviews(expand([SAMPLES])[0], options=ReadOptions(), hint=FilmHint())
    outcomes = list(add_reviews(store, reviews))
    store.close()
    assert not failures and {o.status for o in outcomes} == {"added"}
    return path


@pytest.fixture
def writable_db(sample_db: Path, tmp_path: Path) -> Path:
    """A private copy of the sample store for tests that add reviews."""
    path = tmp_path / "copy.db"
    with sqlite3.connect(sample_db) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    return path


@pytest.fixture(scope="module")
def client(sample_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(sqlite_url(sample_db)), base_url=LOCAL) as c:
        yield c


def small_client(db: Path) -> TestClient:
    limits = UploadLimits(max_file_bytes=3_000, max_files=2, max_total_bytes=20_000)
    return TestClient(create_app(sqlite_url(db), limits=limits), base_url=LOCAL)


@pytest.fixture
def fixture_report() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


def parse(text: str) -> Any:
    return lxml_html.fromstring(text)


def film_slug(client: TestClient) -> str:
    slug: str = client.get("/.json").json()[0]["slug"]
    return slug


# ── routes and twins ────────────────────────────────────────────────────────────────────


def test_a_film_whose_reviews_changed_waits_for_its_page_to_be_built(tmp_path: Path) -> None:
    """``marquee add`` builds the changed films' pages itself (behind a progress bar):
    without that step the film is stale, and after it nothing is."""
    store = Store(sqlite_url(tmp_path / "s.db"))
    reviews, _ = read_reviews(expand([SAMPLES])[0], options=ReadOptions(), hint=FilmHint())
    list(add_reviews(store, reviews, build_reports=False))
    assert [f.slug for f in stale_films(store)] == ["ballerina-2025"]
    prebuild_reports(store)
    assert stale_films(store) == []
    store.close()


_EXPORT = """film,critic,outlet,text
Heat (1995),Ann Reed,Daily Planet,"Pacino and De Niro are electric, and the heist is staggering."
Heat (1995),Bo Lind,The Courier,A long and self-important crime saga that never earns its length.
Alien (1979),Cy Park,Film Weekly,Ridley Scott's direction is patient and terrifying; Weaver shines.
Fargo (1996),Di Moss,Screen Notes,The Coen brothers' script is razor sharp and McDormand delights.
Fargo (1996),Ed Vance,Night Edition,A cold and smug little film that sneers at everyone in it.
Fargo (1996),Flo Hart,Weekend Review,"Funny, strange and unexpectedly moving."
"""


def test_pages_built_a_batch_at_a_time_are_each_films_own(tmp_path: Path) -> None:
    """``marquee add`` builds the changed films' pages several films at a time (their
    reviews read, their opinions scored and their pages kept together): each page is the
    one built from that film's reviews alone, and batches hold about as many reviews as
    asked, a film never split."""
    table = tmp_path / "export.csv"
    table.write_text(_EXPORT, encoding="utf-8")
    store = Store(sqlite_url(tmp_path / "s.db"))
    reviews, _ = read_reviews([table], options=ReadOptions(), hint=FilmHint())
    list(add_reviews(store, reviews, build_reports=False))
    stale = sorted(stale_films(store), key=lambda entry: entry.id)
    assert [entry.reviews for entry in stale] == [2, 1, 3]
    batches = list(report_batches(stale, reviews=3))
    assert [[entry.reviews for entry in batch] for batch in batches] == [[2, 1], [3]]
    together = build_reports(store, stale)
    assert stale_films(store) == []
    for entry, data in zip(stale, together, strict=True):
        alone = report_json(build_report(entry.slug, entry.facts, store.reviews(entry.id)))
        assert data == alone
        assert film_report(store, entry) == json.loads(json.dumps(alone))  # as kept
    store.close()


def test_film_list_searches_title_and_alias(client: TestClient) -> None:
    films = client.get("/.json").json()
    assert [f["title"] for f in films] == ["Ballerina"] and films[0]["reviews"] == 5
    assert client.get("/films.json").json() == films
    assert client.get("/.json", params={"q": "john wick"}).json() == films  # an alias
    assert client.get("/.json", params={"q": "BALLER"}).json() == films
    assert client.get("/.json", params={"q": "no such film"}).json() == []
    page = parse(client.get("/", params={"q": "wick"}).text)
    assert page.xpath("//table[@class='films']/tbody//a/@href") == [f"/films/{films[0]['slug']}"]
    empty = client.get("/", params={"q": "no such film"})
    assert empty.status_code == 200 and "No film matches" in empty.text


def test_film_json_twin_is_report_json(client: TestClient, sample_db: Path) -> None:
    store = Store(sqlite_url(sample_db))
    entry = store.find_film("ballerina")
    expected = report_json(build_report(entry.slug, entry.facts, store.reviews(entry.id)))
    store.close()
    got = client.get(f"/films/{entry.slug}.json")
    assert got.status_code == 200 and got.headers["content-type"] == "application/json"
    assert got.json() == json.loads(json.dumps(expected))


def test_film_reached_by_title_redirects_to_its_slug(client: TestClient) -> None:
    slug = film_slug(client)
    for path, target in (
        ("/films/Ballerina", f"/films/{slug}"),
        ("/films/ballerina.json", f"/films/{slug}.json"),
    ):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 307 and response.headers["location"].endswith(target)


def test_film_page_shows_the_samples(client: TestClient) -> None:
    slug = film_slug(client)
    report = client.get(f"/films/{slug}.json").json()
    page = parse(client.get(f"/films/{slug}").text)
    assert page.xpath("string(//h1)").split() == ["Ballerina", "(2025)"]
    badge = page.xpath("//li[@data-badge='fresh']")[0]
    fresh = report["aggregate"]["fresh_percent"]
    assert badge.xpath("string(.//*[@class='badge-value'])") == f"{shown(fresh)}%"
    assert ("fresh" if fresh >= 60 else "rotten") in badge.get("class")
    cards = page.xpath("//article[contains(@class, 'card')]")
    assert len(cards) == 5
    links = [c.xpath("string(.//a[@class='full']/@href)") for c in cards]
    assert links == [f"/films/{slug}/reviews/{n}" for n in range(5)]
    assert "Len Wiseman" in page.xpath("string(//dl[@class='credits'])")
    assert "Ana de Armas" in page.xpath("string(//ul[@class='cast'])")
    scored = sum(r["score"] is not None for r in report["reviews"])
    bars = page.xpath("//figure[@id='score-distribution']//*[local-name()='g'][@data-count]")
    assert sum(int(g.get("data-count")) for g in bars) == scored
    spoilers = [c for c in cards if c.xpath(".//*[contains(@class, 'spoilers')]")]
    assert len(spoilers) == sum(r["spoilers"] for r in report["reviews"])


def test_review_page_shows_the_full_cleaned_text(client: TestClient) -> None:
    slug = film_slug(client)
    review = client.get(f"/films/{slug}/reviews/1.json").json()
    assert review == client.get(f"/films/{slug}.json").json()["reviews"][1]
    page = parse(client.get(f"/films/{slug}/reviews/1").text)
    paragraphs = page.xpath("//div[@class='body']/p/text()")
    assert "\n\n".join(paragraphs) == review["body"]


def test_every_error_has_one_json_shape(client: TestClient) -> None:
    slug = film_slug(client)
    cases = {
        "/films/no-such-film.json": 404,
        f"/films/{slug}/reviews/99.json": 404,
        f"/films/{slug}/reviews/-1.json": 422,
        "/nowhere.json": 404,
        "/.json?q=" + "x" * 300: 422,
    }
    for path, status in cases.items():
        response = client.get(path)
        body = response.json()
        assert response.status_code == status == body["status"], path
        assert set(body) == {"ok", "error", "errors", "status"} and body["ok"] is False
        assert isinstance(body["error"], str) and body["error"]
    assert "no film matches" in client.get("/films/no-such-film.json").json()["error"]


def test_errors_on_pages_are_pages(client: TestClient) -> None:
    response = client.get("/films/no-such-film")
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "no film matches" in parse(response.text).xpath("string(//section[@class='error']/h1)")
    asked = client.get("/films/no-such-film", headers={"accept": "application/json"})
    assert asked.json()["status"] == 404


def test_openapi_describes_the_api_and_no_cdn_docs(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path in (
        "/films/{slug}.json",
        "/films/{slug}",
        "/films/{slug}/reviews/{n}.json",
        "/.json",
        "/reviews.json",
    ):
        assert path in schema["paths"], path
    assert "post" in schema["paths"]["/reviews.json"]
    assert set(schema["components"]["schemas"]["ErrorBody"]["properties"]) == {
        "ok",
        "error",
        "errors",
        "status",
    }
    docs = client.get("/docs")  # our own page: Swagger UI would load scripts from a CDN
    assert docs.status_code == 200
    page = parse(docs.text)
    assert page.xpath("//script/@src") == ["/static/marquee.js"]
    shown_paths = {c.text for c in page.xpath("//section[@class='endpoint']/h2/code")}
    assert set(schema["paths"]) <= shown_paths


def test_security_headers_on_every_response(client: TestClient) -> None:
    for path in ("/", f"/films/{film_slug(client)}", "/.json", "/nowhere", "/static/marquee.css"):
        headers = client.get(path).headers
        for name, value in SECURITY_HEADERS.items():
            assert headers[name] == value, (path, name)
    assert "script-src 'self'" in SECURITY_HEADERS["Content-Security-Policy"]


# ── adding reviews ──────────────────────────────────────────────────────────────────────

NEW_REVIEW = (
    "Ballerina (2025) review by Dana Brooks. The action is ferocious and inventive, and Ana de "
    "Armas commits to every fight. The story is thin. Rating: 7/10"
)


def test_pasted_review_is_added_and_the_page_changes(writable_db: Path) -> None:
    with small_client(writable_db) as c:
        slug = film_slug(c)
        form = {"text": NEW_REVIEW, "title": "Ballerina", "year": "2025"}
        result = c.post("/reviews.json", data=form).json()
        assert result["ok"] is True and result["films"] == [slug]
        assert [(o["source"], o["status"]) for o in result["outcomes"]] == [
            ("pasted text", "added")
        ]
        report = c.get(f"/films/{slug}.json").json()
        assert len(report["reviews"]) == 6 and report["aggregate"]["reviews"] == 6
        assert any(
            r["body"].startswith("Ballerina (2025) review by Dana Brooks")
            for r in report["reviews"]
        )
        again = c.post("/reviews.json", data=form).json()
        assert [o["status"] for o in again["outcomes"]] == ["duplicate"]
        page = parse(c.get(f"/films/{slug}").text)
        assert len(page.xpath("//article[contains(@class, 'card')]")) == 6


def test_uploaded_files_each_get_an_outcome_on_the_page(writable_db: Path) -> None:
    files = [
        ("files", ("../../etc/first.txt", NEW_REVIEW.replace("Dana Brooks", "Ray Moss").encode())),
        ("files", ("empty.txt", b"   ")),
    ]
    with small_client(writable_db) as c:
        response = c.post("/reviews", data={"title": "Ballerina"}, files=files)
        assert response.status_code == 200
        rows = parse(response.text).xpath("//table[@class='outcomes']/tbody/tr")
        outcomes = {r.xpath("string(td[1])"): r.get("class") for r in rows}
        assert outcomes == {"first.txt": "added", "empty.txt": "error"}  # no client path kept
        assert "whitespace" in rows[1].xpath("string(td[2])")


def test_hostile_uploads_are_refused_one_by_one_and_the_good_one_kept(writable_db: Path) -> None:
    """An alias bomb and a JSONL line nested 100k deep, beside a good review: each hostile
    file is one error outcome, and the good one is stored (a 500 lost them all before)."""
    bomb = b"---\na: &a [1, 1]\nb: [*a, *a]\n---\nA review.\n"
    deep = b'{"text": "Fine."}\n' + b"[" * 100_000 + b"]" * 100_000 + b"\n"
    good = NEW_REVIEW.replace("Dana Brooks", "Ray Moss").encode()
    files = [
        ("files", ("bomb.md", bomb)),
        ("files", ("deep.jsonl", deep)),
        ("files", ("good.txt", good)),
    ]
    with TestClient(create_app(sqlite_url(writable_db)), base_url=LOCAL) as c:
        result = c.post("/reviews.json", data={"title": "Ballerina"}, files=files).json()
    outcomes = {(o["source"], o["status"]) for o in result["outcomes"]}
    assert ("good.txt", "added") in outcomes and ("bomb.md", "error") in outcomes
    assert ("deep.jsonl", "error") in outcomes and result["ok"] is False


def test_upload_limits(writable_db: Path) -> None:
    with small_client(writable_db) as c:
        big = c.post("/reviews.json", files=[("files", ("big.txt", b"word " * 1_000))]).json()
        assert big["ok"] is False and "cap for one review" in big["outcomes"][0]["message"]
        many = [("files", (f"r{i}.txt", f"Review {i}".encode())) for i in range(3)]
        too_many = c.post("/reviews.json", files=many)
        assert too_many.status_code == 400 and "files" in too_many.json()["error"].lower()
        huge = c.post("/reviews.json", files=[("files", ("huge.txt", b"x" * 30_000))])
        assert huge.status_code == 413 and "limit for one request" in huge.json()["error"]
        streamed = c.post(  # no Content-Length: refused once the body passes the limit
            "/reviews.json",
            content=iter(
                [b'--b\r\nContent-Disposition: form-data; name="text"\r\n\r\n', *[b"x" * 5_000] * 6]
            ),
            headers={"content-type": "multipart/form-data; boundary=b"},
        )
        assert streamed.status_code == 413 and streamed.json()["status"] == 413
        nothing = c.post("/reviews.json", data={"text": "  "})
        assert nothing.status_code == 400 and "nothing to add" in nothing.json()["error"]
        assert c.get(f"/films/{film_slug(c)}.json").json()["aggregate"]["reviews"] == 5


def test_concurrent_uploads_all_land(writable_db: Path) -> None:
    store = Store(sqlite_url(writable_db))
    lock = threading.Lock()
    hint = FilmHint(title="Ballerina", year=2025)

    def upload(i: int) -> None:
        text = NEW_REVIEW.replace("Dana Brooks", f"Critic {i}")
        ingest(store, inputs_from(text, []), hint=hint, limits=UploadLimits(), lock=lock)

    threads = [threading.Thread(target=upload, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.films()[0].reviews == 9
    store.close()


def test_other_sites_cannot_use_the_local_server(writable_db: Path) -> None:
    with small_client(writable_db) as c:
        rebound = c.get("/.json", headers={"host": "evil.example:8150"})
        assert rebound.status_code == 400 and "not 'evil.example:8150'" in rebound.json()["error"]
        assert rebound.headers["content-security-policy"]
        form = {"text": NEW_REVIEW}
        cross = c.post("/reviews.json", data=form, headers={"origin": "http://evil.example"})
        assert cross.status_code == 403 and cross.json()["ok"] is False
        other_port = {"sec-fetch-site": "same-site", "origin": "null"}
        assert c.post("/reviews.json", data=form, headers=other_port).status_code == 403
        own_page = {
            "sec-fetch-site": "same-origin",
            "origin": "null",
        }  # Referrer-Policy: no-referrer
        assert c.post("/reviews.json", data=form, headers=own_page).status_code == 200
        assert c.post("/reviews.json", data=form, headers={"origin": LOCAL}).status_code == 200
    anywhere = TestClient(create_app(sqlite_url(writable_db), allowed_hosts=None))
    assert anywhere.get("/.json").status_code == 200  # host "testserver"


def test_inputs_from_skips_the_empty_part_a_browser_sends() -> None:
    assert inputs_from("a review", [("", b"")]) == [("pasted text", b"a review")]
    assert inputs_from("", [(None, b"data")]) == [("upload 1", b"data")]
    with pytest.raises(MarqueeError, match="nothing to add"):
        inputs_from(" \n", [("", b"")])


# ── templates over the full fixture report ──────────────────────────────────────────────


def test_every_section_of_the_full_report_renders(fixture_report: dict[str, Any]) -> None:
    page = parse(film_page(fixture_report, limits=UploadLimits()))
    agg = fixture_report["aggregate"]
    assert {b.get("data-badge") for b in page.xpath("//li[contains(@class,'badge')]")} == {
        "fresh",
        "average",
        "score",
        "inferred",
    }
    low, high = agg["fresh_percent_band"]
    assert f"90% band {shown(low)}–{shown(high)}%" in page.xpath(
        "string(//li[@data-badge='fresh'])"
    )
    assert agg["score_label"] in page.xpath("string(//li[@data-badge='score'])")
    assert page.xpath("string(//p[@class='consensus-text'])") == agg["consensus"]["text"]
    assert len(page.xpath("//ol[@class='clauses']/li")) == len(agg["consensus"]["clauses"])
    rows = page.xpath(
        "//figure[@id='aspect-agreement']//*[local-name()='g'][contains(@class,'aspect')]"
    )
    assert len(rows) == len(agg["aspects"])
    hovers = " ".join(
        page.xpath(
            "//figure[@id='aspect-agreement']//*[local-name()='rect']/*[local-name()='title']/text()"
        )
    )
    assert "Ines Varga is stranded by a screenplay" in hovers and "Praised by 2 critic(s)" in hovers
    assert len(page.xpath("//details[@class='aspect-detail']")) == len(agg["aspects"])
    quoted = page.xpath("//li[contains(@class,'quoted-critic')]")
    assert [q.xpath("string(blockquote)") for q in quoted] == [
        "“unhurried grace”",
        "“a screensaver with a plot”",
    ]
    inferred = page.xpath("//span[contains(@class,'inferred')]")
    assert len(inferred) == agg["inferred"] and "P(fresh) 0.31" in inferred[0].get("title")
    assert inferred[0].getprevious().text_content() == "≈ 42/100"
    assert page.xpath("//a[@class='original']/@href") == [
        "https://northern-review.example/salt-road"
    ]
    assert len(page.xpath("//details[@class='subscores']//tr")) == 2


def test_evidence_cites_the_review_never_its_file(fixture_report: dict[str, Any]) -> None:
    fixture_report["reviews"][0]["critic"] = None
    page = parse(film_page(fixture_report))
    cites = page.xpath("//blockquote[@class='evidence']/cite/a")
    by_link = {a.get("href"): a.text_content() for a in cites}
    assert by_link["/films/the-salt-road-2024/reviews/0"] == fixture_report["reviews"][0]["title"]
    assert by_link["/films/the-salt-road-2024/reviews/1"] == "Theo Lindqvist, Screen Ledger"


def test_absent_sections_render_nothing(fixture_report: dict[str, Any]) -> None:
    bare = copy.deepcopy(fixture_report)
    bare["aggregate"] = {
        k: bare["aggregate"][k]
        for k in ("reviews", "scored", "fresh", "rotten", "fresh_percent", "average")
    }
    for review in bare["reviews"]:
        for key in ("pull_quote", "aspects", "quoted_critics"):
            del review[key]
    page = parse(film_page(bare, limits=UploadLimits()))
    absent = (
        "//section[@class='consensus']",
        "//figure[@id='aspect-agreement']",
        "//section[@class='quoted']",
    )
    assert not page.xpath(" | ".join(absent))
    assert len(page.xpath("//article[contains(@class,'card')]")) == len(bare["reviews"])
    empty = parse(
        film_page({"film": {"slug": "x", "title": "X"}, "reviews": [], "aggregate": {"reviews": 0}})
    )
    assert "No reviews yet" in empty.text_content() and not empty.xpath("//figure")


def test_a_crowded_film_charts_its_most_discussed_aspects(fixture_report: dict[str, Any]) -> None:
    agg = fixture_report["aggregate"]
    agg["aspects"] = [
        {"aspect": "performance", "target": f"Actor {i}", "praised": i, "panned": 0, "mixed": 0}
        for i in range(1, 21)
    ]
    clause = agg["consensus"]["clauses"][0]
    clause["evidence"] = clause["evidence"] * 3  # six quotes behind one clause
    page = parse(film_page(fixture_report))
    chart = page.xpath("//figure[@id='aspect-agreement']//*[local-name()='text'][@class='label']")
    assert [t.text for t in chart] == [f"Actor {i} (performance)" for i in range(20, 5, -1)]
    more = page.xpath("//details[@class='more-aspects']")[0]
    assert more.xpath("string(summary)") == "5 more aspects and performers"
    assert len(more.xpath(".//details[@class='aspect-detail']")) == 5
    first = page.xpath("//ol[@class='clauses']/li")[0]
    assert (
        len(first.xpath(".//blockquote")) == 3
        and first.xpath("string(p[@class='more'])") == "and 3 more"
    )


def hostile_copy(value: Any) -> Any:
    """Every string in the report replaced by an attack (numbers and indexes kept)."""
    if isinstance(value, str):
        return HOSTILE
    if isinstance(value, dict):
        return {k: hostile_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [hostile_copy(v) for v in value]
    return value


def assert_inert(page: Any) -> None:
    assert not page.xpath("//script[not(@src='/static/marquee.js')] | //img | //iframe | //object")
    assert not [a for el in page.iter() for a in el.attrib if a.lower().startswith("on")]
    assert not page.xpath("//@href[starts-with(normalize-space(.), 'javascript:')]")
    assert HOSTILE in page.text_content()  # shown, literally, as text


def test_hostile_review_text_renders_as_text(fixture_report: dict[str, Any]) -> None:
    hostile = hostile_copy(fixture_report)
    hostile["film"]["slug"] = "the-salt-road-2024"
    page = parse(film_page(hostile, limits=UploadLimits()))
    assert_inert(page)
    assert not page.xpath("//style")
    static = parse(static_page(hostile))
    assert_inert(static)
    assert len(static.xpath("//style")) == 1


def test_only_web_links_become_links() -> None:
    assert safe_url("https://example.com/r") == "https://example.com/r"
    for url in (
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,x",
        "//evil",
        "http:/x",
        None,
        3,
    ):
        assert safe_url(url) is None, url


# ── static export and charts ────────────────────────────────────────────────────────────


def test_static_page_is_self_contained(fixture_report: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "salt-road.html"
    write_static_page(fixture_report, out)
    text = out.read_text(encoding="utf-8")
    page = parse(text)
    assert not page.xpath("//link | //script | //form | //@src")
    hrefs = page.xpath("//@href")
    assert all(h.startswith("#review-") or h.startswith("https://") for h in hrefs)
    assert page.xpath("//a[@class='original']/@href") == [
        "https://northern-review.example/salt-road"
    ]
    css = page.xpath("string(//style)")
    csp = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert f"style-src {style_hash(css)}" in csp and "default-src 'none'" in csp
    assert len(page.xpath("//details[@class='full-text']")) == len(fixture_report["reviews"])
    assert page.xpath("//*[local-name()='svg']")


def test_static_page_write_failure_is_a_marquee_error(
    fixture_report: dict[str, Any], tmp_path: Path
) -> None:
    with pytest.raises(MarqueeError, match="cannot write"):
        write_static_page(fixture_report, tmp_path / "missing" / "page.html")


def test_score_bins_split_printed_from_inferred() -> None:
    reviews = [
        {"score": {"value": 100.0, "explicit": True}},
        {"score": {"value": 59.9, "explicit": True}},
        {"score": {"value": 50.0, "explicit": False}},
        {"score": None},
        {},
    ]
    bins = {b.low: (b.explicit, b.inferred) for b in score_bins(reviews) if b.total}
    assert bins == {90: (1, 0), 50: (1, 1)}
    assert score_histogram([{"score": None}]) is None


def test_aspect_bars_are_proportional_and_diverge() -> None:
    rows = [
        {"aspect": "action", "praised": 4, "panned": 0, "mixed": 0, "label": "praised"},
        {"aspect": "story", "praised": 0, "panned": 2, "mixed": 0, "label": "panned"},
    ]
    svg = parse(str(aspect_chart(rows)))
    praised = svg.xpath("//*[local-name()='rect'][contains(@class,'praised')]")[0]
    panned = svg.xpath("//*[local-name()='rect'][contains(@class,'panned')]")[0]
    assert float(praised.get("width")) == pytest.approx(2 * float(panned.get("width")))
    assert float(panned.get("x")) + float(panned.get("width")) == pytest.approx(
        float(praised.get("x"))
    )
    assert aspect_chart([]) is None
    assert aspect_chart([{"aspect": "x", "praised": 0, "panned": 0, "mixed": 0}]) is None
