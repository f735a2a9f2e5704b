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
    """An item done or skipped under an earlier plan version, which later versions no longer list."""

    id: str
    title: str
    kind: str | None
    status: str
    reason: str | None
    hours: float
    hours_logged: float
    horizon: str
    week_start: int  # journey weeks (from the first plan's start)
    week_end: int
    plan_version: int


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
    # done or skipped under an earlier version, no longer in this plan
    finished: list[FinishedItem] = Field(default_factory=list)

    def document(self) -> dict[str, Any]:
        """The plan document with each item's status, and the finished items of earlier versions (``mlroute
        current --json`` and ``GET /api/current-plan``)."""
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
    """Done and skipped items the current plan no longer lists, as their latest plan version placed them."""
    listed = {it["id"] for it in plan.data.get("items", [])}
    last: dict[str, tuple[dict[str, Any], int, int]] = {}
    for p in repo.plans(s):
        offset = (p.starts_on - first.starts_on).days // 7
        for it in p.data.get("items", []):
            last[it["id"]] = (it, offset, p.version)
    out = []
    for item_id, status in sorted(statuses.items()):
        if status not in ("done", "skipped") or item_id in listed or item_id not in last:
            continue
        it, offset, version = last[item_id]
        out.append(
            FinishedItem(
                id=item_id,
                title=str(it.get("title", item_id)),
                kind=it.get("kind"),
                status=status,
                reason=reasons.get(item_id),
                hours=float(it.get("hours", 0)),
                hours_logged=round(minutes.get(item_id, 0) / 60, 2),
                horizon=str(it.get("horizon", "ready")),
                week_start=int(it.get("week_start", 0)) + offset,
                week_end=int(it.get("week_end", 0)) + offset,
                plan_version=version,
            )
        )
    return out


def current_document(store: Store) -> dict[str, Any]:
    """``mlroute current --json``: the current plan document; a UserError before the first plan."""
    current = current_plan(store)
    if current is None:
        raise UserError("There is no plan yet.", hint=NO_PLAN_HINT)
    return current.document()
