"""The quick quiz offered after onboarding: the two or three quizzes that matter most for the person's route.

The skills that matter most are those the target role weighs most; among them a quiz helps most where the plan
leans on a level nobody has checked: the planner skips hours for every level the person says they have (or that
their background suggests), and a wrong one moves the plan. So each skill the role requires that has a quiz
scores its weight in the role, halved when the plan starts it at zero (a quiz can only find more than was said),
and raised by a tenth when the level is assumed from the background (the person never said it). Skills with an
accepted quiz level are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class _Candidate:
    skill: str
    weight: float
    level: int
    entry: int
    assumed: bool

    @property
    def score(self) -> float:
        return self.weight * (1.0 if self.level > 0 else 0.5) * (1.1 if self.assumed else 1.0)

    @property
    def reason(self) -> Reason:
        if self.assumed:
            return "assumed"
        return "declared" if self.level > 0 else "needed"


def _candidates(plan: dict[str, Any], index: KBIndex) -> list[_Candidate]:
    """The target role's requirements, at the levels the plan starts from."""
    profile = plan.get("profile") or {}
    role = index.roles.get(str(profile.get("target_role") or ""))
    if role is None:
        return []
    levels = {**dict(profile.get("skills") or {}), **dict(profile.get("levels_used") or {})}
    assumed = dict(plan.get("assumed_skills") or {})
    return [
        _Candidate(
            skill=r.skill,
            weight=r.weight,
            level=int(levels.get(r.skill, 0)),
            entry=r.entry if r.entry is not None else r.level,
            assumed=r.skill in assumed and int(levels.get(r.skill, 0)) == int(assumed[r.skill]),
        )
        for r in role.requirements
    ]


def quick_quiz(store: Store, index: KBIndex, *, lang: str = "en", count: int = QUICK_COUNT) -> QuickQuiz:
    """The quizzes to offer first, most useful first; empty before the first plan or when all are taken."""

    def read(s: Session) -> tuple[dict[str, Any], set[str]]:
        plan = repo.latest_plan(s)
        return (dict(plan.data) if plan else {}), {a.skill for a in accepted_in(s).levels}

    plan, accepted = store.read(read)
    items: dict[str, int] = {}
    for it in index.kb.quiz_items:
        items[it.skill] = items.get(it.skill, 0) + 1
    found = [c for c in _candidates(plan, index) if c.skill in items and c.skill not in accepted]
    found.sort(key=lambda c: (-c.score, -c.weight, c.skill))
    out = []
    for c in found[:count]:
        rec = index.skills.get(c.skill)
        out.append(
            QuickQuizSkill(
                skill=c.skill,
                name=rec.name.get(lang) if rec else c.skill,
                items=items[c.skill],
                level=c.level,
                entry=c.entry,
                weight=c.weight,
                reason=c.reason,
            )
        )
    return QuickQuiz(skills=out)
