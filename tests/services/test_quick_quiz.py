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
    required = {r.skill: r for r in kb.roles["ml-engineer"].requirements}
    assert all(q.skill in quizzed and q.weight == required[q.skill].weight for q in quick.skills)
    scores = [q.weight * (1 if q.level else 0.5) * (1.1 if q.reason == "assumed" else 1) for q in quick.skills]
    assert scores == sorted(scores, reverse=True)
    # every other quizzable requirement scores no higher than the last one offered
    offered = {q.skill for q in quick.skills}
    plan = planned.read(repo.latest_plan)
    assert plan is not None
    levels = plan.data["profile"]["levels_used"]
    rest = [
        r.weight * (1 if levels.get(s) else 0.5) * (1.1 if s in plan.data["assumed_skills"] else 1)
        for s, r in required.items()
        if s in quizzed and s not in offered
    ]
    assert max(rest) <= scores[-1]
    # Python weighs the most for an ML engineer and the person says level 1: the first quiz to offer
    assert quick.skills[0].skill == "python" and quick.skills[0].reason == "declared" and quick.skills[0].level == 1
    assert quick.skills[1].reason == "assumed"  # then a foundation the background suggests
    # once its level is accepted, another skill takes its place
    result = quiz.take(planned, kb, "python", answers(kb, "python", "r"), seed=SEED, now=WEEK1)
    quiz.accept(planned, kb, result_id=result.id, now=WEEK1)
    after = quick_quiz(planned, kb, lang="zh").skills
    assert "python" not in {q.skill for q in after} and len(after) == len(quick.skills)
    assert after[0].name == kb.skills[after[0].skill].name.zh


def test_no_quick_quiz_before_a_plan(store: Store, kb: KBIndex) -> None:
    assert quick_quiz(store, kb).skills == []
