"""The bundle's bytes: packing, signing, reading and verifying (see the package docstring)."""

from __future__ import annotations

import hashlib
import json
import struct
import zlib
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

MAGIC = b"COMUNA-SYNC\x01"
SIGNATURE_LENGTH = 64
MAX_HEADER = 64 * 1024
# The most a body may grow to once decompressed: a small bundle that inflates to gigabytes
# (a decompression bomb) is refused instead of filling the memory.
MAX_BODY = 512 * 1024 * 1024


class BundleError(Exception):
    """A bundle that cannot be trusted. ``code`` says why, as a word for programs:

    - ``truncated``: shorter than its header says (a transfer cut, a file not fully copied);
    - ``malformed``: not a bundle at all, or a header that cannot be read;
    - ``altered``: the body does not match the digest in the header;
    - ``signature``: the signature is not the given key's over these bytes;
    - ``too_large``: the body inflates beyond ``MAX_BODY``.
    """

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Bundle:
    header: dict[str, Any]
    body: dict[str, Any]


def key_generate() -> bytes:
    """A new Ed25519 private key, as its 32 raw bytes."""
    return Ed25519PrivateKey.generate().private_bytes(
        Encoding.Raw, PrivateFormat.Raw, NoEncryption()
    )


def key_public(private_key: bytes) -> bytes:
    """The 32 raw bytes of the public half of ``private_key``."""
    return (
        Ed25519PrivateKey.from_private_bytes(private_key)
        .public_key()
        .public_bytes(Encoding.Raw, PublicFormat.Raw)
    )


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def bundle_pack(
    header: dict[str, Any], body: dict[str, Any], private_key: bytes, *, level: int = 6
) -> bytes:
    """The signed bytes of a bundle. ``body_digest`` and ``body_length`` are added to the
    header here."""
    compressed = zlib.compress(_canonical(body), level)
    full = dict(header)
    full["body_digest"] = hashlib.sha256(compressed).hexdigest()
    full["body_length"] = len(compressed)
    head = _canonical(full)
    signed = MAGIC + struct.pack(">I", len(head)) + head + compressed
    signature = Ed25519PrivateKey.from_private_bytes(private_key).sign(signed)
    return signed + signature


def _split(data: bytes) -> tuple[dict[str, Any], bytes, bytes, bytes]:
    """(header, compressed body, signed bytes, signature), checking lengths only."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise BundleError("malformed", "not bytes")
    data = bytes(data)
    if len(data) < len(MAGIC) + 4:
        if MAGIC.startswith(data[: len(MAGIC)]) and data:
            raise BundleError("truncated", "the bundle ends before its header")
        raise BundleError("malformed", "this is not a Comuna bundle")
    if not data.startswith(MAGIC):
        raise BundleError("malformed", "this is not a Comuna bundle")
    (length,) = struct.unpack(">I", data[len(MAGIC) : len(MAGIC) + 4])
    if length > MAX_HEADER:
        raise BundleError("malformed", "the header is too long")
    start = len(MAGIC) + 4
    if len(data) < start + length:
        raise BundleError("truncated", "the bundle ends inside its header")
    try:
        header = json.loads(data[start : start + length].decode())
    except (UnicodeDecodeError, ValueError):
        raise BundleError("malformed", "the header cannot be read") from None
    if not isinstance(header, dict) or not isinstance(header.get("body_length"), int):
        raise BundleError("malformed", "the header has no body length")
    body_start = start + length
    body_end = body_start + header["body_length"]
    if header["body_length"] < 0:
        raise BundleError("malformed", "the header's body length is negative")
    if len(data) < body_end + SIGNATURE_LENGTH:
        raise BundleError("truncated", "the bundle is shorter than its header says")
    if len(data) > body_end + SIGNATURE_LENGTH:
        raise BundleError("altered", "the bundle is longer than its header says")
    return header, data[body_start:body_end], data[:body_end], data[body_end:]


def bundle_peek(data: bytes) -> dict[str, Any]:
    """The header, unverified: to find whose key should verify the bundle."""
    return _split(data)[0]


def bundle_verify(data: bytes, public_key: bytes) -> Bundle:
    """The bundle's header and body, after checking its length, its signature by
    ``public_key`` and its body's digest; ``BundleError`` otherwise."""
    header, compressed, signed, signature = _split(data)
    try:
        Ed25519PublicKey.from_public_bytes(bytes(public_key)).verify(signature, signed)
    except (InvalidSignature, ValueError):
        raise BundleError(
            "signature", "the signature is not the commune's key over these bytes"
        ) from None
    if hashlib.sha256(compressed).hexdigest() != header.get("body_digest"):
        raise BundleError("altered", "the body does not match its digest")
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(compressed, MAX_BODY)
    except zlib.error:
        raise BundleError("altered", "the body cannot be decompressed") from None
    if inflater.unconsumed_tail:
        raise BundleError("too_large", "the body is larger than a bundle may be")
    if not inflater.eof:
        raise BundleError("truncated", "the body ends before its end")
    try:
        body = json.loads(raw.decode())
    except (UnicodeDecodeError, ValueError):
        raise BundleError("malformed", "the body cannot be read") from None
    if not isinstance(body, dict):
        raise BundleError("malformed", "the body is not an object")
    return Bundle(header=header, body=body)
