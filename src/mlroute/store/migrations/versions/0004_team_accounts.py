"""Team mode: accounts, sign-in sessions, failed sign-ins, mentorships, cohorts, comments, the audit log and the
server's keys; every table of a person's data gets ``owner_id`` (NULL: the single local person, which is what
every existing row stays until the first account is made and takes it over).

Versions, item statuses and cards become unique per owner: item statuses, review cards and drill cards get a
surrogate ``id`` key, since two people may hold the same item.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

OWNED = (
    "profiles",
    "plans",
    "item_status",
    "study_sessions",
    "journal_entries",
    "evidence_links",
    "forecasts",
    "review_cards",
    "drill_cards",
    "drill_reviews",
    "mock_interviews",
    "quiz_results",
)
VERSIONED = {"profiles": "version", "plans": "version"}
NATURAL = {"item_status": "item_id", "review_cards": "item_id", "drill_cards": "question_id"}
LOCAL_ONLY = sa.text("owner_id IS NULL")


def upgrade() -> None:
    _team_tables()
    postgres = op.get_bind().dialect.name == "postgresql"
    for table in OWNED:
        key = VERSIONED.get(table) or NATURAL.get(table)
        if table in NATURAL and postgres:
            op.drop_constraint(f"pk_{table}", table, type_="primary")
            op.execute(f"ALTER TABLE {table} ADD COLUMN id SERIAL")
        with op.batch_alter_table(table, recreate="auto") as b:
            b.add_column(sa.Column("owner_id", sa.Integer(), nullable=True))
            b.create_foreign_key(f"fk_{table}_owner_id", "users", ["owner_id"], ["id"], ondelete="CASCADE")
            b.create_index(f"ix_{table}_owner_id", ["owner_id"])
            if table in VERSIONED:
                b.drop_constraint(f"uq_{table}_version", type_="unique")
            if table in NATURAL:
                if not postgres:
                    b.add_column(sa.Column("id", sa.Integer(), nullable=False))
                    b.drop_constraint(f"pk_{table}", type_="primary")
                b.create_primary_key(f"pk_{table}", ["id"])
            if key:
                b.create_unique_constraint(f"uq_{table}_owner_{key}", ["owner_id", key])
        if key:
            op.create_index(
                f"uq_{table}_local_{key}",
                table,
                [key],
                unique=True,
                sqlite_where=LOCAL_ONLY,
                postgresql_where=LOCAL_ONLY,
            )


def _team_tables() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("password_changed_at", sa.DateTime(), nullable=False),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.Column("data_version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("username", name="uq_users_username"),
    )
    op.create_table(
        "web_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_web_sessions_user_id", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("token_hash", name="pk_web_sessions"),
    )
    op.create_index("ix_web_sessions_user_id", "web_sessions", ["user_id"])
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("client", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_login_failures"),
    )
    op.create_index("ix_login_failures_username_at", "login_failures", ["username", "at"])
    op.create_index("ix_login_failures_client_at", "login_failures", ["client", "at"])
    op.create_table(
        "mentorships",
        sa.Column("mentor_id", sa.Integer(), nullable=False),
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["mentor_id"], ["users.id"], name="fk_mentorships_mentor_id", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["learner_id"], ["users.id"], name="fk_mentorships_learner_id", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("mentor_id", "learner_id", name="pk_mentorships"),
    )
    op.create_index("ix_mentorships_learner_id", "mentorships", ["learner_id"])
    _cohort_tables()


def _cohort_tables() -> None:
    op.create_table(
        "cohorts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("mentor_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=60), nullable=True),
        sa.Column("route", sa.String(length=60), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["mentor_id"], ["users.id"], name="fk_cohorts_mentor_id", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_cohorts"),
        sa.UniqueConstraint("name", name="uq_cohorts_name"),
    )
    op.create_index("ix_cohorts_mentor_id", "cohorts", ["mentor_id"])
    op.create_table(
        "cohort_members",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("joined_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_cohort_members_user_id", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohorts.id"], name="fk_cohort_members_cohort_id", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", name="pk_cohort_members"),
    )
    op.create_index("ix_cohort_members_cohort_id", "cohort_members", ["cohort_id"])
    op.create_table(
        "comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("author", sa.String(length=40), nullable=False),
        sa.Column("target_kind", sa.String(length=10), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name="fk_comments_author_id", ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name="fk_comments_owner_id", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_comments"),
    )
    op.create_index("ix_comments_owner_id", "comments", ["owner_id"])
    op.create_index("ix_comments_target", "comments", ["owner_id", "target_kind", "target"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("target", sa.String(length=80), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_table(
        "server_keys",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_server_keys"),
    )


def downgrade() -> None:
    """Back to one person's database; refused once accounts exist (several people's data cannot fit it)."""
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT count(*) FROM users")).scalar():
        raise RuntimeError(
            "This database has accounts: it cannot go back to revision 0003 without losing their data. "
            "Restore the backup taken before the upgrade instead."
        )
    for table in OWNED:
        key = VERSIONED.get(table) or NATURAL.get(table)
        if key:
            op.drop_index(f"uq_{table}_local_{key}", table_name=table)
        with op.batch_alter_table(table, recreate="auto") as b:
            if key:
                b.drop_constraint(f"uq_{table}_owner_{key}", type_="unique")
            b.drop_index(f"ix_{table}_owner_id")
            b.drop_constraint(f"fk_{table}_owner_id", type_="foreignkey")
            b.drop_column("owner_id")
            if table in VERSIONED:
                b.create_unique_constraint(f"uq_{table}_version", [VERSIONED[table]])
            if table in NATURAL:
                b.drop_constraint(f"pk_{table}", type_="primary")
                b.drop_column("id")
                b.create_primary_key(f"pk_{table}", [NATURAL[table]])
    for name in ("server_keys", "audit_log", "comments", "cohort_members", "cohorts", "mentorships"):
        op.drop_table(name)
    for name in ("login_failures", "web_sessions", "users"):
        op.drop_table(name)
