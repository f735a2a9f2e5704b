"""The local server answers its owner's browser and nobody else's pages.

Three checks, before anything else runs:

- **Host.** Only ``127.0.0.1``, ``localhost`` and ``[::1]`` (plus the names given with ``mlroute serve
  --allow-host``). A page on a rebinding domain (``evil.example`` resolving to 127.0.0.1) reaches the port, but its
  requests say ``Host: evil.example`` and get 400, so it can read nothing and post nothing.
- **Origin on every state-changing request.** A browser sends ``Origin`` and ``Sec-Fetch-Site`` with each POST;
  anything but this very origin (``same-origin``, or ``none`` for a request the user typed) is refused with 403
  (a page on another localhost port is ``same-site``, not ``same-origin``). The CSRF token (``web.csrf``) is
  checked after this, so a request must pass both.
- **API reads and downloads** (every ``GET /api/…`` and ``/documents/…`` file, the full backup among them) need a
  browser's same-origin marker or the API token: a request that says it comes from another site is refused, and a
  request with no browser marker at all (a script, ``curl``) must send ``Authorization: Bearer <token>``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from mlroute.web.csrf import SAFE_METHODS, CSRFMiddleware, Tokens, cookie_nonces
from mlroute.web.headers import SecurityHeadersMiddleware
from mlroute.web.limits import (
    DEFAULT_EXTRACT_SECONDS,
    DEFAULT_REQUEST_SECONDS,
    BodyLimitMiddleware,
    RequestTimeoutMiddleware,
)
from mlroute.web.refusal import refusal

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
PROTECTED_READS = ("/api/", "/documents/")
PUBLIC_READS = frozenset({"/api/openapi.json"})  # the API's schema: no personal data
SAME_ORIGIN = frozenset({"same-origin", "none"})


def split_host(value: str) -> tuple[str, int | None] | None:
    """``localhost:8000`` → ("localhost", 8000); ``[::1]:80`` → ("::1", 80); None when it is no host."""
    if not value or any(ch in value for ch in "/?#@ \\") or len(value) > 300:
        return None
    try:
        parts = urlsplit("//" + value)
        host, port = parts.hostname, parts.port
    except ValueError:
        return None
    return (host, port) if host else None


def host_allowed(host: str, allowed: Sequence[str]) -> bool:
    host = host.lower().rstrip(".")
    return any(host == a or (a.startswith("*.") and host.endswith(a[1:])) for a in allowed)


class LocalOnlyMiddleware:
    def __init__(
        self, app: ASGIApp, tokens: Tokens, allowed_hosts: Sequence[str] = LOOPBACK_HOSTS, team: bool = False
    ) -> None:
        self.app = app
        self.tokens = tokens
        self.allowed = tuple(h.lower().strip("[]") for h in allowed_hosts)
        self.team = team  # accounts are on: a script reading the API signs in instead of sending the API token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        problem = self.problem(scope)
        if problem is None:
            await self.app(scope, receive, send)
            return
        status, message, hint = problem
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        await refusal(scope, status, message, hint)(scope, receive, send)

    def problem(self, scope: Scope) -> tuple[int, str, str] | None:
        """Why this request is refused (status, message, hint), or None."""
        headers = Headers(scope=scope)
        hosts = headers.getlist("host")
        parsed = split_host(hosts[0]) if len(hosts) == 1 else None
        if parsed is None or not host_allowed(parsed[0], self.allowed):
            names = ", ".join(f"[{h}]" if ":" in h else h for h in self.allowed)
            return (
                400,
                f"This mlroute server answers only to {names}.",
                "Open it as http://127.0.0.1:PORT; to use another name, start it with mlroute serve --allow-host NAME.",
            )
        site = headers.get("sec-fetch-site")
        origin = headers.get("origin")
        # Sec-Fetch-Site is set by the browser alone and decides when present. `Origin: null` (a privacy-minded
        # referrer policy or a sandboxed frame) is foreign only for a browser that sends no Sec-Fetch-Site.
        foreign_origin = (
            origin is not None
            and not (origin == "null" and site in SAME_ORIGIN)
            and not self.same_origin(origin, scope.get("scheme", "http"), hosts[0])
        )
        if scope["type"] == "websocket" or scope["method"] not in SAFE_METHODS:
            if (site is not None and site not in SAME_ORIGIN) or foreign_origin:
                return (
                    403,
                    "A request from another site was refused.",
                    "Changes can be made only from mlroute's own pages.",
                )
            return None
        if scope["path"].startswith(PROTECTED_READS) and scope["path"] not in PUBLIC_READS:
            if (site is not None and site not in SAME_ORIGIN) or foreign_origin:
                return (403, "Another site may not read your mlroute data.", "Open the link from mlroute's pages.")
            if (
                site is None
                and not self.team
                and not self.tokens.valid(self.tokens.from_headers(headers), cookie_nonces(headers))
            ):
                return (
                    403,
                    "Reading mlroute's API needs the API token.",
                    "Send the token that mlroute serve printed at start: Authorization: Bearer TOKEN.",
                )
        return None

    @staticmethod
    def same_origin(origin: str, scheme: str, host: str) -> bool:
        """``Origin: http://localhost:8000`` is this server when it names the scheme and Host of the request."""
        try:
            parts = urlsplit(origin)
        except ValueError:
            return False
        own = {"ws": "http", "wss": "https"}.get(scheme, scheme)
        return parts.scheme == own and parts.netloc.lower() == host.lower() and not parts.path


def protect(
    app: Any,
    *,
    max_body: int,
    allowed_hosts: Sequence[str] = LOOPBACK_HOSTS,
    tokens: Tokens | None = None,
    request_seconds: float = DEFAULT_REQUEST_SECONDS,
    extract_seconds: float = DEFAULT_EXTRACT_SECONDS,
    team: bool = False,
) -> Tokens:
    """Wrap the app in every guard, outermost first: response headers, Host/Origin, wall time, body size, CSRF
    token (which reads the body, so the size cap comes before it). Returns the tokens (the API token for serve)."""
    tokens = tokens or Tokens()
    binding: Callable[[Headers], str | None] | None = None
    if team:  # form tokens bound to the signed-in session too (web.csrf)
        from mlroute.web.auth import session_token

        binding = session_token
    app.add_middleware(CSRFMiddleware, tokens=tokens, binding=binding)
    app.add_middleware(BodyLimitMiddleware, max_body=max_body)
    app.add_middleware(RequestTimeoutMiddleware, seconds=request_seconds, extract_seconds=extract_seconds)
    app.add_middleware(LocalOnlyMiddleware, tokens=tokens, allowed_hosts=allowed_hosts, team=team)
    app.add_middleware(SecurityHeadersMiddleware)
    app.state.tokens = tokens
    return tokens
