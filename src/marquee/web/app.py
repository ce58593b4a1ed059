"""The web app: film pages and their JSON twins over the store the CLI uses.

Every page is one view serving two routes, ``/films/{slug}`` (HTML) and
``/films/{slug}.json`` (the same ``report_json`` dict ``marquee report --json`` prints), the
way datasette pairs its pages. Errors of every kind go through one renderer: HTML for
pages, and for ``.json`` routes (or clients asking only for JSON) one shape,
``{"ok": false, "error", "errors", "status"}``.

Reports come from :func:`marquee.report_cache.film_report` (built once per change of the
film and kept in the store), the same source as ``marquee report``. Routes are sync
``def``: FastAPI runs them in its threadpool, so SQLite work never blocks the event loop;
uploads are serialised by a lock in :mod:`marquee.web.uploads`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import asdict
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import uvicorn
from fastapi import FastAPI, File, Form, Path, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from marquee.errors import MarqueeError, NotFound, TooLarge
from marquee.report import film_json
from marquee.report_cache import film_report
from marquee.review import FilmHint
from marquee.store import FilmEntry, Store
from marquee.web import pages
from marquee.web.uploads import DEFAULT_LIMITS, UploadLimits, UploadResult, ingest, inputs_from

log = logging.getLogger(__name__)

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
"""Sent with every response: review text is hostile, so even if something slipped past
escaping, no inline script, plugin or foreign style could run."""


UPLOAD_PATHS = frozenset({"/reviews", "/reviews.json"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ErrorBody(BaseModel):
    """The one JSON error shape, for every error any route returns."""

    ok: Literal[False] = False
    error: str
    errors: list[str] = []
    status: int


class SameSite:
    """ASGI middleware keeping other web pages in the user's browser away from a local
    server: a request naming a host the server does not answer to is refused (DNS
    rebinding), and so is a write whose Origin is another site (a cross-site form could
    otherwise add reviews to the user's store)."""

    def __init__(self, app: ASGIApp, *, hosts: frozenset[str] | None) -> None:
        self.app, self.hosts = app, hosts

    def refusal(self, scope: Scope) -> tuple[int, str] | None:
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        if self.hosts is not None and urlsplit(f"//{host}").hostname not in self.hosts:
            return 400, f"this server answers to {', '.join(sorted(self.hosts))}, not {host!r}"
        if scope["method"] not in SAFE_METHODS and _cross_site(headers, host):
            return 403, "reviews can only be added from this server's own pages"
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        refused = self.refusal(scope) if scope["type"] == "http" else None
        if refused is None:
            await self.app(scope, receive, send)
            return
        response = error_response(Request(scope), *refused)
        await response(scope, receive, send)


def _cross_site(headers: Headers, host: str) -> bool:
    """Whether a request was sent by another site's page. Browsers say so in Sec-Fetch-Site
    (another port on localhost is "same-site", and refused too); under ``Referrer-Policy:
    no-referrer`` a same-origin form posts ``Origin: null``, so Origin decides only when it
    names a site."""
    if headers.get("sec-fetch-site") in ("cross-site", "same-site"):
        return True
    origin = headers.get("origin", "null")
    return origin != "null" and urlsplit(origin).netloc != host


class SecurityHeaders:
    """ASGI middleware adding :data:`SECURITY_HEADERS` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """ASGI middleware refusing an upload over ``max_bytes`` in total: at once when its
    Content-Length says so, else as soon as the streamed body passes the limit. Either way
    the answer is the usual error page or JSON shape, status 413."""

    def __init__(self, app: ASGIApp, *, paths: frozenset[str], max_bytes: int) -> None:
        self.app, self.paths, self.max_bytes = app, paths, max_bytes

    def _refusal(self, size: int) -> TooLarge:
        return TooLarge(
            f"the upload is {size / 1_000_000:.1f} MB, over the {self.max_bytes / 1_000_000:g} MB "
            "limit for one request; send fewer files at a time"
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            refusal = self._refusal(int(declared))
            response = error_response(Request(scope), refusal.status, str(refusal))
            await response(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:  # FastAPI's form parsing passes HTTPException through
                refusal = self._refusal(seen)
                raise HTTPException(refusal.status, str(refusal))
            return message

        await self.app(scope, limited, send)


# ── helpers ─────────────────────────────────────────────────────────────────────────────


def wants_json(request: Request) -> bool:
    """A ``.json`` route, or a client that asks for JSON and not HTML."""
    accept = request.headers.get("accept", "")
    return request.url.path.endswith(".json") or (
        "application/json" in accept and "text/html" not in accept
    )


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _limits(request: Request) -> UploadLimits:
    limits: UploadLimits = request.app.state.limits
    return limits


def matches(entry: FilmEntry, query: str) -> bool:
    """A film whose slug, title or an alias contains the query (case-insensitive)."""
    q = query.strip().casefold()
    names = (entry.slug, entry.facts.title or "", *entry.facts.aliases)
    return not q or any(q in name.casefold() for name in names)


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


def error_response(
    request: Request, status: int, message: str, errors: Iterable[str] = ()
) -> Response:
    """The one renderer for every error: the JSON shape, or the same content as a page."""
    body = ErrorBody(error=message, errors=list(errors), status=status)
    if wants_json(request):
        return JSONResponse(body.model_dump(), status_code=status)
    return HTMLResponse(pages.render("error.html", **body.model_dump()), status_code=status)


# ── routes ──────────────────────────────────────────────────────────────────────────────

ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "No such film or review"},
    422: {"model": ErrorBody, "description": "Invalid parameters"},
}


def film_list(request: Request, q: Annotated[str, Query(max_length=200)] = "") -> Response:
    """Every film (most reviewed first), filtered by ``q`` on title, alias or slug."""
    entries = [e for e in _store(request).films() if matches(e, q)]
    films = [{**film_json(e.slug, e.facts), "reviews": e.reviews} for e in entries]
    return _page(request, "films.html", films, films=films, q=q)


def film_page(request: Request, slug: str) -> Response:
    """One film: facts, headline figures, charts, consensus and every review."""
    store = _store(request)
    entry = store.find_film(slug)
    if redirect := _canonical(request, slug, entry):
        return redirect
    report = film_report(store, entry)
    if wants_json(request):
        return JSONResponse(report)
    return HTMLResponse(pages.film_page(report, limits=_limits(request)))


def review_page(request: Request, slug: str, n: Annotated[int, Path(ge=0)]) -> Response:
    """One review's full cleaned text, shown as text, with its score and opinions."""
    store = _store(request)
    entry = store.find_film(slug)
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
        s: sum(o.status == s for o in result.outcomes) for s in ("added", "duplicate", "error")
    }
    return _page(
        request,
        "outcome.html",
        asdict(result),
        outcomes=result.outcomes,
        films=result.films,
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
    _twins(app, "/", film_list, method="GET", summary="List films")
    app.add_api_route(
        "/films.json", film_list, methods=["GET"], tags=["json"], summary="List films (JSON)"
    )
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


def _handlers(app: FastAPI) -> None:
    async def marquee_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, MarqueeError)
        return error_response(request, exc.status, str(exc))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        response = error_response(request, exc.status_code, str(exc.detail))
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
        docs_url=None,  # the interactive docs load scripts from a CDN; the schema is enough
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
