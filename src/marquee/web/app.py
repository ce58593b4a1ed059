"""The web app: film pages and their JSON twins over the store the CLI uses.

Every page is one view serving two routes, ``/films/{slug}`` (HTML) and
``/films/{slug}.json`` (the same ``report_json`` dict ``marquee report --json`` prints), the
way datasette pairs its pages. Errors of every kind go through one renderer
(:func:`.responses.error_response`); the guards in :mod:`.guards` wrap the whole app.

Reports come from :func:`marquee.report_cache.film_report` (built once per change of the
film and kept in the store), the same source as ``marquee report``. Routes are sync
``def``: FastAPI runs them in its threadpool, so SQLite work never blocks the event loop;
uploads are serialised by a lock in :mod:`marquee.web.uploads`.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict
from typing import Annotated, Any

import uvicorn
from fastapi import FastAPI, File, Form, Path, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from marquee.browse.films import top_critic_flags
from marquee.browse.lookup import film_label, find_report_film
from marquee.browse.search import Hit, search
from marquee.errors import MarqueeError, NotFound
from marquee.report_cache import film_report
from marquee.review import FilmHint
from marquee.store import FilmEntry, Store
from marquee.web import browse_views, pages
from marquee.web.guards import LOCAL_HOSTS, BodyLimit, SameSite, SecurityHeaders
from marquee.web.responses import ErrorBody, error_response, wants_json
from marquee.web.review_filters import ReviewFilter
from marquee.web.uploads import DEFAULT_LIMITS, UploadLimits, UploadResult, ingest, inputs_from

log = logging.getLogger(__name__)

UPLOAD_PATHS = frozenset({"/reviews", "/reviews.json"})


# ── helpers ─────────────────────────────────────────────────────────────────────────────


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _limits(request: Request) -> UploadLimits:
    limits: UploadLimits = request.app.state.limits
    return limits


def _film(store: Store, slug: str) -> FilmEntry:
    """The film at ``/films/{slug}``: by its slug, else a title, alias or part of one
    (redirected to its slug); a near miss is not taken, but offered on the 404 page."""
    entry = store.film_by_slug(slug)
    if entry is not None:
        return entry
    entry, guessed = find_report_film(store, slug)
    if guessed:
        raise NotFound(f"no film called {slug!r}")
    return entry


def _canonical(request: Request, slug: str, entry: FilmEntry) -> RedirectResponse | None:
    """A redirect to the film's own slug when it was reached by title, alias or a part."""
    if entry.slug == slug:
        return None
    path = request.url.path.replace(f"/films/{slug}", f"/films/{entry.slug}", 1)
    return RedirectResponse(request.url.replace(path=path), status_code=307)


def _page(request: Request, template: str, data: Any, /, **context: Any) -> Response:
    """The JSON twin (``data`` as is) or the HTML page rendered with ``context``."""
    if wants_json(request):
        return JSONResponse(data)
    return HTMLResponse(pages.render(template, limits=_limits(request), **context))


# ── routes ──────────────────────────────────────────────────────────────────────────────

ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "No such film or review"},
    422: {"model": ErrorBody, "description": "Invalid parameters"},
}


def film_page(request: Request, slug: str) -> Response:
    """One film: facts, headline figures, charts, consensus and every review."""
    store = _store(request)
    entry = _film(store, slug)
    if redirect := _canonical(request, slug, entry):
        return redirect
    report = film_report(store, entry)
    if wants_json(request):
        return JSONResponse(report)
    view = ReviewFilter.from_query(request.query_params)
    top = top_critic_flags(store, entry.id)
    return HTMLResponse(pages.film_page(report, limits=_limits(request), view=view, top=top))


def review_page(request: Request, slug: str, n: Annotated[int, Path(ge=0)]) -> Response:
    """One review's full cleaned text, shown as text, with its score and opinions."""
    store = _store(request)
    entry = _film(store, slug)
    if redirect := _canonical(request, slug, entry):
        return redirect
    report = film_report(store, entry)
    reviews = report["reviews"]
    if n >= len(reviews):
        raise NotFound(f"{entry.slug} has {len(reviews)} review(s); there is no review {n}")
    return _page(
        request,
        "review.html",
        reviews[n],
        review=reviews[n],
        film=report["film"],
        n=n,
        total=len(reviews),
    )


def add_reviews(
    request: Request,
    text: Annotated[str, Form(description="A review pasted as text, Markdown or HTML")] = "",
    title: Annotated[
        str | None, Form(max_length=500, description="The film, when reviews do not say")
    ] = None,
    year: Annotated[str | None, Form(max_length=4, pattern=r"^\d{0,4}$")] = None,
    files: Annotated[
        list[UploadFile] | None, File(description="Review files in any shape marquee reads")
    ] = None,
) -> Response:
    """Add pasted text and uploaded files through the same ingest as ``marquee add``."""
    inputs = inputs_from(text, [(f.filename, f.file.read()) for f in files or ()])
    hint = FilmHint(title=(title or "").strip() or None, year=int(year) if year else None)
    result: UploadResult = ingest(
        _store(request), inputs, hint=hint, limits=_limits(request), lock=request.app.state.lock
    )
    counts = {
        s: sum(o.status == s for o in result.outcomes)
        for s in ("added", "duplicate", "error", "refused")
    }
    slugs = {*result.films, *(o.film for o in result.outcomes if o.film)}
    found = {slug: _store(request).film_by_slug(slug) for slug in slugs}
    return _page(
        request,
        "outcome.html",
        asdict(result),
        outcomes=result.outcomes,
        films=result.films,
        titles={slug: film_label(e) for slug, e in found.items() if e is not None},
        counts=counts,
    )


def _twins(
    app: FastAPI,
    path: str,
    view: Any,
    *,
    method: str,
    summary: str,
    model: Any = None,
    **extra: Any,
) -> None:
    """``view`` at ``{path}.json`` and at ``path``; the twin first, so that a ``{slug}``
    parameter does not swallow the ``.json`` suffix."""
    app.add_api_route(
        f"{path}.json",
        view,
        methods=[method],
        response_model=model,
        tags=["json"],
        summary=f"{summary} (JSON)",
        **extra,
    )
    app.add_api_route(
        path,
        view,
        methods=[method],
        response_class=HTMLResponse,
        tags=["pages"],
        summary=summary,
        **extra,
    )


def _routes(app: FastAPI, limits: UploadLimits) -> None:
    browse_views.routes(app)
    _twins(app, "/films/{slug}", film_page, method="GET", summary="Film report", responses=ERRORS)
    _twins(
        app,
        "/films/{slug}/reviews/{n}",
        review_page,
        method="GET",
        summary="One review",
        responses=ERRORS,
    )
    _twins(
        app,
        "/reviews",
        add_reviews,
        method="POST",
        summary="Add reviews",
        model=UploadResult,
        responses={400: {"model": ErrorBody}, 413: {"model": ErrorBody}, 422: {"model": ErrorBody}},
        form_limits={
            "max_files": limits.max_files,
            "max_fields": 8,
            "max_part_size": limits.max_file_bytes,
        },
    )


def suggestions(request: Request, status: int) -> list[Hit]:
    """For a page that is not there, what its address might have meant: a search for the
    words of its last part ("/films/balerina" → Ballerina)."""
    if status != 404 or wants_json(request):
        return []
    words = request.url.path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".json")
    words = re.sub(r"[-_+]+|\b\d{4}$", " ", words).strip()
    try:
        return search(_store(request), words, limit=5) if words else []
    except MarqueeError:
        return []


def _handlers(app: FastAPI) -> None:
    async def marquee_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, MarqueeError)
        near = await run_in_threadpool(suggestions, request, exc.status)
        return error_response(request, exc.status, str(exc), suggestions=near)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        detail = "no such page" if exc.status_code == 404 else str(exc.detail)
        near = await run_in_threadpool(suggestions, request, exc.status_code)
        response = error_response(request, exc.status_code, detail, suggestions=near)
        response.headers.update(exc.headers or {})
        return response

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problems = [
            f"{'.'.join(map(str, e['loc'][1:])) or 'request'}: {e['msg']}" for e in exc.errors()
        ]
        return error_response(request, 422, "invalid request", problems)

    app.add_exception_handler(MarqueeError, marquee_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)


def create_app(
    store_url: str,
    *,
    limits: UploadLimits = DEFAULT_LIMITS,
    allowed_hosts: frozenset[str] | None = LOCAL_HOSTS,
) -> FastAPI:
    """The app over one store; the store is opened now, so a bad URL fails at start-up.

    ``allowed_hosts`` are the names the server answers to (None: any, for a server
    deliberately exposed beyond this machine).
    """
    store = Store(store_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="marquee",
        summary="A critics' consensus engine: film reports and their reviews.",
        docs_url=None,  # Swagger UI loads scripts from a CDN: /docs is our own page
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.lock = threading.Lock()
    app.state.limits = limits
    app.add_middleware(BodyLimit, paths=UPLOAD_PATHS, max_bytes=limits.max_total_bytes)
    app.add_middleware(SameSite, hosts=allowed_hosts)
    app.add_middleware(SecurityHeaders)  # added last, so it wraps everything, refusals too
    app.mount("/static", StaticFiles(packages=[("marquee.web", "static")]), name="static")
    _routes(app, limits)
    _handlers(app)
    return app


def serve(store_url: str, *, host: str = "127.0.0.1", port: int = 8150) -> None:
    """Run the app with uvicorn until interrupted; localhost only unless told otherwise."""
    if host not in LOCAL_HOSTS:
        log.warning(
            "serving on %s: anyone who can reach it can read the store and add reviews", host
        )
    log.info("film pages at http://%s:%d/", host, port)
    app = create_app(store_url, allowed_hosts=LOCAL_HOSTS if host in LOCAL_HOSTS else None)
    uvicorn.run(app, host=host, port=port, server_header=False, log_level="info")
