"""Team mode in the web app: who each request is from, the sign-in and sign-out pages, and who may do what.

``install(app)`` (called by ``create_app`` when the settings say team mode) adds ``AccountMiddleware``: it reads
the session cookie, finds the account (``services.auth``) and puts it in the request's state; a request without
one gets 401 (the sign-in page, or JSON under ``/api/``) unless its route is public (``PUBLIC``). Every other
route then works on the signed-in person's data only, because ``web.deps.get_store`` hands routes the store
scoped to that account. Routes for mentors and admins also declare the role they need (``MentorDep``,
``AdminDep``, ``menteeof``): the authorization matrix test reads those declarations from the route table.

Cookies: ``mlroute_session`` (``__Host-mlroute_session`` over HTTPS, where it is also ``Secure``), HttpOnly,
SameSite=Lax, a random token of which the database keeps only the hash. Signing in always starts a new session
(the browser's previous one ends), so a session fixed before sign-in is worthless.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any

from anyio import to_thread
from fastapi import APIRouter, Depends, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from mlroute.errors import UserError
from mlroute.services import auth as auth_service
from mlroute.services.auth import CurrentUser, SignInRefused
from mlroute.store import Store

log = logging.getLogger(__name__)
COOKIE = "mlroute_session"
SECURE_COOKIE = "__Host-mlroute_session"
PUBLIC = frozenset({("GET", "/login"), ("POST", "/login"), ("GET", "/api/openapi.json")})
PUBLIC_PREFIXES = ("/static/",)
HOME = {"learner": "/", "mentor": "/cohort", "admin": "/admin"}
router = APIRouter(include_in_schema=False)


def session_token(headers: Headers, *, secure_only: bool = False) -> str | None:
    """The session cookie's value: the ``__Host-`` one when there is one; over HTTPS (``secure_only``) only that
    one, so a cookie injected over plain HTTP cannot stand in for a session."""
    found: dict[str, str] = {}
    for header in headers.getlist("cookie"):
        for part in header.split(";"):
            name, _, value = part.strip().partition("=")
            if name in (SECURE_COOKIE, COOKIE) and value and name not in found:
                found[name] = value.strip('"')
    return found.get(SECURE_COOKIE) or (None if secure_only else found.get(COOKIE))


def client_of(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


class Denied(Exception):
    """401 (not signed in) or 403 (signed in, not allowed); answered as JSON under /api/, else as a page."""

    def __init__(self, status: int, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.status, self.message, self.hint = status, message, hint


class AccountMiddleware:
    """Puts the signed-in account in ``scope["state"]["account"]``; refuses non-public requests without one."""

    def __init__(self, app: ASGIApp, store: Store) -> None:
        self.app = app
        self.store = store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path, method = scope["path"], scope["method"]
        if path.startswith(PUBLIC_PREFIXES):  # static files: no account needed, no lookup
            await self.app(scope, receive, send)
            return
        token = session_token(Headers(scope=scope), secure_only=scope.get("scheme") == "https")
        user = await to_thread.run_sync(auth_service.current_user, self.store, token) if token else None
        scope.setdefault("state", {})["account"] = user
        public = (method if method != "HEAD" else "GET", path) in PUBLIC
        if user is None and not public:
            response = sign_in_required(scope)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def sign_in_required(scope: Scope) -> Response:
    message, hint = "Sign in to continue.", "This mlroute server has accounts: sign in at /login."
    if scope["path"].startswith("/api/"):
        return JSONResponse({"error": message, "hint": hint}, 401, headers={"WWW-Authenticate": "Cookie"})
    request = Request(scope)
    target = scope["path"] + (f"?{scope['query_string'].decode('latin-1')}" if scope.get("query_string") else "")
    render = scope["app"].state.render
    response: Response = render(request, "login.html", status_code=401, next=target, error=None)
    if request.headers.get("hx-request"):
        response.headers["HX-Redirect"] = "/login?next=" + target
    return response


def account(request: Request) -> CurrentUser:
    """The signed-in account (team mode), or 401."""
    user: CurrentUser | None = request.scope.get("state", {}).get("account")
    if user is None:
        raise Denied(401, "Sign in to continue.", "Sign in at /login.")
    return user


def requires(*roles: str) -> Any:
    """A dependency that lets only these roles through (403 for the others). The matrix test reads ``roles``."""

    def check(request: Request) -> CurrentUser:
        user = account(request)
        if user.role not in roles:
            raise Denied(403, "Your account may not open this page.", f"It is for: {', '.join(roles)}.")
        return user

    check.roles = roles  # type: ignore[attr-defined]
    return Depends(check)


AccountDep = Annotated[CurrentUser, Depends(account)]
MentorDep = Annotated[CurrentUser, requires("mentor", "admin")]
AdminDep = Annotated[CurrentUser, requires("admin")]


def install(app: FastAPI, store: Store) -> None:
    """Turn accounts on: the middleware, the answers for refusals, the sign-in pages (call before ``protect``,
    so the host, origin and CSRF checks run first)."""
    app.add_middleware(AccountMiddleware, store=store)

    @app.exception_handler(Denied)
    async def denied(request: Request, exc: Denied) -> Response:
        if exc.status == 401:
            return sign_in_required(request.scope)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.message, "hint": exc.hint}, exc.status)
        render = request.app.state.render
        page: Response = render(request, "error.html", status_code=exc.status, message=exc.message, hint=exc.hint)
        return page

    app.include_router(router)


def _cookie_name(request: Request) -> str:
    return SECURE_COOKIE if request.url.scheme == "https" else COOKIE


def _set_session(response: Response, request: Request, token: str) -> None:
    response.set_cookie(
        _cookie_name(request),
        token,
        max_age=int(auth_service.LIFETIME.total_seconds()),
        path="/",
        secure=request.url.scheme == "https",
        httponly=True,
        samesite="lax",
    )


def _local(target: str) -> str | None:
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else None


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "") -> Response:
    response: Response = request.app.state.render(request, "login.html", next=_local(next) or "", error=None)
    return response


@router.post("/login")
def login(request: Request, username: str = Form(""), password: str = Form(""), next: str = Form("")) -> Response:
    store: Store = request.app.state.store
    render = request.app.state.render
    try:
        token, user = auth_service.sign_in(
            store, username, password, client=client_of(request.scope), previous=session_token(request.headers)
        )
    except SignInRefused as exc:
        log.info("sign-in refused for %r from %s: rate limit", username[:40], client_of(request.scope))
        minutes = max(1, round(exc.retry_after / 60))
        page: Response = render(request, "login.html", status_code=429, next=next, error="limit", retry_minutes=minutes)
        page.headers["Retry-After"] = str(exc.retry_after)
        return page
    except UserError:
        failed: Response = render(request, "login.html", status_code=401, next=next, error="wrong")
        return failed
    response = RedirectResponse(_local(next) or HOME.get(user.role, "/"), status_code=303)
    _set_session(response, request, token)
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    auth_service.sign_out(request.app.state.store, session_token(request.headers))
    response = RedirectResponse("/login", status_code=303)
    for name in (COOKIE, SECURE_COOKIE):
        response.delete_cookie(
            name, path="/", secure=name == SECURE_COOKIE or request.url.scheme == "https", httponly=True
        )
    return response


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request, user: AccountDep) -> Response:
    page: Response = request.app.state.render(request, "account.html", user=user, done=False)
    return page


@router.post("/account/password", response_class=HTMLResponse)
def change_password(
    request: Request, user: AccountDep, current: str = Form(...), new: str = Form(...), again: str = Form(...)
) -> Response:
    if new != again:
        raise UserError("The two new passwords differ.", hint="Type the same new password twice.")
    token, user = auth_service.change_own_password(request.app.state.store, user, current, new)
    response: Response = request.app.state.render(request, "account.html", user=user, done=True)
    _set_session(response, request, token)
    return response
