"""Streaks: consecutive days, and consecutive calendar weeks, with some study logged.

A streak is still alive until the period after its last day ends (logging nothing yet today does not break a
daily streak; nothing yet this week does not break a weekly one). Part-time learners study a few evenings a
week, so the weekly streak is the one that says whether momentum holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Streak:
    current_days: int
    longest_days: int
    current_weeks: int
    longest_weeks: int
    last_day: date | None


def _runs(ordinals: list[int]) -> list[tuple[int, int]]:
    """(first, last) of each run of consecutive integers in a sorted list."""
    runs: list[tuple[int, int]] = []
    for n in ordinals:
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def _current(runs: list[tuple[int, int]], now: int) -> int:
    if runs and runs[-1][1] >= now - 1:
        first, last = runs[-1]
        return last - first + 1
    return 0


def _week_number(day: date) -> int:
    """The calendar week (Monday to Sunday) ``day`` falls in, as a number that counts up one a week."""
    return (day - timedelta(days=day.weekday())).toordinal() // 7


def streak(days: Iterable[date], today: date) -> Streak:
    active = sorted({d for d in days if d <= today})
    day_runs = _runs([d.toordinal() for d in active])
    week_runs = _runs(sorted({_week_number(d) for d in active}))
    return Streak(
        current_days=_current(day_runs, today.toordinal()),
        longest_days=max((b - a + 1 for a, b in day_runs), default=0),
        current_weeks=_current(week_runs, _week_number(today)),
        longest_weeks=max((b - a + 1 for a, b in week_runs), default=0),
        last_day=active[-1] if active else None,
    )
