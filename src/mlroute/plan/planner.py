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

from mlroute.errors import UnknownIdError, UserError
from mlroute.kb.index import KBIndex
from mlroute.plan import words
from mlroute.plan.assemble import assemble
from mlroute.plan.candidates import Candidate, Excluded, build_candidates, reachable
from mlroute.plan.deadline import fit_deadline
from mlroute.plan.effort import kind_defaults
from mlroute.plan.evidence import Evidenced, Origin
from mlroute.plan.forecast import planned_capacity
from mlroute.plan.gap import compute_gaps
from mlroute.plan.horizons import HorizonSelection, select_horizons
from mlroute.plan.items import ItemContext, build_items
from mlroute.plan.models import Plan
from mlroute.plan.portfolio import MAX_PROJECTS, action_levels, applicable_actions, choose_flagship
from mlroute.plan.route import choose_route, core_phase, route_picks
from mlroute.plan.run import Inputs, Run
from mlroute.plan.schedule import Schedule, Task, schedule
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
    evidenced: Evidenced | None = None,
) -> Plan:
    """The whole plan, step by step; see the module docstring and docs/planning.md. ``evidenced``: levels earned
    in quizzes (``Evidence`` with its date, or a bare level), laid over the declared ones and marked in the whys."""
    inp = _inputs(profile, index, done, skipped, pace, pace_sigma, demand, seed, lang)
    run = _where_and_which_route(inp, evidenced)
    _options(run)

    def choose(capacity_hours: float | None) -> HorizonSelection:
        return select_horizons(
            run.usable,
            run.gaps,
            run.current,
            action_levels(run.actions),
            fixed=run.forced,
            picks=[g.members for g in run.picks],
            budget=profile.budget_usd,
            max_projects=run.slots,
            flagship=run.flagship.ref if run.flagship else None,
            capacity=capacity_hours,
            time_limit=time_limit,
            use_solver=use_solver,
        )

    full = choose(None)
    horizon_of = {r: "ready" for r in full.ready.chosen} | {r: "grow" for r in (full.grow.chosen if full.grow else [])}
    tasks, sched = _schedule(run, horizon_of, full)
    sel, deferred = full, list[dict[str, object]]()
    if by is not None:
        sel, horizon_of, tasks, sched, deferred = fit_deadline(run, by, full, choose)
    for ref, unmet in sched.warnings:
        inp.warnings.append(
            words.tr(inp.lang, "warn.relaxed", title=_title(ref, index, inp.lang), list=", ".join(unmet))
        )
    items = build_items(sched, tasks, run.current, _item_context(run, sel, horizon_of))
    return assemble(run, sel, sched, items, deferred, by)


def _inputs(
    profile: Profile,
    index: KBIndex,
    done: Iterable[str],
    skipped: Iterable[str],
    pace: float | None,
    pace_sigma: float,
    demand: Mapping[str, float] | None,
    seed: int,
    lang: str | None,
) -> Inputs:
    check_profile_ids(profile, index)
    lang = plan_language(profile, lang)
    done_refs = _normalise_refs(done, index, "done")
    skipped_refs = _normalise_refs(skipped, index, "skipped")
    warnings: list[str] = []
    if pace is not None and pace <= 0:
        warnings.append(words.tr(lang, "warn.no_pace"))
        pace = None
    finished = set(done_refs) | set(skipped_refs)
    return Inputs(profile, index, lang, done_refs, skipped_refs, finished, pace, pace_sigma, demand, seed, warnings)


def _where_and_which_route(inp: Inputs, evidenced: Evidenced | None) -> Run:
    """Steps 1–3: where the person stands, the route, the gaps in both horizons, and the career steps."""
    profile, index = inp.profile, inp.index
    stand = standing(profile, index, inp.finished, evidenced)
    role = index.roles[profile.target_role]
    # The route is the shape of the whole journey: chosen from where the person started, so a re-plan after
    # finished items (a newcomer who has learned to program) keeps its phases instead of switching routes.
    start = standing(profile, index, (), evidenced).levels if inp.finished else stand.levels
    choice = choose_route(profile.background, start, role, index)
    gaps = compute_gaps(role, profile.interests, stand.levels, inp.demand)
    actions, left_out = applicable_actions(profile, choice.route.id, index, inp.finished)
    capacity = capacity_of(profile)
    return Run(inp, stand, choice, gaps, actions, left_out, capacity, planned_capacity(capacity, inp.pace))


def _options(run: Run) -> None:
    """Step 4–5: the candidates, the route's recommendations that apply, and the flagship project."""
    inp, index, lang = run.inp, run.inp.index, run.inp.lang
    candidates, run.excluded = build_candidates(
        inp.profile, index, kind_defaults(index.kb.resources), inp.finished, run.current, run.weekly(1)
    )
    run.usable, run.unusable = reachable(candidates, run.current)
    by_ref = run.by_ref
    _include_warnings(inp, by_ref, run.excluded, run.unusable)
    unavailable = {e.ref: e.text(lang) for e in run.excluded}
    for ref, needs in run.unusable.items():
        unavailable[ref] = words.tr(lang, "alt.needs", list=", ".join(f"{s} {lvl}" for s, lvl in sorted(needs.items())))
    done_projects = sum(1 for r in inp.finished if r.startswith("proj:"))
    projects = [c for c in run.usable if c.kind == "project"]
    if not done_projects:
        run.flagship = choose_flagship(projects, run.gaps, inp.profile.interests, index, lang)
    if not projects and not done_projects:
        inp.warnings.append(words.tr(lang, "warn.no_project"))
    run.forced = sorted(c.ref for c in run.usable if c.forced)
    # A recommendation applies when it teaches what the person still lacks once their include list is counted.
    fixed_levels = dict(run.current)
    for ref in run.forced:
        for s, lvl in by_ref[ref].teaches.items():
            fixed_levels[s] = max(fixed_levels.get(s, 0), lvl)
    teaches_all = {f"res:{r.id}": {t.skill: t.level for t in r.teaches} for r in index.kb.resources}
    needs = {g.skill: g.entry for g in run.gaps}
    run.picks, run.missed = route_picks(
        run.route, teaches_all, set(by_ref), needs, fixed_levels, inp.finished, unavailable
    )
    run.slots = max(0, MAX_PROJECTS - done_projects)


def _schedule(run: Run, horizon_of: Mapping[str, str], sel: HorizonSelection) -> tuple[list[Task], Schedule]:
    """Steps 6–7: tasks for the chosen items and career steps, packed into weeks."""
    core = core_phase(run.route)
    employed = run.inp.profile.has_employer
    acts = action_tasks(run.actions, run.inp.index, employed)
    for learn_first in (True, False):
        tasks, missing = item_tasks(
            horizon_of, run.by_ref, run.current, run.gap_of, sel.best, run.route, run.inp.index, learn_first
        )
        sched = schedule(tasks + acts, run.current, run.weekly, core)
        if not sched.warnings:  # else "learn, then build" made a course and a project wait for each other
            break
    for ref, skill, level in missing:
        run.inp.warnings.append(
            words.tr(
                run.inp.lang, "warn.prereq", title=_title(ref, run.inp.index, run.inp.lang), skill=skill, level=level
            )
        )
    return tasks + acts, sched


def _item_context(run: Run, sel: HorizonSelection, horizon_of: Mapping[str, str]) -> ItemContext:
    flagship = run.flagship
    return ItemContext(
        index=run.inp.index,
        lang=run.inp.lang,
        by_ref=run.by_ref,
        usable=run.usable,
        gaps=run.gap_of,
        horizon_of=horizon_of,
        final=sel.reached,
        after_ready=sel.after_ready,
        picks=run.picks,
        flagship=(flagship.ref, flagship.reason) if flagship and flagship.ref in horizon_of else None,
        route_name=run.route.name.get(run.inp.lang),
        phase_ids=[ph.id for ph in run.route.phases],
        demand=run.inp.demand,
        assumed=run.stand.assumed,
        employed=run.inp.profile.has_employer,
        origins=_origins(run),
    )


def _origins(run: Run) -> dict[str, Origin]:
    """Where each starting level comes from, for the skills that have one."""
    stand = run.stand
    out = {}
    for s in {*stand.levels, *stand.evidence}:
        o = stand.origin(s)
        if o is not None:
            out[s] = o
    return out


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
