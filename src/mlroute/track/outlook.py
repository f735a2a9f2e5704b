"""Where a journey stands on a given day: progress, pace and the ETA band, computed in one place.

``status``, ``replan``, the documents and the web pages all take their figures from ``outlook`` so that they
cannot disagree; a change to how the forecast is made is a change to this function alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mlroute.track.forecast import forecast
from mlroute.track.journey import Journey
from mlroute.track.pace import Pace, pace
from mlroute.track.progress import Progress, progress
from mlroute.track.weeks import weeks_between


@dataclass(frozen=True)
class Outlook:
    progress: Progress
    pace: Pace
    eta: dict[str, float]  # weeks from the first start date to the finish: {p10, p50, p90}
    planned_pace: float


def outlook(journey: Journey, today: date) -> Outlook:
    items = journey.plan_items
    known_hours = {i: float(it.get("hours", 0)) for i, it in journey.items.items()}
    logged = journey.logged
    prog = progress(items, journey.statuses, logged, known_hours)
    planned = float(journey.plan.pace or journey.hours_per_week or 1.0)
    # Pace is measured from the first logged session: a late start already shows in the weeks elapsed.
    first_day = min((x.day for x in logged), default=today)
    pc = pace(logged, started=first_day, today=today, planned=planned)
    plan_total = sum(float(it.get("hours", 0)) for it in items)
    eta = forecast(
        journey.plan.data["eta_weeks"],
        plan_total_hours=plan_total,
        remaining_hours=prog.hours_remaining,
        planned_pace=planned,
        pace=pc.hours_per_week,
        weeks_into_plan=weeks_between(journey.plan.starts_on, today),
        plan_offset_weeks=journey.offset,
    )
    return Outlook(progress=prog, pace=pc, eta=eta, planned_pace=planned)
