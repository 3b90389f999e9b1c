"""Enumerations that describe a person and a member of the force."""

from __future__ import annotations

from enum import Enum


class Gender(str, Enum):
    """Giới tính. The value is what the command line and packages print."""

    MALE = "nam"
    FEMALE = "nữ"


class Position(str, Enum):
    """Chức danh in a Tổ bảo vệ an ninh, trật tự (Luật 30/2023 Điều 16)."""

    LEADER = "to_truong"      # Tổ trưởng
    DEPUTY = "to_pho"         # Tổ phó
    MEMBER = "to_vien"        # Tổ viên


class MemberStatus(str, Enum):
    """A member becomes active only through an issued recognition decision (DESIGN §2.3)."""

    PROPOSED = "proposed"     # đề nghị công nhận, no issued decision yet
    ACTIVE = "active"         # đang tham gia
    LEFT = "left"             # đã thôi tham gia


class EducationLevel(str, Enum):
    """Trình độ học vấn, ordered from lowest; Điều 13 needs THCS (primary in exempt areas)."""

    NONE = "chua_tot_nghiep_tieu_hoc"
    PRIMARY = "tieu_hoc"
    LOWER_SECONDARY = "thcs"
    UPPER_SECONDARY = "thpt"
    VOCATIONAL = "trung_cap"
    COLLEGE = "cao_dang"
    UNIVERSITY = "dai_hoc"
    POSTGRADUATE = "sau_dai_hoc"

    @property
    def rank(self) -> int:
        return list(EducationLevel).index(self)


class PriorForce(str, Enum):
    """The force a member came from when the 2023 Law merged three forces (Điều 14 khoản 1)."""

    NEW = "moi"
    CIVIL_GUARD = "bao_ve_dan_pho"                 # Bảo vệ dân phố
    PART_TIME_POLICE = "cong_an_xa_ban_chuyen_trach"
    FIRE_SQUAD_LEADER = "doi_truong_dan_phong"     # Đội trưởng đội dân phòng
    FIRE_SQUAD_DEPUTY = "doi_pho_dan_phong"        # Đội phó đội dân phòng


class HamletKind(str, Enum):
    """Cơ sở (Điều 2): a thôn (làng, ấp, bản…) or a tổ dân phố (khu phố, khóm…)."""

    VILLAGE = "thon"
    RESIDENTIAL_GROUP = "to_dan_pho"


class ResidenceKind(str, Enum):
    PERMANENT = "thuong_tru"
    TEMPORARY = "tam_tru"


class UnitMode(str, Enum):
    COMMUNE = "commune"         # Công an cấp xã
    AGGREGATOR = "aggregator"   # Công an cấp trên (tỉnh)


POSITION_LABELS = {
    Position.LEADER: "Tổ trưởng",
    Position.DEPUTY: "Tổ phó",
    Position.MEMBER: "Tổ viên",
}

STATUS_LABELS = {
    MemberStatus.PROPOSED: "Đề nghị công nhận",
    MemberStatus.ACTIVE: "Đang tham gia",
    MemberStatus.LEFT: "Đã thôi tham gia",
}

GENDER_LABELS = {Gender.MALE: "Nam", Gender.FEMALE: "Nữ"}

EDUCATION_LABELS = {
    EducationLevel.NONE: "Chưa tốt nghiệp tiểu học",
    EducationLevel.PRIMARY: "Tiểu học",
    EducationLevel.LOWER_SECONDARY: "Trung học cơ sở",
    EducationLevel.UPPER_SECONDARY: "Trung học phổ thông",
    EducationLevel.VOCATIONAL: "Trung cấp",
    EducationLevel.COLLEGE: "Cao đẳng",
    EducationLevel.UNIVERSITY: "Đại học",
    EducationLevel.POSTGRADUATE: "Sau đại học",
}

PRIOR_FORCE_LABELS = {
    PriorForce.NEW: "Tuyển mới",
    PriorForce.CIVIL_GUARD: "Bảo vệ dân phố",
    PriorForce.PART_TIME_POLICE: "Công an xã bán chuyên trách",
    PriorForce.FIRE_SQUAD_LEADER: "Đội trưởng dân phòng",
    PriorForce.FIRE_SQUAD_DEPUTY: "Đội phó dân phòng",
}

HAMLET_KIND_LABELS = {HamletKind.VILLAGE: "Thôn", HamletKind.RESIDENTIAL_GROUP: "Tổ dân phố"}
