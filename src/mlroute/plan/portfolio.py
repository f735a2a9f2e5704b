"""The flagship portfolio project, and the career actions that fit the person.

Flagship: the articles favour one or a few deep, month-long, deployed projects with a front end over many small
ones, in a domain the person cares about. So the plan always holds one project, chosen by, in order:
(1) how closely it matches an interest (its domain is one: 3; it exercises one: 2; its domain is linked to one
by prerequisites: 1), (2) size (large before medium before small), (3) how much of the remaining gap weight it
exercises, (4) fewer hours, (5) id. The selection may add up to two more projects where they close gaps for fewer
hours than courses would.

Career actions: every action whose routes include the chosen route, whose backgrounds are empty or include the
person's, and that does not need an employer the person does not have. Done, skipped and excluded ones are left
out; ``after`` orders the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mlroute.kb.index import KBIndex
from mlroute.kb.models import CareerAction
from mlroute.plan.candidates import Candidate, Excluded
from mlroute.plan.explain import flagship_reason, skill_name
from mlroute.plan.gap import Gap
from mlroute.profile.models import Profile

SIZE_RANK = {"small": 0, "medium": 1, "large": 2}
MAX_PROJECTS = 3


def prerequisite_closure(skill: str, index: KBIndex) -> set[str]:
    seen: set[str] = set()
    stack = [skill]
    while stack:
        s = stack.pop()
        rec = index.skills.get(s)
        if rec is None:
            continue
        for p in rec.prerequisites:
            if p.skill not in seen:
                seen.add(p.skill)
                stack.append(p.skill)
    return seen


def interest_match(domain: str, skills: Iterable[str], interests: list[str], index: KBIndex) -> int:
    if not interests:
        return 0
    if domain in interests:
        return 3
    if any(i in skills for i in interests):
        return 2
    linked = prerequisite_closure(domain, index)
    return 1 if any(i in linked or domain in prerequisite_closure(i, index) for i in interests) else 0


@dataclass(frozen=True)
class Flagship:
    ref: str
    match: int
    reason: str
    runner_up: str | None


def choose_flagship(
    projects: list[Candidate], gaps: list[Gap], interests: list[str], index: KBIndex, lang: str = "en"
) -> Flagship | None:
    """The one deep project the plan is built around (None when no project is reachable)."""
    if not projects:
        return None
    gap_weight = {g.skill: g.weight for g in gaps}

    def key(c: Candidate) -> tuple[int, int, float, float, str]:
        proj = index.projects[c.ref.split(":", 1)[1]]
        match = interest_match(proj.domain, c.teaches, interests, index)
        relevance = sum(gap_weight.get(s, 0.0) for s in c.teaches)
        return (-match, -SIZE_RANK[proj.size], -round(relevance, 3), c.hours, c.ref)

    ranked = sorted(projects, key=key)
    best = ranked[0]
    proj = index.projects[best.ref.split(":", 1)[1]]
    match = -key(best)[0]
    names = [skill_name(i, index, lang) for i in interests if i in best.teaches]
    reason = flagship_reason(proj.size, skill_name(proj.domain, index, lang), match, names, bool(interests), lang)
    runner = ranked[1].ref if len(ranked) > 1 else None
    return Flagship(best.ref, match, reason, runner)


def applicable_actions(
    profile: Profile, route_id: str, index: KBIndex, finished: set[str]
) -> tuple[list[CareerAction], list[Excluded]]:
    """Career actions for this person and route, and the reasons others were left out."""
    chosen: list[CareerAction] = []
    left_out: list[Excluded] = []
    exclude = set(profile.preferences.exclude)
    route = index.routes.get(route_id)
    route_names = (route.name.en, route.name.zh) if route else (route_id, route_id)
    for act in index.kb.career_actions:
        ref = f"act:{act.id}"
        if ref in finished:
            continue
        if ref in exclude:
            left_out.append(Excluded(ref, "excluded.prefs"))
        elif route_id not in act.routes:
            left_out.append(Excluded(ref, "excluded.route", (("route", route_names),)))
        elif act.backgrounds and profile.background not in act.backgrounds:
            left_out.append(Excluded(ref, "excluded.background", (("list", tuple(act.backgrounds)),)))
        elif act.requires_employer and not profile.has_employer:
            left_out.append(Excluded(ref, "excluded.employer"))
        else:
            chosen.append(act)
    return chosen, left_out


def action_levels(actions: Iterable[CareerAction]) -> Mapping[str, int]:
    out: dict[str, int] = {}
    for a in actions:
        for sl in a.skills:
            out[sl.skill] = max(out.get(sl.skill, 0), sl.level)
    return out
