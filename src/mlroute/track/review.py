"""Spaced repetition of finished items with FSRS: when to revisit what a resource or project taught.

A pure layer over ``fsrs``: the review time is passed in, cards go in and out as dicts, and fuzzing is off so
the same history always gives the same schedule. Items are whole resources rather than flash cards, so there
are no minute-long learning steps: the first review is a day after finishing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

RATINGS = ("again", "hard", "good", "easy")
FIRST_REVIEW_AFTER = timedelta(days=1)


def _scheduler() -> Any:
    from fsrs import Scheduler

    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def new_card(card_id: int, now: datetime) -> tuple[dict[str, Any], datetime]:
    """A card for an item finished at ``now``; returns (card, first due time)."""
    from fsrs import Card

    due = now + FIRST_REVIEW_AFTER
    card = Card(card_id=card_id, due=due)
    return dict(card.to_dict()), due


def review(card: dict[str, Any], rating: str, now: datetime) -> tuple[dict[str, Any], datetime]:
    """Record a review (again | hard | good | easy) at ``now``; returns (updated card, next due time)."""
    from fsrs import Card, Rating

    if rating not in RATINGS:
        raise ValueError(f"rating must be one of {', '.join(RATINGS)}")
    previous = Card.from_dict(card)  # type: ignore[arg-type]
    updated, _log = _scheduler().review_card(previous, Rating[rating.capitalize()], now)
    return dict(updated.to_dict()), updated.due
