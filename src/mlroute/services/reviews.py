"""``mlroute review``: spaced repetition (FSRS) of finished items."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from mlroute.errors import UserError
from mlroute.services.journey import choice, load_journey, now_or, resolve_item
from mlroute.services.results import Result
from mlroute.store import Store, repo

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as DbSession


class Reviewed(Result):
    item: str
    rating: str
    next_review: str
    reviews: int


def review(store: Store, item: str, rating: str, *, now: datetime | None = None) -> Reviewed:
    """Record how well you recalled a finished item (again | hard | good | easy); FSRS sets the next review."""
    from mlroute.track.review import RATINGS
    from mlroute.track.review import review as fsrs_review

    rating = choice(rating, RATINGS, "rating")
    now = now_or(now)

    def tx(s: DbSession) -> Reviewed:
        item_id = resolve_item(item, load_journey(s))
        card = repo.review_card(s, item_id)
        if card is None:
            raise UserError(
                f"{item_id} has no review scheduled.", hint=f"Reviews start when you finish it: mlroute done {item_id}"
            )
        updated, due = fsrs_review(card.card, rating, now)
        repo.put_review_card(s, item_id, card=updated, due=due, rating=rating, now=now)
        return Reviewed(item=item_id, rating=rating, next_review=due.isoformat(), reviews=card.reviews)

    return store.write(tx)
