"""A throwaway PostgreSQL cluster for the tests: initdb + pg_ctl in a temporary folder, on a free loopback port.

One cluster per test process, started on first use and removed at exit; each test gets its own database.
``MLROUTE_TEST_PG_URL`` (a server URL whose user may create databases) uses an existing server instead.
Without PostgreSQL binaries the PostgreSQL tests are skipped with the reason, unless ``MLROUTE_REQUIRE_PG=1``
(CI), where they fail instead.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

SERVER_SETTINGS = (
    "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off "
    "-c max_connections=200 -c shared_buffers=32MB"
)


@dataclass
class PgServer:
    url: str  # postgresql+psycopg://user@host:port (no database)
    datadir: Path | None = None
    bindir: Path | None = None
    run_as: str | None = None

    def new_database(self) -> str:
        """Create an empty database; returns its SQLAlchemy URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self._libpq("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"{self.url}/{name}"

    def drop_database(self, url: str) -> None:
        import psycopg

        name = url.rsplit("/", 1)[1]
        with psycopg.connect(self._libpq("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _libpq(self, database: str) -> str:
        return self.url.replace("postgresql+psycopg://", "postgresql://") + f"/{database}"

    def stop(self) -> None:
        if self.datadir is None or self.bindir is None:
            return
        _run(
            self,
            [str(self.bindir / "pg_ctl"), "-D", str(self.datadir / "data"), "-m", "immediate", "stop"],
            check=False,
        )
        shutil.rmtree(self.datadir, ignore_errors=True)
        self.datadir = None


def find_bindir() -> Path | None:
    """Where initdb and pg_ctl are: PATH, or Debian's /usr/lib/postgresql/<version>/bin (newest first)."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).parent
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True):
        if Path(candidate, "initdb").exists() and Path(candidate, "pg_ctl").exists():
            return Path(candidate)
    return None


def _run(server: PgServer, cmd: list[str], *, check: bool = True) -> subprocess.CompletedProcess[str]:
    if server.run_as:
        cmd = ["runuser", "-u", server.run_as, "--", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, check=check, timeout=120)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start() -> PgServer:
    bindir = find_bindir()
    if bindir is None:
        raise RuntimeError(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found; install them with "
            "`apt-get install -y postgresql`"
        )
    run_as = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            raise RuntimeError("running as root and there is no 'postgres' user to run the server as") from None
        run_as = "postgres"
    tmp = Path(tempfile.mkdtemp(prefix="mlroute-pg-"))
    if run_as:
        shutil.chown(tmp, user=run_as)
    server = PgServer(url="", datadir=tmp, bindir=bindir, run_as=run_as)
    data = tmp / "data"
    _run(
        server,
        [
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            "mlroute",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        ],
    )
    port = _free_port()
    result = _run(
        server,
        [
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(tmp / "server.log"),
            "-w",
            "-t",
            "60",
            "-o",
            f"-p {port} -k {tmp} {SERVER_SETTINGS}",
            "start",
        ],
        check=False,
    )
    if result.returncode != 0:
        log = (tmp / "server.log").read_text(errors="replace") if (tmp / "server.log").exists() else ""
        shutil.rmtree(tmp, ignore_errors=True)
        raise RuntimeError(f"pg_ctl start failed: {result.stderr}\n{log}")
    server.url = f"postgresql+psycopg://mlroute@127.0.0.1:{port}"
    return server


_shared: PgServer | None = None
_failure: str | None = None


def shared() -> PgServer:
    """The process-wide server; skips (or fails under MLROUTE_REQUIRE_PG=1) when none can be had."""
    global _shared, _failure
    if _shared is None and _failure is None:
        env = os.environ.get("MLROUTE_TEST_PG_URL")
        if env:
            _shared = PgServer(url=env.rstrip("/").replace("postgresql://", "postgresql+psycopg://", 1))
        else:
            try:
                _shared = start()
                atexit.register(_shared.stop)
            except (RuntimeError, subprocess.SubprocessError, OSError) as exc:
                _failure = str(exc)
    if _shared is None:
        reason = f"PostgreSQL is not available: {_failure}"
        if os.environ.get("MLROUTE_REQUIRE_PG") == "1":
            pytest.fail(reason + " (MLROUTE_REQUIRE_PG=1 requires it)", pytrace=False)
        pytest.skip(reason)
    return _shared
