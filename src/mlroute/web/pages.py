"""The pages of the journey once a plan exists: dashboard, roadmap, timeline, item, journal, re-plan, and the
forms that change progress (start, finish, skip, undo, review, log time, journal, evidence).

Every form posts, the service records it, and the answer is a 303 back to the page (post/redirect/get) with a
notice of what was done (``web.notices``). HTMX follows that redirect and swaps in only the part of the page the
form belongs to (``hx-select``), so the same routes serve a browser with or without JavaScript.
"""

from __future__ import annotations

import datetime as dt
import difflib
import logging
from collections.abc import Hashable
from typing import Any, NamedTuple

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mlroute.errors import UnknownIdError, UserError
from mlroute.kb import KBIndex
from mlroute.services import journal, quiz_levels, replan, reviews, study
from mlroute.services.current import CurrentPlan
from mlroute.services.journal import EVIDENCE_KINDS, JOURNAL_KINDS
from mlroute.services.status import end_of_week, kb_stamp, status, timed_status
from mlroute.services.summary_cache import SummaryCache, cached
from mlroute.store import Store
from mlroute.web import notices, state, views
from mlroute.web.deps import KbDep, LangDep, StoreDep, back_to
from mlroute.web.errors import Refused
from mlroute.web.i18n import translations
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
    shown = dashboard_context(store, kb, lang)
    if shown is None:
        return RedirectResponse("/welcome", status_code=303)
    return _render_dashboard(request, shown, lang)


class _Dashboard(NamedTuple):
    context: dict[str, Any]
    changes_at: dt.datetime | None
    pages: dict[Hashable, bytes]  # the page as rendered, by what else it shows (see ``_render_dashboard``)


_dashboards: SummaryCache[_Dashboard | None] = SummaryCache(2_000)  # None: no plan yet, asked again
PAGES_PER_DASHBOARD = 4  # browsers (CSRF tokens), themes and addresses of one person's dashboard kept at once


def _render_dashboard(request: Request, shown: _Dashboard, lang: str) -> Response:
    """The page, rendered once per version of the dashboard and per what the page adds around it: the reader's
    language, theme, CSRF token, account and address (a page with a notice is never kept: the notice shows once).
    Rendering the template is most of what a cached dashboard costs."""
    if notices.COOKIE in request.cookies:
        return _render(request, "dashboard.html", **shown.context)
    state = request.scope.get("state", {})
    key = (lang, request.cookies.get("theme"), state.get("csrf_token"), state.get("account"), str(request.url))
    html = shown.pages.get(key)
    if html is None:
        html = bytes(_render(request, "dashboard.html", **shown.context).body)
        if len(shown.pages) >= PAGES_PER_DASHBOARD:
            shown.pages.clear()
        shown.pages[key] = html
    return HTMLResponse(html)


def dashboard_context(store: Store, kb: KBIndex, lang: str) -> _Dashboard | None:
    """What the dashboard shows (None before the first plan), from the cache while the person's data, the day and
    the language are those it was computed for (``services.summary_cache``)."""
    today, now = dt.date.today(), dt.datetime.now(dt.UTC)
    version = store.data_version()
    stamp = None if version is None else (version, today, lang, kb_stamp(kb))
    return cached(
        _dashboards, store.cache_key(), stamp, lambda: _dashboard(store, kb, lang), now=now, until=_changes_at
    )


def _changes_at(shown: _Dashboard | None) -> dt.datetime | None:
    return shown.changes_at if shown is not None else None


def _dashboard(store: Store, kb: KBIndex, lang: str) -> _Dashboard | None:
    current = state.current(store)
    if current is None:
        return None
    st, changes_at = timed_status(store, kb=kb)
    view = views.shown(current, kb, lang)
    context = {
        "st": st,
        "titles": view.titles,
        "chart": views.eta_chart(st, lang),
        "grow_date": end_of_week(st.started_on, int(st.eta_weeks_grow.p50)),
        "route_name": view.plan.get("route_name"),
        **practice_panel(store, kb, lang),
    }
    return _Dashboard(context, changes_at, {})


@router.get("/roadmap", response_class=HTMLResponse)
def roadmap(request: Request, store: StoreDep, kb: KbDep, lang: LangDep) -> Response:
    current = _current_or_welcome(store)
    if isinstance(current, RedirectResponse):
        return current
    view = views.shown(current, kb, lang)
    return _render(
        request, "roadmap.html", road=views.roadmap(current, view, kb, lang), current=current, plan=view.plan, view=view
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, store: StoreDep, kb: KbDep, lang: LangDep) -> Response:
    current = _current_or_welcome(store)
    if isinstance(current, RedirectResponse):
        return current
    view = views.shown(current, kb, lang)
    today = dt.date.today()
    line = views.timeline(current, view, today)
    st = status(store, today=today)
    forecast = {  # beside the schedule's milestones, as the documents print them: the weeks and the days they end
        "ready": (int(st.eta_weeks.p50), st.eta_dates.p50),
        "grow": (int(st.eta_weeks_grow.p50), end_of_week(st.started_on, int(st.eta_weeks_grow.p50))),
    }
    return _render(request, "timeline.html", line=line, current=current, forecast=forecast)


@router.get("/items/{item_id}", response_class=HTMLResponse)
def item_page(request: Request, store: StoreDep, kb: KbDep, lang: LangDep, item_id: str) -> Response:
    current = _current_or_welcome(store)
    if isinstance(current, RedirectResponse):
        return current
    view = views.shown(current, kb, lang)
    found = views.locate(store, kb, current, view, item_id, lang)
    if found is None:
        ids = list(view.titles)
        raise UnknownIdError("plan item", item_id, difflib.get_close_matches(item_id, ids, n=3, cutoff=0.5))
    item = found.item
    return _render(
        request,
        "item.html",
        item=item,
        found=found,
        title=view.titles.get(item_id, item_id),
        phase=views.phase_name(view, item.get("phase")),
        record=views.kb_record(kb, item_id),
        current=current,
        status=current.statuses.get(item_id, "todo"),
        start_date=views.week_date(current.first_starts_on, item["week_start"] + found.offset).isoformat(),
        logged=current.hours_logged.get(item_id, 0.0),
        sessions=current.sessions.get(item_id, []),
        journal=journal.journal_list(store, item=item_id).entries,
        names=views.skill_names(kb, lang),
        titles=view.titles,
        builds_on=views.builds_on(kb, [item_id], lang).get(item_id, []),
        newer_levels=quiz_levels.not_planned(store, view.plan, kb, lang, item_id),  # quiz levels it lacks
        today=dt.date.today().isoformat(),
        journal_kinds=JOURNAL_KINDS,
    )


def _title(kb: KbDep, item_id: str, lang: str) -> str:
    return views.ref_name(kb, item_id, lang)


@router.post("/items/{item_id}/status")
def change_status(
    request: Request,
    store: StoreDep,
    kb: KbDep,
    lang: LangDep,
    item_id: str,
    status: str = Form(...),
    reason: str = Form("known"),
) -> Response:
    if status == "doing":
        change = study.start(store, item_id)
    elif status == "done":
        change = study.done(store, item_id)
    elif status == "skipped":
        change = study.skip(store, item_id, reason=reason)
    else:
        _ = translations(lang).gettext
        raise Refused(_("“%(v)s” is not one of the choices.") % {"v": status}, hint=_("Choose one from the list."))
    response = _back(request, f"/items/{change.item}")
    return notices.tell(response, status, title=_title(kb, change.item, lang), item=change.item)


@router.post("/items/{item_id}/undo")
def undo(request: Request, store: StoreDep, kb: KbDep, lang: LangDep, item_id: str) -> Response:
    """Take back a finish or a skip."""
    change = study.undo(store, item_id)
    current = state.current(store)
    planned = current is not None and any(it["id"] == change.item for it in current.plan.get("items", []))
    response = _back(request, f"/items/{change.item}")
    return notices.tell(response, "undone" if planned else "undone-earlier", title=_title(kb, change.item, lang))


@router.post("/items/{item_id}/review")
def review(
    request: Request, store: StoreDep, kb: KbDep, lang: LangDep, item_id: str, rating: str = Form(...)
) -> Response:
    """How well you recalled a finished item; spaced repetition (FSRS) sets when it comes back."""
    done = reviews.review(store, item_id, rating)
    response = _back(request, "/")
    return notices.tell(response, "reviewed", title=_title(kb, done.item, lang), extra=done.next_review[:10])


@router.post("/items/{item_id}/log")
def log_time(
    request: Request,
    store: StoreDep,
    kb: KbDep,
    lang: LangDep,
    item_id: str,
    duration: str = Form(...),
    day: str = Form(""),
    note: str = Form(""),
) -> Response:
    logged = study.log(store, duration, item_id, note=note or None, day=day or None)
    hours = translations(lang).gettext("%(h)s h") % {"h": f"{logged.minutes / 60:.2f}".rstrip("0").rstrip(".")}
    response = _back(request, f"/items/{logged.item}")
    return notices.tell(response, "logged", title=_title(kb, logged.item, lang), extra=hours)


@router.get("/journal", response_class=HTMLResponse)
def journal_page(
    request: Request, store: StoreDep, kb: KbDep, lang: LangDep, kind: str = "", tag: str = ""
) -> Response:
    current = _current_or_welcome(store)
    if isinstance(current, RedirectResponse):
        return current
    entries = journal.journal_list(store, kind=kind or None, tag=tag or None).entries
    view = views.shown(current, kb, lang)
    items = sorted(current.plan.get("items", []), key=lambda it: (it.get("week_start", 0), it["id"]))
    return _render(
        request,
        "journal.html",
        entries=list(reversed(entries)),
        links=journal.evidence_list(store).links,
        kind=kind,
        tag=tag,
        titles=view.titles,
        items=[it["id"] for it in items] + [f.id for f in current.finished],
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
        tags=[t for t in tags.replace(",", " ").replace("，", " ").split() if t],
        items=[item] if item else None,
        day=day or None,
    )
    return notices.tell(_back(request, "/journal"), "journal")


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
    return notices.tell(_back(request, "/journal"), "evidence")


@router.post("/replan", response_class=HTMLResponse)
def replan_now(request: Request, store: StoreDep, kb: KbDep, lang: LangDep) -> Response:
    if not state.has_plan(store):
        raise UserError("There is no plan yet.")
    result = replan.replan(store, kb, lang=lang)
    current = state.current(store)
    statuses = current.statuses if current else {}
    return _render(request, "replan.html", result=result, statuses=statuses, name_of=views.namer(store, kb, lang))
