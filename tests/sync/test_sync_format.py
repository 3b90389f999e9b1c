"""The package format without a database: keys, signatures, encryption, and every refusal."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
import zipfile
from datetime import datetime

import pytest

from antt_desktop.sync import crypto, errors
from antt_desktop.sync.container import ContainerHeader, pack, unpack
from antt_desktop.sync.key_files import (
    PublicKeyCard,
    b64,
    public_key_file_bytes,
    read_private_key_file,
    read_public_key_file,
    write_private_key_file,
)
from antt_desktop.sync.manifest import (
    FORMAT_VERSION,
    Manifest,
    PackageContent,
    PackageKind,
    Recipient,
    TableData,
)
from antt_desktop.sync.package_reader import OwnKeys, TrustedSender, check_sequence, open_package
from antt_desktop.sync.package_writer import (
    RecipientKey,
    Signer,
    build_archive,
    build_package,
    seal_archive,
    write_package_file,
)

NOW = datetime(2026, 11, 22, 9, 30)


@pytest.fixture(scope="module")
def parties():
    commune = Signer("26734", "Xã Tân Phú", "commune", crypto.generate_key_pair())
    province = crypto.generate_key_pair()
    other = crypto.generate_key_pair()
    return commune, province, other


def content() -> PackageContent:
    jpeg = b"\xff\xd8\xff\xe0" + os.urandom(2000)
    return PackageContent(
        {"members": TableData(("id", "unit_code", "full_name"), [["m1", "26734", "Nguyễn Văn Ánh"],
                                                                   ["m2", "26734", "Trần Thị Đào"]]),
         "member_photos": TableData(("id", "unit_code", "member_id", "sha256"),
                                    [["p1", "26734", "m1", hashlib.sha256(jpeg).hexdigest()],
                                     ["p2", "26734", "m2", hashlib.sha256(jpeg).hexdigest()]])},
        {hashlib.sha256(jpeg).hexdigest(): jpeg},
    )


def package(parties, **overrides) -> bytes:
    commune, province, _ = parties
    options = dict(kind=PackageKind.COMMUNE_DATA, signer=commune,
                   recipients=[RecipientKey("CAT-GL", province.encryption_public)], sequence=3,
                   created_at=NOW, content=content(), app_version="0.1.0")
    options.update(overrides)
    return build_package(**options)


def open_as_province(parties, data: bytes, *, trusted=True):
    commune, province, _ = parties
    senders = {}
    if trusted:
        senders[commune.keys.signing_public] = TrustedSender(
            commune.unit_code, commune.unit_name, "commune", commune.keys.signing_public,
            commune.keys.encryption_public)
    return open_package(data, "goi.antt", own=OwnKeys("CAT-GL", province), trusted=senders)


def archive_bytes(parties, data: bytes) -> bytes:
    """Decrypt a package as its recipient, to build tampered variants of the archive inside."""
    _, province, _ = parties
    header, ciphertext = unpack(data, "goi.antt")
    key = crypto.open_content_key(header.recipients[0].sealed_key, province.encryption_secret)
    return crypto.decrypt(key, ciphertext)


def reseal(parties, archive: bytes) -> bytes:
    commune, province, _ = parties
    return seal_archive(archive, PackageKind.COMMUNE_DATA, commune, [RecipientKey("CAT-GL", province.encryption_public)])


def rewrite_archive(archive: bytes, change) -> bytes:
    """A new archive whose entries are `change(dict name → bytes)`."""
    source = zipfile.ZipFile(io.BytesIO(archive))
    entries = {info.filename: source.read(info.filename) for info in source.infolist()}
    entries = change(entries)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries.items():
            target.writestr(name, data)
    return buffer.getvalue()


def signed_archive(parties, entries, *, mutate_manifest=None) -> bytes:
    """An archive of arbitrary entries with a correct, signed manifest (an attacker with the key)."""
    commune, province, _ = parties

    def manifest_for(listed):
        manifest = Manifest(
            format_version=FORMAT_VERSION, kind=PackageKind.COMMUNE_DATA, app_version="0.1.0",
            source_unit_code=commune.unit_code, source_unit_name=commune.unit_name, source_mode="commune",
            source_fingerprint=commune.fingerprint,
            recipients=(Recipient("CAT-GL", b64(province.encryption_public)),),
            sequence=3, created_at=NOW, record_counts={"photos": 0}, entries=tuple(listed))
        return mutate_manifest(manifest) if mutate_manifest else manifest

    return build_archive(entries, manifest_for, commune)


# ---- keys ---------------------------------------------------------------------------------

def test_fingerprint_is_twenty_digits_in_groups_of_five_and_depends_on_both_keys(parties):
    commune = parties[0]
    text = commune.fingerprint
    groups = text.split(" ")
    assert len(groups) == 4 and all(len(g) == 5 and g.isdigit() for g in groups)
    other = crypto.generate_key_pair()
    assert crypto.fingerprint(commune.keys.signing_public, other.encryption_public) != text


def test_public_key_file_round_trips_and_refuses_an_edit(parties):
    commune = parties[0]
    card = PublicKeyCard("26734", "Xã Tân Phú", "064", "commune", commune.keys.signing_public,
                         commune.keys.encryption_public, NOW)
    data = public_key_file_bytes(card, commune.keys.signing_seed)
    assert read_public_key_file(data, "k.antt-key") == card
    assert commune.fingerprint.encode() in data
    edited = data.replace("Xã Tân Phú".encode(), "Xã Tân Phước".encode())
    with pytest.raises(errors.KeyFileInvalid) as refused:
        read_public_key_file(edited, "k.antt-key")
    assert refused.value.reason == "bad_signature"
    with pytest.raises(errors.KeyFileInvalid) as refused:
        read_public_key_file(b"not json", "k.antt-key")
    assert refused.value.reason == "not_json"


def test_private_key_file_is_owner_only_and_never_overwritten(tmp_path, parties):
    keys = parties[0].keys
    path = tmp_path / "keys" / "antt.key"
    write_private_key_file(path, "26734", keys, NOW)
    stored = read_private_key_file(path)
    assert stored.keys == keys and stored.unit_code == "26734"
    if sys.platform != "win32":
        assert path.stat().st_mode & 0o777 == 0o600
        assert path.parent.stat().st_mode & 0o777 == 0o700
    with pytest.raises(FileExistsError):
        write_private_key_file(path, "26734", crypto.generate_key_pair(), NOW)
    assert read_private_key_file(path).keys == keys
    with pytest.raises(errors.KeyFileInvalid) as refused:
        read_public_key_file(path.read_bytes(), path.name)
    assert refused.value.reason == "private_key"


# ---- the round trip -------------------------------------------------------------------------

def test_a_package_opens_for_its_recipient_with_every_entry_checked(parties):
    data = package(parties)
    opened = open_as_province(parties, data)
    assert opened.manifest.sequence == 3
    assert opened.manifest.source_unit_code == "26734"
    assert opened.content.tables["members"].column("full_name") == ["Nguyễn Văn Ánh", "Trần Thị Đào"]
    assert len(opened.content.photos) == 1            # two rows, one photo: deduplicated by hash
    assert opened.manifest.record_counts == {"member_photos": 2, "members": 2, "photos": 1}
    assert opened.sha256 == hashlib.sha256(data).hexdigest()


def test_photos_are_stored_and_data_deflated(parties):
    archive = zipfile.ZipFile(io.BytesIO(archive_bytes(parties, package(parties))))
    kinds = {info.filename: info.compress_type for info in archive.infolist()}
    assert all(kind == zipfile.ZIP_STORED for name, kind in kinds.items() if name.startswith("photos/"))
    assert kinds["data/members.json"] == zipfile.ZIP_DEFLATED


def test_several_recipients_each_open_the_same_package(parties):
    commune, province, other = parties
    data = package(parties, kind=PackageKind.REFERENCE,
                   recipients=[RecipientKey("CAT-GL", province.encryption_public),
                               RecipientKey("XA-2", other.encryption_public)])
    trusted = {commune.keys.signing_public: TrustedSender("26734", "", "commune", commune.keys.signing_public,
                                                          commune.keys.encryption_public)}
    for unit, keys in (("CAT-GL", province), ("XA-2", other)):
        assert open_package(data, "t.antt", own=OwnKeys(unit, keys), trusted=trusted).manifest.sequence == 3


def test_write_package_file_writes_renames_and_verifies(tmp_path, parties):
    data = package(parties)
    written = write_package_file(tmp_path, "goi.antt", data)
    assert written.path.read_bytes() == data
    assert written.sha256 == hashlib.sha256(data).hexdigest()
    assert [p.name for p in tmp_path.iterdir()] == ["goi.antt"]   # no temporary left behind


# ---- every refusal ------------------------------------------------------------------------

def test_truncated_file_is_refused_as_truncated(parties):
    data = package(parties)
    for size in (len(data) - 1, len(data) // 2, 40, 5):
        with pytest.raises(errors.PackageTruncated):
            open_as_province(parties, data[:size])


def test_a_flipped_byte_anywhere_is_refused(parties):
    data = package(parties)
    positions = sorted({0, 7, 8, 11, 12, 40, len(data) - 1, len(data) - 9, len(data) - 20,
                        *range(0, len(data), max(1, len(data) // 150))})
    for position in positions:
        damaged = bytearray(data)
        damaged[position] ^= 0x01
        with pytest.raises(errors.PackageError):
            open_as_province(parties, bytes(damaged))


def test_a_flipped_byte_with_a_recomputed_checksum_fails_authentication(parties):
    """An attacker who fixes the outer checksum still meets the authenticated encryption."""
    data = package(parties)
    header, ciphertext = unpack(data, "goi.antt")
    changed = bytearray(ciphertext)
    changed[len(changed) // 2] ^= 0x80
    with pytest.raises(errors.PackageCorrupted) as refused:
        open_as_province(parties, pack(header, bytes(changed)))
    assert refused.value.part == "payload"


def test_a_package_for_another_recipient_is_refused(parties):
    commune, province, other = parties
    data = package(parties, recipients=[RecipientKey("CAT-KT", other.encryption_public)])
    with pytest.raises(errors.WrongRecipient) as refused:
        open_as_province(parties, data)
    assert refused.value.recipients == ("CAT-KT",)


def test_an_untrusted_sender_is_refused_before_decrypting(parties):
    with pytest.raises(errors.UntrustedSender) as refused:
        open_as_province(parties, package(parties), trusted=False)
    assert refused.value.unit_code == "26734" and refused.value.fingerprint == parties[0].fingerprint


def test_a_tampered_manifest_fails_its_signature(parties):
    def change(entries):
        manifest = json.loads(entries["manifest.json"])
        manifest["sequence"] = 99
        entries["manifest.json"] = json.dumps(manifest).encode()
        return entries

    tampered = reseal(parties, rewrite_archive(archive_bytes(parties, package(parties)), change))
    with pytest.raises(errors.BadSignature):
        open_as_province(parties, tampered)


def test_an_altered_entry_fails_its_hash(parties):
    def change(entries):
        entries["data/members.json"] = entries["data/members.json"].replace("Ánh".encode(), "Anh".encode())
        return entries

    tampered = reseal(parties, rewrite_archive(archive_bytes(parties, package(parties)), change))
    with pytest.raises(errors.EntryHashMismatch) as refused:
        open_as_province(parties, tampered)
    assert refused.value.entry == "data/members.json"


def test_an_added_entry_is_refused(parties):
    def change(entries):
        entries["data/users.json"] = b'{"columns":["id"],"rows":[["x"]]}'
        return entries

    tampered = reseal(parties, rewrite_archive(archive_bytes(parties, package(parties)), change))
    with pytest.raises(errors.UnlistedEntry):
        open_as_province(parties, tampered)


def test_a_newer_format_version_is_refused(parties):
    with pytest.raises(errors.UnsupportedFormat) as refused:
        open_as_province(parties, package(parties, format_version=FORMAT_VERSION + 1))
    assert (refused.value.found, refused.value.supported) == (FORMAT_VERSION + 1, FORMAT_VERSION)


def test_a_newer_container_version_is_refused(parties):
    commune, province, _ = parties
    header = ContainerHeader(2, PackageKind.COMMUNE_DATA, "26734", commune.keys.signing_public,
                             commune.keys.encryption_public, ())
    with pytest.raises(errors.UnsupportedFormat):
        open_as_province(parties, pack(header, b"x" * 100))


@pytest.mark.parametrize("name", ["../../evil.json", "data/../../x.json", "/etc/passwd", "C:\\Windows\\x.json",
                                  "data\\..\\x.json", "photos/../manifest.json", "data/x.json/../../y"])
def test_entry_names_that_escape_the_folder_are_refused(parties, name):
    archive = signed_archive(parties, [(name, b"{}", True)])
    with pytest.raises(errors.UnsafeEntryName) as refused:
        open_as_province(parties, reseal(parties, archive))
    assert refused.value.entry == name


def test_a_compression_bomb_is_refused_before_inflating(parties):
    bomb = b"\x00" * (20 * 1024 * 1024)          # deflates about 1000 to 1
    archive = signed_archive(parties, [("data/members.json", bomb, True)])
    with pytest.raises(errors.CompressionBomb) as refused:
        open_as_province(parties, reseal(parties, archive))
    assert refused.value.entry == "data/members.json"


def test_a_package_signed_for_another_unit_and_re_encrypted_is_refused(parties):
    commune, province, other = parties
    for_other = package(parties, recipients=[RecipientKey("CAT-KT", other.encryption_public)])
    header, ciphertext = unpack(for_other, "x")
    archive = crypto.decrypt(crypto.open_content_key(header.recipients[0].sealed_key, other.encryption_secret),
                             ciphertext)
    with pytest.raises(errors.ForwardedPackage):
        open_as_province(parties, reseal(parties, archive))


def test_a_replayed_sequence_is_refused_and_an_identical_one_is_named_as_such(parties):
    opened = open_as_province(parties, package(parties))
    check_sequence(opened.manifest, opened.sha256, last_sequence=2, last_sha256="x")
    with pytest.raises(errors.PackageReplayed) as refused:
        check_sequence(opened.manifest, opened.sha256, last_sequence=3, last_sha256=opened.sha256)
    assert refused.value.is_same_package
    with pytest.raises(errors.PackageReplayed) as refused:
        check_sequence(opened.manifest, opened.sha256, last_sequence=7, last_sha256="y")
    assert not refused.value.is_same_package and refused.value.last_sequence == 7


def test_not_a_package_at_all(parties):
    with pytest.raises(errors.NotAPackage):
        open_as_province(parties, b"PK\x03\x04" + b"\x00" * 200)


def test_every_refusal_has_a_vietnamese_sentence():
    from antt_desktop.messages import describe

    samples = [
        errors.NotAPackage("a.antt"), errors.PackageTruncated("a.antt", 1234),
        errors.PackageCorrupted("a.antt", "payload"), errors.WrongRecipient(("CAT-KT",), "CAT-GL"),
        errors.UntrustedSender("26734", "1 2 3", False), errors.UntrustedSender("26734", "1 2 3", True),
        errors.BadSignature("26734"), errors.ForwardedPackage("26734", ("CAT-KT",)),
        errors.EntryHashMismatch("data/members.json"), errors.EntryMissing("manifest.sig"),
        errors.UnlistedEntry("data/users.json"), errors.UnsafeEntryName("../x"),
        errors.CompressionBomb("data/members.json", 10, 5), errors.UnsupportedFormat(2, 1),
        errors.ManifestInvalid("sequence"), errors.WrongPackageKind("commune_data", "receipt"),
        errors.PackageReplayed("26734", 2, 3, False), errors.PackageReplayed("26734", 3, 3, True),
        errors.PackageContentInvalid("members", "unit_code", "XA-KHAC"), errors.PackageConflict("members", "x"),
        errors.WrongUnitMode("commune_import", "commune"), errors.KeysMissing(),
        errors.KeyAlreadyTrusted("26734", "1", "2"), errors.FingerprintMismatch("1", "2"),
        errors.NoRecipient(), errors.OwnKeyFile("26734"), errors.WriteVerifyFailed("/media/usb/a.antt"),
    ]
    sentences = [describe(sample) for sample in samples]
    for sample, sentence in zip(samples, sentences):
        assert not sentence.startswith("Lỗi không mong đợi"), type(sample).__name__
    assert len(set(sentences)) == len(sentences)            # each says its own thing
    assert "cắt cụt" in describe(errors.PackageTruncated("a.antt", 1234))
    assert "1.234" in describe(errors.PackageTruncated("a.antt", 1234))
    assert "phiên bản 2" in describe(errors.UnsupportedFormat(2, 1))
