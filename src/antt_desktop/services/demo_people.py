"""Realistic, deterministic Vietnamese people and places for the demo commune and benchmarks."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from antt_desktop.domain.people import EducationLevel, Gender, PriorForce

FAMILY_NAMES = (
    ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 50), ("Phan", 45),
    ("Vũ", 39), ("Huỳnh", 30), ("Võ", 30), ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13),
    ("Ngô", 13), ("Dương", 10), ("Đinh", 10), ("Trương", 9), ("Lý", 5), ("Mai", 5),
    ("Đoàn", 5), ("Lâm", 4), ("Hà", 5), ("Cao", 4), ("Tô", 3), ("Rơ Châm", 3), ("Ksor", 4),
    ("Siu", 3), ("Rah Lan", 2),
)
MALE_MIDDLE = ("Văn", "Văn", "Văn", "Đức", "Minh", "Hữu", "Quang", "Công", "Đình", "Ngọc",
               "Xuân", "Thanh", "Quốc", "Trọng", "Anh", "Tiến", "Mạnh", "Văn Minh", "Đăng")
FEMALE_MIDDLE = ("Thị", "Thị", "Thị", "Thị Kim", "Thị Thu", "Thị Thanh", "Ngọc", "Thu",
                 "Thị Minh", "Hồng", "Thị Ánh")
MALE_GIVEN = ("An", "Bình", "Cường", "Dũng", "Đức", "Đạt", "Giang", "Hải", "Hiếu", "Hoàng",
              "Hùng", "Huy", "Hưng", "Khánh", "Khoa", "Kiên", "Lâm", "Long", "Lợi", "Lực",
              "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Tâm",
              "Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ",
              "Ánh", "Ân", "Bảo", "Chiến", "Định", "Hậu")
FEMALE_GIVEN = ("Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng",
                "Huệ", "Hương", "Lan", "Linh", "Loan", "Mai", "Nga", "Ngọc", "Nhung", "Oanh",
                "Phương", "Quyên", "Thảo", "Thu", "Trang", "Tuyết", "Vân", "Yến", "Ánh")
ETHNICITIES = (("Kinh", 80), ("Gia Rai", 10), ("Ba Na", 6), ("Tày", 2), ("Thái", 2))
EDUCATION = ((EducationLevel.PRIMARY, 3), (EducationLevel.LOWER_SECONDARY, 40),
             (EducationLevel.UPPER_SECONDARY, 36), (EducationLevel.VOCATIONAL, 9),
             (EducationLevel.COLLEGE, 4), (EducationLevel.UNIVERSITY, 8))
PRIOR_FORCES = ((PriorForce.CIVIL_GUARD, 35), (PriorForce.PART_TIME_POLICE, 25),
                (PriorForce.FIRE_SQUAD_LEADER, 8), (PriorForce.FIRE_SQUAD_DEPUTY, 7),
                (PriorForce.NEW, 25))
MOBILE_PREFIXES = ("086", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038",
                   "039", "088", "091", "094", "081", "082", "083", "084", "085", "089", "090",
                   "093", "070", "076", "077", "078", "079", "092", "056", "058")
BIRTH_PROVINCES = (("064", 55), ("052", 20), ("054", 5), ("051", 5), ("040", 5), ("001", 5),
                   ("079", 5))


@dataclass(frozen=True, slots=True)
class DemoPerson:
    full_name: str
    gender: Gender
    birth_date: date
    id_number: str
    phone: str
    ethnicity: str
    education_level: EducationLevel
    prior_force: PriorForce
    residence_since: date


class PersonFactory:
    """Deterministic for a given seed; every ID number is valid and unique."""

    def __init__(self, seed: int, today: date) -> None:
        self._rng = random.Random(seed)
        self._today = today
        self._used_ids: set[str] = set()
        self._families = [n for n, _ in FAMILY_NAMES]
        self._family_weights = [w for _, w in FAMILY_NAMES]

    def _pick(self, weighted):
        values, weights = zip(*weighted)
        return self._rng.choices(values, weights)[0]

    def person(self, *, min_age: int = 20, max_age: int = 66, female_share: float = 0.12) -> DemoPerson:
        rng = self._rng
        gender = Gender.FEMALE if rng.random() < female_share else Gender.MALE
        family = rng.choices(self._families, self._family_weights)[0]
        if gender is Gender.MALE:
            name = f"{family} {rng.choice(MALE_MIDDLE)} {rng.choice(MALE_GIVEN)}"
        else:
            name = f"{family} {rng.choice(FEMALE_MIDDLE)} {rng.choice(FEMALE_GIVEN)}"
        age_days = rng.randint(min_age * 365 + 5, max_age * 365)
        birth = self._today - timedelta(days=age_days)
        return DemoPerson(
            full_name=name, gender=gender, birth_date=birth,
            id_number=self._id_number(birth, gender),
            phone=rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**7):07d}",
            ethnicity=self._pick(ETHNICITIES), education_level=self._pick(EDUCATION),
            prior_force=self._pick(PRIOR_FORCES),
            residence_since=birth + timedelta(days=rng.randint(0, 20 * 365)),
        )

    def _id_number(self, birth: date, gender: Gender) -> str:
        # Thông tư 59/2021 Điều 4: province of birth, century+sex digit, year digits, random.
        century_digit = (birth.year // 100 - 19) * 2 + (1 if gender is Gender.FEMALE else 0)
        while True:
            number = (f"{self._pick(BIRTH_PROVINCES)}{century_digit}{birth.year % 100:02d}"
                      f"{self._rng.randrange(10**6):06d}")
            if number not in self._used_ids:
                self._used_ids.add(number)
                return number

    def randint(self, low: int, high: int) -> int:
        return self._rng.randint(low, high)

    def random(self) -> float:
        return self._rng.random()

    def choice(self, values):
        return self._rng.choice(values)
