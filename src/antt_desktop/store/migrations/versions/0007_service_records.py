"""service records and submitted reports (issue #11)

Training courses and attendance, commendations, discipline, annual evaluations, injuries and
deaths on duty, equipment issued and returned, support-tool certificates, former force with its
settlement, reasons for leaving, evidence attachments, submitted periodic reports (read-only)
and the annual report's text sections. Written reminders are issue #4's conduct_events.

Revision ID: 0007_service_records
Revises: 0001
"""

from alembic import op
import sqlalchemy as sa


revision = "0007_service_records"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('annual_report_texts',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('sections', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_annual_report_texts')),
    sa.UniqueConstraint('unit_code', 'year', name='uq_annual_report_texts_unit_year')
    )
    with op.batch_alter_table('annual_report_texts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_annual_report_texts_unit_code'), ['unit_code'], unique=False)

    op.create_table('submitted_reports',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('period_first', sa.Date(), nullable=False),
    sa.Column('period_last', sa.Date(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.Column('submitted_by', sa.String(length=100), nullable=False),
    sa.Column('rows', sa.JSON(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_submitted_reports')),
    sa.UniqueConstraint('unit_code', 'kind', 'period_last', name='uq_submitted_reports_unit_kind_period')
    )
    with op.batch_alter_table('submitted_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_submitted_reports_period_last'), ['period_last'], unique=False)
        batch_op.create_index(batch_op.f('ix_submitted_reports_unit_code'), ['unit_code'], unique=False)

    op.create_table('training_courses',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('organiser', sa.String(length=200), nullable=False),
    sa.Column('uses_ministry_materials', sa.Boolean(), nullable=False),
    sa.Column('location', sa.String(length=200), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('document_number', sa.String(length=60), nullable=False),
    sa.Column('document_on', sa.Date(), nullable=True),
    sa.Column('document_issuer', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_courses'))
    )
    with op.batch_alter_table('training_courses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_courses_starts_on'), ['starts_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_courses_unit_code'), ['unit_code'], unique=False)

    op.create_table('annual_evaluations',
    sa.Column('member_id', sa.String(length=36), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('grade', sa.String(length=30), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('document_number', sa.String(length=60), nullable=False),
    sa.Column('document_on', sa.Date(), nullable=True),
    sa.Column('document_issuer', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_annual_evaluations_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_annual_evaluations')),
    sa.UniqueConstraint('member_id', 'year', name='uq_annual_evaluations_member_year')
    )
    with op.batch_alter_table('annual_evaluations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_annual_evaluations_unit_code'), ['unit_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_annual_evaluations_year'), ['year'], unique=False)

    op.create_table('commendations',
    sa.Column('member_id', sa.String(length=36), nullable=True),
    sa.Column('team_id', sa.String(length=36), nullable=True),
    sa.Column('scope', sa.String(length=10), nullable=False),
    sa.Column('form', sa.String(length=20), nullable=False),
    sa.Column('awarded_on', sa.Date(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('recipient_name', sa.String(length=300), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('document_number', sa.String(length=60), nullable=False),
    sa.Column('document_on', sa.Date(), nullable=True),
    sa.Column('document_issuer', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_commendations_member_id_members')),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_commendations_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commendations'))
    )
    with op.batch_alter_table('commendations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commendations_awarded_on'), ['awarded_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_commendations_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_commendations_unit_code'), ['unit_code'], unique=False)

    op.create_table('discipline_records',
    sa.Column('member_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('document_number', sa.String(length=60), nullable=False),
    sa.Column('document_on', sa.Date(), nullable=True),
    sa.Column('document_issuer', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_discipline_records_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_discipline_records'))
    )
    with op.batch_alter_table('discipline_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_discipline_records_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_discipline_records_unit_code'), ['unit_code'], unique=False)

    op.create_table('duty_incidents',
    sa.Column('member_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('has_bhyt', sa.Boolean(), nullable=False),
    sa.Column('has_bhxh', sa.Boolean(), nullable=False),
    sa.Column('incapacity_percent', sa.Integer(), nullable=True),
    sa.Column('support_dong', sa.BigInteger(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('document_number', sa.String(length=60), nullable=False),
    sa.Column('document_on', sa.Date(), nullable=True),
    sa.Column('document_issuer', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_duty_incidents_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_duty_incidents'))
    )
    with op.batch_alter_table('duty_incidents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_duty_incidents_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_duty_incidents_occurred_on'), ['occurred_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_duty_incidents_unit_code'), ['unit_code'], unique=False)

    op.create_table('equipment_movements',
    sa.Column('member_id', sa.String(length=36), nullable=False),
    sa.Column('direction', sa.String(length=20), nullable=False),
    sa.Column('item', sa.String(length=200), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('moved_on', sa.Date(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('document_number', sa.String(length=60), nullable=False),
    sa.Column('document_on', sa.Date(), nullable=True),
    sa.Column('document_issuer', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_equipment_movements_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_equipment_movements'))
    )
    with op.batch_alter_table('equipment_movements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_equipment_movements_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_equipment_movements_unit_code'), ['unit_code'], unique=False)

    op.create_table('former_force_services',
    sa.Column('member_id', sa.String(length=36), nullable=False),
    sa.Column('force', sa.String(length=40), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=True),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('settlement_dong', sa.BigInteger(), nullable=True),
    sa.Column('settlement_on', sa.Date(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('document_number', sa.String(length=60), nullable=False),
    sa.Column('document_on', sa.Date(), nullable=True),
    sa.Column('document_issuer', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_former_force_services_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_former_force_services'))
    )
    with op.batch_alter_table('former_force_services', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_former_force_services_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_former_force_services_unit_code'), ['unit_code'], unique=False)

    op.create_table('leaving_records',
    sa.Column('member_id', sa.String(length=36), nullable=False),
    sa.Column('reason', sa.String(length=40), nullable=False),
    sa.Column('left_on', sa.Date(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('document_number', sa.String(length=60), nullable=False),
    sa.Column('document_on', sa.Date(), nullable=True),
    sa.Column('document_issuer', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_leaving_records_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_leaving_records'))
    )
    with op.batch_alter_table('leaving_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_leaving_records_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_leaving_records_unit_code'), ['unit_code'], unique=False)

    op.create_table('record_attachments',
    sa.Column('record_kind', sa.String(length=30), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('member_id', sa.String(length=36), nullable=True),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_record_attachments_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_record_attachments'))
    )
    with op.batch_alter_table('record_attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_record_attachments_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_record_attachments_record_id'), ['record_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_record_attachments_unit_code'), ['unit_code'], unique=False)

    op.create_table('tool_certificates',
    sa.Column('member_id', sa.String(length=36), nullable=False),
    sa.Column('number', sa.String(length=60), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('tools', sa.String(length=300), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.Column('document_number', sa.String(length=60), nullable=False),
    sa.Column('document_on', sa.Date(), nullable=True),
    sa.Column('document_issuer', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_tool_certificates_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tool_certificates'))
    )
    with op.batch_alter_table('tool_certificates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tool_certificates_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tool_certificates_unit_code'), ['unit_code'], unique=False)

    op.create_table('training_attendances',
    sa.Column('course_id', sa.String(length=36), nullable=False),
    sa.Column('member_id', sa.String(length=36), nullable=False),
    sa.Column('result', sa.String(length=100), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('unit_code', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['training_courses.id'], name=op.f('fk_training_attendances_course_id_training_courses'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_training_attendances_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_attendances')),
    sa.UniqueConstraint('course_id', 'member_id', name='uq_training_attendances_pair')
    )
    with op.batch_alter_table('training_attendances', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_attendances_course_id'), ['course_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_attendances_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_attendances_unit_code'), ['unit_code'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('training_attendances', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_attendances_unit_code'))
        batch_op.drop_index(batch_op.f('ix_training_attendances_member_id'))
        batch_op.drop_index(batch_op.f('ix_training_attendances_course_id'))

    op.drop_table('training_attendances')
    with op.batch_alter_table('tool_certificates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tool_certificates_unit_code'))
        batch_op.drop_index(batch_op.f('ix_tool_certificates_member_id'))

    op.drop_table('tool_certificates')
    with op.batch_alter_table('record_attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_record_attachments_unit_code'))
        batch_op.drop_index(batch_op.f('ix_record_attachments_record_id'))
        batch_op.drop_index(batch_op.f('ix_record_attachments_member_id'))

    op.drop_table('record_attachments')
    with op.batch_alter_table('leaving_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_leaving_records_unit_code'))
        batch_op.drop_index(batch_op.f('ix_leaving_records_member_id'))

    op.drop_table('leaving_records')
    with op.batch_alter_table('former_force_services', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_former_force_services_unit_code'))
        batch_op.drop_index(batch_op.f('ix_former_force_services_member_id'))

    op.drop_table('former_force_services')
    with op.batch_alter_table('equipment_movements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_equipment_movements_unit_code'))
        batch_op.drop_index(batch_op.f('ix_equipment_movements_member_id'))

    op.drop_table('equipment_movements')
    with op.batch_alter_table('duty_incidents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_duty_incidents_unit_code'))
        batch_op.drop_index(batch_op.f('ix_duty_incidents_occurred_on'))
        batch_op.drop_index(batch_op.f('ix_duty_incidents_member_id'))

    op.drop_table('duty_incidents')
    with op.batch_alter_table('discipline_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_discipline_records_unit_code'))
        batch_op.drop_index(batch_op.f('ix_discipline_records_member_id'))

    op.drop_table('discipline_records')
    with op.batch_alter_table('commendations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commendations_unit_code'))
        batch_op.drop_index(batch_op.f('ix_commendations_member_id'))
        batch_op.drop_index(batch_op.f('ix_commendations_awarded_on'))

    op.drop_table('commendations')
    with op.batch_alter_table('annual_evaluations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_annual_evaluations_year'))
        batch_op.drop_index(batch_op.f('ix_annual_evaluations_unit_code'))

    op.drop_table('annual_evaluations')
    with op.batch_alter_table('training_courses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_courses_unit_code'))
        batch_op.drop_index(batch_op.f('ix_training_courses_starts_on'))

    op.drop_table('training_courses')
    with op.batch_alter_table('submitted_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_submitted_reports_unit_code'))
        batch_op.drop_index(batch_op.f('ix_submitted_reports_period_last'))

    op.drop_table('submitted_reports')
    with op.batch_alter_table('annual_report_texts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_annual_report_texts_unit_code'))

    op.drop_table('annual_report_texts')
