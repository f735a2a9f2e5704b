"""Plans on the embedded knowledge base: the example personas and the demo persona."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from mlroute.plan import make_plan
from mlroute.profile import Profile, load_profile
from mlroute.services import planning
from mlroute.services.kb import index
from tests.plan.test_plan_properties import check_invariants

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples" / "profiles").glob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_personas_plan_cleanly(path: Path) -> None:
    profile = load_profile(path)
    plan = make_plan(profile, index())
    check_invariants(profile, plan, index())
    assert plan.optimality["status"] in ("optimal", "feasible") and plan.optimality["gap"] <= 0.01
    assert plan.milestones and plan.milestones[-1].week <= plan.scheduled_weeks


def test_routes_follow_the_personas() -> None:
    routes = {p.stem: make_plan(load_profile(p), index()).route for p in EXAMPLES}
    assert routes == {
        "developer": "software",
        "devops": "platform",
        "data-scientist": "data-science",
        "newcomer": "from-zero",
    }


def test_demo_persona_gets_an_llm_flagship_and_an_internal_move() -> None:
    plan = planning.build_plan(planning.demo_profile())
    flagship = next(i for i in plan.items if i.flagship)
    assert "llm-applications" in {s["skill"] for s in flagship.skills}
    acts = {i.id for i in plan.items if i.kind == "career_action"}
    assert {"act:find-mentor", "act:transition-plan", "act:interview-prep"} <= acts
    first_learning = min(i.week_start for i in plan.items if i.kind == "resource")
    assert first_learning == 1, "learning starts in week one next to the first career steps"


def test_empty_profile_over_the_whole_kb_is_fast_and_optimal() -> None:
    profile = Profile(start_date=planning.next_monday(planning.today()))
    make_plan(profile, index())  # warm-up (imports, caches)
    t0 = time.perf_counter()
    plan = make_plan(profile, index())
    assert time.perf_counter() - t0 < 3.0, "benchmarks/planner_speed.py holds the real figure (≤ 1 s median)"
    assert plan.optimality["status"] == "optimal"
