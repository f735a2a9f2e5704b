"""The quick quiz offered after onboarding: the quizzes the plan leans on most, none already accepted."""

from __future__ import annotations

from mlroute.kb import KBIndex
from mlroute.services import quiz
from mlroute.services.quick_quiz import quick_quiz
from mlroute.store import Store, repo
from tests.services.conftest import WEEK1
from tests.services.test_quiz_service import SEED, answers


def test_the_quick_quiz_picks_claimed_and_assumed_levels_on_heavy_skills(planned: Store, kb: KBIndex) -> None:
    quick = quick_quiz(planned, kb)
    assert 2 <= len(quick.skills) <= 3
    quizzed = {it.skill for it in kb.kb.quiz_items}
    plan = planned.read(repo.latest_plan)
    assert plan is not None
    gaps = {g["skill"]: g for g in plan.data["gaps"]}
    assert all(q.skill in quizzed and q.skill in gaps for q in quick.skills)
    # Python is claimed (level 1) and weighs the most for an ML engineer: the first quiz to offer
    assert quick.skills[0].skill == "python" and quick.skills[0].reason == "declared" and quick.skills[0].level == 1
    weights = [q.weight * max(q.level, 0.5) * (1.25 if q.reason == "assumed" else 1) for q in quick.skills]
    assert weights == sorted(weights, reverse=True)
    # once its level is accepted, another skill takes its place
    result = quiz.take(planned, kb, "python", answers(kb, "python", "r"), seed=SEED, now=WEEK1)
    quiz.accept(planned, kb, result_id=result.id, now=WEEK1)
    assert "python" not in {q.skill for q in quick_quiz(planned, kb).skills}
    assert quick_quiz(planned, kb, lang="zh").skills[0].name == kb.skills[quick.skills[1].skill].name.zh


def test_no_quick_quiz_before_a_plan(store: Store, kb: KBIndex) -> None:
    assert quick_quiz(store, kb).skills == []
