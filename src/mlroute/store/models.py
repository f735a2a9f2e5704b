"""The tables mlroute keeps. Alembic migrations (``store/migrations``) create and change them.

Profiles and plans are append-only versioned snapshots (a re-plan never overwrites history); a plan keeps the
knowledge-base version it came from and the date its week 1 begins. Study sessions, journal entries, evidence
links and forecasts are append-only too; item status is the one record that is updated in place.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Float, Integer, MetaData, String, Text, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "pk": "pk_%(table_name)s",
}

ITEM_STATUSES = ("todo", "doing", "done", "skipped")
JOURNAL_KINDS = ("design-note", "insight", "challenge", "solution", "feedback")
EVIDENCE_KINDS = ("repository", "post", "talk", "certificate", "other")


class UTCDateTime(TypeDecorator[datetime]):
    """Stored as naive UTC (SQLite has no time zones), always handed back aware in UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must carry a time zone")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ProfileRow(Base):
    __tablename__ = "profiles"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    name: Mapped[str] = mapped_column(String(200))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class PlanRow(Base):
    __tablename__ = "plans"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    profile_version: Mapped[int] = mapped_column(Integer)
    kb_version: Mapped[str] = mapped_column(String(100))
    # The date week 1 of this plan begins: the profile's start date, or the week of a re-plan.
    starts_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(40))
    pace: Mapped[float | None] = mapped_column(Float, nullable=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class ItemStatusRow(Base):
    __tablename__ = "item_status"
    item_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StudySessionRow(Base):
    __tablename__ = "study_sessions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    minutes: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class JournalEntryRow(Base):
    __tablename__ = "journal_entries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(JSON)
    items: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class EvidenceLinkRow(Base):
    __tablename__ = "evidence_links"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    url: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    item_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ForecastRow(Base):
    __tablename__ = "forecasts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    plan_version: Mapped[int] = mapped_column(Integer)
    hours_logged: Mapped[float] = mapped_column(Float)
    pace: Mapped[float | None] = mapped_column(Float, nullable=True)
    p10: Mapped[float] = mapped_column(Float)
    p50: Mapped[float] = mapped_column(Float)
    p90: Mapped[float] = mapped_column(Float)


class ReviewCardRow(Base):
    """Spaced-repetition state (an FSRS card) for a finished item; added in revision 0002."""

    __tablename__ = "review_cards"
    item_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    due: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    reviews: Mapped[int] = mapped_column(Integer)
    last_rating: Mapped[str | None] = mapped_column(String(10), nullable=True)
    card: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DrillCardRow(Base):
    """An interview question in the person's deck: its FSRS card; added in revision 0003."""

    __tablename__ = "drill_cards"
    question_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    due: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    reviews: Mapped[int] = mapped_column(Integer)
    lapses: Mapped[int] = mapped_column(Integer)
    last_rating: Mapped[str | None] = mapped_column(String(10), nullable=True)
    card: Mapped[dict[str, Any]] = mapped_column(JSON)
    first_reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DrillReviewRow(Base):
    """One self-rated answer to an interview question, in a drill or a mock interview; added in revision 0003."""

    __tablename__ = "drill_reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[str] = mapped_column(String(120), index=True)
    rating: Mapped[str] = mapped_column(String(10))
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    mode: Mapped[str] = mapped_column(String(10))
    mock_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    was_learnt: Mapped[int] = mapped_column(Integer)
    retrievability: Mapped[float | None] = mapped_column(Float, nullable=True)
    due_after: Mapped[datetime] = mapped_column(UTCDateTime)


class MockInterviewRow(Base):
    """A timed mock interview: what was planned and its summary; added in revision 0003."""

    __tablename__ = "mock_interviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    minutes: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(60))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class QuizResultRow(Base):
    """A graded quiz: every answer, the level it proposes, and when the person accepted it; added in 0003."""

    __tablename__ = "quiz_results"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    skill: Mapped[str] = mapped_column(String(60), index=True)
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime)
    seed: Mapped[int] = mapped_column(Integer)
    lang: Mapped[str] = mapped_column(String(8))
    answers: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    proposed_level: Mapped[int] = mapped_column(Integer)
    max_level_tested: Mapped[int] = mapped_column(Integer)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


# Tables in the order a backup lists them and a restore inserts them.
TABLES: tuple[type[Base], ...] = (
    ProfileRow,
    PlanRow,
    ItemStatusRow,
    StudySessionRow,
    JournalEntryRow,
    EvidenceLinkRow,
    ForecastRow,
    ReviewCardRow,
    DrillCardRow,
    DrillReviewRow,
    MockInterviewRow,
    QuizResultRow,
)
