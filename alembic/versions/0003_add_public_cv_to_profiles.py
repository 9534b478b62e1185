"""Add the public CV version to profiles (which CV the public page shows; null: the master).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 18:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("profiles") as batch_op:
        batch_op.add_column(
            sa.Column("public_cv_id", sqlmodel.sql.sqltypes.AutoString(length=26), nullable=True)
        )
        batch_op.create_index(batch_op.f("ix_profiles_public_cv_id"), ["public_cv_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_profiles_public_cv_id_cv_versions"),
            "cv_versions",
            ["public_cv_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("profiles") as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_profiles_public_cv_id_cv_versions"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_profiles_public_cv_id"))
        batch_op.drop_column("public_cv_id")
