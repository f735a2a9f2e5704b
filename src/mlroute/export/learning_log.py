"""The learning log: week by week, what was studied, finished, noticed and shown — evidence for a review.

Performance reviews and promotion cases ask for dated evidence; this document is that record, built from the
stored sessions, statuses, journal entries and evidence links (the context comes from ``export.log_context``).
Weeks are the journey's, numbered as ``mlroute status`` numbers them; what came before week 1 is shown as such.
"""

from __future__ import annotations

from typing import Any

from mlroute.export.document import Bullet, Document
from mlroute.export.lines import journal_text, link_text, status_text
from mlroute.export.words import cells, count, duration, tr


def learning_log(ctx: dict[str, Any]) -> Document:
    lang, person, totals = ctx["lang"], ctx["person"], ctx["totals"]
    if person.get("name"):
        title = tr(lang, "ll.title", name=person["name"], role=ctx["role"])
    else:
        title = tr(lang, "ll.title_mine", role=ctx["role"])
    doc = Document(title, lang=lang)
    if not ctx["weeks"]:
        doc.p(tr(lang, "ll.empty", date=ctx["generated_on"]))
        return doc
    doc.p(tr(lang, "ll.period", date=ctx["generated_on"], a=ctx["period"]["from"], b=ctx["period"]["to"]))
    lines = [tr(lang, "ll.hours", h=totals["hours"], sessions=count(lang, totals["sessions"], "session"))]
    if totals["full_weeks"]:
        lines.append(
            tr(
                lang,
                "ll.pace",
                weeks=count(lang, totals["full_weeks"], "week") if totals["full_weeks"] > 1 or lang == "zh" else "week",
                h=totals["hours_in_full_weeks"],
                avg=totals["hours_per_week"],
                planned=totals["planned_per_week"],
            )
        )
    if totals["hours_before"]:
        lines.append(tr(lang, "ll.before_total", h=totals["hours_before"]))
    lines.append(
        tr(
            lang,
            "ll.items",
            done=totals["items_done"],
            skipped=totals["items_skipped"],
            journal=count(lang, totals["journal"], "journal"),
            links=count(lang, totals["links"], "link"),
        )
    )
    days, weeks = count(lang, totals["longest_days"], "day"), count(lang, totals["longest_weeks"], "week")
    lines.append(tr(lang, "ll.streak", days=days, weeks=weeks))
    doc.ul(lines)
    for week in ctx["weeks"]:
        _week(doc, lang, week)
    return doc


def _week(doc: Document, lang: str, week: dict[str, Any]) -> None:
    if week["week"]:
        planned = tr(lang, "ll.planned", p=round(week["planned_hours"], 1)) if week.get("planned_hours") else ""
        heading = tr(lang, "ll.week", n=week["week"], a=week["from"], b=week["to"], h=week["hours"], planned=planned)
    else:
        heading = tr(lang, "ll.before", a=week["from"], b=week["to"], h=week["hours"])
    doc.h(1, heading)
    if week["sessions"]:
        doc.table(
            cells(lang, "ll.header"),
            [[s["day"], s["title"], duration(lang, s["minutes"]), s["note"] or ""] for s in week["sessions"]],
            [0.14, 0.36, 0.15, 0.35],
        )
    if week["finished"]:
        doc.h(2, tr(lang, "ll.finished"))
        doc.ul([tr(lang, "e.finished", title=f["title"], what=status_text(lang, f)) for f in week["finished"]])
    if week["journal"]:
        doc.h(2, tr(lang, "ll.journal"))
        doc.ul(
            [
                journal_text(lang, j) + ("  " + " ".join(f"#{t}" for t in j["tags"]) if j["tags"] else "")
                for j in week["journal"]
            ]
        )
    if week["links"]:
        doc.h(2, tr(lang, "ll.evidence"))
        doc.ul([Bullet(link_text(lang, e), url=e["url"]) for e in week["links"]])
