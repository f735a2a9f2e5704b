"""The timeline: rows in schedule order on the weeks of the whole journey, bars filled by status, milestones at the
end of their week on two lanes, the keep-growing weeks, readable ticks; finished items of earlier plans stay."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mlroute.web.gantt import LANE_GAP, MIN_TICK_PX, PX_PER_WEEK, tick_step, timeline


def plan() -> dict[str, Any]:
    return {
        "items": [
            {"id": "res:b", "kind": "resource", "title": "B", "week_start": 3, "week_end": 5, "hours": 20},
            {"id": "res:a", "kind": "resource", "title": "A", "week_start": 1, "week_end": 2, "hours": 10},
            {"id": "proj:p", "kind": "project", "title": "P", "week_start": 6, "week_end": 10, "hours": 40},
            {"id": "res:g", "kind": "resource", "title": "G", "week_start": 11, "week_end": 20, "hours": 80,
             "horizon": "grow"},
        ],
        "milestones": [
            {"id": "phase:x", "title": "End of foundations", "week": 5, "date": "2027-02-07"},
            {"id": "phase:y", "title": "End of core", "week": 5},
            {"id": "ready", "title": "Ready", "week": 10, "horizon": "ready"},
            {"id": "grow", "title": "Grow", "week": 20, "horizon": "grow"},
        ],
    }  # fmt: skip


def test_rows_sit_on_their_weeks_in_schedule_order_filled_by_status() -> None:
    line = timeline(
        plan(),
        statuses={"res:a": "done", "res:b": "doing"},
        logged={"res:b": 5.0},
        titles={"res:a": "甲"},
    )
    assert [r.id for r in line.rows] == ["res:a", "res:b", "proj:p", "res:g"]
    a, b, p, g = line.rows
    assert (line.first, line.last, line.weeks) == (1, 20, 20)
    assert a.title == "甲" and a.left == 0 and a.width == 10 and a.fill == 100
    assert b.left == 10 and b.width == 15 and b.fill == 25  # 5 of 20 h logged
    assert p.fill == 0 and g.horizon == "grow"


def test_milestones_are_reached_at_the_end_of_their_week_on_two_lanes() -> None:
    line = timeline(plan(), statuses={}, logged={}, titles={}, first_start=dt.date(2026, 12, 7))
    x, y, ready, grow = line.marks
    assert x.left == y.left == 25  # the end of week 5 of 20
    assert (x.lane, y.lane) == (0, 1)  # at the same place: the numbers do not overlap
    assert x.date == "2027-02-07" and x.number == 1
    assert line.grow_from == ready.left == 50
    assert grow.left == 100


def test_an_earlier_plans_finished_items_come_first_on_the_journeys_weeks() -> None:
    current = {"items": [{"id": "res:new", "week_start": 1, "week_end": 3, "hours": 10}], "milestones": []}
    earlier = [({"id": "res:old", "week_start": 1, "week_end": 2, "hours": 6}, 0)]
    line = timeline(current, statuses={"res:old": "done"}, logged={}, titles={}, offset=4, earlier=earlier)
    old, new = line.rows
    assert (old.id, old.earlier, old.week_start, old.fill) == ("res:old", True, 1, 100)
    assert (new.week_start, new.week_end) == (5, 7)  # week 1 of a plan made four weeks in
    assert line.first == 1 and line.last == 7


def test_ticks_every_few_weeks_with_the_month_and_this_week() -> None:
    line = timeline(plan(), statuses={}, logged={}, titles={}, first_start=dt.date(2026, 12, 7), today_week=3.5)
    assert [t.week for t in line.ticks] == list(range(1, 21, tick_step(PX_PER_WEEK)))
    assert line.ticks[0].month == "2026-12"
    assert line.today == 12.5
    assert timeline(plan(), statuses={}, logged={}, titles={}, today_week=40).today is None


@given(st.floats(min_value=1, max_value=200))
def test_tick_labels_never_crowd(px: float) -> None:
    step = tick_step(px)
    assert step * px >= MIN_TICK_PX or step == 52


@given(
    st.lists(
        st.tuples(st.integers(1, 200), st.integers(0, 30), st.sampled_from(["todo", "doing", "done", "skipped"])),
        min_size=1,
        max_size=30,
    ),
    st.integers(0, 40),
)
def test_every_bar_and_mark_is_inside_the_chart(rows: list[tuple[int, int, str]], offset: int) -> None:
    items = [{"id": f"res:{i}", "week_start": s, "week_end": s + d, "hours": 10} for i, (s, d, _) in enumerate(rows)]
    milestones = [{"id": "ready", "week": max(s + d for s, d, _ in rows)}]
    statuses = {f"res:{i}": status for i, (_, _, status) in enumerate(rows)}
    line = timeline({"items": items, "milestones": milestones}, statuses=statuses, logged={}, titles={}, offset=offset)
    for r in line.rows:
        assert r.left >= 0 and r.left + r.width <= 100.001 and 0 <= r.fill <= 100
    assert all(0 <= m.left <= 100.001 for m in line.marks)
    lanes = [[m.left for m in line.marks if m.lane == k] for k in (0, 1)]
    assert all(b - a >= LANE_GAP or a == b for lane in lanes for a, b in itertools.pairwise(lane))
