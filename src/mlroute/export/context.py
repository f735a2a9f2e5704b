"""What the documents say, assembled from the journey: pure functions from the stored records (and the
knowledge base, for names and rubrics) to the plain dicts the document builders read.

Weeks are journey weeks, counted from the first plan's start, as ``mlroute status`` counts them, so a re-planned
item keeps its place in time. Items done or skipped under an earlier plan version, or otherwise recorded, that the
current version no longer lists (``finished``: the current-plan view's ``FinishedItem`` rows) stay in every
document. The ETA is the one ``mlroute status`` prints (``status``); ``ends(week)`` is the date every place prints
for the end of a journey week (``services.status.end_of_week``).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from mlroute.export.names import Names
from mlroute.profile.models import EMPLOYED_BACKGROUNDS, Profile
from mlroute.track.journey import EvidenceLink, Journey
from mlroute.track.progress import plan_order
from mlroute.track.weeks import week_start

Ends = Callable[[int], date]
BANDS = ("p10", "p50", "p90")


def has_employer(profile: Mapping[str, Any]) -> bool:
    """``Profile.has_employer`` of the stored profile (an older stored profile falls back to its two fields)."""
    try:
        return Profile.model_validate(profile).has_employer
    except ValueError:
        employed = profile.get("employed")
        return bool(employed) if employed is not None else profile.get("background") in EMPLOYED_BACKGROUNDS


def finished_on(journey: Journey, item_id: str) -> str | None:
    if journey.status(item_id) not in ("done", "skipped"):
        return None
    at: datetime | None = journey.finished_at.get(item_id)
    return at.date().isoformat() if at else None


def _row(journey: Journey, names: Names, it: Mapping[str, Any], ws: int, we: int) -> dict[str, Any]:
    item_id = str(it["id"])
    hours = float(it.get("hours", 0))
    return {
        "id": item_id,
        "kind": str(it.get("kind") or "resource"),
        "title": names.item(it),
        "week_start": ws,
        "week_end": we,
        "start_date": week_start(journey.first.starts_on, ws).isoformat(),
        "hours": hours,
        "work_hours": float(it.get("work_hours") or 0),
        "at_work": bool(it.get("requires_employer")) and hours == 0,
        "closes": names.skills([str(c) for c in it.get("closes", [])]),
        "status": journey.status(item_id),
        "finished_on": finished_on(journey, item_id),
        "reason": journey.reasons.get(item_id),
        "cost_usd": float(it.get("cost_usd") or 0),
        "horizon": str(it.get("horizon") or "ready"),
        "phase": it.get("phase"),
        "flagship": bool(it.get("flagship")),
        "why": str(it.get("why") or ""),
        "summary": names.project_summary(item_id) if it.get("kind") == "project" else "",
    }


def item_rows(journey: Journey, finished: list[dict[str, Any]], names: Names) -> list[dict[str, Any]]:
    """The current plan's items and the recorded items of earlier versions it no longer lists, in journey-week order."""
    offset = journey.offset
    rows = []
    for n, it in enumerate(plan_order(journey.plan_items)):
        ws = int(it.get("week_start", 1)) + offset
        we = int(it.get("week_end", it.get("week_start", 1))) + offset
        rows.append((ws, we, n, _row(journey, names, it, ws, we)))
    for f in finished:  # earlier versions: their weeks are journey weeks already
        it = {**journey.items.get(f["id"], {}), **{k: f[k] for k in ("id", "kind", "hours", "horizon") if f.get(k)}}
        ws, we = int(f["week_start"]), int(f["week_end"])
        rows.append((ws, we, -1, _row(journey, names, it, ws, we)))
    return [r for *_, r in sorted(rows, key=lambda x: x[:3])]


def person(journey: Journey, names: Names) -> dict[str, Any]:
    data = journey.profile
    skills: dict[str, int] = data.get("skills") or {}
    strengths = [names.skill(k) for k, v in sorted(skills.items(), key=lambda kv: -kv[1]) if v >= 3][:8]
    return {
        "name": data.get("name") or "",
        "background": names.background(str(data.get("background") or "other")),
        "years_experience": float(data.get("years_experience") or 0),
        "hours_per_week": float(data.get("hours_per_week") or 0),
        "hours_at_work": float(data.get("hours_at_work") or 0),
        "has_employer": has_employer(data),
        "start_date": journey.first.starts_on.isoformat(),
        "interests": names.skills(list(data.get("interests") or [])),
        "strengths": strengths,
    }


def role(journey: Journey, names: Names) -> str:
    return names.role(str(journey.profile.get("target_role") or "ml-engineer"))


def phases_by_id(plan: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    out: dict[str, Mapping[str, Any]] = {}
    for p in plan.get("phases") or []:
        if isinstance(p, dict) and p.get("id"):
            out[str(p["id"])] = p
    return out


def route(journey: Journey, rows: list[dict[str, Any]], names: Names) -> dict[str, Any]:
    """The route's name, the planner's reason (when the plan is in this language) and its phases with weeks."""
    plan = journey.plan.data
    same_language = (plan.get("lang") or "en") == names.lang
    phases = []
    for pid, p in phases_by_id(plan).items():
        mine = [r for r in rows if r["phase"] == pid] or [r for r in rows if r["id"] in (p.get("items") or [])]
        mine = [r for r in mine if r["kind"] != "career_action"] or mine  # as the phase's milestone counts it
        weeks = (min(r["week_start"] for r in mine), max(r["week_end"] for r in mine)) if mine else None
        phases.append({"name": names.phase(p), "weeks": weeks, "grow": p.get("horizon") == "grow"})
    reason = str(plan.get("route_reason") or "").strip().rstrip(".。") if same_language else ""
    return {"name": names.route(plan), "reason": reason, "phases": phases}


def milestones(journey: Journey, names: Names, ends: Ends) -> list[dict[str, Any]]:
    """The current plan's milestones at their schedule weeks (journey weeks), titled in the document's language."""
    phases = phases_by_id(journey.plan.data)
    out = []
    for m in journey.plan.data.get("milestones", []):
        week = int(m.get("week", 1)) + journey.offset
        mid = str(m.get("id", f"m{week}"))
        out.append(
            {
                "id": mid,
                "title": names.milestone(m, phases),
                "week": week,
                "date": ends(week).isoformat(),
                "skills": names.skills([str(s) for s in m.get("skills", [])]),
                "horizon": "grow" if mid == "grow" else str(m.get("horizon") or "ready"),
            }
        )
    return out


def eta(status: Mapping[str, Any], ends: Ends) -> dict[str, Any]:
    """The one ETA, as ``mlroute status --json`` gives it, in whole journey weeks with their end dates."""
    ready = {b: round(float(status["eta_weeks"][b])) for b in BANDS}
    grow = {b: round(float(status["eta_weeks_grow"][b])) for b in BANDS}
    initial = {b: round(float(status["eta_weeks_initial"][b])) for b in BANDS}
    return {
        "ready": ready,
        "ready_dates": {b: str(status["eta_dates"][b]) for b in BANDS},
        "grow": grow,
        "grow_dates": {b: ends(grow[b]).isoformat() for b in BANDS},
        "initial": initial,
        "observed_pace": status["pace"]["observed"] if status["pace"]["basis"] == "observed" else None,
    }


def schedule_hours(journey: Journey) -> float:
    """The hours the current schedule packs into a typical week (the median planned week)."""
    hours = [float(w.get("hours", 0)) for w in journey.plan.data.get("weeks", []) if float(w.get("hours", 0)) > 0]
    return round(statistics.median(hours), 1) if hours else journey.hours_per_week


def main_gaps(plan: Mapping[str, Any], names: Names, limit: int = 8) -> list[str]:
    """The plan's largest open gaps by weight, as skill names."""
    rows = [g for g in plan.get("gaps", []) if isinstance(g, dict) and (g.get("need") or 0) > 0]
    rows.sort(key=lambda g: (-(g.get("weight") or 0), -(g.get("need") or 0), str(g.get("skill"))))
    return [names.skill(str(g["skill"])) for g in rows[:limit] if g.get("skill")]


def link(e: EvidenceLink) -> dict[str, Any]:
    return {"kind": e.kind, "url": e.url, "title": e.title}


def finished_list(journey: Journey, names: Names) -> list[dict[str, Any]]:
    """Every item done or skipped in the journey (any plan version), oldest first."""
    out = []
    for item_id, status in journey.statuses.items():
        if status in ("done", "skipped"):
            out.append(
                {
                    "id": item_id,
                    "title": names.item(journey.items.get(item_id, {"id": item_id})),
                    "status": status,
                    "date": finished_on(journey, item_id) or "",
                    "reason": journey.reasons.get(item_id),
                }
            )
    return sorted(out, key=lambda f: (f["date"], f["title"]))


def transition_plan_context(
    journey: Journey,
    status: Mapping[str, Any],
    finished: list[dict[str, Any]],
    names: Names,
    *,
    today: date,
    ends: Ends,
) -> dict[str, Any]:
    """``status``: what ``mlroute status --json`` prints for the same journey and day; ``finished``: the
    current-plan view's finished items of earlier versions."""
    rows = item_rows(journey, finished, names)
    who = person(journey, names)
    return {
        "lang": names.lang,
        "plan_lang": str(journey.plan.data.get("lang") or "en"),
        "reader": "manager" if who["has_employer"] else "mentor",
        "generated_on": today.isoformat(),
        "person": who,
        "role": role(journey, names),
        "route": route(journey, rows, names),
        "eta": eta(status, ends),
        "week_now": int(status["week"]),
        "schedule_hours": schedule_hours(journey),
        "milestones": milestones(journey, names, ends),
        "items": rows,
        "gaps": main_gaps(journey.plan.data, names),
        "progress": dict(status),
        "evidence": {
            "finished": finished_list(journey, names),
            "links": [link(e) for e in journey.links],
            "journal": [{"day": j.day.isoformat(), "kind": j.kind, "text": j.text} for j in journey.journal[-12:]],
        },
    }


def portfolio_context(journey: Journey, finished: list[dict[str, Any]], names: Names, *, today: date) -> dict[str, Any]:
    rows = item_rows(journey, finished, names)
    projects = [
        {
            **r,
            "rubric": names.rubric(r["id"]),
            "evidence": [link(e) for e in journey.links if e.item_id == r["id"]],
        }
        for r in rows
        if r["kind"] == "project"
    ]
    project_ids = {p["id"] for p in projects}
    return {
        "lang": names.lang,
        "generated_on": today.isoformat(),
        "person": person(journey, names),
        "projects": projects,
        "other_links": [link(e) for e in journey.links if e.item_id not in project_ids],
        "career": [r for r in rows if r["kind"] == "career_action"],
    }
