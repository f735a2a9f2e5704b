"""Onboarding in two minutes: where you start from, then one page of answers already filled in for that background
(10 hours a week unless you study full time; skills at their typical levels, grouped by pillar, with presets
per pillar), optionally from your resume (levels and the evidence behind them). It stores the profile and makes
the first plan in the page's language — what ``mlroute init`` does in a terminal.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from mlroute.kb import KBIndex
from mlroute.kb.models import BACKGROUNDS
from mlroute.services import extraction, onboarding, planning
from mlroute.web import state
from mlroute.web.answers import LEVELS, Evidence, questions, read_answers
from mlroute.web.deps import KbDep, LangDep, StoreDep
from mlroute.web.errors import Refused
from mlroute.web.i18n import translations
from mlroute.web.match import read_upload, safe_name

router = APIRouter(include_in_schema=False)  # HTML pages; /docs lists the JSON API


def _render(request: Request, name: str, **extra: Any) -> Response:
    response: Response = request.app.state.render(request, name, **extra)
    return response


def form_context(
    request: Request,
    index: KBIndex,
    lang: str,
    background: str,
    *,
    role: str | None = None,
    levels: dict[str, int] | None = None,
    evidence: dict[str, Evidence] | None = None,
) -> dict[str, Any]:
    defaults = planning.questionnaire_defaults(background, index=index)
    chosen = dict(levels or {})
    for key, value in request.query_params.items():  # levels already chosen survive a change of role
        if key.startswith("skill.") and value.isdigit() and int(value) in LEVELS:
            chosen[key.removeprefix("skill.")] = int(value)
    role_id = role or defaults["target_role"]
    return {
        "background": background,
        "defaults": defaults,
        "role_id": role_id,
        "roles": sorted(((r.id, r.name.get(lang)) for r in index.kb.roles), key=lambda r: r[1]),
        "domains": [(s.id, s.name.get(lang)) for s in index.kb.skills if s.pillar == "domains"],
        "pillars": questions(index, role_id, lang, defaults=defaults["skills"], levels=chosen, evidence=evidence),
        "levels": LEVELS,
        "max_bytes": request.app.state.max_body,
    }


@router.get("/welcome", response_class=HTMLResponse)
def welcome(request: Request, store: StoreDep, kb: KbDep, lang: LangDep, background: str = "") -> Response:
    has_plan = state.has_plan(store)
    if background not in BACKGROUNDS:
        return _render(request, "welcome.html", backgrounds=BACKGROUNDS, step=1, has_plan=has_plan)
    return _render(request, "welcome.html", step=2, has_plan=has_plan, **form_context(request, kb, lang, background))


@router.get("/welcome/skills", response_class=HTMLResponse)
def skills_fragment(
    request: Request, kb: KbDep, lang: LangDep, background: str = "other", target_role: str = "ml-engineer"
) -> Response:
    """The skill questions for another target role (HTMX swaps them in when the role changes)."""
    if background not in BACKGROUNDS:
        background = "other"
    context = form_context(request, kb, lang, background, role=target_role)
    return _render(request, "_skills_fieldset.html", **context)


@router.post("/welcome/resume", response_class=HTMLResponse)
async def from_resume(
    request: Request,
    store: StoreDep,
    kb: KbDep,
    lang: LangDep,
    background: str = Form("other"),
    resume: UploadFile | None = File(None),
) -> Response:
    """Levels read from a resume, with the evidence for each, filled into the questionnaire to confirm."""
    _ = translations(lang).gettext
    data = await resume.read() if resume is not None and resume.filename else b""
    if not data:
        raise Refused(
            _("No resume file was chosen."), hint=_("Choose your resume (PDF, Word, Markdown or text), or skip this.")
        )
    if background not in BACKGROUNDS:
        background = "other"
    name = safe_name(resume.filename if resume else None, "resume")
    found = await read_upload(data, name, extraction.profile_from_resume, what="Reading the resume")
    levels = {p["skill_id"]: int(p["proposed_level"]) for p in found["skills"] if p["skill_id"] in kb.skills}
    evidence = {
        p["skill_id"]: Evidence(
            p.get("years"), p.get("last_used"), next((e.get("sentence") for e in p.get("evidence", [])), None)
        )
        for p in found["skills"]
    }
    has_plan = await run_in_threadpool(state.has_plan, store)
    context = form_context(request, kb, lang, background, levels=levels, evidence=evidence)
    return _render(request, "welcome.html", step=2, has_plan=has_plan, from_resume=len(levels), **context)


@router.post("/welcome")
async def create_plan(request: Request, store: StoreDep, kb: KbDep, lang: LangDep) -> Response:
    form = await request.form()
    answers = read_answers(form, lang, today=dt.date.today())
    profile = planning.profile_from_answers(answers, kb)
    await run_in_threadpool(onboarding.start, store, kb, profile, replace=True, lang=lang)
    return RedirectResponse("/?welcome=1", status_code=303)


@router.post("/welcome/demo")
def demo(request: Request, store: StoreDep, kb: KbDep, lang: LangDep) -> Response:
    """Start with the bundled persona (a DevOps engineer, 10 h a week) to look around before answering."""
    onboarding.start(store, kb, planning.demo_profile(), replace=True, lang=lang)
    return RedirectResponse("/?welcome=1", status_code=303)
