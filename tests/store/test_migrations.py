"""A database created at the first revision, with data, is upgraded to head with the data intact and a backup."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from mlroute.store import open_store, repo
from mlroute.store.engine import make_engine
from mlroute.store.migrate import HEAD, REVISIONS, current_revision, upgrade

ROWS = {
    "profiles": "INSERT INTO profiles (id, version, created_at, name, data) VALUES "
    "(1, 1, '2026-12-01 10:00:00', 'Alex 李', '{\"hours_per_week\": 10, \"name\": \"Alex 李\"}')",
    "plans": "INSERT INTO plans (id, version, created_at, profile_version, kb_version, starts_on, reason, pace, data) "
    "VALUES (1, 1, '2026-12-01 10:00:00', 1, 'kb.1', '2026-12-07', 'init', NULL, "
    '\'{"items": [{"id": "res:a", "hours": 5}], "eta_weeks": {"p10": 1, "p50": 2, "p90": 3}}\')',
    "study_sessions": "INSERT INTO study_sessions (id, day, minutes, item_id, note, created_at) VALUES "
    "(7, '2026-12-08', 90, 'res:a', '第一次', '2026-12-08 21:00:00')",
    "item_status": "INSERT INTO item_status (item_id, status, reason, started_at, finished_at, updated_at) VALUES "
    "('res:a', 'doing', NULL, '2026-12-08 21:00:00', NULL, '2026-12-08 21:00:00')",
    "journal_entries": "INSERT INTO journal_entries (id, day, kind, text, tags, items, created_at) VALUES "
    "(3, '2026-12-08', 'insight', 'vectorise everything', '[\"numpy\"]', '[\"res:a\"]', '2026-12-08 21:05:00')",
}


def _create_at_first_revision(url: str) -> None:
    engine = make_engine(url)
    with engine.execution_options(mlroute_write=True).begin() as conn:
        upgrade(conn, REVISIONS[0])
        for sql in ROWS.values():
            conn.execute(text(sql))
    with engine.connect() as conn:
        assert current_revision(conn) == REVISIONS[0]
        assert conn.execute(text("SELECT count(*) FROM study_sessions")).scalar() == 1
    engine.dispose()


def test_upgrade_from_the_first_revision_keeps_every_row(db_url: str, tmp_path: Path) -> None:
    assert len(REVISIONS) >= 2
    _create_at_first_revision(db_url)
    st = open_store(db_url, backup_dir=tmp_path / "backups")
    try:
        assert st.migration is not None
        assert (st.migration.from_revision, st.migration.to_revision) == (REVISIONS[0], HEAD)
        with st.engine.connect() as conn:
            assert current_revision(conn) == HEAD
        profile = st.read(repo.latest_profile)
        assert profile is not None and profile.name == "Alex 李" and profile.data["hours_per_week"] == 10
        plan = st.read(repo.latest_plan)
        assert plan is not None and plan.data["items"][0]["id"] == "res:a" and plan.kb_version == "kb.1"
        sessions = st.read(repo.sessions)
        assert [(x.id, x.minutes, x.note) for x in sessions] == [(7, 90, "第一次")]
        assert st.read(repo.statuses)["res:a"].status == "doing"
        assert st.read(repo.journal)[0].tags == ["numpy"]
        # the table revision 0002 added works
        assert st.read(repo.review_cards) == []
        backup = st.migration.backup
        assert backup is not None and backup.exists()
        if db_url.startswith("sqlite"):
            with sqlite3.connect(backup) as conn:
                assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (REVISIONS[0],)
                assert conn.execute("SELECT minutes, note FROM study_sessions").fetchall() == [(90, "第一次")]
        else:
            saved = json.loads(backup.read_text(encoding="utf-8"))
            assert saved["revision"] == REVISIONS[0]
            assert saved["tables"]["study_sessions"][0]["note"] == "第一次"
    finally:
        st.close()


def test_a_new_database_needs_no_backup(tmp_path: Path) -> None:
    st = open_store(f"sqlite:///{tmp_path / 'fresh.db'}")
    assert st.migration is not None and st.migration.backup is None
    assert sorted(p.name for p in tmp_path.iterdir() if ".bak" in p.name) == []
    st.close()


def test_alembic_cli_uses_the_same_settings_and_finds_the_models_in_step(db_url: str, tmp_path: Path) -> None:
    """``alembic upgrade``/``check``/``revision --autogenerate`` run on the database ``MLROUTE_DB`` names, so a
    schema change can be written with Alembic's own tools; ``check`` passing means models and migrations agree."""
    root = Path(__file__).resolve().parents[2]
    alembic = [str(Path(sys.executable).with_name("alembic")), "-c", str(root / "alembic.ini")]
    env = {**os.environ, "MLROUTE_DB": db_url}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*alembic, *args], env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path)

    assert run("upgrade", "head").returncode == 0
    current = run("current")
    assert current.returncode == 0 and f"{HEAD} (head)" in current.stdout
    checked = run("check")
    assert checked.returncode == 0 and "No new upgrade operations detected" in checked.stdout, checked.stderr
    st = open_store(db_url)  # mlroute opens what Alembic made without migrating again
    assert st.migration is None
    st.close()
