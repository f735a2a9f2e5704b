"""How ready a person is for one posting: weighted coverage of what it asks, and what is missing.

Each skill the posting asks for (and does not rule out) has a weight by how it is asked (required 1.0, no cue
0.75, preferred 0.5) and a needed level: 3 (proficient) when the clause asks for three or more years, the target
role's level when the role lists the skill, else 2 (working). Coverage of one skill is min(1, level / needed);
readiness is the weighted mean. Missing skills are ranked by weight × shortfall.
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

    @property
    def coverage(self) -> float:
        return min(1.0, self.level / self.needed) if self.needed else 1.0

    @property
    def shortfall(self) -> int:
        return max(0, self.needed - self.level)


def _clause(m: Mention) -> str:
    """The clause of the mention's sentence that holds it ("3+ years of Python; strong SQL" → "strong SQL")."""
    for c in split_clauses(Span(0, len(m.sentence), m.sentence)):
        if m.text in c.text:
            return c.text
    return m.sentence


def asks(
    mentions: Sequence[Mention], levels: Mapping[str, int], role_levels: Mapping[str, int] | None = None
) -> list[Ask]:
    role_levels = role_levels or {}
    years: dict[str, float] = {}
    for m in mentions:
        if not m.negated:
            years[m.skill_id] = max(years.get(m.skill_id, 0.0), stated_years(_clause(m)))
    out = []
    for skill, req in asked_skills(mentions).items():
        needed = DEFAULT_NEEDED
        if skill in role_levels:
            needed = max(DEFAULT_NEEDED, min(3, role_levels[skill]))
        if years.get(skill, 0) >= 3:
            needed = max(needed, 3)
        out.append(Ask(skill, req, REQUIREMENT_WEIGHT[req], needed, levels.get(skill, 0)))
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
