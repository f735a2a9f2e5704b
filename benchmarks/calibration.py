"""The planner's estimates next to what the source articles claim (coverage.yaml ``time_claims``).

Personas are built the way a user would build them: the questionnaire's defaults for the background, and the
hours the claim assumes. Nothing in the planner knows about these personas; no constant was tuned to them.

* From zero, full time (article 001: "about 18 months" for the whole path) — the plan's whole ETA.
* A working developer after work, ~10 h a week (article 001: "about six months to learn classic and deep ML and
  the missing maths") — the week by which every learning resource closing a maths, classic-ML or deep-learning
  gap is done (portfolio projects come after in the article too), (a) inside the full plan (career steps and the
  other foundations run alongside) and (b) for those resources alone, which is what the claim counts.

    .venv/bin/python benchmarks/calibration.py
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mlroute.plan import Plan, make_plan
from mlroute.plan.forecast import simulate
from mlroute.plan.planner import capacity_of
from mlroute.profile import parse_profile
from mlroute.profile.questionnaire import defaults_for
from mlroute.services.kb import index

START = dt.date(2027, 1, 4)
WEEKS_PER_MONTH = 52 / 12
CORE_PILLARS = {"math-stats", "classic-ml", "deep-learning"}


def persona(background: str, hours: float) -> Any:
    answers = defaults_for(background, START, index())
    answers["hours_per_week"] = hours
    answers["start_date"] = START
    return parse_profile(answers)


def core_items(plan: Plan) -> list[str]:
    skills = index().skills
    return [
        i.id
        for i in plan.items
        if i.kind == "resource" and any(skills[s].pillar in CORE_PILLARS for s in i.closes if s in skills)
    ]


def weeks_until(plan: Plan, refs: list[str], profile: Any, *, alone: bool) -> dict[str, int]:
    """P10/P50/P90 weeks until every item in ``refs`` is done, with the planner's own pacing model."""
    order = sorted(plan.items, key=lambda i: i.order)
    if alone:
        order = [i for i in order if i.id in refs]
    work = [(i.hours, i.effort_sigma) for i in order]
    last = max(k for k, i in enumerate(order) if i.id in refs)
    fc = simulate(work, {"m": last}, capacity_of(profile), hours_per_week=profile.hours_per_week, seed=0)
    return fc.milestones["m"].to_json()


def row(label: str, claim_weeks: float, band: dict[str, int], note: str) -> None:
    off = band["p50"] / claim_weeks - 1
    verdict = "within ±20%" if abs(off) <= 0.2 else "outside ±20%"
    print(
        f"  {label}: P50 {band['p50']} weeks ({band['p50'] / WEEKS_PER_MONTH:.1f} months), "
        f"band {band['p10']}–{band['p90']}; claim {claim_weeks:.0f} weeks → {off:+.0%} ({verdict}). {note}"
    )


def main() -> None:
    kb = index()
    print(f"knowledge base {kb.kb.meta.version}\n")

    zero = persona("none", 40)
    plan = make_plan(zero, kb)
    print("From zero, full time (40 h/week), whole path — claim: about 18 months (article 001)")
    print(
        f"  plan: {plan.total_hours:g} h ({plan.to_json()['hours_by_kind']}), schedule {plan.scheduled_weeks} weeks "
        f"at the full 40 h"
    )
    row("ETA", 18 * WEEKS_PER_MONTH, plan.eta.to_json(), "")

    dev = persona("software_engineer", 10)
    plan = make_plan(dev, kb)
    refs = core_items(plan)
    hours = sum(plan.item(r).hours for r in refs)
    print(
        "\nWorking developer after work (10 h/week), classic ML + deep learning + missing maths — claim: about "
        "6 months (article 001)"
    )
    print(f"  plan: {len(refs)} resources close the maths/classic-ML/deep-learning gaps, {hours:g} h:")
    print(f"    {', '.join(refs)}")
    row(
        "(a) inside the full plan",
        6 * WEEKS_PER_MONTH,
        weeks_until(plan, refs, dev, alone=False),
        "Career steps and other foundations share the weeks.",
    )
    row(
        "(b) those resources alone",
        6 * WEEKS_PER_MONTH,
        weeks_until(plan, refs, dev, alone=True),
        "What the claim counts.",
    )

    print("\nOther claims (no firm figure to compare):")
    ds = make_plan(persona("data_scientist", 10), kb)
    print(
        f"  data scientist, 10 h/week: whole plan P50 {ds.eta.p50} weeks; article 001 says 'a few months of ML "
        "projects at work, then a portfolio'."
    )
    student = make_plan(persona("student", 40), kb)
    print(
        f"  student full time: whole plan P50 {student.eta.p50} weeks ({student.eta.p50 / WEEKS_PER_MONTH:.1f} "
        "months); article 003 says 'about 6 months of courses can be enough for a first job'."
    )


if __name__ == "__main__":
    main()
