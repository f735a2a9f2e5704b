"""The selection in two horizons: what makes a person ready to apply, then what they grow into afterwards.

1. **Ready**: cover every must-have gap to its entry level (lighter ones only where they are worth their hours),
   take the route's recommended resources where they apply, the flagship project and the person's include list.
2. **Keep growing**: from the levels the ready items and career steps reach, cover the rest of the role (full
   levels, interests at proficient) with what is left of the budget and the project slots.

In deadline mode (``capacity``: the study hours before the date), the ready horizon becomes "the best that
fits": every gap may stay open at a price proportional to its weight × levels, far above any number of hours, so
the selection maximises weighted coverage of the must-haves first, then of the lighter gaps, and only then
minimises hours; the route's picks and the flagship become preferences instead of rules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from mlroute.plan.candidates import Candidate
from mlroute.plan.gap import Gap
from mlroute.plan.select import DEFAULT_TIME_LIMIT, Cover, Problem, Selection, select

DEADLINE_VALUE_PER_LEVEL = 10_000.0  # hours: in deadline mode coverage always beats hours
DEADLINE_SOFT_SHARE = 0.01  # lighter gaps count a hundredth of a must-have per weighted level


@dataclass
class HorizonSelection:
    ready: Selection
    grow: Selection | None
    ready_covers: list[Cover]
    grow_covers: list[Cover]
    after_ready: dict[str, int]  # levels once the ready items and the career steps are done
    reached: dict[str, int]  # levels once everything is done
    best: dict[str, int]  # the most each skill can reach with what is usable
    best_candidates: tuple[str, ...] = ()  # the usable candidates the selection chose from
    deferred: dict[str, tuple[str, float, float]] = field(default_factory=dict)  # skill → (horizon, hours, value)


def _best_levels(usable: Sequence[Candidate]) -> dict[str, int]:
    best: dict[str, int] = {}
    for c in usable:
        for s, lvl in c.teaches.items():
            best[s] = max(best.get(s, 0), lvl)
    return best


def covers_for(
    gaps: Sequence[Gap],
    horizon: str,
    base: Mapping[str, int],
    best: Mapping[str, int],
    act_levels: Mapping[str, int],
    deadline: bool = False,
) -> list[Cover]:
    """The gaps of one horizon as covers, each clipped to the level something usable can reach."""
    out: list[Cover] = []
    for g in gaps:
        have = base.get(g.skill, 0)
        level = min(g.target_in(horizon), max(best.get(g.skill, 0), have))
        if level <= max(have, act_levels.get(g.skill, 0)):
            continue
        need = level - have
        if deadline:
            unit = DEADLINE_VALUE_PER_LEVEL * (1.0 if g.must else DEADLINE_SOFT_SHARE)
            out.append(Cover(g.skill, level, g.weight, need, must=False, value=round(g.weight * need * unit, 2)))
        else:
            out.append(Cover(g.skill, level, g.weight, need, must=g.must, value=g.value(need)))
    return out


def _levels(base: Mapping[str, int], chosen: Sequence[str], by_ref: Mapping[str, Candidate]) -> dict[str, int]:
    out = dict(base)
    for ref in chosen:
        for s, lvl in by_ref[ref].teaches.items():
            out[s] = max(out.get(s, 0), lvl)
    return out


def _cheapest(cover: Cover, usable: Sequence[Candidate]) -> float:
    hours = [c.hours for c in usable if c.teaches.get(cover.skill, 0) >= cover.level]
    return min(hours, default=0.0)


def select_horizons(
    usable: Sequence[Candidate],
    gaps: Sequence[Gap],
    current: Mapping[str, int],
    act_levels: Mapping[str, int],
    *,
    fixed: Sequence[str],
    picks: Sequence[tuple[str, ...]],
    budget: float,
    max_projects: int,
    flagship: str | None,
    capacity: float | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
    use_solver: bool = True,
) -> HorizonSelection:
    by_ref = {c.ref: c for c in usable}
    best = _best_levels(usable)
    deadline = capacity is not None
    ready_covers = covers_for(gaps, "ready", current, best, act_levels, deadline)
    if deadline:
        bonus = {flagship: DEADLINE_VALUE_PER_LEVEL} if flagship else {}
        problem = Problem(
            list(usable), ready_covers, current, list(fixed), budget, max_projects, capacity=capacity, bonus=bonus
        )
    else:
        keep = [*fixed, *([flagship] if flagship else [])]
        problem = Problem(list(usable), ready_covers, current, keep, budget, max_projects, picks=list(picks))
    ready = select(problem, time_limit=time_limit, use_solver=use_solver)
    after_ready = _levels(current, ready.chosen, by_ref)
    for s, lvl in act_levels.items():
        after_ready[s] = max(after_ready.get(s, 0), lvl)
    deferred = {c.skill: ("ready", _cheapest(c, usable), c.value) for c in ready_covers if c.skill in ready.deferred}
    if deadline:
        return HorizonSelection(
            ready,
            None,
            ready_covers,
            [],
            after_ready,
            after_ready,
            best,
            best_candidates=tuple(by_ref),
            deferred=deferred,
        )

    rest = [c for c in usable if c.ref not in set(ready.chosen)]
    grow_covers = covers_for(gaps, "grow", after_ready, _best_levels(rest), {})
    money = sum(by_ref[r].price.usd for r in ready.chosen)
    projects = sum(1 for r in ready.chosen if by_ref[r].kind == "project")
    grow_problem = Problem(
        rest, grow_covers, after_ready, [], max(0.0, budget - money), max(0, max_projects - projects)
    )
    grow = select(grow_problem, time_limit=time_limit, use_solver=use_solver)
    reached = _levels(after_ready, grow.chosen, by_ref)
    for c in grow_covers:
        if c.skill in grow.deferred:
            deferred[c.skill] = ("grow", _cheapest(c, rest), c.value)
    return HorizonSelection(
        ready,
        grow,
        ready_covers,
        grow_covers,
        after_ready,
        reached,
        best,
        best_candidates=tuple(by_ref),
        deferred=deferred,
    )
