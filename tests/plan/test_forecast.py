"""The ETA simulation: deterministic per seed, ordered bands, sensitive to what it should be."""

from __future__ import annotations

from mlroute.plan.forecast import simulate


def run(work, hours=10.0, pace=None, seed=0, milestones=None, capacity=None):
    return simulate(work, milestones or {}, capacity or (lambda w: hours), hours_per_week=hours, pace=pace, seed=seed)


WORK = [(40.0, 0.3), (60.0, 0.7), (30.0, 0.5)]


def test_same_seed_same_band_and_bands_ordered() -> None:
    a, b = run(WORK, seed=7), run(WORK, seed=7)
    assert a == b
    assert a.total.p10 <= a.total.p50 <= a.total.p90


def test_band_surrounds_a_reasonable_median() -> None:
    f = run(WORK)
    nominal = sum(h for h, _ in WORK) / 10  # 13 weeks at the full 10 h
    assert nominal <= f.total.p50 <= nominal * 1.6
    assert f.total.p10 < nominal * 1.2 < f.total.p90


def test_more_hours_or_faster_pace_is_sooner() -> None:
    assert run(WORK, hours=20).total.p50 < run(WORK, hours=10).total.p50
    assert run(WORK, pace=15).total.p50 < run(WORK, pace=5).total.p50
    assert run(WORK, pace=5).basis == "observed"


def test_milestones_come_no_later_than_the_end() -> None:
    f = run(WORK, milestones={"first": 0, "second": 1})
    assert f.milestones["first"].p50 <= f.milestones["second"].p50 <= f.total.p50


def test_weeks_without_time_push_the_eta() -> None:
    holiday = run(WORK, capacity=lambda w: 0.0 if w <= 4 else 10.0)
    assert holiday.total.p50 >= run(WORK).total.p50 + 4


def test_more_uncertain_figures_widen_the_band() -> None:
    sure = run([(100.0, 0.1)] * 3)
    unsure = run([(100.0, 0.9)] * 3)
    assert unsure.total.p90 - unsure.total.p10 > sure.total.p90 - sure.total.p10
