"""Names in the reader's language and the drawing inputs the pages need, made from the services' documents.

Knowledge-base names come from the records (``name.get(lang)``); plan items carry ``title_zh``; words the web app
adds (milestone labels, item details) go through the gettext catalogs. Nothing here decides anything about the
plan: it only chooses words and positions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from mlroute.kb.index import KBIndex
from mlroute.services.current import CurrentPlan
from mlroute.web.gantt import Gantt, timeline_layout
from mlroute.web.graph import Layout, roadmap_layout
from mlroute.web.i18n import translations

STATUSES = ("todo", "doing", "done", "skipped")


def gettext_for(lang: str) -> Callable[[str], str]:
    return translations(lang).gettext


def item_title(item: Mapping[str, Any], lang: str) -> str:
    if lang == "zh" and item.get("title_zh"):
        return str(item["title_zh"])
    return str(item.get("title") or item.get("id", ""))


def skill_name(index: KBIndex, skill: str, lang: str) -> str:
    rec = index.skills.get(skill)
    return rec.name.get(lang) if rec else skill


def skill_names(index: KBIndex, lang: str) -> dict[str, str]:
    return {sid: rec.name.get(lang) for sid, rec in index.skills.items()}


def prerequisites(index: KBIndex) -> dict[str, list[str]]:
    return {sid: [p.skill for p in rec.prerequisites] for sid, rec in index.skills.items()}


def phase_names(plan: Mapping[str, Any], lang: str) -> dict[str, str]:
    return {
        str(p.get("id")): str(p.get("name_zh") if lang == "zh" and p.get("name_zh") else p.get("name", p.get("id")))
        for p in plan.get("phases", [])
    }


def milestone_label(milestone: Mapping[str, Any], phases: Mapping[str, str], lang: str) -> str:
    """ "End of <phase>" in the reader's language when the milestone closes a phase; the planner's title otherwise."""
    phase = milestone.get("phase")
    if phase and phase in phases:
        _ = gettext_for(lang)
        return _("End of %(phase)s") % {"phase": phases[phase]}
    return str(milestone.get("title") or milestone.get("id"))


def week_range(start: int, end: int) -> str:
    return f"W{start}" if start == end else f"W{start}–{end}"


def week_date(first_start: dt.date, week: int) -> dt.date:
    return first_start + dt.timedelta(weeks=week - 1)


def roadmap(state: CurrentPlan, index: KBIndex, lang: str) -> Layout:
    plan = state.plan
    offset = state.offset
    _ = gettext_for(lang)
    kind_word = {"resource": _("Resource"), "project": _("Project"), "career_action": _("Career step")}
    labels: dict[str, str] = {}
    details: dict[str, str] = {}
    for it in plan.get("items", []):
        labels[it["id"]] = item_title(it, lang)
        weeks = week_range(int(it.get("week_start", 1)) + offset, int(it.get("week_end", 1)) + offset)
        details[it["id"]] = f"{kind_word.get(it.get('kind', ''), '')} · {weeks} · {float(it.get('hours', 0)):g} h"
    levels: dict[str, str] = {}
    for g in plan.get("gaps", []) + plan.get("not_closable", []):
        levels.setdefault(g["skill"], _("level %(a)s → %(b)s") % {"a": g.get("current", 0), "b": g.get("target", "")})
    return roadmap_layout(
        plan,
        state.statuses,
        skill_names=skill_names(index, lang),
        prerequisites=prerequisites(index),
        item_label=labels,
        item_detail=details,
        skill_detail=levels,
    )


def timeline(state: CurrentPlan, lang: str, today: dt.date) -> Gantt:
    plan = state.plan
    phases = phase_names(plan, lang)
    first = state.first_starts_on
    today_week = (today - first).days / 7 + 1
    return timeline_layout(
        plan,
        state.statuses,
        labels={it["id"]: item_title(it, lang) for it in plan.get("items", [])},
        milestone_labels={m["id"]: milestone_label(m, phases, lang) for m in plan.get("milestones", [])},
        offset=state.offset,
        first_start=first,
        today_week=today_week,
    )


def find_item(plan: Mapping[str, Any], item_id: str) -> dict[str, Any] | None:
    return next((dict(it) for it in plan.get("items", []) if it["id"] == item_id), None)


def kb_titles(index: KBIndex, item_ids: list[str], lang: str) -> dict[str, str]:
    """Plan items' names in ``lang`` from their knowledge-base records (no need to read the stored plan)."""
    from mlroute.kb.index import display_name

    out = {}
    for item_id in item_ids:
        rec = kb_record(index, item_id)
        if rec is not None:
            out[item_id] = display_name(rec, lang)
    return out


def kb_record(index: KBIndex, item_id: str) -> Any:
    """The knowledge-base record behind a plan item (resource, project or career action), or None."""
    found = index.find(item_id)
    return found[0][1] if found else None


def fit_label(text: str, width: float, font_px: float = 12.0) -> str:
    """Shorten a label to fit a node or a row (the full text is in the element's tooltip)."""
    from mlroute.web.graph import fit

    return fit(text, width, font_px)
