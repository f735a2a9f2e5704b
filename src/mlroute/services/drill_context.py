"""What drills, mock interviews and readiness read from the store: the plan's reach (which skills at which level
have entered the deck), the cards and recent reviews, quiz levels, and the target role's requirements.

Read inside the caller's transaction (``read_context(s, now)``), so one use case sees one consistent state.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from mlroute.errors import UnknownIdError
from mlroute.kb.practice import InterviewQuestion
from mlroute.services.quiz_levels import accepted_in, merge_evidenced
from mlroute.store import drill_repo, repo
from mlroute.track import drill
from mlroute.track.drill_mock import Requirement
from mlroute.track.weeks import week_of

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mlroute.kb import KBIndex

NO_PLAN_HINT = "Create your plan first (mlroute init --profile FILE), or practise the whole bank with --all."


@dataclass
class Context:
    has_plan: bool
    role: str
    reached: dict[str, int] | None  # skill → level the plan has reached; None: the whole bank
    cards: dict[str, drill.CardView]
    reviews: list[drill.ReviewView]
    quiz: dict[str, tuple[int, int]]  # skill → (proposed level, highest level tested) of the latest quiz


def start_of_day(now: datetime) -> datetime:
    """Midnight of ``now``'s day in the local time zone (when "today" begins for new-card limits and counts)."""
    local = now.astimezone()
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)


def read_context(s: Session, now: datetime, *, all_questions: bool = False) -> Context:
    """Everything the deck and the counts need, read in one transaction."""
    profile, plan = repo.latest_profile(s), repo.latest_plan(s)
    quiz = {r.skill: (r.proposed_level, r.max_level_tested) for r in drill_repo.quiz_results(s)}
    reached: dict[str, int] | None = None
    if plan is not None and profile is not None and not all_questions:
        held = merge_evidenced(dict(profile.data.get("skills") or {}), accepted_in(s))
        statuses = {i: r.status for i, r in repo.statuses(s).items()}
        week = week_of(plan.starts_on, now.astimezone().date())
        reached = drill.reached_levels(plan.data.get("items", []), statuses, week, held)
    cards = {
        c.question_id: drill.CardView(c.question_id, c.due, c.card, c.reviews, c.first_reviewed_at)
        for c in drill_repo.drill_cards(s)
    }
    reviews = [
        drill.ReviewView(r.question_id, r.rating, r.reviewed_at, bool(r.was_learnt))
        for r in drill_repo.drill_reviews(s, since=now - drill.RETENTION_WINDOW)
    ]
    role = str((profile.data.get("target_role") if profile else None) or "ml-engineer")
    return Context(plan is not None, role, reached, cards, reviews, quiz)


def bare_id(ref: str, prefix: str) -> str:
    """``skill:sql`` or ``sql`` → ``sql``."""
    return ref.partition(":")[2] if ref.startswith(prefix + ":") else ref


def role_skills(role: str | None, index: KBIndex) -> frozenset[str] | None:
    if role is None:
        return None
    return frozenset(r.skill for r in index.role(bare_id(role, "role")).requirements)


def role_requirements(role: str, index: KBIndex) -> list[Requirement]:
    rec = index.role(role)
    return [
        Requirement(r.skill, r.level, r.weight, index.skills[r.skill].pillar if r.skill in index.skills else "")
        for r in rec.requirements
    ]


def question(index: KBIndex, question_id: str) -> InterviewQuestion:
    """A question of the bank by id; an ``UnknownIdError`` with the closest ids otherwise."""
    found = next((q for q in index.kb.interview_questions if q.id == question_id), None)
    if found is not None:
        return found
    from rapidfuzz import fuzz, process

    ids = [q.id for q in index.kb.interview_questions]
    close = [m for m, _, _ in process.extract(question_id, ids, scorer=fuzz.WRatio, limit=3, score_cutoff=60)]
    raise UnknownIdError("interview question", question_id, close)


def recall_now(cards: Mapping[str, drill.CardView], last: Mapping[str, str], now: datetime) -> dict[str, float]:
    """Question id → chance of recall now, for practised cards; a card last rated "again" counts as not recalled."""
    return {
        i: (0.0 if last.get(i) == "again" else drill.retrievability(c.card, now))
        for i, c in cards.items()
        if c.reviews > 0
    }


def last_ratings(s: Session) -> dict[str, str]:
    return {c.question_id: c.last_rating or "" for c in drill_repo.drill_cards(s)}
