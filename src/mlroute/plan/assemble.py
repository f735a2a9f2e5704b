"""The last step of the pipeline: the time model over the schedule, milestones, gap rows, phases and the Plan."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from mlroute.kb.models import Route
from mlroute.plan import explain, words
from mlroute.plan.effort import SIGMA
from mlroute.plan.forecast import AVAILABILITY_MEAN, NOT_BEFORE_APPLYING, Band, forecast_items, model_description
from mlroute.plan.gap import DEMAND_OFTEN, DEMAND_RARELY, Gap
from mlroute.plan.horizons import HorizonSelection
from mlroute.plan.models import Milestone, Plan, PlanItem
from mlroute.plan.portfolio import MAX_PROJECTS
from mlroute.plan.route import core_phase
from mlroute.plan.run import Inputs, Run
from mlroute.plan.schedule import Schedule
from mlroute.plan.standing import Standing

ANCHOR_PHASE = {
    "start": "first",
    "foundations": "first",
    "core": "core",
    "specialise": "portfolio",
    "before-applying": "last",
    "job-search": "last",
}


def _assign_action_phases(items: list[PlanItem], route: Route) -> list[PlanItem]:
    """Career steps belong to the route phase their timing points at (the portfolio phase for ``specialise``…);
    steps that run throughout belong to none."""
    ids = [ph.id for ph in route.phases]
    portfolio = next((ph.id for ph in route.phases if "domains" in ph.pillars), ids[-1])
    core = core_phase(route)
    where = {"first": ids[0], "core": ids[max(core, 0)], "portfolio": portfolio, "last": ids[-1]}
    out = []
    for it in items:
        if it.kind == "career_action" and it.when in ANCHOR_PHASE:
            it = dataclasses.replace(it, phase=where[ANCHOR_PHASE[it.when]])
        out.append(it)
    return out


def _forecast(inp: Inputs, items: Sequence[PlanItem], capacity: Callable[[int], float]) -> dict[str, Band]:
    return forecast_items(
        [i.to_json() for i in items], capacity, pace=inp.pace, pace_sigma=inp.pace_sigma, seed=inp.seed
    )


def _levels_at(items: Sequence[PlanItem], start: Mapping[str, int], last_order: int) -> dict[str, int]:
    levels = dict(start)
    for it in items:
        if it.order <= last_order:
            for s in it.skills:
                levels[s["skill"]] = max(levels.get(s["skill"], 0), s["to"])
    return levels


def _milestones(
    inp: Inputs,
    items: Sequence[PlanItem],
    route: Route,
    fc: Mapping[str, Band],
    start: Mapping[str, int],
    gaps: Mapping[str, Gap],
) -> list[Milestone]:
    lang = inp.lang
    defs: list[tuple[str, str, str | None, str, list[PlanItem]]] = []
    for ph in route.phases:
        mine = [i for i in items if i.phase == ph.id and i.horizon == "ready" and i.kind != "career_action"]
        if mine:
            defs.append((f"phase:{ph.id}", words.tr(lang, "ms.phase", phase=ph.name.get(lang)), ph.id, "ready", mine))
    ready = [i for i in items if i.horizon == "ready" and i.when not in NOT_BEFORE_APPLYING]
    if ready:
        defs.append(("ready", words.tr(lang, "ms.ready"), None, "ready", ready))
    if any(i.horizon == "grow" for i in items):
        defs.append(("grow", words.tr(lang, "ms.grow"), None, "grow", list(items)))
    out: list[Milestone] = []
    last_week, last_band = 0, Band(0, 0, 0)
    for mid, title, phase, horizon, mine in defs:
        week = max(max(i.week_end for i in mine), last_week)
        last = max(i.order for i in mine)
        reached = _levels_at(items, start, last)
        changed = {s for i in mine for s in (x["skill"] for x in i.skills)}
        levels = {s: reached[s] for s in sorted(changed) if s in gaps and reached.get(s, 0) > start.get(s, 0)}
        band = fc.get(mid, fc["ready"])
        band = Band(max(band.p10, last_band.p10), max(band.p50, last_band.p50), max(band.p90, last_band.p90))
        out.append(Milestone(mid, title, week, levels, band, phase, horizon))
        last_week, last_band = week, band
    return out


def _gap_rows(
    inp: Inputs,
    gaps: Sequence[Gap],
    sel: HorizonSelection,
    items: Sequence[PlanItem],
    stand: Standing,
    excluded: Mapping[str, str],
    unusable: Mapping[str, Mapping[str, int]],
    hours: Mapping[str, float],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    lang, index = inp.lang, inp.index
    closers: dict[str, list[str]] = {}
    for it in items:
        for s in it.closes:
            closers.setdefault(s, []).append(it.id)
    budget_bound = set(sel.ready.uncovered) | set(sel.grow.uncovered if sel.grow else [])
    rows, not_closable = [], []
    for g in gaps:
        reached = sel.reached.get(g.skill, 0)
        ready_reached = sel.after_ready.get(g.skill, 0)
        row: dict[str, Any] = {
            "skill": g.skill,
            "name": explain.skill_name(g.skill, index, lang),
            "pillar": index.skills[g.skill].pillar if g.skill in index.skills else None,
            "current": g.current,
            "entry": g.entry,
            "target": g.full,
            "need": g.need,
            "weight": g.weight,
            "must": g.must,
            "source": g.source,
            "assumed": stand.is_assumed(g.skill),
            **_origin_keys(stand, g.skill),
            "reached_ready": min(ready_reached, g.entry) if g.entry else ready_reached,
            "reached": min(reached, g.full),
            "closed_by": closers.get(g.skill, []),
            "closable": reached >= g.full,
        }
        rows.append(row)
        if reached >= g.full:
            continue
        if g.skill in sel.deferred:
            horizon, cost, value = sel.deferred[g.skill]
            key = "nc.deferred" if horizon == "ready" and ready_reached < g.entry else "nc.on_the_job"
            reason = words.tr(lang, key, h=round(cost, 1), v=round(value, 1))
        else:
            projects = sum(1 for it in items if it.kind == "project")
            reason = explain.not_closable_reason(
                g,
                g.full,
                max(reached, g.current),
                index,
                excluded,
                unusable,
                inp.finished,
                g.skill in budget_bound,
                lang,
                slots_full=projects >= MAX_PROJECTS,
                hours=hours,
            )
        not_closable.append(
            {
                "skill": g.skill,
                "current": g.current,
                "target": g.full,
                "entry": g.entry,
                "reachable": reached,
                "must": g.must,
                "reason": reason,
            }
        )
    return rows, not_closable


def _phases(inp: Inputs, items: Sequence[PlanItem], route: Route) -> list[dict[str, Any]]:
    lang = inp.lang
    core = core_phase(route)
    out = []
    for i, ph in enumerate(route.phases):
        mine = [it for it in items if it.phase == ph.id and it.horizon == "ready"]
        weeks = [w for it in mine for w in (it.week_start, it.week_end)]
        out.append(
            {
                "id": ph.id,
                "name": ph.name.get(lang),
                "name_en": ph.name.en,
                "name_zh": ph.name.zh,
                "description": ph.description.get(lang),
                "pillars": list(ph.pillars),
                "horizon": "ready",
                "items": [it.id for it in mine],
                "week_start": min(weeks) if weeks else None,
                "week_end": max(weeks) if weeks else None,
                "core": i <= core,
            }
        )
    grow = [it for it in items if it.horizon == "grow"]
    if grow:
        weeks = [w for it in grow for w in (it.week_start, it.week_end)]
        out.append(
            {
                "id": "keep-growing",
                "name": words.tr(lang, "phase.grow"),
                "name_en": words.tr("en", "phase.grow"),
                "name_zh": words.tr("zh", "phase.grow"),
                "description": words.tr(lang, "phase.grow_desc"),
                "pillars": [],
                "horizon": "grow",
                "items": [it.id for it in grow],
                "week_start": min(weeks),
                "week_end": max(weeks),
                "core": False,
            }
        )
    return out


def _demand_moves(gaps: Sequence[Gap], demand: Mapping[str, float] | None, inp: Inputs) -> list[dict[str, Any]]:
    """With job postings: the gaps whose place in the order moved because of demand, and by how much."""
    if not demand:
        return []
    before = [g.skill for g in sorted(gaps, key=lambda g: (-g.base_weight, g.skill))]
    after = [g.skill for g in gaps]
    out = []
    for g in gaps:
        moved = before.index(g.skill) - after.index(g.skill)
        if abs(moved) >= 2:
            d = float(demand.get(g.skill, 0.0))
            # The words follow the skill's own demand; a move against it is a side effect of the others'.
            if moved > 0:
                key = "market.up" if d >= DEMAND_OFTEN else "market.side_up"
            else:
                key = "market.down" if d < DEMAND_RARELY else "market.side_down"
            out.append(
                {
                    "skill": g.skill,
                    "demand": round(d, 3),
                    "moved": moved,
                    "rank_before": before.index(g.skill) + 1,
                    "rank_after": after.index(g.skill) + 1,
                    "weight_before": g.base_weight,
                    "weight_after": g.weight,
                    "cause": "demand" if key in ("market.up", "market.down") else "others",
                    "reason": words.tr(
                        inp.lang, key, list=explain.skill_name(g.skill, inp.index, inp.lang), n=abs(moved)
                    ),
                }
            )
    return sorted(out, key=lambda m: -abs(m["moved"]))


def assemble(
    run: Run,
    sel: HorizonSelection,
    sched: Schedule,
    items: list[PlanItem],
    deferred: list[dict[str, Any]],
    by: dt.date | None,
) -> Plan:
    """The plan document's model from the run's results: forecast, milestones, gaps, phases and what was left."""
    inp, route, lang = run.inp, run.route, run.inp.lang
    items = _assign_action_phases(items, route)
    fc = _forecast(inp, items, run.capacity)
    excluded_text = {e.ref: e.text(lang) for e in run.excluded}
    hours = {c.ref: c.hours for c in run.usable}
    gap_rows, not_closable = _gap_rows(inp, run.gaps, sel, items, run.stand, excluded_text, run.unusable, hours)
    weeks = [dataclasses.replace(w, capacity=run.capacity(w.week), planned=w.capacity) for w in sched.weeks]
    return Plan(
        profile=_profile(run),
        kb_version=inp.index.kb.meta.version,
        start_date=inp.profile.start_date,
        route=route.id,
        route_name=route.name.get(lang),
        route_reason=run.choice.reason(lang),
        phases=_phases(inp, items, route),
        items=items,
        weeks=weeks,
        milestones=_milestones(inp, items, route, fc, run.current, run.gap_of),
        gaps=gap_rows,
        not_closable=not_closable,
        eta=fc["ready"],
        optimality=_optimality(sel),
        pacing=_pacing(run),
        left_out=_left_out(run),
        done=inp.done,
        skipped=inp.skipped,
        warnings=[*inp.warnings, *_missed(run)],
        seed=inp.seed,
        lang=lang,
        eta_grow=fc["grow"],
        assumed_skills=dict(run.stand.assumed),
        evidenced_skills={
            s: {**ev.to_json(), "name": explain.skill_name(s, inp.index, lang)}
            for s, ev in sorted(run.stand.evidence.items())
        },
        deferred=deferred,
        deadline=by,
        readiness={"must_have_coverage": _coverage(run.gaps, sel.after_ready)} if by else {},
        demand_moves=_demand_moves(run.gaps, inp.demand, inp),
    )


def _origin_keys(stand: Standing, skill: str) -> dict[str, Any]:
    """``from_origin`` (quiz | said | assumed) and ``from_on`` (a quiz's date) of a gap's current level."""
    o = stand.origin(skill)
    if o is None:
        return {}
    return {"from_origin": o.kind, **({"from_on": o.on.isoformat()} if o.on else {})}


def _profile(run: Run) -> dict[str, Any]:
    data = run.inp.profile.model_dump(mode="json")
    data["target_role_name"] = run.inp.index.roles[run.inp.profile.target_role].name.get(run.inp.lang)
    data["levels_used"] = dict(sorted(run.current.items()))
    return data


def _missed(run: Run) -> list[str]:
    lang, index = run.inp.lang, run.inp.index
    out = []
    for m in run.missed:
        titles = words.join([explain.item_title(f"res:{r}", index, lang) for r in m.pick.one_of], lang)
        phase = next((ph.name.get(lang) for ph in run.route.phases if ph.id == m.phase), m.phase)
        out.append(words.tr(lang, "pick.missed", titles=titles, phase=phase, why=words.join(list(m.reasons), lang)))
    return out


def _left_out(run: Run) -> list[dict[str, str]]:
    lang, exclude = run.inp.lang, set(run.inp.profile.preferences.exclude)
    out = [{"id": e.ref, "reason": e.text(lang)} for e in run.excluded if e.ref.startswith("proj:") or e.ref in exclude]
    return out + [{"id": e.ref, "reason": e.text(lang)} for e in run.actions_left_out]


def _pacing(run: Run) -> dict[str, Any]:
    pacing = model_description()
    pacing.update(
        {
            "sigma_by_basis": dict(SIGMA),
            "basis": "observed" if run.inp.pace is not None else "stated",
            "weekly_hours": run.inp.pace if run.inp.pace is not None else run.capacity(1),
            "expected_weekly_hours": round(run.weekly(1), 2),
            "pace_sigma": run.inp.pace_sigma if run.inp.pace is not None else None,
            "planned_weekly_hours": round(run.weekly(1), 2),
            "planned_share": round(AVAILABILITY_MEAN, 3) if run.inp.pace is None else 1.0,
            "seed": run.inp.seed,
        }
    )
    return pacing


def _coverage(gaps: Sequence[Gap], levels: Mapping[str, int]) -> float:
    """Weighted share of the must-have entry levels reached (1.0 = everything an entry-level hire needs)."""
    total = sum(g.weight * (g.entry - g.current) for g in gaps if g.must and g.entry > g.current)
    if total <= 0:
        return 1.0
    got = sum(
        g.weight * (min(levels.get(g.skill, 0), g.entry) - g.current) for g in gaps if g.must and g.entry > g.current
    )
    return round(got / total, 3)


def _optimality(sel: HorizonSelection) -> dict[str, Any]:
    r = sel.ready
    out: dict[str, Any] = {
        "status": r.status,
        "gap": r.gap,
        "solver": r.solver,
        "objective_hours": r.objective,
        "bound_hours": r.bound,
        "hours": r.hours,
        "greedy_hours": r.greedy_hours,
        "greedy_objective_hours": r.greedy_objective,
        "hours_saved_vs_greedy": round(r.greedy_objective - r.objective, 2),
        "seconds": r.seconds,
        "note": r.note,
        "covers": len(sel.ready_covers),
        "candidates": len(sel.best_candidates),
    }
    if sel.grow is not None:
        g = sel.grow
        out["grow"] = {
            "status": g.status,
            "gap": g.gap,
            "solver": g.solver,
            "hours": g.hours,
            "covers": len(sel.grow_covers),
        }
        out["seconds"] = round(r.seconds + g.seconds, 4)
    return out
