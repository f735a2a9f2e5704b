"""The learning log: week by week, what was studied, finished, noticed and shown — evidence for a review.

Performance reviews and promotion cases ask for dated evidence; this document is that record, built from the
stored sessions, statuses, journal entries and evidence links (the context comes from ``export.context``).
"""

from __future__ import annotations

from typing import Any

from mlroute.export.document import Bullet, Document
from mlroute.track.duration import format_minutes


def learning_log(ctx: dict[str, Any]) -> Document:
    person, totals = ctx["person"], ctx["totals"]
    name = person.get("name") or "My"
    owner = f"{name}'s" if person.get("name") else name
    doc = Document(f"{owner} learning log: towards {ctx['role']['name']}", lang=ctx.get("lang", "en"))
    if not ctx["weeks"]:
        doc.p(f"Generated on {ctx['generated_on']}. Nothing logged yet: start with mlroute log 1h --item ID")
        return doc
    doc.p(f"Generated on {ctx['generated_on']}, covering {ctx['period']['from']} to {ctx['period']['to']}.")
    doc.ul(
        [
            f"{totals['hours']:g} h of study in {totals['sessions']} sessions over {len(ctx['weeks'])} week(s) "
            f"with study ({totals['hours_per_week']:g} h a week on average).",
            f"{totals['items_done']} item(s) finished; {totals['journal']} journal entries; "
            f"{totals['links']} evidence link(s).",
            f"Longest streak: {totals['longest_days']} day(s) in a row, {totals['longest_weeks']} week(s) in a row.",
        ]
    )
    for week in ctx["weeks"]:
        planned = f" of {week['planned_hours']:g} h planned" if week.get("planned_hours") else ""
        doc.h(1, f"Week {week['week']} · {week['from']} to {week['to']} · {week['hours']:g} h{planned}")
        if week["sessions"]:
            doc.table(
                ["Date", "Item", "Time", "Note"],
                [[s["day"], s["title"], format_minutes(s["minutes"]), s["note"] or ""] for s in week["sessions"]],
                [0.14, 0.38, 0.1, 0.38],
            )
        if week["finished"]:
            doc.h(2, "Finished")
            doc.ul(
                [
                    f"{f['title']} ({f['status']}{', ' + f['reason'] if f.get('reason') else ''})"
                    for f in week["finished"]
                ]
            )
        if week["journal"]:
            doc.h(2, "Journal")
            doc.ul(
                [
                    f"{j['day']} · {j['kind']}: {j['text']}"
                    + ("  " + " ".join(f"#{t}" for t in j["tags"]) if j["tags"] else "")
                    for j in week["journal"]
                ]
            )
        if week["links"]:
            doc.h(2, "Evidence")
            doc.ul(
                [Bullet(f"{link['kind']}: {link['title'] or link['url']}", url=link["url"]) for link in week["links"]]
            )
    return doc
