"""Hostile packages (issue #8), property-based: whatever bytes arrive on a stick, the package
reader raises a PackageError with a Vietnamese sentence — never another exception — and an
import that is refused leaves the database exactly as it was (no half-applied package).

Three attackers: a damaged or edited file (random mutations of a real package); someone with
the commune's own key who signs arbitrary JSON; and the same insider feeding hostile values
into an otherwise valid package, through PackageService.import_package on a real database.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import zipfile
from dataclasses import replace
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from antt_desktop.domain.errors import DomainError
from antt_desktop.messages import describe
from antt_desktop.sync import crypto
from antt_desktop.sync.errors import PackageError
from antt_desktop.sync.manifest import FORMAT_VERSION, Manifest, PackageContent, PackageKind, Recipient, TableData
from antt_desktop.sync.key_files import b64
from antt_desktop.sync.package_reader import OwnKeys, TrustedSender, open_package
from antt_desktop.sync.package_writer import RecipientKey, Signer, build_archive, build_package, seal_archive

NOW = datetime(2026, 11, 22, 9, 30)
COMMUNE = Signer("26734", "Xã Tân Phú", "commune", crypto.generate_key_pair())
PROVINCE = crypto.generate_key_pair()
TRUSTED = {COMMUNE.keys.signing_public: TrustedSender(
    COMMUNE.unit_code, COMMUNE.unit_name, "commune", COMMUNE.keys.signing_public, COMMUNE.keys.encryption_public)}
OWN = OwnKeys("CAT-GL", PROVINCE)


def _content() -> PackageContent:
    jpeg = b"\xff\xd8\xff\xe0" + os.urandom(500)
    return PackageContent(
        {"members": TableData(("id", "unit_code", "full_name"), [["m1", "26734", "Nguyễn Văn Ánh"],
                                                                   ["m2", "26734", "Trần Thị Đào"]])},
        {hashlib.sha256(jpeg).hexdigest(): jpeg})


GOOD = build_package(kind=PackageKind.COMMUNE_DATA, signer=COMMUNE,
                     recipients=[RecipientKey("CAT-GL", PROVINCE.encryption_public)], sequence=3,
                     created_at=NOW, content=_content(), app_version="0.1.0")


def assert_refused_in_vietnamese(data: bytes) -> None:
    try:
        open_package(data, "goi.antt", own=OWN, trusted=TRUSTED)
    except PackageError as error:
        sentence = describe(error)
        assert sentence and not sentence.startswith("Lỗi không mong đợi"), type(error)
        return
    # Only a mutation that changed nothing may open; the checks above make any other fail.
    assert data == GOOD


def test_the_untouched_package_opens():
    assert open_package(GOOD, "goi.antt", own=OWN, trusted=TRUSTED).manifest.sequence == 3


mutations = st.lists(st.tuples(st.integers(0, len(GOOD) - 1), st.integers(1, 255)), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(mutations)
def test_flipped_bytes_anywhere_are_refused(flips):
    data = bytearray(GOOD)
    for position, mask in flips:
        data[position] ^= mask
    assert_refused_in_vietnamese(bytes(data))


@settings(max_examples=150, deadline=None)
@given(cut=st.integers(0, len(GOOD) - 1), tail=st.binary(max_size=64))
def test_truncated_or_extended_files_are_refused(cut, tail):
    assert_refused_in_vietnamese(GOOD[:cut] + tail)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=4096))
def test_random_bytes_are_refused(data):
    assert_refused_in_vietnamese(data)


# --- an insider with the commune's key signs whatever they like -------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20)
entry_names = st.sampled_from(["data/members.json", "data/hamlets.json", "data/teams.json",
                               "data/assignments.json", "data/x.json"])


def signed(entries: list[tuple[str, bytes, bool]], *, counts=None) -> bytes:
    def manifest_for(listed):
        return Manifest(FORMAT_VERSION, PackageKind.COMMUNE_DATA, "0.1.0", COMMUNE.unit_code, COMMUNE.unit_name,
                        "commune", COMMUNE.fingerprint, (Recipient("CAT-GL", b64(PROVINCE.encryption_public)),),
                        3, NOW, counts if counts is not None else {"photos": 0}, tuple(listed))

    archive = build_archive(entries, manifest_for, COMMUNE)
    return seal_archive(archive, PackageKind.COMMUNE_DATA, COMMUNE, [RecipientKey("CAT-GL", PROVINCE.encryption_public)])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents=st.lists(st.tuples(entry_names, json_values | st.binary(max_size=64)), max_size=3),
       counts=st.dictionaries(st.text(max_size=10), st.integers(), max_size=3))
def test_signed_hostile_json_is_refused_or_read_never_crashes(documents, counts):
    entries = {}
    for name, document in documents:
        data = document if isinstance(document, bytes) else json.dumps(document).encode()
        entries[name] = (name, data, True)
    data = signed(list(entries.values()), counts=counts)
    try:
        opened = open_package(data, "goi.antt", own=OWN, trusted=TRUSTED)
    except PackageError as error:
        assert not describe(error).startswith("Lỗi không mong đợi")
        return
    for table in opened.content.tables.values():      # what opens is well formed
        assert all(len(row) == len(table.columns) for row in table.rows)


# --- through the import service, on a real database -------------------------------------------

@pytest.fixture(scope="module")
def pair_template(tmp_path_factory):
    from tests.conftest import FakeClock
    from tests.sync.pair import template_pair

    return template_pair(tmp_path_factory.mktemp("hostile-pair"), FakeClock(datetime(2026, 11, 3, 9, 0)))


@pytest.fixture(scope="module")
def genuine(pair_template, tmp_path_factory):
    """A genuine export's archive and the keys an insider would hold."""
    from tests.conftest import FakeClock
    from tests.sync.pair import copy_pair

    pair = copy_pair(pair_template, tmp_path_factory.mktemp("export"), FakeClock(datetime(2026, 11, 3, 9, 30)))
    try:
        exported = pair.commune.packages.export(pair.usb)
        with pair.commune.context.new_uow() as uow:
            signer = pair.commune.keys.signer(uow)[1]
        with pair.province.context.new_uow() as uow:
            own = pair.province.keys.own_keys(uow)[1]
    finally:
        pair.close()
    from antt_desktop.sync.container import unpack

    header, ciphertext = unpack(exported.path.read_bytes(), exported.path.name)
    sealed = next(r for r in header.recipients if r.unit_code == "CAT-GL")
    archive = crypto.decrypt(crypto.open_content_key(sealed.sealed_key, own.keys.encryption_secret), ciphertext)
    return archive, signer, own


def resigned(archive: bytes, signer, change) -> bytes:
    """The archive with `change(entries)` applied and a fresh, valid manifest and signature."""
    source = zipfile.ZipFile(io.BytesIO(archive))
    entries = {i.filename: source.read(i.filename) for i in source.infolist()}
    manifest = Manifest.from_json(entries.pop("manifest.json"))
    entries.pop("manifest.sig")
    entries = change(entries)
    listed = tuple(replace(e, sha256=hashlib.sha256(entries[e.name]).hexdigest(), size=len(entries[e.name]))
                   for e in manifest.entries)
    manifest_bytes = replace(manifest, entries=listed).to_json()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("manifest.json", manifest_bytes)
        target.writestr("manifest.sig", crypto.sign(signer.keys.signing_seed, manifest_bytes))
        for name, data in entries.items():
            target.writestr(name, data)
    return buffer.getvalue()


cell_values = st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=False) \
    | st.text(max_size=30) | st.lists(st.integers(), max_size=2) | st.just("2024-02-30") | st.just("")


@pytest.mark.slow
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(table=st.sampled_from(["members", "hamlets", "teams", "assignments"]),
       row=st.integers(0, 1000), column=st.integers(0, 100), value=cell_values)
def test_a_hostile_value_in_a_signed_package_is_applied_whole_or_not_at_all(
        pair_template, genuine, tmp_path_factory, table, row, column, value):
    from tests.conftest import FakeClock
    from tests.sync.pair import database_dump
    from antt_desktop.wiring import open_services

    archive, signer, own = genuine

    def change(entries):
        name = f"data/{table}.json"
        document = json.loads(entries[name])
        if document["rows"]:
            target = document["rows"][row % len(document["rows"])]
            target[column % len(target)] = value
        entries[name] = json.dumps(document, ensure_ascii=False).encode()
        return entries

    folder = tmp_path_factory.mktemp("province")
    shutil.copytree(pair_template / "tinh", folder / "tinh")
    package = folder / "hostile.antt"
    package.write_bytes(seal_archive(resigned(archive, signer, change), PackageKind.COMMUNE_DATA, signer,
                                     [RecipientKey("CAT-GL", own.keys.encryption_public)]))
    province = open_services(folder / "tinh" / "antt.sqlite", actor="can-bo-tinh",
                             clock=FakeClock(datetime(2026, 11, 3, 9, 45)))
    try:
        before = database_dump(province)
        try:
            report = province.packages.import_package(package)
        except DomainError as error:
            assert not describe(error).startswith("Lỗi không mong đợi"), repr(error)
            assert database_dump(province) == before            # nothing half-written
            return
        # Applied: the commune's members all arrived, in one transaction.
        assert report is not None
        assert province.audit.broken_sequences() == []
    finally:
        province.close()
