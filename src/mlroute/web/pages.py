"""The pages of the journey once a plan exists: dashboard, roadmap, timeline, item, journal, re-plan, and the
forms that change progress (start, finish, skip, log time, journal, evidence, hours per week).

Every form posts, the service records it, and the answer is a 303 back to the page (post/redirect/get). HTMX
follows that redirect and swaps in only the part of the page the form belongs to (``hx-select``), so the same
routes serve a browser with or without JavaScript.
"""

from __future__ import annotations

import datetime as dt
import difflib
import logging
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mlroute.errors import UnknownIdError, UserError
from mlroute.services import journal, onboarding, planning, replan, reviews, study
from mlroute.services.current import CurrentPlan
from mlroute.services.journal import EVIDENCE_KINDS, JOURNAL_KINDS
from mlroute.services.status import status
from mlroute.web import state, views
from mlroute.web.deps import KbDep, LangDep, StoreDep, back_to
from mlroute.web.interview import practice_panel

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)  # HTML pages; /docs lists the JSON API


def _render(request: Request, name: str, **extra: Any) -> HTMLResponse:
    render = request.app.state.render
    response: HTMLResponse = render(request, name, **extra)
    return response


def _back(request: Request, fallback: str) -> RedirectResponse:
    return RedirectResponse(back_to(request, fallback), status_code=303)


def _current_or_welcome(store: StoreDep) -> CurrentPlan | RedirectResponse:
    current = state.current(store)
    if current is None:
        return RedirectResponse("/welcome", status_code=303)
    return current


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, store: StoreDep, kb: KbDep, lang: LangDep) -> Response:
    try:
        st = status(store, kb=kb)
    except UserError as exc:
        log.debug("no dashboard yet: %s", exc.message)
        if not state.has_plan(store):
            return RedirectResponse("/welcome", status_code=303)
        raise
    ids = [it.id for it in st.next_items] + [r.item for r in st.reviews_due]
    titles = views.kb_titles(kb, ids, lang) if lang != "en" else {}
    return _render(request, "dashboard.html", st=st, titles=titles, **practice_panel(store, kb, lang))


@router.get("/roadmap", response_class=HTMLResponse)
def roadmap(request: Request, store: StoreDep, index: KbDep, lang: LangDep, item: str | None = None) -> Response:
    current = _current_or_welcome(store)
    if isinstance(current, RedirectResponse):
        return current
    layout = views.roadmap(current, index, lang)
    selected = views.find_item(current.plan, item) if item else None
    return _render(
        request,
        "roadmap.html",
        layout=layout,
        current=current,
        selected=selected,
        selected_title=views.item_title(selected, lang) if selected else "",
        names=views.skill_names(index, lang),
        fit=views.fit_label,
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, store: StoreDep, lang: LangDep) -> Response:
    current = _current_or_welcome(store)
    if isinstance(current, RedirectResponse):
        return current
    gantt = views.timeline(current, lang, dt.date.today())
    return _render(request, "timeline.html", gantt=gantt, current=current, fit=views.fit_label)


def _plan_item(current: CurrentPlan, item_id: str) -> dict[str, Any]:
    found = views.find_item(current.plan, item_id)
    if found is None:
        ids = [it["id"] for it in current.plan.get("items", [])]
        raise UnknownIdError("plan item", item_id, difflib.get_close_matches(item_id, ids, n=3, cutoff=0.5))
    return found


@router.get("/items/{item_id}", response_class=HTMLResponse)
def item_page(request: Request, store: StoreDep, index: KbDep, lang: LangDep, item_id: str) -> Response:
    current = _current_or_welcome(store)
    if isinstance(current, RedirectResponse):
        return current
    item = _plan_item(current, item_id)
    titles = {it["id"]: views.item_title(it, lang) for it in current.plan.get("items", [])}
    return _render(
        request,
        "item.html",
        item=item,
        title=views.item_title(item, lang),
        record=views.kb_record(index, item_id),
        current=current,
        status=current.statuses.get(item_id, "todo"),
        start_date=views.week_date(current.first_starts_on, item["week_start"] + current.offset).isoformat(),
        logged=current.hours_logged.get(item_id, 0.0),
        sessions=current.sessions.get(item_id, []),
        journal=journal.journal_list(store, item=item_id).entries,
        names=views.skill_names(index, lang),
        titles=titles,
        today=dt.date.today().isoformat(),
        journal_kinds=JOURNAL_KINDS,
    )


@router.post("/items/{item_id}/status")
def change_status(
    request: Request, store: StoreDep, item_id: str, status: str = Form(...), reason: str = Form("known")
) -> Response:
    if status == "doing":
        study.start(store, item_id)
    elif status == "done":
        study.done(store, item_id)
    elif status == "skipped":
        study.skip(store, item_id, reason=reason)
    else:
        raise UserError(f"Unknown status {status!r}.", hint="Choose start, done or skip.")
    return _back(request, f"/items/{item_id}")


@router.post("/items/{item_id}/review")
def review(request: Request, store: StoreDep, item_id: str, rating: str = Form(...)) -> Response:
    """How well you recalled a finished item; spaced repetition (FSRS) sets when it comes back."""
    reviews.review(store, item_id, rating)
    return _back(request, "/")


@router.post("/items/{item_id}/log")
def log_time(
    request: Request,
    store: StoreDep,
    item_id: str,
    duration: str = Form(...),
    day: str = Form(""),
    note: str = Form(""),
) -> Response:
    study.log(store, duration, item_id, note=note or None, day=day or None)
    return _back(request, f"/items/{item_id}")


@router.get("/journal", response_class=HTMLResponse)
def journal_page(request: Request, store: StoreDep, lang: LangDep, kind: str = "", tag: str = "") -> Response:
    current = _current_or_welcome(store)
    if isinstance(current, RedirectResponse):
        return current
    entries = journal.journal_list(store, kind=kind or None, tag=tag or None).entries
    titles = {it["id"]: views.item_title(it, lang) for it in current.plan.get("items", [])}
    return _render(
        request,
        "journal.html",
        entries=list(reversed(entries)),
        links=journal.evidence_list(store).links,
        kind=kind,
        tag=tag,
        titles=titles,
        items=current.plan.get("items", []),
        today=dt.date.today().isoformat(),
        journal_kinds=JOURNAL_KINDS,
        evidence_kinds=EVIDENCE_KINDS,
    )


@router.post("/journal")
def add_journal(
    request: Request,
    store: StoreDep,
    text: str = Form(...),
    kind: str = Form("insight"),
    tags: str = Form(""),
    item: str = Form(""),
    day: str = Form(""),
) -> Response:
    journal.journal_add(
        store,
        text,
        kind=kind,
        tags=[t for t in tags.replace(",", " ").split() if t],
        items=[item] if item else None,
        day=day or None,
    )
    return _back(request, "/journal")


@router.post("/evidence")
def add_evidence(
    request: Request,
    store: StoreDep,
    url: str = Form(...),
    title: str = Form(""),
    kind: str = Form(""),
    item: str = Form(""),
) -> Response:
    journal.evidence_add(store, url, kind=kind or None, title=title or None, item=item or None)
    return _back(request, "/journal")


@router.post("/replan", response_class=HTMLResponse)
def replan_now(request: Request, store: StoreDep, kb: KbDep) -> Response:
    result = replan.replan(store, kb)
    return _render(request, "replan.html", result=result)


@router.post("/settings/hours")
def change_hours(request: Request, store: StoreDep, kb: KbDep, hours_per_week: float = Form(...)) -> Response:
    """A new profile version with the new weekly hours and a plan made from it (what ``mlroute init`` does with
    an edited profile): done and skipped items are kept."""
    current = state.current(store)
    if current is None:
        return RedirectResponse("/welcome", status_code=303)
    profile = planning.profile_from_answers({**current.profile, "hours_per_week": hours_per_week}, kb)
    onboarding.start(store, kb, profile, replace=True)
    return _back(request, "/settings")
