"""Hostile input to ID parsing (issue #8): whatever a cell or a form holds, check_personal_id
either returns a clean 9- or 12-digit number or raises a DomainError with a Vietnamese
sentence — never any other exception."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from antt_desktop.domain.errors import DomainError
from antt_desktop.domain.people import Gender
from antt_desktop.domain.personal_ids import IdKind, check_personal_id, mask_personal_id
from antt_desktop.messages import describe
from antt_desktop.reference.province_codes import load_province_codes

TODAY = date(2026, 11, 22)
PROVINCES = load_province_codes()

digits_with_noise = st.text(alphabet="0123456789 .-'’_/\u00a0\u3000０１２３", max_size=24)
likely_ids = st.from_regex(r"\A0\d{11}\Z") | st.from_regex(r"\A\d{9,12}\Z")
raw_values = st.one_of(
    st.text(max_size=40), digits_with_noise, likely_ids,
    st.integers(min_value=-10**15, max_value=10**15), st.integers(),
    st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=raw_values,
       birth_date=st.none() | st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
       birth_year=st.none() | st.integers(min_value=-10**6, max_value=10**6),
       gender=st.none() | st.sampled_from(Gender))
@example(raw="064185012345", birth_date=date(1985, 3, 4), birth_year=None, gender=Gender.FEMALE)
@example(raw=float("nan"), birth_date=None, birth_year=None, gender=None)
@example(raw="٠٦٤١٨٥٠١٢٣٤٥", birth_date=None, birth_year=None, gender=None)    # Arabic-Indic digits
@example(raw=10**5000, birth_date=None, birth_year=None, gender=None)           # past int→str's limit
@example(raw=-10**5000, birth_date=None, birth_year=None, gender=None)
def test_id_parsing_never_crashes_and_explains_every_refusal(raw, birth_date, birth_year, gender):
    try:
        result = check_personal_id(raw, province_codes=PROVINCES, birth_date=birth_date,
                                   birth_year=birth_year, gender=gender, today=TODAY)
    except DomainError as error:
        sentence = describe(error)
        assert sentence and not sentence.startswith("Lỗi không mong đợi"), type(error)
        return
    assert result.number.isascii() and result.number.isdigit()
    assert len(result.number) == (12 if result.kind is IdKind.CCCD else 9)
    for warning in result.warnings:
        assert not describe(warning).startswith("Lỗi không mong đợi")


@given(st.text(alphabet="0123456789", max_size=20))
def test_masking_keeps_the_length_and_only_the_last_four_digits(number):
    masked = mask_personal_id(number)
    assert len(masked) == len(number)
    shown = masked.lstrip("*")
    assert len(shown) <= 4 and number.endswith(shown)
