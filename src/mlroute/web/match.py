"""Job match: paste a posting or upload its file, and see readiness, the missing skills and the items that close
them (``mlroute match POSTING`` in a browser); the items not yet in the plan go into it in one click (a new
profile version that includes them, planned from this week on).

The extraction service reads files, so an upload is written to a private temporary folder under the name it came
with (the suffix picks the reader) and removed after; errors name the file as the person knows it, never the
folder on the server.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from mlroute.errors import UserError
from mlroute.profile import Profile
from mlroute.services import extraction, profile_edit
from mlroute.store import Store
from mlroute.web import state, views
from mlroute.web.deps import KbDep, LangDep, StoreDep
from mlroute.web.errors import Refused
from mlroute.web.i18n import translations
from mlroute.web.limits import run_bounded

router = APIRouter(include_in_schema=False)  # HTML pages; /docs lists the JSON API

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")
PASTED = "pasted text"  # the API has always said so


def safe_name(filename: str | None, fallback: str = "posting") -> str:
    """A plain file name (no folders, no odd characters) keeping the suffix the readers choose by."""
    base = Path(filename or "").name
    stem, suffix = Path(base).stem, Path(base).suffix.lower()
    if suffix not in SUFFIXES:
        suffix = ".txt"
    stem = re.sub(r"[^\w.-]+", "_", stem, flags=re.UNICODE).strip("._") or fallback
    return stem[:80] + suffix


async def read_upload(data: bytes, name: str, fn: Callable[..., Any], *args: Any, what: str) -> dict[str, Any]:
    """``fn(path, *args)`` on ``data`` saved as ``name`` in a private folder, in the bounded worker, as a JSON
    document (a typed result is dumped); an error names ``name``, not the server's folder."""
    with tempfile.TemporaryDirectory(prefix="mlroute-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            found = await run_bounded(fn, path, *args, what=what)
        except UserError as exc:
            raise UserError(exc.message.replace(str(path), name), hint=exc.hint) from None
    dump = getattr(found, "model_dump", None)
    document: dict[str, Any] = dump(mode="json") if dump else found
    return document


def stored_profile(store: Store) -> Profile | None:
    current = state.current(store)
    return Profile.model_validate(current.profile) if current else None


async def match_posting(text: str, upload: UploadFile | None, store: Store, lang: str = "en") -> dict[str, Any]:
    """The extraction service's match document for pasted text or an uploaded file, against the stored profile."""
    data = await upload.read() if upload is not None and upload.filename else b""
    if data:
        name = safe_name(upload.filename if upload else None)
    elif text.strip():
        data, name = text.encode("utf-8"), "posting.txt"
    else:
        _ = translations(lang).gettext
        raise Refused(_("No posting given."), hint=_("Paste the text of a job posting, or choose its file."))
    profile = await run_in_threadpool(stored_profile, store)
    result = await read_upload(data, name, extraction.match, profile, what="Reading the posting")
    result["source"] = name if upload is not None and upload.filename else PASTED
    return result


def _render(request: Request, name: str, **extra: Any) -> Response:
    response: Response = request.app.state.render(request, name, **extra)
    return response


@router.get("/match", response_class=HTMLResponse)
def match_page(request: Request, store: StoreDep) -> Response:
    return _render(request, "match.html", result=None, text="", plan_ids=set(), has_plan=state.has_plan(store))


@router.post("/match", response_class=HTMLResponse)
async def match_submit(
    request: Request,
    store: StoreDep,
    kb: KbDep,
    lang: LangDep,
    text: str = Form(""),
    posting: UploadFile | None = File(None),
) -> Response:
    result = await match_posting(text, posting, store, lang)
    current = await run_in_threadpool(state.current, store)
    plan_ids = {it["id"] for it in current.plan.get("items", [])} if current else set()
    finished = {i for i, st in current.statuses.items() if st in ("done", "skipped")} if current else set()
    titles = {it["id"]: views.ref_name(kb, it["id"], lang) for it in result["items"]}
    return _render(
        request,
        "match.html",
        result=result,
        text=text,
        plan_ids=plan_ids | finished,
        titles=titles,
        has_plan=current is not None,
        pasted=PASTED,
    )


@router.post("/match/add", response_class=HTMLResponse)
async def add_to_plan(request: Request, store: StoreDep, kb: KbDep, lang: LangDep) -> Response:
    """Put the chosen closing items into the plan: they join the profile's include list, and the plan is made
    again from this week on (the same as saving a profile change in Settings)."""
    form = await request.form()
    wanted = [str(v) for v in form.getlist("items") if kb.find(str(v))][:20]
    _ = translations(lang).gettext
    if not wanted:
        raise Refused(_("No item was chosen."), hint=_("Tick the items to add, then press the button again."))
    profile = await run_in_threadpool(stored_profile, store)
    if profile is None:
        raise Refused(_("There is no plan yet."), hint=_("Make your plan first: it takes about two minutes."))
    include = [*profile.preferences.include, *(i for i in wanted if i not in profile.preferences.include)]
    changed = profile.model_copy(update={"preferences": profile.preferences.model_copy(update={"include": include})})
    change = await run_in_threadpool(lambda: profile_edit.save(store, kb, changed, lang=lang))
    name_of = await run_in_threadpool(views.namer, store, kb, lang)
    current = await run_in_threadpool(state.current, store)
    return _render(
        request,
        "plan_changed.html",
        change=change,
        added=[name_of(i) for i in wanted],
        statuses=current.statuses if current else {},
        name_of=name_of,
    )
