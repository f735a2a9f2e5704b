"""Queries and writes, one function each, run inside ``Store.read`` / ``Store.write`` transactions.

They take the clock (``now``) from the caller and return rows or plain values; the service layer turns them
into documents.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mlroute.store.models import (
    TABLES,
    EvidenceLinkRow,
    ForecastRow,
    ItemStatusRow,
    JournalEntryRow,
    PlanRow,
    ProfileRow,
    ReviewCardRow,
    StudySessionRow,
)

# ---- profiles and plans (versioned snapshots) ----------------------------------------------------------------


def add_profile(s: Session, data: dict[str, Any], *, name: str, now: datetime) -> int:
    version = (s.scalar(select(func.max(ProfileRow.version))) or 0) + 1
    s.add(ProfileRow(version=version, created_at=now, name=name, data=data))
    s.flush()
    return version


def latest_profile(s: Session) -> ProfileRow | None:
    return s.scalar(select(ProfileRow).order_by(ProfileRow.version.desc()).limit(1))


def add_plan(
    s: Session,
    data: dict[str, Any],
    *,
    profile_version: int,
    kb_version: str,
    starts_on: date,
    reason: str,
    pace: float | None,
    now: datetime,
) -> int:
    version = (s.scalar(select(func.max(PlanRow.version))) or 0) + 1
    s.add(
        PlanRow(
            version=version,
            created_at=now,
            profile_version=profile_version,
            kb_version=kb_version,
            starts_on=starts_on,
            reason=reason,
            pace=pace,
            data=data,
        )
    )
    s.flush()
    return version


def latest_plan(s: Session) -> PlanRow | None:
    return s.scalar(select(PlanRow).order_by(PlanRow.version.desc()).limit(1))


def first_plan(s: Session) -> PlanRow | None:
    return s.scalar(select(PlanRow).order_by(PlanRow.version).limit(1))


def plans(s: Session) -> list[PlanRow]:
    return list(s.scalars(select(PlanRow).order_by(PlanRow.version)))


# ---- item status ---------------------------------------------------------------------------------------------


def statuses(s: Session) -> dict[str, ItemStatusRow]:
    return {row.item_id: row for row in s.scalars(select(ItemStatusRow))}


def set_status(s: Session, item_id: str, status: str, *, now: datetime, reason: str | None = None) -> tuple[str, str]:
    """Set an item's status; returns (previous status, new status). Keeps when it started and finished."""
    row = s.scalar(select(ItemStatusRow).where(ItemStatusRow.item_id == item_id))
    if row is None:
        row = ItemStatusRow(item_id=item_id, status="todo", updated_at=now)
        s.add(row)
    previous = row.status
    row.status = status
    row.updated_at = now
    if status == "doing" and row.started_at is None:
        row.started_at = now
    row.finished_at = now if status in ("done", "skipped") else None
    row.reason = reason if status == "skipped" else None
    s.flush()
    return previous, status


# ---- study sessions ------------------------------------------------------------------------------------------


def add_session(s: Session, *, day: date, minutes: int, item_id: str, note: str | None, now: datetime) -> int:
    row = StudySessionRow(day=day, minutes=minutes, item_id=item_id, note=note, created_at=now)
    s.add(row)
    s.flush()
    return row.id


def sessions(s: Session) -> list[StudySessionRow]:
    return list(s.scalars(select(StudySessionRow).order_by(StudySessionRow.day, StudySessionRow.id)))


# ---- journal and evidence ------------------------------------------------------------------------------------


def add_journal(
    s: Session, *, day: date, kind: str, text: str, tags: list[str], items: list[str], now: datetime
) -> int:
    row = JournalEntryRow(day=day, kind=kind, text=text, tags=tags, items=items, created_at=now)
    s.add(row)
    s.flush()
    return row.id


def journal(s: Session) -> list[JournalEntryRow]:
    return list(s.scalars(select(JournalEntryRow).order_by(JournalEntryRow.day, JournalEntryRow.id)))


def add_evidence(s: Session, *, kind: str, url: str, title: str | None, item_id: str | None, now: datetime) -> int:
    row = EvidenceLinkRow(kind=kind, url=url, title=title, item_id=item_id, created_at=now)
    s.add(row)
    s.flush()
    return row.id


def evidence(s: Session) -> list[EvidenceLinkRow]:
    return list(s.scalars(select(EvidenceLinkRow).order_by(EvidenceLinkRow.id)))


# ---- forecasts -----------------------------------------------------------------------------------------------


def add_forecast(
    s: Session,
    *,
    plan_version: int,
    hours_logged: float,
    pace: float | None,
    eta: Mapping[str, float],
    now: datetime,
) -> None:
    s.add(
        ForecastRow(
            created_at=now,
            plan_version=plan_version,
            hours_logged=hours_logged,
            pace=pace,
            p10=eta["p10"],
            p50=eta["p50"],
            p90=eta["p90"],
        )
    )
    s.flush()


def forecasts(s: Session) -> list[ForecastRow]:
    return list(s.scalars(select(ForecastRow).order_by(ForecastRow.id)))


# ---- spaced repetition ---------------------------------------------------------------------------------------


def review_card(s: Session, item_id: str) -> ReviewCardRow | None:
    return s.scalar(select(ReviewCardRow).where(ReviewCardRow.item_id == item_id))


def put_review_card(
    s: Session,
    item_id: str,
    *,
    card: dict[str, Any],
    due: datetime,
    rating: str | None,
    now: datetime,
) -> None:
    row = review_card(s, item_id)
    if row is None:
        s.add(ReviewCardRow(item_id=item_id, card=card, due=due, reviews=0, last_rating=None, updated_at=now))
    else:
        row.card = card
        row.due = due
        row.reviews += 1
        row.last_rating = rating
        row.updated_at = now
    s.flush()


def delete_unreviewed_card(s: Session, item_id: str) -> None:
    """Drop the card a finish scheduled when it was never reviewed (the finish was taken back)."""
    row = review_card(s, item_id)
    if row is not None and row.reviews == 0:
        s.delete(row)
        s.flush()


def review_cards(s: Session) -> list[ReviewCardRow]:
    return list(s.scalars(select(ReviewCardRow).order_by(ReviewCardRow.due, ReviewCardRow.item_id)))


# ---- the whole database --------------------------------------------------------------------------------------


def is_empty(s: Session) -> bool:
    return all(s.scalar(select(func.count()).select_from(model)) == 0 for model in TABLES)
