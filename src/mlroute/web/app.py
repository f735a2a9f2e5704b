"""The local web app: server-rendered pages with HTMX over ``mlroute.services``; a JSON API with the same documents
as the CLI's ``--json`` output (one schema, at ``/api/openapi.json``). Everything (scripts, styles) is served from
the package; nothing leaves the machine.

``create_app`` reads the settings once and makes one store for the app's life; routes get them (and the
knowledge base) as ``Annotated`` dependencies from ``web.deps``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from mlroute import __version__
from mlroute.settings import Settings
from mlroute.store import Store
from mlroute.web import (
    api,
    documents,
    errors,
    interview,
    match,
    notices,
    onboarding,
    pages,
    settings_page,
    site,
    team,
    words,
)
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
        "theme": theme if theme in THEMES else "auto",  # "auto": follow the system until the person chooses
        "languages": LANGUAGES,
        "csrf_token": request.scope.get("state", {}).get("csrf_token", ""),
        "account": request.scope.get("state", {}).get("account"),  # team mode: the signed-in account
        "version": __version__,
        "notice": notices.read(request, lang),
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
        response = templates[ctx["lang"]].TemplateResponse(request, name, ctx, status_code=status_code)
        if ctx["notice"] is not None:
            notices.clear(request, response)
        return response

    app.state.render = render
    app.state.max_body = max_body

    errors.install(app, render, api.invalid_request)
    app.add_middleware(errors.FriendlyRefusals, render=render)  # outermost: the guards' pages in this app's words
    for module in (pages, onboarding, match, documents, settings_page, site, interview):
        app.include_router(module.router)
    app.include_router(api.router, prefix="/api")
    return app
