"""How a cache knows a person's data is unchanged: a version that every committed change to it moves.

- An account (team mode): ``users.data_version``, raised in the same transaction as every write to the account's
  rows (``store.owner``), so a reader that sees the new version also sees the new data.
- The local person, in an SQLite file: the file's ``PRAGMA data_version``, read on a connection of our own that
  never writes; SQLite moves it whenever any other connection, in this process or another (``mlroute log`` in a
  terminal while ``mlroute serve`` runs), commits. Together with a count of this process's own commits of owned
  rows (``_LOCAL_COMMITS``, raised after commit), which is all an in-memory database needs.
- The local person on another server (PostgreSQL without accounts), or ``SYSTEM``: no version (None), so nothing
  is cached; another process may write there and nothing cheap would tell.

The version is read before the data it guards, so a change committed in between makes the cache recompute on the
next request instead of keeping old figures.
"""

from __future__ import annotations

import itertools
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, event, select
from sqlalchemy.orm import Session

from mlroute.store.engine import sqlite_file
from mlroute.store.models import UserRow
from mlroute.store.owner import LOCAL_CHANGED, SYSTEM, Scope, ScopedSession

WATCHERS = 16  # open SQLite files watched at once (a server has one; the test suite opens many)

_lock = threading.Lock()
_local_commits = 0
_generation = itertools.count(1)


class _Watcher:
    """A read-only connection to one SQLite file, for ``PRAGMA data_version`` only."""

    def __init__(self, path: Path) -> None:
        self.generation = next(_generation)  # a new watcher's counts never match an old one's
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False, isolation_level=None)
        self.lock = threading.Lock()

    def read(self) -> int:
        with self.lock:
            return int(self.conn.execute("PRAGMA data_version").fetchone()[0])


_watchers: OrderedDict[Path, _Watcher] = OrderedDict()


def data_version(engine: Engine, owner: Scope) -> Hashable | None:
    """The version of ``owner``'s data (see the module's docstring); None when it cannot be told cheaply."""
    if owner is SYSTEM:
        return None
    if isinstance(owner, int):
        return _account_version(engine, owner)
    return _local_version(engine)


def _account_version(engine: Engine, owner: int) -> Hashable | None:
    table = UserRow.__table__
    assert isinstance(table, Table)
    with engine.connect() as conn:
        version = conn.execute(select(table.c.data_version).where(table.c.id == owner)).scalar()
    return None if version is None else account_version(int(version))


def account_version(version: int) -> Hashable:
    """The stamp of an account's ``users.data_version``."""
    return ("account", version)


def _local_version(engine: Engine) -> Hashable | None:
    if engine.dialect.name != "sqlite":
        return None
    path = sqlite_file(str(engine.url))
    if path is None:  # in memory: only this process can write to it
        return ("local", _local_commits)
    watcher = _watcher(path)
    if watcher is None:
        return None
    try:
        return ("local", _local_commits, watcher.generation, watcher.read())
    except sqlite3.Error:  # closed meanwhile (another file took its place), or unreadable: compute, do not cache
        return None


def _watcher(path: Path) -> _Watcher | None:
    with _lock:
        found = _watchers.get(path)
        if found is not None:
            _watchers.move_to_end(path)
            return found
        try:
            found = _watchers[path] = _Watcher(path)
        except sqlite3.Error:
            return None
        while len(_watchers) > WATCHERS:
            _close(_watchers.popitem(last=False)[1])
        return found


def _close(watcher: _Watcher) -> None:
    with watcher.lock:
        watcher.conn.close()


def forget(engine: Engine) -> None:
    """Close the watcher of ``engine``'s SQLite file (the store is closing)."""
    path = sqlite_file(str(engine.url)) if engine.dialect.name == "sqlite" else None
    with _lock:
        found = _watchers.pop(path, None) if path is not None else None
    if found is not None:
        _close(found)


def _count_local_commit(session: Session) -> None:
    global _local_commits
    if session.info.pop(LOCAL_CHANGED, False):
        with _lock:
            _local_commits += 1


def _drop_local_change(session: Session, *_: Any) -> None:
    session.info.pop(LOCAL_CHANGED, None)


event.listen(ScopedSession, "after_commit", _count_local_commit)
event.listen(ScopedSession, "after_rollback", _drop_local_change)
