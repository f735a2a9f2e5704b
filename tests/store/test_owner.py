"""Each person's data is their own, enforced by the store itself (``store.owner``): learner B's store never sees,
changes or deletes learner A's rows through any query function, in every owned table, on SQLite and PostgreSQL;
the migration from revision 0003 keeps every row, and the first account takes them over."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from mlroute.errors import UserError
from mlroute.services import backup as backup_service
from mlroute.services import users
from mlroute.services.users import Actor
from mlroute.store import Store, drill_repo, open_store, repo, team_repo
from mlroute.store.dump import clear, dump
from mlroute.store.engine import make_engine
from mlroute.store.migrate import HEAD, current_revision, upgrade
from mlroute.store.models import TABLES, ProfileRow
from tests.store.test_interview_tables import fill_interview_tables
from tests.store.test_migrations import ROWS

NOW = datetime(2026, 12, 8, 20, 0, tzinfo=UTC)
ACTOR = Actor(name="test", source="test")
PASSWORD = "correct horse battery"


def fill(s: object, tag: str) -> None:
    """A row in every owned table, marked with ``tag``."""
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    repo.add_profile(s, {"name": tag}, name=tag, now=NOW)
    repo.add_plan(s, {"items": [], "eta_weeks": {"p10": 1, "p50": 2, "p90": 3}}, profile_version=1,
                  kb_version="kb", starts_on=date(2026, 12, 7), reason="init", pace=None, now=NOW)  # fmt: skip
    repo.set_status(s, "res:shared-id", "doing", now=NOW)
    repo.add_session(s, day=date(2026, 12, 8), minutes=30, item_id="res:shared-id", note=tag, now=NOW)
    repo.add_journal(s, day=date(2026, 12, 8), kind="insight", text=tag, tags=[tag], items=[], now=NOW)
    repo.add_evidence(s, kind="post", url=f"https://example.org/{tag}", title=tag, item_id=None, now=NOW)
    repo.add_forecast(s, plan_version=1, hours_logged=1, pace=None, eta={"p10": 1, "p50": 2, "p90": 3}, now=NOW)
    repo.put_review_card(s, "res:shared-id", card={"tag": tag}, due=NOW, rating=None, now=NOW)
    fill_interview_tables(s, NOW)


@pytest.fixture
def two(db_url: str) -> tuple[Store, Store, Store]:
    base = Store(db_url)
    users.add(base, "ann", "learner", PASSWORD, actor=ACTOR)
    users.add(base, "ben", "learner", PASSWORD, actor=ACTOR)
    a = base.for_owner(users.account_id(base, "ann"))
    b = base.for_owner(users.account_id(base, "ben"))
    a.write(lambda s: fill(s, "ann"))
    b.write(lambda s: fill(s, "ben"))
    yield base, a, b
    base.close()


def test_every_owned_table_is_seen_by_its_owner_only(two: tuple[Store, Store, Store]) -> None:
    _, a, b = two
    dumped_a, dumped_b = a.read(dump), b.read(dump)
    for model in TABLES:
        name = model.__tablename__
        assert len(dumped_a[name]) == 1 and len(dumped_b[name]) == 1, name
        assert "owner_id" not in dumped_a[name][0]
    assert a.read(repo.latest_profile).name == "ann" and b.read(repo.latest_profile).name == "ben"
    assert [j.text for j in b.read(repo.journal)] == ["ben"]
    assert b.read(repo.statuses)["res:shared-id"].status == "doing"


def test_a_primary_key_lookup_does_not_cross_owners(two: tuple[Store, Store, Store]) -> None:
    _, a, b = two
    mock_of_a = a.read(drill_repo.mocks)[0].id
    quiz_of_a = a.read(drill_repo.quiz_results)[0].id
    assert b.read(lambda s: drill_repo.mock(s, mock_of_a)) is None
    assert b.read(lambda s: drill_repo.quiz_result(s, quiz_of_a)) is None
    assert a.read(lambda s: drill_repo.mock(s, mock_of_a)) is not None


def test_a_new_row_is_the_writers_whatever_owner_it_names(two: tuple[Store, Store, Store]) -> None:
    base, a, b = two
    ann = users.account_id(base, "ann")

    def forge(s: object) -> None:
        from sqlalchemy.orm import Session

        assert isinstance(s, Session)
        s.add(ProfileRow(version=9, created_at=NOW, name="forged", data={}, owner_id=ann))

    b.write(forge)
    assert [p.name for p in b.read(lambda s: list(s.scalars(__import__("sqlalchemy").select(ProfileRow))))] == [
        "ben",
        "forged",
    ]
    assert a.read(repo.latest_profile).name == "ann"


def test_clearing_and_restoring_one_person_leaves_the_other(two: tuple[Store, Store, Store]) -> None:
    _, a, b = two
    saved = backup_service.backup(b)
    b.write(clear)
    assert b.read(repo.is_empty) and not a.read(repo.is_empty)
    tables = backup_service.parse(saved.data, source="b.json")
    backup_service.restore(b, tables, source="b.json")
    assert b.read(repo.latest_profile).name == "ben" and a.read(repo.latest_profile).name == "ann"
    review = b.read(drill_repo.drill_reviews)[0]
    assert review.question_id == "bias-variance-tradeoff"


def test_the_local_person_is_refused_on_a_team_database(two: tuple[Store, Store, Store], db_url: str) -> None:
    fresh = Store(db_url)
    try:
        with pytest.raises(UserError, match="accounts"):
            fresh.read(repo.latest_profile)
    finally:
        fresh.close()


def test_removing_an_account_removes_its_data_only(two: tuple[Store, Store, Store]) -> None:
    base, a, _ = two
    users.add(base, "root", "admin", PASSWORD, actor=ACTOR)
    users.remove(base, "ben", actor=ACTOR)
    counts = base.system().read(
        lambda s: {m.__tablename__: len(s.scalars(__import__("sqlalchemy").select(m)).all()) for m in TABLES}
    )
    assert all(n == 1 for n in counts.values()), counts
    assert a.read(repo.latest_profile).name == "ann"


def test_upgrading_a_0003_database_keeps_every_row_for_the_first_account(db_url: str, tmp_path: Path) -> None:
    engine = make_engine(db_url)
    with engine.execution_options(mlroute_write=True).begin() as conn:
        upgrade(conn, "0003")
        for sql in ROWS.values():
            conn.execute(text(sql))
    engine.dispose()
    st = open_store(db_url, backup_dir=tmp_path / "backups")
    try:
        assert st.migration is not None and st.migration.from_revision == "0003" and st.migration.backup is not None
        with st.engine.connect() as conn:
            assert current_revision(conn) == HEAD
            assert conn.execute(text("SELECT count(*) FROM study_sessions WHERE owner_id IS NULL")).scalar() == 1
        assert st.read(repo.latest_profile).name == "Alex 李"  # the local person, before any account
        added = users.add(st, "alex", "admin", PASSWORD, actor=ACTOR)
        assert added.claimed == {"profiles": 1, "plans": 1, "item_status": 1, "study_sessions": 1, "journal_entries": 1}
        alex = st.for_owner(users.account_id(st, "alex"))
        assert [(x.id, x.minutes, x.note) for x in alex.read(repo.sessions)] == [(7, 90, "第一次")]
        assert alex.read(repo.statuses)["res:a"].status == "doing"
        second = users.add(st, "bea", "learner", PASSWORD, actor=ACTOR)
        assert second.claimed == {}
        bea = st.for_owner(users.account_id(st, "bea"))
        assert bea.read(repo.is_empty)
        saved = st.migration.backup
        if db_url.startswith("sqlite"):
            assert saved.name.endswith(".bak")
        else:
            assert json.loads(saved.read_text(encoding="utf-8"))["revision"] == "0003"
    finally:
        st.close()


def test_audit_log_has_every_change(two: tuple[Store, Store, Store]) -> None:
    base, _, _ = two
    users.add(base, "mia", "mentor", PASSWORD, actor=ACTOR)
    users.assign(base, "mia", "ann", actor=ACTOR)
    users.set_role(base, "ben", "mentor", actor=ACTOR)
    actions = [e.action for e in users.audit_log(base).entries]
    assert actions[:3] == ["set-role", "assign", "add-user"]
    assert base.system().read(lambda s: len(team_repo.audit_log(s))) == 5
