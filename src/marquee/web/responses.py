"""Whether a request gets a page or its JSON twin, and the one error shape every error
uses, ``{"ok": false, "error", "errors", "status"}`` (or the same content as a page)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel

from marquee.web import pages


class ErrorBody(BaseModel):
    """The one JSON error shape, for every error any route returns."""

    ok: Literal[False] = False
    error: str
    errors: list[str] = []
    status: int


def wants_json(request: Request) -> bool:
    """A ``.json`` route, or a client that asks for JSON and not HTML."""
    accept = request.headers.get("accept", "")
    return request.url.path.endswith(".json") or (
        "application/json" in accept and "text/html" not in accept
    )


def error_response(
    request: Request,
    status: int,
    message: str,
    errors: Iterable[str] = (),
    *,
    suggestions: Sequence[Any] = (),
) -> Response:
    """The one renderer for every error: the JSON shape, or the same content as a page
    (which, for a page that is not there, also offers ``suggestions``: search hits for
    the words of the address)."""
    body = ErrorBody(error=message, errors=list(errors), status=status)
    if wants_json(request):
        return JSONResponse(body.model_dump(), status_code=status)
    page = pages.render("error.html", suggestions=suggestions, **body.model_dump())
    return HTMLResponse(page, status_code=status)
