"""Plan weeks and calendar dates: week 1 of a plan begins on the plan's start date."""

from __future__ import annotations

from datetime import date, timedelta


def week_of(starts_on: date, day: date) -> int:
    """The plan week ``day`` falls in (1-based; 0 or less before the plan starts)."""
    return (day - starts_on).days // 7 + 1


def week_start(starts_on: date, week: int) -> date:
    return starts_on + timedelta(weeks=week - 1)


def weeks_between(earlier: date, later: date) -> float:
    """Elapsed weeks from ``earlier`` to ``later`` (never negative)."""
    return max(0.0, (later - earlier).days / 7)
