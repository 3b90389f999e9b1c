"""Vietnamese sentences for importing member lists from Excel (issue #7)."""

from __future__ import annotations

from datetime import date

from antt_desktop.documents.member_list_reader import (
    DamagedWorkbook,
    EmptySheet,
    EncryptedWorkbook,
    HeaderNotFound,
    LegacyXlsWorkbook,
    NoMemberRows,
    NotAnExcelWorkbook,
    ReadProblem,
    RequiredColumnMissing,
    SheetNotFound,
    WorkbookNotFound,
)
from antt_desktop.domain.member_import import (
    FIELD_LABELS,
    BirthInBothColumns,
    BirthYearOnly,
    DecisionDateInFuture,
    DecisionNumberInvalid,
    DecisionNumberUsed,
    DuplicateIdInFile,
    EducationUnknown,
    HamletConflict,
    HamletMissing,
    IdAlreadyInDatabase,
    ImportAlreadyUndone,
    ImportCannotBeUndone,
    ImportOutdated,
    IssuedOnUnreadable,
    NothingToImport,
    PersonAlreadyInDatabase,
    PhoneLeftOut,
    PositionBlank,
    PositionTakenInTeam,
    PositionUnknown,
    PriorForceUnknown,
    RowIssue,
    SexConflict,
    SexUnknown,
    SexValueUnknown,
    UnderAgeOnDecision,
    column_letter,
)
from antt_desktop.domain.people import GENDER_LABELS, POSITION_LABELS
from antt_desktop.messages import describe, phrases

SAVE_AS_XLSX = ("Hãy mở tệp bằng Excel (hoặc LibreOffice Calc), chọn Lưu thành (Save As) kiểu "
                "«Excel Workbook (*.xlsx)», rồi nhập tệp mới.")


def _dmy(value: date) -> str:
    return value.strftime("%d/%m/%Y")


# --- Where: sheet, row, column -----------------------------------------------------------------


def location(sheet: str, row: int | None, column: int | None, header: str = "") -> str:
    """"Trang «DS thanh vien», dòng 14, cột C (Ngày sinh)"."""
    parts = [f"Trang «{sheet}»"] if sheet else []
    if row is not None:
        parts.append(f"dòng {row}")
    if column is not None:
        parts.append(f"cột {column_letter(column)}" + (f" ({header})" if header else ""))
    return ", ".join(parts)


def issue_sentence(issue: RowIssue, headers: dict[int, str] | None = None) -> str:
    """The full message of a row problem: where it is, then what is wrong."""
    header = ""
    if issue.column is not None:
        header = (headers or {}).get(issue.column, "") or (FIELD_LABELS.get(issue.field, "") if issue.field else "")
    return f"{location(issue.sheet, issue.row, issue.column, header)}: {describe(issue.error)}"


def issue_note(issue: RowIssue) -> str:
    """The comment put on the cell in the annotated copy (the cell says where already)."""
    return describe(issue.error)


def problem_sentence(problem: ReadProblem) -> str:
    """A problem of the file as a whole; its sentence names the sheet and row itself."""
    return describe(problem.error)


# --- The file ------------------------------------------------------------------------------------


@phrases(WorkbookNotFound)
def _not_found(error: WorkbookNotFound) -> str:
    return f"Không tìm thấy tệp «{error.path}»."


@phrases(NotAnExcelWorkbook)
def _not_excel(error: NotAnExcelWorkbook) -> str:
    kind = {"text": " (đây là tệp văn bản, ví dụ CSV, chỉ được đổi đuôi)",
            "html": " (đây là trang web được lưu với đuôi Excel)",
            "zip": " (đây là tệp nén của chương trình khác, ví dụ Word)"}.get(error.looks_like, "")
    return (f"Tệp «{error.file_name}» không phải là bảng tính Excel{kind}. "
            "Chỉ nhập được tệp Excel .xlsx. " + SAVE_AS_XLSX)


@phrases(LegacyXlsWorkbook)
def _legacy_xls(error: LegacyXlsWorkbook) -> str:
    return (f"Tệp «{error.file_name}» ở định dạng Excel 97–2003 (.xls) cũ, chương trình chưa đọc được. "
            + SAVE_AS_XLSX)


@phrases(EncryptedWorkbook)
def _encrypted(error: EncryptedWorkbook) -> str:
    return (f"Tệp «{error.file_name}» được đặt mật khẩu. Hãy mở tệp bằng Excel, bỏ mật khẩu "
            "(Tệp › Thông tin › Bảo vệ sổ làm việc) rồi lưu lại dạng .xlsx.")


@phrases(DamagedWorkbook)
def _damaged(error: DamagedWorkbook) -> str:
    return (f"Tệp «{error.file_name}» bị hỏng hoặc chưa được chép hết (ví dụ tải về bị ngắt giữa chừng), "
            "không đọc được. Hãy chép hoặc tải lại tệp, hoặc mở bằng Excel rồi lưu lại dạng .xlsx.")


@phrases(SheetNotFound)
def _sheet_not_found(error: SheetNotFound) -> str:
    return (f"Tệp không có trang «{error.sheet}». Các trang có trong tệp: "
            + ", ".join(f"«{name}»" for name in error.available) + ".")


@phrases(EmptySheet)
def _empty_sheet(error: EmptySheet) -> str:
    return f"Trang «{error.sheet}» không có dữ liệu. Hãy chọn trang có danh sách thành viên."


@phrases(HeaderNotFound)
def _header_not_found(error: HeaderNotFound) -> str:
    return (f"Trang «{error.sheet}»: không tìm thấy dòng tiêu đề của danh sách trong {error.rows_searched} "
            "dòng đầu. Dòng tiêu đề cần có ít nhất cột «Họ và tên» và một cột khác như «Ngày sinh», "
            "«Số CCCD», «Chức danh» hoặc «Thôn/Tổ dân phố».")


@phrases(RequiredColumnMissing)
def _required_missing(error: RequiredColumnMissing) -> str:
    name = FIELD_LABELS[error.missing]
    hint = (" (hoặc hai cột «Nam», «Nữ» dưới tiêu đề ngày sinh)" if error.missing.value == "birth" else "")
    return (f"Trang «{error.sheet}», dòng tiêu đề {error.header_row}: thiếu cột «{name}»{hint}. "
            "Hãy thêm cột này vào tệp, hoặc chỉ ra cột tương ứng ở bước ghép cột.")


@phrases(NoMemberRows)
def _no_rows(error: NoMemberRows) -> str:
    return f"Trang «{error.sheet}»: dưới dòng tiêu đề {error.header_row} không có dòng nào ghi thành viên."


# --- Rows --------------------------------------------------------------------------------------


@phrases(DuplicateIdInFile)
def _duplicate_in_file(error: DuplicateIdInFile) -> str:
    rows = ", ".join(str(r) for r in error.rows)
    return (f"Số định danh {error.id_number} cũng có ở dòng {rows} của tệp. Cả các dòng trùng đều không "
            "được nhập; hãy kiểm tra xem số nào đúng rồi nhập lại các dòng này.")


@phrases(IdAlreadyInDatabase)
def _id_in_database(error: IdAlreadyInDatabase) -> str:
    return f"Số định danh {error.id_number} đã có trong dữ liệu (thành viên {error.other_name})."


@phrases(PersonAlreadyInDatabase)
def _person_in_database(error: PersonAlreadyInDatabase) -> str:
    birth = error.birth
    if len(birth) == 10:
        birth = f"{birth[8:10]}/{birth[5:7]}/{birth[:4]}"
    return (f"Đã có thành viên {error.full_name} sinh {birth} trong dữ liệu; dòng này không có số định danh "
            "để phân biệt nên không được nhập (tránh nhập trùng một người).")


@phrases(SexUnknown)
def _sex_unknown(error: SexUnknown) -> str:
    return ("Không xác định được giới tính: không có cột giới tính, ngày sinh không ghi ở cột «Nam» hay «Nữ», "
            "và không có số định danh hợp lệ để suy ra.")


@phrases(PositionTakenInTeam)
def _position_taken(error: PositionTakenInTeam) -> str:
    where = f"ở dòng {error.holder_row}" if error.holder_row else "trong dữ liệu"
    return (f"{error.team_name} đã có {POSITION_LABELS[error.position]} là {error.holder_name} ({where}); "
            f"mỗi tổ chỉ có một {POSITION_LABELS[error.position]} (Luật 30/2023, Điều 16).")


@phrases(BirthYearOnly)
def _year_only(error: BirthYearOnly) -> str:
    text = f"Chỉ có năm sinh {error.year}; đã ghi năm sinh, cần bổ sung ngày, tháng sinh."
    if error.limit_age is not None:
        text += (f" Chưa xác định được đã đủ {error.limit_age} tuổi tại ngày {_dmy(error.on)} hay chưa."
                 if error.limit_age < 50 else
                 f" Chưa xác định được đã quá {error.limit_age} tuổi tại ngày {_dmy(error.on)} hay chưa.")
    return text


@phrases(BirthInBothColumns)
def _both_columns(error: BirthInBothColumns) -> str:
    return "Ngày sinh được ghi ở cả cột «Nam» và cột «Nữ»; giới tính được lấy từ cột giới tính hoặc số định danh."


@phrases(SexValueUnknown)
def _sex_value(error: SexValueUnknown) -> str:
    return f"Giới tính «{error.text}» không rõ (cần «Nam» hoặc «Nữ»); đã lấy theo số định danh nếu có."


@phrases(SexConflict)
def _sex_conflict(error: SexConflict) -> str:
    return (f"Cột giới tính ghi {GENDER_LABELS[error.stated]} nhưng ngày sinh ghi ở cột "
            f"{GENDER_LABELS[error.from_columns]}; đã lấy theo cột giới tính.")


@phrases(PhoneLeftOut)
def _phone_left_out(error: PhoneLeftOut) -> str:
    return f"{describe(error.reason)} Thành viên được nhập không kèm số điện thoại."


@phrases(PositionUnknown)
def _position_unknown(error: PositionUnknown) -> str:
    return f"Chức danh «{error.text}» không rõ (Tổ trưởng/TT, Tổ phó/TP, Tổ viên/TV); đã ghi là Tổ viên."


@phrases(PositionBlank)
def _position_blank(error: PositionBlank) -> str:
    return "Chưa ghi chức danh; đã ghi là Tổ viên."


@phrases(EducationUnknown)
def _education_unknown(error: EducationUnknown) -> str:
    return f"Trình độ «{error.text}» không rõ; để trống, cần bổ sung."


@phrases(PriorForceUnknown)
def _prior_unknown(error: PriorForceUnknown) -> str:
    return (f"Lực lượng trước đây «{error.text}» không rõ (BVDP, CAXBCT, Đội trưởng/Đội phó DP, Mới); "
            "đã ghi là tuyển mới.")


@phrases(HamletMissing)
def _hamlet_missing(error: HamletMissing) -> str:
    return ("Không rõ thôn/tổ dân phố (không có cột thôn và không có dòng nhóm «Thôn …» phía trên); "
            "thành viên được nhập ở dạng đề nghị, chưa vào tổ nào.")


@phrases(HamletConflict)
def _hamlet_conflict(error: HamletConflict) -> str:
    return (f"Cột thôn ghi «{error.in_column}» nhưng dòng nhóm phía trên là «{error.in_group}»; "
            "đã lấy theo cột thôn.")


@phrases(IssuedOnUnreadable)
def _issued_on(error: IssuedOnUnreadable) -> str:
    return f"Ngày cấp «{error.text}» không đọc được; để trống."


@phrases(UnderAgeOnDecision)
def _under_age_on_decision(error: UnderAgeOnDecision) -> str:
    return (f"Tại ngày ký quyết định công nhận {_dmy(error.decision_on)} người này mới {error.age} tuổi, "
            "chưa đủ 18 tuổi; đề nghị kiểm tra lại.")


# --- The decision, the history -------------------------------------------------------------------


@phrases(DecisionNumberInvalid)
def _decision_number(error: DecisionNumberInvalid) -> str:
    return f"Số quyết định «{error.text}» không đúng dạng; ví dụ đúng: 45/QĐ-UBND."


@phrases(DecisionDateInFuture)
def _decision_future(error: DecisionDateInFuture) -> str:
    return f"Ngày ký quyết định {_dmy(error.signed_on)} chưa tới (hôm nay là {_dmy(error.today)})."


@phrases(DecisionNumberUsed)
def _decision_used(error: DecisionNumberUsed) -> str:
    return (f"Số quyết định {error.number} của năm {error.year} đã được dùng cho một quyết định khác "
            "trong dữ liệu. Hãy kiểm tra lại số và ngày của quyết định công nhận.")


@phrases(NothingToImport)
def _nothing(error: NothingToImport) -> str:
    return f"Tệp «{error.file_name}» không có dòng nào đủ điều kiện để nhập."


@phrases(ImportOutdated)
def _outdated(error: ImportOutdated) -> str:
    if error.reason == "file":
        return (f"Tệp «{error.file_name}» đã thay đổi (hoặc bị chuyển đi) sau lần kiểm tra. "
                "Hãy kiểm tra lại trước khi nhập.")
    return ("Dữ liệu đã thay đổi sau lần kiểm tra (có người vừa nhập hoặc sửa thành viên). "
            "Hãy kiểm tra lại trước khi nhập.")


@phrases(ImportAlreadyUndone)
def _already_undone(error: ImportAlreadyUndone) -> str:
    return f"Lần nhập tệp «{error.file_name}» đã được hoàn tác trước đó."


_TABLE_LABELS = {
    "payroll_lines": "dòng bảng thanh toán", "certificates": "giấy chứng nhận", "insurance": "hồ sơ bảo hiểm",
    "decision_members": "dòng quyết định khác", "assignments": "chức danh ghi sau", "members": "thành viên khác",
    "teams": "tổ khác", "member_photos": "ảnh thẻ", "conduct_events": "nhắc nhở, từ chối nhiệm vụ",
    "decisions": "quyết định khác", "duty_logs": "nhật ký trực",
}


@phrases(ImportCannotBeUndone)
def _cannot_undo(error: ImportCannotBeUndone) -> str:
    parts = ", ".join(f"{count} {_TABLE_LABELS.get(table, table)}" for table, count in error.references)
    return (f"Không hoàn tác được lần nhập tệp «{error.file_name}»: đã có dữ liệu ghi sau đó dựa trên các "
            f"thành viên, tổ hoặc quyết định của lần nhập này ({parts}). Hãy xử lý các dữ liệu đó trước.")
