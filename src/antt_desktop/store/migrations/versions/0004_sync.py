"""sync: public keys of this unit and of the units it trusts (issue #6)

Revision ID: 0004_sync
Revises: 0001
"""

from alembic import op
import sqlalchemy as sa


revision = "0004_sync"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unit_keys",
        sa.Column("unit_name", sa.String(length=200), nullable=False),
        sa.Column("province_code", sa.String(length=3), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("is_own", sa.Boolean(), nullable=False),
        sa.Column("signing_key", sa.String(length=64), nullable=False),
        sa.Column("encryption_key", sa.String(length=64), nullable=False),
        sa.Column("fingerprint", sa.String(length=32), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("trusted_at", sa.DateTime(), nullable=False),
        sa.Column("trusted_by", sa.String(length=100), nullable=False),
        sa.Column("replaced_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("unit_code", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_keys")),
        sa.UniqueConstraint("signing_key", name="uq_unit_keys_signing_key"),
    )
    with op.batch_alter_table("unit_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_unit_keys_unit_code"), ["unit_code"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("unit_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unit_keys_unit_code"))
    op.drop_table("unit_keys")
