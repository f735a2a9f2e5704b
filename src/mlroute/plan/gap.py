"""What the person must learn: target level minus current level, per skill, with a weight and a reason.

* The target role's requirements set target levels and weights.
* Interests (domain skills) are added at a working level (2) with half the weight of a role requirement.
* Prerequisites are pulled in transitively for every skill that still has a gap: a prerequisite edge
  "p at level l before s" makes l the target for p, weighted like the skill that needs it. Prerequisites of skills
  the person already has at the target level are not pulled in: they got there somehow.
* Market demand (skill → [0, 1], from job postings) scales role and interest weights by ``0.5 + 0.5·demand``: a
  skill nobody asks for keeps half its weight, because the role still needs it; prerequisites inherit the scaled
  weight of what needs them.

Weights never make a gap optional (every gap is closed or reported not closable); they order the schedule and
say what matters most.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from mlroute.kb.index import KBIndex
from mlroute.kb.models import Role

INTEREST_LEVEL = 2  # "working": enough to build a project in the domain
INTEREST_WEIGHT = 0.5


@dataclass
class Gap:
    skill: str
    current: int
    target: int
    weight: float
    source: str  # role | interest | prerequisite
    via: list[str] = field(default_factory=list)  # for prerequisites: the skills that need this one

    @property
    def need(self) -> int:
        return self.target - self.current


def demand_factor(skill: str, demand: Mapping[str, float] | None) -> float:
    if demand is None:
        return 1.0
    d = min(max(float(demand.get(skill, 0.0)), 0.0), 1.0)
    return 0.5 + 0.5 * d


def compute_gaps(
    role: Role,
    interests: list[str],
    current: Mapping[str, int],
    index: KBIndex,
    demand: Mapping[str, float] | None = None,
) -> list[Gap]:
    """Every skill below its target level, in a stable order (weight, then id)."""
    targets: dict[str, Gap] = {}

    def want(skill: str, level: int, weight: float, source: str, via: str | None = None) -> bool:
        """Raise the target for ``skill``; True when it now has a gap that did not exist or grew."""
        have = current.get(skill, 0)
        g = targets.get(skill)
        if g is None:
            targets[skill] = Gap(skill, have, level, weight, source, [via] if via else [])
            return level > have
        grew = level > g.target
        if grew:
            g.target = level
        if weight > g.weight:
            g.weight = weight
        if via and via not in g.via:
            g.via.append(via)
        if source == "role" and g.source != "role":
            g.source = "role"
        elif source == "interest" and g.source == "prerequisite":
            g.source = "interest"
        return grew and level > have

    queue: list[str] = []
    for req in role.requirements:
        if want(req.skill, req.level, req.weight * demand_factor(req.skill, demand), "role"):
            queue.append(req.skill)
    for skill in interests:
        if want(skill, INTEREST_LEVEL, INTEREST_WEIGHT * demand_factor(skill, demand), "interest"):
            queue.append(skill)

    while queue:
        skill = queue.pop(0)
        g = targets[skill]
        if g.target <= g.current:
            continue
        rec = index.skills.get(skill)
        if rec is None:
            continue
        for pre in rec.prerequisites:
            if want(pre.skill, pre.level, g.weight, "prerequisite", via=skill):
                queue.append(pre.skill)
            elif pre.skill in targets and g.weight > targets[pre.skill].weight:
                targets[pre.skill].weight = g.weight
                queue.append(pre.skill)

    gaps = [g for g in targets.values() if g.target > g.current]
    for g in gaps:
        g.weight = round(g.weight, 4)
        g.via.sort()
    return sorted(gaps, key=lambda g: (-g.weight, g.skill))
