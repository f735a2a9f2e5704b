"""Study blocks as an iCalendar file: the hours each plan week still has to study, as evening blocks; milestones.

Done and skipped items are not scheduled: a week loses their hours, and a week with nothing left has no blocks.

Times are floating (no time zone), so 19:00 stays 19:00 wherever the calendar app is. UIDs are stable for a
plan version, so importing the same export twice updates events instead of duplicating them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

from mlroute.export.escape import ics_line, ics_text
from mlroute.export.names import Names
from mlroute.export.words import listing, tr
from mlroute.track.journey import Journey
from mlroute.track.weeks import week_start


def blocks_for_week(hours: float, block_hours: float) -> list[float]:
    """Split a week's hours into at most seven blocks of about ``block_hours`` (rounded to 15 minutes)."""
    if hours <= 0:
        return []
    count = min(7, max(1, round(hours / block_hours)))
    quarter_hours = round(hours * 4)
    base, extra = divmod(quarter_hours, count)
    return [(base + (1 if i < extra else 0)) / 4 for i in range(count) if base + (1 if i < extra else 0) > 0]


def day_offsets(count: int) -> list[int]:
    """Spread ``count`` blocks over the seven days of a week, as evenly as possible."""
    return [int(i * 7 / count) for i in range(count)]


def remaining_hours(
    week: Mapping[str, Any], items: Mapping[str, Mapping[str, Any]], finished: set[str]
) -> dict[str, float]:
    """A plan week's hours by item, less the items already done or skipped.

    The planner's ``allocation`` says how many of the week's hours each item takes; a plan without it (an older
    document) shares the week's hours among its items by their hours per week.
    """
    alloc = week.get("allocation")
    if isinstance(alloc, dict) and alloc:
        shares = {str(i): float(h) for i, h in alloc.items()}
    else:
        ids = [str(i) if isinstance(i, str) else str(i.get("id")) for i in week.get("items", [])]
        spans = {i: items.get(i, {}) for i in ids}
        per_week = {
            i: float(it.get("hours", 0)) / max(1, int(it.get("week_end", 1)) - int(it.get("week_start", 1)) + 1)
            for i, it in spans.items()
        }
        total = sum(per_week.values())
        hours = float(week.get("hours", 0))
        shares = {i: hours * h / total for i, h in per_week.items()} if total else {}
    return {i: h for i, h in shares.items() if i not in finished and h > 0}


def study_weeks(journey: Journey, names: Names) -> list[dict[str, Any]]:
    """The current plan's weeks on the journey's calendar, each with the hours and titles of what is not finished
    yet (largest first): [{week, start, hours, items}]. A week whose items are all finished is left out."""
    base, offset = journey.first.starts_on, journey.offset
    finished = {i for i, s in journey.statuses.items() if s in ("done", "skipped")}
    out = []
    for w in journey.plan.data.get("weeks", []):
        left = remaining_hours(w, journey.items, finished)
        if not left:
            continue
        week = int(w["week"]) + offset
        order = sorted(left, key=lambda i: (-left[i], i))
        out.append(
            {
                "week": week,
                "start": week_start(base, week),
                "hours": round(sum(left.values()), 2),
                "items": [names.item(journey.items.get(i, {"id": i})) for i in order],
            }
        )
    return out


def calendar_ics(
    weeks: list[dict[str, Any]],
    milestones: list[dict[str, Any]],
    *,
    plan_version: int,
    at: time,
    block_hours: float,
    now: datetime,
    title: str,
    lang: str = "en",
) -> bytes:
    """``weeks``: [{week, start (date), hours, items: [titles, largest first]}]; ``milestones``: [{id, title, date,
    skills, note?}]."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//mlroute//study plan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", ics_line(title))
    for week in weeks:
        blocks = blocks_for_week(float(week["hours"]), block_hours)
        titles: list[str] = week["items"]
        more = tr(lang, "cal.more", n=len(titles) - 1) if len(titles) > 1 else ""
        summary = tr(lang, "cal.study", title=titles[0] if titles else tr(lang, "cal.plan")) + more
        description = tr(lang, "cal.week", n=week["week"], h=week["hours"]) + "\n" + "\n".join(f"• {t}" for t in titles)
        for n, (offset, length) in enumerate(zip(day_offsets(len(blocks)), blocks, strict=True)):
            start = datetime.combine(week["start"] + timedelta(days=offset), at)
            ev = Event()
            ev.add("uid", f"mlroute-plan{plan_version}-w{week['week']}-b{n + 1}@mlroute")
            ev.add("dtstamp", now)
            ev.add("dtstart", start)
            ev.add("dtend", start + timedelta(hours=length))
            ev.add("summary", ics_line(summary))
            ev.add("description", ics_text(description))
            ev.add("categories", ["mlroute", "study"])
            cal.add_component(ev)
    for m in milestones:
        cal.add_component(_milestone_event(m, plan_version, now, lang))
    data: bytes = cal.to_ical()
    return data


def _milestone_event(m: Mapping[str, Any], plan_version: int, now: datetime, lang: str) -> Any:
    from icalendar import Event

    day: date = m["date"]
    ev = Event()
    ev.add("uid", f"mlroute-plan{plan_version}-{m['id']}@mlroute")
    ev.add("dtstamp", now)
    ev.add("dtstart", day)
    ev.add("dtend", day + timedelta(days=1))
    ev.add("summary", ics_line(tr(lang, "cal.milestone", title=m["title"])))
    lines = [tr(lang, "cal.skills", list=listing(m["skills"], lang, 12))] if m.get("skills") else []
    if m.get("note"):
        lines.append(str(m["note"]))
    if lines:
        ev.add("description", ics_text("\n".join(lines)))
    ev.add("categories", ["mlroute", "milestone"])
    return ev
