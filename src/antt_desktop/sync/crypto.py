"""libsodium through PyNaCl, and nothing hand-rolled (DESIGN §2.6).

- Signatures: Ed25519 (`nacl.signing`).
- Encryption for one or several recipients: the data is encrypted once with a random
  32-byte key by `nacl.secret.SecretBox` (XSalsa20-Poly1305, authenticated), and that key
  is sealed to each recipient's X25519 public key with `nacl.public.SealedBox` (ephemeral
  X25519 + XSalsa20-Poly1305). Reading needs the recipient's private key; any change to
  the sealed key or the data fails authentication.
- Fingerprints: SHA-256 over both public keys, shown as 20 digits in groups of five, easy
  to read aloud over the phone in Vietnamese (64 bits: forging a key with the same
  fingerprint costs ~2^64 key generations).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import nacl.exceptions
import nacl.public
import nacl.secret
import nacl.signing
import nacl.utils

KEY_BYTES = 32
SIGNATURE_BYTES = 64


class DecryptionFailed(Exception):
    """Authentication failed: a wrong key, or bytes that were altered."""


@dataclass(frozen=True, slots=True)
class KeyPair:
    """A unit's two private keys: the Ed25519 seed and the X25519 secret key (32 bytes each)."""

    signing_seed: bytes
    encryption_secret: bytes

    @property
    def signing_public(self) -> bytes:
        return bytes(nacl.signing.SigningKey(self.signing_seed).verify_key)

    @property
    def encryption_public(self) -> bytes:
        return bytes(nacl.public.PrivateKey(self.encryption_secret).public_key)


def generate_key_pair() -> KeyPair:
    return KeyPair(
        signing_seed=bytes(nacl.signing.SigningKey.generate()),
        encryption_secret=bytes(nacl.public.PrivateKey.generate()),
    )


def fingerprint(signing_public: bytes, encryption_public: bytes) -> str:
    """'01845 33920 71264 55018': the short form to compare by phone."""
    digest = hashlib.sha256(b"antt-key-v1\x00" + signing_public + encryption_public).digest()
    digits = f"{int.from_bytes(digest[:8], 'big'):020d}"
    return " ".join(digits[i:i + 5] for i in range(0, 20, 5))


def sign(signing_seed: bytes, message: bytes) -> bytes:
    """The 64-byte detached Ed25519 signature of `message`."""
    return nacl.signing.SigningKey(signing_seed).sign(message).signature


def signature_is_valid(signing_public: bytes, message: bytes, signature: bytes) -> bool:
    try:
        nacl.signing.VerifyKey(signing_public).verify(message, signature)
    except (nacl.exceptions.BadSignatureError, nacl.exceptions.ValueError, ValueError, TypeError):
        return False
    return True


def encrypt_for(recipients: Sequence[bytes], plaintext: bytes) -> tuple[list[bytes], bytes]:
    """Seal a fresh content key to each recipient's X25519 public key; encrypt `plaintext` once.

    Returns the sealed keys (in the order of `recipients`) and the ciphertext (nonce included).
    """
    content_key = nacl.utils.random(nacl.secret.SecretBox.KEY_SIZE)
    sealed = [nacl.public.SealedBox(nacl.public.PublicKey(r)).encrypt(content_key) for r in recipients]
    ciphertext = bytes(nacl.secret.SecretBox(content_key).encrypt(plaintext))
    return sealed, ciphertext


def open_content_key(sealed_key: bytes, encryption_secret: bytes) -> bytes:
    try:
        key = nacl.public.SealedBox(nacl.public.PrivateKey(encryption_secret)).decrypt(sealed_key)
    except (nacl.exceptions.CryptoError, nacl.exceptions.ValueError, ValueError, TypeError) as error:
        raise DecryptionFailed("sealed key") from error
    if len(key) != nacl.secret.SecretBox.KEY_SIZE:
        raise DecryptionFailed("sealed key length")
    return key


def decrypt(content_key: bytes, ciphertext: bytes) -> bytes:
    try:
        return nacl.secret.SecretBox(content_key).decrypt(ciphertext)
    except (nacl.exceptions.CryptoError, nacl.exceptions.ValueError, ValueError, TypeError) as error:
        raise DecryptionFailed("payload") from error
