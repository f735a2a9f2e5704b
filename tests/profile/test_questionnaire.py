"""Questionnaire defaults: one set per background, valid as a profile, naming only skills the knowledge base has."""

from __future__ import annotations

import datetime as dt

import pytest

from mlroute.kb.models import BACKGROUNDS
from mlroute.profile import parse_profile
from mlroute.profile.questionnaire import DEFAULT_HOURS, DEFAULT_SKILLS, defaults_for, next_monday
from mlroute.services.kb import index as real_index
from tests.plan.fixture_kb import fixture_index


def test_next_monday() -> None:
    assert next_monday(dt.date(2026, 11, 22)) == dt.date(2026, 11, 23)  # a Sunday
    assert next_monday(dt.date(2026, 11, 23)) == dt.date(2026, 11, 23)  # a Monday


def test_every_background_has_defaults() -> None:
    assert set(DEFAULT_SKILLS) == set(BACKGROUNDS) == set(DEFAULT_HOURS)


@pytest.mark.parametrize("background", BACKGROUNDS)
def test_defaults_make_a_valid_profile(background: str) -> None:
    answers = defaults_for(background, dt.date(2026, 11, 22), fixture_index())
    p = parse_profile(answers)
    assert p.background == background
    assert set(p.skills) <= set(fixture_index().skills), "skills the KB lacks are left out"


def test_default_skills_exist_in_the_real_kb() -> None:
    known = set(real_index().skills)
    for background, skills in DEFAULT_SKILLS.items():
        assert set(skills) <= known, (background, set(skills) - known)


def test_defaults_are_evenings_unless_the_person_says_full_time() -> None:
    assert defaults_for("none", dt.date(2026, 1, 1))["hours_per_week"] == 10
    assert defaults_for("software_engineer", dt.date(2026, 1, 1))["hours_per_week"] == 10
    with pytest.raises(ValueError):
        defaults_for("astronaut", dt.date(2026, 1, 1))
