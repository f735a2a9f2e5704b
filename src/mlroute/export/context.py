"""What the documents say, assembled from the journey: pure functions from the stored records (and the
knowledge base, for names and rubrics) to the plain dicts the document builders read.

Weeks are counted on one calendar from the first plan's start, so a re-planned item keeps its place in time.
The knowledge base may be missing (``None``): documents then show ids where they would show names.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from mlroute.track.journey import Journey
from mlroute.track.progress import plan_order
from mlroute.track.streak import streak
from mlroute.track.weeks import week_of, week_start, weeks_between

if TYPE_CHECKING:
    from mlroute.kb.index import KBIndex


def skill_name(kb: KBIndex | None, skill: str) -> str:
    rec = kb.skills.get(skill) if kb else None
    return rec.name.en if rec else skill


def item_rows(journey: Journey, kb: KBIndex | None) -> list[dict[str, Any]]:
    """The current plan's items in schedule order, with calendar weeks, status and what they close."""
    base, offset = journey.first.starts_on, journey.offset
    rows = []
    for it in plan_order(journey.plan_items):
        ws, we = it.get("week_start", 1) + offset, it.get("week_end", it.get("week_start", 1)) + offset
        rows.append(
            {
                "id": it["id"],
                "kind": it.get("kind", "resource"),
                "title": it.get("title", it["id"]),
                "week_start": ws,
                "week_end": we,
                "start_date": week_start(base, ws).isoformat(),
                "hours": float(it.get("hours", 0)),
                "closes": [skill_name(kb, c) for c in it.get("closes", [])],
                "why": it.get("why", ""),
                "status": journey.status(it["id"]),
                "cost_usd": float(it.get("cost_usd") or 0),
                "requires_employer": _requires_employer(it["id"], kb),
            }
        )
    return rows


def _requires_employer(item_id: str, kb: KBIndex | None) -> bool:
    prefix, _, rid = item_id.partition(":")
    action = kb.career_actions.get(rid) if kb and prefix == "act" else None
    return bool(action and action.requires_employer)


def person(journey: Journey, kb: KBIndex | None) -> dict[str, Any]:
    data = journey.profile
    skills: dict[str, int] = data.get("skills") or {}
    strengths = [skill_name(kb, k) for k, v in sorted(skills.items(), key=lambda kv: -kv[1]) if v >= 3][:8]
    return {
        "name": data.get("name") or "",
        "background": data.get("background", "other"),
        "years_experience": data.get("years_experience") or 0,
        "hours_per_week": float(data.get("hours_per_week") or 0),
        "start_date": journey.first.starts_on.isoformat(),
        "interests": [skill_name(kb, i) for i in data.get("interests") or []],
        "strengths": strengths,
    }


def role(journey: Journey, kb: KBIndex | None) -> dict[str, str]:
    rid = str(journey.profile.get("target_role") or "ml-engineer")
    rec = kb.roles.get(rid) if kb else None
    return {"id": rid, "name": rec.name.en if rec else rid.replace("-", " ").title()}


def route(plan: dict[str, Any], kb: KBIndex | None) -> dict[str, Any]:
    """The plan's route as {name, reason, phases}."""
    rid = str(plan.get("route") or "")
    rec = kb.routes.get(rid) if kb and rid else None
    name = plan.get("route_name") or (rec.name.en if rec else rid.replace("-", " ").title() or "Route")
    phases = [_phase_name(p) for p in plan.get("phases") or []] or ([p.name.en for p in rec.phases] if rec else [])
    return {"name": str(name), "reason": str(plan.get("route_reason") or ""), "phases": [p for p in phases if p]}


def _phase_name(phase: Any) -> str:
    if isinstance(phase, dict):
        name = phase.get("name") or phase.get("id") or ""
        return str(name.get("en", "") if isinstance(name, dict) else name)
    return str(phase)


def milestones(journey: Journey, kb: KBIndex | None) -> list[dict[str, Any]]:
    base, offset = journey.first.starts_on, journey.offset
    out = []
    for m in journey.plan.data.get("milestones", []):
        week = int(m.get("week", 1)) + offset
        out.append(
            {
                "id": str(m.get("id", f"m{week}")),
                "title": str(m.get("title", "")),
                "week": week,
                "date": (week_start(base, week) + timedelta(days=6)).isoformat(),
                "skills": [skill_name(kb, k) for k in m.get("skills", [])],
            }
        )
    return out


def main_gaps(plan: dict[str, Any], kb: KBIndex | None, limit: int = 8) -> list[str]:
    """The plan's largest open gaps by weight, as skill names."""
    rows = [g for g in plan.get("gaps", []) if isinstance(g, dict) and (g.get("need") or 0) > 0]
    rows.sort(key=lambda g: (-(g.get("weight") or 0), -(g.get("need") or 0), str(g.get("skill"))))
    return [skill_name(kb, str(g["skill"])) for g in rows[:limit] if g.get("skill")]


def _link(e: Any) -> dict[str, Any]:
    return {"kind": e.kind, "url": e.url, "title": e.title}


def transition_plan_context(
    journey: Journey, status: dict[str, Any], kb: KBIndex | None, *, today: date, now: datetime
) -> dict[str, Any]:
    """``status``: the figures ``mlroute status --json`` prints for the same journey and day."""
    base = journey.first.starts_on
    done_items = sorted(
        (i for i, s in journey.statuses.items() if s == "done"),
        key=lambda i: journey.finished_at.get(i) or datetime.min.replace(tzinfo=UTC),
    )
    eta_now: dict[str, float] = status["eta_weeks"]
    return {
        "generated_on": today.isoformat(),
        "person": person(journey, kb),
        "role": role(journey, kb),
        "route": route(journey.plan.data, kb),
        "eta": {
            "now": eta_now,
            "initial": status["eta_weeks_initial"],
            "dates": {b: (base + timedelta(weeks=w)).isoformat() for b, w in eta_now.items()},
        },
        "milestones": milestones(journey, kb),
        "items": item_rows(journey, kb),
        "gaps": main_gaps(journey.plan.data, kb),
        "progress": status,
        "evidence": {
            "done": [
                {"id": i, "title": journey.title(i), "date": (journey.finished_at.get(i) or now).date().isoformat()}
                for i in done_items
            ],
            "links": [_link(e) for e in journey.links],
            "journal": [{"day": j.day.isoformat(), "kind": j.kind, "text": j.text} for j in journey.journal[-12:]],
        },
    }


def _log_weeks(journey: Journey) -> dict[int, dict[str, Any]]:
    """Sessions, finished items, journal entries and links, bucketed by the journey's calendar week."""
    base = journey.first.starts_on
    plan_weeks = {
        int(w.get("week", 0)) + journey.offset: float(w.get("hours", 0)) for w in journey.plan.data.get("weeks", [])
    }
    weeks: dict[int, dict[str, Any]] = {}

    def bucket(day: date) -> dict[str, Any]:
        w = week_of(base, day)
        if w not in weeks:
            first_day = week_start(base, w)
            weeks[w] = {
                "week": w,
                "from": first_day.isoformat(),
                "to": (first_day + timedelta(6)).isoformat(),
                "hours": 0.0,
                "planned_hours": plan_weeks.get(w),
                **{key: [] for key in ("sessions", "finished", "journal", "links")},
            }
        return weeks[w]

    for x in journey.sessions:
        b = bucket(x.day)
        b["sessions"].append(
            {"day": x.day.isoformat(), "title": journey.title(x.item_id), "minutes": x.minutes, "note": x.note}
        )
        b["hours"] = round(b["hours"] + x.minutes / 60, 2)
    for item_id, st in journey.statuses.items():
        finished = journey.finished_at.get(item_id)
        if st in ("done", "skipped") and finished:
            bucket(finished.date())["finished"].append(
                {"title": journey.title(item_id), "status": st, "reason": journey.reasons.get(item_id)}
            )
    for j in journey.journal:
        bucket(j.day)["journal"].append({"day": j.day.isoformat(), "kind": j.kind, "text": j.text, "tags": j.tags})
    for e in journey.links:
        bucket(e.created_at.date())["links"].append(_link(e))
    return weeks


def learning_log_context(journey: Journey, kb: KBIndex | None, *, today: date) -> dict[str, Any]:
    weeks = _log_weeks(journey)
    sessions, journal = journey.sessions, journey.journal
    st = streak((x.day for x in sessions), today)
    hours = sum(x.minutes for x in sessions) / 60
    days = [x.day for x in sessions] + [j.day for j in journal]
    span_weeks = max(1.0, weeks_between(journey.first.starts_on, today)) if sessions else 1.0
    return {
        "generated_on": today.isoformat(),
        "person": person(journey, None),
        "role": role(journey, kb),
        "period": {"from": min(days).isoformat() if days else "", "to": max(days).isoformat() if days else ""},
        "totals": {
            "hours": round(hours, 2),
            "sessions": len(sessions),
            "hours_per_week": round(hours / span_weeks, 1),
            "items_done": sum(1 for s in journey.statuses.values() if s == "done"),
            "journal": len(journal),
            "links": len(journey.links),
            "longest_days": st.longest_days,
            "longest_weeks": st.longest_weeks,
        },
        "weeks": [weeks[k] for k in sorted(weeks)],
    }


def portfolio_context(journey: Journey, kb: KBIndex | None, *, today: date) -> dict[str, Any]:
    rows = item_rows(journey, kb)
    projects = []
    for r in rows:
        if r["kind"] != "project":
            continue
        rec = kb.projects.get(r["id"].partition(":")[2]) if kb else None
        projects.append(
            {
                **r,
                "skills": r["closes"],
                "rubric": [line.text.en for line in rec.rubric] if rec else [],
                "evidence": [_link(e) for e in journey.links if e.item_id == r["id"]],
            }
        )
    project_ids = {p["id"] for p in projects}
    return {
        "generated_on": today.isoformat(),
        "person": person(journey, kb),
        "projects": projects,
        "other_links": [_link(e) for e in journey.links if e.item_id not in project_ids],
        "career": [r for r in rows if r["kind"] == "career_action"],
    }


def calendar_weeks(journey: Journey) -> list[dict[str, Any]]:
    """The current plan's weeks on the journey's calendar: [{week, start, hours, items: [titles]}]."""
    base, offset = journey.first.starts_on, journey.offset
    titles = {i: journey.title(i) for i in journey.items}
    return [
        {
            "week": int(w["week"]) + offset,
            "start": week_start(base, int(w["week"]) + offset),
            "hours": float(w.get("hours", 0)),
            "items": [
                titles.get(str(i), str(i)) if isinstance(i, str) else str(i.get("title", i.get("id")))
                for i in w.get("items", [])
            ],
        }
        for w in journey.plan.data.get("weeks", [])
    ]
