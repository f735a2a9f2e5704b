"""Gap analysis in two horizons: entry levels to be ready, full levels to grow; must-haves and valued extras."""

from __future__ import annotations

from mlroute.plan.gap import INTEREST_GROW_LEVEL, INTEREST_LEVEL, VALUE_PER_LEVEL, compute_gaps
from tests.plan.fixture_kb import fixture_index


def gaps_for(current: dict[str, int], interests: list[str] | None = None, demand=None):
    idx = fixture_index()
    return {g.skill: g for g in compute_gaps(idx.roles["ml-engineer"], interests or [], current, demand)}


def test_requirements_have_an_entry_and_a_full_target() -> None:
    g = gaps_for({})["machine-learning-fundamentals"]
    assert (g.entry, g.full, g.source, g.must) == (2, 3, "role", True)
    assert g.target_in("ready") == 2 and g.target_in("grow") == 3


def test_prerequisites_of_skills_are_not_gaps_of_their_own() -> None:
    """probability is a prerequisite of statistics, which classic ML needs; the role does not list it."""
    gaps = gaps_for({})
    assert "probability" not in gaps and "linear-algebra" not in gaps


def test_light_requirements_are_valued_not_required() -> None:
    stats = gaps_for({})["statistics"]
    assert not stats.must and stats.value(1) == 0.3 * VALUE_PER_LEVEL


def test_need_is_full_target_minus_current_and_met_skills_drop_out() -> None:
    gaps = gaps_for({"python": 2, "git": 2})
    assert gaps["python"].need == 1 and gaps["python"].current == 2
    assert "git" not in gaps


def test_entry_never_below_where_the_person_is() -> None:
    assert gaps_for({"git": 1})["git"].entry == 1


def test_interests_are_working_level_to_be_ready_and_proficient_to_grow() -> None:
    gaps = gaps_for({}, ["llm-applications"])
    g = gaps["llm-applications"]
    assert (g.entry, g.full, g.source, g.weight, g.must) == (
        INTEREST_LEVEL,
        INTEREST_GROW_LEVEL,
        "interest",
        0.5,
        False,
    )


def test_demand_scales_weights_but_never_removes_a_gap() -> None:
    plain = gaps_for({})
    scaled = gaps_for({}, demand={"pytorch": 1.0, "git": 0.0})
    assert scaled["pytorch"].weight == plain["pytorch"].weight
    assert scaled["git"].weight == plain["git"].weight / 2
    assert scaled["git"].must == plain["git"].must, "demand moves a gap, it does not make a must-have optional"
    assert set(scaled) == set(plain)
