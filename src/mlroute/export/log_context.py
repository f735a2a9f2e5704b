"""What the learning log says: sessions, finished items, journal entries and links, week by week.

Weeks are journey weeks from the first plan's start, numbered as ``mlroute status`` numbers them; anything
recorded before that start is grouped as "before the plan". A week's planned hours come from the plan version that
was in force that week (``planned_hours``), so a re-plan does not rewrite what an earlier week asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from mlroute.export.context import finished_on, link, person, role
from mlroute.export.names import Names
from mlroute.track.journey import Journey, PlanVersion
from mlroute.track.streak import streak
from mlroute.track.weeks import week_of, week_start

BEFORE = 0  # the bucket of everything recorded before week 1


def planned_hours(plans: Iterable[PlanVersion], first_start: date) -> dict[int, float]:
    """Journey week → the hours the plan in force that week planned (later versions replace earlier ones from their
    own start on)."""
    out: dict[int, float] = {}
    for p in sorted(plans, key=lambda v: v.version):
        offset = (p.starts_on - first_start).days // 7
        for w in p.data.get("weeks", []):
            out[int(w.get("week", 0)) + offset] = float(w.get("hours", 0))
    return out


def planned_average(planned: Mapping[int, float], weeks_so_far: int, stated: float) -> float:
    """The hours a week the plans asked for over the journey's weeks so far (the stated hours before any)."""
    asked = [planned.get(w, 0.0) for w in range(1, weeks_so_far + 1)]
    return round(sum(asked) / len(asked), 1) if asked else stated


def _bucket(weeks: dict[int, dict[str, Any]], base: date, day: date, planned: Mapping[int, float]) -> dict[str, Any]:
    w = max(BEFORE, week_of(base, day))
    if w not in weeks:
        first = week_start(base, w) if w else day
        weeks[w] = {
            "week": w,
            "from": first.isoformat(),
            "to": (first + timedelta(6) if w else base - timedelta(1)).isoformat(),
            "hours": 0.0,
            "planned_hours": planned.get(w) if w else None,
            **{key: [] for key in ("sessions", "finished", "journal", "links")},
        }
    elif not w and day.isoformat() < weeks[w]["from"]:
        weeks[w]["from"] = day.isoformat()
    return weeks[w]


def log_weeks(journey: Journey, names: Names, planned: Mapping[int, float]) -> dict[int, dict[str, Any]]:
    """Sessions, finished items, journal entries and links, bucketed by journey week (0: before the plan)."""
    base = journey.first.starts_on
    weeks: dict[int, dict[str, Any]] = {}
    for x in sorted(journey.sessions, key=lambda s: s.day):
        b = _bucket(weeks, base, x.day, planned)
        title = names.item(journey.items.get(x.item_id, {"id": x.item_id}))
        b["sessions"].append({"day": x.day.isoformat(), "title": title, "minutes": x.minutes, "note": x.note})
        b["hours"] = round(b["hours"] + x.minutes / 60, 2)
    for item_id in journey.statuses:
        day = finished_on(journey, item_id)
        if day:
            _bucket(weeks, base, date.fromisoformat(day), planned)["finished"].append(
                {
                    "title": names.item(journey.items.get(item_id, {"id": item_id})),
                    "status": journey.status(item_id),
                    "reason": journey.reasons.get(item_id),
                }
            )
    for j in journey.journal:
        _bucket(weeks, base, j.day, planned)["journal"].append(
            {"day": j.day.isoformat(), "kind": j.kind, "text": j.text, "tags": j.tags}
        )
    for e in journey.links:
        _bucket(weeks, base, e.created_at.date(), planned)["links"].append(link(e))
    return weeks


def learning_log_context(
    journey: Journey, status: Mapping[str, Any], names: Names, planned: Mapping[int, float], *, today: date
) -> dict[str, Any]:
    """``status``: what ``mlroute status --json`` prints for the same day; its ``week`` is the journey week of
    ``today``, so the weeks before it are the full weeks the averages count."""
    weeks = log_weeks(journey, names, planned)
    base = journey.first.starts_on
    sessions = journey.sessions
    full_weeks = max(0, int(status["week"]) - 1)  # the weeks of the journey before this one
    this_week = week_start(base, full_weeks + 1)
    in_full_weeks = sum(x.minutes for x in sessions if base <= x.day < this_week) / 60
    st = streak((x.day for x in sessions), today)
    days = [x.day for x in sessions] + [j.day for j in journey.journal]
    return {
        "lang": names.lang,
        "generated_on": today.isoformat(),
        "person": person(journey, names),
        "role": role(journey, names),
        "period": {"from": min(days).isoformat() if days else "", "to": max(days).isoformat() if days else ""},
        "totals": {
            "hours": round(sum(x.minutes for x in sessions) / 60, 2),
            "sessions": len(sessions),
            "full_weeks": full_weeks,
            "hours_in_full_weeks": round(in_full_weeks, 2),
            "hours_before": round(sum(x.minutes for x in sessions if x.day < base) / 60, 2),
            "hours_per_week": round(in_full_weeks / full_weeks, 1) if full_weeks else 0.0,
            "planned_per_week": planned_average(planned, full_weeks, float(status["pace"]["planned"])),
            "items_done": sum(1 for s in journey.statuses.values() if s == "done"),
            "items_skipped": sum(1 for s in journey.statuses.values() if s == "skipped"),
            "journal": len(journey.journal),
            "links": len(journey.links),
            "longest_days": st.longest_days,
            "longest_weeks": st.longest_weeks,
        },
        "weeks": [weeks[k] for k in sorted(weeks)],
    }
