"""This unit's key pairs and the units it trusts (issue #6: keys, fingerprints, trust by file).

The private keys live in one file in the data folder (see sync/key_files.py for where and
why); the database records the public halves, the unit's own and those it trusts.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from antt_desktop.domain import vn_text
from antt_desktop.domain.access import Permission
from antt_desktop.domain.units import Unit, UnitNotSetUp
from antt_desktop.services.context import ServiceContext
from antt_desktop.sync import crypto
from antt_desktop.sync.errors import (
    FingerprintMismatch,
    KeyAlreadyTrusted,
    KeysMissing,
    OwnKeyFile,
    PrivateKeyMismatch,
    PrivateKeyUnreadable,
)
from antt_desktop.sync.key_files import (
    PUBLIC_KEY_SUFFIX,
    PublicKeyCard,
    public_key_file_bytes,
    read_private_key_file,
    read_public_key_file,
    write_private_key_file,
)
from antt_desktop.sync.package_reader import OwnKeys, TrustedSender
from antt_desktop.sync.package_writer import Signer
from antt_desktop.sync.records import UnitKey


@dataclass(frozen=True, slots=True)
class OwnKeyInfo:
    unit_code: str
    unit_name: str
    mode: str
    fingerprint: str
    key_file: Path
    created: bool = False          # made by this call


@dataclass(frozen=True, slots=True)
class TrustOutcome:
    card: PublicKeyCard
    already_trusted: bool
    replaced: UnitKey | None


def normalise_fingerprint(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


class KeyService:
    def __init__(self, context: ServiceContext, key_file: Path) -> None:
        self._context = context
        self.key_file = key_file

    # ---- own keys -----------------------------------------------------------------------

    def own(self) -> OwnKeyInfo | None:
        """This unit's fingerprint, or None if no keys were made yet."""
        with self._context.new_uow() as uow:
            unit = uow.units.own()
            key = uow.sync.own_key()
        if unit is None or key is None:
            return None
        return OwnKeyInfo(unit.code, unit.name, unit.mode.value, key.fingerprint, self.key_file)

    def ensure(self, *, new: bool = False) -> OwnKeyInfo:
        """Make the key pairs if there are none (or, with `new`, replace lost or exposed ones)."""
        with self._context.new_uow() as uow:
            unit = uow.units.own()
            if unit is None:
                raise UnitNotSetUp()
            existing = uow.sync.own_key()
            if existing is not None and not new:
                self._load_checked(existing)
                return OwnKeyInfo(unit.code, unit.name, unit.mode.value, existing.fingerprint, self.key_file)
            self._context.require(Permission.MANAGE_SETTINGS)
            adopted = None
            if existing is None and not new and self.key_file.exists():
                adopted = read_private_key_file(self.key_file)   # a database restored without its keys row
                if adopted.unit_code != unit.code:
                    raise PrivateKeyMismatch(str(self.key_file))
            now = self._context.clock().replace(microsecond=0)
            if adopted is not None:
                pair = adopted.keys
            else:
                pair = crypto.generate_key_pair()
                if self.key_file.exists():
                    self._set_aside_old_key_file(now)
                write_private_key_file(self.key_file, unit.code, pair, now)
            if existing is not None:
                uow.sync.retire_key(existing.id)
            key = self._own_key_record(unit, pair, now)
            uow.sync.add_key(key)
            uow.audit.record(self._context.actor, "keys.created", "unit_key", key.id, unit.code,
                             before={"fingerprint": existing.fingerprint} if existing else None,
                             after={"fingerprint": key.fingerprint, "key_file": str(self.key_file)})
            uow.commit()
        return OwnKeyInfo(unit.code, unit.name, unit.mode.value, key.fingerprint, self.key_file, created=True)

    def _set_aside_old_key_file(self, now) -> None:
        self.key_file.replace(self.key_file.with_name(f"{self.key_file.name}.cu-{now:%Y%m%d-%H%M%S}"))

    def _own_key_record(self, unit: Unit, pair: crypto.KeyPair, now) -> UnitKey:
        return UnitKey(
            id=str(uuid.uuid4()), unit_code=unit.code, unit_name=unit.name, province_code=unit.province_code,
            mode=unit.mode.value, is_own=True, signing_key=pair.signing_public,
            encryption_key=pair.encryption_public, is_active=True, trusted_at=now,
            trusted_by=self._context.actor,
        )

    def _load_checked(self, own: UnitKey) -> crypto.KeyPair:
        stored = read_private_key_file(self.key_file)
        if (stored.unit_code != own.unit_code or stored.keys.signing_public != own.signing_key
                or stored.keys.encryption_public != own.encryption_key):
            raise PrivateKeyMismatch(str(self.key_file))
        return stored.keys

    def own_keys(self, uow) -> tuple[Unit, OwnKeys]:
        """For the package services, inside their unit of work."""
        unit = uow.units.own()
        if unit is None:
            raise UnitNotSetUp()
        own = uow.sync.own_key()
        if own is None:
            raise KeysMissing()
        try:
            pair = self._load_checked(own)
        except PrivateKeyUnreadable as error:
            if error.reason == "missing":
                raise KeysMissing() from None
            raise
        return unit, OwnKeys(unit.code, pair)

    def signer(self, uow) -> tuple[Unit, Signer]:
        unit, own = self.own_keys(uow)
        return unit, Signer(unit.code, unit.name, unit.mode.value, own.keys)

    @staticmethod
    def trusted_senders(uow) -> dict[bytes, TrustedSender]:
        return {key.signing_key: TrustedSender(key.unit_code, key.unit_name, key.mode, key.signing_key,
                                               key.encryption_key)
                for key in uow.sync.trusted_keys()}

    # ---- public key files ---------------------------------------------------------------

    def public_card(self) -> tuple[PublicKeyCard, crypto.KeyPair]:
        with self._context.new_uow() as uow:
            unit, own = self.own_keys(uow)
            created_at = uow.sync.own_key().trusted_at
        card = PublicKeyCard(unit.code, unit.name, unit.province_code, unit.mode.value,
                             own.keys.signing_public, own.keys.encryption_public, created_at)
        return card, own.keys

    def suggested_public_file_name(self) -> str:
        info = self.own()
        code = info.unit_code if info else "don-vi"
        return f"khoa-cong-khai-{code}{PUBLIC_KEY_SUFFIX}"

    def export_public(self, out: Path) -> OwnKeyInfo:
        """Write this unit's public key file (making the keys first if needed)."""
        info = self.ensure()
        card, pair = self.public_card()
        if out.is_dir():
            out = out / self.suggested_public_file_name()
        data = public_key_file_bytes(card, pair.signing_seed)
        temporary = out.with_name(out.name + ".dang-ghi")
        temporary.write_bytes(data)
        temporary.replace(out)
        return OwnKeyInfo(info.unit_code, info.unit_name, info.mode, info.fingerprint, out, info.created)

    def inspect_file(self, path: Path) -> PublicKeyCard:
        """Read and check another unit's public key file, to show its fingerprint before trusting."""
        return read_public_key_file(path.read_bytes(), path.name)

    def trust(self, path: Path, *, expected_fingerprint: str | None = None,
              replace: bool = False) -> TrustOutcome:
        """Trust the unit of a public key file, after its fingerprint was compared by phone."""
        self._context.require(Permission.MANAGE_SETTINGS)
        card = self.inspect_file(path)
        if expected_fingerprint is not None and (
                normalise_fingerprint(expected_fingerprint) != normalise_fingerprint(card.fingerprint)):
            raise FingerprintMismatch(expected_fingerprint, card.fingerprint)
        with self._context.new_uow() as uow:
            unit = uow.units.own()
            if unit is None:
                raise UnitNotSetUp()
            own = uow.sync.own_key()
            if card.unit_code == unit.code or (own is not None and own.signing_key == card.signing_key):
                raise OwnKeyFile(card.unit_code)
            same = uow.sync.key_by_signing_key(card.signing_key)
            if same is not None and same.is_active and not same.is_own:
                return TrustOutcome(card, True, None)
            current = [k for k in uow.sync.trusted_keys() if k.unit_code == card.unit_code]
            if current and not replace:
                raise KeyAlreadyTrusted(card.unit_code, current[0].fingerprint, card.fingerprint)
            for old in current:
                uow.sync.retire_key(old.id)
            now = self._context.clock().replace(microsecond=0)
            if same is not None:
                uow.sync.reactivate_key(same.id, self._context.actor)
                key_id = same.id
            else:
                key_id = str(uuid.uuid4())
                uow.sync.add_key(UnitKey(
                    id=key_id, unit_code=card.unit_code, unit_name=vn_text.normalize_text(card.unit_name),
                    province_code=card.province_code, mode=card.mode, is_own=False,
                    signing_key=card.signing_key, encryption_key=card.encryption_key, is_active=True,
                    trusted_at=now, trusted_by=self._context.actor,
                ))
            uow.audit.record(self._context.actor, "keys.trusted", "unit_key", key_id, card.unit_code,
                             before={"fingerprint": current[0].fingerprint} if current else None,
                             after={"unit_code": card.unit_code, "unit_name": card.unit_name,
                                    "mode": card.mode, "fingerprint": card.fingerprint})
            uow.commit()
        return TrustOutcome(card, False, current[0] if current else None)

    def distrust(self, unit_code: str) -> int:
        """Stop trusting a unit's key(s); its packages are refused from now on."""
        self._context.require(Permission.MANAGE_SETTINGS)
        with self._context.new_uow() as uow:
            current = [k for k in uow.sync.trusted_keys() if k.unit_code == unit_code]
            for key in current:
                uow.sync.retire_key(key.id)
            if current:
                uow.audit.record(self._context.actor, "keys.distrusted", "unit_key", current[0].id, unit_code,
                                 before={"fingerprint": current[0].fingerprint}, after=None)
                uow.commit()
        return len(current)

    def trusted(self) -> list[UnitKey]:
        with self._context.new_uow() as uow:
            return uow.sync.trusted_keys()
