"""The timeline: one row per plan item across the weeks of the journey, bars filled by status (outline: to do,
filled as far as the hours logged: in progress, solid: done, hatched: skipped), milestones as numbered lines, the
keep-growing weeks shaded, and a line for this week.

Pure: takes the plan document (weeks of the current version, ``offset`` weeks after the first plan's start), the
items earlier versions listed, what is recorded, and labels; returns rows and marks positioned in percent of the
chart, so the page draws them with HTML at any width and the text stays readable on a phone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

TICK_STEPS = (1, 2, 4, 8, 13, 26, 52)
MIN_TICK_PX = 64
PX_PER_WEEK = 5  # the chart is never narrower than this many pixels a week (it scrolls on a phone)
LANE_GAP = 3.0  # percent of the chart between two milestone numbers on one lane


@dataclass(frozen=True)
class Row:
    id: str
    kind: str
    title: str
    status: str
    horizon: str
    week_start: int
    week_end: int
    hours: float
    logged: float
    left: float  # percent of the chart
    width: float
    fill: float  # percent of the bar filled: the hours logged of an item in progress, all of a done one
    earlier: bool


@dataclass(frozen=True)
class Mark:
    id: str
    number: int
    label: str
    week: int
    date: str | None
    left: float
    horizon: str
    lane: int  # 0 or 1: neighbouring milestones' numbers sit on two lanes so they do not overlap


@dataclass(frozen=True)
class Tick:
    week: int
    left: float
    month: str | None  # YYYY-MM of the week's Monday


@dataclass(frozen=True)
class Timeline:
    rows: list[Row]
    marks: list[Mark]
    ticks: list[Tick]
    today: float | None
    grow_from: float | None  # where the keep-growing weeks begin
    first: int
    last: int

    @property
    def weeks(self) -> int:
        return self.last - self.first + 1


def tick_step(px_per_week: float) -> int:
    return next((s for s in TICK_STEPS if s * px_per_week >= MIN_TICK_PX), TICK_STEPS[-1])


def timeline(
    plan: Mapping[str, Any],
    *,
    statuses: Mapping[str, str],
    logged: Mapping[str, float],
    titles: Mapping[str, str],
    offset: int = 0,
    earlier: Sequence[tuple[Mapping[str, Any], int]] = (),
    milestone_labels: Mapping[str, str] | None = None,
    first_start: dt.date | None = None,
    today_week: float | None = None,
) -> Timeline:
    """``earlier``: (item, offset of the version that listed it); ``first_start``: the first plan's start date,
    for the months under the axis; ``today_week``: where today falls (4.5 = the middle of week 4)."""
    entries = [(it, offset, False) for it in plan.get("items", [])] + [(it, off, True) for it, off in earlier]
    entries.sort(key=lambda e: (int(e[0].get("week_start", 1)) + e[1], int(e[0].get("week_end", 1)) + e[1], e[0]["id"]))
    milestones = sorted(plan.get("milestones", []), key=lambda m: int(m.get("week", 0)))
    starts = [int(it.get("week_start", 1)) + off for it, off, _ in entries]
    ends = [int(it.get("week_end", 1)) + off for it, off, _ in entries]
    first = min([*starts, 1 + offset]) if entries else 1 + offset
    last = max([*ends, *(int(m.get("week", 0)) + offset for m in milestones), first])
    span = last - first + 1

    def left(week: float) -> float:
        return float(round((week - first) / span * 100, 3))

    rows = []
    for (it, _off, old), ws, we in zip(entries, starts, ends, strict=True):
        status = statuses.get(it["id"], "todo")
        hours, done = float(it.get("hours") or 0), float(logged.get(it["id"], 0.0))
        fill = 100.0 if status == "done" else min(100.0, done / hours * 100) if status == "doing" and hours else 0.0
        horizon = "grow" if it.get("horizon") == "grow" else "ready"
        title = titles.get(it["id"], str(it.get("title", it["id"])))
        width = round((we - ws + 1) / span * 100, 3)
        kind = str(it.get("kind", "resource"))
        rows.append(
            Row(it["id"], kind, title, status, horizon, ws, we, hours, done, left(ws), width, round(fill, 1), old)
        )

    labels = milestone_labels or {}
    marks = []
    lane_end = [-100.0, -100.0]
    for n, m in enumerate(milestones, start=1):
        week = int(m.get("week", 0)) + offset
        x = left(week + 1)  # a milestone is reached at the end of its week
        lane = 0 if x - lane_end[0] >= LANE_GAP else 1 if x - lane_end[1] >= LANE_GAP else 0
        lane_end[lane] = x
        label = labels.get(m["id"], str(m.get("title", m["id"])))
        horizon = "grow" if m.get("horizon") == "grow" else "ready"
        marks.append(Mark(str(m["id"]), n, label, week, m.get("date"), x, horizon, lane))
    ready = next((mk for mk in marks if mk.id == "ready"), None)
    grow_from = ready.left if ready and any(r.horizon == "grow" for r in rows) else None

    step = tick_step(PX_PER_WEEK)
    ticks = [
        Tick(w, left(w), (first_start + dt.timedelta(weeks=w - 1)).strftime("%Y-%m") if first_start else None)
        for w in range(first, last + 1)
        if (w - 1) % step == 0
    ]
    today = left(today_week) if today_week is not None and first <= today_week < last + 1 else None
    return Timeline(rows, marks, ticks, today, grow_from, first, last)
