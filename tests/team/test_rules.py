"""Team mode's rules: account names and passwords, the sign-in rate limit, when a learner is stuck, the drift of
the finish date, and a cohort roadmap's coverage."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlroute.errors import UserError
from mlroute.team import accounts, progress, ratelimit, roadmap

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
TODAY = date(2027, 3, 1)


def test_names_are_normalised_and_checked() -> None:
    assert accounts.username("  Ann.Lee ") == "ann.lee"
    for bad in ("a", "-ann", "ann lee", "安", "x" * 41, "ann/../x"):
        with pytest.raises(UserError):
            accounts.username(bad)


def test_password_policy_and_hashing() -> None:
    for bad in ("short", "annannannann", "aaaaaaaaaaaaaaaa", "x" * 1025):
        with pytest.raises(UserError):
            accounts.check_password(bad, "annannannann" if bad == "annannannann" else "ann")
    hashed = accounts.hash_password("correct horse battery")
    assert hashed.startswith("$argon2id$")
    assert accounts.verify_password(hashed, "correct horse battery")
    assert not accounts.verify_password(hashed, "correct horse battery!")
    assert not accounts.verify_password("not a hash", "anything at all")
    # NFKC: a full-width form of the same password is the same password
    assert accounts.verify_password(hashed, "ｃorrect horse battery")


def test_the_rate_limit_per_name_and_per_client() -> None:
    recent = [NOW - timedelta(minutes=m) for m in (1, 2, 3, 4, 5)]
    refused = ratelimit.verdict(recent, [], NOW)
    assert not refused.allowed and 0 < refused.retry_after <= 15 * 60
    assert ratelimit.verdict(recent[:4], [], NOW).allowed
    old = [NOW - timedelta(minutes=20)] * 10
    assert ratelimit.verdict(old, old, NOW).allowed
    many = [NOW - timedelta(seconds=s) for s in range(20)]
    assert not ratelimit.verdict([], many, NOW).allowed


@given(st.lists(st.integers(min_value=0, max_value=40 * 60), max_size=30))
def test_waiting_the_answer_is_always_enough(seconds_ago: list[int]) -> None:
    failures = [NOW - timedelta(seconds=s) for s in seconds_ago]
    first = ratelimit.verdict(failures, failures, NOW)
    if first.allowed:
        assert first.retry_after == 0
    else:
        later = NOW + timedelta(seconds=first.retry_after)
        assert ratelimit.verdict(failures, failures, later).allowed


def test_stuck_after_two_idle_weeks_or_a_slow_month() -> None:
    start = TODAY - timedelta(days=60)
    assert progress.stuck(TODAY + timedelta(days=3), [], 10, TODAY) is None  # not started yet
    idle = progress.stuck(start, [(TODAY - timedelta(days=15), 600)], 10, TODAY)
    assert idle is not None and idle.kind == "no-session" and idle.idle_days == 15
    never = progress.stuck(TODAY - timedelta(days=20), [], 10, TODAY)
    assert never is not None and never.kind == "no-session" and never.last_session is None
    slow = progress.stuck(start, [(TODAY - timedelta(days=d), 60) for d in range(0, 28, 2)], 10, TODAY)
    assert slow is not None and slow.kind == "slow-pace" and slow.logged_hours == 14 and slow.planned_hours == 40
    steady = progress.stuck(start, [(TODAY - timedelta(days=d), 90) for d in range(0, 28)], 10, TODAY)
    assert steady is None
    young = progress.stuck(TODAY - timedelta(days=20), [(TODAY, 30)], 10, TODAY)
    assert young is None  # fewer than four weeks in: pace is not judged yet


def test_drift() -> None:
    assert progress.drift_weeks(20, 23.46) == 3.5
    assert progress.drift_weeks(20, 18) == -2


def test_roadmap_coverage_by_phase() -> None:
    reqs = [
        roadmap.Requirement("python", 3, "programming"),
        roadmap.Requirement("linear-algebra", 2, "math-stats"),
        roadmap.Requirement("docker", 2, "mlops"),
        roadmap.Requirement("nlp", 0, "domains"),
    ]
    phases = [roadmap.Phase("basics", ("programming",)), roadmap.Phase("ml", ("math-stats", "classic-ml"))]
    got = roadmap.coverage(reqs, phases, {"python": 3, "linear-algebra": 1})
    assert [(p.phase, p.coverage) for p in got] == [("basics", 1.0), ("ml", 0.5), ("other", 0.0)]
    assert roadmap.overall(got) == 0.5
