"""Bulletins: each bulletin's statement of a periodic value, its first figure and revisions.

A value stored before this revision gets its history when a bulletin first revises
it: the stored figure becomes its first statement (初值).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 15:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "periodic_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("periodic_value_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_periodic_revisions_document_id_documents"),
        ),
        sa.ForeignKeyConstraint(
            ["periodic_value_id"],
            ["periodic_values.id"],
            name=op.f("fk_periodic_revisions_periodic_value_id_periodic_values"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_periodic_revisions")),
    )
    op.create_index(
        op.f("ix_periodic_revisions_periodic_value_id"),
        "periodic_revisions",
        ["periodic_value_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_periodic_revisions_document_id"),
        "periodic_revisions",
        ["document_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_periodic_revisions_document_id"), table_name="periodic_revisions")
    op.drop_index(op.f("ix_periodic_revisions_periodic_value_id"), table_name="periodic_revisions")
    op.drop_table("periodic_revisions")
