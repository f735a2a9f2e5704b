"""Signing in and out of a team server, and finding who a request is from.

A sign-in checks the rate limit (``team.ratelimit``: failures per account name and per client address), verifies
the password outside any transaction (argon2id is slow on purpose; the database is not held meanwhile), and on
success starts a new session: a random token for the cookie, of which only the SHA-256 is stored. A session
ends when its owner signs out, after ``IDLE`` without a request, ``LIFETIME`` after sign-in, or when the
password changes.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from mlroute.errors import UserError
from mlroute.services.journey import now_or
from mlroute.store import Store, team_repo
from mlroute.team import accounts, ratelimit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as DbSession

LIFETIME = timedelta(days=7)
IDLE = timedelta(hours=24)
TOUCH_EVERY = timedelta(minutes=5)  # how stale ``last_seen_at`` may get before a request writes it


class SignInRefused(UserError):
    """Too many failed sign-ins: wait ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        minutes = max(1, round(retry_after / 60))
        super().__init__(
            "Too many failed sign-ins. Wait before trying again.",
            hint=f"Try again in about {minutes} minute{'s' if minutes != 1 else ''}, "
            "or ask an admin to reset the password.",
        )
        self.retry_after = retry_after


class WrongCredentials(UserError):
    def __init__(self) -> None:
        super().__init__("Wrong account name or password.", hint="Check both and try again.")


@dataclass(frozen=True)
class CurrentUser:
    """Who a request is from: their account, and the session it came with."""

    id: int
    username: str
    role: str
    data_version: int
    token_hash: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def sign_in(
    store: Store, name: str, password: str, *, client: str, now: datetime | None = None, previous: str | None = None
) -> tuple[str, CurrentUser]:
    """A new session token for ``name``; the ``previous`` session of this browser (if any) ends, so a session
    identifier fixed before sign-in is never the signed-in one."""
    now = now_or(now)
    system = store.system()
    try:
        username = accounts.username(name)
    except UserError:
        username = name.strip().lower()[:40]
    since = now - ratelimit.WINDOW
    by_name, by_client = system.read(lambda s: team_repo.failures(s, username=username, client=client, since=since))
    verdict = ratelimit.verdict(by_name, by_client, now)
    if not verdict.allowed:
        raise SignInRefused(verdict.retry_after)
    row = system.read(lambda s: team_repo.user_by_name(s, username))
    ok = accounts.verify_password(row.password_hash if row else accounts.dummy_hash(), password) and row is not None
    if not ok or row is None:
        system.write(lambda s: _failed(s, username, client, now))
        raise WrongCredentials()
    token = secrets.token_urlsafe(32)
    hashed = token_hash(token)

    def tx(s: DbSession) -> CurrentUser:
        if previous:
            team_repo.delete_sessions(s, token_hash=token_hash(previous))
        team_repo.delete_expired_sessions(s, now)  # sessions past their lifetime go at the next sign-in
        team_repo.add_session(s, token_hash=hashed, user_id=row.id, now=now, expires_at=now + LIFETIME)
        team_repo.clear_failures(s, username=username)
        user = team_repo.find_user(s, row.id)
        user.last_login_at = now
        return CurrentUser(user.id, user.username, user.role, user.data_version, hashed)

    return token, system.write(tx)


def _failed(s: DbSession, username: str, client: str, now: datetime) -> None:
    team_repo.clear_failures(s, before=now - ratelimit.WINDOW)  # old failures no longer count
    team_repo.add_failure(s, username=username, client=client, now=now)


def current_user(store: Store, token: str | None, *, now: datetime | None = None) -> CurrentUser | None:
    """The account of a session token, or None when there is none, or it ended or expired."""
    if not token or len(token) > 200:
        return None
    now = now_or(now)
    hashed = token_hash(token)
    system = store.system()
    found = system.read(lambda s: team_repo.session_user(s, hashed))
    if found is None:
        return None
    session, user = found
    if session.expires_at <= now or now - session.last_seen_at > IDLE:
        system.write(lambda s: team_repo.delete_sessions(s, token_hash=hashed))
        return None
    if now - session.last_seen_at > TOUCH_EVERY:
        system.write(lambda s: team_repo.touch_session(s, hashed, now))
    return CurrentUser(user.id, user.username, user.role, user.data_version, hashed)


def sign_out(store: Store, token: str | None) -> None:
    if token:
        store.system().write(lambda s: team_repo.delete_sessions(s, token_hash=token_hash(token)))


def change_own_password(
    store: Store, user: CurrentUser, current: str, new: str, *, now: datetime | None = None
) -> tuple[str, CurrentUser]:
    """Change one's own password (the current one is checked); every session of the account ends and a new one
    starts for this browser."""
    now = now_or(now)
    checked = accounts.check_password(new, user.username)
    row = store.system().read(lambda s: team_repo.find_user(s, user.id))
    if not accounts.verify_password(row.password_hash, current):
        raise UserError("The current password is wrong.", hint="Type the password you signed in with.")
    hashed_password = accounts.hash_password(checked)
    token = secrets.token_urlsafe(32)
    hashed = token_hash(token)

    def tx(s: DbSession) -> CurrentUser:
        account = team_repo.find_user(s, user.id)
        account.password_hash = hashed_password
        account.password_changed_at = now
        team_repo.delete_sessions(s, user_id=user.id)
        team_repo.add_session(s, token_hash=hashed, user_id=user.id, now=now, expires_at=now + LIFETIME)
        team_repo.audit(
            s, actor=user.username, action="change-own-password", target=user.username, detail={}, source="web", now=now
        )
        return CurrentUser(account.id, account.username, account.role, account.data_version, hashed)

    return token, store.system().write(tx)


def shared_secret(store: Store, name: str = "csrf") -> bytes:
    """A secret every worker of a team server shares (the CSRF key): made by the first one, kept in the database."""
    made = secrets.token_hex(32)
    return bytes.fromhex(store.system().write(lambda s: team_repo.server_key(s, name, made)))
