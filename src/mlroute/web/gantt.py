"""The timeline as a Gantt chart by week: one bar per plan item, milestones as numbered markers with a line down
the chart, and a line for this week, laid out on the server.

Pure: takes the plan document (weeks already counted from the person's first plan), item statuses and labels,
returns positioned shapes for the template to draw.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

LABEL_W = 280  # the item titles on the left
ROW_H = 22
BAR_H = 14
HEAD_H = 74  # the week axis (two text lines) and milestone markers (two lanes) above the rows
LANES = 2
MARKER_W = 30
MARGIN = 8
RIGHT = 56  # room for the last tick label
TARGET_W = 900  # the chart area aims for this many pixels
TICK_STEPS = (1, 2, 4, 8, 13, 26, 52)
MIN_TICK_PX = 64


@dataclass(frozen=True)
class Bar:
    id: str
    kind: str
    label: str
    status: str
    week_start: int
    week_end: int
    hours: float
    x: float
    y: float
    w: float
    row: int


@dataclass(frozen=True)
class Marker:
    id: str
    number: int  # drawn as "M1", "M2"…; the full titles are listed under the chart
    label: str
    week: int
    date: str | None
    x: float
    lane: int  # rows of markers, so neighbouring milestones do not overlap


@dataclass(frozen=True)
class Tick:
    week: int
    x: float
    date: str | None


@dataclass(frozen=True)
class Gantt:
    bars: list[Bar]
    markers: list[Marker]
    ticks: list[Tick]
    today_x: float | None
    week_px: float
    weeks: int
    width: float
    height: float
    chart_x: float
    chart_top: float


def week_px(weeks: int) -> float:
    """Pixels per week: the whole plan in about ``TARGET_W``, never thinner than 6 or wider than 40."""
    return max(6.0, min(40.0, TARGET_W / max(weeks, 1)))


def tick_step(px: float) -> int:
    return next((s for s in TICK_STEPS if s * px >= MIN_TICK_PX), TICK_STEPS[-1])


def timeline_layout(
    plan: Mapping[str, Any],
    statuses: Mapping[str, str],
    *,
    labels: Mapping[str, str],
    milestone_labels: Mapping[str, str] | None = None,
    offset: int = 0,
    first_start: dt.date | None = None,
    today_week: float | None = None,
) -> Gantt:
    """``offset``: weeks between the person's first plan and this one, so week numbers match the dashboard's;
    ``first_start``: the first plan's start date, for the dates under the axis; ``today_week``: where today falls,
    in weeks (4.5 = the middle of week 4)."""
    ordered = sorted(
        enumerate(plan.get("items", [])), key=lambda p: (p[1].get("week_start", 0), p[1].get("week_end", 0), p[0])
    )
    items: list[Mapping[str, Any]] = [it for _, it in ordered]
    last = max([int(it.get("week_end", 0)) + offset for it in items] + [offset + 1])
    for m in plan.get("milestones", []):
        last = max(last, int(m.get("week", 0)) + offset)
    first = 1 + offset if offset > 0 else 1
    weeks = last - first + 1
    px = week_px(weeks)
    x0 = LABEL_W + MARGIN

    def x_of(week: float) -> float:
        return x0 + (week - first) * px

    def date_of(week: int) -> str | None:
        return (first_start + dt.timedelta(weeks=week - 1)).isoformat() if first_start else None

    bars = []
    for row, it in enumerate(items):
        ws, we = int(it.get("week_start", 1)) + offset, int(it.get("week_end", 1)) + offset
        bars.append(
            Bar(
                id=it["id"],
                kind=it.get("kind", "resource"),
                label=labels.get(it["id"], it.get("title", it["id"])),
                status=statuses.get(it["id"], "todo"),
                week_start=ws,
                week_end=we,
                hours=float(it.get("hours", 0)),
                x=x_of(ws),
                y=HEAD_H + row * ROW_H + (ROW_H - BAR_H) / 2,
                w=max(px * (we - ws + 1), 3.0),
                row=row,
            )
        )

    markers = []
    lane_end = [-1e9] * LANES
    mlabels = milestone_labels or {}
    for n, m in enumerate(sorted(plan.get("milestones", []), key=lambda m: m.get("week", 0)), start=1):
        week = int(m.get("week", 0)) + offset
        x = x_of(week + 1)  # a milestone is reached at the end of its week
        lane = next((i for i, end in enumerate(lane_end) if x - MARKER_W / 2 > end), 0)
        lane_end[lane] = x + MARKER_W / 2
        label = mlabels.get(m["id"], m.get("title", m["id"]))
        markers.append(Marker(m["id"], n, label, week, date_of(week + 1), x, lane))

    step = tick_step(px)
    ticks = [Tick(w, x_of(w), date_of(w)) for w in range(first, last + 1) if (w - 1) % step == 0]

    today_x = x_of(today_week) if today_week is not None and first <= today_week < last + 1 else None
    width = x0 + weeks * px + RIGHT
    height = HEAD_H + len(items) * ROW_H + MARGIN
    return Gantt(bars, markers, ticks, today_x, px, weeks, width, height, x0, HEAD_H)
