"""Logging study and changing an item's status: ``mlroute log``, ``start``, ``done``, ``skip``, and undoing a
finish or a skip.

Input is read before the database is opened, and each command is one transaction, so a mistake changes nothing.
"""

from __future__ import annotations

import zlib
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from mlroute.errors import UserError
from mlroute.services.journey import load_journey, now_or, parse_day, resolve_item, today_or
from mlroute.services.results import Result
from mlroute.store import Store, repo
from mlroute.track.duration import format_minutes, parse_duration

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as DbSession

# What is worth revisiting with spaced repetition: what a resource taught (not a career step).
REVIEWED_PREFIXES = ("res:",)
EARLIEST_LOG_DAYS = 365  # a session more than a year before the first plan is a typo of the year


class Logged(Result):
    session_id: int
    item: str
    title: str
    minutes: int
    duration: str
    day: date
    note: str | None
    started: bool
    item_hours_logged: float
    item_hours_planned: float | None


class StatusChange(Result):
    item: str
    title: str
    previous: str
    status: str
    reason: str | None
    review_due: str | None


def log(
    store: Store,
    duration: str,
    item: str,
    *,
    note: str | None = None,
    day: str | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> Logged:
    """Record a study session; an item still 'todo' becomes 'doing'."""
    minutes = parse_duration(duration)
    today, now = today_or(today), now_or(now)
    when = parse_day(day, today)
    note = note.strip() if note and note.strip() else None

    def tx(s: DbSession) -> Logged:
        journey = load_journey(s)
        item_id = resolve_item(item, journey)
        earliest = journey.first.starts_on - timedelta(days=EARLIEST_LOG_DAYS)
        if when < earliest:
            raise UserError(
                f"The date {when} is more than a year before your journey began ({journey.first.starts_on}).",
                hint="Check the year; study from long before the plan belongs in your profile's skills, not the log.",
            )
        session_id = repo.add_session(s, day=when, minutes=minutes, item_id=item_id, note=note, now=now)
        started = journey.status(item_id) == "todo"
        if started:
            repo.set_status(s, item_id, "doing", now=now)
        logged = sum(x.minutes for x in journey.sessions if x.item_id == item_id) + minutes
        return Logged(
            session_id=session_id,
            item=item_id,
            title=journey.title(item_id),
            minutes=minutes,
            duration=format_minutes(minutes),
            day=when,
            note=note,
            started=started,
            item_hours_logged=round(logged / 60, 2),
            item_hours_planned=journey.items.get(item_id, {}).get("hours"),
        )

    return store.write(tx)


def set_status(
    store: Store, item: str, status: str, *, reason: str | None = None, now: datetime | None = None
) -> StatusChange:
    """Mark an item doing, done or skipped. Finishing a resource schedules its first review."""
    from mlroute.track.review import new_card

    now = now_or(now)

    def tx(s: DbSession) -> StatusChange:
        journey = load_journey(s)
        item_id = resolve_item(item, journey)
        previous, _ = repo.set_status(s, item_id, status, now=now, reason=reason)
        review_due = None
        if status == "done" and item_id.startswith(REVIEWED_PREFIXES) and repo.review_card(s, item_id) is None:
            card, due = new_card(zlib.crc32(item_id.encode()), now)
            repo.put_review_card(s, item_id, card=card, due=due, rating=None, now=now)
            review_due = due.isoformat()
        return StatusChange(
            item=item_id,
            title=journey.title(item_id),
            previous=previous,
            status=status,
            reason=reason if status == "skipped" else None,
            review_due=review_due,
        )

    return store.write(tx)


def done(store: Store, item: str, *, now: datetime | None = None) -> StatusChange:
    return set_status(store, item, "done", now=now)


def start(store: Store, item: str, *, now: datetime | None = None) -> StatusChange:
    return set_status(store, item, "doing", now=now)


def skip(store: Store, item: str, *, reason: str = "known", now: datetime | None = None) -> StatusChange:
    reason = reason.strip()
    if not reason:
        raise UserError(
            "The reason for skipping is empty.",
            hint="Say why in a few words, or leave --reason out to mean you already know it ('known').",
        )
    return set_status(store, item, "skipped", reason=reason, now=now)


def undo(store: Store, item: str, *, now: datetime | None = None) -> StatusChange:
    """Take back a finish or a skip: the item is in progress again when time was logged on it, else to do. A card the
    finish scheduled goes with it unless it was already reviewed."""
    now = now_or(now)

    def tx(s: DbSession) -> StatusChange:
        journey = load_journey(s)
        item_id = resolve_item(item, journey)
        previous = journey.status(item_id)
        status = previous
        if previous in ("done", "skipped"):
            status = "doing" if any(x.item_id == item_id for x in journey.sessions) else "todo"
            repo.set_status(s, item_id, status, now=now)
            if previous == "done":
                repo.delete_unreviewed_card(s, item_id)
        return StatusChange(
            item=item_id, title=journey.title(item_id), previous=previous, status=status, reason=None, review_due=None
        )

    return store.write(tx)
