"""Gap analysis: role targets, transitive prerequisites, interests, demand."""

from __future__ import annotations

from mlroute.plan.gap import INTEREST_LEVEL, compute_gaps
from tests.plan.fixture_kb import fixture_index


def gaps_for(current: dict[str, int], interests: list[str] | None = None, demand=None):
    idx = fixture_index()
    return {g.skill: g for g in compute_gaps(idx.roles["ml-engineer"], interests or [], current, idx, demand)}


def test_role_requirements_and_prerequisites_pulled_in_transitively() -> None:
    gaps = gaps_for({})
    assert gaps["machine-learning-fundamentals"].target == 3
    assert gaps["machine-learning-fundamentals"].source == "role"
    # statistics is required by classic ML at 2; probability by statistics at 2: two steps away from the role
    assert gaps["statistics"].source == "prerequisite" and gaps["statistics"].target == 2
    assert gaps["probability"].target == 2 and gaps["probability"].via == ["statistics"]
    assert gaps["probability"].weight == gaps["statistics"].weight == 1.0, "inherits the weight of what needs it"


def test_need_is_target_minus_current_and_met_skills_drop_out() -> None:
    gaps = gaps_for({"python": 2, "git": 2})
    assert gaps["python"].need == 1 and gaps["python"].current == 2
    assert "git" not in gaps


def test_prerequisites_of_skills_already_held_are_not_pulled() -> None:
    gaps = gaps_for({"machine-learning-fundamentals": 3, "deep-learning": 3, "model-deployment": 3})
    assert "statistics" not in gaps and "linear-algebra" not in gaps


def test_max_of_required_and_prerequisite_level() -> None:
    # python: role wants 3; llm-applications (an interest) needs python 3; pandas needs 2 → target stays 3
    gaps = gaps_for({}, ["llm-applications"])
    assert gaps["python"].target == 3
    assert gaps["llm-applications"].target == INTEREST_LEVEL
    assert gaps["llm-applications"].source == "interest" and gaps["llm-applications"].weight == 0.5


def test_demand_scales_weights_but_never_removes_a_gap() -> None:
    plain = gaps_for({})
    scaled = gaps_for({}, demand={"pytorch": 1.0, "git": 0.0})
    assert scaled["pytorch"].weight == plain["pytorch"].weight
    assert scaled["git"].weight == plain["git"].weight / 2
    assert set(scaled) == set(plain)
