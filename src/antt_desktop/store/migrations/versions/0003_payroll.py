"""payroll and insurance: BHYT coverage and BHXH group, more duty-log kinds, line order,
run details (issue #5)

Revision ID: 0003_payroll
Revises: 0001
"""

from alembic import op
import sqlalchemy as sa


revision = "0003_payroll"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("insurance", schema=None) as batch_op:
        batch_op.add_column(sa.Column("bhyt_coverage", sa.String(length=20), nullable=False,
                                      server_default="none"))
        batch_op.add_column(sa.Column("bhxh_group", sa.String(length=20), nullable=False,
                                      server_default="other"))
    # A card already on file is taken as paid elsewhere until an officer says the budget pays it.
    op.execute("UPDATE insurance SET bhyt_coverage = 'covered_elsewhere' WHERE bhyt_card_number <> ''")
    with op.batch_alter_table("duty_logs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hazardous_days", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("special_area_days", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("payroll_runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("details", sa.JSON(), nullable=False, server_default="{}"))
    with op.batch_alter_table("payroll_lines", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ordinal", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("payroll_lines", schema=None) as batch_op:
        batch_op.drop_column("ordinal")
    with op.batch_alter_table("payroll_runs", schema=None) as batch_op:
        batch_op.drop_column("details")
    with op.batch_alter_table("duty_logs", schema=None) as batch_op:
        batch_op.drop_column("special_area_days")
        batch_op.drop_column("hazardous_days")
    with op.batch_alter_table("insurance", schema=None) as batch_op:
        batch_op.drop_column("bhxh_group")
        batch_op.drop_column("bhyt_coverage")
