"""Add cover letters (standalone or for an application), with their undo history.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 23:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sqlmodel.sql.sqltypes.AutoString(length=26)


def upgrade() -> None:
    op.create_table(
        "cover_letters",
        sa.Column("id", _ID, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", _ID, nullable=False),
        sa.Column("application_id", _ID, nullable=True),
        sa.Column("cv_id", _ID, nullable=True),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("recipient", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("greeting", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("closing", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column(
            "revisions",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("revision", sa.Integer(), server_default="0", nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_cover_letters_application_id_applications"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["cv_id"],
            ["cv_versions.id"],
            name=op.f("fk_cover_letters_cv_id_cv_versions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_cover_letters_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cover_letters")),
    )
    with op.batch_alter_table("cover_letters", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cover_letters_user_id"), ["user_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_cover_letters_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_cover_letters_cv_id"), ["cv_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("cover_letters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cover_letters_cv_id"))
        batch_op.drop_index(batch_op.f("ix_cover_letters_application_id"))
        batch_op.drop_index(batch_op.f("ix_cover_letters_user_id"))
    op.drop_table("cover_letters")
