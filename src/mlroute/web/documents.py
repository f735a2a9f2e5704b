"""Documents to download — transition plan, learning log, portfolio checklist, calendar, backup — and restoring a
backup. The tracking service writes each document to a file (as ``mlroute export`` does); here it writes into a
private temporary folder and the bytes are sent to the browser.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from mlroute.errors import UserError
from mlroute.services import tracking
from mlroute.web import state

router = APIRouter(tags=["documents"])

FORMATS = ("md", "html", "pdf")
MEDIA = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "ics": "text/calendar; charset=utf-8",
    "json": "application/json",
}
EXPORTS: dict[str, Callable[..., dict[str, Any]]] = {
    "transition-plan": tracking.export_transition_plan,
    "learning-log": tracking.export_learning_log,
    "portfolio": tracking.export_portfolio,
}


def produce(write: Callable[[Path], Any], filename: str) -> bytes:
    """Run a service that writes a file, and return what it wrote."""
    with tempfile.TemporaryDirectory(prefix="mlroute-doc-") as folder:
        path = Path(folder) / filename
        write(path)
        return path.read_bytes()


def download(data: bytes, filename: str, fmt: str) -> Response:
    return Response(
        data,
        media_type=MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )


def stamped(name: str, fmt: str) -> str:
    return f"mlroute-{name}-{dt.date.today().isoformat()}.{fmt}"


@router.get("/documents", response_class=HTMLResponse, include_in_schema=False)
def documents_page(request: Request) -> Response:
    response: Response = request.app.state.render(
        request, "documents.html", formats=FORMATS, exports=list(EXPORTS), has_plan=state.has_plan()
    )
    return response


@router.get("/documents/calendar.ics", summary="mlroute export calendar (the .ics file)")
def calendar(at: str = "19:00", block: str = "2h") -> Response:
    name = stamped("calendar", "ics")
    return download(produce(lambda p: tracking.export_calendar(p, at=at, block=block), name), name, "ics")


@router.get("/documents/backup.json", summary="mlroute backup (the JSON file)")
def backup() -> Response:
    name = stamped("backup", "json")
    return download(produce(tracking.backup, name), name, "json")


@router.get(
    "/documents/{doc}.{fmt}", summary="mlroute export transition-plan | learning-log | portfolio (md, html, pdf)"
)
def export(doc: str, fmt: str) -> Response:
    if doc not in EXPORTS:
        raise UserError(f"Unknown document {doc!r}.", hint=f"Choose one of: {', '.join(EXPORTS)}.")
    if fmt not in FORMATS:
        raise UserError(f"Unknown format {fmt!r}.", hint=f"Choose one of: {', '.join(FORMATS)}.")
    name = stamped(doc, fmt)
    return download(produce(lambda p: EXPORTS[doc](p, fmt=fmt), name), name, fmt)


@router.post("/documents/restore", response_class=HTMLResponse, summary="mlroute restore (a backup file upload)")
async def restore(request: Request, backup_file: UploadFile = File(...), replace: str = Form("")) -> Response:
    data = await backup_file.read()
    if not data:
        raise UserError("No backup file chosen.", hint="Choose a file written by mlroute backup (a .json file).")
    with tempfile.TemporaryDirectory(prefix="mlroute-restore-") as folder:
        path = Path(folder) / "backup.json"
        path.write_bytes(data)
        result = tracking.restore(path, replace=replace == "yes")
    response: Response = request.app.state.render(request, "restored.html", result=result)
    return response
