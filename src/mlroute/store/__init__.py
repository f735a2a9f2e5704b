"""Storage: SQLite (default) or PostgreSQL through SQLAlchemy 2, migrated by Alembic on open.

``Store(url)`` is one database, opened (and migrated) on first use; ``open_store(url)`` opens it at once.
``Store.read`` and ``Store.write`` run a function in a transaction, and the functions in ``mlroute.store.repo``
are what runs inside. The services are the only callers.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from mlroute.errors import UserError
from mlroute.store.engine import database_url, make_engine, run_read, run_write
from mlroute.store.migrate import Migration, ensure_schema

T = TypeVar("T")

__all__ = ["Store", "open_store"]


class Store:
    """One database. The connection (and any migration) happens on first use, so a command that refuses its
    input never creates or touches the database; ``open_store`` opens at once."""

    def __init__(self, url: str | None = None, *, backup_dir: Path | None = None) -> None:
        self.url = database_url(url)
        self.backup_dir = backup_dir
        self._engine: Engine | None = None
        self.migration: Migration | None = None
        self._lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        with self._lock:
            if self._engine is None:
                self._engine = self._open()
            return self._engine

    def _open(self) -> Engine:
        engine = make_engine(self.url)
        try:
            self.migration = ensure_schema(engine, backup_dir=self.backup_dir)
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

    def read(self, fn: Callable[[Session], T]) -> T:
        return run_read(self.engine, fn)

    def write(self, fn: Callable[[Session], T]) -> T:
        """Run ``fn`` in one transaction: everything it writes is committed together or not at all."""
        return run_write(self.engine, fn)

    def describe(self) -> str:
        """The URL without its password, to show the person where their data is."""
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None


def open_store(url: str | None = None, *, backup_dir: Path | None = None) -> Store:
    """Open (and if needed create or upgrade) the database at ``url`` (``Settings.database_url()``; None: the
    default SQLite file in the user data directory).

    Before existing data is migrated it is backed up: beside a SQLite file, else as JSON in ``backup_dir``
    (default: ``backups`` in the user data directory)."""
    store = Store(url, backup_dir=backup_dir)
    store.engine  # noqa: B018 - connect and migrate now
    return store
