"""A commune and its higher unit with keys exchanged: the starting point of the sync tests."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from antt_desktop.domain.people import UnitMode
from antt_desktop.domain.units import UnitSetup
from antt_desktop.wiring import open_services


@dataclass
class Pair:
    commune: object
    province: object
    usb: Path

    def close(self) -> None:
        self.commune.close()
        self.province.close()


def new_aggregator(folder: Path, clock, *, code: str = "CAT-GL", name: str = "Công an tỉnh Gia Lai"):
    services = open_services(folder / "antt.sqlite", actor="can-bo-tinh", clock=clock)
    services.units.set_up(UnitSetup(code=code, name=name, province="Gia Lai", mode=UnitMode.AGGREGATOR))
    services.policies.seed_shipped()
    return services


def new_commune(folder: Path, clock, *, code: str | None = None, name: str = "Xã Ia Băng"):
    services = open_services(folder / "antt.sqlite", actor="can-bo-xa", clock=clock)
    if code is None:
        services.demo.fill_commune(seed=7, with_photos=True)
    else:
        services.units.set_up(UnitSetup(code=code, name=name, province="Gia Lai"))
    services.policies.seed_shipped()
    return services


def exchange_keys(a, b, usb: Path) -> None:
    """Each unit writes its public key file; the other trusts it after comparing fingerprints."""
    usb.mkdir(exist_ok=True)
    a_info = a.keys.export_public(usb)
    b_info = b.keys.export_public(usb)
    b.keys.trust(a_info.key_file, expected_fingerprint=a_info.fingerprint)
    a.keys.trust(b_info.key_file, expected_fingerprint=b_info.fingerprint)


def make_pair(tmp_path: Path, clock) -> Pair:
    commune = new_commune(tmp_path / "xa", clock)
    province = new_aggregator(tmp_path / "tinh", clock)
    usb = tmp_path / "usb"
    exchange_keys(commune, province, usb)
    return Pair(commune, province, usb)


def database_dump(services) -> list[str]:
    """Every row of every table, to compare a database before and after (WAL included)."""
    path = Path(services.target)
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def template_pair(folder: Path, clock) -> Path:
    """Build a pair once (migrations and demo photos are the slow part) and close it."""
    made = make_pair(folder, clock)
    made.close()
    return folder


def copy_pair(template: Path, target: Path, clock) -> Pair:
    """A fresh pair from the template: the same files, opened with this test's clock."""
    import shutil

    for name in ("xa", "tinh", "usb"):
        shutil.copytree(template / name, target / name)
    commune = open_services(target / "xa" / "antt.sqlite", actor="can-bo-xa", clock=clock)
    province = open_services(target / "tinh" / "antt.sqlite", actor="can-bo-tinh", clock=clock)
    return Pair(commune, province, target / "usb")
