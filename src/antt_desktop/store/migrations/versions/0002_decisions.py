"""decisions and certificates: conduct log, certificate keys, certificate numbering (issue #4)

Revision ID: 0002_decisions
Revises: 0001
"""

from alembic import op
import sqlalchemy as sa


revision = "0002_decisions"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "certificate_keys",
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("private_key", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("unit_code", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate_keys")),
        sa.UniqueConstraint("key_id", name=op.f("uq_certificate_keys_key_id")),
    )
    with op.batch_alter_table("certificate_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_certificate_keys_unit_code"), ["unit_code"], unique=False)

    op.create_table(
        "conduct_events",
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("unit_code", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"],
                                name=op.f("fk_conduct_events_member_id_members")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conduct_events")),
    )
    with op.batch_alter_table("conduct_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conduct_events_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_conduct_events_unit_code"), ["unit_code"], unique=False)

    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.add_column(sa.Column("year", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("sequence", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("qr_text", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("qr_packed", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.drop_column("qr_packed")
        batch_op.drop_column("qr_text")
        batch_op.drop_column("sequence")
        batch_op.drop_column("year")

    with op.batch_alter_table("conduct_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conduct_events_unit_code"))
        batch_op.drop_index(batch_op.f("ix_conduct_events_member_id"))
    op.drop_table("conduct_events")

    with op.batch_alter_table("certificate_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_certificate_keys_unit_code"))
    op.drop_table("certificate_keys")
