"""Storage: SQLite (default) or PostgreSQL through SQLAlchemy 2, migrated by Alembic on open.

``Store(url)`` is one database, opened (and migrated) on first use; ``open_store(url)`` opens it at once.
``Store.read`` and ``Store.write`` run a function in a transaction, and the functions in ``mlroute.store.repo``
are what runs inside. The services are the only callers.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from mlroute.errors import UserError
from mlroute.store import team_models as _team_models  # noqa: F401  (registers team mode's tables in the metadata)
from mlroute.store import versions
from mlroute.store.engine import database_url, make_engine, run_read, run_write
from mlroute.store.migrate import Migration, ensure_schema
from mlroute.store.owner import LOCAL, SCOPE, SYSTEM, Scope

T = TypeVar("T")
_databases = itertools.count(1)

__all__ = ["LOCAL", "SYSTEM", "Scope", "Store", "open_store"]


class _Database:
    """One database and its engine, shared by every owner-scoped view of it (``Store.for_owner``)."""

    def __init__(self, url: str, backup_dir: Path | None) -> None:
        self.url = url
        self.backup_dir = backup_dir
        self.engine: Engine | None = None
        self.migration: Migration | None = None
        self.lock = threading.Lock()
        self.local_checked = False
        self.token = next(_databases)  # names this database in per-process caches (``services.summary_cache``)


class Store:
    """One database, seen as one person's data: ``owner`` is an account id (team mode), None (``LOCAL``: the
    single local person, the default) or ``SYSTEM`` (account services, across people). ``for_owner`` and
    ``system`` give views of the same database; the connection (and any migration) happens on first use, so a
    command that refuses its input never creates or touches the database; ``open_store`` opens at once."""

    def __init__(
        self,
        url: str | None = None,
        *,
        backup_dir: Path | None = None,
        owner: Scope = LOCAL,
        _db: _Database | None = None,
    ) -> None:
        self._db = _db or _Database(database_url(url), backup_dir)
        self.owner = owner
        self._info = {SCOPE: owner}
        self._known_version: int | None = None

    @property
    def url(self) -> str:
        return self._db.url

    @property
    def backup_dir(self) -> Path | None:
        return self._db.backup_dir

    @property
    def migration(self) -> Migration | None:
        return self._db.migration

    def for_owner(self, owner: int, *, data_version: int | None = None) -> Store:
        """The same database, seen as the account ``owner``'s data. ``data_version``: the account's, when the caller
        has just read it (the web app, with the signed-in account), so ``data_version()`` need not ask again until
        this view writes."""
        view = Store(owner=owner, _db=self._db)
        view._known_version = data_version
        return view

    def system(self) -> Store:
        """The same database across accounts, for the services that manage them (accounts, cohorts, sign-in)."""
        return Store(owner=SYSTEM, _db=self._db)

    @property
    def engine(self) -> Engine:
        db = self._db
        with db.lock:
            if db.engine is None:
                db.engine = self._open()
            return db.engine

    def _open(self) -> Engine:
        engine = make_engine(self.url)
        try:
            self._db.migration = ensure_schema(engine, backup_dir=self.backup_dir)
        except OperationalError as exc:
            engine.dispose()
            raise UserError(
                f"Cannot open the database {engine.url.render_as_string(hide_password=True)}: {exc.orig}",
                hint="Check MLROUTE_DB (any SQLAlchemy URL) and that the database server is running.",
            ) from exc
        return engine

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def has_accounts(self) -> bool:
        """Whether the database is a team's (it has accounts)."""
        from sqlalchemy import select

        from mlroute.store.models import UserRow

        return run_read(self.engine, lambda s: s.scalar(select(UserRow.id).limit(1)) is not None)

    def _check_local(self) -> None:
        """The local person's data is refused on a team database: there, every person's data is an account's."""
        if self.owner is not LOCAL or self._db.local_checked:
            return
        if self.has_accounts():
            raise UserError(
                "This database has accounts (team mode), so mlroute must know whose data to use.",
                hint="Name the account: mlroute --user NAME … or MLROUTE_USER=NAME (mlroute users list shows them).",
            )
        self._db.local_checked = True

    def read(self, fn: Callable[[Session], T]) -> T:
        self._check_local()
        return run_read(self.engine, fn, info=self._info)

    def write(self, fn: Callable[[Session], T]) -> T:
        """Run ``fn`` in one transaction: everything it writes is committed together or not at all."""
        self._check_local()
        self._known_version = None  # this view's own write moves the version: ask the database from now on
        return run_write(self.engine, fn, info=self._info)

    def cache_key(self) -> tuple[int, Scope]:
        """Whose data this view is, in this process: caches keep one entry per key (with ``data_version``)."""
        return (self._db.token, self.owner)

    def data_version(self) -> Hashable | None:
        """A value every committed change to this view's data moves (``store.versions``); None when there is no
        cheap one, so nothing may be cached."""
        self._check_local()
        if self._known_version is not None and isinstance(self.owner, int):
            return versions.account_version(self._known_version)
        return versions.data_version(self.engine, self.owner)

    def describe(self) -> str:
        """The URL without its password, to show the person where their data is."""
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        db = self._db
        with db.lock:
            if db.engine is not None:
                versions.forget(db.engine)
                db.engine.dispose()
                db.engine = None


def open_store(url: str | None = None, *, backup_dir: Path | None = None) -> Store:
    """Open (and if needed create or upgrade) the database at ``url`` (``Settings.database_url()``; None: the
    default SQLite file in the user data directory).

    Before existing data is migrated it is backed up: beside a SQLite file, else as JSON in ``backup_dir``
    (default: ``backups`` in the user data directory)."""
    store = Store(url, backup_dir=backup_dir)
    store.engine  # noqa: B018 - connect and migrate now
    return store
