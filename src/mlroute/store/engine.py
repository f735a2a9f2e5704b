"""Opening the database: which URL, the connection settings that keep data safe, and retrying busy writes.

SQLite is the default (one file in the user data directory). Every connection runs in WAL mode with a busy
timeout and ``synchronous=FULL``, so a killed process never leaves a half-written record and concurrent
``mlroute log`` processes queue for the write lock instead of failing. Write transactions start with
``BEGIN IMMEDIATE`` (SQLite) or take an advisory lock (PostgreSQL): a writer holds the lock from its first
read, so read-then-write cannot deadlock and version numbers cannot collide.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, pool
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session

from mlroute.errors import UserError
from mlroute.store.owner import ScopedSession

T = TypeVar("T")
log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000
WRITE_DEADLINE_S = 120.0
# An arbitrary constant naming mlroute's write lock on PostgreSQL (pg_advisory_xact_lock takes a bigint).
PG_WRITE_LOCK = 0x6D6C726F75


def default_sqlite_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("mlroute", appauthor=False)) / "mlroute.db"


def database_url(raw: str | None = None) -> str:
    """The SQLAlchemy URL for ``MLROUTE_DB`` (``Settings.db``): unset means a SQLite file in the user data
    directory, a value without ``://`` the path of a SQLite file, and ``postgresql://`` means psycopg 3.
    """
    if not raw:
        return f"sqlite:///{default_sqlite_path()}"
    if "://" not in raw:
        return f"sqlite:///{Path(raw).expanduser().resolve()}"
    for plain in ("postgresql://", "postgres://"):
        if raw.startswith(plain):
            return "postgresql+psycopg://" + raw[len(plain) :]
    return raw


def sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL (None for an in-memory database or another backend)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


SQLITE_HEADER = b"SQLite format 3\x00"


def check_sqlite_file(path: Path) -> None:
    """Refuse, with a message, a path that is a folder or a file that is not an SQLite database (a text file, a
    backup JSON), before SQLite fails on it deep inside a connection."""
    if path.is_dir():
        raise UserError(
            f"MLROUTE_DB points to {path}, which is a folder.",
            hint="Give a file name in it, e.g. MLROUTE_DB=" + str(path / "mlroute.db"),
        )
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return  # a new database: SQLite creates it
    except OSError as exc:
        raise UserError(f"Cannot read the database {path}: {exc.strerror}.", hint="Check its permissions.") from exc
    if head and head != SQLITE_HEADER:
        raise UserError(
            f"{path} is not an SQLite database (MLROUTE_DB points to it).",
            hint="Point MLROUTE_DB at a new file (mlroute creates it) or at mlroute's database; "
            "to load a backup JSON, use `mlroute restore FILE`.",
        )


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise UserError(
            f"MLROUTE_DB is not a database URL: {url!r}.",
            hint="Use e.g. sqlite:///path/to/mlroute.db or postgresql://user@localhost/mlroute.",
        ) from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(url)
    if backend == "postgresql":
        import importlib.util

        if importlib.util.find_spec("psycopg") is None:
            raise UserError(
                "PostgreSQL needs its driver, which is not installed.",
                hint="Install it with: pip install 'mlroute[postgresql]' (or use SQLite: unset MLROUTE_DB).",
            )
        return create_engine(url, pool_pre_ping=True)
    raise UserError(
        f"Unsupported database {backend!r} in {url!r}.",
        hint="mlroute stores its data in SQLite (the default) or PostgreSQL.",
    )


def _sqlite_engine(url: str) -> Engine:
    path = sqlite_file(url)
    if path is None:
        # One shared connection, or every new connection would see a different empty database.
        engine = create_engine(url, poolclass=pool.StaticPool, connect_args={"check_same_thread": False})
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(
                f"Cannot create the folder for the database {path}: {exc.strerror}.",
                hint="Set MLROUTE_DB to a writable location.",
            ) from exc
        check_sqlite_file(path)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Transactions are ours to begin (see _on_begin), not the driver's.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if path is not None:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get("mlroute_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def is_retryable(exc: BaseException) -> bool:
    """Lock contention that a retry resolves: SQLite busy/locked, PostgreSQL serialization or deadlock."""
    if isinstance(exc, OperationalError) and any(
        word in str(exc.orig).lower() for word in ("database is locked", "database is busy", "locked")
    ):
        return True
    if isinstance(exc, DBAPIError):
        code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
        return code in ("40001", "40P01")
    return False


def run_write(
    engine: Engine,
    fn: Callable[[Session], T],
    *,
    deadline_s: float = WRITE_DEADLINE_S,
    info: dict[str, Any] | None = None,
) -> T:
    """Run ``fn`` in one write transaction; commit, or roll back everything; retry on lock contention. ``info``
    is the session's (its owner scope: ``store.owner``)."""
    write_engine = engine.execution_options(mlroute_write=True)
    postgres = engine.dialect.name == "postgresql"
    give_up = time.monotonic() + deadline_s
    delay = 0.02
    while True:
        try:
            with ScopedSession(write_engine, expire_on_commit=False, info=info) as session, session.begin():
                if postgres:
                    from sqlalchemy import text

                    session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_WRITE_LOCK})
                return fn(session)
        except DBAPIError as exc:
            if not is_retryable(exc) or time.monotonic() > give_up:
                raise
            log.debug("write lock busy (%s); retrying in about %.2f s", exc.orig, delay)
        time.sleep(delay * (0.5 + random.random()))
        delay = min(delay * 2, 1.0)


def run_read(engine: Engine, fn: Callable[[Session], T], *, info: dict[str, Any] | None = None) -> T:
    """Run ``fn`` in one read transaction (a consistent snapshot)."""
    with ScopedSession(engine, expire_on_commit=False, info=info) as session, session.begin():
        return fn(session)
