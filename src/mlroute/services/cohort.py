"""The mentor's view of their mentees: progress, pace against plan, the ETA and how far it drifted, last activity,
and who is stuck and why (``team.progress``). Who may see whom is decided here too (``mentee``).

A mentee's summary is computed from their journey with the same forecast ``mlroute status`` uses, and cached per
process on the account's ``data_version`` (which every change to their data raises) and the day, so a cohort
page of twenty learners costs one query when nothing changed.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

from sqlalchemy import func, select

from mlroute.errors import UserError
from mlroute.services.journey import load_journey, today_or
from mlroute.services.results import IsoDateTime, Result
from mlroute.services.summary_cache import SummaryCache, cached
from mlroute.store import Store, team_repo
from mlroute.store.models import ItemStatusRow, JournalEntryRow, PlanRow, StudySessionRow, UserRow
from mlroute.team import progress
from mlroute.track.journey import Journey
from mlroute.track.outlook import outlook

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as DbSession

CACHE_SIZE = 2_000


class StuckReason(Result):
    kind: Literal["no-session", "slow-pace"]
    last_session: date | None
    idle_days: int
    logged_hours: float
    planned_hours: float


class MenteeSummary(Result):
    username: str
    cohort: str | None = None
    has_plan: bool
    name: str | None = None
    target_role: str | None = None
    started_on: date | None = None
    progress: float = 0.0
    items_done: int = 0
    items_total: int = 0
    hours_logged: float = 0.0
    hours_total: float = 0.0
    pace_observed: float | None = None
    pace_planned: float = 0.0
    eta: date | None = None
    eta_initial: date | None = None
    drift_weeks: float | None = None
    last_activity: IsoDateTime | None = None
    stuck: StuckReason | None = None


class CohortView(Result):
    mentor: str
    today: date
    learners: list[MenteeSummary]
    stuck: int


_cache: SummaryCache[MenteeSummary] = SummaryCache(CACHE_SIZE)


def mentee(store: Store, mentor_id: int, username: str) -> UserRow:
    """The learner ``username`` when ``mentor_id`` is their assigned mentor; anyone else gets the same refusal
    (whether the account exists is not told)."""

    def read(s: DbSession) -> UserRow | None:
        row = team_repo.user_by_name(s, username.strip().lower())
        return row if row is not None and team_repo.is_mentor_of(s, mentor_id, row.id) else None

    row = store.system().read(read)
    if row is None:
        raise NotYourMentee(username)
    return row


class NotYourMentee(UserError):
    def __init__(self, username: str) -> None:
        super().__init__(
            f"{username!r} is not one of your mentees.", hint="An admin assigns mentors: mlroute users assign."
        )


def cohort(store: Store, mentor_id: int, mentor_name: str, *, today: date | None = None) -> CohortView:
    """Every mentee of ``mentor_id``, the stuck ones first."""
    today = today_or(today)

    def read(s: DbSession) -> tuple[list[UserRow], dict[int, str]]:
        names = {c.id: c.name for c in team_repo.cohorts(s)}
        return team_repo.mentees(s, mentor_id), {u: names[c] for u, c in team_repo.cohort_members(s).items()}

    learners, member_of = store.system().read(read)
    out = []
    for row in learners:
        summary = summarise(store, row, today).model_copy(update={"cohort": member_of.get(row.id)})
        out.append(summary)
    out.sort(key=lambda m: (m.stuck is None, m.username))
    return CohortView(mentor=mentor_name, today=today, learners=out, stuck=sum(m.stuck is not None for m in out))


def summarise(store: Store, row: UserRow, today: date) -> MenteeSummary:
    """One mentee's summary, from the cache when their data has not changed since, on the same day."""
    mentee_store = store.for_owner(row.id)
    return cached(
        _cache,
        mentee_store.cache_key(),
        (row.data_version, today),
        lambda: _compute(mentee_store, row.username, today),
    )


def _compute(store: Store, username: str, today: date) -> MenteeSummary:
    def read(s: DbSession) -> tuple[Journey | None, datetime | None]:
        try:
            journey: Journey | None = load_journey(s)
        except UserError:
            journey = None
        return journey, last_activity(s)

    journey, last = store.read(read)
    if journey is None:
        return MenteeSummary(username=username, has_plan=False, last_activity=last)
    look = outlook(journey, today)
    base = journey.first.starts_on
    first_p50 = float(journey.first.data["eta_weeks"]["p50"])
    reason = progress.stuck(base, ((x.day, x.minutes) for x in journey.sessions), look.planned_pace, today)
    return MenteeSummary(
        username=username,
        has_plan=True,
        name=journey.name,
        target_role=journey.profile.get("target_role"),
        started_on=base,
        progress=look.progress.fraction,
        items_done=look.progress.items_done,
        items_total=look.progress.items_total,
        hours_logged=look.progress.hours_logged,
        hours_total=look.progress.hours_total,
        pace_observed=look.pace.observed,
        pace_planned=look.planned_pace,
        eta=base + timedelta(weeks=look.eta["p50"]),
        eta_initial=base + timedelta(weeks=first_p50),
        drift_weeks=progress.drift_weeks(first_p50, look.eta["p50"]),
        last_activity=last,
        stuck=StuckReason(**reason.__dict__) if reason else None,
    )


def last_activity(s: DbSession) -> datetime | None:
    """When the person last did something: a study session, a journal entry, a status change, a plan."""
    stamps = [
        s.scalar(select(func.max(StudySessionRow.created_at))),
        s.scalar(select(func.max(JournalEntryRow.created_at))),
        s.scalar(select(func.max(ItemStatusRow.updated_at))),
        s.scalar(select(func.max(PlanRow.created_at))),
    ]
    found = [t for t in stamps if t is not None]
    return max(found) if found else None
