"""``make_plan``: profile + knowledge base → an explained, scheduled plan in two horizons with an ETA band.

The pipeline, one step per module: where the person stands (``standing``), the gaps in two horizons (``gap``),
the route and its recommended resources (``route``), candidates and what was filtered out (``candidates``), the
flagship project and career steps (``portfolio``), the selection per horizon (``horizons`` over ``select``),
tasks and weeks (``tasks``, ``schedule``), the time model (``forecast``), items with their reasons (``items``,
``explain``), and the assembly below. Pure: no clock (the start date is in the profile), no I/O, randomness only
from ``seed``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from mlroute.errors import UnknownIdError, UserError
from mlroute.kb.index import KBIndex
from mlroute.plan import words
from mlroute.plan.assemble import assemble
from mlroute.plan.candidates import Candidate, Excluded, build_candidates, reachable
from mlroute.plan.deadline import fit_deadline
from mlroute.plan.effort import kind_defaults
from mlroute.plan.forecast import planned_capacity
from mlroute.plan.gap import compute_gaps
from mlroute.plan.horizons import HorizonSelection, select_horizons
from mlroute.plan.items import ItemContext, build_items
from mlroute.plan.models import Plan
from mlroute.plan.portfolio import MAX_PROJECTS, action_levels, applicable_actions, choose_flagship
from mlroute.plan.route import choose_route, core_phase, route_picks
from mlroute.plan.schedule import schedule
from mlroute.plan.select import DEFAULT_TIME_LIMIT
from mlroute.plan.standing import standing
from mlroute.plan.tasks import action_tasks, item_tasks
from mlroute.profile.ids import check_profile_ids
from mlroute.profile.models import Profile

ITEM_PREFIX = {"res": "resource", "proj": "project", "act": "career_action"}


class NoTime(UserError):
    pass


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


def capacity_of(profile: Profile) -> Callable[[int], float]:
    """The hours the person states for week ``w``: availability overrides, else ``hours_per_week``."""
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


def plan_language(profile: Profile, lang: str | None) -> str:
    """The plan's language: ``lang`` when given, else the person's first language (Chinese or English)."""
    if lang is not None:
        if lang not in words.LANGS:
            raise UserError(f"Unknown plan language {lang!r}.", hint="Use --lang en or --lang zh.")
        return lang
    return words.lang_of(profile.languages[0] if profile.languages else "en")


@dataclass
class Inputs:
    """What the pipeline's later steps share; built once by ``make_plan``."""

    profile: Profile
    index: KBIndex
    lang: str
    done: list[str]
    skipped: list[str]
    finished: set[str]
    pace: float | None
    pace_sigma: float
    demand: Mapping[str, float] | None
    seed: int
    warnings: list[str]


def make_plan(
    profile: Profile,
    index: KBIndex,
    *,
    done: Iterable[str] = frozenset(),
    skipped: Iterable[str] = frozenset(),
    pace: float | None = None,
    pace_sigma: float = 0.15,
    demand: Mapping[str, float] | None = None,
    seed: int = 0,
    time_limit: float = DEFAULT_TIME_LIMIT,
    use_solver: bool = True,
    lang: str | None = None,
    by: dt.date | None = None,
    evidenced: Mapping[str, int] | None = None,
) -> Plan:
    """The whole plan; see the module docstring and docs/planning.md."""
    check_profile_ids(profile, index)
    lang = plan_language(profile, lang)
    done_refs = _normalise_refs(done, index, "done")
    skipped_refs = _normalise_refs(skipped, index, "skipped")
    capacity = capacity_of(profile)
    warnings: list[str] = []
    if pace is not None and pace <= 0:
        warnings.append(words.tr(lang, "warn.no_pace"))
        pace = None
    inp = Inputs(
        profile,
        index,
        lang,
        done_refs,
        skipped_refs,
        set(done_refs) | set(skipped_refs),
        pace,
        pace_sigma,
        demand,
        seed,
        warnings,
    )

    stand = standing(profile, index, inp.finished, evidenced)
    current = stand.levels
    role = index.roles[profile.target_role]
    choice = choose_route(profile.background, current, role, index)
    route = choice.route
    gaps = compute_gaps(role, profile.interests, current, demand)
    gap_of = {g.skill: g for g in gaps}

    actions, actions_left_out = applicable_actions(profile, route.id, index, inp.finished)
    act_levels = action_levels(actions)
    weekly = planned_capacity(capacity, pace)
    candidates, excluded = build_candidates(
        profile, index, kind_defaults(index.kb.resources), inp.finished, current, weekly(1)
    )
    usable, unusable = reachable(candidates, current)
    by_ref: dict[str, Candidate] = {c.ref: c for c in usable}
    _include_warnings(inp, by_ref, excluded, unusable)

    excluded_text = {e.ref: e.text(lang) for e in excluded}
    unavailable = {
        **excluded_text,
        **{
            r: words.tr(lang, "alt.needs", list=", ".join(f"{s} {lvl}" for s, lvl in sorted(m.items())))
            for r, m in unusable.items()
        },
    }
    done_projects = sum(1 for r in inp.finished if r.startswith("proj:"))
    project_cands = [c for c in usable if c.kind == "project"]
    flagship = None if done_projects else choose_flagship(project_cands, gaps, profile.interests, index, lang)
    if not project_cands and not done_projects:
        warnings.append(words.tr(lang, "warn.no_project"))
    forced = sorted(c.ref for c in usable if c.forced)
    # A recommendation applies when it teaches what the person still lacks once their include list is counted.
    fixed_levels = dict(current)
    for ref in forced:
        for s, lvl in by_ref[ref].teaches.items():
            fixed_levels[s] = max(fixed_levels.get(s, 0), lvl)
    teaches_all = {f"res:{r.id}": {t.skill: t.level for t in r.teaches} for r in index.kb.resources}
    picks, missed = route_picks(
        route, teaches_all, set(by_ref), {g.skill: g.entry for g in gaps}, fixed_levels, inp.finished, unavailable
    )
    slots = max(0, MAX_PROJECTS - done_projects)

    def choose(capacity_hours: float | None) -> HorizonSelection:
        return select_horizons(
            usable,
            gaps,
            current,
            act_levels,
            fixed=forced,
            picks=[g.members for g in picks],
            budget=profile.budget_usd,
            max_projects=slots,
            flagship=flagship.ref if flagship else None,
            capacity=capacity_hours,
            time_limit=time_limit,
            use_solver=use_solver,
        )

    full = choose(None)
    horizon_of = {r: "ready" for r in full.ready.chosen} | {r: "grow" for r in (full.grow.chosen if full.grow else [])}
    core = core_phase(route)
    tasks, missing = item_tasks(horizon_of, by_ref, current, gap_of, full.best, route, index)
    act_tasks = action_tasks(actions, index, profile.has_employer)
    sched = schedule(tasks + act_tasks, current, weekly, core)
    if sched.warnings:  # "learn, then build" made a course and a project wait for each other: drop that rule
        tasks, missing = item_tasks(horizon_of, by_ref, current, gap_of, full.best, route, index, learn_first=False)
        sched = schedule(tasks + action_tasks(actions, index, profile.has_employer), current, weekly, core)
    sel = full
    deferred: list[dict[str, object]] = []
    if by is not None:
        sel, horizon_of, tasks, act_tasks, sched, deferred, missing = fit_deadline(
            inp, by, full, choose, horizon_of, by_ref, current, gap_of, route, actions, weekly, core
        )
    for ref, skill, level in missing:
        warnings.append(words.tr(lang, "warn.prereq", title=_title(ref, index, lang), skill=skill, level=level))
    for ref, unmet in sched.warnings:
        warnings.append(words.tr(lang, "warn.relaxed", title=_title(ref, index, lang), list=", ".join(unmet)))

    phase_ids = [ph.id for ph in route.phases]
    ctx = ItemContext(
        index=index,
        lang=lang,
        by_ref=by_ref,
        usable=usable,
        gaps=gap_of,
        horizon_of=horizon_of,
        final=sel.reached,
        after_ready=sel.after_ready,
        picks=picks,
        flagship=(flagship.ref, flagship.reason) if flagship and flagship.ref in horizon_of else None,
        route_name=route.name.get(lang),
        phase_ids=phase_ids,
        demand=demand,
        assumed=stand.assumed,
        employed=profile.has_employer,
    )
    items = build_items(sched, tasks + act_tasks, current, ctx)
    return assemble(
        inp,
        stand,
        route,
        choice,
        gaps,
        sel,
        sched,
        items,
        excluded,
        unusable,
        actions_left_out,
        missed,
        deferred,
        by,
        capacity,
        weekly,
        {c.ref: c.hours for c in usable},
    )


def _title(ref: str, index: KBIndex, lang: str) -> str:
    from mlroute.plan.explain import item_title

    return item_title(ref, index, lang)


def _include_warnings(
    inp: Inputs,
    by_ref: Mapping[str, Candidate],
    excluded: Sequence[Excluded],
    unusable: Mapping[str, Mapping[str, int]],
) -> None:
    for ref in inp.profile.preferences.include:
        if ref.startswith("act:") or ref in inp.finished or ref in by_ref:
            continue
        why = next((e.text(inp.lang) for e in excluded if e.ref == ref), None)
        if why is None and ref in unusable:
            why = words.tr(
                inp.lang, "alt.needs", list=", ".join(f"{s} {lvl}" for s, lvl in sorted(unusable[ref].items()))
            )
        inp.warnings.append(words.tr(inp.lang, "warn.include", title=_title(ref, inp.index, inp.lang), why=why or "—"))


def start_or(profile: Profile, start: dt.date) -> Profile:
    """The profile with ``start`` as its start date when it has none."""
    return profile if profile.start_date else profile.model_copy(update={"start_date": start})
