"""The local web app: server-rendered pages with HTMX over ``mlroute.services``; a JSON API with the same documents
as the CLI's ``--json`` output. Everything (scripts, styles) is served from the package; nothing leaves the machine.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Form, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from mlroute import __version__
from mlroute.errors import UnknownIdError, UserError
from mlroute.services import kb as kb_service
from mlroute.web import api, documents, interview, match, onboarding, pages, words
from mlroute.web.csrf import CSRFMiddleware
from mlroute.web.headers import SecurityHeadersMiddleware
from mlroute.web.i18n import LANGUAGES, pick_language, translations
from mlroute.web.limits import DEFAULT_MAX_BODY, BodyLimitMiddleware

WEB_DIR = Path(str(resources.files("mlroute.web")))
THEMES = ("light", "dark")
YEAR = 3600 * 24 * 365


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
    lang = pick_language(request.cookies.get("lang"), request.headers.get("accept-language"))
    theme = request.cookies.get("theme")
    return {
        "request": request,
        "lang": lang,
        "theme": theme if theme in THEMES else "light",
        "languages": LANGUAGES,
        "csrf_token": request.scope.get("state", {}).get("csrf_token", ""),
        "version": __version__,
        **extra,
    }


def language(request: Request) -> str:
    return pick_language(request.cookies.get("lang"), request.headers.get("accept-language"))


def back_to(request: Request, fallback: str = "/") -> str:
    """Where to return after a form: the ``next`` the form names when it is a local path, else ``fallback``."""
    target = request.query_params.get("next") or fallback
    return target if target.startswith("/") and not target.startswith("//") else fallback


def create_app(max_body: int = DEFAULT_MAX_BODY) -> FastAPI:
    app = FastAPI(
        title="mlroute",
        version=__version__,
        docs_url=None,  # Swagger UI would load from a CDN; /docs serves a local page instead.
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.add_middleware(CSRFMiddleware, exempt_prefixes=())
    app.add_middleware(BodyLimitMiddleware, max_body=max_body)  # runs before CSRF, which buffers the body
    app.add_middleware(SecurityHeadersMiddleware)
    app.mount("/static", StaticFiles(directory=str(WEB_DIR / "static")), name="static")
    templates = {lang: _templates(lang) for lang in LANGUAGES}

    def render(request: Request, name: str, status_code: int = 200, **extra: Any) -> HTMLResponse:
        ctx = page_context(request, **extra)
        return templates[ctx["lang"]].TemplateResponse(request, name, ctx, status_code=status_code)

    app.state.render = render

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
        return error_page(request, 404 if isinstance(exc, UnknownIdError) else 400, exc.message, exc.hint)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "Invalid request.", "detail": exc.errors()}, status_code=422)
        fields = ", ".join(sorted({str(e["loc"][-1]) for e in exc.errors()}))
        return error_page(request, 422, f"Some fields are missing or invalid: {fields}.", "Go back and fill them in.")

    @app.get("/settings", response_class=HTMLResponse, include_in_schema=False)
    def settings_page(request: Request) -> HTMLResponse:
        from mlroute.web import state

        current = state.current()
        hours = current["profile"].get("hours_per_week") if current else None
        return render(request, "settings.html", hours=hours, has_plan=current is not None)

    @app.post("/settings", include_in_schema=False)
    def save_settings(request: Request, lang: str = Form(""), theme: str = Form("")) -> Response:
        response = RedirectResponse(back_to(request, "/settings"), status_code=303)
        if lang in LANGUAGES:
            response.set_cookie("lang", lang, samesite="strict", max_age=YEAR)
        if theme in THEMES:
            response.set_cookie("theme", theme, samesite="strict", max_age=YEAR)
        return response

    @app.get("/kb", response_class=HTMLResponse, include_in_schema=False)
    def kb_page(request: Request, q: str = "") -> HTMLResponse:
        hits = kb_service.search(q, limit=50, lang=language(request)) if q else []
        return render(request, "kb.html", q=q, hits=hits, stats=kb_service.stats())

    @app.get("/kb/{ref}", response_class=HTMLResponse, include_in_schema=False)
    def kb_record(request: Request, ref: str) -> HTMLResponse:
        return render(request, "kb_record.html", record=kb_service.show(ref))

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        return render(request, "api_docs.html", spec=app.openapi())

    for module in (pages, onboarding, match, documents, interview):
        app.include_router(module.router)
    app.include_router(api.router, prefix="/api")
    return app
