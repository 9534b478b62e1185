"""The line under the name on a CV: the headline (default) or the CV's target role.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 19:18:48.129470
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0009'
down_revision: str | Sequence[str] | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('cv_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('title_line', sqlmodel.sql.sqltypes.AutoString(length=16), server_default='headline', nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('cv_versions', schema=None) as batch_op:
        batch_op.drop_column('title_line')

