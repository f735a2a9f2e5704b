"""The stored current plan with what is recorded against its items: what the roadmap, timeline and item pages
draw (``GET /api/current-plan`` returns its plan document)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, Any

from mlroute.services.results import Result
from mlroute.store import Store, repo

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as DbSession


class SessionNote(Result):
    day: date
    minutes: int
    note: str | None


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
        return CurrentPlan(
            profile=profile.data,
            profile_version=profile.version,
            plan=plan.data,
            plan_version=plan.version,
            starts_on=plan.starts_on,
            first_starts_on=first.starts_on,
            offset=(plan.starts_on - first.starts_on).days // 7,
            statuses={i: r.status for i, r in rows.items()},
            reasons={i: r.reason for i, r in rows.items() if r.reason},
            hours_logged={i: round(m / 60, 2) for i, m in minutes.items()},
            sessions=dict(notes),
        )

    return store.read(read)
