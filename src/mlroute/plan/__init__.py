"""Planning: gap analysis, route, optimal selection, weekly schedule, ETA band and explanations — pure functions.

The entry point is ``make_plan(profile, index, *, done, skipped, pace, demand, seed) -> Plan``; ``Plan.to_json()``
is the plan document.
"""

from __future__ import annotations

from mlroute.plan.models import Plan, PlanItem
from mlroute.plan.planner import NoTime, make_plan

__all__ = ["NoTime", "Plan", "PlanItem", "make_plan"]
