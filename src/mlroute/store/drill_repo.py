"""Queries and writes for interview drills, mock interviews and quiz results (tables of revision 0003).

Like ``store.repo``: one function each, run inside ``Store.read`` / ``Store.write``, the clock from the caller.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mlroute.store.models import DrillCardRow, DrillReviewRow, MockInterviewRow, QuizResultRow

# ---- drill cards and reviews -----------------------------------------------------------------------------------


def drill_cards(s: Session) -> list[DrillCardRow]:
    return list(s.scalars(select(DrillCardRow).order_by(DrillCardRow.due, DrillCardRow.question_id)))


def drill_card(s: Session, question_id: str) -> DrillCardRow | None:
    return s.scalar(select(DrillCardRow).where(DrillCardRow.question_id == question_id))


def record_drill(
    s: Session,
    question_id: str,
    *,
    card: dict[str, Any],
    due: datetime,
    rating: str,
    lapse: bool,
    mode: str,
    seconds: int | None,
    retrievability: float | None,
    mock_id: int | None,
    now: datetime,
) -> int:
    """Store a card after a review and the review itself; returns the review's id."""
    row = drill_card(s, question_id)
    was_learnt = row is not None and int(row.card.get("state", 1)) == 2
    if row is None:
        row = DrillCardRow(question_id=question_id, reviews=0, lapses=0, card=card, due=due, updated_at=now)
        s.add(row)
    if row.first_reviewed_at is None:
        row.first_reviewed_at = now
    row.card = card
    row.due = due
    row.reviews += 1
    row.lapses += int(lapse)
    row.last_rating = rating
    row.updated_at = now
    review = DrillReviewRow(
        question_id=question_id,
        rating=rating,
        reviewed_at=now,
        mode=mode,
        mock_id=mock_id,
        seconds=seconds,
        was_learnt=int(was_learnt),
        retrievability=retrievability,
        due_after=due,
    )
    s.add(review)
    s.flush()
    return review.id


def drill_reviews(s: Session, *, since: datetime | None = None) -> list[DrillReviewRow]:
    query = select(DrillReviewRow).order_by(DrillReviewRow.reviewed_at, DrillReviewRow.id)
    if since is not None:
        query = query.where(DrillReviewRow.reviewed_at >= since)
    return list(s.scalars(query))


# ---- mock interviews ---------------------------------------------------------------------------------------------


def add_mock(s: Session, *, minutes: int, role: str, data: dict[str, Any], now: datetime) -> int:
    row = MockInterviewRow(started_at=now, minutes=minutes, role=role, data=data)
    s.add(row)
    s.flush()
    return row.id


def update_mock(s: Session, mock_id: int, data: dict[str, Any]) -> None:
    row = s.get(MockInterviewRow, mock_id)
    if row is not None:
        row.data = data
        s.flush()


def mock(s: Session, mock_id: int) -> MockInterviewRow | None:
    return s.get(MockInterviewRow, mock_id)


def mocks(s: Session) -> list[MockInterviewRow]:
    return list(s.scalars(select(MockInterviewRow).order_by(MockInterviewRow.id)))


# ---- quiz results ------------------------------------------------------------------------------------------------


def add_quiz_result(
    s: Session,
    *,
    skill: str,
    seed: int,
    lang: str,
    answers: list[dict[str, Any]],
    proposed_level: int,
    max_level_tested: int,
    now: datetime,
) -> QuizResultRow:
    row = QuizResultRow(
        skill=skill,
        taken_at=now,
        seed=seed,
        lang=lang,
        answers=answers,
        proposed_level=proposed_level,
        max_level_tested=max_level_tested,
        accepted_at=None,
    )
    s.add(row)
    s.flush()
    return row


def quiz_results(s: Session, skill: str | None = None) -> list[QuizResultRow]:
    query = select(QuizResultRow).order_by(QuizResultRow.taken_at, QuizResultRow.id)
    if skill is not None:
        query = query.where(QuizResultRow.skill == skill)
    return list(s.scalars(query))


def quiz_result(s: Session, result_id: int) -> QuizResultRow | None:
    return s.get(QuizResultRow, result_id)


def accept_quiz_result(s: Session, row: QuizResultRow, now: datetime) -> QuizResultRow:
    """Mark a result accepted (once: accepting it again keeps the first date)."""
    if row.accepted_at is None:
        row.accepted_at = now
        s.flush()
    return row
