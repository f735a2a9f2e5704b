"""Job match: paste a posting or upload its file, and see readiness, the missing skills and the plan items that
close them (``mlroute match POSTING`` in a browser). The extraction service reads files, so the posting is
written to a private temporary folder under the name it came with (the suffix picks the reader) and removed after.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from mlroute.errors import UserError
from mlroute.profile import Profile
from mlroute.services import extraction
from mlroute.store import Store
from mlroute.web import state
from mlroute.web.deps import StoreDep
from mlroute.web.limits import run_bounded

router = APIRouter(include_in_schema=False)  # HTML pages; /docs lists the JSON API

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")


def safe_name(filename: str | None) -> str:
    """A plain file name (no folders, no odd characters) keeping the suffix the readers choose by."""
    base = Path(filename or "").name
    stem, suffix = Path(base).stem, Path(base).suffix.lower()
    if suffix not in SUFFIXES:
        suffix = ".txt"
    stem = re.sub(r"[^\w.-]+", "_", stem, flags=re.UNICODE).strip("._") or "posting"
    return stem[:80] + suffix


def stored_profile(store: Store) -> Profile | None:
    current = state.current(store)
    return Profile.model_validate(current.profile) if current else None


async def match_posting(text: str, upload: UploadFile | None, store: Store) -> dict[str, Any]:
    """The extraction service's match document for pasted text or an uploaded file, against the stored profile."""
    data = await upload.read() if upload is not None and upload.filename else b""
    if data:
        name = safe_name(upload.filename if upload else None)
    elif text.strip():
        data, name = text.encode("utf-8"), "posting.txt"
    else:
        raise UserError("No posting given.", hint="Paste the text of a job posting, or choose its file.")
    profile = await run_in_threadpool(stored_profile, store)
    with tempfile.TemporaryDirectory(prefix="mlroute-match-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        found = await run_bounded(extraction.match, path, profile, what="Reading the posting")
        result: dict[str, Any] = found.model_dump(mode="json")
    result["source"] = name if data and upload is not None and upload.filename else "pasted text"
    return result


@router.get("/match", response_class=HTMLResponse)
def match_page(request: Request) -> Response:
    response: Response = request.app.state.render(request, "match.html", result=None, text="", plan_ids=set())
    return response


@router.post("/match", response_class=HTMLResponse)
async def match_submit(
    request: Request, store: StoreDep, text: str = Form(""), posting: UploadFile | None = File(None)
) -> Response:
    result = await match_posting(text, posting, store)
    current = await run_in_threadpool(state.current, store)
    plan_ids = {it["id"] for it in current.plan.get("items", [])} if current else set()
    response: Response = request.app.state.render(request, "match.html", result=result, text=text, plan_ids=plan_ids)
    return response
