"""Packing into weeks: capacity, prerequisites, interleaving, and where career steps go."""

from __future__ import annotations

from mlroute.plan.schedule import Task, schedule


def tasks() -> list[Task]:
    return [
        Task("res:intro", "resource", 20, teaches={"a": 2}, phase=0, weight=1.0, rank=0),
        Task("res:adv", "resource", 30, teaches={"b": 2}, hard={"a": 2}, phase=1, weight=1.0, rank=1),
        Task("res:side", "resource", 10, teaches={"c": 1}, phase=2, weight=0.5, rank=2),
        Task("proj:big", "project", 40, teaches={"d": 3}, hard={"b": 2}, phase=2, rank=0),
        Task("act:start", "career_action", 4, anchor="start", rank=0),
        Task("act:mentor", "career_action", 3, anchor="start", after=["act:start"], rank=1),
        Task("act:blog", "career_action", 10, anchor="throughout", rank=2),
        Task("act:tasks", "career_action", 8, anchor="core", rank=3),
        Task("act:apply", "career_action", 12, anchor="job-search", rank=4),
    ]


def test_capacity_prerequisites_and_placement() -> None:
    s = schedule(tasks(), {}, lambda w: 10.0, core_phase=1)
    p = s.placements
    assert all(w.hours <= w.capacity + 1e-9 for w in s.weeks)
    assert sum(w.hours for w in s.weeks) == 20 + 30 + 10 + 40 + 4 + 3 + 10 + 8 + 12
    assert p["res:adv"].week_start >= p["res:intro"].week_end
    assert p["proj:big"].week_start >= p["res:adv"].week_end, "projects wait for the core and their prerequisites"
    assert p["act:start"].week_start == 1 and p["act:mentor"].week_start >= p["act:start"].week_end
    assert p["act:tasks"].week_start >= p["res:adv"].week_end, "core actions come after the core"
    last_work = max(p[r].week_end for r in ("res:intro", "res:adv", "res:side", "proj:big"))
    assert p["act:apply"].week_start >= last_work, "applications come at the end"
    assert p["act:blog"].week_start == 1 and p["act:blog"].week_end >= last_work - 1, "throughout spans the plan"


def test_learning_and_project_share_weeks() -> None:
    s = schedule(tasks(), {}, lambda w: 10.0, core_phase=1)
    both = [w for w in s.weeks if "res:side" in w.allocation and "proj:big" in w.allocation]
    assert both, "the project runs alongside the remaining learning"


def test_career_steps_take_at_most_half_a_week_while_learning_remains() -> None:
    ts = [
        Task("res:long", "resource", 50, teaches={"a": 1}, rank=0),
        Task("act:big", "career_action", 30, anchor="start", rank=0),
    ]
    s = schedule(ts, {}, lambda w: 10.0, core_phase=0)
    for w in s.weeks:
        if "res:long" in w.allocation and w.allocation.get("res:long", 0) < 10:
            assert w.allocation.get("act:big", 0) <= 5 + 1e-9


def test_availability_zero_weeks_are_empty() -> None:
    s = schedule(tasks(), {}, lambda w: 0.0 if w in (2, 3) else 10.0, core_phase=1)
    assert s.weeks[1].hours == 0 and s.weeks[2].hours == 0


def test_known_prerequisites_do_not_block() -> None:
    ts = [
        Task("res:intro", "resource", 20, teaches={"a": 2}, phase=0, weight=0.5, rank=0),
        Task("res:adv", "resource", 30, teaches={"b": 2}, hard={"a": 2}, phase=0, weight=1.0, rank=1),
    ]
    blocked = schedule([Task(**vars(t)) for t in ts], {}, lambda w: 10.0, core_phase=0)
    assert blocked.order == ["res:intro", "res:adv"]
    known = schedule([Task(**vars(t)) for t in ts], {"a": 2}, lambda w: 10.0, core_phase=0)
    assert known.order == ["res:adv", "res:intro"], "with the prerequisite known, the weightier item goes first"
