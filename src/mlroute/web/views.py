"""What the pages show, made from the services' documents in the reader's language.

Knowledge-base names come from the records (``name.get(lang)``), plan items carry ``title_en`` and ``title_zh``,
and a plan stored in the other language has its why texts remade by ``services.plan_text``. Finished items that
a re-plan left out come from ``CurrentPlan.finished`` and go back where they were. Nothing here decides anything
about the plan: it only chooses words and positions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from mlroute.kb.index import KBIndex, display_name
from mlroute.services import plan_text
from mlroute.services.current import CurrentPlan
from mlroute.services.status import Status
from mlroute.web import charts, gantt, path
from mlroute.web.i18n import translations

STATUSES = ("todo", "doing", "done", "skipped")


def gettext_for(lang: str) -> Callable[[str], str]:
    return translations(lang).gettext


def item_title(item: Mapping[str, Any], lang: str) -> str:
    """An item's title in ``lang``: items carry both (``title_en``, ``title_zh``) whatever the plan's language."""
    if lang == "zh" and item.get("title_zh"):
        return str(item["title_zh"])
    return str(item.get("title_en") or item.get("title") or item.get("id", ""))


def ref_name(index: KBIndex, ref: str, lang: str) -> str:
    found = index.find(ref)
    return display_name(found[0][1], lang) if found else ref


def skill_names(index: KBIndex, lang: str) -> dict[str, str]:
    return {sid: rec.name.get(lang) for sid, rec in index.skills.items()}


def kb_record(index: KBIndex, item_id: str) -> Any:
    """The knowledge-base record behind a plan item (resource, project or career action), or None."""
    found = index.find(item_id)
    return found[0][1] if found else None


def week_date(first_start: dt.date, week: int) -> dt.date:
    return first_start + dt.timedelta(weeks=week - 1)


@dataclass(frozen=True)
class Shown:
    """The current plan as a page shows it: its words in the reader's language, and every item's title."""

    plan: dict[str, Any]
    complete: bool  # False: some why texts stay in the language the plan was written in
    titles: dict[str, str]  # current and earlier items

    def item(self, item_id: str) -> dict[str, Any] | None:
        return next((dict(it) for it in self.plan.get("items", []) if it["id"] == item_id), None)


def titles(current: CurrentPlan, lang: str) -> dict[str, str]:
    """Every item's title, current and earlier, in ``lang``."""
    out = {it["id"]: item_title(it, lang) for it in current.plan.get("items", [])}
    out.update({f.id: item_title(f.item, lang) for f in current.finished})
    return out


def shown(current: CurrentPlan, index: KBIndex, lang: str) -> Shown:
    translated = plan_text.in_language(current.plan, index, lang)
    return Shown(translated.plan, translated.complete, titles(current, lang))


def builds_on(index: KBIndex, item_ids: list[str], lang: str) -> dict[str, list[str]]:
    """What each item expects you to know already (its record's prerequisites), as "Python — working"."""
    _ = gettext_for(lang)
    level = {0: _("none"), 1: _("aware"), 2: _("working"), 3: _("proficient"), 4: _("expert")}
    out: dict[str, list[str]] = {}
    for item_id in item_ids:
        rec = kb_record(index, item_id)
        needs = getattr(rec, "prerequisites", None) or []
        names = []
        for p in needs:
            skill = index.skills.get(p.skill)
            names.append(f"{skill.name.get(lang) if skill else p.skill} — {level.get(p.level, p.level)}")
        if names:
            out[item_id] = names
    return out


def roadmap(current: CurrentPlan, view: Shown, index: KBIndex, lang: str) -> path.Roadmap:
    _ = gettext_for(lang)
    earlier = [(f.item, f.offset) for f in current.finished]
    ids = [it["id"] for it in view.plan.get("items", [])] + [it["id"] for it, _off in earlier]
    return path.roadmap(
        view.plan,
        statuses=current.statuses,
        logged=current.hours_logged,
        offset=current.offset,
        earlier=earlier,
        titles=view.titles,
        skill_names=skill_names(index, lang),
        builds_on=builds_on(index, ids, lang),
        labels={
            path.EARLIER_PHASE: _("From earlier plans"),
            path.THROUGHOUT_PHASE: _("All along the way"),
            path.THROUGHOUT_PHASE + ":description": _("Habits and career steps that run alongside the whole route."),
        },
    )


def timeline(current: CurrentPlan, view: Shown, today: dt.date) -> gantt.Timeline:
    first = current.first_starts_on
    return gantt.timeline(
        view.plan,
        statuses=current.statuses,
        logged=current.hours_logged,
        titles=view.titles,
        offset=current.offset,
        earlier=[(f.item, f.offset) for f in current.finished],
        milestone_labels={m["id"]: str(m.get("title", m["id"])) for m in view.plan.get("milestones", [])},
        first_start=first,
        today_week=(today - first).days / 7 + 1,
    )


@dataclass(frozen=True)
class Located:
    """A plan item wherever it is: the current plan, or the earlier version that last listed it."""

    item: dict[str, Any]
    offset: int
    earlier: bool
    why_lang: str  # the language its why text is in


def locate(store: Any, index: KBIndex, current: CurrentPlan, view: Shown, item_id: str, lang: str) -> Located | None:
    """The item and the language of its why: the page's, or the plan's where its words could not be remade."""
    found = view.item(item_id)
    if found is not None:
        same = view.complete or found.get("why") != _stored_why(current.plan, item_id)
        return Located(found, current.offset, False, lang if same else str(current.plan.get("lang", "en")))
    for f in current.finished:
        if f.id == item_id:
            if f.lang == lang:
                return Located(dict(f.item), f.offset, True, lang)
            remade = plan_text.earlier_words(store, index, f.plan_version, item_id, lang)
            return Located(remade or dict(f.item), f.offset, True, lang if remade else f.lang)
    return None


def _stored_why(plan: Mapping[str, Any], item_id: str) -> Any:
    return next((it.get("why") for it in plan.get("items", []) if it["id"] == item_id), None)


def phase_name(view: Shown, phase_id: str | None) -> str | None:
    return next((str(p.get("name")) for p in view.plan.get("phases", []) if p.get("id") == phase_id), None)


def eta_chart(st: Status, lang: str) -> charts.Chart:
    """The ready-to-apply forecast at the start and now, and the keep-growing one, all ``status``'s figures."""
    _ = gettext_for(lang)
    rows: list[tuple[str, str, Mapping[str, float]]] = [
        (_("Ready to apply, at the start"), "start", st.eta_weeks_initial.model_dump()),
        (_("Ready to apply, now"), "now", st.eta_weeks.model_dump()),
    ]
    if st.eta_weeks_grow.p50 > st.eta_weeks.p50:
        rows.append((_("Keep growing: the whole role"), "grow", st.eta_weeks_grow.model_dump()))
    return charts.eta_chart(rows)


def namer(store: Any, index: KBIndex, lang: str) -> Callable[[str], str]:
    """A function naming any item, current, earlier or dropped, in ``lang`` (pages that list changes use it)."""
    from mlroute.web import state

    current = state.current(store)
    known = titles(current, lang) if current else {}
    return lambda item_id: known.get(item_id) or ref_name(index, item_id, lang)
