"""The selection problem both solvers share: gaps as covers, candidates, and the lookups over them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mlroute.plan.candidates import Candidate

SCALE = 100  # objective in hundredths of an hour


@dataclass(frozen=True)
class Cover:
    """A gap as the selection sees it: reach ``level`` in ``skill``; a lighter gap (``must`` false) may stay open
    at the cost of its ``value`` in hours."""

    skill: str
    level: int
    weight: float
    need: int
    must: bool = True
    value: float = 0.0


def satisfied(level_of: Mapping[str, int], cover: Cover) -> bool:
    return level_of.get(cover.skill, 0) >= cover.level


class Problem:
    """The selection problem, with the lookups both solvers share."""

    def __init__(
        self,
        candidates: list[Candidate],
        covers: list[Cover],
        base: Mapping[str, int],
        fixed: list[str],
        budget: float,
        max_projects: int,
        picks: list[tuple[str, ...]] | None = None,
        capacity: float | None = None,
        bonus: dict[str, float] | None = None,
    ) -> None:
        self.cands = {c.ref: c for c in sorted(candidates, key=lambda c: c.ref)}
        self.base = dict(base)
        self.covers = [c for c in covers if self.base.get(c.skill, 0) < c.level]
        self.fixed = [r for r in fixed if r in self.cands]
        self.budget = budget
        self.max_projects = max_projects
        self.picks = [tuple(r for r in g if r in self.cands) for g in (picks or [])]
        self.picks = [g for g in self.picks if g]
        self.capacity = capacity  # hours available (deadline mode)
        self.bonus = {r: b for r, b in (bonus or {}).items() if r in self.cands}
        self.teachers: dict[tuple[str, int], list[str]] = {}
        self.covers_of: dict[str, list[int]] = {r: [] for r in self.cands}
        for i, cov in enumerate(self.covers):
            refs = self.teaching(cov.skill, cov.level)
            for r in refs:
                self.covers_of[r].append(i)

    def teaching(self, skill: str, level: int) -> list[str]:
        key = (skill, level)
        if key not in self.teachers:
            self.teachers[key] = [r for r, c in self.cands.items() if c.teaches.get(skill, 0) >= level]
        return self.teachers[key]

    def unmet_prereqs(self, ref: str) -> list[tuple[str, int]]:
        return [(s, lvl) for s, lvl in sorted(self.cands[ref].prereqs.items()) if self.base.get(s, 0) < lvl]

    def levels(self, chosen: set[str]) -> dict[str, int]:
        out = dict(self.base)
        for r in chosen:
            for s, lvl in self.cands[r].teaches.items():
                if lvl > out.get(s, 0):
                    out[s] = lvl
        return out

    def cost(self, chosen: set[str]) -> float:
        return sum(self.cands[r].cost - self.bonus.get(r, 0.0) for r in sorted(chosen))  # sorted: same float sum

    def fits(self, chosen: set[str]) -> bool:
        """Within budget, project slots and (deadline mode) hours."""
        if self.money(chosen) > self.budget + 1e-9 or self.projects(chosen) > self.max_projects:
            return False
        return self.capacity is None or self.hours(chosen) <= self.capacity + 1e-9

    def open_penalty(self, cover: Cover) -> float:
        """Hours the objective charges for leaving ``cover`` open."""
        if not cover.must:
            return cover.value
        big = sum(c.cost for c in self.cands.values()) + 1 / SCALE
        return big + cover.weight * cover.need * 1000 / SCALE

    def hours(self, chosen: set[str]) -> float:
        return sum(self.cands[r].hours for r in sorted(chosen))

    def money(self, chosen: set[str]) -> float:
        return sum(self.cands[r].price.usd for r in sorted(chosen))

    def projects(self, chosen: set[str]) -> int:
        return sum(1 for r in chosen if self.cands[r].kind == "project")

    def uncovered(self, chosen: set[str], must: bool = True) -> list[str]:
        """Gaps left open: must-haves (a budget or catalogue limit), or lighter ones (deferred on purpose)."""
        lv = self.levels(chosen)
        return [c.skill for c in self.covers if c.must == must and not satisfied(lv, c)]
