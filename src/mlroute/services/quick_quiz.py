"""The quick quiz offered after onboarding: the two or three quizzes that matter most for the person's route.

A quiz helps most where the plan leans on a level nobody has checked: the planner skips hours for every level the
person claims (or that their background suggests), so a wrong claim on a skill the role weighs heavily moves the
plan most. Each skill of the current plan's gaps that has a quiz scores its weight times the level the plan starts
from (a skill at zero counts half a level: the quiz may find more than was claimed), and a level assumed from the
background a quarter more, since the person never said it. Skills with an accepted quiz level are left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from mlroute.services.quiz_levels import accepted_in
from mlroute.services.results import Result
from mlroute.store import Store, repo

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mlroute.kb import KBIndex

QUICK_COUNT = 3
Reason = Literal["declared", "assumed", "needed"]


class QuickQuizSkill(Result):
    skill: str
    name: str
    items: int
    level: int  # the level the plan starts from
    entry: int  # the level an entry-level hire needs
    weight: float
    reason: Reason  # declared: you said this level; assumed: your background suggests it; needed: you said none


class QuickQuiz(Result):
    skills: list[QuickQuizSkill]


def _score(gap: dict[str, Any]) -> float:
    current = float(gap.get("current") or 0)
    return float(gap.get("weight") or 0) * max(current, 0.5) * (1.25 if gap.get("assumed") else 1.0)


def _reason(gap: dict[str, Any]) -> Reason:
    if gap.get("assumed"):
        return "assumed"
    return "declared" if (gap.get("current") or 0) > 0 else "needed"


def quick_quiz(store: Store, index: KBIndex, *, lang: str = "en", count: int = QUICK_COUNT) -> QuickQuiz:
    """The quizzes to offer first, most useful first; empty before the first plan or when all are taken."""

    def read(s: Session) -> tuple[list[dict[str, Any]], set[str]]:
        plan = repo.latest_plan(s)
        gaps = [g for g in (plan.data.get("gaps") or []) if isinstance(g, dict)] if plan else []
        return gaps, {a.skill for a in accepted_in(s).levels}

    gaps, accepted = store.read(read)
    items: dict[str, int] = {}
    for it in index.kb.quiz_items:
        items[it.skill] = items.get(it.skill, 0) + 1
    candidates = [g for g in gaps if g.get("skill") in items and g.get("skill") not in accepted]
    candidates.sort(key=lambda g: (-_score(g), -float(g.get("weight") or 0), str(g.get("skill"))))
    out = []
    for g in candidates[:count]:
        skill = str(g["skill"])
        rec = index.skills.get(skill)
        out.append(
            QuickQuizSkill(
                skill=skill,
                name=rec.name.get(lang) if rec else skill,
                items=items[skill],
                level=int(g.get("current") or 0),
                entry=int(g.get("entry") or g.get("target") or 0),
                weight=float(g.get("weight") or 0),
                reason=_reason(g),
            )
        )
    return QuickQuiz(skills=out)
