"""Phone numbers (REFERENCE §8.3): cleaning what forms and spreadsheets hold, warnings, refusals."""

from __future__ import annotations

import contextlib
import pickle

import pytest

from antt_desktop.domain.phones import (
    MOBILE_CARRIERS,
    InvalidPhoneNumber,
    LeadingZeroRestored,
    PhoneCheck,
    PhoneProblem,
    UnknownPhonePrefix,
    normalize_optional_phone,
    normalize_phone,
)
from antt_desktop.messages import describe


def warning_types(check: PhoneCheck) -> list[type]:
    return [type(warning) for warning in check.warnings]


@pytest.mark.parametrize(
    "raw",
    [
        "0912345678",
        "0912 345 678",
        "0912.345.678",
        "0912-345-678",
        " 0912\u00a0345\u00a0678 ",
        "(0912) 345 678",
        "+84 912 345 678",
        "+84912345678",
        "84912345678",
        "(+84)912345678",
        "+84 (0) 912 345 678",
        "0084 912 345 678",
        "０９１２３４５６７８",  # full-width digits from an IME
    ],
)
def test_mobile_numbers_in_every_usual_shape(raw):
    check = normalize_phone(raw)
    assert check.number == "0912345678"
    assert check.warnings == ()
    assert check.carrier == "VinaPhone"
    assert not check.is_landline


@pytest.mark.parametrize("raw", [912345678, "912345678", "912345678.0", 912345678.0, " 912 345 678 "])
def test_a_lost_leading_zero_is_restored_with_a_warning(raw):
    check = normalize_phone(raw)
    assert check.number == "0912345678"
    assert warning_types(check) == [LeadingZeroRestored]
    assert check.warnings[0].number == "0912345678"


@pytest.mark.parametrize(
    ("number", "carrier"),
    [
        ("0861234567", "Viettel"),
        ("0981234567", "Viettel"),
        ("0321234567", "Viettel"),
        ("0391234567", "Viettel"),
        ("0881234567", "VinaPhone"),
        ("0811234567", "VinaPhone"),
        ("0851234567", "VinaPhone"),
        ("0901234567", "MobiFone"),
        ("0701234567", "MobiFone"),
        ("0761234567", "MobiFone"),
        ("0921234567", "Vietnamobile"),
        ("0561234567", "Vietnamobile"),
        ("0591234567", "Gmobile"),
        ("0991234567", "Gmobile"),
        ("0871234567", "Itel"),
        ("0551234567", "Wintel"),
    ],
)
def test_known_prefixes_pass_without_warning(number, carrier):
    check = normalize_phone(number)
    assert (check.number, check.warnings, check.carrier) == (number, (), carrier)


def test_carrier_table_has_three_digit_prefixes_and_every_reference_carrier():
    assert all(len(prefix) == 3 and prefix.startswith("0") for prefix in MOBILE_CARRIERS)
    assert {f"03{d}" for d in range(2, 10)} <= set(MOBILE_CARRIERS)
    assert set(MOBILE_CARRIERS.values()) >= {"Viettel", "VinaPhone", "MobiFone", "Vietnamobile", "Gmobile"}


@pytest.mark.parametrize(("raw", "prefix"), [("0112345678", "011"), ("0201234567", "020"), ("0951234567", "095")])
def test_unknown_prefix_is_accepted_with_a_warning(raw, prefix):
    check = normalize_phone(raw)
    assert check.number == raw
    assert check.carrier is None
    assert warning_types(check) == [UnknownPhonePrefix]
    assert (check.warnings[0].prefix, check.warnings[0].number) == (prefix, raw)


@pytest.mark.parametrize(
    ("raw", "number", "warnings"),
    [
        ("02563 822 123", "02563822123", []),
        ("0256.3822.123", "02563822123", []),
        ("024 3825 1234", "02438251234", []),
        ("+84 256 3822 123", "02563822123", []),
        ("842563822123", "02563822123", []),
        ("2563822123", "02563822123", [LeadingZeroRestored]),
        (2563822123, "02563822123", [LeadingZeroRestored]),
    ],
)
def test_landlines(raw, number, warnings):
    check = normalize_phone(raw)
    assert check.number == number
    assert warning_types(check) == warnings
    assert check.is_landline
    assert check.carrier is None


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", PhoneProblem.EMPTY),
        ("   ", PhoneProblem.EMPTY),
        ("-", PhoneProblem.EMPTY),
        ("0912abc", PhoneProblem.NON_DIGIT),
        ("không có", PhoneProblem.NON_DIGIT),
        ("0912345678 / 0987654321", PhoneProblem.NON_DIGIT),
        ("0912345678; 0987654321", PhoneProblem.NON_DIGIT),
        ("9.12345678E+8", PhoneProblem.NON_DIGIT),
        ("0912+345678", PhoneProblem.NON_DIGIT),
        (-912345678, PhoneProblem.NON_DIGIT),
        ("09123", PhoneProblem.WRONG_LENGTH),
        ("091234567", PhoneProblem.WRONG_LENGTH),
        ("091234567890", PhoneProblem.WRONG_LENGTH),
        ("+84 91234", PhoneProblem.WRONG_LENGTH),
        ("01662345678", PhoneProblem.OLD_MOBILE_FORMAT),
        ("0168 234 5678", PhoneProblem.OLD_MOBILE_FORMAT),
        ("+1 555 123 4567", PhoneProblem.NOT_DOMESTIC),
        ("0033 1 23 45 67 89", PhoneProblem.NOT_DOMESTIC),
        ("1234567890", PhoneProblem.BAD_START),
        ("03123456789", PhoneProblem.BAD_START),
    ],
)
def test_refused_numbers_say_why(raw, reason):
    with pytest.raises(InvalidPhoneNumber) as caught:
        normalize_phone(raw)
    assert caught.value.reason is reason


@pytest.mark.parametrize("raw", [True, None, b"0912345678", ["0912345678"]])
def test_values_that_are_not_text_or_numbers_are_a_programming_error(raw):
    with pytest.raises(TypeError):
        normalize_phone(raw)


@pytest.mark.parametrize("raw", [None, "", "   ", "\u00a0", "-", "( )"])
def test_optional_phone_is_none_when_blank(raw):
    assert normalize_optional_phone(raw) is None


def test_optional_phone_still_cleans_and_refuses():
    assert normalize_optional_phone("0912 345 678") == PhoneCheck("0912345678", ())
    with pytest.raises(InvalidPhoneNumber):
        normalize_optional_phone("0912abc")


@pytest.mark.parametrize(
    "error",
    [
        InvalidPhoneNumber("0912abc", PhoneProblem.NON_DIGIT),
        UnknownPhonePrefix("011", "0112345678"),
        LeadingZeroRestored("0912345678"),
    ],
)
def test_errors_raise_pickle_and_accept_notes(error):
    with pytest.raises(type(error)) as caught:
        raise error
    assert caught.value is error
    error.add_note("dòng 12")
    with pytest.raises(type(error)), contextlib.ExitStack() as stack:
        stack.callback(lambda: None)
        raise error
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error) and str(copy) == str(error)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (InvalidPhoneNumber("", PhoneProblem.EMPTY), "Chưa nhập số điện thoại."),
        (
            InvalidPhoneNumber("0912abc", PhoneProblem.NON_DIGIT),
            "Số điện thoại «0912abc» có ký tự không phải chữ số",
        ),
        (
            InvalidPhoneNumber("0912345678 / 0987654321", PhoneProblem.NON_DIGIT),
            "có vẻ ghi hai số",
        ),
        (InvalidPhoneNumber("9.12345678E+8", PhoneProblem.NON_DIGIT), "số mũ của Excel"),
        (InvalidPhoneNumber("09123", PhoneProblem.WRONG_LENGTH), "«09123» có 5 chữ số"),
        (InvalidPhoneNumber("01662345678", PhoneProblem.OLD_MOBILE_FORMAT), "11 số kiểu cũ"),
        (InvalidPhoneNumber("+1 555 123 4567", PhoneProblem.NOT_DOMESTIC), "+84"),
        (InvalidPhoneNumber("1234567890", PhoneProblem.BAD_START), "không đúng dạng số Việt Nam"),
        (
            UnknownPhonePrefix("011", "0112345678"),
            "Đầu số 011 không thuộc nhà mạng nào đã biết — kiểm tra lại số điện thoại 0112345678.",
        ),
        (LeadingZeroRestored("0912345678"), "Đã thêm số 0 bị mất ở đầu số điện thoại: 0912345678."),
    ],
)
def test_every_error_and_warning_is_described_in_vietnamese(error, expected):
    sentence = describe(error)
    assert not sentence.startswith("Lỗi không mong đợi")
    assert expected in sentence


def test_every_refusal_reason_has_its_own_sentence():
    sentences = {describe(InvalidPhoneNumber("0912abc", reason)) for reason in PhoneProblem}
    assert len(sentences) == len(PhoneProblem)
