"""What closes a posting's missing skills (``mlroute match``): the items of the person's plan that close them,
then, for a skill no plan item closes, the resource with the fewest hours that teaches the level asked for."""

from __future__ import annotations

from typing import Any

from mlroute.kb import KBIndex
from mlroute.profile import Profile


def closing_items(
    profile: Profile, idx: KBIndex, weights: dict[str, float], needed: dict[str, int]
) -> list[dict[str, Any]]:
    """Plan items (the plan demand-weighted by ``weights``) then cheapest resources, each with the skills it closes."""
    items = plan_items(profile, idx, weights) if weights else []
    covered = {s for item in items for s in item["closes"]}
    return items + cheapest_resources(idx, profile, needed, covered)


def plan_items(profile: Profile, idx: KBIndex, wanted: dict[str, float]) -> list[dict[str, Any]]:
    """Items of the person's plan (demand-weighted by this posting) that close any of ``wanted``."""
    from mlroute.plan import make_plan  # the planner (OR-Tools) loads only when a match needs it

    plan = make_plan(profile, idx, demand=wanted).to_json()
    return [
        {
            "id": item["id"],
            "kind": item["kind"],
            "title": item["title"],
            "hours": item["hours"],
            "closes": sorted(set(item.get("closes", [])) & set(wanted)),
            "source": "plan",
        }
        for item in plan.get("items", [])
        if set(item.get("closes", [])) & set(wanted)
    ]


def cheapest_resources(idx: KBIndex, profile: Profile, gaps: dict[str, int], already: set[str]) -> list[dict[str, Any]]:
    """For gaps no plan item closes: per skill, the resource with the fewest hours that teaches the level."""
    from mlroute.plan.effort import kind_defaults, resource_effort

    defaults = kind_defaults(idx.kb.resources)
    langs = set(profile.languages)
    out: list[dict[str, Any]] = []
    chosen: set[str] = set()
    for skill_id, needed in gaps.items():
        if skill_id in already:
            continue
        options = []
        for res in idx.kb.resources:
            if not any(t.skill == skill_id and t.level >= needed for t in res.teaches):
                continue
            if langs and not any(code.split("-")[0] in langs for code in res.languages):
                continue
            if profile.budget_usd <= 0 and res.cost.kind == "paid":
                continue
            effort = resource_effort(res, defaults)
            options.append((effort.hours, res.id, res, effort))
        if not options:
            continue
        hours, rid, res, effort = min(options, key=lambda o: (o[0], o[1]))
        if rid in chosen:
            for item in out:
                if item["id"] == f"res:{rid}":
                    item["closes"].append(skill_id)
            continue
        chosen.add(rid)
        out.append(
            {
                "id": f"res:{rid}",
                "kind": "resource",
                "title": res.title,
                "hours": hours,
                "closes": [skill_id],
                "source": "cheapest resource",
                "hours_basis": effort.basis,
            }
        )
    return out
