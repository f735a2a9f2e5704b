"""Interview drills (FSRS cards and self-rated reviews), mock interviews, and quiz results with accepted levels.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "drill_cards",
        sa.Column("question_id", sa.String(length=120), nullable=False),
        sa.Column("due", sa.DateTime(), nullable=False),
        sa.Column("reviews", sa.Integer(), nullable=False),
        sa.Column("lapses", sa.Integer(), nullable=False),
        sa.Column("last_rating", sa.String(length=10), nullable=True),
        sa.Column("card", sa.JSON(), nullable=False),
        sa.Column("first_reviewed_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("question_id", name="pk_drill_cards"),
    )
    op.create_index("ix_drill_cards_due", "drill_cards", ["due"])
    op.create_table(
        "drill_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=120), nullable=False),
        sa.Column("rating", sa.String(length=10), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(), nullable=False),
        sa.Column("mode", sa.String(length=10), nullable=False),
        sa.Column("mock_id", sa.Integer(), nullable=True),
        sa.Column("seconds", sa.Integer(), nullable=True),
        sa.Column("was_learnt", sa.Integer(), nullable=False),
        sa.Column("retrievability", sa.Float(), nullable=True),
        sa.Column("due_after", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_drill_reviews"),
    )
    op.create_index("ix_drill_reviews_question_id", "drill_reviews", ["question_id"])
    op.create_index("ix_drill_reviews_reviewed_at", "drill_reviews", ["reviewed_at"])
    op.create_table(
        "mock_interviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=60), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_mock_interviews"),
    )
    op.create_table(
        "quiz_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("skill", sa.String(length=60), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("proposed_level", sa.Integer(), nullable=False),
        sa.Column("max_level_tested", sa.Integer(), nullable=False),
        sa.Column("accepted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_quiz_results"),
    )
    op.create_index("ix_quiz_results_skill", "quiz_results", ["skill"])


def downgrade() -> None:
    op.drop_index("ix_quiz_results_skill", table_name="quiz_results")
    op.drop_table("quiz_results")
    op.drop_table("mock_interviews")
    op.drop_index("ix_drill_reviews_reviewed_at", table_name="drill_reviews")
    op.drop_index("ix_drill_reviews_question_id", table_name="drill_reviews")
    op.drop_table("drill_reviews")
    op.drop_index("ix_drill_cards_due", table_name="drill_cards")
    op.drop_table("drill_cards")
