"""Regenerate resources/policies/*.json from the research file ../shared/domain/policies.json.

    .venv/bin/python installer/seed_policies.py [SOURCE] [--check]

The research file is heterogeneous (each province's news source had its own shape) and marks
unknown figures with the word UNCONFIRMED. This script maps each province's shape onto the
schema of `antt_desktop.domain.policies` by hand, reading every number from the source: where
the source has no usable number the field becomes null and its path goes into `unconfirmed`.
Each record is then passed through `policy_from_dict` / `policy_to_dict`, so the files are
validated and in canonical form. `--check` only reports files that would change.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from antt_desktop.domain.policies import (  # noqa: E402
    base_salary_table_from_dict,
    base_salary_table_to_dict,
    national_insurance_from_dict,
    national_insurance_to_dict,
    policy_from_dict,
    policy_to_dict,
)

DEFAULT_SOURCE = REPO.parent / "shared" / "domain" / "policies.json"
TARGET = REPO / "resources" / "policies"
BASE_SALARY_FILE = "base_salary.json"
NATIONAL_INSURANCE_FILE = "national_insurance.json"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
POSITIONS = ("to_truong", "to_pho", "to_vien")
ZERO_ADDON = {"to_truong": 0, "to_pho": 0, "to_vien": 0}


def nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(v) for v in value]
    if isinstance(value, dict):
        return {nfc(k): nfc(v) for k, v in value.items()}
    return value


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class Record:
    """One policy version being built; `unknown(path)` records an unconfirmed field."""

    def __init__(self, ident: str, province: dict, resolution: dict):
        self.province = province
        self.resolution = resolution
        self.unconfirmed: list[str] = []
        self.notes: list[str] = []
        self.data: dict[str, Any] = {
            "schema_version": 1,
            "id": ident,
            "province_name": province["province"],
            "province_code": province["cccd_code"],
            "post_merger_parent": None,
            "resolution_number": None,
            "issued_on": None,
            "effective_from": None,
            "effective_to": None,
            "confirmed": bool(resolution.get("confirmed", False)),
            "unconfirmed": self.unconfirmed,
            "sources": list(resolution.get("sources", [])),
            "notes": self.notes,
            "sizing": None,
            "monthly_support": None,
            "insurance_support": None,
            "duty_allowances": None,
        }
        parent = province.get("post_merger_parent")
        if parent:
            self.data["post_merger_parent"] = parent.split(" (")[0].strip()
            if parent != self.data["post_merger_parent"]:
                self.note(f"Sau sáp nhập (nguồn): {parent}")
        self._number(resolution.get("number"))
        if "resolution_number" in self.unconfirmed:
            # "Đã đối chiếu với văn bản" cannot be said of a resolution whose number is unknown;
            # the source's own flag still vouches for the figures it quotes (sizing below).
            self.data["confirmed"] = False
        self.data["issued_on"] = self._date(resolution.get("issued"), "issued_on", "Ngày ban hành")
        self.data["effective_from"] = self._date(resolution.get("effective"), "effective_from", "Ngày có hiệu lực")
        for key, label in (("signer", "Người ký"), ("scope", "Phạm vi"), ("other", "Khác"),
                           ("stats", "Số liệu"), ("note", "Ghi chú nguồn")):
            if resolution.get(key):
                self.note(f"{label}: {resolution[key]}")

    @property
    def confirmed(self) -> bool:
        """Whether the source vouches for the figures it quotes."""
        return bool(self.resolution.get("confirmed", False))

    def unknown(self, path: str) -> None:
        if path not in self.unconfirmed:
            self.unconfirmed.append(path)

    def note(self, text: str) -> None:
        self.notes.append(text)

    def _number(self, raw: str | None) -> None:
        if raw and "UNCONFIRMED" not in raw:
            self.data["resolution_number"] = raw
            return
        self.unknown("resolution_number")
        if raw:
            self.note(f"Số nghị quyết chưa xác nhận; nguồn ghi: {raw}")

    def _date(self, raw: str | None, path: str, label: str) -> str | None:
        if isinstance(raw, str) and ISO_DATE.match(raw):
            return raw
        self.unknown(path)
        if raw:
            self.note(f"{label} chưa xác nhận; nguồn ghi: {raw}")
        return None

    def sizing_notes(self, sizing: dict) -> None:
        for key in ("structure", "note", "stats", "implementing_decision", "review", "post_merger", "unit"):
            if sizing.get(key):
                self.note(f"Tiêu chí số lượng ({key}): {sizing[key]}")

    def set_sizing(self, basis: str, tables: list[dict]) -> None:
        self.data["sizing"] = {"basis": basis, "confirmed": self.confirmed, "tables": tables}

    def no_sizing(self, reason: str | None = None) -> None:
        self.unknown("sizing")
        if reason:
            self.note(reason)

    # monthly support

    def fixed_support(self, ms: dict) -> None:
        amounts = {}
        for key in POSITIONS:
            value = ms.get(key)
            if isinstance(value, int):
                amounts[key] = value
            else:
                amounts[key] = None
                self.unknown(f"monthly_support.amount_dong.{key}")
                if value:
                    self.note(f"Mức hỗ trợ {key} chưa xác nhận; nguồn ghi: {value}")
        self.data["monthly_support"] = support("fixed_per_position", self.confirmed, amount_dong=amounts)
        self.support_notes(ms)

    def range_support(self, ms: dict) -> None:
        self.data["monthly_support"] = support("range", self.confirmed,
                                               range_dong={"min": ms["min"], "max": ms["max"]})
        self.note("Tỉnh quy định khung mức hỗ trợ; xã chọn mức áp dụng trong khung (nhập trong phần Cài đặt).")
        self.support_notes(ms)

    def support_notes(self, ms: dict) -> None:
        for key, value in ms.items():
            if key.endswith("_derived"):
                self.note(f"Suy ra khi tổng hợp, không phải nguồn ghi ({key}): {json.dumps(value, ensure_ascii=False)}")
            elif key in ("note", "extras"):
                self.note(f"Hỗ trợ hằng tháng ({key}): {value}")

    def no_support(self, ms: dict | None) -> None:
        self.unknown("monthly_support")
        if ms and ms.get("mode"):
            self.note(f"Hỗ trợ hằng tháng chưa xác nhận; nguồn ghi: {ms['mode']}")

    def insurance(self, bhxh: dict | None, bhyt: dict | None) -> None:
        unknown = {"mode": "unknown", "percent": None, "amount_dong": None,
                   "contribution_base": "unspecified", "reported_text": ""}
        result = {"bhxh_tu_nguyen": bhxh or dict(unknown), "bhyt": bhyt or dict(unknown)}
        for key, rule in result.items():
            if rule["mode"] == "unknown":
                self.unknown(f"insurance_support.{key}")
        self.data["insurance_support"] = result

    def done(self) -> dict:
        for section in ("sizing", "monthly_support", "insurance_support", "duty_allowances"):
            if self.data[section] is None:
                self.unknown(section)
        return self.data


def support(mode: str, confirmed: bool, **fields: Any) -> dict:
    rule = {"mode": mode, "confirmed": confirmed, "amount_dong": None, "coefficient": None,
            "flat_dong": None, "range_dong": None, "position_addon_dong": dict(ZERO_ADDON),
            "education_addons": [], "special_area_addon_dong": 0}
    rule.update(fields)
    return rule


def insurance_rule(mode: str, *, percent: Any = None, amount: int | None = None,
                   base: str = "unspecified", text: str = "") -> dict:
    return {"mode": mode, "percent": None if percent is None else str(Decimal(str(percent))),
            "amount_dong": amount, "contribution_base": base, "reported_text": text}


def duty(kind: str, amount: int | None, *, min_hours: int | None = None, max_units: int | None = None,
         condition: str = "") -> dict:
    return {"kind": kind, "amount_dong": amount, "min_hours": min_hours,
            "max_units_per_month": max_units, "condition": condition}


def hours(condition: str) -> int:
    """The minimum hours in a condition such as "duty of ≥4 hours"."""
    return int(re.search(r"≥\s*(\d+)\s*h", condition).group(1))


def step(lower: int | None = None, upper: int | None = None, *, lower_inclusive: bool = True,
         upper_inclusive: bool = False, members: int | None = None, members_max: int | None = None,
         members_min: int | None = None, key_area_max: int | None = None) -> dict:
    if members is not None:
        members_min = members_max = members
    return {"lower": lower, "lower_inclusive": lower_inclusive, "upper": upper,
            "upper_inclusive": upper_inclusive, "members_min": members_min,
            "members_max": members_max, "key_area_members_max": key_area_max}


def source_steps(record: Record, rows: list[dict], path: str) -> list[dict]:
    """Rows shaped {min|min_exclusive, max|max_exclusive, members|members_max[, key_area_max]}."""
    steps = []
    for i, row in enumerate(rows):
        members = row.get("members")
        members_max = row.get("members_max")
        exact = members if isinstance(members, int) else None
        most = members_max if isinstance(members_max, int) else None
        if exact is None and most is None:
            record.unknown(f"{path}.steps[{i}].members_max")
            record.note(f"Bậc {i + 1} của bảng {path}: số thành viên chưa xác nhận; nguồn ghi: {members or members_max}")
        steps.append(step(
            row.get("min", row.get("min_exclusive")), row.get("max", row.get("max_exclusive")),
            lower_inclusive="min_exclusive" not in row, upper_inclusive="max" in row,
            members=exact, members_max=most, key_area_max=row.get("key_area_max"),
        ))
        if "to_vien_max" in row:
            record.note(f"Bậc {i + 1} của bảng {path}: tối đa {row['to_vien_max']} Tổ viên (nguồn).")
    return steps


def table(steps: list[dict], *, kind: str | None = None, unit_types: tuple[str, ...] = (),
          increment: dict | None = None, cap: int | None = None) -> dict:
    return {"hamlet_kind": kind, "unit_types": list(unit_types), "steps": steps,
            "increment": increment, "cap": cap}


def increment(after: int, per: int | str, base_members: int, add: int = 1) -> dict:
    return {"after": after, "per": per, "add": add, "base_members": base_members, "is_upper_bound": False}


INCREMENT_READING = ("Cách hiểu «cứ thêm đủ N hộ thì thêm 1 thành viên»: đạt đúng ngưỡng chưa cộng thêm; "
                     "số thành viên = số gốc + ⌊(số hộ − ngưỡng) / N⌋. Nếu văn bản hiểu khác, sửa «base_members» "
                     "trong phần Cài đặt.")


# --------------------------------------------------------------------------- provinces


def binh_dinh(r: Record, res: dict) -> None:
    s = res["sizing"]
    r.set_sizing("households", [
        table(source_steps(r, s["thon"], "sizing.tables[0]"), kind="thon"),
        table(source_steps(r, s["khu_pho"], "sizing.tables[1]"), kind="to_dan_pho"),
    ])
    r.sizing_notes(s)
    r.fixed_support(res["monthly_support"])
    r.unknown("monthly_support.mode")   # VND or coefficients × lương cơ sở: see the source note
    bhyt_text = res["bhyt_support"]["reported_text"]
    r.insurance(insurance_rule("fixed_amount_dong", amount=res["bhxh_tu_nguyen_support"]["vnd_per_month"]),
                insurance_rule("unknown", text=bhyt_text))
    r.note(f"Hỗ trợ BHYT: nguồn ghi «{bhyt_text}» — {res['bhyt_support']['note']}")
    r.note("Hỗ trợ BHXH tự nguyện 165.000 đ/tháng; nhận xét khi tổng hợp (không phải nguồn ghi): "
           f"{res['bhxh_tu_nguyen_support']['derived']}.")


def ha_noi(r: Record, res: dict) -> None:
    s = res["sizing"]
    r.set_sizing("none", [table([step(members_min=s["per_team"]["min"], members_max=s["per_team"]["max"])])])
    r.sizing_notes(s)
    ms = res["monthly_support"]
    addon = {key: ms["addon"].get(key, 0) for key in POSITIONS}
    for key in POSITIONS:  # the source's totals must agree with flat + add-on
        assert ms["base_all_members"] + addon[key] == ms["totals"][key], key
    r.data["monthly_support"] = support("flat_plus_position_addon", r.confirmed,
                                        flat_dong=ms["base_all_members"], position_addon_dong=addon)
    r.insurance(insurance_rule("fixed_amount_dong", amount=res["bhxh_tu_nguyen_support"]["vnd_per_month"]),
                insurance_rule("fixed_amount_dong", amount=res["bhyt_support"]["vnd_per_month"]))
    d = res["duty_allowance"]
    r.data["duty_allowances"] = [duty("duty_day", d["vnd_per_day"], min_hours=hours(d["condition"]),
                                      condition=d["condition"])]


def tp_hcm(r: Record, res: dict) -> None:
    s = res["sizing"]
    steps = source_steps(r, s["rules"], "sizing.tables[0]")
    inc = s["increment"]
    # The base of the increment is the team size at the threshold (the step that ends there).
    base = next(st["members_max"] for st in steps if st["upper"] == inc["after"] and st["upper_inclusive"])
    r.set_sizing("residents", [table(steps, increment=increment(inc["after"], inc["per_full_persons"], base,
                                                                inc["add_members"]))])
    r.sizing_notes(s)
    r.fixed_support(res["monthly_support"])
    bhxh = res["bhxh_tu_nguyen_support"]
    bhyt = res["bhyt_support"]
    reported = bhyt.get("reported_base", "")
    r.insurance(insurance_rule("percent_of_contribution", percent=bhxh["percent_of_contribution"],
                               base="monthly_support", text=bhxh["contribution_base"]),
                insurance_rule("percent_of_contribution", percent=bhyt["percent_of_contribution"], text=reported))
    r.unknown("insurance_support.bhyt.contribution_base")
    r.note("Căn cứ tính BHYT (4,5 % lương cơ sở hay 4,5 % mức hỗ trợ) chưa xác nhận (REFERENCE §7.1).")
    if "night_duty" in res:
        night, holiday, extra = res["night_duty"], res["holiday_duty"], res["special_area_extra"]
        r.data["duty_allowances"] = [
            duty("night", night["vnd_per_night"], max_units=night["max_nights_per_month"],
                 condition=f"Trực đêm {night['window']}"),
            duty("day_off_or_holiday", holiday["vnd_per_day"], condition="Ngày nghỉ, lễ, tết"),
            duty("special_area_day", None, condition=f"Địa bàn đặc thù; nguồn ghi: {extra['vnd_per_day']}"),
        ]
        r.unknown("duty_allowances[2].amount_dong")


def hung_yen(r: Record, res: dict) -> None:
    s = res["sizing"]
    r.set_sizing("none", [table([step(members=s["members"])])])
    r.sizing_notes(s)
    r.fixed_support(res["monthly_support"])
    bhxh = res["bhxh_tu_nguyen_support"]
    r.insurance(insurance_rule("percent_of_contribution", base="minimum_voluntary", text=bhxh["rule"]), None)
    r.unknown("insurance_support.bhxh_tu_nguyen.percent")
    r.note(f"Hỗ trợ BHXH tự nguyện: {bhxh['note']}")


def lai_chau(r: Record, res: dict) -> None:
    r.no_sizing()


def can_tho(r: Record, res: dict) -> None:
    s = res["sizing"]
    r.set_sizing("households", [table(source_steps(r, s["rules"], "sizing.tables[0]"))])
    r.sizing_notes(s)
    ms = res["monthly_support"]
    coefficient = str(Decimal(str(ms["all_members"])))
    r.data["monthly_support"] = support(
        "coefficient_of_base_salary", r.confirmed,
        coefficient={key: coefficient for key in POSITIONS},
        position_addon_dong={"to_truong": None, "to_pho": None, "to_vien": 0},
        education_addons=None,
    )
    for path in ("monthly_support.position_addon_dong.to_truong", "monthly_support.position_addon_dong.to_pho",
                 "monthly_support.education_addons"):
        r.unknown(path)
    r.support_notes(ms)


def khanh_hoa_2024(r: Record, res: dict) -> None:
    r.data["resolution_number"] = "10/NQ-HĐND"
    r.unconfirmed.remove("resolution_number")
    r.data["sources"] = [u for u in res["sources"] if "laodong" in u]
    r.no_sizing(f"Tiêu chí 3–5 thành viên/tổ thuộc nghị quyết năm 2026 (xem bản khanh-hoa-2026); "
                f"nguồn: {res['number']}")
    r.fixed_support(res["monthly_support"])
    night = res["night_duty"]
    r.data["duty_allowances"] = [duty("night", night["vnd_per_night"], min_hours=hours(night["condition"]),
                                      condition=night["condition"])]
    r.note(f"Bồi dưỡng công việc nặng nhọc, độc hại thuộc nghị quyết 2026 (xem bản khanh-hoa-2026): {res['hazard']}")


def khanh_hoa_2026(r: Record, res: dict) -> None:
    r.notes.clear()
    r.unconfirmed.clear()
    r.data.update(resolution_number=None, issued_on=None, effective_from=None,
                  sources=[u for u in res["sources"] if "dantri" in u])
    for path in ("resolution_number", "issued_on", "effective_from"):
        r.unknown(path)
    r.note(f"Nghị quyết năm 2026 cho tỉnh Khánh Hòa sau sáp nhập; số và ngày hiệu lực chưa xác nhận. "
           f"Nguồn ghi: {res['number']}; hiệu lực: {res['effective']}.")
    s = res["sizing"]
    r.set_sizing("none", [table([step(members_min=s["per_team"]["min"], members_max=s["per_team"]["max"])])])
    r.sizing_notes(s)
    hazard = res["hazard"]
    r.data["duty_allowances"] = [duty("hazardous_day", hazard["vnd_per_day"], max_units=hazard["max_days_per_month"],
                                      condition="Công việc nặng nhọc, độc hại, nguy hiểm")]


def phu_tho(r: Record, res: dict) -> None:
    s = res["sizing"]
    r.data["resolution_number"] = "02/2024/NQ-HĐND và 03/2024/NQ-HĐND"
    base = s["base_members"]
    xa, phuong = s["xa_thi_tran"], s["phuong"]
    r.set_sizing("households", [
        table([step(upper=xa["threshold"], members=base)], unit_types=("xa", "thi_tran"),
              increment=increment(xa["threshold"], xa["add_one_per_full"], base)),
        # "1/3 of 500": kept as the exact fraction 500/3 rather than the rounded 167.
        table([step(upper=phuong["threshold"], members=base)], unit_types=("phuong",),
              increment=increment(phuong["threshold"], f"{phuong['threshold']}/3", base)),
    ])
    r.note(f"Xã/thị trấn: {xa['note']}; phường: {phuong['note']}.")
    r.note(INCREMENT_READING)
    r.fixed_support(res["monthly_support"])


def hoa_binh(r: Record, res: dict) -> None:
    s = res["sizing"]
    first, other = s["rules"]
    r.set_sizing("households", [
        table([step(upper=first["thon_min"], members=other["members"]),
               step(lower=first["thon_min"], members=first["members"])], kind="thon"),
        table([step(upper=first["to_dan_pho_min"], members=other["members"]),
               step(lower=first["to_dan_pho_min"], members=first["members"])], kind="to_dan_pho"),
    ])
    r.sizing_notes(s)
    r.no_support(res["monthly_support"])


def dak_lak(r: Record, res: dict) -> None:
    s = res["sizing"]
    r.set_sizing("residents", [table(source_steps(r, s["rules"], "sizing.tables[0]"))])
    r.note("Địa bàn trọng điểm, phức tạp về ANTT được bố trí tối đa 5 (≤ 2.000 nhân khẩu) hoặc 6 thành viên.")
    r.fixed_support(res["monthly_support"])


def hai_duong(r: Record, res: dict) -> None:
    s = res["sizing"]
    r.set_sizing("households", [table(source_steps(r, s["rules"], "sizing.tables[0]"))])
    r.no_support(res["monthly_support"])


def binh_duong(r: Record, res: dict) -> None:
    s = res["sizing"]
    r.set_sizing("none", [
        table([step(members_min=s["xa"]["min"], members_max=s["xa"]["max"])], unit_types=("xa",)),
        table([step(members_min=s["phuong_thi_tran"]["min"], members_max=s["phuong_thi_tran"]["max"])],
              unit_types=("phuong", "thi_tran")),
    ])
    r.fixed_support(res["monthly_support"])
    r.data["duty_allowances"] = [
        duty("night", res["night_or_summoned"]["vnd_per_night"], condition="Trực đêm hoặc khi được huy động"),
        duty("special_area_day", res["defence_key_commune_extra"]["vnd_per_day"],
             condition="Xã trọng điểm về quốc phòng"),
    ]
    r.insurance(insurance_rule("minimum_voluntary_level", base="minimum_voluntary",
                               text=res["bhxh_tu_nguyen_support"]),
                insurance_rule("percent_of_contribution", percent=1, base="household_rate", text=res["bhyt_support"]))


def binh_thuan(r: Record, res: dict) -> None:
    s = res["sizing"]
    r.set_sizing("households", [
        table(source_steps(r, s["thon"], "sizing.tables[0]"), kind="thon"),
        table(source_steps(r, s["khu_pho"], "sizing.tables[1]"), kind="to_dan_pho"),
    ])
    r.fixed_support(res["monthly_support"])
    r.insurance(None, insurance_rule("percent_of_contribution", percent=1, base="household_rate",
                                     text=res["bhyt_support"]))


def hau_giang(r: Record, res: dict) -> None:
    s = res["sizing"]
    r.set_sizing("none", [table([step(members_min=s["per_team"]["min"], members_max=s["per_team"]["max"])])])
    r.sizing_notes(s)
    r.fixed_support(res["monthly_support"])
    r.insurance(insurance_rule("minimum_voluntary_level", base="minimum_voluntary",
                               text=res["bhxh_tu_nguyen_support"]),
                insurance_rule("percent_of_contribution", percent=1, base="household_rate", text=res["bhyt_support"]))
    r.data["duty_allowances"] = [
        duty("training_day", res["training_meal"]["vnd_per_day"], condition=res["training_meal"]["basis"]),
        duty("night_or_day_off", res["night_holiday"]["vnd_per_day_or_night"], condition="Trực đêm, ngày nghỉ, lễ"),
    ]


def tien_giang(r: Record, res: dict) -> None:
    s = res["sizing"]
    r.set_sizing("none", [table([step(members=s["ap"])], kind="thon"),
                          table([step(members=s["khu_pho"])], kind="to_dan_pho")])
    r.sizing_notes(s)
    r.fixed_support(res["monthly_support"])


def tay_ninh(r: Record, res: dict) -> None:
    s = res["sizing"]
    base, inc = s["base"], s["increment"]
    r.set_sizing("households", [
        table([step(upper=base["ap_below"], members=base["members"])], kind="thon",
              increment=increment(base["ap_below"], inc["per_hh"], base["members"], inc["add"]),
              cap=inc["max_members"]),
        table([step(upper=base["khu_pho_below"], members=base["members"])], kind="to_dan_pho",
              increment=increment(base["khu_pho_below"], inc["per_hh"], base["members"], inc["add"]),
              cap=inc["max_members"]),
    ])
    r.note(INCREMENT_READING)
    r.fixed_support(res["monthly_support"])


def dong_nai(r: Record, res: dict) -> None:
    s = res["sizing"]
    rules = "; ".join(json.dumps(row, ensure_ascii=False) for row in s["rules"])
    r.no_sizing(f"Tiêu chí theo nhân khẩu hoặc diện tích (chưa mô hình hóa được, nhập trong phần Cài đặt): {rules}")
    r.sizing_notes(s)
    ms = res["monthly_support"]
    r.range_support(ms)
    r.data["monthly_support"]["education_addons"] = None
    r.unknown("monthly_support.education_addons")


def thanh_hoa(r: Record, res: dict) -> None:
    r.no_sizing()
    r.sizing_notes(res["sizing"])
    ms = res["monthly_support"]
    r.unknown("monthly_support")
    r.note("Hỗ trợ hằng tháng theo hệ số × lương cơ sở, khác nhau theo loại thôn/tổ dân phố "
           f"(chỉ loại 1 đủ số liệu): {json.dumps({k: v for k, v in ms.items() if k != 'mode'}, ensure_ascii=False)}")


def ninh_binh(r: Record, res: dict) -> None:
    s = res["sizing"]
    base, inc = s["base"], s["increment"]
    r.set_sizing("households", [
        table([step(upper=base["thon_below"], members=base["members"])], kind="thon",
              increment=increment(base["thon_below"], inc["per_full_hh"], base["members"], inc["add_to_vien"])),
        table([step(upper=base["tdp_below"], members=base["members"])], kind="to_dan_pho",
              increment=increment(base["tdp_below"], inc["per_full_hh"], base["members"], inc["add_to_vien"])),
    ])
    r.note(INCREMENT_READING)
    r.fixed_support(res["monthly_support"])


def ha_giang(r: Record, res: dict) -> None:
    r.no_sizing()
    r.fixed_support(res["monthly_support"])
    r.insurance(insurance_rule("percent_of_contribution", percent="0.2", base="minimum_voluntary",
                               text=res["bhxh_tu_nguyen_support"]),
                insurance_rule("percent_of_contribution", percent=1, text=res["bhyt_support"]))


def gia_lai_cu(r: Record, res: dict) -> None:
    s = res["sizing"]
    thon, tdp, above = s["thon"], s["to_dan_pho"], s["above_threshold"]
    cap = int(re.search(r"max (\d+)", s["increment"]).group(1))
    # "+1 per additional full 50% of the threshold": 50 % of 200 = 100 hộ, of 250 = 125 hộ.
    r.set_sizing("households", [
        table([step(upper=thon["below"], members=thon["members"])], kind="thon",
              increment=increment(thon["below"], thon["below"] // 2, above), cap=cap),
        table([step(upper=tdp["below"], members=tdp["members"])], kind="to_dan_pho",
              increment=increment(tdp["below"], tdp["below"] // 2, above), cap=cap),
    ])
    r.note(f"Thôn thuộc xã biên giới: ngưỡng {thon['border_commune_below']} hộ thay cho {thon['below']} "
           "(chưa mô hình hóa; sửa bảng trong phần Cài đặt nếu xã là xã biên giới).")
    r.note(f"Nguồn: «{s['increment']}»; trên ngưỡng: {above} thành viên.")
    r.no_support(res["monthly_support"])


def range_only(r: Record, res: dict) -> None:
    r.no_sizing()
    r.sizing_notes(res["sizing"])
    r.range_support(res["monthly_support"])


# (province in the source, index of the resolution) -> (file id, handler)
PLAN = {
    ("Bình Định", 0): ("binh-dinh-03-2024", binh_dinh),
    ("Hà Nội", 0): ("ha-noi-2024", ha_noi),
    ("TP Hồ Chí Minh", 0): ("tp-ho-chi-minh-2024", tp_hcm),
    ("TP Hồ Chí Minh", 1): ("tp-ho-chi-minh-54-2025", tp_hcm),
    ("Hưng Yên", 0): ("hung-yen-2024", hung_yen),
    ("Lai Châu", 0): ("lai-chau", lai_chau),
    ("Cần Thơ", 0): ("can-tho-2024", can_tho),
    ("Khánh Hòa", 0): ("khanh-hoa-2024", khanh_hoa_2024),
    ("Phú Thọ", 0): ("phu-tho-2024", phu_tho),
    ("Hòa Bình", 0): ("hoa-binh-2024", hoa_binh),
    ("Đắk Lắk", 0): ("dak-lak-2024", dak_lak),
    ("Hải Dương", 0): ("hai-duong-2024", hai_duong),
    ("Bình Dương", 0): ("binh-duong-2024", binh_duong),
    ("Bình Thuận", 0): ("binh-thuan-2024", binh_thuan),
    ("Hậu Giang", 0): ("hau-giang-2024", hau_giang),
    ("Tiền Giang", 0): ("tien-giang-2024", tien_giang),
    ("Tây Ninh", 0): ("tay-ninh-2024", tay_ninh),
    ("Đồng Nai", 0): ("dong-nai-2024", dong_nai),
    ("Thanh Hóa", 0): ("thanh-hoa-2024", thanh_hoa),
    ("Ninh Bình", 0): ("ninh-binh-2024", ninh_binh),
    ("Hà Giang", 0): ("ha-giang-2024", ha_giang),
    ("Gia Lai (old, pre-merger)", 0): ("gia-lai-cu-2024", gia_lai_cu),
    ("Sóc Trăng", 0): ("soc-trang-2024", range_only),
    ("Vĩnh Long", 0): ("vinh-long-2024", range_only),
}
# Khánh Hòa's source record mixes the 2024 NQ and the 2026 one; it becomes two versions.
EXTRA = {("Khánh Hòa", 0): ("khanh-hoa-2026", khanh_hoa_2026)}
PROVINCE_NAMES = {"Gia Lai (old, pre-merger)": "Gia Lai (cũ, trước sáp nhập)"}


def province_records(source: dict) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for province in source["provinces"]:
        for index, resolution in enumerate(province["resolutions"]):
            key = (province["province"], index)
            if key not in PLAN:
                raise SystemExit(f"no mapping for {key}: add it to PLAN")
            for ident, handler in [PLAN[key]] + ([EXTRA[key]] if key in EXTRA else []):
                record = Record(ident, province, resolution)
                record.data["province_name"] = PROVINCE_NAMES.get(province["province"], province["province"])
                handler(record, resolution)
                data = nfc(record.done())
                out[f"{ident}.json"] = policy_to_dict(policy_from_dict(data))
    return out


# The research file words these in English; the app shows them to users (issue #5).
BASE_SALARY_VI = {
    "2018-07-01": ("Nghị định 72/2018/NĐ-CP (số nghị định chưa xác nhận)",
                   "Suy ra: luatanhoa.com.vn viết mức 1.490.000 (2019) tăng 100.000 so với mức trước đó."),
    "2024-07-01": ("Nghị định 73/2024/NĐ-CP", "Năm 2025 không tăng (nghị quyết dự toán ngân sách 2025 của Quốc hội)."),
    "2026-07-01": ("Nghị định 161/2026/NĐ-CP (theo nguồn thứ cấp, chưa xác nhận)",
                   "CHƯA XÁC NHẬN: chỉ thấy trích dẫn trong tài liệu của bên thứ ba, có dẫn bài baochinhphu.vn "
                   "«Chính thức tăng lương cơ sở lên 2.530.000 đồng/tháng từ 01/7/2026». Cần đối chiếu văn bản "
                   "trước khi dùng."),
}


def base_salary(source: dict) -> dict:
    entries = []
    for row in source["base_salary_history"]:
        legal_basis, note = BASE_SALARY_VI.get(row["effective_from"], (row["legal_basis"], row.get("note", "")))
        entries.append({"amount_dong": row["amount"], "effective_from": row["effective_from"],
                        "legal_basis": legal_basis, "confirmed": row["confirmed"],
                        "sources": row["sources"], "note": note})
    return base_salary_table_to_dict(base_salary_table_from_dict(nfc({"schema_version": 1, "entries": entries})))


def national_insurance(source: dict) -> dict:
    rules = source["national_insurance_rules"]
    bhyt, bhxh = rules["bhyt"], rules["bhxh_tu_nguyen"]
    lines = bhxh["rural_poverty_line_history"]
    # Dates from the "period" text of each line: 2022–2025 extended to 31/12/2026, then 2027–2030.
    assert "2022-2025" in lines[0]["period"] and "31/12/2026" in lines[0]["period"]
    assert "2027-2030" in lines[1]["period"]
    support_now = bhxh["state_support_from_2025_07_01"]
    assert "30/25/10%" in support_now["note"]
    data = {
        "schema_version": 1,
        "bhyt": {
            "household_rate": str(Decimal(str(bhyt["rate_of_base"]))),
            "household_ladder": [str(Decimal(str(v))) for v in bhyt["household_ladder_of_first_person"]],
            "legal_basis": "NĐ 146/2018/NĐ-CP Điều 7; nay NĐ 188/2025/NĐ-CP",
            "confirmed": False,   # secondary sources only (REFERENCE §11 item 5)
            "sources": bhyt["sources"],
            "notes": [bhyt["household_ladder_note"], bhyt["state_support_note"]],
            "state_support_min_share": str(Decimal(str(bhyt["state_support_min_for_this_force"]))),
            "state_support_effective_from": None,
            "state_support_confirmed": True,
        },
        "bhxh_tu_nguyen": {
            "rate": str(Decimal(str(bhxh["rate_of_chosen_income"]))),
            "min_income": bhxh["min_income"],
            "max_income": bhxh["max_income"],
            "rural_poverty_lines": [
                {"amount_dong": lines[0]["amount"], "effective_from": "2022-01-01", "effective_to": "2026-12-31",
                 "legal_basis": "NĐ 07/2021/NĐ-CP; kéo dài đến 31/12/2026 theo NĐ 351/2025/NĐ-CP",
                 "confirmed": lines[0]["confirmed"], "sources": lines[0]["sources"], "note": lines[0]["period"]},
                {"amount_dong": lines[1]["amount"], "effective_from": "2027-01-01", "effective_to": "2030-12-31",
                 "legal_basis": "NĐ 351/2025/NĐ-CP", "confirmed": lines[1]["confirmed"],
                 "sources": lines[1]["sources"], "note": lines[1]["period"]},
            ],
            "state_support": [
                {"shares": {"ho_ngheo": "0.3", "ho_can_ngheo": "0.25", "other": "0.1"},
                 "effective_from": None, "effective_to": "2025-06-30",
                 "legal_basis": "NĐ 134/2015/NĐ-CP Điều 14", "confirmed": False, "sources": [],
                 "note": support_now["note"]},
                {"shares": {k: str(Decimal(str(support_now[k])))
                            for k in ("ho_ngheo", "ho_can_ngheo", "dan_toc_thieu_so", "other")},
                 "effective_from": "2025-07-01", "effective_to": None,
                 "legal_basis": "Luật BHXH 2024 (41/2024/QH15); NĐ 159/2025/NĐ-CP",
                 "confirmed": support_now["confirmed"], "sources": [], "note": support_now["basis"]},
            ],
            "legal_basis": "Luật BHXH 2024 (41/2024/QH15)",
            "confirmed": False,   # primary text not viewed (REFERENCE §7.2)
            "sources": [],
            "notes": [f"Mức đóng tối thiểu (suy ra): {json.dumps(bhxh['min_monthly_contribution_derived'])}"],
        },
    }
    return national_insurance_to_dict(national_insurance_from_dict(nfc(data)))


def render(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = [a for a in argv if not a.startswith("--")]
    source_path = Path(paths[0]) if paths else DEFAULT_SOURCE
    source = json.loads(source_path.read_text(encoding="utf-8"))
    files = {BASE_SALARY_FILE: base_salary(source), NATIONAL_INSURANCE_FILE: national_insurance(source)}
    files.update(province_records(source))
    TARGET.mkdir(parents=True, exist_ok=True)
    changed = [name for name, data in files.items()
               if not (TARGET / name).exists() or (TARGET / name).read_text(encoding="utf-8") != render(data)]
    stale = sorted(p.name for p in TARGET.glob("*.json") if p.name not in files)
    if check:
        for name in changed + stale:
            print(f"out of date: {name}")
        return 1 if changed or stale else 0
    for name in changed:
        (TARGET / name).write_text(render(files[name]), encoding="utf-8")
    for name in stale:
        (TARGET / name).unlink()
    print(f"{len(files)} files in {TARGET} ({len(changed)} written, {len(stale)} removed)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
