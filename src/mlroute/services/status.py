"""``mlroute status``: progress, this week against plan, streak, pace, ETA then and now, and what is next.

Computed from the whole journey, so the answer is cached per process (``services.summary_cache``) on the data's
version, the day and the knowledge base, until the next review or drill card falls due: the dashboard and
``/api/status`` asked again with nothing changed cost one small query.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from pydantic import Field

from mlroute.services.drill_summary import DrillStatus, drill_status
from mlroute.services.journey import load_journey, now_or, today_or
from mlroute.services.quiz_levels import QuizLevel, quiz_levels
from mlroute.services.results import Band, DateBand, IsoDateTime, Result
from mlroute.services.summary_cache import SummaryCache, cached
from mlroute.store import Store, repo
from mlroute.track.journey import Journey
from mlroute.track.outlook import outlook
from mlroute.track.streak import streak
from mlroute.track.weeks import week_of, week_start

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as DbSession

    from mlroute.kb import KBIndex


class ThisWeek(Result):
    week: int
    from_: date = Field(alias="from")
    hours_logged: float
    hours_planned: float


class StreakFigures(Result):
    current_days: int
    longest_days: int
    current_weeks: int
    longest_weeks: int
    last_day: date | None


class PaceFigures(Result):
    hours_per_week: float = Field(description="What the forecast uses: the observed pace once there is enough data.")
    observed: float | None
    weeks_observed: float
    planned: float
    basis: str = Field(description="observed | stated (not enough data yet, nothing logged, or a sparse log)")
    weeks_needed: float = Field(
        description="Weeks of data still needed before the observed pace is used (0 with basis stated: nothing "
        "is logged inside the plan, or the log is sparse)."
    )
    weeks_logged: int = Field(description="Full weeks since the start with a session logged.")
    full_weeks: int = Field(description="Full weeks since the start.")
    sparse: bool = Field(
        description="Study is logged in fewer than half the full weeks: too few to judge the pace, so the "
        "stated hours are used."
    )


class NextItem(Result):
    id: str
    title: str
    kind: str | None
    status: str
    week_start: int | None
    hours: float | None
    hours_logged: float


class ReviewDue(Result):
    item: str
    due: IsoDateTime
    reviews: int


class Status(Result):
    name: str
    target_role: str | None
    today: date
    started_on: date
    week: int = Field(description="Week of the journey (0: the plan has not started yet).")
    plan_version: int
    kb_version: str
    hours_logged: float
    hours_total: float
    hours_remaining: float
    items_done: int
    items_doing: int
    items_skipped: int
    items_total: int
    progress: float = Field(description="Share of the planned hours done.")
    this_week: ThisWeek
    streak: StreakFigures
    pace: PaceFigures
    eta_weeks: Band = Field(description="Ready to apply: weeks from the start date (the one forecast, track.outlook).")
    eta_dates: DateBand = Field(description="The last day of those weeks.")
    eta_weeks_grow: Band = Field(description="Everything, keep growing included.")
    eta_weeks_initial: Band
    eta_weeks_plan: Band
    next: list[str]
    next_items: list[NextItem]
    reviews_due: list[ReviewDue]
    drills: DrillStatus | None = Field(
        default=None, description="Interview drills: due counts and 30-day retention (null without the knowledge base)."
    )
    quiz_levels: list[QuizLevel] = Field(
        default_factory=list, description="Levels earned in accepted quizzes, next to the self-declared ones."
    )


class TimedStatus(NamedTuple):
    """A status and the next moment it changes with no change to the data (a card falls due; None: not known)."""

    status: Status
    changes_at: datetime | None


CACHE_SIZE = 2_000
_cache: SummaryCache[TimedStatus] = SummaryCache(CACHE_SIZE)


def status(
    store: Store, *, kb: KBIndex | None = None, today: date | None = None, now: datetime | None = None
) -> Status:
    """Where the person stands: progress, this week against plan, streak, ETA then and now, what is next; with
    ``kb``, the interview drills too. The answer is shared (cached): do not change it."""
    return timed_status(store, kb=kb, today=today, now=now).status


def timed_status(
    store: Store, *, kb: KBIndex | None = None, today: date | None = None, now: datetime | None = None
) -> TimedStatus:
    """``status`` and when it next changes by itself. On the clock (``now`` not given) it comes from the cache
    when the data, the day and the knowledge base are those it was computed for."""
    if now is not None:  # a moment of the caller's: computed, never cached
        return _timed_status(store, kb, today_or(today), now)
    today, now = today_or(today), now_or(None)
    version = store.data_version()  # read before the data, so a change in between is not hidden
    stamp = None if version is None else (version, today, kb_stamp(kb))
    return cached(
        _cache,
        store.cache_key(),
        stamp,
        lambda: _timed_status(store, kb, today, now),
        now=now,
        until=lambda timed: timed.changes_at,
    )


def kb_stamp(kb: KBIndex | None) -> tuple[int, str] | None:
    """Which knowledge base a cached figure was computed with (this process loads each one once)."""
    return None if kb is None else (id(kb), kb.kb.meta.version)


def _timed_status(store: Store, kb: KBIndex | None, today: date, now: datetime) -> TimedStatus:
    def read(s: DbSession) -> tuple[Journey, list[ReviewDue], datetime | None]:
        cards = repo.review_cards(s)
        due = [ReviewDue(item=c.item_id, due=c.due, reviews=c.reviews) for c in cards if c.due <= now]
        return load_journey(s), due, min((c.due for c in cards if c.due > now), default=None)

    journey, due_cards, next_review = store.read(read)
    result = make_status(journey, today, due_cards)
    result.drills = drill_status(store, kb, now=now) if kb is not None else None
    result.quiz_levels = quiz_levels(store, kb)
    moments = [m for m in (next_review, result.drills.next_due if result.drills else None) if m is not None]
    return TimedStatus(result, min(moments, default=None))


def make_status(journey: Journey, today: date, reviews_due: list[ReviewDue]) -> Status:
    look = outlook(journey, today)
    prog, pc = look.progress, look.pace
    base = journey.first.starts_on
    week_from = week_start(journey.plan.starts_on, week_of(journey.plan.starts_on, today))
    planned_week = next(
        (
            float(w.get("hours", 0))
            for w in journey.plan.data.get("weeks", [])
            if w.get("week") == week_of(journey.plan.starts_on, today)
        ),
        0.0,
    )
    logged_week = sum(x.minutes for x in journey.sessions if week_from <= x.day < week_from + timedelta(7)) / 60
    st = streak((x.day for x in journey.sessions), today)
    return Status(
        name=journey.name,
        target_role=journey.profile.get("target_role"),
        today=today,
        started_on=base,
        week=max(0, week_of(base, today)),
        plan_version=journey.plan.version,
        kb_version=journey.plan.kb_version,
        hours_logged=prog.hours_logged,
        hours_total=prog.hours_total,
        hours_remaining=prog.hours_remaining,
        items_done=prog.items_done,
        items_doing=prog.items_doing,
        items_skipped=prog.items_skipped,
        items_total=prog.items_total,
        progress=prog.fraction,
        this_week=ThisWeek(
            week=max(0, week_of(base, today)),
            from_=week_from,
            hours_logged=round(logged_week, 2),
            hours_planned=planned_week,
        ),
        streak=StreakFigures(
            current_days=st.current_days,
            longest_days=st.longest_days,
            current_weeks=st.current_weeks,
            longest_weeks=st.longest_weeks,
            last_day=st.last_day,
        ),
        pace=PaceFigures(
            hours_per_week=pc.hours_per_week,
            observed=pc.observed,
            weeks_observed=pc.weeks_observed,
            planned=look.planned_pace,
            basis=pc.basis,
            weeks_needed=pc.weeks_needed,
            weeks_logged=pc.weeks_logged,
            full_weeks=pc.full_weeks,
            sparse=pc.sparse,
        ),
        eta_weeks=Band.of(look.eta),
        eta_dates=DateBand(**{b: end_of_week(base, int(w)) for b, w in look.eta.items()}),
        eta_weeks_grow=Band.of(look.eta_grow),
        eta_weeks_initial=Band.of(journey.first.data["eta_weeks"]),
        eta_weeks_plan=Band.of({b: v + journey.offset for b, v in journey.plan.data["eta_weeks"].items()}),
        next=prog.next,
        next_items=[_brief(journey, i) for i in prog.next],
        reviews_due=reviews_due,
    )


def end_of_week(start: date, weeks: int) -> date:
    """The last day of week ``weeks`` counted from ``start`` (the date every place prints for "in N weeks")."""
    return start + timedelta(days=7 * max(weeks, 1) - 1)


def _brief(journey: Journey, item_id: str) -> NextItem:
    it = journey.items.get(item_id, {})
    in_plan = any(p["id"] == item_id for p in journey.plan_items)
    return NextItem(
        id=item_id,
        title=journey.title(item_id),
        kind=it.get("kind"),
        status=journey.status(item_id),
        week_start=(it["week_start"] + journey.offset) if in_plan and "week_start" in it else None,
        hours=it.get("hours"),
        hours_logged=round(sum(x.minutes for x in journey.sessions if x.item_id == item_id) / 60, 2),
    )
