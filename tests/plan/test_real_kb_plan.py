"""Plans on the embedded knowledge base: the example personas and the demo persona."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest

from mlroute.plan import Plan, make_plan
from mlroute.profile import Profile, load_profile
from mlroute.services import planning
from mlroute.services.kb import index
from tests.plan.test_plan_properties import check_invariants

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples" / "profiles").glob("*.yaml"))
START = dt.date(2027, 1, 4)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_personas_plan_cleanly(path: Path) -> None:
    profile = load_profile(path)
    plan = make_plan(profile, index())
    check_invariants(profile, plan, index())
    assert plan.optimality["status"] in ("optimal", "feasible") and plan.optimality["gap"] <= 0.01
    assert plan.milestones and plan.milestones[-1].week <= plan.scheduled_weeks


def test_a_replan_keeps_the_route_it_started_on() -> None:
    """A newcomer who has learned to program is still on the from-zero route: the route is the shape of the
    journey, chosen from where the person started."""
    newcomer = load_profile(ROOT / "examples" / "profiles" / "newcomer.yaml")
    first = make_plan(newcomer, index())
    learned = {i.id for i in first.items if i.horizon == "ready" and i.kind == "resource"}
    programming = {i.id for i in first.items if any(s["skill"] in ("python", "programming-basics") for s in i.skills)}
    again = make_plan(newcomer, index(), done=frozenset(programming & learned))
    assert programming & learned and again.route == first.route == "from-zero"


def test_routes_follow_the_personas() -> None:
    routes = {p.stem: make_plan(load_profile(p), index()).route for p in EXAMPLES}
    assert routes == {
        "developer": "software",
        "devops": "platform",
        "data-scientist": "data-science",
        "newcomer": "from-zero",
    }


def _plan(name: str, **kwargs) -> Plan:
    profile = (
        planning.demo_profile() if name == "demo" else load_profile(ROOT / "examples" / "profiles" / f"{name}.yaml")
    )
    return make_plan(profile.model_copy(update={"start_date": START}), index(), **kwargs)


def _ready(plan: Plan, kind: str = "resource") -> list:
    return sorted((i for i in plan.items if i.horizon == "ready" and i.kind == kind), key=lambda i: i.order)


def test_demo_reads_like_article_000() -> None:
    """DevOps: a deep-learning specialization and the MLOps overlap first, platform work at the job, a talk, a
    hackathon-sized RAG project, a secondment after the core, then the move."""
    plan = _plan("demo")
    assert plan.route == "platform"
    ready = _ready(plan)
    assert ready[0].phase == "mlops-bridge" and ready[0].week_start <= 2
    assert "res:dl-specialization" in {i.id for i in ready}, "article 000 started with the DL specialization"
    mlops = next(i for i in ready if i.id in ("res:fsdl-2022", "res:mlops-zoomcamp", "res:made-with-ml"))
    assert mlops.week_end <= 30, "the MLOps bridge comes in the first months, not after week 80"
    maths = [i for i in ready if i.phase == "ml-and-maths"]
    assert maths and mlops.week_end <= min(i.week_start for i in maths)
    platform = plan.item("act:ml-platform-work")
    assert platform.week_start <= 8 and platform.week_end - platform.week_start >= 8, "runs for months beside study"
    assert plan.item("act:internal-tech-talk").week_start >= platform.week_end
    dl = plan.item("res:dl-specialization")
    assert plan.item("act:secondment").week_start >= dl.week_end, "the secondment comes after the core"
    flagship = next(i for i in plan.items if i.flagship)
    assert flagship.id == "proj:rag-chatbot" and flagship.horizon == "ready"
    assert {"act:hackathon", "act:learn-in-public", "act:secondment"} <= {i.id for i in plan.items}
    assert plan.eta.p50 < plan.eta_grow.p50


def test_developer_learns_ml_with_the_maths_and_no_cs_review() -> None:
    plan = _plan("developer")
    ready = _ready(plan)
    ids = {i.id for i in ready}
    assert not [i for i in ready if i.phase == "python-and-cs-review"], "a developer needs no programming review"
    assert "res:ml-specialization" in ids
    assert ids & {"res:dl-specialization", "res:nyu-deep-learning", "res:fastai-course"}
    assert not ids & {"res:csapp", "res:beej-guide-to-c", "res:mit-6-042j", "res:nand2tetris"}
    pillars = {index().skills[s].pillar for i in ready for s in i.closes}
    assert {"math-stats", "classic-ml", "deep-learning"} <= pillars


def test_data_scientist_learns_engineering_deployment_and_mlops() -> None:
    plan = _plan("data-scientist")
    ready = _ready(plan)
    ids = {i.id for i in ready}
    closes = {s for i in plan.items if i.horizon == "ready" for s in i.closes}
    assert {"docker", "testing", "model-deployment", "mlops", "deep-learning"} <= closes
    assert "res:ml-specialization" not in ids, "a data scientist already has classic ML"
    assert "act:small-ml-tasks" in {i.id for i in plan.items}, "ML projects at work (article 001)"


def test_newcomer_starts_with_cs50_and_python_then_ml_dl_mlops() -> None:
    plan = _plan("newcomer")
    ready = _ready(plan)
    assert [i.id for i in ready[:2]] == ["res:cs50x", "res:helsinki-python-mooc"]
    ids = [i.id for i in ready]
    for rid in ("res:ml-specialization", "res:fsdl-2022", "res:full-stack-open"):
        assert rid in ids
    dl = next(i for i in ready if i.id in ("res:dl-specialization", "res:nyu-deep-learning", "res:fastai-course"))
    assert plan.item("res:ml-specialization").order < dl.order < plan.item("res:fsdl-2022").order


def test_a_chinese_plan_on_the_real_knowledge_base_speaks_chinese() -> None:
    plan = _plan("data-scientist")  # languages: [zh, en]
    assert plan.lang == "zh"
    english = re.compile(r"\b(the|and|your|you|with|this|closes|effort|needed|other|options|placed)\b", re.I)
    for item in plan.items:
        assert re.search(r"[\u4e00-\u9fff]", item.why), item.id
        assert not english.search(item.why), (item.id, item.why)
    assert all(re.search(r"[\u4e00-\u9fff]", m.title) for m in plan.milestones)


def test_deadline_on_the_real_knowledge_base() -> None:
    by = START + dt.timedelta(weeks=26, days=-1)
    plan = _plan("developer", by=by)
    assert max(i.week_end for i in plan.items) <= 26
    doc = plan.to_json()
    assert doc["deferred"] and 0 < doc["readiness"]["must_have_coverage"] < 1


def test_empty_profile_over_the_whole_kb_is_fast_and_optimal() -> None:
    profile = Profile(start_date=planning.next_monday(planning.today()))
    make_plan(profile, index())  # warm-up (imports, caches)
    t0 = time.perf_counter()
    plan = make_plan(profile, index())
    assert time.perf_counter() - t0 < 3.0, "benchmarks/planner_speed.py holds the real figure (≤ 1 s median)"
    assert plan.optimality["status"] == "optimal"
