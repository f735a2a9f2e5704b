"""Spaced repetition of finished items (FSRS), deterministic for a given history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mlroute.track.review import new_card, review

T0 = datetime(2026, 12, 10, 20, 0, tzinfo=UTC)


def test_first_review_is_a_day_after_finishing() -> None:
    card, due = new_card(7, T0)
    assert due == T0 + timedelta(days=1)
    assert card["card_id"] == 7


def test_intervals_grow_with_good_recall_and_shrink_after_a_lapse() -> None:
    card, due = new_card(1, T0)
    intervals = []
    for rating in ("good", "good", "good", "again"):
        at = due
        card, due = review(card, rating, at)
        intervals.append((due - at).days)
    # golden values for fsrs 6.3.2 with default parameters, no learning steps, no fuzzing
    assert intervals == [2, 11, 46, 3]
    assert intervals[0] < intervals[1] < intervals[2] and intervals[3] < intervals[2]


def test_same_history_same_schedule() -> None:
    a, _ = new_card(1, T0)
    b, _ = new_card(1, T0)
    assert review(a, "hard", T0 + timedelta(days=1)) == review(b, "hard", T0 + timedelta(days=1))


def test_unknown_rating() -> None:
    card, _ = new_card(1, T0)
    with pytest.raises(ValueError, match="again, hard, good, easy"):
        review(card, "meh", T0)
