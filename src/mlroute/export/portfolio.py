"""The portfolio checklist: for each project of the journey, what a hiring team will look for, and the evidence
so far.

Rubric lines come from the knowledge base's project templates, in the document's language; a line is ticked only
when the project is done and has evidence attached, because a checklist that ticks itself proves nothing. Projects
and career steps finished under an earlier plan version stay on the list, marked done or skipped with their dates.
"""

from __future__ import annotations

from typing import Any

from mlroute.export.document import Bullet, Document
from mlroute.export.lines import link_text, status_text
from mlroute.export.practice import interview_section, quiz_levels_section
from mlroute.export.words import listing, tr, weeks


def _status(lang: str, row: dict[str, Any]) -> str:
    return tr(lang, "pf.todo") if row["status"] == "todo" else status_text(lang, row)


def portfolio(ctx: dict[str, Any]) -> Document:
    lang, person = ctx["lang"], ctx["person"]
    name = person.get("name")
    doc = Document(tr(lang, "pf.title", name=name) if name else tr(lang, "pf.title_mine"), lang=lang)
    doc.p(tr(lang, "pf.intro", date=ctx["generated_on"]))
    if not ctx["projects"]:
        doc.p(tr(lang, "pf.none"))
    for p in ctx["projects"]:
        _project(doc, lang, p)
    if ctx["other_links"]:
        doc.h(1, tr(lang, "pf.other"))
        doc.ul([Bullet(link_text(lang, e), url=e["url"]) for e in ctx["other_links"]])
    quiz_levels_section(doc, ctx)
    interview_section(doc, ctx)
    if ctx["career"]:
        doc.h(1, tr(lang, "pf.career"))
        doc.ul(
            [
                Bullet(
                    tr(
                        lang,
                        "pf.step",
                        title=c["title"],
                        weeks=weeks(lang, c["week_start"], c["week_end"]),
                        status=_status(lang, c),
                    ),
                    checked=c["status"] == "done",
                )
                for c in ctx["career"]
            ]
        )
    return doc


def _project(doc: Document, lang: str, p: dict[str, Any]) -> None:
    doc.h(1, p["title"])
    span = weeks(lang, p["week_start"], p["week_end"])
    lines = [tr(lang, "pf.status", status=_status(lang, p), weeks=span, h=p["hours"])]
    lines.append(tr(lang, "pf.skills", list=listing(p["closes"], lang, 8) or "—"))
    doc.ul(lines)
    if p.get("summary"):
        doc.p(p["summary"])
    has_evidence = bool(p["evidence"])
    if p["rubric"]:
        doc.h(2, tr(lang, "pf.rubric"))
        doc.ul([Bullet(line, checked=has_evidence and p["status"] == "done") for line in p["rubric"]])
    doc.h(2, tr(lang, "pf.evidence"))
    if has_evidence:
        doc.ul([Bullet(link_text(lang, e), url=e["url"]) for e in p["evidence"]])
    else:
        doc.p(tr(lang, "pf.no_evidence", id=p["id"]))
