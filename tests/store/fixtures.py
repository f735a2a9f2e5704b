"""Database fixtures shared by the storage, export and CLI tests: each test gets a fresh SQLite file or a fresh
PostgreSQL database (see ``pgserver``); ``store`` is a ``Store`` on it for in-process service calls."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mlroute.store import Store
from tests.store import pgserver


@pytest.fixture
def pg_url() -> Iterator[str]:
    server = pgserver.shared()
    url = server.new_database()
    yield url
    server.drop_database(url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'mlroute.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """A store on a fresh database (SQLite, and PostgreSQL where a server can be had)."""
    st = Store(db_url)
    yield st
    st.close()
