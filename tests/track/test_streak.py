"""Streaks of days and of weeks."""

from __future__ import annotations

from datetime import date, timedelta

from mlroute.track.streak import streak

MON = date(2026, 12, 7)


def days(*offsets: int) -> list[date]:
    return [MON + timedelta(days=o) for o in offsets]


def test_no_sessions() -> None:
    s = streak([], MON)
    assert (s.current_days, s.longest_days, s.current_weeks, s.longest_weeks, s.last_day) == (0, 0, 0, 0, None)


def test_a_daily_streak_survives_until_the_day_after() -> None:
    logged = days(0, 1, 2)
    assert streak(logged, MON + timedelta(days=2)).current_days == 3
    assert streak(logged, MON + timedelta(days=3)).current_days == 3  # nothing yet today
    assert streak(logged, MON + timedelta(days=4)).current_days == 0  # a day missed
    assert streak(logged, MON + timedelta(days=4)).longest_days == 3


def test_weekly_streak_counts_calendar_weeks() -> None:
    # Tue and Sat of week 1, Sun of week 2, Wed of week 3: three weeks in a row, gaps of days in between
    logged = days(1, 5, 13, 16)
    s = streak(logged, MON + timedelta(days=17))
    assert (s.current_days, s.longest_days) == (1, 1)
    assert (s.current_weeks, s.longest_weeks) == (3, 3)
    assert streak(logged, MON + timedelta(days=30)).current_weeks == 0


def test_future_days_are_ignored() -> None:
    assert streak(days(0, 1), MON).current_days == 1
