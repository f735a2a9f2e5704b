"""The chosen items and career steps as tasks for the scheduler: hours, what they teach, what they wait for,
which route phase and horizon they belong to."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mlroute.kb.index import KBIndex
from mlroute.kb.models import CareerAction, Route
from mlroute.plan.candidates import Candidate
from mlroute.plan.gap import Gap
from mlroute.plan.route import phase_of
from mlroute.plan.schedule import Task


def at_work(act: CareerAction, employed: bool) -> bool:
    """Steps that need an employer (a 1:1 with the manager, small ML tasks in the team, a secondment, an internal
    talk), and steps an employed person does at work (an internal hackathon), happen in working hours."""
    return act.requires_employer or (act.at_work_if_employed and employed)


def study_hours(act: CareerAction, employed: bool = False) -> float:
    """Hours an action takes from the person's study time (``hours_per_week`` is time outside work); steps at
    work are scheduled at the right moment but take none of it, and their estimate is reported as ``work_hours``."""
    return 0.0 if at_work(act, employed) else act.hours


def pillar_weights(teaches: Mapping[str, int], gaps: Mapping[str, Gap], index: KBIndex) -> dict[str, float]:
    weights: dict[str, float] = {}
    relevant = {s: lvl for s, lvl in teaches.items() if s in gaps} or dict(teaches)
    for s in relevant:
        if s not in index.skills:
            continue
        g = gaps.get(s)
        w = g.weight * max(1, min(relevant[s], g.full) - g.current) if g else 0.1
        pillar = index.skills[s].pillar
        weights[pillar] = weights.get(pillar, 0.0) + w
    return weights


def kb_rank(index: KBIndex) -> dict[str, int]:
    rank = {f"res:{r.id}": i for i, r in enumerate(index.kb.resources)}
    rank.update({f"proj:{p.id}": i for i, p in enumerate(index.kb.projects)})
    rank.update({f"act:{a.id}": i for i, a in enumerate(index.kb.career_actions)})
    return rank


@dataclass
class _Chosen:
    """The chosen items with what they teach and which phase they belong to, for the dependency rules."""

    horizon: Mapping[str, str]  # ref → ready | grow
    by_ref: Mapping[str, Candidate]
    current: Mapping[str, int]
    phases: dict[str, int]

    def provided(self, skill: str, lvl: int, exclude: str, before: int | None = None) -> bool:
        """Some other chosen item of the same or an earlier horizon teaches it (a keep-growing item never holds
        back a ready one); with ``before``, only items of an earlier route phase count (a skill's own
        prerequisites order phases, not the items within one)."""
        mine = self.horizon[exclude]
        return any(
            self.by_ref[r].teaches.get(skill, 0) >= lvl
            for r in self.horizon
            if r != exclude
            and (mine == "grow" or self.horizon[r] == "ready")
            and (before is None or self.phases.get(r, 0) < before)
        )

    def needs_a_project(self, ref: str) -> bool:
        """Some prerequisite of ``ref`` that the person lacks is taught, among the chosen items, only by projects."""
        for s, lvl in self.by_ref[ref].prereqs.items():
            if self.current.get(s, 0) >= lvl:
                continue
            teachers = [r for r in self.horizon if r != ref and self.by_ref[r].teaches.get(s, 0) >= lvl]
            if teachers and all(self.by_ref[r].kind == "project" for r in teachers):
                return True
        return False

    def learn_first(self, ref: str) -> dict[str, int]:
        """Learn, then build: the levels a project waits for from the plan's courses that teach what it exercises
        (unless a course needs what only a project teaches, which would make them wait for each other)."""
        c = self.by_ref[ref]
        out: dict[str, int] = {}
        courses = [
            r
            for r in self.horizon
            if self.by_ref[r].kind == "resource"
            and self.horizon[r] == self.horizon[ref]
            and not self.needs_a_project(r)
        ]
        for s, lvl in c.teaches.items():
            taught = max((self.by_ref[r].teaches.get(s, 0) for r in courses), default=0)
            if self.current.get(s, 0) < min(taught, lvl):
                out[s] = min(taught, lvl)
        return out

    def soft(self, ref: str, gaps: Mapping[str, Gap], best: Mapping[str, int], index: KBIndex) -> dict[str, int]:
        """Prerequisites of the skills this item is there to close, taught by items of earlier phases."""
        c = self.by_ref[ref]
        out: dict[str, int] = {}
        for s, lvl in c.teaches.items():
            if s not in gaps or index.skills.get(s) is None or lvl < min(gaps[s].full, best.get(s, 0)):
                continue
            for pre in index.skills[s].prerequisites:
                if (
                    self.current.get(pre.skill, 0) < pre.level
                    and c.teaches.get(pre.skill, 0) < pre.level
                    and self.provided(pre.skill, pre.level, ref, before=self.phases[ref])
                ):
                    out[pre.skill] = max(out.get(pre.skill, 0), pre.level)
        return out


def item_tasks(
    chosen: Mapping[str, str],
    by_ref: Mapping[str, Candidate],
    current: Mapping[str, int],
    gaps: Mapping[str, Gap],
    best: Mapping[str, int],
    route: Route,
    index: KBIndex,
    learn_first: bool = True,
) -> tuple[list[Task], list[tuple[str, str, int]]]:
    """Tasks for the chosen resources and projects (``chosen``: ref → horizon), and the prerequisites no chosen item
    teaches (item, skill, level), which are dropped from the task so it can still be scheduled."""
    portfolio_phase = next((i for i, ph in enumerate(route.phases) if "domains" in ph.pillars), None)

    def phase_for(c: Candidate) -> int:
        if c.kind == "project" and portfolio_phase is not None:
            return portfolio_phase
        return phase_of(pillar_weights(c.teaches, gaps, index), route)

    picked = _Chosen(chosen, by_ref, current, {ref: phase_for(by_ref[ref]) for ref in chosen})
    rank = kb_rank(index)
    tasks: list[Task] = []
    missing: list[tuple[str, str, int]] = []
    for ref, horizon in chosen.items():
        c = by_ref[ref]
        hard = {s: lvl for s, lvl in c.prereqs.items() if current.get(s, 0) < lvl}
        for s, lvl in list(hard.items()):
            if not picked.provided(s, lvl, ref):
                missing.append((ref, s, lvl))
                del hard[s]
        if c.kind == "project" and learn_first:
            for s, lvl in picked.learn_first(ref).items():
                hard[s] = max(hard.get(s, 0), lvl)
        tasks.append(
            Task(
                ref=ref,
                kind=c.kind,
                hours=c.hours,
                teaches=dict(c.teaches),
                hard=hard,
                soft=picked.soft(ref, gaps, best, index),
                phase=picked.phases[ref],
                weight=max((gaps[s].weight for s in c.teaches if s in gaps), default=0.0),
                rank=rank.get(ref, 0),
                horizon=horizon,
            )
        )
    return tasks, missing


def action_tasks(actions: Sequence[CareerAction], index: KBIndex, employed: bool = False) -> list[Task]:
    rank = kb_rank(index)
    return [
        Task(
            ref=f"act:{act.id}",
            kind="career_action",
            hours=study_hours(act, employed),
            teaches={sl.skill: sl.level for sl in act.skills},
            anchor=act.phase,
            after=[f"act:{a}" for a in act.after],
            rank=rank[f"act:{act.id}"],
            horizon="ready",
            weeks=(act.weeks or 0) if at_work(act, employed) else 0,
        )
        for act in actions
    ]
