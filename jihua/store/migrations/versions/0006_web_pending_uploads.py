"""Web app: uploads waiting for review, shared by every worker process.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 11:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pending_uploads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=100), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("shown", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_uploads")),
        sa.UniqueConstraint("token", name=op.f("uq_pending_uploads_token")),
    )
    op.create_index(
        op.f("ix_pending_uploads_expires_at"), "pending_uploads", ["expires_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_pending_uploads_expires_at"), table_name="pending_uploads")
    op.drop_table("pending_uploads")
