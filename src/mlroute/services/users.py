"""Accounts (team mode): add, list, remove, reset a password, change a role, assign a mentor to a learner. Every
change is written to the audit log in the same transaction, with who made it and from where (``Actor``).

The first account made on a database that already holds the single local person's data takes that data over
(revision 0004 kept it with no owner), so a person who has used mlroute alone keeps everything when the
database becomes a team's.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from pydantic import Field

from mlroute.errors import UserError
from mlroute.services.journey import now_or
from mlroute.services.results import IsoDateTime, Result
from mlroute.store import Store, team_repo
from mlroute.team import accounts

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as DbSession

    from mlroute.store.models import UserRow


class Actor(Result):
    """Who does an administrative action, and from where (``cli``, ``web 10.0.0.7``)."""

    name: str
    source: str
    user_id: int | None = None
    role: str | None = None


class Account(Result):
    username: str
    role: str
    created_at: IsoDateTime
    last_login_at: IsoDateTime | None
    mentors: list[str] = Field(default_factory=list)
    mentees: list[str] = Field(default_factory=list)
    cohort: str | None = None


class AccountList(Result):
    accounts: list[Account]


class AccountAdded(Result):
    account: Account
    claimed: dict[str, int] = Field(
        default_factory=dict, description="Rows of the single local person's data the first account took over."
    )


class Changed(Result):
    action: str
    target: str
    changed: bool = True
    detail: dict[str, str] = Field(default_factory=dict)


def find(s: DbSession, name: str) -> UserRow:
    """The account ``name`` or a ``UserError`` naming it."""
    row = team_repo.user_by_name(s, accounts.username(name))
    if row is None:
        raise UserError(f"There is no account named {name!r}.", hint="mlroute users list shows the accounts.")
    return row


def account_id(store: Store, name: str) -> int:
    """The id of the account ``name`` (``--user``, ``MLROUTE_USER``), or a ``UserError`` saying it is unknown."""
    return store.system().read(lambda s: find(s, name).id)


def add(
    store: Store, name: str, role: str, password: str, *, actor: Actor, now: datetime | None = None
) -> AccountAdded:
    """A new account; the first one takes over the local person's data, if any."""
    username, rank = accounts.username(name), accounts.role(role)
    hashed = accounts.hash_password(accounts.check_password(password, username))
    now = now_or(now)

    def tx(s: DbSession) -> AccountAdded:
        if team_repo.user_by_name(s, username) is not None:
            raise UserError(f"An account named {username!r} already exists.", hint="Choose another name.")
        first = not team_repo.users(s)
        row = team_repo.add_user(s, username=username, role=rank, password_hash=hashed, now=now)
        claimed = team_repo.claim_local_data(s, row.id) if first else {}
        detail = {"role": rank, **({"claimed": claimed} if claimed else {})}
        team_repo.audit(
            s, actor=actor.name, action="add-user", target=username, detail=detail, source=actor.source, now=now
        )
        return AccountAdded(account=_account(row, {}, {}), claimed=claimed)

    return store.system().write(tx)


def listing(store: Store) -> AccountList:
    def read(s: DbSession) -> AccountList:
        rows = team_repo.users(s)
        names = {u.id: u.username for u in rows}
        links = team_repo.mentorships(s)
        cohorts = {c.id: c.name for c in team_repo.cohorts(s)}
        member = {uid: cohorts[cid] for uid, cid in team_repo.cohort_members(s).items()}
        mentors = {u.id: sorted(names[m.mentor_id] for m in links if m.learner_id == u.id) for u in rows}
        mentees = {u.id: sorted(names[m.learner_id] for m in links if m.mentor_id == u.id) for u in rows}
        return AccountList(
            accounts=[
                _account(u, {"mentors": mentors[u.id], "mentees": mentees[u.id]}, {"cohort": member.get(u.id)})
                for u in rows
            ]
        )

    return store.system().read(read)


def _account(row: UserRow, links: dict[str, list[str]], extra: dict[str, str | None]) -> Account:
    return Account(
        username=row.username,
        role=row.role,
        created_at=row.created_at,
        last_login_at=row.last_login_at,
        mentors=links.get("mentors", []),
        mentees=links.get("mentees", []),
        cohort=extra.get("cohort"),
    )


def remove(store: Store, name: str, *, actor: Actor, now: datetime | None = None) -> Changed:
    """Remove an account and all of its data (plans, log, journal, comments on it); not the last admin."""
    now = now_or(now)

    def tx(s: DbSession) -> Changed:
        row = find(s, name)
        if row.id == actor.user_id:
            raise UserError("You cannot remove your own account.", hint="Ask another admin to remove it.")
        _keep_an_admin(s, row, "remove")
        team_repo.delete_user(s, row)
        team_repo.audit(
            s,
            actor=actor.name,
            action="remove-user",
            target=row.username,
            detail={"role": row.role},
            source=actor.source,
            now=now,
        )
        return Changed(action="remove-user", target=row.username)

    return store.system().write(tx)


def _keep_an_admin(s: DbSession, row: UserRow, what: str) -> None:
    admins = [u for u in team_repo.users(s) if u.role == "admin"]
    if row.role == "admin" and len(admins) == 1:
        raise UserError(
            f"Cannot {what} {row.username!r}: it is the only admin account.",
            hint="Make another account an admin first (mlroute users role NAME admin).",
        )


def reset_password(store: Store, name: str, password: str, *, actor: Actor, now: datetime | None = None) -> Changed:
    """A new password; every browser signed in to the account is signed out."""
    now = now_or(now)
    username = accounts.username(name)
    hashed = accounts.hash_password(accounts.check_password(password, username))

    def tx(s: DbSession) -> Changed:
        row = find(s, username)
        row.password_hash = hashed
        row.password_changed_at = now
        ended = team_repo.delete_sessions(s, user_id=row.id)
        team_repo.clear_failures(s, username=row.username)
        team_repo.audit(
            s,
            actor=actor.name,
            action="reset-password",
            target=row.username,
            detail={"sessions_ended": ended},
            source=actor.source,
            now=now,
        )
        return Changed(action="reset-password", target=row.username, detail={"sessions_ended": str(ended)})

    return store.system().write(tx)


def set_role(store: Store, name: str, role: str, *, actor: Actor, now: datetime | None = None) -> Changed:
    now = now_or(now)
    rank = accounts.role(role)

    def tx(s: DbSession) -> Changed:
        row = find(s, name)
        if row.role == rank:
            return Changed(action="set-role", target=row.username, changed=False, detail={"role": rank})
        if rank != "admin":
            _keep_an_admin(s, row, "change the role of")
        before, row.role = row.role, rank
        team_repo.audit(
            s,
            actor=actor.name,
            action="set-role",
            target=row.username,
            detail={"from": before, "to": rank},
            source=actor.source,
            now=now,
        )
        return Changed(action="set-role", target=row.username, detail={"from": before, "to": rank})

    return store.system().write(tx)


def assign(
    store: Store, mentor: str, learner: str, *, actor: Actor, undo: bool = False, now: datetime | None = None
) -> Changed:
    """Assign a mentor (role mentor or admin) to a learner, or take the assignment back (``undo``)."""
    now = now_or(now)
    action = "unassign" if undo else "assign"

    def tx(s: DbSession) -> Changed:
        m, learner_row = find(s, mentor), find(s, learner)
        if not undo and m.role not in ("mentor", "admin"):
            raise UserError(
                f"{m.username!r} is a {m.role}, not a mentor.", hint=f"mlroute users role {m.username} mentor"
            )
        if not undo and learner_row.role != "learner":
            raise UserError(
                f"{learner_row.username!r} is a {learner_row.role}, not a learner.", hint="Assign mentors to learners."
            )
        done = team_repo.unassign(s, m.id, learner_row.id) if undo else team_repo.assign(s, m.id, learner_row.id, now)
        target = f"{m.username}→{learner_row.username}"
        if done:
            team_repo.audit(
                s,
                actor=actor.name,
                action=action,
                target=target,
                detail={"mentor": m.username, "learner": learner_row.username},
                source=actor.source,
                now=now,
            )
        return Changed(action=action, target=target, changed=done)

    return store.system().write(tx)


def audit_log(store: Store, limit: int = 200) -> AuditLog:
    rows = store.system().read(lambda s: team_repo.audit_log(s, limit))
    return AuditLog(
        entries=[
            AuditEntry(at=r.at, actor=r.actor, action=r.action, target=r.target, detail=r.detail, source=r.source)
            for r in rows
        ]
    )


class AuditEntry(Result):
    at: IsoDateTime
    actor: str
    action: str
    target: str | None
    detail: dict[str, object]
    source: str


class AuditLog(Result):
    entries: list[AuditEntry]
