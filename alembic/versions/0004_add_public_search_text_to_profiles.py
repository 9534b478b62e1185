"""Index public search on the public projection's text instead of the raw profile columns.

The raw name, headline and summary held words the public page never shows (an anonymized
client in the summary, a summary the chosen CV hides): searching them let anyone rebuild a
hidden name prefix by prefix. ``public_search_text`` holds only what the page shows,
anonymized; it is written whenever the page's content changes (``domain/public/handlers``)
and filled for existing public profiles by ``python -m cvapp.cli migrate``.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 06:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_DOCUMENT = (
    "to_tsvector('simple', (((coalesce(full_name, '') || ' ') || coalesce(headline, ''))"
    " || ' ') || coalesce(summary, ''))"
)
NEW_DOCUMENT = "to_tsvector('simple', coalesce(public_search_text, ''))"


def _postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    with op.batch_alter_table("profiles") as batch_op:
        batch_op.add_column(sa.Column("public_search_text", sa.Text(), nullable=True))
    if _postgres():
        op.drop_index("ix_profiles_search", table_name="profiles")
        op.create_index(
            "ix_profiles_search",
            "profiles",
            [sa.literal_column(NEW_DOCUMENT)],
            postgresql_using="gin",
        )


def downgrade() -> None:
    if _postgres():
        op.drop_index("ix_profiles_search", table_name="profiles")
        op.create_index(
            "ix_profiles_search", "profiles", [sa.literal_column(OLD_DOCUMENT)], postgresql_using="gin"
        )
    with op.batch_alter_table("profiles") as batch_op:
        batch_op.drop_column("public_search_text")
