"""Interview drills end to end on a real database: a deck that follows the stored plan, FSRS scheduling of the
person's own ratings, new-card limits, due counts and retention, mock interviews and readiness."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mlroute.errors import UnknownIdError, UserError
from mlroute.services import interview, interview_mock, quiz, tracking
from mlroute.services import kb as kb_service
from mlroute.services.interview_readiness import readiness
from mlroute.store import repo
from mlroute.track import drill
from mlroute.track.weeks import week_of
from tests.services.conftest import WEEK1
from tests.services.test_quiz_service import SEED, answers


def deck_ids(now, **kw) -> set[str]:  # type: ignore[no-untyped-def]
    """Every question id the deck holds at ``now`` (rating nothing)."""
    ctx = tracking.store().read(lambda s: interview.read_context(s, now))
    return {q.id for q in drill.deck(kb_service.index().kb.interview_questions, ctx.reached)}


def test_without_a_plan_there_is_no_deck_but_the_whole_bank_can_be_practised(tracking_db: str) -> None:
    with pytest.raises(UserError, match="no plan") as err:
        interview.next_card(now=WEEK1)
    assert "--all" in (err.value.hint or "")
    nxt = interview.next_card(all_questions=True, now=WEEK1)
    assert nxt.card is not None and nxt.deck_size == len(kb_service.index().kb.interview_questions)
    assert interview.summary(now=WEEK1).has_plan is False


def test_the_deck_holds_what_the_person_knows_and_grows_as_the_plan_reaches_skills(planned: str) -> None:
    idx = kb_service.index()
    bank = {q.id: q for q in idx.kb.interview_questions}
    plan = tracking.store().read(repo.latest_plan)
    assert plan is not None
    early = deck_ids(WEEK1)
    for qid in early:  # git 3, sql 2, communication 2… are held: their questions are in from day one
        q = bank[qid]
        assert q.level <= max(3, 0)
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
    assert joining <= deck_ids(when)
    # …or earlier, when the person starts that item
    tracking.set_status(later_item["id"], "doing", now=WEEK1)
    assert joining <= deck_ids(WEEK1)


def test_rating_schedules_the_card_and_new_cards_are_limited_per_day(planned: str) -> None:
    first = interview.next_card(all_questions=True, now=WEEK1)
    assert first.card is not None and first.card.new and first.due_now == 0
    rated = interview.rate(first.card.id, "again", seconds=95, now=WEEK1)
    assert rated.next_due == WEEK1 + drill.STEP and rated.reviews == 1 and rated.recall_before == 0
    # the failed card comes back ten minutes later, before any new card
    back = interview.next_card(all_questions=True, now=WEEK1 + timedelta(minutes=11))
    assert back.card is not None and back.card.id == first.card.id and not back.card.new and back.due_now == 1
    good = interview.rate(first.card.id, "good", now=WEEK1 + timedelta(minutes=11))
    assert good.interval_days >= 1
    now = WEEK1 + timedelta(minutes=12)
    for _ in range(drill.NEW_PER_DAY - 1):
        card = interview.next_card(all_questions=True, now=now).card
        assert card is not None and card.new
        interview.rate(card.id, "3", now=now)
    done_for_today = interview.next_card(all_questions=True, now=now)
    assert done_for_today.card is None and done_for_today.new_left == 0 and done_for_today.next_due is not None
    tomorrow = interview.next_card(all_questions=True, now=now + timedelta(days=1))
    assert tomorrow.card is not None


def test_filters_by_kind_skill_and_role(planned: str) -> None:
    coding = interview.next_card(kind="coding", all_questions=True, now=WEEK1)
    assert coding.card is not None and coding.card.kind == "coding"
    on_sql = interview.next_card(skill="model-evaluation", all_questions=True, now=WEEK1)
    assert on_sql.card is not None and "model-evaluation" in on_sql.card.skills
    role = interview.next_card(role="mlops-engineer", all_questions=True, lang="zh", now=WEEK1)
    mlops_skills = {r.skill for r in kb_service.index().roles["mlops-engineer"].requirements}
    assert role.card is not None and mlops_skills & set(role.card.skills)
    with pytest.raises(UserError, match="kind of question"):
        interview.next_card(kind="trivia", now=WEEK1)
    with pytest.raises(UnknownIdError):
        interview.next_card(skill="pyton", now=WEEK1)
    with pytest.raises(UnknownIdError):
        interview.rate("no-such-question", "good", now=WEEK1)
    with pytest.raises(UserError, match="again, hard, good or easy"):
        interview.rate(coding.card.id, "great", now=WEEK1)


def test_due_counts_and_retention(planned: str) -> None:
    ids = [q.id for q in kb_service.index().kb.interview_questions if q.id in deck_ids(WEEK1)][:3]
    assert len(ids) == 3
    for qid in ids:
        interview.rate(qid, "good", now=WEEK1)
    s = interview.summary(now=WEEK1 + timedelta(minutes=1))
    assert (s.practised, s.learnt, s.due_now, s.reviews_today) == (3, 3, 0, 3)
    assert s.retention_30d is None  # no learnt card tested yet
    later = WEEK1 + timedelta(days=30)
    assert interview.summary(now=later).due_now == 3
    interview.rate(ids[0], "good", now=later)
    interview.rate(ids[1], "again", now=later)
    s = interview.summary(now=later + timedelta(minutes=1))
    assert s.retention_30d == 0.5 and s.due_now == 1 and 0 < (s.average_recall or 0) <= 1
    assert sum(k.practised for k in s.by_kind.values()) == 3


def test_accepted_quiz_levels_open_the_deck_at_those_levels(planned: str) -> None:
    bank = kb_service.index().kb.interview_questions
    sql3 = {q.id for q in bank if q.skill == "sql" and q.level == 3}
    assert sql3 and not sql3 & deck_ids(WEEK1)
    result = quiz.take("sql", answers("sql", "r"), seed=SEED, now=WEEK1)
    quiz.accept(result_id=result.id, now=WEEK1)
    assert sql3 <= deck_ids(WEEK1)


def test_a_mock_interview_from_start_to_summary(planned: str) -> None:
    session = interview_mock.start(45, seed=4, now=WEEK1)
    assert session.role == "ml-engineer" and session.questions[0].card.kind == "behavioural"
    assert sum(q.budget_seconds for q in session.questions) <= 45 * 60
    first, second = session.questions[0].card.id, session.questions[1].card.id
    interview_mock.answer(session.id, first, "good", seconds=240, now=WEEK1)
    progress = interview_mock.progress(session.id, now=WEEK1 + timedelta(minutes=5))
    assert progress.answered == 1 and progress.current is not None and progress.current.card.id == second
    interview_mock.answer(session.id, second, "again", seconds=900, now=WEEK1 + timedelta(minutes=20))
    # time runs out: the summary is made once and kept
    over = interview_mock.progress(session.id, now=WEEK1 + timedelta(minutes=46))
    assert over.current is None and over.summary is not None
    assert over.summary.answered == 2 and over.summary.unanswered == [q.card.id for q in session.questions[2:]]
    assert over.summary.ratings["again"] == 1 and over.summary.weak_skills
    # the answers scheduled the cards like drills
    assert interview.summary(now=WEEK1 + timedelta(minutes=47)).practised == 2
    with pytest.raises(UserError, match="not a question of mock interview"):
        interview_mock.answer(session.id, "bias-variance-tradeoff-x", "good", seconds=1)
    with pytest.raises(UserError, match="is finished"):
        interview_mock.answer(session.id, session.questions[2].card.id, "good", seconds=60)
    with pytest.raises(UserError, match="not possible"):
        interview_mock.start(1)


def test_a_scripted_mock_and_readiness(planned: str) -> None:
    session, summary = interview_mock.run(60, ["good", "easy", "hard"], seconds=[100, 200], role="mlops-engineer")
    assert session.role == "mlops-engineer" and summary.answered == 3
    assert summary.seconds == 100 + 200 + session.questions[2].budget_seconds
    with pytest.raises(UserError, match="ratings were given"):
        interview_mock.run(5, ["good"] * 20)
    report = readiness(lang="zh")
    assert report.role == "ml-engineer" and report.skills and 0 <= report.overall <= 1
    assert report.role_name == kb_service.index().roles["ml-engineer"].name.zh
    practised = [s for s in report.skills if s.practised]
    assert practised and all(s.drill is not None for s in practised)
    assert {k.kind for k in report.kinds} == {"concept", "coding", "system-design", "behavioural"}
