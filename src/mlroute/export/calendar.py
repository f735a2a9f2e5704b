"""Study blocks as an iCalendar file: each plan week's hours split into evening blocks, plus milestones.

Times are floating (no time zone), so 19:00 stays 19:00 wherever the calendar app is. UIDs are stable for a
plan version, so importing the same export twice updates events instead of duplicating them.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from mlroute.export.escape import ics_line, ics_text


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


def calendar_ics(
    weeks: list[dict[str, Any]],
    milestones: list[dict[str, Any]],
    *,
    plan_version: int,
    at: time,
    block_hours: float,
    now: datetime,
    title: str,
) -> bytes:
    """``weeks``: [{week, start (date), hours, items: [titles]}]; ``milestones``: [{id, title, date, skills}]."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//mlroute//study plan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", ics_line(title))
    for week in weeks:
        blocks = blocks_for_week(float(week["hours"]), block_hours)
        titles: list[str] = week["items"]
        summary = (
            "Study: " + (titles[0] if titles else "plan week") + (f" (+{len(titles) - 1})" if len(titles) > 1 else "")
        )
        description = f"Week {week['week']} of your mlroute plan, {week['hours']:g} h:\n" + "\n".join(
            f"• {t}" for t in titles
        )
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
        day: date = m["date"]
        ev = Event()
        ev.add("uid", f"mlroute-plan{plan_version}-{m['id']}@mlroute")
        ev.add("dtstamp", now)
        ev.add("dtstart", day)
        ev.add("dtend", day + timedelta(days=1))
        ev.add("summary", ics_line(f"Milestone: {m['title']}"))
        if m.get("skills"):
            ev.add("description", ics_text("Skills: " + ", ".join(m["skills"])))
        ev.add("categories", ["mlroute", "milestone"])
        cal.add_component(ev)
    data: bytes = cal.to_ical()
    return data
