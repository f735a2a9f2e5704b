"""What the roadmap, timeline and item pages draw: the stored current plan with each item's status and logged
time, read in one transaction through the tracking service's store.

The tracking service computes progress, pace and the forecast (``status``); this only reads the stored records
those pages need and that no tracking use case returns as a whole (the plan snapshot, every status, the notes).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from mlroute.services import tracking
from mlroute.store import repo

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def has_plan() -> bool:
    return tracking.store().read(lambda s: repo.latest_plan(s) is not None)


def current() -> dict[str, Any] | None:
    """The current plan and everything recorded against its items; None before the first plan."""

    def read(s: Session) -> dict[str, Any] | None:
        plan, profile = repo.latest_plan(s), repo.latest_profile(s)
        if plan is None or profile is None:
            return None
        first = plan if plan.version == 1 else repo.first_plan(s)  # each snapshot is parsed once
        if first is None:
            return None
        rows = repo.statuses(s)
        minutes: dict[str, int] = defaultdict(int)
        notes: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for x in repo.sessions(s):
            minutes[x.item_id] += x.minutes
            notes[x.item_id].append({"day": x.day.isoformat(), "minutes": x.minutes, "note": x.note})
        return {
            "profile": profile.data,
            "profile_version": profile.version,
            "plan": plan.data,
            "plan_version": plan.version,
            "starts_on": plan.starts_on,
            "first_starts_on": first.starts_on,
            "offset": (plan.starts_on - first.starts_on).days // 7,
            "statuses": {i: r.status for i, r in rows.items()},
            "reasons": {i: r.reason for i, r in rows.items() if r.reason},
            "hours_logged": {i: round(m / 60, 2) for i, m in minutes.items()},
            "sessions": dict(notes),
        }

    return tracking.store().read(read)
