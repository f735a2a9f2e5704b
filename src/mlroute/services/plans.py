"""Plan versions: storing a profile and a plan made from it, and the history of plans and forecasts.

Profiles and plans are append-only snapshots: a new plan never overwrites the one before, so ``history`` can
show how the plan and the ETA moved.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from mlroute.services.journey import load_journey, now_or, today_or
from mlroute.services.results import Band, IsoDateTime, Result
from mlroute.store import Store, repo
from mlroute.track.outlook import outlook

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as DbSession

# What makes two plan documents the same plan (solver timings and the like may differ between runs).
SAME_PLAN_KEYS = ("route", "items", "weeks", "milestones", "eta_weeks", "start_date")


class StoredPlan(Result):
    profile_version: int
    plan_version: int
    eta_weeks: Band
    unchanged: bool = False
    starts_on: date
    kb_version: str
    reason: str
    items_total: int
    total_hours: float | None
    database: str | None = None


class PlanEntry(Result):
    version: int
    created_at: IsoDateTime
    reason: str
    starts_on: date
    kb_version: str
    pace: float | None
    items: int
    eta_weeks: dict[str, Any] | None  # the plan document's own band (its shape is the planner's)


class ForecastEntry(Result):
    created_at: IsoDateTime
    plan_version: int
    hours_logged: float
    pace: float | None
    eta_weeks: Band


class History(Result):
    plans: list[PlanEntry]
    forecasts: list[ForecastEntry]


def adopt_plan(
    store: Store,
    profile_data: dict[str, Any],
    plan_doc: dict[str, Any],
    *,
    kb_version: str,
    starts_on: date,
    reason: str,
    pace_used: float | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> StoredPlan:
    """Store a profile (a new version only if it changed) and a plan made from it, in one transaction, with the
    forecast of that moment (``track.outlook``, the figure ``status`` prints next)."""
    now = now_or(now)
    today = today_or(today)
    normalised_plan = json.loads(json.dumps(plan_doc))
    facts = {
        "starts_on": starts_on,
        "kb_version": kb_version,
        "items_total": len(plan_doc.get("items", [])),
        "total_hours": plan_doc.get("total_hours"),
    }

    def tx(s: DbSession) -> StoredPlan:
        latest, current = repo.latest_profile(s), repo.latest_plan(s)
        same_profile = latest is not None and latest.data == profile_data
        if (
            latest is not None
            and same_profile
            and current is not None
            and all(current.data.get(k) == normalised_plan.get(k) for k in SAME_PLAN_KEYS)
            and current.starts_on == starts_on
        ):
            # The same profile and the same plan again (init or replan run twice): nothing new to keep.
            return StoredPlan(
                profile_version=latest.version,
                plan_version=current.version,
                eta_weeks=Band.of(outlook(load_journey(s), today).eta),
                unchanged=True,
                reason="unchanged",
                **facts,
            )
        if latest is not None and same_profile:
            profile_version = latest.version
        else:
            name = str(profile_data.get("name") or "")
            profile_version = repo.add_profile(s, profile_data, name=name, now=now)
        plan_version = repo.add_plan(
            s,
            plan_doc,
            profile_version=profile_version,
            kb_version=kb_version,
            starts_on=starts_on,
            reason=reason,
            pace=pace_used,
            now=now,
        )
        s.flush()
        look = outlook(load_journey(s), today)
        eta = look.eta
        repo.add_forecast(
            s, plan_version=plan_version, hours_logged=look.progress.hours_logged, pace=pace_used, eta=eta, now=now
        )
        return StoredPlan(
            profile_version=profile_version, plan_version=plan_version, eta_weeks=Band.of(eta), reason=reason, **facts
        )

    return store.write(tx)


def has_plan(store: Store) -> bool:
    return store.read(lambda s: repo.latest_plan(s) is not None)


def history(store: Store) -> History:
    """Every plan version and forecast: how the plan and the ETA moved over time."""

    def read(s: DbSession) -> History:
        return History(
            plans=[
                PlanEntry(
                    version=p.version,
                    created_at=p.created_at,
                    reason=p.reason,
                    starts_on=p.starts_on,
                    kb_version=p.kb_version,
                    pace=p.pace,
                    items=len(p.data.get("items", [])),
                    eta_weeks=p.data.get("eta_weeks"),
                )
                for p in repo.plans(s)
            ],
            forecasts=[
                ForecastEntry(
                    created_at=f.created_at,
                    plan_version=f.plan_version,
                    hours_logged=f.hours_logged,
                    pace=f.pace,
                    eta_weeks=Band(p10=f.p10, p50=f.p50, p90=f.p90),
                )
                for f in repo.forecasts(s)
            ],
        )

    return store.read(read)


class PlanWords(Result):
    """What the terminal needs to speak the current plan's language: its ``lang`` and the target role's name."""

    lang: str | None
    role_name: str | None


def plan_words(store: Store) -> PlanWords:
    """The current plan's language and target role name (both None before the first plan)."""

    def read(s: DbSession) -> PlanWords:
        row = repo.latest_plan(s)
        data = row.data if row is not None else {}
        return PlanWords(lang=data.get("lang"), role_name=(data.get("profile") or {}).get("target_role_name"))

    return store.read(read)
