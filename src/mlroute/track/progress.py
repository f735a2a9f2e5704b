"""How far along a person is: hours logged, items done, and the work that remains.

The scope is the current plan's items (less what was skipped) plus items finished under an earlier plan, so a
re-plan that drops finished work does not erase the progress it represents. Time logged on an unfinished item
counts towards it, up to the item's planned hours.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple


class LoggedSession(NamedTuple):
    day: date
    minutes: int
    item_id: str


@dataclass(frozen=True)
class Progress:
    hours_logged: float
    hours_total: float
    hours_remaining: float
    items_total: int
    items_done: int
    items_doing: int
    items_skipped: int
    fraction: float
    next: list[str]
    doing: list[str]


def minutes_by_item(sessions: Iterable[LoggedSession]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for s in sessions:
        out[s.item_id] += s.minutes
    return dict(out)


def plan_order(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Items in the order they are scheduled (start week, then end week, then plan order)."""
    indexed = list(enumerate(items))
    indexed.sort(key=lambda p: (p[1].get("week_start", 0), p[1].get("week_end", 0), p[0]))
    return [item for _, item in indexed]


def progress(
    items: list[dict[str, Any]],
    statuses: Mapping[str, str],
    sessions: Iterable[LoggedSession],
    known_hours: Mapping[str, float],
    *,
    next_count: int = 5,
) -> Progress:
    """``items``: the current plan's items; ``known_hours``: planned hours of every item any plan listed."""
    logged = minutes_by_item(sessions)
    in_plan = {it["id"]: float(it.get("hours", 0)) for it in items}
    scope: dict[str, float] = {i: h for i, h in in_plan.items() if statuses.get(i) != "skipped"}
    for item_id, status in statuses.items():
        if status == "done" and item_id not in scope:
            scope[item_id] = float(known_hours.get(item_id, 0))
    done = [i for i in scope if statuses.get(i) == "done"]
    remaining = sum(max(0.0, hours - logged.get(i, 0) / 60) for i, hours in scope.items() if statuses.get(i) != "done")
    total = sum(scope.values())
    ordered = [it["id"] for it in plan_order(items) if it["id"] in scope and statuses.get(it["id"]) != "done"]
    doing = [i for i in ordered if statuses.get(i) == "doing"]
    upcoming = doing + [i for i in ordered if i not in doing]
    return Progress(
        hours_logged=round(sum(logged.values()) / 60, 2),
        hours_total=round(total, 2),
        hours_remaining=round(remaining, 2),
        items_total=len(scope),
        items_done=len(done),
        items_doing=len(doing),
        items_skipped=sum(1 for s in statuses.values() if s == "skipped"),
        fraction=round((total - remaining) / total, 4) if total else 0.0,
        next=upcoming[:next_count],
        doing=doing,
    )
