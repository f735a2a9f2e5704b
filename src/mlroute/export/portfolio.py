"""The portfolio checklist: for each planned project, what a hiring team will look for, and the evidence so far.

Rubric lines come from the knowledge base's project templates; a line is ticked only when the person has
attached evidence to the project, because a checklist that ticks itself proves nothing.
"""

from __future__ import annotations

from typing import Any

from mlroute.export.document import Bullet, Document
from mlroute.export.practice import interview_section, quiz_levels_section

STATUS = {"done": "done", "doing": "in progress", "skipped": "skipped", "todo": "not started"}


def portfolio(ctx: dict[str, Any]) -> Document:
    person = ctx["person"]
    title = "Portfolio checklist" + (f": {person['name']}" if person.get("name") else "")
    doc = Document(title, lang=ctx.get("lang", "en"))
    doc.p(
        f"Generated on {ctx['generated_on']}. Depth over number: one or two finished, deployed and written-up "
        "projects say more than many notebooks."
    )
    if not ctx["projects"]:
        doc.p("The current plan has no portfolio project. Re-plan or add one with preferences.include.")
    for p in ctx["projects"]:
        doc.h(1, p["title"])
        doc.ul(
            [
                f"Status: {STATUS[p['status']]} · weeks {p['week_start']}–{p['week_end']} · {p['hours']:g} h planned.",
                "Skills it shows: " + (", ".join(p["skills"]) or "—") + ".",
            ]
        )
        has_evidence = bool(p["evidence"])
        if p["rubric"]:
            doc.h(2, "What reviewers check")
            doc.ul([Bullet(line, checked=has_evidence and p["status"] == "done") for line in p["rubric"]])
        doc.h(2, "Evidence")
        if has_evidence:
            doc.ul([Bullet(f"{e['kind']}: {e['title'] or e['url']}", url=e["url"]) for e in p["evidence"]])
        else:
            doc.p(f"None yet. Add it with: mlroute evidence add URL --item {p['id']}")
    if ctx["other_links"]:
        doc.h(1, "Other evidence")
        doc.ul([Bullet(f"{e['kind']}: {e['title'] or e['url']}", url=e["url"]) for e in ctx["other_links"]])
    quiz_levels_section(doc, ctx)
    interview_section(doc, ctx)
    if ctx["career"]:
        doc.h(1, "Visibility")
        doc.ul([Bullet(f"{c['title']} (week {c['week_start']})", checked=c["status"] == "done") for c in ctx["career"]])
    return doc
