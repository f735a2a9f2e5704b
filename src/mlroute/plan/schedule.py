"""Pack the chosen items into weeks.

Rules:

* Week ``w`` has ``capacity(w)`` planned hours (the planner passes the hours the time model expects the person to
  really study, a share of what they state; see ``forecast``); no week holds more. Work is counted in hundredths of
  an hour so the sums are exact.
* Two horizons: everything needed to be **ready** to apply comes first; **keep growing** items start only once the
  ready learning and projects are done.
* One learning item at a time, in route-phase order, highest gap weight first among those that are ready. An
  item is ready when its declared prerequisites are met by the person's levels or by items already finished
  (hard), and, if possible, when the skills it teaches have their own prerequisites covered (soft; dropped only
  if nothing else can move). An item may span weeks; a week may hold several items.
* Projects start once the core (every learning item up to the last route phase with classic or deep ML) is done
  and their prerequisites are met — or earlier if learning is blocked waiting for them. While both run, each
  week is split evenly between them, so courses keep moving while the project grows; when one stream runs out,
  the other takes the whole week.
* Career actions go where they belong: ``start``/``foundations`` as soon as possible, ``core``/``specialise``
  once the core is done, ``before-applying`` once the ready learning and projects are done, ``job-search`` once
  everything before applying is done (steps at work included), ``throughout`` spread evenly over the ready
  horizon; ``after`` orders actions among themselves. Ready actions are served first in a week (their timing is
  the point) but take at most half of it while learning or projects remain, so studying never stops.
* Steps done at work (no study hours) with a duration (``weeks``) run over that many calendar weeks beside study,
  and what comes ``after`` them waits until they end; a secondment after the core ends three months later.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from mlroute.errors import UserError
from mlroute.plan.models import PlanWeek

MAX_WEEKS = 1040  # 20 years: beyond this a plan is not a plan
UNIT = 100  # hundredths of an hour
ANCHOR_ORDER = {
    "start": 0,
    "foundations": 1,
    "core": 2,
    "specialise": 3,
    "before-applying": 4,
    "job-search": 5,
    "throughout": 6,
}


@dataclass
class Task:
    ref: str
    kind: str  # resource | project | career_action
    hours: float
    teaches: dict[str, int] = field(default_factory=dict)
    hard: dict[str, int] = field(default_factory=dict)  # declared prerequisites
    soft: dict[str, int] = field(default_factory=dict)  # prerequisites of the skills it teaches
    phase: int = 0
    weight: float = 0.0
    anchor: str = ""  # career actions: start | foundations | core | specialise | job-search | throughout
    after: list[str] = field(default_factory=list)
    rank: int = 0  # knowledge-base order, the last tie-breaker besides the id
    horizon: str = "ready"  # ready | grow
    weeks: int = 0  # steps at work: calendar weeks they run (0: placed in one week)


@dataclass
class Placement:
    ref: str
    week_start: int
    week_end: int
    order: int  # position in completion order
    hours_by_week: dict[int, float]
    relaxed: list[str] = field(default_factory=list)  # prerequisites it had to start without


@dataclass
class Schedule:
    placements: dict[str, Placement]
    weeks: list[PlanWeek]
    order: list[str]
    warnings: list[tuple[str, list[str]]]  # (item, prerequisites it had to start without)

    @property
    def length(self) -> int:
        return max((p.week_end for p in self.placements.values()), default=0)


class TooLong(UserError):
    pass


def _met(levels: Mapping[str, int], need: Mapping[str, int]) -> bool:
    return all(levels.get(s, 0) >= lvl for s, lvl in need.items())


def _unmet(levels: Mapping[str, int], need: Mapping[str, int]) -> list[str]:
    return [f"{s} {lvl}" for s, lvl in sorted(need.items()) if levels.get(s, 0) < lvl]


def propagate_priority(tasks: list[Task], base: Mapping[str, int]) -> None:
    """A task that others wait for inherits their weight, and its earliest phase when it is a declared
    prerequisite, so it is scheduled in time."""
    learning = [t for t in tasks if t.kind in ("resource", "project")]
    for _ in range(len(learning)):
        changed = False
        for t in learning:
            for d in learning:
                if d is t or d.horizon != t.horizon:  # keep-growing items never reorder the ready horizon
                    continue
                needs = {s: lvl for s, lvl in {**d.soft, **d.hard}.items() if base.get(s, 0) < lvl}
                if any(t.teaches.get(s, 0) >= lvl for s, lvl in needs.items()) and d.weight > t.weight:
                    t.weight, changed = d.weight, True
                # Only a declared prerequisite pulls a resource into an earlier phase; a soft one (the
                # prerequisite of a skill taught) would drag data and maths books into a review phase.
                hard = {s: lvl for s, lvl in d.hard.items() if base.get(s, 0) < lvl}
                if (
                    t.kind == "resource"
                    and d.phase < t.phase
                    and any(t.teaches.get(s, 0) >= lvl for s, lvl in hard.items())
                ):
                    t.phase, changed = d.phase, True
        if not changed:
            break


class _Packer:
    """One pass of the week-by-week packing; state lives here so each step is a small method."""

    def __init__(
        self,
        tasks: list[Task],
        base: Mapping[str, int],
        capacity: Callable[[int], float],
        core_phase: int,
        rates: Mapping[str, int],
    ) -> None:
        self.capacity = capacity
        self.core_phase = core_phase
        self.rates = rates
        # A task of no hours (a step done at work) is placed when it is due and takes no study time.
        self.remaining = {t.ref: max(1, round(t.hours * UNIT)) if t.hours > 0 else 0 for t in tasks}
        self.by_ref = {t.ref: t for t in tasks}
        self.levels = dict(base)
        self.done: set[str] = set()
        self.order: list[str] = []
        self.alloc: dict[str, dict[int, int]] = {t.ref: {} for t in tasks}
        self.span_end: dict[str, int] = {}  # steps at work running over several weeks: their last week
        self.relaxed: dict[str, list[str]] = {}
        self.warnings: list[tuple[str, list[str]]] = []
        self.weeks: list[PlanWeek] = []
        self.learning = sorted((t for t in tasks if t.kind == "resource"), key=lambda t: t.rank)
        self.projects = sorted((t for t in tasks if t.kind == "project"), key=lambda t: t.rank)
        self.actions = sorted(
            (t for t in tasks if t.kind == "career_action"),
            key=lambda t: (ANCHOR_ORDER.get(t.anchor, 9), t.rank, t.ref),
        )
        self.action_refs = {a.ref for a in self.actions}
        self.current: dict[str, str | None] = {"learning": None, "project": None}
        # The week being filled.
        self.week = 0
        self.left = 0
        self.action_room = 0
        self.used: dict[str, int] = {}

    # -- state -------------------------------------------------------------------------------------------
    def finish(self, ref: str, record: bool = True) -> None:
        """Mark ``ref`` done; ``record`` puts it in the completion order (a step at work is placed in the order
        when it starts, since what comes after it in the order is what runs beside it)."""
        self.done.add(ref)
        if record:
            self.order.append(ref)
        for s, lvl in self.by_ref[ref].teaches.items():
            if lvl > self.levels.get(s, 0):
                self.levels[s] = lvl

    def ready_left(self, pool: list[Task]) -> bool:
        return any(t.ref not in self.done and t.horizon == "ready" for t in pool)

    def core_done(self) -> bool:
        return all(t.ref in self.done for t in self.learning if t.phase <= self.core_phase and t.horizon == "ready")

    def ready_work_done(self) -> bool:
        """The ready horizon's learning and projects are finished."""
        return not self.ready_left(self.learning) and not self.ready_left(self.projects)

    def before_applying_done(self) -> bool:
        """Everything that comes before applying: ready work, and every other ready action (at-work steps
        included, so an internal application waits for the secondment to end)."""
        return self.ready_work_done() and all(
            a.ref in self.done
            for a in self.actions
            if a.horizon == "ready" and a.anchor not in ("job-search", "throughout")
        )

    def dep_met(self, dep: str) -> bool:
        """An ``after`` dependency is met when it is done, or — for a throughout action — once it has begun."""
        if dep not in self.action_refs or dep in self.done:
            return True
        return self.by_ref[dep].anchor == "throughout" and bool(self.alloc[dep])

    def action_ready(self, a: Task) -> bool:
        if a.ref in self.done or a.ref in self.span_end or not all(self.dep_met(d) for d in a.after):
            return False
        if a.anchor in ("core", "specialise"):
            return self.core_done()
        if a.anchor == "before-applying":
            return self.ready_work_done()
        if a.anchor == "job-search":
            return self.before_applying_done()
        return True

    def pick(self, stream: str, relax: bool = False) -> str | None:
        """The item the stream works on now: the current one, else the best ready one (the ready horizon first:
        keep-growing items wait until the ready learning and projects are done)."""
        ref = self.current[stream]
        if ref is not None and ref not in self.done:
            return ref
        pool = self.learning if stream == "learning" else self.projects
        todo = [t for t in pool if t.ref not in self.done]
        if not self.ready_work_done():
            todo = [t for t in todo if t.horizon == "ready"]
        ready = [t for t in todo if _met(self.levels, t.hard) and (stream == "project" or _met(self.levels, t.soft))]
        if not ready and stream == "learning":
            ready = [t for t in todo if _met(self.levels, t.hard)]
        if not ready and relax and todo:
            t = min(todo, key=lambda t: (len(_unmet(self.levels, t.hard)), t.phase, -t.weight, t.rank, t.ref))
            self.relaxed[t.ref] = _unmet(self.levels, t.hard)
            self.warnings.append((t.ref, self.relaxed[t.ref]))
            ready = [t]
        if not ready:
            return None
        if stream == "project" and not relax and not self.core_done():
            learning_left = any(t.ref not in self.done and t.horizon == "ready" for t in self.learning)
            if learning_left and self.pick("learning") is not None:
                return None
        best = min(ready, key=lambda t: (t.phase, -t.weight, t.rank, t.ref))
        self.current[stream] = best.ref
        return best.ref

    # -- filling a week ----------------------------------------------------------------------------------
    def start_span(self, ref: str) -> None:
        """A step at work that runs for several weeks: placed now, finished when its last week has passed."""
        weeks = max(1, self.by_ref[ref].weeks)
        self.span_end[ref] = self.week + weeks - 1
        self.order.append(ref)
        for w in range(self.week, self.week + weeks):
            self.alloc[ref][w] = 0

    def end_spans(self) -> None:
        for ref, end in sorted(self.span_end.items(), key=lambda kv: (kv[1], kv[0])):
            if end < self.week and ref not in self.done:
                self.finish(ref, record=False)

    def give(self, ref: str, amount: int) -> int:
        if self.remaining[ref] == 0:
            if ref not in self.done and ref not in self.span_end:
                if self.by_ref[ref].weeks > 1:
                    self.start_span(ref)
                else:
                    self.alloc[ref].setdefault(self.week, 0)
                    self.finish(ref)
            return 0
        amount = min(amount, self.left, self.remaining[ref])
        if amount <= 0:
            return 0
        self.remaining[ref] -= amount
        self.left -= amount
        self.used[ref] = self.used.get(ref, 0) + amount
        self.alloc[ref][self.week] = self.alloc[ref].get(self.week, 0) + amount
        if self.remaining[ref] == 0:
            self.finish(ref)
        return amount

    def give_action(self, ref: str, amount: int) -> int:
        if not self.ready_work_done():
            amount = min(amount, self.action_room)
        moved = self.give(ref, amount)
        self.action_room -= moved
        return moved

    def serve_actions(self) -> bool:
        moved = False
        for a in self.actions:
            if a.anchor == "throughout" or not self.action_ready(a):
                continue
            if self.remaining[a.ref] == 0:
                self.give(a.ref, 0)
                moved = True
            elif self.left > 0 and self.give_action(a.ref, self.remaining[a.ref]):
                moved = True
        return moved

    def fill_week(self) -> None:
        cap = round(self.capacity(self.week) * UNIT)
        self.left = cap
        self.used = {}
        self.action_room = cap - cap // 2  # career steps take at most half a week while learning remains
        self.end_spans()
        wrap_up = self.ready_work_done()  # the ready horizon is over: habits wrap up their remaining hours now
        for a in self.actions:
            if a.anchor == "throughout" and self.action_ready(a):
                self.give_action(a.ref, self.remaining[a.ref] if wrap_up else self.rates.get(a.ref, 0))
        self.serve_actions()
        while self.left > 0:
            lt = self.pick("learning")
            pt = self.pick("project")
            if lt is None and pt is None:
                if self.serve_actions():
                    continue
                if self.ready_work_done() and all(t.ref in self.done for t in self.learning + self.projects):
                    for a in self.actions:  # only throughout work is left: finish it now
                        if a.anchor == "throughout" and self.action_ready(a):
                            self.give(a.ref, self.remaining[a.ref])
                    break
                lt = self.pick("learning", relax=True) or self.pick("project", relax=True)
                if lt is None:
                    break
            if lt is not None and pt is not None:
                total = self.left
                share = total - total // 2
                if self.give(lt, share) + self.give(pt, total - share) == 0:
                    self.give(lt, self.left) or self.give(pt, self.left)
            else:
                self.give(lt if lt is not None else pt, self.left)  # type: ignore[arg-type]
        self.serve_actions()  # steps at work that became due this week start this week
        self.weeks.append(PlanWeek(self.week, cap / UNIT, {r: v / UNIT for r, v in self.used.items()}))

    def run(self) -> Schedule:
        while len(self.done) < len(self.remaining):
            running = [r for r in self.remaining if r not in self.done]
            if all(r in self.span_end for r in running):  # only steps at work are left: they run to their end
                for r in sorted(running, key=lambda r: (self.span_end[r], r)):
                    self.finish(r, record=False)
                break
            self.week += 1
            if self.week > MAX_WEEKS:
                raise TooLong(
                    f"At the hours given, this plan would take more than {MAX_WEEKS // 52} years.",
                    hint="Raise hours_per_week (or the hours in availability), or narrow the target.",
                )
            self.fill_week()
        placements = {}
        ready_last = max(
            (
                w
                for ref, wk in self.alloc.items()
                if self.by_ref[ref].horizon == "ready"
                for w, v in wk.items()
                if v > 0
            ),
            default=1,
        )
        for i, ref in enumerate(self.order):
            wk = self.alloc[ref]
            end = max(wk)
            if self.by_ref[ref].anchor == "throughout" and not self.by_ref[ref].hours:
                end = max(end, ready_last)  # an at-work habit runs alongside the whole ready horizon
            placements[ref] = Placement(
                ref, min(wk), end, i, {w: v / UNIT for w, v in sorted(wk.items()) if v}, self.relaxed.get(ref, [])
            )
        return Schedule(placements, self.weeks, self.order, self.warnings)


def _run(
    tasks: list[Task],
    base: Mapping[str, int],
    capacity: Callable[[int], float],
    core_phase: int,
    rates: Mapping[str, int],
) -> Schedule:
    return _Packer(tasks, base, capacity, core_phase, rates).run()


def schedule(
    tasks: list[Task],
    base: Mapping[str, int],
    capacity: Callable[[int], float],
    core_phase: int,
) -> Schedule:
    """Week-by-week plan; ``throughout`` actions are spread over the length of the ready horizon."""
    if not tasks:
        return Schedule({}, [], [], [])
    propagate_priority(tasks, base)
    through = [t for t in tasks if t.kind == "career_action" and t.anchor == "throughout"]
    first = _run(tasks, base, capacity, core_phase, rates={})
    if not through:
        return first
    ready = [p.week_end for r, p in first.placements.items() if _horizon(tasks, r) == "ready"]
    weeks = max(1, max(ready, default=first.length))
    rates = {t.ref: max(1, -(-round(t.hours * UNIT) // weeks)) for t in through}  # per week, rounded up
    return _run(tasks, base, capacity, core_phase, rates=rates)


def _horizon(tasks: list[Task], ref: str) -> str:
    return next((t.horizon for t in tasks if t.ref == ref), "ready")
