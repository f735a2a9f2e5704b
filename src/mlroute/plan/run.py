"""One planning run: the inputs and every step's result, handed from step to step of ``make_plan``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from mlroute.kb.index import KBIndex
from mlroute.kb.models import CareerAction, Route
from mlroute.plan.candidates import Candidate, Excluded
from mlroute.plan.gap import Gap
from mlroute.plan.portfolio import MAX_PROJECTS, Flagship
from mlroute.plan.route import MissedPick, PickGroup, RouteChoice
from mlroute.plan.standing import Standing
from mlroute.profile.models import Profile


@dataclass
class Inputs:
    """What the pipeline's later steps share; built once by ``make_plan``."""

    profile: Profile
    index: KBIndex
    lang: str
    done: list[str]
    skipped: list[str]
    finished: set[str]
    pace: float | None
    pace_sigma: float
    demand: Mapping[str, float] | None
    seed: int
    warnings: list[str]


@dataclass
class Run:
    """One planning run: the inputs and every step's result, handed from step to step."""

    inp: Inputs
    stand: Standing
    choice: RouteChoice
    gaps: list[Gap]
    actions: list[CareerAction]
    actions_left_out: list[Excluded]
    capacity: Callable[[int], float]
    weekly: Callable[[int], float]
    usable: list[Candidate] = field(default_factory=list)
    unusable: dict[str, dict[str, int]] = field(default_factory=dict)
    excluded: list[Excluded] = field(default_factory=list)
    picks: list[PickGroup] = field(default_factory=list)
    missed: list[MissedPick] = field(default_factory=list)
    flagship: Flagship | None = None
    forced: list[str] = field(default_factory=list)
    slots: int = MAX_PROJECTS

    @property
    def route(self) -> Route:
        return self.choice.route

    @property
    def current(self) -> dict[str, int]:
        return self.stand.levels

    @property
    def gap_of(self) -> dict[str, Gap]:
        return {g.skill: g for g in self.gaps}

    @property
    def by_ref(self) -> dict[str, Candidate]:
        return {c.ref: c for c in self.usable}
