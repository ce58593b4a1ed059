"""The pages around the film page: the film list (sortable, filterable, as HTML, JSON and
CSV), search, critic, outlet and person pages, and the API's own documentation page.

Every page is a view over :mod:`marquee.browse` with a ``.json`` twin, registered by
:func:`routes`. Views are sync ``def``, so FastAPI runs their store reads in its
threadpool, off the event loop.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from marquee.browse.bylines import Kind, byline
from marquee.browse.films import FilmQuery, ListedFilm, films_csv, list_films
from marquee.browse.people import person_page
from marquee.browse.search import search
from marquee.store import Store
from marquee.web import pages
from marquee.web.responses import ErrorBody, wants_json

PAGE_SIZE = 100
"""Films, or a critic's reviews, per HTML page (the JSON and CSV twins give every one)."""
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody}}
INVALID: dict[int | str, dict[str, Any]] = {422: {"model": ErrorBody}}


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _html(request: Request, template: str, /, **context: Any) -> HTMLResponse:
    return HTMLResponse(pages.render(template, limits=request.app.state.limits, **context))


Page = Annotated[int, Query(ge=1, le=100_000, description="Page of the HTML list")]
# Bounds arrive as text: the list's filter form sends its empty fields as "" too.
Year = Annotated[str, Query(pattern=r"^(\d{4})?$", description="A year, e.g. 2020")]
Score = Annotated[str, Query(pattern=r"^((100|\d{1,2})(\.\d+)?)?$", description="0–100")]


def matches(film: ListedFilm, q: str) -> bool:
    """A film whose slug, title or an alias contains ``q`` (case-insensitive)."""
    needle = q.strip().casefold()
    names = (film.slug, film.title or "", *film.aliases)
    return not needle or any(needle in name.casefold() for name in names)


def film_list(
    request: Request,
    q: Annotated[str, Query(max_length=200, description="Title, alias or slug")] = "",
    sort: Annotated[
        Literal["reviews", "fresh", "average", "year", "title"], Query(description="Sort by")
    ] = "reviews",
    order: Annotated[Literal["", "asc", "desc"], Query(description="Default: natural")] = "",
    year_from: Year = "",
    year_to: Year = "",
    fresh_min: Score = "",
    fresh_max: Score = "",
    average_min: Score = "",
    page: Page = 1,
) -> Response:
    """Films with fresh %, average, review count and year; sorted and filtered. A ``q``
    that no title contains is read as a near miss ("balerina") and matched fuzzily."""
    store = _store(request)
    query = FilmQuery(
        sort=sort,
        descending=None if not order else order == "desc",
        year_from=int(year_from) if year_from else None,
        year_to=int(year_to) if year_to else None,
        fresh_min=float(fresh_min) if fresh_min else None,
        fresh_max=float(fresh_max) if fresh_max else None,
        average_min=float(average_min) if average_min else None,
    )
    films = list_films(store, query)
    if q:
        exact = [f for f in films if matches(f, q)]
        near = {h.slug for h in search(store, q, limit=20) if h.kind == "film"}
        films = exact or [f for f in films if f.slug in near]
    path = request.url.path
    if path.endswith(".csv"):
        return Response(
            films_csv(films),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="films.csv"'},
        )
    if wants_json(request):
        return JSONResponse([f.json() for f in films])
    window = _pages(request, len(films), page)
    return _html(
        request,
        "films.html",
        films=films[window["start"] : window["stop"]],
        total=len(films),
        q=q,
        query=query,
        **window,
    )


def search_page(
    request: Request, q: Annotated[str, Query(max_length=200, description="Any name")] = ""
) -> Response:
    """Films, people, critics and outlets matching ``q``, forgiving typos and accents."""
    hits = search(_store(request), q) if q.strip() else []
    if wants_json(request):
        return JSONResponse(
            [
                {
                    "kind": h.kind,
                    "name": h.name,
                    "slug": h.slug,
                    "href": h.href,
                    "detail": h.detail,
                    "score": h.score,
                }
                for h in hits
            ]
        )
    return _html(request, "search.html", hits=hits, q=q)


def _pages(request: Request, total: int, page: int) -> dict[str, Any]:
    """A long list's window and its previous/next links, keeping the other parameters."""
    params = {k: v for k, v in request.query_params.items() if k != "page"}
    last = max(1, -(-total // PAGE_SIZE))
    links = [
        (label, urlencode({**params, "page": n}))
        for label, n in (("← Previous", page - 1), ("Next →", page + 1))
        if 1 <= n <= last
    ]
    start = (page - 1) * PAGE_SIZE
    return {"start": start, "stop": start + PAGE_SIZE, "pager": links, "params": params}


def _byline(request: Request, kind: Kind, slug: str, page: int) -> Response:
    found = byline(_store(request), kind, slug)
    if wants_json(request):
        return JSONResponse(found.json())
    return _html(request, "byline.html", page=found, **_pages(request, len(found.reviews), page))


def critic_page(request: Request, slug: str, page: Page = 1) -> Response:
    """Every review by one critic, their average, and how often they agree with the films'
    consensus; the outlets they wrote for."""
    return _byline(request, "critic", slug, page)


def outlet_page(request: Request, slug: str, page: Page = 1) -> Response:
    """Every review one outlet published, its average and agreement; its critics."""
    return _byline(request, "outlet", slug, page)


def people_page(request: Request, slug: str) -> Response:
    """A cast or crew member's films, and the critics' praise and pans for their work."""
    page = person_page(_store(request), slug)
    if wants_json(request):
        return JSONResponse(page.json())
    return _html(request, "person.html", page=page)


def docs_page(request: Request) -> Response:
    """The API, read from its OpenAPI schema: every route, its parameters and answers.
    Rendered here rather than by Swagger UI, which loads its scripts from a CDN."""
    schema = request.app.openapi()
    return _html(request, "docs.html", schema=schema, paths=schema.get("paths", {}))


def _add(
    app: FastAPI,
    paths: tuple[str, ...],
    view: Any,
    summary: str,
    *,
    html: bool,
    responses: dict[int | str, dict[str, Any]] | None = None,
) -> None:
    """``view`` at each of ``paths``, as a page or as its JSON (or CSV) twin."""
    kind = {"response_class": HTMLResponse, "tags": ["pages"]} if html else {"tags": ["json"]}
    for path in paths:
        app.add_api_route(
            path,
            view,
            methods=["GET"],
            summary=summary if html else f"{summary} (JSON)",
            responses=responses,
            **kind,
        )


def routes(app: FastAPI) -> None:
    """Register the browse pages, each with its ``.json`` twin (the twin first, so that a
    ``{slug}`` does not swallow the ``.json`` suffix)."""
    _add(app, ("/.json", "/films.json", "/films.csv"), film_list, "List films", html=False,
         responses=INVALID)  # fmt: skip
    _add(app, ("/", "/films"), film_list, "List films", html=True, responses=INVALID)
    pairs = (
        ("/search", search_page, "Search films, people, critics and outlets"),
        ("/critics/{slug}", critic_page, "A critic's reviews"),
        ("/outlets/{slug}", outlet_page, "An outlet's reviews"),
        ("/people/{slug}", people_page, "A person's films and reception"),
    )
    for path, view, summary in pairs:
        _add(app, (f"{path}.json",), view, summary, html=False, responses=NOT_FOUND)
        _add(app, (path,), view, summary, html=True, responses=NOT_FOUND)
    _add(app, ("/docs",), docs_page, "API documentation", html=True)
