"""Following the year: target vintages, periodic values, task progress, project start months.

A target stored before this revision gets one vintage: 批准 when its
indicator has an actual (it came from an execution table), else 草案.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    _target_vintages()
    _periodic_values()
    _task_progress()
    with op.batch_alter_table("projects") as batch:
        batch.add_column(sa.Column("planned_start", sa.String(length=7), nullable=True))
        batch.add_column(sa.Column("started", sa.String(length=7), nullable=True))
    op.execute(
        "INSERT INTO target_vintages (indicator_id, period, vintage, vintage_rank, text, kind,"
        ' number, parsed, source, recorded_at, document_id, quote, start, "end")'
        " SELECT t.indicator_id, t.period,"
        " CASE WHEN EXISTS (SELECT 1 FROM actuals a WHERE a.indicator_id = t.indicator_id)"
        " THEN '批准' ELSE '草案' END,"
        " CASE WHEN EXISTS (SELECT 1 FROM actuals a WHERE a.indicator_id = t.indicator_id)"
        " THEN 1 ELSE 0 END,"
        " t.text, t.kind, t.number, t.parsed, NULL, CURRENT_TIMESTAMP,"
        ' t.document_id, t.quote, t.start, t."end" FROM targets t'
    )


def _target_vintages() -> None:
    op.create_table(
        "target_vintages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("vintage", sa.String(length=10), nullable=False),
        sa.Column("vintage_rank", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("number", sa.Float(), nullable=True),
        sa.Column("parsed", sa.JSON(), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_target_vintages_document_id_documents"),
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_target_vintages_indicator_id_indicators"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target_vintages")),
        sa.UniqueConstraint(
            "indicator_id",
            "period",
            "vintage",
            name="uq_target_vintages_indicator_period_vintage",
        ),
    )
    op.create_index(
        op.f("ix_target_vintages_indicator_id"), "target_vintages", ["indicator_id"], unique=False
    )
    op.create_index(
        op.f("ix_target_vintages_document_id"), "target_vintages", ["document_id"], unique=False
    )


def _periodic_values() -> None:
    op.create_table(
        "periodic_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("first_month", sa.Integer(), nullable=False),
        sa.Column("last_month", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("vintage", sa.String(length=10), nullable=False),
        sa.Column("vintage_rank", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_periodic_values_indicator_id_indicators"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_periodic_values")),
        sa.UniqueConstraint(
            "indicator_id",
            "period",
            "kind",
            "vintage",
            name="uq_periodic_values_indicator_period_kind_vintage",
        ),
    )
    op.create_index(
        op.f("ix_periodic_values_indicator_id"), "periodic_values", ["indicator_id"], unique=False
    )


def _task_progress() -> None:
    op.create_table(
        "task_progress",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("department", sa.String(length=200), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_task_progress_task_id_tasks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_progress")),
        sa.UniqueConstraint("task_id", "period", name="uq_task_progress_task_period"),
    )
    op.create_index(op.f("ix_task_progress_task_id"), "task_progress", ["task_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("projects") as batch:
        batch.drop_column("started")
        batch.drop_column("planned_start")
    op.drop_index(op.f("ix_task_progress_task_id"), table_name="task_progress")
    op.drop_table("task_progress")
    op.drop_index(op.f("ix_periodic_values_indicator_id"), table_name="periodic_values")
    op.drop_table("periodic_values")
    op.drop_index(op.f("ix_target_vintages_document_id"), table_name="target_vintages")
    op.drop_index(op.f("ix_target_vintages_indicator_id"), table_name="target_vintages")
    op.drop_table("target_vintages")
