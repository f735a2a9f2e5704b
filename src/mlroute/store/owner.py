"""Whose data a session sees: every query on an ``Owned`` table is limited to one owner, every new row is theirs.

A ``Store`` opens its sessions with a scope in ``session.info``: an account id (team mode), ``LOCAL`` (None: the
single local person, whose rows have no owner) or ``SYSTEM`` (the account services, which read across people on
purpose and say so). Two session events do the rest, so the query functions in ``store.repo`` need no owner
argument and a forgotten filter cannot happen:

- ``do_orm_execute`` adds ``owner_id = scope`` (or ``IS NULL``) to every ORM SELECT, UPDATE and DELETE that
  touches an owned table, joins and ``Session.get`` included (``with_loader_criteria``);
- ``before_flush`` sets ``owner_id`` on every new owned row to the scope (whatever the caller put there), and
  bumps the account's ``data_version`` when its data changed (summaries cached on it then know they are stale);
  for the local person it marks the session (``LOCAL_CHANGED``), and ``store.versions`` counts the commit.
"""

from __future__ import annotations

from typing import Any, Final

from sqlalchemy import Table, event, update
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from mlroute.store.models import Owned, UserRow

SCOPE: Final = "mlroute_owner"
LOCAL_CHANGED: Final = "mlroute_local_changed"


class _System:
    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM: Final = _System()
LOCAL: Final = None
Scope = int | _System | None


class ScopedSession(Session):
    """A session that carries its owner scope (``info[SCOPE]``); without one it is the local person's."""


def scope_of(session: Session) -> Scope:
    value: Scope = session.info.get(SCOPE, LOCAL)
    return value


@event.listens_for(ScopedSession, "do_orm_execute")
def _limit_to_owner(state: ORMExecuteState) -> None:
    if state.is_column_load or state.is_relationship_load:
        return  # the parent row was already limited
    if not (state.is_select or state.is_update or state.is_delete):
        return
    scope = scope_of(state.session)
    if scope is SYSTEM:
        return
    if scope is None:
        criteria = with_loader_criteria(Owned, lambda cls: cls.owner_id.is_(None), include_aliases=True)
    else:
        owner = int(scope)  # type: ignore[arg-type]
        criteria = with_loader_criteria(Owned, lambda cls: cls.owner_id == owner, include_aliases=True)
    state.statement = state.statement.options(criteria)
    if (state.is_update or state.is_delete) and owner_changes(state):
        bump(state.session, int(scope))  # type: ignore[arg-type]
    elif (state.is_update or state.is_delete) and scope is LOCAL and _owned(state):
        state.session.info[LOCAL_CHANGED] = True


def owner_changes(state: ORMExecuteState) -> bool:
    """A bulk UPDATE or DELETE on an owned table, run by an account (a restore clears its tables this way)."""
    return isinstance(scope_of(state.session), int) and _owned(state)


def _owned(state: ORMExecuteState) -> bool:
    mapper = state.bind_mapper
    return mapper is not None and issubclass(mapper.class_, Owned)


@event.listens_for(ScopedSession, "before_flush")
def _own_new_rows(session: Session, _context: Any, _instances: Any) -> None:
    scope = scope_of(session)
    changed = False
    for obj in session.new:
        if isinstance(obj, Owned):
            changed = True
            if scope is SYSTEM:
                if obj.owner_id is None:
                    raise ValueError(f"a {type(obj).__name__} written across accounts needs its owner_id")
            else:
                obj.owner_id = scope  # type: ignore[assignment]
    if not changed:
        changed = any(isinstance(obj, Owned) for obj in (*session.dirty, *session.deleted))
    if changed and isinstance(scope, int):
        bump(session, scope)
    elif changed and scope is LOCAL:
        session.info[LOCAL_CHANGED] = True


def bump(session: Session, owner: int) -> None:
    """Mark the owner's data as changed (``users.data_version`` + 1)."""
    table = UserRow.__table__
    assert isinstance(table, Table)
    session.connection().execute(update(table).where(table.c.id == owner).values(data_version=table.c.data_version + 1))
