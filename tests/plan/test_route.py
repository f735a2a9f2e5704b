"""Route choice follows the articles and states its reason."""

from __future__ import annotations

import pytest

from mlroute.plan.route import choose_route, core_phase, phase_of
from tests.plan.fixture_kb import fixture_index


@pytest.mark.parametrize(
    ("background", "current", "route", "reason"),
    [
        ("none", {}, "from-zero", "do not program yet"),
        ("software_engineer", {"python": 0}, "from-zero", "do not program yet"),
        ("devops_engineer", {"python": 2}, "platform", "DevOps engineer"),
        ("software_engineer", {"python": 3}, "software", "software engineer"),
        ("data_scientist", {"python": 3}, "data-science", "data scientist"),
        ("other", {"python": 2, "machine-learning-fundamentals": 3, "statistics": 2}, "data-science", "stronger"),
        ("other", {"python": 3, "git": 2}, "software", "stronger"),
    ],
)
def test_choice_and_reason(background: str, current: dict[str, int], route: str, reason: str) -> None:
    idx = fixture_index()
    choice = choose_route(background, current, idx.roles["ml-engineer"], idx)
    assert choice.route.id == route
    assert reason in choice.reason("en")
    assert choice.reason("zh") and not any(w in choice.reason("zh") for w in ("route", "your"))


def test_phase_by_pillar_weight_and_core() -> None:
    route = fixture_index().routes["software"]
    assert route.phases[phase_of({"math-stats": 1.0, "programming": 0.2}, route)].id == "maths"
    assert phase_of({"nothing": 1.0}, route) == len(route.phases) - 1
    assert route.phases[core_phase(route)].id == "deep-learning"


def test_picks_apply_when_they_teach_a_gap_and_report_what_cannot_be_taken() -> None:
    from mlroute.plan.route import route_picks

    idx = fixture_index()
    route = idx.routes["software"]
    teaches = {f"res:{r.id}": {t.skill: t.level for t in r.teaches} for r in idx.kb.resources}
    needs = {"machine-learning-fundamentals": 2}
    groups, missed = route_picks(route, teaches, {"res:ml-course"}, needs, {}, set(), {"res:ml-paid": "over budget"})
    assert [g.members for g in groups] == [("res:ml-course",)]
    known, _ = route_picks(route, teaches, {"res:ml-course"}, needs, {"machine-learning-fundamentals": 3}, set(), {})
    assert known == [], "nothing to learn there: the pick does not apply"
    none, missed = route_picks(route, teaches, set(), needs, {}, set(), {"res:ml-course": "x", "res:ml-paid": "y"})
    assert none == [] and missed and missed[0].reasons == ("x", "y")
