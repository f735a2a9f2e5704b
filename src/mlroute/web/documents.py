"""Documents to download — transition plan, learning log, portfolio checklist, calendar, backup — and restoring a
backup. The services render each document to bytes (``mlroute export`` writes the same bytes to a file); here
they are sent to the browser as they are, with no file in between.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from mlroute.errors import UserError
from mlroute.export.context import has_employer
from mlroute.services import backup as backup_service
from mlroute.services import documents
from mlroute.services.documents import Rendered
from mlroute.web import state
from mlroute.web.deps import KbOrNoneDep, LangDep, SettingsDep, StoreDep

router = APIRouter(tags=["documents"])

EXPORTS = tuple(documents.RENDERERS)


def download(rendered: Rendered, name: str) -> Response:
    filename = f"mlroute-{name}-{dt.date.today().isoformat()}.{rendered.format}"
    return Response(
        rendered.data,
        media_type=rendered.media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )


@router.get("/documents", response_class=HTMLResponse, include_in_schema=False)
def documents_page(request: Request, store: StoreDep) -> Response:
    """The downloads; the transition plan is described for a manager only when the person has an employer (the
    document addresses a mentor or study partner otherwise)."""
    current = state.current(store)
    response: Response = request.app.state.render(
        request,
        "documents.html",
        formats=documents.FORMATS,
        exports=list(EXPORTS),
        has_plan=current is not None,
        has_employer=has_employer(current.profile) if current else False,
    )
    return response


@router.get("/documents/calendar.ics", summary="mlroute export calendar (the .ics file)")
def calendar(
    store: StoreDep, kb: KbOrNoneDep, page_lang: LangDep, at: str = "19:00", block: str = "2h", lang: str | None = None
) -> Response:
    """``lang`` (en or zh) overrides the page's language."""
    return download(documents.calendar(store, kb, at=at, block=block, lang=lang or page_lang), "calendar")


@router.get("/documents/backup.json", summary="mlroute backup (the JSON file)")
def backup(store: StoreDep) -> Response:
    return download(backup_service.backup(store), "backup")


@router.get(
    "/documents/{doc}.{fmt}", summary="mlroute export transition-plan | learning-log | portfolio (md, html, pdf)"
)
def export(
    store: StoreDep,
    kb: KbOrNoneDep,
    settings: SettingsDep,
    page_lang: LangDep,
    doc: str,
    fmt: str,
    lang: str | None = None,
) -> Response:
    """The document in the page's language; ``lang`` (en or zh) overrides it."""
    if doc not in documents.RENDERERS:
        raise UserError(f"Unknown document {doc!r}.", hint=f"Choose one of: {', '.join(EXPORTS)}.")
    chosen = lang or page_lang
    rendered = documents.RENDERERS[doc](store, kb, documents.check_format(fmt), font=settings.pdf_font, lang=chosen)
    return download(rendered, doc)


@router.post("/documents/restore", response_class=HTMLResponse, summary="mlroute restore (a backup file upload)")
async def restore(
    request: Request, store: StoreDep, backup_file: UploadFile = File(...), replace: str = Form("")
) -> Response:
    data = await backup_file.read()
    if not data:
        raise UserError("No backup file chosen.", hint="Choose a file written by mlroute backup (a .json file).")
    source = backup_file.filename or "backup.json"
    tables = backup_service.parse(data, source=source)
    result = backup_service.restore(store, tables, source=source, replace=replace == "yes")
    response: Response = request.app.state.render(request, "restored.html", result=result)
    return response
