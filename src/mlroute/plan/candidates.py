"""Everything the selection may choose from, as uniform candidates, and why the rest was left out.

A candidate is a resource or project that the person's languages, budget and preferences allow. Each carries
its hours, price, the levels it teaches, the levels it needs, and a preference adjustment (in hours) that only
breaks ties and steers the choice — the plan's hours are always the real ones:

* recommended by the route's source articles or a well-known curriculum (``endorsements``): −25 % of its hours,
  so the articles' choice wins unless another resource is clearly shorter;
* a format or kind the person did not list among their preferences: +10 % of its hours (only when they listed any);
* not in the person's first language when they listed several: +10 % of its hours;
* money: +1 h per $50 spent, so a free resource wins over a paid one of the same length.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from mlroute.kb.index import KBIndex
from mlroute.kb.models import Project, Resource, SkillLevel
from mlroute.plan import words
from mlroute.plan.effort import Defaults, Effort, Price, project_effort, resource_effort, resource_price
from mlroute.profile.models import Profile

PREFERENCE_PENALTY = 0.10
LANGUAGE_PENALTY = 0.10
ENDORSED_DISCOUNT = 0.25
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
    penalty: float = 0.0  # hours added to (or, for endorsements, taken from) the objective
    penalty_notes: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # (words key, fields)
    forced: bool = False  # on the person's include list
    endorsed: bool = False

    @property
    def cost(self) -> float:
        """What the selection minimises for this item, in hours."""
        return max(self.hours + self.penalty, 0.01)


@dataclass(frozen=True)
class Excluded:
    ref: str
    key: str  # a words key
    fields: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str) -> str:
        fields: dict[str, object] = {}
        for k, v in self.fields:
            if k == "route" and isinstance(v, tuple):
                v = words.pick(v, lang)  # (en, zh) names
            elif k == "list" and isinstance(v, tuple):
                v = words.join([words.pick(words.BACKGROUND.get(b, (b, b)), lang) for b in v], lang)
            fields[k] = v
        return words.tr(lang, self.key, **fields)


def lang_ok(res_langs: list[str], person: list[str]) -> bool:
    mine = {p.split("-")[0] for p in person}
    return any(code.lower().split("-")[0] in mine for code in res_langs)


def _levels(items: Sequence[SkillLevel]) -> dict[str, int]:
    out: dict[str, int] = {}
    for sl in items:
        out[sl.skill] = max(out.get(sl.skill, 0), sl.level)
    return out


def resource_candidate(
    res: Resource,
    profile: Profile,
    defaults: Defaults,
    current: Mapping[str, int] | None = None,
    weekly_hours: float | None = None,
) -> Candidate:
    effort = resource_effort(res, defaults, current)
    price = resource_price(
        res, defaults, effort.hours, profile.hours_per_week if weekly_hours is None else weekly_hours
    )
    penalty = 0.0
    notes: list[tuple[str, dict[str, str]]] = []
    prefs = profile.preferences
    if res.endorsements:
        penalty -= ENDORSED_DISCOUNT * effort.hours
    if prefs.formats or prefs.kinds:
        fmt = f"{res.format} {res.kind}".lower()
        liked = any(f in fmt for f in prefs.formats) or res.kind in prefs.kinds
        if not liked:
            penalty += PREFERENCE_PENALTY * effort.hours
            notes.append(("pen.format", {}))
    if len(profile.languages) > 1:
        first = profile.languages[0].split("-")[0]
        if not any(code.lower().split("-")[0] == first for code in res.languages):
            penalty += LANGUAGE_PENALTY * effort.hours
            notes.append(("pen.lang", {"language": profile.languages[0]}))
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
        endorsed=bool(res.endorsements),
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
    profile: Profile,
    index: KBIndex,
    defaults: Defaults,
    finished: set[str],
    current: Mapping[str, int],
    weekly_hours: float | None = None,
) -> tuple[list[Candidate], list[Excluded]]:
    """Resources and projects the person could take, and those filtered out with the reason.

    Resources that teach nothing above the person's current levels are left out silently: they cannot help.
    ``weekly_hours`` are the hours a week the plan schedules (for subscription prices).
    """
    out: list[Candidate] = []
    excluded: list[Excluded] = []
    exclude = set(profile.preferences.exclude)
    for res in index.kb.resources:
        ref = f"res:{res.id}"
        if ref in finished:
            continue
        if ref in exclude:
            excluded.append(Excluded(ref, "excluded.prefs"))
            continue
        if not lang_ok(res.languages, profile.languages):
            excluded.append(Excluded(ref, "excluded.lang", (("langs", ", ".join(res.languages)),)))
            continue
        if all(t.level <= current.get(t.skill, 0) for t in res.teaches):
            continue
        cand = resource_candidate(res, profile, defaults, current, weekly_hours)
        if cand.price.usd > profile.budget_usd + 1e-9:
            excluded.append(Excluded(ref, "excluded.budget", (("usd", cand.price.usd), ("budget", profile.budget_usd))))
            continue
        out.append(cand)
    for proj in index.kb.projects:
        ref = f"proj:{proj.id}"
        if ref in finished:
            continue
        if ref in exclude:
            excluded.append(Excluded(ref, "excluded.prefs"))
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
