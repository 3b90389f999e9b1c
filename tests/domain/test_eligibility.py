"""Điều kiện tham gia (Luật 30/2023 Điều 13): age, residence and education boundaries."""

from __future__ import annotations

import pickle
from datetime import date

import pytest

from antt_desktop.domain.eligibility import (
    BirthDateIncomplete,
    BirthDateMissing,
    Candidate,
    ConditionFailure,
    EducationMissing,
    EducationTooLow,
    FailureSeverity,
    MembershipRules,
    OverMaximumAge,
    ResidenceSinceMissing,
    ResidenceTooShort,
    UnderMinimumAge,
    add_months,
    age_on,
    check_membership_conditions,
)
from antt_desktop.domain.people import EducationLevel

ON = date(2026, 7, 1)
LONG_AGO = date(2020, 1, 1)


def eligible(**changes) -> Candidate:
    """A candidate who meets every condition on ON, changed by `changes`."""
    values = dict(
        birth_date=date(1990, 5, 17),
        birth_year=None,
        residence_since=LONG_AGO,
        education_level=EducationLevel.LOWER_SECONDARY,
        in_exempt_area=False,
        over_70_override=False,
    )
    values.update(changes)
    return Candidate(**values)


def failure_types(candidate: Candidate, on: date = ON, **kwargs) -> list[type]:
    return [type(f) for f in check_membership_conditions(candidate, on, **kwargs)]


# --- age_on ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (date(2008, 7, 1), date(2026, 6, 30), 17),
        (date(2008, 7, 1), date(2026, 7, 1), 18),
        (date(2008, 7, 1), date(2026, 7, 2), 18),
        (date(2008, 12, 31), date(2026, 1, 1), 17),
        (date(2008, 1, 1), date(2026, 12, 31), 18),
        # 29/02: a year older on 01/03 in a common year, on 29/02 in a leap year
        (date(2008, 2, 29), date(2026, 2, 28), 17),
        (date(2008, 2, 29), date(2026, 3, 1), 18),
        (date(2008, 2, 29), date(2028, 2, 28), 19),
        (date(2008, 2, 29), date(2028, 2, 29), 20),
        (date(2026, 7, 1), date(2026, 7, 1), 0),
    ],
)
def test_age_in_full_years(birth, on, age):
    assert age_on(birth, on) == age


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2025, 3, 15), 12, date(2026, 3, 15)),
        (date(2024, 2, 29), 12, date(2025, 3, 1)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2025, 1, 31), 1, date(2025, 3, 1)),
        (date(2025, 12, 31), 2, date(2026, 3, 1)),   # 31/02 does not exist -> 01/03
        (date(2025, 11, 30), 2, date(2026, 1, 30)),
        (date(2025, 3, 15), -3, date(2024, 12, 15)),
    ],
)
def test_add_months(start, months, end):
    assert add_months(start, months) == end


# --- age condition -------------------------------------------------------------------


def test_the_reference_candidate_is_eligible():
    assert check_membership_conditions(eligible(), ON) == ()


@pytest.mark.parametrize(
    ("birth", "expected"),
    [
        (date(2008, 7, 2), [UnderMinimumAge]),   # 18th birthday tomorrow
        (date(2008, 7, 1), []),                  # 18th birthday today
        (date(1956, 7, 1), []),                  # 70th birthday today
        (date(1955, 7, 2), []),                  # 71st birthday tomorrow: still "đủ 70"
        (date(1955, 7, 1), [OverMaximumAge]),    # 71st birthday today
        (date(1930, 1, 1), [OverMaximumAge]),
        (date(2026, 8, 1), [UnderMinimumAge]),   # not born yet on ON
    ],
)
def test_age_boundaries(birth, expected):
    assert failure_types(eligible(birth_date=birth)) == expected


def test_under_age_carries_the_age_and_date():
    (failure,) = check_membership_conditions(eligible(birth_date=date(2008, 7, 2)), ON)
    assert (failure.age, failure.on, failure.minimum_age) == (17, ON, 18)
    assert failure.severity is FailureSeverity.BLOCKING


def test_over_age_carries_the_age_and_date():
    (failure,) = check_membership_conditions(eligible(birth_date=date(1955, 7, 1)), ON)
    assert (failure.age, failure.on, failure.maximum_age) == (71, ON, 70)
    assert failure.severity is FailureSeverity.BLOCKING


@pytest.mark.parametrize(
    ("birth", "on", "expected"),
    [
        (date(2008, 2, 29), date(2026, 2, 28), [UnderMinimumAge]),
        (date(2008, 2, 29), date(2026, 3, 1), []),
        (date(1956, 2, 29), date(2027, 2, 28), []),                # still 70
        (date(1956, 2, 29), date(2027, 3, 1), [OverMaximumAge]),   # 71 from 01/03
    ],
)
def test_leap_day_birthdays(birth, on, expected):
    candidate = eligible(birth_date=birth, residence_since=date(2000, 1, 1))
    assert failure_types(candidate, on) == expected


@pytest.mark.parametrize("birth", [date(1955, 7, 1), date(1930, 1, 1)])
def test_override_allows_members_over_70(birth):
    assert failure_types(eligible(birth_date=birth, over_70_override=True)) == []


def test_override_does_not_lift_the_minimum_age():
    assert failure_types(eligible(birth_date=date(2010, 1, 1), over_70_override=True)) == [UnderMinimumAge]


def test_missing_birth_date_is_incomplete():
    (failure,) = check_membership_conditions(eligible(birth_date=None), ON)
    assert isinstance(failure, BirthDateMissing)
    assert failure.severity is FailureSeverity.INCOMPLETE


# --- year-only birth dates ------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "override", "expected"),
    [
        (2010, False, [UnderMinimumAge]),      # at most 16
        (2009, False, [UnderMinimumAge]),      # at most 17
        (2008, False, [BirthDateIncomplete]),  # 17 or 18: needs the day
        (2007, False, []),                     # 18 or 19
        (1990, False, []),
        (1956, False, []),                     # 69 or 70
        (1955, False, [BirthDateIncomplete]),  # 70 or 71: needs the day
        (1955, True, []),                      # …unless over 70 is approved anyway
        (1954, False, [OverMaximumAge]),       # 71 or 72
        (1954, True, []),
    ],
)
def test_year_only_birth_decides_when_the_year_proves_it(year, override, expected):
    candidate = eligible(birth_date=None, birth_year=year, over_70_override=override)
    assert failure_types(candidate) == expected


def test_year_only_failures_carry_what_is_known():
    (young,) = check_membership_conditions(eligible(birth_date=None, birth_year=2008), ON)
    assert (young.birth_year, young.on, young.limit_age, young.is_upper_limit) == (2008, ON, 18, False)
    assert young.severity is FailureSeverity.INCOMPLETE
    (old,) = check_membership_conditions(eligible(birth_date=None, birth_year=1955), ON)
    assert (old.birth_year, old.limit_age, old.is_upper_limit) == (1955, 70, True)
    (over,) = check_membership_conditions(eligible(birth_date=None, birth_year=1954), ON)
    assert over.age == 71   # at least 71
    (under,) = check_membership_conditions(eligible(birth_date=None, birth_year=2009), ON)
    assert under.age == 17  # at most 17


def test_full_birth_date_wins_over_the_year():
    assert failure_types(eligible(birth_date=date(2008, 7, 1), birth_year=2008)) == []


# --- residence -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("since", "expected"),
    [
        (date(2025, 7, 1), []),                     # exactly one year
        (date(2025, 7, 2), [ResidenceTooShort]),    # one day short
        (date(2025, 6, 30), []),
        (date(2026, 3, 15), [ResidenceTooShort]),
        (date(2026, 7, 1), [ResidenceTooShort]),    # since today
        (date(2026, 9, 1), [ResidenceTooShort]),    # in the future
        (None, [ResidenceSinceMissing]),
    ],
)
def test_residence_of_at_least_one_year(since, expected):
    assert failure_types(eligible(residence_since=since)) == expected


def test_residence_from_a_leap_day_is_complete_on_1_march():
    candidate = eligible(residence_since=date(2024, 2, 29))
    assert failure_types(candidate, date(2025, 2, 28)) == [ResidenceTooShort]
    assert failure_types(candidate, date(2025, 3, 1)) == []


def test_residence_failure_carries_the_period():
    (failure,) = check_membership_conditions(eligible(residence_since=date(2026, 3, 15)), ON)
    assert (failure.since, failure.on, failure.required_months) == (date(2026, 3, 15), ON, 12)
    assert failure.severity is FailureSeverity.BLOCKING
    (missing,) = check_membership_conditions(eligible(residence_since=None), ON)
    assert missing.severity is FailureSeverity.INCOMPLETE


# --- education -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "exempt", "expected"),
    [
        (EducationLevel.NONE, False, [EducationTooLow]),
        (EducationLevel.PRIMARY, False, [EducationTooLow]),
        (EducationLevel.LOWER_SECONDARY, False, []),
        (EducationLevel.UNIVERSITY, False, []),
        (EducationLevel.NONE, True, [EducationTooLow]),
        (EducationLevel.PRIMARY, True, []),       # primary suffices in exempt areas
        (EducationLevel.UPPER_SECONDARY, True, []),
        (None, False, [EducationMissing]),
        (None, True, [EducationMissing]),
    ],
)
def test_education(level, exempt, expected):
    assert failure_types(eligible(education_level=level, in_exempt_area=exempt)) == expected


@pytest.mark.parametrize(
    ("level", "exempt", "required"),
    [
        (EducationLevel.PRIMARY, False, EducationLevel.LOWER_SECONDARY),
        (EducationLevel.NONE, True, EducationLevel.PRIMARY),
    ],
)
def test_education_failure_names_the_required_level(level, exempt, required):
    (failure,) = check_membership_conditions(eligible(education_level=level, in_exempt_area=exempt), ON)
    assert (failure.level, failure.required) == (level, required)


# --- several failures and configurable rules --------------------------------------------


def test_every_failed_condition_is_returned_in_order():
    candidate = Candidate(birth_date=date(2010, 1, 1), residence_since=date(2026, 1, 1),
                          education_level=EducationLevel.PRIMARY)
    assert failure_types(candidate) == [UnderMinimumAge, ResidenceTooShort, EducationTooLow]


def test_an_empty_candidate_lists_what_is_missing():
    failures = check_membership_conditions(Candidate(), ON)
    assert [type(f) for f in failures] == [BirthDateMissing, ResidenceSinceMissing, EducationMissing]
    assert all(f.severity is FailureSeverity.INCOMPLETE for f in failures)


def test_rules_are_configurable():
    rules = MembershipRules(minimum_age=20, maximum_age=60, minimum_residence_months=6,
                            required_education=EducationLevel.UPPER_SECONDARY)
    candidate = eligible(birth_date=date(2007, 1, 1), residence_since=date(2026, 1, 1))
    failures = check_membership_conditions(candidate, ON, rules)
    assert [type(f) for f in failures] == [UnderMinimumAge, EducationTooLow]
    assert failures[0].minimum_age == 20
    assert failures[1].required is EducationLevel.UPPER_SECONDARY
    old_candidate = eligible(birth_date=date(1965, 1, 1), education_level=EducationLevel.UNIVERSITY)
    old = check_membership_conditions(old_candidate, ON, rules)
    assert [(type(f), f.maximum_age) for f in old] == [(OverMaximumAge, 60)]


# --- failures behave as exceptions --------------------------------------------------------


@pytest.mark.parametrize(
    "failure",
    [
        UnderMinimumAge(17, ON),
        OverMaximumAge(71, ON),
        BirthDateMissing(),
        BirthDateIncomplete(2008, ON, 18, False),
        ResidenceTooShort(date(2026, 3, 15), ON),
        ResidenceSinceMissing(),
        EducationTooLow(EducationLevel.PRIMARY, EducationLevel.LOWER_SECONDARY),
        EducationMissing(),
    ],
)
def test_failures_raise_and_pickle(failure):
    assert isinstance(failure, ConditionFailure)
    with pytest.raises(ConditionFailure):
        raise failure
    copy = pickle.loads(pickle.dumps(failure))
    assert type(copy) is type(failure)
    assert str(copy) == str(failure)
    assert copy.severity is failure.severity
