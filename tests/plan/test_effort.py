"""Effort: figures as given, catalogue-derived sizes when unknown, and the documented prior-knowledge rule."""

from __future__ import annotations

import pytest

from mlroute.plan.effort import SIGMA, kind_defaults, known_share, resource_effort, resource_price
from tests.plan.fixture_kb import fixture_index


def test_known_figure_is_used_as_stated() -> None:
    idx = fixture_index()
    d = kind_defaults(idx.kb.resources)
    e = resource_effort(idx.resources["ml-course"], d)
    assert e.hours == 90 and e.basis == "provider" and e.sigma == SIGMA["provider"]
    assert "about 90 hours" in e.note


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
    assert "no effort figure is known" in e.note and f"{n} resources" in e.note


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
    assert "you already have 43%" in e.note


def test_prices() -> None:
    idx = fixture_index()
    d = kind_defaults(idx.kb.resources)
    assert resource_price(idx.resources["ml-paid"], d).usd == 49
    audit = resource_price(idx.resources["vision-course"], d)
    assert audit.usd == 0 and "audit" in audit.note
