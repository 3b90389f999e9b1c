"""Issue #6 end to end through the services: a commune and its higher unit exchange keys, a
package travels by folder, is verified, summarised and applied, a receipt travels back; every
kind of bad package is refused with its own message and the database unchanged."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from antt_desktop.domain.access import PermissionDenied, Role
from antt_desktop.messages import describe
from antt_desktop.store.backups import list_backups
from antt_desktop.sync import crypto, errors
from antt_desktop.sync.container import unpack
from antt_desktop.sync.manifest import PackageKind
from antt_desktop.sync.package_writer import RecipientKey, build_archive, seal_archive
from tests.conftest import FakeClock
from tests.sync.pair import copy_pair, database_dump, exchange_keys, new_aggregator, new_commune, template_pair


@pytest.fixture
def clock():
    return FakeClock(datetime(2026, 11, 3, 9, 30))


@pytest.fixture(scope="module")
def pair_files(tmp_path_factory):
    return template_pair(tmp_path_factory.mktemp("pair"), FakeClock(datetime(2026, 11, 3, 9, 0)))


@pytest.fixture
def pair(pair_files, tmp_path, clock):
    made = copy_pair(pair_files, tmp_path, clock)
    yield made
    made.close()


def province_own_keys(pair):
    with pair.province.context.new_uow() as uow:
        return pair.province.keys.own_keys(uow)[1]


def commune_signer(services):
    with services.context.new_uow() as uow:
        return services.keys.signer(uow)[1]


def refused_without_change(services, path, error_type, **kwargs):
    """Import must raise `error_type`, say so in Vietnamese, and leave every row as it was."""
    before = database_dump(services)
    backups_before = list_backups(Path(services.target))
    with pytest.raises(error_type) as refused:
        services.packages.import_package(path, **kwargs)
    assert database_dump(services) == before
    assert list_backups(Path(services.target)) == backups_before
    sentence = describe(refused.value)
    assert sentence and not sentence.startswith("Lỗi không mong đợi")
    return refused.value


# ---- the round trip -------------------------------------------------------------------------

def test_round_trip_export_verify_dry_run_apply_receipt(pair, clock):
    commune, province = pair.commune, pair.province
    exported = commune.packages.export(pair.usb)
    assert exported.sequence == 1 and exported.members == 30
    assert exported.path.parent == pair.usb and exported.path.suffix == ".antt"
    assert exported.photos == exported.counts["photos"] > 0

    verified = province.packages.verify(exported.path)
    assert verified.unit_code == "DEMO-TANPHU" and verified.sequence == 1 and verified.replay is None

    before = database_dump(province)
    preview = province.packages.preview(exported.path)
    assert database_dump(province) == before                     # the dry run writes nothing
    assert not preview.applied and preview.diff.is_first_package
    assert (preview.diff.new, preview.diff.changed, preview.diff.gone) == (30, 0, 0)
    assert "Tổ bảo vệ ANTT Thôn 1" in [t.team_name for t in preview.diff.teams]
    assert len(preview.diff.decisions_new) == 2

    clock.now = datetime(2026, 11, 4, 8, 0)
    report = province.packages.import_package(exported.path)
    assert report.applied and report.diff.new == 30
    assert report.backup_path is not None and report.backup_path.exists()
    assert report.receipt_path is not None and report.receipt_path.parent == pair.usb
    rows = province.aggregate.members(unit_code="DEMO-TANPHU")
    assert len(rows) == 30
    assert {r.full_name for r in rows} == {r.full_name for r in commune.members.list_rows()}
    photo_member = next(r for r in commune.members.list_rows() if commune.members.photo(r.id))
    assert province.members.photo(photo_member.id) == commune.members.photo(photo_member.id)
    unit = province.units.own_unit()
    assert unit.code == "CAT-GL" and unit.mode.value == "aggregator"     # still its own unit

    receipt = commune.packages.import_receipt(report.receipt_path)
    assert receipt.recorded and receipt.sequence == 1 and receipt.members_new == 30
    history = commune.packages.history()
    assert history[0].sequence == 1 and history[0].acknowledged_at == datetime(2026, 11, 4, 8, 0)
    again = commune.packages.import_receipt(report.receipt_path)
    assert not again.recorded                                    # a receipt twice changes nothing

    board = {row.unit_code: row for row in province.aggregate.board()}
    assert board["DEMO-TANPHU"].last_sequence == 1 and board["DEMO-TANPHU"].status.value == "dung_han"


def test_importing_the_same_package_twice_changes_nothing(pair):
    exported = pair.commune.packages.export(pair.usb)
    pair.province.packages.import_package(exported.path)
    error = refused_without_change(pair.province, exported.path, errors.PackageReplayed)
    assert error.is_same_package and "đã được nhập" in describe(error)


def test_an_older_package_is_reported_and_not_applied(pair):
    first = pair.commune.packages.export(pair.usb)
    second = pair.commune.packages.export(pair.usb)
    assert (first.sequence, second.sequence) == (1, 2)
    pair.province.packages.import_package(second.path)
    error = refused_without_change(pair.province, first.path, errors.PackageReplayed)
    assert (error.sequence, error.last_sequence) == (1, 2) and "cũ hơn" in describe(error)
    replay_report = pair.province.packages.verify(first.path)
    assert isinstance(replay_report.replay, errors.PackageReplayed)
    with pytest.raises(errors.PackageReplayed):
        pair.province.packages.preview(first.path)                # reported in the dry run too


def test_a_second_package_applies_changes_and_removals(pair):
    commune, province = pair.commune, pair.province
    province.packages.import_package(commune.packages.export(pair.usb).path)
    rows = commune.members.list_rows()
    target = next(r for r in rows if r.phone)
    member = commune.members.get(target.id)
    from antt_desktop.store.engine import make_engine
    from sqlalchemy import text

    engine = make_engine(commune.target)
    with engine.begin() as connection:     # the commune edits a phone and removes a proposed member
        connection.execute(text("UPDATE members SET phone = '0987654321' WHERE id = :id"), {"id": member.id})
        gone = connection.execute(text("SELECT id FROM members WHERE status = 'proposed' LIMIT 1")).scalar()
        connection.execute(text("DELETE FROM insurance WHERE member_id = :id"), {"id": gone})
        connection.execute(text("DELETE FROM member_photos WHERE member_id = :id"), {"id": gone})
        connection.execute(text("DELETE FROM members WHERE id = :id"), {"id": gone})
    engine.dispose()
    report = province.packages.import_package(commune.packages.export(pair.usb).path)
    assert (report.diff.new, report.diff.changed, report.diff.gone) == (0, 1, 1)
    changed = [c for t in report.diff.teams for c in t.changed]
    assert changed[0].member_id == member.id and "phone" in changed[0].fields
    assert province.members.get(member.id).phone == "0987654321"
    assert len(province.aggregate.members(unit_code="DEMO-TANPHU")) == 29


def test_export_needs_a_trusted_higher_unit(tmp_path, clock):
    commune = new_commune(tmp_path / "xa", clock)
    try:
        with pytest.raises(errors.KeysMissing):
            commune.packages.export(tmp_path)
        commune.keys.ensure()
        with pytest.raises(errors.NoRecipient) as refused:
            commune.packages.export(tmp_path)
        assert "khóa công khai của đơn vị cấp trên" in describe(refused.value)
        assert not list(tmp_path.glob("*.antt"))
    finally:
        commune.close()


def test_only_the_higher_unit_imports_commune_packages(pair, tmp_path, clock):
    other = new_commune(tmp_path / "xa2", clock, code="XA-2")
    try:
        exchange_keys(pair.commune, other, tmp_path / "usb2")
        with pytest.raises(errors.WrongUnitMode):
            other.packages.import_package(pair.commune.packages.export(pair.usb).path)
    finally:
        other.close()


# ---- every kind of bad package --------------------------------------------------------------

def test_truncated_package(pair, tmp_path):
    data = pair.commune.packages.export(pair.usb).path.read_bytes()
    cut = tmp_path / "cut.antt"
    cut.write_bytes(data[: len(data) * 2 // 3])
    error = refused_without_change(pair.province, cut, errors.PackageTruncated)
    assert "cắt cụt" in describe(error)


def test_one_flipped_byte_anywhere(pair, tmp_path):
    data = pair.commune.packages.export(pair.usb).path.read_bytes()
    before = database_dump(pair.province)
    step = max(1, len(data) // 40)
    for position in [*range(0, len(data), step), len(data) - 1]:
        damaged = bytearray(data)
        damaged[position] ^= 0x10
        path = tmp_path / "flip.antt"
        path.write_bytes(bytes(damaged))
        with pytest.raises(errors.PackageError) as refused:
            pair.province.packages.import_package(path)
        assert describe(refused.value)
    assert database_dump(pair.province) == before


def test_package_for_another_recipient(pair, tmp_path, clock):
    other_province = new_aggregator(tmp_path / "tinh-khac", clock, code="CAT-KT", name="Công an tỉnh Kon Tum")
    try:
        exchange_keys(pair.commune, other_province, tmp_path / "usb2")
        with pytest.raises(errors.ManyRecipients):
            pair.commune.packages.export(pair.usb)
        exported = pair.commune.packages.export(pair.usb, recipient_code="CAT-KT")
        error = refused_without_change(pair.province, exported.path, errors.WrongRecipient)
        assert error.recipients == ("CAT-KT",) and "đơn vị khác" in describe(error)
    finally:
        other_province.close()


def test_unknown_sender(pair, tmp_path, clock):
    stranger = new_commune(tmp_path / "xa-la", clock, code="XA-LA", name="Xã Lạ")
    try:
        stranger.keys.ensure()
        province_key = pair.province.keys.export_public(tmp_path / "tinh.antt-key")
        stranger.keys.trust(province_key.key_file)       # the stranger trusts the province, not the reverse
        exported = stranger.packages.export(tmp_path)
        error = refused_without_change(pair.province, exported.path, errors.UntrustedSender)
        assert error.unit_code == "XA-LA" and not error.known_unit and "chưa được tin cậy" in describe(error)
    finally:
        stranger.close()


def test_a_known_unit_signing_with_a_new_key_is_refused_until_trusted_again(pair, tmp_path):
    pair.commune.keys.ensure(new=True)
    exported = pair.commune.packages.export(pair.usb)
    error = refused_without_change(pair.province, exported.path, errors.UntrustedSender)
    assert error.known_unit and "KHÁC" in describe(error)
    card = pair.commune.keys.export_public(tmp_path / "moi.antt-key")
    with pytest.raises(errors.KeyAlreadyTrusted):
        pair.province.keys.trust(card.key_file)
    pair.province.keys.trust(card.key_file, expected_fingerprint=card.fingerprint, replace=True)
    assert pair.province.packages.import_package(exported.path).applied


def test_untrusted_after_distrust(pair):
    exported = pair.commune.packages.export(pair.usb)
    assert pair.province.keys.distrust("DEMO-TANPHU") == 1
    refused_without_change(pair.province, exported.path, errors.UntrustedSender)


def _opened_archive(pair, path):
    """The archive inside a package, decrypted with the province's key (as an insider could)."""
    own = province_own_keys(pair)
    header, ciphertext = unpack(path.read_bytes(), path.name)
    sealed = next(r for r in header.recipients if r.unit_code == "CAT-GL")
    return crypto.decrypt(crypto.open_content_key(sealed.sealed_key, own.keys.encryption_secret), ciphertext)


def _reseal(pair, archive: bytes, path):
    signer = commune_signer(pair.commune)
    own = province_own_keys(pair)
    path.write_bytes(seal_archive(archive, PackageKind.COMMUNE_DATA, signer,
                                  [RecipientKey("CAT-GL", own.keys.encryption_public)]))
    return path


def _rezip(archive: bytes, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(archive))
    entries = change({i.filename: source.read(i.filename) for i in source.infolist()})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries.items():
            target.writestr(name, data)
    return buffer.getvalue()


def test_tampered_manifest(pair, tmp_path):
    exported = pair.commune.packages.export(pair.usb)

    def change(entries):
        manifest = json.loads(entries["manifest.json"])
        manifest["sequence"] = 50
        entries["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
        return entries

    path = _reseal(pair, _rezip(_opened_archive(pair, exported.path), change), tmp_path / "manifest.antt")
    error = refused_without_change(pair.province, path, errors.BadSignature)
    assert "đã bị sửa" in describe(error)


def test_tampered_data_entry(pair, tmp_path):
    exported = pair.commune.packages.export(pair.usb)

    def change(entries):
        members = json.loads(entries["data/members.json"])
        members["rows"][0][members["columns"].index("full_name")] = "Người Giả Mạo"
        entries["data/members.json"] = json.dumps(members, ensure_ascii=False).encode()
        return entries

    path = _reseal(pair, _rezip(_opened_archive(pair, exported.path), change), tmp_path / "data.antt")
    refused_without_change(pair.province, path, errors.EntryHashMismatch)


def _signed_package(pair, tmp_path, entries, *, mutate=None, name="crafted.antt"):
    """A package an insider holding the commune's key could build: signed, but malicious."""
    from antt_desktop.sync.manifest import FORMAT_VERSION, Manifest, Recipient
    from antt_desktop.sync.key_files import b64

    signer = commune_signer(pair.commune)
    own = province_own_keys(pair)

    def manifest_for(listed):
        manifest = Manifest(FORMAT_VERSION, PackageKind.COMMUNE_DATA, "0.1.0", signer.unit_code, signer.unit_name,
                            "commune", signer.fingerprint, (Recipient("CAT-GL", b64(own.keys.encryption_public)),),
                            9, datetime(2026, 11, 3), {"photos": 0}, tuple(listed))
        return mutate(manifest) if mutate else manifest

    archive = build_archive(entries, manifest_for, signer)
    path = tmp_path / name
    path.write_bytes(seal_archive(archive, PackageKind.COMMUNE_DATA, signer,
                                  [RecipientKey("CAT-GL", own.keys.encryption_public)]))
    return path


def test_newer_format_version(pair, tmp_path):
    path = _signed_package(pair, tmp_path, [], mutate=lambda m: replace(m, format_version=m.format_version + 1))
    error = refused_without_change(pair.province, path, errors.UnsupportedFormat)
    assert "cập nhật ANTT Desktop" in describe(error)


@pytest.mark.parametrize("name", ["../../../etc/cron.d/x.json", "data/../../evil.json", "/tmp/evil.json",
                                  "C:\\Windows\\evil.json"])
def test_entry_names_escaping_the_folder(pair, tmp_path, name):
    path = _signed_package(pair, tmp_path, [(name, b"{}", True)])
    error = refused_without_change(pair.province, path, errors.UnsafeEntryName)
    assert name in describe(error)
    assert not (tmp_path / "evil.json").exists()


def test_compression_bomb(pair, tmp_path):
    path = _signed_package(pair, tmp_path, [("data/members.json", b" " * (24 * 1024 * 1024), True)])
    error = refused_without_change(pair.province, path, errors.CompressionBomb)
    assert "bom nén" in describe(error)


def test_rows_of_another_commune_are_refused(pair, tmp_path):
    exported = pair.commune.packages.export(pair.usb)
    archive = _opened_archive(pair, exported.path)
    source = zipfile.ZipFile(io.BytesIO(archive))
    tables = {i.filename: source.read(i.filename) for i in source.infolist()
              if i.filename.startswith(("data/", "photos/"))}
    members = json.loads(tables["data/members.json"])
    members["rows"][0][members["columns"].index("unit_code")] = "GL0002"
    tables["data/members.json"] = json.dumps(members, ensure_ascii=False).encode()
    entries = [(name, data, not name.startswith("photos/")) for name, data in tables.items()]
    counts = json.loads(source.read("manifest.json"))["record_counts"]
    path = _signed_package(pair, tmp_path, entries, mutate=lambda m: replace(m, record_counts=counts))
    error = refused_without_change(pair.province, path, errors.PackageContentInvalid)
    assert error.column == "unit_code" and "GL0002" in describe(error)


def test_a_receipt_is_not_a_commune_package(pair):
    report = pair.province.packages.import_package(pair.commune.packages.export(pair.usb).path)
    with pytest.raises(errors.WrongPackageKind):
        pair.commune.packages.import_reference(report.receipt_path)


def test_a_receipt_for_a_package_the_commune_did_not_make_is_refused(pair):
    exported = pair.commune.packages.export(pair.usb)
    report = pair.province.packages.import_package(exported.path)
    from antt_desktop.store.engine import make_engine
    from sqlalchemy import text

    engine = make_engine(pair.commune.target)
    with engine.begin() as connection:
        connection.execute(text("UPDATE package_receipts SET package_sha256 = :x WHERE direction = 'exported'"),
                           {"x": hashlib.sha256(b"other").hexdigest()})
    engine.dispose()
    before = database_dump(pair.commune)
    with pytest.raises(errors.ReceiptMismatch):
        pair.commune.packages.import_receipt(report.receipt_path)
    assert database_dump(pair.commune) == before


# ---- permissions, audit, reference data -------------------------------------------------------

def test_a_viewer_can_neither_export_nor_import(pair):
    exported = pair.commune.packages.export(pair.usb)
    viewer_context = replace(pair.province.context, role=Role.VIEWER)
    from antt_desktop.services.packages import PackageService

    viewer = PackageService(viewer_context, pair.province.keys, None)
    with pytest.raises(PermissionDenied):
        viewer.import_package(exported.path)
    commune_viewer = PackageService(replace(pair.commune.context, role=Role.VIEWER), pair.commune.keys, None)
    with pytest.raises(PermissionDenied):
        commune_viewer.export(pair.usb)


def test_every_write_is_audited(pair):
    exported = pair.commune.packages.export(pair.usb)
    report = pair.province.packages.import_package(exported.path)
    pair.commune.packages.import_receipt(report.receipt_path)
    from antt_desktop.store.engine import make_engine
    from sqlalchemy import text

    def actions(services):
        engine = make_engine(services.target)
        with engine.connect() as connection:
            found = [row[0] for row in connection.execute(text("SELECT action FROM audit_events ORDER BY sequence"))]
        engine.dispose()
        return found

    assert {"keys.created", "keys.trusted", "package.exported", "package.acknowledged"} <= set(actions(pair.commune))
    assert {"keys.created", "keys.trusted", "package.imported"} <= set(actions(pair.province))


def test_reference_package_from_the_higher_unit(pair):
    from antt_desktop.store.engine import make_engine
    from sqlalchemy import text

    engine = make_engine(pair.province.target)
    with engine.begin() as connection:   # the province learns of a new lương cơ sở
        connection.execute(text(
            "INSERT INTO base_salaries (id, unit_code, amount_dong, effective_from, legal_basis, is_confirmed) "
            "VALUES ('bs-2027', 'CAT-GL', 2800000, '2027-01-01', 'Nghị định giả định', 1)"))
    engine.dispose()
    exported = pair.province.packages.export_reference(pair.usb)
    assert exported.recipients == ("DEMO-TANPHU",)
    before = database_dump(pair.commune)
    preview = pair.commune.packages.import_reference(exported.path, dry_run=True)
    assert database_dump(pair.commune) == before
    assert preview.salaries_new and "2.800.000" in preview.salaries_new[0]
    applied = pair.commune.packages.import_reference(exported.path)
    assert applied.applied
    with pair.commune.context.new_uow() as uow:
        amounts = {row.effective_from.isoformat(): row.amount_dong for row in uow.policies.base_salaries()}
    assert amounts["2027-01-01"] == 2_800_000
    with pytest.raises(errors.PackageReplayed):
        pair.commune.packages.import_reference(exported.path)


# ---- several packages at once (a provincial round of sticks) ----------------------------------

def _second_commune(pair, tmp_path, clock, *, clash_with: str | None = None):
    """Another commune trusted by the province; optionally holding a member whose id clashes."""
    from sqlalchemy import text

    from antt_desktop.store.engine import make_engine

    other = new_commune(tmp_path / "xa2", clock, code="XA-2", name="Xã Ia Pa")
    exchange_keys(other, pair.province, tmp_path / "usb2")
    if clash_with:
        source = make_engine(pair.commune.target)
        with source.connect() as connection:
            member = dict(connection.execute(text("SELECT * FROM members WHERE id = :id"),
                                             {"id": clash_with}).mappings().one())
        source.dispose()
        member.update(unit_code="XA-2", hamlet_id=None)
        target = make_engine(other.target)
        with target.begin() as connection:
            connection.execute(text(f"INSERT INTO members ({', '.join(member)}) "
                                    f"VALUES ({', '.join(':' + k for k in member)})"), member)
        target.dispose()
    return other


def test_import_many_applies_the_good_reports_the_bad_and_backs_up_once(pair, tmp_path, clock):
    other = _second_commune(pair, tmp_path, clock)
    try:
        first = pair.commune.packages.export(pair.usb).path
        second = other.packages.export(tmp_path / "usb2").path
        broken = tmp_path / "hong.antt"
        broken.write_bytes(first.read_bytes()[:-50])
        outcome = pair.province.packages.import_many([first, broken, second, first])
        assert [r.unit_code for r in outcome.reports] == ["DEMO-TANPHU", "XA-2"]
        assert all(r.applied and r.receipt_path and r.receipt_path.exists() for r in outcome.reports)
        assert [type(e) for _, e in outcome.failures] == [errors.PackageTruncated, errors.PackageReplayed]
        assert outcome.backup_path is not None and len(list_backups(Path(pair.province.target))) == 1
        assert len(pair.province.aggregate.members()) == 30          # XA-2 has no members yet
        board = {row.unit_code: row.last_sequence for row in pair.province.aggregate.board()}
        assert board == {"DEMO-TANPHU": 1, "XA-2": 1}
    finally:
        other.close()


def test_import_many_falls_back_to_one_transaction_each_when_a_package_clashes(pair, tmp_path, clock):
    clash = pair.commune.members.list_rows()[0].id
    other = _second_commune(pair, tmp_path, clock, clash_with=clash)
    try:
        first = pair.commune.packages.export(pair.usb).path
        second = other.packages.export(tmp_path / "usb2").path
        outcome = pair.province.packages.import_many([first, second])
        assert [r.unit_code for r in outcome.reports] == ["DEMO-TANPHU"]
        assert [type(e) for _, e in outcome.failures] == [errors.PackageConflict]
        assert "trùng" in describe(outcome.failures[0][1])
        assert len(pair.province.aggregate.members(unit_code="DEMO-TANPHU")) == 30
        assert pair.province.aggregate.members(unit_code="XA-2") == []
    finally:
        other.close()
