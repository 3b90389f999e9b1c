"""Service record rules and their Vietnamese messages (issue #11)."""

from __future__ import annotations

import dataclasses
import inspect
from datetime import date

import pytest

from antt_desktop.domain import bm1, service_records as records
from antt_desktop.domain.errors import DomainError
from antt_desktop.messages import describe
from antt_desktop.messages.service_records import FIELD_LABELS, describe_record
from antt_desktop.services import bm1 as bm1_service

TODAY = date(2026, 11, 22)


def test_text_is_cleaned_and_enums_are_left_alone():
    record = records.EquipmentMovement(id="x", unit_code="U", member_id="m", direction=records.EquipmentDirection.ISSUED,
                                       item="  áo\u00a0 mưa ", quantity=1, moved_on=date(2026, 1, 1),
                                       note="  ghi chú  ")
    cleaned = records.validate_record(record, TODAY)
    assert cleaned.item == "áo mưa" and cleaned.note == "ghi chú"
    assert cleaned.direction is records.EquipmentDirection.ISSUED


def test_a_course_needs_a_name_and_ordered_dates():
    course = records.TrainingCourse(id="c", unit_code="U", kind=records.TrainingKind.COURSE, name=" ",
                                    starts_on=date(2026, 5, 2), ends_on=date(2026, 5, 1))
    with pytest.raises(records.RecordInvalid) as caught:
        records.validate_record(course, TODAY)
    assert [p.field for p in caught.value.problems] == ["name", "ends_on"]
    assert describe(caught.value) == ("Tên lớp, nội dung: chưa nhập. Đến ngày: ngày 01/05/2026 ở trước «Từ ngày» "
                                      "(02/05/2026).")


def test_equipment_balance_folds_item_names():
    issued = records.EquipmentMovement("1", "U", "m", records.EquipmentDirection.ISSUED, "Áo mưa", 3, date(2026, 1, 1))
    returned = records.EquipmentMovement("2", "U", "m", records.EquipmentDirection.RETURNED, "ÁO MƯA", 1,
                                         date(2026, 2, 1))
    assert records.equipment_balance([issued, returned]) == {"Áo mưa": 2}
    records.check_equipment_return([issued], returned)
    with pytest.raises(records.ReturnExceedsIssued):
        records.check_equipment_return([issued, returned], dataclasses.replace(returned, id="3", quantity=3))


def test_a_tool_certificate_knows_when_it_is_valid():
    certificate = records.ToolCertificate("1", "U", "m", "15/GCN", date(2025, 8, 1), date(2027, 7, 31))
    assert certificate.is_valid_on(date(2027, 7, 31)) and not certificate.is_valid_on(date(2027, 8, 1))


def _error_classes():
    for module in (records, bm1, bm1_service):
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, DomainError) and cls.__module__ == module.__name__:
                yield cls


@pytest.mark.parametrize("cls", list(_error_classes()), ids=lambda cls: cls.__name__)
def test_every_error_has_a_vietnamese_sentence(cls):
    samples = {str: "x", int: 1, date: date(2026, 1, 1)}
    values = []
    for field in dataclasses.fields(cls):
        hint = field.type if not isinstance(field.type, str) else field.type
        if "tuple" in str(hint):
            values.append(())
        elif "Scope" in str(hint):
            values.append(records.CommendationScope.INDIVIDUAL)
        elif "PriorForce" in str(hint):
            from antt_desktop.domain.people import PriorForce

            values.append(PriorForce.NEW)
        else:
            values.append(next((v for k, v in samples.items() if k.__name__ in str(hint)), "x"))
    text = describe(cls(*values))
    assert not text.startswith("Lỗi không mong đợi"), cls


def test_every_record_field_has_a_label():
    for cls in (*records.RECORD_TYPES.values(), records.TrainingCourse):
        for field in dataclasses.fields(cls):
            if field.name not in ("id", "unit_code"):
                assert field.name in FIELD_LABELS, (cls.__name__, field.name)


@pytest.mark.parametrize(("record", "text"), [
    (records.AnnualEvaluation("1", "U", "m", 2025, records.EvaluationGrade.EXCELLENT),
     "Năm 2025: Hoàn thành xuất sắc nhiệm vụ"),
    (records.DutyIncident("1", "U", "m", records.IncidentKind.KILLED, date(2026, 3, 1)),
     "Hy sinh khi làm nhiệm vụ 01/03/2026 (không có BHYT, BHXH)"),
    (records.LeavingRecord("1", "U", "m", records.LeavingReason.DIED_OFF_DUTY, date(2026, 3, 1)),
     "Chết khi không làm nhiệm vụ (01/03/2026)"),
])
def test_records_read_as_one_line(record, text):
    assert describe_record(record) == text
