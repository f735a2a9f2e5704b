"""What a re-plan changed, and why: items added, removed and moved, and the ETA before and after.

Weeks are compared on one calendar: each plan's weeks are shifted by the weeks between the first plan's start
and its own start, so an item that stays put on the calendar is not reported as moved.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def _reason_removed(item_id: str, statuses: Mapping[str, str]) -> str:
    status = statuses.get(item_id)
    if status == "done":
        return "done"
    if status == "skipped":
        return "skipped: you already know it"
    return "no longer needed: its gaps are covered by what is done or by other items"


def diff(
    before: dict[str, Any],
    before_offset: int,
    after: dict[str, Any],
    after_offset: int,
    statuses: Mapping[str, str],
) -> dict[str, list[dict[str, Any]]]:
    """``*_offset``: weeks from the first plan's start to this plan's week 1."""
    old = {it["id"]: it for it in before.get("items", [])}
    new = {it["id"]: it for it in after.get("items", [])}
    added = [
        {
            "id": i,
            "title": it.get("title", i),
            "week": it.get("week_start", 0) + after_offset,
            "why": it.get("why", ""),
        }
        for i, it in new.items()
        if i not in old
    ]
    removed = [
        {"id": i, "title": it.get("title", i), "why": _reason_removed(i, statuses)}
        for i, it in old.items()
        if i not in new
    ]
    moved = []
    for i, it in new.items():
        if i not in old:
            continue
        was = old[i].get("week_start", 0) + before_offset
        now = it.get("week_start", 0) + after_offset
        if was != now:
            moved.append(
                {
                    "id": i,
                    "title": it.get("title", i),
                    "from_week": was,
                    "to_week": now,
                    "why": f"{'later' if now > was else 'earlier'} by {abs(now - was)} week(s)",
                }
            )
    moved.sort(key=lambda m: (-abs(m["to_week"] - m["from_week"]), m["to_week"], m["id"]))
    return {"added": added, "removed": removed, "moved": moved}


def reasons(
    *,
    pace: float | None,
    planned: float,
    done: int,
    skipped: int,
    kb_before: str,
    kb_after: str,
) -> list[str]:
    """The causes of a re-plan's changes, in words."""
    out: list[str] = []
    if pace is not None and abs(pace - planned) >= 0.05 * planned:
        direction = "slower" if pace < planned else "faster"
        out.append(
            f"observed pace {pace:.1f} h/week is {direction} than the planned {planned:g} h/week, "
            "so the schedule is re-packed at the observed pace"
        )
    elif pace is not None:
        out.append(f"observed pace {pace:.1f} h/week is on plan ({planned:g} h/week)")
    if done:
        out.append(f"{done} item(s) done: kept in your history, their skills count as covered")
    if skipped:
        out.append(f"{skipped} item(s) skipped as already known: their skills count as covered")
    if kb_before != kb_after:
        out.append(f"knowledge base updated from {kb_before} to {kb_after}")
    return out
