"""Interview readiness for the target role, per skill and per kind of question (dashboard and documents).

See ``track.drill_readiness`` for how the figures are made. Results are pydantic models.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from pydantic import BaseModel

from mlroute.services.interview import (
    last_ratings,
    read_context,
    recall_now,
    resolve_index,
    resolve_store,
    role_requirements,
)
from mlroute.track.drill_readiness import readiness as compute

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mlroute.kb import KBIndex
    from mlroute.store import Store


class SkillReadiness(BaseModel):
    skill: str
    name: str
    target: int
    weight: float
    questions: int
    practised: int
    retained: int
    drill: float | None
    quiz_level: int | None
    quiz_max_level: int | None
    quiz: float | None
    score: float | None
    status: str


class KindReadiness(BaseModel):
    kind: str
    questions: int
    practised: int
    retained: int
    score: float | None
    status: str


class Readiness(BaseModel):
    role: str
    role_name: str
    overall: float
    status: str
    skills: list[SkillReadiness]
    kinds: list[KindReadiness]


def readiness(
    *,
    role: str | None = None,
    lang: str = "en",
    now: datetime | None = None,
    index: KBIndex | None = None,
    store: Store | None = None,
) -> Readiness:
    """How ready the person is for the interviews of ``role`` (default: the profile's target role)."""
    idx = resolve_index(index)
    now = now or datetime.now(UTC)

    def read(s: Session) -> tuple[str, dict[str, float], dict[str, tuple[int, int]]]:
        ctx = read_context(s, now, all_questions=True)
        return ctx.role, recall_now(ctx.cards, last_ratings(s), now), ctx.quiz

    target, recall, quiz = resolve_store(store).read(read)
    rid = role or target
    rec = idx.role(rid)
    result = compute(role_requirements(rid, idx), idx.kb.interview_questions, recall, quiz)
    skills = sorted(result.skills, key=lambda r: (-r.weight, r.skill))
    return Readiness(
        role=rid,
        role_name=rec.name.get(lang),
        overall=result.overall,
        status=result.status,
        skills=[
            SkillReadiness(
                name=idx.skills[r.skill].name.get(lang) if r.skill in idx.skills else r.skill,
                **{k: getattr(r, k) for k in SkillReadiness.model_fields if k != "name"},
            )
            for r in skills
        ],
        kinds=[KindReadiness(**vars(k)) for k in result.kinds],
    )
