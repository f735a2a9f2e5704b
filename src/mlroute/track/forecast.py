"""ETA now, from the plan's own estimate, the work that remains and the pace actually observed.

The plan's P10/P50/P90 weeks describe the whole plan at its planned pace. What remains of it takes
``eta × remaining/total × planned/observed`` weeks, counted from today; weeks already behind are added, and a
plan made by a re-plan adds the weeks between the first start and its own start. With nothing logged yet and
on the start date, this is exactly the plan's ETA.
"""

from __future__ import annotations

from collections.abc import Mapping

BANDS = ("p10", "p50", "p90")


def forecast(
    plan_eta: Mapping[str, float],
    *,
    plan_total_hours: float,
    remaining_hours: float,
    planned_pace: float,
    pace: float,
    weeks_into_plan: float,
    plan_offset_weeks: float,
) -> dict[str, float]:
    """Weeks from the first start date to the finish, as a band: {p10, p50, p90}."""
    share = remaining_hours / plan_total_hours if plan_total_hours > 0 else 0.0
    speed = planned_pace / pace if pace > 0 else 1.0
    return {b: round(plan_offset_weeks + weeks_into_plan + float(plan_eta[b]) * share * speed, 1) for b in BANDS}


def shift(eta: Mapping[str, float], weeks: float) -> dict[str, float]:
    """A plan's ETA counted from an earlier start (a re-plan's ETA as weeks since the first start)."""
    return {b: round(float(eta[b]) + weeks, 1) for b in BANDS}
