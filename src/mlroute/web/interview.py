"""Interview practice in the browser: the drill (next due card, reveal with space, rate with 1–4), timed mock
interviews, and quizzes that earn levels; plus the JSON API the CLI's ``--json`` output mirrors.

Forms post and answer with a 303 (post/redirect/get), so the pages work without JavaScript; ``static/js/drill.js``
only adds the keyboard shortcuts and the mock interview's clock. Cards and quizzes are shown in the page language.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from mlroute.errors import UserError
from mlroute.kb import KBIndex
from mlroute.kb.practice import QUESTION_KINDS
from mlroute.services.drill_summary import DrillSummary
from mlroute.services.interview import NextCard, Rated
from mlroute.services.interview_readiness import Readiness
from mlroute.services.quick_quiz import QuickQuiz
from mlroute.services.quiz import QuizList, QuizPaper, QuizResult
from mlroute.store import Store
from mlroute.web.deps import KbDep, LangDep, StoreDep

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["interview"])


def _render(request: Request, name: str, **extra: Any) -> Response:
    response: Response = request.app.state.render(request, name, **extra)
    return response


def _filters(kind: str, skill: str, role: str, all_: str) -> dict[str, Any]:
    return {"kind": kind or None, "skill": skill or None, "role": role or None, "all_questions": all_ == "1"}


def _query(kind: str, skill: str, role: str, all_: str) -> str:
    q = urlencode({k: v for k, v in {"kind": kind, "skill": skill, "role": role, "all": all_}.items() if v})
    return f"?{q}" if q else ""


def _roles(kb: KBIndex) -> list[tuple[str, str, str]]:
    return [(r.id, r.name.en, r.name.zh) for r in kb.kb.roles]


def practice_panel(store: Store, kb: KBIndex, lang: str) -> dict[str, Any]:
    """What the dashboard's practice panel shows besides the status's drill figures: interview readiness, the
    levels earned in quizzes, and the quick quizzes worth taking for the route (offered right after onboarding)."""
    from mlroute.services.interview_readiness import readiness
    from mlroute.services.quick_quiz import quick_quiz
    from mlroute.services.quiz_levels import quiz_levels

    return {
        "ready": readiness(store, kb, lang=lang),
        "quick": quick_quiz(store, kb, lang=lang),
        "quiz_levels": quiz_levels(store, kb, lang),
    }


# ---- the drill ---------------------------------------------------------------------------------------------------


@router.get("/interview", response_class=HTMLResponse)
def drill_page(
    request: Request,
    store: StoreDep,
    kb: KbDep,
    lang: LangDep,
    kind: str = "",
    skill: str = "",
    role: str = "",
    all: str = "",
) -> Response:
    from mlroute.services import interview
    from mlroute.services.drill_summary import summary
    from mlroute.services.interview_readiness import readiness

    filters = _filters(kind, skill, role, all)
    try:
        nxt = interview.next_card(store, kb, lang=lang, **filters)
    except UserError as exc:
        if filters["all_questions"] or "no plan" not in exc.message.lower():
            raise
        return RedirectResponse("/welcome", status_code=303)
    return _render(
        request,
        "interview.html",
        nxt=nxt.model_dump(mode="json"),
        summary=summary(store, kb).model_dump(mode="json"),
        ready=readiness(store, kb, lang=lang).model_dump(mode="json"),
        kinds=QUESTION_KINDS,
        roles=_roles(kb),
        f={"kind": kind, "skill": skill, "role": role, "all": all},
        query=_query(kind, skill, role, all),
        shown_at=int(time.time()),
    )


@router.post("/interview/rate")
def rate_card(
    store: StoreDep,
    kb: KbDep,
    question_id: str = Form(...),
    rating: str = Form(...),
    shown_at: int = Form(0),
    kind: str = Form(""),
    skill: str = Form(""),
    role: str = Form(""),
    all: str = Form(""),
) -> Response:
    from mlroute.services import interview

    seconds = max(0, int(time.time()) - shown_at) if shown_at else None
    interview.rate(store, kb, question_id, rating, seconds=seconds)
    return RedirectResponse("/interview" + _query(kind, skill, role, all), status_code=303)


# ---- mock interviews ---------------------------------------------------------------------------------------------


@router.get("/interview/mock", response_class=HTMLResponse)
def mock_form(request: Request, kb: KbDep) -> Response:
    return _render(request, "interview_mock.html", mock=None, roles=_roles(kb))


@router.post("/interview/mock")
def mock_start(store: StoreDep, kb: KbDep, lang: LangDep, minutes: int = Form(45), role: str = Form("")) -> Response:
    from mlroute.services import interview_mock

    session = interview_mock.start(store, kb, minutes, role=role or None, lang=lang)
    return RedirectResponse(f"/interview/mock/{session.id}", status_code=303)


@router.get("/interview/mock/{mock_id}", response_class=HTMLResponse)
def mock_page(request: Request, store: StoreDep, kb: KbDep, lang: LangDep, mock_id: int) -> Response:
    from mlroute.services import interview_mock

    view = interview_mock.progress(store, kb, mock_id, lang=lang)
    return _render(
        request, "interview_mock.html", mock=view.model_dump(mode="json"), roles=_roles(kb), shown_at=int(time.time())
    )


@router.post("/interview/mock/{mock_id}/answer")
def mock_answer(
    store: StoreDep,
    kb: KbDep,
    mock_id: int,
    question_id: str = Form(...),
    rating: str = Form(...),
    shown_at: int = Form(0),
) -> Response:
    from mlroute.services import interview_mock

    seconds = max(0, int(time.time()) - shown_at) if shown_at else 0
    interview_mock.answer(store, kb, mock_id, question_id, rating, seconds=seconds)
    return RedirectResponse(f"/interview/mock/{mock_id}", status_code=303)


@router.post("/interview/mock/{mock_id}/finish")
def mock_finish(store: StoreDep, kb: KbDep, lang: LangDep, mock_id: int) -> Response:
    from mlroute.services import interview_mock

    interview_mock.finish(store, kb, mock_id, lang=lang)
    return RedirectResponse(f"/interview/mock/{mock_id}", status_code=303)


# ---- quizzes -----------------------------------------------------------------------------------------------------


@router.get("/quiz", response_class=HTMLResponse)
def quiz_list(request: Request, store: StoreDep, kb: KbDep, lang: LangDep) -> Response:
    from mlroute.services import quiz
    from mlroute.services.quick_quiz import quick_quiz

    return _render(
        request,
        "quiz_list.html",
        quizzes=quiz.quiz_skills(store, kb, lang=lang).model_dump(mode="json"),
        quick_ids={q.skill for q in quick_quiz(store, kb, lang=lang).skills},
    )


@router.get("/quiz/{skill}", response_class=HTMLResponse)
def quiz_page(request: Request, kb: KbDep, lang: LangDep, skill: str, seed: int | None = None) -> Response:
    from mlroute.services import quiz

    paper = quiz.paper(kb, skill, seed=seed, lang=lang)
    return _render(request, "quiz.html", paper=paper.model_dump(mode="json"))


@router.post("/quiz/{skill}")
async def quiz_submit(request: Request, store: StoreDep, kb: KbDep, lang: LangDep, skill: str) -> Response:
    from starlette.concurrency import run_in_threadpool

    from mlroute.services import quiz

    form = await request.form()
    try:
        seed = int(str(form.get("seed", "")))
        count = int(str(form.get("count", "")))
    except ValueError:
        raise UserError("The quiz form is incomplete.", hint="Open the quiz again and answer its questions.") from None
    answers = [str(form.get(f"answer_{n}", "")) for n in range(1, count + 1)]
    result = await run_in_threadpool(lambda: quiz.take(store, kb, skill, answers, seed=seed, lang=lang))
    return RedirectResponse(f"/quiz/results/{result.id}", status_code=303)


@router.get("/quiz/results/{result_id}", response_class=HTMLResponse)
def quiz_result(request: Request, store: StoreDep, kb: KbDep, result_id: int) -> Response:
    from mlroute.services import quiz

    found = quiz.result(store, kb, result_id)
    return _render(request, "quiz_result.html", r=found.model_dump(mode="json"))


@router.post("/quiz/results/{result_id}/accept")
def quiz_accept(store: StoreDep, kb: KbDep, result_id: int) -> Response:
    from mlroute.services import quiz

    quiz.accept(store, kb, result_id=result_id)
    return RedirectResponse(f"/quiz/results/{result_id}", status_code=303)


# ---- JSON API (the same documents as the CLI's --json) ---------------------------------------------------------


@api.get("/interview/next", summary="mlroute interview --json")
def api_next(
    store: StoreDep,
    kb: KbDep,
    kind: str | None = None,
    skill: str | None = None,
    role: str | None = None,
    lang: str = "en",
    all: bool = False,
) -> NextCard:
    from mlroute.services import interview

    return interview.next_card(store, kb, kind=kind, skill=skill, role=role, lang=lang, all_questions=all)


class RateBody(BaseModel):
    id: str = Field(description="the question id")
    rating: str = Field(description="again, hard, good or easy (or 1–4)")
    seconds: int | None = Field(default=None, ge=0, description="how long the answer took")


@api.post("/interview/rate", summary="mlroute interview --card ID --rate RATING --json")
def api_rate(store: StoreDep, kb: KbDep, body: RateBody) -> Rated:
    from mlroute.services import interview

    return interview.rate(store, kb, body.id, body.rating, seconds=body.seconds)


@api.get("/interview/summary", summary="mlroute interview stats --json")
def api_summary(store: StoreDep, kb: KbDep) -> DrillSummary:
    from mlroute.services.drill_summary import summary

    return summary(store, kb)


@api.get("/interview/readiness", summary="mlroute interview readiness --json")
def api_readiness(store: StoreDep, kb: KbDep, role: str | None = None, lang: str = "en") -> Readiness:
    from mlroute.services.interview_readiness import readiness

    return readiness(store, kb, role=role, lang=lang)


@api.get("/quiz", summary="mlroute quiz --json")
def api_quizzes(store: StoreDep, kb: KbDep, lang: str = "en") -> QuizList:
    from mlroute.services import quiz

    return quiz.quiz_skills(store, kb, lang=lang)


@api.get("/quiz/quick", summary="The quick quizzes offered after onboarding")
def api_quick(store: StoreDep, kb: KbDep, lang: str = "en") -> QuickQuiz:
    from mlroute.services.quick_quiz import quick_quiz

    return quick_quiz(store, kb, lang=lang)


@api.get("/quiz/{skill}/paper", summary="mlroute quiz SKILL --paper --json")
def api_paper(kb: KbDep, skill: str, seed: int | None = None, lang: str = "en") -> QuizPaper:
    from mlroute.services import quiz

    return quiz.paper(kb, skill, seed=seed, lang=lang)


class QuizBody(BaseModel):
    answers: list[str] | dict[str, str] = Field(description="in paper order, or {item id: answer}")
    seed: int | None = Field(default=None, description="the paper's seed (default: today's paper)")
    lang: str = "en"
    accept: bool = False


@api.post("/quiz/{skill}", summary="mlroute quiz SKILL --answers … [--accept] --json")
def api_take(store: StoreDep, kb: KbDep, skill: str, body: QuizBody) -> QuizResult:
    from mlroute.services import quiz

    result = quiz.take(store, kb, skill, body.answers, seed=body.seed, lang=body.lang)
    if body.accept:
        result = quiz.accept(store, kb, skill, result_id=result.id)
    return result


router.include_router(api)  # the app registers one router for the pages and their API
