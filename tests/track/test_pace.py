"""Observed pace: only from sessions inside the journey, only once there is enough of it, with its uncertainty."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from mlroute.track.pace import MIN_COVERAGE, MIN_WEEKS, pace
from mlroute.track.progress import LoggedSession

START = date(2026, 12, 7)


def sessions_per_week(hours: float, weeks: int, start: date = START) -> list[LoggedSession]:
    return [LoggedSession(start + timedelta(weeks=w, days=2), round(hours * 60), "x") for w in range(weeks)]


def test_no_evidence_means_the_stated_hours() -> None:
    p = pace([], started=START, today=START, planned=10)
    assert p.hours_per_week == 10 and p.observed is None and not p.enough and p.basis == "stated"
    assert p.weeks_needed == MIN_WEEKS


def test_a_few_days_are_not_enough_data() -> None:
    """The issue's case: 2.2 h logged, a day into the plan — the ETA keeps the stated hours."""
    p = pace([LoggedSession(START, 132, "x")], started=START, today=START + timedelta(days=1), planned=10)
    assert not p.enough and p.hours_per_week == 10 and p.observed == 15.4
    assert 3.8 < p.weeks_needed < 4


def test_after_four_weeks_the_observed_pace_is_used() -> None:
    p = pace(sessions_per_week(4.3, 5), started=START, today=START + timedelta(weeks=5), planned=10)
    assert p.enough and p.basis == "observed" and p.hours_per_week == 4.3 and p.weeks_needed == 0
    assert 0.05 <= p.sigma <= 0.6


def test_sessions_before_the_start_do_not_count() -> None:
    early = [LoggedSession(START - timedelta(days=3), 300, "x")]
    p = pace(early + sessions_per_week(5, 4), started=START, today=START + timedelta(weeks=4), planned=10)
    assert p.observed == 5.0


def test_uneven_weeks_give_a_wider_uncertainty() -> None:
    steady = pace(sessions_per_week(6, 8), started=START, today=START + timedelta(weeks=8), planned=10)
    bursts = [LoggedSession(START + timedelta(weeks=w, days=1), (12 if w % 2 else 0) * 60, "x") for w in range(8)]
    uneven = pace(bursts, started=START, today=START + timedelta(weeks=8), planned=10)
    assert steady.hours_per_week == uneven.hours_per_week == 6.0
    assert uneven.sigma > steady.sigma


def test_one_session_in_five_weeks_is_a_sparse_log_not_a_pace() -> None:
    """One evening logged in five weeks would forecast decades; the stated hours stay, and status says why."""
    one = [LoggedSession(START + timedelta(days=3), 90, "x")]
    p = pace(one, started=START, today=START + timedelta(weeks=5), planned=10)
    assert p.sparse and not p.enough and not p.nothing_logged and p.hours_per_week == 10
    assert (p.weeks_logged, p.full_weeks, p.observed) == (1, 5, 0.3)
    half = pace(sessions_per_week(2, 3), started=START, today=START + timedelta(weeks=6), planned=10)
    assert half.enough and half.hours_per_week == 1.0 and (half.weeks_logged, half.full_weeks) == (3, 6)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(-20, 120), st.integers(1, 600)), max_size=40),
    st.integers(0, 120),
    st.floats(1, 60),
)
def test_pace_is_stated_until_enough_then_logged_hours_over_weeks(
    raw: list[tuple[int, int]], days: int, planned: float
) -> None:
    sessions = [LoggedSession(START + timedelta(days=d), m, "x") for d, m in raw]
    today = START + timedelta(days=days)
    p = pace(sessions, started=START, today=today, planned=planned)
    inside = sum(m for d, m in raw if 0 <= d < days) / 60
    if days / 7 < MIN_WEEKS:
        assert p.hours_per_week == planned and not p.enough
    elif inside == 0:  # weeks without a single session: not logging, not a pace of zero
        assert p.hours_per_week == planned and not p.enough and p.nothing_logged and not p.sparse
    elif len({d // 7 for d, m in raw if 0 <= d < days // 7 * 7}) < MIN_COVERAGE * (days // 7):
        assert p.hours_per_week == planned and p.sparse and not p.enough and not p.nothing_logged
    else:
        assert abs(p.hours_per_week - inside / (days / 7)) < 0.01 and p.enough and not p.sparse
