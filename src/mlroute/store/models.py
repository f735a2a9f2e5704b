"""The tables mlroute keeps. Alembic migrations (``store/migrations``) create and change them.

Profiles and plans are append-only versioned snapshots (a re-plan never overwrites history); a plan keeps the
knowledge-base version it came from and the date its week 1 begins. Study sessions, journal entries, evidence
links and forecasts are append-only too; item status is the one record that is updated in place.

Every table of a person's data is ``Owned``: its ``owner_id`` is their account in team mode (revision 0004), or
NULL for the single local person. Queries never filter on it themselves: ``store.owner`` adds the owner to every
query of a session and sets it on every new row, so one person's session cannot see or write another's rows.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "pk": "pk_%(table_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s",
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


# Columns a backup leaves out: whose the rows are (the restoring person's), and surrogate keys of rows that are
# known by a natural key (an item id, a question id).
INTERNAL = {"backup": False}
LOCAL_ONLY = text("owner_id IS NULL")


class Owned:
    """A row of one person's data: ``owner_id`` is their account, NULL the single local person (no accounts)."""

    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True, nullable=True, info=INTERNAL
    )


def unique_per_owner(table: str, column: str) -> tuple[UniqueConstraint, Index]:
    """``column`` unique within each account, and among the local person's rows (NULL owners are distinct in a
    plain unique constraint, so those get a partial unique index)."""
    return (
        UniqueConstraint("owner_id", column, name=f"uq_{table}_owner_{column}"),
        Index(
            f"uq_{table}_local_{column}",
            column,
            unique=True,
            sqlite_where=LOCAL_ONLY,
            postgresql_where=LOCAL_ONLY,
        ),
    )


class UserRow(Base):
    """An account (team mode): a learner, a mentor or an admin; added in revision 0004. ``data_version`` goes up
    with every change to the account's own data, so a summary of it can be cached and checked cheaply."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    password_changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    data_version: Mapped[int] = mapped_column(Integer, default=0)


class ProfileRow(Owned, Base):
    __tablename__ = "profiles"
    __table_args__ = unique_per_owner("profiles", "version")
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    name: Mapped[str] = mapped_column(String(200))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class PlanRow(Owned, Base):
    __tablename__ = "plans"
    __table_args__ = unique_per_owner("plans", "version")
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    profile_version: Mapped[int] = mapped_column(Integer)
    kb_version: Mapped[str] = mapped_column(String(100))
    # The date week 1 of this plan begins: the profile's start date, or the week of a re-plan.
    starts_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(40))
    pace: Mapped[float | None] = mapped_column(Float, nullable=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class ItemStatusRow(Owned, Base):
    __tablename__ = "item_status"
    __table_args__ = unique_per_owner("item_status", "item_id")
    id: Mapped[int] = mapped_column(Integer, primary_key=True, info=INTERNAL)
    item_id: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StudySessionRow(Owned, Base):
    __tablename__ = "study_sessions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    minutes: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class JournalEntryRow(Owned, Base):
    __tablename__ = "journal_entries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(JSON)
    items: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class EvidenceLinkRow(Owned, Base):
    __tablename__ = "evidence_links"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    url: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    item_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ForecastRow(Owned, Base):
    __tablename__ = "forecasts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    plan_version: Mapped[int] = mapped_column(Integer)
    hours_logged: Mapped[float] = mapped_column(Float)
    pace: Mapped[float | None] = mapped_column(Float, nullable=True)
    p10: Mapped[float] = mapped_column(Float)
    p50: Mapped[float] = mapped_column(Float)
    p90: Mapped[float] = mapped_column(Float)


class ReviewCardRow(Owned, Base):
    """Spaced-repetition state (an FSRS card) for a finished item; added in revision 0002."""

    __tablename__ = "review_cards"
    __table_args__ = unique_per_owner("review_cards", "item_id")
    id: Mapped[int] = mapped_column(Integer, primary_key=True, info=INTERNAL)
    item_id: Mapped[str] = mapped_column(String(200))
    due: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    reviews: Mapped[int] = mapped_column(Integer)
    last_rating: Mapped[str | None] = mapped_column(String(10), nullable=True)
    card: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DrillCardRow(Owned, Base):
    """An interview question in the person's deck: its FSRS card; added in revision 0003."""

    __tablename__ = "drill_cards"
    __table_args__ = unique_per_owner("drill_cards", "question_id")
    id: Mapped[int] = mapped_column(Integer, primary_key=True, info=INTERNAL)
    question_id: Mapped[str] = mapped_column(String(120))
    due: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    reviews: Mapped[int] = mapped_column(Integer)
    lapses: Mapped[int] = mapped_column(Integer)
    last_rating: Mapped[str | None] = mapped_column(String(10), nullable=True)
    card: Mapped[dict[str, Any]] = mapped_column(JSON)
    first_reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DrillReviewRow(Owned, Base):
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


class MockInterviewRow(Owned, Base):
    """A timed mock interview: what was planned and its summary; added in revision 0003."""

    __tablename__ = "mock_interviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    minutes: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(60))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class QuizResultRow(Owned, Base):
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
# The row a backup lists first and orders by, for tables whose primary key is a surrogate a backup leaves out.
NATURAL_KEYS = {"item_status": "item_id", "review_cards": "item_id", "drill_cards": "question_id"}
