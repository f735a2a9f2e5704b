"""CSRF protection by the double-submit pattern.

A random token lives in a cookie; every unsafe request must echo it in the ``csrf_token`` form field or the
``X-CSRF-Token`` header (HTMX sends the header, set once on ``<body>``). A cross-site page can make the browser send
the cookie but cannot read it, so it cannot echo it.
"""

from __future__ import annotations

import secrets
from urllib.parse import parse_qs

from starlette.datastructures import MutableHeaders
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "mlroute_csrf"
HEADER = "x-csrf-token"
FIELD = "csrf_token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def _cookie(scope: Scope) -> str | None:
    for key, value in scope.get("headers", []):
        if key == b"cookie":
            for part in value.decode("latin-1").split(";"):
                name, _, val = part.strip().partition("=")
                if name == COOKIE and val:
                    return val
    return None


class CSRFMiddleware:
    def __init__(self, app: ASGIApp, exempt_prefixes: tuple[str, ...] = ()) -> None:
        self.app = app
        self.exempt_prefixes = exempt_prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = _cookie(scope)
        new_token = None if token else secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf_token"] = token or new_token

        if scope["method"] not in SAFE_METHODS and not scope["path"].startswith(self.exempt_prefixes):
            body, receive = await _buffer(receive)
            sent = _sent_token(scope, body)
            if not token or not sent or not secrets.compare_digest(token, sent):
                response = PlainTextResponse(
                    "CSRF check failed: reload the page and submit the form again.", status_code=403
                )
                await response(scope, receive, send)
                return

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and new_token:
                headers = MutableHeaders(scope=message)
                headers.append("set-cookie", f"{COOKIE}={new_token}; Path=/; SameSite=Strict; HttpOnly")
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def _sent_token(scope: Scope, body: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == HEADER.encode():
            return value.decode("latin-1")
    content_type = next((v.decode() for k, v in scope.get("headers", []) if k == b"content-type"), "")
    if content_type.startswith("application/x-www-form-urlencoded"):
        values = parse_qs(body.decode("utf-8", "replace")).get(FIELD)
        return values[0] if values else None
    if content_type.startswith("multipart/form-data"):
        marker = f'name="{FIELD}"'.encode()
        at = body.find(marker)
        if at >= 0:
            start = body.find(b"\r\n\r\n", at) + 4
            end = body.find(b"\r\n", start)
            return body[start:end].decode("utf-8", "replace") if start > 3 and end > start else None
    return None


async def _buffer(receive: Receive) -> tuple[bytes, Receive]:
    """Read the whole body (so the token can be checked) and replay it to the app."""
    chunks = []
    more = True
    while more:
        message = await receive()
        chunks.append(message.get("body", b""))
        more = message.get("more_body", False)
    body = b"".join(chunks)
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return body, replay
