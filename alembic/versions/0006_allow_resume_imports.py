"""Allow ``resume`` imports (a CV file: PDF, DOCX or text) beside LinkedIn and JSON Resume.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 06:20:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _sources(*names: str) -> None:
    listed = ", ".join(f"'{name}'" for name in names)
    with op.batch_alter_table("import_batches") as batch_op:
        batch_op.drop_constraint(op.f("ck_import_batches_source"), type_="check")
        batch_op.create_check_constraint(op.f("ck_import_batches_source"), f"source IN ({listed})")


def upgrade() -> None:
    _sources("linkedin", "jsonresume", "resume")


def downgrade() -> None:
    op.execute("DELETE FROM import_batches WHERE source = 'resume'")
    _sources("linkedin", "jsonresume")
