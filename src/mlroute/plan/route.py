"""Which route fits the person, and why; and which route phase each item belongs to.

The choice follows the articles: people who cannot program yet start from zero; otherwise the route whose
backgrounds include the person's; when the background does not decide it (student, other, or several routes
claim it), the side the person is stronger on — software (programming, software engineering) or data (data,
maths and statistics, classic ML) — decides, compared as the share of the role's levels already reached.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mlroute.kb.index import KBIndex
from mlroute.kb.models import Role, Route, RoutePhase

CAN_PROGRAM = 2  # "working" level in some programming skill
SOFTWARE_PILLARS = ("programming", "software-engineering", "cs-fundamentals")
DATA_PILLARS = ("data", "math-stats", "classic-ml")
CORE_PILLARS = ("classic-ml", "deep-learning")


@dataclass(frozen=True)
class RouteChoice:
    route: Route
    reason: str


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


def _label(background: str) -> str:
    return background.replace("_", " ")


def choose_route(background: str, current: Mapping[str, int], role: Role, index: KBIndex) -> RouteChoice:
    routes = index.routes
    if not routes:
        raise ValueError("the knowledge base has no routes")
    prog = programming_level(current, index)
    if prog < CAN_PROGRAM and "from-zero" in routes:
        return RouteChoice(
            routes["from-zero"],
            f"you do not program yet (best programming level {prog} of 4), so the plan starts from the ground up: "
            "programming first, then data, maths and ML",
        )
    claiming = [r for r in routes.values() if background in r.backgrounds and r.id != "from-zero"]
    if len(claiming) == 1:
        route = claiming[0]
        return RouteChoice(route, f"your background ({_label(background)}) is what the {route.name.en} starts from")
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
        f"you already have {software:.0%} of the role's software levels and {data:.0%} of its data and maths "
        f"levels, so the {pick.name.en} builds on your stronger side",
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
