"""Spaced repetition of finished items (FSRS cards), and an index for the by-day queries of status and streaks.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_cards",
        sa.Column("item_id", sa.String(length=200), nullable=False),
        sa.Column("due", sa.DateTime(), nullable=False),
        sa.Column("reviews", sa.Integer(), nullable=False),
        sa.Column("last_rating", sa.String(length=10), nullable=True),
        sa.Column("card", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("item_id", name="pk_review_cards"),
    )
    op.create_index("ix_review_cards_due", "review_cards", ["due"])
    op.create_index("ix_study_sessions_day", "study_sessions", ["day"])


def downgrade() -> None:
    op.drop_index("ix_study_sessions_day", table_name="study_sessions")
    op.drop_index("ix_review_cards_due", table_name="review_cards")
    op.drop_table("review_cards")
