"""Database fixtures shared by the storage, export and CLI tests: each test gets a fresh SQLite file or a fresh
PostgreSQL database (see ``pgserver``), and ``tracking_db`` points ``MLROUTE_DB`` at it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.store import pgserver


@pytest.fixture
def pg_url() -> Iterator[str]:
    server = pgserver.shared()
    url = server.new_database()
    yield url
    _forget_stores()
    server.drop_database(url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'mlroute.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def tracking_db(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """``MLROUTE_DB`` set to a fresh database for the in-process service calls of one test."""
    monkeypatch.setenv("MLROUTE_DB", db_url)
    yield db_url
    _forget_stores()


def _forget_stores() -> None:
    from mlroute.services import tracking

    for st in tracking._stores.values():
        st.close()
    tracking._stores.clear()
