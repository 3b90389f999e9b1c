"""Setting up and editing the user's own unit (đơn vị)."""

from __future__ import annotations

import uuid
from dataclasses import replace

from antt_desktop.domain import vn_text
from antt_desktop.domain.access import Permission
from antt_desktop.domain.units import (
    MissingUnitName,
    Unit,
    UnitAlreadySetUp,
    UnitNotSetUp,
    UnitSetup,
    UnknownProvince,
    clean_unit_code,
)
from antt_desktop.services.context import ServiceContext


def resolve_province(province: str, province_codes) -> tuple[str, str]:
    """A province by its CCCD code ("064") or its name, ignoring case and diacritics."""
    text = province.strip()
    if text.isdigit() and text.zfill(3) in province_codes:
        code = text.zfill(3)
        return code, province_codes[code]
    wanted = vn_text.fold(text.removeprefix("Tỉnh ").removeprefix("tỉnh "))
    for prefix in ("tp ", "thanh pho "):
        wanted = wanted.removeprefix(prefix)
    for code, name in province_codes.items():
        folded = vn_text.fold(name)
        for prefix in ("tp ", "thanh pho "):
            folded = folded.removeprefix(prefix)
        if folded == wanted:
            return code, name
    raise UnknownProvince(province)


class UnitService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def own_unit(self) -> Unit | None:
        with self._context.new_uow() as uow:
            return uow.units.own()

    def list_units(self) -> list[Unit]:
        """Every unit in the database: the own one, and in aggregator mode the communes."""
        with self._context.new_uow() as uow:
            return uow.units.all()

    def require_own_unit(self) -> Unit:
        unit = self.own_unit()
        if unit is None:
            raise UnitNotSetUp()
        return unit

    def set_up(self, setup: UnitSetup) -> Unit:
        """First run: record the user's own unit (one transaction, audited)."""
        self._context.require(Permission.MANAGE_SETTINGS)
        code = clean_unit_code(setup.code)
        name = vn_text.normalize_text(setup.name)
        if not name:
            raise MissingUnitName()
        province_code, province_name = resolve_province(setup.province, self._context.province_codes)
        with self._context.new_uow() as uow:
            existing = uow.units.own()
            if existing is not None:
                raise UnitAlreadySetUp(existing.code, existing.name)
            unit = Unit(
                id=str(uuid.uuid4()), code=code, name=name, province_code=province_code,
                province_name=province_name, mode=setup.mode, is_own=True,
                higher_unit_name=vn_text.normalize_text(setup.higher_unit_name)
                or f"Công an tỉnh {province_name}",
                people_committee_name=f"ỦY BAN NHÂN DÂN {name.upper()}",
                place_name=vn_text.normalize_text(setup.place_name) or _place_from_name(name),
                chairman_name=vn_text.normalize_name(setup.chairman_name),
                chairman_title=setup.chairman_title or "CHỦ TỊCH",
                signature_form=setup.signature_form,
                police_chief_name=vn_text.normalize_name(setup.police_chief_name),
            )
            uow.units.add(unit)
            uow.audit.record(self._context.actor, "unit.set_up", "unit", unit.id, unit.code, after=unit)
            uow.commit()
        return unit

    def update(self, unit: Unit) -> Unit:
        self._context.require(Permission.MANAGE_SETTINGS)
        with self._context.new_uow() as uow:
            before = uow.units.own()
            if before is None:
                raise UnitNotSetUp()
            if not vn_text.normalize_text(unit.name):
                raise MissingUnitName()
            after = replace(unit, id=before.id, code=before.code, is_own=True,
                            name=vn_text.normalize_text(unit.name))
            uow.units.save(after)
            uow.audit.record(self._context.actor, "unit.updated", "unit", after.id, after.code,
                             before=before, after=after)
            uow.commit()
        return after


def _place_from_name(unit_name: str) -> str:
    """'Xã Tân Phú' → 'Tân Phú' for the place-and-date line of documents."""
    for prefix in ("Xã ", "Phường ", "Đặc khu ", "Thị trấn "):
        if unit_name.startswith(prefix):
            return unit_name[len(prefix):]
    return unit_name
