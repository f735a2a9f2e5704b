"""The pages around the journey: settings (language, theme), the knowledge base browser, and the API's
documentation (``/docs``, a local page) and schema (``/api/openapi.json``)."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from mlroute.services import kb as kb_service
from mlroute.web import state
from mlroute.web.deps import THEMES, KbDep, LangDep, StoreDep, back_to
from mlroute.web.i18n import LANGUAGES

router = APIRouter(include_in_schema=False)
YEAR = 3600 * 24 * 365


def _render(request: Request, name: str, **extra: object) -> HTMLResponse:
    response: HTMLResponse = request.app.state.render(request, name, **extra)
    return response


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, store: StoreDep) -> HTMLResponse:
    current = state.current(store)
    hours = current.profile.get("hours_per_week") if current else None
    return _render(request, "settings.html", hours=hours, has_plan=current is not None)


@router.post("/settings")
def save_settings(request: Request, lang: str = Form(""), theme: str = Form("")) -> Response:
    response = RedirectResponse(back_to(request, "/settings"), status_code=303)
    if lang in LANGUAGES:
        response.set_cookie("lang", lang, samesite="strict", max_age=YEAR)
    if theme in THEMES:
        response.set_cookie("theme", theme, samesite="strict", max_age=YEAR)
    return response


@router.get("/kb", response_class=HTMLResponse)
def kb_page(request: Request, kb: KbDep, lang: LangDep, q: str = "") -> HTMLResponse:
    hits = kb_service.search(q, limit=50, lang=lang, idx=kb).root if q else []
    return _render(request, "kb.html", q=q, hits=hits, stats=kb_service.stats(kb))


@router.get("/kb/{ref}", response_class=HTMLResponse)
def kb_record(request: Request, ref: str, kb: KbDep) -> HTMLResponse:
    return _render(request, "kb_record.html", record=kb_service.show(ref, kb).root)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    return _render(request, "api_docs.html", spec=request.app.openapi())


@router.get("/openapi.json")
def old_schema_address() -> RedirectResponse:
    return RedirectResponse("/api/openapi.json", status_code=308)


@router.get("/api/openapi.json")
def openapi_schema(request: Request) -> JSONResponse:
    return JSONResponse(request.app.openapi())
