"""How ready a person is for one posting: weighted coverage of what it asks, and what is missing.

Each skill the posting asks for (and does not rule out) has a weight by how it is asked (required 1.0, no cue
0.75, preferred 0.5) and a needed level: the level its words state ("了解 Kubernetes" 1, "精通 Python" 4), else 3
(proficient) when the clause asks for three or more years, the target role's level when the role lists the skill,
else 2 (working). An alternative ("PyTorch 或 TensorFlow") is one ask, met by the person's best of its skills.
Coverage of one skill is min(1, level / needed); readiness is the weighted mean. Missing skills are ranked by
weight × shortfall.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mlroute.extract.demand import REQUIREMENT_WEIGHT, asked_skills
from mlroute.extract.models import Mention
from mlroute.extract.resume import stated_years
from mlroute.extract.sentences import Span, split_clauses

DEFAULT_NEEDED = 2


@dataclass(frozen=True)
class Ask:
    skill_id: str
    requirement: str
    weight: float
    needed: int
    level: int
    one_of: tuple[str, ...] = ()

    @property
    def coverage(self) -> float:
        return min(1.0, self.level / self.needed) if self.needed else 1.0

    @property
    def shortfall(self) -> int:
        return max(0, self.needed - self.level)


def _clause(m: Mention, cache: dict[str, list[Span]]) -> str:
    """The clause of the mention's sentence that holds it ("3+ years of Python; strong SQL" → "strong SQL")."""
    if m.sentence not in cache:
        cache[m.sentence] = split_clauses(Span(0, len(m.sentence), m.sentence))
    for c in cache[m.sentence]:
        if m.text in c.text:
            return c.text
    return m.sentence


def _alternatives(mentions: Sequence[Mention], levels: Mapping[str, int]) -> dict[str, tuple[str, ...]]:
    """Skill → the alternative it is asked in, for the skills that are not the person's best of their alternative
    (those are dropped: the alternative is one ask)."""
    dropped: dict[str, tuple[str, ...]] = {}
    for group in {m.one_of for m in mentions if m.one_of and not (m.negated or m.hedged)}:
        best = max(group, key=lambda s: (levels.get(s, 0), -group.index(s)))
        dropped.update({s: group for s in group if s != best})
    return dropped


def asks(
    mentions: Sequence[Mention], levels: Mapping[str, int], role_levels: Mapping[str, int] | None = None
) -> list[Ask]:
    role_levels = role_levels or {}
    years: dict[str, float] = {}
    stated: dict[str, int] = {}
    groups: dict[str, tuple[str, ...]] = {}
    cache: dict[str, list[Span]] = {}
    for m in mentions:
        if m.negated or m.hedged:
            continue
        years[m.skill_id] = max(years.get(m.skill_id, 0.0), stated_years(_clause(m, cache)))
        if m.level is not None:
            stated[m.skill_id] = max(stated.get(m.skill_id, 0), m.level)
        if m.one_of:
            groups[m.skill_id] = m.one_of
    dropped = _alternatives(mentions, levels)
    solo = {m.skill_id for m in mentions if not (m.one_of or m.negated or m.hedged)}  # also asked on its own
    out = []
    for skill, req in asked_skills(mentions).items():
        if skill in dropped and skill not in solo:
            continue
        needed = DEFAULT_NEEDED
        if skill in role_levels:
            needed = max(DEFAULT_NEEDED, min(3, role_levels[skill]))
        if years.get(skill, 0) >= 3:
            needed = max(needed, 3)
        if skill in stated:
            needed = max(1, stated[skill])
        out.append(Ask(skill, req, REQUIREMENT_WEIGHT[req], needed, levels.get(skill, 0), groups.get(skill, ())))
    return sorted(out, key=lambda a: a.skill_id)


def readiness(items: Sequence[Ask]) -> float:
    total = sum(a.weight for a in items)
    return round(sum(a.weight * a.coverage for a in items) / total, 4) if total else 1.0


def missing(items: Sequence[Ask]) -> list[Ask]:
    """Asks not yet covered, most important first."""
    return sorted(
        (a for a in items if a.shortfall > 0),
        key=lambda a: (-a.weight * a.shortfall / a.needed, -a.weight, a.skill_id),
    )
