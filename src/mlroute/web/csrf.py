"""CSRF tokens that a tossed cookie cannot defeat.

Every unsafe request (POST and the like) must carry a token: the ``csrf_token`` form field or the
``X-CSRF-Token`` header (HTMX sends the header, set once on ``<body>``). The token is an HMAC, under a secret that
lives only in the server process, of a random nonce kept in the ``mlroute_csrf`` cookie.

Why not the plain double-submit cookie (the token *is* the cookie): cookies do not separate ports, so any page or
server on another ``localhost`` port can read, overwrite or add a cookie named ``mlroute_csrf`` ("cookie
tossing") and then submit its value. Here knowing or choosing the nonce is useless without the secret, and when
the browser sends several ``mlroute_csrf`` cookies (a tossed one with a narrower path comes first) the request
passes only if the token is the HMAC of one of them. ``__Host-`` cookies would not help: they are not
port-bound either. asgi-csrf was considered: its token is the (signed) cookie value itself, readable and
replayable from another localhost port, and it cannot read multipart forms.

Scripts that cannot keep a cookie send the per-process API token (``Tokens.api``, printed by ``mlroute serve``)
as ``Authorization: Bearer …`` or ``X-CSRF-Token``. Form bodies are parsed with Starlette's parser
(python-multipart), never by hand. The Origin/Sec-Fetch-Site check lives in ``web.security``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Callable, Iterable

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "mlroute_csrf"
HEADER = "x-csrf-token"
FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
FAILED = "CSRF check failed: reload the page and submit the form again."


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class Tokens:
    """The server's secret, the form token for a cookie nonce, and the API token for scripts."""

    def __init__(self, secret: bytes | None = None, api_token: str | None = None) -> None:
        self._secret = secret or secrets.token_bytes(32)
        self.api = api_token or _b64(self._mac(b"api"))

    def _mac(self, message: bytes) -> bytes:
        return hmac.new(self._secret, message, hashlib.sha256).digest()

    def for_nonce(self, nonce: str, binding: str = "") -> str:
        """The form token of a cookie nonce; in team mode bound to the session too (``binding``: its cookie), so
        a token fetched by someone else, for their own session, is no use in another person's browser."""
        bound = b"\0" + binding.encode("utf-8", "replace") if binding else b""
        return _b64(self._mac(b"csrf:" + nonce.encode("utf-8", "replace") + bound))

    def valid(self, sent: str | None, nonces: Iterable[str], binding: str = "") -> bool:
        """True when ``sent`` is the API token or the form token of one of the cookie nonces."""
        if not sent:
            return False
        ok = hmac.compare_digest(sent.encode("utf-8", "replace"), self.api.encode())
        for nonce in nonces:
            ok |= hmac.compare_digest(sent.encode("utf-8", "replace"), self.for_nonce(nonce, binding).encode())
        return ok

    def from_headers(self, headers: Headers) -> str | None:
        """The token sent in a header: ``X-CSRF-Token``, or ``Authorization: Bearer``."""
        scheme, _, value = headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and value.strip():
            return value.strip()
        return headers.get(HEADER)


def cookie_nonces(headers: Headers) -> list[str]:
    """Every ``mlroute_csrf`` value the browser sent, in its order (duplicates happen: see the module doc)."""
    out = []
    for header in headers.getlist("cookie"):
        for part in header.split(";"):
            name, _, value = part.strip().partition("=")
            if name == COOKIE and value and len(value) <= 200:
                out.append(value.strip('"'))
    return out


class CSRFMiddleware:
    def __init__(self, app: ASGIApp, tokens: Tokens, binding: Callable[[Headers], str | None] | None = None) -> None:
        self.app = app
        self.tokens = tokens
        self.binding = binding

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        nonces = cookie_nonces(headers)
        new_nonce = None if nonces else secrets.token_urlsafe(24)
        bound = (self.binding(headers) or "") if self.binding else ""
        # Pages embed the token of the nonce a later form will send back: ours is the last (widest path) cookie.
        nonce = nonces[-1] if nonces else new_nonce or ""
        scope.setdefault("state", {})["csrf_token"] = self.tokens.for_nonce(nonce, bound)

        if scope["method"] not in SAFE_METHODS:
            sent = self.tokens.from_headers(headers)
            if not self.tokens.valid(sent, nonces, bound):
                sent, receive = await _token_in_form(scope, receive, headers)
                if not self.tokens.valid(sent, nonces, bound):
                    await _refuse(scope, receive, send)
                    return

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and new_nonce:
                MutableHeaders(scope=message).append(
                    "set-cookie", f"{COOKIE}={new_nonce}; Path=/; SameSite=Strict; HttpOnly"
                )
            await send(message)

        await self.app(scope, receive, send_with_cookie)


async def _token_in_form(scope: Scope, receive: Receive, headers: Headers) -> tuple[str | None, Receive]:
    """The ``csrf_token`` field of a form body, parsed by Starlette, and a ``receive`` that replays the body."""
    if not headers.get("content-type", "").lower().startswith(FORM_TYPES):
        return None, receive
    body = await _read_body(receive)
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    parsed = False

    async def once() -> Message:
        nonlocal parsed
        if not parsed:
            parsed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    request = Request(scope, once)
    try:
        form = await request.form()
    except Exception:  # a malformed body: no token can be found in it; the check fails with 403
        return None, replay
    try:
        value = form.get(FIELD)
        return (value if isinstance(value, str) else None), replay
    finally:
        await form.close()


async def _read_body(receive: Receive) -> bytes:
    """The whole body; ``BodyLimitMiddleware`` runs before this and caps its size."""
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


async def _refuse(scope: Scope, receive: Receive, send: Send) -> None:
    from mlroute.web.refusal import refusal

    await refusal(scope, 403, FAILED, "mlroute's forms carry a token; a page elsewhere cannot submit them.")(
        scope, receive, send
    )
