"""Onboarding: the questionnaire in two steps (your background, then the answers pre-filled for it), which stores
the profile and makes the first plan — what ``mlroute init`` does in a terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mlroute.errors import UserError
from mlroute.kb import KBIndex
from mlroute.kb.models import BACKGROUNDS, PILLARS
from mlroute.services import onboarding, planning
from mlroute.web import state
from mlroute.web.deps import KbDep, LangDep, StoreDep

router = APIRouter(include_in_schema=False)  # HTML pages; /docs lists the JSON API

LEVELS = (0, 1, 2, 3, 4)
Render = Callable[..., Response]


def skills_to_rate(index: KBIndex, role_id: str, defaults: dict[str, int]) -> list[tuple[str, list[tuple[str, int]]]]:
    """The skills worth asking about — the role's requirements and the background's usual skills — grouped by
    pillar in the knowledge base's order, each with its starting level."""
    role = index.roles.get(role_id)
    wanted = {r.skill for r in role.requirements} if role else set()
    wanted |= set(defaults)
    by_pillar: dict[str, list[tuple[str, int]]] = {p: [] for p in PILLARS}
    for skill in index.kb.skills:
        if skill.id in wanted:
            by_pillar[skill.pillar].append((skill.id, int(defaults.get(skill.id, 0))))
    return [(p, rows) for p, rows in by_pillar.items() if rows]


def _form(request: Request, index: KBIndex, lang: str, background: str, role: str | None = None) -> dict[str, Any]:
    defaults = planning.questionnaire_defaults(background, index=index)
    for key, value in request.query_params.items():  # levels already chosen survive a change of role
        skill = key.removeprefix("skill.")
        if key.startswith("skill.") and value.isdigit() and (int(value) > 0 or skill in defaults["skills"]):
            defaults["skills"][skill] = int(value)
    role_id = role or defaults["target_role"]
    return {
        "background": background,
        "defaults": defaults,
        "role_id": role_id,
        "roles": sorted(((r.id, r.name.get(lang)) for r in index.kb.roles), key=lambda r: r[1]),
        "domains": [(s.id, s.name.get(lang)) for s in index.kb.skills if s.pillar == "domains"],
        "groups": skills_to_rate(index, role_id, defaults["skills"]),
        "names": {s.id: s.name.get(lang) for s in index.kb.skills},
        "levels": LEVELS,
    }


@router.get("/welcome", response_class=HTMLResponse)
def welcome(request: Request, store: StoreDep, kb: KbDep, lang: LangDep, background: str = "") -> Response:
    render: Render = request.app.state.render
    has_plan = state.has_plan(store)
    if background not in BACKGROUNDS:
        return render(request, "welcome.html", backgrounds=BACKGROUNDS, step=1, has_plan=has_plan)
    return render(request, "welcome.html", step=2, has_plan=has_plan, **_form(request, kb, lang, background))


@router.get("/welcome/skills", response_class=HTMLResponse)
def skills_fragment(
    request: Request, kb: KbDep, lang: LangDep, background: str = "other", target_role: str = "ml-engineer"
) -> Response:
    """The skill questions for another target role (HTMX swaps them in when the role changes)."""
    if background not in BACKGROUNDS:
        background = "other"
    render: Render = request.app.state.render
    return render(request, "_skills_fieldset.html", **_form(request, kb, lang, background, target_role))


def answers_from_form(form: Any) -> dict[str, Any]:
    """The profile fields from the submitted questionnaire (validation is the planning service's)."""

    def number(key: str) -> float | str:
        raw = str(form.get(key, "")).strip()
        try:
            return float(raw)
        except ValueError:
            return raw  # the profile validator names the field and what it accepts

    skills = {}
    for key, value in form.multi_items():
        if key.startswith("skill."):
            level = str(value).strip()
            if level.isdigit() and int(level) > 0:
                skills[key.removeprefix("skill.")] = int(level)
    answers: dict[str, Any] = {
        "name": str(form.get("name", "")).strip(),
        "background": str(form.get("background", "other")),
        "years_experience": number("years_experience"),
        "hours_per_week": number("hours_per_week"),
        "target_role": str(form.get("target_role", "ml-engineer")),
        "interests": [str(v) for v in form.getlist("interests")],
        "budget_usd": number("budget_usd"),
        "languages": [str(v) for v in form.getlist("languages")] or ["en"],
        "skills": skills,
    }
    start = str(form.get("start_date", "")).strip()
    if start:
        answers["start_date"] = start
    return answers


@router.post("/welcome")
async def create_plan(request: Request, store: StoreDep, kb: KbDep) -> Response:
    form = await request.form()
    answers = answers_from_form(form)
    if answers["background"] not in BACKGROUNDS:
        raise UserError(f"Unknown background {answers['background']!r}.", hint="Choose one from the list.")
    profile = planning.profile_from_answers(answers, kb)
    from starlette.concurrency import run_in_threadpool

    await run_in_threadpool(partial(onboarding.start, store, kb, profile, replace=True))
    return RedirectResponse("/?welcome=1", status_code=303)


@router.post("/welcome/demo")
def demo(request: Request, store: StoreDep, kb: KbDep) -> Response:
    """Start with the bundled persona (a DevOps engineer, 10 h a week) to look around before answering."""
    onboarding.start(store, kb, planning.demo_profile(), replace=True)
    return RedirectResponse("/?welcome=1", status_code=303)
