"""ASGI middleware that guards the app: security headers on every response, a Host
allow-list and a same-origin rule for writes, and a cap on upload bodies.

Each refuses with the app's usual error page or JSON shape (see :mod:`.responses`).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import Request
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from marquee.errors import TooLarge
from marquee.web.responses import error_response

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


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


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
