"""The store on SQLite and PostgreSQL: schema on open, transactions, repositories, dump and load."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from mlroute.errors import UserError
from mlroute.settings import Settings
from mlroute.store import Store, open_store, repo
from mlroute.store.dump import clear, dump, load, schema
from mlroute.store.engine import database_url
from mlroute.store.migrate import HEAD, MIGRATIONS_DIR, REVISIONS, current_revision
from mlroute.store.models import Base
from tests.store.test_interview_tables import fill_interview_tables
from tests.track.sample import PROFILE, START, sample_plan

NOW = datetime(2026, 12, 9, 20, 30, tzinfo=UTC)


def test_revision_list_matches_alembic_scripts() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_current_head() == HEAD
    assert [r.revision for r in reversed(list(script.walk_revisions()))] == list(REVISIONS)


def test_open_creates_the_schema_at_head_and_models_match_migrations(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    st = open_store(db_url)
    try:
        with st.engine.connect() as conn:
            assert current_revision(conn) == HEAD
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == [], f"models and migrations disagree: {diff}"
        assert st.migration is not None and st.migration.from_revision is None
        again = open_store(db_url)
        assert again.migration is None  # already current: nothing to do
        again.close()
    finally:
        st.close()


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path: Path) -> None:
    st = open_store(f"sqlite:///{tmp_path / 'a.db'}")
    with st.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10_000
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    st.close()


def test_a_failing_write_changes_nothing(db_url: str) -> None:
    st = open_store(db_url)

    def half_then_fail(s):  # type: ignore[no-untyped-def]
        repo.add_profile(s, dict(PROFILE), name="Alex", now=NOW)
        raise UserError("stop here")

    with pytest.raises(UserError):
        st.write(half_then_fail)
    assert st.read(repo.latest_profile) is None
    st.close()


def test_profiles_and_plans_are_versioned_snapshots(db_url: str) -> None:
    st = open_store(db_url)
    v1 = st.write(lambda s: repo.add_profile(s, dict(PROFILE), name="Alex", now=NOW))
    v2 = st.write(lambda s: repo.add_profile(s, {**PROFILE, "hours_per_week": 6.0}, name="Alex", now=NOW))
    assert (v1, v2) == (1, 2)
    for reason in ("init", "replan"):
        st.write(
            lambda s, r=reason: repo.add_plan(
                s,
                sample_plan(),
                profile_version=2,
                kb_version="test.1",
                starts_on=START,
                reason=r,
                pace=None,
                now=NOW,
            )
        )
    plans = st.read(repo.plans)
    assert [(p.version, p.reason) for p in plans] == [(1, "init"), (2, "replan")]
    assert st.read(repo.latest_plan).data["items"][0]["id"] == "act:find-a-mentor"
    assert st.read(repo.latest_profile).data["hours_per_week"] == 6.0
    st.close()


def test_item_status_keeps_start_and_finish_times(db_url: str) -> None:
    st = open_store(db_url)
    later = NOW.replace(day=20)
    st.write(lambda s: repo.set_status(s, "res:ml-course", "doing", now=NOW))
    prev = st.write(lambda s: repo.set_status(s, "res:ml-course", "done", now=later))
    row = st.read(repo.statuses)["res:ml-course"]
    assert prev == ("doing", "done")
    assert (row.started_at, row.finished_at) == (NOW, later)
    assert row.started_at.tzinfo is not None
    st.write(lambda s: repo.set_status(s, "res:python-course", "skipped", now=NOW, reason="known"))
    assert st.read(repo.statuses)["res:python-course"].reason == "known"
    st.close()


def test_dump_and_load_round_trip_every_table(db_url: str, tmp_path: Path) -> None:
    st = open_store(db_url)

    def fill(s):  # type: ignore[no-untyped-def]
        repo.add_profile(s, dict(PROFILE), name="Alex 李", now=NOW)
        repo.add_plan(
            s, sample_plan(), profile_version=1, kb_version="k", starts_on=START, reason="init", pace=None, now=NOW
        )
        repo.add_session(s, day=date(2026, 12, 8), minutes=90, item_id="res:python-course", note="笔记", now=NOW)
        repo.set_status(s, "res:python-course", "done", now=NOW)
        repo.add_journal(
            s,
            day=date(2026, 12, 8),
            kind="insight",
            text="broadcasting!",
            tags=["numpy"],
            items=["res:python-course"],
            now=NOW,
        )
        repo.add_evidence(s, kind="repository", url="https://github.com/a/b", title=None, item_id=None, now=NOW)
        repo.add_forecast(s, plan_version=1, hours_logged=1.5, pace=None, eta={"p10": 1, "p50": 2, "p90": 3}, now=NOW)
        repo.put_review_card(s, "res:python-course", card={"card_id": 1}, due=NOW, rating=None, now=NOW)
        fill_interview_tables(s, NOW)

    st.write(fill)
    before = st.read(dump)
    assert all(before[t] for t in schema()), "every table should hold a row"
    other = open_store(f"sqlite:///{tmp_path / 'copy.db'}")
    other.write(lambda s: load(s, before))
    assert other.read(dump) == before
    # ids continue after the restored ones
    new_id = other.write(
        lambda s: repo.add_session(s, day=date(2026, 12, 9), minutes=5, item_id="x", note=None, now=NOW)
    )
    assert new_id == before["study_sessions"][-1]["id"] + 1
    other.write(clear)
    assert other.read(repo.is_empty)
    st.close()
    other.close()


@pytest.mark.postgres
def test_postgres_ids_continue_after_a_load(pg_url: str) -> None:
    st = open_store(pg_url)
    rows = {
        "study_sessions": [
            {"id": 41, "day": "2026-12-08", "minutes": 30, "item_id": "x", "note": None, "created_at": NOW.isoformat()}
        ]
    }
    st.write(lambda s: load(s, rows))
    new_id = st.write(lambda s: repo.add_session(s, day=date(2026, 12, 9), minutes=5, item_id="x", note=None, now=NOW))
    assert new_id == 42
    st.close()


def test_database_url_defaults_and_shorthands(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert database_url().startswith("sqlite:///") and database_url().endswith("mlroute.db")
    assert database_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    assert database_url("postgresql://u@localhost/db") == "postgresql+psycopg://u@localhost/db"
    monkeypatch.delenv("MLROUTE_DB", raising=False)
    assert Settings().database_url() == database_url()
    monkeypatch.setenv("MLROUTE_DB", "postgres://u@localhost/db")
    assert Settings().database_url() == "postgresql+psycopg://u@localhost/db"
    monkeypatch.setenv("MLROUTE_DB", "")
    assert Settings().db is None


def test_a_store_touches_the_database_only_when_first_used(tmp_path: Path) -> None:
    path = tmp_path / "lazy.db"
    st = Store(f"sqlite:///{path}")
    assert not path.exists()
    assert st.read(repo.latest_plan) is None and path.exists()
    st.close()
    st.close()  # closing twice is harmless


def test_unusable_urls_are_user_errors(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="Unsupported database"):
        open_store("mysql://u@localhost/x")
    with pytest.raises(UserError, match="Cannot open the database"):
        open_store("postgresql://nobody@127.0.0.1:1/none")


def test_a_foreign_database_is_not_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE profiles (x int)")
    with pytest.raises(UserError, match="no mlroute schema version"):
        open_store(f"sqlite:///{path}")


def test_a_database_from_a_newer_mlroute_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    open_store(url).close()
    with sqlite3.connect(tmp_path / "new.db") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(UserError, match="newer mlroute"):
        open_store(url)


def test_read_sees_a_consistent_snapshot(db_url: str) -> None:
    st = open_store(db_url)
    st.write(lambda s: repo.add_session(s, day=date(2026, 12, 8), minutes=30, item_id="a", note=None, now=NOW))
    count = st.read(lambda s: s.execute(text("SELECT count(*) FROM study_sessions")).scalar())
    assert count == 1
    st.close()
