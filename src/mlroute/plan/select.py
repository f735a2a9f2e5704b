"""Choose the resources and projects that close the gaps at the least total cost.

The problem is a set cover with prerequisite side constraints:

* a variable per candidate (resource or project); cost = hours + preference adjustments (``candidates``);
* a must-have gap is covered by some chosen item teaching its skill at (at least) the target level — or, when no
  combination within the budget can, left open at a penalty larger than everything else together, weighted by
  the gap's weight × need so the least important gap is the one left open;
* a lighter gap may be left open at a penalty equal to its value in hours (``gap.VALUE_PER_LEVEL``): it is closed
  only when that is cheaper than leaving it;
* an item's prerequisites are met by the person's levels or by another chosen item;
* each of the route's recommendations that applies (``route.PickGroup``) is taken: one of its resources;
* money within the budget; at most three projects; the flagship and the person's include list are fixed;
* in deadline mode, the chosen hours fit the hours available before the date (``capacity``).

CP-SAT solves it (single worker, so the same input gives the same answer) under a time limit; it reports whether
the answer is proven optimal and the relative gap to the proven lower bound. If CP-SAT fails, a greedy
(best gain per hour, with prerequisites pulled in, then redundant items pruned) answers instead; the greedy
answer is computed every time as the baseline the optimum is compared with.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from mlroute.plan.greedy import greedy, orderable
from mlroute.plan.problem import SCALE, Cover, Problem, satisfied

__all__ = ["DEFAULT_TIME_LIMIT", "Cover", "Problem", "Selection", "greedy", "orderable", "select"]

DEFAULT_TIME_LIMIT = 5.0  # seconds of wall time; a whole-catalogue plan normally solves in well under 1 s


@dataclass
class Selection:
    chosen: list[str]
    status: str  # optimal | feasible | greedy
    solver: str  # cp-sat | greedy
    objective: float  # hours + penalties of the chosen items
    bound: float  # proven lower bound on that (equal when optimal)
    gap: float  # (objective − bound) / objective
    hours: float  # plain hours of the chosen items
    greedy_hours: float
    greedy_objective: float
    seconds: float
    uncovered: list[str] = field(default_factory=list)
    deferred: list[str] = field(default_factory=list)
    note: str = ""


# -- CP-SAT -------------------------------------------------------------------------------------------------


def _cpsat(problem: Problem, time_limit: float) -> tuple[set[str], str, float, float, int] | None:
    """(chosen, status, objective, bound, 0) in hours, or None when CP-SAT found no solution.

    Prerequisites are modelled with an order: every chosen item gets a rank, and each of its unmet prerequisites
    needs a chosen supporter of lower rank. Two items that only teach each other's prerequisites (a project that
    needs Python 2 and teaches Python 3, next to a book that needs Python 2) can then never support each other,
    so every answer can be scheduled as it is.
    """
    from ortools.sat.python import cp_model

    m = cp_model.CpModel()
    refs = list(problem.cands)
    x = {r: m.new_bool_var(r) for r in refs}
    cost = {r: round((problem.cands[r].cost - problem.bonus.get(r, 0.0)) * SCALE) for r in refs}
    terms = [cost[r] * x[r] for r in refs]
    for i, cov in enumerate(problem.covers):
        teachers = [x[r] for r in problem.teaching(cov.skill, cov.level)]
        u = m.new_bool_var(f"open_{i}")
        m.add(sum(teachers) + u >= 1)
        terms.append(round(problem.open_penalty(cov) * SCALE) * u)
    rank = {r: m.new_int_var(0, len(refs), f"rank_{r}") for r in refs}
    for r in refs:
        for skill, lvl in problem.unmet_prereqs(r):
            support = [t for t in problem.teaching(skill, lvl) if t != r]
            if not support:
                m.add(x[r] == 0)
                continue
            via = []
            for t in support:
                z = m.new_bool_var(f"{t}>{r}:{skill}")
                m.add_implication(z, x[t])
                m.add(rank[t] < rank[r]).only_enforce_if(z)
                via.append(z)
            m.add(sum(via) >= x[r])
    for group in problem.picks:
        m.add(sum(x[r] for r in group) >= 1)
    if problem.capacity is not None:
        m.add(sum(round(problem.cands[r].hours * SCALE) * x[r] for r in refs) <= round(problem.capacity * SCALE))
    for r in problem.fixed:
        m.add(x[r] == 1)
    projects = [x[r] for r in refs if problem.cands[r].kind == "project"]
    if projects:
        m.add(sum(projects) <= problem.max_projects)
    cents = {r: round(problem.cands[r].price.usd * 100) for r in refs}
    if any(cents.values()):
        m.add(sum(cents[r] * x[r] for r in refs) <= round(problem.budget * 100))
    m.minimize(sum(terms))

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, time_limit)
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    status = solver.solve(m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    chosen = {r for r in refs if solver.boolean_value(x[r])}
    name = "optimal" if status == cp_model.OPTIMAL else "feasible"
    return chosen, name, solver.objective_value / SCALE, solver.best_objective_bound / SCALE, 0


def objective(problem: Problem, chosen: set[str]) -> float:
    """Hours plus adjustments plus what open gaps cost (as in the model)."""
    lv = problem.levels(chosen)
    return problem.cost(chosen) + sum(problem.open_penalty(c) for c in problem.covers if not satisfied(lv, c))


def select(problem: Problem, time_limit: float = DEFAULT_TIME_LIMIT, use_solver: bool = True) -> Selection:
    t0 = time.perf_counter()
    base = greedy(problem)
    g_obj = objective(problem, base)
    result = _cpsat(problem, time_limit) if use_solver else None
    seconds = time.perf_counter() - t0
    if result is None:
        note = "CP-SAT found no solution in time; the greedy answer is used" if use_solver else "greedy only"
        return Selection(
            chosen=sorted(base),
            status="greedy",
            solver="greedy",
            objective=round(g_obj, 2),
            bound=0.0,
            gap=1.0 if g_obj > 0 else 0.0,
            hours=round(problem.hours(base), 2),
            greedy_hours=round(problem.hours(base), 2),
            greedy_objective=round(g_obj, 2),
            seconds=round(seconds, 4),
            uncovered=problem.uncovered(base),
            deferred=problem.uncovered(base, must=False),
            note=note,
        )
    chosen, status, obj, bound, _ = result
    gap = 0.0 if status == "optimal" or obj <= 0 else max(0.0, (obj - bound) / obj)
    return Selection(
        chosen=sorted(chosen),
        status=status,
        solver="cp-sat",
        objective=round(obj, 2),
        bound=round(bound, 2),
        gap=round(gap, 4),
        hours=round(problem.hours(chosen), 2),
        greedy_hours=round(problem.hours(base), 2),
        greedy_objective=round(g_obj, 2),
        seconds=round(seconds, 4),
        uncovered=problem.uncovered(chosen),
        deferred=problem.uncovered(chosen, must=False),
        note="",
    )
