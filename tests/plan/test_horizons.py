"""Two horizons, where people stand, deadline mode and Chinese plans, on the fixture knowledge base."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from mlroute.errors import UserError
from mlroute.plan import make_plan
from mlroute.profile import Profile
from tests.plan.fixture_kb import fixture_index

START = dt.date(2027, 1, 4)
DEV = Profile(background="software_engineer", years_experience=6, start_date=START, skills={"python": 3})
ENGLISH = re.compile(r"\b(the|and|your|you|with|this|that|closes|effort|needed|other|options)\b", re.I)


def test_ready_comes_first_and_the_headline_is_ready_to_apply() -> None:
    plan = make_plan(DEV, fixture_index())
    ready = [i for i in plan.items if i.horizon == "ready"]
    grow = [i for i in plan.items if i.horizon == "grow"]
    assert ready and grow
    last_ready_learning = max(i.week_end for i in ready if i.kind != "career_action")
    assert all(i.week_start >= last_ready_learning - 1 for i in grow)
    assert plan.eta.p50 < plan.eta_grow.p50
    doc = plan.to_json()
    assert doc["eta_weeks"] == next(m["eta_weeks"] for m in doc["milestones"] if m["id"] == "ready")
    assert doc["phases"][-1]["id"] == "keep-growing" and doc["phases"][-1]["horizon"] == "grow"


def test_grow_items_say_they_come_after_the_switch() -> None:
    plan = make_plan(DEV, fixture_index())
    for item in plan.items:
        if item.horizon == "grow" and item.kind == "resource" and item.closes:
            assert "after the switch" in item.why


def test_unstated_skills_take_the_typical_level_and_stated_ones_win() -> None:
    plan = make_plan(DEV, fixture_index())
    assert plan.assumed_skills.get("git") == 3, "a six-year developer is assumed to use git daily"
    assert "python" not in plan.assumed_skills, "stated, not assumed"
    stated = make_plan(DEV.model_copy(update={"skills": {"python": 3, "git": 1}}), fixture_index())
    assert "git" not in stated.assumed_skills
    assert stated.profile["levels_used"]["git"] == 1, "a stated level below the typical one is kept"
    junior = make_plan(DEV.model_copy(update={"years_experience": 1}), fixture_index())
    assert junior.assumed_skills["git"] == 2, "under two years in the background: one level less"


def test_an_unknown_newcomer_assumes_nothing() -> None:
    plan = make_plan(Profile(background="none", start_date=START), fixture_index())
    assert plan.assumed_skills == {}


def test_deadline_mode_fits_the_date_and_reports_what_it_defers() -> None:
    full = make_plan(DEV, fixture_index())
    by = START + dt.timedelta(weeks=8, days=-1)
    plan = make_plan(DEV, fixture_index(), by=by)
    doc = plan.to_json()
    assert doc["deadline"] == by.isoformat()
    last = (by - START).days // 7 + 1
    assert all(i.week_end <= last for i in plan.items), "no item ends after the date"
    for week in plan.weeks:
        assert week.hours <= week.planned + 1e-9
    assert doc["deferred"] and all(d["reason"] and d["title"] for d in doc["deferred"])
    assert {d["id"] for d in doc["deferred"]} <= {i.id for i in full.items}
    assert 0 <= doc["readiness"]["must_have_coverage"] < 1
    roomy = make_plan(DEV, fixture_index(), by=START + dt.timedelta(weeks=400))
    assert roomy.readiness["must_have_coverage"] == 1.0


def test_deadline_before_a_full_week_is_refused() -> None:
    with pytest.raises(UserError) as err:
        make_plan(DEV, fixture_index(), by=START + dt.timedelta(days=3))
    assert "--by" in err.value.message and err.value.hint


def test_deadline_prefers_must_haves_by_weight() -> None:
    """With room for little, the heaviest must-have gaps are covered first."""
    plan = make_plan(DEV, fixture_index(), by=START + dt.timedelta(weeks=16, days=-1))
    covered = {g["skill"] for g in plan.gaps if g["reached_ready"] >= g["entry"] > g["current"]}
    assert "machine-learning-fundamentals" in covered


def test_chinese_plan_speaks_chinese() -> None:
    plan = make_plan(DEV.model_copy(update={"languages": ["zh", "en"]}), fixture_index())
    assert plan.lang == "zh"
    doc = plan.to_json()
    texts = [i["why"] for i in doc["items"]] + [m["title"] for m in doc["milestones"]] + [doc["route_reason"]]
    texts += [n["reason"] for n in doc["not_closable"]] + doc["warnings"] + [p["name"] for p in doc["phases"]]
    for text in texts:
        assert re.search(r"[\u4e00-\u9fff]", text), text
        assert not ENGLISH.search(text), text
    assert make_plan(DEV, fixture_index(), lang="zh").lang == "zh", "--lang overrides the profile"
    with pytest.raises(UserError):
        make_plan(DEV, fixture_index(), lang="fr")


def test_career_steps_at_work_run_for_weeks_beside_study() -> None:
    plan = make_plan(Profile(background="devops_engineer", years_experience=5, start_date=START), fixture_index())
    tasks = plan.item("act:small-ml-tasks")
    assert tasks.week_end - tasks.week_start + 1 == 12 and tasks.hours == 0 and tasks.work_hours == 30
    study = [i for i in plan.items if i.kind != "career_action" and i.week_start <= tasks.week_end]
    assert study, "study goes on while the step at work runs"
