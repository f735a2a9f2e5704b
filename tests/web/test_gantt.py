"""The timeline layout: bars on the right weeks, milestones at the end of their week, readable ticks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mlroute.web.gantt import HEAD_H, LABEL_W, ROW_H, tick_step, timeline_layout, week_px


def plan() -> dict[str, Any]:
    return {
        "items": [
            {"id": "res:b", "kind": "resource", "title": "B", "week_start": 3, "week_end": 5, "hours": 20},
            {"id": "res:a", "kind": "resource", "title": "A", "week_start": 1, "week_end": 2, "hours": 10},
            {"id": "proj:p", "kind": "project", "title": "P", "week_start": 6, "week_end": 10, "hours": 40},
        ],
        "milestones": [
            {"id": "m1", "title": "End of foundations", "week": 5},
            {"id": "m2", "title": "End of core", "week": 5},
            {"id": "m3", "title": "Ready", "week": 10},
        ],
    }


def test_bars_sit_on_their_weeks_in_schedule_order() -> None:
    g = timeline_layout(plan(), {"res:a": "done"}, labels={"res:a": "甲"})
    assert [b.id for b in g.bars] == ["res:a", "res:b", "proj:p"]
    a, b, p = g.bars
    assert a.label == "甲" and a.status == "done" and b.status == "todo"
    assert a.x == g.chart_x
    assert b.x - a.x == 2 * g.week_px
    assert p.w == 5 * g.week_px
    assert [bar.y for bar in g.bars] == [HEAD_H + i * ROW_H + (ROW_H - 14) / 2 for i in range(3)]
    assert g.weeks == 10 and g.width >= LABEL_W + 10 * g.week_px


def test_milestones_are_numbered_at_the_end_of_their_week_in_separate_lanes_when_close() -> None:
    g = timeline_layout(plan(), {}, labels={}, milestone_labels={"m1": "基础阶段结束"})
    m1, m2, m3 = g.markers
    assert [m.number for m in g.markers] == [1, 2, 3]
    assert m1.label == "基础阶段结束" and m3.label == "Ready"
    assert m1.x == g.chart_x + 5 * g.week_px  # the end of week 5
    assert m1.lane != m2.lane  # same week: stacked, not drawn over each other
    assert m3.lane == 0


def test_weeks_count_from_the_first_plan_after_a_replan() -> None:
    start = dt.date(2026, 1, 5)
    g = timeline_layout(plan(), {}, labels={}, offset=4, first_start=start, today_week=6.5)
    assert g.bars[0].week_start == 5  # week 1 of the new plan is week 5 of the journey
    assert g.ticks[0].date == (start + dt.timedelta(weeks=4)).isoformat()
    assert g.today_x == g.chart_x + (6.5 - 5) * g.week_px  # halfway through the journey's week 6


def test_today_line_only_inside_the_plan() -> None:
    assert timeline_layout(plan(), {}, labels={}, today_week=0.9).today_x is None
    assert timeline_layout(plan(), {}, labels={}, today_week=3).today_x is not None
    assert timeline_layout(plan(), {}, labels={}, today_week=10.9).today_x is not None
    assert timeline_layout(plan(), {}, labels={}, today_week=11).today_x is None


def test_scale_and_ticks_stay_readable_for_long_plans() -> None:
    assert week_px(5) == 40.0  # short plans do not become absurdly wide
    assert week_px(400) == 6.0  # long ones stay visible
    for weeks in (5, 30, 104, 400):
        assert tick_step(week_px(weeks)) * week_px(weeks) >= 64
