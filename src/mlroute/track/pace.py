"""Observed pace: hours per week over the recent weeks, with a prior at the planned pace.

With little evidence the estimate stays near what the person planned; as weeks pass it follows what they
actually do. The prior is worth ``PRIOR_WEEKS`` of study at the planned pace, so one heavy first evening does
not promise an early finish, and one quiet week does not push the ETA to infinity.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from mlroute.track.progress import LoggedSession

WINDOW_WEEKS = 4
PRIOR_WEEKS = 1.0


@dataclass(frozen=True)
class Pace:
    hours_per_week: float  # the estimate used for forecasts
    observed: float | None  # hours per week actually logged in the window (None before any time has passed)
    weeks_observed: float
    planned: float


def pace(
    sessions: Iterable[LoggedSession],
    *,
    started: date,
    today: date,
    planned: float,
    window_weeks: int = WINDOW_WEEKS,
    prior_weeks: float = PRIOR_WEEKS,
) -> Pace:
    """``started``: when study began (plan start or the first session, whichever is earlier); the window is the
    last ``window_weeks`` of finished days."""
    # Only finished days count: today is not over, so neither its hours nor its time are evidence yet.
    elapsed = max(0.0, (today - started).days / 7)
    window = min(float(window_weeks), elapsed)
    since = today - timedelta(days=round(window * 7))
    hours = sum(s.minutes for s in sessions if since <= s.day < today) / 60
    estimate = (planned * prior_weeks + hours) / (prior_weeks + window)
    return Pace(
        hours_per_week=round(estimate, 2),
        observed=round(hours / window, 2) if window > 0 else None,
        weeks_observed=round(window, 2),
        planned=planned,
    )
