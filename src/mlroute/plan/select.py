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
from collections.abc import Mapping
from dataclasses import dataclass, field

from mlroute.plan.candidates import Candidate

SCALE = 100  # objective in hundredths of an hour
DEFAULT_TIME_LIMIT = 5.0  # seconds of wall time; a whole-catalogue plan normally solves in well under 0.1 s


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


def _satisfied(level_of: Mapping[str, int], cover: Cover) -> bool:
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
        return sum(self.cands[r].cost - self.bonus.get(r, 0.0) for r in chosen)

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
        return sum(self.cands[r].hours for r in chosen)

    def money(self, chosen: set[str]) -> float:
        return sum(self.cands[r].price.usd for r in chosen)

    def projects(self, chosen: set[str]) -> int:
        return sum(1 for r in chosen if self.cands[r].kind == "project")

    def uncovered(self, chosen: set[str], must: bool = True) -> list[str]:
        """Gaps left open: must-haves (a budget or catalogue limit), or lighter ones (deferred on purpose)."""
        lv = self.levels(chosen)
        return [c.skill for c in self.covers if c.must == must and not _satisfied(lv, c)]


# -- greedy ------------------------------------------------------------------------------------------------


def _with(levels: Mapping[str, int], teaches: Mapping[str, int]) -> dict[str, int]:
    out = dict(levels)
    for s, lvl in teaches.items():
        if lvl > out.get(s, 0):
            out[s] = lvl
    return out


Pulled = tuple[set[str], dict[str, int]]  # items to add, and the levels after adding them (for pruning the search)


def _pull(
    problem: Problem,
    ref: str,
    have: Mapping[str, int],
    chosen: set[str],
    visiting: frozenset[str],
    memo: dict[str, Pulled],
) -> Pulled | None:
    """``ref`` plus the cheapest items that meet its prerequisites (recursively), and the levels with them added;
    None if impossible without a cycle. ``have`` are the levels of what is already chosen; ``memo`` keeps the
    answers found since ``chosen`` last changed (a heuristic: it ignores what a sibling prerequisite added)."""
    if ref in visiting:
        return None
    if ref in memo:
        return memo[ref]
    visiting = visiting | {ref}
    added: set[str] = set()
    lv = dict(have)
    for skill, lvl in problem.unmet_prereqs(ref):
        if lv.get(skill, 0) >= lvl:
            continue
        best: tuple[float, list[str], set[str], dict[str, int]] | None = None
        for t in problem.teaching(skill, lvl):
            if t == ref or t in chosen or t in added:
                continue
            sub = _pull(problem, t, lv, chosen | added, visiting, memo)
            if sub is None:
                continue
            cost = problem.cost(sub[0])
            if best is None or (cost, sorted(sub[0])) < (best[0], best[1]):
                best = (cost, sorted(sub[0]), sub[0], sub[1])
        if best is None:
            return None
        added |= best[2]
        for t in best[2]:
            lv = _with(lv, problem.cands[t].teaches)
    added.add(ref)
    result = (added, _with(lv, problem.cands[ref].teaches))
    memo[ref] = result
    return result


def _prune(problem: Problem, chosen: set[str], keep: set[str]) -> set[str]:
    """Drop items, most costly first, whose removal leaves every covered gap and prerequisite intact."""
    covered_before = set(range(len(problem.covers))) - {
        i for i, c in enumerate(problem.covers) if not _satisfied(problem.levels(chosen), c)
    }
    for ref in sorted(chosen - keep, key=lambda r: (-problem.cands[r].cost, r)):
        trial = chosen - {ref}
        lv = problem.levels(trial)
        if any(not _satisfied(lv, problem.covers[i]) for i in covered_before):
            continue
        if any(ref in g and not any(r in trial for r in g) for g in problem.picks):
            continue
        if not orderable(problem, trial)[1]:
            chosen = trial
    return chosen


def greedy(problem: Problem) -> set[str]:
    """Fixed items and the route's picks first, then every must-have only one item can close, then those only
    projects close, then the best gain per hour (must-haves before lighter gaps, which are closed only when their
    value exceeds the hours), then pruning."""
    chosen: set[str] = set()
    lv = dict(problem.base)

    def take(ref: str) -> bool:
        nonlocal chosen, lv
        if ref in chosen:
            return True
        pulled = _pull(problem, ref, lv, chosen, frozenset(), {})
        if pulled is None or not problem.fits(chosen | pulled[0]):
            return False
        chosen = chosen | pulled[0]
        lv = problem.levels(chosen)
        return True

    for ref in problem.fixed:
        if not take(ref):
            chosen.add(ref)
            lv = _with(lv, problem.cands[ref].teaches)
    for group in problem.picks:
        if not any(r in chosen for r in group):
            for ref in sorted(group, key=lambda r: (problem.cands[r].cost, r)):
                if take(ref):
                    break
    musts = [i for i, c in enumerate(problem.covers) if c.must]
    single = sorted(
        (
            problem.covers[i]
            for i in musts
            if len(problem.teaching(problem.covers[i].skill, problem.covers[i].level)) == 1
        ),
        key=lambda c: (-c.weight, c.skill),
    )
    for cov in single:
        if not _satisfied(lv, cov):
            take(problem.teaching(cov.skill, cov.level)[0])
    # Project slots are scarce: first spend them on the must-haves only building can close.
    only_built = [
        i
        for i in musts
        if all(
            problem.cands[t].kind == "project"
            for t in problem.teaching(problem.covers[i].skill, problem.covers[i].level)
        )
    ]
    while problem.projects(chosen) < problem.max_projects:
        open_built = {i for i in only_built if not _satisfied(lv, problem.covers[i])}
        options = []
        for ref in problem.cands:
            if ref in chosen or problem.cands[ref].kind != "project":
                continue
            gain = sum(
                problem.covers[i].weight * problem.covers[i].need for i in problem.covers_of[ref] if i in open_built
            )
            if gain > 0:
                options.append((-gain / problem.cands[ref].cost, ref))
        if not any(take(ref) for _, ref in sorted(options)[:1]):
            break
    chosen = _grow(problem, chosen, lv, must=True)
    chosen = _grow(problem, chosen, None, must=False)
    return _prune(problem, chosen, set(problem.fixed))


def _grow(problem: Problem, chosen: set[str], lv: Mapping[str, int] | None, *, must: bool) -> set[str]:
    """Add the best item (gain per hour, prerequisites pulled in) until no open cover of this kind gains.

    Must-haves count weight × need; lighter gaps count their value in hours and are taken only when the value
    gained exceeds the hours the item and its prerequisites cost."""
    lv = problem.levels(chosen) if lv is None else lv
    while True:
        open_ = {i for i, c in enumerate(problem.covers) if c.must == must and not _satisfied(lv, c)}
        if not open_:
            break
        best: tuple[float, float, str, set[str]] | None = None
        memo: dict[str, Pulled] = {}
        for ref in problem.cands:
            if ref in chosen:
                continue
            mine = [i for i in problem.covers_of[ref] if i in open_]
            if not mine:
                continue
            pulled = _pull(problem, ref, lv, chosen, frozenset(), memo)
            if pulled is None or not problem.fits(chosen | pulled[0]):
                continue
            cost = max(problem.cost(pulled[0]), 1e-6)
            after = pulled[1]
            if must:
                gain = sum(problem.covers[i].weight * problem.covers[i].need for i in mine)
            else:
                gain = sum(problem.covers[i].value for i in open_ if _satisfied(after, problem.covers[i]))
                if gain < cost:
                    continue
            key = (-gain / cost, cost, ref)
            if best is None or key < best[:3]:
                best = (*key, pulled[0])
        if best is None:
            break
        chosen = chosen | best[3]
        lv = problem.levels(chosen)  # memoised pulls may carry levels of siblings that were not added
    return chosen


def orderable(problem: Problem, chosen: set[str]) -> tuple[list[str], set[str]]:
    """An order in which every chosen item's prerequisites are met by the person or earlier items, and the items
    that cannot be placed (prerequisites that only support each other in a cycle, or nothing supports)."""
    lv = dict(problem.base)
    order: list[str] = []
    left = set(chosen)
    progress = True
    while left and progress:
        progress = False
        for ref in sorted(left):
            if all(lv.get(s, 0) >= lvl for s, lvl in problem.unmet_prereqs(ref)):
                order.append(ref)
                lv = _with(lv, problem.cands[ref].teaches)
                left.discard(ref)
                progress = True
    return order, left


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
    return problem.cost(chosen) + sum(problem.open_penalty(c) for c in problem.covers if not _satisfied(lv, c))


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
