"""The time model: deterministic per seed, ordered bands, honest about available time, sensitive to what it
should be."""

from __future__ import annotations

from mlroute.plan.forecast import (
    AVAILABILITY_MEAN,
    AVAILABILITY_P10,
    AVAILABILITY_P90,
    availability_beta,
    planned_capacity,
    simulate,
)


def run(work, hours=10.0, pace=None, seed=0, milestones=None, capacity=None, spans=None):
    ms = {"end": len(work) - 1, **(milestones or {})}
    return simulate(work, ms, capacity or (lambda w: hours), pace=pace, seed=seed, spans=spans)


WORK = [(40.0, 0.3), (60.0, 0.7), (30.0, 0.5)]


def test_same_seed_same_band_and_bands_ordered() -> None:
    a, b = run(WORK, seed=7), run(WORK, seed=7)
    assert a == b
    end = a.milestones["end"]
    assert end.p10 <= end.p50 <= end.p90


def test_the_median_matches_the_hours_the_schedule_plans() -> None:
    """The schedule packs the mean share of stated hours; the simulated median lands near that schedule's end."""
    f = run(WORK)
    planned = sum(h for h, _ in WORK) / (10 * AVAILABILITY_MEAN)
    assert planned * 0.9 <= f.milestones["end"].p50 <= planned * 1.25
    assert f.milestones["end"].p10 < planned < f.milestones["end"].p90


def test_availability_comes_from_the_ects_year() -> None:
    a, b = availability_beta()
    assert abs(a / (a + b) - AVAILABILITY_MEAN) < 1e-9
    assert round(AVAILABILITY_P10, 2) == 0.72 and round(AVAILABILITY_P90, 2) == 0.87
    assert planned_capacity(lambda w: 10.0)(1) == round(10 * AVAILABILITY_MEAN, 2)
    assert planned_capacity(lambda w: 10.0, pace=4.0)(3) == 4.0


def test_more_hours_or_faster_pace_is_sooner() -> None:
    assert run(WORK, hours=20).milestones["end"].p50 < run(WORK, hours=10).milestones["end"].p50
    assert run(WORK, pace=15).milestones["end"].p50 < run(WORK, pace=5).milestones["end"].p50
    assert run(WORK, pace=5).basis == "observed"


def test_milestones_come_no_later_than_the_end() -> None:
    f = run(WORK, milestones={"first": 0, "second": 1})
    assert f.milestones["first"].p50 <= f.milestones["second"].p50 <= f.milestones["end"].p50


def test_weeks_without_time_push_the_eta() -> None:
    holiday = run(WORK, capacity=lambda w: 0.0 if w <= 4 else 10.0)
    assert holiday.milestones["end"].p50 >= run(WORK).milestones["end"].p50 + 4


def test_more_uncertain_figures_widen_the_band() -> None:
    sure = run([(100.0, 0.1)] * 3).milestones["end"]
    unsure = run([(100.0, 0.9)] * 3).milestones["end"]
    assert unsure.p90 - unsure.p10 > sure.p90 - sure.p10


def test_a_step_at_work_ends_weeks_after_it_starts() -> None:
    """A secondment that starts after the first course runs its weeks whatever the study pace."""
    work = [(40.0, 0.3), (0.0, 0.5), (10.0, 0.3)]
    plain = run(work)
    with_span = run(work, spans={1: 30})
    start = run(work, milestones={"start": 1}).milestones["start"]
    assert with_span.milestones["end"].p50 >= start.p50 + 29
    assert with_span.milestones["end"].p50 > plain.milestones["end"].p50
