"""USB packages (issue #6 §9, DESIGN §7), each against a bare baseline measured in the same run.

1. Export: a commune of 300 members, each with its own 3×4 JPEG photo (noise, ~25–35 KB, so
   it does not compress, like a real photo), through `PackageService.export` — snapshot, sign,
   encrypt, write under a temporary name, fsync, rename, read back and verify. Budget 2 s.
   Baseline: a bare `zipfile` of the same rows (JSON) and photos (stored), written and fsynced.
2. Import: 100 commune packages (300 members each, 30,000 members, with their hamlets, teams,
   assignments, decisions and insurance) through `PackageService.import_many` into a fresh
   aggregator — verify, decrypt, check, dry run, one backup, then one transaction per package
   with a receipt record and an audit event. Budget ≥ 2,000 members/s.
   Baseline: raw sqlite3 executemany of the same rows into a fresh database, one transaction.
3. For information: one package with photos imported with its own backup (what a user does).

Prints JSON (bench/common.py format): `python bench/sync_bench.py`.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import zipfile
from datetime import datetime
from pathlib import Path

from common import emit, result

NOW = datetime(2026, 11, 22, 9, 0)
EXPORT_MEMBERS = 300
COMMUNES, MEMBERS_PER_COMMUNE = 100, 300
EXPORT_BUDGET_MS = 2_000
IMPORT_BUDGET_MEMBERS_PER_S = 2_000


def clock():
    return NOW


def noise_jpeg(rng: random.Random) -> bytes:
    from PIL import Image

    image = Image.frombytes("RGB", (240, 320), rng.randbytes(240 * 320 * 3))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=40)
    return buffer.getvalue()


def aggregator(folder: Path):
    from antt_desktop.domain.people import UnitMode
    from antt_desktop.domain.units import UnitSetup
    from antt_desktop.wiring import open_services

    services = open_services(folder / "antt.sqlite", actor="bench", clock=clock)
    services.units.set_up(UnitSetup(code="CAT-GL", name="Công an tỉnh Gia Lai", province="Gia Lai",
                                    mode=UnitMode.AGGREGATOR))
    services.keys.ensure()
    return services


def build_commune(folder: Path, province_card: Path):
    """A commune of EXPORT_MEMBERS members with distinct photos, trusting the province."""
    from antt_desktop.domain.people import HamletKind, UnitMode
    from antt_desktop.services.demo import _RowsBuilder
    from antt_desktop.store.bulk import insert_rows
    from antt_desktop.wiring import open_services

    services = open_services(folder / "antt.sqlite", actor="bench", clock=clock)
    builder = _RowsBuilder(services.context, 11)
    builder.unit("XA-BENCH", "Xã Ia Grai", is_own=True, mode=UnitMode.COMMUNE, chairman="Rơ Châm Hùng",
                 police_chief="Ksor Tâm")
    hamlets = [(f"Thôn {n}", HamletKind.VILLAGE, 400, None, 5) for n in range(1, EXPORT_MEMBERS // 5 + 1)]
    builder.commune_body("XA-BENCH", hamlets, extra_proposed=0, leavers=0, with_photos=True)
    rng = random.Random(5)
    for row in builder.rows["member_photos"]:     # each member its own realistic, incompressible photo
        row["jpeg"] = noise_jpeg(rng)
        row["sha256"] = hashlib.sha256(row["jpeg"]).hexdigest()
    insert_rows(services._engine, builder.rows)
    services.keys.ensure()
    services.keys.trust(province_card)
    return services


def baseline_zip(services, folder: Path) -> float:
    """Bare zipfile: the same tables as JSON (deflated) and photos (stored), written and fsynced."""
    with services.context.new_uow() as uow:
        own = uow.units.own()
        content = uow.sync.snapshot(own.code)
    start = time.perf_counter()
    path = folder / "baseline.zip"
    with open(path, "wb") as handle:
        with zipfile.ZipFile(handle, "w") as archive:
            for name, table in content.tables.items():
                archive.writestr(f"data/{name}.json", json.dumps({"columns": table.columns, "rows": table.rows},
                                                                 ensure_ascii=False), zipfile.ZIP_DEFLATED)
            for sha, jpeg in content.photos.items():
                archive.writestr(f"photos/{sha}.jpg", jpeg, zipfile.ZIP_STORED)
        handle.flush()
        os.fsync(handle.fileno())
    return (time.perf_counter() - start) * 1000


def measure_export(work: Path) -> tuple[dict, Path, object]:
    province = aggregator(work / "tinh-export")
    card = province.keys.export_public(work / "tinh.antt-key").key_file
    commune = build_commune(work / "xa", card)
    usb = work / "usb"
    usb.mkdir()
    commune.packages.export(usb)                       # warm up
    samples, baselines = [], []
    for _ in range(5):
        start = time.perf_counter()
        exported = commune.packages.export(usb)
        samples.append((time.perf_counter() - start) * 1000)
        baselines.append(baseline_zip(commune, work))
    province.keys.trust(commune.keys.export_public(work / "xa.antt-key").key_file)
    commune.close()
    row = result("Xuất gói của xã: 300 thành viên có ảnh (ký, mã hóa, ghi, fsync, đọc lại)",
                 statistics.median(samples), "zipfile trần cùng dữ liệu + fsync", statistics.median(baselines),
                 EXPORT_BUDGET_MS, members=exported.members, photos=exported.photos,
                 package_bytes=exported.size_bytes)
    return row, exported.path, province


def commune_packages(work: Path, province) -> tuple[list[Path], int, dict]:
    """100 packages from the demo aggregate, each signed by its own commune key."""
    from antt_desktop import __version__
    from antt_desktop.domain.units import Unit
    from antt_desktop.sync import crypto
    from antt_desktop.sync.key_files import PublicKeyCard, public_key_file_bytes
    from antt_desktop.sync.manifest import PackageKind
    from antt_desktop.sync.package_writer import RecipientKey, Signer, build_package
    from antt_desktop.wiring import open_services

    source = open_services(work / "nguon" / "antt.sqlite", actor="bench", clock=clock)
    source.demo.build_aggregate(communes=COMMUNES, members=COMMUNES * MEMBERS_PER_COMMUNE, seed=3)
    with province.context.new_uow() as uow:
        recipient = RecipientKey("CAT-GL", uow.sync.own_key().encryption_key)
    folder = work / "goi"
    folder.mkdir()
    paths, members, raw_rows = [], 0, {}
    with source.context.new_uow() as uow:
        units: list[Unit] = [u for u in uow.units.all() if not u.is_own]
        for unit in units:
            content = uow.sync.snapshot(unit.code)
            members += len(content.tables["members"].rows)
            keys = crypto.generate_key_pair()
            card = PublicKeyCard(unit.code, unit.name, "064", "commune", keys.signing_public,
                                 keys.encryption_public, NOW)
            card_path = work / "khoa" / f"{unit.code}.antt-key"
            card_path.parent.mkdir(exist_ok=True)
            card_path.write_bytes(public_key_file_bytes(card, keys.signing_seed))
            province.keys.trust(card_path)
            signer = Signer(unit.code, unit.name, "commune", keys)
            data = build_package(kind=PackageKind.COMMUNE_DATA, signer=signer, recipients=[recipient],
                                 sequence=1, created_at=NOW, content=content, app_version=__version__)
            path = folder / f"{unit.code}.antt"
            path.write_bytes(data)
            paths.append(path)
    source.close()
    connection = sqlite3.connect(work / "nguon" / "antt.sqlite")
    from antt_desktop.store.sync_repository import commune_tables

    for table in commune_tables():
        cursor = connection.execute(f'SELECT * FROM "{table.name}" WHERE unit_code != ?', ("CAT-GIALAI",))
        raw_rows[table.name] = ([d[0] for d in cursor.description], cursor.fetchall())
    connection.close()
    return paths, members, raw_rows


def baseline_insert(empty_db: Path, work: Path, raw_rows: dict) -> float:
    target = work / "baseline.sqlite"
    shutil.copy(empty_db, target)
    connection = sqlite3.connect(target)
    from antt_desktop.store.sync_repository import commune_tables

    start = time.perf_counter()
    with connection:
        for table in commune_tables():
            columns, rows = raw_rows[table.name]
            if rows:
                marks = ", ".join("?" for _ in columns)
                connection.executemany(
                    f'INSERT INTO "{table.name}" ({", ".join(columns)}) VALUES ({marks})', rows)
    elapsed = (time.perf_counter() - start) * 1000
    connection.close()
    target.unlink()
    return elapsed


def measure_import(work: Path, province, photo_package: Path) -> list[dict]:
    from antt_desktop.wiring import open_services

    paths, members, raw_rows = commune_packages(work, province)
    province.close()
    template = work / "tinh-export"        # the aggregator, closed, trusting all 101 communes
    samples, baselines = [], []
    for attempt in range(3):
        copy = work / f"tinh-{attempt}"
        shutil.copytree(template, copy)
        services = open_services(copy / "antt.sqlite", actor="bench", clock=clock)
        start = time.perf_counter()
        outcome = services.packages.import_many(paths)
        samples.append((time.perf_counter() - start) * 1000)
        assert not outcome.failures, outcome.failures[:1]
        assert sum(r.diff.new for r in outcome.reports) == members
        if attempt == 0:
            start = time.perf_counter()
            single = services.packages.import_package(photo_package)
            single_ms = (time.perf_counter() - start) * 1000
            assert single.applied
        services.close()
        baselines.append(baseline_insert(template / "antt.sqlite", work, raw_rows))
        shutil.rmtree(copy)
    import_ms, baseline_ms = statistics.median(samples), statistics.median(baselines)
    rate = members / (import_ms / 1000)
    return [
        result(f"Nhập {COMMUNES} gói của xã ({members} thành viên): kiểm tra, so sánh, áp dụng, biên nhận",
               import_ms, "sqlite3 executemany trần cùng các dòng", baseline_ms,
               members / IMPORT_BUDGET_MEMBERS_PER_S * 1000, members=members,
               members_per_s=round(rate), budget_members_per_s=IMPORT_BUDGET_MEMBERS_PER_S,
               within_rate=rate >= IMPORT_BUDGET_MEMBERS_PER_S),
        result("Nhập 1 gói 300 thành viên có ảnh, kèm sao lưu CSDL 30.000 thành viên (một lần nhập của người dùng)",
               single_ms, "—", 0, None, members=EXPORT_MEMBERS,
               members_per_s=round(EXPORT_MEMBERS / (single_ms / 1000))),
    ]


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="antt-sync-bench-") as folder:
        work = Path(folder)
        export_row, photo_package, province = measure_export(work)
        rows = [export_row, *measure_import(work, province, photo_package)]
    emit("sync", rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
