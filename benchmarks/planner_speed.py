"""How fast the planner is on the whole knowledge base, and how much the optimiser saves over a greedy pick.

An empty profile (every field at its default: no skills, 10 h a week, the ml-engineer role) asks for the most
work: every gap of the role is open and every resource is a candidate. Prints the median wall time of
``make_plan`` over 20 runs, the solver's status and gap to the proven bound, and the hours saved against the
greedy baseline the planner computes on every run; then the same for the example personas.

    .venv/bin/python benchmarks/planner_speed.py [--runs 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from pathlib import Path

from mlroute.plan import make_plan
from mlroute.profile import Profile, load_profile
from mlroute.services.kb import index

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "profiles"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    kb = index()
    profile = Profile(start_date=dt.date(2027, 1, 4))
    make_plan(profile, kb)  # warm-up: imports and caches, as in a running app
    times = []
    plan = None
    for seed in range(args.runs):
        t0 = time.perf_counter()
        plan = make_plan(profile, kb, seed=seed)
        times.append(time.perf_counter() - t0)
    assert plan is not None
    opt = plan.optimality
    greedy_only = make_plan(profile, kb, use_solver=False)
    print(
        f"knowledge base {kb.kb.meta.version}: {len(kb.kb.resources)} resources, {len(kb.kb.projects)} projects, "
        f"{len(kb.kb.skills)} skills"
    )
    print(
        f"empty profile: {opt['covers']} gaps to cover, {opt['candidates']} candidates, {len(plan.items)} items planned"
    )
    print(
        f"median plan time over {args.runs} runs: {statistics.median(times):.3f} s "
        f"(min {min(times):.3f} s, max {max(times):.3f} s); selection alone {opt['seconds']:.3f} s"
    )
    print(
        f"solver: {opt['solver']}, status {opt['status']}, gap to proven bound {opt['gap']:.2%} "
        f"(objective {opt['objective_hours']:g} h, bound {opt['bound_hours']:g} h)"
    )
    saved = opt["greedy_objective_hours"] - opt["objective_hours"]
    print(
        f"greedy baseline: {opt['greedy_objective_hours']:g} h → optimiser {opt['objective_hours']:g} h: "
        f"{saved:g} h saved ({saved / opt['greedy_objective_hours']:.1%}); plain hours {opt['greedy_hours']:g} → "
        f"{opt['hours']:g}"
    )
    print(f"whole plan with the greedy selection: {greedy_only.total_hours:g} h vs {plan.total_hours:g} h optimised")
    print("\nthe example personas (examples/profiles):")
    for path in sorted(EXAMPLES.glob("*.yaml")):
        t0 = time.perf_counter()
        p = make_plan(load_profile(path), kb)
        took = time.perf_counter() - t0
        o = p.optimality
        print(
            f"  {path.stem:15} {took:.3f} s, {o['status']}, gap {o['gap']:.2%}, "
            f"greedy {o['greedy_objective_hours']:g} h → optimiser {o['objective_hours']:g} h "
            f"({o['hours_saved_vs_greedy']:g} h saved)"
        )


if __name__ == "__main__":
    main()
