"""Where a journey stands on a given day: progress, pace and the ETA band, computed in one place.

``status``, ``replan``, ``history``, the documents and the web pages all take their figures from ``outlook``, so
they cannot disagree; a change to how the forecast is made is a change to this function alone.

The ETA is the planner's own time model (``plan.forecast.forecast_items``) run over what remains of the current
plan from this week on: finished and skipped items count nothing, time logged on an item is taken off it, steps
at work that are running count only their weeks left. Until ``pace.MIN_WEEKS`` of the journey have passed, the
weeks give the stated hours (with the model's share for real life); after that, the pace observed since the start.
Weeks already behind are added, counted from the first plan's start. On a plan's first day, with nothing logged,
this is exactly the band the planner printed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from mlroute.track.journey import Journey
from mlroute.track.pace import Pace, pace, weeks_since
from mlroute.track.progress import Progress, minutes_by_item, progress
from mlroute.track.weeks import week_of

BANDS = ("p10", "p50", "p90")


@dataclass(frozen=True)
class Outlook:
    progress: Progress
    pace: Pace
    eta: dict[str, int]  # ready to apply: weeks from the first start date {p10, p50, p90}
    eta_grow: dict[str, int]  # everything, keep growing included
    planned_pace: float  # the stated hours per week
    elapsed_weeks: int  # whole weeks of the journey before this one


def stated_capacity(profile: Mapping[str, Any], first_day: date) -> Callable[[int], float]:
    """Hours stated for week ``w`` counted from ``first_day`` (1-based): ``availability`` by date, else
    ``hours_per_week``."""
    hours = float(profile.get("hours_per_week") or 0)
    overrides: dict[int, float] = {}
    for day, h in (profile.get("availability") or {}).items():
        d = day if isinstance(day, date) else dt.date.fromisoformat(str(day))
        w = (d - first_day).days // 7 + 1
        if w >= 1:
            overrides[w] = float(h)
    return lambda w: overrides.get(w, hours)


def remaining_work(journey: Journey, today: date) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """The current plan's items (running steps at work shortened to their weeks left) and the hours left on each."""
    logged = minutes_by_item(journey.logged)
    week = week_of(journey.plan.starts_on, today)
    items: list[dict[str, Any]] = []
    left: dict[str, float] = {}
    for it in journey.plan_items:
        item = dict(it)
        status = journey.status(item["id"])
        if status in ("done", "skipped"):
            left[item["id"]] = 0.0
            item["span_weeks"] = 0
        else:
            left[item["id"]] = max(0.0, float(item.get("hours", 0)) - logged.get(item["id"], 0) / 60)
            if int(item.get("span_weeks", 0)) > 1 and week >= int(item.get("week_start", week)):
                item["span_weeks"] = max(0, int(item.get("week_end", week)) - week + 1)
        items.append(item)
    return items, left


def outlook(journey: Journey, today: date) -> Outlook:
    from mlroute.plan.forecast import forecast_items

    first_day = journey.first.starts_on
    stated = float(journey.hours_per_week or 0) or 1.0
    prog = progress(journey.plan_items, journey.statuses, journey.logged, _known_hours(journey))
    pc = pace(journey.logged, started=first_day, today=today, planned=stated)
    elapsed = weeks_since(first_day, today)
    items, left = remaining_work(journey, today)
    week_one = first_day + dt.timedelta(weeks=elapsed)  # the simulation starts with the current week
    capacity = stated_capacity(journey.profile, week_one)
    bands = forecast_items(
        items,
        capacity,
        remaining=left,
        pace=pc.hours_per_week if pc.enough else None,
        pace_sigma=pc.sigma or 0.15,
        seed=int(journey.plan.data.get("seed", 0)),
    )
    ready, grow = bands["ready"].to_json(), bands["grow"].to_json()
    return Outlook(
        progress=prog,
        pace=pc,
        eta={b: elapsed + int(ready[b]) for b in BANDS},
        eta_grow={b: elapsed + int(grow[b]) for b in BANDS},
        planned_pace=stated,
        elapsed_weeks=elapsed,
    )


def _known_hours(journey: Journey) -> dict[str, float]:
    return {i: float(it.get("hours", 0)) for i, it in journey.items.items()}
