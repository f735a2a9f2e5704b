"""Everything the selection may choose from, as uniform candidates, and why the rest was left out.

A candidate is a resource or project that the person's languages, budget and preferences allow. Each carries
its hours, price, the levels it teaches, the levels it needs, and a small preference penalty (in hours) that
breaks ties towards what the person prefers:

* a format or kind the person did not list among their preferences: +10 % of its hours (only when they listed any);
* not in the person's first language when they listed several: +10 % of its hours;
* money: +1 h per $50 spent, so a free resource wins over a paid one of the same length.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from mlroute.kb.index import KBIndex
from mlroute.kb.models import Project, Resource
from mlroute.plan.effort import Defaults, Effort, Price, project_effort, resource_effort, resource_price
from mlroute.profile.models import Profile

PREFERENCE_PENALTY = 0.10
LANGUAGE_PENALTY = 0.10
HOURS_PER_DOLLAR = 1 / 50


@dataclass
class Candidate:
    ref: str  # res:… or proj:…
    kind: str  # resource | project
    title: str
    hours: float
    effort: Effort
    price: Price
    teaches: dict[str, int]
    prereqs: dict[str, int]
    penalty: float = 0.0  # hours added to the objective for preferences
    penalty_notes: list[str] = field(default_factory=list)
    forced: bool = False  # on the person's include list

    @property
    def cost(self) -> float:
        """What the selection minimises for this item, in hours."""
        return self.hours + self.penalty


@dataclass(frozen=True)
class Excluded:
    ref: str
    reason: str


def lang_ok(res_langs: list[str], person: list[str]) -> bool:
    mine = {p.split("-")[0] for p in person}
    return any(code.lower().split("-")[0] in mine for code in res_langs)


def _levels(items: list) -> dict[str, int]:
    out: dict[str, int] = {}
    for sl in items:
        out[sl.skill] = max(out.get(sl.skill, 0), sl.level)
    return out


def resource_candidate(
    res: Resource, profile: Profile, defaults: Defaults, current: Mapping[str, int] | None = None
) -> Candidate:
    effort = resource_effort(res, defaults, current)
    price = resource_price(res, defaults)
    penalty, notes = 0.0, []
    prefs = profile.preferences
    if prefs.formats or prefs.kinds:
        fmt = f"{res.format} {res.kind}".lower()
        liked = any(f in fmt for f in prefs.formats) or res.kind in prefs.kinds
        if not liked:
            penalty += PREFERENCE_PENALTY * effort.hours
            notes.append("not one of your preferred formats")
    if len(profile.languages) > 1:
        first = profile.languages[0].split("-")[0]
        if not any(code.lower().split("-")[0] == first for code in res.languages):
            penalty += LANGUAGE_PENALTY * effort.hours
            notes.append(f"not in {profile.languages[0]}, your first language")
    penalty += price.usd * HOURS_PER_DOLLAR
    return Candidate(
        ref=f"res:{res.id}",
        kind="resource",
        title=res.title,
        hours=effort.hours,
        effort=effort,
        price=price,
        teaches=_levels(res.teaches),
        prereqs=_levels(res.prerequisites),
        penalty=round(penalty, 3),
        penalty_notes=notes,
        forced=f"res:{res.id}" in prefs.include,
    )


def project_candidate(proj: Project, profile: Profile) -> Candidate:
    effort = project_effort(proj)
    return Candidate(
        ref=f"proj:{proj.id}",
        kind="project",
        title=proj.title.en,
        hours=effort.hours,
        effort=effort,
        price=Price(0.0, True, "free"),
        teaches=_levels(proj.skills),
        prereqs=_levels(proj.prerequisites),
        forced=f"proj:{proj.id}" in profile.preferences.include,
    )


def build_candidates(
    profile: Profile, index: KBIndex, defaults: Defaults, finished: set[str], current: Mapping[str, int]
) -> tuple[list[Candidate], list[Excluded]]:
    """Resources and projects the person could take, and those filtered out with the reason.

    Resources that teach nothing above the person's current levels are left out silently: they cannot help.
    """
    out: list[Candidate] = []
    excluded: list[Excluded] = []
    exclude = set(profile.preferences.exclude)
    for res in index.kb.resources:
        ref = f"res:{res.id}"
        if ref in finished:
            continue
        if ref in exclude:
            excluded.append(Excluded(ref, "excluded in your preferences"))
            continue
        if not lang_ok(res.languages, profile.languages):
            excluded.append(Excluded(ref, f"only in {', '.join(res.languages)}"))
            continue
        if all(t.level <= current.get(t.skill, 0) for t in res.teaches):
            continue
        cand = resource_candidate(res, profile, defaults, current)
        if cand.price.usd > profile.budget_usd + 1e-9:
            excluded.append(Excluded(ref, f"costs ${cand.price.usd:g}, over your budget of ${profile.budget_usd:g}"))
            continue
        out.append(cand)
    for proj in index.kb.projects:
        ref = f"proj:{proj.id}"
        if ref in finished:
            continue
        if ref in exclude:
            excluded.append(Excluded(ref, "excluded in your preferences"))
            continue
        out.append(project_candidate(proj, profile))
    return out, excluded


def reachable(
    candidates: list[Candidate], base: Mapping[str, int]
) -> tuple[list[Candidate], dict[str, dict[str, int]]]:
    """Candidates whose prerequisites can be met by the person or by other reachable candidates (a fixpoint).

    Returns the usable candidates and, for the rest, the prerequisite levels nothing can provide.
    """
    levels = dict(base)
    usable: dict[str, Candidate] = {}
    changed = True
    while changed:
        changed = False
        for c in candidates:
            if c.ref in usable:
                continue
            if all(levels.get(s, 0) >= lvl for s, lvl in c.prereqs.items()):
                usable[c.ref] = c
                changed = True
                for s, lvl in c.teaches.items():
                    if lvl > levels.get(s, 0):
                        levels[s] = lvl
    missing = {
        c.ref: {s: lvl for s, lvl in c.prereqs.items() if levels.get(s, 0) < lvl}
        for c in candidates
        if c.ref not in usable
    }
    return [c for c in candidates if c.ref in usable], missing
