"""Changing the profile in the middle of a journey (the web app's Settings, "add these to my plan" after a job
match): what the change does to the plan and the ETA, shown before anything is saved, and the same plan stored
when it is.

A change plans again from this week on, as ``replan`` does, with the new answers at the stated hours: done and
skipped items are kept and logged time counts. The preview runs exactly what saving runs, without the write, so
what the person is shown is what they get; the ETA before and after are both ``track.outlook``'s, the one
forecast ``status`` shows.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from mlroute.services.journey import load_journey, now_or, today_or
from mlroute.services.plans import adopt_plan
from mlroute.services.quiz_levels import plan_evidence
from mlroute.services.replan import Changes, in_kb, plan_from
from mlroute.services.results import Band, DateBand, Result
from mlroute.services.status import end_of_week
from mlroute.track.journey import Journey, PlanVersion
from mlroute.track.outlook import outlook
from mlroute.track.weeks import week_of, week_start

if TYPE_CHECKING:
    from mlroute.kb import KBIndex
    from mlroute.profile import Profile
    from mlroute.store import Store


class ProfileChange(Result):
    saved: bool
    plan_version: int | None  # the stored version once saved
    previous_version: int
    changed: list[str]  # the profile fields that differ, in the profile's order
    week: int  # the journey week the new plan starts in
    eta_weeks_before: Band
    eta_weeks_after: Band
    eta_dates_before: DateBand
    eta_dates_after: DateBand
    hours_before: float  # hours of learning still planned
    hours_after: float
    items_before: int
    items_after: int
    changes: Changes


def preview(
    store: Store, kb: KBIndex, profile: Profile, *, lang: str | None = None, today: date | None = None
) -> ProfileChange:
    """What saving ``profile`` would do to the plan and the ETA; writes nothing."""
    change, _ = _plan(store, kb, profile, lang=lang, today=today_or(today), now=now_or(None))
    return change


def save(
    store: Store,
    kb: KBIndex,
    profile: Profile,
    *,
    lang: str | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> ProfileChange:
    """Store ``profile`` as a new version and the plan made from it (the one ``preview`` showed)."""
    today, now = today_or(today), now_or(now)
    change, stored = _plan(store, kb, profile, lang=lang, today=today, now=now)
    version = adopt_plan(
        store,
        stored["profile"],
        stored["plan"],
        kb_version=kb.kb.meta.version,
        starts_on=stored["starts_on"],
        reason="profile",
        today=today,
        now=now,
    )
    return change.model_copy(update={"saved": True, "plan_version": version.plan_version})


def _plan(
    store: Store, kb: KBIndex, profile: Profile, *, lang: str | None, today: date, now: datetime
) -> tuple[ProfileChange, dict[str, Any]]:
    from mlroute.plan.words import lang_of
    from mlroute.track.replan import diff

    journey = store.read(load_journey)
    base = journey.first.starts_on
    week = max(1, week_of(base, today))
    starts_on = week_start(base, week)
    # The profile keeps the journey's start date; the plan starts this week, with the availability still ahead.
    stated_start = journey.profile.get("start_date")
    kept = profile.model_copy(update={"start_date": date.fromisoformat(stated_start) if stated_start else base})
    profile_data = kept.model_dump(mode="json")
    done = in_kb((i for i, st in journey.statuses.items() if st == "done"), kb)
    skipped = in_kb((i for i, st in journey.statuses.items() if st == "skipped"), kb)
    look_before = outlook(journey, today)
    evidenced = plan_evidence(store, profile.skills)  # levels earned in accepted quizzes
    doc = plan_from(
        journey, kb, starts_on, done, skipped, None, look_before.pace, evidenced, lang, profile_data=profile_data
    )
    look_after = outlook(_with_plan(journey, profile_data, doc, starts_on, now), today)
    offset = (starts_on - base).days // 7
    change = ProfileChange(
        saved=False,
        plan_version=None,
        previous_version=journey.plan.version,
        changed=[k for k in profile_data if profile_data[k] != journey.profile.get(k)],
        week=week,
        eta_weeks_before=Band.of(look_before.eta),
        eta_weeks_after=Band.of(look_after.eta),
        eta_dates_before=_dates(base, look_before.eta),
        eta_dates_after=_dates(base, look_after.eta),
        hours_before=look_before.progress.hours_remaining,
        hours_after=look_after.progress.hours_remaining,
        items_before=len(journey.plan_items),
        items_after=len(doc.get("items", [])),
        changes=Changes.model_validate(
            diff(journey.plan.data, journey.offset, doc, offset, journey.statuses, lang=lang_of(doc.get("lang")))
        ),
    )
    return change, {"profile": profile_data, "plan": doc, "starts_on": starts_on}


def _with_plan(
    journey: Journey, profile: dict[str, Any], doc: dict[str, Any], starts_on: date, now: datetime
) -> Journey:
    """The journey as it will be once the new profile and plan are stored."""
    plan = PlanVersion(
        version=journey.plan.version + 1,
        created_at=now,
        starts_on=starts_on,
        kb_version=str(doc.get("kb_version") or journey.plan.kb_version),
        reason="profile",
        pace=None,
        data=doc,
    )
    return replace(journey, profile=profile, profile_version=journey.profile_version + 1, plan=plan)


def _dates(base: date, eta: dict[str, int]) -> DateBand:
    """The last day of each ETA week, as ``status`` prints it."""
    return DateBand(**{b: end_of_week(base, w) for b, w in eta.items()})
