"""Add the skill level as written (``level_label``) beside its 1–5 ``level``.

A JSON Resume says "Fluent", "Advanced (5 yrs)" or "4": the import kept only the number it
could read and dropped the rest. The words are now kept and exported as written; ``level``
still orders and filters skills.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 06:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("skills") as batch_op:
        batch_op.add_column(
            sa.Column("level_label", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("skills") as batch_op:
        batch_op.drop_column("level_label")
