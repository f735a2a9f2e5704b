"""Deadline mode (``--by DATE``): the best plan that fits before a date, and what it leaves for later.

"I have until June: what matters most?" The hours available are the planned hours of every week that ends by the
date. The ready horizon is selected to fit them (``horizons``: weighted coverage of the must-haves first), then
scheduled; if prerequisites or steps at work push something past the date, the hours are reduced by what spilled
over and the selection runs again. Whatever still ends after the date is deferred, with what it would have closed,
so no item of the plan ends after the date. Keep-growing items are not scheduled: they come after the date anyway.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from mlroute.errors import UserError
from mlroute.plan import explain, words
from mlroute.plan.horizons import HorizonSelection
from mlroute.plan.route import core_phase
from mlroute.plan.run import Run
from mlroute.plan.schedule import Schedule, Task, schedule
from mlroute.plan.tasks import action_tasks, item_tasks, study_hours

MAX_ROUNDS = 8


def last_week(start: dt.date, by: dt.date) -> int:
    """The last plan week that ends on or before ``by`` (weeks run start … start + 6 days)."""
    weeks = ((by - start).days + 1) // 7
    if weeks < 1:
        raise UserError(
            f"--by {by.isoformat()} leaves less than one full week after the plan's start ({start.isoformat()}).",
            hint="Give a date at least a week after the start date.",
        )
    return weeks


def fit_deadline(
    run: Run, by: dt.date, full: HorizonSelection, choose: Callable[[float | None], HorizonSelection]
) -> tuple[HorizonSelection, dict[str, str], list[Task], Schedule, list[dict[str, Any]]]:
    """The selection, horizons, tasks and schedule of the best plan that fits before ``by``, and what it defers."""
    inp = run.inp
    start = inp.profile.start_date
    if start is None:
        raise UserError("A deadline needs a start date.", hint="Add start_date to your profile.")
    end = last_week(start, by)
    employed = inp.profile.has_employer
    kept_actions = [a for a in run.actions if a.phase != "job-search"]
    budget = sum(run.weekly(w) for w in range(1, end + 1)) - sum(study_hours(a, employed) for a in kept_actions)
    core = core_phase(run.route)
    acts = action_tasks(kept_actions, inp.index, employed)
    tasks: list[Task] = []
    sel, sched = full, schedule([], run.current, run.weekly, core)
    for _ in range(MAX_ROUNDS):
        sel = choose(max(budget, 0.0))
        chosen = {r: "ready" for r in sel.ready.chosen}
        tasks, _missing = item_tasks(chosen, run.by_ref, run.current, run.gap_of, full.best, run.route, inp.index)
        sched = schedule(tasks + acts, run.current, run.weekly, core)
        spill = sum(h for p in sched.placements.values() for w, h in p.hours_by_week.items() if w > end)
        if spill <= 0 or budget <= 0:
            break
        budget -= spill
    late = {r for r, p in sched.placements.items() if p.week_end > end}
    while late:  # whatever still ends after the date is deferred, and the rest rescheduled without it
        tasks = [t for t in tasks if t.ref not in late]
        acts = [t for t in acts if t.ref not in late]
        sched = schedule(tasks + acts, run.current, run.weekly, core)
        late = {r for r, p in sched.placements.items() if p.week_end > end}
    kept = {t.ref for t in tasks + acts}
    levels = dict(run.current)
    for t in tasks + acts:
        for s, lvl in t.teaches.items():
            levels[s] = max(levels.get(s, 0), lvl)
    sel.after_ready, sel.reached = levels, dict(levels)
    deferred = _deferred(run, by, full, kept)
    if not kept:
        inp.warnings.append(words.tr(inp.lang, "warn.by_late", date=by.isoformat()))
    return sel, {t.ref: "ready" for t in tasks}, tasks + acts, sched, deferred


def _deferred(run: Run, by: dt.date, full: HorizonSelection, kept: set[str]) -> list[dict[str, Any]]:
    inp, gap_of = run.inp, run.gap_of
    out: list[dict[str, Any]] = []
    for ref in [*full.ready.chosen, *(f"act:{a.id}" for a in run.actions)]:
        if ref in kept:
            continue
        teaches = run.by_ref[ref].teaches if ref in run.by_ref else {}
        closes = [explain.skill_name(s, inp.index, inp.lang) for s in teaches if s in gap_of]
        out.append(
            {
                "id": ref,
                "title": explain.item_title(ref, inp.index, inp.lang),
                "reason": words.tr(
                    inp.lang, "deferred.item", date=by.isoformat(), list=words.join(closes, inp.lang) or "—"
                ),
            }
        )
    return out
