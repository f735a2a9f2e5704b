"""The transition plan: the document a person brings to a 1:1 with their manager.

It says where they want to go (goals, target role), how (route, timeline, projects), what they ask for, and
what they have done so far (finished items, journal, evidence links). Built from a context dict that
``export.context`` assembles from the stored profile, plan and records.
"""

from __future__ import annotations

from typing import Any

from mlroute.export.document import Bullet, Document
from mlroute.export.practice import interview_section, quiz_levels_line

STATUS_MARK = {"done": "done", "doing": "in progress", "skipped": "skipped (known)", "todo": "planned"}


def _weeks(item: dict[str, Any]) -> str:
    a, b = item.get("week_start"), item.get("week_end")
    return f"{a}" if a == b else f"{a}–{b}"


def _band(eta: dict[str, Any]) -> str:
    return f"{eta['p50']:g} weeks (likely range {eta['p10']:g}–{eta['p90']:g})"


def _some(names: list[str], limit: int = 8) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _first_sentence(text: str) -> str:
    head, sep, _ = text.partition(". ")
    return head + "." if sep else text


def manager_asks(ctx: dict[str, Any]) -> list[str]:
    """What the plan needs from a manager, derived from the plan itself."""
    person = ctx["person"]
    asks: list[str] = []
    hours = person.get("hours_per_week")
    if hours:
        asks.append(
            f"Protected learning time: {hours:g} h a week (about {hours / 5:.1f} h per working day), "
            "kept free of meetings where possible."
        )
    for it in ctx["items"]:
        if it["kind"] == "project" and it["status"] != "skipped":
            asks.append(
                f'A real problem from our team for the portfolio project "{it["title"]}" '
                f"(weeks {_weeks(it)}, from {it['start_date']}), and a reviewer for its write-up."
            )
    for it in ctx["items"]:
        # Only the career steps that need the employer are asks; the rest are the person's own work.
        if it["kind"] == "career_action" and it.get("requires_employer") and it["status"] not in ("done", "skipped"):
            asks.append(f'Your support for "{it["title"]}" around {it["start_date"]} (week {it["week_start"]}).')
    cost = sum(float(it.get("cost_usd") or 0) for it in ctx["items"] if it["status"] != "skipped")
    if cost > 0:
        asks.append(f"A learning budget of about ${cost:,.0f} for paid resources in the plan.")
    if ctx["milestones"]:
        weeks = ", ".join(str(w) for w in sorted({m["week"] for m in ctx["milestones"]}))
        asks.append(f"A short check-in at each milestone (weeks {weeks}) to review evidence and adjust the plan.")
    return asks


def transition_plan(ctx: dict[str, Any]) -> Document:
    person, role = ctx["person"], ctx["role"]
    name = person.get("name") or "Me"
    doc = Document(f"Transition plan: {name} → {role['name']}", lang=ctx.get("lang", "en"))
    doc.p(f"Prepared on {ctx['generated_on']} with mlroute, for a 1:1 conversation about my move into {role['name']}.")
    for section in (_goals, _start, _route, _timeline, _projects, _asks, _evidence, interview_section, _item_by_item):
        section(doc, ctx)
    return doc


def _goals(doc: Document, ctx: dict[str, Any]) -> None:
    person, role, eta = ctx["person"], ctx["role"], ctx["eta"]
    doc.h(1, "Goals")
    goals = [
        f"Target role: {role['name']}.",
        f"Ready in {_band(eta['now'])}: around {eta['dates']['p50']} "
        f"(between {eta['dates']['p10']} and {eta['dates']['p90']}).",
        f"Study time: {person.get('hours_per_week', 0):g} h a week from {person.get('start_date')}.",
    ]
    if person.get("interests"):
        goals.append("Domains I want to work in: " + ", ".join(person["interests"]) + ".")
    doc.ul(goals)


def _start(doc: Document, ctx: dict[str, Any]) -> None:
    person = ctx["person"]
    doc.h(1, "Where I start")
    start = [f"Background: {person.get('background', 'other').replace('_', ' ')}"]
    if person.get("years_experience"):
        start[0] += f", {person['years_experience']:g} years of experience"
    start[0] += "."
    if person.get("strengths"):
        start.append("Strengths to build on: " + ", ".join(person["strengths"]) + ".")
    if ctx.get("gaps"):
        start.append("Main gaps: " + ", ".join(ctx["gaps"]) + ".")
    if quiz_levels_line(ctx):
        start.append(str(quiz_levels_line(ctx)))
    doc.ul(start)


def _route(doc: Document, ctx: dict[str, Any]) -> None:
    doc.h(1, "Route")
    route = ctx["route"]
    doc.p(route["name"] + (f": {route['reason']}" if route.get("reason") else "."))
    if route.get("phases"):
        doc.ul(route["phases"])


def _timeline(doc: Document, ctx: dict[str, Any]) -> None:
    eta = ctx["eta"]
    doc.h(1, "Timeline")
    doc.p(f"Estimated time to ready: {_band(eta['now'])}. At the start the estimate was {_band(eta['initial'])}.")
    if ctx["milestones"]:
        doc.table(
            ["Week", "Date", "Milestone", "Skills"],
            [[str(m["week"]), m["date"], m["title"], _some(m["skills"])] for m in ctx["milestones"]],
            [0.08, 0.14, 0.33, 0.45],
        )


def _projects(doc: Document, ctx: dict[str, Any]) -> None:
    doc.h(1, "Projects")
    projects = [it for it in ctx["items"] if it["kind"] == "project"]
    if not projects:
        doc.p("No portfolio project is planned yet.")
        return
    doc.table(
        ["Weeks", "Project", "Hours", "Skills shown", "Status"],
        [
            [_weeks(p), p["title"], f"{p['hours']:g}", ", ".join(p["closes"]), STATUS_MARK[p["status"]]]
            for p in projects
        ],
        [0.1, 0.3, 0.08, 0.37, 0.15],
    )
    for p in projects:
        if p.get("why"):
            doc.p(f"{p['title']}: {_first_sentence(p['why'])}")


def _asks(doc: Document, ctx: dict[str, Any]) -> None:
    doc.h(1, "What I ask of my manager")
    doc.ul(manager_asks(ctx))


def _evidence(doc: Document, ctx: dict[str, Any]) -> None:
    doc.h(1, "Evidence so far")
    prog = ctx["progress"]
    doc.p(
        f"{prog['hours_logged']:g} h of study logged, {prog['items_done']} of {prog['items_total']} items done "
        f"({prog['progress']:.0%} of the planned work)."
    )
    ev = ctx["evidence"]
    if ev["done"]:
        doc.h(2, "Finished")
        doc.ul([f"{d['title']} ({d['date']})" for d in ev["done"]])
    if ev["links"]:
        doc.h(2, "Links")
        doc.ul([Bullet(f"{link['kind']}: {link['title'] or link['url']}", url=link["url"]) for link in ev["links"]])
    if ev["journal"]:
        doc.h(2, "From my learning journal")
        doc.ul([f"{j['day']} · {j['kind']}: {j['text']}" for j in ev["journal"]])
    if not (ev["done"] or ev["links"] or ev["journal"]):
        doc.p("Nothing recorded yet: this section fills in as I log study, finish items and keep my journal.")


def _item_by_item(doc: Document, ctx: dict[str, Any]) -> None:
    doc.h(1, "The plan, item by item")
    doc.table(
        ["Weeks", "Item", "Kind", "Hours", "Status"],
        [
            [_weeks(it), it["title"], it["kind"].replace("_", " "), f"{it['hours']:g}", STATUS_MARK[it["status"]]]
            for it in ctx["items"]
        ],
        [0.1, 0.5, 0.15, 0.08, 0.17],
    )
