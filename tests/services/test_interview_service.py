"""Interview drills end to end on a real database: a deck that follows the stored plan, FSRS scheduling of the
person's own ratings, new-card limits, due counts and retention, mock interviews and readiness."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from mlroute.errors import UnknownIdError, UserError
from mlroute.kb import KBIndex
from mlroute.services import interview, interview_mock, quiz, study
from mlroute.services.drill_context import read_context
from mlroute.services.drill_summary import drill_status, summary
from mlroute.services.interview_readiness import readiness
from mlroute.store import Store, repo
from mlroute.track import drill
from mlroute.track.weeks import week_of
from tests.services.conftest import WEEK1
from tests.services.test_quiz_service import SEED, answers


def deck_ids(store: Store, kb: KBIndex, now: datetime) -> set[str]:
    """Every question id the deck holds at ``now`` (rating nothing)."""
    ctx = store.read(lambda s: read_context(s, now))
    return {q.id for q in drill.deck(kb.kb.interview_questions, ctx.reached)}


def test_without_a_plan_there_is_no_deck_but_the_whole_bank_can_be_practised(store: Store, kb: KBIndex) -> None:
    with pytest.raises(UserError, match="no plan") as err:
        interview.next_card(store, kb, now=WEEK1)
    assert "--all" in (err.value.hint or "")
    nxt = interview.next_card(store, kb, all_questions=True, now=WEEK1)
    assert nxt.card is not None and nxt.deck_size == len(kb.kb.interview_questions)
    assert summary(store, kb, now=WEEK1).has_plan is False


def test_the_deck_holds_what_the_person_knows_and_grows_as_the_plan_reaches_skills(planned: Store, kb: KBIndex) -> None:
    bank = {q.id: q for q in kb.kb.interview_questions}
    plan = planned.read(repo.latest_plan)
    assert plan is not None
    early = deck_ids(planned, kb, WEEK1)
    held = {"git": 3, "sql": 2, "communication": 2, "collaboration": 3, "testing": 2, "python": 1}
    assert {q.id for q in bank.values() if held.get(q.skill, 0) >= q.level} <= early
    # a skill the plan teaches later: its questions join when its first item's week comes
    later_item = next(
        it
        for it in sorted(plan.data["items"], key=lambda it: it["week_start"])
        if it["week_start"] > 2
        and any(
            q.skill == t["skill"] and q.level <= t["to"] and held.get(t["skill"], 0) < q.level
            for t in it["skills"]
            for q in bank.values()
        )
    )
    taught = {t["skill"]: t["to"] for t in later_item["skills"]}
    joining = {q.id for q in bank.values() if taught.get(q.skill, 0) >= q.level > held.get(q.skill, 0)}
    assert joining and not joining & early
    when = WEEK1 + timedelta(weeks=later_item["week_start"] - week_of(plan.starts_on, WEEK1.date()))
    assert joining <= deck_ids(planned, kb, when)
    # …or earlier, when the person starts that item
    study.set_status(planned, later_item["id"], "doing", now=WEEK1)
    assert joining <= deck_ids(planned, kb, WEEK1)


def test_rating_schedules_the_card_and_new_cards_are_limited_per_day(planned: Store, kb: KBIndex) -> None:
    first = interview.next_card(planned, kb, all_questions=True, now=WEEK1)
    assert first.card is not None and first.card.new and first.due_now == 0
    rated = interview.rate(planned, kb, first.card.id, "again", seconds=95, now=WEEK1)
    assert rated.next_due == WEEK1 + drill.STEP and rated.reviews == 1 and rated.recall_before == 0
    # the failed card comes back ten minutes later, before any new card
    back = interview.next_card(planned, kb, all_questions=True, now=WEEK1 + timedelta(minutes=11))
    assert back.card is not None and back.card.id == first.card.id and not back.card.new and back.due_now == 1
    good = interview.rate(planned, kb, first.card.id, "good", now=WEEK1 + timedelta(minutes=11))
    assert good.interval_days >= 1
    now = WEEK1 + timedelta(minutes=12)
    for _ in range(drill.NEW_PER_DAY - 1):
        card = interview.next_card(planned, kb, all_questions=True, now=now).card
        assert card is not None and card.new
        interview.rate(planned, kb, card.id, "3", now=now)
    done_for_today = interview.next_card(planned, kb, all_questions=True, now=now)
    assert done_for_today.card is None and done_for_today.new_left == 0 and done_for_today.next_due is not None
    tomorrow = interview.next_card(planned, kb, all_questions=True, now=now + timedelta(days=1))
    assert tomorrow.card is not None


def test_filters_by_kind_skill_and_role(planned: Store, kb: KBIndex) -> None:
    coding = interview.next_card(planned, kb, kind="coding", all_questions=True, now=WEEK1)
    assert coding.card is not None and coding.card.kind == "coding"
    on_eval = interview.next_card(planned, kb, skill="skill:model-evaluation", all_questions=True, now=WEEK1)
    assert on_eval.card is not None and "model-evaluation" in on_eval.card.skills
    role = interview.next_card(planned, kb, role="mlops-engineer", all_questions=True, lang="zh", now=WEEK1)
    mlops_skills = {r.skill for r in kb.roles["mlops-engineer"].requirements}
    assert role.card is not None and mlops_skills & set(role.card.skills)
    with pytest.raises(UserError, match="kind of question"):
        interview.next_card(planned, kb, kind="trivia", now=WEEK1)
    with pytest.raises(UnknownIdError):
        interview.next_card(planned, kb, skill="pyton", now=WEEK1)
    with pytest.raises(UnknownIdError):
        interview.rate(planned, kb, "no-such-question", "good", now=WEEK1)
    with pytest.raises(UserError, match="again, hard, good or easy"):
        interview.rate(planned, kb, coding.card.id, "great", now=WEEK1)
    with pytest.raises(UserError, match="Unknown language"):
        interview.show(kb, coding.card.id, lang="fr")


def test_due_counts_and_retention(planned: Store, kb: KBIndex) -> None:
    in_deck = deck_ids(planned, kb, WEEK1)
    ids = [q.id for q in kb.kb.interview_questions if q.id in in_deck][:3]
    assert len(ids) == 3
    for qid in ids:
        interview.rate(planned, kb, qid, "good", now=WEEK1)
    s = summary(planned, kb, now=WEEK1 + timedelta(minutes=1))
    assert (s.practised, s.learnt, s.due_now, s.reviews_today) == (3, 3, 0, 3)
    assert s.retention_30d is None  # no learnt card tested yet
    later = WEEK1 + timedelta(days=30)
    assert summary(planned, kb, now=later).due_now == 3
    interview.rate(planned, kb, ids[0], "good", now=later)
    interview.rate(planned, kb, ids[1], "again", now=later)
    s = summary(planned, kb, now=later + timedelta(minutes=1))
    assert s.retention_30d == 0.5 and s.due_now == 1 and 0 < (s.average_recall or 0) <= 1
    assert sum(k.practised for k in s.by_kind.values()) == 3
    brief = drill_status(planned, kb, now=later + timedelta(minutes=1))
    assert (brief.due_now, brief.retention_30d, brief.reviews_30d, brief.deck_size) == (
        1,
        0.5,
        2,
        s.deck_size,
    )  # the first three fell out of the window


def test_accepted_quiz_levels_open_the_deck_at_those_levels(planned: Store, kb: KBIndex) -> None:
    sql3 = {q.id for q in kb.kb.interview_questions if q.skill == "sql" and q.level == 3}
    assert sql3 and not sql3 & deck_ids(planned, kb, WEEK1)
    result = quiz.take(planned, kb, "sql", answers(kb, "sql", "r"), seed=SEED, now=WEEK1)
    quiz.accept(planned, kb, result_id=result.id, now=WEEK1)
    assert sql3 <= deck_ids(planned, kb, WEEK1)


def test_a_mock_interview_from_start_to_summary(planned: Store, kb: KBIndex) -> None:
    session = interview_mock.start(planned, kb, 45, seed=4, now=WEEK1)
    assert session.role == "ml-engineer" and session.questions[0].card.kind == "behavioural"
    assert sum(q.budget_seconds for q in session.questions) <= 45 * 60
    first, second = session.questions[0].card.id, session.questions[1].card.id
    interview_mock.answer(planned, kb, session.id, first, "good", seconds=240, now=WEEK1)
    progress = interview_mock.progress(planned, kb, session.id, now=WEEK1 + timedelta(minutes=5))
    assert progress.answered == 1 and progress.current is not None and progress.current.card.id == second
    interview_mock.answer(planned, kb, session.id, second, "again", seconds=900, now=WEEK1 + timedelta(minutes=20))
    # time runs out: the summary is made once and kept
    over = interview_mock.progress(planned, kb, session.id, now=WEEK1 + timedelta(minutes=46))
    assert over.current is None and over.summary is not None
    assert over.summary.answered == 2 and over.summary.unanswered == [q.card.id for q in session.questions[2:]]
    assert over.summary.ratings["again"] == 1 and over.summary.weak_skills
    # the answers scheduled the cards like drills
    assert summary(planned, kb, now=WEEK1 + timedelta(minutes=47)).practised == 2
    with pytest.raises(UserError, match="not a question of mock interview"):
        interview_mock.answer(planned, kb, session.id, "bias-variance-tradeoff-x", "good", seconds=1)
    with pytest.raises(UserError, match="is finished"):
        interview_mock.answer(planned, kb, session.id, session.questions[2].card.id, "good", seconds=60)
    with pytest.raises(UserError, match="not possible"):
        interview_mock.start(planned, kb, 1)


def test_a_scripted_mock_and_readiness(planned: Store, kb: KBIndex) -> None:
    session, result = interview_mock.run(
        planned, kb, 60, ["good", "easy", "hard"], seconds=[100, 200], role="role:mlops-engineer"
    )
    assert session.role == "mlops-engineer" and result.answered == 3
    assert result.seconds == 100 + 200 + session.questions[2].budget_seconds
    with pytest.raises(UserError, match="ratings were given"):
        interview_mock.run(planned, kb, 5, ["good"] * 20)
    report = readiness(planned, kb, lang="zh")
    assert report.role == "ml-engineer" and report.skills and 0 <= report.overall <= 1
    assert report.role_name == kb.roles["ml-engineer"].name.zh
    practised = [s for s in report.skills if s.practised]
    assert practised and all(s.drill is not None for s in practised)
    assert {k.kind for k in report.kinds} == {"concept", "coding", "system-design", "behavioural"}
