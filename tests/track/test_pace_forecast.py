"""Pace with a prior, and the forecast from real pace."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mlroute.track.forecast import forecast, shift
from mlroute.track.pace import pace
from mlroute.track.progress import LoggedSession

START = date(2026, 12, 7)
ETA = {"p10": 14.0, "p50": 16.0, "p90": 19.0}


def sessions_per_week(hours: float, weeks: int) -> list[LoggedSession]:
    return [LoggedSession(START + timedelta(weeks=w, days=2), round(hours * 60), "x") for w in range(weeks)]


def test_no_evidence_means_the_planned_pace() -> None:
    p = pace([], started=START, today=START, planned=10)
    assert p.hours_per_week == 10
    assert p.observed is None
    later = pace([], started=START, today=START + timedelta(weeks=2), planned=10)
    assert later.observed == 0.0 and later.hours_per_week == round(10 / 3, 2)


def test_pace_moves_to_what_is_observed() -> None:
    today = START + timedelta(weeks=4)
    p = pace(sessions_per_week(5, 4), started=START, today=today, planned=10)
    assert p.observed == 5.0
    assert p.hours_per_week == 6.0  # (10·1 + 20) / (1 + 4)
    assert p.weeks_observed == 4.0


def test_one_heavy_evening_does_not_promise_an_early_finish() -> None:
    p = pace([LoggedSession(START, 8 * 60, "x")], started=START, today=START + timedelta(days=1), planned=10)
    assert p.hours_per_week < 16


def test_only_the_last_four_weeks_count() -> None:
    old = sessions_per_week(20, 2)  # an early burst
    recent = [LoggedSession(START + timedelta(weeks=w, days=2), 4 * 60, "x") for w in range(6, 10)]
    p = pace(old + recent, started=START, today=START + timedelta(weeks=10), planned=10)
    assert p.observed == 4.0


def test_forecast_equals_the_plan_at_the_start() -> None:
    f = forecast(
        ETA, plan_total_hours=160, remaining_hours=160, planned_pace=10, pace=10, weeks_into_plan=0, plan_offset_weeks=0
    )
    assert f == ETA


def test_on_track_keeps_the_eta_and_slower_pushes_it_out() -> None:
    on_track = forecast(
        ETA, plan_total_hours=160, remaining_hours=120, planned_pace=10, pace=10, weeks_into_plan=4, plan_offset_weeks=0
    )
    assert on_track["p50"] == 16.0
    slow = forecast(
        ETA, plan_total_hours=160, remaining_hours=140, planned_pace=10, pace=5, weeks_into_plan=4, plan_offset_weeks=0
    )
    assert slow["p50"] == pytest.approx(4 + 16 * 140 / 160 * 2, abs=0.05)
    assert slow["p10"] < slow["p50"] < slow["p90"]


def test_a_replanned_eta_is_counted_from_the_first_start() -> None:
    assert shift(ETA, 6) == {"p10": 20.0, "p50": 22.0, "p90": 25.0}
    f = forecast(
        ETA, plan_total_hours=100, remaining_hours=100, planned_pace=8, pace=8, weeks_into_plan=0, plan_offset_weeks=6
    )
    assert f["p50"] == 22.0
