"""Project groups and their breakdown lines, named projects in a group, prose facts.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 21:29:16.942097
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "facts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(length=200), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("upper", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=50), nullable=True),
        sa.Column("qualifier", sa.String(length=10), nullable=True),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_facts_document_id_documents")
        ),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], name=op.f("fk_facts_plan_id_plans")),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_facts_region_id_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_facts")),
    )
    with op.batch_alter_table("facts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_facts_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_facts_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index("ix_facts_region_year", ["region_id", "year"], unique=False)

    op.create_table(
        "project_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("total_investment", sa.Float(), nullable=True),
        sa.Column("annual_investment", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=20), nullable=True),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_project_groups_document_id_documents")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_project_groups_plan_id_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_groups")),
    )
    with op.batch_alter_table("project_groups", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_project_groups_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_project_groups_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "project_breakdowns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("dimension", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("total_investment", sa.Float(), nullable=True),
        sa.Column("annual_investment", sa.Float(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_project_breakdowns_document_id_documents"),
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["project_groups.id"],
            name=op.f("fk_project_breakdowns_group_id_project_groups"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_breakdowns")),
    )
    with op.batch_alter_table("project_breakdowns", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_project_breakdowns_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_project_breakdowns_group_id"), ["group_id"], unique=False
        )

    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.add_column(sa.Column("group_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_projects_group_id"), ["group_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_projects_group_id_project_groups"),
            "project_groups",
            ["group_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_projects_group_id_project_groups"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_projects_group_id"))
        batch_op.drop_column("group_id")

    with op.batch_alter_table("project_breakdowns", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_breakdowns_group_id"))
        batch_op.drop_index(batch_op.f("ix_project_breakdowns_document_id"))

    op.drop_table("project_breakdowns")
    with op.batch_alter_table("project_groups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_groups_plan_id"))
        batch_op.drop_index(batch_op.f("ix_project_groups_document_id"))

    op.drop_table("project_groups")
    with op.batch_alter_table("facts", schema=None) as batch_op:
        batch_op.drop_index("ix_facts_region_year")
        batch_op.drop_index(batch_op.f("ix_facts_plan_id"))
        batch_op.drop_index(batch_op.f("ix_facts_document_id"))

    op.drop_table("facts")
