"""A small plan document shaped like ``Plan.to_json()``, and a helper that stores it: the fixture the storage,
tracking, export and CLI tests build on (the real planner is exercised separately)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mlroute.services.plans import StoredPlan
    from mlroute.store import Store

START = date(2026, 12, 7)  # a Monday
PROFILE: dict[str, Any] = {
    "name": "Alex 李",
    "background": "software_engineer",
    "years_experience": 6,
    "hours_per_week": 10.0,
    "start_date": START.isoformat(),
    "target_role": "ml-engineer",
    "interests": ["nlp"],
    "budget_usd": 0,
    "languages": ["en", "zh"],
    "skills": {"python": 3, "git": 3},
}

ITEMS = [
    ("act:find-a-mentor", "career_action", "Find a mentor", 1, 1, 2, []),
    ("res:python-course", "resource", "Python for data work", 1, 2, 18, ["python-idiomatic"]),
    ("res:linear-algebra", "resource", "Linear algebra refresher", 2, 4, 24, ["linear-algebra"]),
    ("res:ml-course", "resource", "An ML course", 4, 9, 50, ["machine-learning-fundamentals"]),
    ("res:hung-yi-lee-ml", "resource", "李宏毅 机器学习 2022", 9, 11, 26, ["deep-learning"]),
    ("proj:tabular-app", "project", "A tabular app, deployed", 11, 14, 40, ["mlops-basics"]),
]


def sample_plan(
    items: list[tuple[Any, ...]] | None = None, eta: tuple[float, float, float] = (14, 16, 19)
) -> dict[str, Any]:
    rows = [
        {
            "id": i,
            "kind": kind,
            "title": title,
            "week_start": ws,
            "week_end": we,
            "hours": float(hours),
            "closes": closes,
            "why": f"Closes {', '.join(closes) or 'nothing by itself'}; chosen for the tests.",
            "cost_usd": 0.0,
        }
        for i, kind, title, ws, we, hours, closes in (items or ITEMS)
    ]
    last = max(r["week_end"] for r in rows)
    weeks = []
    for w in range(1, last + 1):
        here = [r for r in rows if r["week_start"] <= w <= r["week_end"]]
        hours = min(10.0, sum(r["hours"] / (r["week_end"] - r["week_start"] + 1) for r in here))
        weeks.append({"week": w, "hours": round(hours, 2), "items": [r["id"] for r in here]})
    return {
        "route": "software",
        "route_name": "Software engineering route",
        "route_reason": "you already write software for a living",
        "phases": [{"id": "ml", "name": "Machine learning"}, {"id": "ops", "name": "MLOps"}],
        "eta_weeks": {"p10": eta[0], "p50": eta[1], "p90": eta[2]},
        "total_hours": sum(r["hours"] for r in rows),
        "items": rows,
        "weeks": weeks,
        "milestones": [
            {"id": "phase:ml", "title": "End of Machine learning", "week": 11, "skills": ["deep-learning"]},
            {"id": "ready", "title": "Skills and portfolio ready to show", "week": 14, "skills": ["mlops-basics"]},
        ],
        "gaps": [{"skill": "deep-learning", "need": 3, "weight": 1.0}],
        "optimality": {"status": "OPTIMAL", "gap": 0.0},
    }


def seed_plan(store: Store, *, now: Any = None, plan: dict[str, Any] | None = None, start: date = START) -> StoredPlan:
    """Store the sample profile and plan in ``store``."""
    from mlroute.services.plans import adopt_plan

    profile = {**PROFILE, "start_date": start.isoformat()}
    return adopt_plan(
        store, profile, plan or sample_plan(), kb_version="test.1", starts_on=start, reason="init", now=now
    )
