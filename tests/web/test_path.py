"""The roadmap's path: phases in the route's order, ready then keep growing, cards in schedule order, milestones
after the phase they close, finished work of earlier plans back in its phase, prerequisites that lead somewhere."""

from __future__ import annotations

from typing import Any

from mlroute.web.path import EARLIER_PHASE, THROUGHOUT_PHASE, Milestone, Phase, anchor, roadmap


def plan() -> dict[str, Any]:
    items = [
        {
            "id": "res:b",
            "kind": "resource",
            "week_start": 3,
            "week_end": 5,
            "hours": 20,
            "phase": "core",
            "skills": [{"skill": "python", "from": 1, "to": 2}],
            "depends_on": ["res:a"],
        },
        {"id": "res:a", "kind": "resource", "week_start": 1, "week_end": 2, "hours": 10, "phase": "core"},
        {
            "id": "act:log",
            "kind": "career_action",
            "week_start": 1,
            "week_end": 9,
            "hours": 5,
            "phase": None,
            "when": "throughout",
        },
        {
            "id": "proj:p",
            "kind": "project",
            "week_start": 6,
            "week_end": 10,
            "hours": 40,
            "phase": "build",
            "flagship": True,
            "depends_on": ["res:gone"],
        },
        {
            "id": "act:work",
            "kind": "career_action",
            "week_start": 2,
            "week_end": 8,
            "hours": 0,
            "work_hours": 30,
            "phase": "build",
        },
        {
            "id": "res:g",
            "kind": "resource",
            "week_start": 11,
            "week_end": 20,
            "hours": 80,
            "horizon": "grow",
            "phase": "keep-growing",
        },
    ]
    return {
        "items": items,
        "phases": [
            {"id": "core", "name": "Core", "horizon": "ready", "items": ["res:a", "res:b"]},
            {"id": "build", "name": "Build", "horizon": "ready", "items": ["proj:p", "act:work"]},
            {"id": "keep-growing", "name": "Keep growing", "horizon": "grow", "items": ["res:g"]},
        ],
        "milestones": [
            {"id": "phase:core", "title": "End of core", "phase": "core", "week": 5},
            {"id": "ready", "title": "Ready to apply", "week": 10, "date": "2027-02-14", "horizon": "ready"},
            {"id": "grow", "title": "The full role", "week": 20, "horizon": "grow"},
        ],
    }  # fmt: skip


def make(**kw: Any) -> Any:
    args: dict[str, Any] = {"statuses": {}, "logged": {}, "offset": 0, "titles": {}, "skill_names": {}}
    return roadmap(plan(), **{**args, **kw})


def test_phases_in_route_order_ready_then_grow_milestones_after_what_they_close() -> None:
    road = make(labels={THROUGHOUT_PHASE: "All along"})
    kinds = [(type(s).__name__, s.id) for s in road.ready]
    assert kinds == [
        ("Phase", THROUGHOUT_PHASE),
        ("Phase", "core"),
        ("Milestone", "phase:core"),
        ("Phase", "build"),
        ("Milestone", "ready"),
    ]
    assert [(type(s).__name__, s.id) for s in road.grow] == [("Phase", "keep-growing"), ("Milestone", "grow")]
    assert isinstance(road.ready[0], Phase) and road.ready[0].name == "All along"
    ready = road.ready[-1]
    assert isinstance(ready, Milestone) and ready.date == "2027-02-14"


def test_cards_in_schedule_order_and_the_page_order_is_phase_by_phase() -> None:
    road = make()
    assert [c.id for c in road.cards] == ["act:log", "res:a", "res:b", "act:work", "proj:p", "res:g"]
    build = next(s for s in road.ready if isinstance(s, Phase) and s.id == "build")
    assert (build.week_start, build.week_end) == (2, 10)


def test_a_card_says_status_hours_skills_and_what_comes_first() -> None:
    road = make(
        statuses={"res:a": "done", "res:b": "doing"},
        logged={"res:b": 4.5},
        titles={"res:a": "Alpha", "res:b": "Beta"},
        skill_names={"python": "Python"},
        builds_on={"res:b": ["Python — aware"]},
    )
    cards = {c.id: c for c in road.cards}
    b = cards["res:b"]
    assert (b.status, b.logged, b.skills, b.builds_on) == ("doing", 4.5, ["Python"], ["Python — aware"])
    assert b.needs == [(anchor("res:a"), "Alpha")]
    assert cards["proj:p"].needs == [] and cards["proj:p"].flagship  # res:gone is on no card: no dead link
    assert cards["act:work"].at_work and not cards["res:a"].at_work
    core = next(s for s in road.ready if isinstance(s, Phase) and s.id == "core")
    assert (core.finished, core.status) == (1, "doing")


def test_finished_items_of_earlier_plans_stay_in_their_phase_on_the_journeys_weeks() -> None:
    earlier = [
        ({"id": "res:old", "kind": "resource", "week_start": 1, "week_end": 2, "hours": 8, "phase": "core"}, 0),
        ({"id": "res:retired", "kind": "resource", "week_start": 1, "week_end": 1, "hours": 2, "phase": "gone"}, 0),
    ]
    road = make(offset=3, earlier=earlier, statuses={"res:old": "done", "res:retired": "skipped"})
    core = next(s for s in road.ready if isinstance(s, Phase) and s.id == "core")
    assert [c.id for c in core.cards] == ["res:old", "res:a", "res:b"]
    assert core.cards[0].earlier and core.cards[0].week_start == 1 and core.cards[1].week_start == 4
    first = road.ready[0]
    assert isinstance(first, Phase) and first.id == EARLIER_PHASE and [c.id for c in first.cards] == ["res:retired"]
    assert road.total == 8


def test_a_phase_is_done_when_every_card_is_done_or_skipped() -> None:
    road = make(statuses={"res:a": "done", "res:b": "skipped"})
    core = next(s for s in road.ready if isinstance(s, Phase) and s.id == "core")
    assert core.status == "done"
