"""Which route fits the person, and why; which route phase each item belongs to; which of the route's
recommended resources the plan must take.

The choice follows the articles: people who cannot program yet start from zero; otherwise the route whose
backgrounds include the person's (DevOps and platform engineers take the platform route of article 000,
developers the software route and data scientists the data-science route of article 001); when the background
does not decide it (student, other, or several routes claim it), the side the person is stronger on — software
or data — decides, compared as the share of the role's levels already reached.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mlroute.kb.index import KBIndex
from mlroute.kb.models import Pick, Role, Route, RoutePhase
from mlroute.plan import words

CAN_PROGRAM = 2  # "working" level in some programming skill
SOFTWARE_PILLARS = ("programming", "software-engineering", "cs-fundamentals")
DATA_PILLARS = ("data", "math-stats", "classic-ml")
CORE_PILLARS = ("classic-ml", "deep-learning")


@dataclass(frozen=True)
class RouteChoice:
    route: Route
    key: str
    fields: tuple[tuple[str, object], ...]

    def reason(self, lang: str) -> str:
        f = dict(self.fields)
        if "route_names" in f:
            names: tuple[str, str] = f.pop("route_names")  # type: ignore[assignment]
            f["route"] = words.pick(names, lang)
        if "background" in f:
            f["background"] = words.pick(words.BACKGROUND.get(str(f["background"]), ("", "")), lang)
        return words.tr(lang, self.key, **f)


def programming_level(current: Mapping[str, int], index: KBIndex) -> int:
    return max(
        (lvl for s, lvl in current.items() if s in index.skills and index.skills[s].pillar == "programming"), default=0
    )


def side_share(current: Mapping[str, int], role: Role, index: KBIndex, pillars: tuple[str, ...]) -> float:
    """Share of the role's required levels on these pillars that the person already has."""
    reqs = [r for r in role.requirements if r.skill in index.skills and index.skills[r.skill].pillar in pillars]
    total = sum(r.level for r in reqs)
    if not total:
        return 0.0
    return sum(min(current.get(r.skill, 0), r.level) for r in reqs) / total


def _names(route: Route) -> tuple[str, str]:
    return (route.name.en, route.name.zh)


def choose_route(background: str, current: Mapping[str, int], role: Role, index: KBIndex) -> RouteChoice:
    routes = index.routes
    if not routes:
        raise ValueError("the knowledge base has no routes")
    prog = programming_level(current, index)
    if prog < CAN_PROGRAM and "from-zero" in routes:
        return RouteChoice(routes["from-zero"], "route.zero", (("prog", prog),))
    claiming = [r for r in routes.values() if background in r.backgrounds and r.id != "from-zero"]
    if len(claiming) == 1:
        route = claiming[0]
        return RouteChoice(route, "route.background", (("background", background), ("route_names", _names(route))))
    software = side_share(current, role, index, SOFTWARE_PILLARS)
    data = side_share(current, role, index, DATA_PILLARS)
    pool = {r.id: r for r in (claiming or routes.values()) if r.id != "from-zero"} or dict(routes)
    if data > software and "data-science" in pool:
        pick = pool["data-science"]
    elif "software" in pool:
        pick = pool["software"]
    else:
        pick = next(iter(pool.values()))
    return RouteChoice(
        pick,
        "route.side",
        (("software", f"{software:.0%}"), ("data", f"{data:.0%}"), ("route_names", _names(pick))),
    )


def phase_of(pillars: Mapping[str, float], route: Route) -> int:
    """The route phase an item belongs to: the phase that holds most of the weight of what it teaches."""
    best, best_score = len(route.phases) - 1, -1.0
    for i, phase in enumerate(route.phases):
        score = sum(w for p, w in pillars.items() if p in phase.pillars)
        if score > best_score + 1e-9:
            best, best_score = i, score
    if best_score <= 0:
        return len(route.phases) - 1
    return best


def core_phase(route: Route) -> int:
    """Index of the last phase holding classic or deep ML: the end of "the core"; -1 when there is none."""
    idx = [i for i, p in enumerate(route.phases) if any(x in p.pillars for x in CORE_PILLARS)]
    return max(idx) if idx else -1


def phase_name(phase: RoutePhase, lang: str = "en") -> str:
    return phase.name.get(lang)


@dataclass(frozen=True)
class PickGroup:
    """A route recommendation the plan must honour: at least one of ``members`` (all usable)."""

    phase: str
    members: tuple[str, ...]  # res:… refs the person can take
    pick: Pick


@dataclass(frozen=True)
class MissedPick:
    phase: str
    pick: Pick
    reasons: tuple[str, ...]  # one per member, in the plan's language


def route_picks(
    route: Route,
    teaches: Mapping[str, Mapping[str, int]],
    usable_refs: set[str],
    needs: Mapping[str, int],
    current: Mapping[str, int],
    finished: set[str],
    unavailable: Mapping[str, str],
) -> tuple[list[PickGroup], list[MissedPick]]:
    """The route's recommendations that apply to this person.

    A pick applies when one of its resources takes a skill the person still lacks to the level they need to be
    ready (``needs``: skill → ready target), and none of its resources is already finished; the plan must then
    take one of the resources that do. ``teaches`` holds
    the usable candidates; ``unavailable`` says, per resource ref, why it cannot be used (languages, budget,
    preferences, prerequisites).
    """
    groups: list[PickGroup] = []
    missed: list[MissedPick] = []
    for phase in route.phases:
        for p in phase.picks:
            refs = [f"res:{rid}" for rid in p.one_of]
            if any(r in finished for r in refs):
                continue
            usable = tuple(r for r in refs if r in usable_refs)

            def closes(ref: str) -> bool:
                """Takes some skill the person still lacks to the level they need to be ready."""
                return any(
                    needs.get(s, 0) > current.get(s, 0) and lvl >= needs[s] for s, lvl in teaches.get(ref, {}).items()
                )

            helpful = tuple(r for r in usable if closes(r))
            if helpful:
                groups.append(PickGroup(phase.id, helpful, p))
            elif not usable and any(closes(r) for r in refs) and any(r in unavailable for r in refs):
                missed.append(MissedPick(phase.id, p, tuple(unavailable[r] for r in refs if r in unavailable)))
    return groups, missed


def unique(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(items))
