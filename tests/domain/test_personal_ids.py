"""Số định danh cá nhân / CMND: cleaning, structure (REFERENCE §8.1), warnings."""

from __future__ import annotations

import pickle
from contextlib import contextmanager
from dataclasses import FrozenInstanceError
from datetime import date

import pytest

from antt_desktop.domain.people import Gender
from antt_desktop.domain.personal_ids import (
    IdBirthYearInFuture,
    IdBirthYearMismatch,
    IdGenderMismatch,
    IdKind,
    ImpossibleCenturyDigit,
    InvalidPersonalId,
    LeadingZerosRestored,
    LegacyCmndNumber,
    PersonalIdCheck,
    PersonalIdNotDigits,
    PersonalIdWrongLength,
    UnknownBirthProvinceCode,
    check_personal_id,
    mask_personal_id,
)
from antt_desktop.reference.province_codes import load_province_codes

TODAY = date(2026, 7, 1)
FAKE_CODES = {"001": "Hà Nội", "079": "Hồ Chí Minh", "123": "Tỉnh Thử"}


def check(raw, codes=FAKE_CODES, **kwargs) -> PersonalIdCheck:
    return check_personal_id(raw, province_codes=codes, today=TODAY, **kwargs)


def warning_types(result: PersonalIdCheck) -> list[type]:
    return [type(w) for w in result.warnings]


# --- the real table -------------------------------------------------------------------


def test_real_table_has_the_63_provinces_keyed_by_three_digits():
    codes = load_province_codes()
    assert len(codes) == 63
    assert codes["001"] == "Hà Nội"
    assert codes["079"] == "Hồ Chí Minh"
    assert codes["096"] == "Cà Mau"
    assert all(len(code) == 3 and code.isdigit() for code in codes)
    assert load_province_codes() is codes  # cached


def test_real_table_is_read_only():
    with pytest.raises(TypeError):
        load_province_codes()["999"] = "X"  # type: ignore[index]


@pytest.mark.parametrize(
    ("number", "province", "gender", "year"),
    [
        ("001085012345", "Hà Nội", Gender.MALE, 1985),
        ("079190000001", "Hồ Chí Minh", Gender.FEMALE, 1990),
        ("096205123456", "Cà Mau", Gender.MALE, 2005),
        ("048326000000", "Đà Nẵng", Gender.FEMALE, 2026),   # born this year
        ("001000999999", "Hà Nội", Gender.MALE, 1900),
    ],
)
def test_valid_cccd_against_the_real_table(number, province, gender, year):
    result = check(number, codes=load_province_codes())
    assert result == PersonalIdCheck(
        number=number,
        kind=IdKind.CCCD,
        province_code=number[:3],
        province_name=province,
        gender_from_id=gender,
        birth_year_from_id=year,
        warnings=(),
    )


def test_code_003_is_not_a_province_in_the_real_table():
    with pytest.raises(UnknownBirthProvinceCode) as caught:
        check("003085012345", codes=load_province_codes())
    assert caught.value.code == "003"


# --- cleaning --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "001085012345",
        " 001085012345 ",
        "001 085 012 345",
        "001.085.012.345",
        "001-085-012-345",
        "'001085012345",
        "’001085012345",
        "001085012345.0",
        "001085012345.00",
        "００１０８５０１２３４５",     # full-width digits
        "001\u00a0085\u00a0012345",  # non-breaking spaces
    ],
)
def test_cleaning_keeps_only_the_digits(raw):
    result = check(raw)
    assert result.number == "001085012345"
    assert result.warnings == ()


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "00108501234X", "1.08501E+11", "1,08501E+11", "001/085/012/345", "001_085_012_345"],
)
def test_non_digits_are_rejected(raw):
    with pytest.raises(PersonalIdNotDigits) as caught:
        check(raw)
    assert caught.value.raw == raw


@pytest.mark.parametrize("raw", [-1085012345, True, 1.5, -2.0])
def test_non_digit_numbers_are_rejected(raw):
    with pytest.raises(PersonalIdNotDigits):
        check(raw)


def test_int_input_of_a_full_length_id():
    assert check(123085012345).number == "123085012345"


def test_int_input_restores_the_dropped_leading_zero():
    result = check(79190000001)
    assert result.number == "079190000001"
    assert result.province_name == "Hồ Chí Minh"
    assert [(w.original, w.restored) for w in result.warnings] == [("79190000001", "079190000001")]


def test_float_input_from_a_spreadsheet_cell():
    assert check(1085012345.0).number == "001085012345"


# --- structure errors ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "length"),
    [
        ("1234567", 7),
        ("0010850123456", 13),
        ("00108501234567", 14),
        ("0912345678", 10),      # a phone number: "000912345678" has no province 000
        ("99085012345", 11),     # "099…" is not in the table
        ("12345678901", 11),     # "012…" is not in the table
        ("1685012345", 10),      # "001685…": century digit 6
        ("1287012345", 10),      # "001287…": born 2087, in the future
    ],
)
def test_wrong_length_reports_the_original_digits(raw, length):
    with pytest.raises(PersonalIdWrongLength) as caught:
        check(raw)
    assert (caught.value.number, caught.value.length) == (raw, length)


@pytest.mark.parametrize(
    ("number", "code"),
    [("099085012345", "099"), ("000085012345", "000"), ("123085012345", None)],
)
def test_province_code_must_be_in_the_table(number, code):
    if code is None:
        assert check(number).province_name == "Tỉnh Thử"
        return
    with pytest.raises(UnknownBirthProvinceCode) as caught:
        check(number)
    assert caught.value.code == code
    assert caught.value.number == number


@pytest.mark.parametrize("digit", [4, 5, 6, 7, 8, 9])
def test_century_digits_after_the_21st_century_are_impossible(digit):
    with pytest.raises(ImpossibleCenturyDigit) as caught:
        check(f"001{digit}00012345")
    assert caught.value.digit == digit


@pytest.mark.parametrize(
    ("number", "accepted_year"),
    [
        ("001226012345", 2026),   # born this year: accepted
        ("001327012345", None),   # 2027: future
        ("001299012345", None),   # 2099: future
        ("001099012345", 1999),   # 1900s are always in the past
    ],
)
def test_birth_year_cannot_be_in_the_future(number, accepted_year):
    if accepted_year is not None:
        assert check(number).birth_year_from_id == accepted_year
        return
    with pytest.raises(IdBirthYearInFuture) as caught:
        check(number)
    assert caught.value.current_year == 2026
    assert caught.value.id_year == 2000 + int(number[4:6])


def test_today_defaults_to_the_system_date():
    result = check_personal_id("001085012345", province_codes=FAKE_CODES)
    assert result.birth_year_from_id == 1985


def test_every_hard_error_is_an_invalid_personal_id():
    for error_type in (PersonalIdNotDigits, PersonalIdWrongLength, UnknownBirthProvinceCode,
                       ImpossibleCenturyDigit, IdBirthYearInFuture):
        assert issubclass(error_type, InvalidPersonalId)


# --- century and sex -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("digit", "gender", "year"),
    [
        (0, Gender.MALE, 1985),
        (1, Gender.FEMALE, 1985),
        (2, Gender.MALE, 2005),
        (3, Gender.FEMALE, 2005),
    ],
)
def test_fourth_digit_gives_century_and_sex(digit, gender, year):
    result = check(f"079{digit}{year % 100:02d}000001")
    assert (result.gender_from_id, result.birth_year_from_id) == (gender, year)


# --- leading zeros a spreadsheet dropped ------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "restored", "kind"),
    [
        ("79190000001", "079190000001", IdKind.CCCD),    # 11 digits
        ("1085012345", "001085012345", IdKind.CCCD),     # 10 digits
        ("1085012345.0", "001085012345", IdKind.CCCD),
        ("12345678", "012345678", IdKind.CMND),          # 8 digits
    ],
)
def test_leading_zeros_are_restored_when_the_result_is_valid(raw, restored, kind):
    result = check(raw)
    assert result.number == restored
    assert result.kind is kind
    assert isinstance(result.warnings[0], LeadingZerosRestored)
    assert (result.warnings[0].original, result.warnings[0].restored) == (raw.removesuffix(".0"), restored)
    expected = [LeadingZerosRestored] + ([LegacyCmndNumber] if kind is IdKind.CMND else [])
    assert warning_types(result) == expected


def test_restored_id_is_still_checked_against_the_stated_facts():
    result = check("1085012345", birth_year=1986, gender=Gender.FEMALE)
    assert warning_types(result) == [LeadingZerosRestored, IdGenderMismatch, IdBirthYearMismatch]


# --- legacy CMND ---------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["012345678", "123 456 789", 123456789])
def test_nine_digits_are_a_legacy_cmnd(raw):
    result = check(raw, gender=Gender.FEMALE, birth_year=1950)
    assert result.kind is IdKind.CMND
    assert result.province_code is result.province_name is None
    assert result.gender_from_id is result.birth_year_from_id is None
    # No structure to compare with the stated sex and year: only the legacy warning.
    assert warning_types(result) == [LegacyCmndNumber]
    assert result.warnings[0].number == str(raw).replace(" ", "")


# --- stated sex and birth year --------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "kwargs", "expected"),
    [
        ("001085012345", {"gender": Gender.MALE, "birth_year": 1985}, []),
        ("001085012345", {"gender": Gender.FEMALE}, [IdGenderMismatch]),
        ("001185012345", {"gender": Gender.MALE}, [IdGenderMismatch]),
        ("001085012345", {"birth_year": 1986}, [IdBirthYearMismatch]),
        ("001085012345", {"birth_date": date(1985, 12, 31)}, []),
        ("001085012345", {"birth_date": date(2085, 1, 1)}, [IdBirthYearMismatch]),   # century counts
        ("001205012345", {"birth_year": 1905}, [IdBirthYearMismatch]),
        # birth_date wins over birth_year when both are given
        ("001085012345", {"birth_date": date(1985, 5, 5), "birth_year": 1990}, []),
        ("001085012345", {"birth_date": date(1984, 5, 5), "birth_year": 1985}, [IdBirthYearMismatch]),
        ("001185012345", {"gender": Gender.MALE, "birth_year": 1984}, [IdGenderMismatch, IdBirthYearMismatch]),
    ],
)
def test_mismatches_with_the_record_are_warnings(number, kwargs, expected):
    assert warning_types(check(number, **kwargs)) == expected


def test_mismatch_warnings_carry_both_values():
    gender_warning, year_warning = check("001185012345", gender=Gender.MALE, birth_year=1984).warnings
    assert (gender_warning.id_gender, gender_warning.stated_gender) == (Gender.FEMALE, Gender.MALE)
    assert (year_warning.id_year, year_warning.stated_year) == (1985, 1984)


# --- masking ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "masked"),
    [("001085012345", "********2345"), ("012345678", "*****5678"), ("1234", "****"), ("", "")],
)
def test_mask_keeps_the_last_four_digits(number, masked):
    assert mask_personal_id(number) == masked


# --- errors behave as exceptions ---------------------------------------------------------


@pytest.mark.parametrize(
    "error",
    [
        PersonalIdNotDigits("x"),
        PersonalIdWrongLength("123", 3),
        UnknownBirthProvinceCode("099", "099085012345"),
        ImpossibleCenturyDigit(7, "001785012345"),
        IdBirthYearInFuture(2087, 2026, "001287012345"),
        LeadingZerosRestored("1085012345", "001085012345"),
        LegacyCmndNumber("012345678"),
        IdGenderMismatch(Gender.FEMALE, Gender.MALE),
        IdBirthYearMismatch(1985, 1986),
    ],
)
def test_errors_raise_and_pickle_with_their_data(error):
    with pytest.raises(type(error)) as caught:
        raise error
    assert caught.value is error
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert type(error).__name__ in str(error)


def test_errors_survive_a_contextmanager_and_notes():
    # Python sets __traceback__ / __notes__ on the exception; its fields stay frozen.
    @contextmanager
    def transaction():
        try:
            yield
        except Exception:
            raise

    with pytest.raises(UnknownBirthProvinceCode) as caught:
        with transaction():
            check("099085012345")
    caught.value.add_note("row 12")
    assert caught.value.__notes__ == ["row 12"]
    with pytest.raises(FrozenInstanceError):
        caught.value.code = "001"  # type: ignore[misc]
