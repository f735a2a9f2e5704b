"""Interview practice in the browser: the drill (next due card, reveal with space, rate with 1–4), timed mock
interviews, and quizzes that earn levels; plus the JSON API the CLI's ``--json`` output mirrors.

Forms post and answer with a 303 (post/redirect/get), so the pages work without JavaScript; ``static/js/drill.js``
only adds the keyboard shortcuts and the mock interview's clock. Cards and quizzes are shown in the page language.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Body, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mlroute.errors import UserError
from mlroute.kb.practice import QUESTION_KINDS

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["interview"])


def _lang(request: Request) -> str:
    from mlroute.web.app import language

    return language(request)


def _render(request: Request, name: str, **extra: Any) -> Response:
    response: Response = request.app.state.render(request, name, **extra)
    return response


def _filters(kind: str, skill: str, role: str, all_: str) -> dict[str, Any]:
    return {"kind": kind or None, "skill": skill or None, "role": role or None, "all_questions": all_ == "1"}


def _query(kind: str, skill: str, role: str, all_: str) -> str:
    q = urlencode({k: v for k, v in {"kind": kind, "skill": skill, "role": role, "all": all_}.items() if v})
    return f"?{q}" if q else ""


def _roles() -> list[tuple[str, str, str]]:
    from mlroute.services import kb as kb_service

    return [(r.id, r.name.en, r.name.zh) for r in kb_service.index().kb.roles]


# ---- the drill ---------------------------------------------------------------------------------------------------


@router.get("/interview", response_class=HTMLResponse)
def drill_page(request: Request, kind: str = "", skill: str = "", role: str = "", all: str = "") -> Response:
    from mlroute.services import interview
    from mlroute.services.interview_readiness import readiness

    lang = _lang(request)
    filters = _filters(kind, skill, role, all)
    try:
        nxt = interview.next_card(lang=lang, **filters)
    except UserError as exc:
        if filters["all_questions"] or "no plan" not in exc.message.lower():
            raise
        return RedirectResponse("/welcome", status_code=303)
    return _render(
        request,
        "interview.html",
        nxt=nxt.model_dump(mode="json"),
        summary=interview.summary().model_dump(mode="json"),
        ready=readiness(lang=lang).model_dump(mode="json"),
        kinds=QUESTION_KINDS,
        roles=_roles(),
        f={"kind": kind, "skill": skill, "role": role, "all": all},
        query=_query(kind, skill, role, all),
        shown_at=int(time.time()),
    )


@router.post("/interview/rate")
def rate_card(
    request: Request,
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
    interview.rate(question_id, rating, seconds=seconds)
    return RedirectResponse("/interview" + _query(kind, skill, role, all), status_code=303)


# ---- mock interviews ---------------------------------------------------------------------------------------------


@router.get("/interview/mock", response_class=HTMLResponse)
def mock_form(request: Request) -> Response:
    return _render(request, "interview_mock.html", mock=None, roles=_roles())


@router.post("/interview/mock")
def mock_start(request: Request, minutes: int = Form(45), role: str = Form("")) -> Response:
    from mlroute.services import interview_mock

    session = interview_mock.start(minutes, role=role or None, lang=_lang(request))
    return RedirectResponse(f"/interview/mock/{session.id}", status_code=303)


@router.get("/interview/mock/{mock_id}", response_class=HTMLResponse)
def mock_page(request: Request, mock_id: int) -> Response:
    from mlroute.services import interview_mock

    view = interview_mock.progress(mock_id, lang=_lang(request))
    return _render(
        request, "interview_mock.html", mock=view.model_dump(mode="json"), roles=_roles(), shown_at=int(time.time())
    )


@router.post("/interview/mock/{mock_id}/answer")
def mock_answer(
    request: Request, mock_id: int, question_id: str = Form(...), rating: str = Form(...), shown_at: int = Form(0)
) -> Response:
    from mlroute.services import interview_mock

    seconds = max(0, int(time.time()) - shown_at) if shown_at else 0
    interview_mock.answer(mock_id, question_id, rating, seconds=seconds)
    return RedirectResponse(f"/interview/mock/{mock_id}", status_code=303)


@router.post("/interview/mock/{mock_id}/finish")
def mock_finish(request: Request, mock_id: int) -> Response:
    from mlroute.services import interview_mock

    interview_mock.finish(mock_id, lang=_lang(request))
    return RedirectResponse(f"/interview/mock/{mock_id}", status_code=303)


# ---- quizzes -----------------------------------------------------------------------------------------------------


@router.get("/quiz", response_class=HTMLResponse)
def quiz_list(request: Request) -> Response:
    from mlroute.services import quiz

    return _render(request, "quiz_list.html", quizzes=quiz.quiz_skills(lang=_lang(request)).model_dump(mode="json"))


@router.get("/quiz/{skill}", response_class=HTMLResponse)
def quiz_page(request: Request, skill: str, seed: int | None = None) -> Response:
    from mlroute.services import quiz

    paper = quiz.paper(skill, seed=seed, lang=_lang(request))
    return _render(request, "quiz.html", paper=paper.model_dump(mode="json"))


@router.post("/quiz/{skill}")
async def quiz_submit(request: Request, skill: str) -> Response:
    from starlette.concurrency import run_in_threadpool

    from mlroute.services import quiz

    form = await request.form()
    try:
        seed = int(str(form.get("seed", "")))
        count = int(str(form.get("count", "")))
    except ValueError:
        raise UserError("The quiz form is incomplete.", hint="Open the quiz again and answer its questions.") from None
    answers = [str(form.get(f"answer_{n}", "")) for n in range(1, count + 1)]
    result = await run_in_threadpool(lambda: quiz.take(skill, answers, seed=seed, lang=_lang(request)))
    return RedirectResponse(f"/quiz/results/{result.id}", status_code=303)


@router.get("/quiz/results/{result_id}", response_class=HTMLResponse)
def quiz_result(request: Request, result_id: int) -> Response:
    from mlroute.services import quiz

    found = quiz.result(result_id)
    return _render(request, "quiz_result.html", r=found.model_dump(mode="json"))


@router.post("/quiz/results/{result_id}/accept")
def quiz_accept(request: Request, result_id: int) -> Response:
    from mlroute.services import quiz

    quiz.accept(result_id=result_id)
    return RedirectResponse(f"/quiz/results/{result_id}", status_code=303)


# ---- JSON API (the same documents as the CLI's --json) ---------------------------------------------------------


@api.get("/interview/next")
def api_next(
    kind: str | None = None, skill: str | None = None, role: str | None = None, lang: str = "en", all: bool = False
) -> dict[str, Any]:
    from mlroute.services import interview

    doc = interview.next_card(kind=kind, skill=skill, role=role, lang=lang, all_questions=all)
    return doc.model_dump(mode="json")


@api.post("/interview/rate")
def api_rate(body: dict[str, Any] = Body(...)) -> dict[str, Any]:
    from mlroute.services import interview

    if not isinstance(body.get("id"), str) or not isinstance(body.get("rating"), str):
        raise UserError('Send {"id": question id, "rating": "again|hard|good|easy"}.')
    seconds = body.get("seconds")
    return interview.rate(body["id"], body["rating"], seconds=int(seconds) if seconds is not None else None).model_dump(
        mode="json"
    )


@api.get("/interview/summary")
def api_summary() -> dict[str, Any]:
    from mlroute.services import interview

    return interview.summary().model_dump(mode="json")


@api.get("/interview/readiness")
def api_readiness(role: str | None = None, lang: str = "en") -> dict[str, Any]:
    from mlroute.services.interview_readiness import readiness

    return readiness(role=role, lang=lang).model_dump(mode="json")


@api.get("/quiz")
def api_quizzes(lang: str = "en") -> dict[str, Any]:
    from mlroute.services import quiz

    return quiz.quiz_skills(lang=lang).model_dump(mode="json")


@api.get("/quiz/{skill}/paper")
def api_paper(skill: str, seed: int | None = None, lang: str = "en") -> dict[str, Any]:
    from mlroute.services import quiz

    return quiz.paper(skill, seed=seed, lang=lang).model_dump(mode="json")


@api.post("/quiz/{skill}")
def api_take(skill: str, body: dict[str, Any] = Body(...)) -> dict[str, Any]:
    from mlroute.services import quiz

    answers = body.get("answers")
    if not isinstance(answers, list | dict):
        raise UserError('Send {"answers": [...] or {item id: answer}, "seed": N, "accept": false}.')
    seed = body.get("seed")
    result = quiz.take(
        skill,
        {str(k): str(v) for k, v in answers.items()} if isinstance(answers, dict) else [str(a) for a in answers],
        seed=int(seed) if seed is not None else None,
        lang=str(body.get("lang") or "en"),
    )
    if body.get("accept"):
        result = quiz.accept(skill, result_id=result.id)
    return result.model_dump(mode="json")


router.include_router(api)  # the app registers one router for the pages and their API
