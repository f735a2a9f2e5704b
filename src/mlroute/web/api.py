"""The JSON API: each route returns the typed result the matching CLI command prints with ``--json`` (both call
the same service function and FastAPI declares it as the ``response_model``), so scripts can use either; the
schema is at ``/api/openapi.json``. Scripts send the API token that ``mlroute serve`` prints at start as
``Authorization: Bearer TOKEN`` (reads and writes); the app's pages send their CSRF token instead (``web.csrf``,
``web.security``, docs/security.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Body, File, Form, Query, UploadFile
from pydantic import BaseModel, Field

from mlroute.errors import UserError
from mlroute.services import journal as journal_service
from mlroute.services import kb as kb_service
from mlroute.services import onboarding, planning, plans, replan, study
from mlroute.services import status as status_service
from mlroute.services.journal import EvidenceAdded, EvidenceList, JournalEntry, JournalList
from mlroute.services.kb import SearchHits, Stats
from mlroute.services.onboarding import Started
from mlroute.services.planning import PlanDocument
from mlroute.services.plans import History
from mlroute.services.replan import Replanned
from mlroute.services.results import Document
from mlroute.services.status import Status
from mlroute.services.study import Logged, StatusChange
from mlroute.web import state
from mlroute.web.deps import KbDep, KbOrNoneDep, StoreDep
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
def kb_stats(kb: KbDep) -> Stats:
    return kb_service.stats(kb)


@router.get("/kb/search", summary="mlroute kb search TEXT --json")
def kb_search(kb: KbDep, q: str, limit: int = 20, lang: str = "en") -> SearchHits:
    return kb_service.search(q, limit=limit, lang=lang, idx=kb)


@router.get("/kb/{ref}", summary="mlroute kb show ID --json")
def kb_show(kb: KbDep, ref: str) -> Document:
    return kb_service.show(ref, kb)


@router.post("/plan", summary="mlroute plan --profile FILE --json (the profile as the JSON body)")
def plan(kb: KbDep, profile: dict[str, Any] = Body(...)) -> PlanDocument:
    return planning.plan_profile(planning.profile_from_answers(profile, kb), index=kb)


@router.get("/demo", summary="mlroute demo --json")
def demo() -> PlanDocument:
    return planning.demo()


@router.get("/questionnaire", summary="Default answers for a background (what mlroute init suggests)")
def questionnaire(kb: KbDep, background: str = "other") -> Document:
    try:
        return Document(planning.questionnaire_defaults(background, index=kb))
    except ValueError:
        raise UserError(
            f"Unknown background {background!r}.", hint="See the background field in the profile docs."
        ) from None


@router.post("/init", summary="mlroute init --profile FILE --json: make the first plan and store both")
def init(
    store: StoreDep,
    kb: KbDep,
    profile: dict[str, Any] = Body(...),
    replace: bool = Query(False, description="plan again over the current plan (mlroute init --replace)"),
) -> Started:
    return onboarding.start(store, kb, planning.profile_from_answers(profile, kb), replace=replace)


@router.get("/current-plan", summary="mlroute current --json: the stored plan with each item's status")
def current_plan(store: StoreDep) -> PlanDocument:
    current = state.current(store)
    if current is None:
        raise UserError("There is no plan yet.", hint="Create it in the web app (/welcome) or with mlroute init.")
    return PlanDocument(current.document())


@router.get("/status", summary="mlroute status --json")
def status(store: StoreDep, kb: KbOrNoneDep) -> Status:
    return status_service.status(store, kb=kb)


@router.post("/log", summary="mlroute log DURATION --item ID --json")
def log(store: StoreDep, body: LogBody) -> Logged:
    return study.log(store, body.duration, body.item, note=body.note, day=body.date)


@router.post("/items/{item}/start", summary="mlroute start ID --json")
def start(store: StoreDep, item: str) -> StatusChange:
    return study.start(store, item)


@router.post("/items/{item}/done", summary="mlroute done ID --json")
def done(store: StoreDep, item: str) -> StatusChange:
    return study.done(store, item)


@router.post("/items/{item}/skip", summary="mlroute skip ID --reason R --json")
def skip(store: StoreDep, item: str, body: SkipBody | None = None) -> StatusChange:
    return study.skip(store, item, reason=(body or SkipBody()).reason)


@router.post("/replan", summary="mlroute replan --json")
def replan_now(store: StoreDep, kb: KbDep) -> Replanned:
    return replan.replan(store, kb)


@router.get("/history", summary="mlroute history --json")
def history(store: StoreDep) -> History:
    return plans.history(store)


@router.get("/journal", summary="mlroute journal list --json")
def journal_list(
    store: StoreDep,
    kind: str | None = None,
    tag: str | None = None,
    item: str | None = None,
    limit: int | None = Query(None, ge=1),
) -> JournalList:
    return journal_service.journal_list(store, kind=kind, tag=tag, item=item, limit=limit)


@router.post("/journal", summary="mlroute journal add TEXT --json")
def journal_add(store: StoreDep, body: JournalBody) -> JournalEntry:
    return journal_service.journal_add(
        store, body.text, kind=body.kind, tags=body.tags, items=body.items, day=body.date
    )


@router.get("/evidence", summary="mlroute evidence list --json")
def evidence_list(store: StoreDep) -> EvidenceList:
    return journal_service.evidence_list(store)


@router.post("/evidence", summary="mlroute evidence add URL --json")
def evidence_add(store: StoreDep, body: EvidenceBody) -> EvidenceAdded:
    return journal_service.evidence_add(store, body.url, kind=body.kind, title=body.title, item=body.item)


@router.post("/match", summary="mlroute match POSTING --json (a file upload, or the text in the form)")
async def match(store: StoreDep, text: str = Form(""), posting: UploadFile | None = File(None)) -> dict[str, Any]:
    return await match_posting(text, posting, store)
