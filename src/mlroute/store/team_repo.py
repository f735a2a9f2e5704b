"""Queries and writes of team mode (accounts, sign-in sessions and failures, mentorships, cohorts, audit, keys),
run in a ``SYSTEM`` store's sessions (``Store.system()``): these tables are not one person's data. Comments are:
they go through an owner's store and are limited like every owned table.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.orm import Session

from mlroute.store.models import TABLES, UserRow
from mlroute.store.team_models import (
    AuditRow,
    CohortMemberRow,
    CohortRow,
    CommentRow,
    LoginFailureRow,
    MentorshipRow,
    ServerKeyRow,
    WebSessionRow,
)

# ---- accounts --------------------------------------------------------------------------------------------------


def user_by_name(s: Session, username: str) -> UserRow | None:
    return s.scalar(select(UserRow).where(UserRow.username == username))


def find_user(s: Session, user_id: int) -> UserRow:
    row = s.get(UserRow, user_id)
    if row is None:
        raise LookupError(f"no account {user_id}")
    return row


def users(s: Session) -> list[UserRow]:
    return list(s.scalars(select(UserRow).order_by(UserRow.username)))


def users_by_id(s: Session, ids: list[int]) -> dict[int, UserRow]:
    return {u.id: u for u in s.scalars(select(UserRow).where(UserRow.id.in_(ids)))} if ids else {}


def add_user(s: Session, *, username: str, role: str, password_hash: str, now: datetime) -> UserRow:
    row = UserRow(
        username=username,
        role=role,
        password_hash=password_hash,
        created_at=now,
        password_changed_at=now,
        data_version=0,
    )
    s.add(row)
    s.flush()
    return row


def claim_local_data(s: Session, owner: int) -> dict[str, int]:
    """Give the single local person's rows (no owner) to the account ``owner``; returns the rows per table."""
    counts = {}
    for model in TABLES:
        table = _table(model)
        result = s.connection().execute(update(table).where(table.c.owner_id.is_(None)).values(owner_id=owner))
        counts[model.__tablename__] = int(result.rowcount or 0)
    return {k: v for k, v in counts.items() if v}


def _table(model: object) -> Table:
    table = getattr(model, "__table__", None)
    assert isinstance(table, Table)
    return table


def delete_user(s: Session, row: UserRow) -> None:
    """Remove the account and everything that is theirs (the foreign keys cascade; explicit for clarity and for
    SQLite connections opened without foreign keys)."""
    for model in (*TABLES, CommentRow):
        table = _table(model)
        s.connection().execute(delete(table).where(table.c.owner_id == row.id))
    s.execute(delete(WebSessionRow).where(WebSessionRow.user_id == row.id))
    s.execute(delete(MentorshipRow).where((MentorshipRow.mentor_id == row.id) | (MentorshipRow.learner_id == row.id)))
    s.execute(delete(CohortMemberRow).where(CohortMemberRow.user_id == row.id))
    s.execute(update(CohortRow).where(CohortRow.mentor_id == row.id).values(mentor_id=None))
    s.execute(update(CommentRow).where(CommentRow.author_id == row.id).values(author_id=None))
    s.delete(row)
    s.flush()


# ---- sign-in sessions and failures -----------------------------------------------------------------------------


def add_session(s: Session, *, token_hash: str, user_id: int, now: datetime, expires_at: datetime) -> None:
    s.add(
        WebSessionRow(token_hash=token_hash, user_id=user_id, created_at=now, last_seen_at=now, expires_at=expires_at)
    )
    s.flush()


def session_user(s: Session, token_hash: str) -> tuple[WebSessionRow, UserRow] | None:
    row = s.execute(
        select(WebSessionRow, UserRow)
        .join(UserRow, UserRow.id == WebSessionRow.user_id)
        .where(WebSessionRow.token_hash == token_hash)
    ).first()
    return (row[0], row[1]) if row else None


def delete_sessions(s: Session, *, token_hash: str | None = None, user_id: int | None = None) -> int:
    query = delete(WebSessionRow)
    query = query.where(WebSessionRow.token_hash == token_hash) if token_hash else query
    query = query.where(WebSessionRow.user_id == user_id) if user_id is not None else query
    return int(s.execute(query).rowcount or 0)  # type: ignore[attr-defined]


def delete_expired_sessions(s: Session, now: datetime) -> None:
    s.execute(delete(WebSessionRow).where(WebSessionRow.expires_at <= now))


def touch_session(s: Session, token_hash: str, now: datetime) -> None:
    s.execute(update(WebSessionRow).where(WebSessionRow.token_hash == token_hash).values(last_seen_at=now))


def failures(s: Session, *, username: str, client: str, since: datetime) -> tuple[list[datetime], list[datetime]]:
    by_name = list(
        s.scalars(select(LoginFailureRow.at).where(LoginFailureRow.username == username, LoginFailureRow.at >= since))
    )
    by_client = list(
        s.scalars(select(LoginFailureRow.at).where(LoginFailureRow.client == client, LoginFailureRow.at >= since))
    )
    return by_name, by_client


def add_failure(s: Session, *, username: str, client: str, now: datetime) -> None:
    s.add(LoginFailureRow(username=username[:40], client=client[:64], at=now))
    s.flush()


def clear_failures(s: Session, *, username: str | None = None, before: datetime | None = None) -> None:
    query = delete(LoginFailureRow)
    if username is not None:
        query = query.where(LoginFailureRow.username == username)
    if before is not None:
        query = query.where(LoginFailureRow.at < before)
    s.execute(query)


# ---- mentorships and cohorts -----------------------------------------------------------------------------------


def mentorships(s: Session) -> list[MentorshipRow]:
    return list(s.scalars(select(MentorshipRow)))


def mentees(s: Session, mentor_id: int) -> list[UserRow]:
    query = (
        select(UserRow)
        .join(MentorshipRow, MentorshipRow.learner_id == UserRow.id)
        .where(MentorshipRow.mentor_id == mentor_id)
        .order_by(UserRow.username)
    )
    return list(s.scalars(query))


def is_mentor_of(s: Session, mentor_id: int, learner_id: int) -> bool:
    return s.get(MentorshipRow, (mentor_id, learner_id)) is not None


def assign(s: Session, mentor_id: int, learner_id: int, now: datetime) -> bool:
    """Assign; False when it already was."""
    if is_mentor_of(s, mentor_id, learner_id):
        return False
    s.add(MentorshipRow(mentor_id=mentor_id, learner_id=learner_id, created_at=now))
    s.flush()
    return True


def unassign(s: Session, mentor_id: int, learner_id: int) -> bool:
    row = s.get(MentorshipRow, (mentor_id, learner_id))
    if row is None:
        return False
    s.delete(row)
    s.flush()
    return True


def cohorts(s: Session) -> list[CohortRow]:
    return list(s.scalars(select(CohortRow).order_by(CohortRow.name)))


def cohort_by_name(s: Session, name: str) -> CohortRow | None:
    return s.scalar(select(CohortRow).where(func.lower(CohortRow.name) == name.lower()))


def add_cohort(s: Session, *, name: str, mentor_id: int | None, now: datetime) -> CohortRow:
    row = CohortRow(name=name, mentor_id=mentor_id, role=None, route=None, created_at=now, updated_at=now)
    s.add(row)
    s.flush()
    return row


def cohort_members(s: Session) -> dict[int, int]:
    """Learner id → cohort id."""
    return {m.user_id: m.cohort_id for m in s.scalars(select(CohortMemberRow))}


def set_member(s: Session, user_id: int, cohort_id: int | None, now: datetime) -> None:
    s.execute(delete(CohortMemberRow).where(CohortMemberRow.user_id == user_id))
    if cohort_id is not None:
        s.add(CohortMemberRow(user_id=user_id, cohort_id=cohort_id, joined_at=now))
    s.flush()


# ---- audit and keys --------------------------------------------------------------------------------------------


def audit(
    s: Session, *, actor: str, action: str, target: str | None, detail: dict[str, Any], source: str, now: datetime
) -> None:
    s.add(AuditRow(at=now, actor=actor[:80], action=action, target=target, detail=detail, source=source[:80]))
    s.flush()


def audit_log(s: Session, limit: int = 200) -> list[AuditRow]:
    return list(s.scalars(select(AuditRow).order_by(AuditRow.at.desc(), AuditRow.id.desc()).limit(limit)))


def server_key(s: Session, name: str, make: str) -> str:
    """The shared key ``name``; stores ``make`` the first time (the caller holds the write lock)."""
    row = s.get(ServerKeyRow, name)
    if row is None:
        row = ServerKeyRow(name=name, value=make)
        s.add(row)
        s.flush()
    return row.value


# ---- comments (an owner's store: limited to the learner they are about) -----------------------------------------


def add_comment(
    s: Session,
    *,
    author_id: int | None,
    author: str,
    target_kind: str,
    target: str,
    text: str,
    now: datetime,
    read: bool,
) -> CommentRow:
    row = CommentRow(
        author_id=author_id,
        author=author,
        target_kind=target_kind,
        target=target,
        text=text,
        created_at=now,
        read_at=now if read else None,
    )
    s.add(row)
    s.flush()
    return row


def comments(s: Session, target_kind: str | None = None, target: str | None = None) -> list[CommentRow]:
    query = select(CommentRow).order_by(CommentRow.created_at, CommentRow.id)
    if target_kind is not None:
        query = query.where(CommentRow.target_kind == target_kind)
    if target is not None:
        query = query.where(CommentRow.target == target)
    return list(s.scalars(query))


def mark_comments_read(s: Session, reader_id: int, now: datetime) -> int:
    """Mark what others wrote as read by ``reader_id`` (the learner opening their feedback)."""
    query = (
        update(CommentRow)
        .where(CommentRow.read_at.is_(None), (CommentRow.author_id != reader_id) | CommentRow.author_id.is_(None))
        .values(read_at=now)
    )
    return int(s.execute(query).rowcount or 0)  # type: ignore[attr-defined]
