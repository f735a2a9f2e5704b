"""Effort: figures as given, catalogue-derived sizes when unknown, and the documented prior-knowledge rule."""

from __future__ import annotations

import pytest

from mlroute.plan.effort import LECTURE_STUDY_FACTOR, SIGMA, kind_defaults, known_share, resource_effort, resource_price
from mlroute.plan.explain import effort_note, price_note
from tests.plan.fixture_kb import fixture_index


def test_known_figure_is_used_as_stated() -> None:
    idx = fixture_index()
    d = kind_defaults(idx.kb.resources)
    e = resource_effort(idx.resources["ml-course"], d)
    assert e.hours == 90 and e.basis == "provider" and e.sigma == SIGMA["provider"]
    assert "about 90 hours" in effort_note(e, "en")
    assert "提供方" in effort_note(e, "zh") and "about" not in effort_note(e, "zh")


def test_unknown_figure_sized_by_levels_taught_and_says_so() -> None:
    idx = fixture_index()
    d = kind_defaults(idx.kb.resources)
    rate, n, _ = d.rate["docs"]
    # docs have no figures in the fixture, so the pooled median over all resources with a figure applies
    known = [r for r in idx.kb.resources if r.effort.hours]
    assert n == len(known)
    e = resource_effort(idx.resources["docker-docs"], d)
    assert e.basis == "default" and e.sigma == SIGMA["default"]
    assert e.hours == pytest.approx(round(rate * 2, 1))
    note = effort_note(e, "en")
    assert "no effort figure is known" in note and f"{n} resources" in note


def test_known_share_weights_higher_levels_more() -> None:
    assert known_share({"python": 3}, {}) == 0
    assert known_share({"python": 3}, {"python": 3}) == 1
    assert known_share({"python": 3}, {"python": 2}) == pytest.approx(3 / 6)  # 1+2 of 1+2+3
    assert known_share({"python": 3}, {"python": 4}) == 1, "levels above what it teaches do not count twice"
    assert known_share({"python": 2, "git": 2}, {"git": 2}) == pytest.approx(0.5)


def test_prior_knowledge_reduces_planned_hours_and_explains() -> None:
    idx = fixture_index()
    d = kind_defaults(idx.kb.resources)
    e = resource_effort(idx.resources["python-101"], d, {"python": 2})
    # python 3 (6 units, 3 known) + git 1 (1 unit): 3/7 known
    assert e.figure == 60 and e.hours == pytest.approx(round(60 * 4 / 7, 1))
    assert "you already have 43%" in effort_note(e, "en")


def test_prices() -> None:
    idx = fixture_index()
    d = kind_defaults(idx.kb.resources)
    assert resource_price(idx.resources["ml-paid"], d).usd == 49
    audit = resource_price(idx.resources["vision-course"], d)
    assert audit.usd == 0 and "audit" in price_note(audit, "en")


def test_lecture_only_figures_become_study_hours() -> None:
    """A figure that counts recorded lectures only is three study hours per lecture hour (credit-hour rule)."""
    idx = fixture_index()
    res = idx.resources["ml-course"]
    video = res.model_copy(update={"effort": res.effort.model_copy(update={"scope": "video"})})
    e = resource_effort(video, kind_defaults(idx.kb.resources))
    assert e.hours == pytest.approx(90 * LECTURE_STUDY_FACTOR) and e.raw == 90
    assert "three hours of study" in effort_note(e, "en")


def test_subscriptions_cost_their_monthly_price_for_each_month_needed() -> None:
    idx = fixture_index()
    res = idx.resources["ml-paid"]
    monthly = res.model_copy(update={"cost": res.cost.model_copy(update={"per": "month", "price_usd": 49.0})})
    d = kind_defaults(idx.kb.resources)
    slow = resource_price(monthly, d, hours=100, weekly_hours=5)
    fast = resource_price(monthly, d, hours=100, weekly_hours=25)
    assert slow.months > fast.months >= 1 and slow.usd == 49 * slow.months
    assert "a month" in price_note(slow, "en")
