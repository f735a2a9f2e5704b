"""Service tests run against a real SQLite file and a real PostgreSQL database (see ``tests.store.fixtures``), with a
stored profile and plan made by the real planner on the embedded knowledge base."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from mlroute.kb import KBIndex
from mlroute.kb.practice import QuizItem
from mlroute.profile import Profile
from mlroute.store import Store
from mlroute.track.quiz import LETTERS, PaperItem, expected_answer
from tests.store.fixtures import db_url, pg_url, store

__all__ = ["db_url", "pg_url", "store"]

START = date(2026, 12, 7)  # a Monday: week 1 of the plan
WEEK1 = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)
PERSON: dict[str, Any] = {
    "name": "Mei 李",
    "background": "software_engineer",
    "years_experience": 5,
    "hours_per_week": 10,
    "start_date": START.isoformat(),
    "target_role": "ml-engineer",
    "skills": {"python": 1, "git": 3, "sql": 2, "communication": 2, "collaboration": 3, "testing": 2},
}


@pytest.fixture(scope="session")
def kb() -> KBIndex:
    """The embedded knowledge base (the real interview bank and quizzes)."""
    from mlroute.services.kb import index

    return index()


@pytest.fixture
def planned(store: Store, kb: KBIndex) -> Store:
    """A store holding a profile and its first plan (weeks from 2026-12-07)."""
    from mlroute.services import onboarding

    onboarding.start(store, kb, Profile.model_validate(PERSON), today=START, now=WEEK1)
    return store


def right_answer(p: PaperItem) -> str:
    it: QuizItem = p.item
    if it.type == "numeric":
        return str(it.answer)
    if it.type == "choice":
        assert isinstance(it.answer, int)
        return LETTERS[it.answer]
    return expected_answer(p)


def wrong_answer(p: PaperItem) -> str:
    it = p.item
    if it.type == "numeric":
        assert isinstance(it.answer, int | float) and it.tolerance is not None
        return str(float(it.answer) + 10 * it.tolerance + 1)
    if it.type == "choice":
        assert isinstance(it.answer, int)
        return LETTERS[(it.answer + 1) % len(it.choices)]
    if it.type == "order":
        right = expected_answer(p)
        return right[1] + right[0] + right[2:]
    return "not what it prints"
