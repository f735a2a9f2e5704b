"""The sentences that say why each item is in the plan, and why a gap cannot be closed.

Every reason is built from facts the planner used (gaps, hours, prices, alternatives, phases), never from a
template that could be true of any item.
"""

from __future__ import annotations

from collections.abc import Mapping

from mlroute.kb.index import KBIndex
from mlroute.kb.models import CareerAction
from mlroute.plan.candidates import Candidate
from mlroute.plan.gap import Gap

ANCHOR_WHEN = {
    "start": "at the start, because it shapes everything after it",
    "foundations": "early, while the foundations are laid",
    "core": "once the core ML learning is done, when you can contribute",
    "specialise": "while you specialise, alongside your portfolio project",
    "job-search": "at the end, when your skills and portfolio are ready",
    "throughout": "a little every week, from start to finish",
}


def skill_name(skill: str, index: KBIndex) -> str:
    rec = index.skills.get(skill)
    return rec.name.en if rec else skill


def _list(words: list[str], limit: int = 4) -> str:
    if len(words) > limit:
        words = [*words[:limit], f"{len(words) - limit} more"]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def closes_text(closes: list[str], gaps: Mapping[str, Gap], reached: Mapping[str, int], index: KBIndex) -> str:
    parts = [f"{skill_name(s, index)} {gaps[s].current}→{reached.get(s, gaps[s].target)}" for s in closes]
    return _list(parts)


def resource_why(
    cand: Candidate,
    closes: list[str],
    advances: list[str],
    needed_by: list[str],
    main: str,
    main_level: int,
    alternatives: list[tuple[str, float, str]],
    *,
    gaps: Mapping[str, Gap],
    index: KBIndex,
) -> str:
    out: list[str] = []
    reached = cand.teaches
    if cand.forced:
        out.append("On your include list.")
    if closes:
        out.append(f"Closes {closes_text(closes, gaps, reached, index)}.")
    if advances:
        out.append(f"Also raises {_list([skill_name(s, index) for s in advances])}.")
    if needed_by:
        out.append(f"Needed first by {_list(needed_by)} (a prerequisite).")
    if alternatives:
        alts = "; ".join(f"{ref} ({h:g} h: {why})" for ref, h, why in alternatives)
        out.append(f"Other options for {main} {main_level}: {alts}.")
        if len(closes) > 1:
            out.append("This one closes more of your gaps at once, so the plan as a whole needs fewer hours.")
    elif closes:
        out.append(f"The only option in your languages and budget that takes {main} to level {main_level}.")
    out.append(f"Effort: {cand.effort.note}.")
    if cand.price.usd > 0:
        out.append(f"Cost: {cand.price.note}.")
    if cand.penalty_notes:
        out.append(f"Note: {_list(cand.penalty_notes)}.")
    return " ".join(out)


def project_why(
    cand: Candidate,
    closes: list[str],
    flagship_reason: str | None,
    gaps: Mapping[str, Gap],
    index: KBIndex,
    only_by_building: list[str] | None = None,
) -> str:
    out: list[str] = []
    if flagship_reason:
        out.append(flagship_reason)
    elif cand.forced:
        out.append("On your include list.")
    elif only_by_building:
        names = _list([f"{skill_name(s, index)} {min(cand.teaches[s], gaps[s].target)}" for s in only_by_building])
        out.append(
            f"Another portfolio piece: no course in your languages and budget takes you to {names}; building does."
        )
    else:
        out.append(
            "Another portfolio piece: building it closes these gaps in fewer hours than the courses that teach them."
        )
    if closes:
        out.append(f"Closes {closes_text(closes, gaps, cand.teaches, index)} by building.")
    out.append("Done means: deployed, with a front end, a README, tests, a write-up and a measured metric.")
    out.append(f"Effort: {cand.effort.note}.")
    return " ".join(out)


def action_why(
    action: CareerAction, closes: list[str], route_name: str, gaps: Mapping[str, Gap], index: KBIndex
) -> str:
    when = ANCHOR_WHEN.get(action.phase, action.phase)
    out = [f"{action.description.en.strip()}", f"Placed {when}; it belongs to the {route_name}."]
    if closes:
        out.append(f"Closes {closes_text(closes, gaps, {s.skill: s.level for s in action.skills}, index)}.")
    out.append(f"Evidence it leaves: {action.evidence.en.strip().rstrip('.')}.")
    basis = action.hours_basis.strip().rstrip(".")
    if action.requires_employer:
        out.append(
            f"Done at work, in working hours: about {action.hours:g} h ({basis}); "
            "none of it comes out of your study time."
        )
    else:
        out.append(f"Effort: {action.hours:g} h, estimated ({basis}).")
    return " ".join(out)


def not_closable_reason(
    gap: Gap,
    reachable_level: int,
    index: KBIndex,
    excluded: Mapping[str, str],
    unusable: Mapping[str, Mapping[str, int]],
    finished: set[str],
    budget_bound: bool,
) -> str:
    """Why nothing in the plan can take ``gap.skill`` to ``gap.target``."""
    name = skill_name(gap.skill, index)
    target = gap.target
    teachers = [
        f"res:{r.id}" for r in index.kb.resources if any(t.skill == gap.skill and t.level >= target for t in r.teaches)
    ]
    teachers += [
        f"proj:{p.id}" for p in index.kb.projects if any(t.skill == gap.skill and t.level >= target for t in p.skills)
    ]
    teachers = [t for t in teachers if t not in finished]
    if budget_bound and reachable_level >= target:
        return (
            f"Within your budget, the plan cannot pay for {name} together with everything else it needs; "
            "raise budget_usd or add a free resource."
        )
    if not teachers:
        best = max(
            [t.level for r in index.kb.resources for t in r.teaches if t.skill == gap.skill]
            + [t.level for p in index.kb.projects for t in p.skills if t.skill == gap.skill]
            + [0]
        )
        best = max(best, reachable_level)
        if best == 0:
            return f"Nothing in the knowledge base teaches {name} yet."
        return f"Nothing in the knowledge base teaches {name} beyond level {best}; learn the rest on the job."
    reasons: list[str] = []
    for ref in teachers[:3]:
        if ref in excluded:
            reasons.append(f"{ref} is {excluded[ref]}")
        elif ref in unusable:
            missing = ", ".join(f"{skill_name(s, index)} {lvl}" for s, lvl in sorted(unusable[ref].items()))
            reasons.append(f"{ref} needs {missing}, which nothing in your languages and budget teaches")
    more = f" (and {len(teachers) - 3} more)" if len(teachers) > 3 else ""
    reach = f"the plan reaches level {reachable_level} of {target}" if reachable_level else "the plan cannot start it"
    return f"Only {len(teachers)} item(s) teach {name} to level {target}: " + "; ".join(reasons) + more + f"; {reach}."
