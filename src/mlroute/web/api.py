"""The JSON API: each route returns the document the matching CLI command prints with ``--json`` (both call the
same service function), so scripts can use either. Scripts send the API token that ``mlroute serve`` prints at
start as ``Authorization: Bearer TOKEN`` (reads and writes); the app's pages send their CSRF token instead
(``web.csrf``, ``web.security``, docs/security.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Body, File, Form, Query, UploadFile
from pydantic import BaseModel, Field

from mlroute.errors import UserError
from mlroute.services import kb as kb_service
from mlroute.services import planning, tracking
from mlroute.web import state
from mlroute.web.match import match_posting

router = APIRouter(tags=["api"])


def invalid_request(errors: Sequence[Any], content_type: str) -> dict[str, Any]:
    """The 422 document for a request the routes cannot read. Only each problem's type, place and message are
    sent back (the raw input may be bytes, which JSON cannot carry), with a hint when a route that takes JSON
    was sent something else, such as a form."""
    detail = [
        {"type": str(e.get("type")), "loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg"))}
        for e in errors
    ]
    wants_json = any(
        tuple(d["loc"]) == ("body",) and d["type"] in ("model_attributes_type", "dict_type") for d in detail
    )
    doc: dict[str, Any] = {"error": "Invalid request.", "detail": detail}
    if wants_json and not content_type.split(";")[0].strip().lower().endswith("json"):
        doc["error"] = f"This route takes a JSON body, not {content_type.split(';')[0] or 'an untyped body'}."
        doc["hint"] = "Send the body as JSON with the header Content-Type: application/json."
    return doc


class LogBody(BaseModel):
    duration: str = Field(description="90m, 1h30m, 2h, 1.5h")
    item: str = Field(description="plan item id, e.g. res:fastai-practical-dl")
    note: str | None = None
    date: str | None = Field(default=None, description="YYYY-MM-DD, today or yesterday")


class SkipBody(BaseModel):
    reason: str = "known"


class JournalBody(BaseModel):
    text: str
    kind: str = "insight"
    tags: list[str] = Field(default_factory=list)
    items: list[str] = Field(default_factory=list)
    date: str | None = None


class EvidenceBody(BaseModel):
    url: str
    kind: str | None = None
    title: str | None = None
    item: str | None = None


@router.get("/kb/stats", summary="mlroute kb stats --json")
def kb_stats() -> dict[str, Any]:
    return kb_service.stats()


@router.get("/kb/search", summary="mlroute kb search TEXT --json")
def kb_search(q: str, limit: int = 20, lang: str = "en") -> list[dict[str, Any]]:
    return kb_service.search(q, limit=limit, lang=lang)


@router.get("/kb/{ref}", summary="mlroute kb show ID --json")
def kb_show(ref: str) -> dict[str, Any]:
    return kb_service.show(ref)


@router.post("/plan", summary="mlroute plan --profile FILE --json (the profile as the JSON body)")
def plan(profile: dict[str, Any] = Body(...)) -> dict[str, Any]:
    return planning.plan_profile(planning.profile_from_answers(profile))


@router.get("/demo", summary="mlroute demo --json")
def demo() -> dict[str, Any]:
    return planning.demo()


@router.get("/questionnaire", summary="Default answers for a background (what mlroute init suggests)")
def questionnaire(background: str = "other") -> dict[str, Any]:
    try:
        return planning.questionnaire_defaults(background)
    except ValueError:
        raise UserError(
            f"Unknown background {background!r}.", hint="See the background field in the profile docs."
        ) from None


@router.post("/init", summary="mlroute init --profile FILE --json: make the first plan and store both")
def init(profile: dict[str, Any] = Body(...)) -> dict[str, Any]:
    person = planning.profile_from_answers(profile)
    result = planning.init_profile(person, None)
    result["stored"] = tracking.init_profile(person, plan=result["plan"])
    return result


@router.get("/current-plan", summary="The stored current plan document (a snapshot of the plan --json output)")
def current_plan() -> dict[str, Any]:
    current = state.current()
    if current is None:
        raise UserError("There is no plan yet.", hint="Create it in the web app (/welcome) or with mlroute init.")
    plan_doc: dict[str, Any] = current["plan"]
    return plan_doc


@router.get("/status", summary="mlroute status --json")
def status() -> dict[str, Any]:
    return tracking.status()


@router.post("/log", summary="mlroute log DURATION --item ID --json")
def log(body: LogBody) -> dict[str, Any]:
    return tracking.log(body.duration, body.item, note=body.note, day=body.date)


@router.post("/items/{item}/start", summary="mlroute start ID --json")
def start(item: str) -> dict[str, Any]:
    return tracking.start(item)


@router.post("/items/{item}/done", summary="mlroute done ID --json")
def done(item: str) -> dict[str, Any]:
    return tracking.done(item)


@router.post("/items/{item}/skip", summary="mlroute skip ID --reason R --json")
def skip(item: str, body: SkipBody | None = None) -> dict[str, Any]:
    return tracking.skip(item, reason=(body or SkipBody()).reason)


@router.post("/replan", summary="mlroute replan --json")
def replan() -> dict[str, Any]:
    return tracking.replan()


@router.get("/history", summary="mlroute history --json")
def history() -> dict[str, Any]:
    return tracking.history()


@router.get("/journal", summary="mlroute journal list --json")
def journal_list(
    kind: str | None = None, tag: str | None = None, item: str | None = None, limit: int | None = Query(None, ge=1)
) -> dict[str, Any]:
    return tracking.journal_list(kind=kind, tag=tag, item=item, limit=limit)


@router.post("/journal", summary="mlroute journal add TEXT --json")
def journal_add(body: JournalBody) -> dict[str, Any]:
    return tracking.journal_add(body.text, kind=body.kind, tags=body.tags, items=body.items, day=body.date)


@router.get("/evidence", summary="mlroute evidence list --json")
def evidence_list() -> dict[str, Any]:
    return tracking.evidence_list()


@router.post("/evidence", summary="mlroute evidence add URL --json")
def evidence_add(body: EvidenceBody) -> dict[str, Any]:
    return tracking.evidence_add(body.url, kind=body.kind, title=body.title, item=body.item)


@router.post("/match", summary="mlroute match POSTING --json (a file upload, or the text in the form)")
async def match(text: str = Form(""), posting: UploadFile | None = File(None)) -> dict[str, Any]:
    return await match_posting(text, posting)
