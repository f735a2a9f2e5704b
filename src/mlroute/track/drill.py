"""Interview drills: spaced repetition of interview questions with FSRS, and a deck that follows the plan.

Pure: cards and reviews come in as plain values, the time is passed in, fuzzing is off (the same history always
gives the same schedule). A question enters the deck when the plan reaches its skill: a plan item that teaches
the skill has started (its week has come, or it is in progress or done), or the person already holds the skill;
questions above the level reached wait. A failed card comes back after ten minutes, as in Anki, so a session can
retry it; a remembered one graduates to days.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from mlroute.kb.practice import InterviewQuestion

RATINGS = ("again", "hard", "good", "easy")
STEP = timedelta(minutes=10)
NEW_PER_DAY = 10
RETENTION_WINDOW = timedelta(days=30)


def rating_of(text: str) -> str:
    """A rating from what the person typed: the word, its first letter, or 1–4 (again … easy)."""
    value = text.strip().lower()
    if value in RATINGS:
        return value
    by_key = {str(i + 1): r for i, r in enumerate(RATINGS)} | {r[0]: r for r in RATINGS}
    if value in by_key:
        return by_key[value]
    raise ValueError(f"{text!r} is not a rating; use again, hard, good or easy (or 1–4)")


def _scheduler() -> Any:
    from fsrs import Scheduler

    return Scheduler(learning_steps=(STEP,), relearning_steps=(STEP,), enable_fuzzing=False)


def card_id(question_id: str) -> int:
    return zlib.crc32(question_id.encode("utf-8"))


def new_card(question_id: str, now: datetime) -> dict[str, Any]:
    """An unseen card, due ``now``."""
    from fsrs import Card

    return dict(Card(card_id=card_id(question_id), due=now).to_dict())


@dataclass(frozen=True)
class Reviewed:
    card: dict[str, Any]
    due: datetime
    retrievability: float  # the chance of recall just before this review (0 for a first sight)
    stability: float | None
    lapse: bool  # a card already learnt and now forgotten


def review(card: dict[str, Any], rating: str, now: datetime) -> Reviewed:
    """Apply the person's own rating at ``now``; returns the updated card and when it is due next."""
    from fsrs import Card, Rating, State

    if rating not in RATINGS:
        raise ValueError(f"rating must be one of {', '.join(RATINGS)}")
    sched = _scheduler()
    before = Card.from_dict(card)  # type: ignore[arg-type]
    recall = float(sched.get_card_retrievability(before, now)) if before.last_review else 0.0
    after, _log = sched.review_card(before, Rating[rating.capitalize()], now)
    lapse = before.state == State.Review and rating == "again"
    return Reviewed(dict(after.to_dict()), after.due, recall, after.stability, lapse)


def retrievability(card: Mapping[str, Any], now: datetime) -> float:
    """The chance the person recalls the card's answer at ``now`` (0 for a card never reviewed)."""
    from fsrs import Card

    c = Card.from_dict(dict(card))  # type: ignore[arg-type]
    if c.last_review is None:
        return 0.0
    return float(_scheduler().get_card_retrievability(c, now))


# ---- the deck --------------------------------------------------------------------------------------------------


def reached_levels(
    items: Iterable[Mapping[str, Any]],
    statuses: Mapping[str, str],
    week: int,
    held: Mapping[str, int],
) -> dict[str, int]:
    """Skill → the level the plan has reached: what the person holds, raised by every plan item that has started
    (its first week is ``week`` or earlier, or it is in progress or done) to the level it teaches."""
    reached = {s: int(v) for s, v in held.items() if int(v) > 0}
    for it in items:
        status = statuses.get(str(it.get("id")), "todo")
        if status == "skipped":
            continue
        started = status in ("doing", "done") or int(it.get("week_start", 1)) <= week
        if not started:
            continue
        for taught in it.get("skills", []):
            skill, level = str(taught.get("skill")), int(taught.get("to", 0))
            reached[skill] = max(reached.get(skill, 0), level)
    return reached


@dataclass(frozen=True)
class Filters:
    kind: str | None = None
    skill: str | None = None
    role_skills: frozenset[str] | None = None

    def keep(self, q: InterviewQuestion) -> bool:
        if self.kind is not None and q.kind != self.kind:
            return False
        if self.skill is not None and self.skill not in q.skills:
            return False
        return self.role_skills is None or bool(self.role_skills.intersection(q.skills))


def deck(
    questions: Iterable[InterviewQuestion], reached: Mapping[str, int] | None, filters: Filters = Filters()
) -> list[InterviewQuestion]:
    """The questions the person practises: those whose main skill the plan has reached at the question's level
    (every question when ``reached`` is None), narrowed by ``filters``."""
    return [q for q in questions if filters.keep(q) and (reached is None or q.level <= reached.get(q.skill, 0))]


@dataclass(frozen=True)
class CardView:
    """What the scheduler needs to know of a stored card."""

    question_id: str
    due: datetime
    card: Mapping[str, Any]
    reviews: int
    first_reviewed: datetime | None


def _new_order(q: InterviewQuestion, day: int) -> tuple[int, int]:
    # Easier questions first; among equals a mix that changes every day, so kinds and skills interleave.
    return (q.level, zlib.crc32(f"{q.id}:{day}".encode()))


def new_today(cards: Iterable[CardView], start_of_day: datetime) -> int:
    return sum(1 for c in cards if c.first_reviewed is not None and c.first_reviewed >= start_of_day)


def queue(
    questions: Sequence[InterviewQuestion],
    cards: Mapping[str, CardView],
    now: datetime,
    *,
    new_left: int,
) -> tuple[list[InterviewQuestion], list[InterviewQuestion]]:
    """(due, new): cards due by ``now``, most overdue first; then unseen questions, at most ``new_left``."""
    due = sorted(
        (q for q in questions if q.id in cards and cards[q.id].reviews > 0 and cards[q.id].due <= now),
        key=lambda q: (cards[q.id].due, q.id),
    )
    unseen = [q for q in questions if q.id not in cards or cards[q.id].reviews == 0]
    unseen.sort(key=lambda q: _new_order(q, now.toordinal()))
    return due, unseen[: max(0, new_left)]


@dataclass(frozen=True)
class ReviewView:
    question_id: str
    rating: str
    reviewed_at: datetime
    was_learnt: bool  # the card had graduated before this review (a test of memory, not of learning)


def true_retention(reviews: Iterable[ReviewView], now: datetime, window: timedelta = RETENTION_WINDOW) -> float | None:
    """Share of reviews of learnt cards in the window that were not forgotten (Anki's "true retention"); None
    without any such review."""
    recent = [r for r in reviews if r.was_learnt and now - window <= r.reviewed_at <= now]
    if not recent:
        return None
    return round(sum(1 for r in recent if r.rating != "again") / len(recent), 4)
