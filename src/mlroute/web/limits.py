"""A cap on request bodies (uploads included), enforced before anything buffers or parses them.

The CSRF check reads the whole body to find the token, so the cap must come first: a ``Content-Length`` over the
limit is refused at once, and a body sent without one (chunked) is counted as it arrives and refused when it
passes the limit. The answer is 413 with a message that says the limit and what to do instead.
"""

from __future__ import annotations

import json
from html import escape

from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_MAX_BODY = 5 * 1024 * 1024


class BodyTooLarge(Exception):
    pass


def too_large_message(limit: int) -> tuple[str, str]:
    mb = limit / (1024 * 1024)
    size = f"{mb:g} MB" if mb >= 1 else f"{limit // 1024} KB"
    return (
        f"The upload is larger than the {size} limit.",
        "Paste the text of the posting instead, or save it as plain text or a smaller PDF/DOCX.",
    )


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_body: int = DEFAULT_MAX_BODY) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = next((v for k, v in scope.get("headers", []) if k == b"content-length"), None)
        if length is not None and length.isdigit() and int(length) > self.max_body:
            await self._refuse(scope, send)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge
            return message

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, watch)
        except BodyTooLarge:
            if started:
                raise
            await self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        message, hint = too_large_message(self.max_body)
        headers = [(b"connection", b"close")]
        if scope["path"].startswith("/api/"):
            body = json.dumps({"error": message, "hint": hint}).encode()
            headers.append((b"content-type", b"application/json"))
        else:
            body = (
                '<!doctype html><html><head><meta charset="utf-8"><title>413</title></head><body>'
                f'<div id="error-card" class="card error" role="alert"><p>{escape(message)}</p>'
                f"<p>{escape(hint)}</p></div></body></html>"
            ).encode()
            headers += [
                (b"content-type", b"text/html; charset=utf-8"),
                (b"hx-retarget", b"#flash"),
                (b"hx-reswap", b"innerHTML"),
                (b"hx-reselect", b"#error-card"),
            ]
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})
