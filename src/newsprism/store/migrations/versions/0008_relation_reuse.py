"""The relations' reuse findings: each text's share taken from the other, the derived
text's three-way label and the evidence for the direction (null for rows stored before).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("relations") as batch:
        batch.add_column(sa.Column("a_taken", sa.Float, nullable=True))
        batch.add_column(sa.Column("b_taken", sa.Float, nullable=True))
        batch.add_column(sa.Column("derivation", sa.Text, nullable=True))
        batch.add_column(sa.Column("derived_by", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("relations") as batch:
        batch.drop_column("derived_by")
        batch.drop_column("derivation")
        batch.drop_column("b_taken")
        batch.drop_column("a_taken")
