"""A cohort's shared roadmap: the target role's required skills, grouped by the phases of the route the mentor
chose, and how far one learner's levels cover each phase. Each learner keeps their own plan; this is the common
map the mentor and the cohort look at together."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Requirement:
    skill: str
    level: int
    pillar: str


@dataclass(frozen=True)
class Phase:
    id: str
    pillars: tuple[str, ...]


@dataclass
class PhaseCoverage:
    phase: str  # a route phase id, or "other" for requirements in no phase's pillars
    skills: list[tuple[str, int, int]] = field(default_factory=list)  # (skill, required, reached)

    @property
    def coverage(self) -> float:
        """Share of the phase's required levels reached (0–1); 1 for a phase with nothing required."""
        if not self.skills:
            return 1.0
        return round(sum(min(have, need) / need for _, need, have in self.skills) / len(self.skills), 3)


def coverage(
    requirements: Sequence[Requirement], phases: Sequence[Phase], levels: Mapping[str, int]
) -> list[PhaseCoverage]:
    """Each phase with the role's requirements whose pillar it covers (the first phase that names the pillar),
    and the level the learner has reached in each; requirements in no phase come last, as "other"."""
    out = [PhaseCoverage(p.id) for p in phases]
    other = PhaseCoverage("other")
    for req in requirements:
        if req.level <= 0:
            continue
        slot = next((c for c, p in zip(out, phases, strict=True) if req.pillar in p.pillars), other)
        slot.skills.append((req.skill, req.level, int(levels.get(req.skill, 0))))
    return [c for c in out if c.skills] + ([other] if other.skills else [])


def overall(phases: Sequence[PhaseCoverage]) -> float:
    skills = [s for p in phases for s in p.skills]
    if not skills:
        return 1.0
    return round(sum(min(have, need) / need for _, need, have in skills) / len(skills), 3)
