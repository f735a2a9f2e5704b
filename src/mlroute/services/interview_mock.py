"""Mock interviews: plan a timed session shaped by the target role, record each self-rated answer (they schedule
the cards like any drill), and summarise the session. The session and its summary are stored.

Questions in the person's deck are preferred; when the deck cannot fill the time, questions the plan has not
reached yet are used too, and marked as ahead of the plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from mlroute.errors import UserError
from mlroute.services.interview import (
    DrillCard,
    card_document,
    last_ratings,
    question,
    rate,
    read_context,
    recall_now,
    resolve_index,
    resolve_store,
    role_requirements,
)
from mlroute.store import drill_repo
from mlroute.store.models import MockInterviewRow
from mlroute.track import drill
from mlroute.track.drill_mock import Answer, kind_shares, select, summarise

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mlroute.kb import KBIndex
    from mlroute.store import Store

MIN_MINUTES, MAX_MINUTES = 5, 240


class MockQuestion(BaseModel):
    number: int
    card: DrillCard
    budget_seconds: int
    ahead_of_plan: bool


class MockSession(BaseModel):
    id: int
    role: str
    role_name: str
    minutes: int
    started_at: datetime
    shares: dict[str, float]
    questions: list[MockQuestion]


class MockKind(BaseModel):
    kind: str
    asked: int
    answered: int
    good: int
    seconds: int
    budget_seconds: int


class MockSummary(BaseModel):
    id: int
    role: str
    minutes: int
    planned: int
    answered: int
    seconds: int
    budget_seconds: int
    ratings: dict[str, int]
    kinds: list[MockKind]
    over_time: list[str]
    weak_skills: list[str]
    weak_skill_names: list[str]
    unanswered: list[str]
    next_steps: list[str]


def start(
    minutes: int,
    *,
    role: str | None = None,
    seed: int | None = None,
    lang: str = "en",
    now: datetime | None = None,
    index: KBIndex | None = None,
    store: Store | None = None,
) -> MockSession:
    """Plan and store a mock interview of ``minutes`` for ``role`` (default: the profile's target role)."""
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise UserError(
            f"A mock interview of {minutes} minutes is not possible.",
            hint=f"Choose between {MIN_MINUTES} and {MAX_MINUTES} minutes (a real round is 45–60).",
        )
    idx = resolve_index(index)
    now = now or datetime.now(UTC)
    st = resolve_store(store)

    def read(s: Session) -> tuple[str, dict[str, int] | None, dict[str, float], dict[str, drill.CardView]]:
        ctx = read_context(s, now)
        return ctx.role, ctx.reached, recall_now(ctx.cards, last_ratings(s), now), ctx.cards

    target, reached, recall, cards = st.read(read)
    rid = role.partition(":")[2] if role and role.startswith("role:") else (role or target)
    rec = idx.role(rid)
    reqs = role_requirements(rid, idx)
    bank = idx.kb.interview_questions
    in_deck = {q.id for q in drill.deck(bank, reached)} if reached is not None else set()
    chosen = select(bank, reqs, minutes, recall=recall, seed=now.toordinal() if seed is None else seed)
    questions = [
        MockQuestion(
            number=n,
            card=card_document(q, lang, idx, cards.get(q.id), now),
            budget_seconds=q.budget_minutes * 60,
            ahead_of_plan=reached is not None and q.id not in in_deck,
        )
        for n, q in enumerate(chosen, start=1)
    ]
    shares = kind_shares(reqs)
    data = {"questions": [q.id for q in chosen], "lang": lang, "answers": [], "summary": None}
    mock_id = st.write(lambda s: drill_repo.add_mock(s, minutes=minutes, role=rid, data=data, now=now))
    return MockSession(
        id=mock_id,
        role=rid,
        role_name=rec.name.get(lang),
        minutes=minutes,
        started_at=now,
        shares=shares,
        questions=questions,
    )


def _row(s: Session, mock_id: int) -> MockInterviewRow:
    row = drill_repo.mock(s, mock_id)
    if row is None:
        raise UserError(f"There is no mock interview {mock_id}.", hint="Start one: mlroute interview mock --minutes 45")
    return row


def _mock(s: Session, mock_id: int) -> tuple[int, str, dict[str, Any]]:
    row = _row(s, mock_id)
    return row.minutes, row.role, dict(row.data)


def answer(
    mock_id: int,
    question_id: str,
    rating: str,
    *,
    seconds: int,
    now: datetime | None = None,
    index: KBIndex | None = None,
    store: Store | None = None,
) -> None:
    """Record one answer of a mock interview: schedules the card, and keeps the answer with the session."""
    st = resolve_store(store)
    _, _, data = st.read(lambda s: _mock(s, mock_id))
    if question_id not in data["questions"]:
        raise UserError(f"{question_id!r} is not a question of mock interview {mock_id}.")
    if data.get("summary") is not None:
        raise UserError(
            f"Mock interview {mock_id} is finished; its summary is kept as it was.",
            hint="Start another: mlroute interview mock --minutes 45",
        )
    rated = rate(question_id, rating, seconds=seconds, mode="mock", mock_id=mock_id, now=now, index=index, store=st)

    def tx(s: Session) -> None:
        _, _, current = _mock(s, mock_id)
        current["answers"] = [a for a in current["answers"] if a["id"] != question_id]
        current["answers"].append({"id": question_id, "rating": rated.rating, "seconds": seconds})
        drill_repo.update_mock(s, mock_id, current)

    st.write(tx)


def finish(mock_id: int, *, lang: str = "en", index: KBIndex | None = None, store: Store | None = None) -> MockSummary:
    """The summary of a mock interview (stored with it): answers, time against budget, weak skills."""
    idx = resolve_index(index)
    st = resolve_store(store)
    minutes, role, data = st.read(lambda s: _mock(s, mock_id))
    planned = [question(i, idx) for i in data["questions"]]
    answers = [Answer(a["id"], a["rating"], int(a["seconds"])) for a in data["answers"]]
    sm = summarise(planned, answers)
    names = [idx.skills[s].name.get(lang) if s in idx.skills else s for s in sm.weak_skills]
    result = MockSummary(
        id=mock_id,
        role=role,
        minutes=minutes,
        planned=sm.planned,
        answered=sm.answered,
        seconds=sm.seconds,
        budget_seconds=sm.budget_seconds,
        ratings=sm.ratings,
        kinds=[MockKind(**vars(k)) for k in sm.kinds],
        over_time=sm.over_time,
        weak_skills=sm.weak_skills,
        weak_skill_names=names,
        unanswered=sm.unanswered,
        next_steps=_next_steps(sm.weak_skills, sm.over_time, sm.unanswered, lang),
    )

    def tx(s: Session) -> None:
        _, _, current = _mock(s, mock_id)
        current["summary"] = result.model_dump(mode="json")
        drill_repo.update_mock(s, mock_id, current)

    st.write(tx)
    return result


def _next_steps(weak: Sequence[str], over: Sequence[str], unanswered: Sequence[str], lang: str) -> list[str]:
    zh = lang.startswith("zh")
    steps = []
    for skill in weak[:3]:
        steps.append(
            f"练习这项技能的题目：mlroute interview --skill {skill}"
            if zh
            else f"Drill this skill: mlroute interview --skill {skill}"
        )
    if over:
        steps.append(
            "有些回答超时：先用一两句话给出结论，再展开细节。"
            if zh
            else "Some answers ran long: lead with the conclusion in one or two sentences, then the detail."
        )
    if unanswered:
        steps.append(
            "时间不够答完所有题：每题按预算计时练习。"
            if zh
            else "Time ran out before every question: practise against each question's time budget."
        )
    if not steps:
        steps.append(
            "这次模拟表现不错：下次试试更长的场次或更高难度的岗位。"
            if zh
            else "A strong session: next time try a longer one, or a more demanding role."
        )
    return steps


def run(
    minutes: int,
    ratings: Sequence[str],
    *,
    seconds: Sequence[int] | None = None,
    role: str | None = None,
    seed: int | None = None,
    lang: str = "en",
    now: datetime | None = None,
    index: KBIndex | None = None,
    store: Store | None = None,
) -> tuple[MockSession, MockSummary]:
    """A whole mock interview without a terminal: the ratings (and seconds) of the first questions, in order; the
    questions after the last rating count as not reached in time."""
    session = start(minutes, role=role, seed=seed, lang=lang, now=now, index=index, store=store)
    if len(ratings) > len(session.questions):
        raise UserError(
            f"The session has {len(session.questions)} questions but {len(ratings)} ratings were given.",
            hint="Print the session with --json first to see its questions.",
        )
    times = list(seconds or [])
    for i, (q, rating) in enumerate(zip(session.questions, ratings, strict=False)):
        spent = times[i] if i < len(times) else q.budget_seconds
        answer(session.id, q.card.id, rating, seconds=spent, now=now, index=index, store=store)
    return session, finish(session.id, lang=lang, index=index, store=store)


class MockProgress(BaseModel):
    """Where a mock interview stands: the question to answer now, or the summary once it is over."""

    id: int
    role: str
    role_name: str
    minutes: int
    started_at: datetime
    seconds_left: int
    planned: int
    answered: int
    current: MockQuestion | None
    summary: MockSummary | None


def progress(
    mock_id: int,
    *,
    lang: str = "en",
    now: datetime | None = None,
    index: KBIndex | None = None,
    store: Store | None = None,
) -> MockProgress:
    """The next unanswered question while time is left; the summary (made once) when all are answered or time is
    up."""
    idx = resolve_index(index)
    now = now or datetime.now(UTC)
    st = resolve_store(store)
    row = st.read(lambda s: _row(s, mock_id))
    data = dict(row.data)
    answered = {a["id"] for a in data.get("answers", [])}
    left = int(row.minutes * 60 - (now - row.started_at).total_seconds())
    pending = [i for i in data["questions"] if i not in answered]
    summary = None
    current = None
    if data.get("summary") is not None:
        summary = MockSummary.model_validate(data["summary"])
    elif not pending or left <= 0:
        summary = finish(mock_id, lang=lang, index=idx, store=st)
    else:
        q = question(pending[0], idx)
        current = MockQuestion(
            number=data["questions"].index(q.id) + 1,
            card=card_document(q, lang, idx, None, now),
            budget_seconds=q.budget_minutes * 60,
            ahead_of_plan=False,
        )
    return MockProgress(
        id=mock_id,
        role=row.role,
        role_name=idx.role(row.role).name.get(lang) if row.role in idx.roles else row.role,
        minutes=row.minutes,
        started_at=row.started_at,
        seconds_left=max(0, left),
        planned=len(data["questions"]),
        answered=len(answered),
        current=current,
        summary=summary,
    )
