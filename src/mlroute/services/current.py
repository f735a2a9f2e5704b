"""The stored current plan with what is recorded against its items: what the roadmap, timeline and item pages
draw (``GET /api/current-plan`` returns its plan document)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import Field

from mlroute.errors import UserError
from mlroute.services.journey import NO_PLAN_HINT
from mlroute.services.results import Result
from mlroute.store import Store, repo

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as DbSession


class SessionNote(Result):
    day: date
    minutes: int
    note: str | None


class FinishedItem(Result):
    """An item the current plan no longer lists that has something recorded against it (a status, logged time):
    mostly work done or skipped under an earlier version, which a re-plan leaves out; also one taken back after
    that re-plan. The pages, ``mlroute current --json`` and the documents keep it in view, where that version
    placed it."""

    id: str
    title: str  # in ``lang``, the language of the version that listed it
    kind: str | None
    status: str
    reason: str | None
    hours: float
    hours_logged: float
    horizon: str
    week_start: int  # journey weeks (from the first plan's start)
    week_end: int
    plan_version: int  # the last version that listed it
    offset: int  # weeks from the first plan's week 1 to that version's week 1
    lang: str
    item: dict[str, Any] = Field(exclude=True)  # its entry in that version (the pages draw it); not in the JSON


class CurrentPlan(Result):
    profile: dict[str, Any]
    profile_version: int
    plan: dict[str, Any]  # the plan document
    plan_version: int
    starts_on: date
    first_starts_on: date
    offset: int  # weeks from the first plan's week 1 to this plan's week 1
    statuses: dict[str, str]
    reasons: dict[str, str]
    hours_logged: dict[str, float]
    sessions: dict[str, list[SessionNote]]
    # recorded items this plan no longer lists (done or skipped under an earlier version, or taken back since)
    finished: list[FinishedItem] = Field(default_factory=list)

    def document(self) -> dict[str, Any]:
        """The plan document with each item's status, and the items of earlier versions this one no longer lists
        (``mlroute current --json`` and ``GET /api/current-plan``)."""
        doc = dict(self.plan)
        doc["items"] = [{**it, "status": self.statuses.get(it["id"], "todo")} for it in self.plan.get("items", [])]
        doc["finished"] = [f.model_dump(mode="json") for f in self.finished]
        doc["plan_version"] = self.plan_version
        doc["offset_weeks"] = self.offset
        doc["first_start_date"] = self.first_starts_on.isoformat()
        return doc


def current_plan(store: Store) -> CurrentPlan | None:
    """The current plan and everything recorded against its items; None before the first plan."""

    def read(s: DbSession) -> CurrentPlan | None:
        plan, profile = repo.latest_plan(s), repo.latest_profile(s)
        if plan is None or profile is None:
            return None
        first = plan if plan.version == 1 else repo.first_plan(s)  # each snapshot is parsed once
        if first is None:
            return None
        rows = repo.statuses(s)
        minutes: dict[str, int] = defaultdict(int)
        notes: dict[str, list[SessionNote]] = defaultdict(list)
        for x in repo.sessions(s):
            minutes[x.item_id] += x.minutes
            notes[x.item_id].append(SessionNote(day=x.day, minutes=x.minutes, note=x.note))
        statuses = {i: r.status for i, r in rows.items()}
        return CurrentPlan(
            finished=_finished(s, plan, first, statuses, {i: r.reason for i, r in rows.items()}, minutes),
            profile=profile.data,
            profile_version=profile.version,
            plan=plan.data,
            plan_version=plan.version,
            starts_on=plan.starts_on,
            first_starts_on=first.starts_on,
            offset=(plan.starts_on - first.starts_on).days // 7,
            statuses=statuses,
            reasons={i: r.reason for i, r in rows.items() if r.reason},
            hours_logged={i: round(m / 60, 2) for i, m in minutes.items()},
            sessions=dict(notes),
        )

    return store.read(read)


def _finished(
    s: DbSession,
    plan: Any,
    first: Any,
    statuses: dict[str, str],
    reasons: dict[str, str | None],
    minutes: dict[str, int],
) -> list[FinishedItem]:
    """The items with a status or logged time the current plan does not list, each as the newest earlier version
    listed it, in journey-week order."""
    missing = (set(statuses) | set(minutes)) - {it["id"] for it in plan.data.get("items", [])}
    if not missing:
        return []
    found: dict[str, FinishedItem] = {}
    for row in reversed(repo.plans(s)):
        offset = (row.starts_on - first.starts_on).days // 7
        for it in row.data.get("items", []):
            item_id = it["id"]
            if item_id not in missing or item_id in found:
                continue
            found[item_id] = FinishedItem(
                id=item_id,
                title=str(it.get("title", item_id)),
                kind=it.get("kind"),
                status=statuses.get(item_id, "doing"),  # time logged on an item makes it in progress
                reason=reasons.get(item_id),
                hours=float(it.get("hours", 0)),
                hours_logged=round(minutes.get(item_id, 0) / 60, 2),
                horizon=str(it.get("horizon", "ready")),
                week_start=int(it.get("week_start", 0)) + offset,
                week_end=int(it.get("week_end", 0)) + offset,
                plan_version=row.version,
                offset=offset,
                lang=str(row.data.get("lang", "en")),
                item=it,
            )
    return sorted(found.values(), key=lambda f: (f.week_start, f.id))


def current_document(store: Store) -> dict[str, Any]:
    """``mlroute current --json``: the current plan document; a UserError before the first plan."""
    current = current_plan(store)
    if current is None:
        raise UserError("There is no plan yet.", hint=NO_PLAN_HINT)
    return current.document()
