"""Vietnamese sentences for decisions, the conduct log and certificates (issue #4)."""

from __future__ import annotations

from antt_desktop.domain import certificates as cert
from antt_desktop.domain import decisions as dec
from antt_desktop.domain.dates import format_vn_date
from antt_desktop.domain.people import POSITION_LABELS
from antt_desktop.messages import describe, phrases
from antt_desktop.messages.records import ENTITY_NAMES

ENTITY_NAMES.setdefault("certificate", "giấy chứng nhận")
ENTITY_NAMES.setdefault("conduct", "lần ghi nhận")


@phrases(dec.DecisionInvalid)
def _(e):
    return " ".join(describe(problem) for problem in e.problems)


@phrases(dec.NoMembersNamed)
def _(e):
    return f"Quyết định {dec.KIND_LABELS[e.kind].lower()} phải có ít nhất một thành viên."


@phrases(dec.NoTeamsNamed)
def _(e):
    return "Quyết định thành lập tổ phải nêu ít nhất một thôn/tổ dân phố."


@phrases(dec.TeamNotChosen)
def _(e):
    return "Chưa chọn tổ cần giải thể."


@phrases(dec.TeamMissingForMember)
def _(e):
    return f"Chưa chọn tổ cho {e.member_name}."


@phrases(dec.PositionMissing)
def _(e):
    return f"Chưa chọn chức danh (Tổ trưởng, Tổ phó hoặc Tổ viên) cho {e.member_name}."


@phrases(dec.DuplicateMember)
def _(e):
    return f"{e.member_name} có tên hai lần trong cùng một quyết định."


@phrases(dec.DuplicateHamlet)
def _(e):
    return f"{e.hamlet_name} có tên hai lần trong quyết định thành lập tổ."


@phrases(dec.PositionTwiceInTeam)
def _(e):
    label = POSITION_LABELS[e.position]
    return f"{e.team_name} có hai người được giao {label}; mỗi tổ chỉ có một {label} (Luật 30/2023, Điều 16)."


@phrases(dec.GroundMissing)
def _(e):
    return "Chưa chọn căn cứ cho thôi tham gia (Điều 17 khoản 3 Luật 30/2023, điểm a, b, c hoặc d)."


@phrases(dec.EffectiveBeforeSigned)
def _(e):
    return (f"Ngày có hiệu lực {format_vn_date(e.effective_on)} ở trước ngày ký "
            f"{format_vn_date(e.signed_on)}; quyết định không có hiệu lực trở về trước.")


@phrases(dec.SignerTitleMissing)
def _(e):
    return "Chưa nhập chức vụ người ký (ví dụ «CHỦ TỊCH»)."


@phrases(dec.DecisionAlreadyIssued)
def _(e):
    number = f" số {e.number}" if e.number else ""
    return (f"Quyết định{number} đã ban hành nên không sửa, không hủy được; "
            "muốn đính chính hãy ban hành một quyết định mới.")


@phrases(dec.SignedInFuture)
def _(e):
    return f"Ngày ký {format_vn_date(e.signed_on)} ở sau hôm nay ({format_vn_date(e.today)})."


@phrases(dec.SignedBeforePrevious)
def _(e):
    return (f"Ngày ký {format_vn_date(e.signed_on)} ở trước ngày của quyết định số {e.previous_number} "
            f"({format_vn_date(e.previous_signed_on)}); số quyết định trong năm phải theo thứ tự ngày.")


@phrases(dec.DecisionNumberTaken)
def _(e):
    return (f"Số {e.number} vừa được cấp cho một quyết định khác trên máy khác; "
            "hãy ban hành lại để nhận số tiếp theo.")


@phrases(dec.IneligibleMember)
def _(e):
    reasons = " ".join(describe(failure) for failure in e.failures)
    return f"{e.member_name}: {reasons}"


@phrases(dec.RecognitionBlocked)
def _(e):
    people = " ".join(describe(member) for member in e.members)
    return (f"Không ban hành được: {len(e.members)} người chưa đủ điều kiện tham gia theo Điều 13 "
            f"Luật 30/2023. {people}")


@phrases(dec.MemberAlreadyActive)
def _(e):
    return (f"{e.member_name} đang là thành viên; muốn đổi chức danh hoặc chuyển tổ hãy dùng "
            "quyết định thay đổi chức danh.")


@phrases(dec.MemberNotActive)
def _(e):
    return f"{e.member_name} không phải là thành viên đang tham gia lực lượng."


@phrases(dec.GroundCNotMet)
def _(e):
    return (f"Chưa đủ căn cứ điểm c khoản 3 Điều 17 đối với {e.member_name}: cần từ "
            f"{e.min_refusals:02d} lần từ chối nhiệm vụ (đang có {e.refusals}) và từ {e.min_reminders:02d} "
            f"lần nhắc nhở bằng văn bản (đang có {e.reminders}).")


@phrases(dec.HamletAlreadyHasTeam)
def _(e):
    return f"{e.hamlet_name} đã có {e.team_name} được thành lập; không thành lập thêm."


@phrases(dec.TeamAlreadyDissolved)
def _(e):
    return f"{e.team_name} đã giải thể."


@phrases(dec.DecisionChangesNothing)
def _(e):
    return f"{e.member_name} đang giữ đúng chức danh và tổ này; quyết định không thay đổi gì."


@phrases(dec.NoProposalForKind)
def _(e):
    return (f"Quyết định {dec.KIND_LABELS[e.kind].lower()} không có văn bản đề nghị; chỉ công nhận "
            "(Mẫu số 05, 06) và cho thôi tham gia (Mẫu số 07) có.")


@phrases(dec.ConductDateInFuture)
def _(e):
    return f"Ngày {format_vn_date(e.occurred_on)} ở sau hôm nay ({format_vn_date(e.today)})."


@phrases(dec.GroundCNotProven)
def _(e):
    paper = ("báo cáo đề nghị cho thôi tham gia (Mẫu số 07)" if e.document == "proposal"
             else "dự thảo quyết định cho thôi tham gia")
    shortfalls = " ".join(describe(member) for member in e.members)
    return (f"Không in được {paper}: sổ nhắc nhở và từ chối nhiệm vụ chưa ghi nhận đủ. {shortfalls} "
            "Hãy ghi đủ các lần vào sổ (nút «Sổ nhắc nhở, từ chối nhiệm vụ…» hoặc lệnh «antt conduct add») "
            "rồi in lại, hoặc chọn căn cứ khác nếu có.")


@phrases(dec.TeamQuotaExceeded)
def _(e):
    basis = f" ({e.basis})" if e.basis else ""
    return (f"{e.team_name} chỉ được có tối đa {e.max_members:02d} thành viên{basis}; sau khi ban hành sẽ có "
            f"{e.count_after:02d} thành viên, vượt {e.count_after - e.max_members:02d}. Hãy cho thôi tham gia "
            "hoặc chuyển bớt thành viên trước, hoặc sửa định mức của Tổ nếu cấp có thẩm quyền đã giao khác.")


@phrases(dec.TeamQuotaUnknown)
def _(e):
    cause = f" ({describe(e.cause).rstrip('.')})" if e.cause is not None else ""
    return (f"Chưa xác định được định mức thành viên của {e.team_name}{cause}; sau khi ban hành Tổ sẽ có "
            f"{e.count_after:02d} thành viên — hãy tự đối chiếu với nghị quyết của Hội đồng nhân dân tỉnh.")


@phrases(dec.ProposalDatedAfterDecision)
def _(e):
    return (f"Văn bản đề nghị không thể ghi ngày {format_vn_date(e.on)}, sau ngày ký dự kiến của quyết định "
            f"({format_vn_date(e.signed_on)}): đề nghị phải có trước quyết định.")


@phrases(dec.ProposalDateInFuture)
def _(e):
    return f"Ngày của văn bản đề nghị {format_vn_date(e.on)} ở sau hôm nay ({format_vn_date(e.today)})."


@phrases(cert.TemplateInvalid)
def _(e):
    return " ".join(describe(problem) for problem in e.problems)


@phrases(cert.CardSizeOutOfRange)
def _(e):
    return (f"Kích thước thẻ {e.width_mm:g} × {e.height_mm:g} mm không hợp lý: rộng 40–150 mm, cao 30–120 mm, "
            "khoảng cách giữa các thẻ 0–20 mm.")


@phrases(cert.UnknownCardField)
def _(e):
    known = ", ".join(cert.CARD_FIELDS)
    return f"Không có trường «{e.name}» trên thẻ; các trường: {known}."


@phrases(cert.NumberFormatInvalid)
def _(e):
    return (f"Mẫu số giấy «{e.number_format}» không hợp lệ: phải có {{seq}} (số thứ tự, ví dụ {{seq:04d}}), "
            "có thể thêm {year} (năm) và {unit} (mã đơn vị).")


@phrases(cert.ValidityOutOfRange)
def _(e):
    return f"Thời hạn {e.years} năm không hợp lý: từ 0 (không thời hạn) đến 20 năm."


@phrases(cert.ColorInvalid)
def _(e):
    return f"Màu «{e.value}» không hợp lệ: viết dạng #RRGGBB, ví dụ #8B1A1A."


@phrases(cert.DuplexModeInvalid)
def _(e):
    return f"Kiểu in hai mặt «{e.value}» không hợp lệ: long_edge, short_edge hoặc none."


@phrases(cert.CertificateStillValid)
def _(e):
    return (f"{e.member_name} đang có giấy chứng nhận số {e.number} còn hiệu lực; "
            "muốn cấp giấy mới hãy dùng «Cấp lại».")


@phrases(cert.CertificateAlreadyRevoked)
def _(e):
    return f"Giấy chứng nhận số {e.number} đã bị thu hồi trước đó."


@phrases(cert.RevokeReasonMissing)
def _(e):
    return "Chưa nhập lý do thu hồi."


@phrases(cert.NoCertificatesToPrint)
def _(e):
    return "Không có giấy chứng nhận nào để in."


@phrases(cert.CertificateCodeUnreadable)
def _(e):
    return ("Không đọc được mã: hãy quét lại hoặc dán đúng dãy số trong mã QR. Nếu dùng máy quét, "
            "tắt bộ gõ tiếng Việt (Unikey: chế độ E) trước khi quét.")


@phrases(cert.CertificateKeyUnknown)
def _(e):
    return (f"Mã được ký bằng khóa {e.key_id} mà máy này không biết: giấy do đơn vị khác cấp, "
            "hoặc là giấy giả.")


@phrases(cert.CertificateSignatureInvalid)
def _(e):
    return "CẢNH BÁO: chữ ký của mã không khớp với nội dung — giấy chứng nhận đã bị sửa hoặc là giấy giả."
