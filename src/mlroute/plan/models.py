"""The plan a person gets: items with reasons, weeks, milestones, an ETA band; ``to_json`` is the document the
CLI prints with ``--json``, the web API returns and storage keeps as a versioned snapshot."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from mlroute.plan.forecast import Band

PLAN_FORMAT = 1


@dataclass(frozen=True)
class PlanItem:
    id: str  # res:… | proj:… | act:…
    kind: str  # resource | project | career_action
    title: str
    week_start: int
    week_end: int
    hours: float
    closes: list[str]
    why: str
    title_zh: str | None = None
    phase: str | None = None
    url: str | None = None
    provider: str | None = None
    cost_usd: float = 0.0
    effort_basis: str = ""
    effort_sigma: float = 0.0
    skills: list[dict[str, Any]] = field(default_factory=list)  # {skill, from, to}
    depends_on: list[str] = field(default_factory=list)
    when: str | None = None  # career actions: start | foundations | core | specialise | job-search | throughout
    flagship: bool = False
    requires_employer: bool = False  # career actions that need an employer (asks for a manager)
    work_hours: float = 0.0  # career actions done at work: hours in working time, not study time
    order: int = 0
    hours_by_week: dict[int, float] = field(default_factory=dict)
    horizon: str = "ready"  # ready: needed to apply | grow: learnt after the switch
    title_en: str = ""
    endorsed_by: list[str] = field(default_factory=list)
    assumed: list[str] = field(default_factory=list)  # skills whose level this item's hours assume
    span_weeks: int = 0  # steps at work with a duration: the calendar weeks they run

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "title_zh": self.title_zh,
            "week_start": self.week_start,
            "week_end": self.week_end,
            "hours": round(self.hours, 2),
            "work_hours": round(self.work_hours, 2),
            "closes": self.closes,
            "why": self.why,
            "phase": self.phase,
            "url": self.url,
            "provider": self.provider,
            "cost_usd": round(self.cost_usd, 2),
            "effort_basis": self.effort_basis,
            "effort_sigma": self.effort_sigma,
            "skills": self.skills,
            "depends_on": self.depends_on,
            "when": self.when,
            "flagship": self.flagship,
            "requires_employer": self.requires_employer,
            "order": self.order,
            "horizon": self.horizon,
            "title_en": self.title_en or self.title,
            "endorsed_by": self.endorsed_by,
            "span_weeks": self.span_weeks,
        }


@dataclass(frozen=True)
class PlanWeek:
    week: int
    capacity: float  # the hours the person states for the week
    allocation: dict[str, float]
    planned: float = 0.0  # the hours the schedule fills: the time model's expected share of ``capacity``

    @property
    def hours(self) -> float:
        return round(sum(self.allocation.values()), 2)


@dataclass(frozen=True)
class Milestone:
    id: str
    title: str
    week: int
    skills: dict[str, int]  # skill → level reached
    eta: Band
    phase: str | None = None
    horizon: str = "ready"


@dataclass(frozen=True)
class Plan:
    profile: dict[str, Any]
    kb_version: str
    start_date: dt.date | None
    route: str
    route_name: str
    route_reason: str
    phases: list[dict[str, Any]]
    items: list[PlanItem]
    weeks: list[PlanWeek]
    milestones: list[Milestone]
    gaps: list[dict[str, Any]]
    not_closable: list[dict[str, Any]]
    eta: Band
    optimality: dict[str, Any]
    pacing: dict[str, Any]
    left_out: list[dict[str, str]]
    done: list[str]
    skipped: list[str]
    warnings: list[str]
    seed: int
    lang: str = "en"
    eta_grow: Band = field(default_factory=lambda: Band(0, 0, 0))
    assumed_skills: dict[str, int] = field(default_factory=dict)
    evidenced_skills: dict[str, dict[str, Any]] = field(default_factory=dict)  # levels earned in quizzes, dated
    deferred: list[dict[str, Any]] = field(default_factory=list)  # deadline mode: items that do not fit
    deadline: dt.date | None = None
    readiness: dict[str, Any] = field(default_factory=dict)  # deadline mode: weighted coverage of the must-haves
    demand_moves: list[dict[str, Any]] = field(default_factory=list)  # --market: gaps that moved, and why

    @property
    def total_hours(self) -> float:
        return round(sum(i.hours for i in self.items), 2)

    @property
    def ready_hours(self) -> float:
        return round(sum(i.hours for i in self.items if i.horizon == "ready"), 2)

    @property
    def scheduled_weeks(self) -> int:
        return max((i.week_end for i in self.items), default=0)

    def week_date(self, week: int) -> dt.date | None:
        """The Monday (or start weekday) a week begins on."""
        return self.start_date + dt.timedelta(days=7 * (week - 1)) if self.start_date else None

    def _end_date(self, week: int) -> str | None:
        d = self.week_date(week)
        return (d + dt.timedelta(days=6)).isoformat() if d and week > 0 else None

    def item(self, ref: str) -> PlanItem:
        for i in self.items:
            if i.id == ref:
                return i
        raise KeyError(ref)

    def to_json(self) -> dict[str, Any]:
        by_kind: dict[str, float] = {}
        for i in self.items:
            by_kind[i.kind] = round(by_kind.get(i.kind, 0.0) + i.hours, 2)
        return {
            "format": PLAN_FORMAT,
            "kb_version": self.kb_version,
            "profile": self.profile,
            "start_date": self.start_date.isoformat() if self.start_date else None,
            "route": self.route,
            "route_name": self.route_name,
            "route_reason": self.route_reason,
            "phases": self.phases,
            "lang": self.lang,
            "eta_weeks": self.eta.to_json(),
            "eta_dates": {k: self._end_date(v) for k, v in self.eta.to_json().items()},
            "eta_weeks_grow": self.eta_grow.to_json(),
            "eta_dates_grow": {k: self._end_date(v) for k, v in self.eta_grow.to_json().items()},
            "scheduled_weeks": self.scheduled_weeks,
            "ready_weeks": max((i.week_end for i in self.items if i.horizon == "ready"), default=0),
            "total_hours": self.total_hours,
            "ready_hours": self.ready_hours,
            "grow_hours": round(self.total_hours - self.ready_hours, 2),
            "assumed_skills": self.assumed_skills,
            "evidenced_skills": self.evidenced_skills,
            "hours_by_kind": by_kind,
            "cost_usd": round(sum(i.cost_usd for i in self.items), 2),
            "items": [i.to_json() for i in self.items],
            "weeks": [
                {
                    "week": w.week,
                    "start": self.week_date(w.week).isoformat() if self.start_date else None,  # type: ignore[union-attr]
                    "capacity": w.capacity,
                    "planned": w.planned,
                    "hours": w.hours,
                    "items": list(w.allocation),
                    "allocation": {k: round(v, 2) for k, v in w.allocation.items()},
                }
                for w in self.weeks
            ],
            "milestones": [
                {
                    "id": m.id,
                    "title": m.title,
                    "phase": m.phase,
                    "week": m.week,
                    "date": self._end_date(m.week),
                    "skills": sorted(m.skills),
                    "levels": dict(sorted(m.skills.items())),
                    "eta_weeks": m.eta.to_json(),
                    "horizon": m.horizon,
                }
                for m in self.milestones
            ],
            "gaps": self.gaps,
            "not_closable": self.not_closable,
            "optimality": self.optimality,
            "pacing": self.pacing,
            "left_out": self.left_out,
            "done": self.done,
            "skipped": self.skipped,
            "warnings": self.warnings,
            "seed": self.seed,
            **(
                {
                    "deadline": self.deadline.isoformat(),
                    "deferred": self.deferred,
                    "readiness": self.readiness,
                }
                if self.deadline
                else {}
            ),
            "market": self.demand_moves,
        }
