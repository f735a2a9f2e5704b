"""The local web app: server-rendered pages with HTMX over ``mlroute.services``; a JSON API with the same documents
as the CLI's ``--json`` output (one schema, at ``/api/openapi.json``). Everything (scripts, styles) is served from
the package; nothing leaves the machine.

``create_app`` reads the settings once and makes one store for the app's life; routes get them (and the
knowledge base) as ``Annotated`` dependencies from ``web.deps``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from mlroute import __version__
from mlroute.errors import UnknownIdError, UserError
from mlroute.settings import Settings
from mlroute.store import Store
from mlroute.web import api, documents, interview, match, onboarding, pages, site, team, words
from mlroute.web.deps import THEMES, language
from mlroute.web.i18n import LANGUAGES, translations
from mlroute.web.limits import DEFAULT_MAX_BODY
from mlroute.web.security import protect

log = logging.getLogger(__name__)
WEB_DIR = Path(str(resources.files("mlroute.web")))


def _templates(lang: str) -> Jinja2Templates:
    """One template environment per language, its catalog installed once (safe under concurrent requests)."""
    env = Environment(
        loader=FileSystemLoader(str(WEB_DIR / "templates")),
        autoescape=select_autoescape(("html", "svg")),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # the templates ship with the package; no stat() per render
    )
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.globals["words"] = words.for_language(lang)
    return Jinja2Templates(env=env)


def page_context(request: Request, **extra: Any) -> dict[str, Any]:
    lang = language(request)
    theme = request.cookies.get("theme")
    return {
        "request": request,
        "lang": lang,
        "theme": theme if theme in THEMES else "light",
        "languages": LANGUAGES,
        "csrf_token": request.scope.get("state", {}).get("csrf_token", ""),
        "account": request.scope.get("state", {}).get("account"),  # team mode: the signed-in account
        "version": __version__,
        **extra,
    }


def create_app(
    max_body: int = DEFAULT_MAX_BODY, *, settings: Settings | None = None, store: Store | None = None, **guards: Any
) -> FastAPI:
    """The app over ``store`` (default: the database ``settings`` name; settings default: the environment);
    ``guards`` go to ``web.security.protect`` (allowed_hosts, tokens, request and extraction seconds). With
    ``settings.team`` accounts are on (``web.auth``); also a factory for ``uvicorn --factory --workers N``."""
    settings = settings or Settings()
    store = store or Store(settings.database_url())
    if settings.team:
        guards = team.guards(settings, store, guards)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="mlroute",
        version=__version__,
        docs_url=None,  # Swagger UI would load from a CDN; /docs serves a local page instead.
        redoc_url=None,
        openapi_url=None,  # the schema is the API's: /api/openapi.json
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store
    if settings.team:
        team.install(app, store)  # accounts: web.auth, web.team_pages (inside the checks below)
    protect(app, max_body=max_body, **guards)  # Host, Origin, CSRF token, body size, time limits: web.security
    app.mount("/static", StaticFiles(directory=str(WEB_DIR / "static")), name="static")
    templates = {lang: _templates(lang) for lang in LANGUAGES}

    def render(request: Request, name: str, status_code: int = 200, **extra: Any) -> HTMLResponse:
        ctx = page_context(request, **extra)
        return templates[ctx["lang"]].TemplateResponse(request, name, ctx, status_code=status_code)

    app.state.render = render

    _handle_errors(app, render)
    for module in (pages, onboarding, match, documents, site, interview):
        app.include_router(module.router)
    app.include_router(api.router, prefix="/api")
    return app


def _handle_errors(app: FastAPI, render: Callable[..., HTMLResponse]) -> None:
    """A ``UserError`` or a bad request as JSON under /api/, else as the error page (in the notice area for HTMX)."""

    def error_page(request: Request, status: int, message: str, hint: str | None) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message, "hint": hint}, status_code=status)
        response = render(request, "error.html", status_code=status, message=message, hint=hint)
        if request.headers.get("hx-request"):
            # HTMX shows the message in the page's notice area instead of replacing what the user was on.
            response.headers.update({"HX-Retarget": "#flash", "HX-Reswap": "innerHTML", "HX-Reselect": "#error-card"})
        return response

    @app.exception_handler(UserError)
    async def user_error(request: Request, exc: UserError) -> Response:
        log.info("%s %s refused: %s", request.method, request.url.path, exc.message)
        return error_page(request, 404 if isinstance(exc, UnknownIdError) else 400, exc.message, exc.hint)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse(api.invalid_request(exc.errors(), request.headers.get("content-type", "")), 422)
        fields = ", ".join(sorted({str(e["loc"][-1]) for e in exc.errors()}))
        return error_page(request, 422, f"Some fields are missing or invalid: {fields}.", "Go back and fill them in.")
