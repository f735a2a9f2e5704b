"""The local web app: server-rendered pages with HTMX over ``mlroute.services``; a JSON API with the same documents
as the CLI's ``--json`` output. Everything (scripts, styles) is served from the package; nothing leaves the machine.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from mlroute import __version__
from mlroute.errors import UserError
from mlroute.services import kb as kb_service
from mlroute.web.csrf import CSRFMiddleware
from mlroute.web.i18n import LANGUAGES, pick_language, translations

WEB_DIR = Path(str(resources.files("mlroute.web")))
THEMES = ("light", "dark")


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))
    templates.env.add_extension("jinja2.ext.i18n")
    templates.env.policies["ext.i18n.trimmed"] = True
    return templates


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


def create_app() -> FastAPI:
    app = FastAPI(
        title="mlroute",
        version=__version__,
        docs_url=None,  # Swagger UI would load from a CDN; /docs serves a local page instead.
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.add_middleware(CSRFMiddleware, exempt_prefixes=())
    app.mount("/static", StaticFiles(directory=str(WEB_DIR / "static")), name="static")
    templates = _templates()

    def render(request: Request, name: str, status_code: int = 200, **extra: Any) -> HTMLResponse:
        ctx = page_context(request, **extra)
        templates.env.install_gettext_translations(translations(ctx["lang"]), newstyle=True)  # type: ignore[attr-defined]
        return templates.TemplateResponse(request, name, ctx, status_code=status_code)

    app.state.render = render

    @app.exception_handler(UserError)
    async def user_error(request: Request, exc: UserError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.message, "hint": exc.hint}, status_code=400)
        return render(request, "error.html", status_code=400, error=exc)

    @app.get("/settings", response_class=HTMLResponse)
    def settings_page(request: Request) -> HTMLResponse:
        return render(request, "settings.html")

    @app.post("/settings")
    def save_settings(lang: str = Form("en"), theme: str = Form("light")) -> Response:
        response = RedirectResponse("/settings", status_code=303)
        if lang in LANGUAGES:
            response.set_cookie("lang", lang, samesite="strict", max_age=3600 * 24 * 365)
        if theme in THEMES:
            response.set_cookie("theme", theme, samesite="strict", max_age=3600 * 24 * 365)
        return response

    @app.get("/kb", response_class=HTMLResponse)
    def kb_page(request: Request, q: str = "") -> HTMLResponse:
        ctx_lang = page_context(request)["lang"]
        hits = kb_service.search(q, limit=50, lang=ctx_lang) if q else []
        return render(request, "kb.html", q=q, hits=hits, stats=kb_service.stats())

    @app.get("/kb/{ref}", response_class=HTMLResponse)
    def kb_record(request: Request, ref: str) -> HTMLResponse:
        return render(request, "kb_record.html", record=kb_service.show(ref))

    @app.get("/api/kb/stats")
    def api_kb_stats() -> dict[str, Any]:
        return kb_service.stats()

    @app.get("/api/kb/search")
    def api_kb_search(q: str, limit: int = 20, lang: str = "en") -> list[dict[str, Any]]:
        return kb_service.search(q, limit=limit, lang=lang)

    @app.get("/api/kb/{ref}")
    def api_kb_show(ref: str) -> dict[str, Any]:
        return kb_service.show(ref)

    @app.get("/docs", response_class=HTMLResponse)
    def api_docs(request: Request) -> HTMLResponse:
        return render(request, "api_docs.html", spec=app.openapi())

    return app
