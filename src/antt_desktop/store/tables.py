"""The schema as SQLAlchemy 2 ORM rows (DESIGN §4). Rows never leave `store/`.

Every record carries a stable UUID (`id`, text so that SQLite and PostgreSQL agree)
and the code of the unit it belongs to (`unit_code`), so that packages from many
communes merge into one aggregator database without clashes.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from antt_desktop.domain.units import DEFAULT_POLICE_CHIEF_TITLE

# Named constraints keep Alembic batch migrations on SQLite deterministic.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class _Record:
    """Columns every record has."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    unit_code: Mapped[str] = mapped_column(String(20), index=True)


class UnitRow(_Record, Base):
    """Đơn vị: the commune police (or the higher unit in aggregator mode)."""

    __tablename__ = "units"
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="xa")  # xa / phuong / dac_khu / tinh
    mode: Mapped[str] = mapped_column(String(20), default="commune")
    is_own: Mapped[bool] = mapped_column(Boolean, default=False)
    province_code: Mapped[str] = mapped_column(String(3))
    province_name: Mapped[str] = mapped_column(String(100))
    higher_unit_name: Mapped[str] = mapped_column(String(200), default="")
    people_committee_name: Mapped[str] = mapped_column(String(200), default="")
    place_name: Mapped[str] = mapped_column(String(100), default="")
    chairman_name: Mapped[str] = mapped_column(String(100), default="")
    chairman_title: Mapped[str] = mapped_column(String(100), default="CHỦ TỊCH")
    signature_form: Mapped[str] = mapped_column(String(10), default="")
    police_chief_name: Mapped[str] = mapped_column(String(100), default="")
    police_chief_title: Mapped[str] = mapped_column(String(100), default=DEFAULT_POLICE_CHIEF_TITLE)
    policy_version_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class HamletRow(_Record, Base):
    """Thôn / tổ dân phố (ấp, bản, khu phố…)."""

    __tablename__ = "hamlets"
    __table_args__ = (UniqueConstraint("unit_code", "name", name="uq_hamlets_unit_name"),)
    name: Mapped[str] = mapped_column(String(150))
    kind: Mapped[str] = mapped_column(String(20))
    households: Mapped[int | None] = mapped_column(Integer, nullable=True)
    residents: Mapped[int | None] = mapped_column(Integer, nullable=True)
    is_complex: Mapped[bool] = mapped_column(Boolean, default=False)       # địa bàn phức tạp về ANTT
    is_exempt_area: Mapped[bool] = mapped_column(Boolean, default=False)   # vùng được miễn THCS (Điều 13)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class TeamRow(_Record, Base):
    """Tổ bảo vệ an ninh, trật tự; one team covers one (or several) hamlets."""

    __tablename__ = "teams"
    name: Mapped[str] = mapped_column(String(150))
    hamlet_id: Mapped[str] = mapped_column(ForeignKey("hamlets.id"), index=True)
    # Not a foreign key: teams and decisions refer to each other, and a cycle of
    # foreign keys would need ALTER TABLE, which SQLite lacks.
    establishing_decision_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    quota_override: Mapped[int | None] = mapped_column(Integer, nullable=True)
    established_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    dissolved_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class MemberRow(_Record, Base):
    """Thành viên: the person, residence, education, prior force and status."""

    __tablename__ = "members"
    __table_args__ = (
        Index("ix_members_unit_sort", "unit_code", "sort_key"),
        # Covering: ORDER BY sort_key LIMIT n stops early, and LIKE on search_key never
        # touches the table rows (worst keystroke over 100,000 members ~14 ms instead of ~90).
        Index("ix_members_sort", "sort_key", "search_key", "id"),
        Index("ix_members_id_number", "id_number"),
    )
    full_name: Mapped[str] = mapped_column(String(150))
    search_key: Mapped[str] = mapped_column(String(400), index=True)  # vn_text.fold of name, ID, phone
    # vn_text.name_sort_key is built for plain byte order; a PostgreSQL server with a
    # language collation would reorder it, so the column asks for "C" there.
    sort_key: Mapped[str] = mapped_column(String(400).with_variant(String(400, collation="C"), "postgresql"))
    birth_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    birth_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    gender: Mapped[str] = mapped_column(String(5))
    id_number: Mapped[str | None] = mapped_column(String(12), nullable=True)
    id_issued_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    ethnicity: Mapped[str] = mapped_column(String(50), default="Kinh")
    religion: Mapped[str] = mapped_column(String(50), default="")
    education_level: Mapped[str | None] = mapped_column(String(30), nullable=True)
    phone: Mapped[str | None] = mapped_column(String(15), nullable=True)
    hamlet_id: Mapped[str | None] = mapped_column(ForeignKey("hamlets.id"), nullable=True, index=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    residence_kind: Mapped[str] = mapped_column(String(20), default="thuong_tru")
    residence_since: Mapped[date | None] = mapped_column(Date, nullable=True)
    prior_force: Mapped[str] = mapped_column(String(40), default="moi")
    status: Mapped[str] = mapped_column(String(20), default="proposed", index=True)
    joined_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    left_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    leave_reason: Mapped[str] = mapped_column(String(200), default="")
    over_70_approval: Mapped[str] = mapped_column(String(200), default="")
    has_photo: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class MemberPhotoRow(_Record, Base):
    """The member's 3×4 photo as JPEG, apart from the member so lists never load blobs."""

    __tablename__ = "member_photos"
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    jpeg: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class AssignmentRow(_Record, Base):
    """Chức danh history: a member holds a position in a team from a date, by a decision."""

    __tablename__ = "assignments"
    __table_args__ = (Index("ix_assignments_member_open", "member_id", "ended_on"),)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("teams.id"), index=True)
    position: Mapped[str] = mapped_column(String(20))
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    decision_id: Mapped[str | None] = mapped_column(ForeignKey("decisions.id"), nullable=True)
    end_decision_id: Mapped[str | None] = mapped_column(ForeignKey("decisions.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class DecisionRow(_Record, Base):
    """Quyết định: draft → issued; an issued decision never changes (DESIGN §2.3)."""

    __tablename__ = "decisions"
    __table_args__ = (
        UniqueConstraint("unit_code", "year", "sequence", name="uq_decisions_unit_year_sequence"),
    )
    kind: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(20), default="draft")
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    sequence: Mapped[int | None] = mapped_column(Integer, nullable=True)
    number: Mapped[str | None] = mapped_column(String(40), nullable=True)  # "12/QĐ-UBND"
    title: Mapped[str] = mapped_column(String(500), default="")
    signed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    effective_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    place: Mapped[str] = mapped_column(String(100), default="")
    signer_name: Mapped[str] = mapped_column(String(100), default="")
    signer_title: Mapped[str] = mapped_column(String(100), default="")
    signature_form: Mapped[str] = mapped_column(String(10), default="")   # TM. / KT. / Q. / ""
    team_id: Mapped[str | None] = mapped_column(ForeignKey("teams.id"), nullable=True)
    termination_ground: Mapped[str | None] = mapped_column(String(5), nullable=True)  # Điều 17 khoản 3 a–d
    legal_bases: Mapped[list] = mapped_column(JSON, default=list)
    articles: Mapped[list] = mapped_column(JSON, default=list)
    recipients: Mapped[list] = mapped_column(JSON, default=list)
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    issued_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class DecisionMemberRow(_Record, Base):
    """A member named in a decision, with the position it gives or takes away."""

    __tablename__ = "decision_members"
    __table_args__ = (UniqueConstraint("decision_id", "member_id", name="uq_decision_members_pair"),)
    decision_id: Mapped[str] = mapped_column(ForeignKey("decisions.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    team_id: Mapped[str | None] = mapped_column(ForeignKey("teams.id"), nullable=True)
    position: Mapped[str | None] = mapped_column(String(20), nullable=True)
    ordinal: Mapped[int] = mapped_column(Integer, default=0)


class CertificateRow(_Record, Base):
    """Giấy chứng nhận of a member: issued, revoked, reissued."""

    __tablename__ = "certificates"
    __table_args__ = (UniqueConstraint("unit_code", "number", name="uq_certificates_unit_number"),)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    number: Mapped[str] = mapped_column(String(40))
    issued_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date, nullable=True)
    revoked_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    revoke_reason: Mapped[str] = mapped_column(String(200), default="")
    replaces_id: Mapped[str | None] = mapped_column(ForeignKey("certificates.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # Running number behind `number` (per year when the number format holds the year), issue #4.
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    sequence: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # The signed QR code and its symbol, kept so that printing does not encode it again
    # (encoding is most of a sheet's time); recomputed when the signed record changes.
    qr_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    qr_packed: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class CertificateKeyRow(_Record, Base):
    """Ed25519 key that signs certificate QR codes (issue #4). The private half exists only for the
    own unit and never leaves this database: packages carry `key_id` and `public_key` only."""

    __tablename__ = "certificate_keys"
    key_id: Mapped[str] = mapped_column(String(16), unique=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    private_key: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    retired_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class ConductEventRow(_Record, Base):
    """Written reminders and refused tasks of a member: Luật 30/2023 Điều 17 khoản 3 điểm c."""

    __tablename__ = "conduct_events"
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))          # nhac_nho / tu_choi
    occurred_on: Mapped[date] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(100), default="")   # số văn bản nhắc nhở
    description: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class PolicyVersionRow(_Record, Base):
    """A province's resolution with its parameters (DESIGN §2.4: rules are data)."""

    __tablename__ = "policy_versions"
    province_code: Mapped[str] = mapped_column(String(3), index=True)
    province_name: Mapped[str] = mapped_column(String(100))
    resolution_number: Mapped[str] = mapped_column(String(200))
    effective_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    effective_to: Mapped[date | None] = mapped_column(Date, nullable=True)
    is_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    origin: Mapped[str] = mapped_column(String(20), default="shipped")  # shipped / user / higher_unit
    source_key: Mapped[str] = mapped_column(String(100), default="")    # the shipped file it came from
    parameters: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class BaseSalaryRow(_Record, Base):
    """Lương cơ sở with the date it took effect."""

    __tablename__ = "base_salaries"
    amount_dong: Mapped[int] = mapped_column(BigInteger)
    effective_from: Mapped[date] = mapped_column(Date, unique=True)
    legal_basis: Mapped[str] = mapped_column(String(200), default="")
    is_confirmed: Mapped[bool] = mapped_column(Boolean, default=True)


class PayrollRunRow(_Record, Base):
    """Bảng thanh toán of one month: draft → locked; supplementary runs correct locked ones."""

    __tablename__ = "payroll_runs"
    month: Mapped[str] = mapped_column(String(7), index=True)  # "2026-11"
    kind: Mapped[str] = mapped_column(String(20), default="regular")  # regular / supplementary
    state: Mapped[str] = mapped_column(String(20), default="draft")
    policy_version_id: Mapped[str | None] = mapped_column(ForeignKey("policy_versions.id"), nullable=True)
    corrects_run_id: Mapped[str | None] = mapped_column(ForeignKey("payroll_runs.id"), nullable=True)
    total_dong: Mapped[int] = mapped_column(BigInteger, default=0)
    locked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    details: Mapped[dict] = mapped_column(JSON, default=dict)   # lương cơ sở used, policy, warnings (#5)


class PayrollLineRow(_Record, Base):
    __tablename__ = "payroll_lines"
    run_id: Mapped[str] = mapped_column(ForeignKey("payroll_runs.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    team_id: Mapped[str | None] = mapped_column(ForeignKey("teams.id"), nullable=True)
    position: Mapped[str] = mapped_column(String(20))
    days_active: Mapped[int] = mapped_column(Integer)
    days_in_month: Mapped[int] = mapped_column(Integer)
    rate_dong: Mapped[int] = mapped_column(BigInteger)
    support_dong: Mapped[int] = mapped_column(BigInteger)
    duty_dong: Mapped[int] = mapped_column(BigInteger, default=0)
    insurance_dong: Mapped[int] = mapped_column(BigInteger, default=0)
    total_dong: Mapped[int] = mapped_column(BigInteger)
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    ordinal: Mapped[int] = mapped_column(Integer, default=0)    # the row's place on the sheet (#5)


class DutyLogRow(_Record, Base):
    """Nights, days off and holidays on duty per member per month, for bồi dưỡng."""

    __tablename__ = "duty_logs"
    __table_args__ = (UniqueConstraint("member_id", "month", name="uq_duty_logs_member_month"),)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    month: Mapped[str] = mapped_column(String(7))
    nights: Mapped[int] = mapped_column(Integer, default=0)
    long_duty_days: Mapped[int] = mapped_column(Integer, default=0)
    holidays: Mapped[int] = mapped_column(Integer, default=0)
    training_days: Mapped[int] = mapped_column(Integer, default=0)
    hazardous_days: Mapped[int] = mapped_column(Integer, default=0)
    special_area_days: Mapped[int] = mapped_column(Integer, default=0)


def _default_bhyt_coverage(context) -> str:
    # A card recorded without saying who pays it counts as paid elsewhere: no budget support
    # is paid until an officer says so (issue #5).
    return "covered_elsewhere" if context.get_current_parameters().get("bhyt_card_number") else "none"


class InsuranceRow(_Record, Base):
    """BHYT card and validity, BHXH tự nguyện participation, and the support for each."""

    __tablename__ = "insurance"
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), unique=True)
    bhyt_card_number: Mapped[str] = mapped_column(String(20), default="")
    bhyt_valid_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    bhyt_valid_to: Mapped[date | None] = mapped_column(Date, nullable=True)
    bhyt_place: Mapped[str] = mapped_column(String(200), default="")  # nơi đăng ký KCB ban đầu
    bhxh_number: Mapped[str] = mapped_column(String(20), default="")
    bhxh_participating: Mapped[bool] = mapped_column(Boolean, default=False)
    bhxh_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    bhxh_income_dong: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    # Who pays the BHYT (domain.insurance.BhytCoverage) and the BHXH tự nguyện support group.
    bhyt_coverage: Mapped[str] = mapped_column(String(20), default=_default_bhyt_coverage)
    bhxh_group: Mapped[str] = mapped_column(String(20), default="other")
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class AuditEventRow(_Record, Base):
    """Who, when, what before, what after; chained by hash so tampering shows."""

    __tablename__ = "audit_events"
    sequence: Mapped[int] = mapped_column(Integer, unique=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(100), index=True)
    action: Mapped[str] = mapped_column(String(60), index=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    before: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    after: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    previous_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class UserRow(_Record, Base):
    __tablename__ = "users"
    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(150), default="")
    role: Mapped[str] = mapped_column(String(20))  # quan_tri / nhap_lieu / chi_xem / tham_dinh
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)  # issue #8


class LocalSettingsRow(_Record, Base):
    """This installation's log-in and automatic-backup settings, one row (issue #8)."""

    __tablename__ = "local_settings"
    max_failed_attempts: Mapped[int] = mapped_column(Integer)
    lockout_minutes: Mapped[int] = mapped_column(Integer)
    idle_lock_minutes: Mapped[int] = mapped_column(Integer)
    password_min_length: Mapped[int] = mapped_column(Integer)
    backup_keep_daily: Mapped[int] = mapped_column(Integer)
    backup_keep_weekly: Mapped[int] = mapped_column(Integer)
    backup_keep_monthly: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class PackageReceiptRow(_Record, Base):
    """A USB package applied here (aggregator) or acknowledged by the higher unit (commune)."""

    __tablename__ = "package_receipts"
    __table_args__ = (
        UniqueConstraint("source_unit_code", "direction", "sequence", name="uq_package_receipts_source_seq"),
    )
    source_unit_code: Mapped[str] = mapped_column(String(20), index=True)
    direction: Mapped[str] = mapped_column(String(20))  # imported / acknowledged / exported
    sequence: Mapped[int] = mapped_column(Integer)
    package_sha256: Mapped[str] = mapped_column(String(64))
    created_on_source_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    received_at: Mapped[datetime] = mapped_column(DateTime)
    record_counts: Mapped[dict] = mapped_column(JSON, default=dict)


class UnitKeyRow(_Record, Base):
    """Public keys (issue #6): this unit's own (`is_own`) and those of the units it trusts.

    `unit_code` is the key's owner. Private keys never enter the database (sync/key_files.py).
    A unit that makes new keys is trusted again; its old row stays, inactive, for the record.
    """

    __tablename__ = "unit_keys"
    __table_args__ = (UniqueConstraint("signing_key", name="uq_unit_keys_signing_key"),)
    unit_name: Mapped[str] = mapped_column(String(200), default="")
    province_code: Mapped[str] = mapped_column(String(3), default="")
    mode: Mapped[str] = mapped_column(String(20))                  # commune / aggregator
    is_own: Mapped[bool] = mapped_column(Boolean, default=False)
    signing_key: Mapped[str] = mapped_column(String(64))           # base64 Ed25519 public key
    encryption_key: Mapped[str] = mapped_column(String(64))        # base64 X25519 public key
    fingerprint: Mapped[str] = mapped_column(String(32))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    trusted_at: Mapped[datetime] = mapped_column(DateTime)
    trusted_by: Mapped[str] = mapped_column(String(100), default="")
    replaced_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


# --- Service records and submitted reports (issue #11) ---------------------------------------
# Written reminders live in `conduct_events` (issue #4); the records below hold the rest.


class _DocumentRef:
    """The decision or document behind a record: number, date and issuing agency."""

    document_number: Mapped[str] = mapped_column(String(60), default="")
    document_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    document_issuer: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class TrainingCourseRow(_Record, _DocumentRef, Base):
    """Lớp bồi dưỡng, huấn luyện, diễn tập, hội thi."""

    __tablename__ = "training_courses"
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(300))
    starts_on: Mapped[date] = mapped_column(Date, index=True)
    ends_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    organiser: Mapped[str] = mapped_column(String(200), default="")
    uses_ministry_materials: Mapped[bool] = mapped_column(Boolean, default=False)
    location: Mapped[str] = mapped_column(String(200), default="")


class TrainingAttendanceRow(_Record, Base):
    __tablename__ = "training_attendances"
    __table_args__ = (UniqueConstraint("course_id", "member_id", name="uq_training_attendances_pair"),)
    course_id: Mapped[str] = mapped_column(ForeignKey("training_courses.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    result: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class CommendationRow(_Record, _DocumentRef, Base):
    """Bằng khen / Giấy khen, to a member (cá nhân) or a team or the force (tập thể)."""

    __tablename__ = "commendations"
    member_id: Mapped[str | None] = mapped_column(ForeignKey("members.id"), nullable=True, index=True)
    team_id: Mapped[str | None] = mapped_column(ForeignKey("teams.id"), nullable=True)
    scope: Mapped[str] = mapped_column(String(10))
    form: Mapped[str] = mapped_column(String(20))
    awarded_on: Mapped[date] = mapped_column(Date, index=True)
    title: Mapped[str] = mapped_column(String(500), default="")
    recipient_name: Mapped[str] = mapped_column(String(300), default="")


class DisciplineRecordRow(_Record, _DocumentRef, Base):
    """Khiển trách, cảnh cáo (written reminders are conduct_events)."""

    __tablename__ = "discipline_records"
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    decided_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")


class AnnualEvaluationRow(_Record, _DocumentRef, Base):
    """Đánh giá, xếp loại hằng năm."""

    __tablename__ = "annual_evaluations"
    __table_args__ = (UniqueConstraint("member_id", "year", name="uq_annual_evaluations_member_year"),)
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"))
    year: Mapped[int] = mapped_column(Integer, index=True)
    grade: Mapped[str] = mapped_column(String(30))


class DutyIncidentRow(_Record, _DocumentRef, Base):
    """Bị thương / hy sinh khi làm nhiệm vụ (Điều 24, NĐ 40/2024)."""

    __tablename__ = "duty_incidents"
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    occurred_on: Mapped[date] = mapped_column(Date, index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    has_bhyt: Mapped[bool] = mapped_column(Boolean, default=False)
    has_bhxh: Mapped[bool] = mapped_column(Boolean, default=False)
    incapacity_percent: Mapped[int | None] = mapped_column(Integer, nullable=True)
    support_dong: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class EquipmentMovementRow(_Record, _DocumentRef, Base):
    """Trang phục, huy hiệu, phù hiệu, trang bị cấp phát / thu hồi."""

    __tablename__ = "equipment_movements"
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    direction: Mapped[str] = mapped_column(String(20))
    item: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(Integer)
    moved_on: Mapped[date] = mapped_column(Date)


class ToolCertificateRow(_Record, _DocumentRef, Base):
    """Giấy chứng nhận sử dụng công cụ hỗ trợ."""

    __tablename__ = "tool_certificates"
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    number: Mapped[str] = mapped_column(String(60))
    issued_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date, nullable=True)
    tools: Mapped[str] = mapped_column(String(300), default="")


class FormerForceServiceRow(_Record, _DocumentRef, Base):
    """Service in Bảo vệ dân phố, Công an xã bán chuyên trách, dân phòng; one-off settlement."""

    __tablename__ = "former_force_services"
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    force: Mapped[str] = mapped_column(String(40))
    started_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    ended_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    settlement_dong: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    settlement_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class LeavingRecordRow(_Record, _DocumentRef, Base):
    """Why a member left the force (Điều 17 khoản 3, or death)."""

    __tablename__ = "leaving_records"
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    reason: Mapped[str] = mapped_column(String(40))
    left_on: Mapped[date] = mapped_column(Date)


class RecordAttachmentRow(_Record, Base):
    """A scanned document attached to a service record (kept in the database, so it syncs)."""

    __tablename__ = "record_attachments"
    record_kind: Mapped[str] = mapped_column(String(30))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    member_id: Mapped[str | None] = mapped_column(ForeignKey("members.id"), nullable=True, index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class SubmittedReportRow(_Record, Base):
    """A periodic report as submitted (BM1): kept read-only, the source of the next "kỳ trước"."""

    __tablename__ = "submitted_reports"
    __table_args__ = (
        UniqueConstraint("unit_code", "kind", "period_last", name="uq_submitted_reports_unit_kind_period"),
    )
    kind: Mapped[str] = mapped_column(String(20))
    period_first: Mapped[date] = mapped_column(Date)
    period_last: Mapped[date] = mapped_column(Date, index=True)
    submitted_at: Mapped[datetime] = mapped_column(DateTime)
    submitted_by: Mapped[str] = mapped_column(String(100))
    rows: Mapped[list] = mapped_column(JSON, default=list)


class AnnualReportTextRow(_Record, Base):
    """The editable text sections of a year's annual report."""

    __tablename__ = "annual_report_texts"
    __table_args__ = (UniqueConstraint("unit_code", "year", name="uq_annual_report_texts_unit_year"),)
    year: Mapped[int] = mapped_column(Integer)
    sections: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


# --- Excel imports (issue #7) ------------------------------------------------------------------


class ImportBatchRow(_Record, Base):
    """One member list imported from Excel: what it created, so it can be undone as one step."""

    __tablename__ = "import_batches"
    file_name: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64))
    sheet_name: Mapped[str] = mapped_column(String(100), default="")
    mode: Mapped[str] = mapped_column(String(20))               # active (recognised) / proposed
    decision_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    decision_number: Mapped[str] = mapped_column(String(40), default="")
    accepted: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    # Ids of every row the import inserted, by table: {"members": [...], "teams": [...], …}.
    created: Mapped[dict] = mapped_column(JSON, default=dict)
    state: Mapped[str] = mapped_column(String(20), default="applied", index=True)  # applied / undone
    imported_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    imported_by: Mapped[str] = mapped_column(String(100))
    undone_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    undone_by: Mapped[str] = mapped_column(String(100), default="")
