"""Reviews from the web, against a fixture server on 127.0.0.1 that the tests start.

The server serves the pages under ``fixtures/pages`` and one endpoint per way a fetch can
go wrong. Each failure test uses an endpoint that *would* answer with a readable page if
the safeguard were missing (the stalled page arrives after 2 s, the redirect chain ends
in a page, the disallowed page exists), so removing a safeguard fails its test.
"""

from __future__ import annotations

import gzip
import json
import threading
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from typer.testing import CliRunner

from marquee.cli import app
from marquee.documents import ReadOptions
from marquee.fetch import (
    BadStatus,
    Disallowed,
    Fetcher,
    FetchError,
    FetchOptions,
    FetchTimeout,
    NotAPage,
    OverCap,
    TooManyRedirects,
    is_url,
    read_feed,
    retry_wait,
)
from marquee.fetch.robots import RobotsRules
from marquee.ingest import add_reviews, read_reviews, url_list
from marquee.review import FilmHint
from marquee.store import Store, content_hash

PAGES = Path(__file__).parent / "fixtures" / "pages"
EXPECTED = json.loads((PAGES / "expected.json").read_text())
STALL = 2.0  # seconds the slow endpoints take: well past the tests' 0.5 s timeouts
HUGE = 2_000_000  # bytes; the tests cap pages at 100 kB
TYPES = {".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8"}
TYPES |= {".md": "text/plain; charset=utf-8"}
FEEDS = {"feed.rss": "application/rss+xml", "feed.atom": "application/atom+xml"}


class _Handler(BaseHTTPRequestHandler):
    server: _Site

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        path, query = urlsplit(self.path).path, parse_qs(urlsplit(self.path).query)
        self.server.hits[path] += 1
        self.server.agents.append(self.headers.get("User-Agent", ""))
        name = path.rsplit("/", 1)[-1]
        if path == "/robots.txt":
            self._send(200, "text/plain", (PAGES / "robots.txt").read_bytes())
        elif path.startswith(("/reviews/", "/private/")) and (PAGES / name).is_file():
            self._send(200, TYPES[(PAGES / name).suffix], (PAGES / name).read_bytes())
        elif name in FEEDS:
            base = f"http://{self.headers['Host']}"
            self._send(
                200, FEEDS[name], (PAGES / name).read_text().replace("{base}", base).encode()
            )
        elif path == "/stall":
            time.sleep(STALL)
            self._send(200, "text/html", (PAGES / "single_review.html").read_bytes())
        elif path == "/drip":
            self._drip()
        elif path == "/huge":
            self._huge(declared="declared" in query)
        elif path == "/loop":
            self._redirect("/loop")
        elif path.startswith("/chain/"):
            hop = int(name)
            if hop < 8:
                self._redirect(f"/chain/{hop + 1}")
            else:
                self._send(200, "text/html", (PAGES / "single_review.html").read_bytes())
        elif path == "/to-private":
            self._redirect("/private/single_review.html")
        elif path == "/doc.pdf":
            self._send(200, "application/pdf", b"%PDF-1.4\n" + b"<p>not a page</p>" * 200)
        elif path in ("/gzip", "/deflate"):
            page = (PAGES / "single_review.html").read_bytes()
            packed = gzip.compress(page) if path == "/gzip" else zlib.compress(page)
            self._send(200, "text/html", packed, {"Content-Encoding": path[1:]})
        elif path == "/broken":
            self._send(500, "text/html", b"<h1>oops</h1>")
        elif path == "/busy":
            key = query.get("key", [""])[0]
            self.server.busy[key] += 1
            if self.server.busy[key] == 1:
                self._send(429, "text/plain", b"slow down", {"Retry-After": query["wait"][0]})
            else:
                self._send(200, "text/html", (PAGES / "single_review.html").read_bytes())
        else:
            self._send(404, "text/html", b"<h1>Not Found</h1>")

    def _send(self, status: int, kind: str, body: bytes, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, to: str) -> None:
        self._send(302, "text/html", b"", {"Location": to})

    def _drip(self) -> None:
        """A page sent a few bytes at a time: each read is quick, the whole takes STALL."""
        body = (PAGES / "single_review.html").read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        step = len(body) // 10 + 1
        for start in range(0, len(body), step):
            self.wfile.write(body[start : start + step])
            self.wfile.flush()
            time.sleep(STALL / 10)

    def _huge(self, *, declared: bool) -> None:
        """A real page padded past any sane size, streamed (or declared up front)."""
        page = (PAGES / "single_review.html").read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        if declared:
            self.send_header("Content-Length", str(len(page) + HUGE))
        self.end_headers()
        self.wfile.write(page.replace(b"</body>", b""))
        for _ in range(HUGE // 10_000):
            self.wfile.write(b"<!--" + b" " * 9_993 + b"-->")
        self.wfile.write(b"</body>")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet: the tests read the hit counts instead."""


class _Site(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.hits: Counter[str] = Counter()
        self.busy: Counter[str] = Counter()
        self.agents: list[str] = []

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that gave up (timeout, cap) leaves a broken pipe: expected here."""

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture(scope="module")
def site() -> Iterator[_Site]:
    server = _Site()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


FAST = FetchOptions(
    connect_timeout=0.5, read_timeout=0.5, deadline=5.0, max_bytes=100_000, retries=1,
    backoff=0.0, max_wait=1.0, rate=1000.0,
)  # fmt: skip


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(FAST) as made:
        yield made


def fails(fetcher: Fetcher, url: str, kind: type[FetchError], message: str) -> None:
    """The fetch fails with ``kind`` and exactly this one-line message."""
    with pytest.raises(kind) as caught:
        fetcher.page(url)
    assert str(caught.value) == message


# --- a page, and what is kept about it -----------------------------------------------------


def test_a_page_is_fetched_whole_with_its_provenance(site: _Site, fetcher: Fetcher) -> None:
    url = f"{site.base}/reviews/single_review.html"
    page = fetcher.page(url)
    assert page.body == (PAGES / "single_review.html").read_bytes()
    fetched = page.provenance
    assert (fetched.url, fetched.status, fetched.final_url) == (url, 200, None)
    assert fetched.content_type == "text/html; charset=utf-8"
    age = datetime.now(UTC) - datetime.fromisoformat(fetched.fetched_at)
    assert timedelta(0) <= age < timedelta(seconds=10)
    assert site.agents[-1].startswith("marquee/")


def test_adding_by_url_stores_what_adding_the_saved_file_stores(
    site: _Site, fetcher: Fetcher, tmp_path: Path
) -> None:
    for name in ("single_review.html", "roundup_viner.html", "roundup_pasted.txt"):
        url = f"{site.base}/reviews/{name}"
        by_url, failed = read_reviews(
            [url], options=ReadOptions(), hint=FilmHint(), fetcher=fetcher
        )
        by_file, _ = read_reviews([PAGES / name], options=ReadOptions(), hint=FilmHint())
        assert failed == [] and len(by_url) == len(by_file) >= 1
        for web, saved in zip(by_url, by_file, strict=True):
            assert web.document.provenance is not None and web.document.provenance.url == url
            assert content_hash(web.document) == content_hash(saved.document)
            plain = replace(web.document, source=saved.document.source, provenance=None)
            assert replace(web, document=plain) == saved
    store = Store(f"sqlite:///{tmp_path / 'm.db'}")
    url = f"{site.base}/reviews/single_review.html"
    reviews, _ = read_reviews([url], options=ReadOptions(), hint=FilmHint(), fetcher=fetcher)
    assert [o.status for o in add_reviews(store, reviews)] == ["added"]
    saved, _ = read_reviews([PAGES / "single_review.html"], options=ReadOptions(), hint=FilmHint())
    assert [o.status for o in add_reviews(store, saved)] == ["duplicate"]
    with store.transaction(write=False) as tx:
        assert tx.has_url(url)


def test_a_page_reviewing_three_films_by_url(site: _Site, fetcher: Fetcher) -> None:
    url = f"{site.base}/reviews/roundup_viner.html"
    reviews, _ = read_reviews([url], options=ReadOptions(), hint=FilmHint(), fetcher=fetcher)
    expected = EXPECTED["roundup_viner.html"]
    assert [r.facts.title for r in reviews] == list(expected["films"])
    assert {r.meta.critic for r in reviews} == {expected["critic"]}
    assert [r.document.part for r in reviews] == [0, 1, 2]


# --- every safeguard ---------------------------------------------------------------------


def test_robots_txt_disallows_a_path(site: _Site, fetcher: Fetcher) -> None:
    private = f"{site.base}/private/single_review.html"
    fails(fetcher, private, Disallowed, f"{private}: disallowed by robots.txt")
    assert site.hits["/private/single_review.html"] == 0  # never asked for
    hop = f"{site.base}/to-private"
    fails(fetcher, hop, Disallowed, f"{private}: disallowed by robots.txt")


def test_robots_txt_is_read_once_per_host(site: _Site) -> None:
    before = site.hits["/robots.txt"]
    with Fetcher(FAST) as fresh:
        for name in ("single_review.html", "site_byline.html", "roundup_okafor.html"):
            fresh.page(f"{site.base}/reviews/{name}")
    assert site.hits["/robots.txt"] == before + 1


def test_robots_txt_answers_other_than_the_file() -> None:
    agent = FAST.user_agent
    RobotsRules.for_status(404, agent).check("http://h/any")  # no robots.txt: all allowed
    for status in (401, 403, 500, 503):
        with pytest.raises(Disallowed, match=r"^http://h/any: disallowed by robots\.txt \("):
            RobotsRules.for_status(status, agent).check("http://h/any")


def test_robots_txt_rules_for_marquee_by_name() -> None:
    rules = RobotsRules.parse(
        b"User-agent: marquee\nDisallow: /\nCrawl-delay: 120\n\nUser-agent: *\nAllow: /\n",
        FAST.user_agent,
        max_delay=5.0,
    )
    with pytest.raises(Disallowed):
        rules.check("http://h/reviews/a")
    assert rules.delay == 5.0  # a Crawl-delay is honoured, within reason


def test_a_stalling_server_times_out(site: _Site, fetcher: Fetcher) -> None:
    url = f"{site.base}/stall"
    started = time.monotonic()
    fails(fetcher, url, FetchTimeout, f"{url}: timed out after 0.5 s")
    assert time.monotonic() - started < STALL


def test_a_page_that_drips_in_runs_out_of_time(site: _Site) -> None:
    """Every read arrives within the read timeout; the deadline still ends it."""
    url = f"{site.base}/drip"
    with Fetcher(replace(FAST, deadline=0.6)) as fetcher:
        fails(fetcher, url, FetchTimeout, f"{url}: timed out after 0.6 s")


def test_a_huge_body_is_refused_while_it_streams(site: _Site, fetcher: Fetcher) -> None:
    url = f"{site.base}/huge"
    fails(fetcher, url, OverCap, f"{url}: over the 100 kB cap")


def test_a_huge_declared_length_is_refused_before_reading(site: _Site, fetcher: Fetcher) -> None:
    url = f"{site.base}/huge?declared=1"
    size = (PAGES / "single_review.html").stat().st_size + HUGE
    fails(fetcher, url, OverCap, f"{url}: over the 100 kB cap ({size / 1e6:g} MB)")


def test_a_compressed_page_is_inflated(site: _Site, fetcher: Fetcher) -> None:
    """marquee inflates gzip and deflate itself (a bounded piece at a time)."""
    for coding in ("gzip", "deflate"):
        page = fetcher.page(f"{site.base}/{coding}")
        assert page.body == (PAGES / "single_review.html").read_bytes()


def test_a_redirect_loop(site: _Site, fetcher: Fetcher) -> None:
    url = f"{site.base}/loop"
    fails(fetcher, url, TooManyRedirects, f"{url}: too many redirects (over 5)")
    assert site.hits["/loop"] == 6


def test_a_long_redirect_chain_is_cut_short_a_short_one_followed(
    site: _Site, fetcher: Fetcher
) -> None:
    long = f"{site.base}/chain/0"
    fails(fetcher, long, TooManyRedirects, f"{long}: too many redirects (over 5)")
    page = fetcher.page(f"{site.base}/chain/5")
    assert page.provenance.final_url == f"{site.base}/chain/8"
    assert page.provenance.url == f"{site.base}/chain/5"


def test_a_pdf_is_not_a_page(site: _Site, fetcher: Fetcher) -> None:
    url = f"{site.base}/doc.pdf"
    fails(fetcher, url, NotAPage, f"{url}: not HTML (application/pdf)")


def test_404_and_500(site: _Site, fetcher: Fetcher) -> None:
    missing, broken = f"{site.base}/reviews/nope.html", f"{site.base}/broken"
    fails(fetcher, missing, BadStatus, f"{missing}: 404 Not Found")
    before = site.hits["/broken"]
    fails(fetcher, broken, BadStatus, f"{broken}: 500 Internal Server Error")
    assert site.hits["/broken"] == before + 1 + FAST.retries  # retried, then reported


def test_429_is_retried_after_the_wait_it_asks_for(site: _Site) -> None:
    waits: list[float] = []
    with Fetcher(replace(FAST, max_wait=30.0, deadline=60.0), sleep=waits.append) as fetcher:
        page = fetcher.page(f"{site.base}/busy?key=retry&wait=7")
    assert page.provenance.status == 200
    assert site.busy["retry"] == 2
    assert 7.0 in waits


def test_a_wait_past_the_deadline_is_not_waited(site: _Site) -> None:
    url = f"{site.base}/busy?key=late&wait=7"
    waits: list[float] = []
    with Fetcher(replace(FAST, max_wait=30.0, deadline=5.0), sleep=waits.append) as fetcher:
        fails(fetcher, url, BadStatus, f"{url}: 429 Too Many Requests")
    assert 7.0 not in waits


def test_429_without_retries_left_is_reported(site: _Site) -> None:
    url = f"{site.base}/busy?key=once&wait=0"
    with Fetcher(replace(FAST, retries=0)) as fetcher:
        fails(fetcher, url, BadStatus, f"{url}: 429 Too Many Requests")


def test_retry_waits() -> None:
    options = replace(FAST, backoff=0.5, max_wait=10.0)
    assert [retry_wait(None, attempt, options) for attempt in range(4)] == [0.5, 1, 2, 4]
    assert retry_wait("3", 0, options) == 3.0
    assert retry_wait("86400", 0, options) == 10.0  # never wait a day
    in_two = format_datetime(datetime.now(UTC) + timedelta(seconds=2), usegmt=True)
    assert 0.5 < retry_wait(in_two, 0, options) <= 2.0
    assert retry_wait("soon", 1, options) == 1.0  # unreadable: back off as usual


def test_requests_to_one_host_are_paced(site: _Site) -> None:
    url = f"{site.base}/reviews/single_review.html"
    with Fetcher(replace(FAST, rate=10.0)) as fetcher:
        fetcher.page(url)  # robots.txt, then the page
        started = time.monotonic()
        for _ in range(3):
            fetcher.page(url)
        assert time.monotonic() - started >= 0.25


def test_a_closed_port_is_a_clear_error(fetcher: Fetcher) -> None:
    with ThreadingHTTPServer(("127.0.0.1", 0), _Handler) as closed:
        port = closed.server_address[1]
    url = f"http://127.0.0.1:{port}/reviews/a.html"
    with pytest.raises(FetchError, match=rf"^{url}: cannot connect \(") as caught:
        fetcher.page(url)
    assert "\n" not in str(caught.value)


def test_is_url() -> None:
    assert is_url("https://example.org/review") and is_url("http://127.0.0.1:8000/a")
    assert not is_url("reviews/a.html") and not is_url("ftp://x/y") and not is_url("http://")


# --- feeds -------------------------------------------------------------------------------


def test_rss_and_atom_feeds_list_their_reviews(site: _Site, fetcher: Fetcher) -> None:
    pytest.importorskip("feedparser")
    rss = read_feed(fetcher, f"{site.base}/feed.rss")
    assert [e.url for e in rss] == [
        f"{site.base}/reviews/roundup_viner.html",
        f"{site.base}/reviews/site_byline.html",
        f"{site.base}/reviews/single_review.html",  # a relative link, resolved
    ]
    assert rss[0].published == datetime(2023, 7, 21, 7, 0, tzinfo=UTC)
    atom = read_feed(fetcher, f"{site.base}/feed.atom", since=date(2023, 8, 1))
    assert [e.url for e in atom] == [f"{site.base}/reviews/roundup_okafor.html"]


def test_a_page_is_not_a_feed(site: _Site, fetcher: Fetcher) -> None:
    pytest.importorskip("feedparser")
    url = f"{site.base}/reviews/single_review.html"
    with pytest.raises(NotAPage, match=r"not a feed \(text/html"):
        read_feed(fetcher, url)


# --- the command ---------------------------------------------------------------------------

runner = CliRunner()


def add(db: str, *args: str):
    result = runner.invoke(
        app,
        ["--db", db, "--create", "add", "--json", "--rate", "1000", "--timeout", "0.5", *args],
        catch_exceptions=False,
    )
    outcomes = json.loads(result.stdout) if result.stdout.strip() else []
    return result, {o["source"]: o for o in outcomes}


def test_cli_batch_keeps_the_good_and_reports_each_failure_on_one_line(
    site: _Site, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'm.db'}"
    good = f"{site.base}/reviews/single_review.html"
    bad = [f"{site.base}/doc.pdf", f"{site.base}/reviews/nope.html", f"{site.base}/stall"]
    result, outcomes = add(db, good, *bad)
    assert result.exit_code == 1
    assert outcomes[good]["status"] == "added"
    for url in bad:
        assert outcomes[url]["status"] == "error"
        assert outcomes[url]["message"].startswith(url) and "\n" not in outcomes[url]["message"]
    assert "Traceback" not in result.output


def test_cli_does_not_refetch_a_stored_url_unless_refresh(site: _Site, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'm.db'}"
    url = f"{site.base}/reviews/roundup_okafor.html"
    result, outcomes = add(db, url)
    assert result.exit_code == 0 and [o["status"] for o in outcomes.values()] == ["added"]
    with Store(db).transaction(write=False) as tx:
        assert tx.has_url(url)
    before = site.hits["/reviews/roundup_okafor.html"]
    result, outcomes = add(db, url)
    assert result.exit_code == 0 and outcomes[url]["status"] == "duplicate"
    assert site.hits["/reviews/roundup_okafor.html"] == before
    result, _ = add(db, url, "--refresh")
    assert result.exit_code == 0
    assert site.hits["/reviews/roundup_okafor.html"] == before + 1
    films = json.loads(runner.invoke(app, ["--db", db, "films", "--json"]).stdout)
    assert sorted(f["title"] for f in films) == ["Monster", "Scrapper", "Talk to Me"]


def test_cli_url_list_file(site: _Site, tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(
        f"# this week's reviews\n{site.base}/reviews/single_review.html\n\n"
        f"{site.base}/reviews/site_byline.html  # the Finescoop one\nnot a url\n"
    )
    result, outcomes = add(f"sqlite:///{tmp_path / 'm.db'}", "--urls", str(listing))
    assert result.exit_code == 1  # the bad line
    assert outcomes[f"{listing}:5"]["message"] == "not an http(s) URL: not a url"
    added = [s for s, o in outcomes.items() if o["status"] == "added"]
    assert sorted(added) == [
        f"{site.base}/reviews/single_review.html",
        f"{site.base}/reviews/site_byline.html",
    ]


def test_url_list_comments_and_blanks() -> None:
    urls, bad = url_list("# c\n\nhttps://a.example/x # note\n  http://b.example/y\n", "f")
    assert urls == ["https://a.example/x", "http://b.example/y"] and bad == []


def test_cli_feed_with_since(site: _Site, tmp_path: Path) -> None:
    pytest.importorskip("feedparser")
    db = f"sqlite:///{tmp_path / 'm.db'}"
    result, outcomes = add(db, "--feed", f"{site.base}/feed.rss", "--since", "2023-07-01")
    assert result.exit_code == 0, result.output
    assert sorted(outcomes) == [
        f"{site.base}/reviews/roundup_viner.html",
        f"{site.base}/reviews/site_byline.html",
    ]
    films = json.loads(runner.invoke(app, ["--db", db, "films", "--json"]).stdout)
    assert len(films) == 4  # three from the round-up, The Holdovers from the other
    result, outcomes = add(db, "--feed", f"{site.base}/missing.rss")
    assert result.exit_code == 1
    assert outcomes[f"{site.base}/missing.rss"]["message"].endswith("404 Not Found")


def test_cli_bad_since_and_nothing_to_add(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'm.db'}"
    result = runner.invoke(app, ["--db", db, "add", "--feed", "http://x/f", "--since", "June"])
    assert result.exit_code == 2 and "--since takes a date" in result.output
    result = runner.invoke(app, ["--db", db, "add"])
    assert result.exit_code == 2 and "nothing to add" in result.output
    result = runner.invoke(app, ["--db", db, "add", "http://x/a", "--since", "2025-01-01"])
    assert result.exit_code == 2 and "use it with --feed" in result.output
