"""join the area branches into one line

Revisions 0002–0007 were written side by side, each on top of 0001. This empty revision
merges them, so the schema has one head again and the next migration has one parent.

Revision ID: 0008_one_line
Revises: 0002_decisions, 0003_payroll, 0004_sync, 0005_imports, 0006_accounts, 0007_service_records
"""

revision = "0008_one_line"
down_revision = ("0002_decisions", "0003_payroll", "0004_sync", "0005_imports", "0006_accounts",
                 "0007_service_records")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
