"""Observed pace: the hours a week a person really studied since their plan began, once there is enough of it.

Only sessions inside the journey count (on or after the first plan's start, before today: today is not over), and
only once ``MIN_WEEKS`` have passed since the start and something is logged: two evenings in the first week say
little about a year, so before that the forecast keeps the stated hours and says how many weeks of data it still
needs. A log that covers less than half of the full weeks since the start (``MIN_COVERAGE``) says the person is
not logging everything, not that they study an hour a month: one session logged in five weeks would otherwise
forecast forty years. The forecast then keeps the stated hours too and says why (``sparse``); a re-plan may still
use the observed pace when asked to.
The uncertainty of the average (used by the time model) comes from the person's own weeks: the coefficient
of variation of their weekly hours over the square root of the number of weeks, never below ``MIN_SIGMA``.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from mlroute.track.progress import LoggedSession

MIN_WEEKS = 4  # weeks of journey before the observed pace replaces the stated hours
MIN_COVERAGE = 0.5  # share of the full weeks since the start that must have a session logged
MIN_SIGMA = 0.05
MAX_SIGMA = 0.6


@dataclass(frozen=True)
class Pace:
    hours_per_week: float  # what forecasts use: the observed pace once there is enough data, else the stated hours
    observed: float | None  # hours per week logged since the start (None before a full day has passed)
    weeks_observed: float
    planned: float  # the stated hours per week
    enough: bool  # the observed pace is in use
    weeks_needed: float  # weeks of data still missing before it is (0 once enough, or when nothing is logged)
    sigma: float  # log-scale uncertainty of the observed average
    weeks_logged: int = 0  # full weeks since the start with a session logged
    full_weeks: int = 0  # full weeks since the start

    @property
    def basis(self) -> str:
        return "observed" if self.enough else "stated"

    @property
    def nothing_logged(self) -> bool:
        """Weeks enough have passed, but no study is logged inside the plan."""
        return not self.enough and self.weeks_needed == 0 and not self.observed

    @property
    def sparse(self) -> bool:
        """Weeks enough have passed and study is logged, but in too few of them to say what the pace is."""
        return not self.enough and self.weeks_needed == 0 and bool(self.observed)

    @property
    def observed_sigma(self) -> float:
        """The uncertainty of the observed average, for a re-plan that uses it although the log is sparse."""
        return self.sigma or MAX_SIGMA


def pace(sessions: Iterable[LoggedSession], *, started: date, today: date, planned: float) -> Pace:
    """``started``: the journey's first day (the first plan's start date)."""
    elapsed_days = max(0, (today - started).days)
    weeks = elapsed_days / 7
    inside = [s for s in sessions if started <= s.day < today]
    hours = sum(s.minutes for s in inside) / 60
    observed = round(hours / weeks, 2) if weeks > 0 else None
    full_weeks = elapsed_days // 7
    logged = len({(s.day - started).days // 7 for s in inside if s.minutes > 0} & set(range(full_weeks)))
    # Weeks with nothing logged say the person is not logging, not that they will never finish: keep the stated
    # hours (and say so) rather than forecast forever.
    enough = weeks >= MIN_WEEKS and hours > 0 and logged >= MIN_COVERAGE * full_weeks
    return Pace(
        hours_per_week=observed if enough and observed is not None else planned,
        observed=observed,
        weeks_observed=round(weeks, 2),
        planned=planned,
        enough=enough,
        weeks_needed=round(max(0.0, MIN_WEEKS - weeks), 2),
        sigma=_sigma(inside, started, full_weeks) if weeks >= MIN_WEEKS and hours > 0 else 0.0,
        weeks_logged=logged,
        full_weeks=full_weeks,
    )


def _sigma(sessions: list[LoggedSession], started: date, full_weeks: int) -> float:
    """The uncertainty of a weekly average over ``full_weeks`` weeks, from how much the weeks varied."""
    if full_weeks < 2:
        return MAX_SIGMA
    totals = [0.0] * full_weeks
    for s in sessions:
        k = (s.day - started).days // 7
        if 0 <= k < full_weeks:
            totals[k] += s.minutes / 60
    mean = statistics.fmean(totals)
    if mean <= 0:
        return MAX_SIGMA
    cv = statistics.pstdev(totals) / mean
    return round(min(MAX_SIGMA, max(MIN_SIGMA, math.sqrt(math.log(1 + cv**2)) / math.sqrt(full_weeks))), 3)


def weeks_since(started: date, today: date) -> int:
    """Whole weeks from the journey's start to the start of the current week (0 in week 1 or before)."""
    return max(0, (today - started).days // 7)


def week_days(started: date, week: int) -> tuple[date, date]:
    first = started + timedelta(weeks=week - 1)
    return first, first + timedelta(days=6)
