"""``mlroute replan``: a new plan from what is done and skipped and the observed pace, from this week on, and
what changed (items added, removed, moved; the ETA before and after; the reasons)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING

from mlroute.services.journey import load_journey, now_or, today_or
from mlroute.services.plans import adopt_plan
from mlroute.services.quiz_levels import evidence_reasons, plan_evidence
from mlroute.services.results import Band, Result
from mlroute.store import Store
from mlroute.track.forecast import shift
from mlroute.track.outlook import outlook
from mlroute.track.weeks import week_of, week_start

if TYPE_CHECKING:
    from mlroute.kb import KBIndex


class Added(Result):
    id: str
    title: str
    week: int
    why: str


class Removed(Result):
    id: str
    title: str
    why: str


class Moved(Result):
    id: str
    title: str
    from_week: int
    to_week: int
    why: str


class Changes(Result):
    added: list[Added]
    removed: list[Removed]
    moved: list[Moved]


class Replanned(Result):
    plan_version: int
    previous_version: int
    starts_on: date
    week: int
    eta_weeks_before: Band
    eta_weeks_after: Band
    eta_weeks_initial: Band
    pace: float | None
    planned_pace: float
    changes: Changes
    reasons: list[str]
    items_total: int


def in_kb(ids: Iterable[str], kb: KBIndex) -> frozenset[str]:
    """The item ids the knowledge base still has (an item removed by a KB update keeps its status in the
    history, but the planner cannot take it as done)."""
    tables: dict[str, Mapping[str, object]] = {"res": kb.resources, "proj": kb.projects, "act": kb.career_actions}
    return frozenset(ref for ref in ids if ref.partition(":")[2] in tables.get(ref.partition(":")[0], {}))


def replan(store: Store, kb: KBIndex, *, today: date | None = None, now: datetime | None = None) -> Replanned:
    """A new plan from what is done and skipped and the observed pace, from this week on; shows what changed."""
    from mlroute.plan import make_plan
    from mlroute.profile import Profile
    from mlroute.track.replan import diff, reasons

    today, now = today_or(today), now_or(now)
    journey = store.read(load_journey)
    before = outlook(journey, today)
    base = journey.first.starts_on
    week = max(1, week_of(base, today))
    starts_on = week_start(base, week)
    profile = Profile.model_validate(journey.profile)
    profile = profile.model_copy(
        update={
            "start_date": starts_on,
            "availability": {d: h for d, h in profile.availability.items() if d >= starts_on},
        }
    )
    done = in_kb((i for i, st in journey.statuses.items() if st == "done"), kb)
    skipped = in_kb((i for i, st in journey.statuses.items() if st == "skipped"), kb)
    observed = before.pace.hours_per_week if journey.sessions else None
    evidenced = plan_evidence(store, profile.skills)  # levels earned in accepted quizzes
    doc = make_plan(profile, kb, done=done, skipped=skipped, pace=observed, seed=0, evidenced=evidenced).to_json()
    stored = adopt_plan(
        store,
        journey.profile,
        doc,
        kb_version=kb.kb.meta.version,
        starts_on=starts_on,
        reason="replan",
        pace_used=observed,
        now=now,
    )
    offset = (starts_on - base).days // 7
    return Replanned(
        plan_version=stored.plan_version,
        previous_version=journey.plan.version,
        starts_on=starts_on,
        week=week,
        eta_weeks_before=Band.of(before.eta),
        eta_weeks_after=Band.of(shift(doc["eta_weeks"], offset)),
        eta_weeks_initial=Band.of(shift(journey.first.data["eta_weeks"], 0)),
        pace=observed,
        planned_pace=before.planned_pace,
        changes=Changes.model_validate(diff(journey.plan.data, journey.offset, doc, offset, journey.statuses)),
        reasons=reasons(
            pace=observed,
            planned=before.planned_pace,
            done=len(done),
            skipped=len(skipped),
            kb_before=journey.plan.kb_version,
            kb_after=kb.kb.meta.version,
        )
        + evidence_reasons(evidenced),
        items_total=len(doc.get("items", [])),
    )
