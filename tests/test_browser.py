"""The film page in a real browser: Debian's chromium driven by Playwright against a live
uvicorn server over a store of the bundled samples.

Playwright's own browser download cannot work offline, so the system ``chromium`` is the
executable (``.ci/run`` installs it with apt). A screenshot of the film page is saved to
``test-artifacts/film-page.png``.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from marquee.aggregate import shown
from marquee.documents import ReadOptions
from marquee.ingest import add_reviews, expand, read_reviews
from marquee.review import FilmHint
from marquee.store import Store
from marquee.web import create_app, write_static_page

CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip(
        "BROWSER TESTS SKIPPED: no `chromium` on PATH; install Debian's package "
        "(apt-get install chromium) to run them",
        allow_module_level=True,
    )

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "examples" / "ballerina"
ARTIFACTS = ROOT / "test-artifacts"
FIXTURE = Path(__file__).parent / "fixtures" / "web" / "film_report.json"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

HOSTILE_PASTE = (
    "Night Terrors is a creaky haunted-house film. "
    "<script>window.__pwned=1;document.title='pwned'</script> "
    'The scares are cheap <img src=x onerror="window.__pwned=2"> and the cast is wasted. '
    '<a href="javascript:window.__pwned=3">click me</a> '
    "<style>body{display:none}</style> Rating: 2/5"
)
HOSTILE_MARKDOWN = b"""---
title: "<img src=x onerror=window.__pwned=5> Terrors"
outlet: "<script>window.__pwned=6</script>Weekly"
url: "javascript:window.__pwned=7"
rating: 3/10
---
Night Terrors is a mess, and <svg onload="window.__pwned=8"></svg> no amount of fog helps.
"""


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A live server on a free localhost port over a fresh store of the samples."""
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'store.db'}"
    store = Store(url)
    reviews, _failures = read_reviews(expand([SAMPLES])[0], options=ReadOptions(), hint=FilmHint())
    list(add_reviews(store, reviews))
    store.close()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(url), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)
    sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(5_000)
    yield context.new_page()
    context.close()


def film_report(page: Page, base_url: str, title: str) -> dict[str, Any]:
    films = page.request.get(f"{base_url}/.json", params={"q": title}).json()
    report: dict[str, Any] = page.request.get(f"{base_url}/films/{films[0]['slug']}.json").json()
    return report


def test_film_page_shows_badges_chart_and_cards(page: Page, base_url: str) -> None:
    report = film_report(page, base_url, "Ballerina")
    slug = report["film"]["slug"]
    errors: list[str] = []  # a CSP violation (an inline style, say) is logged as an error
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{base_url}/")
    page.get_by_role("searchbox").fill("wick")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Ballerina").click()
    expect(page).to_have_url(f"{base_url}/films/{slug}")
    expect(page.locator("h1")).to_have_text("Ballerina (2025)")
    fresh = report["aggregate"]["fresh_percent"]
    badge = page.locator("[data-badge=fresh]")
    expect(badge.locator(".badge-value")).to_have_text(f"{shown(fresh)}%")
    expect(badge).to_have_class(re.compile("fresh" if fresh >= 60 else "rotten"))
    colour = badge.locator(".badge-value").evaluate("e => getComputedStyle(e).color")
    assert colour == (
        "rgb(46, 125, 50)" if fresh >= 60 else "rgb(198, 40, 40)"
    )  # the stylesheet loaded
    chart = page.locator("#score-distribution svg")
    expect(chart).to_be_visible()
    assert chart.bounding_box()["width"] > 300
    scored = sum(r["score"] is not None for r in report["reviews"])
    assert chart.locator("rect.bar").count() >= 1 and scored >= 1
    cards = page.locator("article.card")
    expect(cards).to_have_count(len(report["reviews"]))
    expect(cards.first.locator("a.full")).to_have_attribute("href", f"/films/{slug}/reviews/0")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "film-page.png"), full_page=True)
    cards.nth(1).locator("a.full").click()
    expect(page.locator(".body p").first).to_have_text(
        report["reviews"][1]["body"].split("\n\n")[0]
    )
    assert not errors


def test_uploading_a_review_changes_the_page(page: Page, base_url: str) -> None:
    before = film_report(page, base_url, "Ballerina")
    slug = before["film"]["slug"]
    page.goto(f"{base_url}/films/{slug}")
    page.locator("textarea[name=text]").fill(
        "Ballerina (2025) review by Nadia Flores. The action is ferocious and inventive, and "
        "Ana de Armas commits to every fight, but the story is thin. Rating: 9/10"
    )
    page.get_by_role("button", name="Add reviews").click()
    outcome = page.locator("table.outcomes tbody tr")
    expect(outcome).to_have_count(1)
    expect(outcome.first).to_have_class("added")
    film = before["film"]
    page.get_by_role("link", name=f"See {film['title']} ({film['year']})").click()
    expect(page.locator("article.card")).to_have_count(len(before["reviews"]) + 1)
    expect(page.locator("article.card").last.locator(".critic")).to_have_text("Nadia Flores")
    after = film_report(page, base_url, "Ballerina")
    expect(page.locator("[data-badge=fresh] .badge-note")).to_contain_text(
        f"{after['aggregate']['fresh']} fresh"
    )
    assert after["aggregate"]["fresh"] == before["aggregate"]["fresh"] + 1


def assert_nothing_ran(page: Page, title: str, dialogs: list[str]) -> None:
    assert page.evaluate("window.__pwned") is None
    assert page.title() == title and not dialogs
    hostile = (
        "script:not([src='/static/marquee.js']), img, [onerror], [onload], a[href^='javascript:' i]"
    )
    assert page.locator(hostile).count() == 0
    assert page.evaluate("getComputedStyle(document.body).display") != "none"
    expect(page.locator("main")).to_be_visible()


@pytest.mark.parametrize("bypass_csp", [True, False], ids=["escaping-alone", "escaping-and-csp"])
def test_hostile_review_does_not_execute(browser: Browser, base_url: str, bypass_csp: bool) -> None:
    """Escaping must hold on its own (the CSP is bypassed in one run), and together."""
    context = browser.new_context(bypass_csp=bypass_csp)
    context.set_default_timeout(5_000)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{base_url}/")
    page.locator("input[name=title]").fill("Night Terrors")
    page.locator("input[name=year]").fill("2024")
    run = f" (run {bypass_csp})"  # each run adds its own reviews, not duplicates
    page.locator("textarea[name=text]").fill(HOSTILE_PASTE + run)
    page.locator("input[type=file]").set_input_files(
        {
            "name": 'terrors "onerror=x".md',
            "mimeType": "text/markdown",
            "buffer": HOSTILE_MARKDOWN + run.encode(),
        }
    )
    page.get_by_role("button", name="Add reviews").click()
    expect(page.locator("table.outcomes tbody tr")).to_have_count(2)
    assert_nothing_ran(page, "Reviews added · marquee", dialogs)
    page.locator("a.back").first.click()
    expect(page).to_have_title("Night Terrors (2024) · marquee")
    assert_nothing_ran(page, "Night Terrors (2024) · marquee", dialogs)
    expect(page.locator("article.card .review-heading").filter(has_text="<img").first).to_have_text(
        "<img src=x onerror=window.__pwned=5> Terrors"
    )
    expect(page.locator("article.card .outlet-link").filter(has_text="Weekly").first).to_have_text(
        "<script>window.__pwned=6</script>Weekly"
    )
    expect(page.locator("a.original")).to_have_count(0)
    links = page.locator("article.card a.full").evaluate_all("links => links.map(a => a.href)")
    for link in links:
        page.goto(link)
        expect(page).to_have_title(re.compile(r" · Night Terrors · marquee$"))
        assert_nothing_ran(page, page.title(), dialogs)
    page.goto(links[0])
    expect(page.locator(".body")).to_contain_text(
        "<script>window.__pwned=1;document.title='pwned'</script>"
    )
    expect(page.locator(".body")).to_contain_text("<style>body{display:none}</style>")
    context.close()


def test_static_export_opens_offline_with_charts_and_quotes(
    browser: Browser, tmp_path: Path
) -> None:
    report = json.loads(FIXTURE.read_text(encoding="utf-8"))
    out = tmp_path / "film.html"
    write_static_page(report, out)
    context = browser.new_context(offline=True)
    page = context.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("console", lambda m: failed.append(m.text) if m.type == "error" else None)
    page.goto(out.as_uri())
    expect(page.locator("[data-badge=score] .badge-value")).to_have_text("66")
    expect(page.locator("#aspect-agreement svg g.aspect")).to_have_count(
        len(report["aggregate"]["aspects"])
    )
    detail = page.locator("details.aspect-detail", has_text="Ines Varga (performance)")
    quote = detail.locator(".evidence").first
    expect(quote).to_be_hidden()
    detail.locator("summary").click()
    expect(quote).to_be_visible()
    expect(quote).to_contain_text("Varga is extraordinary")
    quote.get_by_role("link").click()
    assert page.url.endswith("#review-4")
    expect(page.locator("section.quoted li")).to_have_count(2)
    assert (
        page.locator(".consensus-text").evaluate("e => getComputedStyle(e).fontStyle") == "italic"
    )
    assert not failed
    context.close()


# ── phone and desktop: the pages around the film page ───────────────────────────────────

TAP_TARGETS = ", ".join(
    (
        "header.site a, header.site button, header.site input",
        ".review-filters a, .card footer a, table.films a, .pager a, .exports a",
        "main button, main input:not([type=hidden]), summary",
        ".hits a, .written .full, .status-line a, .crumbs a",
        ".credits a, .cast a, .others a, .written-review .film a",
    )
)
SMALL_TARGETS = """sel => [...document.querySelectorAll(sel)]
  .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== "hidden")
  .map(e => [e.getBoundingClientRect(), e.outerHTML.slice(0, 80)])
  .filter(([r]) => r.height < 44 || r.width < 44)
  .map(([r, html]) => `${Math.round(r.width)}x${Math.round(r.height)} ${html}`)"""
CHART_TEXT = """svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const size = t => parseFloat(getComputedStyle(t).fontSize);
  return [...svg.querySelectorAll("text")].map(t => size(t) * scale);
}"""


def browse_paths(page: Page, base_url: str) -> dict[str, str]:
    """Every kind of page, found the way a reader would reach it: through search."""
    report = film_report(page, base_url, "Ballerina")
    critic = next(r["critic"] for r in report["reviews"] if r["critic"])
    actor = report["film"]["cast"][0]["actor"]

    def first(q: str, kind: str) -> str:
        hits = page.request.get(f"{base_url}/search.json", params={"q": q}).json()
        href: str = next(h["href"] for h in hits if h["kind"] == kind)
        return href

    slug = report["film"]["slug"]
    return {
        "film": f"/films/{slug}",
        "list": "/films?sort=fresh",
        "review": f"/films/{slug}/reviews/0",
        "critic": first(critic, "critic"),
        "person": first(actor, "person"),
        "search": "/search?q=balerina",
        "docs": "/docs",
        "missing": "/films/balerina",
    }


@pytest.mark.parametrize("width", [390, 1280])
def test_pages_fit_the_screen_with_big_tap_targets(
    browser: Browser, base_url: str, width: int
) -> None:
    """No page scrolls sideways, every control is at least 44 × 44 px, and the charts'
    text stays legible (10 px or more as drawn) with every figure on the page."""
    context = browser.new_context(viewport={"width": width, "height": 844}, has_touch=True)
    context.set_default_timeout(5_000)
    page = context.new_page()
    for name, path in browse_paths(page, base_url).items():
        page.goto(base_url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= width, f"{name} page is {overflow} px wide at {width} px"
        small = page.evaluate(SMALL_TARGETS, TAP_TARGETS)
        assert not small, f"{name} page at {width} px has small tap targets: {small}"
    page.goto(base_url + browse_paths(page, base_url)["film"])
    charts = page.locator("svg.chart")
    assert charts.count() == 2
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
        assert min(charts.nth(i).evaluate(CHART_TEXT)) >= 10
    report = film_report(page, base_url, "Ballerina")
    bins = {min(int(r["score"]["value"] // 10), 9) for r in report["reviews"] if r["score"]}
    counts = page.locator("#score-distribution svg g.bin text.count")
    expect(counts).to_have_count(len(bins))
    rows = page.locator("#aspect-agreement svg g.aspect")
    assert rows.count() >= 1
    for i in range(rows.count()):  # each bar's figure is written beside it
        bars = rows.nth(i).locator("rect.bar")
        expect(rows.nth(i).locator("text.count")).to_have_count(bars.count())
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"film-page-{width}.png"), full_page=True)
    context.close()


@pytest.mark.parametrize("script", [True, False], ids=["with-js", "without-js"])
def test_review_filters_and_sort_are_links(browser: Browser, base_url: str, script: bool) -> None:
    """Fresh only, then by score: plain links without JavaScript; with it, the reviews are
    swapped in place (the page is not reloaded) and the address still changes."""
    context = browser.new_context(java_script_enabled=script)
    context.set_default_timeout(5_000)
    page = context.new_page()
    report = film_report(page, base_url, "Ballerina")
    page.goto(f"{base_url}/films/{report['film']['slug']}")
    page.evaluate("window.__same_page = 1") if script else None
    fresh = [n for n, r in enumerate(report["reviews"]) if r["verdict"] == "fresh"]
    page.locator(".review-filters a", has_text="Fresh").click()
    expect(page).to_have_url(re.compile(r"verdict=fresh"))
    expect(page.locator("article.card")).to_have_count(len(fresh))
    page.locator(".review-filters").get_by_role("link", name="Highest score").click()
    expect(page).to_have_url(re.compile(r"verdict=fresh&sort=score"))
    scored = [n for n in fresh if report["reviews"][n]["score"]]
    by_score = sorted(scored, key=lambda n: report["reviews"][n]["score"]["value"], reverse=True)
    expected = [f"review-{n}" for n in by_score + [n for n in fresh if n not in scored]]
    expect(page.locator("article.card")).to_have_count(len(expected))
    assert page.locator("article.card").evaluate_all("cs => cs.map(c => c.id)") == expected
    if script:
        assert page.evaluate("window.__same_page") == 1
    context.close()


def test_film_list_form_sorts_and_filters(page: Page, base_url: str) -> None:
    """The list's own form, submitted as a reader would, with some fields left empty."""
    page.goto(f"{base_url}/films")
    page.get_by_label("Fresh % at least").fill("0")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"fresh_min=0"))
    expect(page.locator("table.films tbody tr").first).to_be_visible()
    page.locator("table.films th a", has_text="Year").click()
    expect(page).to_have_url(re.compile(r"sort=year.*fresh_min=0|fresh_min=0.*sort=year"))
    expect(page.locator("h1")).to_contain_text("Films")
