"""Version history: every saved state of a CV version (append-only revisions).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 18:42:13.712690
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0008'
down_revision: str | Sequence[str] | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table('revisions',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=26), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sqlmodel.sql.sqltypes.AutoString(length=26), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('subject_id', sqlmodel.sql.sqltypes.AutoString(length=26), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('actor_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('label', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('state', JSON, nullable=False),
    sa.Column('changes', JSON, nullable=False),
    sa.Column('restore_data', JSON, nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_revisions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_revisions')),
    sa.UniqueConstraint('subject_id', 'number', name=op.f('uq_revisions_subject_id_number'))
    )
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_revisions_subject_id'), ['subject_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_revisions_user_id'), ['user_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_revisions_user_id'))
        batch_op.drop_index(batch_op.f('ix_revisions_subject_id'))

    op.drop_table('revisions')
