"""The PostgreSQL test server: skipped with a reason when PostgreSQL is missing, a failure when CI requires it."""

from __future__ import annotations

import pytest

from tests.store import pgserver


@pytest.fixture
def no_postgres(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MLROUTE_TEST_PG_URL", raising=False)
    monkeypatch.setattr(pgserver, "find_bindir", lambda: None)
    monkeypatch.setattr(pgserver, "_shared", None)
    monkeypatch.setattr(pgserver, "_failure", None)


def test_missing_binaries_skip_with_the_reason(no_postgres: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MLROUTE_REQUIRE_PG", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install -y postgresql"):
        pgserver.shared()


def test_missing_binaries_fail_when_required(no_postgres: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLROUTE_REQUIRE_PG", "1")
    with pytest.raises(pytest.fail.Exception, match="MLROUTE_REQUIRE_PG=1 requires it"):
        pgserver.shared()


@pytest.mark.postgres
def test_each_test_gets_its_own_database(pg_url: str) -> None:
    import psycopg

    server = pgserver.shared()
    other = server.new_database()
    try:
        assert other != pg_url
        with psycopg.connect(other.replace("postgresql+psycopg://", "postgresql://")) as conn:
            assert conn.execute("SELECT current_database()").fetchone()[0] == other.rsplit("/", 1)[1]
    finally:
        server.drop_database(other)
