"""Storage: SQLite (default) or PostgreSQL through SQLAlchemy 2, migrated by Alembic on open.

``open_store()`` is the one entry point; ``Store.read`` and ``Store.write`` run a function in a transaction, and
the functions in ``mlroute.store.repo`` are what runs inside.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass
class Store:
    url: str
    engine: Engine
    migration: Migration | None = None

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def read(self, fn: Callable[[Session], T]) -> T:
        return run_read(self.engine, fn)

    def write(self, fn: Callable[[Session], T]) -> T:
        """Run ``fn`` in one transaction: everything it writes is committed together or not at all."""
        return run_write(self.engine, fn)

    def close(self) -> None:
        self.engine.dispose()


def open_store(url: str | None = None, *, backup_dir: Path | None = None) -> Store:
    """Open (and if needed create or upgrade) the database at ``url``, ``MLROUTE_DB`` or the default file.

    Before existing data is migrated it is backed up: beside a SQLite file, else as JSON in ``backup_dir``
    (default: ``backups`` in the user data directory)."""
    resolved = database_url(url)
    engine = make_engine(resolved)
    try:
        migration = ensure_schema(engine, backup_dir=backup_dir)
    except OperationalError as exc:
        engine.dispose()
        raise UserError(
            f"Cannot open the database {engine.url.render_as_string(hide_password=True)}: {exc.orig}",
            hint="Check MLROUTE_DB (any SQLAlchemy URL) and that the database server is running.",
        ) from exc
    return Store(resolved, engine, migration)
