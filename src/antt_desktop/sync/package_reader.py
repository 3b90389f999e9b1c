"""Open a package: layout and checksum, recipient, sender trust, decryption, archive safety,
manifest signature and format, every entry's SHA-256, then the plain content.

Nothing here writes anything; each failure raises the PackageError that names it. The
sequence check needs what was applied before, so the caller passes that in
(`check_sequence`).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass

from antt_desktop.sync import crypto
from antt_desktop.sync.container import ContainerHeader, unpack
from antt_desktop.sync.errors import (
    BadSignature,
    CompressionBomb,
    EntryHashMismatch,
    EntryMissing,
    ForwardedPackage,
    ManifestInvalid,
    PackageContentInvalid,
    PackageCorrupted,
    PackageReplayed,
    UnlistedEntry,
    UnsafeEntryName,
    UntrustedSender,
    WrongPackageKind,
    WrongRecipient,
)
from antt_desktop.sync.key_files import b64
from antt_desktop.sync.manifest import Manifest, PackageContent, PackageKind, TableData

# Only our own names: nothing with '..', a slash at the start, a backslash or a drive letter.
_ENTRY_NAME = re.compile(r"manifest\.json|manifest\.sig|data/[a-z][a-z0-9_]{0,63}\.json|photos/[0-9a-f]{64}\.jpg")
# A commune of a few hundred members with photos is a few MB; these bounds are far above
# any real package and far below what would exhaust an office PC.
MAX_ENTRY_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200                 # JSON deflates ~10×; a bomb deflates 1000× and more
RATIO_FLOOR_BYTES = 1024 * 1024
MAX_ENTRIES = 200_000


@dataclass(frozen=True, slots=True)
class OwnKeys:
    unit_code: str
    keys: crypto.KeyPair


@dataclass(frozen=True, slots=True)
class TrustedSender:
    unit_code: str
    unit_name: str
    mode: str
    signing_key: bytes
    encryption_key: bytes

    @property
    def fingerprint(self) -> str:
        return crypto.fingerprint(self.signing_key, self.encryption_key)


@dataclass(frozen=True)
class OpenedPackage:
    manifest: Manifest
    content: PackageContent
    sender: TrustedSender
    sha256: str                  # of the whole file: what receipts and the board refer to
    size_bytes: int


def read_header(data: bytes, file_name: str) -> ContainerHeader:
    """The unauthenticated outer header (layout and checksum checked), e.g. to name the sender."""
    return unpack(data, file_name)[0]


def open_package(data: bytes, file_name: str, *, own: OwnKeys,
                 trusted: Mapping[bytes, TrustedSender],
                 expected_kind: PackageKind | None = None) -> OpenedPackage:
    """Verify and decrypt; `trusted` maps a signing public key to the unit trusted with it."""
    header, ciphertext = unpack(data, file_name)
    own_public = own.keys.encryption_public
    sealed = next((r for r in header.recipients if r.encryption_key == own_public), None)
    if sealed is None:
        raise WrongRecipient(tuple(r.unit_code for r in header.recipients), own.unit_code)
    sender = trusted.get(header.sender_signing_key)
    if sender is None:
        known = any(t.unit_code == header.sender_unit_code for t in trusted.values())
        raise UntrustedSender(header.sender_unit_code,
                              crypto.fingerprint(header.sender_signing_key, header.sender_encryption_key),
                              known)
    if expected_kind is not None and header.kind is not expected_kind:
        raise WrongPackageKind(expected_kind.value, header.kind.value)
    try:
        content_key = crypto.open_content_key(sealed.sealed_key, own.keys.encryption_secret)
    except crypto.DecryptionFailed:
        raise PackageCorrupted(file_name, "key") from None
    try:
        archive_bytes = crypto.decrypt(content_key, ciphertext)
    except crypto.DecryptionFailed:
        raise PackageCorrupted(file_name, "payload") from None
    entries = _read_archive(archive_bytes, file_name)

    manifest_bytes = entries.pop("manifest.json", None)
    signature = entries.pop("manifest.sig", None)
    if manifest_bytes is None:
        raise EntryMissing("manifest.json")
    if signature is None:
        raise EntryMissing("manifest.sig")
    if not crypto.signature_is_valid(sender.signing_key, manifest_bytes, signature):
        raise BadSignature(sender.unit_code)
    manifest = Manifest.from_json(manifest_bytes)
    if manifest.source_unit_code != sender.unit_code or manifest.source_fingerprint != sender.fingerprint:
        raise ManifestInvalid("source")
    if manifest.kind is not header.kind:
        raise ManifestInvalid("kind")
    if b64(own_public) not in {r.encryption_key for r in manifest.recipients}:
        raise ForwardedPackage(sender.unit_code, tuple(r.unit_code for r in manifest.recipients))
    _check_entries(manifest, entries)
    content = _content(entries)
    if content.record_counts() != manifest.record_counts:
        raise ManifestInvalid("record_counts")
    return OpenedPackage(manifest, content, sender, hashlib.sha256(data).hexdigest(), len(data))


def check_sequence(manifest: Manifest, package_sha256: str, *, last_sequence: int | None,
                   last_sha256: str | None) -> None:
    """Refuse a package whose number is not above the last one applied from its sender."""
    if last_sequence is not None and manifest.sequence <= last_sequence:
        raise PackageReplayed(manifest.source_unit_code, manifest.sequence, last_sequence,
                              manifest.sequence == last_sequence and package_sha256 == last_sha256)


def _read_archive(archive_bytes: bytes, file_name: str) -> dict[str, bytes]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(archive_bytes))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise PackageCorrupted(file_name, "archive") from None
    if len(infos) > MAX_ENTRIES:
        raise CompressionBomb("*", len(infos), MAX_ENTRIES)
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        if not _ENTRY_NAME.fullmatch(name) or info.is_dir():
            raise UnsafeEntryName(name)
        if name in seen:
            raise UnsafeEntryName(name)
        seen.add(name)
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PackageCorrupted(file_name, "archive")
        total += info.file_size
        if info.file_size > MAX_ENTRY_BYTES:
            raise CompressionBomb(name, info.file_size, MAX_ENTRY_BYTES)
        if total > MAX_TOTAL_BYTES:
            raise CompressionBomb(name, total, MAX_TOTAL_BYTES)
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise CompressionBomb(name, info.file_size, MAX_RATIO * info.compress_size)
    entries: dict[str, bytes] = {}
    for info in infos:
        try:
            with archive.open(info) as stream:
                data = stream.read(info.file_size + 1)   # never inflate past what it declared
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError):
            raise PackageCorrupted(file_name, "archive") from None
        if len(data) != info.file_size:
            raise CompressionBomb(info.filename, len(data), info.file_size)
        entries[info.filename] = data
    return entries


def _check_entries(manifest: Manifest, entries: dict[str, bytes]) -> None:
    listed = {}
    for entry in manifest.entries:
        if not _ENTRY_NAME.fullmatch(entry.name) or entry.name.startswith("manifest."):
            raise UnsafeEntryName(entry.name)
        listed[entry.name] = entry
    for name in entries:
        if name not in listed:
            raise UnlistedEntry(name)
    for name, entry in listed.items():
        data = entries.get(name)
        if data is None:
            raise EntryMissing(name)
        if len(data) != entry.size or hashlib.sha256(data).hexdigest() != entry.sha256:
            raise EntryHashMismatch(name)


def _content(entries: dict[str, bytes]) -> PackageContent:
    tables: dict[str, TableData] = {}
    photos: dict[str, bytes] = {}
    for name, data in entries.items():
        if name.startswith("photos/"):
            sha = name[len("photos/"):-len(".jpg")]
            if hashlib.sha256(data).hexdigest() != sha:
                raise EntryHashMismatch(name)
            photos[sha] = data
            continue
        table = name[len("data/"):-len(".json")]
        tables[table] = _table(table, data)
    return PackageContent(tables, photos)


def _table(table: str, data: bytes) -> TableData:
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise PackageContentInvalid(table, "", "json") from None
    columns = document.get("columns") if isinstance(document, dict) else None
    rows = document.get("rows") if isinstance(document, dict) else None
    if (not isinstance(columns, list) or not all(isinstance(c, str) for c in columns)
            or len(set(columns)) != len(columns) or not isinstance(rows, list)):
        raise PackageContentInvalid(table, "", "shape")
    width = len(columns)
    for row in rows:
        if not isinstance(row, list) or len(row) != width:
            raise PackageContentInvalid(table, "", "shape")
    return TableData(tuple(columns), rows)
