"""accounts: when a password was last changed, and the log-in and backup settings (issue #8)

Revision ID: 0006_accounts
Revises: 0001
"""

from alembic import op
import sqlalchemy as sa


revision = "0006_accounts"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("password_changed_at", sa.DateTime(), nullable=True))

    op.create_table(
        "local_settings",
        sa.Column("max_failed_attempts", sa.Integer(), nullable=False),
        sa.Column("lockout_minutes", sa.Integer(), nullable=False),
        sa.Column("idle_lock_minutes", sa.Integer(), nullable=False),
        sa.Column("password_min_length", sa.Integer(), nullable=False),
        sa.Column("backup_keep_daily", sa.Integer(), nullable=False),
        sa.Column("backup_keep_weekly", sa.Integer(), nullable=False),
        sa.Column("backup_keep_monthly", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("unit_code", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_local_settings")),
    )
    with op.batch_alter_table("local_settings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_local_settings_unit_code"), ["unit_code"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("local_settings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_local_settings_unit_code"))
    op.drop_table("local_settings")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("password_changed_at")
