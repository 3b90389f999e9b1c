"""The outer layout of a `.antt` file: who it is from and for, the encrypted archive, a checksum.

    MAGIC (8) | header length (4, big-endian) | header (JSON) | encrypted archive | SHA-256 (32) | END (8)

The header names the sender (unit code and public keys) and, for each recipient, its unit
code, its X25519 public key and the content key sealed to it. The archive is encrypted and
authenticated (crypto.encrypt_for). The trailing SHA-256 covers every byte before it; it is
no protection against an attacker (the signature inside and the authenticated encryption
are), but it tells a damaged copy (a flipped byte, a bad stick) from a tampered one, and the
end marker tells a truncated copy from both.
"""

from __future__ import annotations

import hashlib
import json
import struct
from dataclasses import dataclass

from antt_desktop.sync.errors import NotAPackage, PackageCorrupted, PackageTruncated, UnsupportedFormat
from antt_desktop.sync.key_files import b64, unb64
from antt_desktop.sync.manifest import PackageKind

MAGIC = b"ANTTPKG\x1a"
END_MAGIC = b"ANTTEND\x1a"
CONTAINER_VERSION = 1
CIPHER = "x25519-sealedbox+xsalsa20-poly1305"
MAX_HEADER_BYTES = 4 * 1024 * 1024
_LENGTH = struct.Struct(">I")
TRAILER_BYTES = 32 + len(END_MAGIC)
MIN_BYTES = len(MAGIC) + _LENGTH.size + 2 + TRAILER_BYTES


@dataclass(frozen=True, slots=True)
class SealedFor:
    unit_code: str
    encryption_key: bytes
    sealed_key: bytes


@dataclass(frozen=True, slots=True)
class ContainerHeader:
    container_version: int
    kind: PackageKind
    sender_unit_code: str
    sender_signing_key: bytes
    sender_encryption_key: bytes
    recipients: tuple[SealedFor, ...]


def pack(header: ContainerHeader, ciphertext: bytes) -> bytes:
    document = {
        "container": header.container_version, "kind": header.kind.value, "cipher": CIPHER,
        "sender": {"unit_code": header.sender_unit_code, "signing_key": b64(header.sender_signing_key),
                   "encryption_key": b64(header.sender_encryption_key)},
        "recipients": [{"unit_code": r.unit_code, "encryption_key": b64(r.encryption_key),
                        "sealed_key": b64(r.sealed_key)} for r in header.recipients],
    }
    header_bytes = json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8")
    body = b"".join((MAGIC, _LENGTH.pack(len(header_bytes)), header_bytes, ciphertext))
    return body + hashlib.sha256(body).digest() + END_MAGIC


def unpack(data: bytes, file_name: str) -> tuple[ContainerHeader, bytes]:
    """Split and check the layout; raises NotAPackage, PackageTruncated or PackageCorrupted."""
    if not data.startswith(MAGIC):
        if len(data) < len(MAGIC) and MAGIC.startswith(data):
            raise PackageTruncated(file_name, len(data))
        raise NotAPackage(file_name)
    if len(data) < MIN_BYTES or not data.endswith(END_MAGIC):
        raise PackageTruncated(file_name, len(data))
    body, checksum = data[:-TRAILER_BYTES], data[-TRAILER_BYTES:-len(END_MAGIC)]
    if hashlib.sha256(body).digest() != checksum:
        raise PackageCorrupted(file_name, "file")
    (header_length,) = _LENGTH.unpack_from(body, len(MAGIC))
    start = len(MAGIC) + _LENGTH.size
    if header_length > MAX_HEADER_BYTES or start + header_length > len(body):
        raise PackageCorrupted(file_name, "header")
    header = _parse_header(body[start:start + header_length], file_name)
    return header, body[start + header_length:]


def _parse_header(raw: bytes, file_name: str) -> ContainerHeader:
    try:
        document = json.loads(raw.decode("utf-8"))
        version = document["container"]
        if not isinstance(version, int) or isinstance(version, bool):
            raise TypeError("container")
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        raise PackageCorrupted(file_name, "header") from None
    if version > CONTAINER_VERSION:
        raise UnsupportedFormat(version, CONTAINER_VERSION)
    try:
        if document["cipher"] != CIPHER:
            raise ValueError("cipher")
        sender = document["sender"]
        return ContainerHeader(
            container_version=version,
            kind=PackageKind(document["kind"]),
            sender_unit_code=str(sender["unit_code"]),
            sender_signing_key=unb64(sender["signing_key"], length=32),
            sender_encryption_key=unb64(sender["encryption_key"], length=32),
            recipients=tuple(
                SealedFor(str(r["unit_code"]), unb64(r["encryption_key"], length=32),
                          unb64(r["sealed_key"], length=80))
                for r in document["recipients"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise PackageCorrupted(file_name, "header") from None
