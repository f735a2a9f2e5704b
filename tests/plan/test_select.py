"""Selection: CP-SAT finds the true optimum (checked by brute force), the greedy is a valid upper bound, and
constraints (prerequisites, budget, project count, fixed items) hold."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from mlroute.plan.candidates import Candidate
from mlroute.plan.effort import Effort, Price
from mlroute.plan.select import Cover, Problem, greedy, objective, select

SKILLS = ["a", "b", "c", "d", "e"]


def cand(
    ref: str,
    hours: float,
    teaches: dict[str, int],
    prereqs: dict[str, int] | None = None,
    price: float = 0.0,
    kind: str = "resource",
) -> Candidate:
    return Candidate(
        ref=ref,
        kind=kind,
        title=ref,
        hours=hours,
        effort=Effort(hours, "provider", "", 0.3),
        price=Price(price, True, ""),
        teaches=teaches,
        prereqs=prereqs or {},
    )


def feasible(p: Problem, chosen: set[str]) -> bool:
    lv = p.levels(chosen)
    if any(lv.get(s, 0) < lvl for r in chosen for s, lvl in p.unmet_prereqs(r)):
        return False
    if p.money(chosen) > p.budget + 1e-9 or p.projects(chosen) > p.max_projects:
        return False
    return all(r in chosen for r in p.fixed)


def brute_force(p: Problem) -> float:
    refs = list(p.cands)
    best = float("inf")
    for n in range(len(refs) + 1):
        for combo in itertools.combinations(refs, n):
            chosen = set(combo)
            if feasible(p, chosen):
                best = min(best, objective(p, chosen))
    return best


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    n = draw(st.integers(2, 8))
    cands = []
    for i in range(n):
        teaches = draw(st.dictionaries(st.sampled_from(SKILLS), st.integers(1, 3), min_size=1, max_size=3))
        # prerequisites only on "earlier" skills than any taught one, like a real prerequisite DAG
        first = min(SKILLS.index(s) for s in teaches)
        pre_pool = SKILLS[:first]
        prereqs = draw(st.dictionaries(st.sampled_from(pre_pool), st.integers(1, 2), max_size=1)) if pre_pool else {}
        cands.append(cand(f"r{i}", draw(st.integers(1, 50)), teaches, prereqs, price=draw(st.sampled_from([0, 0, 30]))))
    covers = [
        Cover(s, draw(st.integers(1, 3)), draw(st.sampled_from([0.3, 0.6, 1.0])), 1)
        for s in draw(st.lists(st.sampled_from(SKILLS), min_size=1, max_size=4, unique=True))
    ]
    budget = draw(st.sampled_from([0, 30, 100]))
    return Problem(cands, covers, {}, [], budget, max_projects=3)


@settings(max_examples=60, deadline=None)
@given(problems())
def test_cpsat_matches_brute_force_and_greedy_is_feasible(p: Problem) -> None:
    sel = select(p)
    assert sel.status == "optimal" and sel.gap == 0
    chosen = set(sel.chosen)
    assert feasible(p, chosen)
    assert abs(objective(p, chosen) - brute_force(p)) < 0.02
    g = greedy(p)
    assert feasible(p, g)
    assert objective(p, g) >= objective(p, chosen) - 0.02


def test_prerequisites_are_pulled_in() -> None:
    p = Problem(
        [cand("adv", 10, {"b": 3}, {"a": 2}), cand("intro", 5, {"a": 2}), cand("intro-long", 30, {"a": 3})],
        [Cover("b", 3, 1.0, 3)],
        {},
        [],
        0,
        3,
    )
    assert select(p).chosen == ["adv", "intro"]


def test_budget_limits_paid_choices() -> None:
    cands = [cand("paid-short", 10, {"a": 3}, price=50), cand("free-long", 40, {"a": 3})]
    cheap = Problem(cands, [Cover("a", 3, 1.0, 3)], {}, [], 0, 3)
    rich = Problem(cands, [Cover("a", 3, 1.0, 3)], {}, [], 100, 3)
    assert select(cheap).chosen == ["free-long"]
    assert select(rich).chosen == ["paid-short"]


def test_gap_left_open_when_budget_cannot_pay_and_reported() -> None:
    p = Problem([cand("paid", 10, {"a": 3}, price=50)], [Cover("a", 3, 1.0, 3)], {}, [], 20, 3)
    sel = select(p)
    assert sel.chosen == [] and sel.uncovered == ["a"]


def test_fixed_items_and_project_cap() -> None:
    cands = [cand(f"p{i}", 5, {"a": 1, SKILLS[i]: 2}, kind="project") for i in range(1, 5)]
    cands.append(cand("course", 100, {"a": 1}))
    covers = [Cover(s, 2, 1.0, 2) for s in SKILLS[1:5]]
    p = Problem(cands, covers, {}, ["course"], 0, max_projects=3)
    sel = select(p)
    assert "course" in sel.chosen
    assert sum(1 for r in sel.chosen if r.startswith("p")) == 3
    assert len(sel.uncovered) == 1


def test_greedy_only_mode_reports_itself() -> None:
    p = Problem([cand("x", 3, {"a": 2})], [Cover("a", 2, 1.0, 2)], {}, [], 0, 3)
    sel = select(p, use_solver=False)
    assert sel.solver == "greedy" and sel.chosen == ["x"]
