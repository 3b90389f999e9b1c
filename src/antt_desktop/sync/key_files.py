"""The two key files: the public card units exchange, and the private key file kept at home.

Where the private keys live (issue #6 "private keys protected on disk"), and why:
the private key file sits in the data folder (`keys/` beside the database), created with
owner-only permissions (0600 in a 0700 folder on POSIX; on Windows the per-user
%LOCALAPPDATA% folder is already closed to other accounts), never inside the database.
So the database can be backed up, copied for support or restored without carrying the
unit's identity, and a restored backup cannot sign packages by itself. We chose this over a
passphrase (nacl.pwhash + SecretBox) because an office PC exports unattended from the
command line and a forgotten passphrase would cut a commune off from its higher unit;
the personal data itself sits in the same folder, so the OS account is the boundary either
way. The file records its `protection`, so a passphrase mode can be added without a new
format.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from antt_desktop.sync import crypto
from antt_desktop.sync.errors import KeyFileInvalid, PrivateKeyUnreadable

PUBLIC_FORMAT = "antt-public-key"
PRIVATE_FORMAT = "antt-private-key"
KEY_FILE_VERSION = 1
PUBLIC_KEY_SUFFIX = ".antt-key"
MAX_KEY_FILE_BYTES = 64 * 1024


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str, *, length: int) -> bytes:
    data = base64.b64decode(text.encode("ascii"), validate=True)
    if len(data) != length:
        raise ValueError(f"expected {length} bytes")
    return data


@dataclass(frozen=True, slots=True)
class PublicKeyCard:
    """What one unit hands another, by file, once: who it is and its two public keys."""

    unit_code: str
    unit_name: str
    province_code: str
    mode: str                   # commune / aggregator
    signing_key: bytes
    encryption_key: bytes
    created_at: datetime

    @property
    def fingerprint(self) -> str:
        return crypto.fingerprint(self.signing_key, self.encryption_key)

    def _signed_fields(self) -> dict:
        return {
            "format": PUBLIC_FORMAT, "version": KEY_FILE_VERSION, "unit_code": self.unit_code,
            "unit_name": self.unit_name, "province_code": self.province_code, "mode": self.mode,
            "signing_key": b64(self.signing_key), "encryption_key": b64(self.encryption_key),
            "created_at": self.created_at.isoformat(timespec="seconds"),
        }


def _canonical(fields: dict) -> bytes:
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def public_key_file_bytes(card: PublicKeyCard, signing_seed: bytes) -> bytes:
    """The card as JSON, self-signed so that a damaged or edited file is noticed."""
    fields = card._signed_fields()
    signature = crypto.sign(signing_seed, _canonical(fields))
    document = {**fields, "fingerprint": card.fingerprint, "self_signature": b64(signature)}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def read_public_key_file(data: bytes, file_name: str) -> PublicKeyCard:
    """Parse and check a card; raises KeyFileInvalid naming what is wrong."""
    if len(data) > MAX_KEY_FILE_BYTES:
        raise KeyFileInvalid(file_name, "too_large")
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise KeyFileInvalid(file_name, "not_json") from None
    if not isinstance(document, dict) or document.get("format") != PUBLIC_FORMAT:
        kind = document.get("format") if isinstance(document, dict) else None
        raise KeyFileInvalid(file_name, "private_key" if kind == PRIVATE_FORMAT else "not_a_key_file")
    if document.get("version") != KEY_FILE_VERSION:
        raise KeyFileInvalid(file_name, "newer_version")
    try:
        card = PublicKeyCard(
            unit_code=_text(document, "unit_code"), unit_name=_text(document, "unit_name"),
            province_code=_text(document, "province_code"), mode=_text(document, "mode"),
            signing_key=unb64(_text(document, "signing_key"), length=crypto.KEY_BYTES),
            encryption_key=unb64(_text(document, "encryption_key"), length=crypto.KEY_BYTES),
            created_at=datetime.fromisoformat(_text(document, "created_at")),
        )
        signature = unb64(_text(document, "self_signature"), length=crypto.SIGNATURE_BYTES)
    except (KeyError, TypeError, ValueError, binascii.Error):
        raise KeyFileInvalid(file_name, "missing_field") from None
    if card.mode not in ("commune", "aggregator") or not card.unit_code:
        raise KeyFileInvalid(file_name, "missing_field")
    if not crypto.signature_is_valid(card.signing_key, _canonical(card._signed_fields()), signature):
        raise KeyFileInvalid(file_name, "bad_signature")
    return card


def _text(document: dict, name: str) -> str:
    value = document[name]
    if not isinstance(value, str):
        raise TypeError(name)
    return value


# ---- the private key file ---------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PrivateKeyFile:
    unit_code: str
    keys: crypto.KeyPair
    created_at: datetime


def write_private_key_file(path: Path, unit_code: str, keys: crypto.KeyPair, created_at: datetime) -> None:
    """Create the file owner-only, atomically; an existing key file is never overwritten."""
    document = {
        "format": PRIVATE_FORMAT, "version": KEY_FILE_VERSION, "protection": "file-permissions",
        "unit_code": unit_code, "created_at": created_at.isoformat(timespec="seconds"),
        "signing_seed": b64(keys.signing_seed), "encryption_secret": b64(keys.encryption_secret),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    if sys.platform != "win32":
        os.chmod(path.parent, 0o700)
    temporary = path.with_name(path.name + ".dang-ghi")
    temporary.unlink(missing_ok=True)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(json.dumps(document, indent=2).encode("ascii"))
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            raise FileExistsError(str(path))
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def read_private_key_file(path: Path) -> PrivateKeyFile:
    try:
        if sys.platform != "win32" and path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)  # tighten a copy restored with loose permissions
        document = json.loads(path.read_bytes().decode("ascii"))
        if document.get("format") != PRIVATE_FORMAT or document.get("version") != KEY_FILE_VERSION:
            raise PrivateKeyUnreadable(str(path), "format")
        if document.get("protection") != "file-permissions":
            raise PrivateKeyUnreadable(str(path), "protection")
        keys = crypto.KeyPair(
            signing_seed=unb64(document["signing_seed"], length=crypto.KEY_BYTES),
            encryption_secret=unb64(document["encryption_secret"], length=crypto.KEY_BYTES),
        )
        return PrivateKeyFile(str(document["unit_code"]), keys,
                              datetime.fromisoformat(document["created_at"]))
    except PrivateKeyUnreadable:
        raise
    except FileNotFoundError:
        raise PrivateKeyUnreadable(str(path), "missing") from None
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError, binascii.Error):
        raise PrivateKeyUnreadable(str(path), "damaged") from None
