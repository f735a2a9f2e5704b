"""Deadline mode (``--by DATE``): the best plan that fits before a date, and what it leaves for later.

"I have until June: what matters most?" The hours available are the planned hours of every week that ends by the
date. The ready horizon is selected to fit them (``horizons``: weighted coverage of the must-haves first), then
scheduled; if prerequisites or steps at work push something past the date, the hours are reduced by what spilled
over and the selection runs again. Whatever still ends after the date is deferred, with what it would have closed,
so no item of the plan ends after the date. Keep-growing items are not scheduled: they come after the date anyway.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from mlroute.errors import UserError
from mlroute.kb.models import CareerAction, Route
from mlroute.plan import explain, words
from mlroute.plan.candidates import Candidate
from mlroute.plan.gap import Gap
from mlroute.plan.horizons import HorizonSelection
from mlroute.plan.schedule import Schedule, Task, schedule
from mlroute.plan.tasks import action_tasks, item_tasks, study_hours

if TYPE_CHECKING:
    from mlroute.plan.planner import Inputs

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
    inp: Inputs,
    by: dt.date,
    full: HorizonSelection,
    choose: Callable[[float | None], HorizonSelection],
    horizon_of: Mapping[str, str],
    by_ref: Mapping[str, Candidate],
    current: Mapping[str, int],
    gap_of: Mapping[str, Gap],
    route: Route,
    actions: Sequence[CareerAction],
    weekly: Callable[[int], float],
    core: int,
) -> tuple[
    HorizonSelection, dict[str, str], list[Task], list[Task], Schedule, list[dict[str, Any]], list[tuple[str, str, int]]
]:
    start = inp.profile.start_date
    if start is None:
        raise UserError("A deadline needs a start date.", hint="Add start_date to your profile.")
    end = last_week(start, by)
    available = sum(weekly(w) for w in range(1, end + 1))
    kept_actions = [a for a in actions if a.phase != "job-search"]
    employed = inp.profile.has_employer
    budget = available - sum(study_hours(a, employed) for a in kept_actions)
    sel = full
    tasks: list[Task] = []
    sched: Schedule | None = None
    missing: list[tuple[str, str, int]] = []
    for _ in range(MAX_ROUNDS):
        sel = choose(max(budget, 0.0))
        chosen = {r: "ready" for r in sel.ready.chosen}
        tasks, missing = item_tasks(chosen, by_ref, current, gap_of, full.best, route, inp.index)
        acts = action_tasks(kept_actions, inp.index, employed)
        sched = schedule(tasks + acts, current, weekly, core)
        spill = sum(h for p in sched.placements.values() for w, h in p.hours_by_week.items() if w > end)
        if spill <= 0 or budget <= 0:
            break
        budget -= spill
    assert sched is not None
    late = {r for r, p in sched.placements.items() if p.week_end > end}
    if late:
        tasks = [t for t in tasks if t.ref not in late]
        acts = [t for t in action_tasks(kept_actions, inp.index, employed) if t.ref not in late]
        sched = schedule(tasks + acts, current, weekly, core)
        late |= {r for r, p in sched.placements.items() if p.week_end > end}
        tasks = [t for t in tasks if t.ref not in late]
        acts = [t for t in acts if t.ref not in late]
        sched = schedule(tasks + acts, current, weekly, core)
    else:
        acts = action_tasks(kept_actions, inp.index, employed)
    kept = {t.ref for t in tasks + acts}
    levels = dict(current)
    for t in tasks + acts:
        for s, lvl in t.teaches.items():
            levels[s] = max(levels.get(s, 0), lvl)
    sel.after_ready = levels
    sel.reached = dict(levels)
    date = by.isoformat()
    deferred: list[dict[str, Any]] = []
    for ref in [*full.ready.chosen, *(f"act:{a.id}" for a in actions)]:
        if ref in kept:
            continue
        teaches = by_ref[ref].teaches if ref in by_ref else {}
        closes = [explain.skill_name(s, inp.index, inp.lang) for s in teaches if s in gap_of]
        deferred.append(
            {
                "id": ref,
                "title": explain.item_title(ref, inp.index, inp.lang),
                "reason": words.tr(inp.lang, "deferred.item", date=date, list=words.join(closes, inp.lang) or "—"),
            }
        )
    if not kept and inp.warnings is not None:
        inp.warnings.append(words.tr(inp.lang, "warn.by_late", date=date))
    return sel, {t.ref: "ready" for t in tasks}, tasks, acts, sched, deferred, missing
