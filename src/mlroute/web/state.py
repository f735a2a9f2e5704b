"""The web pages' view of the journey: the stored current plan (or None before the first one) and whether a
plan exists, read through the services (the web app never reads the store itself)."""

from __future__ import annotations

from mlroute.services.current import CurrentPlan, current_plan
from mlroute.services.plans import has_plan
from mlroute.store import Store

__all__ = ["CurrentPlan", "current", "has_plan"]


def current(store: Store) -> CurrentPlan | None:
    return current_plan(store)
