"""Build a package (archive → signed manifest → encryption) and write it safely to a stick.

The archive is a ZIP: `manifest.json`, `manifest.sig` (the Ed25519 signature of the manifest
bytes), `data/<table>.json` (deflated) and `photos/<sha256>.jpg` (stored: JPEG is already
compressed), each photo once however many rows point to it.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from antt_desktop.sync import crypto
from antt_desktop.sync.container import CONTAINER_VERSION, ContainerHeader, SealedFor, pack
from antt_desktop.sync.errors import WriteVerifyFailed
from antt_desktop.sync.key_files import b64
from antt_desktop.sync.manifest import (
    FORMAT_VERSION,
    Manifest,
    ManifestEntry,
    PackageContent,
    PackageKind,
    Recipient,
)

PACKAGE_SUFFIX = ".antt"
TEMPORARY_SUFFIX = ".dang-ghi"
_ZIP_TIME = (2024, 7, 1, 0, 0, 0)   # fixed entry times: the same data gives the same archive


@dataclass(frozen=True, slots=True)
class Signer:
    unit_code: str
    unit_name: str
    mode: str
    keys: crypto.KeyPair

    @property
    def fingerprint(self) -> str:
        return crypto.fingerprint(self.keys.signing_public, self.keys.encryption_public)


@dataclass(frozen=True, slots=True)
class RecipientKey:
    unit_code: str
    encryption_key: bytes


@dataclass(frozen=True, slots=True)
class WrittenPackage:
    path: Path
    sha256: str
    size_bytes: int


def data_entry_name(table: str) -> str:
    return f"data/{table}.json"


def photo_entry_name(sha256: str) -> str:
    return f"photos/{sha256}.jpg"


def table_json(columns: Sequence[str], rows: list) -> bytes:
    return json.dumps({"columns": list(columns), "rows": rows}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def build_archive(entries: Sequence[tuple[str, bytes, bool]], manifest_for, signer: Signer) -> bytes:
    """A ZIP of `entries` (name, bytes, compress?) plus the manifest and its signature.

    `manifest_for(list[ManifestEntry]) -> Manifest` builds the manifest from the entry list.
    """
    listed = [ManifestEntry(name, hashlib.sha256(data).hexdigest(), len(data)) for name, data, _ in entries]
    manifest_bytes = manifest_for(listed).to_json()
    signature = crypto.sign(signer.keys.signing_seed, manifest_bytes)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        _add(archive, "manifest.json", manifest_bytes, compress=True)
        _add(archive, "manifest.sig", signature, compress=False)
        for name, data, compress in entries:
            _add(archive, name, data, compress=compress)
    return buffer.getvalue()


def _add(archive: zipfile.ZipFile, name: str, data: bytes, *, compress: bool) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    info.external_attr = 0o600 << 16
    archive.writestr(info, data, compresslevel=6 if compress else None)


def seal_archive(archive: bytes, kind: PackageKind, signer: Signer,
                 recipients: Sequence[RecipientKey]) -> bytes:
    """Encrypt the archive for every recipient and wrap it in the container."""
    sealed_keys, ciphertext = crypto.encrypt_for([r.encryption_key for r in recipients], archive)
    header = ContainerHeader(
        container_version=CONTAINER_VERSION, kind=kind, sender_unit_code=signer.unit_code,
        sender_signing_key=signer.keys.signing_public, sender_encryption_key=signer.keys.encryption_public,
        recipients=tuple(SealedFor(r.unit_code, r.encryption_key, s) for r, s in zip(recipients, sealed_keys)),
    )
    return pack(header, ciphertext)


def build_package(*, kind: PackageKind, signer: Signer, recipients: Sequence[RecipientKey],
                  sequence: int, created_at: datetime, content: PackageContent, app_version: str,
                  format_version: int = FORMAT_VERSION) -> bytes:
    """The bytes of a complete `.antt` file."""
    entries: list[tuple[str, bytes, bool]] = [
        (data_entry_name(name), table_json(table.columns, table.rows), True)
        for name, table in sorted(content.tables.items())
    ]
    entries.extend((photo_entry_name(sha), jpeg, False) for sha, jpeg in sorted(content.photos.items()))

    def manifest_for(listed: list[ManifestEntry]) -> Manifest:
        return Manifest(
            format_version=format_version, kind=kind, app_version=app_version,
            source_unit_code=signer.unit_code, source_unit_name=signer.unit_name,
            source_mode=signer.mode, source_fingerprint=signer.fingerprint,
            recipients=tuple(Recipient(r.unit_code, b64(r.encryption_key)) for r in recipients),
            sequence=sequence, created_at=created_at.replace(microsecond=0),
            record_counts=content.record_counts(), entries=tuple(listed),
        )

    return seal_archive(build_archive(entries, manifest_for, signer), kind, signer, recipients)


def write_package_file(folder: Path, file_name: str, data: bytes) -> WrittenPackage:
    """Write under a temporary name, flush and fsync, rename, then read back and compare.

    Only when this returns may the user pull the stick out.
    """
    final = folder / file_name
    temporary = folder / (file_name + TEMPORARY_SUFFIX)
    expected = hashlib.sha256(data).hexdigest()
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, final)
    finally:
        temporary.unlink(missing_ok=True)
    _fsync_folder(folder)
    if _read_back_sha256(final) != expected:
        raise WriteVerifyFailed(str(final))
    return WrittenPackage(final, expected, len(data))


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles for this."""
    if sys.platform == "win32":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _read_back_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        advise = getattr(os, "posix_fadvise", None)
        if advise is not None:  # drop the cached pages, so the bytes come from the device again
            try:
                advise(handle.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
            except OSError:
                pass
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
