"""``make_plan``: profile + knowledge base → an explained, scheduled plan with an ETA band.

The steps, each in its own module: gaps (``gap``), route (``route``), candidates and what was filtered out
(``candidates``), flagship project and career actions (``portfolio``), the optimal selection (``select``), weeks
(``schedule``), the ETA simulation (``forecast``), and the reasons (``explain``). Pure: no clock (the start date
is in the profile), no I/O, randomness only from ``seed``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from mlroute.errors import UnknownIdError, UserError
from mlroute.kb.index import KBIndex
from mlroute.kb.models import CareerAction
from mlroute.plan import explain
from mlroute.plan.candidates import Candidate, build_candidates, reachable
from mlroute.plan.effort import SIGMA, action_effort, kind_defaults
from mlroute.plan.forecast import Band, model_description, simulate
from mlroute.plan.gap import Gap, compute_gaps
from mlroute.plan.models import Milestone, Plan, PlanItem
from mlroute.plan.portfolio import MAX_PROJECTS, action_levels, applicable_actions, choose_flagship
from mlroute.plan.route import choose_route, core_phase, phase_of
from mlroute.plan.schedule import Task, schedule
from mlroute.plan.select import DEFAULT_TIME_LIMIT, Cover, Problem, select
from mlroute.profile.ids import check_profile_ids
from mlroute.profile.models import Profile

ITEM_PREFIX = {"res": "resource", "proj": "project", "act": "career_action"}


class NoTime(UserError):
    pass


def study_hours(act: CareerAction) -> float:
    """Hours an action takes from the person's study time.

    ``hours_per_week`` is time outside work. Steps that need an employer (a 1:1 with the manager, small ML tasks
    in the team, a secondment, an internal talk) happen at work, in working hours, so they are scheduled at the
    right moment but take none of that time; their estimate is reported as ``work_hours``.
    """
    return 0.0 if act.requires_employer else act.hours


def _normalise_refs(refs: Iterable[str], index: KBIndex, what: str) -> list[str]:
    """``res:x``/``proj:x``/``act:x`` (or a bare id that names exactly one item) → prefixed ids; unknown → error."""
    out: list[str] = []
    for raw in refs:
        ref = raw.strip()
        prefix, sep, rid = ref.partition(":")
        if sep and prefix in ITEM_PREFIX:
            if rid not in getattr(index, ITEM_PREFIX[prefix] + "s"):
                sugg = [f"{prefix}:{s}" for s in index.suggest(rid, ITEM_PREFIX[prefix])]
                raise UnknownIdError(f"{what} {ITEM_PREFIX[prefix].replace('_', ' ')}", ref, sugg)
            out.append(ref)
            continue
        matches = [f"{p}:{ref}" for p, kind in ITEM_PREFIX.items() if ref in getattr(index, kind + "s")]
        if len(matches) != 1:
            sugg = matches or [s for s in index.suggest(ref) if s.split(":")[0] in ITEM_PREFIX]
            raise UnknownIdError(f"{what} item", ref, sugg)
        out.append(matches[0])
    return sorted(set(out))


def _taught(ref: str, index: KBIndex) -> dict[str, int]:
    prefix, _, rid = ref.partition(":")
    if prefix == "res":
        pairs = index.resources[rid].teaches
    elif prefix == "proj":
        pairs = index.projects[rid].skills
    else:
        pairs = index.career_actions[rid].skills
    out: dict[str, int] = {}
    for sl in pairs:
        out[sl.skill] = max(out.get(sl.skill, 0), sl.level)
    return out


def capacity_of(profile: Profile) -> Callable[[int], float]:
    overrides: dict[int, float] = {}
    if profile.availability:
        if profile.start_date is None:
            raise UserError(
                "The profile gives availability by date but no start_date.",
                hint="Add start_date (YYYY-MM-DD) so the dates can be placed in plan weeks.",
            )
        for day, hours in profile.availability.items():
            overrides[(day - profile.start_date).days // 7 + 1] = hours
    hours = profile.hours_per_week

    def capacity(week: int) -> float:
        return overrides.get(week, hours)

    if hours <= 0 and not any(h > 0 for h in overrides.values()):
        raise NoTime(
            "hours_per_week is 0 and no week in availability has hours, so no plan can be scheduled.",
            hint="Set hours_per_week to the hours you can give in a typical week (for example 5 or 10).",
        )
    if hours <= 0:
        raise NoTime(
            "hours_per_week is 0: only the weeks listed in availability have time, and a plan needs every week "
            "after them too.",
            hint="Set hours_per_week to what a typical week allows; keep availability for the exceptions.",
        )
    return capacity


def _pillar_weights(teaches: Mapping[str, int], gaps: Mapping[str, Gap], index: KBIndex) -> dict[str, float]:
    weights: dict[str, float] = {}
    relevant = {s: lvl for s, lvl in teaches.items() if s in gaps} or dict(teaches)
    for s in relevant:
        if s not in index.skills:
            continue
        g = gaps.get(s)
        w = g.weight * max(1, min(relevant[s], g.target) - g.current) if g else 0.1
        pillar = index.skills[s].pillar
        weights[pillar] = weights.get(pillar, 0.0) + w
    return weights


def make_plan(
    profile: Profile,
    index: KBIndex,
    *,
    done: Iterable[str] = frozenset(),
    skipped: Iterable[str] = frozenset(),
    pace: float | None = None,
    demand: Mapping[str, float] | None = None,
    seed: int = 0,
    time_limit: float = DEFAULT_TIME_LIMIT,
    use_solver: bool = True,
) -> Plan:
    """The whole plan; see the module docstring and docs/planning.md."""
    check_profile_ids(profile, index)
    done_refs = _normalise_refs(done, index, "done")
    skipped_refs = _normalise_refs(skipped, index, "skipped")
    finished = set(done_refs) | set(skipped_refs)
    capacity = capacity_of(profile)
    warnings: list[str] = []
    if pace is not None and pace <= 0:
        warnings.append("No study time logged yet, so the ETA uses your stated hours per week.")
        pace = None

    # Where the person stands: self-assessment, raised by what they finished or skipped as known.
    current: dict[str, int] = dict(profile.skills)
    for ref in sorted(finished):
        for s, lvl in _taught(ref, index).items():
            current[s] = max(current.get(s, 0), lvl)

    role = index.roles[profile.target_role]
    choice = choose_route(profile.background, current, role, index)
    route = choice.route
    gaps = compute_gaps(role, profile.interests, current, index, demand)
    gap_of = {g.skill: g for g in gaps}

    actions, actions_left_out = applicable_actions(profile, route.id, index, finished)
    act_levels = action_levels(actions)
    defaults = kind_defaults(index.kb.resources)
    candidates, excluded = build_candidates(profile, index, defaults, finished, current)
    usable, unusable = reachable(candidates, current)
    by_ref: dict[str, Candidate] = {c.ref: c for c in usable}

    for ref in profile.preferences.include:
        if ref.startswith("act:"):
            continue
        if ref in finished:
            continue
        if ref not in by_ref:
            why = next((e.reason for e in excluded if e.ref == ref), None)
            if why is None and ref in unusable:
                why = "needs " + ", ".join(f"{s} {lvl}" for s, lvl in sorted(unusable[ref].items()))
            warnings.append(f"{ref} is on your include list but cannot be planned: {why or 'not available'}.")

    # Gaps as covers: the level each can reach with what is usable; what cannot be reached is reported.
    best: dict[str, int] = {}
    for c in usable:
        for s, lvl in c.teaches.items():
            best[s] = max(best.get(s, 0), lvl)
    covers: list[Cover] = []
    short: dict[str, int] = {}
    for g in gaps:
        reach = max(best.get(g.skill, 0), act_levels.get(g.skill, 0), g.current)
        if reach < g.target:
            short[g.skill] = reach
        level = min(g.target, max(best.get(g.skill, 0), g.current))
        if level > max(g.current, act_levels.get(g.skill, 0)):
            covers.append(Cover(g.skill, level, g.weight, level - g.current))

    done_projects = sum(1 for r in finished if r.startswith("proj:"))
    project_cands = [c for c in usable if c.kind == "project"]
    flagship = None if done_projects else choose_flagship(project_cands, gaps, profile.interests, index)
    fixed = sorted({c.ref for c in usable if c.forced} | ({flagship.ref} if flagship else set()))
    problem = Problem(usable, covers, current, fixed, profile.budget_usd, max(0, MAX_PROJECTS - done_projects))
    selection = select(problem, time_limit=time_limit, use_solver=use_solver)
    chosen = selection.chosen
    if not project_cands and not done_projects:
        warnings.append("No portfolio project in the knowledge base fits your languages and current levels yet.")

    # Levels each gap reaches with the chosen items (and career actions).
    reached = dict(current)
    for ref in chosen:
        for s, lvl in by_ref[ref].teaches.items():
            reached[s] = max(reached.get(s, 0), lvl)
    for s, lvl in act_levels.items():
        reached[s] = max(reached.get(s, 0), lvl)
    for g in gaps:
        if reached.get(g.skill, 0) < g.target and g.skill not in short:
            short[g.skill] = reached.get(g.skill, 0)

    # Tasks for the scheduler.
    chosen_teach: dict[str, dict[str, int]] = {ref: by_ref[ref].teaches for ref in chosen}

    def provided(skill: str, lvl: int, exclude: str) -> bool:
        return any(t.get(skill, 0) >= lvl for r, t in chosen_teach.items() if r != exclude)

    # Projects belong to the route's portfolio phase (the one for domains), whatever skills they exercise.
    portfolio_phase = next((i for i, ph in enumerate(route.phases) if "domains" in ph.pillars), None)
    tasks: list[Task] = []
    kb_rank = {f"res:{r.id}": i for i, r in enumerate(index.kb.resources)}
    kb_rank.update({f"proj:{p.id}": i for i, p in enumerate(index.kb.projects)})
    kb_rank.update({f"act:{a.id}": i for i, a in enumerate(index.kb.career_actions)})
    for ref in chosen:
        c = by_ref[ref]
        hard = {s: lvl for s, lvl in c.prereqs.items() if current.get(s, 0) < lvl}
        for s, lvl in list(hard.items()):
            if not provided(s, lvl, ref):
                warnings.append(f"{ref} needs {s} {lvl}, which no planned item teaches")
                del hard[s]
        soft: dict[str, int] = {}
        for s, lvl in c.teaches.items():
            # only the skills this item is there to close; skills it merely raises do not hold it back
            if s not in gap_of or index.skills.get(s) is None or lvl < min(gap_of[s].target, best.get(s, 0)):
                continue
            for pre in index.skills[s].prerequisites:
                if (
                    current.get(pre.skill, 0) < pre.level
                    and c.teaches.get(pre.skill, 0) < pre.level
                    and provided(pre.skill, pre.level, ref)
                ):
                    soft[pre.skill] = max(soft.get(pre.skill, 0), pre.level)
        closes_w = max((gap_of[s].weight for s in c.teaches if s in gap_of), default=0.0)
        tasks.append(
            Task(
                ref=ref,
                kind=c.kind,
                hours=c.hours,
                teaches=dict(c.teaches),
                hard=hard,
                soft=soft,
                phase=portfolio_phase
                if c.kind == "project" and portfolio_phase is not None
                else phase_of(_pillar_weights(c.teaches, gap_of, index), route),
                weight=closes_w,
                rank=kb_rank.get(ref, 0),
            )
        )
    for act in actions:
        ref = f"act:{act.id}"
        tasks.append(
            Task(
                ref=ref,
                kind="career_action",
                hours=study_hours(act),
                teaches={sl.skill: sl.level for sl in act.skills},
                anchor=act.phase,
                after=[f"act:{a}" for a in act.after],
                rank=kb_rank[ref],
            )
        )
    core = core_phase(route)
    sched = schedule(tasks, current, capacity, core)
    warnings.extend(sched.warnings)
    task_of = {t.ref: t for t in tasks}

    # Forecast: items in completion order; a milestone per route phase that has items.
    efforts: dict[str, tuple[float, float]] = {ref: (by_ref[ref].hours, by_ref[ref].effort.sigma) for ref in chosen}
    for act in actions:
        e = action_effort(act)
        efforts[f"act:{act.id}"] = (study_hours(act), e.sigma)
    work = [efforts[ref] for ref in sched.order]
    position = {ref: i for i, ref in enumerate(sched.order)}
    phase_items: dict[int, list[str]] = {}
    for ref in chosen:
        phase_items.setdefault(task_of[ref].phase, []).append(ref)
    milestone_defs: list[tuple[str, str, str | None, list[str]]] = []
    for i, ph in enumerate(route.phases):
        refs = phase_items.get(i, [])
        if refs:
            milestone_defs.append((f"phase:{ph.id}", f"End of {ph.name.en}", ph.id, refs))
    work_refs = [r for r in sched.order if not r.startswith("act:")]
    if work_refs:
        milestone_defs.append(("ready", "Skills and portfolio ready to show", None, work_refs))
    milestone_last = {mid: max(position[r] for r in refs) for mid, _, _, refs in milestone_defs}
    fc = simulate(work, milestone_last, capacity, hours_per_week=profile.hours_per_week, pace=pace, seed=seed)

    milestones: list[Milestone] = []
    last_week = 0
    last_band = Band(0, 0, 0)
    for mid, title, phase_id, refs in milestone_defs:
        week = max(max(sched.placements[r].week_end for r in refs), last_week)
        levels: dict[str, int] = {}
        for r in refs:
            for s, lvl in by_ref[r].teaches.items():
                if s in gap_of:
                    levels[s] = max(levels.get(s, 0), min(lvl, gap_of[s].target))
        band = fc.milestones[mid]
        band = Band(max(band.p10, last_band.p10), max(band.p50, last_band.p50), max(band.p90, last_band.p90))
        milestones.append(Milestone(mid, title, week, levels, band, phase_id))
        last_week, last_band = week, band

    # Items with their reasons.
    def closes_of(teaches: Mapping[str, int]) -> tuple[list[str], list[str]]:
        closes, advances = [], []
        for s, lvl in sorted(teaches.items(), key=lambda kv: (-gap_of[kv[0]].weight if kv[0] in gap_of else 0, kv[0])):
            g = gap_of.get(s)
            if g is None or lvl <= g.current:
                continue
            if lvl >= min(g.target, max(reached.get(s, 0), g.current)):
                closes.append(s)
            else:
                advances.append(s)
        return closes, advances

    plan_levels = dict(current)
    for ref in chosen:
        for s_, lvl in by_ref[ref].teaches.items():
            plan_levels[s_] = max(plan_levels.get(s_, 0), lvl)

    def alternatives(ref: str, closes: list[str]) -> tuple[str, int, list[tuple[str, float, str]]]:
        """Other resources reaching the main gap this item closes, each with why it lost."""
        if not closes:
            return "", 0, []
        main = closes[0]
        me = by_ref[ref]
        level = min(gap_of[main].target, me.teaches[main])
        alts = [c for c in usable if c.ref != ref and c.kind == "resource" and c.teaches.get(main, 0) >= level]
        out = []
        for alt in sorted(alts, key=lambda c: (c.cost, c.ref))[:2]:
            missing = [
                f"{explain.skill_name(s_, index)} {lvl}"
                for s_, lvl in sorted(alt.prereqs.items())
                if plan_levels.get(s_, 0) < lvl
            ]
            if missing:
                why_not = f"would need {', '.join(missing)} first"
            elif alt.cost > me.cost:
                why_not = "more hours" if alt.price.usd == 0 else f"more hours, and {alt.price.note}"
            elif alt.price.usd > 0:
                why_not = alt.price.note
            elif alt.penalty_notes:
                why_not = "; ".join(alt.penalty_notes)
            else:
                why_not = "closes fewer of the plan's other gaps"
            out.append((alt.ref, alt.hours, why_not))
        return explain.skill_name(main, index), level, out

    items: list[PlanItem] = []
    for ref in sched.order:
        p = sched.placements[ref]
        t = task_of[ref]
        prefix, _, rid = ref.partition(":")
        depends = sorted(
            {
                other
                for other in sched.order[: p.order]
                if any(task_of[other].teaches.get(s, 0) >= lvl for s, lvl in {**t.soft, **t.hard}.items())
            }
        )
        phase_id = route.phases[t.phase].id if prefix != "act" else None
        if prefix == "act":
            act = index.career_actions[rid]
            closes, _ = closes_of(t.teaches)
            why = explain.action_why(act, closes, route.name.en, gap_of, index)
            items.append(
                PlanItem(
                    id=ref,
                    kind="career_action",
                    title=act.title.en,
                    title_zh=act.title.zh,
                    week_start=p.week_start,
                    week_end=p.week_end,
                    hours=study_hours(act),
                    work_hours=act.hours - study_hours(act),
                    closes=closes,
                    why=why,
                    effort_basis="estimate",
                    effort_sigma=SIGMA["estimate"],
                    skills=[{"skill": s, "from": current.get(s, 0), "to": lvl} for s, lvl in sorted(t.teaches.items())],
                    depends_on=[a for a in t.after if a in position],
                    when=act.phase,
                    requires_employer=act.requires_employer,
                    order=p.order,
                    hours_by_week=p.hours_by_week,
                )
            )
            continue
        c = by_ref[ref]
        closes, advances = closes_of(c.teaches)
        if prefix == "res":
            res = index.resources[rid]
            needed_by = sorted(
                o for o in chosen if o != ref and any(c.teaches.get(s, 0) >= lvl for s, lvl in task_of[o].hard.items())
            )
            why = explain.resource_why(
                c, closes, advances, needed_by, *alternatives(ref, closes), gaps=gap_of, index=index
            )
            if p.relaxed:
                why += f" Starts before {', '.join(p.relaxed)} is covered: nothing else could move."
            items.append(
                PlanItem(
                    id=ref,
                    kind="resource",
                    title=res.title,
                    title_zh=res.title_zh,
                    week_start=p.week_start,
                    week_end=p.week_end,
                    hours=c.hours,
                    closes=closes,
                    why=why,
                    phase=phase_id,
                    url=str(res.url),
                    provider=res.provider,
                    cost_usd=c.price.usd,
                    effort_basis=c.effort.basis,
                    effort_sigma=c.effort.sigma,
                    skills=[{"skill": s, "from": current.get(s, 0), "to": lvl} for s, lvl in sorted(c.teaches.items())],
                    depends_on=depends,
                    order=p.order,
                    hours_by_week=p.hours_by_week,
                )
            )
        else:
            proj = index.projects[rid]
            is_flag = flagship is not None and flagship.ref == ref
            by_building = [
                s_
                for s_ in closes
                if not any(
                    o.kind == "resource" and o.teaches.get(s_, 0) >= min(gap_of[s_].target, c.teaches[s_])
                    for o in usable
                )
            ]
            why = explain.project_why(
                c, closes, flagship.reason if is_flag and flagship else None, gap_of, index, by_building
            )
            items.append(
                PlanItem(
                    id=ref,
                    kind="project",
                    title=proj.title.en,
                    title_zh=proj.title.zh,
                    week_start=p.week_start,
                    week_end=p.week_end,
                    hours=c.hours,
                    closes=closes,
                    why=why,
                    phase=phase_id,
                    effort_basis="estimate",
                    effort_sigma=c.effort.sigma,
                    skills=[{"skill": s, "from": current.get(s, 0), "to": lvl} for s, lvl in sorted(c.teaches.items())],
                    depends_on=depends,
                    flagship=is_flag,
                    order=p.order,
                    hours_by_week=p.hours_by_week,
                )
            )

    # Gaps and those that cannot be closed.
    closers: dict[str, list[str]] = {}
    for it in items:
        for s in it.closes:
            closers.setdefault(s, []).append(it.id)
    excluded_map = {e.ref: e.reason for e in excluded}
    budget_bound = set(selection.uncovered)
    not_closable = []
    for g in gaps:
        if g.skill in short:
            reason = explain.not_closable_reason(
                g, short[g.skill], index, excluded_map, unusable, finished, g.skill in budget_bound
            )
            not_closable.append(
                {
                    "skill": g.skill,
                    "current": g.current,
                    "target": g.target,
                    "reachable": short[g.skill],
                    "reason": reason,
                }
            )
    gap_rows = [
        {
            "skill": g.skill,
            "name": index.skills[g.skill].name.en if g.skill in index.skills else g.skill,
            "pillar": index.skills[g.skill].pillar if g.skill in index.skills else None,
            "current": g.current,
            "target": g.target,
            "need": g.need,
            "weight": g.weight,
            "source": g.source,
            "via": g.via,
            "reached": min(reached.get(g.skill, 0), g.target),
            "closed_by": closers.get(g.skill, []),
            "closable": g.skill not in short,
        }
        for g in gaps
    ]

    phases = []
    for i, ph in enumerate(route.phases):
        refs = [it.id for it in items if it.phase == ph.id]
        weeks = [w for it in items if it.phase == ph.id for w in (it.week_start, it.week_end)]
        phases.append(
            {
                "id": ph.id,
                "name": ph.name.en,
                "name_zh": ph.name.zh,
                "description": ph.description.en,
                "pillars": list(ph.pillars),
                "items": refs,
                "week_start": min(weeks) if weeks else None,
                "week_end": max(weeks) if weeks else None,
                "core": i <= core,
            }
        )

    left_out = [
        {"id": e.ref, "reason": e.reason}
        for e in excluded
        if e.ref.startswith("proj:") or e.ref in set(profile.preferences.exclude)
    ]
    left_out += [{"id": ref, "reason": why} for ref, why in sorted(actions_left_out.items())]
    pacing = model_description()
    pacing["sigma_by_basis"] = dict(SIGMA)
    pacing.update(
        {
            "basis": fc.basis,
            "weekly_hours": fc.weekly_hours,
            "expected_weekly_hours": fc.expected_weekly_hours,
            "seed": seed,
            "default_hours_per_level": {k: v[0] for k, v in defaults.rate.items()},
        }
    )
    optimality = {
        "status": selection.status,
        "gap": selection.gap,
        "solver": selection.solver,
        "objective_hours": selection.objective,
        "bound_hours": selection.bound,
        "hours": selection.hours,
        "greedy_hours": selection.greedy_hours,
        "greedy_objective_hours": selection.greedy_objective,
        "hours_saved_vs_greedy": round(selection.greedy_objective - selection.objective, 2),
        "seconds": selection.seconds,
        "candidates": len(usable),
        "covers": len(problem.covers),
        "note": selection.note,
    }
    return Plan(
        profile=_profile_summary(profile, current, role.name.en),
        kb_version=index.kb.meta.version,
        start_date=profile.start_date,
        route=route.id,
        route_name=route.name.en,
        route_reason=choice.reason,
        phases=phases,
        items=items,
        weeks=sched.weeks,
        milestones=milestones,
        gaps=gap_rows,
        not_closable=not_closable,
        eta=fc.total,
        optimality=optimality,
        pacing=pacing,
        left_out=left_out,
        done=done_refs,
        skipped=skipped_refs,
        warnings=warnings,
        seed=seed,
    )


def _profile_summary(profile: Profile, current: Mapping[str, int], role_name: str) -> dict[str, Any]:
    data = profile.model_dump(mode="json")
    data["target_role_name"] = role_name
    data["levels_used"] = dict(sorted(current.items()))
    return data


def start_or(profile: Profile, start: dt.date) -> Profile:
    """The profile with ``start`` as its start date when it has none."""
    return profile if profile.start_date else profile.model_copy(update={"start_date": start})
