"""Due counts and retention of the interview deck: the full figures (``mlroute interview stats``) and the few
that ``mlroute status``, ``/api/status`` and the dashboard carry.

Retention is FSRS's "true retention": the share of reviews of learnt cards in the last 30 days that were not
"again" (``track.drill.true_retention``).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from mlroute.kb.practice import QUESTION_KINDS
from mlroute.services.drill_context import read_context, start_of_day
from mlroute.services.results import IsoDateTime, Result
from mlroute.store import Store
from mlroute.track import drill

if TYPE_CHECKING:
    from mlroute.kb import KBIndex


class KindCount(Result):
    deck: int
    due_now: int
    practised: int


class DrillSummary(Result):
    """Due counts and retention (for ``status --json`` and the dashboard)."""

    has_plan: bool
    deck_size: int
    bank_size: int
    practised: int
    learnt: int
    new_available: int
    new_left_today: int
    due_now: int
    due_today: int
    due_this_week: int
    reviews_today: int
    reviews_30d: int
    retention_30d: float | None
    average_recall: float | None
    next_due: IsoDateTime | None
    by_kind: dict[str, KindCount]


def summary(store: Store, index: KBIndex, *, now: datetime | None = None) -> DrillSummary:
    """Due counts and retention of the deck the plan has reached (``mlroute interview stats``)."""
    now = now or datetime.now(UTC)
    ctx = store.read(lambda s: read_context(s, now))
    bank = index.kb.interview_questions
    cards = drill.deck(bank, ctx.reached, drill.Filters()) if ctx.has_plan else []
    in_deck = {q.id for q in cards}
    seen = {i: c for i, c in ctx.cards.items() if c.reviews > 0}
    midnight = start_of_day(now)
    new_left = max(0, drill.NEW_PER_DAY - drill.new_today(ctx.cards.values(), midnight))
    unseen = [q for q in cards if q.id not in seen]
    recalls = [drill.retrievability(c.card, now) for c in seen.values()]

    def due_by(limit: datetime, ids: set[str]) -> int:
        return sum(1 for i, c in seen.items() if i in ids and c.due <= limit)

    by_kind: dict[str, KindCount] = {}
    for kind in QUESTION_KINDS:
        ids = {q.id for q in cards if q.kind == kind}
        by_kind[kind] = KindCount(deck=len(ids), due_now=due_by(now, ids), practised=sum(1 for i in ids if i in seen))
    return DrillSummary(
        has_plan=ctx.has_plan,
        deck_size=len(cards),
        bank_size=len(bank),
        practised=len(seen),
        learnt=sum(1 for c in seen.values() if int(c.card.get("state", 1)) == 2),
        new_available=len(unseen),
        new_left_today=min(new_left, len(unseen)),
        due_now=due_by(now, in_deck),
        due_today=due_by(midnight + timedelta(days=1), in_deck),
        due_this_week=due_by(now + timedelta(days=7), in_deck),
        reviews_today=sum(1 for r in ctx.reviews if r.reviewed_at >= midnight),
        reviews_30d=len(ctx.reviews),
        retention_30d=drill.true_retention(ctx.reviews, now),
        average_recall=round(sum(recalls) / len(recalls), 4) if recalls else None,
        next_due=min((c.due for i, c in seen.items() if i in in_deck and c.due > now), default=None),
        by_kind=by_kind,
    )


class DrillStatus(Result):
    """The drill figures of ``mlroute status --json`` and ``/api/status``."""

    deck_size: int
    due_now: int
    due_today: int
    new_left_today: int
    reviews_30d: int
    retention_30d: float | None
    next_due: IsoDateTime | None


def drill_status(store: Store, index: KBIndex, *, now: datetime | None = None) -> DrillStatus:
    """The few drill figures status shows: what is due, what is new today, and the 30-day retention."""
    s = summary(store, index, now=now)
    return DrillStatus(
        deck_size=s.deck_size,
        due_now=s.due_now,
        due_today=s.due_today,
        new_left_today=s.new_left_today,
        reviews_30d=s.reviews_30d,
        retention_30d=s.retention_30d,
        next_due=s.next_due,
    )
