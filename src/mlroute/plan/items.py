"""Plan items in schedule order, each with its reason and the levels it takes each skill from and to.

Levels add up: an item's "from" is the level the plan has reached before it (the person's standing raised by every
earlier item), so two courses both teaching PyTorch read 0→2 and then nothing, never 0→2 twice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from mlroute.kb.index import KBIndex
from mlroute.plan import explain, explain_levels, words
from mlroute.plan.candidates import Candidate
from mlroute.plan.effort import SIGMA
from mlroute.plan.evidence import Origin
from mlroute.plan.gap import DEMAND_OFTEN, DEMAND_RARELY, Gap
from mlroute.plan.models import PlanItem
from mlroute.plan.route import PickGroup
from mlroute.plan.schedule import Schedule, Task
from mlroute.plan.tasks import study_hours


@dataclass
class ItemContext:
    index: KBIndex
    lang: str
    by_ref: Mapping[str, Candidate]
    usable: Sequence[Candidate]
    gaps: Mapping[str, Gap]
    horizon_of: Mapping[str, str]
    final: Mapping[str, int]  # levels once the plan is done
    after_ready: Mapping[str, int]
    picks: Sequence[PickGroup]
    flagship: tuple[str, str] | None  # (ref, reason)
    route_name: str
    phase_ids: Sequence[str]
    demand: Mapping[str, float] | None
    assumed: Mapping[str, int]
    employed: bool = False
    origins: Mapping[str, Origin] = field(default_factory=dict)  # where each starting level comes from


def endorsed_by(by: str, lang: str) -> str:
    """``article 001`` → ``文章001`` in Chinese."""
    if lang == "zh" and by.startswith("article "):
        return "文章" + by.removeprefix("article ").strip()
    return by


def _alternatives(
    ref: str, main: tuple[str, int], ctx: ItemContext, plan_levels: Mapping[str, int]
) -> list[explain.Alternative]:
    me = ctx.by_ref[ref]
    skill, level = main
    alts = [c for c in ctx.usable if c.ref != ref and c.kind == "resource" and c.teaches.get(skill, 0) >= level]
    out = []
    for alt in sorted(alts, key=lambda c: (c.cost, c.ref))[:2]:
        missing = [
            f"{explain.skill_name(s, ctx.index, ctx.lang)} {lvl}"
            for s, lvl in sorted(alt.prereqs.items())
            if plan_levels.get(s, 0) < lvl
        ]
        fields: tuple[tuple[str, object], ...]
        if missing:
            key, fields = "alt.needs", (("list", words.join(missing, ctx.lang)),)
        elif alt.hours > me.hours:
            price = explain.price_note(alt.price, ctx.lang)
            key, fields = ("alt.hours", ()) if alt.price.usd == 0 else ("alt.hours_price", (("price", price),))
        elif alt.price.usd > 0:
            key, fields = "alt.price", (("price", explain.price_note(alt.price, ctx.lang)),)
        else:
            key, fields = "alt.fewer", ()
        out.append(explain.Alternative(alt.ref, alt.hours, key, fields))
    return out


def _resource_texts(
    ref: str,
    closes: list[str],
    advances: list[str],
    steps: dict[str, tuple[int, int]],
    ctx: ItemContext,
    tasks: Mapping[str, Task],
    start: str = "",
) -> str:
    rid = ref.split(":", 1)[1]
    res = ctx.index.resources[rid]
    c = ctx.by_ref[ref]
    horizon = ctx.horizon_of[ref]
    needed_by = sorted(
        o
        for o, t in tasks.items()
        if o != ref
        and (horizon == "grow" or ctx.horizon_of.get(o) == "ready")
        and any(c.teaches.get(s, 0) >= lvl for s, lvl in t.hard.items())
    )
    main = None
    if closes:
        g = ctx.gaps[closes[0]]
        main = (closes[0], min(g.target_in(horizon), c.teaches[closes[0]]))
    pick = next((p for p in ctx.picks if ref in p.members), None)
    pick_why = pick.pick.why.get(ctx.lang) if pick else None
    ends = [(endorsed_by(e.by, ctx.lang), e.text.get(ctx.lang)) for e in res.endorsements] if not pick else []
    grow = [s for s in closes if horizon == "grow" and ctx.gaps[s].entry < steps[s][1]]
    return explain.resource_why(
        c,
        closes,
        advances,
        steps,
        needed_by=needed_by,
        main=main,
        alternatives=_alternatives(ref, main, ctx, ctx.final) if main else [],
        pick_why=pick_why,
        endorsements=ends,
        grow=grow if horizon == "grow" else [],
        index=ctx.index,
        lang=ctx.lang,
        start=start,
    )


@dataclass
class Step:
    """One item at its place in the schedule: what it raises, from which level, and which gaps that closes."""

    ref: str
    task: Task
    horizon: str
    steps: dict[str, tuple[int, int]]
    closes: list[str]
    advances: list[str]
    common: dict[str, Any]
    start: str = ""  # where its skills start, and where those levels come from (explain_levels)


def build_items(sched: Schedule, tasks: Sequence[Task], start: Mapping[str, int], ctx: ItemContext) -> list[PlanItem]:
    """Items in completion order with their reasons, and levels counted from what the plan has reached."""
    task_of = {t.ref: t for t in tasks}
    levels = dict(start)
    items: list[PlanItem] = []
    for ref in sched.order:
        step = _step(ref, sched, task_of, levels, ctx)
        for s, (_, b) in step.steps.items():
            levels[s] = b
        prefix = ref.partition(":")[0]
        if prefix == "act":
            items.append(_action_item(step, sched, ctx))
        elif prefix == "res":
            items.append(_resource_item(step, sched, task_of, ctx))
        else:
            items.append(_project_item(step, ctx))
    return items


def _step(ref: str, sched: Schedule, task_of: Mapping[str, Task], levels: Mapping[str, int], ctx: ItemContext) -> Step:
    p = sched.placements[ref]
    t = task_of[ref]
    horizon = ctx.horizon_of.get(ref, "ready")
    steps = {s: (levels.get(s, 0), lvl) for s, lvl in t.teaches.items() if lvl > levels.get(s, 0)}
    closes: list[str] = []
    advances: list[str] = []
    for s in sorted(steps, key=lambda s: (-ctx.gaps[s].weight if s in ctx.gaps else 0, s)):
        g = ctx.gaps.get(s)
        if g is None:
            continue
        wanted = g.target_in(horizon)
        target = min(wanted, max(ctx.final.get(s, 0), g.current))
        (closes if wanted > steps[s][0] and steps[s][1] >= target else advances).append(s)
    depends = sorted(
        {
            other
            for other in sched.order[: p.order]
            if any(task_of[other].teaches.get(s, 0) >= lvl for s, lvl in {**t.soft, **t.hard}.items())
        }
    )
    common: dict[str, Any] = {
        "id": ref,
        "week_start": p.week_start,
        "week_end": p.week_end,
        "closes": closes,
        "skills": [_skill_row(s, a, b, ctx) for s, (a, b) in sorted(steps.items())],
        "order": p.order,
        "hours_by_week": p.hours_by_week,
        "horizon": horizon,
        "title": explain.item_title(ref, ctx.index, ctx.lang),
        "title_en": explain.item_title(ref, ctx.index, "en"),
        "depends_on": depends,
    }
    return Step(ref, t, horizon, steps, closes, advances, common, _start(ref, steps, closes + advances, horizon, ctx))


def _own(skill: str, level: int, ctx: ItemContext) -> Origin | None:
    """The origin of ``level`` when it is the person's own starting level of ``skill`` (not one the plan or
    finished items reached); a declared 0 says nothing worth writing."""
    o = ctx.origins.get(skill)
    if o is None or o.level != level or (o.kind == "said" and level == 0):
        return None
    return o


def _skill_row(skill: str, a: int, b: int, ctx: ItemContext) -> dict[str, Any]:
    """``{skill, from, to}``, with where ``from`` comes from when it is the person's own level."""
    row: dict[str, Any] = {"skill": skill, "from": a, "to": b}
    o = _own(skill, a, ctx)
    if o is not None:
        row["from_origin"] = o.kind
        if o.on is not None:
            row["from_on"] = o.on.isoformat()
    return row


def _start(
    ref: str, steps: Mapping[str, tuple[int, int]], raised: Sequence[str], horizon: str, ctx: ItemContext
) -> str:
    """The sentences on where the item's gaps start (the person's own levels) and on the levels earned in
    quizzes that its prerequisites rely on."""
    starts = []
    for s in raised:
        o = _own(s, steps[s][0], ctx)
        if o is not None:
            starts.append((s, o, ctx.gaps[s].target_in(horizon)))
    text = explain_levels.start_text(starts, horizon, ctx.index, ctx.lang)
    cand = ctx.by_ref.get(ref)
    relies = []
    for s, lvl in sorted(cand.prereqs.items()) if cand else []:
        o = ctx.origins.get(s)
        if s not in steps and lvl > 0 and o is not None and o.kind not in ("said", "assumed") and o.level >= lvl:
            relies.append((s, o))
    more = explain_levels.builds_on_text(relies, ctx.index, ctx.lang)
    return ("" if ctx.lang == "zh" else " ").join(t for t in (text, more) if t)


def _action_item(step: Step, sched: Schedule, ctx: ItemContext) -> PlanItem:
    act = ctx.index.career_actions[step.ref.partition(":")[2]]
    hours = study_hours(act, ctx.employed)
    why = explain.action_why(act, step.closes, step.steps, ctx.route_name, ctx.index, ctx.lang, hours, step.start)
    return PlanItem(
        **{**step.common, "depends_on": [a for a in step.task.after if a in sched.placements]},
        kind="career_action",
        title_zh=act.title.zh,
        hours=hours,
        work_hours=act.hours - hours,
        why=why,
        effort_basis="estimate",
        effort_sigma=SIGMA["estimate"],
        when=act.phase,
        requires_employer=hours == 0 and act.hours > 0,
        span_weeks=(act.weeks or 0) if hours == 0 else 0,
    )


def _resource_item(step: Step, sched: Schedule, task_of: Mapping[str, Task], ctx: ItemContext) -> PlanItem:
    res = ctx.index.resources[step.ref.partition(":")[2]]
    c = ctx.by_ref[step.ref]
    why = _resource_texts(step.ref, step.closes, step.advances, step.steps, ctx, task_of, step.start)
    relaxed = sched.placements[step.ref].relaxed
    if relaxed:
        why += " " + words.tr(ctx.lang, "why.relaxed", list=", ".join(relaxed))
    why += _demand_text(step.closes, ctx)
    return PlanItem(
        **step.common,
        kind="resource",
        title_zh=res.title_zh,
        hours=c.hours,
        why=why,
        phase=None if step.horizon == "grow" else _phase_id(step.task, ctx),
        url=str(res.url),
        provider=res.provider,
        cost_usd=c.price.usd,
        effort_basis=c.effort.basis,
        effort_sigma=c.effort.sigma,
        endorsed_by=[e.by for e in res.endorsements],
    )


def _project_item(step: Step, ctx: ItemContext) -> PlanItem:
    proj = ctx.index.projects[step.ref.partition(":")[2]]
    c = ctx.by_ref[step.ref]
    is_flag = ctx.flagship is not None and ctx.flagship[0] == step.ref
    by_building = [
        s
        for s in step.closes
        if not any(
            o.kind == "resource" and o.teaches.get(s, 0) >= min(ctx.gaps[s].full, c.teaches[s]) for o in ctx.usable
        )
    ]
    reason = ctx.flagship[1] if is_flag and ctx.flagship else None
    return PlanItem(
        **step.common,
        kind="project",
        title_zh=proj.title.zh,
        hours=c.hours,
        why=explain.project_why(c, step.closes, step.steps, reason, ctx.index, ctx.lang, by_building, start=step.start),
        phase=None if step.horizon == "grow" else _phase_id(step.task, ctx),
        effort_basis="estimate",
        effort_sigma=c.effort.sigma,
        flagship=is_flag,
    )


def _phase_id(t: Task, ctx: ItemContext) -> str | None:
    return ctx.phase_ids[t.phase] if 0 <= t.phase < len(ctx.phase_ids) else None


def _demand_text(closes: Sequence[str], ctx: ItemContext) -> str:
    if not ctx.demand or not closes:
        return ""
    top = closes[0]
    d = ctx.demand.get(top)
    if d is None:
        return ""
    name = explain.skill_name(top, ctx.index, ctx.lang)
    sep = "" if ctx.lang == "zh" else " "
    if d >= DEMAND_OFTEN:
        return sep + words.tr(ctx.lang, "why.demand", list=name)
    if d < DEMAND_RARELY:
        return sep + words.tr(ctx.lang, "why.demand_down", list=name)
    return ""
