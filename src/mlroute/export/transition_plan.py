"""The transition plan: the document a person brings to a 1:1 with their manager, or, without an employer, shares
with a mentor or study partner.

It says where they want to go (goals, target role, the one ETA), how (route, timeline, projects), what they ask
for and promise (``export.asks``), and what they have done so far, finished items included. Built from a context
dict that ``export.context`` assembles; every fixed word comes from ``export.words`` in the document's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mlroute.export.asks import asks, promises
from mlroute.export.document import Bullet, Document
from mlroute.export.lines import journal_text, link_text, status_text
from mlroute.export.practice import interview_section, quiz_levels_line
from mlroute.export.words import cells, listing, tr, weeks
from mlroute.plan.words import sentence_end


def hours_text(lang: str, row: Mapping[str, Any]) -> str:
    return tr(lang, "at_work") if row.get("at_work") else f"{row['hours']:g}"


def transition_plan(ctx: dict[str, Any]) -> Document:
    lang, person, role = ctx["lang"], ctx["person"], ctx["role"]
    doc = Document(tr(lang, "tp.title", name=person.get("name") or tr(lang, "tp.me"), role=role), lang=lang)
    doc.p(tr(lang, f"tp.intro.{ctx['reader']}", date=ctx["generated_on"], role=role))
    sections = (_goals, _start, _route, _timeline, _projects, _asks, _promises, _evidence, interview_section)
    for section in (*sections, _item_by_item):
        section(doc, ctx)
    return doc


def _hours(lang: str, person: Mapping[str, Any]) -> str:
    total, at_work = float(person["hours_per_week"]), float(person["hours_at_work"])
    if not person["has_employer"]:
        return tr(lang, "g.hours.full" if total >= 35 else "g.hours.free", h=total)
    if at_work <= 0:
        return tr(lang, "g.hours.own", h=total)
    if at_work >= total:
        return tr(lang, "g.hours.work", h=total)
    return tr(lang, "g.hours.split", h=total, w=at_work, o=total - at_work)


def _goals(doc: Document, ctx: dict[str, Any]) -> None:
    lang, person, eta = ctx["lang"], ctx["person"], ctx["eta"]
    ready, dates = eta["ready"], eta["ready_dates"]
    doc.h(1, tr(lang, "h.goals"))
    goals = [
        tr(lang, "g.role", role=ctx["role"]),
        tr(lang, "g.ready", **{b: ready[b] for b in ready}, **{"d" + b[1:]: dates[b] for b in dates}),
    ]
    if eta["grow"]["p50"] > ready["p50"]:
        goals.append(tr(lang, "g.grow", p50=eta["grow"]["p50"], d50=eta["grow_dates"]["p50"]))
    goals.append(_hours(lang, person))
    if person.get("interests"):
        goals.append(tr(lang, "g.domains", list=listing(person["interests"], lang, 6)))
    doc.ul(goals)
    doc.p(tr(lang, "g.counted", start=person["start_date"]))


def _start(doc: Document, ctx: dict[str, Any]) -> None:
    lang, person = ctx["lang"], ctx["person"]
    doc.h(1, tr(lang, "h.start"))
    years = person.get("years_experience") or 0
    key = "s.background_years" if years else "s.background"
    start = [tr(lang, key, bg=person["background"], y=years)]
    if person.get("strengths"):
        start.append(tr(lang, "s.strengths", list=listing(person["strengths"], lang, 8)))
    if ctx.get("gaps"):
        start.append(tr(lang, "s.gaps", list=listing(ctx["gaps"], lang, 8)))
    quizzed = quiz_levels_line(ctx)
    if quizzed:
        start.append(quizzed)
    doc.ul(start)


def _route(doc: Document, ctx: dict[str, Any]) -> None:
    lang, route = ctx["lang"], ctx["route"]
    doc.h(1, tr(lang, "h.route"))
    phases = route["phases"]
    if not phases:
        doc.p(sentence_end(route["name"], lang))
    else:
        doc.p(tr(lang, "r.phases", route=route["name"], n=len(phases)))
        lines = []
        for p in phases:
            when = weeks(lang, *p["weeks"]) if p["weeks"] else ""
            lines.append(
                tr(lang, "r.phase", name=p["name"], weeks=when) if when else tr(lang, "r.known", name=p["name"])
            )
        doc.ul(lines)
    if route.get("reason"):
        doc.p(tr(lang, "r.why", reason=route["reason"]))


def _timeline(doc: Document, ctx: dict[str, Any]) -> None:
    lang, eta = ctx["lang"], ctx["eta"]
    doc.h(1, tr(lang, "h.timeline"))
    pace = eta.get("observed_pace")
    note = tr(lang, "t.schedule", h=ctx["schedule_hours"], pace=tr(lang, "t.pace", p=pace) if pace else "")
    ready_week = next((m["week"] for m in ctx["milestones"] if m["id"] == "ready"), None)
    if ready_week is not None and ready_week != eta["ready"]["p50"]:
        note += " " + tr(lang, "t.schedule_ready", w=ready_week)
    if eta["initial"] != eta["ready"]:
        note += " " + tr(lang, "t.initial", **eta["initial"])
    doc.p(note.replace("。 ", "。"))
    if ctx["milestones"]:
        doc.table(
            cells(lang, "t.header"),
            [
                [str(m["week"]), m["date"], _milestone_title(lang, m, eta), listing(m["skills"], lang, 8)]
                for m in ctx["milestones"]
            ],
            [0.1, 0.14, 0.34, 0.42],
        )


def _milestone_title(lang: str, m: Mapping[str, Any], eta: Mapping[str, Any]) -> str:
    """Ready to apply and keep growing carry the forecast beside their schedule week."""
    if m["id"] == "ready":
        return tr(lang, "t.forecast", title=m["title"], **eta["ready"])
    if m["id"] == "grow":
        return tr(lang, "t.forecast_grow", title=m["title"], p50=eta["grow"]["p50"])
    return str(m["title"])


def _projects(doc: Document, ctx: dict[str, Any]) -> None:
    lang = ctx["lang"]
    doc.h(1, tr(lang, "h.projects"))
    projects = [it for it in ctx["items"] if it["kind"] == "project"]
    if not projects:
        doc.p(tr(lang, "p.none"))
        return
    rows = []
    for p in projects:
        span = weeks(lang, p["week_start"], p["week_end"])
        if p["horizon"] == "grow":
            span += f" ({tr(lang, 'after_switch')})" if lang == "en" else f"（{tr(lang, 'after_switch')}）"
        rows.append([span, p["title"], f"{p['hours']:g}", listing(p["closes"], lang, 6), status_text(lang, p)])
    doc.table(cells(lang, "p.header"), rows, [0.14, 0.3, 0.08, 0.3, 0.18])
    for p in projects:
        text = p.get("summary") or (_first_sentence(p["why"]) if ctx.get("plan_lang") == lang else "")
        if text:
            doc.p(tr(lang, "p.flagship" if p.get("flagship") else "p.summary", title=p["title"], text=text))


def _first_sentence(text: str) -> str:
    head, sep, _ = text.partition(". ")
    return head + "." if sep else text


def _asks(doc: Document, ctx: dict[str, Any]) -> None:
    lang = ctx["lang"]
    doc.h(1, tr(lang, f"h.asks.{ctx['reader']}"))
    intro, items = asks(ctx)
    if intro:
        doc.p(intro)
    if items:
        doc.ul(items)


def _promises(doc: Document, ctx: dict[str, Any]) -> None:
    doc.h(1, tr(ctx["lang"], "h.commit"))
    doc.ul(promises(ctx))


def _evidence(doc: Document, ctx: dict[str, Any]) -> None:
    lang, prog, ev = ctx["lang"], ctx["progress"], ctx["evidence"]
    doc.h(1, tr(lang, "h.evidence"))
    skipped = tr(lang, "e.skipped", n=prog["items_skipped"]) if prog.get("items_skipped") else ""
    doc.p(
        tr(
            lang,
            "e.progress",
            h=prog["hours_logged"],
            done=prog["items_done"],
            total=prog["items_total"],
            skipped=skipped,
            pct=prog["progress"],
        )
    )
    if ev["finished"]:
        doc.h(2, tr(lang, "h.finished"))
        doc.ul([tr(lang, "e.finished", title=f["title"], what=status_text(lang, _as_row(f))) for f in ev["finished"]])
    if ev["links"]:
        doc.h(2, tr(lang, "h.links"))
        doc.ul([Bullet(link_text(lang, e), url=e["url"]) for e in ev["links"]])
    if ev["journal"]:
        doc.h(2, tr(lang, "h.journal"))
        doc.ul([journal_text(lang, j) for j in ev["journal"]])
    if not (ev["finished"] or ev["links"] or ev["journal"]):
        doc.p(tr(lang, "e.nothing"))


def _as_row(f: Mapping[str, Any]) -> dict[str, Any]:
    return {"status": f["status"], "finished_on": f["date"], "reason": f.get("reason")}


def _item_by_item(doc: Document, ctx: dict[str, Any]) -> None:
    lang = ctx["lang"]
    doc.h(1, tr(lang, "h.items"))
    doc.table(
        cells(lang, "i.header"),
        [
            [
                weeks(lang, it["week_start"], it["week_end"]),
                it["title"],
                tr(lang, f"kind.{it['kind']}"),
                hours_text(lang, it),
                status_text(lang, it),
            ]
            for it in ctx["items"]
        ],
        [0.13, 0.45, 0.12, 0.1, 0.2],
    )
