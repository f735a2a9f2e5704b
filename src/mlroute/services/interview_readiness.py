"""Interview readiness for the target role, per skill and per kind of question (dashboard and documents).

See ``track.drill_readiness`` for how the figures are made. The dashboard, the interview page, ``mlroute interview
readiness`` and the transition plan and portfolio documents show them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from mlroute.services.drill_context import bare_id, last_ratings, read_context, recall_now, role_requirements
from mlroute.services.results import Result
from mlroute.store import Store
from mlroute.track.drill_readiness import readiness as compute

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mlroute.kb import KBIndex


class SkillReadiness(Result):
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


class KindReadiness(Result):
    kind: str
    questions: int
    practised: int
    retained: int
    score: float | None
    status: str


class Readiness(Result):
    role: str
    role_name: str
    overall: float
    status: str
    skills: list[SkillReadiness]
    kinds: list[KindReadiness]


def readiness(
    store: Store,
    index: KBIndex,
    *,
    role: str | None = None,
    lang: str = "en",
    now: datetime | None = None,
) -> Readiness:
    """How ready the person is for the interviews of ``role`` (default: the profile's target role)."""
    now = now or datetime.now(UTC)

    def read(s: Session) -> tuple[str, dict[str, float], dict[str, tuple[int, int]]]:
        ctx = read_context(s, now, all_questions=True)
        return ctx.role, recall_now(ctx.cards, last_ratings(s), now), ctx.quiz

    target, recall, quiz = store.read(read)
    rid = bare_id(role, "role") if role else target
    rec = index.role(rid)
    result = compute(role_requirements(rid, index), index.kb.interview_questions, recall, quiz)
    skills = sorted(result.skills, key=lambda r: (-r.weight, r.skill))
    return Readiness(
        role=rid,
        role_name=rec.name.get(lang),
        overall=result.overall,
        status=result.status,
        skills=[
            SkillReadiness(
                name=index.skills[r.skill].name.get(lang) if r.skill in index.skills else r.skill,
                **{k: getattr(r, k) for k in SkillReadiness.model_fields if k != "name"},
            )
            for r in skills
        ],
        kinds=[KindReadiness(**vars(k)) for k in result.kinds],
    )


def for_documents(store: Store, kb: KBIndex | None, *, now: datetime, lang: str = "en") -> dict[str, Any]:
    """What the transition plan and the portfolio say about practice (``export.practice``): readiness (None
    without the knowledge base) and the levels earned in quizzes, as JSON."""
    from mlroute.services.quiz_levels import quiz_levels

    ready = readiness(store, kb, lang=lang, now=now).model_dump(mode="json") if kb is not None else None
    return {"interview": ready, "quiz_levels": [q.model_dump(mode="json") for q in quiz_levels(store, kb, lang)]}
