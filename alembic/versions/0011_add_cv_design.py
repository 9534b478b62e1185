"""A CV's design (accent colour, fonts, sizes, styles): the keys its owner chose, as JSON.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 23:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("cv_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("design", JSON, server_default="{}", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("cv_versions", schema=None) as batch_op:
        batch_op.drop_column("design")
