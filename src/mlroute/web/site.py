"""The pages around the journey: the knowledge base browser, and the API's documentation (``/docs``, a local
page) and schema (``/api/openapi.json``)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from mlroute.services import kb as kb_service
from mlroute.web.deps import KbDep, LangDep

router = APIRouter(include_in_schema=False)


def _render(request: Request, name: str, **extra: object) -> HTMLResponse:
    response: HTMLResponse = request.app.state.render(request, name, **extra)
    return response


@router.get("/kb", response_class=HTMLResponse)
def kb_page(request: Request, kb: KbDep, lang: LangDep, q: str = "") -> HTMLResponse:
    hits = kb_service.search(q, limit=50, lang=lang, idx=kb).root if q else []
    return _render(request, "kb.html", q=q, hits=hits, stats=kb_service.stats(kb))


@router.get("/kb/{ref}", response_class=HTMLResponse)
def kb_record(request: Request, ref: str, kb: KbDep, lang: LangDep) -> HTMLResponse:
    record = kb_service.show(ref, kb).root
    resources = {r.id: r.title_zh if lang == "zh" and r.title_zh else r.title for r in kb.kb.resources}
    skills = {s.id: s.name.get(lang) for s in kb.kb.skills}
    return _render(request, "kb_record.html", record=record, skills=skills, resources=resources)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    return _render(request, "api_docs.html", spec=request.app.openapi())


@router.get("/openapi.json")
def old_schema_address() -> RedirectResponse:
    return RedirectResponse("/api/openapi.json", status_code=308)


@router.get("/api/openapi.json")
def openapi_schema(request: Request) -> JSONResponse:
    return JSONResponse(request.app.openapi())
