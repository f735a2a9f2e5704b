"""The mentor's pages and API (team mode): the cohort page (each mentee's progress, pace against plan, ETA and
its drift, last activity, who is stuck and why), one mentee's page with comments on their items and journal
entries, the cohorts' shared roadmaps; and the learner's side: the mentor's feedback, answered, and their cohort's
roadmap. A mentor reaches a learner only through ``mentee_store``: the assignment is checked first, every time.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel

from mlroute.errors import UserError
from mlroute.services import cohort as cohort_service
from mlroute.services import cohorts as cohorts_service
from mlroute.services import comments as comment_service
from mlroute.services import journal
from mlroute.services.cohort import CohortView
from mlroute.services.comments import Comment, Feedback
from mlroute.services.current import current_plan
from mlroute.services.status import Status, status
from mlroute.services.users import Actor
from mlroute.store import Store
from mlroute.web.auth import AccountDep, Denied, MentorDep, client_of
from mlroute.web.deps import KbDep, KbOrNoneDep, LangDep

router = APIRouter(include_in_schema=False)
api = APIRouter(tags=["team"])


class CommentBody(BaseModel):
    target_kind: str
    target: str
    text: str


def _render(request: Request, name: str, **extra: Any) -> Response:
    page: Response = request.app.state.render(request, name, **extra)
    return page


def mentee_store(request: Request, user: MentorDep, username: str) -> Store:
    """The learner ``username``'s data, for their assigned mentor only (403 for anyone else, whether or not the
    account exists). A dependency, so the route declares it and the authorization matrix sees it."""
    store: Store = request.app.state.store
    try:
        row = cohort_service.mentee(store, user.id, username)
    except cohort_service.NotYourMentee as exc:
        raise Denied(403, exc.message, exc.hint or "") from None
    return store.for_owner(row.id)


mentee_store.grants = "mentee"  # type: ignore[attr-defined]
MenteeDep = Annotated[Store, Depends(mentee_store)]


def led_cohort(request: Request, user: MentorDep, name: str) -> str:
    """The cohort ``name`` when the signed-in account leads it (its mentor) or is an admin; else 403."""
    info = next(
        (c for c in cohorts_service.listing(request.app.state.store).cohorts if c.name.lower() == name.lower()), None
    )
    if info is None or (user.role != "admin" and info.mentor != user.username):
        raise Denied(403, "You do not lead this cohort.", "Its mentor (or an admin) sees its roadmap.")
    return info.name


led_cohort.grants = "cohort"  # type: ignore[attr-defined]
LedCohortDep = Annotated[str, Depends(led_cohort)]


def actor(request: Request, user: Any) -> Actor:
    return Actor(name=user.username, source=f"web {client_of(request.scope)}", user_id=user.id, role=user.role)


@router.get("/cohort", response_class=HTMLResponse)
def cohort_page(request: Request, user: MentorDep) -> Response:
    view = cohort_service.cohort(request.app.state.store, user.id, user.username)
    groups = [c for c in cohorts_service.listing(request.app.state.store).cohorts if c.mentor == user.username]
    return _render(request, "cohort.html", view=view, groups=groups)


@router.get("/cohort/learners/{username}", response_class=HTMLResponse)
def mentee_page(
    request: Request, user: MentorDep, store: MenteeDep, kb: KbOrNoneDep, lang: LangDep, username: str
) -> Response:
    current = current_plan(store)
    st = status(store, kb=kb) if current is not None else None
    entries = journal.journal_list(store).entries if current is not None else []
    feedback = comment_service.feedback(store, reader_id=user.id)
    items = current.plan.get("items", []) if current else []
    return _render(
        request,
        "mentee.html",
        username=username,
        st=st,
        current=current,
        items=items,
        entries=list(reversed(entries)),
        feedback=feedback,
        lang_=lang,
    )


@router.post("/cohort/learners/{username}/comments")
def comment(
    request: Request,
    user: MentorDep,
    store: MenteeDep,
    username: str,
    target_kind: str = Form(...),
    target: str = Form(...),
    text: str = Form(...),
) -> Response:
    comment_service.add(
        store, author_id=user.id, author=user.username, target_kind=target_kind, target=target, text=text
    )
    return RedirectResponse(f"/cohort/learners/{username}#comments", status_code=303)


@router.get("/cohort/roadmap/{name}", response_class=HTMLResponse)
def roadmap_page(request: Request, cohort: LedCohortDep, kb: KbDep, lang: LangDep) -> Response:
    road = cohorts_service.roadmap_of(request.app.state.store, kb, cohort, lang)
    roles = sorted(kb.roles.values(), key=lambda r: r.id)
    routes = sorted(kb.routes.values(), key=lambda r: r.id)
    return _render(request, "cohort_roadmap.html", road=road, roles=roles, routes=routes, editable=True)


@router.post("/cohort/roadmap/{name}")
def set_roadmap(
    request: Request, user: MentorDep, cohort: LedCohortDep, kb: KbDep, role: str = Form(...), route: str = Form(...)
) -> Response:
    cohorts_service.set_roadmap(request.app.state.store, kb, cohort, role=role, route=route, actor=actor(request, user))
    return RedirectResponse(f"/cohort/roadmap/{cohort}", status_code=303)


@router.get("/feedback", response_class=HTMLResponse)
def feedback_page(request: Request, user: AccountDep, kb: KbDep, lang: LangDep) -> Response:
    store: Store = request.app.state.store
    mine = store.for_owner(user.id)
    fb = comment_service.feedback(mine, reader_id=user.id, mark_read=True)
    group = next((c for c in cohorts_service.listing(store).cohorts if user.username in c.members), None)
    road = cohorts_service.roadmap_of(store, kb, group.name, lang) if group and group.role else None
    me = next((m for m in road.members if m.username == user.username), None) if road else None
    return _render(request, "feedback.html", feedback=fb, group=group, road=road, me=me)


@router.post("/feedback")
def answer(
    request: Request, user: AccountDep, target_kind: str = Form(...), target: str = Form(...), text: str = Form(...)
) -> Response:
    mine = request.app.state.store.for_owner(user.id)
    comment_service.add(
        mine, author_id=user.id, author=user.username, target_kind=target_kind, target=target, text=text
    )
    return RedirectResponse("/feedback", status_code=303)


# ---- JSON API --------------------------------------------------------------------------------------------------


@api.get("/cohort", summary="The signed-in mentor's mentees: progress, pace, ETA and drift, who is stuck")
def cohort_api(request: Request, user: MentorDep) -> CohortView:
    return cohort_service.cohort(request.app.state.store, user.id, user.username, today=dt.date.today())


@api.get("/learners/{username}/status", summary="mlroute status --json of a mentee (their assigned mentor only)")
def mentee_status(store: MenteeDep, kb: KbOrNoneDep, username: str) -> Status:
    if current_plan(store) is None:
        raise UserError(f"{username} has no plan yet.", hint="They make it when they first sign in.")
    return status(store, kb=kb)


@api.get("/learners/{username}/comments", summary="Comment threads on a mentee's items and journal entries")
def mentee_comments(user: MentorDep, store: MenteeDep) -> Feedback:
    return comment_service.feedback(store, reader_id=user.id)


@api.post("/learners/{username}/comments", summary="Comment on a mentee's plan item or journal entry")
def mentee_comment(user: MentorDep, store: MenteeDep, body: CommentBody) -> Comment:
    return comment_service.add(
        store, author_id=user.id, author=user.username, target_kind=body.target_kind, target=body.target, text=body.text
    )


@api.get("/feedback", summary="Your mentor's comments on your items and journal entries")
def feedback_api(request: Request, user: AccountDep) -> Feedback:
    return comment_service.feedback(request.app.state.store.for_owner(user.id), reader_id=user.id)


@api.post("/feedback", summary="Answer a comment thread on one of your items or journal entries")
def answer_api(request: Request, user: AccountDep, body: CommentBody) -> Comment:
    mine = request.app.state.store.for_owner(user.id)
    return comment_service.add(
        mine, author_id=user.id, author=user.username, target_kind=body.target_kind, target=body.target, text=body.text
    )
