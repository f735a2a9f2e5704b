"""The planner's two horizons next to what the source articles claim (coverage.yaml ``time_claims``).

Personas are built the way a user builds them: the questionnaire's defaults for the background (the same levels
the planner assumes), and the hours the claim assumes. Nothing in the planner knows about these personas; no
constant of the time model was fitted to them (docs/planning.md, "Time model", gives each parameter's source).

* From zero, full time, 40 h a week (article 001: about 18 months to learn it all from zero).
* A working developer after work, 10 h a week (article 001: about six months for classic and deep ML and the
  missing maths): the week by which every ready-to-apply resource closing a maths, classic-ML or deep-learning gap
  is done, (a) inside the plan (career steps run alongside) and (b) for those resources alone.
* A data scientist at 8 h a week (article 001: a few months of ML projects at work, then a portfolio) and a
  DevOps engineer at 10 h a week (article 000: courses, the MLOps overlap at work, a talk, a hackathon, a
  secondment): ready to apply "well inside a year".

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


def persona(background: str, hours: float, interests: list[str] | None = None) -> Any:
    answers = defaults_for(background, START, index())
    answers.update(hours_per_week=hours, start_date=START, interests=interests or [])
    return parse_profile(answers)


def core_items(plan: Plan) -> list[str]:
    skills = index().skills
    return [
        i.id
        for i in plan.items
        if i.kind == "resource"
        and i.horizon == "ready"
        and any(skills[s].pillar in CORE_PILLARS for s in i.closes if s in skills)
    ]


def weeks_until(plan: Plan, refs: list[str], profile: Any, *, alone: bool) -> dict[str, int]:
    """P10/P50/P90 weeks until every item in ``refs`` is done, with the planner's own time model."""
    order = sorted(plan.items, key=lambda i: i.order)
    if alone:
        order = [i for i in order if i.id in refs]
    work = [(i.hours, i.effort_sigma) for i in order]
    last = max(k for k, i in enumerate(order) if i.id in refs)
    fc = simulate(work, {"m": last}, capacity_of(profile), seed=0)
    return fc.milestones["m"].to_json()


def row(label: str, claim_weeks: float, band: dict[str, int], note: str = "") -> None:
    off = band["p50"] / claim_weeks - 1
    verdict = "within ±20%" if abs(off) <= 0.2 else "outside ±20%"
    print(
        f"  {label}: P50 {band['p50']} weeks ({band['p50'] / WEEKS_PER_MONTH:.1f} months), band "
        f"{band['p10']}–{band['p90']}; claim {claim_weeks:.0f} weeks → {off:+.0%} ({verdict}). {note}".rstrip()
    )


def horizons(plan: Plan) -> str:
    doc = plan.to_json()
    by_kind: dict[str, float] = {}
    for i in doc["items"]:
        if i["horizon"] == "ready":
            by_kind[i["kind"]] = round(by_kind.get(i["kind"], 0.0) + i["hours"], 1)
    return (
        f"route {doc['route']}; ready to apply: {doc['ready_hours']:g} h ({by_kind}), P50 {doc['eta_weeks']['p50']} "
        f"weeks (band {doc['eta_weeks']['p10']}–{doc['eta_weeks']['p90']}); keep growing: +{doc['grow_hours']:g} h, "
        f"all done P50 {doc['eta_weeks_grow']['p50']} weeks; {doc['pacing']['planned_weekly_hours']:g} of "
        f"{doc['profile']['hours_per_week']:g} h planned a week"
    )


def hours_for_a_year(profile: Any, kb: Any) -> float | None:
    """The weekly hours at which the ready-to-apply P50 reaches 52 weeks (bisection, half-hour steps)."""
    lo, hi = profile.hours_per_week, 60.0
    if make_plan(profile, kb).eta.p50 <= 52:
        return profile.hours_per_week
    if make_plan(profile.model_copy(update={"hours_per_week": hi}), kb).eta.p50 > 52:
        return None
    while hi - lo > 0.5:
        mid = (lo + hi) / 2
        if make_plan(profile.model_copy(update={"hours_per_week": mid}), kb).eta.p50 <= 52:
            hi = mid
        else:
            lo = mid
    return round(hi * 2) / 2


def main() -> None:
    kb = index()
    print(f"knowledge base {kb.kb.meta.version}\n")

    zero = persona("none", 40)
    plan = make_plan(zero, kb)
    print("From zero, full time (40 h/week) — claim: about 18 months to learn everything from zero (article 001)")
    print(f"  {horizons(plan)}")
    row("ready to apply", 18 * WEEKS_PER_MONTH, plan.eta.to_json())
    row("everything (keep growing included)", 18 * WEEKS_PER_MONTH, plan.eta_grow.to_json())

    dev = persona("software_engineer", 10)
    plan = make_plan(dev, kb)
    refs = core_items(plan)
    hours = sum(plan.item(r).hours for r in refs)
    print(
        "\nWorking developer after work (10 h/week) — claim: about 6 months for classic ML, deep learning and the "
        "missing maths (article 001)"
    )
    print(f"  {horizons(plan)}")
    print(
        f"  {len(refs)} ready resources close the maths/classic-ML/deep-learning gaps, {hours:g} h: {', '.join(refs)}"
    )
    row(
        "(a) inside the plan",
        6 * WEEKS_PER_MONTH,
        weeks_until(plan, refs, dev, alone=False),
        "Career steps share the weeks.",
    )
    row(
        "(b) those resources alone",
        6 * WEEKS_PER_MONTH,
        weeks_until(plan, refs, dev, alone=True),
        "What the claim counts.",
    )

    for label, background, hours_pw, interests, source in (
        ("Data scientist", "data_scientist", 8, [], "article 001"),
        ("DevOps engineer", "devops_engineer", 10, ["llm-applications"], "article 000"),
    ):
        p = persona(background, hours_pw, interests)
        plan = make_plan(p, kb)
        print(f"\n{label} ({hours_pw} h/week) — claim: ready to apply well inside a year ({source})")
        print(f"  {horizons(plan)}")
        row("ready to apply vs one year", 52, plan.eta.to_json())
        need = hours_for_a_year(p, kb)
        print(f"  weekly hours for a P50 of one year: {need:g} h" if need else "  not within a year below 60 h/week")

    demo = make_plan(parse_profile({**_demo(), "start_date": START}), kb)
    print("\nThe demo persona (mlroute demo: DevOps, 10 h/week, $200, LLM applications) — article 000's path")
    print(f"  {horizons(demo)}")
    row("ready to apply vs one year", 52, demo.eta.to_json())


def _demo() -> dict[str, Any]:
    import yaml

    from mlroute.profile import demo_profile_path

    return dict(yaml.safe_load(demo_profile_path().read_text(encoding="utf-8")))


if __name__ == "__main__":
    main()
