"""The roadmap as a path people read from top to bottom: the route's phases to be ready to apply, then keep
growing, each phase a group of item cards in schedule order, milestones where they are reached.

Pure: takes the plan document (words already in the reader's language), what is recorded against the items, and
the names to show; returns the path for the template to draw. Finished and skipped items that an earlier plan
version listed (a re-plan leaves them out) go back into their phase, marked, so finished work stays in view.
The order of the cards is the order of the page and of the keyboard: phase by phase, then by week.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

READY, GROW = "ready", "grow"
EARLIER_PHASE = "earlier"  # items of an earlier version whose phase the route no longer has
THROUGHOUT_PHASE = "throughout"  # career steps that run alongside the whole horizon, in no one phase


@dataclass(frozen=True)
class Card:
    id: str
    anchor: str  # the card's element id
    kind: str
    title: str
    status: str  # todo | doing | done | skipped
    horizon: str
    week_start: int  # weeks of the whole journey (the first plan's week 1 is 1)
    week_end: int
    hours: float
    logged: float
    skills: list[str]  # names of the skills it closes or raises
    needs: list[tuple[str, str]]  # (anchor, title) of the items that come first
    builds_on: list[str]  # what it expects you to know already, in words
    flagship: bool = False
    at_work: bool = False
    earlier: bool = False  # listed by an earlier plan version only


@dataclass(frozen=True)
class Milestone:
    id: str
    title: str
    week: int
    date: str | None
    horizon: str


@dataclass
class Phase:
    id: str
    name: str
    description: str
    horizon: str
    cards: list[Card] = field(default_factory=list)

    @property
    def week_start(self) -> int:
        return min((c.week_start for c in self.cards), default=0)

    @property
    def week_end(self) -> int:
        return max((c.week_end for c in self.cards), default=0)

    @property
    def finished(self) -> int:
        return sum(c.status in ("done", "skipped") for c in self.cards)

    @property
    def status(self) -> str:
        if self.cards and self.finished == len(self.cards):
            return "done"
        return "doing" if any(c.status in ("doing", "done", "skipped") for c in self.cards) else "todo"


@dataclass(frozen=True)
class Roadmap:
    ready: list[Phase | Milestone]  # in path order
    grow: list[Phase | Milestone]
    cards: list[Card]  # every card, in page order

    @property
    def total(self) -> int:
        return len(self.cards)


def anchor(item_id: str) -> str:
    return "c-" + re.sub(r"[^a-zA-Z0-9_-]", "-", item_id)


def roadmap(
    plan: Mapping[str, Any],
    *,
    statuses: Mapping[str, str],
    logged: Mapping[str, float],
    offset: int,
    earlier: Sequence[tuple[Mapping[str, Any], int]] = (),
    titles: Mapping[str, str],
    skill_names: Mapping[str, str],
    builds_on: Mapping[str, list[str]] | None = None,
    labels: Mapping[str, str] | None = None,
) -> Roadmap:
    """``earlier``: (item, offset of the plan version that listed it); ``labels``: words for the phase that holds
    items from earlier versions whose phase the current route no longer has (key ``earlier``)."""
    phases: dict[str, Phase] = {}
    for ph in plan.get("phases", []):
        horizon = GROW if ph.get("horizon") == GROW else READY
        phases[str(ph["id"])] = Phase(
            str(ph["id"]), str(ph.get("name", ph["id"])), str(ph.get("description", "")), horizon
        )
    home = {i: pid for pid, ph in zip(phases, plan.get("phases", []), strict=True) for i in ph.get("items", [])}
    entries = [(it, offset, False) for it in plan.get("items", [])] + [(it, off, True) for it, off in earlier]
    for it, off, old in entries:
        pid = home.get(it["id"]) or str(it.get("phase") or "")
        if pid not in phases:
            pid = _elsewhere(it, old, phases)
            if pid not in phases:
                words = labels or {}
                phases[pid] = Phase(pid, words.get(pid, ""), words.get(pid + ":description", ""), READY)
        phases[pid].cards.append(_card(it, off, old, statuses, logged, titles, skill_names, builds_on or {}))
    for ph in phases.values():
        ph.cards.sort(key=lambda c: (c.week_start, c.week_end, c.id))
    _link_needs(list(phases.values()))
    ready, grow = _steps(phases, plan.get("milestones", []), offset)
    cards = [c for step in ready + grow if isinstance(step, Phase) for c in step.cards]
    return Roadmap(ready, grow, cards)


def _elsewhere(it: Mapping[str, Any], old: bool, phases: Mapping[str, Phase]) -> str:
    """The group of an item no phase lists: keep growing, steps that run throughout, or earlier versions' items."""
    if it.get("horizon") == GROW:
        grow = next((p.id for p in phases.values() if p.horizon == GROW), None)
        if grow:
            return grow
    if it.get("when") == "throughout":
        return THROUGHOUT_PHASE
    return EARLIER_PHASE if old else THROUGHOUT_PHASE


def _card(
    it: Mapping[str, Any],
    offset: int,
    old: bool,
    statuses: Mapping[str, str],
    logged: Mapping[str, float],
    titles: Mapping[str, str],
    skill_names: Mapping[str, str],
    builds_on: Mapping[str, list[str]],
) -> Card:
    skills = [str(s["skill"]) for s in it.get("skills", [])] or list(it.get("closes", []))
    return Card(
        id=it["id"],
        anchor=anchor(it["id"]),
        kind=str(it.get("kind", "resource")),
        title=titles.get(it["id"], str(it.get("title", it["id"]))),
        status=statuses.get(it["id"], "todo"),
        horizon=GROW if it.get("horizon") == GROW else READY,
        week_start=int(it.get("week_start", 1)) + offset,
        week_end=int(it.get("week_end", 1)) + offset,
        hours=float(it.get("hours") or 0),
        logged=float(logged.get(it["id"], 0.0)),
        skills=[skill_names.get(s, s) for s in skills],
        needs=[(anchor(d), titles.get(d, d)) for d in it.get("depends_on", []) or []],
        builds_on=list(builds_on.get(it["id"], [])),
        flagship=bool(it.get("flagship")),
        at_work=bool(it.get("work_hours")) and not it.get("hours"),
        earlier=old,
    )


def _link_needs(phases: Sequence[Phase]) -> None:
    """Keep only prerequisites that are on the page (an anchor that leads nowhere helps nobody)."""
    shown = {c.anchor for ph in phases for c in ph.cards}
    for ph in phases:
        ph.cards = [replace(c, needs=[n for n in c.needs if n[0] in shown]) for c in ph.cards]


def _steps(
    phases: Mapping[str, Phase], milestones: Sequence[Mapping[str, Any]], offset: int
) -> tuple[list[Phase | Milestone], list[Phase | Milestone]]:
    """Phases in the route's order (items from retired phases first), each followed by the milestone that closes
    it; "ready to apply" after the last ready phase, "keep growing" at the end."""
    marks = [
        Milestone(
            str(m["id"]),
            str(m.get("title", m["id"])),
            int(m.get("week", 0)) + offset,
            m.get("date"),
            GROW if m.get("horizon") == GROW else READY,
        )
        for m in milestones
    ]
    by_phase = {str(m["phase"]): mk for m, mk in zip(milestones, marks, strict=True) if m.get("phase")}
    first = (EARLIER_PHASE, THROUGHOUT_PHASE)
    ordered = sorted(phases.values(), key=lambda p: first.index(p.id) if p.id in first else len(first))  # stable
    ready: list[Phase | Milestone] = []
    grow: list[Phase | Milestone] = []
    for ph in ordered:
        if not ph.cards:
            continue
        steps = grow if ph.horizon == GROW else ready
        steps.append(ph)
        if ph.id in by_phase:
            steps.append(by_phase[ph.id])
    for mk in marks:
        if mk.id == READY:
            ready.append(mk)
        elif mk.id == GROW:
            grow.append(mk)
    return ready, grow
