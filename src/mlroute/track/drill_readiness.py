"""Interview readiness per skill and per kind of question, from drill history and quiz results. Pure.

For a skill the target role requires at level L:
- drills: over the bank's questions on the skill up to level L, the mean chance of recalling the answer now
  (FSRS retrievability of each card, 0 for a question never practised or last rated "again");
- quiz: the level the latest quiz proposed over L, capped at 1;
- score: the mean of the parts there is evidence for (none: no score).
A kind's score is the same recall mean over the role's questions of that kind. The overall figure weighs every
required skill by its weight in the role, counting a skill without evidence as 0, so it cannot flatter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mlroute.kb.practice import QUESTION_KINDS, InterviewQuestion
from mlroute.track.drill_mock import Requirement

READY = 0.8
ON_THE_WAY = 0.4
RETAINED = 0.8  # a card counts as retained when its recall is at least this


def status_of(score: float | None) -> str:
    if score is None:
        return "no-evidence"
    if score >= READY:
        return "ready"
    return "on-the-way" if score >= ON_THE_WAY else "not-ready"


@dataclass(frozen=True)
class SkillReadiness:
    skill: str
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


@dataclass(frozen=True)
class KindReadiness:
    kind: str
    questions: int
    practised: int
    retained: int
    score: float | None
    status: str


@dataclass(frozen=True)
class Readiness:
    overall: float
    status: str
    skills: list[SkillReadiness]
    kinds: list[KindReadiness]


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def readiness(
    requirements: Sequence[Requirement],
    questions: Sequence[InterviewQuestion],
    recall: Mapping[str, float],
    quiz_levels: Mapping[str, tuple[int, int]],
) -> Readiness:
    """``recall``: question id → chance of recall now (only practised cards); ``quiz_levels``: skill → (proposed
    level, highest level tested) of the latest quiz."""
    skills: list[SkillReadiness] = []
    for r in requirements:
        target = max(1, r.level)
        qs = [q for q in questions if r.skill in q.skills and q.level <= target]
        recalls = [recall.get(q.id, 0.0) for q in qs]
        drill = _mean(recalls) if any(q.id in recall for q in qs) else None
        quiz = None
        level, max_level = quiz_levels.get(r.skill, (None, None))
        if level is not None:
            quiz = round(min(1.0, level / target), 4)
        parts = [p for p in (drill, quiz) if p is not None]
        score = _mean(parts)
        skills.append(
            SkillReadiness(
                skill=r.skill,
                target=target,
                weight=r.weight,
                questions=len(qs),
                practised=sum(1 for q in qs if q.id in recall),
                retained=sum(1 for v in recalls if v >= RETAINED),
                drill=drill,
                quiz_level=level,
                quiz_max_level=max_level,
                quiz=quiz,
                score=score,
                status=status_of(score),
            )
        )
    levels = {r.skill: max(1, r.level) for r in requirements}
    in_scope = [q for q in questions if q.skill in levels and q.level <= levels[q.skill]]
    kinds = []
    for kind in QUESTION_KINDS:
        qs = [q for q in in_scope if q.kind == kind]
        recalls = [recall.get(q.id, 0.0) for q in qs]
        practised = sum(1 for q in qs if q.id in recall)
        score = _mean(recalls) if practised else None
        kinds.append(
            KindReadiness(
                kind=kind,
                questions=len(qs),
                practised=practised,
                retained=sum(1 for v in recalls if v >= RETAINED),
                score=score,
                status=status_of(score),
            )
        )
    total = sum(r.weight for r in requirements) or 1.0
    overall = round(sum(s.weight * (s.score or 0.0) for s in skills) / total, 4)
    return Readiness(overall=overall, status=status_of(overall), skills=skills, kinds=kinds)
