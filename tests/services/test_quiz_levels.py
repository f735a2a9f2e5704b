"""Levels earned by quizzes reach the planner (first plan, re-plan, a changed profile) and every place that shows
levels (status, its JSON)."""

from __future__ import annotations

from datetime import timedelta

from mlroute.kb import KBIndex
from mlroute.profile import Profile
from mlroute.services import interview, onboarding, quiz, replan
from mlroute.services.quiz_levels import quiz_levels
from mlroute.services.status import status
from mlroute.store import Store, repo
from tests.services.conftest import PERSON, START, WEEK1
from tests.services.test_quiz_service import SEED, answers


def _gaps(store: Store) -> dict[str, dict]:  # type: ignore[type-arg]
    plan = store.read(repo.latest_plan)
    assert plan is not None
    return {g["skill"]: g for g in plan.data["gaps"]}


def test_an_accepted_quiz_result_changes_the_next_plan(planned: Store, kb: KBIndex) -> None:
    before = planned.read(repo.latest_plan)
    assert before is not None
    assert _gaps(planned)["python"]["current"] == 1 and _gaps(planned)["python"]["need"] > 0
    result = quiz.take(planned, kb, "python", answers(kb, "python", "r"), seed=SEED, now=WEEK1)
    # taken but not accepted: the plan does not move
    same = replan.replan(planned, kb, today=START, now=WEEK1)
    assert _gaps(planned)["python"]["current"] == 1 and not any("quiz" in r for r in same.reasons)
    quiz.accept(planned, kb, result_id=result.id, now=WEEK1)
    after = replan.replan(planned, kb, today=START, now=WEEK1 + timedelta(minutes=1))
    assert "python" not in _gaps(planned)  # level 3 is what the role asks: no gap left
    assert f"Levels earned in quizzes count as your own: python 3 ({WEEK1.astimezone().date()})." in after.reasons
    plan = planned.read(repo.latest_plan)
    assert plan is not None and plan.data["total_hours"] < before.data["total_hours"]
    assert plan.data["profile"]["skills"]["python"] == 1  # the profile keeps what the person said


def test_a_lower_quiz_level_replaces_a_claim_and_a_changed_profile_keeps_the_evidence(
    planned: Store, kb: KBIndex
) -> None:
    result = quiz.take(planned, kb, "sql", answers(kb, "sql", "rrrw"), seed=SEED, now=WEEK1)
    assert result.proposed_level < 2  # the person said 2
    quiz.accept(planned, kb, result_id=result.id, now=WEEK1)
    # saving the profile again with more hours (the web's settings, a second `mlroute init`) plans with the evidence
    onboarding.start(
        planned, kb, Profile.model_validate({**PERSON, "hours_per_week": 12}), today=START, now=WEEK1, replace=True
    )
    assert _gaps(planned)["sql"]["current"] == result.proposed_level


def test_status_carries_the_drills_and_the_quiz_levels_next_to_the_declared_ones(planned: Store, kb: KBIndex) -> None:
    bare = status(planned, today=START, now=WEEK1)
    assert bare.drills is None and bare.quiz_levels == []
    first = interview.next_card(planned, kb, now=WEEK1)
    assert first.card is not None
    interview.rate(planned, kb, first.card.id, "good", now=WEEK1)
    result = quiz.take(planned, kb, "python", answers(kb, "python", "r"), seed=SEED, now=WEEK1)
    quiz.accept(planned, kb, result_id=result.id, now=WEEK1)
    st = status(planned, kb=kb, today=START, now=WEEK1 + timedelta(minutes=1))
    assert st.drills is not None and st.drills.deck_size > 0 and st.drills.new_left_today == 9
    assert st.drills.retention_30d is None and st.drills.reviews_30d == 1
    doc = st.model_dump(mode="json")
    assert doc["drills"]["due_now"] == 0 and doc["drills"]["next_due"].endswith("+00:00")
    [level] = st.quiz_levels
    assert (level.skill, level.level, level.declared, level.counts) == ("python", 3, 1, True)
    assert level.accepted_on == WEEK1.astimezone().date() and level.name == "Python"
    assert quiz_levels(planned, kb, "zh")[0].name == kb.skills["python"].name.zh
