"""Settings: the language and theme (cookies; the theme follows the system until one is chosen), and the profile,
edited with a preview of what the change does to the plan and the ETA before it is saved (``services.
profile_edit``: the preview runs what saving runs, so the figures shown are the ones that will be stored).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from mlroute.profile import Profile
from mlroute.profile.models import EMPLOYED_BACKGROUNDS
from mlroute.services import planning, profile_edit, quiz_levels
from mlroute.services.current import CurrentPlan
from mlroute.web import notices, state, views
from mlroute.web.answers import LEVELS, check_hours_at_work, levels_from_form, questions, read_answers
from mlroute.web.deps import THEMES, KbDep, LangDep, StoreDep, back_to
from mlroute.web.errors import Refused
from mlroute.web.i18n import LANGUAGES, translations

router = APIRouter(include_in_schema=False)
YEAR = 3600 * 24 * 365


def _render(request: Request, name: str, **extra: Any) -> Response:
    response: Response = request.app.state.render(request, name, **extra)
    return response


def _profile_form(current: CurrentPlan, kb: KbDep, lang: str) -> dict[str, Any]:
    """The stored profile as the form shows it: stated levels, and the assumed ones the plan used."""
    profile = current.profile
    assumed = {k: int(v) for k, v in (current.plan.get("assumed_skills") or {}).items()}
    stated = {k: int(v) for k, v in (profile.get("skills") or {}).items()}
    background = str(profile.get("background") or "other")
    defaults = planning.questionnaire_defaults(background, index=kb)["skills"]
    return {
        "profile": profile,
        "roles": sorted(((r.id, r.name.get(lang)) for r in kb.kb.roles), key=lambda r: r[1]),
        "domains": [(s.id, s.name.get(lang)) for s in kb.kb.skills if s.pillar == "domains"],
        "pillars": questions(
            kb, str(profile.get("target_role") or "ml-engineer"), lang, defaults=defaults, levels={**assumed, **stated}
        ),
        "levels": LEVELS,
        "role_id": profile.get("target_role"),
    }


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, store: StoreDep, kb: KbDep, lang: LangDep) -> Response:
    current = state.current(store)
    extra = _profile_form(current, kb, lang) if current else {}
    quizzed = [q for q in quiz_levels.quiz_levels(store, kb, lang) if q.counts] if current else []
    return _render(request, "settings.html", has_plan=current is not None, quizzed=quizzed, **extra)


@router.post("/settings")
def save_settings(request: Request, lang: str = Form(""), theme: str = Form("")) -> Response:
    response = RedirectResponse(back_to(request, "/settings"), status_code=303)
    if lang in LANGUAGES:
        response.set_cookie("lang", lang, samesite="strict", max_age=YEAR)
    if theme in THEMES:
        response.set_cookie("theme", theme, samesite="strict", max_age=YEAR)
    elif theme == "auto":
        response.delete_cookie("theme", samesite="strict")
    if lang or theme:
        notices.tell(response, "settings")
    return response


def _changed_profile(form: Any, current: CurrentPlan, kb: KbDep, lang: str) -> Profile:
    """The stored profile with the form's answers; skills stay unstated unless the person moved them off the level
    the plan assumed (so an untouched form changes nothing)."""
    assumed = {k: int(v) for k, v in (current.plan.get("assumed_skills") or {}).items()}
    stated = {k: int(v) for k, v in (current.profile.get("skills") or {}).items()}
    chosen = levels_from_form(form)
    skills = {s: v for s, v in chosen.items() if s in stated or v != assumed.get(s, 0)}
    skills |= {s: v for s, v in stated.items() if s not in chosen}
    answers = read_answers(form, lang, today=dt.date.today(), skills=skills)
    answers.pop("start_date", None)  # the journey keeps its start; a change plans from this week on
    kept = {k: v for k, v in current.profile.items() if k not in answers and k != "start_date"}
    changed = {**kept, **answers}
    check_hours_at_work(changed, lang)
    employed = changed.get("employed")
    if employed is None:
        employed = changed["background"] in EMPLOYED_BACKGROUNDS
    if changed.get("hours_at_work") and not employed:
        changed["employed"] = True  # hours given at work mean there is an employer, whatever the background
    return planning.profile_from_answers(changed, kb)


async def _change(request: Request, store: StoreDep, kb: KbDep, lang: str) -> tuple[CurrentPlan, Profile]:
    current = await run_in_threadpool(state.current, store)
    if current is None:
        _ = translations(lang).gettext
        raise Refused(_("There is no plan yet."), hint=_("Make your plan first: it takes about two minutes."))
    form = await request.form()
    profile = await run_in_threadpool(_changed_profile, form, current, kb, lang)  # fields and ids checked
    return current, profile


@router.post("/settings/profile/preview", response_class=HTMLResponse)
async def preview(request: Request, store: StoreDep, kb: KbDep, lang: LangDep) -> Response:
    """What saving would do: the ETA before and after and the items that change (nothing is stored)."""
    current, profile = await _change(request, store, kb, lang)
    change = await run_in_threadpool(lambda: profile_edit.preview(store, kb, profile, lang=lang))
    name_of = await run_in_threadpool(views.namer, store, kb, lang)
    return _render(request, "preview.html", change=change, statuses=current.statuses, name_of=name_of)


@router.post("/settings/profile", response_class=HTMLResponse)
async def save_profile(request: Request, store: StoreDep, kb: KbDep, lang: LangDep) -> Response:
    """Store the changed profile and the plan made from it; show what changed."""
    current, profile = await _change(request, store, kb, lang)
    change = await run_in_threadpool(lambda: profile_edit.save(store, kb, profile, lang=lang))
    name_of = await run_in_threadpool(views.namer, store, kb, lang)
    return _render(request, "plan_changed.html", change=change, added=[], statuses=current.statuses, name_of=name_of)
