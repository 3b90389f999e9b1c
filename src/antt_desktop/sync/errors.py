"""What can be wrong with a key file or a `.antt` package; `messages/sync.py` phrases each one.

Every error carries data, never sentences (STYLE §3). A package refused for any of these
reasons is refused before anything is written.
"""

from __future__ import annotations

from antt_desktop.domain.errors import DomainError, error_dataclass


@error_dataclass
class PackageError(DomainError):
    """Base of everything that makes a package unusable."""


@error_dataclass
class NotAPackage(PackageError):
    """The file does not start like a `.antt` package (wrong file, or its first bytes damaged)."""

    file_name: str


@error_dataclass
class PackageTruncated(PackageError):
    """The file stops before its end marker: copied incompletely, or the stick was pulled."""

    file_name: str
    size_bytes: int


@error_dataclass
class PackageCorrupted(PackageError):
    """The bytes differ from what was written: a flipped byte, a bad sector, an edit.

    `part` says where it was noticed: "file" (the whole-file checksum), "header",
    "key" (the sealed content key), "payload" (the authenticated encryption), "archive".
    """

    file_name: str
    part: str


@error_dataclass
class WrongRecipient(PackageError):
    """The package was encrypted for other units' keys, not for this one's."""

    recipients: tuple[str, ...]
    own_unit_code: str


@error_dataclass
class UntrustedSender(PackageError):
    """The signing key is not one this unit trusts; `known_unit` if the unit code is known
    with another key (the sender made new keys, or someone impersonates it)."""

    unit_code: str
    fingerprint: str
    known_unit: bool = False


@error_dataclass
class BadSignature(PackageError):
    """The manifest does not match its signature: it was altered after signing."""

    unit_code: str


@error_dataclass
class ForwardedPackage(PackageError):
    """Signed for another recipient, then re-encrypted for this one (surreptitious forwarding)."""

    unit_code: str
    signed_for: tuple[str, ...]


@error_dataclass
class EntryHashMismatch(PackageError):
    entry: str


@error_dataclass
class EntryMissing(PackageError):
    """The manifest lists an entry the archive lacks."""

    entry: str


@error_dataclass
class UnlistedEntry(PackageError):
    """The archive holds an entry the signed manifest does not list."""

    entry: str


@error_dataclass
class UnsafeEntryName(PackageError):
    """An entry name that could escape a folder (`../`, absolute, drive letter) or is not ours."""

    entry: str


@error_dataclass
class CompressionBomb(PackageError):
    """An entry that would inflate far beyond what a commune's data can be."""

    entry: str
    declared_bytes: int
    limit_bytes: int


@error_dataclass
class UnsupportedFormat(PackageError):
    """Made by a newer version of the program (or an unknown container)."""

    found: int
    supported: int


@error_dataclass
class ManifestInvalid(PackageError):
    """The manifest is signed correctly but a field is missing or of the wrong kind."""

    field: str


@error_dataclass
class WrongPackageKind(PackageError):
    """E.g. a receipt given to `package import`, or a commune package to `reference import`."""

    expected: str
    found: str


@error_dataclass
class PackageReplayed(PackageError):
    """The same or an older sequence number from this sender was applied already."""

    unit_code: str
    sequence: int
    last_sequence: int
    is_same_package: bool


@error_dataclass
class PackageContentInvalid(PackageError):
    """Signed and intact, but a row cannot be applied (a record of another unit, a bad value)."""

    table: str
    column: str
    detail: str


@error_dataclass
class PackageConflict(PackageError):
    """Applying would clash with records of another unit already here (the same id)."""

    table: str
    detail: str


@error_dataclass
class WrongUnitMode(PackageError):
    """E.g. a commune asked to import a commune package: only the higher unit does that."""

    operation: str       # commune_export / commune_import / reference_export
    mode: str


@error_dataclass
class PackageFromSelf(PackageError):
    unit_code: str


@error_dataclass
class ReceiptMismatch(PackageError):
    """A receipt for a package this unit did not export (another hash for the same number)."""

    sequence: int


@error_dataclass
class ReceiptForAnotherUnit(PackageError):
    unit_code: str
    own_unit_code: str


@error_dataclass
class WriteVerifyFailed(PackageError):
    """Read back from the stick, the file differs from what was written."""

    path: str


# ---- keys ---------------------------------------------------------------------------------

@error_dataclass
class KeyProblem(DomainError):
    """Base of key problems."""


@error_dataclass
class KeysMissing(KeyProblem):
    """This unit has no key pair yet (`antt keys init`)."""


@error_dataclass
class PrivateKeyUnreadable(KeyProblem):
    path: str
    reason: str


@error_dataclass
class PrivateKeyMismatch(KeyProblem):
    """The private key file does not belong to the public keys recorded in the database."""

    path: str


@error_dataclass
class KeyFileInvalid(KeyProblem):
    file_name: str
    reason: str


@error_dataclass
class OwnKeyFile(KeyProblem):
    """The user tried to trust this unit's own public key file."""

    unit_code: str


@error_dataclass
class FingerprintMismatch(KeyProblem):
    expected: str
    actual: str


@error_dataclass
class KeyAlreadyTrusted(KeyProblem):
    """The unit is trusted with another key; replacing it needs an explicit choice."""

    unit_code: str
    old_fingerprint: str
    new_fingerprint: str


@error_dataclass
class NoRecipient(KeyProblem):
    """A commune has not trusted its higher unit's key, so there is nobody to encrypt for."""


@error_dataclass
class ManyRecipients(KeyProblem):
    candidates: tuple[str, ...]


@error_dataclass
class UnknownRecipient(KeyProblem):
    unit_code: str
