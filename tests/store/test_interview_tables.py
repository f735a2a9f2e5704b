"""The tables of revision 0003 (drill cards and reviews, mock interviews, quiz results): the repository functions,
and the migration up from 0002 and back down, with every row of the older tables kept, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, text
from sqlalchemy.orm import Session

from mlroute.store import drill_repo, open_store
from mlroute.store.engine import make_engine
from mlroute.store.migrate import MIGRATIONS_DIR, current_revision, upgrade

NOW = datetime(2026, 12, 8, 20, 0, tzinfo=UTC)
NEW_TABLES = ("drill_cards", "drill_reviews", "mock_interviews", "quiz_results")


def fill_interview_tables(s: Session, now: datetime) -> None:
    """One row in each table of revision 0003 (the backup round-trip test needs every table filled)."""
    card = {"card_id": 7, "state": 2, "step": None, "stability": 2.3, "difficulty": 5.0, "due": now.isoformat()}
    drill_repo.record_drill(
        s,
        "bias-variance-tradeoff",
        card=card,
        due=now + timedelta(days=2),
        rating="good",
        lapse=False,
        mode="drill",
        seconds=95,
        retrievability=0.0,
        mock_id=None,
        now=now,
    )
    drill_repo.add_mock(s, minutes=45, role="ml-engineer", data={"questions": ["q"], "answers": []}, now=now)
    row = drill_repo.add_quiz_result(
        s,
        skill="python",
        seed=3,
        lang="zh",
        answers=[{"number": 1, "id": "py-x", "level": 1, "correct": True, "given": "b", "expected": "b"}],
        proposed_level=1,
        max_level_tested=3,
        now=now,
    )
    drill_repo.accept_quiz_result(s, row, now)


def _alembic(conn: object, action: str, target: str) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = conn
    getattr(command, action)(cfg, target)


def test_repository_round_trip(db_url: str) -> None:
    st = open_store(db_url)
    try:
        st.write(lambda s: fill_interview_tables(s, NOW))
        cards = st.read(drill_repo.drill_cards)
        assert [(c.question_id, c.reviews, c.lapses, c.last_rating) for c in cards] == [
            ("bias-variance-tradeoff", 1, 0, "good")
        ]
        assert cards[0].first_reviewed_at == NOW and cards[0].due == NOW + timedelta(days=2)
        reviews = st.read(drill_repo.drill_reviews)
        assert [(r.rating, r.mode, r.seconds, r.was_learnt) for r in reviews] == [("good", "drill", 95, 0)]
        # a second review of a learnt card counts as a test of memory, and a lapse when forgotten
        later = NOW + timedelta(days=3)
        st.write(
            lambda s: drill_repo.record_drill(
                s,
                "bias-variance-tradeoff",
                card={"state": 3},
                due=later + timedelta(minutes=10),
                rating="again",
                lapse=True,
                mode="mock",
                seconds=None,
                retrievability=0.8,
                mock_id=1,
                now=later,
            )
        )
        card = st.read(lambda s: drill_repo.drill_card(s, "bias-variance-tradeoff"))
        assert card is not None and (card.reviews, card.lapses, card.first_reviewed_at) == (2, 1, NOW)
        assert [r.was_learnt for r in st.read(drill_repo.drill_reviews)] == [0, 1]
        assert len(st.read(lambda s: drill_repo.drill_reviews(s, since=later))) == 1
        results = st.read(drill_repo.quiz_results)
        assert [(r.skill, r.lang, r.proposed_level, r.accepted_at) for r in results] == [("python", "zh", 1, NOW)]
        assert st.read(lambda s: drill_repo.quiz_results(s, "sql")) == []
        mock = st.read(lambda s: drill_repo.mock(s, 1))
        assert mock is not None and mock.data["questions"] == ["q"]
    finally:
        st.close()


def test_upgrade_to_0003_and_back_keeps_every_row(db_url: str, tmp_path: Path) -> None:
    engine = make_engine(db_url)
    try:
        with engine.execution_options(mlroute_write=True).begin() as conn:
            upgrade(conn, "0002")
            conn.execute(
                text(
                    "INSERT INTO study_sessions (id, day, minutes, item_id, note, created_at) VALUES "
                    "(5, '2026-12-08', 45, 'res:a', '面试准备', '2026-12-08 21:00:00')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO review_cards (item_id, due, reviews, last_rating, card, updated_at) VALUES "
                    "('res:a', '2026-12-09 21:00:00', 0, NULL, '{\"card_id\": 1}', '2026-12-08 21:00:00')"
                )
            )
        with engine.execution_options(mlroute_write=True).begin() as conn:
            upgrade(conn, "0003")
            assert current_revision(conn) == "0003"
            assert all(inspect(conn).has_table(t) for t in NEW_TABLES)
        st = open_store(db_url, backup_dir=tmp_path)
        st.write(lambda s: fill_interview_tables(s, NOW))
        assert st.read(drill_repo.drill_cards)[0].question_id == "bias-variance-tradeoff"
        st.close()
        with engine.execution_options(mlroute_write=True).begin() as conn:
            _alembic(conn, "downgrade", "0002")
        with engine.connect() as conn:
            assert current_revision(conn) == "0002"
            assert not any(inspect(conn).has_table(t) for t in NEW_TABLES)
            assert conn.execute(text("SELECT minutes, note FROM study_sessions")).all() == [(45, "面试准备")]
            assert conn.execute(text("SELECT item_id FROM review_cards")).all() == [("res:a",)]
        with engine.execution_options(mlroute_write=True).begin() as conn:
            upgrade(conn, "0003")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM drill_cards")).scalar() == 0
            assert conn.execute(text("SELECT count(*) FROM study_sessions")).scalar() == 1
    finally:
        engine.dispose()
