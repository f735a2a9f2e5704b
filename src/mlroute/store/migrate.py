"""Bringing a database to the current schema, with a backup taken before any existing data is migrated.

Alembic is imported only when the database is behind: the common case (already at ``HEAD``) is one cheap query,
which keeps short commands like ``mlroute log`` fast. The upgrade runs inside a write transaction, so several
processes opening an old database at once migrate it exactly once.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, MetaData, inspect, select, text

from mlroute.errors import UserError
from mlroute.store.engine import PG_WRITE_LOCK, sqlite_file

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# Every revision in order; the last is the head. A test checks this against Alembic's own script directory.
REVISIONS = ("0001", "0002", "0003", "0004")
HEAD = REVISIONS[-1]
log = logging.getLogger(__name__)
OUR_TABLES = ("profiles", "plans", "item_status", "study_sessions", "journal_entries", "evidence_links")


@dataclass(frozen=True)
class Migration:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def ensure_schema(engine: Engine, *, backup_dir: Path | None = None) -> Migration | None:
    """Upgrade to ``HEAD`` if needed; returns what was done (None when the schema was already current)."""
    with engine.connect() as conn:
        revision = current_revision(conn)
    if revision == HEAD:
        return None
    with engine.execution_options(mlroute_write=True).begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_WRITE_LOCK})
        revision = current_revision(conn)
        if revision == HEAD:
            return None
        if revision is not None and revision not in REVISIONS:
            raise UserError(
                f"The database is at schema revision {revision}, which this mlroute does not know.",
                hint="It was written by a newer mlroute: upgrade mlroute (pip install -U mlroute).",
            )
        if revision is None:
            present = [t for t in OUR_TABLES if inspect(conn).has_table(t)]
            if present:
                raise UserError(
                    f"The database already has tables named {', '.join(present)} but no mlroute schema version.",
                    hint="Point MLROUTE_DB at an empty database or one that mlroute created.",
                )
        backup = _backup(conn, engine, revision, backup_dir) if revision is not None else None
        log.info("migrating the database from revision %s to %s (backup: %s)", revision, HEAD, backup)
        upgrade(conn, HEAD)
    return Migration(revision, HEAD, backup)


def upgrade(conn: Connection, target: str) -> None:
    """Run Alembic's upgrade to ``target`` on ``conn`` (inside the caller's transaction)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, target)


def _backup(conn: Connection, engine: Engine, revision: str, backup_dir: Path | None) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = sqlite_file(str(engine.url))
    if path is not None:
        # A consistent copy of the committed database, restorable by copying it back.
        target = (backup_dir or path.parent) / f"{path.name}.before-{HEAD}-from-{revision}.{stamp}.bak"
        target.parent.mkdir(parents=True, exist_ok=True)
        src, dst = sqlite3.connect(path), sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
        return target
    # Another backend: every table as JSON rows, read inside the migrating transaction.
    from platformdirs import user_data_dir

    folder = backup_dir or Path(user_data_dir("mlroute", appauthor=False)) / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{engine.url.database}.before-{HEAD}-from-{revision}.{stamp}.json"
    meta = MetaData()
    meta.reflect(conn)
    dump = {
        "revision": revision,
        "tables": {
            name: [dict(row._mapping) for row in conn.execute(select(table))] for name, table in meta.tables.items()
        },
    }
    target.write_text(json.dumps(dump, default=_jsonable, ensure_ascii=False), encoding="utf-8")
    return target


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")
