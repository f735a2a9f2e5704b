"""``Store.data_version`` (``store.versions``): every committed change to a person's data moves it, whoever makes
it; a read does not; an account's comes from ``users.data_version``, the local person's from the SQLite file."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, text, update
from sqlalchemy.orm import Session

from mlroute.services import users
from mlroute.services.users import Actor
from mlroute.store import SYSTEM, Store, repo
from mlroute.store.models import StudySessionRow

NOW = datetime(2026, 12, 8, 20, 0, tzinfo=UTC)


def log(store: Store, minutes: int = 30) -> None:
    store.write(lambda s: repo.add_session(s, day=date(2026, 12, 8), minutes=minutes, item_id="x", note=None, now=NOW))


def test_the_local_version_moves_on_each_commit_and_only_then(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'm.db'}")
    log(store)
    first = store.data_version()
    assert first is not None and store.data_version() == first
    store.read(repo.sessions)
    assert store.data_version() == first  # reading changes nothing
    log(store)
    second = store.data_version()
    assert second != first
    store.close()


def test_a_commit_from_another_connection_moves_the_local_version(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    store = Store(f"sqlite:///{path}")
    log(store)
    before = store.data_version()
    other = sqlite3.connect(path)  # another process would look the same to SQLite
    other.execute("UPDATE study_sessions SET minutes = 90")
    other.commit()
    other.close()
    assert store.data_version() != before
    store.close()


def failing_write(s: Session) -> None:
    repo.add_session(s, day=date(2026, 12, 8), minutes=5, item_id="x", note=None, now=NOW)
    s.flush()
    raise ZeroDivisionError


def test_an_in_memory_database_counts_this_processs_commits() -> None:
    store = Store("sqlite://")  # no file: only the count of commits tells
    log(store)
    before = store.data_version()
    log(store)
    second = store.data_version()
    assert before is not None and second != before
    with pytest.raises(ZeroDivisionError):
        store.write(failing_write)
    assert store.data_version() == second  # rolled back: nothing changed
    store.write(lambda s: s.execute(update(StudySessionRow).values(minutes=10)))  # a bulk update counts too
    third = store.data_version()
    assert third != second
    store.write(lambda s: s.execute(delete(StudySessionRow)))  # and a bulk delete (a restore clears this way)
    assert store.data_version() != third
    store.close()


def test_accounts_have_their_own_versions(db_url: str) -> None:
    base = Store(db_url)
    actor = Actor(name="test", source="test")
    users.add(base, "ann", "learner", "correct horse battery", actor=actor)
    users.add(base, "ben", "learner", "correct horse battery", actor=actor)
    ann = base.for_owner(users.account_id(base, "ann"))
    ben = base.for_owner(users.account_id(base, "ben"))
    a0, b0 = ann.data_version(), ben.data_version()
    log(ann)
    assert ann.data_version() != a0 and ben.data_version() == b0  # ann's write is ann's alone
    a1 = ann.data_version()
    ann.write(lambda s: s.execute(text("SELECT 1")))  # a write transaction that changes no owned row
    assert ann.data_version() == a1
    assert base.system().data_version() is None and base.for_owner(999_999).data_version() is None
    base.close()


@pytest.mark.postgres
def test_the_local_person_on_postgresql_has_no_version(pg_url: str) -> None:
    store = Store(pg_url)  # another process may write there, and nothing cheap would tell: never cached
    log(store)
    assert store.data_version() is None
    store.close()


def test_a_version_read_with_the_session_stands_until_the_view_writes(db_url: str) -> None:
    base = Store(db_url)
    users.add(base, "ann", "learner", "correct horse battery", actor=Actor(name="test", source="test"))
    owner = users.account_id(base, "ann")
    now = base.for_owner(owner).data_version()
    view = base.for_owner(owner, data_version=41)
    assert view.data_version() == ("account", 41) and view.owner == owner and view.owner is not SYSTEM
    log(view)
    assert view.data_version() == base.for_owner(owner).data_version() != now
    base.close()
