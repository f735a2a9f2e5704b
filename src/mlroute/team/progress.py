"""When a learner is stuck, and how far their finish date has drifted: the rules the mentor's cohort page uses.

Stuck means no study session in 14 days (counted from the plan's start when there is none yet), or, after the
first four weeks, less than half the planned hours logged over the last four weeks. A plan that has not started
yet is never stuck.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

IDLE_DAYS = 14
PACE_WINDOW_DAYS = 28
PACE_SHARE = 0.5


@dataclass(frozen=True)
class Stuck:
    kind: Literal["no-session", "slow-pace"]
    last_session: date | None
    idle_days: int
    logged_hours: float  # over the pace window (slow-pace)
    planned_hours: float


def stuck(started_on: date, sessions: Iterable[tuple[date, int]], planned_per_week: float, today: date) -> Stuck | None:
    """Why the learner looks stuck on ``today``, or None. ``sessions`` are (day, minutes)."""
    if today < started_on:
        return None
    days = [(d, m) for d, m in sessions if d <= today]
    last = max((d for d, _ in days), default=None)
    idle = (today - (last or started_on)).days
    window_from = today - timedelta(days=PACE_WINDOW_DAYS)
    logged = round(sum(m for d, m in days if d > window_from) / 60, 2)
    planned = round(planned_per_week * PACE_WINDOW_DAYS / 7, 2)
    if idle >= IDLE_DAYS:
        return Stuck("no-session", last, idle, logged, planned)
    if (today - started_on).days >= PACE_WINDOW_DAYS and planned > 0 and logged < PACE_SHARE * planned:
        return Stuck("slow-pace", last, idle, logged, planned)
    return None


def drift_weeks(initial_p50: float, now_p50: float) -> float:
    """How many weeks later (positive) or earlier (negative) than first planned the learner now finishes."""
    return round(now_p50 - initial_p50, 1)
