"""What the person must learn, in two horizons: to be ready to apply, and to grow into the full role.

* Each role requirement has an ``entry`` level (what an entry-level hire needs) and a full ``level``. The gap to
  ``entry`` belongs to the **ready** horizon, the rest to **keep growing** (learnt on the job after the switch).
* Interests (domain skills) are wanted at working level (2) to be ready — the flagship project goes there — and at
  proficient (3) to grow, with half the weight of a role requirement.
* A requirement with weight ≥ ``MUST_WEIGHT`` is a must-have: the plan closes it (or reports why it cannot).
  Lighter gaps have a value in hours, ``weight × levels × VALUE_PER_LEVEL``: the plan closes them only when that is
  cheaper than their value, else they wait for the next horizon (or the job) and the plan says so.
* Prerequisites of skills are no longer gaps of their own: the resources a plan picks state their own
  prerequisites, which the selection honours, and the skill graph only orders the schedule. (A "level-1 aware"
  prerequisite used to pull a 150-hour book into plans.)
* Market demand (skill → [0, 1], from job postings) scales weights by ``0.5 + 0.5·demand``: a skill nobody asks for
  keeps half its weight (its value halves and it moves down the schedule), because the role still needs it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mlroute.kb.models import Role

INTEREST_LEVEL = 2  # "working": enough to build a project in the domain
INTEREST_GROW_LEVEL = 3  # "proficient": the niche a person goes deep in (article 001)
INTEREST_WEIGHT = 0.5
MUST_WEIGHT = 0.5
# A level of a fully weighted skill is worth up to 40 hours of study to close before it is needed: about a month
# of part-time study. mlroute's policy, not a measurement; a weight-0.4 awareness gap is worth 16 h, so it is
# closed by a short tutorial or deferred, never by a 150-hour book.
VALUE_PER_LEVEL = 40.0


@dataclass
class Gap:
    skill: str
    current: int
    entry: int  # target to be ready to apply
    full: int  # target for the full role
    weight: float
    source: str  # role | interest
    must: bool
    base_weight: float = 0.0  # the weight before market demand

    @property
    def target(self) -> int:
        return self.full

    @property
    def need(self) -> int:
        return self.full - self.current

    def target_in(self, horizon: str) -> int:
        return self.entry if horizon == "ready" else self.full

    def value(self, levels: int) -> float:
        """Hours worth spending to close ``levels`` levels of this gap."""
        return round(self.weight * levels * VALUE_PER_LEVEL, 2)


DEMAND_OFTEN = 0.5  # demand (relative to the most asked-for skill) at which postings "often" ask for a skill
DEMAND_RARELY = 0.1  # below this, postings "rarely" ask for it


def demand_factor(skill: str, demand: Mapping[str, float] | None) -> float:
    if demand is None:
        return 1.0
    d = min(max(float(demand.get(skill, 0.0)), 0.0), 1.0)
    return 0.5 + 0.5 * d


def compute_gaps(
    role: Role,
    interests: list[str],
    current: Mapping[str, int],
    demand: Mapping[str, float] | None = None,
) -> list[Gap]:
    """Every skill below its full target, in a stable order (weight, then id)."""
    gaps: dict[str, Gap] = {}
    for req in role.requirements:
        have = current.get(req.skill, 0)
        if req.level > have:
            w = req.weight * demand_factor(req.skill, demand)
            gaps[req.skill] = Gap(
                req.skill,
                have,
                max(req.entry_level, have),
                req.level,
                round(w, 4),
                "role",
                req.weight >= MUST_WEIGHT,
                req.weight,
            )
    for skill in interests:
        have = current.get(skill, 0)
        w = INTEREST_WEIGHT * demand_factor(skill, demand)
        g = gaps.get(skill)
        if g is None:
            if have < INTEREST_GROW_LEVEL:
                gaps[skill] = Gap(
                    skill,
                    have,
                    max(INTEREST_LEVEL, have),
                    INTEREST_GROW_LEVEL,
                    round(w, 4),
                    "interest",
                    False,
                    INTEREST_WEIGHT,
                )
        else:  # a role requirement the person is also interested in: their niche
            g.full = max(g.full, INTEREST_GROW_LEVEL)
            g.entry = max(g.entry, INTEREST_LEVEL)
            g.weight = max(g.weight, round(w, 4))
    return sorted(gaps.values(), key=lambda g: (-g.weight, g.skill))
