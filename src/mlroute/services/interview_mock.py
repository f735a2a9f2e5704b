"""Mock interviews: plan a timed session shaped by the target role, record each self-rated answer (they schedule
the cards like any drill), and summarise the session. The session and its summary are stored.

Questions in the person's deck are preferred; when the deck cannot fill the time, questions the plan has not
reached yet are used too, and marked as ahead of the plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from mlroute.errors import UserError
from mlroute.services.drill_context import (
    bare_id,
    last_ratings,
    question,
    read_context,
    recall_now,
    role_requirements,
)
from mlroute.services.interview import DrillCard, card_document, rate
from mlroute.services.results import IsoDateTime, Result
from mlroute.store import Store, drill_repo
from mlroute.store.models import MockInterviewRow
from mlroute.track import drill
from mlroute.track.drill_mock import Answer, kind_shares, select, summarise

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mlroute.kb import KBIndex

MIN_MINUTES, MAX_MINUTES = 5, 240


class MockQuestion(Result):
    number: int
    card: DrillCard
    budget_seconds: int
    ahead_of_plan: bool


class MockSession(Result):
    id: int
    role: str
    role_name: str
    minutes: int
    started_at: IsoDateTime
    shares: dict[str, float]
    questions: list[MockQuestion]


class MockKind(Result):
    kind: str
    asked: int
    answered: int
    good: int
    seconds: int
    budget_seconds: int


class MockSummary(Result):
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
    store: Store,
    index: KBIndex,
    minutes: int,
    *,
    role: str | None = None,
    seed: int | None = None,
    lang: str = "en",
    now: datetime | None = None,
) -> MockSession:
    """Plan and store a mock interview of ``minutes`` for ``role`` (default: the profile's target role)."""
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise UserError(
            f"A mock interview of {minutes} minutes is not possible.",
            hint=f"Choose between {MIN_MINUTES} and {MAX_MINUTES} minutes (a real round is 45–60).",
        )
    now = now or datetime.now(UTC)

    def read(s: Session) -> tuple[str, dict[str, int] | None, dict[str, float], dict[str, drill.CardView]]:
        ctx = read_context(s, now)
        return ctx.role, ctx.reached, recall_now(ctx.cards, last_ratings(s), now), ctx.cards

    target, reached, recall, cards = store.read(read)
    rid = bare_id(role, "role") if role else target
    rec = index.role(rid)
    reqs = role_requirements(rid, index)
    bank = index.kb.interview_questions
    in_deck = {q.id for q in drill.deck(bank, reached)} if reached is not None else set()
    chosen = select(bank, reqs, minutes, recall=recall, seed=now.toordinal() if seed is None else seed)
    questions = [
        MockQuestion(
            number=n,
            card=card_document(q, lang, index, cards.get(q.id), now),
            budget_seconds=q.budget_minutes * 60,
            ahead_of_plan=reached is not None and q.id not in in_deck,
        )
        for n, q in enumerate(chosen, start=1)
    ]
    shares = kind_shares(reqs)
    data = {"questions": [q.id for q in chosen], "lang": lang, "answers": [], "summary": None}
    mock_id = store.write(lambda s: drill_repo.add_mock(s, minutes=minutes, role=rid, data=data, now=now))
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
    store: Store,
    index: KBIndex,
    mock_id: int,
    question_id: str,
    rating: str,
    *,
    seconds: int,
    now: datetime | None = None,
) -> None:
    """Record one answer of a mock interview: schedules the card, and keeps the answer with the session."""
    _, _, data = store.read(lambda s: _mock(s, mock_id))
    if question_id not in data["questions"]:
        raise UserError(f"{question_id!r} is not a question of mock interview {mock_id}.")
    if data.get("summary") is not None:
        raise UserError(
            f"Mock interview {mock_id} is finished; its summary is kept as it was.",
            hint="Start another: mlroute interview mock --minutes 45",
        )
    rated = rate(store, index, question_id, rating, seconds=seconds, mode="mock", mock_id=mock_id, now=now)

    def tx(s: Session) -> None:
        _, _, current = _mock(s, mock_id)
        current["answers"] = [a for a in current["answers"] if a["id"] != question_id]
        current["answers"].append({"id": question_id, "rating": rated.rating, "seconds": seconds})
        drill_repo.update_mock(s, mock_id, current)

    store.write(tx)


def finish(store: Store, index: KBIndex, mock_id: int, *, lang: str = "en") -> MockSummary:
    """The summary of a mock interview (stored with it): answers, time against budget, weak skills."""
    minutes, role, data = store.read(lambda s: _mock(s, mock_id))
    planned = [question(index, i) for i in data["questions"]]
    answers = [Answer(a["id"], a["rating"], int(a["seconds"])) for a in data["answers"]]
    sm = summarise(planned, answers)
    names = [index.skills[s].name.get(lang) if s in index.skills else s for s in sm.weak_skills]
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

    store.write(tx)
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
    store: Store,
    index: KBIndex,
    minutes: int,
    ratings: Sequence[str],
    *,
    seconds: Sequence[int] | None = None,
    role: str | None = None,
    seed: int | None = None,
    lang: str = "en",
    now: datetime | None = None,
) -> tuple[MockSession, MockSummary]:
    """A whole mock interview without a terminal: the ratings (and seconds) of the first questions, in order; the
    questions after the last rating count as not reached in time."""
    session = start(store, index, minutes, role=role, seed=seed, lang=lang, now=now)
    if len(ratings) > len(session.questions):
        raise UserError(
            f"The session has {len(session.questions)} questions but {len(ratings)} ratings were given.",
            hint="Print the session with --json first to see its questions.",
        )
    times = list(seconds or [])
    for i, (q, rating) in enumerate(zip(session.questions, ratings, strict=False)):
        spent = times[i] if i < len(times) else q.budget_seconds
        answer(store, index, session.id, q.card.id, rating, seconds=spent, now=now)
    return session, finish(store, index, session.id, lang=lang)


class MockProgress(Result):
    """Where a mock interview stands: the question to answer now, or the summary once it is over."""

    id: int
    role: str
    role_name: str
    minutes: int
    started_at: IsoDateTime
    seconds_left: int
    planned: int
    answered: int
    current: MockQuestion | None
    summary: MockSummary | None


def progress(
    store: Store,
    index: KBIndex,
    mock_id: int,
    *,
    lang: str = "en",
    now: datetime | None = None,
) -> MockProgress:
    """The next unanswered question while time is left; the summary (made once) when all are answered or time is
    up."""
    now = now or datetime.now(UTC)
    row = store.read(lambda s: _row(s, mock_id))
    data = dict(row.data)
    answered = {a["id"] for a in data.get("answers", [])}
    left = int(row.minutes * 60 - (now - row.started_at).total_seconds())
    pending = [i for i in data["questions"] if i not in answered]
    summary = None
    current = None
    if data.get("summary") is not None:
        summary = MockSummary.model_validate(data["summary"])
    elif not pending or left <= 0:
        summary = finish(store, index, mock_id, lang=lang)
    else:
        q = question(index, pending[0])
        current = MockQuestion(
            number=data["questions"].index(q.id) + 1,
            card=card_document(q, lang, index, None, now),
            budget_seconds=q.budget_minutes * 60,
            ahead_of_plan=False,
        )
    return MockProgress(
        id=mock_id,
        role=row.role,
        role_name=index.role(row.role).name.get(lang) if row.role in index.roles else row.role,
        minutes=row.minutes,
        started_at=row.started_at,
        seconds_left=max(0, left),
        planned=len(data["questions"]),
        answered=len(answered),
        current=current,
        summary=summary,
    )
