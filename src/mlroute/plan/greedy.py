"""The greedy selection: the baseline every plan reports, and the answer when CP-SAT finds none.

Fixed items and the route's picks first, then every must-have only one item can close, then those only projects
close, then the best gain per hour with prerequisites pulled in (must-haves before lighter gaps, which are closed
only when their value exceeds the hours), then redundant items pruned.
"""

from __future__ import annotations

from collections.abc import Mapping

from mlroute.plan.problem import Problem, satisfied


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
        i for i, c in enumerate(problem.covers) if not satisfied(problem.levels(chosen), c)
    }
    for ref in sorted(chosen - keep, key=lambda r: (-problem.cands[r].cost, r)):
        trial = chosen - {ref}
        lv = problem.levels(trial)
        if any(not satisfied(lv, problem.covers[i]) for i in covered_before):
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
        if not satisfied(lv, cov):
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
        open_built = {i for i in only_built if not satisfied(lv, problem.covers[i])}
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
        open_ = {i for i, c in enumerate(problem.covers) if c.must == must and not satisfied(lv, c)}
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
                gain = sum(problem.covers[i].value for i in open_ if satisfied(after, problem.covers[i]))
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
