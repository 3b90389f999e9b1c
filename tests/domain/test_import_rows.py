"""Importing member lists: header words, cell values, and the row checks (issue #7 §1–3)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from antt_desktop.domain.dates import ImpossibleDate, UnreadableDate
from antt_desktop.domain.member_import import (
    DecisionDateInFuture,
    DecisionNumberInvalid,
    ImportContext,
    ImportField as F,
    RawRow,
    check_rows,
    field_for_header,
    group_heading,
    is_footer_text,
    is_total_text,
    read_birth,
    read_education,
    read_position,
    read_prior_force,
    recheck_database,
    recognition,
    tidy_place_name,
)
from antt_desktop.domain.people import EducationLevel as E, Gender, HamletKind, Position, PriorForce
from antt_desktop.reference.province_codes import load_province_codes

TODAY = date(2026, 11, 22)
CODES = load_province_codes()


@pytest.mark.parametrize(("header", "expected"), [
    ("Họ và tên", F.FULL_NAME), ("HỌ VÀ TÊN", F.FULL_NAME), ("Họ tên", F.FULL_NAME), ("Họ  và\ntên", F.FULL_NAME),
    ("HoTen", F.FULL_NAME),
    ("Ngày sinh", F.BIRTH), ("Năm sinh", F.BIRTH), ("Ngày, tháng, năm sinh", F.BIRTH), ("NgaySinh", F.BIRTH),
    ("Số CCCD", F.ID_NUMBER), ("CMND/CCCD", F.ID_NUMBER), ("Số định danh cá nhân", F.ID_NUMBER),
    ("CCCD", F.ID_NUMBER), ("Ngày cấp CCCD", F.ID_ISSUED_ON),
    ("Chức danh", F.POSITION), ("Chức vụ", F.POSITION), ("ChucVu", F.POSITION),
    ("Thôn", F.HAMLET), ("Tổ dân phố", F.HAMLET), ("Thôn, tổ dân phố", F.HAMLET), ("Ấp", F.HAMLET),
    ("Bản", F.HAMLET), ("Khu phố", F.HAMLET), ("Địa bàn", F.HAMLET), ("Thon/Todanpho", F.HAMLET),
    ("Tổ bảo vệ an ninh, trật tự", F.TEAM), ("TenTo", F.TEAM),
    ("Giới tính", F.GENDER), ("GioiTinh", F.GENDER), ("Dân tộc", F.ETHNICITY), ("Tôn giáo", F.RELIGION),
    ("Trình độ", F.EDUCATION), ("Trình độ học vấn", F.EDUCATION), ("Trình độ văn hóa", F.EDUCATION),
    ("Trình độ chuyên môn", F.QUALIFICATION), ("Trình độ chính trị", None),
    ("Số điện thoại", F.PHONE), ("SĐT", F.PHONE), ("Sodienthoai", F.PHONE),
    ("Lực lượng trước đây", F.PRIOR_FORCE), ("Ghi chú", F.NOTE), ("Địa chỉ", F.ADDRESS), ("STT", F.ORDINAL),
    ("S\nT\nT", F.ORDINAL), ("Hệ số lương", None), ("", None),
])
def test_headers_are_recognised_by_their_usual_variants(header, expected):
    assert field_for_header(header) is expected


@pytest.mark.parametrize(("raw", "full", "year_only"), [
    (datetime(1968, 10, 6), date(1968, 10, 6), None),
    ("30/05/1974", date(1974, 5, 30), None),
    ("2/1/2002", date(2002, 1, 2), None),
    ("05-07-1986", date(1986, 7, 5), None),
    ("05.07.1986", date(1986, 7, 5), None),
    (1965, None, 1965),                      # a bare year typed as a number
    ("1965", None, 1965),
    (datetime(1905, 5, 18), None, 1965),     # the same year in a date-formatted cell (serial 1965)
    (25000, date(1968, 6, 11), None),        # a date serial in a General cell
    ("06/1968", None, 1968),                 # month and year: kept as the year
])
def test_birth_cells_as_excel_hands_them_over(raw, full, year_only):
    birth = read_birth(raw, TODAY)
    assert (birth.full, birth.year_only) == (full, year_only)


@pytest.mark.parametrize(("raw", "error"), [
    ("31/02/1997", ImpossibleDate), ("10/20/1959", ImpossibleDate), ("chưa rõ", UnreadableDate),
    ("5/7/86", UnreadableDate), (1.5, UnreadableDate),
])
def test_unreadable_birth_cells_raise(raw, error):
    with pytest.raises(error):
        read_birth(raw, TODAY)


@pytest.mark.parametrize(("text", "level"), [
    ("9/12", E.LOWER_SECONDARY), ("12/12", E.UPPER_SECONDARY), ("6/12", E.PRIMARY), ("3/12", E.NONE),
    ("7/10", E.LOWER_SECONDARY), ("10/10", E.UPPER_SECONDARY), ("THCS", E.LOWER_SECONDARY),
    ("Trung học phổ thông", E.UPPER_SECONDARY), ("Trung cấp", E.VOCATIONAL), ("Cao đẳng", E.COLLEGE),
    ("Đại học", E.UNIVERSITY), ("ĐH", E.UNIVERSITY), ("Thạc sĩ", E.POSTGRADUATE), ("Tiểu học", E.PRIMARY),
    ("giỏi", None),
])
def test_education_values(text, level):
    assert read_education(text) is level


@pytest.mark.parametrize(("text", "position"), [
    ("Tổ trưởng", Position.LEADER), ("TT", Position.LEADER), ("tổ phó", Position.DEPUTY), ("TP", Position.DEPUTY),
    ("Tổ viên", Position.MEMBER), ("TV", Position.MEMBER), ("Thành viên", Position.MEMBER), ("Đội trưởng", None),
])
def test_positions_and_their_abbreviations(text, position):
    assert read_position(text) is position


@pytest.mark.parametrize(("text", "force"), [
    ("CAXBCT", PriorForce.PART_TIME_POLICE), ("Công an xã bán chuyên trách", PriorForce.PART_TIME_POLICE),
    ("BVDP", PriorForce.CIVIL_GUARD), ("Bảo vệ dân phố", PriorForce.CIVIL_GUARD),
    ("Đội trưởng DP", PriorForce.FIRE_SQUAD_LEADER), ("Đội phó DP", PriorForce.FIRE_SQUAD_DEPUTY),
    ("Đội phó dân phòng", PriorForce.FIRE_SQUAD_DEPUTY), ("Mới", PriorForce.NEW), ("dân quân", None),
])
def test_prior_force_values_and_abbreviations(text, force):
    assert read_prior_force(text) is force


@pytest.mark.parametrize(("text", "hamlet"), [
    ("I. THÔN 1", "Thôn 1"), ("III. THÔN ĐÔNG", "Thôn Đông"), ("IV. TỔ DÂN PHỐ 4", "Tổ dân phố 4"),
    ("Ấp Phú Hòa", "Ấp Phú Hòa"), ("2) Bản Tà Xùa", "Bản Tà Xùa"), ("A. THON 3", "Thôn 3"),
    ("I. TỔ BẢO VỆ AN NINH, TRẬT TỰ THÔN 5", "Thôn 5"), ("THÔN 7 (5 thành viên)", "Thôn 7"),
    ("I. CÁN BỘ KHÔNG CHUYÊN TRÁCH", None), ("Tô Văn Lâm", None), ("Lăng Văn Hùng", None),
])
def test_group_rows_name_the_hamlet(text, hamlet):
    heading = group_heading(text)
    assert (heading.hamlet if heading else None) == hamlet


def test_place_names_are_tidied_and_typed():
    assert tidy_place_name("THÔN ĐÔNG") == "Thôn Đông"
    assert tidy_place_name("tổ dân phố 4") == "Tổ dân phố 4"
    from antt_desktop.domain.member_import import hamlet_kind
    assert hamlet_kind("Tổ dân phố 4") is HamletKind.RESIDENTIAL_GROUP
    assert hamlet_kind("Ấp Phú Hòa") is HamletKind.VILLAGE


def test_totals_and_signature_lines():
    assert is_total_text("Tổng cộng: 20 thành viên") and is_total_text("Cộng")
    assert not is_total_text("Công Văn Hải") and not is_total_text("Tống Văn Hải")
    assert is_footer_text("NGƯỜI LẬP BIỂU") and is_footer_text("TRƯỞNG CÔNG AN XÃ")
    assert is_footer_text("Tân Phú, ngày 15 tháng 7 năm 2024")
    assert not is_footer_text("Lê Văn Trưởng")


def test_recognition_number_is_cleaned_and_checked():
    assert recognition("45/QĐ-UBND", date(2024, 7, 1), TODAY).number == "45/QĐ-UBND"
    assert recognition(" 5 / QĐ-UBND ", date(2024, 7, 1), TODAY).number == "05/QĐ-UBND"
    assert recognition("45/QĐ-UBND", date(2024, 7, 1), TODAY).sequence == 45
    with pytest.raises(DecisionNumberInvalid):
        recognition("QĐ-UBND", date(2024, 7, 1), TODAY)
    with pytest.raises(DecisionDateInFuture):
        recognition("45/QĐ-UBND", date(2027, 1, 1), TODAY)


# --- The row checks ------------------------------------------------------------------------

COLUMNS = {F.FULL_NAME: 2, F.BIRTH: 3, F.GENDER: 4, F.ID_NUMBER: 5, F.POSITION: 6, F.HAMLET: 7, F.PHONE: 8}


def raw(row: int = 10, **values) -> RawRow:
    fields = {"name": F.FULL_NAME, "birth": F.BIRTH, "gender": F.GENDER, "id": F.ID_NUMBER,
              "position": F.POSITION, "hamlet": F.HAMLET, "phone": F.PHONE, "birth_male": F.BIRTH_MALE,
              "birth_female": F.BIRTH_FEMALE, "education": F.EDUCATION, "prior": F.PRIOR_FORCE}
    defaults = {"name": "Nguyễn Văn An", "birth": "15/03/1985", "gender": "Nam", "id": "001085012345",
                "position": "Tổ viên", "hamlet": "Thôn 1"}
    merged = {**defaults, **values}
    columns = dict(COLUMNS)
    if "birth_male" in merged or "birth_female" in merged:
        merged.pop("birth", None)
        columns.pop(F.BIRTH)
        columns.update({F.BIRTH_MALE: 3, F.BIRTH_FEMALE: 9})
    return RawRow("DS", row, {fields[k]: v for k, v in merged.items() if v is not None}, columns)


def check(*rows: RawRow, **context):
    return check_rows(rows, ImportContext(CODES, TODAY, **context))


def codes(checked):
    return [issue.code for issue in checked.errors], [issue.code for issue in checked.warnings]


def test_a_clean_row_is_accepted_without_warnings():
    (row,) = check(raw()).rows
    assert row.is_accepted and codes(row) == ([], [])
    member = row.member
    assert member.draft.full_name == "Nguyễn Văn An" and member.draft.gender is Gender.MALE
    assert (member.hamlet_name, member.team_name, member.position) == ("Thôn 1", "Tổ bảo vệ ANTT Thôn 1",
                                                                       Position.MEMBER)


@pytest.mark.parametrize(("values", "reason", "column"), [
    ({"name": None}, "name_missing", 2),
    ({"name": "   "}, "name_missing", 2),
    ({"id": "0792029432281"}, "id_invalid", 5),          # 13 digits
    ({"id": "99908501234"}, "id_invalid", 5),            # no such province code, even with a 0 restored
    ({"id": "12345"}, "id_invalid", 5),
    ({"birth": "26/09/2010"}, "under_18", 3),
    ({"birth": 2010}, "under_18", 3),                    # year only, under 18 whatever the day
    ({"birth": "31/02/1997"}, "date_unreadable", 3),
    ({"birth": "không rõ"}, "date_unreadable", 3),
    ({"birth": "01/01/2030"}, "date_out_of_range", 3),
    ({"birth": None}, "birth_missing", 3),
    ({"gender": None, "id": None}, "sex_unknown", 4),
])
def test_hard_errors_reject_the_row(values, reason, column):
    (row,) = check(raw(**values)).rows
    assert not row.is_accepted and row.member is None
    assert row.errors[0].code == reason and row.errors[0].column == column


@pytest.mark.parametrize(("values", "warning", "field"), [
    ({"id": 1085012345}, "id_zeros_restored", F.ID_NUMBER),        # a number cell lost "00"
    ({"id": "1085012345"}, "id_zeros_restored", F.ID_NUMBER),
    ({"id": "123456789"}, "id_legacy_cmnd", F.ID_NUMBER),
    ({"id": "001185012345"}, "id_sex_mismatch", F.ID_NUMBER),       # digit 4 odd: a woman
    ({"id": "001090012345"}, "id_year_mismatch", F.ID_NUMBER),      # says 1990, row says 1985
    ({"birth": 1985}, "birth_year_only", F.BIRTH),
    ({"phone": 912345678}, "phone_zero_restored", F.PHONE),
    ({"phone": "0123456789"}, "phone_unknown_prefix", F.PHONE),
    ({"phone": "091234"}, "phone_invalid", F.PHONE),
    ({"position": "Đội trưởng"}, "position_unknown", F.POSITION),
    ({"position": None}, "position_blank", F.POSITION),
    ({"education": "giỏi"}, "education_unknown", F.EDUCATION),
    ({"education": "3/12"}, "education_below_required", F.EDUCATION),
    ({"prior": "dân quân"}, "prior_force_unknown", F.PRIOR_FORCE),
    ({"hamlet": None}, "hamlet_missing", F.HAMLET),
    ({"birth": "01/01/1950"}, "over_70", F.BIRTH),
    ({"gender": "?"}, "sex_value_unknown", F.GENDER),
])
def test_warnings_accept_the_row(values, warning, field):
    (row,) = check(raw(**values)).rows
    assert row.is_accepted, row.errors
    assert warning in codes(row)[1]
    issue = next(i for i in row.warnings if i.code == warning)
    assert issue.field is field


def test_restored_digits_are_stored_clean():
    (row,) = check(raw(id=1085012345, phone="0912.345.678")).rows
    assert row.member.draft.id_number == "001085012345"
    assert row.member.draft.phone == "0912345678"


def test_names_are_nfc_with_spaces_folded_and_capitals_fixed():
    (row,) = check(raw(name="  phan  thi\u0323  tha\u0309o ")).rows
    assert row.member.draft.full_name == "Phan Thị Thảo"


def test_the_birth_column_gives_the_sex_in_nam_nu_split_columns():
    (male, female) = check(raw(row=10, birth_male="30/05/1974", gender=None, id=None),
                           raw(row=11, birth_female="19/01/1992", gender=None, id=None)).rows
    assert male.member.draft.gender is Gender.MALE and female.member.draft.gender is Gender.FEMALE


def test_the_sex_comes_from_the_id_when_nothing_else_says_it():
    (row,) = check(raw(gender=None, id="001185012345")).rows
    assert row.member.draft.gender is Gender.FEMALE and codes(row) == ([], [])


def test_the_same_id_twice_in_the_file_rejects_every_row_holding_it():
    rows = check(raw(row=10, id="001085012345"), raw(row=11, name="Lê Văn Bình", id=1085012345),
                 raw(row=12, name="Trần Văn Cường", id="001085054321")).rows
    assert [r.errors[0].code if r.errors else None for r in rows] == [
        "id_duplicate_in_file", "id_duplicate_in_file", None]
    assert rows[0].errors[0].error.rows == (11,) and rows[1].errors[0].error.rows == (10,)


def test_an_id_already_in_the_database_rejects_the_row():
    (row,) = check(raw(), existing_ids={"001085012345": "Nguyễn Văn An"}).rows
    assert row.errors[0].code == "id_in_database"


def test_a_person_without_id_already_in_the_database_is_not_imported_twice():
    (row,) = check(raw(id=None), existing_people={("nguyen van an", "1985-03-15"): "Nguyễn Văn An"}).rows
    assert row.errors[0].code == "person_in_database"


def test_one_leader_and_one_deputy_per_team():
    rows = check(raw(row=10, position="TT"), raw(row=11, name="Lê Văn Bình", id="001085054321", position="TT"),
                 raw(row=12, name="Lê Văn Cảnh", id="001085054322", position="TT", hamlet="Thôn 2")).rows
    assert [r.is_accepted for r in rows] == [True, False, True]
    assert rows[1].errors[0].code == "position_taken" and rows[1].errors[0].error.holder_row == 10


def test_a_seat_taken_in_the_database_rejects_the_row():
    (row,) = check(raw(position="Tổ phó"),
                   taken_positions={("to bao ve antt thon 1", Position.DEPUTY): "Lê Thị Hoa"}).rows
    assert row.errors[0].code == "position_taken"


def test_under_18_on_the_decision_date_is_a_warning():
    (row,) = check(raw(birth="30/10/2006", id="001206012345"), decision_on=date(2024, 7, 1)).rows
    assert row.is_accepted and "under_18_on_decision" in codes(row)[1]


def test_existing_hamlets_keep_their_spelling_and_their_team():
    (row,) = check(raw(hamlet="THÔN 1"), hamlet_names={"thon 1": "Thôn 1"},
                   hamlet_teams={"thon 1": "Tổ ANTT số 1"}).rows
    assert (row.member.hamlet_name, row.member.team_name) == ("Thôn 1", "Tổ ANTT số 1")


def test_the_database_recheck_reuses_the_rows_and_sees_new_duplicates():
    rows = (raw(row=10), raw(row=11, name="Lê Văn Bình", id="001085054321"))
    first = check_rows(rows, ImportContext(CODES, TODAY))
    again = recheck_database(rows, first, ImportContext(CODES, TODAY, existing_ids={"001085054321": "Lê Văn Bình"}))
    assert [r.is_accepted for r in again.rows] == [True, False]
    cleared = recheck_database(rows, again, ImportContext(CODES, TODAY))
    assert [r.is_accepted for r in cleared.rows] == [True, True]
